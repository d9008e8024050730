"""The saga on availability's side, fed requests' events via outbox, bus, queue, delivered once or twice shuffled."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infra.local.system import load_app
from portalkit import clock
from portalkit.identity import Identity
from portalkit.testing.messages import new_queue_message
from portalkit.times import instant as epoch
from portalkit.times import iso
from tests.support import EventFlow, examples, run_scheduled

AGENCY, WORKER, SITE, FACING = "agency-a", "w1", "site-1", "type-client"
TZ = "America/New_York"
NOW = "2026-11-23T12:00:00Z"  # a Monday, 07:00 in New York; holds last 48 h, notice 24 h, horizon 60 days
HOLD_EXPIRES = "2026-11-25T12:00:00Z"

DELIVERIES = {
    "once": {},
    "twice-shuffled-1": {"duplicate": True, "shuffle": True, "seed": 1},
    "twice-shuffled-2": {"duplicate": True, "shuffle": True, "seed": 2},
    "twice-shuffled-3": {"duplicate": True, "shuffle": True, "seed": 3},
}


def local(text: str) -> str:
    """'2026-11-25 10:00' in New York -> '2026-11-25T15:00:00Z'."""
    moment = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(TZ))
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def plus_hour(text: str) -> str:
    return iso(epoch(text) + 3600)


WED_9, WED_10, WED_11, WED_12 = (local(f"2026-11-25 {h:02d}:00") for h in (9, 10, 11, 12))
WED_13, WED_14, WED_15, WED_16 = (local(f"2026-11-25 {h:02d}:00") for h in (13, 14, 15, 16))
FRI_10 = local("2026-11-27 10:00")


# -- what requests publishes --------------------------------------------------------------------------


def submitted(request_id, start, client_id="c1", service_id="s1"):
    data = {"request_id": request_id, "service_id": service_id, "client_id": client_id, "worker_id": WORKER,
            "start": start}
    return "requests.event_request.submitted", request_id, data


def confirmed(request_id, event_id, start):
    data = {"request_id": request_id, "event_id": event_id, "worker_id": WORKER, "service_id": "s1",
            "client_id": "c1", "start": start, "end": plus_hour(start)}
    return "requests.event_request.confirmed", request_id, data


def ended(verb, request_id):
    data = {"request_id": request_id, "worker_id": WORKER, "service_id": "s1", "client_id": "c1"}
    if verb == "declined":
        data |= {"reason": "The worker is away.", "declined_by": "worker"}
    return f"requests.event_request.{verb}", request_id, data


def proposed(request_id, start, version=3):
    data = {"request_id": request_id, "worker_id": WORKER, "service_id": "s1", "client_id": "c1", "start": start}
    return "requests.event_request.proposed", request_id, data, version


def scheduled(event_id, start, end, request_id=None):
    data = {"event_id": event_id, "service_id": "s1", "worker_id": WORKER, "client_ids": ["c1"], "start": start,
            "end": end, "request_id": request_id}
    return "requests.event.scheduled", event_id, data


def rescheduled(event_id, start, end, version=2):
    data = {"event_id": event_id, "service_id": "s1", "worker_id": WORKER, "client_ids": ["c1"], "start": start,
            "end": end}
    return "requests.event.rescheduled", event_id, data, version


def cancelled(event_id, start=WED_10, version=9):
    data = {"event_id": event_id, "service_id": "s1", "worker_id": WORKER, "client_ids": ["c1"], "start": start,
            "end": plus_hour(start), "late": False}
    return "requests.event.cancelled", event_id, data, version


def service(verb, service_id, version, participants, status="open", providers=(WORKER,)):
    data = {"service_id": service_id, "name": "Counselling", "status": status, "provider_ids": list(providers),
            "participant_ids": list(participants), "open_date": "2026-01-05"}
    return f"requests.service.{verb}", service_id, data, version


# -- what availability should publish -----------------------------------------------------------------


def in_new_york(text: str) -> str:
    """'2026-11-25T15:00:00Z' -> '2026-11-25T10:00:00-05:00': a slot's local start at the New York site."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(ZoneInfo(TZ)).isoformat()


def held(request_id, start, proposal=False, hold_expires=HOLD_EXPIRES):
    data = {"request_id": request_id, "worker_id": WORKER, "start": start, "end": plus_hour(start),
            "hold_expires_at": hold_expires, "site_id": SITE, "local_start": in_new_york(start)}
    return "held", request_id, {**data, "proposal": True} if proposal else data


def unavailable(subject, start, reason, request_id=None, event_id=None, proposal=False):
    data = {"worker_id": WORKER, "start": start, "reason": reason}
    data |= {"request_id": request_id} if request_id else {}
    data |= {"event_id": event_id} if event_id else {}
    data |= {"proposal": True} if proposal else {}
    return "unavailable", subject, data


def booked(event_id, start, end=None, request_id=None):
    return "booked", event_id, {"event_id": event_id, "request_id": request_id, "worker_id": WORKER, "start": start,
                                "end": end or plus_hour(start)}


