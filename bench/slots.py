"""Slot computation figures: a month of open slots for a busy worker, in integer time with DST at the edges."""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT / "kit", ROOT / "services" / "availability"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from chalicelib.availability import domain as d  # noqa: E402

RUNS = 21
MONTHS = (("2026-12", "America/New_York"), ("2026-03", "America/New_York"), ("2026-10", "Europe/Berlin"))


def busy_worker(tz: str, month_first: date) -> tuple[d.WorkerSchedule, int]:
    """10 weekly blocks over 2 calendars (the second starts mid-month), 200 bookings, 30-minute slots."""
    calendars = [d.Calendar("c1", "Autumn", date(2026, 1, 1)), d.Calendar("c2", "Winter", month_first + timedelta(14))]
    blocks: dict[str, list[d.Block]] = {"c1": [], "c2": []}
    for i in range(10):
        calendar = "c1" if i < 5 else "c2"
        day, start = i % 5, 8 * 60 + (i // 5) * 30
        blocks[calendar].append(d.Block(f"b{i}", calendar, day, start, start + 8 * 60, "facing", "s1"))
    now = (d.day_number(month_first) - 1) * d.DAY_SECONDS
    bookings = [
        d.Reservation(f"r{n}", d.BOOKING, now + n * 3 * 3600, now + n * 3 * 3600 + 1800) for n in range(200)
    ]
    schedule = d.WorkerSchedule(
        settings=d.Settings(timezone=tz, client_facing_type_id="facing", slot_minutes=30, min_notice_hours=0,
                            horizon_days=60),
        sites={"s1": d.Site("s1", "Main", tz)}, calendars=calendars, blocks=blocks, time_off=[],
        reservations=bookings,
    )
    return schedule, now


COLUMNS = ("month", "zone", "open slots", "median ms", "slots per ms", "days view ms")
NOTES = [f"median of {RUNS} runs in this process; 30-minute slots; the March and October months contain a DST change."]


def figures() -> list[tuple]:
    """Per month: open slots, median time to compute them, slots per ms, and the days view's median time."""
    rows = []
    for month, tz in MONTHS:
        first, last = d.month_days(month)
        schedule, now = busy_worker(tz, first)
        timings, day_timings, count = [], [], 0
        for _ in range(RUNS):
            started = time.perf_counter()
            count = len(d.open_slots(schedule, first, last, now))
            timings.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            d.count_by_day(d.open_slots(schedule, first, last, now), first, last)
            day_timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        rows.append((month, tz, count, f"{median:.2f}", f"{count / median:.0f}",
                     f"{statistics.median(day_timings):.2f}"))
    return rows
