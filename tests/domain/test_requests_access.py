"""Who reaches what in the requests service, and each refusal's status, code and field (pure, no AWS)."""

from __future__ import annotations

import pytest

from chalicelib.requests import domain as d
from portalkit import times
from portalkit.errors import PortalError
from portalkit.identity import Identity

CLIENT, OTHER_CLIENT = Identity("a", "c1", "client"), Identity("a", "c9", "client")
WORKER, OTHER_WORKER, ADMIN = Identity("a", "w1", "worker"), Identity("a", "w2", "worker"), Identity("a", "a1", "admin")
WED_10, WED_11 = "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"


def person(person_id: str, role: str) -> d.Person:
    return d.Person(person_id=person_id, name=person_id.upper(), email=f"{person_id}@a.test", role=role,
                    email_consent=False)


def service(**changes) -> d.ServiceFile:
    values = {"service_id": "s1", "name": "Counselling", "open_date": "2026-11-02", "provider_ids": ("w1",),
              "participant_ids": ("c1", "c2"), **changes}
    return d.ServiceFile(**values)


def refusal(error: PortalError) -> tuple:
    return error.status, error.code, error.field


def test_named_errors_answer_with_the_status_code_and_field_clients_already_see():
    assert refusal(d.InvalidEmail("email", "email must be an email address.")) == (400, "invalid_field", "email")
    assert refusal(d.MissingField("worker_id", "worker_id is required.")) == (400, "missing_field", "worker_id")
    assert refusal(d.TooSoon("notice", field="start")) == (409, "too_soon", "start")
    assert refusal(d.RequestNotOpen("The request is declined.")) == (409, "request_not_open", None)
    assert refusal(d.IdTaken("The event id is taken; try again.")) == (409, "conflict", None)
    assert refusal(d.NotYourEvent("no")) == (403, "forbidden", None)
    assert refusal(d.EventNotFound("No event e1.")) == (404, "not_found", None)


def test_only_a_client_of_the_roster_is_added_to_a_service():
    d.check_client(person("c1", "client"), "c1")
    for someone in (None, person("w1", "worker")):
        with pytest.raises(d.NotOnRoster) as error:
            d.check_client(someone, "x")
        assert error.value.field == "client_id"


def test_a_client_requests_events_only_in_open_services_the_worker_provides():
    open_one, closed = service(), service(service_id="s2", status=d.CLOSED)
    other_worker = service(service_id="s3", provider_ids=("w2",))
    left = d.Membership(service=service(service_id="s4"), member_status=d.LEFT)
    memberships = [d.Membership(service=s) for s in (open_one, closed, other_worker)] + [left]
    assert d.services_with(memberships, "w1") == [open_one]
    assert d.services_with(memberships, "w9") == []


def test_staff_reach_a_request_addressed_to_them_and_admins_every_request():
    request = d.EventRequest(request_id="r1", service_id="s1", client_id="c1", worker_id="w1", start=WED_10,
                             requested_start=WED_10, created_at=WED_10)
    assert d.staff_reach(WORKER, request, "r1") is request
    assert d.staff_reach(ADMIN, request, "r1") is request
    with pytest.raises(d.NotYourRequest):
        d.staff_reach(OTHER_WORKER, request, "r1")
    with pytest.raises(d.RequestNotFound, match="No request r1"):
        d.staff_reach(ADMIN, None, "r1")


def test_a_worker_lists_only_their_own_requests_and_an_admin_anyones():
    assert d.requests_worker(WORKER, None) == "w1"
    assert d.requests_worker(WORKER, "w1") == "w1"
    with pytest.raises(d.NotYourRequest):
        d.requests_worker(WORKER, "w2")
    assert d.requests_worker(ADMIN, None) is None
    assert d.requests_worker(ADMIN, "w2") == "w2"


def test_a_client_sees_only_events_they_attend_and_staff_every_event():
    event = d.Event(event_id="e1", service_id="s1", worker_id="w1", client_ids=("c1",), start=WED_10, end=WED_11,
                    created_at=WED_10, created_by="w1")
    assert d.visible_event(CLIENT, event, "e1") is event
    assert d.visible_event(OTHER_WORKER, event, "e1") is event
    for who, found in ((OTHER_CLIENT, event), (ADMIN, None)):
        with pytest.raises(d.EventNotFound, match="No event e1"):
            d.visible_event(who, found, "e1")


def test_staff_create_an_event_for_a_provider_with_participants_of_the_open_service():
    assert d.event_people(WORKER, service(), None, None) == ("w1", ["c1", "c2"])
    assert d.event_people(ADMIN, service(), "w1", ["c2"]) == ("w1", ["c2"])
    refusals = [
        (OTHER_WORKER, service(), "w1", None, d.NotYourEvent, None),
        (ADMIN, service(), None, None, d.MissingField, "worker_id"),
        (ADMIN, service(), "w2", None, d.NotAProvider, "worker_id"),
        (WORKER, service(status=d.CLOSED), None, None, d.ServiceClosed, None),
        (WORKER, service(participant_ids=()), None, None, d.NotAParticipant, "client_ids"),
        (WORKER, service(), None, ["c9"], d.NotAParticipant, "client_ids"),
        (WORKER, service(), None, ["c1", "c1"], d.ListedTwice, "client_ids"),
    ]
    for who, file, worker_id, client_ids, refused, field in refusals:
        with pytest.raises(refused) as error:
            d.event_people(who, file, worker_id, client_ids)
        assert error.value.field == field


def test_a_worker_lists_their_own_calendar_and_an_admin_names_one():
    assert d.calendar_worker(WORKER, None) == "w1"
    assert d.calendar_worker(ADMIN, "w2") == "w2"
    with pytest.raises(d.MissingField):
        d.calendar_worker(ADMIN, None)


def test_times_are_shown_on_the_agency_clock_only_in_a_zone_this_runtime_knows():
    assert d.known_zone("America/Chicago")
    assert not any(d.known_zone(name) for name in ("Mars/Olympus", "", None, "../etc"))
    start = times.instant(WED_10)
    assert d.local_time(start, "America/Chicago") == "2026-11-25T09:00:00-06:00"
    assert d.local_time(start, None) is None
    assert d.local_time(start, "Mars/Olympus") is None


def test_a_calendar_window_names_the_end_it_refuses():
    from chalicelib.requests import schemas as s

    assert s.Window(from_="2026-11-23", to="2026-11-24").bounds(required=True) == (
        times.instant("2026-11-23T00:00:00Z"), times.instant("2026-11-25T00:00:00Z"))
    assert s.Window().bounds(required=False) == (None, None)
    refusals = [
        (s.Window(from_="2026-11-23"), d.MissingField, ("to", "missing_field", "to is required.")),
        (s.Window(from_="2026-11-23", to="2026-11-22"), d.TimeOutOfRange,
         ("to", "invalid_field", "to must be after from.")),
        (s.Window(from_="2026-01-01", to="2026-12-31"), d.TimeOutOfRange,
         ("to", "invalid_field", f"A range covers at most {d.MAX_RANGE_DAYS} days.")),
        (s.Window(from_="2026-02-30", to="2026-03-02"), d.InvalidTime,
         ("from", "invalid_field", "from must be a date like 2026-12-03.")),
    ]
    for window, refused, said in refusals:
        with pytest.raises(refused) as error:
            window.bounds(required=True)
        assert (error.value.field, error.value.code, error.value.message) == said
