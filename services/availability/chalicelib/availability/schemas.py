"""What availability's routes accept and answer, and the payloads it publishes: declared once, as types.

The routes (api.py) decode their input into these and are checked against their replies in tests; the service's
OpenAPI document and its event contracts (contracts/*.json) are generated from them (`make openapi`).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import Meta, field

from portalkit.schema import (
    Body,
    Date,
    DateText,
    Id,
    Instant,
    LocalInstant,
    Month,
    Published,
    Query,
    Reply,
    UtcInstant,
    Zone,
    pattern,
    text,
)

from . import domain

Version = Annotated[int, Meta(ge=0, description="The version read: the change is made on it, or answers 409.")]
SlotMinutes = Annotated[int, Meta(ge=domain.GRANULE_MINUTES, le=domain.MAX_SLOT_MINUTES,
                                  multiple_of=domain.GRANULE_MINUTES, description="How long a slot is.")]
MinNoticeHours = Annotated[int, Meta(ge=0, le=8760, description="How long before its start a slot can be requested.")]
HorizonDays = Annotated[int, Meta(ge=1, le=365, description="How far ahead slots can be requested.")]
HoldMinutes = Annotated[int, Meta(ge=5, le=10080, description="How long a requested time is held for the worker's "
                                                              "answer before it is given back.")]
TypeName = text(60)
Color = pattern(r"^#[0-9a-fA-F]{6}$", "must be like #1E90FF", description="A colour, #RRGGBB.")
SiteName = text(100)
SiteAddress = Annotated[str, Meta(max_length=300, description=(
    "Where people go, as they would write it on an envelope (lines are joined with commas). Empty: no address."))]
CalendarName = text(100)
ShortId = text(64)  # the ids of types, sites and calendars this service makes (32 hex digits)
Day = Annotated[str, Meta(min_length=1, max_length=9, description="A day of the week, monday to sunday.")]
Clock = pattern(r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$", "must be a time like 09:00 (00:00 to 24:00, minutes only)",
                description="A wall-clock time at the site, 00:00 to 24:00, on a 5-minute boundary.")
Weekday = Literal[domain.DAYS]  # a subscript's tuple is its arguments: one literal per day
CalendarStatus = Literal[domain.UPCOMING, domain.IN_EFFECT, domain.REPLACED]
Unavailable = Literal[domain.OUTSIDE_AVAILABILITY, domain.TOO_SOON, domain.TOO_FAR, domain.SLOT_TAKEN]
Released = Literal["expired", "declined", "withdrawn", "cancelled", "rescheduled", "replaced"]
Notice = Annotated[str, Meta(description="Why no time can be requested now (event requests are switched off).")]


# -- the agency's settings ---------------------------------------------------------------------------------------


class Settings(Reply):
    """The agency's scheduling settings, and their version (a change is made on it)."""

    timezone: Zone
    client_facing_type_id: str | None
    slot_minutes: SlotMinutes
    min_notice_hours: MinNoticeHours
    horizon_days: HorizonDays
    hold_minutes: HoldMinutes
    version: int


class SettingsChange(Body):
    """Some of the agency's scheduling settings, changed on the version read (those not given keep their value)."""

    version: Version
    timezone: Zone | None = None
    client_facing_type_id: ShortId | None = None
    slot_minutes: SlotMinutes | None = None
    min_notice_hours: MinNoticeHours | None = None
    horizon_days: HorizonDays | None = None
    hold_minutes: HoldMinutes | None = None


# -- availability types and sites ----------------------------------------------------------------------------------


class NewType(Body):
    """A new availability type: its name (no other type of the agency has it) and colour."""

    name: TypeName
    color: Color


class TypeChange(Body):
    """Rename, recolour, retire or bring back a type, on the version read."""

    version: Version
    name: TypeName | None = None
    color: Color | None = None
    retired: bool | None = None


class AvailabilityType(Reply):
    """A type of availability (one of them is client-facing); a retired one is offered for no new block."""

    type_id: str
    name: str
    color: str
    retired: bool
    version: int


class Types(Reply):
    """The agency's availability types by name, retired ones included."""

    types: list[AvailabilityType]


class NewSite(Body):
    """A new site, its time zone (which cannot change later) and, if given, its address."""

    name: SiteName
    timezone: Zone
    address: SiteAddress | None = None


class SiteChange(Body):
    """Rename, retire or bring back a site or change its address, on the version read; its time zone stays what it
    was."""

    version: Version
    name: SiteName | None = None
    timezone: Zone | None = None
    retired: bool | None = None
    address: SiteAddress | None = None


class Site(Reply):
    """Where a worker meets clients, in its time zone; a retired one is offered for no new block."""

    site_id: str
    name: str
    timezone: str
    retired: bool
    version: int
    address: str | None


class Sites(Reply):
    """The agency's sites by name, retired ones included."""

    sites: list[Site]


# -- calendars and their weekly blocks -------------------------------------------------------------------------------


class NewCalendar(Body):
    """A worker's calendar from its start date on: empty, or a copy of another calendar's blocks."""

    name: CalendarName
    start_date: Date
    copy_from: ShortId | None = None


class CalendarChange(Body):
    """Rename a calendar, or move an upcoming one's start date, on the version read."""

    version: Version
    name: CalendarName | None = None
    start_date: Date | None = None


class Calendar(Reply):
    """A worker's calendar and where it stands today: upcoming, in effect, or replaced by a later one."""

    calendar_id: str
    name: str
    start_date: DateText
    status: CalendarStatus
    in_effect: bool
    version: int


class ListedCalendar(Calendar):
    """A calendar in a worker's list, with how many weekly blocks it has."""

    block_count: int


