"""The dates a slot list or a day count covers: one date, a month, or from and to, in order and at most 31 (slots) or
92 (days) dates; the queries that name them; and the count of open slots on each local date. No AWS."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.availability import domain as d
from chalicelib.availability import schemas as s
from portalkit.errors import BadRequest
from portalkit.schema import decode_query
from portalkit.times import instant as epoch
from tests.support import examples

DEC_1 = date(2026, 12, 1)
BAD, MISSING = d.InvalidField, d.MissingField  # 400 invalid_field, 400 missing_field


def refused(call, *args) -> tuple[type, str | None, str, str]:
    with pytest.raises(BadRequest) as error:
        call(*args)
    return type(error.value), error.value.field, error.value.code, error.value.message


# -- slots: one date, or from and to ------------------------------------------------------------------------------


@pytest.mark.parametrize("day, first, last, dates", [
    pytest.param(DEC_1, None, None, (DEC_1, DEC_1), id="one-date"),
    pytest.param(None, DEC_1, DEC_1, (DEC_1, DEC_1), id="a-range-of-one-date"),
    pytest.param(None, DEC_1, date(2026, 12, 31), (DEC_1, date(2026, 12, 31)), id="31-dates-both-ends-counted"),
    pytest.param(None, date(2026, 12, 15), date(2027, 1, 14), (date(2026, 12, 15), date(2027, 1, 14)),
                 id="31-dates-across-a-new-year"),
])
def test_slots_cover_one_date_or_from_to_of_at_most_31_dates(day, first, last, dates):
    assert d.slot_dates(day, first, last) == dates


@pytest.mark.parametrize("day, first, last, said", [
    pytest.param(None, DEC_1, date(2027, 1, 1), (BAD, "to", "invalid_field", "A range covers at most 31 days."),
                 id="32-dates"),
    pytest.param(None, date(2026, 12, 14), DEC_1, (BAD, "to", "invalid_field", "to must not be before from."),
                 id="to-before-from"),
    pytest.param(None, DEC_1, None, (MISSING, "to", "missing_field", "to is required."), id="from-alone"),
    pytest.param(None, None, DEC_1, (MISSING, "from", "missing_field", "from is required."), id="to-alone"),
    pytest.param(DEC_1, None, date(2026, 12, 2), (BAD, "date", "invalid_field", "Give either date, or from and "
                 "to."), id="a-date-and-to"),
    pytest.param(DEC_1, DEC_1, DEC_1, (BAD, "date", "invalid_field", "Give either date, or from and to."),
                 id="a-date-and-a-range"),
    pytest.param(None, None, None, (MISSING, "date", "missing_field", "date (or from and to) is required."),
                 id="nothing"),
])
def test_slots_of_no_date_or_of_two_forms_or_a_bad_range_are_refused_naming_the_field(day, first, last, said):
    assert refused(d.slot_dates, day, first, last) == said


# -- days: a month, or from and to --------------------------------------------------------------------------------


@pytest.mark.parametrize("month, dates", [
    pytest.param("2026-02", (date(2026, 2, 1), date(2026, 2, 28)), id="february"),
    pytest.param("2028-02", (date(2028, 2, 1), date(2028, 2, 29)), id="february-of-a-leap-year"),
    pytest.param("2026-04", (date(2026, 4, 1), date(2026, 4, 30)), id="a-30-day-month"),
    pytest.param("2026-12", (DEC_1, date(2026, 12, 31)), id="december-before-a-new-year"),
    pytest.param("2099-12", (date(2099, 12, 1), date(2099, 12, 31)), id="the-last-month-the-api-takes"),
])
def test_a_month_covers_its_first_to_its_last_date(month, dates):
    assert d.month_days(month) == dates


@pytest.mark.parametrize("month", [
    pytest.param("2026-13", id="a-13th-month"),
    pytest.param("2026-00", id="a-month-0"),
    pytest.param("2026-1", id="one-digit-month"),
    pytest.param("nov", id="a-name"),
    pytest.param("2026-11-01", id="a-date"),
    pytest.param("2026-12\n", id="a-trailing-newline"),
    pytest.param("", id="empty"),
])
def test_a_month_not_like_yyyy_mm_is_refused_naming_month(month):
    assert refused(d.month_days, month) == (d.InvalidField, "month", "invalid_field", "month must be like 2026-12.")


@pytest.mark.parametrize("month", [
    pytest.param("2026-13", id="a-13th-month"),
    pytest.param("2026-1", id="one-digit-month"),
    pytest.param("nov", id="a-name"),
    pytest.param("2026-11-01", id="a-date"),
    pytest.param("٢٠٢٦-12", id="other-scripts-digits"),
])
def test_the_days_query_refuses_a_month_not_like_yyyy_mm(month):
    assert refused(decode_query, {"month": month}, s.DaysWhen) == (
        BadRequest, "month", "invalid_field", "month must be a month like 2026-12.")


@pytest.mark.parametrize("month, first, last, said", [
    pytest.param(None, DEC_1, date(2027, 3, 3), (BAD, "to", "invalid_field", "A range covers at most 92 days."),
                 id="93-dates"),
    pytest.param("2026-12", None, date(2026, 12, 31), (BAD, "month", "invalid_field", "Give either month, or "
                 "from and to."), id="a-month-and-to"),
    pytest.param("2026-12", DEC_1, None, (BAD, "month", "invalid_field", "Give either month, or from and to."),
                 id="a-month-and-from"),
    pytest.param(None, None, None, (MISSING, "month", "missing_field", "month (or from and to) is required."),
                 id="nothing"),
    pytest.param(None, None, DEC_1, (MISSING, "from", "missing_field", "from is required."), id="to-alone"),
])
def test_days_of_no_month_or_of_two_forms_or_a_bad_range_are_refused_naming_the_field(month, first, last, said):
    assert refused(d.day_dates, month, first, last) == said


@pytest.mark.parametrize("first, last", [
    pytest.param(date(2026, 11, 29), date(2027, 1, 9), id="a-6-week-grid"),
    pytest.param(date(2026, 11, 23), date(2026, 12, 6), id="the-next-14-days"),
    pytest.param(date(2027, 10, 1), date(2027, 12, 31), id="a-quarter-of-92-dates"),
])
def test_days_cover_what_a_calendar_view_shows(first, last):
    assert d.day_dates(None, first, last) == (first, last)


@settings(max_examples=examples(200))
@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(-5, 100), st.sampled_from([31, 92]))
def test_a_range_is_taken_exactly_when_it_is_in_order_and_covers_at_most_its_most_dates(first, extra, most):
    last = first + timedelta(days=extra)
    dates_of = d.slot_dates if most == 31 else d.day_dates
    try:
        taken = dates_of(None, first, last)
    except BadRequest as error:
        assert error.field == "to" and not 0 <= extra < most
    else:
        assert taken == (first, last) and 0 <= extra < most


# -- the queries --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model, query, said", [
    pytest.param(s.SlotsWhen, {"date": "2026-12-32"}, ("date", "invalid_field", "date must be a date like 2026-12-03."),
                 id="slots-on-no-such-date"),
    pytest.param(s.SlotsWhen, {"day": "2026-12-01"}, ("day", "unknown_field", "day is not a known query parameter."),
                 id="slots-of-a-day-not-a-date"),
    pytest.param(s.DaysWhen, {"from": "1999-12-31", "to": "2000-01-01"},
                 ("from", "invalid_field", "from must be a date in the years 2000 to 2099."), id="from-before-2000"),
    pytest.param(s.DaysWhen, {"from": "2099-12-31", "to": "2100-01-01"},
                 ("to", "invalid_field", "to must be a date in the years 2000 to 2099."), id="to-after-2099"),
    pytest.param(s.DaysWhen, {"from": "2026-02-30", "to": "2026-03-01"},
                 ("from", "invalid_field", "from must be a date like 2026-12-03."), id="from-30-february"),
    pytest.param(s.DaysWhen, {"month": "1999-12"}, ("month", "invalid_field", "month must be a month in the years 2000 "
                 "to 2099."), id="a-month-before-2000"),
    pytest.param(s.DaysWhen, {"from": "2026-12-01", "until": "2026-12-31"},
                 ("until", "unknown_field", "until is not a known query parameter."), id="until-for-to"),
])
def test_a_query_is_refused_naming_the_parameter(model, query, said):
    assert refused(decode_query, query, model)[1:] == said


def test_a_query_reads_its_dates():
    query = decode_query({"from": "2026-12-01", "to": "2026-12-31"}, s.SlotsWhen)
    assert (query.date, query.from_, query.to) == (None, DEC_1, date(2026, 12, 31))


# -- the count per date -------------------------------------------------------------------------------------------


def slot(start: str, local_date: date) -> d.Slot:
    return d.Slot(epoch(start), epoch(start) + 3600, "s1", local_date, "America/New_York")


def test_every_date_is_counted_in_order_with_0_where_no_slot_is_open():
    counts = d.count_by_day([slot("2026-12-02T15:00:00Z", date(2026, 12, 2)),
                             slot("2026-12-02T14:00:00Z", date(2026, 12, 2))], DEC_1, date(2026, 12, 3))
    assert counts == [{"date": "2026-12-01", "open_slots": 0}, {"date": "2026-12-02", "open_slots": 2},
                      {"date": "2026-12-03", "open_slots": 0}]


def test_a_slot_counts_on_its_date_at_its_site_not_its_utc_date():
    evening = slot("2026-12-02T03:00:00Z", date(2026, 12, 1))  # 22:00 on the 1st in New York
    assert d.count_by_day([evening], DEC_1, date(2026, 12, 2)) == [
        {"date": "2026-12-01", "open_slots": 1}, {"date": "2026-12-02", "open_slots": 0}]


def test_a_count_of_one_date_with_no_slot_is_that_date_at_0():
    assert d.count_by_day([], DEC_1, DEC_1) == [{"date": "2026-12-01", "open_slots": 0}]
