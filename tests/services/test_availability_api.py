"""The availability service's API: settings, types, sites, calendars, blocks, time off, days and slots."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace
from unittest.mock import ANY

import pytest

from portalkit import clock

BASE = "/availability"
NOW = int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp())  # a Monday, 07:00 in New York


@pytest.fixture(autouse=True)
def av(system):
    """The availability modules, standing on NOW (the pinned clock is restored after the test)."""
    from chalicelib.availability import availability_types, blocks, calendars, models, settings

    clock.set_now(NOW)
    return SimpleNamespace(models=models, settings=settings, types=availability_types, calendars=calendars,
                           blocks=blocks)


@dataclass
class Agency:
    """What `set_up` made: tokens, ids, and the worker's first calendar with three blocks."""

    system: object
    agency_id: str
    worker_id: str
    facing: str
    other_type: str
    site: str
    calendar: str
    blocks: dict

    @property
    def admin(self) -> str:
        return self.system.token("admin", self.agency_id, "admin-1")

    @property
    def worker(self) -> str:
        return self.system.token("worker", self.agency_id, self.worker_id)

    def worker_path(self, rest: str = "") -> str:
        return f"{BASE}/workers/{self.worker_id}{rest}"

    def blocks_path(self, calendar: str | None = None) -> str:
        return self.worker_path(f"/calendars/{calendar or self.calendar}/blocks")

    def block(self, day="tuesday", start="09:00", end="10:00", type_id=None, site_id=None) -> dict:
        type_id, site_id = type_id or self.facing, site_id or self.site
        return {"day": day, "from": start, "to": end, "type_id": type_id, "site_id": site_id}

    def slots(self, query: str, token: str | None = None):
        return self.system.api.get(self.worker_path(f"/slots?{query}"), token=token or self.worker)

    def slot_starts(self, query: str, token: str | None = None) -> list[str]:
        reply = self.slots(query, token)
        assert reply.status == 200, reply.body
        return [s["start"] for s in reply.json["slots"]]


def at(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


@contextmanager
def standing_on(moment: int):
    """The clock at another instant for a while (e.g. the day a calendar was added)."""
    with clock.frozen(moment):
        yield


def ok(reply, status=200):
    assert reply.status == status, reply.body
    return reply.json


def set_up(system, agency_id="agency-a", worker_id="w1") -> Agency:
    """An agency in New York with a client-facing type, a site, and a worker calendar in effect since Nov 1.

    Client-facing: Monday 09:00-12:00 and Wednesday 13:00-15:00; Monday 13:00-17:00 is another type.
    """
    api, admin = system.api, system.token("admin", agency_id, "admin-1")
    facing = ok(api.post(f"{BASE}/types", token=admin, json={"name": "Client facing", "color": "#00aa00"}), 201)
    other = ok(api.post(f"{BASE}/types", token=admin, json={"name": "Paperwork", "color": "#888888"}), 201)
    site = ok(api.post(f"{BASE}/sites", token=admin, json={"name": "Main office", "timezone": "America/New_York"}),
              201)
    ok(api.put(f"{BASE}/settings", token=admin, json={
        "timezone": "America/New_York", "client_facing_type_id": facing["type_id"], "slot_minutes": 60,
        "min_notice_hours": 24, "horizon_days": 60, "version": 0,
    }))
    agency = Agency(system, agency_id, worker_id, facing["type_id"], other["type_id"], site["site_id"], "", {})
    with standing_on(at("2026-11-01T12:00:00Z")):  # added on the day it started
        calendar = ok(api.post(agency.worker_path("/calendars"), token=admin,
                               json={"name": "Standard", "start_date": "2026-11-01"}), 201)
    agency.calendar = calendar["calendar_id"]
    for name, block in {
        "monday": agency.block("monday", "09:00", "12:00"),
        "wednesday": agency.block("wednesday", "13:00", "15:00"),
        "paperwork": agency.block("monday", "13:00", "17:00", type_id=agency.other_type),
    }.items():
        agency.blocks[name] = ok(api.post(agency.blocks_path(), token=admin, json=block), 201)["block_id"]
    return agency


def link_client(agency: Agency, client_id: str) -> None:
    """What the saga's projection writes when a service links the client to the worker."""
    from chalicelib.availability.models import MemberItem

    MemberItem(*MemberItem.key(agency.agency_id, agency.worker_id, client_id), service_ids={"s1"}).save()


# -- settings ---------------------------------------------------------------------------------------


def test_settings_start_from_the_defaults_and_an_admin_changes_some_of_them(system):
    api, admin, worker = system.api, system.token("admin"), system.token("worker", person_id="w1")
    assert ok(api.get(f"{BASE}/settings", token=worker)) == {
        "timezone": "UTC", "client_facing_type_id": None, "slot_minutes": 60, "min_notice_hours": 24,
        "horizon_days": 60, "hold_minutes": 2880, "version": 0,
    }
    assert ok(api.put(f"{BASE}/settings", token=admin, json={"timezone": "Europe/Paris", "version": 0}))["version"] \
        == 1
    changed = ok(api.put(f"{BASE}/settings", token=admin, json={"slot_minutes": 45, "hold_minutes": 60,
                                                                "version": 1}))
    assert changed == {
        "timezone": "Europe/Paris", "client_facing_type_id": None, "slot_minutes": 45, "min_notice_hours": 24,
        "horizon_days": 60, "hold_minutes": 60, "version": 2,
    }
    assert ok(api.get(f"{BASE}/settings", token=worker)) == changed


def test_only_admins_change_settings_and_clients_do_not_read_them(system):
    api = system.api
    assert api.put(f"{BASE}/settings", token=system.token("worker"), json={"slot_minutes": 30, "version": 0}).status \
        == 403
    assert api.get(f"{BASE}/settings", token=system.token("client")).status == 403


def test_settings_of_another_agency_are_its_own(system):
    set_up(system)
    other = ok(system.api.get(f"{BASE}/settings", token=system.token("admin", "agency-b")))
    assert (other["timezone"], other["client_facing_type_id"], other["version"]) == ("UTC", None, 0)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"slot_minutes": 7}, "slot_minutes"),  # each setting's bounds: tests/domain/test_availability_settings.py
        ({"colour": "#FFFFFF"}, "colour"),
    ],
)
def test_bad_settings_are_400_naming_the_field(system, body, field):
    reply = system.api.put(f"{BASE}/settings", token=system.token("admin"), json={**body, "version": 0})
    assert reply.status == 400, reply.body
    assert reply.json["error"]["field"] == field


def test_settings_carry_the_version_they_were_read_at(system):
    api, admin = system.api, system.token("admin")
    for body in ({"slot_minutes": 30}, {"slot_minutes": 30, "version": -1}):
        reply = api.put(f"{BASE}/settings", token=admin, json=body)
        assert (reply.status, reply.json["error"]["field"]) == (400, "version"), body
    assert ok(api.get(f"{BASE}/settings", token=admin))["version"] == 0  # none of them changed anything


def test_settings_written_from_a_stale_version_are_409(system):
    api, admin = system.api, system.token("admin")
    ok(api.put(f"{BASE}/settings", token=admin, json={"slot_minutes": 30, "version": 0}))
    reply = api.put(f"{BASE}/settings", token=admin, json={"slot_minutes": 45, "version": 0})
    assert (reply.status, reply.error_code()) == (409, "version_conflict")
    assert ok(api.put(f"{BASE}/settings", token=admin, json={"slot_minutes": 45, "version": 1}))["version"] == 2


def test_a_settings_change_that_lands_between_read_and_write_makes_the_write_409(system, av, monkeypatch):
    from portalkit.identity import Identity

    api, admin = system.api, system.token("admin")
    read = av.models.load_agency

    def read_then_someone_else_writes(agency_id):
        config = read(agency_id)
        monkeypatch.setattr(av.models, "load_agency", read)
        av.settings.update_settings(Identity("agency-a", "admin-2", "admin"), {"horizon_days": 90}, expected_version=0)
        return config

    monkeypatch.setattr(av.models, "load_agency", read_then_someone_else_writes)
    reply = api.put(f"{BASE}/settings", token=admin, json={"slot_minutes": 30, "version": 0})
    assert (reply.status, reply.error_code()) == (409, "version_conflict")
    assert ok(api.get(f"{BASE}/settings", token=admin))["horizon_days"] == 90


# -- types and sites --------------------------------------------------------------------------------


