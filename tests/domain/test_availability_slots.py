"""Open slots: property-based checks of every rule, the DST days, and calendars' effective dates."""

from __future__ import annotations

import contextlib
import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from chalicelib.availability import domain as d
from portalkit import times
from portalkit.errors import BadRequest
from portalkit.times import instant as epoch
from tests.support import examples

FACING, OTHER = "t-facing", "t-other"
ZONES = ("America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "UTC")


def schedule(blocks, *, tz="America/New_York", slot=60, notice=0, horizon=365, calendars=None, time_off=(),
             reservations=(), facing=FACING) -> d.WorkerSchedule:
    calendars = calendars or [d.Calendar("c1", "Main", date(2026, 1, 1))]
    by_calendar: dict[str, list[d.Block]] = {}
    for block in blocks:
        by_calendar.setdefault(block.calendar_id, []).append(block)
    return d.WorkerSchedule(
        settings=d.Settings(timezone=tz, client_facing_type_id=facing, slot_minutes=slot, min_notice_hours=notice,
                            horizon_days=horizon),
        sites={"s1": d.Site("s1", "Main", tz)}, calendars=list(calendars), blocks=by_calendar,
        time_off=list(time_off), reservations=list(reservations),
    )


def block(day, start, end, type_id=FACING, calendar_id="c1", block_id=None):
    return d.Block(block_id or f"b{day}{start}", calendar_id, d.parse_day(day), d.parse_clock(start, "from"),
                   d.parse_clock(end, "to"), type_id, "s1")


NOW = epoch("2026-01-01T00:00:00Z")


def local_starts(slots):
    return [s.view()["local_start"] for s in slots]


# -- DST: the four transition days the issue names ----------------------------------------------------


def test_new_york_spring_forward_skips_the_missing_hour():
    sched = schedule([block("sunday", "00:00", "06:00")])
    slots = d.open_slots(sched, date(2026, 3, 8), date(2026, 3, 8), NOW)
    assert local_starts(slots) == [
        "2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00",
        "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00", "2026-03-08T05:00:00-04:00",
    ]
    assert [s.view()["start"] for s in slots][:3] == ["2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z",
                                                      "2026-03-08T07:00:00Z"]


def test_new_york_spring_forward_half_hour_slots():
    sched = schedule([block("sunday", "01:00", "04:00")], slot=30)
    slots = d.open_slots(sched, date(2026, 3, 8), date(2026, 3, 8), NOW)
    assert [s[11:16] for s in local_starts(slots)] == ["01:00", "01:30", "03:00", "03:30"]


def test_new_york_fall_back_takes_the_first_of_the_repeated_hour():
    sched = schedule([block("sunday", "00:00", "04:00")])
    slots = d.open_slots(sched, date(2026, 11, 1), date(2026, 11, 1), NOW)
    assert local_starts(slots) == [
        "2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00",
        "2026-11-01T02:00:00-05:00", "2026-11-01T03:00:00-05:00",
    ]
    assert [s.view()["start"] for s in slots] == ["2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z",
                                                  "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"]


def test_berlin_spring_forward():
    sched = schedule([block("sunday", "01:00", "05:00")], tz="Europe/Berlin")
    slots = d.open_slots(sched, date(2026, 3, 29), date(2026, 3, 29), NOW)
    assert local_starts(slots) == ["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00",
                                   "2026-03-29T04:00:00+02:00"]
    assert [s.view()["start"] for s in slots] == ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z",
                                                  "2026-03-29T02:00:00Z"]


def test_berlin_fall_back():
    sched = schedule([block("sunday", "01:00", "05:00")], tz="Europe/Berlin")
    slots = d.open_slots(sched, date(2026, 10, 25), date(2026, 10, 25), NOW)
    assert local_starts(slots) == ["2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00",
                                   "2026-10-25T03:00:00+01:00", "2026-10-25T04:00:00+01:00"]
    assert [s.view()["start"] for s in slots] == ["2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z",
                                                  "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"]


