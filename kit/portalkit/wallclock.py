"""Times as people read them in what the services write (notifications, emails): one format, one function.

`readable("2026-12-07T14:00:00Z", "America/New_York")` is "Mon 7 Dec 2026, 9:00 AM EST": the wall clock of
the agency's IANA zone, named by the zone's abbreviation, or "UTC+05:30" where the zone has none in letters
(tzdata writes "+0530" or "-03"). Without a zone, an instant keeps the offset it was written with
("...-05:00" reads "UTC-05:00", "...Z" reads "UTC"). Pure: the standard library's zoneinfo only. The staff
web client names zones the same way (web/src/time.ts).
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zone(name: str | None) -> tzinfo | None:
    """The IANA zone of that name, or None when there is none (or the name is not one)."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # not found (a KeyError), not a zone's name, or a folder of tzdata
        return None


def parse(text) -> datetime | None:
    """An RFC 3339 instant ("...Z" or "...-05:00") as an aware datetime; None when it is not one."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def offset_name(offset: timedelta | None) -> str:
    """"UTC" for no offset, else "UTC+05:30" / "UTC-05:00"."""
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_name(moment: datetime) -> str:
    """The zone's abbreviation at that moment ("EST", "CEST"), else its offset ("UTC+05:30")."""
    name = moment.tzname() or ""
    if name.isascii() and name.isalpha():
        return name
    return offset_name(moment.utcoffset())


def clock(moment: datetime) -> str:
    """"Mon 7 Dec 2026, 9:00 AM EST": an aware datetime on its own wall clock, with its zone named."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    day, month = DAYS[moment.weekday()], MONTHS[moment.month - 1]  # English whatever the process's locale
    return f"{day} {moment.day} {month} {moment.year}, {hour}:{moment.minute:02d} {half} {zone_name(moment)}"


def readable(instant, where: str | tzinfo | None = None) -> str | None:
    """An instant on the wall clock of `where` (an IANA name or a tzinfo), else on its own offset; None when the
    text is no instant. An instant the zone cannot show (the year 1 or 9999 moved across midnight) keeps its own."""
    moment = instant if isinstance(instant, datetime) else parse(instant)
    if moment is None or moment.tzinfo is None:
        return None
    target = zone(where) if isinstance(where, str) else where
    if target is not None:
        with contextlib.suppress(OverflowError, ValueError):
            moment = moment.astimezone(target)
    return clock(moment)
