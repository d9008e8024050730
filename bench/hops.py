"""How far one event request travels in the code: `python -m bench.hops [--walk]`.

The walk of docs/architecture.md, run in-process on moto: a client asks for an event in an open slot; availability
holds it; the worker confirms; availability books it; the event is attended; billing invoices the client; messaging
tells the client at each step. Every message goes the whole way (outbox, stream, relay, bus, queue, consumer) through
the pump. A profiler counts calls between the project's own functions (services/*/ and kit/portalkit/, not the test
harness): how many calls, how many distinct caller-to-callee edges, how many of those cross from one file to another,
and how many functions and files take part. `--walk` prints each function in the order it first ran.

Run in its own interpreter: it sets up a fake AWS environment as the test suite does.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp())  # Monday 07:00 in New York
START = "2026-11-25T15:00:00Z"  # Wednesday 10:00 in New York, in the worker's hours
AFTER = int(datetime(2026, 11, 25, 17, tzinfo=UTC).timestamp())
PROJECT = [str(ROOT / "services"), str(ROOT / "kit" / "portalkit")]
HARNESS = str(ROOT / "kit" / "portalkit" / "testing")


class Hops:
    """A profiler of calls from one project function to another (library frames in between are looked through)."""

    def __init__(self):
        self.calls: Counter = Counter()
        self.order: dict[str, None] = {}

    @staticmethod
    def name(code) -> str | None:
        path = code.co_filename
        if not path.startswith(tuple(PROJECT)) or path.startswith(HARNESS) or code.co_name.startswith("<"):
            return None
        return f"{Path(path).relative_to(ROOT)}:{code.co_qualname}"

    def __call__(self, frame, what, arg):
        if what != "call":
            return
        callee = self.name(frame.f_code)
        if callee is None:
            return
        self.order.setdefault(callee)
        caller, back = None, frame.f_back
        while back is not None and caller is None:
            caller, back = self.name(back.f_code), back.f_back
        if caller is not None and caller != callee:
            self.calls[(caller, callee)] += 1

    def figures(self) -> dict:
        files = {name.split(":", 1)[0] for name in self.order}
        crossing = [edge for edge in self.calls if edge[0].split(":", 1)[0] != edge[1].split(":", 1)[0]]
        return {"calls": sum(self.calls.values()), "edges": len(self.calls), "edges_across_files": len(crossing),
                "functions": len(self.order), "files": len(files)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hops", description=__doc__.splitlines()[0])
    parser.add_argument("--walk", action="store_true", help="print each function in the order it first ran")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT / "kit"), str(ROOT)]
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",  # noqa: S106
                      AWS_DEFAULT_REGION="us-east-1", AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled", STAGE="test")
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "TABLE_NAME", "BUS_NAME"):
        os.environ.pop(name, None)
    import boto3
    from moto import mock_aws

    from portalkit.testing.tokens import TokenIssuer
    from tests.support import System

    session = boto3.session.Session()
    client = functools.cache(lambda name: session.client(name, region_name="us-east-1"))  # one client per service

    with mock_aws():
        system = System.provision(client, TokenIssuer(), "us-east-1")
        from portalkit import clock

        clock.set_now(NOW)
        api, pump = system.api, system.pump()
        admin, worker = system.token("admin", "a", "admin-1"), system.token("worker", "a", "w1")
        client_token = system.token("client", "a", "c1")
        service_id = _agency(api, admin, worker)
        pump.drain()

        hops = Hops()
        sys.setprofile(hops)
        try:
            asked = api.post("/requests/me/event-requests", token=client_token, json={
                "service_id": service_id, "worker_id": "w1", "start": START})
            pump.drain()
            request_id = asked.json["request_id"]
            confirmed = api.post(f"/requests/event-requests/{request_id}/confirm", token=worker, json={})
            pump.drain()
            event_id = api.get(f"/requests/event-requests/{request_id}", token=admin).json["event_id"]
            clock.set_now(AFTER)
            attended = api.post(f"/requests/events/{event_id}/attendance", token=worker, json={"status": "attended"})
            pump.drain()
        finally:
            sys.setprofile(None)
        assert (asked.status, confirmed.status, attended.status) == (202, 200, 200), (asked, confirmed, attended)
        (invoice,) = api.get("/billing/me/invoices", token=client_token).json["invoices"]
        assert invoice["total"] == 8000, invoice
        clock.set_now(None)
    if args.walk:
        print("\n".join(hops.order))
    print(json.dumps(hops.figures()))


def _agency(api, admin: str, worker: str) -> str:
    """A New York agency: a worker with client-facing hours Monday to Friday 09:00-12:00, a client, a service with an
    80.00 fee per attended event. Returns the service's id."""
    base = "/availability"
    for person_id, role in (("w1", "worker"), ("c1", "client")):
        api.post("/requests/people", token=admin, json={"person_id": person_id, "name": person_id.upper(),
                                                        "email": f"{person_id}@a.test", "role": role})
    type_id = api.post(f"{base}/types", token=admin, json={"name": "Clients", "color": "#00AA00"}).json["type_id"]
    site_id = api.post(f"{base}/sites", token=admin, json={"name": "Main", "timezone": "America/New_York"}
                       ).json["site_id"]
    api.put(f"{base}/settings", token=admin, json={"timezone": "America/New_York", "client_facing_type_id": type_id,
                                                   "version": 0})
    calendar = api.post(f"{base}/workers/w1/calendars", token=worker,
                        json={"name": "Main", "start_date": "2026-11-23"}).json["calendar_id"]
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        api.post(f"{base}/workers/w1/calendars/{calendar}/blocks", token=worker,
                 json={"day": day, "from": "09:00", "to": "12:00", "type_id": type_id, "site_id": site_id})
    service_id = api.post("/requests/services", token=worker, json={
        "name": "Counselling", "open_date": "2026-11-02", "provider_ids": ["w1"], "participant_ids": ["c1"]}
    ).json["service_id"]
    api.put(f"/billing/services/{service_id}/fees", token=worker, json={"event_fee": 8000})
    return service_id


if __name__ == "__main__":
    main()
