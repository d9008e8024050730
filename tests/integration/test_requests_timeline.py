"""The Services Timeline through the saga: every service's pump delivering each message twice, shuffled.

A request confirmed after availability held it, an event the worker cancelled, and one availability could not book
(cancelled by requests' consumer) each appear once: an entry is written in the transaction of the change it
records, and a redelivered answer is refused by the consumer's inbox marker before it writes anything.
"""

from __future__ import annotations

from collections import Counter

import pytest

from portalkit import clock
from tests.integration.test_availability_saga import WED_10, WED_11, WED_12, plus_hour
from tests.integration.test_requests_saga import Stage


@pytest.fixture(params=[1, 2])
def stage(request, system, no_scans):
    stage = Stage(system, no_scans, {})
    stage.pump = system.pump(duplicate=True, shuffle=True, seed=request.param)  # all four services' consumers
    yield stage
    clock.set_now(None)


def test_a_confirmed_request_and_cancelled_events_appear_once_each_under_duplicated_shuffled_delivery(stage):
    s = stage
    request_id = s.submit("c1", WED_10)
    s.drain()
    event_id = s.staff(request_id, "confirm")["event_id"]
    s.drain()
    reply = s.api.post(f"/requests/events/{event_id}/cancel", token=s.worker, json={"reason": "I am ill."})
    assert reply.status == 200, reply.body
    held = s.submit("c2", WED_11)
    s.drain()
    unbookable = s.api.post("/requests/events", token=s.worker, json={  # c2's request holds this time
        "service_id": s.service_id, "start": WED_11, "end": plus_hour(WED_11), "client_ids": ["c3"]}).json["event_id"]
    s.submit("c4", WED_12)
    for _ in range(2):
        s.drain()  # everything delivered, and nothing more comes of a second drain
    assert s.status(held) == "awaiting_response"

    reply = s.api.get(f"/requests/services/{s.service_id}/timeline", token=s.worker)
    assert reply.status == 200, reply.body
    entries = reply.json["entries"]
    assert len({e["entry_id"] for e in entries}) == len(entries)
    counted = Counter((e["kind"], e["event_id"] if e["kind"].startswith("event_") else e["request_id"])
                      for e in entries)
    assert counted[("request_confirmed", request_id)] == 1
    assert counted[("event_scheduled", event_id)] == 1
    assert counted[("event_cancelled", event_id)] == 1
    assert counted[("event_cancelled", unbookable)] == 1
    assert counted[("request_held", request_id)] == counted[("request_held", held)] == 1
    assert sum(n for (kind, _), n in counted.items() if kind == "request_held") == 3  # c4's too
    assert all(n == 1 for n in counted.values()), counted
    cancelled = {e["event_id"]: e["text"] for e in entries if e["kind"] == "event_cancelled"}
    assert cancelled[unbookable].endswith("cancelled: its time could not be booked.")
    assert cancelled[event_id].endswith("cancelled by W1.")

    mine = s.api.get(f"/requests/me/services/{s.service_id}/timeline", token=s.client("c1")).json["entries"]
    assert [e["kind"] for e in mine] == [
        "event_cancelled", "event_scheduled", "request_confirmed", "request_held", "request_sent", "service_opened"]
