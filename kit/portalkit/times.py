"""Instants as the API and the tables write them: UTC RFC 3339 text to the second ("...Z"), and back to epoch seconds.

One pair for every service, so an instant written by one reads the same in another. Pure: no clock.
"""

from __future__ import annotations

from datetime import UTC, datetime


def iso(seconds: int) -> str:
    """Epoch seconds as "2026-12-07T14:00:00Z" (UTC, whole seconds, "Z"): how instants are stored and returned."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def instant(text: str) -> int:
    """RFC 3339 text ("...Z" or "...+hh:mm") as epoch seconds, fractions dropped; ValueError (or OverflowError) when
    it names no time. Text without an offset reads on the process's zone, as `datetime.timestamp` does."""
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def instant_or_none(text) -> int | None:
    """`instant`, or None for anything that names no real instant (2026-02-30, year 0, not text at all)."""
    try:
        return instant(text)
    except (AttributeError, TypeError, ValueError, OverflowError):
        return None
