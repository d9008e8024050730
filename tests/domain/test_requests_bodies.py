"""What the requests service's bodies and queries accept: each field's bounds, refused naming the field (pure).

The routes decode every body with `decode_body` and every query with `decode_query` before a handler runs; these
are the limits schemas.py declares (a name's length, a list's size, a setting's range, an instant's offset).
"""

from __future__ import annotations

import json

import pytest

from chalicelib.requests import domain as d
from chalicelib.requests import schemas as s
from portalkit.errors import BadRequest
from portalkit.schema import decode_body, decode_query
from tests.domain.refusals import body_refusal

PERSON = {"person_id": "c1", "name": "Casey Doe", "email": "c1@a.test", "role": "client"}
SERVICE = {"name": "Family support", "open_date": "2026-11-23", "provider_ids": ["w1"], "participant_ids": ["c2"]}
REQUEST = {"service_id": "s1", "worker_id": "w1", "start": "2026-11-25T15:00:00Z"}
EVENT = {"service_id": "s1", "start": "2026-11-25T15:00:00Z", "end": "2026-11-25T16:00:00Z"}


def refused(model, body: dict) -> tuple:
    """(code, field) of the 400 a body gets."""
    error = body_refusal(model, body)
    assert error.status == 400
    return error.code, error.field


def ids(n: int, prefix: str = "p") -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


# -- the roster ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change, expected", [
    pytest.param({"name": None}, ("missing_field", "name"), id="no-name"),
    pytest.param({"name": ""}, ("invalid_field", "name"), id="empty-name"),
    pytest.param({"name": "   "}, ("invalid_field", "name"), id="blank-name"),
    pytest.param({"name": "x" * 201}, ("invalid_field", "name"), id="name-201-characters"),
    pytest.param({"email": "not-an-email"}, ("invalid_field", "email"), id="email-without-at"),
    pytest.param({"email": "c1@localhost"}, ("invalid_field", "email"), id="email-without-a-dot-in-its-domain"),
    pytest.param({"role": "boss"}, ("invalid_field", "role"), id="unknown-role"),
    pytest.param({"person_id": "has space"}, ("invalid_field", "person_id"), id="person-id-with-a-space"),
    pytest.param({"person_id": "a" * 65}, ("invalid_field", "person_id"), id="person-id-65-characters"),
    pytest.param({"person_id": "-c1"}, ("invalid_field", "person_id"), id="person-id-starting-with-a-dash"),
    pytest.param({"email_consent": "yes"}, ("invalid_field", "email_consent"), id="consent-not-a-boolean"),
    pytest.param({"person_id": "c1\n"}, ("invalid_field", "person_id"), id="person-id-ending-in-a-newline"),
    pytest.param({"email": "c1@a.test\n"}, ("invalid_field", "email"), id="email-ending-in-a-newline"),
])
def test_a_new_person_is_refused_naming_the_field(change, expected):
    body = {k: v for k, v in {**PERSON, **change}.items() if v is not None}
    assert refused(s.NewPerson, body) == expected


def test_a_new_person_at_every_limit_is_accepted():
    body = {**PERSON, "person_id": "A" + "b_-9" * 15 + "xyz", "name": "x" * 200, "role": "admin",
            "email_consent": True}
    person = decode_body(json.dumps(body), s.NewPerson)
    assert (len(person.person_id), len(person.name), person.role, person.email_consent) == (64, 200, "admin", True)


def test_a_person_change_may_leave_everything_out_but_not_send_a_bad_value():
    assert decode_body(b"{}", s.PersonChange) == s.PersonChange()
    assert refused(s.PersonChange, {"role": "owner"}) == ("invalid_field", "role")
    assert refused(s.PersonChange, {"person_id": "c2"}) == ("unknown_field", "person_id")  # an id never changes


# -- the agency's settings -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change, expected", [
    pytest.param({"version": None}, ("missing_field", "version"), id="no-version-read"),
    pytest.param({"version": -1}, ("invalid_field", "version"), id="negative-version"),
    pytest.param({"max_open_requests": 0}, ("invalid_field", "max_open_requests"), id="no-open-request-allowed"),
    pytest.param({"max_open_requests": 21}, ("invalid_field", "max_open_requests"), id="21-open-requests"),
    pytest.param({"cancellation_window_hours": -1}, ("invalid_field", "cancellation_window_hours"),
                 id="negative-window"),
    pytest.param({"cancellation_window_hours": 24 * 14 + 1}, ("invalid_field", "cancellation_window_hours"),
                 id="window-past-two-weeks"),
    pytest.param({"video_sessions_enabled": "no"}, ("invalid_field", "video_sessions_enabled"),
                 id="switch-not-a-boolean"),
    pytest.param({"agency_name": "x" * 201}, ("invalid_field", "agency_name"), id="agency-name-201-characters"),
])
def test_a_settings_change_is_refused_naming_the_setting(change, expected):
    body = {k: v for k, v in {"version": 1, **change}.items() if v is not None}
    assert refused(s.SettingsChange, body) == expected


