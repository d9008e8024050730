"""Events (appointments): their times, who changes them, cancellation windows and fees, attendance (pure)."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from chalicelib.requests import domain as d
from chalicelib.requests import schemas as s
from portalkit import times
from portalkit.identity import Identity

NOW = times.instant("2026-11-23T12:00:00Z")  # a Monday
HOUR, DAY = 3600, 86400
WED_10, WED_11 = "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"
START = times.instant(WED_10)
CLIENT, INVITED, OUTSIDER = Identity("a", "c1", "client"), Identity("a", "c2", "client"), Identity("a", "c9", "client")
WORKER, OTHER_WORKER, ADMIN = Identity("a", "w1", "worker"), Identity("a", "w2", "worker"), Identity("a", "a1", "admin")
WINDOW = d.Settings(cancellation_window_hours=24)


def event(**changes) -> d.Event:
    base = d.Event(event_id="e1", service_id="s1", worker_id="w1", client_ids=("c1",), start=WED_10, end=WED_11,
                   created_at="2026-11-23T12:00:00Z", created_by="w1")
    return replace(base, **changes)


# -- an event's times ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("start, end, past_days, field", [
    pytest.param(NOW, NOW + HOUR, 0, "start", id="starting-now"),
    pytest.param(NOW - 7 * DAY - 1, NOW - 7 * DAY + HOUR, 7, "start", id="recorded-a-second-before-a-week-ago"),
    pytest.param(NOW + d.MAX_AHEAD_DAYS * DAY + 1, NOW + d.MAX_AHEAD_DAYS * DAY + HOUR, 0, "start",
                 id="a-second-past-two-years"),
    pytest.param(START, START, 0, "end", id="ending-as-it-starts"),
    pytest.param(START, START - 60, 0, "end", id="ending-before-it-starts"),
    pytest.param(START, START + 8 * HOUR + 1, 0, "end", id="a-second-past-8-hours"),
])
def test_an_events_times_are_refused_naming_the_end_at_fault(start, end, past_days, field):
    with pytest.raises(d.TimeOutOfRange) as error:
        d.check_times(start, end, NOW, past_days=past_days)
    assert (error.value.status, error.value.field) == (400, field)


@pytest.mark.parametrize("start, end, past_days", [
    pytest.param(NOW + 1, NOW + 1 + HOUR, 0, id="a-second-from-now"),
    pytest.param(NOW - 7 * DAY, NOW - 7 * DAY + HOUR, 7, id="recorded-exactly-a-week-ago"),
    pytest.param(NOW - HOUR, NOW, 7, id="recorded-this-morning"),
    pytest.param(NOW + d.MAX_AHEAD_DAYS * DAY, NOW + d.MAX_AHEAD_DAYS * DAY + HOUR, 0, id="exactly-two-years-ahead"),
    pytest.param(START, START + 60, 0, id="a-minute-long"),
    pytest.param(START, START + 8 * HOUR, 0, id="exactly-8-hours"),
])
def test_an_events_times_inside_every_bound_are_accepted(start, end, past_days):
    assert d.check_times(start, end, NOW, past_days=past_days) is None


@pytest.mark.parametrize("start, end, past_days, said", [
    pytest.param(NOW - 1, NOW + HOUR, 0, "start must be in the future.", id="past"),
    pytest.param(NOW - 8 * DAY, NOW - 8 * DAY + HOUR, d.RECORD_PAST_DAYS, "start must be at most 7 days ago.",
                 id="recorded-too-long-ago"),
    pytest.param(START, START + 9 * HOUR, 0, "An event lasts at most 8 hours.", id="too-long"),
])
def test_the_refusals_say_the_bound(start, end, past_days, said):
    with pytest.raises(d.TimeOutOfRange) as error:
        d.check_times(start, end, NOW, past_days=past_days)
    assert error.value.message == said


@pytest.mark.parametrize("zone, instant, shown", [
    pytest.param("America/New_York", "2026-03-08T06:59:59Z", "2026-03-08T01:59:59-05:00",
                 id="new-york-a-second-before-spring-forward"),
    pytest.param("America/New_York", "2026-03-08T07:00:00Z", "2026-03-08T03:00:00-04:00",
                 id="new-york-spring-forward-skips-2am"),
    pytest.param("America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T01:30:00-04:00",
                 id="new-york-fall-back-first-1-30"),
    pytest.param("America/New_York", "2026-11-01T06:30:00Z", "2026-11-01T01:30:00-05:00",
                 id="new-york-fall-back-second-1-30"),
    pytest.param("Europe/London", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00+01:00", id="london-spring-forward"),
    pytest.param("Europe/London", "2026-10-25T01:00:00Z", "2026-10-25T01:00:00+00:00", id="london-fall-back"),
    pytest.param("Asia/Kolkata", "2026-11-25T15:00:00Z", "2026-11-25T20:30:00+05:30", id="half-hour-offset"),
])
def test_an_instant_is_shown_on_the_agencys_clock_with_the_offset_of_that_moment(zone, instant, shown):
    assert d.local_time(times.instant(instant), zone) == shown


# -- who changes an event ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who, allowed", [
    pytest.param(WORKER, True, id="its-worker"),
    pytest.param(ADMIN, True, id="an-admin"),
    pytest.param(OTHER_WORKER, False, id="another-worker"),
    pytest.param(CLIENT, False, id="its-client"),
])
def test_the_events_worker_or_an_admin_changes_it(who, allowed):
    if allowed:
        assert d.may_change_event(who, event()) is None
        return
    with pytest.raises(d.NotYourEvent) as error:
        d.may_change_event(who, event())
    assert error.value.status == 403


def test_a_worker_reads_their_own_calendar_or_names_another_and_an_admin_must_name_one():
    assert d.calendar_worker(WORKER, "w2") == "w2"  # staff read one another's calendars
    assert d.calendar_worker(WORKER, None) == "w1"
    with pytest.raises(d.MissingField) as error:
        d.calendar_worker(ADMIN, None)
    assert (error.value.code, error.value.field) == ("missing_field", "worker_id")


@pytest.mark.parametrize("who, found", [
    pytest.param(CLIENT, True, id="its-client"),
    pytest.param(WORKER, True, id="its-worker"),
    pytest.param(INVITED, False, id="a-client-not-in-it"),
    pytest.param(OTHER_WORKER, False, id="another-worker"),
    pytest.param(ADMIN, False, id="an-admin"),
])
def test_an_events_calendar_file_is_for_its_clients_and_its_worker_only(who, found):
    if found:
        assert d.file_reach(who, event(), "e1") == event()
        return
    with pytest.raises(d.EventNotFound, match="No event e1"):
        d.file_reach(who, event(), "e1")


def test_a_missing_events_file_is_404():
    with pytest.raises(d.EventNotFound):
        d.file_reach(WORKER, None, "e1")


# -- video ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, valid", [
    pytest.param("https://meet.example.com/a", True, id="https"),
    pytest.param("https://meet.example.com", True, id="host-only"),
    pytest.param("https://meet.example.com/a?pwd=1#x", True, id="with-query-and-fragment"),
    pytest.param("https://m.example.com/" + "x" * (2000 - 22), True, id="2000-characters"),
    pytest.param("https://m.example.com/" + "x" * (2001 - 22), False, id="2001-characters"),
    pytest.param("http://meet.example.com/a", False, id="http"),
    pytest.param("https://meet/a", False, id="host-without-a-dot"),
    pytest.param("https://meet.example.com/a b", False, id="with-a-space"),
    pytest.param("javascript:alert(1)", False, id="script"),
])
def test_a_video_link_is_an_https_link_of_at_most_2000_characters(url, valid):
    if valid:
        assert d.check_video_link(url) == url
        return
    with pytest.raises(d.InvalidVideoLink) as error:
        d.check_video_link(url, "video_link")
    assert (error.value.field, error.value.message) == ("video_link", "video_link must be an https:// link.")


@pytest.mark.parametrize("enabled, field", [(True, None), (False, "video_session"), (False, "url")])
def test_staff_add_video_only_while_the_agency_offers_it_naming_the_field_they_sent(enabled, field):
    settings = d.Settings(video_sessions_enabled=enabled)
    if enabled:
        assert d.check_video_sessions(settings, "url") is None
        return
    with pytest.raises(d.VideoSessionsDisabled) as error:
        d.check_video_sessions(settings, field)
    assert (error.value.status, error.value.code, error.value.field) == (409, "video_sessions_disabled", field)


@pytest.mark.parametrize("by, advice", [("worker", "decline it with a reason"),
                                        ("client", "decline the proposed time or contact your provider")])
def test_a_video_request_is_confirmed_only_while_video_sessions_are_on_and_each_side_is_told_what_to_do(by, advice):
    assert d.check_video_confirmable(d.Settings(), by) is None
    with pytest.raises(d.VideoSessionsDisabled) as error:
        d.check_video_confirmable(d.Settings(video_sessions_enabled=False), by)
    assert error.value.field == "video_session" and error.value.message.endswith(advice + ".")


def test_a_link_is_added_once_and_changing_it_needs_another_link():
    linked = d.set_video_link(event(), "https://meet.example.com/a", NOW)
    assert (linked.video_link, linked.video_session, linked.version) == ("https://meet.example.com/a", True, 2)
    assert linked.view()["awaiting_video_link"] is False
    with pytest.raises(d.Unchanged) as error:
        d.set_video_link(linked, "https://meet.example.com/a", NOW)
    assert (error.value.status, error.value.code) == (409, "unchanged")
    assert d.set_video_link(linked, "https://meet.example.com/b", NOW).version == 3


@pytest.mark.parametrize("status", [d.ATTENDED, d.NO_SHOW, d.CANCELLED])
def test_nothing_changes_an_event_that_is_no_longer_scheduled(status):
    ended = event(status=status)
    for change in (lambda: d.set_video_link(ended, "https://meet.example.com/a", NOW),
                   lambda: d.reschedule(ended, START + DAY, START + DAY + HOUR, NOW),
                   lambda: d.mark_attendance(ended, d.ATTENDED, START + 60),
                   lambda: d.confirm_attendance(ended, "c1", NOW),
                   lambda: d.cancel(ended, WORKER, None, WINDOW, NOW),
                   lambda: d.cancel(ended, CLIENT, None, WINDOW, NOW)):
        with pytest.raises(d.EventNotScheduled, match=f"The event is {status}."):
            change()


# -- cancellation windows and fees --------------------------------------------------------------------------------


@pytest.mark.parametrize("window, now, late", [
    pytest.param(24, START - 24 * HOUR - 1, False, id="a-second-before-the-window"),
    pytest.param(24, START - 24 * HOUR, False, id="exactly-24-hours-before"),
    pytest.param(24, START - 24 * HOUR + 1, True, id="a-second-inside-the-window"),
    pytest.param(24, START + HOUR, True, id="after-it-started"),
    pytest.param(0, START - 1, False, id="no-window-a-second-before"),
    pytest.param(0, START + 1, True, id="no-window-once-started"),
    pytest.param(336, START - 14 * DAY + 1, True, id="a-two-week-window"),
])
def test_a_cancellation_is_late_only_inside_the_agencys_window(window, now, late):
    assert d.is_late(event(), d.Settings(cancellation_window_hours=window), now) is late


@pytest.mark.parametrize("who, when, charge, outcome", [
    pytest.param(CLIENT, START - 25 * HOUR, False, (False, False, "client"), id="requester-in-time"),
    pytest.param(CLIENT, START - HOUR, False, d.InsideCancellationWindow, id="requester-inside-the-window"),
    pytest.param(WORKER, START - 25 * HOUR, False, (False, False, "worker"), id="worker-in-time"),
    pytest.param(WORKER, START - HOUR, False, (True, False, "worker"), id="worker-late-owes-nothing"),
    pytest.param(WORKER, START - HOUR, True, (True, True, "worker"), id="worker-late-charging-the-fee"),
    pytest.param(ADMIN, START - HOUR, True, (True, True, "admin"), id="admin-late-charging-the-fee"),
    pytest.param(ADMIN, START - 25 * HOUR, True, d.NotLate, id="admin-charging-outside-the-window"),
    pytest.param(WORKER, START + HOUR, False, (True, False, "worker"), id="worker-after-it-started"),
])
def test_who_cancels_when_decides_late_and_the_late_fee(who, when, charge, outcome):
    requested = event(requested_by="c1", request_id="r1")
    if isinstance(outcome, type):
        with pytest.raises(outcome) as error:
            d.cancel(requested, who, "Ill", WINDOW, when, charge_late_fee=charge)
        assert (error.value.status, error.value.code) == (409, outcome.code)
        return
    cancelled = d.cancel(requested, who, "Ill", WINDOW, when, charge_late_fee=charge)
    assert (cancelled.late, cancelled.late_fee, cancelled.cancelled_by) == outcome
    assert (cancelled.status, cancelled.cancelled_by_id, cancelled.reason) == (d.CANCELLED, who.person_id, "Ill")


def test_the_fee_refusal_names_charge_late_fee_and_the_window():
    with pytest.raises(d.NotLate) as error:
        d.cancel(event(), WORKER, None, d.Settings(cancellation_window_hours=48), START - 49 * HOUR,
                 charge_late_fee=True)
    assert error.value.field == "charge_late_fee" and "48-hour" in error.value.message


def test_a_client_cannot_cancel_an_event_that_started_even_with_no_window():
    with pytest.raises(d.EventStarted) as error:
        d.cancel(event(), CLIENT, None, d.Settings(cancellation_window_hours=0), START)
    assert (error.value.status, error.value.code) == (409, "event_started")
    with pytest.raises(d.EventStarted):
        d.leave(event(client_ids=("c1", "c2")), "c2", d.Settings(cancellation_window_hours=0), START)


@pytest.mark.parametrize("client_ids, requested_by, client, for_everyone", [
    pytest.param(("c1", "c2"), "c1", "c1", True, id="the-requester"),
    pytest.param(("c1", "c2"), "c1", "c2", False, id="an-invited-client"),
    pytest.param(("c1", "c2"), None, "c1", False, id="one-of-a-staff-events-clients"),
    pytest.param(("c2",), None, "c2", True, id="a-staff-events-only-client"),
    pytest.param(("c2",), "c1", "c2", True, id="the-last-client-after-the-requester-left"),
])
def test_the_requester_or_the_only_client_cancels_for_everyone_and_any_other_client_leaves(client_ids, requested_by,
                                                                                           client, for_everyone):
    assert d.cancels_for_everyone(event(client_ids=client_ids, requested_by=requested_by), client) is for_everyone


def test_a_client_who_is_not_the_requester_cannot_cancel_for_everyone_and_one_who_is_cannot_leave():
    shared = event(client_ids=("c1", "c2"), requested_by="c1")
    with pytest.raises(d.NotYourEvent):
        d.cancel(shared, INVITED, None, WINDOW, NOW)
    with pytest.raises(d.CancelsForEveryone) as error:
        d.leave(shared, "c1", WINDOW, NOW)
    assert (error.value.status, error.value.code) == (409, "cancels_for_everyone")


def test_a_client_who_leaves_loses_their_confirmation_and_is_kept_among_those_who_left():
    shared = event(client_ids=("c1", "c2", "c3"), requested_by="c1", attendance_confirmed_by=("c2", "c3"),
                   left_ids=("c4",))
    gone = d.leave(shared, "c3", WINDOW, NOW)
    assert (gone.event.client_ids, gone.event.attendance_confirmed_by, gone.event.left_ids) == (
        ("c1", "c2"), ("c2",), ("c4", "c3"))
    assert (gone.late, gone.late_fee, gone.event.status, gone.event.updated_at) == (
        False, False, d.SCHEDULED, "2026-11-23T12:00:00Z")
    with pytest.raises(d.InsideCancellationWindow):
        d.leave(shared, "c3", WINDOW, START - HOUR)


# -- rescheduling and availability's answer --------------------------------------------------------------------------


@pytest.mark.parametrize("length, end, expected", [
    pytest.param(HOUR, None, START + DAY + HOUR, id="keeps-an-hour"),
    pytest.param(90 * 60, None, START + DAY + 90 * 60, id="keeps-90-minutes"),
    pytest.param(HOUR, START + DAY + 2 * HOUR, START + DAY + 2 * HOUR, id="the-end-given"),
])
def test_a_moved_event_keeps_its_length_unless_an_end_is_given(length, end, expected):
    assert d.rescheduled_end(event(end=times.iso(START + length)), START + DAY, end) == expected


def test_a_reschedule_keeps_the_time_it_had_and_forgets_the_old_local_time():
    moved = d.reschedule(event(local_start="2026-11-25T10:00:00-05:00"), START + DAY, START + DAY + 2 * HOUR, NOW)
    assert (moved.start, moved.end, moved.previous_start, moved.previous_end, moved.local_start) == (
        "2026-11-26T15:00:00Z", "2026-11-26T17:00:00Z", WED_10, WED_11, None)
    assert moved.duration_minutes == 120


@pytest.mark.parametrize("start, end, refused, field", [
    pytest.param(START, START + HOUR, d.SameTime, "start", id="the-same-time"),
    pytest.param(NOW - HOUR, NOW, d.TimeOutOfRange, "start", id="into-the-past"),
    pytest.param(START + DAY, START + DAY, d.TimeOutOfRange, "end", id="no-length"),
    pytest.param(NOW + d.MAX_AHEAD_DAYS * DAY + HOUR, NOW + d.MAX_AHEAD_DAYS * DAY + 2 * HOUR, d.TimeOutOfRange,
                 "start", id="past-two-years"),
])
def test_a_reschedule_is_refused_naming_the_field(start, end, refused, field):
    with pytest.raises(refused) as error:
        d.reschedule(event(), start, end, NOW)
    assert (error.value.status, error.value.field) == (400, field)


def test_a_reschedule_keeping_the_start_but_changing_the_end_is_a_change():
    assert d.reschedule(event(), START, START + 2 * HOUR, NOW).end == "2026-11-25T17:00:00Z"


# -- attendance --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("now, outcome", [
    pytest.param(START - 1, d.EventNotStarted, id="a-second-before-it-starts"),
    pytest.param(START, d.ATTENDED, id="as-it-starts"),
    pytest.param(START + 2 * DAY, d.ATTENDED, id="days-later"),
])
def test_attendance_is_marked_once_the_event_has_started(now, outcome):
    if outcome == d.ATTENDED:
        assert d.mark_attendance(event(), d.ATTENDED, now).status == d.ATTENDED
        assert d.mark_attendance(event(), d.NO_SHOW, now).status == d.NO_SHOW
        return
    with pytest.raises(outcome) as error:
        d.mark_attendance(event(), d.ATTENDED, now)
    assert (error.value.status, error.value.code) == (409, "event_not_started")


@pytest.mark.parametrize("status, charge, refused", [
    pytest.param(d.ATTENDED, True, True, id="fee-with-attended"),
    pytest.param(d.NO_SHOW, True, True, id="fee-with-no-show"),
    pytest.param(d.CANCELLED, True, False, id="fee-with-a-cancellation"),
    pytest.param(d.ATTENDED, False, False, id="attended-without-fee"),
])
def test_a_late_fee_goes_only_with_a_cancellation(status, charge, refused):
    if not refused:
        assert d.check_fee_with(status, charge) is None
        return
    with pytest.raises(d.FeeWithoutCancellation) as error:
        d.check_fee_with(status, charge)
    assert (error.value.status, error.value.field, error.value.message) == (
        400, "charge_late_fee", "charge_late_fee goes with status cancelled.")


def test_a_client_confirms_their_attendance_once_before_the_event_starts():
    confirmed = d.confirm_attendance(event(client_ids=("c1", "c2")), "c2", NOW)
    assert (confirmed.attendance_confirmed_by, confirmed.version) == (("c2",), 2)
    assert d.confirm_attendance(confirmed, "c2", NOW) is None  # said so already: nothing new
    assert d.confirm_attendance(confirmed, "c1", START - 1).attendance_confirmed_by == ("c2", "c1")
    with pytest.raises(d.EventStarted):
        d.confirm_attendance(event(), "c1", START)


# -- what clients and staff see ------------------------------------------------------------------------------------


def test_a_client_sees_whether_they_confirmed_or_left_and_not_the_others():
    shared = event(client_ids=("c1", "c2"), attendance_confirmed_by=("c2",), left_ids=("c3",))
    mine = shared.view("c1")
    assert (mine["attendance_confirmed"], mine["left"]) == (False, False)
    assert "attendance_confirmed_by" not in mine and "left_ids" not in mine
    assert (shared.view("c2")["attendance_confirmed"], shared.view("c3")["left"]) == (True, True)
    staff = shared.view()
    assert (staff["attendance_confirmed_by"], staff["left_ids"], staff["duration_minutes"]) == (["c2"], ["c3"], 60)
    assert "request_created_at" not in staff


@pytest.mark.parametrize("status, awaiting", [(d.SCHEDULED, True), (d.ATTENDED, False), (d.CANCELLED, False)])
def test_a_video_event_awaits_its_link_only_while_scheduled(status, awaiting):
    assert event(status=status, video_session=True).view()["awaiting_video_link"] is awaiting


# -- calendar windows ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("first, last, bounds", [
    pytest.param("2026-11-23", "2026-11-23", ("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z"), id="one-day"),
    pytest.param("2026-11-23T09:00:00-05:00", "2026-11-23T17:00:00-05:00",
                 ("2026-11-23T14:00:00Z", "2026-11-23T22:00:00Z"), id="instants-with-offsets"),
    pytest.param("2026-11-01", "2027-01-31", ("2026-11-01T00:00:00Z", "2027-02-01T00:00:00Z"), id="exactly-92-days"),
    pytest.param("2026-03-08", "2026-03-08", ("2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"),
                 id="a-spring-forward-day-is-its-utc-day"),
])
def test_a_calendar_window_reads_dates_as_utc_days_to_included_and_instants_as_themselves(first, last, bounds):
    window = s.Window(from_=first, to=last)
    assert window.bounds(required=True) == tuple(times.instant(b) for b in bounds)


@pytest.mark.parametrize("first, last, refused, field", [
    pytest.param("2026-11-01", "2027-02-01", d.TimeOutOfRange, "to", id="93-days"),
    pytest.param("2026-11-23T12:00:00Z", "2026-11-23T12:00:00Z", d.TimeOutOfRange, "to", id="to-equal-to-from"),
    pytest.param(None, "2026-11-23", d.MissingField, "from", id="no-from"),
    pytest.param("0001-01-01", "0001-01-02", d.TimeOutOfRange, "from", id="year-1"),
    pytest.param("9999-12-30", "9999-12-31", d.TimeOutOfRange, "from", id="year-9999"),
    pytest.param("2026-11-23T25:00:00Z", "2026-11-24", d.InvalidTime, "from", id="hour-25"),
    pytest.param("0001-01-01T00:30:00+01:00", "2026-11-24", d.TimeOutOfRange, "from", id="before-year-1-in-utc"),
])
def test_a_calendar_window_is_refused_naming_the_end_at_fault(first, last, refused, field):
    with pytest.raises(refused) as error:
        s.Window(from_=first, to=last).bounds(required=True)
    assert (error.value.status, error.value.field) == (400, field)


def test_a_timeline_page_takes_either_end_alone_any_length_apart_but_not_one_before_the_other():
    assert s.TimelinePage().bounds() == (None, None)
    assert s.TimelinePage(from_="2026-11-23").bounds() == (times.instant("2026-11-23T00:00:00Z"), None)
    assert s.TimelinePage(to="2026-11-23").bounds() == (None, times.instant("2026-11-24T00:00:00Z"))
    assert s.TimelinePage(from_="2026-01-01", to="2026-12-31").bounds()[1] == times.instant("2027-01-01T00:00:00Z")
    with pytest.raises(d.TimeOutOfRange) as error:
        s.TimelinePage(from_="2026-11-24", to="2026-11-23T23:59:59Z").bounds()
    assert error.value.field == "to"