class Calendars(Reply):
    """A worker's calendars by start date."""

    calendars: list[ListedCalendar]


class WeeklyBlock(Body):
    """A weekly block of a calendar: a day, from and to (wall-clock times at the site), its type and site."""

    day: Day
    from_: Clock = field(name="from")
    to: Clock
    type_id: ShortId
    site_id: ShortId


class Block(Reply):
    """A weekly block: a day, from and to on the site's clock, its availability type and site."""

    block_id: str
    day: Weekday
    from_: str = field(name="from")
    to: str
    type_id: str
    site_id: str


class Blocks(Reply):
    """A calendar's weekly blocks, by day and time."""

    blocks: list[Block]


# -- time off --------------------------------------------------------------------------------------------------------


class NewTimeOff(Body):
    """Time the worker is away, from start to end (at most a year), and why."""

    start: Instant
    end: Instant
    reason: text(200) | None = None


class TimeOff(Reply):
    """Time the worker is away: no slot is open from start to end."""

    time_off_id: str
    start: UtcInstant
    end: UtcInstant
    reason: str | None


class TimeOffList(Reply):
    """A worker's time off, earliest first."""

    time_off: list[TimeOff]


# -- what clients can request ----------------------------------------------------------------------------------------


class DaysWhen(Query):
    """A month, or a range of at most 92 dates from `from` to `to` (a 6-week grid, the next 14 days)."""

    month: Month | None = None
    from_: Date | None = field(default=None, name="from")
    to: Date | None = None


class SlotsWhen(Query):
    """One date, or a range of at most 31 dates from `from` to `to`."""

    date: Date | None = None
    from_: Date | None = field(default=None, name="from")
    to: Date | None = None


class DayCount(Reply):
    """A date and the number of open slots on it."""

    date: DateText
    open_slots: int


class Slot(Reply):
    """An open slot: its start and end in UTC, its site, and its start on the site's clock."""

    start: UtcInstant
    end: UtcInstant
    site_id: str
    local_start: LocalInstant


class Days(Reply):
    """Each date of the month or range with its number of open slots (a green circle where it is not 0; a slot counts
    on its date at its site), the agency's time zone, and when slots can be requested (no day outside has any)."""

    days: list[DayCount]
    timezone: Annotated[Zone, Meta(description="The agency's time zone (a calendar's today is the date there).")]
    requestable_from: Annotated[UtcInstant, Meta(description="The earliest a slot can start: now + notice (UTC).")]
    requestable_until: Annotated[UtcInstant, Meta(description="Slots start before this: now + horizon (UTC).")]
    event_requests_enabled: bool
    notice: Notice | None = None


class Slots(Reply):
    """The open slots, earliest first."""

    slots: list[Slot]
    event_requests_enabled: bool
    notice: Notice | None = None


# -- what availability publishes ---------------------------------------------------------------------------------
# Booked, released and settings.updated carry their ids and client-facing type even when null (as they always have);
# held and unavailable leave out what does not apply (`proposal` is there only when true).


class SettingsUpdated(Published, kw_only=True, omit_defaults=False):
    """An admin changed the agency's scheduling settings; the data is all of them after the change. Other services
    keep the agency's time zone from it, to show times on the agency's clock. subject_id is the agency_id and
    subject_version the settings' version."""

    event_type: ClassVar[str] = "availability.settings.updated"

    timezone: Zone
    client_facing_type_id: ShortId | None = None
    slot_minutes: SlotMinutes
    min_notice_hours: MinNoticeHours
    horizon_days: HorizonDays
    hold_minutes: HoldMinutes


class SiteUpdated(Published, kw_only=True, omit_defaults=False):
    """A site was added or changed (renamed, retired or brought back, its address changed); the data is the site's
    whole state after the change. Messaging keeps the name and address to say where an event is. subject_id is the
    site_id and subject_version the site's version (0 when added)."""

    event_type: ClassVar[str] = "availability.site.updated"

    site_id: Id
    name: SiteName
    timezone: Zone
    address: SiteAddress | None = None
    retired: bool


class SlotHeld(Published, kw_only=True):
    """The requested time is held for the request until `hold_expires_at`; `proposal` when it is a time the worker
    proposed. `site_id` and `local_start` (the start in the site's zone, with its offset) are those of the slot.
    subject_id is the request_id."""

    event_type: ClassVar[str] = "availability.slot.held"

    request_id: Id
    worker_id: Id
    start: UtcInstant
    end: UtcInstant
    hold_expires_at: UtcInstant
    proposal: bool = False
    site_id: Id
    local_start: LocalInstant


class SlotBooked(Published, kw_only=True, omit_defaults=False):
    """The event's time is booked. subject_id is the event_id."""

    event_type: ClassVar[str] = "availability.slot.booked"

    event_id: Id
    request_id: Id | None = None
    worker_id: Id
    start: UtcInstant
    end: UtcInstant


class SlotReleased(Published, kw_only=True, omit_defaults=False):
    """A hold or booking gave its time back, and why. subject_id is the request_id or event_id it was for."""

    event_type: ClassVar[str] = "availability.slot.released"

    request_id: Id | None = None
    event_id: Id | None = None
    worker_id: Id
    start: UtcInstant
    end: UtcInstant
    reason: Released


class SlotUnavailable(Published, kw_only=True):
    """The time could not be held or booked, and why. subject_id is the request_id, or the event_id for a
    staff-created event."""

    event_type: ClassVar[str] = "availability.slot.unavailable"

    request_id: Id | None = None
    event_id: Id | None = None
    worker_id: Id
    start: UtcInstant
    reason: Unavailable
    proposal: bool = False
