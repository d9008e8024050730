"""Pure rules of the availability service: calendars, blocks, open slots, holds. No AWS, no I/O.

Times inside are integers: wall-clock minutes since local midnight for blocks, epoch seconds (UTC)
for instants. Zone-aware datetimes appear only at the edges (parsing, formatting, and the two days a
year on which a zone changes its offset), which keeps a month of slots cheap to compute.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import replace as replace_fields
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from msgspec import Struct
from msgspec.structs import replace

from portalkit import times, zones
from portalkit.errors import Conflict, Forbidden, InvalidField, NotFound
from portalkit.identity import ADMIN, CLIENT, WORKER, Identity

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
GRANULE_MINUTES = 5  # block times and slot lengths are multiples of this; one lock item per granule
MAX_SLOT_MINUTES = 8 * 60  # a hold's lock items must fit in one transaction (100 items)
MAX_RANGE_DAYS = 31  # dates of slots one call lists
MAX_DAYS_RANGE = 92  # dates one call counts (as the API's other ranges): a 6-week grid, a quarter
MAX_TIME_OFF_DAYS = 366
DAY_SECONDS = 86400
_EPOCH = date(1970, 1, 1)
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$|^24:00$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")

# Why a requested time cannot be held (also the `reason` of availability.slot.unavailable).
OUTSIDE_AVAILABILITY, TOO_SOON, TOO_FAR, SLOT_TAKEN = "outside_availability", "too_soon", "too_far", "slot_taken"


# -- errors: each rule's refusal, with the status, code and field clients see (the kit's API maps them to HTTP) --


class MissingField(InvalidField):
    """A query names neither of its alternatives (a date, or from and to), or only one end of a range."""

    code = "missing_field"


class BlockOverlap(InvalidField):
    """A weekly block overlaps another of its calendar on the same day."""

    code = "block_overlap"


class StartDatePast(InvalidField):
    """A calendar would start before the agency's today."""

    code = "start_date_past"


class StartDateTaken(InvalidField):
    """Another calendar of the worker starts on that date."""

    code = "start_date_taken"


class Retired(InvalidField):
    """A retired type or site is offered for no new block (a block that has one may keep it)."""

    code = "retired"


class Refused(Conflict):
    """409 with the rule's own code, naming the field that decided it where one did."""

    field_name: str | None = None

    def __init__(self, message: str):
        super().__init__(message, code=self.code, field=self.field_name)


class NameTaken(Refused):
    """Another availability type of the agency has that name (case and spacing aside)."""

    code, field_name = "name_taken", "name"

    def __init__(self, name: str):
        super().__init__(f"Another availability type is already called {clean_name(name)!r}.")


class ClientFacingType(Refused):
    """The client-facing type cannot be retired: clients' slots come from it."""

    code, field_name = "client_facing_type", "retired"


class CalendarStarted(Refused):
    code, field_name = "calendar_started", "start_date"


class CalendarInEffect(Refused):
    code = "calendar_in_effect"


class TimezoneFixed(Refused):
    code, field_name = "timezone_fixed", "timezone"


class TooManyBlocks(Refused):
    code = "too_many_blocks"


class IdTaken(Refused):
    """A new item's id (or, for a type, its name) was claimed meanwhile: the same call again succeeds."""

    code = "conflict"


# -- the agency's settings, types and sites ---------------------------------------------------------


class Settings(Struct, frozen=True):
    timezone: str = "UTC"
    client_facing_type_id: str | None = None
    slot_minutes: int = 60
    min_notice_hours: int = 24
    horizon_days: int = 60
    hold_minutes: int = 48 * 60
    version: int = 0


class AvailabilityType(Struct, frozen=True):
    type_id: str
    name: str
    color: str
    retired: bool = False  # offered for no new block; blocks that have it keep it (and their slots)
    version: int = 0


class Site(Struct, frozen=True):
    site_id: str
    name: str
    timezone: str  # fixed once added: a change would move every block at the site to other instants
    retired: bool = False  # offered for no new block; blocks that have it keep it (and their slots)
    version: int = 0
    address: str | None = None  # where people go (reminder emails, calendar files); none: the name alone


def name_key(name: str) -> str:
    """What makes two names the same name: case, and spaces around and between words, aside."""
    return " ".join(name.split()).casefold()


