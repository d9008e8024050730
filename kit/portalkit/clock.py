"""The current time in one place, so tests and demos can stand every service on a chosen instant."""

from __future__ import annotations

import time
from contextlib import contextmanager

_fixed: int | None = None


def now() -> int:
    """Epoch seconds: the wall clock, or the instant a test fixed."""
    return _fixed if _fixed is not None else int(time.time())


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
    """Fix `now()` (or, with None, return to the wall clock); for tests that move time step by step."""
    global _fixed
    _fixed = epoch_seconds
