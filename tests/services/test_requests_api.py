"""The requests service's routes: settings, service files, My Services, event requests, events, new services.

One app through the real gateway code on in-process moto; availability's side of the saga is in
tests/integration/test_requests_saga.py.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infra.local.system import contracts, load_app, wirings
from portalkit import clock
from portalkit.testing.pump import Pump
from portalkit.times import instant as epoch
from portalkit.times import iso
from tests.support import examples, schema_events

AGENCY = "agency-a"
NOW = "2026-11-23T12:00:00Z"  # a Monday
WED_10, WED_11, THU_10 = "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", "2026-11-26T15:00:00Z"
MON_13 = "2026-11-23T13:00:00Z"  # inside the 24-hour cancellation window


def ok(reply, status=200):
    assert reply.status == status, reply.body
    return reply.json


class Agency:
    """An agency's roster (two workers, three clients) and a service of w1 with c1 and c3."""

    def __init__(self, system, agency_id=AGENCY):
        self.system, self.api, self.agency_id = system, system.api, agency_id
        self.admin = system.token("admin", agency_id, "a1")
        people = [("w1", "worker"), ("w2", "worker"), ("c1", "client"), ("c2", "client"), ("c3", "client")]
        for person_id, role in people:
            ok(self.api.post("/requests/people", token=self.admin, json={
                "person_id": person_id, "name": f"Name of {person_id}", "email": f"{person_id}@a.test",
                "role": role}), 201)
        self.service_id = self.open_service("Counselling", ["w1"], ["c1", "c3"])["service_id"]

    def token(self, person_id: str) -> str:
        role = {"w": "worker", "c": "client", "a": "admin"}[person_id[0]]
        return self.system.token(role, self.agency_id, person_id)

    def open_service(self, name, providers, participants, open_date="2026-11-02", by="a1") -> dict:
        return ok(self.api.post("/requests/services", token=self.token(by), json={
            "name": name, "open_date": open_date, "provider_ids": providers, "participant_ids": participants}), 201)

    def submit(self, client="c1", start=WED_10, status=202, **extra):
        body = {"service_id": self.service_id, "worker_id": "w1", "start": start, **extra}
        reply = self.api.post("/requests/me/event-requests", token=self.token(client), json=body)
        assert reply.status == status, reply.body
        return reply.json

    def event(self, start=WED_10, end=None, by="w1", **extra) -> dict:
        body = {"service_id": self.service_id, "start": start, "end": end or iso(epoch(start) + 3600), **extra}
        return ok(self.api.post("/requests/events", token=self.token(by), json=body), 201)

    def my_services(self, client="c1", query="") -> list[dict]:
        return ok(self.api.get(f"/requests/me/services{query}", token=self.token(client)))["services"]

    def settings(self, **changes) -> dict:
        """An admin changes the agency's settings on the version just read."""
        version = ok(self.api.get("/requests/settings", token=self.admin))["version"]
        return ok(self.api.put("/requests/settings", token=self.admin, json={**changes, "version": version}))


@pytest.fixture
def agency(system):
    clock.set_now(epoch(NOW))
    yield Agency(system)
    clock.set_now(None)


def published(system) -> list:
    """What the requests service published so far (relayed only: no other service answers here)."""
    (wiring,) = [w for w in wirings(system.declaration, system.resources) if w.service == "requests"]
    wiring.consumer = None
    events = Pump([wiring], system.clients, contracts=contracts()).drain().published
    return [(e.event_type, e.subject_version, e.data) for e in events
            if not e.event_type.startswith("requests.person.")]


# -- settings ------------------------------------------------------------------------------------------


def test_settings_start_from_defaults_and_an_admin_changes_them_on_the_version_read(agency):
    api, admin = agency.api, agency.admin
    defaults = ok(api.get("/requests/settings", token=agency.token("c1")))
    assert defaults == {"event_requests_enabled": True, "request_messages_enabled": True,
                        "request_messages_required": False, "video_sessions_enabled": True,
                        "service_requests_enabled": True, "max_open_requests": 3, "cancellation_window_hours": 24,
                        "agency_name": None, "feed_client_names": False, "version": 0}
    changed = ok(api.put("/requests/settings", token=admin, json={"max_open_requests": 5, "version": 0}))
    assert (changed["max_open_requests"], changed["version"]) == (5, 1)
    stale = api.put("/requests/settings", token=admin, json={"video_sessions_enabled": False, "version": 0})
    assert (stale.status, stale.error_code()) == (409, "version_conflict")
    assert api.put("/requests/settings", token=agency.token("w1"), json={"version": 1}).status == 403
    # each bound of each setting: tests/domain/test_requests_bodies.py
    for body, field in (({"max_open_requests": 0}, "max_open_requests"), ({"colour": "red"}, "colour")):
        reply = api.put("/requests/settings", token=admin, json={**body, "version": 1})
        assert (reply.status, reply.json["error"]["field"]) == (400, field)


def test_a_settings_change_without_the_version_read_is_refused_naming_version(agency):
    """Last write wins no more: an admin's save must say which settings it changes."""
    reply = agency.api.put("/requests/settings", token=agency.admin, json={"max_open_requests": 5})
    assert (reply.status, reply.error_code(), reply.json["error"]["field"]) == (400, "missing_field", "version")
    assert ok(agency.api.get("/requests/settings", token=agency.admin))["max_open_requests"] == 3


def test_every_settings_change_publishes_all_the_settings(agency):
    agency.settings(video_sessions_enabled=False)
    agency.settings(cancellation_window_hours=48)
    other = agency.system.token("admin", "agency-b", "a1")
    ok(agency.api.put("/requests/settings", token=other, json={"event_requests_enabled": False, "version": 0}))
    (wiring,) = [w for w in wirings(agency.system.declaration, agency.system.resources) if w.service == "requests"]
    wiring.consumer = None
    events = [e for e in Pump([wiring], agency.system.clients, contracts=contracts()).drain().published
              if e.event_type == "requests.settings.updated"]
    assert [(e.agency_id, e.subject_id, e.subject_version) for e in events] == [
        (AGENCY, AGENCY, 1), (AGENCY, AGENCY, 2), ("agency-b", "agency-b", 1)]
    assert events[1].data == {"event_requests_enabled": True, "request_messages_enabled": True,
                              "video_sessions_enabled": False, "service_requests_enabled": True,
                              "max_open_requests": 3, "cancellation_window_hours": 48}
    assert events[2].data["event_requests_enabled"] is False


def test_the_agencys_name_is_set_tidied_published_and_removed_with_empty_text(agency):
    """Calendar files and emails say "Appointment with <agency name>": the admin names the agency once, here."""
    assert ok(agency.api.get("/requests/settings", token=agency.token("c1")))["agency_name"] is None
    agency.settings(agency_name="  Riverside   Family Services ")
    named = ok(agency.api.get("/requests/settings", token=agency.token("c1")))
    assert named["agency_name"] == "Riverside Family Services"
    agency.settings(max_open_requests=4)  # a change that does not send the name keeps it
    assert ok(agency.api.get("/requests/settings", token=agency.admin))["agency_name"] == "Riverside Family Services"
    agency.settings(agency_name="")
    assert ok(agency.api.get("/requests/settings", token=agency.admin))["agency_name"] is None
    too_long = agency.api.put("/requests/settings", token=agency.admin, json={"agency_name": "x" * 201, "version": 4})
    assert (too_long.status, too_long.json["error"]["field"]) == (400, "agency_name")
    (wiring,) = [w for w in wirings(agency.system.declaration, agency.system.resources) if w.service == "requests"]
    wiring.consumer = None
    published = Pump([wiring], agency.system.clients, contracts=contracts()).drain().published
    names = [e.data.get("agency_name") for e in published if e.event_type == "requests.settings.updated"]
    assert names == ["Riverside Family Services", "Riverside Family Services", None]


# -- service files --------------------------------------------------------------------------------------


def test_a_service_file_opens_changes_and_closes_publishing_its_whole_state(agency):
    api, w1 = agency.api, agency.token("w1")
    sid = agency.service_id
    assert ok(api.post(f"/requests/services/{sid}/participants", token=w1, json={"client_id": "c2"}))[
        "participant_ids"] == ["c1", "c3", "c2"]
    assert ok(api.delete(f"/requests/services/{sid}/participants/c3", token=w1))["participant_ids"] == ["c1", "c2"]
    closed = ok(api.post(f"/requests/services/{sid}/close", token=w1, json={"close_date": "2026-11-30"}))
    assert (closed["status"], closed["close_date"], closed["version"]) == ("closed", "2026-11-30", 4)
    reply = api.post(f"/requests/services/{sid}/participants", token=w1, json={"client_id": "c3"})
    assert (reply.status, reply.error_code()) == (409, "service_closed")

    events = published(agency.system)
    assert [(t, v, d.get("client_id"), d["participant_ids"], d["status"]) for t, v, d in events] == [
        ("requests.service.opened", 1, None, ["c1", "c3"], "open"),
        ("requests.service.participant_added", 2, "c2", ["c1", "c3", "c2"], "open"),
        ("requests.service.participant_removed", 3, "c3", ["c1", "c2"], "open"),
        ("requests.service.closed", 4, None, ["c1", "c2"], "closed"),
    ]
    assert events[-1][2] == {"service_id": sid, "name": "Counselling", "status": "closed", "provider_ids": ["w1"],
                             "participant_ids": ["c1", "c2"], "open_date": "2026-11-02", "close_date": "2026-11-30"}


