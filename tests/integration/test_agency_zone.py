"""The agency's time zone is availability's; requests learns it from availability.settings.updated and shows
staff events and not-yet-held requests on the agency's clock (held requests show their site's)."""

from __future__ import annotations

import pytest

from infra.local.system import contracts, load_app, wirings
from portalkit import clock
from portalkit.testing.messages import new_queue_message
from portalkit.testing.pump import Pump
from tests.integration.test_availability_saga import AGENCY, NOW, epoch

WORKER, CLIENT = "w1", "c1"


@pytest.fixture(params=[{}, {"duplicate": True, "shuffle": True, "seed": 4}], ids=["once", "twice-shuffled"])
def stage(request, system):
    clock.set_now(epoch(NOW))
    wired = {w.service: w for w in wirings(system.declaration, system.resources)}
    pump = Pump([wired["requests"], wired["availability"]], system.clients, contracts=contracts(), **request.param)
    admin = system.token("admin", AGENCY, "admin-1")
    for person_id, role in ((WORKER, "worker"), (CLIENT, "client")):
        system.api.post("/requests/people", token=admin, json={
            "person_id": person_id, "name": person_id, "email": f"{person_id}@a.test", "role": role})
    service = system.api.post("/requests/services", token=admin, json={
        "name": "Counselling", "open_date": "2026-11-02", "provider_ids": [WORKER], "participant_ids": [CLIENT]})
    yield system, pump, admin, service.json["service_id"]
    clock.set_now(None)


def create_event(system, service_id: str, start: str, end: str) -> dict:
    reply = system.api.post("/requests/events", token=system.token("worker", AGENCY, WORKER),
                            json={"service_id": service_id, "start": start, "end": end})
    assert reply.status == 201, reply.body
    return reply.json


def test_staff_events_and_fresh_requests_are_shown_on_the_agencys_clock(stage):
    system, pump, admin, service_id = stage
    assert create_event(system, service_id, "2026-11-26T15:00:00Z", "2026-11-26T16:00:00Z")["local_start"] is None

    reply = system.api.put("/availability/settings", token=admin, json={"timezone": "America/Chicago", "version": 0})
    assert reply.status == 200, reply.body
    assert pump.drain().consumer_failures == 0
    event = create_event(system, service_id, "2026-11-27T15:00:00Z", "2026-11-27T16:00:00Z")
    assert event["local_start"] == "2026-11-27T09:00:00-06:00"
    moved = system.api.post(f"/requests/events/{event['event_id']}/reschedule", token=admin,
                            json={"start": "2026-12-04T16:30:00Z"})
    assert moved.json["local_start"] == "2026-12-04T10:30:00-06:00"
    request = system.api.post("/requests/me/event-requests", token=system.token("client", AGENCY, CLIENT),
                              json={"service_id": service_id, "worker_id": WORKER, "start": "2026-11-30T15:00:00Z"})
    assert request.json["local_start"] == "2026-11-30T09:00:00-06:00"

    assert system.api.put("/availability/settings", token=admin, json={"timezone": "Europe/Berlin", "version": 1}
                          ).status == 200
    assert pump.drain().consumer_failures == 0
    later = create_event(system, service_id, "2026-11-27T18:00:00Z", "2026-11-27T19:00:00Z")
    assert later["local_start"] == "2026-11-27T19:00:00+01:00"


def test_an_older_time_zone_arriving_late_changes_nothing(system):
    consumer = load_app("requests").consumers.consumer

    def settings(version: int, timezone: str) -> str:
        return new_queue_message("availability.settings.updated", agency_id=AGENCY, subject_id=AGENCY,
                           subject_version=version, data={"timezone": timezone, "slot_minutes": 60,
                                                          "min_notice_hours": 24, "horizon_days": 60,
                                                          "hold_minutes": 2880})

    from chalicelib.requests import agency_zone

    assert consumer.handle_message(settings(3, "Europe/Berlin")) == "applied"
    assert consumer.handle_message(settings(2, "America/Chicago")) == "applied"
    assert agency_zone.agency_zone(AGENCY) == "Europe/Berlin"
