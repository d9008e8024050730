"""The current time in one place, so tests and demos can stand every service on a chosen instant.

Everything that reads the time (handlers, event envelopes, TTLs, ids that sort by time, webhook signatures)
reads it here, and every retry waits here (`sleep`). Tests freeze it (`frozen`, `set_now`); the local stack may
start it at another instant and let it run on from there (`run_from`). In AWS nobody sets either, and it is the
machine's clock.
"""

from __future__ import annotations

import itertools
import time
from contextlib import contextmanager

from portalkit.times import iso

_fixed: int | None = None
_offset_ns = 0  # how far the local stack's clock runs ahead of the machine's (negative: behind)
_ticks = itertools.count(1)


def now() -> int:
    """Epoch seconds: the machine's clock (moved by `run_from`), or the instant a test fixed."""
    return _fixed if _fixed is not None else (time.time_ns() + _offset_ns) // 10**9


def now_iso() -> str:
    """`now()` as the API writes instants: "2026-12-07T14:00:00Z"."""
    return iso(now())


def now_ns() -> int:
    """Epoch nanoseconds on the same clock; a fixed clock still counts one nanosecond per call, so what is made
    of it (ids that sort by time) keeps the order it was made in."""
    if _fixed is not None:
        return _fixed * 10**9 + next(_ticks) % 10**9
    return time.time_ns() + _offset_ns


def sleep(seconds: float) -> None:
    """Wait before trying again (a retry's backoff); under a clock a test fixed it returns at once."""
    if _fixed is None:
        time.sleep(seconds)


@contextmanager
def frozen(epoch_seconds: int):
    """Fix `now()` for every service in this process until the block ends (tests only)."""
    global _fixed
    previous, _fixed = _fixed, epoch_seconds
    try:
        yield
    finally:
        _fixed = previous


def set_now(epoch_seconds: int | None) -> None:
    """Fix `now()` (or, with None, return to the running clock); for tests that move time step by step."""
    global _fixed
    _fixed = epoch_seconds


def run_from(epoch_seconds: float | None) -> None:
    """Let the clock run on from `epoch_seconds` at the machine's pace (None: the machine's own time again).

    Only the local stack calls it (`make run NOW=...`): a fixed clock would never expire a hold.
    """
    global _offset_ns
    _offset_ns = 0 if epoch_seconds is None else round(epoch_seconds * 10**9) - time.time_ns()