def released(subject, start, reason, end=None, request_id=None, event_id=None):
    return "released", subject, {"request_id": request_id, "event_id": event_id, "worker_id": WORKER,
                                 "start": start, "end": end or plus_hour(start), "reason": reason}


def same(events) -> list:
    return sorted(events, key=lambda e: json.dumps(e, sort_keys=True))


# -- the stage -----------------------------------------------------------------------------------------


def availability():
    """The availability app's modules, loaded beside the other three apps."""
    load_app("availability")
    from chalicelib.availability import domain, holds, models, service_files, slots

    return SimpleNamespace(domain=domain, holds=holds, models=models, service_files=service_files, slots=slots)


def seed(av, hold_minutes=48 * 60) -> None:
    """A New York agency; worker w1 takes clients Monday to Friday 09:00-17:00, and is off on Thanksgiving."""
    m, d = av.models, av.domain
    m.SettingsItem.of(AGENCY, d.Settings(timezone=TZ, client_facing_type_id=FACING, slot_minutes=60,
                                         min_notice_hours=24, horizon_days=60, hold_minutes=hold_minutes,
                                         version=1)).save()
    m.TypeItem.of(AGENCY, d.AvailabilityType(FACING, "Client sessions", "#1E90FF")).save()
    m.SiteItem.of(AGENCY, d.Site(SITE, "Main office", TZ)).save()
    m.CalendarItem.of(AGENCY, WORKER, d.Calendar("cal-1", "Regular week", date(2026, 1, 5))).save()
    for day in range(5):
        m.BlockItem.of(AGENCY, WORKER, d.Block(f"blk-{day}", "cal-1", day, 9 * 60, 17 * 60, FACING, SITE)).save()
    m.TimeOffItem.of(AGENCY, WORKER, d.TimeOff("off-1", epoch(local("2026-11-26 00:00")),
                                               epoch(local("2026-11-27 00:00")), "Thanksgiving")).save()


class Saga(EventFlow):
    """Requests' events in, the pump drained, availability's events and table state out."""

    def __init__(self, system, guard, delivery: dict):
        self.av = availability()
        self.system, self.guard = system, guard
        self.now = epoch(NOW)
        super().__init__(system, producers=("requests",), consumers=("availability",), **delivery)
        seed(self.av)

    @property
    def now(self) -> int:
        return clock.now()

    @now.setter
    def now(self, epoch_seconds: int) -> None:
        clock.set_now(epoch_seconds)  # the pinned clock is restored after the test

    def send(self, *events) -> list:
        """Publish requests' events (each in its own transaction, as requests does) and deliver everything."""
        for event in events:
            self.publish("requests", *event, agency_id=AGENCY)
        return self.drain()

    def drain(self) -> list:
        """The availability.* events published since the last look, as (verb, subject_id, data), sorted."""
        return same((e.event_type.rsplit(".", 1)[1], e.subject_id, e.data) for e in self.deliver()
                    if e.event_type.startswith("availability."))

    def sweep(self) -> tuple[int, list]:
        """The app's scheduled function, as CloudWatch calls it every minute; then deliver what it published."""
        return run_scheduled("availability", "expire_holds", self.now)["released"], self.drain()

    def open_starts(self, day: date) -> list[str]:
        """The worker's open slots on a local date, through the same loaders the slot API uses."""
        m = self.av.models
        agency, worker = m.load_agency(AGENCY), m.load_worker(AGENCY, WORKER)
        schedule = m.load_schedule(agency, worker, AGENCY, WORKER, day, day)
        return [iso(s.start) for s in self.av.domain.open_slots(schedule, day, day, self.now)]

    def members(self) -> dict:
        return self.av.models.load_worker(AGENCY, WORKER).members

    def reservations(self) -> list[tuple]:
        """(kind, start, end, request_id, event_id, hold_expires) of every reservation by start, the locks checked."""
        items = self._items()
        found = {i["sk"]["S"].rsplit("#", 1)[1]: i for i in items if i["sk"]["S"].startswith("RES#")}
        refs = {i["sk"]["S"][4:]: i["reservation_sk"]["S"] for i in items
                if i["sk"]["S"].startswith("REF#") and "ended" not in i}
        locks = {int(i["pk"]["S"].rsplit("#", 1)[1]): i for i in items if i["sk"]["S"] == "LOCK"}
        granules = self.av.domain.granules
        for minute, lock in locks.items():
            holder = found.get(lock["holder"]["S"])
            assert holder is not None, f"lock {iso(minute * 60)} held by a reservation that is gone"
            assert minute in granules(_n(holder, "start"), _n(holder, "end")), "a lock outside its holder's time"
        for rid, item in found.items():
            active = item["kind"]["S"] == "booking" or _n(item, "hold_expires") > self.now
            mine = [m for m in granules(_n(item, "start"), _n(item, "end")) if locks.get(m, {}).get("holder", {})
                    .get("S") == rid]
            assert not active or len(mine) == len(granules(_n(item, "start"), _n(item, "end"))), "unlocked time"
            for ref in filter(None, (_s(item, "request_id"), _s(item, "event_id"))):
                assert refs.get(ref) == item["sk"]["S"], f"ref {ref} does not point at its reservation"
        assert set(refs.values()) <= {i["sk"]["S"] for i in found.values()}, "a ref to a missing reservation"
        return sorted(
            ((i["kind"]["S"], iso(_n(i, "start")), iso(_n(i, "end")), _s(i, "request_id"), _s(i, "event_id"),
              iso(_n(i, "hold_expires")) if "hold_expires" in i else None)
             for i in found.values()),
            key=lambda r: (r[1], r[0]),
        )

    def _items(self) -> list[dict]:
        ddb, items, start = self.system.clients("dynamodb"), [], {}
        with self.guard.allow():
            while True:
                page = ddb.scan(TableName="portal-test-availability", **start)
                items += page["Items"]
                if "LastEvaluatedKey" not in page:
                    return items
                start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}