def clean_name(name: str) -> str:
    return " ".join(name.split())


def clean_address(address: str | None) -> str | None:
    """A site's address on one line ("12 Main Street, Springfield"): lines joined by commas, spacing tidied; empty
    text is no address."""
    lines = [" ".join(line.split()) for line in (address or "").splitlines()]
    return ", ".join(line for line in lines if line) or None


def check_type_name(name: str, types: Iterable[AvailabilityType], type_id: str | None = None) -> str:
    """A type's name, trimmed, used by no other type of the agency."""
    key = name_key(name)
    for other in types:
        if other.type_id != type_id and name_key(other.name) == key:
            raise NameTaken(other.name)
    return clean_name(name)


def check_retirable(type_id: str, settings: Settings) -> None:
    if type_id == settings.client_facing_type_id:
        raise ClientFacingType("This is the client-facing type: choose another client-facing type in the agency's "
                               "settings before retiring it.")


def check_client_facing(type_id: str | None, current: Settings, types: dict[str, AvailabilityType]) -> bool:
    """Whether a settings change chooses another client-facing type; it must be one of the agency's, not retired."""
    choosing = type_id is not None and type_id != current.client_facing_type_id
    if choosing and type_id not in types:
        raise InvalidField("client_facing_type_id", f"No availability type {type_id}.")
    if choosing and types[type_id].retired:
        raise InvalidField("client_facing_type_id", f"The type {types[type_id].name} is retired.")
    return choosing


def check_timezone(name: str, field_name: str = "timezone") -> str:
    return zones.check_timezone(name, field_name)


def check_color(color: str) -> str:
    if not _COLOR.fullmatch(color):
        raise InvalidField("color", "color must be like #1E90FF.")
    return color.upper()


def zone(name: str) -> ZoneInfo:
    """A stored zone (checked by `check_timezone` when it was written)."""
    return zones.zone(name)


def check_site_timezone(site: Site, timezone: str | None) -> str:
    """A site keeps the time zone it was added in (see `Site`); giving that same zone again is no change."""
    if timezone is not None and timezone != site.timezone:
        raise TimezoneFixed(
            "A site's time zone cannot change: every block at the site would move to other times at once, while "
            "the requests and events already made there stay. Add a site in the right zone, move the blocks to it "
            "and retire this one.")
    return site.timezone


# -- calendars and blocks ---------------------------------------------------------------------------


class Calendar(Struct, frozen=True):
    calendar_id: str
    name: str
    start_date: date


class Block(Struct, frozen=True):
    """A weekly stretch of a calendar: `day` 0 = Monday; `start`/`end` wall-clock minutes in the site's zone."""

    block_id: str
    calendar_id: str
    day: int
    start: int
    end: int
    type_id: str
    site_id: str


def parse_day(value: str) -> int:
    name = value.lower() if isinstance(value, str) else value
    if name not in DAYS:
        raise InvalidField("day", f"day must be one of {', '.join(DAYS)}.")
    return DAYS.index(name)


def parse_clock(value: str, field_name: str) -> int:
    """"09:30" -> 570 minutes; "24:00" ends a day; must be on a 5-minute boundary."""
    if not isinstance(value, str) or not _CLOCK.fullmatch(value):
        raise InvalidField(field_name, f"{field_name} must be a time like 09:00 (00:00 to 24:00, minutes only).")
    hours, minutes = map(int, value.split(":"))
    total = hours * 60 + minutes
    if total % GRANULE_MINUTES:
        raise InvalidField(field_name, f"{field_name} must be on a {GRANULE_MINUTES}-minute boundary.")
    return total


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def check_block(block: Block, siblings: Iterable[Block]) -> Block:
    """A block starts before it ends and overlaps no other block of its calendar on the same day."""
    if block.start >= block.end:
        raise InvalidField("to", "from must be before to.")
    for other in siblings:
        same_day = other.block_id != block.block_id and other.day == block.day
        if same_day and other.start < block.end and block.start < other.end:
            span = f"{format_clock(other.start)}-{format_clock(other.end)}"
            raise BlockOverlap("from", f"The block overlaps another on {DAYS[block.day]} ({span}).")
    return block