def test_admins_add_types_and_staff_list_them(system):
    api, admin = system.api, system.token("admin")
    made = ok(api.post(f"{BASE}/types", token=admin, json={"name": "Client facing", "color": "#1e90ff"}), 201)
    assert set(made) == {"type_id", "name", "color", "retired", "version"} and made["color"] == "#1E90FF"
    assert (made["retired"], made["version"]) == (False, 0)
    ok(api.post(f"{BASE}/types", token=admin, json={"name": "Admin time", "color": "#000000"}), 201)
    listed = ok(api.get(f"{BASE}/types", token=system.token("worker")))["types"]
    assert [t["name"] for t in listed] == ["Admin time", "Client facing"]
    assert made in listed
    assert ok(api.get(f"{BASE}/types", token=system.token("admin", "agency-b")))["types"] == []
    assert api.post(f"{BASE}/types", token=system.token("worker"), json={"name": "X", "color": "#000000"}).status \
        == 403
    assert api.get(f"{BASE}/types", token=system.token("client")).status == 403


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "Facing", "color": "blue"}, "color"),  # colours and names: tests/domain/test_availability_settings.py
        ({"color": "#123456"}, "name"),
    ],
)
def test_bad_types_are_400_naming_the_field(system, body, field):
    reply = system.api.post(f"{BASE}/types", token=system.token("admin"), json=body)
    assert (reply.status, reply.json["error"]["field"]) == (400, field)


def test_admins_add_sites_in_a_time_zone_and_staff_list_them(system):
    api, admin = system.api, system.token("admin")
    site = ok(api.post(f"{BASE}/sites", token=admin, json={"name": "Downtown", "timezone": "America/Chicago"}), 201)
    assert set(site) == {"site_id", "name", "timezone", "retired", "version", "address"}
    assert (site["timezone"], site["address"]) == ("America/Chicago", None)
    assert ok(api.get(f"{BASE}/sites", token=system.token("worker")))["sites"] == [site]
    reply = api.post(f"{BASE}/sites", token=admin, json={"name": "Nowhere", "timezone": "America/Atlantis"})
    assert (reply.status, reply.json["error"]["field"]) == (400, "timezone")
    assert api.post(f"{BASE}/sites", token=system.token("worker"), json={"name": "X", "timezone": "UTC"}).status \
        == 403
    assert api.get(f"{BASE}/sites", token=system.token("client")).status == 403


def test_a_site_takes_an_address_on_one_line_changes_or_clears_it_and_publishes_each_version(system):
    api, admin = system.api, system.token("admin")
    site = ok(api.post(f"{BASE}/sites", token=admin, json={
        "name": "Downtown", "timezone": "America/Chicago", "address": " 12 Main  Street\n\nSpringfield, IL "}), 201)
    assert site["address"] == "12 Main Street, Springfield, IL"
    path = f"{BASE}/sites/{site['site_id']}"
    moved = ok(api.put(path, token=admin, json={"address": "1 Oak Avenue", "version": 0}))
    assert (moved["address"], moved["name"], moved["version"]) == ("1 Oak Avenue", "Downtown", 1)
    assert ok(api.put(path, token=admin, json={"name": "Uptown", "version": 1}))["address"] == "1 Oak Avenue"
    assert ok(api.put(path, token=admin, json={"address": "", "version": 2}))["address"] is None
    reply = api.put(path, token=admin, json={"address": "x" * 301, "version": 3})
    assert (reply.status, reply.json["error"]["field"]) == (400, "address")
    published = [(e.subject_version, e.data) for e in system.pump().drain().published
                 if e.event_type == "availability.site.updated"]
    assert [(v, d["name"], d["address"]) for v, d in published] == [
        (0, "Downtown", "12 Main Street, Springfield, IL"), (1, "Downtown", "1 Oak Avenue"),
        (2, "Uptown", "1 Oak Avenue"), (3, "Uptown", None)]
    assert published[0][1] == {"site_id": site["site_id"], "name": "Downtown", "timezone": "America/Chicago",
                               "address": "12 Main Street, Springfield, IL", "retired": False}


def add_type(system, name: str, color: str = "#123456", agency_id: str = "agency-a"):
    return system.api.post(f"{BASE}/types", token=system.token("admin", agency_id), json={"name": name, "color": color})


def test_two_types_of_an_agency_cannot_share_a_name_whatever_its_case_and_spaces(system):
    first = ok(add_type(system, "  Client   facing "), 201)
    assert first["name"] == "Client facing"
    for name in ("Client facing", "client FACING", " Client\tfacing"):
        reply = add_type(system, name)
        assert (reply.status, reply.error_code(), reply.json["error"]["field"]) == (409, "name_taken", "name"), name
    assert add_type(system, "Client facing", agency_id="agency-b").status == 201  # another agency's names
    assert add_type(system, "Client-facing").status == 201
    listed = ok(system.api.get(f"{BASE}/types", token=system.token("admin")))["types"]
    assert [t["name"] for t in listed] == ["Client facing", "Client-facing"]


def test_a_type_name_claimed_between_read_and_write_makes_the_write_409(system, av, monkeypatch):
    from portalkit.identity import Identity

    read = av.models.load_agency

    def read_then_someone_else_adds_it(agency_id):
        config = read(agency_id)
        monkeypatch.setattr(av.models, "load_agency", read)
        av.types.add_type(Identity("agency-a", "admin-2", "admin"), "Group work", "#000000")
        return config

    monkeypatch.setattr(av.models, "load_agency", read_then_someone_else_adds_it)
    reply = add_type(system, "group work")
    assert (reply.status, reply.error_code()) == (409, "name_taken")
    assert [t["name"] for t in ok(system.api.get(f"{BASE}/types", token=system.token("admin")))["types"]] == [
        "Group work"]


def test_a_type_is_renamed_and_recoloured_and_its_old_name_is_free_again(system):
    api, admin = system.api, system.token("admin")
    sessions = ok(add_type(system, "Sesions"), 201)
    ok(add_type(system, "Paperwork"), 201)
    path = f"{BASE}/types/{sessions['type_id']}"
    renamed = ok(api.put(path, token=admin, json={"name": "Sessions", "color": "#00aa00", "version": 0}))
    assert renamed == {**sessions, "name": "Sessions", "color": "#00AA00", "version": 1}
    assert ok(api.put(path, token=admin, json={"name": "SESSIONS", "version": 1}))["name"] == "SESSIONS"
    assert add_type(system, "Sesions").status == 201  # the typo's name is free again
    for body, status, code, field in [
        ({"name": "paperwork", "version": 2}, 409, "name_taken", "name"),
        ({"name": "Late", "version": 1}, 409, "version_conflict", None),
        ({"name": "Late"}, 400, "missing_field", "version"),
        ({"color": "green", "version": 2}, 400, "invalid_field", "color"),
        ({"type_id": "x", "version": 2}, 400, "unknown_field", "type_id"),
    ]:
        reply = api.put(path, token=admin, json=body)
        assert (reply.status, reply.error_code(), reply.json["error"].get("field")) == (status, code, field), body
    assert api.put(path, token=system.token("worker"), json={"name": "Mine", "version": 2}).status == 403
    assert api.put(f"{BASE}/types/nope", token=admin, json={"name": "X", "version": 0}).status == 404
    assert api.put(path, token=system.token("admin", "agency-b"), json={"name": "X", "version": 2}).status == 404