def _n(item: dict, name: str) -> int:
    return int(item[name]["N"])


def _s(item: dict, name: str) -> str | None:
    return item[name]["S"] if name in item else None


def hold(request_id, start, hold_expires=HOLD_EXPIRES):
    return ("hold", start, plus_hour(start), request_id, None, hold_expires)


def booking(event_id, start, end=None, request_id=None):
    return ("booking", start, end or plus_hour(start), request_id, event_id, None)


@pytest.fixture(params=list(DELIVERIES))
def saga(request, system, no_scans) -> Saga:
    return Saga(system, no_scans, DELIVERIES[request.param])


WEDNESDAY = date(2026, 11, 25)


# -- scenarios -------------------------------------------------------------------------------------------


def test_a_request_is_held_and_its_slot_leaves_the_open_slots(saga):
    assert WED_10 in saga.open_starts(WEDNESDAY)
    assert saga.send(submitted("r1", WED_10)) == [held("r1", WED_10)]
    assert WED_10 not in saga.open_starts(WEDNESDAY)
    assert len(saga.open_starts(WEDNESDAY)) == 7
    assert saga.reservations() == [hold("r1", WED_10)]

    assert saga.send(submitted("r1", WED_10)) == []  # the same request sent again (a new event id)
    assert saga.reservations() == [hold("r1", WED_10)]


def test_each_reason_a_time_cannot_be_held(saga):
    saga.send(submitted("r1", WED_10))
    too_soon, too_far = local("2026-11-23 14:00"), local("2027-01-27 10:00")
    saturday, half_past, thanksgiving = local("2026-11-28 10:00"), local("2026-11-25 10:30"), local("2026-11-26 10:00")
    events = saga.send(
        submitted("r2", WED_10, client_id="c2"), submitted("r3", too_soon), submitted("r4", too_far),
        submitted("r5", saturday), submitted("r6", half_past), submitted("r7", thanksgiving),
    )
    assert events == same([
        unavailable("r2", WED_10, "slot_taken", request_id="r2"),
        unavailable("r3", too_soon, "too_soon", request_id="r3"),
        unavailable("r4", too_far, "too_far", request_id="r4"),
        unavailable("r5", saturday, "outside_availability", request_id="r5"),
        unavailable("r6", half_past, "outside_availability", request_id="r6"),
        unavailable("r7", thanksgiving, "outside_availability", request_id="r7"),
    ])
    assert saga.reservations() == [hold("r1", WED_10)]


def test_a_confirmed_hold_becomes_the_events_booking(saga):
    saga.send(submitted("r1", WED_10))
    events = saga.send(confirmed("r1", "e1", WED_10), scheduled("e1", WED_10, plus_hour(WED_10), request_id="r1"))
    assert events == [booked("e1", WED_10, request_id="r1")]
    assert saga.reservations() == [booking("e1", WED_10, request_id="r1")]
    assert WED_10 not in saga.open_starts(WEDNESDAY)

    assert saga.send(confirmed("r1", "e1", WED_10)) == []  # confirming again changes nothing
    saga.now = epoch("2026-11-25T13:00:00Z")  # past the hold's expiry: a booking does not expire
    assert saga.sweep() == (0, [])
    assert saga.reservations() == [booking("e1", WED_10, request_id="r1")]


def test_declined_withdrawn_and_expired_requests_give_their_time_back(saga):
    saga.send(submitted("r1", WED_10), submitted("r2", WED_11), submitted("r3", WED_12), submitted("r4", WED_13))
    events = saga.send(ended("declined", "r1"), ended("withdrawn", "r2"), ended("expired", "r3"))
    assert events == same([
        released("r1", WED_10, "declined", request_id="r1"), released("r2", WED_11, "withdrawn", request_id="r2"),
        released("r3", WED_12, "expired", request_id="r3"),
    ])
    assert {WED_10, WED_11, WED_12} <= set(saga.open_starts(WEDNESDAY))
    assert saga.reservations() == [hold("r4", WED_13)]

    assert saga.send(ended("declined", "r1"), ended("withdrawn", "r4")) == [  # releasing twice: nothing new
        released("r4", WED_13, "withdrawn", request_id="r4")
    ]
    assert saga.send(submitted("r5", WED_10)) == [held("r5", WED_10)]
    assert saga.reservations() == [hold("r5", WED_10)]


