"""Use cases of the availability service: load, decide, commit (with events) in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from msgspec.structs import asdict, replace
from pynamodb.exceptions import DoesNotExist

from portalkit import clock, store, times
from portalkit.errors import BadRequest, Conflict, Forbidden, NotFound, PortalError, changed
from portalkit.identity import ADMIN, CLIENT, WORKER, Identity
from portalkit.store import Transaction, commit, new_id

from . import domain
from .models import (
    WORKER_CONFIG_RANGE,
    BlockItem,
    CalendarItem,
    CalendarStartItem,
    Item,
    MemberItem,
    RequestSettingsItem,
    ReservationItem,
    SettingsItem,
    SiteItem,
    TimeOffItem,
    TypeItem,
    TypeNameItem,
    agency_pk,
    at_version,
    in_use,
    worker_pk,
)
from .schemas import SettingsUpdated, SiteUpdated

SERVICE = "availability"
WINDOW_MARGIN_SECONDS = 2 * domain.DAY_SECONDS  # local dates reach at most 14 h either side of UTC; holds are short


@dataclass
class AgencyConfig:
    settings: domain.Settings
    types: dict[str, domain.AvailabilityType]
    sites: dict[str, domain.Site]
    event_requests_enabled: bool = True  # requests' switch (as its events last said); on until told otherwise


@dataclass
class WorkerConfig:
    calendars: list[domain.Calendar]
    blocks: dict[str, list[domain.Block]]
    time_off: list[domain.TimeOff]
    members: dict[str, set[str]]  # client_id -> ids of services linking the client to this worker
    calendar_versions: dict[str, int] = field(default_factory=dict)


def load_agency(agency_id: str) -> AgencyConfig:
    """Settings, types, sites and requests' switch: one Query of the agency partition."""
    settings, types, sites, enabled = domain.Settings(), {}, {}, True
    for item in _query(agency_pk(agency_id)):
        if item.sk == "SETTINGS":
            settings = _as(SettingsItem, item).to_domain()
        elif item.sk.startswith("TYPE#"):
            t = _as(TypeItem, item).to_domain()
            types[t.type_id] = t
        elif item.sk.startswith("SITE#"):
            s = _as(SiteItem, item).to_domain()
            sites[s.site_id] = s
        elif item.sk == "REQUESTS_SETTINGS":
            enabled = bool(_as(RequestSettingsItem, item).event_requests_enabled)
    return AgencyConfig(settings, types, sites, enabled)


def load_worker(agency_id: str, worker_id: str) -> WorkerConfig:
    """Calendars, blocks, client links and time off: one Query of the worker partition."""
    config = WorkerConfig([], {}, [], {})
    low, high = WORKER_CONFIG_RANGE
    for item in _query(worker_pk(agency_id, worker_id), Item.sk.between(low, high)):
        if item.sk.startswith("CAL#") and "#BLK#" in item.sk:
            block = _as(BlockItem, item).to_domain()
            config.blocks.setdefault(block.calendar_id, []).append(block)
        elif item.sk.startswith("CAL#"):
            calendar = _as(CalendarItem, item)
            config.calendars.append(calendar.to_domain())
            config.calendar_versions[calendar.sk.removeprefix("CAL#")] = int(calendar.version)
        elif item.sk.startswith("MEMBER#"):
            service_ids = set(_as(MemberItem, item).service_ids or ())
            if service_ids:
                config.members[item.sk.removeprefix("MEMBER#")] = service_ids
        elif item.sk.startswith("OFF#"):
            config.time_off.append(_as(TimeOffItem, item).to_domain())
    return config


def load_reservations(agency_id: str, worker_id: str, start: int, end: int) -> list[domain.Reservation]:
    """Holds and bookings starting within [start, end): one Query (range key sorts by start time)."""
    condition = ReservationItem.sk.between(f"RES#{times.iso(start)}", f"RES#{times.iso(end)}~")
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
    for data in store.query_all_raw(Item, pk, range_condition):
        yield _Raw(sk=data["sk"]["S"], data=data)


def _as(model: type[Item], raw: _Raw) -> Item:
    return model.from_raw_data(raw.data)


# -- the API's use cases: settings, types, sites, calendars, blocks, time off, slots ----------------

MAX_BLOCKS_PER_CALENDAR = 90  # copying or deleting a calendar writes all its blocks in one transaction (100 items)