def test_a_retired_type_or_site_is_offered_for_no_new_block_and_existing_blocks_keep_theirs(system):
    agency = set_up(system)
    api, admin = system.api, agency.admin
    annex = ok(api.post(f"{BASE}/sites", token=admin, json={"name": "Annex", "timezone": "America/New_York"}), 201)
    block = ok(api.post(agency.blocks_path(), token=agency.worker,
                        json=agency.block("friday", "09:00", "11:00", site_id=annex["site_id"])), 201)
    retired = ok(api.put(f"{BASE}/types/{agency.other_type}", token=admin, json={"retired": True, "version": 0}))
    assert (retired["retired"], retired["version"]) == (True, 1)
    ok(api.put(f"{BASE}/sites/{annex['site_id']}", token=admin, json={"retired": True, "version": 0}))
    types = ok(api.get(f"{BASE}/types", token=agency.worker))["types"]
    assert {t["name"]: t["retired"] for t in types} == {"Client facing": False, "Paperwork": True}
    sites = ok(api.get(f"{BASE}/sites", token=agency.worker))["sites"]
    assert {s["name"]: s["retired"] for s in sites} == {"Annex": True, "Main office": False}

    new_type = api.post(agency.blocks_path(), token=agency.worker,
                        json=agency.block("saturday", type_id=agency.other_type))
    assert (new_type.status, new_type.error_code(), new_type.json["error"]["field"]) == (400, "retired", "type_id")
    new_site = api.post(agency.blocks_path(), token=agency.worker,
                        json=agency.block("saturday", site_id=annex["site_id"]))
    assert (new_site.status, new_site.json["error"]["field"]) == (400, "site_id")
    moved_to = api.put(f"{agency.blocks_path()}/{agency.blocks['monday']}", token=agency.worker,
                       json=agency.block("monday", "09:00", "12:00", type_id=agency.other_type))
    assert (moved_to.status, moved_to.json["error"]["field"]) == (400, "type_id")
    # Blocks that have them keep them: their times can change, and they still make slots.
    kept = api.put(f"{agency.blocks_path()}/{agency.blocks['paperwork']}", token=agency.worker,
                   json=agency.block("monday", "13:00", "16:00", type_id=agency.other_type))
    assert kept.status == 200, kept.body
    assert ok(api.put(f"{agency.blocks_path()}/{block['block_id']}", token=agency.worker,
                      json=agency.block("friday", "10:00", "12:00", site_id=annex["site_id"])))["from"] == "10:00"
    assert agency.slot_starts("date=2026-12-04") == ["2026-12-04T15:00:00Z", "2026-12-04T16:00:00Z"]

    back = ok(api.put(f"{BASE}/types/{agency.other_type}", token=admin, json={"retired": False, "version": 1}))
    assert back["retired"] is False
    assert api.post(agency.blocks_path(), token=agency.worker,
                    json=agency.block("saturday", type_id=agency.other_type)).status == 201


def test_the_client_facing_type_cannot_be_retired_nor_a_retired_type_made_client_facing(system):
    agency = set_up(system)
    api, admin = system.api, agency.admin
    reply = api.put(f"{BASE}/types/{agency.facing}", token=admin, json={"retired": True, "version": 0})
    assert (reply.status, reply.error_code(), reply.json["error"]["field"]) == (409, "client_facing_type", "retired")
    ok(api.put(f"{BASE}/types/{agency.other_type}", token=admin, json={"retired": True, "version": 0}))
    chosen = api.put(f"{BASE}/settings", token=admin, json={"client_facing_type_id": agency.other_type, "version": 1})
    assert (chosen.status, chosen.json["error"]["field"]) == (400, "client_facing_type_id")
    assert ok(api.put(f"{BASE}/types/{agency.facing}", token=admin, json={"name": "Sessions", "version": 0}))[
        "name"] == "Sessions"  # renaming it is fine


def test_a_type_cannot_be_retired_as_it_becomes_client_facing(system, av, monkeypatch):
    from portalkit.identity import Identity

    agency = set_up(system)
    read = av.models.load_agency

    def read_then_it_becomes_client_facing(agency_id):
        config = read(agency_id)
        monkeypatch.setattr(av.models, "load_agency", read)
        av.settings.update_settings(Identity("agency-a", "admin-2", "admin"),
                                 {"client_facing_type_id": agency.other_type}, expected_version=1)
        return config

    monkeypatch.setattr(av.models, "load_agency", read_then_it_becomes_client_facing)
    reply = system.api.put(f"{BASE}/types/{agency.other_type}", token=agency.admin,
                           json={"retired": True, "version": 0})
    assert (reply.status, reply.error_code()) == (409, "version_conflict")
    types = ok(system.api.get(f"{BASE}/types", token=agency.admin))["types"]
    assert not any(t["retired"] for t in types)


def test_a_type_retired_as_a_block_takes_it_leaves_the_block_unwritten(system, av, monkeypatch):
    from portalkit.identity import Identity

    agency = set_up(system)
    read = av.models.load_agency

    def read_then_it_is_retired(agency_id):
        config = read(agency_id)
        monkeypatch.setattr(av.models, "load_agency", read)
        av.types.update_type(Identity("agency-a", "admin-2", "admin"), agency.other_type, {"retired": True}, 0)
        return config

    monkeypatch.setattr(av.models, "load_agency", read_then_it_is_retired)
    reply = system.api.post(agency.blocks_path(), token=agency.worker,
                            json=agency.block("saturday", type_id=agency.other_type))
    assert (reply.status, reply.error_code()) == (409, "version_conflict")
    assert [b["day"] for b in ok(system.api.get(agency.blocks_path(), token=agency.worker))["blocks"]] == [
        "monday", "monday", "wednesday"]


def test_a_site_is_renamed_but_keeps_its_time_zone(system):
    api, admin = system.api, system.token("admin")
    site = ok(api.post(f"{BASE}/sites", token=admin, json={"name": "Down town", "timezone": "America/Chicago"}), 201)
    path = f"{BASE}/sites/{site['site_id']}"
    renamed = ok(api.put(path, token=admin, json={"name": "Downtown", "timezone": "America/Chicago", "version": 0}))
    assert renamed == {**site, "name": "Downtown", "version": 1}
    moved = api.put(path, token=admin, json={"timezone": "America/New_York", "version": 1})
    assert (moved.status, moved.error_code(), moved.json["error"]["field"]) == (409, "timezone_fixed", "timezone")
    assert "Add a site in the right zone" in moved.json["error"]["message"]
    for body, status, field in [
        ({"name": "Late", "version": 0}, 409, None),
        ({"name": "Late"}, 400, "version"),
        ({"name": "", "version": 1}, 400, "name"),
    ]:
        reply = api.put(path, token=admin, json=body)
        assert (reply.status, reply.json["error"].get("field")) == (status, field), body
    assert api.put(path, token=system.token("worker"), json={"name": "X", "version": 1}).status == 403
    assert api.put(f"{BASE}/sites/nope", token=admin, json={"name": "X", "version": 0}).status == 404
    assert ok(api.get(f"{BASE}/sites", token=admin))["sites"] == [renamed]


# -- calendars --------------------------------------------------------------------------------------


def test_calendars_list_with_the_one_in_effect_and_their_block_counts(system):
    agency = set_up(system)
    later = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                               json={"name": "Winter", "start_date": "2026-12-07"}), 201)
    assert later == {"calendar_id": later["calendar_id"], "name": "Winter", "start_date": "2026-12-07",
                     "status": "upcoming", "in_effect": False, "version": 0}
    listed = ok(system.api.get(agency.worker_path("/calendars"), token=agency.worker))["calendars"]
    assert listed == [
        {"calendar_id": agency.calendar, "name": "Standard", "start_date": "2026-11-01", "status": "in_effect",
         "in_effect": True, "version": 3, "block_count": 3},  # each block write bumped its version
        {**later, "block_count": 0},
    ]


def test_two_calendars_of_a_worker_cannot_share_a_start_date(system):
    agency = set_up(system)
    ok(system.api.post(agency.worker_path("/calendars"), token=agency.admin,
                       json={"name": "Winter", "start_date": "2026-12-07"}), 201)
    reply = system.api.post(agency.worker_path("/calendars"), token=agency.admin,
                            json={"name": "Again", "start_date": "2026-12-07"})
    assert (reply.status, reply.error_code(), reply.json["error"]["field"]) == (400, "start_date_taken", "start_date")
    copy = system.api.post(agency.worker_path("/calendars"), token=agency.admin,
                           json={"name": "Again", "start_date": "2026-12-07", "copy_from": agency.calendar})
    assert (copy.status, copy.json["error"]["field"]) == (400, "start_date")
    other_worker = system.api.post(f"{BASE}/workers/w2/calendars", token=agency.admin,
                                   json={"name": "Winter", "start_date": "2026-12-07"})
    assert other_worker.status == 201


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "Winter", "start_date": "2026-13-01"}, "start_date"),  # tests/domain/test_availability_calendars.py
        ({"name": "Winter"}, "start_date"),
        ({"name": "Winter", "start_date": "2026-12-07", "copy_from": "no-such-calendar"}, "copy_from"),
        ({"name": "Winter", "start_date": "2026-12-07", "color": "#FFFFFF"}, "color"),
    ],
)
def test_bad_calendars_are_400_naming_the_field(system, body, field):
    agency = set_up(system)
    reply = system.api.post(agency.worker_path("/calendars"), token=agency.worker, json=body)
    assert (reply.status, reply.json["error"]["field"]) == (400, field)


