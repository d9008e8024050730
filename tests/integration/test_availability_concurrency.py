"""Twenty concurrent holds of one worker's time against the local stack's AWS endpoint yield exactly one reservation."""

# The contest runs in a subprocess (python -m tests.integration.test_availability_concurrency), so its environment
# and cached AWS clients are its own: it starts the serialized moto server the local stack uses, provisions the
# declaration, seeds a schedule, hands the availability consumer twenty events from twenty threads at once, and
# prints what it found as JSON.

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from datetime import date

from portalkit.times import instant as epoch
from tests import contest

AGENCY, SITE, FACING, TZ = "agency-a", "site-1", "type-client", "America/New_York"
NOW = "2026-11-23T12:00:00Z"  # Monday; the contested time is Wednesday 10:00-11:15 in New York
CONTESTED = ("2026-11-25T15:00:00Z", "2026-11-25T16:15:00Z")
THREADS = 20


def test_twenty_concurrent_holds_of_one_slot_yield_exactly_one_hold():
    result = contest_in_subprocess()["same_slot"]
    assert result["errors"] == []
    assert result["outcomes"] == {"applied": THREADS}
    assert result["overlapping"] == 1
    assert result["published"] == {"availability.slot.held": 1, "availability.slot.unavailable": THREADS - 1}
    assert result["reasons"] == {"slot_taken": THREADS - 1}
    assert result["locks"] == {"granules": 12, "holders": 1}
    assert result["retries"] >= 1  # losers got past the read-side check: the lock conditions turned them away


def test_twenty_concurrent_requests_and_staff_events_of_overlapping_lengths_yield_exactly_one():
    result = contest_in_subprocess()["overlapping"]
    assert result["errors"] == []
    assert result["outcomes"] == {"applied": THREADS}
    assert result["overlapping"] == 1
    won = result["published"].get("availability.slot.held", 0) + result["published"].get("availability.slot.booked", 0)
    assert won == 1
    assert result["published"]["availability.slot.unavailable"] == THREADS - 1
    assert result["reasons"] == {"slot_taken": THREADS - 1}
    assert result["locks"]["holders"] == 1
    assert result["retries"] >= 1


def contest_in_subprocess() -> dict:
    """The contest, run once per test session (both tests read the same run)."""
    return contest.result_of("tests.integration.test_availability_concurrency", timeout=120)


# -- the subprocess -------------------------------------------------------------------------------------


def submitted(request_id: str, worker_id: str, start: str) -> tuple[str, str, dict]:
    data = {"request_id": request_id, "service_id": "s1", "client_id": f"c-{request_id}", "worker_id": worker_id,
            "start": start}
    return "requests.event_request.submitted", request_id, data


def scheduled(event_id: str, worker_id: str, start: str, end: str) -> tuple[str, str, dict]:
    data = {"event_id": event_id, "service_id": "s1", "worker_id": worker_id, "client_ids": ["c1"], "start": start,
            "end": end, "request_id": None}
    return "requests.event.scheduled", event_id, data


def message(event_type: str, subject_id: str, data: dict) -> str:
    from portalkit.testing.messages import new_queue_message

    return new_queue_message(event_type, agency_id=AGENCY, subject_id=subject_id, subject_version=1, data=data)


def seed(av, workers: list[str]) -> None:
    """A New York agency whose workers take clients Monday to Friday, 09:00-17:00, in 60-minute slots."""
    m, d = av.models, av.domain
    m.SettingsItem.of(AGENCY, d.Settings(timezone=TZ, client_facing_type_id=FACING, slot_minutes=60,
                                         min_notice_hours=24, horizon_days=60, hold_minutes=48 * 60,
                                         version=1)).save()
    m.TypeItem.of(AGENCY, d.AvailabilityType(FACING, "Client sessions", "#1E90FF")).save()
    m.SiteItem.of(AGENCY, d.Site(SITE, "Main office", TZ)).save()
    for worker in workers:
        m.CalendarItem.of(AGENCY, worker, d.Calendar("cal-1", "Regular week", date(2026, 1, 5))).save()
        for day in range(5):
            m.BlockItem.of(AGENCY, worker, d.Block(f"blk-{day}", "cal-1", day, 540, 1020, FACING, SITE)).save()


class Retries(logging.Handler):
    """Counts the consumer's "lost a race; deciding again": a lock condition failed and the handler decided again."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "lost a race" in record.getMessage()


def race(consumer, bodies: list[str]) -> tuple[Counter, list[str], int]:
    """Hand every body to the consumer from its own thread, all released at once and each committing only once all
    have read."""
    retries = Retries()
    log = logging.getLogger("portalkit.consumer")
    log.setLevel(logging.INFO)
    log.addHandler(retries)
    with contest.commits_after_every_read(len(bodies)):
        results = contest.race([lambda body=body: consumer.handle_message(body) for body in bodies])
    log.removeHandler(retries)
    outcomes = Counter(r for r in results if r and not isinstance(r, Exception))
    return outcomes, contest.errors(results), retries.count


def findings(av, stack, worker: str, outcomes: Counter, errors: list[str], retries: int) -> dict:
    """Reservations overlapping the contested time, the worker's locks, and the events published about it."""
    low, high = (epoch(t) for t in CONTESTED)
    found = av.models.ReservationItem.query(av.models.worker_pk(AGENCY, worker), av.models.Item.sk.startswith("RES#"))
    reservations = [r for r in found if int(r.start) < high and low < int(r.end)]
    items = stack.scan("availability")
    locks = [i for i in items if i["pk"]["S"].startswith(f"LOCK#{AGENCY}#{worker}#")]
    events = [json.loads(i["envelope"]["S"]) for i in items if i["pk"]["S"].startswith("OUTBOX#")]
    events = [e for e in events if e["data"].get("worker_id") == worker]
    return {
        "outcomes": dict(outcomes),
        "errors": errors,
        "retries": retries,
        "overlapping": len(reservations),
        "published": dict(Counter(e["event_type"] for e in events)),
        "reasons": dict(Counter(e["data"]["reason"] for e in events if "reason" in e["data"])),
        "locks": {"granules": len(locks), "holders": len({i["holder"]["S"] for i in locks})},
    }


def main() -> None:
    from types import SimpleNamespace

    from infra.local.system import load_app

    with contest.local_stack() as stack:
        consumer = load_app("availability").consumers.consumer
        from chalicelib.availability import domain, models
        from portalkit import clock

        av = SimpleNamespace(domain=domain, models=models)
        clock.set_now(epoch(NOW))
        seed(av, ["w1", "w2"])

        slot = CONTESTED[0]
        same = [message(*submitted(f"r{i}", "w1", slot)) for i in range(THREADS)]
        result = {"same_slot": findings(av, stack, "w1", *race(consumer, same))}

        lengths = [("2026-11-25T15:30:00Z", "2026-11-25T16:15:00Z"), ("2026-11-25T15:00:00Z", "2026-11-25T15:45:00Z")]
        mixed = [
            message(*submitted(f"m{i}", "w2", slot)) if i % 3 == 0
            else message(*scheduled(f"e{i}", "w2", *lengths[i % 3 - 1]))
            for i in range(THREADS)
        ]
        result["overlapping"] = findings(av, stack, "w2", *race(consumer, mixed))
        print(json.dumps(result))


if __name__ == "__main__":
    main()
    sys.exit(0)