def test_a_proposal_holds_the_new_time_and_releases_the_old(saga):
    saga.send(submitted("r1", WED_10), submitted("r2", WED_15))
    assert saga.send(proposed("r1", WED_14)) == same([
        held("r1", WED_14, proposal=True), released("r1", WED_10, "replaced", request_id="r1"),
    ])
    assert saga.reservations() == [hold("r1", WED_14), hold("r2", WED_15)]
    assert WED_10 in saga.open_starts(WEDNESDAY)

    assert saga.send(proposed("r1", WED_15, version=5)) == [  # taken: the old hold stays
        unavailable("r1", WED_15, "slot_taken", request_id="r1", proposal=True)
    ]
    assert saga.send(proposed("r1", local("2026-11-25 18:00"), version=7)) == [
        unavailable("r1", local("2026-11-25 18:00"), "outside_availability", request_id="r1", proposal=True)
    ]
    assert saga.reservations() == [hold("r1", WED_14), hold("r2", WED_15)]

    assert saga.send(confirmed("r1", "e1", WED_14)) == [booked("e1", WED_14, request_id="r1")]
    assert saga.reservations() == [booking("e1", WED_14, request_id="r1"), hold("r2", WED_15)]


def test_a_staff_event_takes_time_directly_and_its_cancellation_gives_it_back(saga):
    saturday, saturday_end = local("2026-11-28 10:00"), local("2026-11-28 10:45")
    today = local("2026-11-23 14:00")  # inside the notice period: staff are not held to it
    saga.send(submitted("r1", WED_10))
    events = saga.send(scheduled("e1", saturday, saturday_end), scheduled("e2", today, plus_hour(today)))
    assert events == same([booked("e1", saturday, saturday_end), booked("e2", today)])

    clash = local("2026-11-25 10:15")
    assert saga.send(scheduled("e3", clash, local("2026-11-25 10:30"))) == [
        unavailable("e3", clash, "slot_taken", event_id="e3")
    ]
    assert saga.send(scheduled("e1", saturday, saturday_end)) == []  # sent again
    assert saga.reservations() == [booking("e2", today), hold("r1", WED_10), booking("e1", saturday, saturday_end)]

    assert saga.send(cancelled("e1")) == [released("e1", saturday, "cancelled", end=saturday_end, event_id="e1")]
    assert saga.send(cancelled("e1")) == []
    later = local("2026-11-28 10:30")
    assert saga.send(scheduled("e4", later, local("2026-11-28 11:15"))) == [
        booked("e4", later, local("2026-11-28 11:15"))
    ]
    assert saga.reservations() == [booking("e2", today), hold("r1", WED_10),
                                   booking("e4", later, local("2026-11-28 11:15"))]


def test_a_rescheduled_event_moves_its_booking(saga):
    saga.send(scheduled("e1", WED_10, WED_11), submitted("r2", WED_9), submitted("r3", WED_14))
    saga.send(confirmed("r2", "e2", WED_9))
    half_past = local("2026-11-25 10:30")
    assert saga.send(rescheduled("e1", half_past, plus_hour(half_past))) == same([  # overlaps its own old time
        booked("e1", half_past), released("e1", WED_10, "rescheduled", event_id="e1"),
    ])
    assert saga.reservations() == [booking("e2", WED_9, request_id="r2"), booking("e1", half_past),
                                   hold("r3", WED_14)]
    assert WED_10 not in saga.open_starts(WEDNESDAY)  # 10:30-11:30 still overlaps it

    taken = local("2026-11-25 13:30")
    assert saga.send(rescheduled("e1", taken, plus_hour(taken), version=3)) == [
        unavailable("e1", taken, "slot_taken", event_id="e1")
    ]
    assert saga.send(rescheduled("e2", WED_16, plus_hour(WED_16))) == same([
        booked("e2", WED_16, request_id="r2"), released("e2", WED_9, "rescheduled", request_id="r2", event_id="e2"),
    ])
    assert saga.send(rescheduled("e2", WED_16, plus_hour(WED_16))) == []
    assert saga.reservations() == [booking("e1", half_past), hold("r3", WED_14),
                                   booking("e2", WED_16, request_id="r2")]
    assert saga.send(confirmed("r2", "e2", WED_9)) == []  # the request's ref follows its booking
    assert saga.send(cancelled("e2")) == [
        released("e2", WED_16, "cancelled", request_id="r2", event_id="e2")
    ]
    assert WED_9 in saga.open_starts(WEDNESDAY) and WED_16 in saga.open_starts(WEDNESDAY)