def today(settings: domain.Settings) -> date:
    """Today's date in the agency's time zone: it decides which calendar is in effect."""
    return datetime.fromtimestamp(clock.now(), domain.zone(settings.timezone)).date()


def may_manage(who: Identity, worker_id: str) -> None:
    """A worker's calendars and time off are theirs and their agency's admins' to read and change."""
    if not (who.role == ADMIN or (who.role == WORKER and who.person_id == worker_id)):
        raise Forbidden("Only the worker or an admin can see or change this worker's availability.")


def may_see_slots(who: Identity, worker: WorkerConfig) -> None:
    """Staff see every worker's slots; a client only those of a worker a service links them to."""
    if who.role == CLIENT and who.person_id not in worker.members:
        raise NotFound("No such worker.")


# settings, types and sites


def get_settings(who: Identity) -> dict:
    return asdict(load_agency(who.agency_id).settings)


def update_settings(who: Identity, changes: dict, expected_version: int) -> dict:
    """Change some settings from the version the admin read; the write is conditional on it (no last write wins)."""
    agency = load_agency(who.agency_id)
    current = agency.settings
    if expected_version != current.version:
        raise changed("settings")
    facing = changes.get("client_facing_type_id")
    choosing = facing is not None and facing != current.client_facing_type_id
    if choosing and facing not in agency.types:
        raise BadRequest("client_facing_type_id", f"No availability type {facing}.")
    if choosing and agency.types[facing].retired:
        raise BadRequest("client_facing_type_id", f"The type {agency.types[facing].name} is retired.")
    settings = replace(current, **changes, version=current.version + 1)
    unchanged = SettingsItem.pk.does_not_exist() if current.version == 0 else SettingsItem.version == current.version
    data = asdict(settings)
    del data["version"]  # the envelope's subject_version
    published = SettingsUpdated.of(data).envelope(agency_id=who.agency_id, subject_id=who.agency_id,
                                                  subject_version=settings.version)

    def write(tx: Transaction) -> None:
        if choosing:  # a type retired meanwhile cannot become client-facing
            tx.condition_check(TypeItem, *TypeItem.key(who.agency_id, facing), condition=in_use(TypeItem))
        tx.save(SettingsItem.of(who.agency_id, settings), condition=unchanged)
        tx.publish(published)  # the others learn the agency's time zone from it

    commit(SERVICE, write, changed("settings (or the type chosen)"))
    return asdict(settings)


def _types_view(types) -> list[dict]:
    """Types by name, retired ones included (they say so): blocks may still have them."""
    return [asdict(t) for t in sorted(types, key=lambda t: (t.name.casefold(), t.type_id))]


def add_type(who: Identity, name: str, color: str) -> dict:
    """A new type, under a name no other type of the agency has (the name claim decides a race)."""
    agency = load_agency(who.agency_id)
    kind = domain.AvailabilityType(type_id=new_id(), name=domain.check_type_name(name, agency.types.values()),
                                   color=domain.check_color(color))
    claim = {}

    def write(tx: Transaction) -> None:
        tx.save(TypeItem.of(who.agency_id, kind), condition=TypeItem.pk.does_not_exist())
        claim["put"] = tx.save_tracked(TypeNameItem(*TypeNameItem.key(who.agency_id, kind.name), type_id=kind.type_id),
                                       condition=TypeNameItem.pk.does_not_exist())

    commit(SERVICE, write, lambda lost: domain.name_taken(name) if lost(claim["put"]) else Conflict("Try again."))
    return asdict(kind)


def update_type(who: Identity, type_id: str, changes: dict, expected_version: int) -> dict:
    """Rename, recolour, retire or bring back a type, from the version read; its name claim moves with its name."""
    agency = load_agency(who.agency_id)
    current = agency.types.get(type_id)
    if current is None:
        raise NotFound(f"No availability type {type_id}.")
    if expected_version != current.version:
        raise changed("type")
    if "name" in changes:
        changes["name"] = domain.check_type_name(changes["name"], agency.types.values(), type_id)
    if "color" in changes:
        changes["color"] = domain.check_color(changes["color"])
    if changes.get("retired") and not current.retired:
        domain.check_retirable(type_id, agency.settings)
    updated = replace(current, **changes, version=current.version + 1)
    renamed = domain.name_key(updated.name) != domain.name_key(current.name)
    claim = {}

    def write(tx: Transaction) -> None:
        if updated.retired and not current.retired:  # not while it is (or meanwhile became) client-facing
            tx.condition_check(SettingsItem, *SettingsItem.key(who.agency_id), condition=(
                SettingsItem.pk.does_not_exist() | SettingsItem.client_facing_type_id.does_not_exist()
                | (SettingsItem.client_facing_type_id != type_id)))
        if renamed:
            tx.delete(TypeNameItem(*TypeNameItem.key(who.agency_id, current.name)))  # absent for older types
            claim["put"] = tx.save_tracked(
                TypeNameItem(*TypeNameItem.key(who.agency_id, updated.name), type_id=type_id),
                condition=TypeNameItem.pk.does_not_exist())
        tx.save(TypeItem.of(who.agency_id, updated), condition=at_version(TypeItem, current.version))

    def conflict(lost: store.Lost) -> PortalError:
        if renamed and lost(claim["put"]):
            return domain.name_taken(updated.name)
        return changed("type (or the client-facing type)")

    commit(SERVICE, write, conflict)
    return asdict(updated)