@pytest.mark.parametrize("change", [
    pytest.param({"max_open_requests": 1}, id="one-open-request"),
    pytest.param({"max_open_requests": 20}, id="twenty-open-requests"),
    pytest.param({"cancellation_window_hours": 0}, id="no-window"),
    pytest.param({"cancellation_window_hours": 336}, id="two-week-window"),
    pytest.param({"agency_name": ""}, id="empty-agency-name-removes-it"),
    pytest.param({"agency_name": "x" * 200}, id="agency-name-200-characters"),
])
def test_a_settings_change_at_each_limit_is_accepted(change):
    decoded = decode_body(json.dumps({"version": 0, **change}), s.SettingsChange)
    (name, value), = change.items()
    assert getattr(decoded, name) == value


@pytest.mark.parametrize("typed, kept", [
    pytest.param("  Riverside   Family\tServices ", "Riverside Family Services", id="spaces-collapsed"),
    pytest.param("Riverside", "Riverside", id="as-typed"),
    pytest.param("", None, id="empty-removes-it"),
    pytest.param(" \t ", None, id="only-spaces-removes-it"),
])
def test_the_agencys_name_is_kept_with_its_spaces_collapsed_and_empty_text_removes_it(typed, kept):
    assert d.agency_name(typed) == kept


# -- service files ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change, expected", [
    pytest.param({"name": ""}, ("invalid_field", "name"), id="empty-name"),
    pytest.param({"open_date": "23/11/2026"}, ("invalid_field", "open_date"), id="date-not-iso"),
    pytest.param({"open_date": "2026-02-30"}, ("invalid_field", "open_date"), id="no-such-day"),
    pytest.param({"provider_ids": ids(d.MAX_PROVIDERS + 1, "w")}, ("invalid_field", "provider_ids"),
                 id="11-providers"),
    pytest.param({"participant_ids": ids(d.MAX_PARTICIPANTS + 1, "c")}, ("invalid_field", "participant_ids"),
                 id="26-participants"),
    pytest.param({"provider_ids": None}, ("missing_field", "provider_ids"), id="no-providers-field"),
])
def test_a_new_service_file_is_refused_naming_the_field(change, expected):
    body = {k: v for k, v in {**SERVICE, **change}.items() if v is not None}
    assert refused(s.NewService, body) == expected


def test_a_service_file_with_the_most_people_is_accepted():
    body = {**SERVICE, "provider_ids": ids(d.MAX_PROVIDERS, "w"), "participant_ids": ids(d.MAX_PARTICIPANTS, "c")}
    decoded = decode_body(json.dumps(body), s.NewService)
    assert (len(decoded.provider_ids), len(decoded.participant_ids)) == (10, 25)


def test_a_participant_to_add_is_named_by_a_person_id():
    assert refused(s.NewParticipant, {"client_id": "c 1"}) == ("invalid_field", "client_id")
    assert refused(s.ServiceClosing, {"close_date": "2026-13-01"}) == ("invalid_field", "close_date")
    assert decode_body(b"{}", s.ServiceClosing).close_date is None  # today, when left out


# -- event requests -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change, expected", [
    pytest.param({"start": "2026-11-25 10:00"}, ("invalid_field", "start"), id="start-not-rfc-3339"),
    pytest.param({"start": "2026-11-25T10:00:00"}, ("invalid_field", "start"), id="start-without-offset"),
    pytest.param({"start": None}, ("missing_field", "start"), id="no-start"),
    pytest.param({"worker_id": ""}, ("invalid_field", "worker_id"), id="empty-worker"),
    pytest.param({"attendee_ids": ids(d.MAX_ATTENDEES + 1, "c")}, ("invalid_field", "attendee_ids"),
                 id="11-attendees"),
    pytest.param({"video_session": "yes"}, ("invalid_field", "video_session"), id="video-not-a-boolean"),
    pytest.param({"message": "x" * (d.MAX_MESSAGE + 1)}, ("invalid_field", "message"), id="message-2001-characters"),
    pytest.param({"message": ""}, ("invalid_field", "message"), id="empty-message"),
])
def test_a_new_event_request_is_refused_naming_the_field(change, expected):
    body = {k: v for k, v in {**REQUEST, **change}.items() if v is not None}
    assert refused(s.NewEventRequest, body) == expected


def test_an_event_request_at_its_limits_is_accepted_and_its_start_read_with_its_offset():
    body = {**REQUEST, "start": "2026-11-25T10:00:00-05:00", "attendee_ids": ids(d.MAX_ATTENDEES, "c"),
            "message": "x" * d.MAX_MESSAGE}
    decoded = decode_body(json.dumps(body), s.NewEventRequest)
    assert decoded.start.isoformat() == "2026-11-25T10:00:00-05:00"
    assert (len(decoded.attendee_ids), len(decoded.message), decoded.service_id) == (10, 2000, "s1")
    assert decode_body(json.dumps({"worker_id": "w1", "start": REQUEST["start"]}), s.NewEventRequest).service_id is None