def test_the_sweep_releases_an_expired_hold_once_and_frees_its_slot(saga):
    saga.send(submitted("r1", FRI_10))
    saga.now = epoch(HOLD_EXPIRES)
    assert saga.sweep() == (0, [])  # expires at, not before, its hold_expires_at
    saga.now += 60
    assert FRI_10 in saga.open_starts(date(2026, 11, 27))  # slot queries free it at once
    assert saga.sweep() == (1, [released("r1", FRI_10, "expired", request_id="r1")])
    assert saga.sweep() == (0, [])
    assert saga.reservations() == []

    assert saga.send(ended("expired", "r1")) == []  # requests' own expiry notice finds nothing left
    assert saga.send(submitted("r2", FRI_10)) == [held("r2", FRI_10, hold_expires="2026-11-27T12:01:00Z")]
    assert saga.reservations() == [hold("r2", FRI_10, "2026-11-27T12:01:00Z")]


def test_an_expired_hold_can_be_taken_over_before_the_sweep(saga):
    saga.send(submitted("r1", FRI_10))
    saga.now = epoch(HOLD_EXPIRES) + 60
    assert saga.send(submitted("r2", FRI_10)) == [held("r2", FRI_10, hold_expires="2026-11-27T12:01:00Z")]
    assert saga.send(confirmed("r1", "e1", FRI_10)) == [  # too late: the time is r2's now
        unavailable("r1", FRI_10, "slot_taken", request_id="r1", event_id="e1")
    ]
    assert saga.sweep() == (1, [released("r1", FRI_10, "expired", request_id="r1")])
    assert saga.reservations() == [hold("r2", FRI_10, "2026-11-27T12:01:00Z")]  # r2's locks survived the sweep


def test_a_confirmation_books_a_just_expired_hold_whose_time_is_still_free(saga):
    saga.send(submitted("r1", FRI_10), submitted("r2", WED_10))
    saga.now = epoch(HOLD_EXPIRES) + 60
    events = saga.send(confirmed("r1", "e1", FRI_10))
    assert events == [booked("e1", FRI_10, request_id="r1")]
    assert saga.sweep() == (1, [released("r2", WED_10, "expired", request_id="r2")])  # r1's booking stays
    assert saga.send(confirmed("r2", "e2", WED_10)) == [booked("e2", WED_10, request_id="r2")]  # swept, still free
    assert saga.reservations() == [booking("e2", WED_10, request_id="r2"), booking("e1", FRI_10, request_id="r1")]


def test_services_link_their_clients_to_their_providers(saga):
    saga.send(service("opened", "s1", 1, ["c1", "c2"]), service("participant_removed", "s1", 2, ["c1"]))
    assert saga.members() == {"c1": {"s1"}}  # the newer version wins, whatever the order
    saga.send(service("opened", "s2", 1, ["c1", "c3"]))
    assert saga.members() == {"c1": {"s1", "s2"}, "c3": {"s2"}}
    saga.send(service("closed", "s1", 3, ["c1"], status="closed"), service("participant_added", "s1", 2, ["c1", "c2"]))
    assert saga.members() == {"c1": {"s2"}, "c3": {"s2"}}
    saga.send(service("participant_removed", "s2", 2, ["c1"], providers=("w1", "w2")))
    assert saga.members() == {"c1": {"s2"}}
    assert saga.av.models.load_worker(AGENCY, "w2").members == {"c1": {"s2"}}


def requests_settings(enabled: bool, version: int):
    data = {"event_requests_enabled": enabled, "request_messages_enabled": True, "video_sessions_enabled": False,
            "service_requests_enabled": True, "max_open_requests": 3, "cancellation_window_hours": 24}
    return "requests.settings.updated", AGENCY, data, version


def test_the_newest_of_requests_settings_decides_whether_clients_are_offered_slots(saga):
    h = saga.av
    assert h.models.load_agency(AGENCY).event_requests_enabled is True  # on until requests says otherwise
    assert saga.send(requests_settings(False, 4), requests_settings(True, 3), requests_settings(False, 2)) == []
    assert h.models.load_agency(AGENCY).event_requests_enabled is False
    client, worker = Identity(AGENCY, "c1", "client"), Identity(AGENCY, WORKER, "worker")
    saga.send(service("opened", "s1", 1, ["c1"]))
    assert h.slots.list_slots(client, WORKER, WEDNESDAY, WEDNESDAY)["slots"] == []
    assert len(h.slots.list_slots(worker, WORKER, WEDNESDAY, WEDNESDAY)["slots"]) == 8
    saga.send(requests_settings(True, 5))
    assert len(h.slots.list_slots(client, WORKER, WEDNESDAY, WEDNESDAY)["slots"]) == 8


# -- cost -----------------------------------------------------------------------------------------------


def message(event_type, subject_id, data, version=1) -> str:
    return new_queue_message(event_type, agency_id=AGENCY, subject_id=subject_id, subject_version=version, data=data)


