"""Holds and bookings as values: which are active, what a time overlaps, when a move fits one transaction, when a
late message is stale, and the links a service makes; no AWS."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.availability import domain as d
from chalicelib.availability.domain import BOOKING, HOLD, Reservation
from portalkit.times import instant as epoch

NOW = epoch("2026-11-23T12:00:00Z")
TEN = epoch("2026-11-30T15:00:00Z")  # 10:00 in New York
HOUR = 3600


def hold(start=TEN, end=TEN + HOUR, expires_at=NOW + HOUR, rid="r1", **fields) -> Reservation:
    return Reservation(rid, HOLD, start, end, expires_at, request_id="req-1", **fields)


def booking(start=TEN, end=TEN + HOUR, rid="b1", **fields) -> Reservation:
    return Reservation(rid, BOOKING, start, end, event_id="e1", **fields)


# -- active, stale ----------------------------------------------------------------------------------


def test_a_booking_is_always_active_and_a_hold_until_it_expires():
    assert booking().is_active(NOW + 100 * 24 * HOUR)
    assert hold(expires_at=NOW + 1).is_active(NOW)
    assert not hold(expires_at=NOW).is_active(NOW)
    assert not Reservation("r", HOLD, TEN, TEN + HOUR).is_active(NOW)  # a hold without an expiry holds nothing


def test_a_message_no_newer_than_the_one_applied_is_stale():
    moved = booking(source_version=3)
    assert moved.is_stale(3) and moved.is_stale(2)
    assert not moved.is_stale(4)
    assert not booking().is_stale(1)  # nothing applied yet: every message counts


@pytest.mark.parametrize("reservation, expired", [
    pytest.param(hold(expires_at=NOW), True, id="a-hold-expiring-now"),
    pytest.param(hold(expires_at=NOW - HOUR), True, id="a-hold-that-expired-an-hour-ago"),
    pytest.param(hold(expires_at=NOW + 1), False, id="a-hold-with-a-second-left"),
    pytest.param(Reservation("r", HOLD, TEN, TEN + HOUR), False, id="a-hold-without-an-expiry"),
    pytest.param(booking(), False, id="a-booking"),
])
def test_the_sweep_releases_a_hold_whose_time_ran_out_and_never_a_booking(reservation, expired):
    assert reservation.has_expired(NOW) is expired


# -- which late or repeated messages change nothing ---------------------------------------------------


@pytest.mark.parametrize("reservation, start, version, ignored", [
    pytest.param(hold(source_version=2), TEN + HOUR, 3, False, id="a-newer-proposal-of-another-time"),
    pytest.param(hold(), TEN + HOUR, 1, False, id="the-first-proposal-for-a-clients-hold"),
    pytest.param(hold(source_version=2), TEN, 3, True, id="a-proposal-of-the-time-already-held"),
    pytest.param(hold(source_version=3), TEN + HOUR, 3, True, id="the-same-proposal-again"),
    pytest.param(hold(source_version=3), TEN + HOUR, 2, True, id="an-older-proposal-arriving-late"),
    pytest.param(booking(request_id="req-1"), TEN + HOUR, 9, True, id="a-proposal-after-the-time-was-booked"),
])
def test_a_proposal_changes_nothing_once_booked_at_the_time_held_or_older_than_the_one_applied(
        reservation, start, version, ignored):
    assert reservation.ignores_proposal(start, version) is ignored


@pytest.mark.parametrize("reservation, start, end, version, ignored", [
    pytest.param(booking(source_version=2), TEN + HOUR, TEN + 2 * HOUR, 3, False, id="a-newer-reschedule"),
    pytest.param(booking(), TEN, TEN + 2 * HOUR, 1, False, id="the-same-start-a-later-end"),
    pytest.param(booking(), TEN - HOUR, TEN + HOUR, 1, False, id="an-earlier-start-the-same-end"),
    pytest.param(booking(source_version=2), TEN, TEN + HOUR, 3, True, id="to-where-it-is-already"),
    pytest.param(booking(source_version=3), TEN + HOUR, TEN + 2 * HOUR, 3, True, id="the-same-reschedule-again"),
    pytest.param(booking(source_version=3), TEN + HOUR, TEN + 2 * HOUR, 2, True, id="an-older-reschedule-late"),
])
def test_a_reschedule_changes_nothing_when_the_event_is_there_already_or_it_is_older_than_the_one_applied(
        reservation, start, end, version, ignored):
    assert reservation.ignores_reschedule(start, end, version) is ignored


# -- a reservation's life ---------------------------------------------------------------------------


def test_a_confirmed_hold_becomes_the_events_booking_with_nothing_of_the_hold_left():
    held = hold(client_id="c1", service_id="s1", source_version=2)
    booked = held.booked("e7")
    assert (booked.kind, booked.event_id, booked.expires_at, booked.source_version, booked.version) == (
        BOOKING, "e7", None, None, 2)
    assert (booked.reservation_id, booked.start, booked.end, booked.request_id, booked.client_id) == (
        "r1", TEN, TEN + HOUR, "req-1", "c1")
    assert held.kind == HOLD  # a value: the hold itself is unchanged


def test_a_moved_reservation_keeps_its_id_and_whose_it_is_one_version_on():
    held = hold(client_id="c1", service_id="s1", source_version=1)
    moved = held.moved(TEN + 2 * HOUR, TEN + 3 * HOUR, expires_at=NOW + 2 * HOUR, source_version=2)
    assert (moved.reservation_id, moved.kind, moved.request_id, moved.client_id, moved.service_id) == (
        "r1", HOLD, "req-1", "c1", "s1")
    assert (moved.start, moved.end, moved.expires_at, moved.version, moved.source_version) == (
        TEN + 2 * HOUR, TEN + 3 * HOUR, NOW + 2 * HOUR, 2, 2)


# -- what a time overlaps ---------------------------------------------------------------------------


def test_an_active_reservation_sharing_a_granule_takes_the_time():
    assert d.taken([booking()], TEN + 30 * 60, TEN + 90 * 60, NOW)
    assert d.taken([hold()], TEN, TEN + HOUR, NOW)


def test_back_to_back_times_and_expired_holds_do_not_take_it():
    assert not d.taken([booking()], TEN + HOUR, TEN + 2 * HOUR, NOW)
    assert not d.taken([hold(expires_at=NOW)], TEN, TEN + HOUR, NOW)


def test_a_time_that_starts_inside_the_last_granule_of_another_is_taken_by_it():
    """Locks are whole 5-minute granules: an end at 10:02 holds 10:00-10:05."""
    assert d.taken([booking(end=TEN + 2 * 60)], TEN + 4 * 60, TEN + HOUR, NOW)


def test_the_reservation_being_moved_does_not_take_its_own_new_time():
    old = booking()
    assert not d.taken([old], TEN + 30 * 60, TEN + 90 * 60, NOW, without=old)
    assert d.taken([old, booking(rid="b2")], TEN + 30 * 60, TEN + 90 * 60, NOW, without=old)


@given(st.integers(0, 24 * 12), st.integers(1, 8 * 12), st.integers(0, 24 * 12), st.integers(1, 8 * 12))
def test_two_times_take_each_other_exactly_when_their_granules_meet(a, a_len, b, b_len):
    step = d.GRANULE_MINUTES * 60
    first = booking(start=TEN + a * step, end=TEN + (a + a_len) * step)
    start, end = TEN + b * step, TEN + (b + b_len) * step
    assert d.taken([first], start, end, NOW) == (first.start < end and start < first.end)


# -- what fits one transaction ----------------------------------------------------------------------


def test_a_move_frees_the_old_locks_inside_its_transaction_only_when_they_are_surely_its_own_and_all_fit():
    old = booking()  # 12 granules
    assert d.move_frees_old_locks_inside(old, TEN + 2 * HOUR, TEN + 3 * HOUR, NOW, refs=2)  # 12 + 12 + 2 + 2 + 3
    assert not d.move_frees_old_locks_inside(hold(expires_at=NOW), TEN + 2 * HOUR, TEN + 3 * HOUR, NOW, refs=1)
    long = booking(end=TEN + 4 * HOUR)  # 48 granules out, 48 in: more than 100 items
    assert not d.move_frees_old_locks_inside(long, TEN + 5 * HOUR, TEN + 9 * HOUR, NOW, refs=1)
    assert d.move_frees_old_locks_inside(long, TEN + HOUR, TEN + 5 * HOUR, NOW, refs=1)  # 36 shared: 48 + 12 + 6


def test_a_moves_new_locks_fit_a_transaction_beside_its_reservation_out_and_in_refs_messages_and_marker():
    granule = d.GRANULE_MINUTES * 60
    assert d.move_fits_a_transaction(TEN, TEN + 93 * granule, refs=2)  # 93 + 2 + 2 + 3 = 100
    assert not d.move_fits_a_transaction(TEN, TEN + 94 * granule, refs=2)


def test_a_staff_time_is_refused_when_it_is_no_real_time_ends_before_it_starts_or_is_too_long():
    assert d.cannot_book(TEN, TEN + HOUR, NOW, refs=1) is None
    assert d.cannot_book(None, TEN + HOUR, NOW, refs=1) == d.OUTSIDE_AVAILABILITY
    assert d.cannot_book(TEN, TEN, NOW, refs=1) == d.OUTSIDE_AVAILABILITY
    assert d.cannot_book(TEN, TEN + d.MAX_SECONDS + 1, NOW, refs=1) == d.OUTSIDE_AVAILABILITY
    assert d.cannot_book(NOW + d.REACH_SECONDS, NOW + d.REACH_SECONDS + HOUR, NOW, refs=1) == d.TOO_FAR
    assert d.cannot_book(NOW - d.REACH_SECONDS - HOUR, NOW - d.REACH_SECONDS, NOW, refs=1) == d.TOO_SOON


def test_the_longest_staff_time_fits_one_transaction_with_one_ref_but_not_with_two_or_when_moving():
    assert d.cannot_book(TEN, TEN + d.MAX_SECONDS, NOW, refs=1) is None  # 96 locks + reservation + 1 + 2 = 100
    assert d.cannot_book(TEN, TEN + d.MAX_SECONDS, NOW, refs=2) == d.OUTSIDE_AVAILABILITY
    assert d.cannot_book(TEN, TEN + d.MAX_SECONDS, NOW, refs=1, moving=True) == d.OUTSIDE_AVAILABILITY


# -- the links services make ------------------------------------------------------------------------


def test_an_open_service_links_each_provider_to_each_participant_and_a_closed_one_none():
    assert d.service_links("open", {"w1", "w2"}, {"c1"}) == {("w1", "c1"), ("w2", "c1")}
    assert d.service_links("closed", {"w1"}, {"c1"}) == set()
    assert d.service_links("open", None, {"c1"}) == set()


def test_link_changes_add_the_new_remove_the_gone_and_write_again_what_a_part_applied_version_aimed_at():
    old = {("w1", "c1"), ("w1", "c2")}
    assert d.link_changes(old, old, {("w1", "c2"), ("w1", "c3")}) == [("w1", "c3", True), ("w1", "c1", False)]
    aimed = {("w1", "c9")}  # a version applied in part may have set this link, or not
    assert d.link_changes(old, aimed, old) == [("w1", "c1", True), ("w1", "c2", True), ("w1", "c9", False)]