def test_a_slot_crossing_the_spring_forward_gap_lasts_its_length_and_the_next_that_would_overlap_it_is_not_offered():
    sched = schedule([block("sunday", "00:00", "03:45")], tz="Europe/Berlin", slot=45)
    slots = d.open_slots(sched, date(2026, 3, 29), date(2026, 3, 29), NOW)
    # 01:30 CET + 45 minutes is 03:15 CEST, so the grid's 03:00 CEST would overlap it; 03:45 does not fit the block
    assert local_starts(slots) == ["2026-03-29T00:00:00+01:00", "2026-03-29T00:45:00+01:00",
                                   "2026-03-29T01:30:00+01:00"]
    assert slots[-1].view()["start"] == "2026-03-29T00:30:00Z" and times.iso(slots[-1].end) == "2026-03-29T01:15:00Z"
    assert d.why_unavailable(sched, epoch("2026-03-29T01:00:00Z"), NOW) == d.OUTSIDE_AVAILABILITY


def test_the_earlier_slot_wins_across_blocks_that_overlap_in_real_time_around_the_gap():
    sched = schedule([block("sunday", "01:30", "02:15"), block("sunday", "03:00", "04:00")], tz="Europe/Berlin",
                     slot=45)
    slots = d.open_slots(sched, date(2026, 3, 29), date(2026, 3, 29), NOW)
    assert local_starts(slots) == ["2026-03-29T01:30:00+01:00"]  # 03:00 CEST begins before it ends (03:15)
    assert d.slot_starting(sched, epoch("2026-03-29T01:00:00Z")) is None


def test_a_slot_that_would_run_past_its_block_across_the_gap_is_not_offered():
    # 01:00-03:00 is one real hour on this day: a 90-minute slot at 01:00 CET would end at 03:30 CEST
    sched = schedule([block("sunday", "01:00", "03:00")], tz="Europe/Berlin", slot=90)
    assert d.open_slots(sched, date(2026, 3, 29), date(2026, 3, 29), NOW) == []
    ordinary = d.open_slots(sched, date(2026, 3, 22), date(2026, 3, 22), NOW)
    assert local_starts(ordinary) == ["2026-03-22T01:00:00+01:00"]


def test_fall_back_slots_never_overlap_and_the_repeated_hour_is_its_first_occurrence():
    sched = schedule([block("sunday", "00:00", "03:00")], slot=45)
    slots = d.open_slots(sched, date(2026, 11, 1), date(2026, 11, 1), NOW)
    assert local_starts(slots) == ["2026-11-01T00:00:00-04:00", "2026-11-01T00:45:00-04:00",
                                   "2026-11-01T01:30:00-04:00", "2026-11-01T02:15:00-05:00"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(slots))


@pytest.mark.parametrize("tz, day", [("America/New_York", date(2026, 3, 8)), ("America/New_York", date(2026, 11, 1)),
                                     ("Europe/Berlin", date(2026, 3, 29)), ("Europe/Berlin", date(2026, 10, 25))])
def test_the_days_around_a_transition_keep_their_wall_clock(tz, day):
    sched = schedule([block(d.DAYS[(day.weekday() + k) % 7], "09:00", "10:00") for k in (-1, 1)], tz=tz)
    for other in (day - timedelta(days=1), day + timedelta(days=1)):
        (slot,) = d.open_slots(sched, other, other, NOW)
        assert slot.view()["local_start"][11:19] == "09:00:00"


# -- properties ---------------------------------------------------------------------------------------

MINUTE_STEPS = st.integers(0, 287).map(lambda n: n * 5)


