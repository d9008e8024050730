"""The local stack runs the apps' scheduled functions at their declared rate, as EventBridge does in AWS."""

from __future__ import annotations

from infra.local.scheduler import Job, Scheduler, jobs_of
from infra.local.system import load_app
from portalkit import clock


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_hold_sweep_is_found_with_its_rate():
    jobs = jobs_of("availability", load_app("availability"))
    assert [(j.service, j.name, j.every_seconds) for j in jobs] == [("availability", "expire_holds", 60)]


def test_a_job_runs_when_due_and_not_before(system):
    clock = FakeClock()
    scheduler = Scheduler(jobs_of("availability", load_app("availability")), clock=clock)
    assert scheduler.run_due() == 1  # at start
    clock.now += 59
    assert scheduler.run_due() == 0
    clock.now += 1
    assert scheduler.run_due() == 1


def test_when_the_clock_is_moved_every_job_runs_at_once_then_at_its_rate_again(system):
    clock = FakeClock()
    scheduler = Scheduler(jobs_of("availability", load_app("availability")), clock=clock)
    assert scheduler.run_due() == 1
    clock.now += 5
    scheduler.catch_up()
    assert scheduler.run_due() == 1  # not 55 s later
    clock.now += 59
    assert scheduler.run_due() == 0
    clock.now += 1
    assert scheduler.run_due() == 1


def test_a_failing_job_is_logged_and_the_others_still_run(caplog):
    calls = []

    def broken(event, context):
        raise RuntimeError("boom")

    def fine(event, context):
        calls.append(event["detail-type"])

    scheduler = Scheduler([Job("x", "broken", 60, broken), Job("x", "fine", 60, fine)], clock=FakeClock())
    assert scheduler.run_due() == 2
    assert calls == ["Scheduled Event"]
    assert "x broken failed" in caplog.text


def test_a_scheduled_event_carries_the_clocks_time():
    seen = []
    with clock.frozen(1_772_953_200):  # 2026-03-08T07:00:00Z
        Scheduler([Job("x", "tick", 60, lambda event, context: seen.append(event["time"]))]).run_due()
    assert seen == ["2026-03-08T07:00:00Z"]
