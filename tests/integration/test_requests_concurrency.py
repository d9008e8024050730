"""Racing transitions of event requests against the local stack's AWS endpoint: exactly one outcome, losers 409.

The contests run in a subprocess (python -m tests.integration.test_requests_concurrency), with the serialized
moto server the local stack uses (linearizable like DynamoDB), calling the requests handlers from many threads
released at once, and print what they found as JSON.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from portalkit import times
from tests import contest

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


def contest_in_subprocess() -> dict:
    """The contests, run once per test session (the tests read the same run)."""
    return contest.result_of("tests.integration.test_requests_concurrency", timeout=180)


# -- the subprocess -------------------------------------------------------------------------------------


def race(calls: list) -> tuple[list[str], list[str]]:
    """Run every call from its own thread, all released at once: "ok" or the error code of each (all 409s here)."""
    from portalkit.errors import PortalError

    def outcome(call) -> str:
        try:
            call()
            return "ok"
        except PortalError as error:
            return error.code if error.status == 409 else f"{error.status} {error.code}"

    results = contest.race([lambda call=call: outcome(call) for call in calls])
    return [r if isinstance(r, str) else "none" for r in results], contest.errors(results)


def main() -> None:
    from infra.local.system import load_app
    from portalkit import clock
    from portalkit.identity import Identity
    from portalkit.testing.messages import new_queue_message

    with contest.local_stack() as stack:
        app = load_app("requests")
        from chalicelib.requests import domain, event_requests, models, people, service_files

        clock.set_now(NOW)
        admin = Identity(AGENCY, "a1", "admin")
        worker = Identity(AGENCY, WORKER, "worker")
        for person_id, role in [(WORKER, "worker"), *((f"c{i}", "client") for i in range(PAIRS + 1))]:
            people.register_person(admin, domain.Person(person_id, person_id.upper(), f"{person_id}@a.test", role,
                                                        False))
        service_id = service_files.open_service(admin, "Counselling", "2026-11-02", [WORKER],
                                                [f"c{i}" for i in range(PAIRS + 1)])["service_id"]

        def client(i: int) -> Identity:
            return Identity(AGENCY, f"c{i}", "client")

        def held_request(i: int, start: str) -> str:
            """A request of client i, held by availability (its answer handed to the consumer)."""
            _, answer = event_requests.submit(client(i), service_id, WORKER, times.instant(start), [], False, None,
                                              None)
            request_id = answer["request_id"]
            data = {"request_id": request_id, "worker_id": WORKER, "start": start, "end": "2026-11-25T16:00:00Z",
                    "hold_expires_at": "2026-11-25T12:00:00Z", "site_id": "site-1",
                    "local_start": "2026-11-25T10:00:00-05:00"}
            app.consumers.consumer.handle_message(new_queue_message("availability.slot.held", agency_id=AGENCY,
                                                              subject_id=request_id, subject_version=1, data=data))
            return request_id

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
        outcomes, errors = race([lambda: event_requests.confirm(worker, contested) for _ in range(THREADS)])
        items = stack.scan("requests")
        result["confirm_confirm"] = {
            "outcomes": dict(Counter(outcomes)), "errors": errors, "events": events_of(items, {contested}),
            "published": published(items, {contested}), "open_requests": open_count(items, "c0"),
        }

        pairs, errors_all, request_ids = [], [], set()
        for i in range(1, PAIRS + 1):
            request_id = held_request(i, START)
            request_ids.add(request_id)
            outcomes, errors = race([lambda r=request_id: event_requests.confirm(worker, r),
                                     lambda r=request_id, i=i: event_requests.withdraw(client(i), r)])
            pairs.append(outcomes)
            errors_all += errors
        items = stack.scan("requests")
        statuses = Counter(i["status"]["S"] for i in items if i["sk"]["S"] == "REQUEST"
                           and i["request_id"]["S"] in request_ids)
        result["confirm_withdraw"] = {"pairs": pairs, "errors": errors_all, "statuses": dict(statuses),
                                      "events": events_of(items, request_ids),
                                      "open_requests": sum(open_count(items, f"c{i}") for i in range(1, PAIRS + 1))}

        starts = [f"2026-11-{26 + i // 5}T{14 + i % 5}:00:00Z" for i in range(THREADS)]
        outcomes, errors = race([lambda s=s: event_requests.submit(client(0), service_id, WORKER, times.instant(s), [],
                                                                   False, None, None) for s in starts])
        items = stack.scan("requests")
        stored = sum(1 for i in items if i["sk"]["S"] == "REQUEST" and i["client_id"]["S"] == "c0"
                     and i["status"]["S"] == "pending")
        result["limit"] = {"outcomes": dict(Counter(outcomes)), "errors": errors, "stored": stored,
                           "open_requests": open_count(items, "c0")}
        print(json.dumps(result))


if __name__ == "__main__":
    main()
    sys.exit(0)
