"""A calendar's weekly blocks: the day and wall-clock times a block takes, that it starts before it ends and overlaps
no other block of its day, what type and site it may take, and how many a calendar holds. No AWS."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.availability import domain as d
from chalicelib.availability import schemas as s
from portalkit.errors import BadRequest
from portalkit.schema import decode_body
from tests.domain.refusals import body_refusal
from tests.support import examples

TYPES = {"t1": d.AvailabilityType("t1", "Client sessions", "#1E90FF"),
         "t2": d.AvailabilityType("t2", "Paperwork", "#888888"),
         "t-old": d.AvailabilityType("t-old", "Old", "#000000", retired=True)}
SITES = {"s1": d.Site("s1", "Main office", "UTC"), "s2": d.Site("s2", "Annex", "UTC"),
         "s-closed": d.Site("s-closed", "Closed office", "UTC", retired=True)}
MONDAY_MORNING = d.Block("b-monday", "c1", 0, 9 * 60, 12 * 60, "t1", "s1")  # Monday 09:00-12:00


def block(start: str, end: str, day: int = 0, block_id: str = "b-new", type_id: str = "t1",
          site_id: str = "s1") -> d.Block:
    return d.Block(block_id, "c1", day, d.parse_clock(start, "from"), d.parse_clock(end, "to"), type_id, site_id)


def weekly(**change) -> dict:
    return {"day": "tuesday", "from": "09:00", "to": "10:00", "type_id": "t1", "site_id": "s1", **change}


def refusal(body: dict) -> tuple[str | None, str, str]:
    error = body_refusal(s.WeeklyBlock, body)
    return error.field, error.code, error.message


# -- the day ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("given, day", [
    pytest.param("monday", 0, id="the-first-day-of-the-week"),
    pytest.param("sunday", 6, id="the-last-day-of-the-week"),
    pytest.param("Friday", 4, id="any-case"),
    pytest.param("WEDNESDAY", 2, id="the-longest-name-in-capitals"),
])
def test_a_blocks_day_is_a_weekday_named_in_any_case(given, day):
    assert d.parse_day(given) == day


@pytest.mark.parametrize("given", [
    pytest.param("funday", id="no-such-day"),
    pytest.param("mon", id="an-abbreviation"),
    pytest.param(" monday", id="a-space-before"),
    pytest.param(1, id="a-number"),
])
def test_a_blocks_day_that_is_no_weekday_is_refused_naming_day(given):
    with pytest.raises(BadRequest) as refused:
        d.parse_day(given)
    assert (refused.value.field, refused.value.code) == ("day", "invalid_field")
    assert refused.value.message == "day must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday."


@pytest.mark.parametrize("day, said", [
    pytest.param(1, ("day", "invalid_field", "day must be a string."), id="a-number"),
    pytest.param("", ("day", "invalid_field", "day must not be empty."), id="empty"),
    pytest.param("wednesdays", ("day", "invalid_field", "day must be at most 9 characters."), id="longer-than-any-day"),
])
def test_the_body_refuses_a_day_that_cannot_name_a_weekday(day, said):
    assert refusal(weekly(day=day)) == said


# -- from and to --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("given, minutes", [
    pytest.param("00:00", 0, id="midnight-starting-a-day"),
    pytest.param("09:30", 570, id="half-past-nine"),
    pytest.param("23:55", 1435, id="the-last-granule-of-a-day"),
    pytest.param("24:00", 1440, id="midnight-ending-a-day"),
])
def test_a_wall_clock_time_counts_minutes_since_midnight(given, minutes):
    assert d.parse_clock(given, "to") == minutes
    assert d.format_clock(minutes) == given


NOT_A_TIME = "must be a time like 09:00 (00:00 to 24:00, minutes only)."


@pytest.mark.parametrize("given, field, message", [
    pytest.param("09:03", "from", "from must be on a 5-minute boundary.", id="between-granules"),
    pytest.param("09:58", "to", "to must be on a 5-minute boundary.", id="just-before-a-granule"),
    pytest.param("24:05", "to", f"to {NOT_A_TIME}", id="past-the-end-of-a-day"),
    pytest.param("25:00", "from", f"from {NOT_A_TIME}", id="no-such-hour"),
    pytest.param("9:00", "from", f"from {NOT_A_TIME}", id="one-digit-hour"),
    pytest.param("09:00:00", "from", f"from {NOT_A_TIME}", id="with-seconds"),
    pytest.param("09:00\n", "from", f"from {NOT_A_TIME}", id="a-trailing-newline"),
    pytest.param("nine", "from", f"from {NOT_A_TIME}", id="words"),
    pytest.param(900, "from", f"from {NOT_A_TIME}", id="a-number"),
])
def test_a_time_not_on_the_five_minute_clock_is_refused_naming_its_field(given, field, message):
    with pytest.raises(BadRequest) as refused:
        d.parse_clock(given, field)
    assert (refused.value.field, refused.value.code, refused.value.message) == (field, "invalid_field", message)


@pytest.mark.parametrize("change, field", [
    pytest.param({"from": "9:00"}, "from", id="from-with-a-one-digit-hour"),
    pytest.param({"from": "09:00:00"}, "from", id="from-with-seconds"),
    pytest.param({"to": "10:00:30"}, "to", id="to-with-seconds"),
    pytest.param({"to": "24:05"}, "to", id="to-past-the-end-of-a-day"),
])
def test_the_body_refuses_a_time_not_like_09_00(change, field):
    assert refusal(weekly(**change)) == (field, "invalid_field", f"{field} {NOT_A_TIME}")


@pytest.mark.parametrize("change, said", [
    pytest.param({"type_id": None}, ("type_id", "invalid_field", "type_id must be a string."), id="no-type"),
    pytest.param({"site_id": "x" * 65}, ("site_id", "invalid_field", "site_id must be at most 64 characters."),
                 id="a-site-id-over-64"),
    pytest.param({"kind": "x"}, ("kind", "unknown_field", "kind is not a known field."), id="a-field-blocks-lack"),
])
def test_the_body_refuses_a_block_without_its_type_and_site_or_with_a_field_it_lacks(change, said):
    assert refusal(weekly(**change)) == said


def test_a_block_may_end_at_24_00_in_the_body():
    assert decode_body(json.dumps(weekly(**{"from": "20:00", "to": "24:00"})), s.WeeklyBlock).to == "24:00"


# -- a block on its day -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("start, end", [
    pytest.param("10:00", "09:00", id="ends-before-it-starts"),
    pytest.param("10:00", "10:00", id="ends-as-it-starts"),
    pytest.param("24:00", "24:00", id="starts-at-the-end-of-the-day"),
])
def test_a_block_starts_before_it_ends(start, end):
    with pytest.raises(BadRequest) as refused:
        d.check_block(block(start, end, day=1), [MONDAY_MORNING])
    assert (refused.value.field, refused.value.code, refused.value.message) == (
        "to", "invalid_field", "from must be before to.")


@pytest.mark.parametrize("start, end", [
    pytest.param("11:00", "13:30", id="starts-inside-it"),
    pytest.param("08:00", "09:05", id="ends-five-minutes-into-it"),
    pytest.param("08:00", "13:00", id="encloses-it"),
    pytest.param("10:00", "11:00", id="inside-it"),
    pytest.param("09:00", "12:00", id="the-same-times"),
    pytest.param("11:55", "12:00", id="its-last-granule"),
])
def test_a_block_overlapping_another_of_its_day_is_refused_naming_from_and_the_other(start, end):
    with pytest.raises(d.BlockOverlap) as refused:
        d.check_block(block(start, end), [MONDAY_MORNING])
    assert (refused.value.status, refused.value.code, refused.value.field) == (400, "block_overlap", "from")
    assert refused.value.message == "The block overlaps another on monday (09:00-12:00)."


@pytest.mark.parametrize("candidate", [
    pytest.param(block("12:00", "13:00"), id="starts-as-the-other-ends"),
    pytest.param(block("08:00", "09:00"), id="ends-as-the-other-starts"),
    pytest.param(block("09:00", "12:00", day=1), id="the-same-times-on-another-day"),
    pytest.param(block("10:00", "13:00", block_id="b-monday"), id="its-own-old-times-when-replaced"),
    pytest.param(block("00:00", "24:00", day=6), id="a-whole-day"),
])
def test_a_block_may_touch_its_neighbours_and_its_own_old_self(candidate):
    assert d.check_block(candidate, [MONDAY_MORNING]) == candidate


def test_a_replaced_block_may_overlap_its_old_self_but_not_another_block():
    afternoon = d.Block("b-afternoon", "c1", 0, 13 * 60, 17 * 60, "t2", "s1")
    with pytest.raises(d.BlockOverlap) as refused:
        d.check_block(block("10:00", "13:05", block_id="b-monday"), [MONDAY_MORNING, afternoon])
    assert refused.value.message == "The block overlaps another on monday (13:00-17:00)."


@settings(max_examples=examples(200))
@given(st.integers(0, 287), st.integers(1, 288), st.integers(0, 287), st.integers(1, 288), st.integers(0, 6))
def test_two_blocks_of_a_day_are_refused_exactly_when_they_share_a_minute(a, a_len, b, b_len, b_day):
    first = d.Block("b1", "c1", 0, a * 5, min(1440, (a + a_len) * 5), "t1", "s1")
    second = d.Block("b2", "c1", b_day, b * 5, min(1440, (b + b_len) * 5), "t1", "s1")
    shared = b_day == 0 and set(range(first.start, first.end)) & set(range(second.start, second.end))
    try:
        d.check_block(second, [first])
    except d.BlockOverlap:
        assert shared
    else:
        assert not shared


# -- the type and site a block takes ------------------------------------------------------------------------------


@pytest.mark.parametrize("before, after, takes", [
    pytest.param(None, block("09:00", "10:00", type_id="t2", site_id="s2"), ("t2", "s2"), id="a-new-block-takes-both"),
    pytest.param(block("09:00", "10:00"), block("10:00", "11:00"), (None, None), id="new-times-take-nothing-new"),
    pytest.param(block("09:00", "10:00"), block("09:00", "10:00", type_id="t2"), ("t2", None), id="another-type"),
    pytest.param(block("09:00", "10:00"), block("09:00", "10:00", site_id="s2"), (None, "s2"), id="another-site"),
    pytest.param(block("09:00", "10:00", type_id="t-old", site_id="s-closed"),
                 block("10:00", "11:00", type_id="t-old", site_id="s-closed"), (None, None),
                 id="a-retired-type-and-site-it-has-are-kept"),
    pytest.param(block("09:00", "10:00", type_id="t-old", site_id="s-closed"),
                 block("09:00", "10:00", type_id="t-old", site_id="s1"), (None, "s1"),
                 id="leaving-a-retired-site-keeps-a-retired-type"),
])
def test_a_block_newly_takes_only_a_type_or_site_it_did_not_have(before, after, takes):
    assert d.check_block_takes(after, before, TYPES, SITES) == takes


@pytest.mark.parametrize("before, after, error, said", [
    pytest.param(None, block("09:00", "10:00", type_id="t9"), BadRequest,
                 ("type_id", "invalid_field", "No availability type t9."), id="a-type-the-agency-lacks"),
    pytest.param(None, block("09:00", "10:00", site_id="s9"), BadRequest,
                 ("site_id", "invalid_field", "No site s9."), id="a-site-the-agency-lacks"),
    pytest.param(None, block("09:00", "10:00", type_id="t-old"), d.Retired,
                 ("type_id", "retired", "The type Old is retired."), id="a-new-block-of-a-retired-type"),
    pytest.param(block("09:00", "10:00"), block("09:00", "10:00", type_id="t-old"), d.Retired,
                 ("type_id", "retired", "The type Old is retired."), id="a-block-moved-to-a-retired-type"),
    pytest.param(block("09:00", "10:00"), block("09:00", "10:00", site_id="s-closed"), d.Retired,
                 ("site_id", "retired", "The site Closed office is retired."), id="a-block-moved-to-a-retired-site"),
    pytest.param(None, block("09:00", "10:00", type_id="t9", site_id="s9"), BadRequest,
                 ("type_id", "invalid_field", "No availability type t9."), id="both-unknown-names-the-type-first"),
])
def test_a_block_cannot_take_a_type_or_site_the_agency_lacks_or_has_retired(before, after, error, said):
    with pytest.raises(error) as refused:
        d.check_block_takes(after, before, TYPES, SITES)
    assert (refused.value.field, refused.value.code, refused.value.message) == said


# -- how many blocks a calendar has -------------------------------------------------------------------------------


@pytest.mark.parametrize("blocks", [pytest.param(0, id="an-empty-calendar"), pytest.param(89, id="one-below-the-most")])
def test_a_calendar_takes_a_block_below_its_most(blocks):
    assert d.check_room_for_block(blocks, 90) is None


def test_a_calendar_with_its_most_blocks_takes_no_more():
    with pytest.raises(d.TooManyBlocks) as refused:
        d.check_room_for_block(90, 90)
    assert (refused.value.status, refused.value.code, refused.value.message) == (
        409, "too_many_blocks", "A calendar has at most 90 blocks.")