@st.composite
def worker_schedules(draw):
    tz = draw(st.sampled_from(ZONES))
    slot = draw(st.sampled_from([15, 30, 45, 60, 90]))
    transitions = [date(2026, 3, 8), date(2026, 11, 1), date(2026, 3, 29), date(2026, 10, 25), date(2026, 4, 5),
                   date(2026, 10, 4), date(2026, 9, 27)]  # New York, Berlin, Lord Howe, Chatham
    if draw(st.booleans()):
        first_day = draw(st.sampled_from(transitions)) - timedelta(days=draw(st.integers(0, 6)))
    else:
        first_day = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 360)))
    calendars = [
        d.Calendar(f"c{i}", f"Cal {i}", first_day + timedelta(days=draw(st.integers(-40, 40))))
        for i in range(draw(st.integers(1, 3)))
    ]
    blocks: list[d.Block] = []
    for i in range(draw(st.integers(0, 14))):
        start = draw(st.one_of(MINUTE_STEPS, st.sampled_from([0, 60, 90, 120])))  # the small hours shift
        end = min(1440, start + draw(st.integers(1, 60)) * 5)
        candidate = d.Block(f"b{i}", draw(st.sampled_from(calendars)).calendar_id, draw(st.integers(0, 6)), start,
                            end, draw(st.sampled_from([FACING, FACING, OTHER])), "s1")
        with contextlib.suppress(BadRequest):
            blocks.append(d.check_block(candidate, [b for b in blocks if b.calendar_id == candidate.calendar_id]))
    now = d.day_number(first_day) * d.DAY_SECONDS + draw(st.integers(-3, 3)) * d.DAY_SECONDS
    now += draw(st.integers(0, 86399))

    def interval():
        start = now + draw(st.integers(-2 * 86400, 40 * 86400))
        return start, start + draw(st.integers(1, 3 * 86400))

    time_off = [d.TimeOff(f"o{i}", *interval()) for i in range(draw(st.integers(0, 3)))]
    reservations = []
    for i in range(draw(st.integers(0, 8))):
        start, end = interval()
        kind = draw(st.sampled_from([d.HOLD, d.BOOKING]))
        expires = now + draw(st.integers(-86400, 86400)) if kind == d.HOLD else None
        reservations.append(d.Reservation(f"r{i}", kind, start, end, expires))
    sched = schedule(blocks, tz=tz, slot=slot, notice=draw(st.integers(0, 72)), horizon=draw(st.integers(1, 60)),
                     calendars=calendars, time_off=time_off, reservations=reservations)
    days = draw(st.integers(1, 31))
    return sched, first_day, first_day + timedelta(days=days - 1), now


def _berlin_spring_forward_45():
    """The case Hypothesis found: one block 00:00-03:45, 45-minute slots, on Berlin's spring-forward day."""
    sched = schedule([block("sunday", "00:00", "03:45")], tz="Europe/Berlin", slot=45)
    return sched, date(2026, 3, 29), date(2026, 3, 29), NOW


def _berlin_two_blocks_around_the_gap():
    sched = schedule([block("sunday", "01:30", "02:15"), block("sunday", "03:00", "04:00")], tz="Europe/Berlin",
                     slot=45)
    return sched, date(2026, 3, 29), date(2026, 3, 29), NOW


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


@settings(max_examples=examples(300))
@given(worker_schedules())
@example(_berlin_spring_forward_45())
@example(_berlin_two_blocks_around_the_gap())
def test_every_open_slot_obeys_every_rule(case):
    sched, first, last, now = case
    s = sched.settings
    tz = d.zone(s.timezone)
    slots = d.open_slots(sched, first, last, now)
    for earlier, later in itertools.pairwise(slots):
        assert earlier.end <= later.start, "two open slots overlap (a DST gap or fold mapped twice?)"
    for slot in slots:
        local = datetime.fromtimestamp(slot.start, tz)
        minute = local.hour * 60 + local.minute
        assert first <= slot.local_date <= last and local.date() == slot.local_date
        # the wall-clock time exists (no spring-forward gap) and the slot lasts the slot length
        assert datetime(local.year, local.month, local.day, local.hour, local.minute, tzinfo=tz).timestamp() \
            == slot.start
        assert slot.end - slot.start == s.slot_minutes * 60
        # inside a client-facing block of the calendar in effect that day, aligned to its start, fitting in it on
        # the wall clock and in real time (its end, read as the wall clock before any change that day, not before)
        calendar = d.calendar_in_effect(sched.calendars, slot.local_date)
        assert calendar is not None
        midnight = datetime(local.year, local.month, local.day, tzinfo=tz)
        assert any(
            b.type_id == s.client_facing_type_id and b.day == slot.local_date.weekday()
            and b.start <= minute and minute + s.slot_minutes <= b.end and (minute - b.start) % s.slot_minutes == 0
            and slot.end <= (midnight + timedelta(minutes=b.end)).timestamp()
            for b in sched.blocks.get(calendar.calendar_id, [])
        )
        # notice and horizon
        assert slot.start >= now + s.min_notice_hours * 3600
        assert slot.start < now + s.horizon_days * d.DAY_SECONDS
        # no time off, no active hold or booking
        assert not any(overlaps(slot.start, slot.end, t.start, t.end) for t in sched.time_off)
        assert not any(overlaps(slot.start, slot.end, r.start, r.end) for r in sched.reservations if r.is_active(now))


