"""When a client can request a time: notice and horizon at their exact ends, each reason a time is refused and which
reason wins, instants no one's appointment can be at, and who may see or change a worker's availability. No AWS."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.availability import domain as d
from portalkit.errors import Forbidden, NotFound
from portalkit.identity import Identity
from portalkit.times import instant as epoch

NOW = epoch("2026-12-07T09:00:00Z")  # a Monday
FACING = "t-facing"


def every_day_all_day(*, notice=24, horizon=7, time_off=(), reservations=(), facing=FACING,
                      calendars=None) -> d.WorkerSchedule:
    """A UTC worker whose client-facing blocks cover every hour of every day, in hourly slots."""
    return d.WorkerSchedule(
        settings=d.Settings(client_facing_type_id=facing, slot_minutes=60, min_notice_hours=notice,
                            horizon_days=horizon),
        sites={"s1": d.Site("s1", "Main", "UTC")},
        calendars=calendars if calendars is not None else [d.Calendar("c1", "Main", date(2026, 1, 1))],
        blocks={"c1": [d.Block(f"b{day}", "c1", day, 0, 1440, FACING, "s1") for day in range(7)]},
        time_off=list(time_off), reservations=list(reservations))


# -- notice and horizon, at their ends ----------------------------------------------------------------------------


@pytest.mark.parametrize("start, reason", [
    pytest.param("2026-12-08T08:00:00Z", d.TOO_SOON, id="an-hour-inside-the-notice"),
    pytest.param("2026-12-08T09:00:00Z", None, id="exactly-now-plus-notice"),
    pytest.param("2026-12-14T08:00:00Z", None, id="the-last-slot-before-the-horizon"),
    pytest.param("2026-12-14T09:00:00Z", d.TOO_FAR, id="exactly-now-plus-horizon"),
    pytest.param("2026-12-07T08:00:00Z", d.TOO_SOON, id="an-hour-ago"),
])
def test_a_slot_can_start_from_now_plus_notice_up_to_but_not_at_now_plus_horizon(start, reason):
    schedule = every_day_all_day()
    assert d.why_unavailable(schedule, epoch(start), NOW) == reason
    listed = {s.start for s in d.open_slots(schedule, date(2026, 12, 6), date(2026, 12, 15), NOW)}
    assert (epoch(start) in listed) is (reason is None)


def test_with_no_notice_the_slot_starting_now_is_open_and_the_one_started_is_not():
    schedule = every_day_all_day(notice=0)
    assert d.why_unavailable(schedule, NOW, NOW) is None
    assert d.why_unavailable(schedule, NOW - 3600, NOW) == d.TOO_SOON


def test_open_slots_are_exactly_those_between_notice_and_horizon():
    slots = d.open_slots(every_day_all_day(notice=24, horizon=2), date(2026, 12, 1), date(2026, 12, 31), NOW)
    assert (slots[0].start, slots[-1].start, len(slots)) == (epoch("2026-12-08T09:00:00Z"),
                                                             epoch("2026-12-09T08:00:00Z"), 24)


# -- each reason, and which wins ----------------------------------------------------------------------------------

HOLD = d.Reservation("r-hold", d.HOLD, epoch("2026-12-09T10:00:00Z"), epoch("2026-12-09T11:00:00Z"),
                     expires_at=NOW + 3600)
EXPIRED = d.Reservation("r-expired", d.HOLD, epoch("2026-12-09T11:00:00Z"), epoch("2026-12-09T12:00:00Z"),
                        expires_at=NOW)
BOOKING = d.Reservation("r-booking", d.BOOKING, epoch("2026-12-09T12:30:00Z"), epoch("2026-12-09T13:30:00Z"))
SOON_BOOKING = d.Reservation("r-soon", d.BOOKING, epoch("2026-12-07T10:00:00Z"), epoch("2026-12-07T11:00:00Z"))
AWAY = d.TimeOff("o1", epoch("2026-12-10T00:00:00Z"), epoch("2026-12-11T00:00:00Z"))


@pytest.mark.parametrize("start, reason", [
    pytest.param("2026-12-09T09:00:00Z", None, id="an-open-slot"),
    pytest.param("2026-12-09T09:30:00Z", d.OUTSIDE_AVAILABILITY, id="off-the-slot-grid"),
    pytest.param("2026-12-09T09:00:01Z", d.OUTSIDE_AVAILABILITY, id="a-second-off-the-grid"),
    pytest.param("2026-12-10T09:00:00Z", d.OUTSIDE_AVAILABILITY, id="in-time-off"),
    pytest.param("2026-12-09T10:00:00Z", d.SLOT_TAKEN, id="held-for-another-request"),
    pytest.param("2026-12-09T11:00:00Z", None, id="held-by-a-hold-that-expired"),
    pytest.param("2026-12-09T12:00:00Z", d.SLOT_TAKEN, id="half-an-hour-booked"),
    pytest.param("2026-12-09T13:00:00Z", d.SLOT_TAKEN, id="the-rest-of-that-booking"),
    pytest.param("2026-12-09T14:00:00Z", None, id="after-the-booking"),
    pytest.param("2026-12-07T10:00:00Z", d.TOO_SOON, id="booked-and-too-soon-says-too-soon"),
    pytest.param("2026-12-30T10:00:00Z", d.TOO_FAR, id="past-the-horizon"),
])
def test_each_reason_a_client_is_told_a_time_cannot_be_requested(start, reason):
    schedule = every_day_all_day(time_off=[AWAY], reservations=[HOLD, EXPIRED, BOOKING, SOON_BOOKING])
    assert d.why_unavailable(schedule, epoch(start), NOW) == reason


@pytest.mark.parametrize("schedule, start", [
    pytest.param(every_day_all_day(facing=None), "2026-12-09T09:00:00Z", id="no-client-facing-type-chosen"),
    pytest.param(every_day_all_day(facing="t-other"), "2026-12-09T09:00:00Z", id="blocks-of-another-type"),
    pytest.param(every_day_all_day(calendars=[]), "2026-12-09T09:00:00Z", id="no-calendar"),
    pytest.param(every_day_all_day(calendars=[d.Calendar("c1", "Main", date(2026, 12, 10))]), "2026-12-09T09:00:00Z",
                 id="before-the-calendar-starts"),
])
def test_without_a_client_facing_block_in_effect_a_time_is_outside_availability(schedule, start):
    assert d.why_unavailable(schedule, epoch(start), NOW) == d.OUTSIDE_AVAILABILITY
    assert d.open_slots(schedule, date(2026, 12, 9), date(2026, 12, 9), NOW) == []


def test_a_block_whose_site_is_gone_offers_no_slot():
    schedule = every_day_all_day()
    schedule.sites = {}
    assert d.open_slots(schedule, date(2026, 12, 9), date(2026, 12, 9), NOW) == []


def test_a_slot_is_on_its_sites_clock_whatever_the_agencys_zone():
    schedule = every_day_all_day(notice=0)
    schedule.sites = {"ny": d.Site("ny", "Brooklyn", "America/New_York"), "la": d.Site("la", "Pasadena",
                                                                                      "America/Los_Angeles")}
    schedule.blocks = {"c1": [d.Block("b-ny", "c1", 2, 9 * 60, 10 * 60, FACING, "ny"),
                              d.Block("b-la", "c1", 2, 9 * 60, 10 * 60, FACING, "la")]}
    slots = d.open_slots(schedule, date(2026, 12, 9), date(2026, 12, 9), NOW)  # the agency's zone is UTC
    assert [slot.view() for slot in slots] == [
        {"start": "2026-12-09T14:00:00Z", "end": "2026-12-09T15:00:00Z", "site_id": "ny",
         "local_start": "2026-12-09T09:00:00-05:00"},
        {"start": "2026-12-09T17:00:00Z", "end": "2026-12-09T18:00:00Z", "site_id": "la",
         "local_start": "2026-12-09T09:00:00-08:00"},
    ]


# -- instants that can be no one's appointment --------------------------------------------------------------------


@pytest.mark.parametrize("start, reason", [
    pytest.param(None, d.OUTSIDE_AVAILABILITY, id="no-real-time"),
    pytest.param(NOW, None, id="now"),
    pytest.param(NOW + d.REACH_SECONDS - 1, None, id="a-second-short-of-ten-years-ahead"),
    pytest.param(NOW + d.REACH_SECONDS, d.TOO_FAR, id="ten-years-ahead"),
    pytest.param(NOW - d.REACH_SECONDS, None, id="ten-years-ago"),
    pytest.param(NOW - d.REACH_SECONDS - 1, d.TOO_SOON, id="a-second-over-ten-years-ago"),
])
def test_an_instant_is_out_of_reach_when_it_names_no_time_or_is_over_ten_years_away(start, reason):
    assert d.out_of_reach(start, NOW) == reason


@pytest.mark.parametrize("start, end, reason", [
    pytest.param(NOW, NOW + 3600, None, id="an-hour"),
    pytest.param(NOW, NOW + d.MAX_SECONDS, None, id="eight-hours-on-the-granule"),
    pytest.param(NOW, NOW + d.MAX_SECONDS + 1, d.OUTSIDE_AVAILABILITY, id="a-second-over-eight-hours"),
    pytest.param(NOW, NOW, d.OUTSIDE_AVAILABILITY, id="no-time-at-all"),
    pytest.param(NOW, None, d.OUTSIDE_AVAILABILITY, id="an-end-that-names-no-time"),
    pytest.param(NOW + d.REACH_SECONDS, NOW + d.REACH_SECONDS + 3600, d.TOO_FAR, id="over-ten-years-ahead"),
])
def test_a_staff_event_books_a_real_time_of_at_most_eight_hours(start, end, reason):
    assert d.cannot_book(start, end, NOW, refs=1) == reason


# -- who may see and change a worker's availability ---------------------------------------------------------------


@pytest.mark.parametrize("who", [
    pytest.param(Identity("agency-a", "w1", "worker"), id="the-worker"),
    pytest.param(Identity("agency-a", "admin-1", "admin"), id="an-admin"),
])
def test_the_worker_and_admins_manage_a_workers_calendars_and_time_off(who):
    assert d.may_manage(who, "w1") is None


@pytest.mark.parametrize("who", [
    pytest.param(Identity("agency-a", "w2", "worker"), id="another-worker"),
    pytest.param(Identity("agency-a", "c1", "client"), id="a-client"),
    pytest.param(Identity("agency-a", "w1", "client"), id="a-client-whose-id-is-the-workers"),
])
def test_no_one_else_manages_a_workers_calendars_or_time_off(who):
    with pytest.raises(Forbidden) as refused:
        d.may_manage(who, "w1")
    assert refused.value.status == 403


LINKED = d.WorkerConfig([], {}, [], {"c1": {"s1"}, "c3": {"s1", "s2"}})


@pytest.mark.parametrize("who", [
    pytest.param(Identity("agency-a", "c1", "client"), id="a-client-a-service-links"),
    pytest.param(Identity("agency-a", "c3", "client"), id="a-client-two-services-link"),
    pytest.param(Identity("agency-a", "w2", "worker"), id="any-worker"),
    pytest.param(Identity("agency-a", "admin-1", "admin"), id="an-admin"),
])
def test_staff_and_linked_clients_see_a_workers_slots(who):
    assert d.may_see_slots(who, LINKED) is None


@pytest.mark.parametrize("worker", [
    pytest.param(LINKED, id="a-client-no-service-links"),
    pytest.param(d.WorkerConfig([], {}, [], {}), id="a-worker-no-client-is-linked-to"),
])
def test_a_client_no_service_links_to_the_worker_is_told_there_is_no_such_worker(worker):
    with pytest.raises(NotFound) as refused:
        d.may_see_slots(Identity("agency-a", "c2", "client"), worker)
    assert (refused.value.status, refused.value.message) == (404, "No such worker.")


# -- while event requests are off ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role, enabled, offered", [
    pytest.param("client", True, True, id="a-client-while-requests-are-on"),
    pytest.param("client", False, False, id="a-client-while-requests-are-off"),
    pytest.param("worker", False, True, id="a-worker-while-requests-are-off"),
    pytest.param("admin", False, True, id="an-admin-while-requests-are-off"),
])
def test_while_event_requests_are_off_clients_are_offered_no_slot_and_staff_still_see_them(role, enabled, offered):
    assert d.offers_slots(role, enabled) is offered


@pytest.mark.parametrize("role, enabled, about", [
    pytest.param("client", True, {"event_requests_enabled": True}, id="on-for-a-client"),
    pytest.param("worker", True, {"event_requests_enabled": True}, id="on-for-staff"),
    pytest.param("client", False, {"event_requests_enabled": False, "notice": "The agency is not taking event requests "
                                   "at the moment, so no time can be requested."}, id="off-for-a-client"),
    pytest.param("admin", False, {"event_requests_enabled": False, "notice": "Event requests are switched off: clients "
                                  "see no open slots until an admin switches them on."}, id="off-for-staff"),
])
def test_an_answer_says_whether_event_requests_are_on_and_while_off_what_that_means_for_the_caller(role, enabled,
                                                                                                  about):
    assert d.about_requests(role, enabled) == about