def test_dynamodb_calls_per_handled_event(system, calls):
    """Hold: Ref get, 3 Queries, 1 transaction; confirm: 2 Ref gets, Query, 1; cancel: 2 gets, 12 lock deletes, 1."""
    av = availability()
    clock.set_now(epoch(NOW))
    seed(av)
    consumer = load_app("availability").consumers.consumer
    calls.reset()
    assert consumer.handle_message(message(*submitted("r1", WED_10))) == "applied"
    assert calls.by_operation("dynamodb") == {"GetItem": 1, "Query": 3, "TransactWriteItems": 1}
    calls.reset()
    assert consumer.handle_message(message(*confirmed("r1", "e1", WED_10))) == "applied"
    assert calls.by_operation("dynamodb") == {"GetItem": 2, "Query": 1, "TransactWriteItems": 1}
    calls.reset()
    assert consumer.handle_message(message(*cancelled("e1"))) == "applied"
    assert calls.by_operation("dynamodb") == {"GetItem": 2, "DeleteItem": 12, "TransactWriteItems": 1}


def test_a_request_or_event_that_ended_is_not_revived_by_its_earlier_events_arriving_late(saga):
    assert saga.send(ended("withdrawn", "r1")) == []
    assert saga.send(submitted("r1", WED_10)) == []  # its submission, delivered after the withdrawal
    assert saga.send(cancelled("e1")) == []
    assert saga.send(scheduled("e1", WED_11, WED_12)) == []
    assert saga.send(rescheduled("e1", WED_13, WED_14)) == []
    assert saga.reservations() == []
    assert {WED_10, WED_11, WED_13} <= set(saga.open_starts(WEDNESDAY))

    saga.send(scheduled("e2", WED_9, WED_10))
    assert saga.send(cancelled("e2"), rescheduled("e2", WED_15, WED_16)) in (  # in either order, cancelled wins
        [released("e2", WED_9, "cancelled", event_id="e2")],
        same([booked("e2", WED_15, WED_16), released("e2", WED_9, "rescheduled", event_id="e2"),
              released("e2", WED_15, "cancelled", end=WED_16, event_id="e2")]),
    )
    assert saga.reservations() == []

    saga.send(submitted("r3", WED_12))
    assert saga.send(ended("declined", "r3"), confirmed("r3", "e3", WED_12)) in (
        [released("r3", WED_12, "declined", request_id="r3")],  # the decline came first: the confirm finds it over
        same([booked("e3", WED_12, request_id="r3")]),  # the confirm came first: a booking stays until cancelled
    )
    assert saga.reservations() in ([], [booking("e3", WED_12, request_id="r3")])


def test_an_older_reschedule_or_proposal_arriving_late_changes_nothing(saga):
    saga.send(scheduled("e1", WED_9, WED_10))
    saga.send(rescheduled("e1", WED_14, WED_15, version=3))
    assert saga.send(rescheduled("e1", WED_12, WED_13, version=2)) == []
    assert saga.reservations() == [booking("e1", WED_14, WED_15)]

    saga.send(submitted("r1", WED_10))
    saga.send(proposed("r1", WED_16, version=5))
    assert saga.send(proposed("r1", WED_11, version=3)) == []
    assert saga.reservations() == [booking("e1", WED_14, WED_15), hold("r1", WED_16)]


# -- paths a race or a long event takes (delivered once) -----------------------------------------------


@pytest.mark.parametrize("saga", ["once"], indirect=True)
def test_a_proposal_for_an_expired_or_swept_hold_holds_the_new_time(saga):
    saga.send(submitted("r1", FRI_10), submitted("r2", FRI_10.replace("15:", "17:")))
    saga.now = epoch(HOLD_EXPIRES) + 60
    fri_11, later = local("2026-11-27 11:00"), "2026-11-27T12:01:00Z"
    assert saga.send(proposed("r1", fri_11)) == same([
        held("r1", fri_11, proposal=True, hold_expires=later), released("r1", FRI_10, "replaced", request_id="r1"),
    ])
    assert saga.sweep() == (1, [released("r2", local("2026-11-27 12:00"), "expired", request_id="r2")])
    fri_13 = local("2026-11-27 13:00")
    assert saga.send(proposed("r2", fri_13)) == [held("r2", fri_13, proposal=True, hold_expires=later)]
    assert saga.reservations() == [hold("r1", fri_11, later), hold("r2", fri_13, later)]