def list_types(who: Identity) -> dict:
    return {"types": _types_view(load_agency(who.agency_id).types.values())}


def site_updated(agency_id: str, site: domain.Site):
    """`availability.site.updated`: the site's whole state, for the services that say where an event is."""
    data = {name: value for name, value in asdict(site).items() if name != "version"}
    return SiteUpdated.of(data).envelope(agency_id=agency_id, subject_id=site.site_id, subject_version=site.version)


def add_site(who: Identity, name: str, timezone: str, address: str | None = None) -> dict:
    site = domain.Site(site_id=new_id(), name=domain.clean_name(name), timezone=timezone,
                       address=domain.clean_address(address))

    def write(tx: Transaction) -> None:
        tx.save(SiteItem.of(who.agency_id, site), condition=SiteItem.pk.does_not_exist())
        tx.publish(site_updated(who.agency_id, site))

    commit(SERVICE, write, Conflict("The site id is taken; try again."))
    return asdict(site)


def update_site(who: Identity, site_id: str, changes: dict, expected_version: int) -> dict:
    """Rename, retire or bring back a site, from the version read; its time zone stays (see `domain.Site`)."""
    current = load_agency(who.agency_id).sites.get(site_id)
    if current is None:
        raise NotFound(f"No site {site_id}.")
    if expected_version != current.version:
        raise changed("site")
    timezone = changes.pop("timezone", current.timezone)
    if timezone != current.timezone:
        raise Conflict(
            "A site's time zone cannot change: every block at the site would move to other times at once, while "
            "the requests and events already made there stay. Add a site in the right zone, move the blocks to it "
            "and retire this one.", code="timezone_fixed", field="timezone")
    if "name" in changes:
        changes["name"] = domain.clean_name(changes["name"])
    if "address" in changes:
        changes["address"] = domain.clean_address(changes["address"])
    updated = replace(current, **changes, version=current.version + 1)

    def write(tx: Transaction) -> None:
        tx.save(SiteItem.of(who.agency_id, updated), condition=at_version(SiteItem, current.version))
        tx.publish(site_updated(who.agency_id, updated))

    commit(SERVICE, write, changed("site"))
    return asdict(updated)


def list_sites(who: Identity) -> dict:
    sites = load_agency(who.agency_id).sites.values()
    return {"sites": [asdict(s) for s in sorted(sites, key=lambda s: (s.name.casefold(), s.site_id))]}


# calendars


def _calendar_view(calendar: domain.Calendar, in_effect: domain.Calendar | None, today: date, version: int) -> dict:
    status = domain.calendar_status(calendar, in_effect, today)
    return {"calendar_id": calendar.calendar_id, "name": calendar.name, "start_date": calendar.start_date.isoformat(),
            "status": status, "in_effect": status == domain.IN_EFFECT, "version": version}


def load_calendar(agency_id: str, worker_id: str, calendar_id: str) -> tuple[domain.Calendar, int]:
    """A calendar and its version (404 if the worker has no such calendar)."""
    try:
        item = CalendarItem.get(*CalendarItem.key(agency_id, worker_id, calendar_id), consistent_read=True)
    except DoesNotExist:
        raise NotFound(f"No calendar {calendar_id}.") from None
    return item.to_domain(), int(item.version)