def test_a_copy_of_a_calendar_has_copies_of_its_blocks(system):
    agency = set_up(system)
    copy = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                              json={"name": "Winter", "start_date": "2026-12-07", "copy_from": agency.calendar}), 201)
    original = ok(system.api.get(agency.blocks_path(), token=agency.worker))["blocks"]
    copied = ok(system.api.get(agency.blocks_path(copy["calendar_id"]), token=agency.worker))["blocks"]
    without_ids = [{k: v for k, v in b.items() if k != "block_id"} for b in original]
    assert [{k: v for k, v in b.items() if k != "block_id"} for b in copied] == without_ids
    assert not {b["block_id"] for b in copied} & {b["block_id"] for b in original}


def test_a_copy_whose_source_changes_meanwhile_is_409(system, av, monkeypatch):
    from portalkit.identity import Identity

    agency = set_up(system)
    read = av.models.load_worker

    def someone_adds_a_block_then_read(agency_id, worker_id):
        monkeypatch.setattr(av.models, "load_worker", read)
        fields = {"day": 1, "start": 600, "end": 660, "type_id": agency.facing, "site_id": agency.site}
        av.blocks.save_block(Identity("agency-a", "admin-2", "admin"), "w1", agency.calendar, None, fields)
        return read(agency_id, worker_id)

    monkeypatch.setattr(av.models, "load_worker", someone_adds_a_block_then_read)
    reply = system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                            json={"name": "Winter", "start_date": "2026-12-07", "copy_from": agency.calendar})
    assert (reply.status, reply.error_code()) == (409, "version_conflict")
    calendars = ok(system.api.get(agency.worker_path("/calendars"), token=agency.worker))["calendars"]
    assert [c["name"] for c in calendars] == ["Standard"]


def test_a_copy_from_another_workers_calendar_is_400(system):
    agency = set_up(system)
    reply = system.api.post(f"{BASE}/workers/w2/calendars", token=agency.admin,
                            json={"name": "Mine", "start_date": "2026-12-07", "copy_from": agency.calendar})
    assert (reply.status, reply.json["error"]["field"]) == (400, "copy_from")


def test_the_calendar_in_effect_switches_on_the_later_calendars_start_date(system, av):
    agency = set_up(system)
    winter = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                                json={"name": "Winter", "start_date": "2026-12-07"}), 201)["calendar_id"]
    ok(system.api.post(agency.blocks_path(winter), token=agency.worker,
                       json=agency.block("tuesday", "10:00", "12:00")), 201)
    starts = agency.slot_starts("from=2026-11-30&to=2026-12-13")
    assert starts == [
        "2026-11-30T14:00:00Z", "2026-11-30T15:00:00Z", "2026-11-30T16:00:00Z",  # Monday, the standard calendar
        "2026-12-02T18:00:00Z", "2026-12-02T19:00:00Z",  # Wednesday, still standard
        "2026-12-08T15:00:00Z", "2026-12-08T16:00:00Z",  # Tuesday, winter calendar from Monday the 7th
    ]
    clock.set_now(int(datetime(2026, 12, 7, 5, 30, tzinfo=UTC).timestamp()))
    in_effect = {c["name"]: c["in_effect"] for c in
                 ok(system.api.get(agency.worker_path("/calendars"), token=agency.worker))["calendars"]}
    assert in_effect == {"Standard": False, "Winter": True}  # 00:30 in New York on the 7th


def test_a_calendar_in_effect_cannot_be_deleted_but_a_future_one_can_with_its_blocks(system):
    agency = set_up(system)
    reply = system.api.delete(agency.worker_path(f"/calendars/{agency.calendar}"), token=agency.worker)
    assert (reply.status, reply.error_code()) == (409, "calendar_in_effect")
    winter = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                                json={"name": "Winter", "start_date": "2026-12-07", "copy_from": agency.calendar}),
                201)["calendar_id"]
    assert system.api.delete(agency.worker_path(f"/calendars/{winter}"), token=agency.worker).status == 204
    listed = ok(system.api.get(agency.worker_path("/calendars"), token=agency.worker))["calendars"]
    assert [c["calendar_id"] for c in listed] == [agency.calendar]
    assert system.api.get(agency.blocks_path(winter), token=agency.worker).status == 404
    assert agency.slot_starts("date=2026-12-07") == ["2026-12-07T14:00:00Z", "2026-12-07T15:00:00Z",
                                                     "2026-12-07T16:00:00Z"]
    again = system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                            json={"name": "Winter", "start_date": "2026-12-07"})
    assert again.status == 201  # the start date is free again
    assert system.api.delete(agency.worker_path(f"/calendars/{winter}"), token=agency.worker).status == 404


def calendars_of(agency: Agency) -> dict:
    """name -> (start_date, status) of the worker's calendars."""
    listed = ok(agency.system.api.get(agency.worker_path("/calendars"), token=agency.worker))["calendars"]
    return {c["name"]: (c["start_date"], c["status"]) for c in listed}


def test_a_new_calendar_starts_today_or_later_on_the_agencys_clock(system):
    agency = set_up(system)
    path = agency.worker_path("/calendars")
    yesterday = system.api.post(path, token=agency.worker, json={"name": "Typo", "start_date": "2026-11-22"})
    assert (yesterday.status, yesterday.error_code(), yesterday.json["error"]["field"]) == (
        400, "start_date_past", "start_date")
    assert "today (2026-11-23)" in yesterday.json["error"]["message"]
    assert calendars_of(agency) == {"Standard": ("2026-11-01", "in_effect")}  # the month's slots are intact
    assert len(agency.slot_starts("from=2026-11-30&to=2026-12-06")) == 5
    with standing_on(at("2026-11-24T03:30:00Z")):  # 22:30 on the 23rd in New York, the 24th in UTC
        today = ok(system.api.post(path, token=agency.worker, json={"name": "Today", "start_date": "2026-11-23"}),
                   201)
    assert (today["status"], today["in_effect"]) == ("in_effect", True)


def test_an_upcoming_calendar_is_renamed_and_moved_to_another_free_date_from_today_on(system):
    agency = set_up(system)
    api, path = system.api, agency.worker_path("/calendars")
    winter = ok(api.post(path, token=agency.worker, json={"name": "Wintre", "start_date": "2027-12-07",
                                                          "copy_from": agency.calendar}), 201)
    spring = ok(api.post(path, token=agency.worker, json={"name": "Spring", "start_date": "2027-03-01"}), 201)
    winter_path = agency.worker_path(f"/calendars/{winter['calendar_id']}")
    fixed = ok(api.put(winter_path, token=agency.worker, json={"name": "Winter", "start_date": "2026-12-07",
                                                               "version": 0}))
    assert fixed == {**winter, "name": "Winter", "start_date": "2026-12-07", "version": 1}
    assert agency.slot_starts("date=2026-12-08") == []  # its copied blocks take over from the 7th
    assert calendars_of(agency) == {"Standard": ("2026-11-01", "in_effect"), "Winter": ("2026-12-07", "upcoming"),
                                    "Spring": ("2027-03-01", "upcoming")}
    assert api.post(path, token=agency.worker, json={"name": "Again", "start_date": "2027-12-07"}).status == 201

    for body, status, code in [
        ({"start_date": "2027-03-01", "version": 1}, 400, "start_date_taken"),  # Spring's
        ({"start_date": "2026-11-22", "version": 1}, 400, "start_date_past"),
        ({"start_date": "2026-11-01", "version": 1}, 400, "start_date_past"),  # Standard's, but past first
        ({"name": "Late", "version": 0}, 409, "version_conflict"),
        ({"name": "Late"}, 400, "missing_field"),
        ({"name": " ", "version": 1}, 400, "invalid_field"),
        ({"colour": "x", "version": 1}, 400, "unknown_field"),
    ]:
        reply = api.put(winter_path, token=agency.worker, json=body)
        assert (reply.status, reply.error_code()) == (status, code), body
    today = ok(api.put(winter_path, token=agency.worker, json={"start_date": "2026-11-23", "version": 1}))
    assert (today["name"], today["status"], today["version"]) == ("Winter", "in_effect", 2)
    assert calendars_of(agency)["Standard"] == ("2026-11-01", "replaced")
    assert api.put(agency.worker_path(f"/calendars/{spring['calendar_id']}"), token=system.token("worker", "agency-a",
                   "w2"), json={"name": "Mine", "version": 0}).status == 403
    assert api.put(agency.worker_path("/calendars/nope"), token=agency.worker, json={"name": "X", "version": 0}
                   ).status == 404


