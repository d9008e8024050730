"""The local stack's demo data, seeded in process: the demo client's service, and a request that availability holds."""

from __future__ import annotations

from infra.local import demo
from infra.local.system import contracts, wirings
from portalkit import clock
from portalkit.testing.pump import Pump

NOW = 1795435200  # Monday 2026-11-23 12:00 UTC
WEDNESDAY_10_NEW_YORK = "2026-11-25T15:00:00Z"


def test_the_demo_client_sees_counselling_and_can_request_an_open_slot(system):
    clock.set_now(NOW)
    try:
        demo.seed(system.clients("cognito-idp"), system.resources.user_pool_id)
        wired = [w for w in wirings(system.declaration, system.resources) if w.service in ("requests", "availability")]
        pump = Pump(wired, system.clients, contracts=contracts())
        pump.drain()
        client = system.token("client", "demo", "demo-client")
        (service,) = system.api.get("/requests/me/services", token=client).json["services"]
        assert (service["name"], service["providers"]) == ("Counselling", [{"worker_id": "demo-worker",
                                                                            "name": "Wes Worker"}])
        assert service["participants"] == [{"client_id": "demo-client2", "name": "Cal Client"}]
        slots = system.api.get("/availability/workers/demo-worker/slots?date=2026-11-25", token=client).json["slots"]
        assert WEDNESDAY_10_NEW_YORK in [slot["start"] for slot in slots]

        reply = system.api.post("/requests/me/event-requests", token=client, json={
            "worker_id": "demo-worker", "start": WEDNESDAY_10_NEW_YORK, "video_session": True})
        assert reply.status == 202, reply.body
        pump.drain()
        worker = system.token("worker", "demo", "demo-worker")
        (awaiting,) = system.api.get("/requests/event-requests", token=worker).json["event_requests"]
        assert (awaiting["request_id"], awaiting["local_start"]) == (reply.json["request_id"],
                                                                     "2026-11-25T10:00:00-05:00")

        other = system.token("client", "other", "other-client")
        (theirs,) = system.api.get("/requests/me/services", token=other).json["services"]
        assert theirs["providers"] == [{"worker_id": "other-worker", "name": "Otto Other"}]
    finally:
        clock.set_now(None)