def list_calendars(who: Identity, worker_id: str) -> dict:
    may_manage(who, worker_id)
    agency = load_agency(who.agency_id)
    worker = load_worker(who.agency_id, worker_id)
    day = today(agency.settings)
    in_effect = domain.calendar_in_effect(worker.calendars, day)
    calendars = sorted(worker.calendars, key=lambda c: (c.start_date, c.calendar_id))
    return {"calendars": [{**_calendar_view(c, in_effect, day, worker.calendar_versions[c.calendar_id]),
                           "block_count": len(worker.blocks.get(c.calendar_id, ()))} for c in calendars]}


def _start_claim(agency_id: str, worker_id: str, calendar: domain.Calendar) -> CalendarStartItem:
    return CalendarStartItem(*CalendarStartItem.key(agency_id, worker_id, calendar.start_date),
                             calendar_id=calendar.calendar_id)


def _start_taken(start_date: date) -> BadRequest:
    return BadRequest("start_date", f"Another calendar of this worker starts on {start_date.isoformat()}.",
                      code="start_date_taken")


def add_calendar(who: Identity, worker_id: str, name: str, start_date: date, copy_from: str | None) -> dict:
    """A new calendar from today on, empty or with copies of another's blocks; no two of a worker's share a start."""
    may_manage(who, worker_id)
    agency = load_agency(who.agency_id)
    day = today(agency.settings)
    domain.check_start_date(start_date, day)
    source_version = None
    if copy_from is not None:
        try:
            _, source_version = load_calendar(who.agency_id, worker_id, copy_from)
        except NotFound:
            raise BadRequest("copy_from", f"No calendar {copy_from} of this worker.") from None
    worker = load_worker(who.agency_id, worker_id)  # after the source's version: the copy sees all blocks before it
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
    may_manage(who, worker_id)
    agency = load_agency(who.agency_id)
    day = today(agency.settings)
    calendar, version = load_calendar(who.agency_id, worker_id, calendar_id)
    worker = load_worker(who.agency_id, worker_id)
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
    may_manage(who, worker_id)
    agency = load_agency(who.agency_id)
    calendar, version = load_calendar(who.agency_id, worker_id, calendar_id)
    worker = load_worker(who.agency_id, worker_id)
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


# blocks


def _block_view(block: domain.Block) -> dict:
    return {"block_id": block.block_id, "day": domain.DAYS[block.day], "from": domain.format_clock(block.start),
            "to": domain.format_clock(block.end), "type_id": block.type_id, "site_id": block.site_id}


def list_blocks(who: Identity, worker_id: str, calendar_id: str) -> dict:
    may_manage(who, worker_id)
    worker = load_worker(who.agency_id, worker_id)
    if not any(c.calendar_id == calendar_id for c in worker.calendars):
        raise NotFound(f"No calendar {calendar_id}.")
    blocks = sorted(worker.blocks.get(calendar_id, ()), key=lambda b: (b.day, b.start, b.block_id))
    return {"blocks": [_block_view(b) for b in blocks]}


def _calendar_blocks(who: Identity, worker_id: str, calendar_id: str) -> tuple[int, list[domain.Block]]:
    """The calendar's version, then its blocks: a write conditional on that version saw every block before it."""
    _, version = load_calendar(who.agency_id, worker_id, calendar_id)
    return version, load_worker(who.agency_id, worker_id).blocks.get(calendar_id, [])


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
    may_manage(who, worker_id)
    agency = load_agency(who.agency_id)
    version, siblings = _calendar_blocks(who, worker_id, calendar_id)
    if block_id is None:
        if len(siblings) >= MAX_BLOCKS_PER_CALENDAR:
            raise Conflict(f"A calendar has at most {MAX_BLOCKS_PER_CALENDAR} blocks.", code="too_many_blocks")
        block_id = new_id()
    elif not any(b.block_id == block_id for b in siblings):
        raise NotFound(f"No block {block_id}.")
    before = next((b for b in siblings if b.block_id == block_id), None)
    block = domain.Block(block_id=block_id, calendar_id=calendar_id, **fields)
    if block.type_id not in agency.types:
        raise BadRequest("type_id", f"No availability type {block.type_id}.")
    if block.site_id not in agency.sites:
        raise BadRequest("site_id", f"No site {block.site_id}.")
    # A retired type or site is offered for no new block; a block that has one may keep it.
    new_type = block.type_id if before is None or before.type_id != block.type_id else None
    new_site = block.site_id if before is None or before.site_id != block.site_id else None
    if new_type is not None and agency.types[new_type].retired:
        raise BadRequest("type_id", f"The type {agency.types[new_type].name} is retired.", code="retired")
    if new_site is not None and agency.sites[new_site].retired:
        raise BadRequest("site_id", f"The site {agency.sites[new_site].name} is retired.", code="retired")
    domain.check_block(block, siblings)
    _write_block(who, worker_id, calendar_id, version, block=block, taking=(new_type, new_site))
    return _block_view(block)