@pytest.mark.parametrize("model, body, expected", [
    pytest.param(s.Decline, {}, ("missing_field", "reason"), id="decline-without-reason"),
    pytest.param(s.Decline, {"reason": "x" * 1001}, ("invalid_field", "reason"), id="decline-reason-1001"),
    pytest.param(s.ProposalAnswer, {"reason": ""}, ("invalid_field", "reason"), id="empty-reason-for-a-proposal"),
    pytest.param(s.Proposal, {"start": "tomorrow"}, ("invalid_field", "start"), id="proposal-not-an-instant"),
])
def test_answers_to_a_request_are_refused_naming_the_field(model, body, expected):
    assert refused(model, body) == expected


# -- events ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change, expected", [
    pytest.param({"video_link": "http://meet.example.com/x"}, ("invalid_field", "video_link"), id="http-link"),
    pytest.param({"video_link": "https://localhost/x"}, ("invalid_field", "video_link"), id="link-without-domain"),
    pytest.param({"video_link": "https://meet.example.com/x\n"}, ("invalid_field", "video_link"),
                 id="link-ending-in-a-newline"),
    pytest.param({"video_link": "https://meet.example.com/" + "x" * 2000}, ("invalid_field", "video_link"),
                 id="link-over-2000-characters"),
    pytest.param({"end": None}, ("missing_field", "end"), id="no-end"),
    pytest.param({"client_ids": ids(d.MAX_PARTICIPANTS + 1, "c")}, ("invalid_field", "client_ids"),
                 id="26-clients"),
    pytest.param({"site_id": "x" * 65}, ("invalid_field", "site_id"), id="site-id-65-characters"),
])
def test_a_new_event_is_refused_naming_the_field(change, expected):
    body = {k: v for k, v in {**EVENT, **change}.items() if v is not None}
    assert refused(s.NewEvent, body) == expected


@pytest.mark.parametrize("model, body, expected", [
    pytest.param(s.Attendance, {"status": "scheduled"}, ("invalid_field", "status"), id="attendance-scheduled"),
    pytest.param(s.Attendance, {"status": "attended", "reason": "x" * 1001}, ("invalid_field", "reason"),
                 id="attendance-reason-1001"),
    pytest.param(s.VideoLinkChange, {"url": "ftp://meet.example.com/a"}, ("invalid_field", "url"), id="ftp-link"),
    pytest.param(s.NewTime, {"end": "2026-11-25T16:00:00Z"}, ("missing_field", "start"), id="new-time-without-start"),
])
def test_changes_to_an_event_are_refused_naming_the_field(model, body, expected):
    assert refused(model, body) == expected


# -- pages --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model, params, field", [
    pytest.param(s.PeoplePage, {"limit": "0"}, "limit", id="limit-0"),
    pytest.param(s.PeoplePage, {"limit": "201"}, "limit", id="limit-201"),
    pytest.param(s.PeoplePage, {"role": "boss"}, "role", id="unknown-role"),
    pytest.param(s.MyServicesQuery, {"status": "closed"}, "status", id="my-services-open-or-all-only"),
    pytest.param(s.ClientRequestsPage, {"status": "lost"}, "status", id="unknown-request-status"),
    pytest.param(s.StaffRequestsPage, {"status": "open"}, "status", id="staff-list-one-status-only"),
    pytest.param(s.ServiceRequestsPage, {"status": "withdrawn"}, "status", id="unknown-service-request-status"),
])
def test_a_page_query_is_refused_naming_the_parameter(model, params, field):
    with pytest.raises(BadRequest) as error:
        decode_query(params, model)
    assert (error.value.code, error.value.field) == ("invalid_field", field)


def test_pages_default_to_50_and_take_1_to_200():
    assert decode_query({}, s.PeoplePage).limit == s.PAGE == 50
    assert [decode_query({"limit": n}, s.PeoplePage).limit for n in ("1", "200")] == [1, 200]
    assert decode_query({}, s.StaffRequestsPage).status == d.AWAITING  # staff see what awaits their answer
    assert decode_query({}, s.ClientRequestsPage).status == "all"
    assert decode_query({}, s.ServiceRequestsPage).status == d.PENDING


@pytest.mark.parametrize("check, value", [
    pytest.param(d.check_person_id, "c1\n", id="person-id"),
    pytest.param(d.check_email, "c1@a.test\n", id="email"),
    pytest.param(d.check_video_link, "https://meet.example.com/x\n", id="video-link"),
])
def test_the_rule_itself_refuses_a_value_ending_in_a_newline(check, value):
    """Python's `$` matches before a last newline: each rule matches the whole text, whatever reached it."""
    with pytest.raises(BadRequest):
        check(value)
    assert d.feed_secret("A" * 43 + "\n.ics") is None and d.feed_secret("A" * 43 + ".ics") == "A" * 43