def test_bad_service_files_are_400_naming_the_field(agency):
    base = {"name": "Family support", "open_date": "2026-11-23", "provider_ids": ["w1"], "participant_ids": ["c2"]}
    # one of each check (the roster, the people lists, the body); every case: tests/domain/test_requests_roster.py,
    # test_requests_access.py and test_requests_bodies.py
    cases = [
        ({"provider_ids": ["c2"]}, "provider_ids"),  # a client cannot provide
        ({"participant_ids": ["c1", "c1"]}, "participant_ids"),
        ({"open_date": "23/11/2026"}, "open_date"),
        ({"owner": "w1"}, "owner"),
    ]
    answers = [agency.api.post("/requests/services", token=agency.admin, json={**base, **body}) for body, _ in cases]
    assert [(a.status, a.json["error"]["field"]) for a in answers] == [(400, field) for _, field in cases]


def test_a_worker_opens_only_files_they_provide_and_staff_list_them_with_filters(agency):
    reply = agency.api.post("/requests/services", token=agency.token("w2"), json={
        "name": "Family support", "open_date": "2026-11-23", "provider_ids": ["w1"], "participant_ids": ["c2"]})
    assert (reply.status, reply.json["error"]["field"]) == (400, "provider_ids")
    other = agency.open_service("Family support", ["w2"], ["c2"], by="w2")
    agency.api.post(f"/requests/services/{other['service_id']}/close", token=agency.token("w2"))
    names = lambda query: sorted(s["name"] for s in ok(agency.api.get(  # noqa: E731
        f"/requests/services{query}", token=agency.token("w1")))["services"])
    assert names("") == ["Counselling", "Family support"]
    assert names("?status=open") == ["Counselling"]
    assert names("?worker_id=w2") == names("?client_id=c2") == ["Family support"]


# -- My Services ---------------------------------------------------------------------------------------------


def test_my_services_lists_each_service_with_its_people_and_counts(agency):
    agency.open_service("Family support", ["w2", "w1"], ["c1", "c2"], open_date="2026-11-20")
    agency.event(WED_10)
    entries = agency.my_services("c1")
    assert [e["name"] for e in entries] == ["Family support", "Counselling"]  # newest first
    family, counselling = entries
    assert family["participants"] == [{"client_id": "c2", "name": "Name of c2"}]
    assert family["providers"] == [{"worker_id": "w2", "name": "Name of w2"}, {"worker_id": "w1", "name": "Name of w1"}]
    assert (family["events_upcoming"], family["next_event"]) == (0, None)
    assert counselling["open_date"] == "2026-11-02" and counselling["status"] == "open"
    assert (counselling["events_attended"], counselling["events_upcoming"]) == (0, 1)
    assert counselling["next_event"]["start"] == WED_10 and counselling["next_event"]["worker_id"] == "w1"
    assert counselling["links"]["discussions"] == f"/messaging/me/inbox?service_id={agency.service_id}"
    assert counselling["links"]["invoices"] == f"/billing/me/invoices?service_id={agency.service_id}"
    assert [e["name"] for e in agency.my_services("c2")] == ["Family support"]


def test_my_services_names_the_agencys_zone_once_availability_has_told_it(agency):
    """The portal shows the next event on the agency's clock: the reply carries the zone (null before it is known)."""
    agency.open_service("Family support", ["w1"], ["c1"])
    assert ok(agency.api.get("/requests/me/services", token=agency.token("c1")))["timezone"] is None
    rules = {"timezone": "America/New_York", "slot_minutes": 60, "min_notice_hours": 24, "horizon_days": 30,
             "hold_minutes": 2880}
    assert _answer("availability.settings.updated", rules, AGENCY) == "applied"
    assert ok(agency.api.get("/requests/me/services", token=agency.token("c1")))["timezone"] == "America/New_York"


def test_my_services_counts_follow_attendance_cancellation_and_reschedule(agency):
    api, w1 = agency.api, agency.token("w1")
    first, second, third = agency.event(WED_10), agency.event(WED_11), agency.event(THU_10)

    def counts():
        (entry,) = agency.my_services("c3")
        return entry["events_attended"], entry["events_upcoming"], (entry["next_event"] or {}).get("start")

    assert counts() == (0, 3, WED_10)
    ok(api.post(f"/requests/events/{first['event_id']}/reschedule", token=w1, json={"start": "2026-11-27T15:00:00Z"}))
    assert counts() == (0, 3, WED_11)
    ok(api.post(f"/requests/events/{second['event_id']}/cancel", token=w1, json={"reason": "Ill"}))
    assert counts() == (0, 2, THU_10)
    clock.set_now(epoch(THU_10) + 600)  # the third event has begun
    assert counts() == (0, 1, "2026-11-27T15:00:00Z")
    marked = ok(api.post(f"/requests/events/{third['event_id']}/attendance", token=w1, json={"status": "attended"}))
    assert marked["status"] == "attended"
    assert counts() == (1, 1, "2026-11-27T15:00:00Z")
    clock.set_now(epoch("2026-11-27T15:30:00Z"))
    ok(api.post(f"/requests/events/{first['event_id']}/attendance", token=w1, json={"status": "no_show"}))
    assert counts() == (1, 0, None)


def test_my_services_filters_by_service_and_shows_closed_and_left_services_on_request(agency):
    family = agency.open_service("Family support", ["w2"], ["c1"])["service_id"]
    closed = agency.open_service("Old file", ["w1"], ["c1"])["service_id"]
    agency.api.post(f"/requests/services/{closed}/close", token=agency.admin)
    agency.api.delete(f"/requests/services/{family}/participants/c1", token=agency.admin)
    assert [e["name"] for e in agency.my_services()] == ["Counselling"]
    everything = {e["name"]: (e["status"], e["left_date"]) for e in agency.my_services(query="?status=all")}
    assert everything == {"Counselling": ("open", None), "Family support": ("closed", "2026-11-23"),
                          "Old file": ("closed", None)}
    assert [e["name"] for e in agency.my_services(query=f"?service_id={closed}&status=all")] == ["Old file"]
    assert agency.my_services(query=f"?service_id={closed}") == []
    reply = agency.api.get("/requests/me/services?service_id=unknown", token=agency.token("c1"))
    assert reply.status == 404
    assert agency.api.get("/requests/me/services?status=closed", token=agency.token("c1")).json["error"][
        "field"] == "status"


def test_my_services_is_two_dynamodb_calls_however_many_services_and_events(agency, calls):
    def cost() -> dict:
        calls.reset()
        agency.my_services("c3")
        return dict(calls.by_operation("dynamodb"))

    agency.event(WED_10)
    small = cost()
    for i in range(4):
        sid = agency.open_service(f"Group {i}", ["w1", "w2"], ["c1", "c2", "c3"])["service_id"]
        for day in range(3):
            agency.event(iso(epoch(THU_10) + day * 86400 + i * 3600), service_id=sid)
    assert len(agency.my_services("c3")) == 5
    assert small == cost() == {"Query": 1, "BatchGetItem": 1}


# -- event requests --------------------------------------------------------------------------------------------


def test_a_submitted_request_is_pending_and_published_with_who_and_what(agency):
    answer = agency.submit("c1", WED_10, attendee_ids=["c3"], video_session=True, message="About my plan")
    assert answer["status"] == "pending" and answer["awaiting_video_link"] is True
    assert ok(agency.api.get(f"/requests/me/event-requests/{answer['request_id']}", token=agency.token("c1"))) == answer
    ((event_type, version, data),) = [e for e in published(agency.system) if "event_request" in e[0]]
    assert (event_type, version) == ("requests.event_request.submitted", 1)
    assert {k: data[k] for k in ("request_id", "service_id", "client_id", "worker_id", "start", "attendee_ids",
                                 "video_session", "message")} == {
        "request_id": answer["request_id"], "service_id": agency.service_id, "client_id": "c1", "worker_id": "w1",
        "start": WED_10, "attendee_ids": ["c3"], "video_session": True, "message": "About my plan"}