def delete_block(who: Identity, worker_id: str, calendar_id: str, block_id: str) -> None:
    may_manage(who, worker_id)
    version, blocks = _calendar_blocks(who, worker_id, calendar_id)
    block = next((b for b in blocks if b.block_id == block_id), None)
    if block is None:
        raise NotFound(f"No block {block_id}.")
    _write_block(who, worker_id, calendar_id, version, deleted=block)


# time off


def _time_off_view(t: domain.TimeOff) -> dict:
    return {"time_off_id": t.time_off_id, "start": times.iso(t.start), "end": times.iso(t.end), "reason": t.reason}


def list_time_off(who: Identity, worker_id: str) -> dict:
    may_manage(who, worker_id)
    time_off = sorted(load_worker(who.agency_id, worker_id).time_off, key=lambda t: (t.start, t.time_off_id))
    return {"time_off": [_time_off_view(t) for t in time_off]}


def add_time_off(who: Identity, worker_id: str, start: int, end: int, reason: str | None) -> dict:
    may_manage(who, worker_id)
    time_off = domain.TimeOff(time_off_id=new_id(), start=start, end=end, reason=reason)
    item = TimeOffItem.of(who.agency_id, worker_id, time_off)
    commit(SERVICE, lambda tx: tx.save(item, condition=TimeOffItem.pk.does_not_exist()),
           Conflict("The id is taken; retry."))
    return _time_off_view(time_off)


def delete_time_off(who: Identity, worker_id: str, time_off_id: str) -> None:
    may_manage(who, worker_id)
    item = TimeOffItem(*TimeOffItem.key(who.agency_id, worker_id, time_off_id))
    commit(SERVICE, lambda tx: tx.delete(item, condition=TimeOffItem.pk.exists()),
           NotFound(f"No time off {time_off_id}."))


# open slots

REQUESTS_OFF_FOR_CLIENTS = "The agency is not taking event requests at the moment, so no time can be requested."
REQUESTS_OFF_FOR_STAFF = "Event requests are switched off: clients see no open slots until an admin switches them on."


def _open_slots(who: Identity, worker_id: str, first: date, last: date,
                moment: int) -> tuple[list[domain.Slot], AgencyConfig]:
    """A worker's open slots on local dates first..last at `moment`, and the agency read: at most three Queries
    (worker, agency, and reservations unless no date is within notice and horizon). While event requests are off,
    clients are offered none (they could request none)."""
    worker = load_worker(who.agency_id, worker_id)
    may_see_slots(who, worker)
    agency = load_agency(who.agency_id)
    if who.role == CLIENT and not agency.event_requests_enabled:
        return [], agency
    reach = domain.dates_in_reach(first, last, agency.settings, moment)
    if reach is None:
        return [], agency
    schedule = load_schedule(agency, worker, who.agency_id, worker_id, *reach)
    return domain.open_slots(schedule, *reach, moment), agency


def _about_requests(who: Identity, agency: AgencyConfig) -> dict:
    """What an answer says about event requests: whether they are on, and while off, what that means for the caller."""
    about = {"event_requests_enabled": agency.event_requests_enabled}
    if not agency.event_requests_enabled:
        about["notice"] = REQUESTS_OFF_FOR_CLIENTS if who.role == CLIENT else REQUESTS_OFF_FOR_STAFF
    return about


def list_slots(who: Identity, worker_id: str, first: date, last: date) -> dict:
    slots, agency = _open_slots(who, worker_id, first, last, clock.now())
    return {"slots": [slot.view() for slot in slots], **_about_requests(who, agency)}


def list_days(who: Identity, worker_id: str, first: date, last: date) -> dict:
    """Open slots per date, with what a calendar needs to draw them: the agency's zone and when slots can start."""
    moment = clock.now()
    slots, agency = _open_slots(who, worker_id, first, last, moment)
    earliest, latest = domain.requestable(agency.settings, moment)
    return {"days": domain.count_by_day(slots, first, last), "timezone": agency.settings.timezone,
            "requestable_from": times.iso(earliest), "requestable_until": times.iso(latest),
            **_about_requests(who, agency)}