@settings(max_examples=examples(200))
@given(worker_schedules())
@example(_berlin_spring_forward_45())
@example(_berlin_two_blocks_around_the_gap())
def test_a_slot_is_open_exactly_when_nothing_forbids_it(case):
    sched, first, last, now = case
    open_starts = {s.start for s in d.open_slots(sched, first, last, now)}
    for slot in d.candidate_slots(sched, first, last):
        reason = d.why_unavailable(sched, slot.start, now)
        assert (reason is None) == (slot.start in open_starts), (reason, slot)


@settings(max_examples=examples(100))
@given(worker_schedules())
def test_other_types_never_produce_client_slots(case):
    sched, first, last, now = case
    sched.settings = replace(sched.settings, client_facing_type_id="no-such-type")
    assert d.open_slots(sched, first, last, now) == []


@settings(max_examples=examples(100))
@given(worker_schedules(), st.integers(0, 45), st.integers(0, 45))
def test_reading_only_the_dates_in_reach_finds_every_open_slot(case, before, after):
    sched, first, last, now = case
    first, last = first - timedelta(days=before), last + timedelta(days=after)
    reach = d.dates_in_reach(first, last, sched.settings, now)
    in_reach = d.open_slots(sched, *reach, now) if reach else []
    assert in_reach == d.open_slots(sched, first, last, now)
    if reach:
        assert first <= reach[0] <= reach[1] <= last


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Pacific/Niue", "America/New_York", "UTC"])
@pytest.mark.parametrize("now", [epoch("2026-12-07T05:00:00Z"), epoch("2026-12-07T12:00:00Z")])
def test_the_first_and_last_dates_in_reach_keep_their_slots_in_the_zones_furthest_from_utc(tz, now):
    """UTC+14 and UTC-11: a slot's local date is a day after or before its UTC date at one end of the window."""
    sched = schedule([block(day, "00:00", "24:00") for day in d.DAYS], tz=tz, notice=24, horizon=3)
    first, last = date(2026, 12, 1), date(2026, 12, 20)
    slots = d.open_slots(sched, first, last, now)
    reach = d.dates_in_reach(first, last, sched.settings, now)
    assert (slots[0].start, slots[-1].start) == (now + 24 * 3600, now + 3 * d.DAY_SECONDS - 3600)
    assert reach[0] <= slots[0].local_date and slots[-1].local_date <= reach[1]
    assert d.open_slots(sched, *reach, now) == slots
    assert d.dates_in_reach(date(2026, 12, 12), date(2026, 12, 31), sched.settings, now) is None
    assert d.dates_in_reach(first, date(2026, 12, 5), sched.settings, now) is None


def test_days_cover_a_month_or_a_range_of_at_most_92_dates():
    assert d.day_dates("2026-02", None, None) == (date(2026, 2, 1), date(2026, 2, 28))
    assert d.day_dates(None, date(2026, 12, 1), date(2026, 12, 1)) == (date(2026, 12, 1), date(2026, 12, 1))
    assert d.day_dates(None, date(2026, 12, 1), date(2027, 3, 2)) == (date(2026, 12, 1), date(2027, 3, 2))  # 92
    for month, first, last, field in [
        (None, date(2026, 12, 1), date(2027, 3, 3), "to"),  # 93 dates
        (None, date(2026, 12, 2), date(2026, 12, 1), "to"),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31), "month"),
        ("2026-12", None, date(2026, 12, 31), "month"),
        (None, None, None, "month"),
        (None, date(2026, 12, 1), None, "to"),
        (None, None, date(2026, 12, 1), "from"),
    ]:
        with pytest.raises(BadRequest) as refused:
            d.day_dates(month, first, last)
        assert refused.value.field == field, (month, first, last)


# -- the rules one at a time ----------------------------------------------------------------------------


def test_slots_are_aligned_to_the_block_start_and_fit_inside():
    sched = schedule([block("monday", "09:10", "11:50")], slot=45)
    slots = d.open_slots(sched, date(2026, 12, 7), date(2026, 12, 7), NOW)
    assert [s[11:16] for s in local_starts(slots)] == ["09:10", "09:55", "10:40"]


