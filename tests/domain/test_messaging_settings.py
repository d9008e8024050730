"""Messaging's rules for the agency's settings, a person's email choices and what it keeps of the agency: pure,
called directly (no AWS); and each named refusal's status, code and field."""

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
