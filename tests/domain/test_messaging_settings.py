"""Messaging's rules for the agency's settings, a person's email choices and preferences, a discussion's followers
and what it keeps of the agency: pure, called directly (no AWS); and each named refusal's status, code and field."""

from __future__ import annotations

import pytest

from chalicelib.messaging import domain
from chalicelib.messaging.domain import CLIENT, WORKER
from portalkit.errors import BadRequest, Conflict, Forbidden

NOW = 1_800_000_000


def test_a_settings_change_made_on_an_older_version_is_refused():
    current = domain.AgencySettings(version=3)
    with pytest.raises(Conflict) as stale:
        current.change({"discussions_enabled": False}, {}, expected_version=2, now=NOW)
    assert (stale.value.status, stale.value.code) == (409, "version_conflict")
    changed = current.change({"discussions_enabled": False}, {"message": domain.FULL}, expected_version=3, now=NOW)
    assert (changed.discussions_enabled, changed.version, changed.detail("message")) == (False, 4, domain.FULL)
    assert changed.detail("invoice_issued") == domain.FULL  # kinds not named keep their level


def test_new_lead_times_are_kept_longest_first_with_when_they_changed_and_the_same_ones_change_nothing():
    current = domain.AgencySettings()
    moved = current.change({"reminder_hours": [2, 72, 24]}, {}, expected_version=0, now=NOW)
    assert (moved.reminder_hours, moved.reminders_changed_at) == ((72, 24, 2), NOW)
    same = current.change({"reminder_hours": [2, 48]}, {}, expected_version=0, now=NOW)
    assert (same.reminder_hours, same.reminders_changed_at) == ((48, 2), None)  # nothing to plan again
    with pytest.raises(domain.InvalidLeadTimes) as refused:
        current.change({"reminder_hours": [2, 2]}, {}, expected_version=0, now=NOW)
    assert (refused.value.field, refused.value.code) == ("reminder_hours", "invalid_field")


def test_email_choices_name_kinds_the_person_receives_each_on_or_off():
    assert domain.email_choices(CLIENT, {"invoice_issued": False, "message": True}, None) == (
        {"invoice_issued"}, {"message"})
    assert domain.email_choices(WORKER, None, domain.SUBJECT_ONLY) == (set(), set())
    with pytest.raises(domain.NoPreferenceChange) as nothing:
        domain.email_choices(CLIENT, None, None)
    assert nothing.value.field == "email"
    with pytest.raises(domain.NotYourKind, match="choose among: message, event_requested") as not_staffs:
        domain.email_choices(WORKER, {"invoice_issued": True}, None)
    assert not_staffs.value.field == "email.invoice_issued"
    with pytest.raises(domain.NotTrueOrFalse, match="must be true or false") as vague:
        domain.email_choices(CLIENT, {"message": "yes"}, None)
    assert vague.value.field == "email.message"


def test_preferences_say_what_reaches_the_person_by_email_once_the_agency_and_their_consent_are_counted():
    person = domain.Contact("c1", "Casey", "c1@a.test", CLIENT, True, 1)
    mine = domain.preferences(CLIENT, domain.AgencySettings(), person, {"invoice_issued"}, domain.SUBJECT_ONLY)
    assert (mine["email_address"], mine["email_consent"], mine["agency_allows_email"]) == ("c1@a.test", True, True)
    assert set(mine["email"]) == set(domain.CLIENT_KINDS)
    assert (mine["email"]["invoice_issued"], mine["delivered_by_email"]["invoice_issued"]) == (False, False)
    assert mine["delivered_by_email"]["message"] and mine["delivered_detail"]["video_link"] == domain.SUBJECT_ONLY
    no_leave = domain.preferences(CLIENT, domain.AgencySettings(client_delivery_enabled=False), person, set(),
                                  domain.FULL)
    assert not no_leave["agency_allows_email"] and not any(no_leave["delivered_by_email"].values())
    assert domain.preferences(WORKER, domain.AgencySettings(client_delivery_enabled=False), person, set(),
                              domain.FULL)["delivered_by_email"]["event_requested"]  # the leave is for clients
    unknown = domain.preferences(CLIENT, domain.AgencySettings(), None, set(), domain.FULL)  # roster not heard of
    assert unknown["email_address"] is None and not any(unknown["delivered_by_email"].values())


def test_a_discussions_followers_are_its_author_its_client_while_in_the_service_and_the_providers():
    service = domain.ServiceFile("s1", "S", "open", frozenset({"w2", "w1"}), frozenset({"c1"}), 1)
    assert domain.followers("w2", "c1", service) == ["w2", "c1", "w1"]
    assert domain.followers("a1", "c9", service) == ["a1", "w1", "w2"]  # c9 left the service
    crowded = domain.ServiceFile("s1", "S", "open", frozenset(f"w{i:02d}" for i in range(30)), frozenset(), 1)
    assert len(domain.followers("a1", "c1", crowded)) == domain.MAX_RECIPIENTS


@pytest.mark.parametrize(("data", "facts"), [
    ({"agency_name": "Demo agency", "cancellation_window_hours": 48}, domain.AgencyFacts("Demo agency", 48)),
    ({"cancellation_window_hours": 0}, domain.AgencyFacts(None, 0)),
    ({"agency_name": "", "cancellation_window_hours": -1}, domain.AgencyFacts(None, 24)),
    ({"agency_name": 7, "cancellation_window_hours": True}, domain.AgencyFacts(None, 24)),
    ({}, domain.AgencyFacts(None, domain.DEFAULT_CANCELLATION_WINDOW_HOURS)),
])
def test_the_agencys_facts_keep_a_name_when_given_and_requests_default_window_when_none_reads(data, facts):
    assert domain.AgencyFacts.from_message(data) == facts


@pytest.mark.parametrize(("error", "status", "code", "field"), [
    (domain.UnknownService("service_id", "m"), 400, "unknown_service", "service_id"),
    (domain.UnknownClient("client_id", "m"), 400, "unknown_client", "client_id"),
    (domain.ForeignCursor("cursor", "m"), 400, "invalid_field", "cursor"),
    (domain.NoPreferenceChange("email", "m"), 400, "invalid_field", "email"),
    (domain.NotYourKind("email.x", "m"), 400, "invalid_field", "email.x"),
    (domain.NotTrueOrFalse("email.x", "m"), 400, "invalid_field", "email.x"),
    (domain.InvalidLeadTimes("reminder_hours", "m"), 400, "invalid_field", "reminder_hours"),
    (domain.NotTheEventsWorker("m"), 403, "forbidden", None),
    (domain.DiscussionsDisabled("m"), 403, "discussions_disabled", None),
    (domain.Busy("m"), 409, "busy", None),
    (domain.MessageLimitReached("m"), 409, "message_limit_reached", None),
    (domain.ServiceClosed("m"), 409, "service_closed", None),
])
def test_each_refusal_answers_the_status_code_and_field_clients_know(error, status, code, field):
    assert isinstance(error, {400: BadRequest, 403: Forbidden, 409: Conflict}[status])
    assert error.status == status
    assert error.body() == {"error": {"code": code, "message": "m", **({"field": field} if field else {})}}