def test_a_started_calendar_keeps_its_start_date_and_may_be_renamed(system):
    agency = set_up(system)
    path = agency.worker_path(f"/calendars/{agency.calendar}")
    moved = system.api.put(path, token=agency.worker, json={"start_date": "2026-12-01", "version": 3})
    assert (moved.status, moved.error_code(), moved.json["error"]["field"]) == (409, "calendar_started",
                                                                                "start_date")
    same_start = ok(system.api.put(path, token=agency.worker, json={"name": "Usual week", "start_date": "2026-11-01",
                                                                     "version": 3}))
    assert (same_start["name"], same_start["status"], same_start["version"]) == ("Usual week", "in_effect", 4)
    assert len(agency.slot_starts("from=2026-11-30&to=2026-12-06")) == 5  # a rename changes no slot


def test_a_replaced_calendar_can_be_deleted_but_not_the_one_in_effect(system):
    agency = set_up(system)
    api = system.api
    winter = ok(api.post(agency.worker_path("/calendars"), token=agency.worker,
                         json={"name": "Winter", "start_date": "2026-12-07", "copy_from": agency.calendar}),
                201)["calendar_id"]
    with standing_on(at("2026-12-08T12:00:00Z")):
        assert calendars_of(agency) == {"Standard": ("2026-11-01", "replaced"), "Winter": ("2026-12-07", "in_effect")}
        in_effect = api.delete(agency.worker_path(f"/calendars/{winter}"), token=agency.worker)
        assert (in_effect.status, in_effect.error_code()) == (409, "calendar_in_effect")
        assert "cannot be deleted" in in_effect.json["error"]["message"]
        assert api.delete(agency.worker_path(f"/calendars/{agency.calendar}"), token=agency.worker).status == 204
        assert calendars_of(agency) == {"Winter": ("2026-12-07", "in_effect")}
        assert len(agency.slot_starts("from=2026-12-14&to=2026-12-20")) == 5
        assert api.get(agency.blocks_path(), token=agency.worker).status == 404


def test_a_replaced_calendar_is_not_deleted_when_what_replaced_it_moved_meanwhile(system, av, monkeypatch):
    from chalicelib.availability.models import CalendarItem

    agency = set_up(system)
    winter = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                                json={"name": "Winter", "start_date": "2026-12-07"}), 201)["calendar_id"]
    read = av.models.load_worker

    def read_then_winter_moves(agency_id, worker_id):
        config = read(agency_id, worker_id)
        monkeypatch.setattr(av.models, "load_worker", read)  # a move decided the evening before lands now
        item = CalendarItem(*CalendarItem.key(agency_id, worker_id, winter))
        item.update(actions=[CalendarItem.start_date.set("2026-12-14")])
        return config

    monkeypatch.setattr(av.models, "load_worker", read_then_winter_moves)
    with standing_on(at("2026-12-08T12:00:00Z")):
        reply = system.api.delete(agency.worker_path(f"/calendars/{agency.calendar}"), token=agency.worker)
        assert (reply.status, reply.error_code()) == (409, "version_conflict")
        assert "Standard" in calendars_of(agency)


def test_two_moves_to_one_start_date_from_the_same_read_cannot_both_land(system, av, monkeypatch):
    from portalkit.identity import Identity

    agency = set_up(system)
    winter = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                                json={"name": "Winter", "start_date": "2026-12-07"}), 201)["calendar_id"]
    read = av.models.load_worker

    def read_then_someone_else_claims_the_date(agency_id, worker_id):
        config = read(agency_id, worker_id)
        monkeypatch.setattr(av.models, "load_worker", read)
        av.calendars.add_calendar(Identity("agency-a", "admin-2", "admin"), "w1", "Holidays", date(2026, 12, 21), None)
        return config

    monkeypatch.setattr(av.models, "load_worker", read_then_someone_else_claims_the_date)
    reply = system.api.put(agency.worker_path(f"/calendars/{winter}"), token=agency.worker,
                           json={"start_date": "2026-12-21", "version": 0})
    assert (reply.status, reply.error_code()) == (400, "start_date_taken")
    assert calendars_of(agency) == {"Standard": ("2026-11-01", "in_effect"), "Winter": ("2026-12-07", "upcoming"),
                                    "Holidays": ("2026-12-21", "upcoming")}
    moved = ok(system.api.put(agency.worker_path(f"/calendars/{winter}"), token=agency.worker,
                              json={"start_date": "2026-12-14", "version": 0}))
    assert moved["start_date"] == "2026-12-14"
    again = system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                            json={"name": "Again", "start_date": "2026-12-07"})
    assert again.status == 201  # the old start date was given back in the same transaction


# -- blocks -----------------------------------------------------------------------------------------


def test_blocks_are_added_listed_replaced_and_deleted(system):
    agency = set_up(system)
    path = agency.blocks_path()
    made = ok(system.api.post(path, token=agency.worker, json=agency.block("Friday", "20:00", "24:00")), 201)
    assert made == {"block_id": made["block_id"], "day": "friday", "from": "20:00", "to": "24:00",
                    "type_id": agency.facing, "site_id": agency.site}
    listed = ok(system.api.get(path, token=agency.worker))["blocks"]
    assert [(b["day"], b["from"], b["to"]) for b in listed] == [
        ("monday", "09:00", "12:00"), ("monday", "13:00", "17:00"), ("wednesday", "13:00", "15:00"),
        ("friday", "20:00", "24:00"),
    ]
    moved = ok(system.api.put(f"{path}/{agency.blocks['monday']}", token=agency.worker,
                              json=agency.block("monday", "08:00", "11:00")))
    assert (moved["block_id"], moved["from"], moved["to"]) == (agency.blocks["monday"], "08:00", "11:00")
    assert system.api.delete(f"{path}/{made['block_id']}", token=agency.worker).status == 204
    listed = ok(system.api.get(path, token=agency.worker))["blocks"]
    assert [(b["day"], b["from"], b["to"]) for b in listed] == [
        ("monday", "08:00", "11:00"), ("monday", "13:00", "17:00"), ("wednesday", "13:00", "15:00"),
    ]
    assert agency.slot_starts("date=2026-11-30") == ["2026-11-30T13:00:00Z", "2026-11-30T14:00:00Z",
                                                     "2026-11-30T15:00:00Z"]


@pytest.mark.parametrize(
    "change, field, code",
    [
        # days, times, order, overlap and what a block takes, case by case: tests/domain/test_availability_blocks.py
        ({"day": "funday"}, "day", "invalid_field"),
        ({"from": "09:03"}, "from", "invalid_field"),
        ({"from": "10:00", "to": "09:00"}, "to", "invalid_field"),
        ({"day": "monday", "from": "11:00", "to": "13:30"}, "from", "block_overlap"),
        ({"type_id": "no-such-type"}, "type_id", "invalid_field"),
        ({"kind": "x"}, "kind", "unknown_field"),
    ],
)
def test_bad_blocks_are_400_naming_the_field(system, change, field, code):
    agency = set_up(system)
    reply = system.api.post(agency.blocks_path(), token=agency.worker, json={**agency.block(), **change})
    assert reply.status == 400, reply.body
    assert (reply.json["error"]["field"], reply.json["error"]["code"]) == (field, code)


def test_a_block_may_touch_its_neighbours_and_blocks_of_other_calendars_do_not_overlap_it(system):
    agency = set_up(system)
    assert system.api.post(agency.blocks_path(), token=agency.worker,
                           json=agency.block("monday", "12:00", "13:00")).status == 201
    winter = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                                json={"name": "Winter", "start_date": "2026-12-07"}), 201)["calendar_id"]
    assert system.api.post(agency.blocks_path(winter), token=agency.worker,
                           json=agency.block("monday", "09:00", "12:00")).status == 201


def test_a_replaced_block_may_overlap_its_old_self_but_not_another_block(system):
    agency = set_up(system)
    path = f"{agency.blocks_path()}/{agency.blocks['monday']}"
    assert system.api.put(path, token=agency.worker, json=agency.block("monday", "10:00", "13:00")).status == 200
    reply = system.api.put(path, token=agency.worker, json=agency.block("monday", "10:00", "13:05"))
    assert (reply.status, reply.error_code()) == (400, "block_overlap")