@pytest.mark.parametrize("saga", ["once"], indirect=True)
def test_a_long_event_moves_even_when_one_transaction_cannot_hold_both_times(saga, monkeypatch):
    start, end = local("2026-11-30 08:00"), local("2026-11-30 12:00")  # 4 hours: 48 locks each side
    saga.send(scheduled("e1", start, end))
    moved, moved_end = local("2026-11-30 13:00"), local("2026-11-30 17:00")
    assert saga.send(rescheduled("e1", moved, moved_end)) == same([
        booked("e1", moved, moved_end), released("e1", start, "rescheduled", end=end, event_id="e1"),
    ])
    assert saga.reservations() == [booking("e1", moved, moved_end)]

    tuesday = local("2026-12-01 10:00")
    saga.send(submitted("r1", tuesday))
    taken, real = [], saga.av.domain.taken

    def first_look_misses(*args, **kwargs):
        taken.append(1)
        return len(taken) > 1 and real(*args, **kwargs)

    monkeypatch.setattr(saga.av.domain, "taken", first_look_misses)
    clash, clash_end = local("2026-12-01 08:00"), local("2026-12-01 12:00")
    # The first decision misses r1 (as if it came a moment later): the old locks go, the new ones fail,
    # and the second decision sees r1 and takes the old locks back.
    assert saga.send(rescheduled("e1", clash, clash_end, version=3)) == [
        unavailable("e1", clash, "slot_taken", event_id="e1")
    ]
    assert len(taken) == 2
    assert saga.reservations() == [booking("e1", moved, moved_end), hold("r1", tuesday)]  # all e1's locks are back


# -- events that cannot be applied: a domain outcome, never an exception --------------------------------

FAR, LONG_AGO, NO_SUCH_DAY = "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-02-30T10:00:00Z"


def test_a_request_for_a_time_that_cannot_be_computed_with_is_declined_with_a_reason(saga):
    nobody = ("requests.event_request.submitted", "r4",
              {**submitted("r4", WED_10)[2], "worker_id": "nobody"})
    assert saga.send(submitted("r1", FAR), submitted("r2", LONG_AGO), submitted("r3", NO_SUCH_DAY), nobody) == same([
        unavailable("r1", FAR, "too_far", request_id="r1"),
        unavailable("r2", LONG_AGO, "too_soon", request_id="r2"),
        unavailable("r3", NO_SUCH_DAY, "outside_availability", request_id="r3"),
        ("unavailable", "r4", {"worker_id": "nobody", "start": WED_10, "reason": "outside_availability",
                               "request_id": "r4"}),
    ])
    saga.send(submitted("r5", WED_10))
    assert saga.send(proposed("r5", FAR)) == [unavailable("r5", FAR, "too_far", request_id="r5", proposal=True)]
    assert saga.send(proposed("r5", NO_SUCH_DAY, version=4)) == [
        unavailable("r5", NO_SUCH_DAY, "outside_availability", request_id="r5", proposal=True)]
    assert saga.reservations() == [hold("r5", WED_10)]  # the request keeps the time it holds


def test_staff_events_whose_times_cannot_be_booked_are_unavailable_and_a_booking_keeps_its_time(saga):
    misaligned, eight_hours_later = local("2026-11-30 08:02"), local("2026-11-30 16:02")  # 97 lock granules
    assert saga.send(
        scheduled("e1", "9999-12-31T23:00:00Z", FAR), scheduled("e2", WED_11, WED_10),
        scheduled("e3", LONG_AGO, "0001-01-01T01:00:00Z"), scheduled("e4", misaligned, eight_hours_later),
        scheduled("e5", WED_9, NO_SUCH_DAY),
    ) == same([
        unavailable("e1", "9999-12-31T23:00:00Z", "too_far", event_id="e1"),
        unavailable("e2", WED_11, "outside_availability", event_id="e2"),  # it ends before it starts
        unavailable("e3", LONG_AGO, "too_soon", event_id="e3"),
        unavailable("e4", misaligned, "outside_availability", event_id="e4"),  # more locks than a transaction takes
        unavailable("e5", WED_9, "outside_availability", event_id="e5"),  # it ends on 30 February
    ])
    saga.send(scheduled("e6", WED_9, WED_10))
    assert saga.send(rescheduled("e6", "9999-12-31T22:00:00Z", "9999-12-31T23:00:00Z")) == [
        unavailable("e6", "9999-12-31T22:00:00Z", "too_far", event_id="e6")]
    assert saga.send(confirmed("r7", "e7", "9999-12-31T22:59:59Z")) == [
        unavailable("r7", "9999-12-31T22:59:59Z", "too_far", request_id="r7", event_id="e7")]  # no hold to book
    assert saga.reservations() == [booking("e6", WED_9)]


def test_a_service_with_more_links_than_one_transaction_holds_links_them_all(saga):
    providers, clients = [f"w{n}" for n in range(1, 11)], [f"c{n}" for n in range(1, 26)]
    saga.send(service("opened", "s9", 1, clients, providers=providers))  # 250 links
    assert saga.members() == {c: {"s9"} for c in clients}
    assert all(len(saga.av.models.load_worker(AGENCY, w).members) == 25 for w in providers)
    saga.send(service("participant_removed", "s9", 2, clients[1:], providers=providers),
              service("closed", "s9", 3, clients[1:], providers=providers, status="closed"))
    assert all(saga.av.models.load_worker(AGENCY, w).members == {} for w in providers)


