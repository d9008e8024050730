"""Times as people read them: the agency's wall clock, its zone named by abbreviation or by offset."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portalkit import wallclock


@pytest.mark.parametrize(("instant", "zone", "text"), [
    ("2026-12-07T14:00:00Z", "America/New_York", "Mon 7 Dec 2026, 9:00 AM EST"),
    ("2026-07-07T13:05:00Z", "America/New_York", "Tue 7 Jul 2026, 9:05 AM EDT"),
    # the spring-forward day: 1:59 EST is followed by 3:00 EDT
    ("2026-03-08T06:59:00Z", "America/New_York", "Sun 8 Mar 2026, 1:59 AM EST"),
    ("2026-03-08T07:00:00Z", "America/New_York", "Sun 8 Mar 2026, 3:00 AM EDT"),
    # the fall-back day: 1:30 comes twice, told apart by the zone's name
    ("2026-11-01T05:30:00Z", "America/New_York", "Sun 1 Nov 2026, 1:30 AM EDT"),
    ("2026-11-01T06:30:00Z", "America/New_York", "Sun 1 Nov 2026, 1:30 AM EST"),
    ("2026-12-07T00:00:00Z", "Europe/Berlin", "Mon 7 Dec 2026, 1:00 AM CET"),
    ("2026-12-07T12:00:00Z", "Europe/London", "Mon 7 Dec 2026, 12:00 PM GMT"),
    ("2026-12-07T12:00:00Z", "Asia/Kolkata", "Mon 7 Dec 2026, 5:30 PM IST"),
    # zones tzdata names by offset only ("+0545", "-03")
    ("2026-12-07T12:00:00Z", "Asia/Kathmandu", "Mon 7 Dec 2026, 5:45 PM UTC+05:45"),
    ("2026-12-07T12:00:00Z", "America/Sao_Paulo", "Mon 7 Dec 2026, 9:00 AM UTC-03:00"),
    ("2026-12-07T12:00:00Z", "UTC", "Mon 7 Dec 2026, 12:00 PM UTC"),
    # the same instant written with an offset reads the same in the zone
    ("2026-12-07T09:00:00-05:00", "America/New_York", "Mon 7 Dec 2026, 9:00 AM EST"),
])
def test_an_instant_reads_on_the_zones_wall_clock_with_the_zone_named(instant, zone, text):
    assert wallclock.readable(instant, zone) == text


@pytest.mark.parametrize(("instant", "text"), [
    ("2026-12-07T09:00:00-05:00", "Mon 7 Dec 2026, 9:00 AM UTC-05:00"),
    ("2026-03-08T12:05:00+05:45", "Sun 8 Mar 2026, 12:05 PM UTC+05:45"),
    ("2026-12-07T00:30:00Z", "Mon 7 Dec 2026, 12:30 AM UTC"),
    ("2026-12-07T00:30:00.250Z", "Mon 7 Dec 2026, 12:30 AM UTC"),
])
def test_without_a_zone_an_instant_keeps_the_offset_it_was_written_with(instant, text):
    assert wallclock.readable(instant) == text
    assert wallclock.readable(instant, "Not/A_Zone") == text  # an unknown zone is no zone


def test_a_tzinfo_serves_as_the_zone():
    offset = wallclock.parse("2026-12-07T09:00:00-05:00").tzinfo
    assert wallclock.readable("2026-12-07T20:00:00Z", offset) == "Mon 7 Dec 2026, 3:00 PM UTC-05:00"


@pytest.mark.parametrize("text", ["", "tomorrow", "2026-13-45T99:99:99Z", "2026-12-07T09:00:00", None, 17])
def test_what_is_not_an_instant_reads_as_none(text):
    assert wallclock.readable(text, "America/New_York") is None


def test_instants_at_the_ends_of_the_calendar_are_written_where_the_zone_cannot_show_them():
    assert wallclock.readable("0001-01-01T00:00:00Z", "America/New_York") == "Mon 1 Jan 1, 12:00 AM UTC"
    assert wallclock.readable("9999-12-31T23:59:59Z", "Asia/Tokyo") == "Fri 31 Dec 9999, 11:59 PM UTC"


@pytest.mark.parametrize("name", [None, "", "Not/A_Zone", "../etc/passwd", "America", "\x00"])
def test_only_real_zone_names_are_zones(name):
    assert wallclock.zone(name) is None


ZONES = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns",
         "Pacific/Chatham", "UTC"]


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1)), st.sampled_from(ZONES))
def test_every_instant_reads_with_its_wall_clock_and_a_zone_name(moment, zone):
    instant = moment.replace(tzinfo=UTC)
    text = wallclock.readable(instant, zone)
    local = instant.astimezone(ZoneInfo(zone))
    hour = local.hour % 12 or 12
    assert text.startswith(f"{wallclock.DAYS[local.weekday()]} {local.day} {wallclock.MONTHS[local.month - 1]} "
                           f"{local.year}, {hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'} ")
    name = text.rsplit(" ", 1)[1]
    assert re.fullmatch(r"[A-Za-z]+|UTC[+-]\d{2}:\d{2}", name)
    if name.startswith("UTC") and name != "UTC":
        sign = -1 if name[3] == "-" else 1
        assert timedelta(hours=int(name[4:6]), minutes=int(name[7:9])) * sign == local.utcoffset()