def check_block_takes(block: Block, before: Block | None, types: dict[str, AvailabilityType],
                      sites: dict[str, Site]) -> tuple[str | None, str | None]:
    """The (type, site) a new or changed block newly takes (None: it keeps its own): the agency's, and not retired. A
    retired type or site is offered for no new block; a block that has one may keep it."""
    if block.type_id not in types:
        raise InvalidField("type_id", f"No availability type {block.type_id}.")
    if block.site_id not in sites:
        raise InvalidField("site_id", f"No site {block.site_id}.")
    new_type = block.type_id if before is None or before.type_id != block.type_id else None
    new_site = block.site_id if before is None or before.site_id != block.site_id else None
    if new_type is not None and types[new_type].retired:
        raise Retired("type_id", f"The type {types[new_type].name} is retired.")
    if new_site is not None and sites[new_site].retired:
        raise Retired("site_id", f"The site {sites[new_site].name} is retired.")
    return new_type, new_site


def check_room_for_block(blocks: int, most: int) -> None:
    """A calendar takes a new block while it has fewer than `most`: copying or deleting it writes them all at once."""
    if blocks >= most:
        raise TooManyBlocks(f"A calendar has at most {most} blocks.")


def calendar_in_effect(calendars: Iterable[Calendar], day: date) -> Calendar | None:
    """The calendar with the latest start date on or before the day (ties: the later id)."""
    started = [c for c in calendars if c.start_date <= day]
    return max(started, key=lambda c: (c.start_date, c.calendar_id), default=None)


def copy_blocks(blocks: Iterable[Block], calendar_id: str, new_id) -> list[Block]:
    """The blocks of one calendar, copied into another with fresh ids."""
    return [replace(b, block_id=new_id(), calendar_id=calendar_id) for b in blocks]


# Where a calendar stands on the agency's today: not started yet, deciding today's slots, or followed by a
# later calendar already in effect (so it decides no day from today on).
UPCOMING, IN_EFFECT, REPLACED = "upcoming", "in_effect", "replaced"


def agency_today(timezone: str, now: int) -> date:
    """The agency's today: the date on its clock at `now`, which decides the calendar in effect."""
    return datetime.fromtimestamp(now, zone(timezone)).date()


def calendar_status(calendar: Calendar, in_effect: Calendar | None, today: date) -> str:
    if calendar.start_date > today:
        return UPCOMING
    if in_effect is not None and in_effect.calendar_id == calendar.calendar_id:
        return IN_EFFECT
    return REPLACED


def check_start_date(start_date: date, today: date) -> date:
    """A calendar starts today or later: a start in the past would take effect at once, over days already planned."""
    if start_date < today:
        raise StartDatePast("start_date", f"A calendar starts today ({today.isoformat()}) or later.")
    return start_date


def check_start_movable(calendar: Calendar, today: date) -> None:
    """Only an upcoming calendar's start date can change: one that started already decided days that are past."""
    if calendar.start_date <= today:
        raise CalendarStarted("This calendar has started, so its start date is fixed; add a new calendar to change "
                              "the week from a later date.")


def check_deletable(calendar: Calendar, in_effect: Calendar | None, today: date) -> None:
    """An upcoming or replaced calendar can go; the one in effect decides the worker's open slots from today on."""
    if calendar_status(calendar, in_effect, today) == IN_EFFECT:
        raise CalendarInEffect(
            "The calendar in effect decides when clients can request time from today on, so it cannot be deleted "
            "(an older calendar, or none, would silently take over). Change its blocks, or add a new calendar from a "
            "later date.")


# -- time off and reservations ----------------------------------------------------------------------


class TimeOff(Struct, frozen=True):
    time_off_id: str
    start: int  # epoch seconds
    end: int
    reason: str | None = None


def time_off_span(start: datetime, end: datetime) -> tuple[int, int]:
    """Time off's instants as epoch seconds: it ends after it starts, and lasts at most MAX_TIME_OFF_DAYS."""
    if end <= start:
        raise InvalidField("end", "end must be after start.")
    if end - start > timedelta(days=MAX_TIME_OFF_DAYS):
        raise InvalidField("end", f"Time off lasts at most {MAX_TIME_OFF_DAYS} days; add another for the rest.")
    return int(start.timestamp()), int(end.timestamp())


HOLD, BOOKING = "hold", "booking"
MAX_SECONDS = MAX_SLOT_MINUTES * 60  # no reservation is longer, so overlaps are found in a bounded window
MAX_TRANSACT_ITEMS = 100  # DynamoDB's most per transaction


