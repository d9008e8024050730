"""The apps' scheduled functions (`@app.schedule(Rate(...))`), run on this machine as EventBridge runs them in AWS.

Each app declares its schedules itself; `chalice.cdk` deploys them as EventBridge rules, and this loop
finds the same declarations on the loaded apps and calls each function when its rate comes round.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from chalice.app import Rate, ScheduledEventConfig

from portalkit import clock
from portalkit.testing.calls import invoking

log = logging.getLogger("portal.scheduler")

_UNIT_SECONDS = {Rate.MINUTES: 60, Rate.HOURS: 3600, Rate.DAYS: 86400}


@dataclass
class Job:
    service: str
    name: str
    every_seconds: int
    function: Callable[[dict, object], object]
    due: float = 0.0  # monotonic time of the next run

    def run(self, event: dict) -> object:
        """Call the function as EventBridge does (its AWS calls are this scheduled function's)."""
        with invoking(self.service, "schedule"):
            return self.function(event, None)


def jobs_of(service: str, module) -> list[Job]:
    """The scheduled functions of one loaded app module (`app.py`), each with its rate in seconds."""
    found = []
    for source in module.app.event_sources:
        if not isinstance(source, ScheduledEventConfig):
            continue
        expression = source.schedule_expression
        if not isinstance(expression, Rate):
            raise ValueError(f"{service}.{source.name}: the local scheduler runs Rate schedules only")
        function = getattr(module, source.handler_string.rsplit(".", 1)[1])
        found.append(Job(service, source.name, expression.value * _UNIT_SECONDS[expression.unit], function))
    return found


def scheduled_event(now: float) -> dict:
    """What EventBridge hands a scheduled Lambda function."""
    return {
        "version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event", "source": "aws.events",
        "account": "000000000000", "time": datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": "us-east-1", "resources": [], "detail": {},
    }


class Scheduler:
    def __init__(self, jobs: list[Job], clock: Callable[[], float] = time.monotonic):
        self.jobs = jobs
        self.clock = clock
        self.runs = 0

    def run_due(self) -> int:
        """Call every job whose time has come (a failure is logged; the next run comes round as usual)."""
        ran = 0
        for job in self.jobs:
            if self.clock() < job.due:
                continue
            job.due = self.clock() + job.every_seconds
            try:
                result = job.run(scheduled_event(clock.now()))
                log.info("%s %s: %s", job.service, job.name, result)
            except Exception:
                log.exception("%s %s failed", job.service, job.name)
            ran += 1
        self.runs += ran
        return ran

    def catch_up(self) -> None:
        """The stack's clock was moved: every job is due at once, as EventBridge would have run each during the time
        skipped (a test or a demo that moves the clock close to an event need not wait a real minute)."""
        for job in self.jobs:
            job.due = 0.0

    def run_forever(self, stop: threading.Event, interval: float = 1.0) -> None:
        while not stop.is_set():
            self.run_due()
            stop.wait(interval)
