"""Use cases of the availability service: load, decide, commit (with events) in one transaction."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from . import domain
from .models import (
    WORKER_CONFIG_RANGE,
    BlockItem,
    CalendarItem,
    Item,
    MemberItem,
    ReservationItem,
    SettingsItem,
    SiteItem,
    TimeOffItem,
    TypeItem,
    agency_pk,
    worker_pk,
)

SERVICE = "availability"
WINDOW_MARGIN_SECONDS = 2 * domain.DAY_SECONDS  # local dates reach at most 14 h either side of UTC; holds are short


def now() -> int:
    """The current time in epoch seconds; tests replace it to stand on a chosen day."""
    return int(time.time())


@dataclass
class AgencyConfig:
    settings: domain.Settings
    types: dict[str, domain.AvailabilityType]
    sites: dict[str, domain.Site]


@dataclass
class WorkerConfig:
    calendars: list[domain.Calendar]
    blocks: dict[str, list[domain.Block]]
    time_off: list[domain.TimeOff]
    members: dict[str, set[str]]  # client_id -> ids of services linking the client to this worker


def load_agency(agency_id: str) -> AgencyConfig:
    """Settings, types and sites: one Query of the agency partition."""
    settings, types, sites = domain.Settings(), {}, {}
    for item in _query(agency_pk(agency_id)):
        if item.sk == "SETTINGS":
            settings = _as(SettingsItem, item).to_domain()
        elif item.sk.startswith("TYPE#"):
            t = _as(TypeItem, item).to_domain()
            types[t.type_id] = t
        elif item.sk.startswith("SITE#"):
            s = _as(SiteItem, item).to_domain()
            sites[s.site_id] = s
    return AgencyConfig(settings, types, sites)


def load_worker(agency_id: str, worker_id: str) -> WorkerConfig:
    """Calendars, blocks, client links and time off: one Query of the worker partition."""
    config = WorkerConfig([], {}, [], {})
    low, high = WORKER_CONFIG_RANGE
    for item in _query(worker_pk(agency_id, worker_id), Item.sk.between(low, high)):
        if item.sk.startswith("CAL#") and "#BLK#" in item.sk:
            block = _as(BlockItem, item).to_domain()
            config.blocks.setdefault(block.calendar_id, []).append(block)
        elif item.sk.startswith("CAL#"):
            config.calendars.append(_as(CalendarItem, item).to_domain())
        elif item.sk.startswith("MEMBER#"):
            service_ids = set(_as(MemberItem, item).service_ids or ())
            if service_ids:
                config.members[item.sk.removeprefix("MEMBER#")] = service_ids
        elif item.sk.startswith("OFF#"):
            config.time_off.append(_as(TimeOffItem, item).to_domain())
    return config


def load_reservations(agency_id: str, worker_id: str, start: int, end: int) -> list[domain.Reservation]:
    """Holds and bookings starting within [start, end): one Query (range key sorts by start time)."""
    condition = ReservationItem.sk.between(f"RES#{domain.iso(start)}", f"RES#{domain.iso(end)}~")
    return [item.to_domain() for item in ReservationItem.query(worker_pk(agency_id, worker_id), condition,
                                                                consistent_read=True)]


def load_schedule(agency: AgencyConfig, worker: WorkerConfig, agency_id: str, worker_id: str,
                  first: date, last: date) -> domain.WorkerSchedule:
    """The schedule for local dates first..last, with the reservations that could overlap them."""
    start = domain.day_number(first) * domain.DAY_SECONDS - WINDOW_MARGIN_SECONDS
    end = (domain.day_number(last) + 1) * domain.DAY_SECONDS + WINDOW_MARGIN_SECONDS
    return domain.WorkerSchedule(
        settings=agency.settings, sites=agency.sites, calendars=worker.calendars, blocks=worker.blocks,
        time_off=worker.time_off, reservations=load_reservations(agency_id, worker_id, start, end),
    )


@dataclass
class _Raw:
    """An item of a mixed-kind Query, before it is read as its own class."""

    sk: str
    data: dict


def _query(pk: str, range_condition=None):
    """Every item of a partition (or a range of it), raw: one Query returns several kinds of item."""
    table = Item._get_connection()
    start_key = None
    while True:
        page = table.query(pk, range_key_condition=range_condition, consistent_read=True,
                           exclusive_start_key=start_key)
        for data in page.get("Items", []):
            yield _Raw(sk=data["sk"]["S"], data=data)
        start_key = page.get("LastEvaluatedKey")
        if not start_key:
            return


def _as(model: type[Item], raw: _Raw) -> Item:
    return model.from_raw_data(raw.data)