@dataclass(frozen=True)
class Reservation:
    """Time a worker has given away: a hold awaiting the worker, or a booking of an event."""

    reservation_id: str
    kind: str
    start: int  # epoch seconds
    end: int
    expires_at: int | None = None  # holds only
    request_id: str | None = None
    event_id: str | None = None
    client_id: str | None = None  # a client's hold: who asked, through which service
    service_id: str | None = None
    version: int = 1
    # The subject_version of the newest requests message applied to it (a request's for holds, an event's for
    # bookings), so that an older proposal or reschedule arriving late is recognised and ignored.
    source_version: int | None = None

    def is_active(self, now: int) -> bool:
        return self.kind == BOOKING or (self.expires_at is not None and self.expires_at > now)

    def is_stale(self, subject_version: int) -> bool:
        """Whether a message of this version is older than the newest one of its subject already applied."""
        return self.source_version is not None and subject_version <= self.source_version

    def has_expired(self, now: int) -> bool:
        """A hold whose time ran out by `now` (the sweep gives it back); a booking never expires."""
        return self.kind == HOLD and self.expires_at is not None and self.expires_at <= now

    def ignores_proposal(self, start: int, subject_version: int) -> bool:
        """Whether a proposal for the request this holds changes nothing: its time is booked already, it is held at
        that time already (a repeated proposal), or the proposal is older than the one applied."""
        return self.kind != HOLD or self.start == start or self.is_stale(subject_version)

    def ignores_reschedule(self, start: int, end: int, subject_version: int) -> bool:
        """Whether a reschedule of the event this books changes nothing: it is there already (a repeated
        reschedule), or the reschedule is older than the one applied."""
        return (self.start, self.end) == (start, end) or self.is_stale(subject_version)

    def granules(self) -> list[int]:
        return granules(self.start, self.end)

    def booked(self, event_id: str) -> Reservation:
        """A hold confirmed: the event's booking, whose versions count from here on."""
        return replace_fields(self, kind=BOOKING, event_id=event_id, expires_at=None, source_version=None,
                              version=self.version + 1)

    def moved(self, start: int, end: int, *, expires_at: int | None, source_version: int) -> Reservation:
        """The same reservation (same id) at another time, one version on."""
        return replace_fields(self, start=start, end=end, expires_at=expires_at, version=self.version + 1,
                              source_version=source_version)


