"""A worker's time off: it ends after it starts, lasts at most a year, is kept as UTC instants, and closes exactly the
slots it overlaps; the body that adds it. No AWS."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.availability import domain as d
from chalicelib.availability import schemas as s
from portalkit.errors import BadRequest
from portalkit.schema import decode_body
from portalkit.times import instant as epoch
from tests.domain.refusals import body_refusal
from tests.support import examples

NEW_YORK = ZoneInfo("America/New_York")
DEC_1 = datetime(2026, 12, 1, 10, tzinfo=UTC)
NOT_RFC_3339 = "start must be an RFC 3339 time with its offset, like 2026-12-03T14:00:00Z."


def refusal(body: dict) -> tuple[str | None, str, str]:
    error = body_refusal(s.NewTimeOff, body)
    return error.field, error.code, error.message


@pytest.mark.parametrize("start, end, span", [
    pytest.param(DEC_1, DEC_1 + timedelta(seconds=1), (epoch("2026-12-01T10:00:00Z"), epoch("2026-12-01T10:00:01Z")),
                 id="a-second"),
    pytest.param(datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC),
                 (epoch("2027-01-01T00:00:00Z"), epoch("2028-01-01T00:00:00Z")), id="a-calendar-year-365-days"),
    pytest.param(datetime(2028, 1, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC),
                 (epoch("2028-01-01T00:00:00Z"), epoch("2029-01-01T00:00:00Z")), id="a-leap-year-366-days"),
    pytest.param(datetime(2026, 11, 30, 9, 30, tzinfo=NEW_YORK), datetime(2026, 11, 30, 16, tzinfo=UTC),
                 (epoch("2026-11-30T14:30:00Z"), epoch("2026-11-30T16:00:00Z")), id="ends-given-in-other-offsets"),
    pytest.param(datetime(2026, 3, 8, tzinfo=NEW_YORK), datetime(2026, 3, 9, tzinfo=NEW_YORK),
                 (epoch("2026-03-08T05:00:00Z"), epoch("2026-03-09T04:00:00Z")), id="the-23-hour-spring-forward-day"),
    pytest.param(datetime(2026, 11, 1, tzinfo=NEW_YORK), datetime(2026, 11, 2, tzinfo=NEW_YORK),
                 (epoch("2026-11-01T04:00:00Z"), epoch("2026-11-02T05:00:00Z")), id="the-25-hour-fall-back-day"),
])
def test_time_off_is_kept_as_the_utc_instants_it_names(start, end, span):
    assert d.time_off_span(start, end) == span


@pytest.mark.parametrize("start, end, message", [
    pytest.param(DEC_1, DEC_1 - timedelta(hours=1), "end must be after start.", id="ends-before-it-starts"),
    pytest.param(DEC_1, DEC_1, "end must be after start.", id="ends-as-it-starts"),
    pytest.param(datetime(2026, 12, 1, 10, tzinfo=NEW_YORK), datetime(2026, 12, 1, 15, tzinfo=UTC),
                 "end must be after start.", id="the-same-instant-in-two-offsets"),
    pytest.param(DEC_1, DEC_1 + timedelta(days=366, seconds=1), "Time off lasts at most 366 days; add another for the "
                 "rest.", id="a-second-over-366-days"),
    pytest.param(datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 12, 3, tzinfo=UTC), "Time off lasts at most 366 "
                 "days; add another for the rest.", id="a-year-and-two-days"),
])
def test_time_off_that_does_not_end_after_it_starts_or_lasts_over_a_year_is_refused_naming_end(start, end, message):
    with pytest.raises(BadRequest) as refused:
        d.time_off_span(start, end)
    assert (refused.value.field, refused.value.code, refused.value.message) == ("end", "invalid_field", message)


@settings(max_examples=examples(200))
@given(st.integers(-86400, 400 * 86400))
def test_time_off_is_taken_exactly_when_it_lasts_more_than_nothing_and_at_most_366_days(seconds):
    try:
        span = d.time_off_span(DEC_1, DEC_1 + timedelta(seconds=seconds))
    except BadRequest:
        assert not 0 < seconds <= 366 * 86400
    else:
        assert span[1] - span[0] == seconds and 0 < seconds <= 366 * 86400


@pytest.mark.parametrize("body, said", [
    pytest.param({"start": "2026-12-01 10:00", "end": "2026-12-01T11:00:00Z"},
                 ("start", "invalid_field", NOT_RFC_3339),
                 id="a-space-for-the-t"),
    pytest.param({"start": "2026-12-01T10:00:00", "end": "2026-12-01T11:00:00Z"},
                 ("start", "invalid_field", NOT_RFC_3339),
                 id="no-offset"),
    pytest.param({"start": "1999-12-31T23:00:00Z", "end": "2026-12-01T11:00:00Z"},
                 ("start", "invalid_field", "start must be an instant in the years 2000 to 2099."),
                 id="before-the-years-the-api-takes"),
    pytest.param({"end": "2026-12-01T11:00:00Z"}, ("start", "missing_field", "start is required."), id="no-start"),
    pytest.param({"start": "2026-12-01T10:00:00Z"}, ("end", "missing_field", "end is required."), id="no-end"),
    pytest.param({"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z", "reason": "x" * 201},
                 ("reason", "invalid_field", "reason must be at most 200 characters."), id="a-reason-over-200"),
    pytest.param({"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z", "reason": " "},
                 ("reason", "invalid_field", "reason must not be empty."), id="a-blank-reason"),
])
def test_a_new_time_off_is_refused_naming_the_field(body, said):
    assert refusal(body) == said


def test_a_new_time_off_takes_a_reason_of_200_or_none():
    body = {"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z"}
    assert decode_body(json.dumps(body), s.NewTimeOff).reason is None
    assert decode_body(json.dumps({**body, "reason": "x" * 200}), s.NewTimeOff).reason == "x" * 200


# -- what time off closes -----------------------------------------------------------------------------------------


def monday_nine_to_twelve(time_off: list[d.TimeOff]) -> d.WorkerSchedule:
    """A UTC worker with a client-facing Monday 09:00-12:00 (hourly slots), no notice."""
    return d.WorkerSchedule(
        settings=d.Settings(client_facing_type_id="t1", min_notice_hours=0, horizon_days=365),
        sites={"s1": d.Site("s1", "Main", "UTC")}, calendars=[d.Calendar("c1", "Main", date(2026, 1, 1))],
        blocks={"c1": [d.Block("b1", "c1", 0, 9 * 60, 12 * 60, "t1", "s1")]}, time_off=time_off, reservations=[])


@pytest.mark.parametrize("start, end, open_hours", [
    pytest.param("2026-12-07T08:00:00Z", "2026-12-07T09:00:00Z", ["09", "10", "11"], id="ending-as-the-first-starts"),
    pytest.param("2026-12-07T12:00:00Z", "2026-12-07T13:00:00Z", ["09", "10", "11"], id="starting-as-the-last-ends"),
    pytest.param("2026-12-07T09:59:59Z", "2026-12-07T10:00:01Z", ["11"], id="two-seconds-across-a-boundary"),
    pytest.param("2026-12-07T10:15:00Z", "2026-12-07T10:30:00Z", ["09", "11"], id="inside-one-slot"),
    pytest.param("2026-12-06T00:00:00Z", "2026-12-08T00:00:00Z", [], id="the-whole-day-and-more"),
])
def test_time_off_closes_exactly_the_slots_it_overlaps(start, end, open_hours):
    schedule = monday_nine_to_twelve([d.TimeOff("o1", epoch(start), epoch(end))])
    slots = d.open_slots(schedule, date(2026, 12, 7), date(2026, 12, 7), epoch("2026-12-01T00:00:00Z"))
    assert [slot.view()["start"][11:13] for slot in slots] == open_hours


def test_a_time_in_time_off_is_outside_availability_even_when_it_is_also_too_soon():
    schedule = monday_nine_to_twelve([d.TimeOff("o1", epoch("2026-12-07T09:00:00Z"), epoch("2026-12-07T10:00:00Z"))])
    schedule.settings = d.Settings(client_facing_type_id="t1", min_notice_hours=48, horizon_days=365)
    assert d.why_unavailable(schedule, epoch("2026-12-07T09:00:00Z"), epoch("2026-12-07T00:00:00Z")) \
        == d.OUTSIDE_AVAILABILITY
    assert d.why_unavailable(schedule, epoch("2026-12-07T10:00:00Z"), epoch("2026-12-07T00:00:00Z")) == d.TOO_SOON