def test_unknown_calendars_and_blocks_are_404(system):
    agency = set_up(system)
    api, token = system.api, agency.worker
    assert api.get(agency.blocks_path("nope"), token=token).status == 404
    assert api.post(agency.blocks_path("nope"), token=token, json=agency.block()).status == 404
    assert api.put(f"{agency.blocks_path()}/nope", token=token, json=agency.block()).status == 404
    assert api.delete(f"{agency.blocks_path()}/nope", token=token).status == 404
    assert api.delete(agency.worker_path("/calendars/nope"), token=token).status == 404


def test_two_block_writes_from_the_same_read_cannot_both_land(system, av, monkeypatch):
    from portalkit.identity import Identity

    agency = set_up(system)
    read = av.models.load_worker

    def read_then_someone_else_writes(agency_id, worker_id):
        config = read(agency_id, worker_id)
        monkeypatch.setattr(av.models, "load_worker", read)
        fields = {"day": 1, "start": 600, "end": 660, "type_id": agency.facing, "site_id": agency.site}
        av.blocks.save_block(Identity("agency-a", "admin-2", "admin"), "w1", agency.calendar, None, fields)
        return config

    monkeypatch.setattr(av.models, "load_worker", read_then_someone_else_writes)
    reply = system.api.post(agency.blocks_path(), token=agency.worker, json=agency.block("tuesday", "10:30", "11:30"))
    assert (reply.status, reply.error_code()) == (409, "version_conflict")
    listed = ok(system.api.get(agency.blocks_path(), token=agency.worker))["blocks"]
    assert [(b["from"], b["to"]) for b in listed if b["day"] == "tuesday"] == [("10:00", "11:00")]


def test_a_calendar_has_a_bounded_number_of_blocks(system, av, monkeypatch):
    agency = set_up(system)
    monkeypatch.setattr(av.blocks, "MAX_BLOCKS_PER_CALENDAR", 4)
    assert system.api.post(agency.blocks_path(), token=agency.worker, json=agency.block()).status == 201
    reply = system.api.post(agency.blocks_path(), token=agency.worker, json=agency.block("thursday"))
    assert (reply.status, reply.error_code()) == (409, "too_many_blocks")


# -- time off ---------------------------------------------------------------------------------------


def test_time_off_is_added_listed_and_deleted_and_removes_slots(system):
    agency = set_up(system)
    path = agency.worker_path("/time-off")
    assert len(agency.slot_starts("date=2026-11-30")) == 3
    made = ok(system.api.post(path, token=agency.worker, json={
        "start": "2026-11-30T09:30:00-05:00", "end": "2026-11-30T16:00:00Z", "reason": "Dentist",
    }), 201)
    assert made == {"time_off_id": made["time_off_id"], "start": "2026-11-30T14:30:00Z",
                    "end": "2026-11-30T16:00:00Z", "reason": "Dentist"}
    assert ok(system.api.get(path, token=agency.admin)) == {"time_off": [made]}
    assert agency.slot_starts("date=2026-11-30") == ["2026-11-30T16:00:00Z"]
    assert system.api.delete(f"{path}/{made['time_off_id']}", token=agency.worker).status == 204
    assert ok(system.api.get(path, token=agency.worker)) == {"time_off": []}
    assert len(agency.slot_starts("date=2026-11-30")) == 3
    assert system.api.delete(f"{path}/{made['time_off_id']}", token=agency.worker).status == 404


@pytest.mark.parametrize(
    "body, field",
    [
        ({"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T09:00:00Z"}, "end"),  # test_availability_time_off.py
        ({"start": "2026-12-01T10:00:00", "end": "2026-12-01T11:00:00Z"}, "start"),
        ({"end": "2026-12-01T11:00:00Z"}, "start"),
    ],
)
def test_bad_time_off_is_400_naming_the_field(system, body, field):
    reply = system.api.post(f"{BASE}/workers/w1/time-off", token=system.token("worker", person_id="w1"), json=body)
    assert (reply.status, reply.json["error"]["field"]) == (400, field)


def test_a_year_of_time_off_is_allowed(system):
    reply = system.api.post(f"{BASE}/workers/w1/time-off", token=system.token("worker", person_id="w1"),
                            json={"start": "2027-01-01T00:00:00Z", "end": "2028-01-01T00:00:00Z"})
    assert reply.status == 201 and reply.json["reason"] is None


# -- days and slots ---------------------------------------------------------------------------------


def test_days_count_the_open_slots_of_every_date_of_the_month(system):
    agency = set_up(system)
    november = ok(system.api.get(agency.worker_path("/days?month=2026-11"), token=agency.worker))["days"]
    assert [d["date"] for d in november] == [f"2026-11-{n:02d}" for n in range(1, 31)]
    assert {d["date"]: d["open_slots"] for d in november if d["open_slots"]} == {"2026-11-25": 2, "2026-11-30": 3}
    december = ok(system.api.get(agency.worker_path("/days?month=2026-12"), token=agency.worker))["days"]
    assert len(december) == 31
    assert {d["date"]: d["open_slots"] for d in december if d["open_slots"]} == {
        **{f"2026-12-{n:02d}": 3 for n in (7, 14, 21, 28)}, **{f"2026-12-{n:02d}": 2 for n in (2, 9, 16, 23, 30)},
    }


@pytest.mark.parametrize("query", ["month=2026-13", ""])  # other months: tests/domain/test_availability_ranges.py
def test_a_month_not_like_yyyy_mm_is_400(system, query):
    agency = set_up(system)
    reply = system.api.get(agency.worker_path(f"/days?{query}"), token=agency.worker)
    assert (reply.status, reply.json["error"]["field"]) == (400, "month")


def days(agency: Agency, query: str, token: str | None = None):
    return agency.system.api.get(agency.worker_path(f"/days?{query}"), token=token or agency.worker)


def counts(reply) -> dict[str, int]:
    """The dates with open slots, and how many."""
    return {d["date"]: d["open_slots"] for d in ok(reply)["days"] if d["open_slots"]}


def test_days_of_a_range_count_every_date_from_from_to_to_with_what_the_calendar_needs(system):
    agency = set_up(system)
    link_client(agency, "c1")
    client = system.token("client", "agency-a", "c1")
    grid = ok(days(agency, "from=2026-11-29&to=2027-01-09", client))  # a 6-week grid, Sunday to Saturday
    assert [d["date"] for d in grid["days"]][::41] == ["2026-11-29", "2027-01-09"] and len(grid["days"]) == 42
    assert {k: v for k, v in grid.items() if k != "days"} == {
        "timezone": "America/New_York", "event_requests_enabled": True,
        "requestable_from": "2026-11-24T12:00:00Z", "requestable_until": "2027-01-22T12:00:00Z",  # notice, horizon
    }
    by_month = {**counts(days(agency, "month=2026-11", client)), **counts(days(agency, "month=2026-12", client)),
                **counts(days(agency, "month=2027-01", client))}
    assert counts(days(agency, "from=2026-11-29&to=2027-01-09", client)) == {
        date: n for date, n in by_month.items() if "2026-11-29" <= date <= "2027-01-09"}
    assert by_month["2026-11-30"] == 3  # the client-facing Monday block only, not the Paperwork one after it
    next_14 = counts(days(agency, "from=2026-11-23&to=2026-12-06", client))
    assert next_14 == {"2026-11-25": 2, "2026-11-30": 3, "2026-12-02": 2}  # today's Monday is within the notice
    # the horizon ends on Friday 22 January, 07:00 in New York: Monday the 18th and Wednesday the 20th are in it
    assert counts(days(agency, "from=2027-01-15&to=2027-01-31", client)) == {"2027-01-18": 3, "2027-01-20": 2}