def test_a_newer_version_of_a_service_takes_over_from_one_applied_in_parts(system, monkeypatch):
    av = availability()
    clock.set_now(epoch(NOW))
    monkeypatch.setattr(av.service_files, "LINKS_PER_TRANSACTION", 2)
    consumer = load_app("availability").consumers.consumer
    consumer.handle_message(message(*service("opened", "s1", 1, ["c1", "c2"])))  # 2 links: one transaction
    parts, real = [], av.service_files.Transaction

    def newer_arrives_after_the_first_part(service_name):
        if parts == [1]:  # v3 (c3 only) comes while v2 (c1..c7) has written its first part
            parts.append(3)
            assert consumer.handle_message(message(*service("participant_removed", "s1", 3, ["c3"]))) == "applied"
        parts.append(1)
        return real(service_name)

    monkeypatch.setattr(av.service_files, "Transaction", newer_arrives_after_the_first_part)
    assert consumer.handle_message(message(*service("participant_added", "s1", 2, [f"c{n}" for n in range(1, 8)]))
                                   ) == "applied"
    assert av.models.load_worker(AGENCY, WORKER).members == {"c3": {"s1"}}
    monkeypatch.setattr(av.service_files, "Transaction", real)
    assert consumer.handle_message(message(*service("participant_added", "s1", 4, ["c3", "c4"]))) == "applied"
    assert av.models.load_worker(AGENCY, WORKER).members == {"c3": {"s1"}, "c4": {"s1"}}


def test_the_consumer_answers_the_far_request_of_the_issue_instead_of_raising(system):
    """POST /requests/me/event-requests {"worker_id": "demo-worker", "start": "9999-12-31T23:59:59Z"} once raised
    OverflowError on every delivery, so the request stayed pending; it is now declined as too far."""
    av = availability()
    clock.set_now(epoch(NOW))
    seed(av)
    consumer = load_app("availability").consumers.consumer
    data = {"request_id": "r1", "service_id": "s1", "client_id": "c1", "worker_id": "demo-worker", "start": FAR}
    body = new_queue_message("requests.event_request.submitted", agency_id=AGENCY, subject_id="r1", subject_version=1,
                       data=data)
    assert consumer.handle_batch({"Records": [{"messageId": "m1", "body": body}]}) == {"batchItemFailures": []}


def _from_schema(schema: dict, near: st.SearchStrategy[str]):
    """Values a JSON Schema (the few keywords producers use) admits; instants often near now, to reach deep."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:  # a generated contract's optional field: its type or null
        return st.one_of([_from_schema(option, near) for option in schema["anyOf"]])
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    options = []
    for kind in kinds:
        if kind == "null":
            options.append(st.none())
        elif kind == "boolean":
            options.append(st.booleans())
        elif kind == "integer":
            options.append(st.integers(min_value=schema.get("minimum", -(2**31)), max_value=2**31))
        elif kind == "array":
            options.append(st.lists(_from_schema(schema["items"], near), max_size=4))
        elif "pattern" in schema:  # an instant or a date: the pattern with ECMA's ASCII \d
            pattern = schema["pattern"].replace("\\d", "[0-9]")
            options.append(st.one_of(st.from_regex(pattern, fullmatch=True), near) if "T" in pattern
                           else st.from_regex(pattern, fullmatch=True))
        else:
            lengths = {"min_size": schema.get("minLength", 0), "max_size": min(schema.get("maxLength", 20), 20)}
            options.append(st.one_of(st.sampled_from([WORKER, "r1", "e1", "s1", "c1"]), st.text(**lengths)))
    return st.one_of(options)


def _events() -> st.SearchStrategy[tuple[str, dict, int]]:
    """Every event type availability's consumer handles, with data generated from its producer's schema."""
    from infra.local.system import contracts

    near = st.integers(epoch(NOW) - 3 * 86400, epoch(NOW) + 90 * 86400).map(lambda s: iso(s - s % 300))
    consumer = load_app("availability").consumers.consumer
    options = []
    for event_type, version in sorted(consumer.handlers):
        schema = json.loads(contracts().schema_path(event_type, version).read_text())
        required = {name: _from_schema(schema["properties"][name], near) for name in schema["required"]}
        optional = {name: _from_schema(s, near) for name, s in schema["properties"].items() if name not in required}
        data = st.fixed_dictionaries(required, optional=optional)
        options.append(st.tuples(st.just(event_type), data, st.integers(1, 5)))
    return st.one_of(options)


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=st.lists(_events(), min_size=1, max_size=3))
def test_no_schema_valid_event_makes_the_consumer_raise(system, events):
    av = availability()
    clock.set_now(epoch(NOW))
    if av.models.load_agency(AGENCY).settings.version == 0:
        seed(av)
    consumer = load_app("availability").consumers.consumer
    for event_type, data, version in events:
        subject = data.get("request_id") or data.get("event_id") or data.get("service_id") or AGENCY
        body = new_queue_message(event_type, agency_id=AGENCY, subject_id=subject, subject_version=version, data=data)
        assert consumer.handle_message(body) in ("applied", "duplicate")
