"""The calendar file writer: what it writes parses as RFC 5545 with a real library, text and instants intact."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import example, given
from hypothesis import strategies as st

from portalkit import ics

NEW_YORK, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")


def at(zone: ZoneInfo, *parts: int, fold: int = 0) -> int:
    return int(datetime(*parts, tzinfo=zone, fold=fold).timestamp())


def entry(**changes) -> ics.Entry:
    start = at(NEW_YORK, 2026, 6, 10, 14, 0)
    values = {"uid": ics.uid("ev-1"), "sequence": 1, "start": start, "end": start + 3600, "stamp": start - 86400,
              "summary": "Appointment with Riverside Family Services"} | changes
    return ics.Entry(**values)


def parse(body: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def events(body: str) -> list:
    return list(parse(body).walk("VEVENT"))


def test_a_file_is_a_valid_calendar_with_one_event_its_uid_sequence_and_times_in_utc():
    body = ics.calendar([entry(location="12 Main St, Suite 3", description="Sign in to cancel.")])
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
    cal = parse(body)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) == ics.PRODID and str(cal["METHOD"]) == "PUBLISH"
    (event,) = events(body)
    assert str(event["UID"]) == "ev-1@portal.example" and int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == datetime(2026, 6, 10, 18, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 6, 10, 19, 0, tzinfo=UTC)
    assert str(event["LOCATION"]) == "12 Main St, Suite 3" and str(event["STATUS"]) == "CONFIRMED"


def test_a_feed_names_itself_and_says_how_often_to_fetch_it_again():
    cal = parse(ics.calendar([entry(), entry(uid=ics.uid("ev-2"))], name="My appointments", refresh_minutes=60))
    assert str(cal["X-WR-CALNAME"]) == "My appointments"
    assert "PT60M" in cal.to_ical().decode() and len(list(cal.walk("VEVENT"))) == 2


def test_an_empty_feed_is_still_a_calendar():
    assert list(events(ics.calendar([], name="My appointments"))) == []


def test_a_cancelled_event_keeps_its_uid_with_a_higher_sequence_and_frees_the_time():
    (event,) = events(ics.calendar([entry(sequence=4, status=ics.CANCELLED)]))
    assert str(event["UID"]) == "ev-1@portal.example" and int(event["SEQUENCE"]) == 4
    assert str(event["STATUS"]) == "CANCELLED" and str(event["TRANSP"]) == "TRANSPARENT"


def test_times_are_right_on_both_dst_days_in_new_york_and_berlin():
    cases = [
        (at(NEW_YORK, 2026, 3, 8, 1, 30), datetime(2026, 3, 8, 6, 30, tzinfo=UTC)),  # before spring forward
        (at(NEW_YORK, 2026, 3, 8, 3, 0), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),  # after it
        (at(NEW_YORK, 2026, 11, 1, 1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),  # the first 01:30
        (at(NEW_YORK, 2026, 11, 1, 1, 30, fold=1), datetime(2026, 11, 1, 6, 30, tzinfo=UTC)),  # the repeated one
        (at(BERLIN, 2026, 3, 29, 3, 15), datetime(2026, 3, 29, 1, 15, tzinfo=UTC)),
        (at(BERLIN, 2026, 10, 25, 2, 30, fold=1), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    ]
    body = ics.calendar([entry(uid=ics.uid(f"ev-{n}"), start=s, end=s + 2700) for n, (s, _) in enumerate(cases)])
    for event, (_, expected) in zip(events(body), cases, strict=True):
        assert event.decoded("DTSTART") == expected
        assert event.decoded("DTEND") - event.decoded("DTSTART") == (datetime(2000, 1, 1, 0, 45) -
                                                                     datetime(2000, 1, 1))


@given(st.text(min_size=1, max_size=300).filter(lambda s: s.strip() and "\r" not in s))
@example("Appointment, with; a \\ backslash\nand a line break")
@example("é" * 200)
@example("😀" * 80)
def test_any_text_survives_escaping_and_folding_and_no_line_is_longer_than_75_octets(summary):
    summary = "".join(ch for ch in summary if ch.isprintable() or ch == "\n") or "x"
    body = ics.calendar([entry(summary=summary, description=summary, location=summary)])
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    (event,) = events(body)
    assert str(event["SUMMARY"]) == summary and str(event["DESCRIPTION"]) == summary


def test_a_sequence_is_never_negative_and_an_end_never_before_its_start():
    (event,) = events(ics.calendar([entry(sequence=-3, end=entry().start - 60)]))
    assert int(event["SEQUENCE"]) == 0 and event.decoded("DTEND") == event.decoded("DTSTART")
