"""A calendar's weekly blocks: a day, from and to, a type and a site; every write is conditional on the calendar's
version, so two editors never overlap blocks unseen."""

from __future__ import annotations

from portalkit.errors import NotFound, changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit, new_id

from . import domain, models
from .calendars import load_calendar
from .models import SERVICE, BlockItem, CalendarItem, SiteItem, TypeItem, in_use

MAX_BLOCKS_PER_CALENDAR = 90  # copying or deleting a calendar writes all its blocks in one transaction (100 items)


def _block_view(block: domain.Block) -> dict:
    return {"block_id": block.block_id, "day": domain.DAYS[block.day], "from": domain.format_clock(block.start),
            "to": domain.format_clock(block.end), "type_id": block.type_id, "site_id": block.site_id}


def list_blocks(who: Identity, worker_id: str, calendar_id: str) -> dict:
    domain.may_manage(who, worker_id)
    worker = models.load_worker(who.agency_id, worker_id)
    if not any(c.calendar_id == calendar_id for c in worker.calendars):
        raise NotFound(f"No calendar {calendar_id}.")
    blocks = sorted(worker.blocks.get(calendar_id, ()), key=lambda b: (b.day, b.start, b.block_id))
    return {"blocks": [_block_view(b) for b in blocks]}


def _calendar_blocks(who: Identity, worker_id: str, calendar_id: str) -> tuple[int, list[domain.Block]]:
    """The calendar's version, then its blocks: a write conditional on that version saw every block before it."""
    _, version = load_calendar(who.agency_id, worker_id, calendar_id)
    return version, models.load_worker(who.agency_id, worker_id).blocks.get(calendar_id, [])


def _write_block(who: Identity, worker_id: str, calendar_id: str, version: int, block: domain.Block | None = None,
                 deleted: domain.Block | None = None, taking: tuple[str | None, str | None] = (None, None)) -> None:
    """Save or delete one block, bumping the calendar's version on condition that it is still the one read;
    `taking` = the (type, site) the block newly takes, each on condition that it is not retired meanwhile."""

    def write(tx: Transaction) -> None:
        type_id, site_id = taking
        if type_id is not None:
            tx.condition_check(TypeItem, *TypeItem.key(who.agency_id, type_id), condition=in_use(TypeItem))
        if site_id is not None:
            tx.condition_check(SiteItem, *SiteItem.key(who.agency_id, site_id), condition=in_use(SiteItem))
        calendar = CalendarItem(*CalendarItem.key(who.agency_id, worker_id, calendar_id))
        tx.update(calendar, actions=[CalendarItem.version.set(version + 1)], condition=CalendarItem.version == version)
        if block is not None:
            tx.save(BlockItem.of(who.agency_id, worker_id, block))
        if deleted is not None:
            tx.delete(BlockItem.of(who.agency_id, worker_id, deleted))

    commit(SERVICE, write, changed("calendar (or the type or site chosen)" if any(taking) else "calendar"))


def save_block(who: Identity, worker_id: str, calendar_id: str, block_id: str | None, fields: dict) -> dict:
    """Add a block (no `block_id`) or replace one; it may not overlap another block of its calendar and day."""
    domain.may_manage(who, worker_id)
    agency = models.load_agency(who.agency_id)
    version, siblings = _calendar_blocks(who, worker_id, calendar_id)
    if block_id is None:
        domain.check_room_for_block(len(siblings), MAX_BLOCKS_PER_CALENDAR)
        block_id = new_id()
    elif not any(b.block_id == block_id for b in siblings):
        raise NotFound(f"No block {block_id}.")
    before = next((b for b in siblings if b.block_id == block_id), None)
    block = domain.Block(block_id=block_id, calendar_id=calendar_id, **fields)
    new_type, new_site = domain.check_block_takes(block, before, agency.types, agency.sites)
    domain.check_block(block, siblings)
    _write_block(who, worker_id, calendar_id, version, block=block, taking=(new_type, new_site))
    return _block_view(block)


def delete_block(who: Identity, worker_id: str, calendar_id: str, block_id: str) -> None:
    domain.may_manage(who, worker_id)
    version, blocks = _calendar_blocks(who, worker_id, calendar_id)
    block = next((b for b in blocks if b.block_id == block_id), None)
    if block is None:
        raise NotFound(f"No block {block_id}.")
    _write_block(who, worker_id, calendar_id, version, deleted=block)