def test_the_service_may_be_left_out_when_the_worker_provides_only_one_of_the_clients_services(agency):
    body = {"worker_id": "w1", "start": WED_10}
    reply = agency.api.post("/requests/me/event-requests", token=agency.token("c1"), json=body)
    assert reply.status == 202 and reply.json["service_id"] == agency.service_id
    agency.open_service("Family support", ["w1"], ["c1"])
    reply = agency.api.post("/requests/me/event-requests", token=agency.token("c1"), json=body)
    assert (reply.status, reply.json["error"]["field"]) == (400, "service_id")


def test_bad_requests_are_400_naming_the_field(agency):
    # one of each check (the service read, the submission's rules, the body); every case:
    # tests/domain/test_requests_event_requests.py and test_requests_bodies.py
    cases = [
        ({"service_id": "nope"}, "service_id"),
        ({"start": "2026-11-23T11:00:00Z"}, "start"),  # in the past
        ({"start": "2026-11-25T10:00:00"}, "start"),  # no offset
        ({"priority": "high"}, "priority"),
    ]
    base = {"service_id": agency.service_id, "worker_id": "w1", "start": WED_10}
    answers = [agency.api.post("/requests/me/event-requests", token=agency.token("c1"), json={**base, **change})
               for change, _ in cases]
    assert [(a.status, a.json["error"]["field"]) for a in answers] == [(400, field) for _, field in cases]


def test_the_agencys_switches_are_enforced_when_a_request_is_written(agency):
    api, admin = agency.api, agency.admin
    agency.settings(video_sessions_enabled=False, request_messages_enabled=False)
    assert agency.submit(video_session=True, status=400)["error"]["field"] == "video_session"
    assert agency.submit(message="Hello", status=400)["error"]["field"] == "message"
    agency.settings(event_requests_enabled=False)
    assert agency.submit(status=409)["error"]["code"] == "event_requests_disabled"
    # a client of a closed service cannot ask either
    agency.settings(event_requests_enabled=True)
    api.post(f"/requests/services/{agency.service_id}/close", token=admin)
    assert agency.submit(status=400)["error"]["field"] == "service_id"


def test_a_request_without_a_message_is_refused_naming_message_while_the_agency_requires_one(agency):
    agency.settings(request_messages_required=True)
    assert ok(agency.api.get("/requests/settings", token=agency.token("c1")))["request_messages_required"] is True
    refused = agency.submit(status=400)
    assert (refused["error"]["field"], refused["error"]["message"]) == (
        "message", "message is required: your agency asks for a message with each request.")
    assert agency.submit(message="Mornings suit me best.")["message"] == "Mornings suit me best."


def test_a_fourth_open_request_is_409_and_an_ended_one_frees_its_place(agency):
    first = agency.submit(start=WED_10)
    clock.set_now(epoch(NOW) + 1)
    agency.submit(start=WED_11)
    clock.set_now(epoch(NOW) + 2)
    agency.submit(start=THU_10)
    clock.set_now(epoch(NOW) + 3)
    assert agency.submit(start="2026-11-27T15:00:00Z", status=409)["error"]["code"] == "too_many_open_requests"
    assert agency.submit("c3", start="2026-11-27T15:00:00Z")["status"] == "pending"  # the limit is per client
    ok(agency.api.post(f"/requests/me/event-requests/{first['request_id']}/withdraw", token=agency.token("c1")))
    assert agency.submit(start="2026-11-27T15:00:00Z")["status"] == "pending"
    mine = ok(agency.api.get("/requests/me/event-requests?status=open", token=agency.token("c1")))
    assert len(mine["event_requests"]) == 3
    everything = ok(agency.api.get("/requests/me/event-requests", token=agency.token("c1")))["event_requests"]
    assert [r["status"] for r in everything] == ["pending", "pending", "pending", "withdrawn"]  # newest first


def test_an_idempotency_key_makes_a_retried_request_one_request(agency):
    headers = {"Idempotency-Key": "k-1"}
    body = {"service_id": agency.service_id, "worker_id": "w1", "start": WED_10}
    first = agency.api.post("/requests/me/event-requests", token=agency.token("c1"), json=body, headers=headers)
    again = agency.api.post("/requests/me/event-requests", token=agency.token("c1"), json=body, headers=headers)
    assert (first.status, again.status, first.json) == (202, 202, again.json)
    other = agency.api.post("/requests/me/event-requests", token=agency.token("c1"),
                            json={**body, "start": WED_11}, headers=headers)
    assert (other.status, other.error_code()) == (409, "idempotency_key_reused")
    assert len(ok(agency.api.get("/requests/me/event-requests", token=agency.token("c1")))["event_requests"]) == 1


