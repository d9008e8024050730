"""A worker's calendars: the agency's today, which calendar is in effect on a date, where each stands, and when one
may start, move its start or be deleted; the bodies that add and change one. No AWS."""

from __future__ import annotations

import json
from datetime import date

import pytest

from chalicelib.availability import domain as d
from chalicelib.availability import schemas as s
from portalkit.schema import decode_body
from portalkit.times import instant as epoch
from tests.domain.refusals import body_refusal

TODAY = date(2026, 11, 23)
STANDARD = d.Calendar("c-standard", "Standard", date(2026, 11, 1))
WINTER = d.Calendar("c-winter", "Winter", date(2026, 12, 7))
OLD = d.Calendar("c-old", "Old", date(2026, 1, 1))


def refusal(model, body: dict) -> tuple[str | None, str, str]:
    error = body_refusal(model, body)
    return error.field, error.code, error.message


# -- the agency's today -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("timezone, now, today", [
    pytest.param("America/New_York", "2026-11-23T12:00:00Z", date(2026, 11, 23), id="midday-the-same-date-everywhere"),
    pytest.param("America/New_York", "2026-11-24T03:30:00Z", date(2026, 11, 23),
                 id="evening-in-new-york-is-tomorrow-in-utc"),
    pytest.param("Pacific/Auckland", "2026-11-23T11:00:00Z", date(2026, 11, 24),
                 id="morning-in-auckland-is-yesterday-in-utc"),
    pytest.param("America/New_York", "2026-11-01T04:30:00Z", date(2026, 11, 1),
                 id="the-first-00-30-of-fall-back-day"),
    pytest.param("America/New_York", "2026-03-08T04:59:59Z", date(2026, 3, 7),
                 id="the-last-second-before-spring-forward-day"),
    pytest.param("UTC", "2026-11-23T23:59:59Z", date(2026, 11, 23), id="the-last-second-of-a-utc-day"),
])
def test_the_agencys_today_is_the_date_on_its_clock(timezone, now, today):
    assert d.agency_today(timezone, epoch(now)) == today


# -- which calendar is in effect ----------------------------------------------------------------------------------


@pytest.mark.parametrize("calendars, day, expected", [
    pytest.param([], TODAY, None, id="no-calendar"),
    pytest.param([WINTER], TODAY, None, id="only-an-upcoming-calendar"),
    pytest.param([STANDARD], STANDARD.start_date, STANDARD, id="from-its-start-date"),
    pytest.param([STANDARD], date(2026, 10, 31), None, id="not-the-day-before-its-start"),
    pytest.param([OLD, STANDARD, WINTER], TODAY, STANDARD, id="the-latest-started"),
    pytest.param([WINTER, OLD, STANDARD], WINTER.start_date, WINTER, id="a-later-calendar-on-its-start-date"),
    pytest.param([OLD, STANDARD, WINTER], date(2036, 1, 1), WINTER, id="the-last-one-for-ever-after"),
])
def test_the_calendar_in_effect_on_a_date_is_the_latest_started_by_then(calendars, day, expected):
    assert d.calendar_in_effect(calendars, day) == expected


def test_two_calendars_starting_the_same_day_leave_the_later_id_in_effect():
    twin = d.Calendar("c-zzz", "Twin", STANDARD.start_date)
    assert d.calendar_in_effect([twin, STANDARD], TODAY) == twin
    assert d.calendar_in_effect([STANDARD, twin], TODAY) == twin


@pytest.mark.parametrize("calendar, calendars, status", [
    pytest.param(WINTER, [OLD, STANDARD, WINTER], d.UPCOMING, id="starts-after-today"),
    pytest.param(STANDARD, [OLD, STANDARD, WINTER], d.IN_EFFECT, id="the-latest-started"),
    pytest.param(OLD, [OLD, STANDARD, WINTER], d.REPLACED, id="a-later-one-started-since"),
    pytest.param(d.Calendar("c-today", "Today", TODAY), [STANDARD, d.Calendar("c-today", "Today", TODAY)],
                 d.IN_EFFECT, id="starts-today"),
    pytest.param(WINTER, [WINTER], d.UPCOMING, id="upcoming-with-none-in-effect"),
])
def test_a_calendar_is_upcoming_in_effect_or_replaced_on_the_agencys_today(calendar, calendars, status):
    assert d.calendar_status(calendar, d.calendar_in_effect(calendars, TODAY), TODAY) == status


# -- a calendar's start date --------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", [
    pytest.param(TODAY, id="today"),
    pytest.param(date(2026, 11, 24), id="tomorrow"),
    pytest.param(date(2099, 12, 31), id="the-last-date-the-api-takes"),
])
def test_a_calendar_starts_today_or_later(start):
    assert d.check_start_date(start, TODAY) == start


@pytest.mark.parametrize("start", [
    pytest.param(date(2026, 11, 22), id="yesterday"),
    pytest.param(date(2026, 11, 1), id="the-start-of-the-calendar-in-effect"),
])
def test_a_calendar_cannot_start_before_today(start):
    with pytest.raises(d.StartDatePast) as refused:
        d.check_start_date(start, TODAY)
    assert (refused.value.status, refused.value.code, refused.value.field) == (400, "start_date_past", "start_date")
    assert refused.value.message == "A calendar starts today (2026-11-23) or later."


