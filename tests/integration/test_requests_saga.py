"""The event-request saga end to end: the requests API and consumer with the real availability service.

Requests' events travel outbox -> stream -> relay -> bus -> queue -> availability's consumer and back, drained by
the in-process pump; each scenario runs with every message delivered once, and twice in a shuffled order, and
must end in the same state.
"""

from __future__ import annotations

import pytest

from infra.local.system import contracts, wirings
from portalkit import clock
from portalkit.testing.pump import Pump
from tests.integration.test_availability_saga import (
    AGENCY,
    FRI_10,
    HOLD_EXPIRES,
    NOW,
    WED_9,
    WED_10,
    WED_11,
    WED_12,
    WED_13,
    WED_14,
    availability,
    epoch,
    in_new_york,
    iso,
    local,
    plus_hour,
    seed,
)
from tests.support import run_scheduled

DELIVERIES = {
    "once": {},
    "twice-shuffled-1": {"duplicate": True, "shuffle": True, "seed": 1},
    "twice-shuffled-2": {"duplicate": True, "shuffle": True, "seed": 2},
}
WORKER, OTHER_WORKER = "w1", "w2"
CLIENTS = ("c1", "c2", "c3", "c4")
FRI_11, FRI_13 = local("2026-11-27 11:00"), local("2026-11-27 13:00")


class Stage:
    """An agency with a worker's week in availability, a service with four clients, and the pump between them."""

    def __init__(self, system, guard, delivery: dict):
        self.system, self.guard = system, guard
        self.api = system.api
        clock.set_now(epoch(NOW))
        self.av = availability()
        wired = {w.service: w for w in wirings(system.declaration, system.resources)}
        self.pump = Pump([wired["requests"], wired["availability"]], system.clients, contracts=contracts(),
                         **delivery)
        seed(self.av)
        self.admin = system.token("admin", AGENCY, "admin-1")
        self.worker = system.token("worker", AGENCY, WORKER)
        for person_id, role in ((WORKER, "worker"), (OTHER_WORKER, "worker"), *((c, "client") for c in CLIENTS)):
            reply = self.api.post("/requests/people", token=self.admin, json={
                "person_id": person_id, "name": person_id.upper(), "email": f"{person_id}@a.test", "role": role})
            assert reply.status == 201, reply.body
        reply = self.api.post("/requests/services", token=self.worker, json={
            "name": "Counselling", "open_date": "2026-11-02", "provider_ids": [WORKER],
            "participant_ids": list(CLIENTS)})
        assert reply.status == 201, reply.body
        self.service_id = reply.json["service_id"]
        self.drain()

    def client(self, client_id: str) -> str:
        return self.system.token("client", AGENCY, client_id)

    def drain(self) -> list:
        stats = self.pump.drain()
        assert stats.consumer_failures == 0
        return stats.published

    def submit(self, client_id: str, start: str, **extra) -> str:
        reply = self.api.post("/requests/me/event-requests", token=self.client(client_id), json={
            "service_id": self.service_id, "worker_id": WORKER, "start": start, **extra})
        assert reply.status == 202, reply.body
        assert reply.json["status"] == "pending"
        return reply.json["request_id"]

    def request(self, request_id: str) -> dict:
        reply = self.api.get(f"/requests/event-requests/{request_id}", token=self.admin)
        assert reply.status == 200, reply.body
        return reply.json

    def status(self, request_id: str) -> str:
        return self.request(request_id)["status"]

    def staff(self, request_id: str, action: str, body: dict | None = None, status: int | None = None) -> dict:
        status = status or (202 if action == "propose" else 200)  # a proposal is answered once availability checks
        reply = self.api.post(f"/requests/event-requests/{request_id}/{action}", token=self.worker, json=body or {})
        assert reply.status == status, reply.body
        return reply.json

    def mine(self, client_id: str, request_id: str, action: str, status: int = 200) -> dict:
        reply = self.api.post(f"/requests/me/event-requests/{request_id}/{action}", token=self.client(client_id))
        assert reply.status == status, reply.body
        return reply.json

    def calendar(self, client_id: str) -> list[tuple]:
        reply = self.api.get("/requests/me/events?from=2026-11-23&to=2026-12-31", token=self.client(client_id))
        assert reply.status == 200, reply.body
        return [(e["start"], e["status"], e["request_id"] is not None) for e in reply.json["events"]]

    def my_services(self, client_id: str) -> dict:
        reply = self.api.get("/requests/me/services", token=self.client(client_id))
        assert reply.status == 200, reply.body
        (entry,) = reply.json["services"]
        return entry

    def reservations(self) -> list[tuple]:
        """Availability's holds and bookings of the worker: (kind, start, request_id, event_id), by start."""
        m = self.av.models
        found = m.ReservationItem.query(m.worker_pk(AGENCY, WORKER), m.Item.sk.startswith("RES#"), consistent_read=True)
        return [(r.kind, iso(int(r.start)), r.request_id, r.event_id) for r in found]

    def sweep(self) -> int:
        return run_scheduled("availability", "expire_holds", clock.now())["released"]


