"""Availability's refusals as named errors (the status, code and field clients see), and the rules of who may see
and change a worker's availability and what a block may take; no AWS."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.availability import domain as d
from portalkit.errors import Forbidden, NotFound
from portalkit.identity import Identity

TYPES = {"t1": d.AvailabilityType("t1", "Client sessions", "#1E90FF"),
         "t2": d.AvailabilityType("t2", "Old", "#000000", retired=True)}
SITES = {"s1": d.Site("s1", "Main office", "UTC"), "s2": d.Site("s2", "Closed office", "UTC", retired=True)}


def refusal(error: Exception) -> tuple:
    return error.status, error.body()["error"]


def block(type_id="t1", site_id="s1", block_id="b1", day=0, start=540, end=600) -> d.Block:
    return d.Block(block_id, "c1", day, start, end, type_id, site_id)


def test_each_refusal_keeps_its_status_code_and_field():
    with pytest.raises(d.NameTaken) as taken:
        d.check_type_name(" client   SESSIONS ", TYPES.values())
    assert refusal(taken.value) == (409, {"code": "name_taken", "field": "name",
                                          "message": "Another availability type is already called 'Client sessions'."})
    with pytest.raises(d.ClientFacingType) as facing:
        d.check_retirable("t1", d.Settings(client_facing_type_id="t1"))
    assert refusal(facing.value)[0] == 409 and refusal(facing.value)[1]["code"] == "client_facing_type"
    assert refusal(facing.value)[1]["field"] == "retired"
    with pytest.raises(d.MissingField) as missing:
        d.slot_dates(None, None, None)
    assert refusal(missing.value) == (400, {"code": "missing_field", "field": "date",
                                            "message": "date (or from and to) is required."})
    with pytest.raises(d.InvalidField) as color:
        d.check_color("blue")
    assert refusal(color.value) == (400, {"code": "invalid_field", "field": "color",
                                          "message": "color must be like #1E90FF."})


def test_a_block_overlapping_another_of_its_day_names_from_with_its_own_code():
    with pytest.raises(d.BlockOverlap) as overlap:
        d.check_block(block(block_id="b2", start=570, end=630), [block()])
    assert refusal(overlap.value) == (400, {"code": "block_overlap", "field": "from",
                                            "message": "The block overlaps another on monday (09:00-10:00)."})
    assert d.check_block(block(block_id="b2", start=600, end=660), [block()])  # back to back


def test_a_calendar_starts_today_or_later_and_only_an_upcoming_one_moves_its_start():
    today = date(2026, 11, 23)
    with pytest.raises(d.StartDatePast) as past:
        d.check_start_date(date(2026, 11, 22), today)
    assert refusal(past.value)[1]["code"] == "start_date_past"
    with pytest.raises(d.CalendarStarted) as started:
        d.check_start_movable(d.Calendar("c1", "Main", today), today)
    assert refusal(started.value)[0] == 409 and refusal(started.value)[1]["field"] == "start_date"
    d.check_start_movable(d.Calendar("c1", "Main", date(2026, 11, 24)), today)


def test_the_calendar_in_effect_cannot_be_deleted_but_an_upcoming_or_replaced_one_can():
    today = date(2026, 11, 23)
    old, current, upcoming = (d.Calendar("c0", "Old", date(2026, 1, 1)), d.Calendar("c1", "Now", date(2026, 6, 1)),
                              d.Calendar("c2", "Next", date(2027, 1, 1)))
    in_effect = d.calendar_in_effect([old, current, upcoming], today)
    with pytest.raises(d.CalendarInEffect) as refused:
        d.check_deletable(current, in_effect, today)
    assert refusal(refused.value)[1]["code"] == "calendar_in_effect"
    d.check_deletable(old, in_effect, today)
    d.check_deletable(upcoming, in_effect, today)


def test_a_new_block_takes_only_the_agencys_types_and_sites_that_are_not_retired():
    assert d.check_block_takes(block(), None, TYPES, SITES) == ("t1", "s1")
    with pytest.raises(d.InvalidField) as unknown:
        d.check_block_takes(block(type_id="t9"), None, TYPES, SITES)
    assert refusal(unknown.value)[1] == {"code": "invalid_field", "field": "type_id",
                                         "message": "No availability type t9."}
    with pytest.raises(d.Retired) as retired:
        d.check_block_takes(block(site_id="s2"), None, TYPES, SITES)
    assert refusal(retired.value)[1] == {"code": "retired", "field": "site_id",
                                         "message": "The site Closed office is retired."}


def test_a_block_that_has_a_retired_type_or_site_keeps_it_and_takes_nothing_new():
    before = block(type_id="t2", site_id="s2")
    assert d.check_block_takes(block(type_id="t2", site_id="s2", start=600, end=660), before, TYPES, SITES) == (
        None, None)
    with pytest.raises(d.Retired):
        d.check_block_takes(block(type_id="t2", site_id="s1"), block(type_id="t1", site_id="s1"), TYPES, SITES)


def test_only_a_type_of_the_agency_not_retired_becomes_client_facing():
    current = d.Settings(client_facing_type_id="t2")
    assert d.check_client_facing("t1", current, TYPES) is True
    assert d.check_client_facing("t2", current, TYPES) is False  # already client-facing (though since retired)
    assert d.check_client_facing(None, current, TYPES) is False
    with pytest.raises(d.InvalidField) as unknown:
        d.check_client_facing("t9", d.Settings(), TYPES)
    assert refusal(unknown.value)[1]["field"] == "client_facing_type_id"
    with pytest.raises(d.InvalidField) as retired:
        d.check_client_facing("t2", d.Settings(), TYPES)
    assert refusal(retired.value)[1] == {"code": "invalid_field", "field": "client_facing_type_id",
                                         "message": "The type Old is retired."}


def test_a_workers_availability_is_theirs_and_the_admins_to_see_and_change():
    d.may_manage(Identity("a", "w1", "worker"), "w1")
    d.may_manage(Identity("a", "admin-1", "admin"), "w1")
    with pytest.raises(Forbidden):
        d.may_manage(Identity("a", "w2", "worker"), "w1")


def test_a_client_sees_only_the_slots_of_a_worker_a_service_links_them_to():
    worker = d.WorkerConfig([], {}, [], {"c1": {"s1"}})
    d.may_see_slots(Identity("a", "c1", "client"), worker)
    d.may_see_slots(Identity("a", "w2", "worker"), worker)
    with pytest.raises(NotFound):
        d.may_see_slots(Identity("a", "c2", "client"), worker)
