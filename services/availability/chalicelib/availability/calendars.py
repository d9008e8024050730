"""A worker's calendars: each decides the worker's week from its start date on; no two of a worker's share a start."""

from __future__ import annotations

from datetime import date

from msgspec.structs import replace

from portalkit import clock
from portalkit.errors import NotFound, changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit, new_id

from . import domain, models
from .models import SERVICE, BlockItem, CalendarItem, CalendarStartItem


def today(settings: domain.Settings) -> date:
    """Today's date in the agency's time zone: it decides which calendar is in effect."""
    return domain.agency_today(settings.timezone, clock.now())


def load_calendar(agency_id: str, worker_id: str, calendar_id: str) -> tuple[domain.Calendar, int]:
    """A calendar and its version (404 if the worker has no such calendar)."""
    found = models.load_calendar(agency_id, worker_id, calendar_id)
    if found is None:
        raise NotFound(f"No calendar {calendar_id}.")
    return found


def _calendar_view(calendar: domain.Calendar, in_effect: domain.Calendar | None, today: date, version: int) -> dict:
    status = domain.calendar_status(calendar, in_effect, today)
    return {"calendar_id": calendar.calendar_id, "name": calendar.name, "start_date": calendar.start_date.isoformat(),
            "status": status, "in_effect": status == domain.IN_EFFECT, "version": version}


def list_calendars(who: Identity, worker_id: str) -> dict:
    domain.may_manage(who, worker_id)
    agency = models.load_agency(who.agency_id)
    worker = models.load_worker(who.agency_id, worker_id)
    day = today(agency.settings)
    in_effect = domain.calendar_in_effect(worker.calendars, day)
    calendars = sorted(worker.calendars, key=lambda c: (c.start_date, c.calendar_id))
    return {"calendars": [{**_calendar_view(c, in_effect, day, worker.calendar_versions[c.calendar_id]),
                           "block_count": len(worker.blocks.get(c.calendar_id, ()))} for c in calendars]}


def _start_claim(agency_id: str, worker_id: str, calendar: domain.Calendar) -> CalendarStartItem:
    return CalendarStartItem(*CalendarStartItem.key(agency_id, worker_id, calendar.start_date),
                             calendar_id=calendar.calendar_id)


def _start_taken(start_date: date) -> domain.StartDateTaken:
    return domain.StartDateTaken("start_date", f"Another calendar of this worker starts on {start_date.isoformat()}.")


def add_calendar(who: Identity, worker_id: str, name: str, start_date: date, copy_from: str | None) -> dict:
    """A new calendar from today on, empty or with copies of another's blocks; no two of a worker's share a start."""
    domain.may_manage(who, worker_id)
    agency = models.load_agency(who.agency_id)
    day = today(agency.settings)
    domain.check_start_date(start_date, day)
    source_version = None
    if copy_from is not None:
        found = models.load_calendar(who.agency_id, worker_id, copy_from)
        if found is None:
            raise domain.InvalidField("copy_from", f"No calendar {copy_from} of this worker.")
        _, source_version = found
    worker = models.load_worker(who.agency_id, worker_id)  # after the source's version: the copy sees all blocks
    calendar = domain.Calendar(calendar_id=new_id(), name=name, start_date=start_date)
    blocks = domain.copy_blocks(worker.blocks.get(copy_from, ()), calendar.calendar_id, new_id) if copy_from else []
    claim = {}

    def write(tx: Transaction) -> None:
        if copy_from is not None:
            key = CalendarItem.key(who.agency_id, worker_id, copy_from)
            tx.condition_check(CalendarItem, *key, condition=CalendarItem.version == source_version)
        tx.save(CalendarItem.of(who.agency_id, worker_id, calendar), condition=CalendarItem.pk.does_not_exist())
        claim["put"] = tx.save_tracked(_start_claim(who.agency_id, worker_id, calendar),
                                       condition=CalendarStartItem.pk.does_not_exist())
        for block in blocks:
            tx.save(BlockItem.of(who.agency_id, worker_id, block))

    commit(SERVICE, write, lambda lost: _start_taken(start_date) if lost(claim["put"]) else changed("calendar to copy"))
    in_effect = domain.calendar_in_effect([*worker.calendars, calendar], day)
    return _calendar_view(calendar, in_effect, day, 0)


def update_calendar(who: Identity, worker_id: str, calendar_id: str, changes: dict, expected_version: int) -> dict:
    """Rename any calendar; move an upcoming one's start to another free date from today on (its claim moves along)."""
    domain.may_manage(who, worker_id)
    agency = models.load_agency(who.agency_id)
    day = today(agency.settings)
    calendar, version = load_calendar(who.agency_id, worker_id, calendar_id)
    worker = models.load_worker(who.agency_id, worker_id)
    if expected_version != version:
        raise changed("calendar")
    updated = replace(calendar, **changes)
    moved = updated.start_date != calendar.start_date
    if moved:
        domain.check_start_movable(calendar, day)
        domain.check_start_date(updated.start_date, day)
    claim = {}

    def write(tx: Transaction) -> None:
        item = CalendarItem(*CalendarItem.key(who.agency_id, worker_id, calendar_id))
        tx.update(item, actions=[CalendarItem.name.set(updated.name),
                                 CalendarItem.start_date.set(updated.start_date.isoformat()),
                                 CalendarItem.version.set(version + 1)],
                  condition=CalendarItem.version == version)
        if moved:  # the old claim is this calendar's: its version says the start date is still the one read
            tx.delete(_start_claim(who.agency_id, worker_id, calendar))
            claim["put"] = tx.save_tracked(_start_claim(who.agency_id, worker_id, updated),
                                           condition=CalendarStartItem.pk.does_not_exist())

    commit(SERVICE, write, lambda lost: _start_taken(updated.start_date) if moved and lost(claim["put"])
           else changed("calendar"))
    others = [c for c in worker.calendars if c.calendar_id != calendar_id]
    in_effect = domain.calendar_in_effect([*others, updated], day)
    return _calendar_view(updated, in_effect, day, version + 1)


def delete_calendar(who: Identity, worker_id: str, calendar_id: str) -> None:
    """An upcoming calendar, or one a later calendar already replaced, can go with its blocks; not the one in effect."""
    domain.may_manage(who, worker_id)
    agency = models.load_agency(who.agency_id)
    calendar, version = load_calendar(who.agency_id, worker_id, calendar_id)
    worker = models.load_worker(who.agency_id, worker_id)
    day = today(agency.settings)
    in_effect = domain.calendar_in_effect(worker.calendars, day)
    domain.check_deletable(calendar, in_effect, day)
    replaced = domain.calendar_status(calendar, in_effect, day) == domain.REPLACED
    blocks = worker.blocks.get(calendar_id, ())

    def write(tx: Transaction) -> None:
        if replaced:  # what replaces it must still start when it was read (only an upcoming start can move)
            key = CalendarItem.key(who.agency_id, worker_id, in_effect.calendar_id)
            tx.condition_check(CalendarItem, *key,
                               condition=CalendarItem.start_date == in_effect.start_date.isoformat())
        tx.delete(CalendarItem.of(who.agency_id, worker_id, calendar), condition=CalendarItem.version == version)
        tx.delete(_start_claim(who.agency_id, worker_id, calendar))
        for block in blocks:
            tx.delete(BlockItem.of(who.agency_id, worker_id, block))

    commit(SERVICE, write, changed("calendar"))