@pytest.fixture(params=list(DELIVERIES))
def stage(request, system, no_scans):
    yield Stage(system, no_scans, DELIVERIES[request.param])
    clock.set_now(None)


def test_the_whole_saga(stage):
    s = stage
    r1, r2, r3 = s.submit("c1", WED_10), s.submit("c1", WED_11), s.submit("c1", WED_12)
    r4, r5, r6 = s.submit("c2", WED_13), s.submit("c2", WED_14, video_session=True), s.submit("c2", FRI_10)
    r7, r8 = s.submit("c3", WED_9), s.submit("c4", WED_9)  # the same slot at once
    s.drain()
    for r, start in ((r1, WED_10), (r2, WED_11), (r3, WED_12), (r4, WED_13), (r5, WED_14), (r6, FRI_10)):
        held = s.request(r)
        assert (held["status"], held["start"], held["end"], held["hold_expires_at"]) == (
            "awaiting_response", start, plus_hour(start), HOLD_EXPIRES)
        assert held["local_start"] == in_new_york(start) and held["site_id"] == "site-1"
    contest = sorted((s.request(r)["status"], s.request(r)["reason"]) for r in (r7, r8))
    assert contest == [("awaiting_response", None), ("declined", "slot_taken")]
    awaiting = s.api.get("/requests/event-requests", token=s.worker).json["event_requests"]
    assert len(awaiting) == 7

    s.staff(r1, "confirm")
    s.staff(r2, "decline", {"reason": "I am away that week."})
    s.staff(r3, "propose", {"start": FRI_11})
    s.staff(r4, "propose", {"start": FRI_13})
    taken = s.staff(r6, "propose", {"start": WED_10}, status=409)  # r1's time is an event now: refused at once
    assert (taken["error"]["code"], taken["error"]["field"]) == ("slot_taken", "start")
    s.staff(r6, "propose", {"start": WED_9})  # held by r7 or r8: availability fails it and r6 keeps its hold
    s.mine("c2", r5, "withdraw")
    s.drain()
    assert [s.status(r) for r in (r1, r2, r3, r4, r5, r6)] == [
        "confirmed", "declined", "proposed", "proposed", "withdrawn", "awaiting_response"]
    assert (s.request(r3)["start"], s.request(r6)["start"], s.request(r6)["proposed_start"]) == (FRI_11, FRI_10, None)
    failed = s.request(r6)["proposal"]  # the worker sees why
    assert (failed["status"], failed["start"], failed["reason"]) == ("failed", WED_9, "slot_taken")
    assert failed["reason_text"].startswith("That time was taken")

    s.mine("c1", r3, "accept-proposal")
    s.mine("c2", r4, "decline-proposal")
    s.drain()
    assert (s.status(r3), s.request(r3)["confirmed_by"]) == ("confirmed", "client")
    assert (s.status(r4), s.request(r4)["declined_by"]) == ("declined", "client")

    clock.set_now(epoch(HOLD_EXPIRES) + 60)
    assert s.sweep() == 2  # r6, and the winner of r7 and r8
    s.drain()
    assert s.status(r6) == "expired"
    assert sorted(s.status(r) for r in (r7, r8)) == ["declined", "expired"]

    assert s.calendar("c1") == [(WED_10, "scheduled", True), (FRI_11, "scheduled", True)]
    entry = s.my_services("c1")
    assert (entry["events_upcoming"], entry["events_attended"], entry["next_event"]["start"]) == (2, 0, WED_10)
    e1, e3 = s.request(r1)["event_id"], s.request(r3)["event_id"]
    assert s.reservations() == [("booking", WED_10, r1, e1), ("booking", FRI_11, r3, e3)]
    assert [s.submit("c1", local(f"2026-12-01 {h}:00")) for h in (10, 11, 12)]  # ended requests free their places


