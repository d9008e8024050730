"""Calendar files (RFC 5545): the one writer of the `.ics` the services send and serve.

Times are written in UTC ("...Z"): valid iCalendar that every calendar app places on its own clock, and right
across a DST change without a VTIMEZONE. One UID per event and a SEQUENCE that rises with the event's version
let a calendar app update or remove the entry it already holds. Pure and dependency-free: no clock, no I/O.
"""

from __future__ import annotations

from datetime import UTC, datetime

from msgspec import Struct

PRODID = "-//Client Portal//Appointments//EN"
CONFIRMED, CANCELLED, TENTATIVE = "CONFIRMED", "CANCELLED", "TENTATIVE"
PUBLISH, CANCEL = "PUBLISH", "CANCEL"
LINE_OCTETS = 75  # a content line's most octets before it is folded (RFC 5545 3.1)


class Entry(Struct, frozen=True):
    """One event (appointment) as a calendar shows it; instants are epoch seconds."""

    uid: str  # the same for every version of one event, across files and feeds
    sequence: int  # rises with each change a calendar app should apply (the event's version)
    start: int
    end: int
    stamp: int  # when this version was made (DTSTAMP)
    summary: str
    status: str = CONFIRMED
    description: str | None = None
    location: str | None = None
    url: str | None = None


def uid(event_id: str, domain: str = "portal.example") -> str:
    """An event's UID: its id, made globally unique with the portal's domain."""
    return f"{event_id}@{domain}"


def calendar(entries: list[Entry], name: str | None = None, method: str | None = PUBLISH,
             refresh_minutes: int | None = None) -> str:
    """A VCALENDAR of `entries`, with CRLF line ends and folded lines: a file to attach or serve as text/calendar.

    `name` titles a subscribed calendar, `refresh_minutes` tells apps how often to fetch it again, and `method`
    is PUBLISH for a file or feed (CANCEL needs an ORGANIZER, which a portal's file has not)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines += [f"X-WR-CALNAME:{text(name)}", f"NAME:{text(name)}"]
    if refresh_minutes:
        lines += [f"REFRESH-INTERVAL;VALUE=DURATION:PT{refresh_minutes}M", f"X-PUBLISHED-TTL:PT{refresh_minutes}M"]
    for entry in entries:
        lines += _event(entry)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(entry: Entry) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{text(entry.uid)}", f"SEQUENCE:{max(0, int(entry.sequence))}",
             f"DTSTAMP:{utc(entry.stamp)}", f"DTSTART:{utc(entry.start)}", f"DTEND:{utc(max(entry.end, entry.start))}",
             f"SUMMARY:{text(entry.summary)}", f"STATUS:{entry.status}"]
    if entry.description:
        lines.append(f"DESCRIPTION:{text(entry.description)}")
    if entry.location:
        lines.append(f"LOCATION:{text(entry.location)}")
    if entry.url:
        lines.append(f"URL:{entry.url}")
    if entry.status == CANCELLED:
        lines.append("TRANSP:TRANSPARENT")  # a cancelled event no longer makes anyone busy
    lines.append("END:VEVENT")
    return lines


def utc(seconds: int) -> str:
    """An instant as an iCalendar UTC DATE-TIME: 20261207T140000Z."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y%m%dT%H%M%SZ")


def text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (continuations start with a space), never inside a UTF-8 character."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1  # a continuation's leading space is one octet
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
