"""Racing transitions of event requests against the local stack's AWS endpoint: exactly one outcome, losers 409.

The contests run in a subprocess (python -m tests.integration.test_requests_concurrency), with the serialized
moto server the local stack uses (linearizable like DynamoDB), calling the requests handlers from many threads
released at once, and print what they found as JSON.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AGENCY, WORKER = "agency-a", "w1"
NOW = 1795435200  # 2026-11-23T12:00:00Z
START = "2026-11-25T15:00:00Z"
THREADS, PAIRS = 10, 5


def test_ten_workers_confirming_one_request_make_one_event():
    result = contest_in_subprocess()["confirm_confirm"]
    assert result["errors"] == []
    losers = {code: n for code, n in result["outcomes"].items() if code != "ok"}
    assert result["outcomes"]["ok"] == 1 and sum(losers.values()) == THREADS - 1
    assert set(losers) <= {"version_conflict", "request_not_open"}  # 409: read before, or after, the winner wrote
    assert result["events"] == 1 and result["published"] == {"requests.event_request.confirmed": 1,
                                                             "requests.event.scheduled": 1}
    assert result["open_requests"] == 0


def test_a_confirmation_racing_a_withdrawal_ends_one_way():
    result = contest_in_subprocess()["confirm_withdraw"]
    assert result["errors"] == []
    assert all(sorted(pair) in (["ok", "version_conflict"], ["ok", "request_not_open"]) for pair in result["pairs"])
    confirmed, withdrawn = result["statuses"].get("confirmed", 0), result["statuses"].get("withdrawn", 0)
    assert confirmed + withdrawn == PAIRS
    assert result["events"] == confirmed  # an event for each confirmed request, none for a withdrawn one
    assert result["open_requests"] == 0


def test_ten_requests_at_once_from_one_client_stop_at_the_agencys_limit():
    result = contest_in_subprocess()["limit"]
    assert result["errors"] == []
    assert result["outcomes"] == {"ok": 3, "too_many_open_requests": THREADS - 3}
    assert result["stored"] == 3 and result["open_requests"] == 3


_RESULT: dict = {}


def contest_in_subprocess() -> dict:
    """Run the contests once per test session (the tests read the same run)."""
    if not _RESULT:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "kit"), str(ROOT)])}
        done = subprocess.run(
            [sys.executable, "-m", "tests.integration.test_requests_concurrency"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        _RESULT.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return _RESULT


# -- the subprocess -------------------------------------------------------------------------------------


def race(calls: list) -> tuple[list[str], list[str]]:
    """Run every call from its own thread, all released at once: "ok" or the error code of each (all 409s here)."""
    start = threading.Barrier(len(calls))
    outcomes: list[str | None] = [None] * len(calls)
    errors: list[str] = []

    def run(i: int) -> None:
        from portalkit.errors import PortalError

        start.wait()
        try:
            calls[i]()
            outcomes[i] = "ok"
        except PortalError as error:
            outcomes[i] = error.code if error.status == 409 else f"{error.status} {error.code}"
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return [o or "none" for o in outcomes], errors


def main() -> None:
    from infra.declaration import declare
    from infra.local.moto_server import MotoServer
    from infra.local.run import REGION, STAGE, client_factory, set_environment
    from infra.local.system import load_app
    from infra.provision import provision
    from portalkit import clock
    from portalkit.envelope import new_event, to_json
    from portalkit.identity import Identity

    logging.getLogger("urllib3").setLevel(logging.ERROR)  # many threads share a pool of 10 connections
    server = MotoServer()
    endpoint = server.start()
    try:
        set_environment(endpoint)
        clients = client_factory(endpoint)
        declaration = declare(STAGE)
        provision(declaration, clients, REGION)
        app = load_app("requests")
        from chalicelib.requests import domain, files, handlers, models, saga

        clock.set_now(NOW)
        admin = Identity(AGENCY, "a1", "admin")
        worker = Identity(AGENCY, WORKER, "worker")
        for person_id, role in [(WORKER, "worker"), *((f"c{i}", "client") for i in range(PAIRS + 1))]:
            handlers.register_person(admin, domain.Person(person_id, person_id.upper(), f"{person_id}@a.test", role,
                                                          False))
        service_id = files.open_service(admin, "Counselling", "2026-11-02", [WORKER],
                                        [f"c{i}" for i in range(PAIRS + 1)])["service_id"]
        table = declaration.table("requests").name

        def client(i: int) -> Identity:
            return Identity(AGENCY, f"c{i}", "client")

        def held_request(i: int, start: str) -> str:
            """A request of client i, held by availability (its answer handed to the consumer)."""
            _, answer = saga.submit(client(i), service_id, WORKER, domain.epoch(start), [], False, None, None)
            request_id = answer["request_id"]
            data = {"request_id": request_id, "worker_id": WORKER, "start": start, "end": "2026-11-25T16:00:00Z",
                    "hold_expires_at": "2026-11-25T12:00:00Z", "site_id": "site-1",
                    "local_start": "2026-11-25T10:00:00-05:00"}
            event = new_event("availability.slot.held", agency_id=AGENCY, subject_id=request_id, subject_version=1,
                              data=data)
            app.consumers.consumer.handle_message(json.dumps({"detail-type": event.event_type,
                                                              "detail": json.loads(to_json(event))}))
            return request_id

        def scan() -> list[dict]:
            items, page = [], {}
            while True:
                got = clients("dynamodb").scan(TableName=table, **page)
                items += got["Items"]
                if "LastEvaluatedKey" not in got:
                    return items
                page = {"ExclusiveStartKey": got["LastEvaluatedKey"]}

        def open_count(items: list[dict], client_id: str) -> int:
            key = models.client_pk(AGENCY, client_id)
            found = [i for i in items if i["pk"]["S"] == key and i["sk"]["S"] == "OPEN_REQUESTS"]
            return int(found[0]["open_count"]["N"]) if found else 0

        def published(items: list[dict], request_ids: set[str]) -> dict:
            envelopes = [json.loads(i["envelope"]["S"]) for i in items if i["pk"]["S"].startswith("OUTBOX#")]
            return dict(Counter(e["event_type"] for e in envelopes if e["data"].get("request_id") in request_ids
                                and e["event_type"] in ("requests.event_request.confirmed",
                                                        "requests.event.scheduled")))

        def events_of(items: list[dict], request_ids: set[str]) -> int:
            return sum(1 for i in items if i["sk"]["S"] == "EVENT" and i.get("request_id", {}).get("S") in request_ids)

        result = {}
        contested = held_request(0, START)
        outcomes, errors = race([lambda: saga.confirm(worker, contested) for _ in range(THREADS)])
        items = scan()
        result["confirm_confirm"] = {
            "outcomes": dict(Counter(outcomes)), "errors": errors, "events": events_of(items, {contested}),
            "published": published(items, {contested}), "open_requests": open_count(items, "c0"),
        }

        pairs, errors_all, request_ids = [], [], set()
        for i in range(1, PAIRS + 1):
            request_id = held_request(i, START)
            request_ids.add(request_id)
            outcomes, errors = race([lambda r=request_id: saga.confirm(worker, r),
                                     lambda r=request_id, i=i: saga.withdraw(client(i), r)])
            pairs.append(outcomes)
            errors_all += errors
        items = scan()
        statuses = Counter(i["status"]["S"] for i in items if i["sk"]["S"] == "REQUEST"
                           and i["request_id"]["S"] in request_ids)
        result["confirm_withdraw"] = {"pairs": pairs, "errors": errors_all, "statuses": dict(statuses),
                                      "events": events_of(items, request_ids),
                                      "open_requests": sum(open_count(items, f"c{i}") for i in range(1, PAIRS + 1))}

        starts = [f"2026-11-{26 + i // 5}T{14 + i % 5}:00:00Z" for i in range(THREADS)]
        outcomes, errors = race([lambda s=s: saga.submit(client(0), service_id, WORKER, domain.epoch(s), [], False,
                                                          None, None) for s in starts])
        items = scan()
        stored = sum(1 for i in items if i["sk"]["S"] == "REQUEST" and i["client_id"]["S"] == "c0"
                     and i["status"]["S"] == "pending")
        result["limit"] = {"outcomes": dict(Counter(outcomes)), "errors": errors, "stored": stored,
                           "open_requests": open_count(items, "c0")}
        print(json.dumps(result))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
    sys.exit(0)