def test_days_of_a_range_keep_local_dates_across_new_york_dst_changes(system):
    agency = set_up(system)
    ok(system.api.put(f"{BASE}/settings", token=agency.admin, json={"horizon_days": 365, "version": 1}))
    for start, end in (("00:00", "03:00"), ("22:00", "24:00")):
        ok(system.api.post(agency.blocks_path(), token=agency.admin, json=agency.block("sunday", start, end)), 201)
    # Sunday 14 March 2027: 02:00 does not exist; 23:00 EDT is 03:00Z on the 15th and still counts on the 14th
    assert counts(days(agency, "from=2027-03-14&to=2027-03-14")) == {"2027-03-14": 2 + 2}
    assert counts(days(agency, "from=2027-03-15&to=2027-03-15")) == {"2027-03-15": 3}
    assert counts(days(agency, "from=2027-03-13&to=2027-03-15")) == {"2027-03-14": 4, "2027-03-15": 3}
    # 92 dates across Sunday 7 November 2027 (01:00 twice, counted once) to past the horizon (23 Nov, 07:00 EST)
    quarter = ok(days(agency, "from=2027-10-01&to=2027-12-31"))["days"]
    assert (len(quarter), quarter[0]["date"], quarter[-1]["date"]) == (92, "2027-10-01", "2027-12-31")
    found = {d["date"]: d["open_slots"] for d in quarter if d["open_slots"]}
    assert (found["2027-11-07"], found["2027-11-21"], found["2027-11-22"]) == (3 + 2, 3 + 2, 3)
    assert max(found) == "2027-11-22"
    listed: dict[str, int] = {}
    for first, last in (("2027-10-01", "2027-10-31"), ("2027-11-01", "2027-11-30"), ("2027-12-01", "2027-12-31")):
        for slot in ok(agency.slots(f"from={first}&to={last}"))["slots"]:
            listed[slot["local_start"][:10]] = listed.get(slot["local_start"][:10], 0) + 1
    assert found == listed  # the green circles are the days the slot list has


def test_a_range_is_refused_naming_the_field_unless_it_is_one_form_of_at_most_92_dates_in_the_kits_years(system):
    agency = set_up(system)
    assert len(ok(days(agency, "from=2026-12-01&to=2027-03-02"))["days"]) == 92
    assert len(ok(days(agency, "month=2026-12"))["days"]) == 31
    for query, field, code in [
        ("from=2026-12-01&to=2027-03-03", "to", "invalid_field"),  # 93 dates; the rest: test_availability_ranges.py
        ("month=2026-12&from=2026-12-01&to=2026-12-31", "month", "invalid_field"),
        ("from=2026-12-01", "to", "missing_field"),
        ("from=2026-12-01&until=2026-12-31", "until", "unknown_field"),
    ]:
        reply = days(agency, query)
        assert (reply.status, reply.json["error"]["field"], reply.json["error"]["code"]) == (400, field, code), query
    assert "at most 92 days" in days(agency, "from=2026-12-01&to=2027-03-03").json["error"]["message"]
    assert "either month, or from and to" in days(agency, "month=2026-12&from=2026-12-01").json["error"]["message"]


def test_a_range_answers_every_caller_as_the_month_does(system):
    agency = set_up(system)
    link_client(agency, "c1")
    for caller, (role, agency_id, person_id) in CALLERS.items():
        token = system.token(role, agency_id, person_id)
        month, december = days(agency, "month=2026-12", token), days(agency, "from=2026-12-01&to=2026-12-31", token)
        assert (december.status, december.json) == (month.status, month.json), caller
        assert december.status == {"an unlinked client": 404, "another agency's c1": 404}.get(caller, 200), caller
    assert days(agency, "from=2026-12-01&to=2026-12-31", system.token("client", "agency-b", "c1")).json == {
        "error": {"code": "not_found", "message": "No such worker."}}


def test_a_range_costs_no_more_dynamodb_calls_per_day_than_a_month(system, calls):
    agency = set_up(system)
    link_client(agency, "c1")
    client = system.token("client", "agency-a", "c1")
    per_day = {}
    for query, dates in [("month=2026-12", 31), ("from=2026-11-23&to=2027-02-22", 92),
                         ("from=2026-11-29&to=2026-12-12", 14), ("from=2027-06-01&to=2027-08-31", 92)]:
        calls.reset()
        assert len(ok(days(agency, query, client))["days"]) == dates
        assert set(calls.operations()) == {"Query"}, calls.by_operation()  # no Scan, no write
        per_day[query] = (calls.count("dynamodb"), calls.count("dynamodb") / dates)
    month_calls, month_per_day = per_day.pop("month=2026-12")
    assert month_calls == 3  # the worker, the agency, the reservations
    assert all(made <= month_calls for made, _ in per_day.values()), per_day  # 14 dates: no more than a month
    assert per_day["from=2026-11-23&to=2027-02-22"][1] <= month_per_day  # 92 dates: no more per date than 31
    assert per_day["from=2027-06-01&to=2027-08-31"][0] == 2  # all past the horizon: no reservation is read


def test_slots_of_a_day_are_in_utc_with_the_local_start(system):
    agency = set_up(system)
    assert ok(agency.slots("date=2026-11-25")) == {"slots": [
        {"start": "2026-11-25T18:00:00Z", "end": "2026-11-25T19:00:00Z", "site_id": agency.site,
         "local_start": "2026-11-25T13:00:00-05:00"},
        {"start": "2026-11-25T19:00:00Z", "end": "2026-11-25T20:00:00Z", "site_id": agency.site,
         "local_start": "2026-11-25T14:00:00-05:00"},
    ], "event_requests_enabled": True}
    assert agency.slot_starts("date=2026-11-23") == []  # today's Monday is within the 24 hours' notice


def test_a_range_of_slots_covers_both_ends_and_at_most_31_days(system):
    agency = set_up(system)
    assert len(agency.slot_starts("from=2026-12-01&to=2026-12-31")) == 4 * 3 + 5 * 2
    assert agency.slot_starts("from=2026-11-30&to=2026-11-30") == agency.slot_starts("date=2026-11-30")
    for query, field in [
        ("from=2026-12-01&to=2027-01-01", "to"),  # the other ranges: tests/domain/test_availability_ranges.py
        ("from=2026-12-01", "to"),
        ("date=2026-12-01&to=2026-12-02", "date"),
        ("day=2026-12-01", "day"),
    ]:
        reply = agency.slots(query)
        assert (reply.status, reply.json["error"]["field"]) == (400, field), query


def test_only_the_client_facing_type_makes_slots_and_settings_change_them(system):
    agency = set_up(system)
    monday = "date=2026-11-30"
    assert agency.slot_starts(monday) == ["2026-11-30T14:00:00Z", "2026-11-30T15:00:00Z", "2026-11-30T16:00:00Z"]
    ok(system.api.put(f"{BASE}/settings", token=agency.admin, json={"client_facing_type_id": agency.other_type,
                                                                     "version": 1}))
    assert agency.slot_starts(monday) == [f"2026-11-30T{h}:00:00Z" for h in (18, 19, 20, 21)]  # 13:00-17:00 local
    ok(system.api.put(f"{BASE}/settings", token=agency.admin, json={"slot_minutes": 90, "version": 2}))
    assert agency.slot_starts(monday) == ["2026-11-30T18:00:00Z", "2026-11-30T19:30:00Z"]


def test_notice_and_horizon_settings_bound_the_slots(system):
    agency = set_up(system)
    ok(system.api.put(f"{BASE}/settings", token=agency.admin, json={"min_notice_hours": 0, "horizon_days": 8,
                                                                     "version": 1}))
    assert agency.slot_starts("from=2026-11-23&to=2026-12-07") == [
        "2026-11-23T14:00:00Z", "2026-11-23T15:00:00Z", "2026-11-23T16:00:00Z",
        "2026-11-25T18:00:00Z", "2026-11-25T19:00:00Z",
        "2026-11-30T14:00:00Z", "2026-11-30T15:00:00Z", "2026-11-30T16:00:00Z",
    ]


def test_a_slot_query_makes_three_dynamodb_calls_and_no_scan(system, calls):
    agency = set_up(system)
    token = system.token("client", "agency-a", "c1")
    link_client(agency, "c1")
    for path in ("/slots?date=2026-11-30", "/slots?from=2026-12-01&to=2026-12-31", "/days?month=2026-12"):
        calls.reset()
        assert system.api.get(agency.worker_path(path), token=token).status == 200
        assert calls.count("dynamodb") <= 3, calls.by_operation()
        assert "Scan" not in calls.operations("dynamodb")
        assert set(calls.operations()) == {"Query"}