@pytest.mark.parametrize("stage", ["once", "twice-shuffled-1"], indirect=True)
def test_events_availability_cannot_book_are_cancelled_or_put_back(stage):
    s = stage
    create = lambda start: s.api.post("/requests/events", token=s.worker, json={  # noqa: E731
        "service_id": s.service_id, "start": start, "end": plus_hour(start)}).json["event_id"]
    e1 = create(WED_10)
    held = s.submit("c1", WED_11)
    s.drain()
    e2 = create(WED_11)  # the request holds this time: availability cannot book it
    reply = s.api.post(f"/requests/events/{e1}/reschedule", token=s.worker, json={"start": WED_11})
    assert reply.status == 200 and reply.json["start"] == WED_11
    events = s.drain()
    e1_now = s.api.get(f"/requests/events/{e1}", token=s.worker).json
    e2_now = s.api.get(f"/requests/events/{e2}", token=s.worker).json
    assert (e1_now["status"], e1_now["start"], e1_now["previous_start"]) == ("scheduled", WED_10, None)
    assert (e2_now["status"], e2_now["cancelled_by"], e2_now["reason"]) == ("cancelled", "availability", "slot_taken")
    told = {e.event_type: e.data for e in events
            if e.event_type.startswith("requests.event.") and (e.data.get("reverted") or e.data.get("cancelled_by"))}
    assert told["requests.event.rescheduled"]["previous_start"] == WED_11
    assert told["requests.event.cancelled"]["event_id"] == e2

    late = s.submit("c2", FRI_10)
    s.drain()
    clock.set_now(epoch(HOLD_EXPIRES) + 60)  # the hold ran out, and someone else takes the time
    taker = s.submit("c3", FRI_10)
    s.drain()
    assert s.status(taker) == "awaiting_response"
    s.staff(late, "confirm")  # the worker answers late
    s.drain()
    assert s.status(late) == "confirmed"
    event = s.api.get(f"/requests/me/events/{s.request(late)['event_id']}", token=s.client("c2")).json
    assert (event["status"], event["cancelled_by"], event["reason"]) == ("cancelled", "availability", "slot_taken")
    assert s.sweep() == 2  # the late request's and the first request's holds
    s.drain()
    assert (s.status(late), s.status(held)) == ("confirmed", "expired")
    assert [(kind, start) for kind, start, *_ in s.reservations()] == [
        ("booking", WED_10), ("hold", FRI_10)]


def test_an_invited_attendee_leaves_and_the_time_stays_booked_until_the_requester_cancels(stage):
    s = stage
    request_id = s.submit("c1", WED_10, attendee_ids=["c2"])
    s.drain()
    s.staff(request_id, "confirm")
    s.drain()
    event_id = s.request(request_id)["event_id"]
    reply = s.api.post(f"/requests/me/events/{event_id}/cancel", token=s.client("c2"))
    assert (reply.status, reply.json["left"], reply.json["status"]) == (200, True, "scheduled")
    events = s.drain()
    assert {(e.event_type, e.data["client_id"]) for e in events if e.event_type.endswith("attendee_left")} == {
        ("requests.event.attendee_left", "c2")}
    assert (s.calendar("c1"), s.calendar("c2")) == ([(WED_10, "scheduled", True)], [])
    assert (s.my_services("c1")["events_upcoming"], s.my_services("c2")["events_upcoming"]) == (1, 0)
    assert [(kind, start, event) for kind, start, _, event in s.reservations()] == [("booking", WED_10, event_id)]

    reply = s.api.post(f"/requests/me/events/{event_id}/cancel", token=s.client("c1"))
    assert (reply.status, reply.json["status"], reply.json["cancelled_by_id"]) == (200, "cancelled", "c1")
    s.drain()
    assert s.calendar("c1") == [(WED_10, "cancelled", True)]
    assert s.reservations() == []  # the requester's cancellation gave the time back