def test_notice_and_horizon():
    sched = schedule([block("monday", "09:00", "12:00")], notice=24, horizon=7)
    now = epoch("2026-12-06T15:00:00Z")  # Sunday 10:00 in New York
    starts = local_starts(d.open_slots(sched, date(2026, 12, 7), date(2026, 12, 7), now))
    assert [s[11:16] for s in starts] == ["10:00", "11:00"]  # 09:00 is inside the 24 hours' notice; 10:00 is not
    assert d.why_unavailable(sched, epoch("2026-12-07T14:00:00Z"), now) == d.TOO_SOON
    assert d.why_unavailable(sched, epoch("2026-12-14T16:00:00Z"), now) == d.TOO_FAR
    assert d.why_unavailable(sched, epoch("2026-12-07T16:30:00Z"), now) == d.OUTSIDE_AVAILABILITY


def test_time_off_holds_and_bookings_remove_slots_and_expired_holds_do_not():
    now = epoch("2026-12-01T00:00:00Z")
    sched = schedule(
        [block("monday", "09:00", "13:00")],
        time_off=[d.TimeOff("o1", epoch("2026-12-07T14:30:00Z"), epoch("2026-12-07T15:10:00Z"))],
        reservations=[
            d.Reservation("r1", d.BOOKING, epoch("2026-12-07T16:00:00Z"), epoch("2026-12-07T17:00:00Z")),
            d.Reservation("r2", d.HOLD, epoch("2026-12-07T17:00:00Z"), epoch("2026-12-07T18:00:00Z"),
                          expires_at=now - 1),
        ],
    )
    starts = [s[11:16] for s in local_starts(d.open_slots(sched, date(2026, 12, 7), date(2026, 12, 7), now))]
    assert starts == ["12:00"]  # 09 and 10 touch time off, 11 is booked, the expired hold on 12 is free
    assert d.why_unavailable(sched, epoch("2026-12-07T16:00:00Z"), now) == d.SLOT_TAKEN
    assert d.why_unavailable(sched, epoch("2026-12-07T14:00:00Z"), now) == d.OUTSIDE_AVAILABILITY


def test_the_calendar_in_effect_is_the_latest_started():
    calendars = [d.Calendar("a", "Old", date(2026, 1, 1)), d.Calendar("b", "New", date(2026, 12, 10))]
    assert d.calendar_in_effect(calendars, date(2025, 12, 31)) is None
    assert d.calendar_in_effect(calendars, date(2026, 12, 9)).calendar_id == "a"
    assert d.calendar_in_effect(calendars, date(2026, 12, 10)).calendar_id == "b"
    sched = schedule([block("wednesday", "09:00", "10:00", calendar_id="a"),
                      block("thursday", "09:00", "10:00", calendar_id="b")], calendars=calendars)
    days = d.count_by_day(d.open_slots(sched, date(2026, 12, 1), date(2026, 12, 31), NOW), date(2026, 12, 1),
                          date(2026, 12, 31))
    open_days = [x["date"] for x in days if x["open_slots"]]
    assert open_days == ["2026-12-02", "2026-12-09", "2026-12-10", "2026-12-17", "2026-12-24", "2026-12-31"]


def test_copying_a_calendar_copies_every_block_with_new_ids():
    blocks = [block("monday", "09:00", "10:00"), block("friday", "13:00", "17:00", type_id=OTHER)]
    ids = iter(["x", "y"])
    copies = d.copy_blocks(blocks, "c2", lambda: next(ids))
    assert [(b.block_id, b.calendar_id, b.day, b.start, b.end, b.type_id) for b in copies] == [
        ("x", "c2", 0, 540, 600, FACING), ("y", "c2", 4, 780, 1020, OTHER),
    ]


def test_granules_cover_the_interval_in_five_minute_steps():
    start = epoch("2026-12-07T14:00:00Z")
    assert d.granules(start, start + 3600) == [start // 60 + 5 * i for i in range(12)]
    assert len(d.granules(start + 150, start + 450)) == 2  # 14:02:30-14:07:30 touches 14:00 and 14:05


def test_month_and_zone_validation():
    assert d.month_days("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert d.month_days("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    for bad in ("2026-13", "2026-1", "12-2026", ""):
        with pytest.raises(BadRequest):
            d.month_days(bad)
    for bad in ("Mars/Olympus", "../etc/passwd", ""):
        with pytest.raises(BadRequest):
            d.check_timezone(bad)
    assert d.check_timezone("Asia/Kolkata") == "Asia/Kolkata"


def test_utc_formatting():
    assert times.iso(epoch("2026-12-07T14:00:00Z")) == "2026-12-07T14:00:00Z"
    assert datetime.fromtimestamp(0, UTC).year == 1970