def requests_settings(agency_id: str, enabled: bool, version: int) -> str:
    """requests.settings.updated as requests' rule delivers it to availability's queue."""
    from portalkit.testing.messages import new_queue_message

    data = {"event_requests_enabled": enabled, "request_messages_enabled": True, "video_sessions_enabled": True,
            "service_requests_enabled": True, "max_open_requests": 3, "cancellation_window_hours": 24}
    return new_queue_message("requests.settings.updated", agency_id=agency_id, subject_id=agency_id,
                       subject_version=version, data=data)


def test_while_event_requests_are_off_clients_get_no_slots_and_are_told_why_and_staff_still_see_them(system):
    from infra.local.system import load_app

    consumer = load_app("availability").consumers.consumer
    agency = set_up(system)
    link_client(agency, "c1")
    client = system.token("client", "agency-a", "c1")
    assert consumer.handle_message(requests_settings("agency-a", False, 2)) == "applied"

    slots = ok(agency.slots("date=2026-11-30", token=client))
    assert slots == {"slots": [], "event_requests_enabled": False,
                     "notice": "The agency is not taking event requests at the moment, so no time can be requested."}
    days = ok(system.api.get(agency.worker_path("/days?month=2026-12"), token=client))
    assert (days["event_requests_enabled"], sum(d["open_slots"] for d in days["days"])) == (False, 0)
    assert days["notice"] == slots["notice"]
    assert ok(system.api.get(agency.worker_path("/days?from=2026-12-01&to=2026-12-31"), token=client)) == days
    for staff in (agency.worker, agency.admin):
        seen = ok(agency.slots("date=2026-11-30", token=staff))
        assert (len(seen["slots"]), seen["event_requests_enabled"]) == (3, False)
        assert seen["notice"].startswith("Event requests are switched off")
        month = ok(system.api.get(agency.worker_path("/days?month=2026-12"), token=staff))
        assert sum(d["open_slots"] for d in month["days"]) == 4 * 3 + 5 * 2
    other = ok(set_up(system, "agency-b").slots("date=2026-11-30", token=system.token("admin", "agency-b")))
    assert (len(other["slots"]), other["event_requests_enabled"]) == (3, True)  # another agency's switch

    assert consumer.handle_message(requests_settings("agency-a", True, 1)) == "applied"  # older: changes nothing
    assert ok(agency.slots("date=2026-11-30", token=client))["slots"] == []
    assert consumer.handle_message(requests_settings("agency-a", True, 3)) == "applied"
    back = ok(agency.slots("date=2026-11-30", token=client))
    assert (len(back["slots"]), back["event_requests_enabled"], "notice" in back) == (3, True, False)


# -- who may do what --------------------------------------------------------------------------------

CALLERS = {
    "the worker": ("worker", "agency-a", "w1"),
    "another worker": ("worker", "agency-a", "w2"),
    "an admin": ("admin", "agency-a", "admin-1"),
    "a linked client": ("client", "agency-a", "c1"),
    "an unlinked client": ("client", "agency-a", "c2"),
    "another agency's admin": ("admin", "agency-b", "admin-b"),
    "another agency's w1": ("worker", "agency-b", "w1"),
    "another agency's c1": ("client", "agency-b", "c1"),
}
# status of each caller; "empty" is 200 without any of agency-a's data.
MANAGE = {"the worker": 200, "another worker": 403, "an admin": 200, "a linked client": 403,
          "an unlinked client": 403, "another agency's admin": "empty", "another agency's w1": "empty",
          "another agency's c1": 403}
SEE = {"the worker": 200, "another worker": 200, "an admin": 200, "a linked client": 200,
       "an unlinked client": 404, "another agency's admin": "empty", "another agency's w1": "empty",
       "another agency's c1": 404}


def test_who_may_read_calendars_blocks_time_off_slots_and_days(system):
    agency = set_up(system)
    link_client(agency, "c1")
    ok(system.api.post(agency.worker_path("/time-off"), token=agency.worker,
                       json={"start": "2026-12-02T18:00:00Z", "end": "2026-12-02T19:00:00Z"}), 201)
    reads = {
        "/calendars": ("calendars", MANAGE),
        "/time-off": ("time_off", MANAGE),
        f"/calendars/{agency.calendar}/blocks": ("blocks", MANAGE),
        "/slots?from=2026-11-30&to=2026-12-06": ("slots", SEE),
    }
    for path, (key, expected) in reads.items():
        for caller, (role, agency_id, person_id) in CALLERS.items():
            reply = system.api.get(agency.worker_path(path), token=system.token(role, agency_id, person_id))
            want = expected[caller]
            if path.endswith("/blocks") and want == "empty":
                want = 404  # the calendar id does not exist in the other agency
            if want == "empty":
                assert (reply.status, reply.json[key]) == (200, []), (path, caller)
            else:
                assert reply.status == want, (path, caller, reply.body)
                if want == 200:
                    assert reply.json[key], (path, caller)
    for caller, (role, agency_id, person_id) in CALLERS.items():
        reply = system.api.get(agency.worker_path("/days?month=2026-12"), token=system.token(role, agency_id,
                                                                                               person_id))
        want = SEE[caller]
        if want == "empty":
            assert reply.status == 200 and not any(d["open_slots"] for d in reply.json["days"]), caller
        else:
            assert reply.status == want, (caller, reply.body)
            if want == 200:
                assert sum(d["open_slots"] for d in reply.json["days"]) == 4 * 3 + 5 * 2 - 1, caller


def test_who_may_change_calendars_blocks_and_time_off(system):
    agency = set_up(system)
    link_client(agency, "c1")
    for caller, (role, agency_id, person_id) in CALLERS.items():
        token = system.token(role, agency_id, person_id)
        n = list(CALLERS).index(caller)
        writes = [
            system.api.post(agency.worker_path("/calendars"), token=token,
                            json={"name": "Next", "start_date": f"2027-01-{n + 1:02d}"}),
            system.api.post(agency.worker_path("/time-off"), token=token,
                            json={"start": "2026-12-24T00:00:00Z", "end": "2026-12-26T00:00:00Z"}),
        ]
        block_writes = [
            system.api.post(agency.blocks_path(), token=token, json=agency.block("saturday", f"{n:02d}:00",
                                                                                  f"{n:02d}:30")),
            system.api.put(f"{agency.blocks_path()}/{agency.blocks['wednesday']}", token=token,
                           json=agency.block("wednesday", "13:00", "15:00")),
        ]
        expected = MANAGE[caller]
        if expected == "empty":  # writes in another agency land there, never in agency-a
            assert [r.status for r in writes] == [201, 201], caller
            assert [r.status for r in block_writes] == [404, 404], caller
        else:
            want_created = 201 if expected == 200 else expected
            assert [r.status for r in writes + block_writes] == [want_created, want_created, want_created,
                                                                  expected], caller
    calendars = ok(system.api.get(agency.worker_path("/calendars"), token=agency.admin))["calendars"]
    assert [c["start_date"] for c in calendars] == ["2026-11-01", "2027-01-01", "2027-01-03"]
    assert ok(system.api.get(agency.blocks_path(), token=agency.admin))["blocks"][-2:] == [
        {**agency.block("saturday", "00:00", "00:30"), "block_id": ANY},
        {**agency.block("saturday", "02:00", "02:30"), "block_id": ANY},
    ]


def test_a_calendar_or_time_off_of_another_agency_cannot_be_deleted(system):
    agency = set_up(system)
    time_off = ok(system.api.post(agency.worker_path("/time-off"), token=agency.worker,
                                  json={"start": "2026-12-24T00:00:00Z", "end": "2026-12-26T00:00:00Z"}), 201)
    winter = ok(system.api.post(agency.worker_path("/calendars"), token=agency.worker,
                                json={"name": "Winter", "start_date": "2026-12-07"}), 201)["calendar_id"]
    for token in (system.token("admin", "agency-b"), system.token("worker", "agency-b", "w1")):
        assert system.api.delete(agency.worker_path(f"/calendars/{winter}"), token=token).status == 404
        assert system.api.delete(agency.worker_path(f"/time-off/{time_off['time_off_id']}"), token=token).status \
            == 404
        assert system.api.delete(f"{agency.blocks_path()}/{agency.blocks['monday']}", token=token).status == 404
    assert system.api.delete(agency.worker_path(f"/calendars/{winter}"), token=system.token("worker", "agency-a",
                                                                                             "w2")).status == 403
    assert system.api.delete(agency.worker_path(f"/time-off/{time_off['time_off_id']}"),
                             token=system.token("client", "agency-a", "w1")).status == 403
