"""Messaging's rules for the agency's settings and a person's email choices, called directly (no AWS): what a change
of settings or preferences accepts (schemas.py), which kinds each role chooses, who gets an email and why not, how
much it says, and the settings' defaults and versions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.messaging import domain as d
from chalicelib.messaging import schemas as s
from chalicelib.messaging.domain import CLIENT, FULL, SUBJECT_ONLY, WORKER
from portalkit.errors import Conflict
from portalkit.schema import decode_body
from tests.domain.refusals import body_refusal

NOW = 1_800_000_000


def refused(model, body) -> tuple:
    error = body_refusal(model, body)
    return error.field, error.code, error.message


def person(consent=True, email="p@a.test", off=(), detail=FULL) -> d.Contact:
    return d.Contact("p", "P", email, "client", consent, 1, frozenset(off), detail)


# -- what a change of settings accepts ---------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"discussions_enabled": False}, ("version", "missing_field", "version is required."),
                 id="no-version"),
    pytest.param({"version": -1}, ("version", "invalid_field", "version must be at least 0."), id="negative-version"),
    pytest.param({"version": "1"}, ("version", "invalid_field", "version must be an integer."), id="version-as-text"),
    pytest.param({"version": 1, "discussions_enabled": "no"},
                 ("discussions_enabled", "invalid_field", "discussions_enabled must be true or false."),
                 id="discussions-not-a-boolean"),
    pytest.param({"version": 1, "reminders_enabled": 1},
                 ("reminders_enabled", "invalid_field", "reminders_enabled must be true or false."),
                 id="reminders-not-a-boolean"),
    pytest.param({"version": 1, "email_detail": "full"},
                 ("email_detail", "invalid_field", "email_detail must be an object."), id="one-level-for-all"),
    pytest.param({"version": 1, "email_detail": {"invoice_issued": "everything"}},
                 ("email_detail.invoice_issued", "invalid_field",
                  "email_detail.invoice_issued must be one of: full, subject_only."), id="no-such-level"),
    pytest.param({"version": 1, "reminder_hours": []},
                 ("reminder_hours", "invalid_field", "reminder_hours must have at least 1 item."), id="no-lead-time"),
    pytest.param({"version": 1, "reminder_hours": [1, 2, 3, 4]},
                 ("reminder_hours", "invalid_field", "reminder_hours must have at most 3 items."),
                 id="four-lead-times"),
    pytest.param({"version": 1, "reminder_hours": [0]},
                 ("reminder_hours[0]", "invalid_field", "reminder_hours[0] must be at least 1."), id="zero-hours"),
    pytest.param({"version": 1, "reminder_hours": [337]},
                 ("reminder_hours[0]", "invalid_field", "reminder_hours[0] must be at most 336."), id="337-hours"),
    pytest.param({"version": 1, "reminder_hours": [24, 2.5]},
                 ("reminder_hours[1]", "invalid_field", "reminder_hours[1] must be an integer."), id="half-hours"),
])
def test_a_settings_change_names_its_version_and_each_setting_in_its_type_and_bounds(body, said):
    assert refused(s.SettingsChange, body) == said


def test_a_settings_change_naming_a_kind_no_one_receives_is_refused_with_the_kinds_there_are():
    field, code, message = refused(s.SettingsChange, {"version": 1, "email_detail": {"gossip": "full"}})
    assert (field, code) == ("email_detail.gossip", "invalid_field")
    assert message.startswith("email_detail.gossip is not a known key; choose among: ") and "invoice_issued" in message


def test_a_settings_change_takes_every_lead_time_from_1_to_336_hours_and_the_version_alone():
    change = decode_body(json.dumps({"version": 0, "reminder_hours": [1, 336, 2]}), s.SettingsChange)
    assert (change.version, change.reminder_hours, change.discussions_enabled) == (0, [1, 336, 2], None)
    assert decode_body(json.dumps({"version": 7, "email_detail": {k: SUBJECT_ONLY for k in d.KINDS}}),
                       s.SettingsChange).email_detail == dict.fromkeys(d.KINDS, SUBJECT_ONLY)


# -- the agency's settings: defaults, versions, lead times -------------------------------------------------------


def test_the_default_settings_keep_what_people_write_in_the_portal_and_say_everything_else_in_full():
    view = d.AgencySettings().view()
    assert (view["discussions_enabled"], view["client_delivery_enabled"], view["version"]) == (True, True, 0)
    assert (view["reminders_enabled"], view["reminder_hours"]) == (True, [48, 2])
    assert set(view["email_detail"]) == set(d.KINDS)
    assert {k for k, level in view["email_detail"].items() if level == SUBJECT_ONLY} == {d.MESSAGE}


@pytest.mark.parametrize(("changes", "email_detail", "expected"), [
    pytest.param({"discussions_enabled": False}, {}, {"discussions_enabled": False}, id="discussions-off"),
    pytest.param({"client_delivery_enabled": False}, {}, {"client_delivery_enabled": False}, id="client-email-off"),
    pytest.param({"reminders_enabled": False}, {}, {"reminders_enabled": False}, id="reminders-off"),
    pytest.param({}, {d.MESSAGE: FULL}, {"email_detail": {**d.DEFAULT_DETAIL, d.MESSAGE: FULL}},
                 id="messages-in-full"),
    pytest.param({}, {d.INVOICE_ISSUED: SUBJECT_ONLY}, {"email_detail": {**d.DEFAULT_DETAIL,
                                                                          d.INVOICE_ISSUED: SUBJECT_ONLY}},
                 id="invoices-subject-only"),
    pytest.param({"reminder_hours": [24]}, {}, {"reminder_hours": [24]}, id="one-lead-time"),
    pytest.param({}, {}, {}, id="nothing-but-the-version"),
])
def test_a_change_on_the_version_read_changes_what_it_names_and_the_version_only(changes, email_detail, expected):
    before = d.AgencySettings(version=4)
    after = before.change(changes, email_detail, expected_version=4, now=NOW)
    assert after.view() == {**before.view(), **expected, "version": 5}


def test_a_second_change_keeps_the_first_changes_detail_levels():
    first = d.AgencySettings().change({}, {d.INVOICE_ISSUED: SUBJECT_ONLY}, expected_version=0, now=NOW)
    second = first.change({}, {d.MESSAGE: FULL}, expected_version=1, now=NOW)
    assert (second.detail(d.INVOICE_ISSUED), second.detail(d.MESSAGE), second.version) == (SUBJECT_ONLY, FULL, 2)


@pytest.mark.parametrize(("current", "read"), [
    pytest.param(0, 1, id="read-a-version-that-never-was"),
    pytest.param(3, 2, id="another-admin-changed-it-since"),
])
def test_a_change_made_on_another_version_is_a_version_conflict(current, read):
    with pytest.raises(Conflict) as stale:
        d.AgencySettings(version=current).change({"discussions_enabled": False}, {}, expected_version=read, now=NOW)
    assert (stale.value.status, stale.value.code) == (409, "version_conflict")


@pytest.mark.parametrize(("hours", "kept"), [
    pytest.param([24], (24,), id="one"),
    pytest.param([2, 48], (48, 2), id="two-longest-first"),
    pytest.param([1, 336, 24], (336, 24, 1), id="three-at-the-bounds"),
])
def test_lead_times_are_kept_longest_first(hours, kept):
    assert d.reminder_hours(hours) == kept


@pytest.mark.parametrize(("hours", "message"), [
    pytest.param([], "Give at least one lead time, or turn reminders off (reminders_enabled).", id="none"),
    pytest.param([1, 2, 3, 4], "At most 3 reminders per event.", id="four"),
    pytest.param([5, 5], "Each lead time can be given once.", id="twice"),
    pytest.param([2, 48, 2], "Each lead time can be given once.", id="twice-among-three"),
])
def test_lead_times_are_one_to_three_each_given_once(hours, message):
    with pytest.raises(d.InvalidLeadTimes) as refused_hours:
        d.reminder_hours(hours)
    assert (refused_hours.value.field, refused_hours.value.code, refused_hours.value.message) == (
        "reminder_hours", "invalid_field", message)


@pytest.mark.parametrize(("before", "hours", "changed_at"), [
    pytest.param(d.AgencySettings(), [72, 24], NOW, id="new-lead-times"),
    pytest.param(d.AgencySettings(), [2, 48], None, id="the-defaults-in-another-order"),
    pytest.param(d.AgencySettings(reminder_hours=(24,), reminders_changed_at=NOW - 99), [24], NOW - 99,
                 id="the-same-keep-when-they-changed"),
    pytest.param(d.AgencySettings(reminder_hours=(24,), reminders_changed_at=NOW - 99), [24, 1], NOW,
                 id="one-added"),
])
def test_when_the_lead_times_changed_is_kept_only_when_they_did(before, hours, changed_at):
    after = before.change({"reminder_hours": hours}, {}, expected_version=0, now=NOW)
    assert (after.reminder_hours, after.reminders_changed_at) == (tuple(sorted(hours, reverse=True)), changed_at)


def test_turning_reminders_off_or_other_settings_does_not_count_as_new_lead_times():
    after = d.AgencySettings().change({"reminders_enabled": False, "discussions_enabled": False}, {},
                                      expected_version=0, now=NOW)
    assert after.reminders_changed_at is None


# -- what a change of preferences accepts, and which kinds each role chooses -------------------------------------


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"email": []}, ("email", "invalid_field", "email must be an object."), id="a-list"),
    pytest.param({"email": {"message": "no"}},
                 ("email.message", "invalid_field", "email.message must be true or false."), id="on-as-text"),
    pytest.param({"email": {"message": None}},
                 ("email.message", "invalid_field", "email.message must be true or false."), id="on-as-null"),
    pytest.param({"email_detail": "everything"},
                 ("email_detail", "invalid_field", "email_detail must be one of: full, subject_only."),
                 id="no-such-level"),
    pytest.param({"email": {}, "name": "Casey"}, ("name", "unknown_field", "name is not a known field."),
                 id="another-field"),
])
def test_a_change_of_preferences_turns_kinds_on_or_off_and_names_a_level_there_is(body, said):
    assert refused(s.PreferencesChange, body) == said


def test_a_change_of_preferences_may_not_name_a_kind_nobody_receives():
    field, code, message = refused(s.PreferencesChange, {"email": {"gossip": True}})
    assert (field, code) == ("email.gossip", "invalid_field") and "choose among: " in message


STAFF_ONLY = sorted(set(d.STAFF_KINDS) - set(d.CLIENT_KINDS))  # a request, a failed proposal, a withdrawal


@pytest.mark.parametrize(("role", "kind"), [pytest.param(CLIENT, k, id=f"client-{k}") for k in STAFF_ONLY] + [
    pytest.param(WORKER, d.INVOICE_ISSUED, id="worker-invoices"),
    pytest.param(WORKER, d.TIME_PROPOSED, id="worker-a-clients-proposal"),
    pytest.param("admin", d.SERVICE_DECLINED, id="admin-a-clients-service-declined"),
])
def test_a_person_chooses_only_the_kinds_their_role_receives(role, kind):
    with pytest.raises(d.NotYourKind) as refusal:
        d.email_choices(role, {kind: False}, None)
    allowed = d.CLIENT_KINDS if role == CLIENT else d.STAFF_KINDS
    assert (refusal.value.field, refusal.value.code, refusal.value.message) == (
        f"email.{kind}", "invalid_field",
        f"{kind} is not a kind of notification you receive; choose among: {', '.join(allowed)}.")


@pytest.mark.parametrize(("role", "email", "detail", "off_on"), [
    pytest.param(CLIENT, {d.INVOICE_ISSUED: False, d.MESSAGE: True}, None, ({d.INVOICE_ISSUED}, {d.MESSAGE}),
                 id="client-off-and-on"),
    pytest.param(WORKER, {d.EVENT_REQUESTED: False, d.EVENT_REMINDER: False}, None,
                 ({d.EVENT_REQUESTED, d.EVENT_REMINDER}, set()), id="worker-two-off"),
    pytest.param(CLIENT, {d.EVENT_REMINDER: True}, None, (set(), {d.EVENT_REMINDER}), id="reminders-a-client-kind"),
    pytest.param(WORKER, {d.EVENT_REMINDER: True}, None, (set(), {d.EVENT_REMINDER}), id="reminders-a-staff-kind"),
    pytest.param(CLIENT, None, SUBJECT_ONLY, (set(), set()), id="a-level-alone"),
    pytest.param(CLIENT, {}, None, (set(), set()), id="no-kinds-named-but-email-given"),
])
def test_a_persons_choices_are_the_kinds_they_turn_off_and_on(role, email, detail, off_on):
    assert d.email_choices(role, email, detail) == off_on


@pytest.mark.parametrize(("email", "detail", "error", "field", "message"), [
    pytest.param(None, None, d.NoPreferenceChange, "email",
                 "Name the kinds of email to turn on or off (email), or a detail level (email_detail).",
                 id="nothing-named"),
    pytest.param({d.MESSAGE: "yes"}, None, d.NotTrueOrFalse, "email.message", "email.message must be true or false.",
                 id="on-as-text"),
    pytest.param({d.MESSAGE: 1}, None, d.NotTrueOrFalse, "email.message", "email.message must be true or false.",
                 id="on-as-a-number"),
])
def test_a_change_of_preferences_names_something_and_turns_each_kind_on_or_off(email, detail, error, field, message):
    with pytest.raises(error) as refusal:
        d.email_choices(CLIENT, email, detail)
    assert (refusal.value.field, refusal.value.code, refusal.value.message) == (field, "invalid_field", message)


# -- who gets an email and why not -------------------------------------------------------------------------------


@pytest.mark.parametrize(("settings", "contact", "audience", "kind", "why"), [
    pytest.param(d.AgencySettings(), person(), CLIENT, d.INVOICE_ISSUED, None, id="client-gets-it"),
    pytest.param(d.AgencySettings(), None, CLIENT, d.INVOICE_ISSUED, d.UNKNOWN_PERSON, id="not-on-the-roster-yet"),
    pytest.param(d.AgencySettings(), person(email=""), CLIENT, d.INVOICE_ISSUED, d.NO_EMAIL, id="no-address"),
    pytest.param(d.AgencySettings(), person(consent=False), CLIENT, d.INVOICE_ISSUED, d.NO_CONSENT, id="no-consent"),
    pytest.param(d.AgencySettings(client_delivery_enabled=False), person(), CLIENT, d.INVOICE_ISSUED,
                 d.AGENCY_EMAIL_OFF, id="agency-sends-clients-none"),
    pytest.param(d.AgencySettings(), person(off={d.INVOICE_ISSUED}), CLIENT, d.INVOICE_ISSUED, d.OPTED_OUT,
                 id="turned-this-kind-off"),
    pytest.param(d.AgencySettings(), person(off={d.MESSAGE}), CLIENT, d.INVOICE_ISSUED, None,
                 id="turned-another-kind-off"),
    pytest.param(d.AgencySettings(client_delivery_enabled=False), person(), WORKER, d.EVENT_REQUESTED, None,
                 id="agencys-switch-is-for-clients-only"),
    pytest.param(d.AgencySettings(client_delivery_enabled=False), person(consent=False), WORKER, d.EVENT_REQUESTED,
                 d.NO_CONSENT, id="staff-need-consent-too"),
    pytest.param(d.AgencySettings(), person(off={d.EVENT_REMINDER}), WORKER, d.EVENT_REMINDER, d.OPTED_OUT,
                 id="worker-turned-reminders-off"),
    # When several hold, the first reason in this order is given: the person can act on it.
    pytest.param(d.AgencySettings(client_delivery_enabled=False), person(email="", consent=False), CLIENT,
                 d.INVOICE_ISSUED, d.NO_EMAIL, id="no-address-before-no-consent"),
    pytest.param(d.AgencySettings(client_delivery_enabled=False), person(consent=False), CLIENT, d.INVOICE_ISSUED,
                 d.NO_CONSENT, id="no-consent-before-the-agencys-switch"),
    pytest.param(d.AgencySettings(client_delivery_enabled=False), person(off={d.INVOICE_ISSUED}), CLIENT,
                 d.INVOICE_ISSUED, d.AGENCY_EMAIL_OFF, id="the-agencys-switch-before-the-persons-choice"),
])
def test_an_email_goes_with_an_address_consent_the_agencys_leave_for_clients_and_the_persons_wish(settings, contact,
                                                                                                   audience, kind,
                                                                                                   why):
    assert d.why_no_email(settings, contact, audience, kind) == why
    assert d.email_allowed(settings, contact, audience, kind) is (why is None)


@pytest.mark.parametrize(("first", "second", "private"), [
    pytest.param(FULL, FULL, FULL, id="both-full"),
    pytest.param(FULL, SUBJECT_ONLY, SUBJECT_ONLY, id="agency-full-person-subject"),
    pytest.param(SUBJECT_ONLY, FULL, SUBJECT_ONLY, id="agency-subject-person-full"),
    pytest.param(SUBJECT_ONLY, SUBJECT_ONLY, SUBJECT_ONLY, id="both-subject"),
    pytest.param(SUBJECT_ONLY, "unheard_of", "unheard_of", id="an-unknown-level-says-least"),
])
def test_of_two_detail_levels_the_one_that_says_less_wins(first, second, private):
    assert d.more_private(first, second) == private


@given(st.sampled_from([*d.DETAIL_LEVELS, "unheard_of"]), st.sampled_from([*d.DETAIL_LEVELS, "unheard_of"]))
def test_the_more_private_level_is_one_of_the_two_whatever_their_order(first, second):
    assert d.more_private(first, second) == d.more_private(second, first) in (first, second)


@pytest.mark.parametrize(("agency", "contact", "kind", "detail"), [
    pytest.param({}, person(), d.INVOICE_ISSUED, FULL, id="defaults-invoice-full"),
    pytest.param({}, person(), d.MESSAGE, SUBJECT_ONLY, id="defaults-message-subject-only"),
    pytest.param({d.MESSAGE: FULL}, person(), d.MESSAGE, FULL, id="agency-sends-messages-in-full"),
    pytest.param({d.MESSAGE: FULL}, person(detail=SUBJECT_ONLY), d.MESSAGE, SUBJECT_ONLY,
                 id="person-asks-for-less-than-the-agency"),
    pytest.param({d.INVOICE_ISSUED: SUBJECT_ONLY}, person(detail=FULL), d.INVOICE_ISSUED, SUBJECT_ONLY,
                 id="full-never-more-than-the-agency"),
    pytest.param({}, None, d.VIDEO_LINK, FULL, id="not-on-the-roster-the-agencys-level"),
])
def test_an_email_says_the_more_private_of_the_agencys_level_for_its_kind_and_the_persons_own(agency, contact, kind,
                                                                                               detail):
    assert d.email_detail(d.AgencySettings(email_detail=agency), contact, kind) == detail


# -- a person's preferences as they read them --------------------------------------------------------------------


def test_a_workers_preferences_list_the_staff_kinds_and_the_agencys_switch_never_stops_them():
    worker = d.Contact("w1", "Wes", "w1@a.test", WORKER, True, 1)
    mine = d.preferences(WORKER, d.AgencySettings(client_delivery_enabled=False), worker, {d.EVENT_REMINDER}, FULL)
    assert list(mine["email"]) == list(d.STAFF_KINDS) and mine["agency_allows_email"] is True
    assert [k for k, on in mine["delivered_by_email"].items() if not on] == [d.EVENT_REMINDER]


def test_without_consent_nothing_is_delivered_by_email_whatever_the_persons_choices():
    mine = d.preferences(CLIENT, d.AgencySettings(), person(consent=False), set(), FULL)
    assert mine["email_consent"] is False and all(mine["email"].values())
    assert not any(mine["delivered_by_email"].values())


def test_preferences_show_the_agencys_reminders_and_each_kinds_delivered_level():
    settings = d.AgencySettings(reminders_enabled=False, reminder_hours=(24,),
                                email_detail={d.INVOICE_ISSUED: SUBJECT_ONLY})
    mine = d.preferences(CLIENT, settings, person(), set(), FULL)
    assert (mine["reminders_enabled"], mine["reminder_hours"], mine["email_detail"]) == (False, [24], FULL)
    assert {k for k, level in mine["delivered_detail"].items() if level == SUBJECT_ONLY} == {d.INVOICE_ISSUED,
                                                                                             d.MESSAGE}