def test_an_upcoming_calendars_start_date_can_move():
    assert d.check_start_movable(d.Calendar("c", "Tomorrow", date(2026, 11, 24)), TODAY) is None


@pytest.mark.parametrize("calendar", [
    pytest.param(d.Calendar("c", "Today", TODAY), id="started-today"),
    pytest.param(STANDARD, id="started-weeks-ago"),
    pytest.param(OLD, id="replaced-since"),
])
def test_a_started_calendar_keeps_its_start_date(calendar):
    with pytest.raises(d.CalendarStarted) as refused:
        d.check_start_movable(calendar, TODAY)
    assert (refused.value.status, refused.value.code, refused.value.field) == (409, "calendar_started", "start_date")


# -- deleting a calendar ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("calendar", [pytest.param(WINTER, id="upcoming"), pytest.param(OLD, id="replaced")])
def test_an_upcoming_or_replaced_calendar_can_be_deleted(calendar):
    in_effect = d.calendar_in_effect([OLD, STANDARD, WINTER], TODAY)
    assert d.check_deletable(calendar, in_effect, TODAY) is None


@pytest.mark.parametrize("calendars, day", [
    pytest.param([OLD, STANDARD, WINTER], TODAY, id="started-weeks-ago"),
    pytest.param([STANDARD, WINTER], WINTER.start_date, id="took-over-today"),
    pytest.param([STANDARD], TODAY, id="the-workers-only-calendar"),
])
def test_the_calendar_in_effect_cannot_be_deleted(calendars, day):
    in_effect = d.calendar_in_effect(calendars, day)
    with pytest.raises(d.CalendarInEffect) as refused:
        d.check_deletable(in_effect, in_effect, day)
    assert (refused.value.status, refused.value.code) == (409, "calendar_in_effect")
    assert "cannot be deleted" in refused.value.message


# -- the bodies ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body, said", [
    pytest.param({"name": "Winter", "start_date": "2026-13-01"},
                 ("start_date", "invalid_field", "start_date must be a date like 2026-12-03."), id="a-13th-month"),
    pytest.param({"name": "Winter", "start_date": "07/12/2026"},
                 ("start_date", "invalid_field", "start_date must be a date like 2026-12-03."), id="a-local-format"),
    pytest.param({"name": "Winter", "start_date": "0001-01-01"},
                 ("start_date", "invalid_field", "start_date must be a date in the years 2000 to 2099."),
                 id="before-the-years-the-api-takes"),
    pytest.param({"name": "Winter", "start_date": "2100-01-01"},
                 ("start_date", "invalid_field", "start_date must be a date in the years 2000 to 2099."),
                 id="after-the-years-the-api-takes"),
    pytest.param({"name": "Winter"}, ("start_date", "missing_field", "start_date is required."), id="no-start-date"),
    pytest.param({"start_date": "2026-12-07"}, ("name", "missing_field", "name is required."), id="no-name"),
    pytest.param({"name": " ", "start_date": "2026-12-07"}, ("name", "invalid_field", "name must not be empty."),
                 id="a-blank-name"),
    pytest.param({"name": "x" * 101, "start_date": "2026-12-07"},
                 ("name", "invalid_field", "name must be at most 100 characters."), id="a-name-over-100"),
    pytest.param({"name": "Winter", "start_date": "2026-12-07", "copy_from": "x" * 65},
                 ("copy_from", "invalid_field", "copy_from must be at most 64 characters."), id="an-id-over-64"),
    pytest.param({"name": "Winter", "start_date": "2026-12-07", "color": "#FFFFFF"},
                 ("color", "unknown_field", "color is not a known field."), id="a-colour-calendars-do-not-have"),
])
def test_a_new_calendar_is_refused_naming_the_field(body, said):
    assert refusal(s.NewCalendar, body) == said


def test_a_new_calendar_takes_a_name_of_100_and_a_date_in_the_apis_years():
    calendar = decode_body(json.dumps({"name": "x" * 100, "start_date": "2000-01-01"}), s.NewCalendar)
    assert (len(calendar.name), calendar.start_date, calendar.copy_from) == (100, date(2000, 1, 1), None)


@pytest.mark.parametrize("body, said", [
    pytest.param({"name": "Late"}, ("version", "missing_field", "version is required."), id="no-version"),
    pytest.param({"name": " ", "version": 1}, ("name", "invalid_field", "name must not be empty."), id="a-blank-name"),
    pytest.param({"name": "x" * 101, "version": 1}, ("name", "invalid_field", "name must be at most 100 characters."),
                 id="a-name-over-100"),
    pytest.param({"start_date": "2026-02-30", "version": 1},
                 ("start_date", "invalid_field", "start_date must be a date like 2026-12-03."), id="no-such-date"),
    pytest.param({"colour": "x", "version": 1}, ("colour", "unknown_field", "colour is not a known field."),
                 id="a-field-calendars-do-not-have"),
])
def test_a_calendar_change_is_refused_naming_the_field(body, said):
    assert refusal(s.CalendarChange, body) == said