def test_submitting_a_request_is_two_dynamodb_calls(agency, calls):
    calls.reset()
    agency.submit(start=WED_10)
    assert calls.by_operation("dynamodb") == {"BatchGetItem": 1, "TransactWriteItems": 1}
    calls.reset()
    agency.api.post("/requests/me/event-requests", token=agency.token("c1"), headers={"Idempotency-Key": "k"},
                    json={"service_id": agency.service_id, "worker_id": "w1", "start": WED_11})
    assert calls.by_operation("dynamodb") == {"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1}


def test_a_pending_request_cannot_be_answered_by_the_worker_until_availability_holds_it(agency):
    request_id = agency.submit()["request_id"]
    reply = agency.api.post(f"/requests/event-requests/{request_id}/confirm", token=agency.token("w1"))
    assert (reply.status, reply.error_code()) == (409, "request_not_open")
    withdrawn = ok(agency.api.post(f"/requests/me/event-requests/{request_id}/withdraw", token=agency.token("c1")))
    assert withdrawn["status"] == "withdrawn"
    again = agency.api.post(f"/requests/me/event-requests/{request_id}/withdraw", token=agency.token("c1"))
    assert (again.status, again.error_code()) == (409, "request_not_open")


# -- events ------------------------------------------------------------------------------------------------------


def test_staff_create_an_event_with_clients_of_the_service(agency):
    event = agency.event(WED_10, client_ids=["c3"], video_session=True, site_id="site-1")
    assert (event["status"], event["client_ids"], event["duration_minutes"], event["awaiting_video_link"]) == (
        "scheduled", ["c3"], 60, True)
    everyone = agency.event(WED_11)
    assert everyone["client_ids"] == ["c1", "c3"]
    ((_, _, data),) = [e for e in published(agency.system) if e[2].get("event_id") == event["event_id"]]
    assert data["request_id"] is None and data["site_id"] == "site-1" and data["client_ids"] == ["c3"]
    calendar = ok(agency.api.get("/requests/me/events?from=2026-11-25&to=2026-11-25", token=agency.token("c1")))
    assert [(e["start"], e["worker_name"]) for e in calendar["events"]] == [(WED_11, "Name of w1")]
    listed = ok(agency.api.get("/requests/events?from=2026-11-23&to=2026-11-30", token=agency.token("w1")))
    assert [e["start"] for e in listed["events"]] == [WED_10, WED_11]


def test_bad_events_are_refused_naming_the_field(agency):
    # the people, the times (a week back at most), who may; every case: tests/domain/test_requests_events.py,
    # test_requests_access.py and test_requests_bodies.py
    cases = [
        ({"client_ids": ["c2"]}, "client_ids"),
        ({"start": "2026-11-16T11:00:00Z", "end": "2026-11-16T12:00:00Z"}, "start"),  # over a week ago
        ({"worker_id": "w2"}, None),  # a worker creates their own events: 403
    ]
    base = {"service_id": agency.service_id, "start": WED_10, "end": WED_11}
    answers = [agency.api.post("/requests/events", token=agency.token("w1"), json={**base, **change})
               for change, _ in cases]
    assert [(a.status, a.json["error"].get("field")) for a in answers] == [
        (400 if field else 403, field) for _, field in cases]
    unknown = agency.api.post("/requests/events", token=agency.token("w1"), json={**base, "service_id": "nope"})
    assert unknown.status == 404


def test_video_links_are_https_and_a_change_is_published_as_such(agency):
    event_id = agency.event(WED_10, video_session=True)["event_id"]
    path = f"/requests/events/{event_id}/video-link"
    bad = agency.api.put(path, token=agency.token("w1"), json={"url": "http://meet.example.com/a"})
    assert (bad.status, bad.json["error"]["field"]) == (400, "url")
    added = ok(agency.api.put(path, token=agency.token("w1"), json={"url": "https://meet.example.com/a"}))
    assert (added["video_link"], added["awaiting_video_link"]) == ("https://meet.example.com/a", False)
    ok(agency.api.put(path, token=agency.token("w1"), json={"url": "https://meet.example.com/b"}))
    links = [(d["video_link"], d["changed"]) for t, _, d in published(agency.system) if t.endswith("video_link_added")]
    assert links == [("https://meet.example.com/a", False), ("https://meet.example.com/b", True)]
    mine = ok(agency.api.get(f"/requests/me/events/{event_id}", token=agency.token("c1")))
    assert mine["video_link"] == "https://meet.example.com/b"


def test_staff_cannot_create_video_events_or_add_links_while_video_sessions_are_off(agency):
    earlier = agency.event(WED_10, video_session=True)["event_id"]
    agency.settings(video_sessions_enabled=False)
    base = {"service_id": agency.service_id, "start": WED_11, "end": iso(epoch(WED_11) + 3600)}
    for change, field in (({"video_session": True}, "video_session"),
                          ({"video_link": "https://meet.example.com/x"}, "video_link")):
        reply = agency.api.post("/requests/events", token=agency.token("w1"), json={**base, **change})
        assert (reply.status, reply.error_code(), reply.json["error"].get("field")) == (
            409, "video_sessions_disabled", field)
    assert agency.event(WED_11)["video_session"] is False  # in person is still fine
    link = {"url": "https://meet.example.com/a"}
    reply = agency.api.put(f"/requests/events/{earlier}/video-link", token=agency.token("w1"), json=link)
    assert (reply.status, reply.error_code(), reply.json["error"].get("field")) == (409, "video_sessions_disabled",
                                                                                   "url")
    agency.settings(video_sessions_enabled=True)
    ok(agency.api.put(f"/requests/events/{earlier}/video-link", token=agency.token("w1"), json=link))


def test_a_video_request_is_not_confirmed_while_video_sessions_are_off(agency):
    """Asked for while they were on, a video session is not scheduled once the agency has turned them off."""
    in_person = agency.submit(start=WED_11)["request_id"]
    by_worker = agency.submit(start=WED_10, video_session=True)["request_id"]
    by_client = agency.submit(client="c3", start=THU_10, video_session=True)["request_id"]
    for request_id, start in ((in_person, WED_11), (by_worker, WED_10), (by_client, THU_10)):
        _hold(agency, request_id, start=start)
    w1 = agency.token("w1")
    ok(agency.api.post(f"/requests/event-requests/{by_client}/propose", token=w1, json={"start": MON_13}), 202)
    _hold(agency, by_client, start=MON_13, proposal=True)
    agency.settings(video_sessions_enabled=False)

    reply = agency.api.post(f"/requests/event-requests/{by_worker}/confirm", token=w1)
    assert (reply.status, reply.error_code(), reply.json["error"]["field"]) == (409, "video_sessions_disabled",
                                                                               "video_session")
    assert "decline it" in reply.json["error"]["message"]
    reply = agency.api.post(f"/requests/me/event-requests/{by_client}/accept-proposal", token=agency.token("c3"))
    assert (reply.status, reply.error_code()) == (409, "video_sessions_disabled")
    assert ok(agency.api.post(f"/requests/event-requests/{in_person}/confirm", token=w1))["status"] == "confirmed"
    assert [t for t, _, _ in published(agency.system) if t == "requests.event.scheduled"] == [
        "requests.event.scheduled"]
    agency.settings(video_sessions_enabled=True)
    assert ok(agency.api.post(f"/requests/event-requests/{by_worker}/confirm", token=w1))["status"] == "confirmed"


def test_cancellations_are_late_inside_the_window_and_clients_cancel_only_outside_it(agency):
    soon, later = agency.event(MON_13, client_ids=["c1"]), agency.event(WED_10, client_ids=["c1"])
    reply = agency.api.post(f"/requests/me/events/{soon['event_id']}/cancel", token=agency.token("c1"))
    assert (reply.status, reply.error_code()) == (409, "inside_cancellation_window")
    by_client = ok(agency.api.post(f"/requests/me/events/{later['event_id']}/cancel", token=agency.token("c1")))
    assert (by_client["status"], by_client["late"], by_client["cancelled_by"]) == ("cancelled", False, "client")
    by_worker = ok(agency.api.post(f"/requests/events/{soon['event_id']}/attendance", token=agency.token("w1"),
                                   json={"status": "cancelled", "reason": "Snow"}))
    assert (by_worker["late"], by_worker["cancelled_by"], by_worker["reason"]) == (True, "worker", "Snow")
    cancelled = [(d["event_id"], d["late"], d["cancelled_by"], d["cancelled_by_id"]) for t, _, d in
                 published(agency.system) if t == "requests.event.cancelled"]
    assert cancelled == [(later["event_id"], False, "client", "c1"), (soon["event_id"], True, "worker", "w1")]


def test_late_fees_follow_the_clients_cancellation_or_the_staffs_choice_never_the_workers_own(agency):
    """A worker cancelling inside the window no longer bills the client; staff may choose to charge the fee."""
    w1, admin = agency.token("w1"), agency.admin
    ill, phoned, recorded, later = (agency.event(start)["event_id"] for start in (
        MON_13, "2026-11-23T14:00:00Z", "2026-11-23T15:00:00Z", WED_10))
    by_worker = ok(agency.api.post(f"/requests/events/{ill}/cancel", token=w1, json={"reason": "I am ill."}))
    assert (by_worker["late"], by_worker["late_fee"]) == (True, False)
    charged = ok(agency.api.post(f"/requests/events/{phoned}/cancel", token=admin,
                                 json={"reason": "The client phoned at noon.", "charge_late_fee": True}))
    assert (charged["late"], charged["late_fee"], charged["cancelled_by"], charged["cancelled_by_id"]) == (
        True, True, "admin", "a1")
    marked = ok(agency.api.post(f"/requests/events/{recorded}/attendance", token=w1,
                                json={"status": "cancelled", "charge_late_fee": True}))
    assert (marked["late"], marked["late_fee"]) == (True, True)
    early = agency.api.post(f"/requests/events/{later}/cancel", token=w1, json={"charge_late_fee": True})
    assert (early.status, early.error_code(), early.json["error"]["field"]) == (409, "not_late", "charge_late_fee")
    wrong = agency.api.post(f"/requests/events/{later}/attendance", token=w1,
                            json={"status": "attended", "charge_late_fee": True})
    assert (wrong.status, wrong.json["error"]["field"]) == (400, "charge_late_fee")
    by_client = ok(agency.api.post(f"/requests/me/events/{later}/cancel", token=agency.token("c1")))
    assert by_client["left"] is True  # an invited client of a staff event leaves it: no fee outside the window
    fees = {d["event_id"]: (d["late"], d["late_fee"]) for t, _, d in published(agency.system)
            if t in ("requests.event.cancelled", "requests.event.attendee_left")}
    assert fees == {ill: (True, False), phoned: (True, True), recorded: (True, True), later: (False, False)}


def test_an_invited_attendee_who_cancels_leaves_and_the_others_keep_the_event(agency):
    request_id = agency.submit("c1", WED_10, attendee_ids=["c3"])["request_id"]
    _hold(agency, request_id)
    event_id = ok(agency.api.post(f"/requests/event-requests/{request_id}/confirm", token=agency.token("w1")))[
        "event_id"]
    assert [e["events_upcoming"] for e in (agency.my_services("c1")[0], agency.my_services("c3")[0])] == [1, 1]
    ok(agency.api.post(f"/requests/me/events/{event_id}/confirm-attendance", token=agency.token("c3")))

    left = ok(agency.api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c3"),
                              json={"reason": "I have an exam."}))
    assert (left["status"], left["left"], left["client_ids"]) == ("scheduled", True, ["c1"])
    assert agency.api.get(f"/requests/me/events/{event_id}", token=agency.token("c3")).status == 404
    assert ok(agency.api.get("/requests/me/events?from=2026-11-23&to=2026-11-30", token=agency.token("c3")))[
        "events"] == []
    assert [e["events_upcoming"] for e in (agency.my_services("c1")[0], agency.my_services("c3")[0])] == [1, 0]
    staff = ok(agency.api.get(f"/requests/events/{event_id}", token=agency.token("w1")))
    assert (staff["status"], staff["client_ids"], staff["left_ids"], staff["requested_by"],
            staff["attendance_confirmed_by"]) == ("scheduled", ["c1"], ["c3"], "c1", [])

    cancelled = ok(agency.api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c1")))
    assert (cancelled["status"], cancelled["cancelled_by"], cancelled["cancelled_by_id"]) == (
        "cancelled", "client", "c1")
    told = [(t, d.get("client_id"), d["client_ids"], d["requested_by"], d.get("late"), d.get("late_fee"),
             d.get("reason")) for t, _, d in published(agency.system)
            if t.startswith("requests.event.") and d["event_id"] == event_id]
    assert told == [
        ("requests.event.scheduled", None, ["c1", "c3"], "c1", None, None, None),
        ("requests.event.attendance_confirmed", "c3", ["c1", "c3"], "c1", None, None, None),
        ("requests.event.attendee_left", "c3", ["c1"], "c1", False, False, "I have an exam."),
        ("requests.event.cancelled", None, ["c1"], "c1", False, False, None),
    ]


def test_a_client_of_a_staff_created_event_leaves_it_unless_they_are_its_last_client(agency):
    both = agency.event(WED_10)["event_id"]  # with c1 and c3, requested by nobody
    first = ok(agency.api.post(f"/requests/me/events/{both}/cancel", token=agency.token("c1")))
    assert (first["status"], first["left"]) == ("scheduled", True)
    last = ok(agency.api.post(f"/requests/me/events/{both}/cancel", token=agency.token("c3")))
    assert (last["status"], last["cancelled_by_id"], last["client_ids"]) == ("cancelled", "c3", ["c3"])
    alone = agency.event(THU_10, client_ids=["c3"])["event_id"]
    assert ok(agency.api.post(f"/requests/me/events/{alone}/cancel", token=agency.token("c3")))["status"] == "cancelled"
    requested_by = {d["event_id"]: d["requested_by"] for t, _, d in published(agency.system)
                    if t == "requests.event.scheduled"}
    assert requested_by == {both: None, alone: None}


def test_attendance_is_marked_once_the_event_has_begun_and_clients_confirm_theirs_before(agency):
    event_id = agency.event(WED_10)["event_id"]
    early = agency.api.post(f"/requests/events/{event_id}/attendance", token=agency.token("w1"),
                            json={"status": "attended"})
    assert (early.status, early.error_code()) == (409, "event_not_started")
    confirmed = ok(agency.api.post(f"/requests/me/events/{event_id}/confirm-attendance", token=agency.token("c3")))
    assert confirmed["attendance_confirmed"] is True
    ok(agency.api.post(f"/requests/me/events/{event_id}/confirm-attendance", token=agency.token("c3")))  # again
    assert ok(agency.api.get(f"/requests/events/{event_id}", token=agency.token("w1")))[
        "attendance_confirmed_by"] == ["c3"]
    clock.set_now(epoch(WED_10) + 60)
    ok(agency.api.post(f"/requests/events/{event_id}/attendance", token=agency.token("w1"),
                       json={"status": "attended"}))
    twice = agency.api.post(f"/requests/events/{event_id}/attendance", token=agency.token("w1"),
                            json={"status": "no_show"})
    assert (twice.status, twice.error_code()) == (409, "event_not_scheduled")
    kinds = [(t, d.get("client_id")) for t, _, d in published(agency.system) if t.startswith("requests.event.")]
    assert kinds == [("requests.event.scheduled", None), ("requests.event.attendance_confirmed", "c3"),
                     ("requests.event.attended", None)]


def test_staff_record_an_event_that_already_took_place_and_mark_its_attendance(agency):
    walk_in = agency.event("2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")  # this morning
    assert walk_in["status"] == "scheduled"
    ok(agency.api.post(f"/requests/events/{walk_in['event_id']}/attendance", token=agency.token("w1"),
                       json={"status": "attended"}))
    week_ago = agency.event("2026-11-16T12:30:00Z", "2026-11-16T13:00:00Z")
    assert week_ago["start"] == "2026-11-16T12:30:00Z"


# -- requests for a new service -----------------------------------------------------------------------------------


def test_a_client_asks_for_a_new_service_and_staff_approve_or_decline(agency):
    api = agency.api
    asked = ok(api.post("/requests/me/service-requests", token=agency.token("c2"),
                        json={"name": "Parenting group", "message": "Evenings please"}), 201)
    clock.set_now(epoch(NOW) + 1)
    other = ok(api.post("/requests/me/service-requests", token=agency.token("c2"), json={"name": "Yoga"}), 201)
    pending = ok(api.get("/requests/service-requests", token=agency.token("w2")))["service_requests"]
    assert sorted(r["name"] for r in pending) == ["Parenting group", "Yoga"]
    approved = ok(api.post(f"/requests/service-requests/{asked['service_request_id']}/approve",
                           token=agency.token("w2")))
    assert approved["status"] == "approved" and approved["decided_by"] == "w2"
    declined = ok(api.post(f"/requests/service-requests/{other['service_request_id']}/decline",
                           token=agency.admin, json={"reason": "Not offered"}))
    assert (declined["status"], declined["reason"]) == ("declined", "Not offered")
    (entry,) = agency.my_services("c2")
    assert (entry["service_id"], entry["name"], entry["providers"]) == (
        approved["service_id"], "Parenting group", [{"worker_id": "w2", "name": "Name of w2"}])
    mine = ok(api.get("/requests/me/service-requests", token=agency.token("c2")))["service_requests"]
    assert [r["status"] for r in mine] == ["declined", "approved"]
    kinds = [t for t, _, _ in published(agency.system) if "service" in t]
    assert kinds.count("requests.service_request.submitted") == 2
    assert {"requests.service.opened", "requests.service_request.approved",
            "requests.service_request.declined"} <= set(kinds)
    agency.settings(service_requests_enabled=False)
    off = api.post("/requests/me/service-requests", token=agency.token("c2"), json={"name": "Art"})
    assert (off.status, off.error_code()) == (409, "service_requests_disabled")


# -- who may do what -------------------------------------------------------------------------------------------

ACTORS = ("client", "other_client", "worker", "other_worker", "admin", "other_agency")


@pytest.fixture
def world(agency):
    """Things every route of the matrix can be tried on: some still open, some already ended."""
    api, w1, c1 = agency.api, agency.token("w1"), agency.token("c1")
    pending = agency.submit()["request_id"]
    ended = agency.submit(start=WED_11)["request_id"]
    ok(api.post(f"/requests/me/event-requests/{ended}/withdraw", token=c1))
    event = agency.event(THU_10)["event_id"]
    cancelled = agency.event(WED_11)["event_id"]
    ok(api.post(f"/requests/events/{cancelled}/cancel", token=w1))
    asked = ok(api.post("/requests/me/service-requests", token=c1, json={"name": "Yoga"}), 201)["service_request_id"]
    ok(api.post(f"/requests/service-requests/{asked}/decline", token=w1, json={"reason": "No"}))
    tokens = {
        "client": c1, "other_client": agency.token("c2"), "worker": w1, "other_worker": agency.token("w2"),
        "admin": agency.admin, "other_agency": agency.system.token("admin", "agency-b", "a1"),
    }
    ids = {"service": agency.service_id, "pending": pending, "ended": ended, "event": event,
           "cancelled": cancelled, "asked": asked}
    return agency, tokens, ids


def routes(ids: dict) -> list[tuple]:
    """(method, path, body, expected status per actor in ACTORS order). Ended things answer 409 to whoever may act."""
    s, req, done, ev, gone, ask = (ids[k] for k in ("service", "pending", "ended", "event", "cancelled", "asked"))
    new_service = {"name": "X", "open_date": "2026-11-23", "provider_ids": ["w1"], "participant_ids": ["c1"]}
    staff_only, staff_read = (403, 403, 200, 200, 200, 200), (403, 403, 200, 200, 200, 404)
    mine, clients = (200, 404, 403, 403, 403, 403), (200, 200, 403, 403, 403, 403)
    ended_for_provider = (403, 403, 409, 403, 409, 404)
    return [
        ("GET", "/requests/settings", None, (200, 200, 200, 200, 200, 200)),
        ("PUT", "/requests/settings", {"version": 0}, (403, 403, 403, 403, 200, 200)),
        ("GET", "/requests/people", None, staff_only),
        ("POST", "/requests/people", {"person_id": "c9", "name": "N", "email": "c9@a.test", "role": "client"},
         (403, 403, 201, 409, 409, 201)),  # tried in this order: the second in an agency finds it registered
        ("GET", "/requests/people/c1", None, staff_read),
        ("PUT", "/requests/people/c1", {"name": "C One"}, staff_read),
        ("POST", "/requests/services", new_service, (403, 403, 201, 400, 201, 400)),
        ("GET", "/requests/services", None, staff_only),
        ("GET", f"/requests/services/{s}", None, staff_read),
        ("POST", f"/requests/services/{s}/participants", {"client_id": "c1"}, (403, 403, 409, 403, 409, 404)),
        ("DELETE", f"/requests/services/{s}/participants/c2", None, (403, 403, 400, 403, 400, 404)),
        ("POST", f"/requests/services/{s}/close", {"close_date": "2000-01-01"}, (403, 403, 400, 403, 400, 404)),
        ("GET", "/requests/me/services", None, clients),
        ("GET", f"/requests/me/services/{s}/timeline", None, mine),
        ("GET", f"/requests/services/{s}/timeline", None, (403, 403, 200, 403, 200, 404)),
        ("POST", "/requests/me/event-requests", {"service_id": s, "worker_id": "w1", "start": "2026-11-30T15:00:00Z"},
         (202, 400, 403, 403, 403, 403)),
        ("GET", "/requests/me/event-requests", None, clients),
        ("GET", f"/requests/me/event-requests/{req}", None, mine),
        ("POST", f"/requests/me/event-requests/{done}/withdraw", None, (409, 404, 403, 403, 403, 403)),
        ("POST", f"/requests/me/event-requests/{done}/accept-proposal", None, (409, 404, 403, 403, 403, 403)),
        ("POST", f"/requests/me/event-requests/{done}/decline-proposal", None, (409, 404, 403, 403, 403, 403)),
        ("GET", "/requests/event-requests", None, staff_only),
        ("GET", f"/requests/event-requests/{req}", None, (403, 403, 200, 403, 200, 404)),
        ("POST", f"/requests/event-requests/{done}/confirm", None, ended_for_provider),
        ("POST", f"/requests/event-requests/{done}/decline", {"reason": "No"}, ended_for_provider),
        ("POST", f"/requests/event-requests/{done}/propose", {"start": "2026-11-30T15:00:00Z"}, ended_for_provider),
        ("POST", "/requests/events", {"service_id": s, "start": "2026-12-01T15:00:00Z", "end": "2026-12-01T16:00:00Z"},
         (403, 403, 201, 403, 400, 404)),
        ("GET", "/requests/events?worker_id=w1&from=2026-11-23&to=2026-11-30", None, staff_only),
        ("GET", f"/requests/events/{ev}", None, staff_read),
        ("PUT", f"/requests/events/{gone}/video-link", {"url": "https://meet.example.com/x"}, ended_for_provider),
        ("POST", f"/requests/events/{gone}/attendance", {"status": "attended"}, ended_for_provider),
        ("POST", f"/requests/events/{gone}/reschedule", {"start": "2026-12-01T15:00:00Z"}, ended_for_provider),
        ("POST", f"/requests/events/{gone}/cancel", None, ended_for_provider),
        ("GET", "/requests/me/events?from=2026-11-23&to=2026-11-30", None, clients),
        ("GET", f"/requests/me/events/{ev}", None, mine),
        ("POST", f"/requests/me/events/{gone}/confirm-attendance", None, (409, 404, 403, 403, 403, 403)),
        ("POST", f"/requests/me/events/{gone}/cancel", None, (409, 404, 403, 403, 403, 403)),
        ("POST", "/requests/me/service-requests", {"name": "Art"}, (201, 201, 403, 403, 403, 403)),
        ("GET", "/requests/me/service-requests", None, clients),
        ("GET", "/requests/service-requests", None, staff_only),
        ("POST", f"/requests/service-requests/{ask}/approve", {"provider_ids": ["w1"]},
         (403, 403, 409, 409, 409, 404)),
        ("POST", f"/requests/service-requests/{ask}/decline", {"reason": "No"}, (403, 403, 409, 409, 409, 404)),
        ("GET", "/requests/me/calendar-feed", None, (200,) * 6),
        ("POST", "/requests/me/calendar-feed", None, (201,) * 6),
        ("DELETE", "/requests/me/calendar-feed", None, (204,) * 6),
        ("GET", "/requests/feeds/" + "A" * 43 + ".ics", None, (404,) * 6),  # public: the secret is the credential
        ("GET", f"/requests/me/events/{ev}/calendar-file", None, (200, 404, 200, 404, 404, 404)),  # participants only
    ]


def test_who_may_do_what_on_every_route(world):
    agency, tokens, ids = world
    seen, expected = {}, {}
    for method, path, body, statuses in routes(ids):
        for actor, status in zip(ACTORS, statuses, strict=True):
            reply = agency.api.request(method, path, token=tokens[actor], json=body)
            seen[(method, path, actor)] = reply.status
            expected[(method, path, actor)] = status
    wrong = {k: (seen[k], expected[k]) for k in seen if seen[k] != expected[k]}
    assert not wrong, json.dumps({" ".join(k): v for k, v in wrong.items()}, indent=1)

    app_routes = {(m, p) for p, entries in load_app("requests").app.routes.items() for m in entries}
    tried = {(m, p.split("?")[0]) for m, p, _, _ in routes(ids)}
    names = {"service": "{service_id}", "pending": "{request_id}", "ended": "{request_id}", "event": "{event_id}",
             "cancelled": "{event_id}", "asked": "{service_request_id}"}
    for key, placeholder in names.items():
        tried = {(m, p.replace(ids[key], placeholder)) for m, p in tried}
    tried = {(m, p.replace("/people/c1", "/people/{person_id}").replace("/participants/c2", "/participants/{client_id}")
              .replace("/feeds/" + "A" * 43 + ".ics", "/feeds/{feed}")) for m, p in tried}
    missing = app_routes - tried - {("GET", "/requests/health")}
    assert not missing, f"routes left out of the matrix: {sorted(missing)}"


def test_availabilitys_answer_is_applied_once_with_two_dynamodb_calls(agency, calls):
    from portalkit.testing.messages import new_queue_message

    request_id = agency.submit()["request_id"]
    data = {"request_id": request_id, "worker_id": "w1", "start": WED_10, "end": WED_11,
            "hold_expires_at": "2026-11-25T12:00:00Z", "site_id": "site-1", "local_start": "2026-11-25T10:00:00-05:00"}
    message = new_queue_message("availability.slot.held", agency_id=AGENCY, subject_id=request_id, subject_version=1,
                          data=data)
    consumer = load_app("requests").consumers.consumer
    calls.reset()
    assert consumer.handle_message(message) == "applied"
    assert calls.by_operation("dynamodb") == {"GetItem": 1, "TransactWriteItems": 1}
    assert consumer.handle_message(message) == "duplicate"
    held = ok(agency.api.get(f"/requests/me/event-requests/{request_id}", token=agency.token("c1")))
    assert (held["status"], held["hold_expires_at"], held["version"]) == (
        "awaiting_response", "2026-11-25T12:00:00Z", 2)


def test_a_decline_by_availability_reaches_client_and_staff_with_a_sentence_beside_its_code(agency):
    from portalkit.testing.messages import new_queue_message

    request_id = agency.submit()["request_id"]
    message = new_queue_message("availability.slot.unavailable", agency_id=AGENCY, subject_id=request_id,
                          subject_version=1, data={"request_id": request_id, "worker_id": "w1", "start": WED_10,
                                                   "reason": "too_soon"})
    assert load_app("requests").consumers.consumer.handle_message(message) == "applied"
    sentence = "That time is too soon: the agency needs more notice before an appointment."
    for path, token in ((f"/requests/me/event-requests/{request_id}", agency.token("c1")),
                        (f"/requests/event-requests/{request_id}", agency.token("w1"))):
        view = ok(agency.api.get(path, token=token))
        assert (view["status"], view["reason"], view["reason_text"]) == ("declined", "too_soon", sentence)
    mine = ok(agency.api.get("/requests/me/event-requests", token=agency.token("c1")))["event_requests"]
    assert mine[0]["reason_text"] == sentence
    (declined,) = [d for t, _, d in published(agency.system) if t == "requests.event_request.declined"]
    assert (declined["reason"], declined["reason_text"], declined["declined_by"]) == (
        "too_soon", sentence, "availability")


def _hold(agency, request_id: str, start: str = WED_10, **extra) -> str:
    """availability.slot.held for the request, handed to the consumer as the queue would."""
    from portalkit.testing.messages import new_queue_message

    data = {"request_id": request_id, "worker_id": "w1", "start": start, "end": iso(epoch(start) + 3600),
            "hold_expires_at": "2026-11-25T12:00:00Z", "site_id": "site-1",
            "local_start": "2026-11-25T10:00:00-05:00", **extra}
    message = new_queue_message("availability.slot.held", agency_id=AGENCY, subject_id=request_id, subject_version=1,
                          data=data)
    return load_app("requests").consumers.consumer.handle_message(message)


def _unavailable(agency, data: dict, agency_id: str = AGENCY) -> str:
    from portalkit.testing.messages import new_queue_message

    message = new_queue_message("availability.slot.unavailable", agency_id=agency_id,
                          subject_id=data.get("request_id") or data.get("event_id") or "x", subject_version=1,
                          data={"worker_id": "w1", **data})
    return load_app("requests").consumers.consumer.handle_message(message)


def test_a_failed_proposal_stays_on_the_request_for_staff_with_its_reason_until_the_next_action(agency):
    request_id = agency.submit()["request_id"]
    assert _hold(agency, request_id) == "applied"
    path, w1 = f"/requests/event-requests/{request_id}", agency.token("w1")
    answer = agency.api.post(f"{path}/propose", token=w1, json={"start": THU_10})
    assert answer.status == 202, answer.body  # accepted: availability checks the time
    assert answer.json["proposal"]["status"] == "checking" and answer.json["proposal"]["start"] == THU_10
    assert "availability is checking" in answer.json["proposal"]["note"].lower()

    data = {"request_id": request_id, "start": THU_10, "reason": "slot_taken", "proposal": True}
    assert _unavailable(agency, data) == "applied"
    failed = ok(agency.api.get(path, token=w1))
    assert (failed["status"], failed["start"], failed["proposed_start"]) == ("awaiting_response", WED_10, None)
    assert failed["proposal"] == {"start": THU_10, "status": "failed", "reason": "slot_taken",
                                  "reason_text": "That time was taken by another appointment before it could be held.",
                                  "failed_at": NOW}
    listed = ok(agency.api.get("/requests/event-requests", token=w1))["event_requests"]
    assert listed[0]["proposal"]["status"] == "failed"
    assert "proposal" not in ok(agency.api.get(f"/requests/me/event-requests/{request_id}", token=agency.token("c1")))
    (event,) = [d for t, _, d in published(agency.system) if t == "requests.event_request.proposal_failed"]
    assert (event["start"], event["held_start"], event["reason"], event["reason_text"]) == (
        THU_10, WED_10, "slot_taken", failed["proposal"]["reason_text"])

    again = agency.api.post(f"{path}/propose", token=w1, json={"start": "2026-11-27T15:00:00Z"})
    assert again.status == 202 and again.json["proposal"]["status"] == "checking"  # the next action clears it


def test_a_proposal_requests_can_judge_itself_is_refused_at_once_naming_start(agency):
    request_id = agency.submit()["request_id"]
    _hold(agency, request_id)
    # in the past (the time already held, and past two years ahead: tests/domain/test_requests_event_requests.py)
    reply = agency.api.post(f"/requests/event-requests/{request_id}/propose", token=agency.token("w1"),
                            json={"start": "2026-11-23T11:00:00Z"})
    assert (reply.status, reply.json["error"]["field"]) == (400, "start")


def test_a_proposal_against_the_agencys_notice_or_horizon_or_the_workers_events_is_refused_at_once(agency):
    """What requests knows itself (availability's rules as last published, the worker's events) answers 409 naming
    start at once, instead of 202 and a failure moments later; the rest is left to availability."""
    request_id = agency.submit()["request_id"]
    _hold(agency, request_id)
    path, w1 = f"/requests/event-requests/{request_id}/propose", agency.token("w1")
    propose = lambda start: agency.api.post(path, token=w1, json={"start": start})  # noqa: E731
    rules = {"timezone": "America/New_York", "slot_minutes": 60, "min_notice_hours": 24, "horizon_days": 30,
             "hold_minutes": 2880}
    assert _answer("availability.settings.updated", rules, AGENCY) == "applied"
    agency.event(THU_10)  # Thursday 10:00-11:00 New York
    family = agency.open_service("Family support", ["w2"], ["c1"], by="a1")["service_id"]
    agency.event("2026-11-27T15:00:00Z", by="a1", worker_id="w2", service_id=family)  # another worker's
    cancelled = agency.event("2026-11-30T15:00:00Z")["event_id"]
    ok(agency.api.post(f"/requests/events/{cancelled}/cancel", token=w1))

    refused = {  # each bound and each overlap: tests/domain/test_requests_event_requests.py
        "2026-11-24T11:00:00Z": "too_soon",  # 23 hours ahead
        "2026-12-23T12:00:00Z": "too_far",  # 30 days ahead
        THU_10: "slot_taken",
    }
    for start, code in refused.items():
        reply = propose(start)
        assert (reply.status, reply.error_code(), reply.json["error"]["field"]) == (409, code, "start"), start
    assert [t for t, _, _ in published(agency.system) if t == "requests.event_request.proposed"] == []
    assert propose("2026-11-26T16:00:00Z").status == 202  # just after the event
    _unavailable(agency, {"request_id": request_id, "start": "2026-11-26T16:00:00Z", "reason": "outside_availability",
                          "proposal": True})
    assert propose("2026-11-27T15:00:00Z").status == 202  # w2's time, and a cancelled event's are no obstacle
    _unavailable(agency, {"request_id": request_id, "start": "2026-11-27T15:00:00Z", "reason": "slot_taken",
                          "proposal": True})
    assert propose("2026-11-30T15:00:00Z").status == 202


def test_events_start_at_most_two_years_ahead_and_far_dates_are_refused_not_failed(agency):
    event_id = agency.event(WED_10)["event_id"]
    reply = agency.api.post(f"/requests/events/{event_id}/reschedule", token=agency.token("w1"),
                            json={"start": "2028-12-01T15:00:00Z"})
    assert (reply.status, reply.json["error"]["field"]) == (400, "start")
    assert ok(agency.api.post(f"/requests/events/{event_id}/reschedule", token=agency.token("w1"),
                              json={"start": "2028-11-01T15:00:00Z"}))["start"] == "2028-11-01T15:00:00Z"
    for path, token in (("/requests/me/events", agency.token("c1")), ("/requests/events", agency.token("w1"))):
        reply = agency.api.get(f"{path}?from=9999-12-31&to=9999-12-31", token=token)
        assert reply.status == 400 and reply.json["error"]["field"] in ("from", "to"), reply.body


# -- availability's answers the consumer cannot apply: a domain outcome or an acknowledged no-op, never a failure --


def _answer(event_type: str, data: dict, subject_id: str = "x", version: int = 1) -> str:
    from portalkit.testing.messages import new_queue_message

    message = new_queue_message(event_type, agency_id=AGENCY, subject_id=subject_id, subject_version=version, data=data)
    return load_app("requests").consumers.consumer.handle_message(message)


def test_answers_about_unknown_requests_and_events_or_other_times_are_acknowledged_and_change_nothing(agency):
    request_id = agency.submit()["request_id"]
    scheduling = {"slot_minutes": 60, "min_notice_hours": 24, "horizon_days": 60, "hold_minutes": 2880}
    assert _answer("availability.settings.updated", {"timezone": "America/New_York", **scheduling}, AGENCY) == "applied"
    unknown, huge, surrogate = "no-such-request", "r" * 5000, "r\ud800"
    hold = {"worker_id": "w1", "start": WED_10, "end": WED_11, "hold_expires_at": WED_10, "site_id": "s",
            "local_start": "2026-11-25T10:00:00-05:00"}
    answers = [
        ("availability.slot.held", {**hold, "request_id": unknown}),
        ("availability.slot.held", {**hold, "request_id": huge}),
        ("availability.slot.held", {"request_id": request_id, "worker_id": "w1", "start": "9999-12-31T23:59:59Z",
                                    "end": "9999-12-31T23:59:59Z", "hold_expires_at": "0000-00-00T00:00:00Z",
                                    "site_id": "s", "local_start": "9999-12-31T23:59:59+99:99"}),
        ("availability.slot.unavailable", {"request_id": surrogate, "worker_id": "w1", "start": WED_10,
                                           "reason": "slot_taken"}),
        ("availability.slot.unavailable", {"event_id": huge, "worker_id": "w1", "start": WED_10,
                                           "reason": "slot_taken"}),
        ("availability.slot.unavailable", {"event_id": "no-such-event", "worker_id": "w1", "start": WED_10,
                                           "reason": "slot_taken"}),
        ("availability.slot.unavailable", {"request_id": request_id, "worker_id": "w1",
                                           "start": "0000-99-99T99:99:99Z", "reason": "too_far", "proposal": True}),
        ("availability.slot.released", {"request_id": request_id, "worker_id": "w1", "start": "2026-02-30T10:00:00Z",
                                        "end": "2026-02-30T11:00:00Z", "reason": "expired"}),
        ("availability.slot.released", {"event_id": huge, "worker_id": "w1", "start": WED_10, "end": WED_11,
                                        "reason": "expired"}),
    ]
    assert [_answer(event_type, data) for event_type, data in answers] == ["applied"] * len(answers)
    assert _answer("availability.settings.updated", {"timezone": "Mars/Olympus_Mons", **scheduling}, AGENCY,
                   version=2) == "applied"
    still = ok(agency.api.get(f"/requests/event-requests/{request_id}", token=agency.token("w1")))
    assert (still["status"], still["version"]) == ("pending", 1)
    assert agency.event(WED_10)["local_start"] == "2026-11-25T10:00:00-05:00"  # the unknown zone was not kept
    assert [t for t, _, _ in published(agency.system) if "event_request" in t] == ["requests.event_request.submitted"]


def test_a_hold_whose_times_cannot_be_used_declines_the_request_with_a_reason(agency):
    """One unusable hold (no such day) through the consumer; every kind: test_requests_event_requests.py (domain)."""
    request_id = agency.submit()["request_id"]
    assert _hold(agency, request_id, end="2026-02-30T16:00:00Z") == "applied"
    declined = ok(agency.api.get(f"/requests/me/event-requests/{request_id}", token=agency.token("c1")))
    assert (declined["status"], declined["declined_by"], declined["reason"]) == ("declined", "availability",
                                                                                "invalid_hold")
    assert declined["reason_text"] == "That time could not be held. Please choose another time."
    (data,) = [d for t, _, d in published(agency.system) if t == "requests.event_request.declined"]
    assert (data["reason"], data["reason_text"]) == ("invalid_hold", declined["reason_text"])
    assert agency.submit(start=THU_10)["status"] == "pending"  # the declined request freed its place


def test_a_proposals_hold_that_cannot_be_used_declines_the_request_and_a_bad_local_time_is_left_out(agency):
    request_id = agency.submit()["request_id"]
    assert _hold(agency, request_id, local_start="2026-11-25T10:00:00+99:00") == "applied"
    held = ok(agency.api.get(f"/requests/event-requests/{request_id}", token=agency.token("w1")))
    assert (held["status"], held["local_start"]) == ("awaiting_response", None)  # no zone known: none shown
    assert agency.api.post(f"/requests/event-requests/{request_id}/propose", token=agency.token("w1"),
                           json={"start": THU_10}).status == 202
    assert _hold(agency, request_id, start=THU_10, end="2026-11-26T15:00:00.5Z", proposal=True) == "applied"
    declined = ok(agency.api.get(f"/requests/event-requests/{request_id}", token=agency.token("w1")))
    assert (declined["status"], declined["reason"], declined["proposal"]) == ("declined", "invalid_hold", None)


_INSTANT = st.one_of(st.from_regex(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z\Z"),
                     st.sampled_from([WED_10, WED_11, THU_10, "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"]))
_LOCAL = st.one_of(st.from_regex(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}\Z"),
                   st.just("2026-11-25T10:00:00-05:00"))


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(answer=st.data())
def test_no_schema_valid_answer_of_availability_makes_the_consumer_fail(agency, answer):
    """Whatever availability's schemas allow, the consumer applies it, refuses it as a domain outcome, or
    acknowledges it as a no-op: nothing it could be handed goes to the DLQ."""
    if not hasattr(agency, "known"):
        agency.known = (agency.submit()["request_id"], agency.event(WED_10)["event_id"])
    request_id, event_id = agency.known
    draw = answer.draw
    ref = draw(st.sampled_from(["request", "event", "unknown", "huge"]))
    ids = {"request": {"request_id": request_id}, "event": {"event_id": event_id},
           "unknown": {"request_id": "nope", "event_id": None}, "huge": {"request_id": "r" * 3000}}[ref]
    event_type = draw(st.sampled_from(["availability.slot.held", "availability.slot.unavailable",
                                       "availability.slot.released"]))
    data = {"worker_id": "w1", "start": draw(st.one_of(st.just(WED_10), _INSTANT)), **ids}
    if event_type == "availability.slot.held":
        data |= {"request_id": ids.get("request_id") or "nope", "end": draw(_INSTANT),
                 "hold_expires_at": draw(_INSTANT), "site_id": "s", "local_start": draw(_LOCAL),
                 "proposal": draw(st.booleans())}
    elif event_type == "availability.slot.unavailable":
        reasons = ["slot_taken", "outside_availability", "too_soon", "too_far"]
        data |= {"reason": draw(st.sampled_from(reasons)), "proposal": draw(st.booleans())}
    else:
        data |= {"end": draw(_INSTANT), "reason": draw(st.sampled_from(["expired", "declined", "replaced"]))}
    assert _answer(event_type, data) in ("applied", "duplicate")
    stored = ok(agency.api.get(f"/requests/event-requests/{request_id}", token=agency.admin))
    for name in ("start", "end", "hold_expires_at", "local_start"):  # nothing unreadable was kept
        assert stored[name] is None or datetime.fromisoformat(stored[name].replace("Z", "+00:00")), (name, stored)
    ok(agency.api.get(f"/requests/events/{event_id}", token=agency.admin))


# Ids the generated events name, put in place of the requests and events the test makes (drawn often, so the
# consumer reaches its decisions, not only its "unknown request" path).
_PLACEHOLDERS = ("REQ-PENDING", "REQ-AWAITING", "REQ-PROPOSING", "EVT-NEW", "EVT-MOVED")
_NEAR = st.one_of(st.sampled_from([WED_10, WED_11, THU_10, "2026-11-24T15:00:00Z", "2026-11-25T15:00:00.5Z"]),
                  st.integers(epoch(NOW) - 86400, epoch(NOW) + 14 * 86400).map(lambda s: iso(s - s % 900)))


@settings(max_examples=examples(80), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=st.lists(schema_events("requests", [*_PLACEHOLDERS, "w1", "nope"], _NEAR), min_size=1, max_size=3),
       aims=st.lists(st.tuples(st.sampled_from([None, *_PLACEHOLDERS]), st.integers(0, 1)), min_size=3, max_size=3))
def test_no_event_availabilitys_schemas_admit_makes_the_consumer_raise(agency, events, aims):
    """Events generated from the producer's own JSON Schemas (every type requests' consumer handles), about fresh
    requests and events in each state an answer can meet: each is applied, turned into a domain outcome or
    acknowledged, and what is stored stays readable."""
    w1, admin = agency.token("w1"), agency.admin
    if not hasattr(agency, "example"):
        agency.settings(max_open_requests=20)
        agency.example = 0
    agency.example += 1
    pending = agency.submit(start=WED_10)["request_id"]
    awaiting = agency.submit(start=WED_11)["request_id"]
    _hold(agency, awaiting, start=WED_11)
    proposing = agency.submit(client="c3", start=THU_10)["request_id"]
    _hold(agency, proposing, start=THU_10)
    ok(agency.api.post(f"/requests/event-requests/{proposing}/propose", token=w1,
                       json={"start": "2026-11-24T15:00:00Z"}), 202)
    new = agency.event("2026-11-27T15:00:00Z")["event_id"]
    moved = agency.event("2026-11-30T15:00:00Z")["event_id"]
    ok(agency.api.post(f"/requests/events/{moved}/reschedule", token=w1, json={"start": WED_10}))
    known = dict(zip(_PLACEHOLDERS, (pending, awaiting, proposing, new, moved), strict=True))
    # What each one holds (a proposal's time too): most answers are aimed at one of them, with its id and time, so
    # they meet the request or event rather than being stale; the rest of the data is as generated.
    times = dict(zip(_PLACEHOLDERS, ((WED_10,), (WED_11,), (THU_10, "2026-11-24T15:00:00Z"),
                                     ("2026-11-27T15:00:00Z",), (WED_10, "2026-11-30T15:00:00Z")), strict=True))

    try:
        for (event_type, data, version), (aim, which) in zip(events, aims, strict=False):
            if aim is not None and event_type != "availability.settings.updated":
                ref = "event_id" if aim.startswith("EVT") and event_type != "availability.slot.held" else "request_id"
                data = {**data, ref: aim, "start": times[aim][which % len(times[aim])]}
            data = {name: known.get(value, value) for name, value in data.items()}
            subject = data.get("request_id") or data.get("event_id") or AGENCY
            assert _answer(event_type, data, subject, version) in ("applied", "duplicate"), (event_type, data)
        for placeholder, thing_id in known.items():
            kind = "event-requests" if placeholder.startswith("REQ") else "events"
            stored = ok(agency.api.get(f"/requests/{kind}/{thing_id}", token=admin))
            for name in ("start", "end", "hold_expires_at", "local_start", "previous_start"):
                if stored.get(name) is not None:
                    assert datetime.fromisoformat(stored[name].replace("Z", "+00:00")), (name, stored)
    finally:
        for client, request_id in (("c1", pending), ("c1", awaiting), ("c3", proposing)):  # free their places
            agency.api.post(f"/requests/me/event-requests/{request_id}/withdraw", token=agency.token(client))


def test_two_clients_leaving_at_once_cannot_both_write_over_the_event(agency, monkeypatch):
    """Leaving is one transaction on condition of the event's version: a leave decided on a stale read is refused."""
    from chalicelib.requests import events

    ok(agency.api.post(f"/requests/services/{agency.service_id}/participants", token=agency.token("w1"),
                       json={"client_id": "c2"}))
    event_id = agency.event(WED_10)["event_id"]  # c1, c3 and c2
    stale = events._load_with_settings(AGENCY, event_id)
    ok(agency.api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c3")))
    with monkeypatch.context() as patched:
        patched.setattr(events, "_load_with_settings", lambda *_: stale)
        reply = agency.api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c1"))
    assert (reply.status, reply.error_code()) == (409, "version_conflict")
    ok(agency.api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c1")))  # read again: fine
    staff = ok(agency.api.get(f"/requests/events/{event_id}", token=agency.token("w1")))
    assert (staff["client_ids"], staff["left_ids"], staff["version"]) == (["c2"], ["c3", "c1"], 3)
    assert ok(agency.api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c2")))[
        "status"] == "cancelled"  # the last client left cancels it