def granules(start: int, end: int) -> list[int]:
    """The lock granules (epoch minutes, multiples of 5) an interval [start, end) occupies."""
    step = GRANULE_MINUTES * 60
    first = start - start % step
    return [t // 60 for t in range(first, end, step)]


def taken(reservations: Iterable[Reservation], start: int, end: int, now: int,
          without: Reservation | None = None) -> bool:
    """Whether another active reservation shares a lock granule with [start, end) (`without`: the one moving)."""
    mine = set(granules(start, end))
    return any(
        r.is_active(now) and (without is None or (r.reservation_id, r.start) != (without.reservation_id, without.start))
        and mine.intersection(r.granules())
        for r in reservations
    )


def move_frees_old_locks_inside(old: Reservation, start: int, end: int, now: int, refs: int) -> bool:
    """Whether a move frees the old locks inside its transaction: the old ones are surely its own, and all fit."""
    new_minutes = set(granules(start, end))
    old_only = [m for m in old.granules() if m not in new_minutes]
    items = len(new_minutes) + len(old_only) + 2 + refs + 3  # reservation out and in, refs, two messages, inbox marker
    return old.is_active(now) and items <= MAX_TRANSACT_ITEMS


def move_fits_a_transaction(start: int, end: int, refs: int) -> bool:
    """Whether a move's new locks fit one transaction beside its reservation (out and in), refs, two messages and the
    inbox marker, when the old locks are freed outside it."""
    return len(granules(start, end)) + 2 + refs + 3 <= MAX_TRANSACT_ITEMS


def cannot_book(start: int | None, end: int | None, now: int, *, refs: int, moving: bool = False) -> str | None:
    """Why a staff event's (or a confirmation's) times can take no time: not real times or too far away, an end not
    after the start, longer than MAX_SLOT_MINUTES, or more locks than one transaction holds beside the rest."""
    if reason := out_of_reach(start, now) or out_of_reach(end, now):
        return reason
    if not 0 < end - start <= MAX_SECONDS:
        return OUTSIDE_AVAILABILITY
    fits = (move_fits_a_transaction(start, end, refs) if moving
            else len(granules(start, end)) + 1 + refs + 2 <= MAX_TRANSACT_ITEMS)  # + message, inbox marker
    return None if fits else OUTSIDE_AVAILABILITY


# -- the links services make between workers and clients --------------------------------------------


def service_links(status: str, provider_ids, participant_ids) -> set[tuple[str, str]]:
    """(worker, client) pairs an open service links: each client may see each provider's slots."""
    if status != "open":
        return set()
    return {(w, c) for w in provider_ids or () for c in participant_ids or ()}


def link_changes(old: set, aimed: set, new: set) -> list[tuple[str, str, bool]]:
    """The links to add (True) and remove (False) to go from `old` to `new`, where a version applied in part left
    some of the links it `aimed` at: those may be set or not, so they are written again."""
    return [(w, c, True) for w, c in sorted(new - (old & aimed))] + [
        (w, c, False) for w, c in sorted((old | aimed) - new)]


# -- what the slots of a worker are made of, and who may see and change them -------------------------


@dataclass
class AgencyConfig:
    settings: Settings
    types: dict[str, AvailabilityType]
    sites: dict[str, Site]
    event_requests_enabled: bool = True  # requests' switch (as its messages last said); on until told otherwise


@dataclass
class WorkerConfig:
    calendars: list[Calendar]
    blocks: dict[str, list[Block]]
    time_off: list[TimeOff]
    members: dict[str, set[str]]  # client_id -> ids of services linking the client to this worker
    calendar_versions: dict[str, int] = field(default_factory=dict)


def may_manage(who: Identity, worker_id: str) -> None:
    """A worker's calendars and time off are theirs and their agency's admins' to read and change."""
    if not (who.role == ADMIN or (who.role == WORKER and who.person_id == worker_id)):
        raise Forbidden("Only the worker or an admin can see or change this worker's availability.")


def may_see_slots(who: Identity, worker: WorkerConfig) -> None:
    """Staff see every worker's slots; a client only those of a worker a service links them to."""
    if who.role == CLIENT and who.person_id not in worker.members:
        raise NotFound("No such worker.")


REQUESTS_OFF_FOR_CLIENTS = "The agency is not taking event requests at the moment, so no time can be requested."
REQUESTS_OFF_FOR_STAFF = "Event requests are switched off: clients see no open slots until an admin switches them on."


def offers_slots(role: str, event_requests_enabled: bool) -> bool:
    """While event requests are off, clients are offered no slot (they could request none); staff still see them."""
    return event_requests_enabled or role != CLIENT


def about_requests(role: str, event_requests_enabled: bool) -> dict:
    """What a slot or day answer says about event requests: whether they are on, and while off, what that means for
    the caller."""
    about = {"event_requests_enabled": event_requests_enabled}
    if not event_requests_enabled:
        about["notice"] = REQUESTS_OFF_FOR_CLIENTS if role == CLIENT else REQUESTS_OFF_FOR_STAFF
    return about


# -- open slots -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    start: int  # epoch seconds
    end: int
    site_id: str
    local_date: date
    timezone: str = field(compare=False)

    def view(self) -> dict:
        local = datetime.fromtimestamp(self.start, zone(self.timezone))
        return {"start": times.iso(self.start), "end": times.iso(self.end), "site_id": self.site_id,
                "local_start": local.isoformat()}


@dataclass
class WorkerSchedule:
    """Everything that decides a worker's client slots; built from one agency and one worker query."""

    settings: Settings
    sites: dict[str, Site]
    calendars: list[Calendar]
    blocks: dict[str, list[Block]]  # calendar_id -> blocks
    time_off: list[TimeOff]
    reservations: list[Reservation]


def day_number(day: date) -> int:
    return (day - _EPOCH).days


def _offsets(day: date, tz: ZoneInfo) -> tuple[int, bool]:
    """(UTC offset in seconds at the day's start, whether the offset changes during the day)."""
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    end = start + timedelta(hours=23, minutes=59, seconds=59)
    first = int(start.utcoffset().total_seconds())
    return first, int(end.utcoffset().total_seconds()) != first


def _wall_to_utc(day: date, minutes: int, tz: ZoneInfo) -> tuple[int, bool]:
    """Epoch seconds of a wall-clock time on a transition day, and whether that time exists there.

    A repeated time (fall-back) is its first occurrence; a skipped one (spring-forward) is read with the offset
    before the change, as the wall clock would have gone on: 01:30 + 45 minutes is 02:15 there, which is 03:15
    after the change.
    """
    local = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=minutes)
    local = local.replace(fold=0)
    utc = int(local.timestamp())
    back = datetime.fromtimestamp(utc, tz)
    exists = (back.date(), back.hour * 60 + back.minute) == (day + timedelta(days=minutes // 1440), minutes % 1440)
    return utc, exists


def candidate_slots(schedule: WorkerSchedule, first: date, last: date) -> list[Slot]:
    """Every slot the client-facing blocks offer from `first` to `last` (local dates), before any rule.

    Slots keep the wall-clock grid of their block (its start, in steps of the slot length) and last the slot
    length in real time. Where a zone changes its offset, a grid slot may therefore overlap the one before it
    (45-minute slots at 01:30 and 03:00 in Berlin on the spring-forward day) or run past its block's end: such
    a slot is not offered, and on such a day, of two slots that overlap (of any blocks) the earlier one wins.
    """
    settings = schedule.settings
    facing = settings.client_facing_type_id
    length = settings.slot_minutes
    slots: list[Slot] = []
    if facing is None:
        return slots
    offsets: dict[tuple[date, str], tuple[int, bool]] = {}
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        calendar = calendar_in_effect(schedule.calendars, day)
        if calendar is None:
            continue
        weekday = day.weekday()
        day_epoch = day_number(day) * DAY_SECONDS
        todays: list[Slot] = []
        transition = False  # a zone of the day's blocks changes its offset that day
        for block in schedule.blocks.get(calendar.calendar_id, ()):
            if block.day != weekday or block.type_id != facing or block.site_id not in schedule.sites:
                continue
            tz_name = schedule.sites[block.site_id].timezone
            key = (day, tz_name)
            if key not in offsets:
                offsets[key] = _offsets(day, zone(tz_name))
            offset, changes = offsets[key]
            transition = transition or changes
            block_end = _wall_to_utc(day, block.end, zone(tz_name))[0] if changes else None
            for minute in range(block.start, block.end - length + 1, length):
                if changes:
                    start, exists = _wall_to_utc(day, minute, zone(tz_name))
                    if not exists or start + length * 60 > block_end:
                        continue
                else:
                    start = day_epoch + minute * 60 - offset
                todays.append(Slot(start, start + length * 60, block.site_id, day, tz_name))
        slots.extend(_earlier_wins(todays) if transition else todays)  # other days a zone's blocks never overlap
    slots.sort(key=lambda s: s.start)
    return slots


def _earlier_wins(slots: list[Slot]) -> list[Slot]:
    """The slots of one day without those that begin before the previous one ends."""
    slots.sort(key=lambda s: (s.start, s.site_id))
    kept: list[Slot] = []
    for slot in slots:
        if not kept or kept[-1].end <= slot.start:
            kept.append(slot)
    return kept


class _Busy:
    """Merged busy intervals, for overlap checks by bisection."""

    def __init__(self, intervals: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)  # first interval ending after `start`
        return i < len(self.starts) and self.starts[i] < end


def requestable(settings: Settings, now: int) -> tuple[int, int]:
    """[earliest, latest): when a slot may start, now + notice up to (not including) now + horizon."""
    return now + settings.min_notice_hours * 3600, now + settings.horizon_days * DAY_SECONDS


def dates_in_reach(first: date, last: date, settings: Settings, now: int) -> tuple[date, date] | None:
    """The part of local dates first..last that can hold a requestable slot (None: none can), so that dates
    before the notice or past the horizon cost no reading. A local date is at most a day from the UTC one."""
    earliest, latest = requestable(settings, now)
    low = datetime.fromtimestamp(earliest, UTC).date() - timedelta(days=1)
    high = datetime.fromtimestamp(latest, UTC).date() + timedelta(days=1)
    first, last = max(first, low), min(last, high)
    return (first, last) if first <= last else None


def open_slots(schedule: WorkerSchedule, first: date, last: date, now: int) -> list[Slot]:
    """The slots a client can request: client-facing, aligned, within notice and horizon, not busy."""
    earliest, latest = requestable(schedule.settings, now)
    busy = _Busy(
        [(t.start, t.end) for t in schedule.time_off]
        + [(r.start, r.end) for r in schedule.reservations if r.is_active(now)]
    )
    return [
        s for s in candidate_slots(schedule, first, last)
        if earliest <= s.start < latest and not busy.overlaps(s.start, s.end)
    ]


def slot_starting(schedule: WorkerSchedule, start: int) -> Slot | None:
    """The client-facing slot that begins at `start`, before notice, horizon and reservations are considered."""
    day = datetime.fromtimestamp(start, UTC).date()
    candidates = candidate_slots(schedule, day - timedelta(days=1), day + timedelta(days=1))
    return next((s for s in candidates if s.start == start), None)


def why_unavailable(schedule: WorkerSchedule, start: int, now: int) -> str | None:
    """None if `start` begins an open slot; else the reason a client is told."""
    earliest, latest = requestable(schedule.settings, now)
    slot = slot_starting(schedule, start)
    if slot is None or _Busy([(t.start, t.end) for t in schedule.time_off]).overlaps(slot.start, slot.end):
        return OUTSIDE_AVAILABILITY
    if start < earliest:
        return TOO_SOON
    if start >= latest:
        return TOO_FAR
    if _Busy([(r.start, r.end) for r in schedule.reservations if r.is_active(now)]).overlaps(slot.start, slot.end):
        return SLOT_TAKEN
    return None


REACH_SECONDS = 3660 * DAY_SECONDS  # ten years either side of now: no appointment is further, and dates stay computable


def out_of_reach(start: int | None, now: int) -> str | None:
    """Why an instant can be no one's appointment: it names no real time (None), or it is over ten years away."""
    if start is None:
        return OUTSIDE_AVAILABILITY
    if start >= now + REACH_SECONDS:
        return TOO_FAR
    if start < now - REACH_SECONDS:
        return TOO_SOON
    return None


def month_days(month: str) -> tuple[date, date]:
    """'2026-12' -> (first, last day)."""
    if not isinstance(month, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise InvalidField("month", "month must be like 2026-12.")
    first = date(int(month[:4]), int(month[5:]), 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def slot_dates(day: date | None, first: date | None, last: date | None) -> tuple[date, date]:
    """The dates a slot list covers: one `date`, or `from` to `to` (both given, in order, at most MAX_RANGE_DAYS)."""
    if day is not None:
        if first is not None or last is not None:
            raise InvalidField("date", "Give either date, or from and to.")
        return day, day
    if first is None and last is None:
        raise MissingField("date", "date (or from and to) is required.")
    return _date_range(first, last, MAX_RANGE_DAYS)


def day_dates(month: str | None, first: date | None, last: date | None) -> tuple[date, date]:
    """The dates a day count covers: a `month`, or `from` to `to` (both given, in order, at most MAX_DAYS_RANGE)."""
    if month is not None:
        if first is not None or last is not None:
            raise InvalidField("month", "Give either month, or from and to.")
        return month_days(month)
    if first is None and last is None:
        raise MissingField("month", "month (or from and to) is required.")
    return _date_range(first, last, MAX_DAYS_RANGE)


def _date_range(first: date | None, last: date | None, most: int) -> tuple[date, date]:
    """`from` to `to`: both given, in order, covering at most `most` dates (both ends counted)."""
    if first is None:
        raise MissingField("from", "from is required.")
    if last is None:
        raise MissingField("to", "to is required.")
    if first > last:
        raise InvalidField("to", "to must not be before from.")
    if (last - first).days + 1 > most:
        raise InvalidField("to", f"A range covers at most {most} days.")
    return first, last


def count_by_day(slots: Iterable[Slot], first: date, last: date) -> list[dict]:
    counts: dict[date, int] = {}
    for slot in slots:
        counts[slot.local_date] = counts.get(slot.local_date, 0) + 1
    return [
        {"date": (first + timedelta(days=n)).isoformat(), "open_slots": counts.get(first + timedelta(days=n), 0)}
        for n in range((last - first).days + 1)
    ]


