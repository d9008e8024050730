"""The one clock: fixed by tests, run on from a set instant by the local stack, and read by everything that
stamps time (events, TTLs, idempotency keys, ledger ids, webhook signatures, the local scheduler)."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest

from portalkit import clock
from portalkit.envelope import new_message
from portalkit.idempotency import IDEMPOTENCY_TTL_SECONDS, Idempotent
from portalkit.identity import Identity
from portalkit.store import INBOX_TTL_SECONDS, OUTBOX_TTL_SECONDS, Transaction, kit_items

T = int(datetime(2026, 3, 8, 6, 58, 30, tzinfo=UTC).timestamp())


class FakeTime:
    """`time.time_ns` of a machine whose clock we move by hand."""

    def __init__(self, seconds: int):
        self.ns = seconds * 10**9

    def time_ns(self) -> int:
        return self.ns


@pytest.fixture
def machine(monkeypatch):
    fake = FakeTime(int(datetime(2026, 12, 5, 14, 0, tzinfo=UTC).timestamp()))
    monkeypatch.setattr(clock, "time", fake)
    clock.set_now(None)
    yield fake
    clock.run_from(None)


def test_the_local_stacks_clock_runs_on_from_the_instant_it_was_set(machine):
    clock.run_from(T)
    assert clock.now() == T
    machine.ns += 90 * 10**9  # a minute and a half later on the machine
    assert clock.now() == T + 90
    clock.run_from(None)
    assert clock.now() == machine.ns // 10**9


def test_a_test_that_fixes_the_clock_wins_over_the_running_one(machine):
    clock.run_from(T)
    with clock.frozen(T + 3600):
        assert clock.now() == T + 3600
    assert clock.now() == T


def test_a_fixed_clock_still_counts_nanoseconds_so_what_is_made_of_it_keeps_its_order():
    with clock.frozen(T):
        stamps = [clock.now_ns() for _ in range(5)]
    assert stamps == sorted(set(stamps)) and all(s // 10**9 == T for s in stamps)


def test_nothing_outside_the_process_sets_the_clock():
    # Only code sets it (tests, the local stack's run.py): no environment variable reaches a deployed function.
    assert "environ" not in inspect.getsource(clock)


def test_events_are_stamped_on_the_clock():
    with clock.frozen(T):
        event = new_message("requests.person.registered", agency_id="a", subject_id="s", subject_version=1, data={})
    assert event.occurred_at == "2026-03-08T06:58:30.000Z"


def test_outbox_and_inbox_items_expire_after_their_ttl_on_the_clock(system):
    event = new_message("requests.person.registered", agency_id="a", subject_id="s", subject_version=1, data={})
    outbox, inbox = kit_items("requests")
    with clock.frozen(T), Transaction("requests") as tx:
        tx.publish(event)
        tx.mark_consumed(event)
    assert outbox.get(f"OUTBOX#{event.event_id}", "OUTBOX").expires_at == T + OUTBOX_TTL_SECONDS
    assert inbox.get(f"INBOX#{event.event_id}", "INBOX").expires_at == T + INBOX_TTL_SECONDS


def test_idempotency_keys_expire_a_day_after_the_clocks_now(system):
    who = Identity(agency_id="a", person_id="c1", role="client")
    idempotent = Idempotent("requests", who, "create-thing", "k1", {"x": 1})
    with clock.frozen(T):
        idempotent.run(lambda tx: (201, {}))
    assert idempotent.item_class.get(idempotent.pk, "IDEM").expires_at == T + IDEMPOTENCY_TTL_SECONDS
