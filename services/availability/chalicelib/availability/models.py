"""The availability table: key helpers and item classes (the only module that knows PynamoDB).

Partitions, chosen so a slot query is three calls (agency config, worker config, reservations):

| pk                                  | sk                               | item                               |
|-------------------------------------|----------------------------------|------------------------------------|
| AGENCY#<a>                          | SETTINGS, TYPE#<id>, SITE#<id>   | settings, availability types, sites|
|                                     | TYPENAME#<folded name>           | a type's claim on its name         |
|                                     | REQUESTS_SETTINGS                | requests' settings, as projected   |
| AGENCY#<a>#WORKER#<w>               | CAL#<c>, CAL#<c>#BLK#<b>         | calendars and their blocks         |
|                                     | MEMBER#<client>                  | services that link a client to w   |
|                                     | OFF#<id>                         | time off                           |
|                                     | REF#<request or event id>        | which reservation the id holds,    |
|                                     |                                  | or that it ended (a tombstone)     |
|                                     | RES#<start>#<id>                 | holds and bookings (by start time) |
|                                     | START#<date>                     | a calendar's claim on its start    |
| LOCK#<a>#<w>#<epoch minute>         | LOCK                             | one per 5-minute granule taken     |
| AGENCY#<a>#SERVICE#<s>              | SERVICE                          | providers and participants         |

Holds also carry gsi1pk = HOLDS, gsi1sk = <expiry>#..., so the sweep finds the expired ones with a Query.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, UnicodeSetAttribute

from portalkit import store, times
from portalkit.store import Gsi1, TableModel, table_meta

from . import domain

SERVICE = "availability"
META = table_meta(SERVICE)
WORKER_CONFIG_RANGE = ("CAL#", "OFF#~")  # calendars, blocks, members, time off: one Query
HOLDS = "HOLDS"  # gsi1pk of every hold: the sweep's Query
LOCK_SK = "LOCK"
WINDOW_MARGIN_SECONDS = 2 * domain.DAY_SECONDS  # local dates reach at most 14 h either side of UTC; holds are short


def agency_pk(agency_id: str) -> str:
    return f"AGENCY#{agency_id}"


def worker_pk(agency_id: str, worker_id: str) -> str:
    return f"AGENCY#{agency_id}#WORKER#{worker_id}"


def lock_pk(agency_id: str, worker_id: str, epoch_minute: int) -> str:
    return f"LOCK#{agency_id}#{worker_id}#{epoch_minute}"


def reservation_sk(start: int, reservation_id: str) -> str:
    return f"RES#{times.iso(start)}#{reservation_id}"


def reservation_start(sk: str) -> int:
    """The start of the reservation a Ref points at (its range key sorts by start)."""
    return times.instant(sk.split("#")[1])


def worker_of(pk: str) -> tuple[str, str]:
    """(agency_id, worker_id) of a worker partition's key."""
    agency_id, worker_id = pk.removeprefix("AGENCY#").split("#WORKER#", 1)
    return agency_id, worker_id


class Item(TableModel):
    """Fields every availability item has."""

    Meta = META
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


class SettingsItem(Item):
    timezone = UnicodeAttribute()
    client_facing_type_id = UnicodeAttribute(null=True)
    slot_minutes = NumberAttribute()
    min_notice_hours = NumberAttribute()
    horizon_days = NumberAttribute()
    hold_minutes = NumberAttribute()
    version = NumberAttribute()

    @classmethod
    def key(cls, agency_id: str) -> tuple[str, str]:
        return agency_pk(agency_id), "SETTINGS"

    @classmethod
    def of(cls, agency_id: str, s: domain.Settings) -> SettingsItem:
        return cls(*cls.key(agency_id), timezone=s.timezone, client_facing_type_id=s.client_facing_type_id,
                   slot_minutes=s.slot_minutes, min_notice_hours=s.min_notice_hours, horizon_days=s.horizon_days,
                   hold_minutes=s.hold_minutes, version=s.version)

    def to_domain(self) -> domain.Settings:
        return domain.Settings(timezone=self.timezone, client_facing_type_id=self.client_facing_type_id,
                               slot_minutes=int(self.slot_minutes), min_notice_hours=int(self.min_notice_hours),
                               horizon_days=int(self.horizon_days), hold_minutes=int(self.hold_minutes),
                               version=int(self.version))


class RequestSettingsItem(Item):
    """The newest of requests' settings that slots depend on (from requests.settings.updated), by its version."""

    event_requests_enabled = BooleanAttribute()
    version = NumberAttribute()

    @classmethod
    def key(cls, agency_id: str) -> tuple[str, str]:
        return agency_pk(agency_id), "REQUESTS_SETTINGS"


class TypeItem(Item):
    name = UnicodeAttribute()
    color = UnicodeAttribute()
    retired = BooleanAttribute(null=True)
    version = NumberAttribute(null=True)  # absent on types added before types could change: version 0

    @classmethod
    def key(cls, agency_id: str, type_id: str) -> tuple[str, str]:
        return agency_pk(agency_id), f"TYPE#{type_id}"

    @classmethod
    def of(cls, agency_id: str, t: domain.AvailabilityType) -> TypeItem:
        return cls(*cls.key(agency_id, t.type_id), name=t.name, color=t.color, retired=t.retired,
                   version=t.version)

    def to_domain(self) -> domain.AvailabilityType:
        return domain.AvailabilityType(type_id=self.sk.removeprefix("TYPE#"), name=self.name, color=self.color,
                                       retired=bool(self.retired), version=int(self.version or 0))


class TypeNameItem(Item):
    """Claims a type name (trimmed, case and spacing folded) for one of the agency's types: names never repeat."""

    type_id = UnicodeAttribute()

    @classmethod
    def key(cls, agency_id: str, name: str) -> tuple[str, str]:
        return agency_pk(agency_id), f"TYPENAME#{domain.name_key(name)}"


class SiteItem(Item):
    name = UnicodeAttribute()
    timezone = UnicodeAttribute()
    retired = BooleanAttribute(null=True)
    version = NumberAttribute(null=True)  # absent on sites added before sites could change: version 0
    address = UnicodeAttribute(null=True)

    @classmethod
    def key(cls, agency_id: str, site_id: str) -> tuple[str, str]:
        return agency_pk(agency_id), f"SITE#{site_id}"

    @classmethod
    def of(cls, agency_id: str, s: domain.Site) -> SiteItem:
        return cls(*cls.key(agency_id, s.site_id), name=s.name, timezone=s.timezone, retired=s.retired,
                   version=s.version, address=s.address)

    def to_domain(self) -> domain.Site:
        return domain.Site(site_id=self.sk.removeprefix("SITE#"), name=self.name, timezone=self.timezone,
                           retired=bool(self.retired), version=int(self.version or 0), address=self.address)


def at_version(model: type[TypeItem] | type[SiteItem], version: int):
    """Condition: the item is still at the version read (0 also when it predates versions)."""
    return (model.version == version) | model.version.does_not_exist() if version == 0 else model.version == version


def in_use(model: type[TypeItem] | type[SiteItem]):
    """Condition: the type or site exists and is not retired (what a new block may take)."""
    return model.pk.exists() & (model.retired.does_not_exist() | (model.retired == False))  # noqa: E712


class CalendarItem(Item):
    name = UnicodeAttribute()
    start_date = UnicodeAttribute()
    version = NumberAttribute(default=0)  # bumped by every write of its blocks, which is conditional on it

    @classmethod
    def key(cls, agency_id: str, worker_id: str, calendar_id: str) -> tuple[str, str]:
        return worker_pk(agency_id, worker_id), f"CAL#{calendar_id}"

    @classmethod
    def of(cls, agency_id: str, worker_id: str, c: domain.Calendar) -> CalendarItem:
        return cls(*cls.key(agency_id, worker_id, c.calendar_id), name=c.name, start_date=c.start_date.isoformat())

    def to_domain(self) -> domain.Calendar:
        return domain.Calendar(calendar_id=self.sk.removeprefix("CAL#"), name=self.name,
                               start_date=date.fromisoformat(self.start_date))


class CalendarStartItem(Item):
    """Claims a start date for one of a worker's calendars, so two calendars never share one."""

    calendar_id = UnicodeAttribute()

    @classmethod
    def key(cls, agency_id: str, worker_id: str, start_date: date) -> tuple[str, str]:
        return worker_pk(agency_id, worker_id), f"START#{start_date.isoformat()}"


class BlockItem(Item):
    day = NumberAttribute()
    start = NumberAttribute()
    end = NumberAttribute()
    type_id = UnicodeAttribute()
    site_id = UnicodeAttribute()

    @classmethod
    def of(cls, agency_id: str, worker_id: str, b: domain.Block) -> BlockItem:
        return cls(worker_pk(agency_id, worker_id), f"CAL#{b.calendar_id}#BLK#{b.block_id}", day=b.day,
                   start=b.start, end=b.end, type_id=b.type_id, site_id=b.site_id)

    def to_domain(self) -> domain.Block:
        calendar_id, block_id = self.sk.removeprefix("CAL#").split("#BLK#")
        return domain.Block(block_id=block_id, calendar_id=calendar_id, day=int(self.day), start=int(self.start),
                            end=int(self.end), type_id=self.type_id, site_id=self.site_id)


class MemberItem(Item):
    """The services through which a client may see this worker's slots."""

    service_ids = UnicodeSetAttribute(default=set)

    @classmethod
    def key(cls, agency_id: str, worker_id: str, client_id: str) -> tuple[str, str]:
        return worker_pk(agency_id, worker_id), f"MEMBER#{client_id}"


class TimeOffItem(Item):
    start = NumberAttribute()
    end = NumberAttribute()
    reason = UnicodeAttribute(null=True)

    @classmethod
    def key(cls, agency_id: str, worker_id: str, time_off_id: str) -> tuple[str, str]:
        return worker_pk(agency_id, worker_id), f"OFF#{time_off_id}"

    @classmethod
    def of(cls, agency_id: str, worker_id: str, t: domain.TimeOff) -> TimeOffItem:
        return cls(*cls.key(agency_id, worker_id, t.time_off_id), start=t.start, end=t.end, reason=t.reason)

    def to_domain(self) -> domain.TimeOff:
        return domain.TimeOff(time_off_id=self.sk.removeprefix("OFF#"), start=int(self.start), end=int(self.end),
                              reason=self.reason)


class ReservationItem(Item):
    kind = UnicodeAttribute()
    start = NumberAttribute()
    end = NumberAttribute()
    hold_expires = NumberAttribute(null=True)
    request_id = UnicodeAttribute(null=True)
    event_id = UnicodeAttribute(null=True)
    client_id = UnicodeAttribute(null=True)
    service_id = UnicodeAttribute(null=True)
    version = NumberAttribute(default=1)
    # The subject_version of the newest requests event applied to it (a request's for holds, an event's for
    # bookings), so that an older proposal or reschedule arriving late is recognised and ignored.
    source_version = NumberAttribute(null=True)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    by_hold_expiry = Gsi1()

    @classmethod
    def of(cls, agency_id: str, worker_id: str, r: domain.Reservation) -> ReservationItem:
        """The item of a reservation; a hold's also carries its expiry in the index the sweep queries."""
        item = cls(worker_pk(agency_id, worker_id), reservation_sk(r.start, r.reservation_id), kind=r.kind,
                   start=r.start, end=r.end, hold_expires=r.expires_at, request_id=r.request_id,
                   event_id=r.event_id, client_id=r.client_id, service_id=r.service_id, version=r.version,
                   source_version=r.source_version)
        if r.kind == domain.HOLD and r.expires_at is not None:
            item.gsi1pk = HOLDS
            item.gsi1sk = f"{times.iso(r.expires_at)}#{agency_id}#{worker_id}#{r.reservation_id}"
        return item

    def to_domain(self) -> domain.Reservation:
        return domain.Reservation(
            reservation_id=self.sk.rsplit("#", 1)[1], kind=self.kind, start=int(self.start), end=int(self.end),
            expires_at=int(self.hold_expires) if self.hold_expires is not None else None,
            request_id=self.request_id, event_id=self.event_id, client_id=self.client_id,
            service_id=self.service_id, version=int(self.version),
            source_version=int(self.source_version) if self.source_version is not None else None,
        )


class RefItem(Item):
    """Points a request or event id at the reservation that holds its time; or, once `ended`, remembers that the
    request or event is over, so that its earlier events arriving late cannot take time again."""

    reservation_sk = UnicodeAttribute(null=True)
    ended = UnicodeAttribute(null=True)  # why it ended: declined, withdrawn, expired, cancelled
    expires_at = NumberAttribute(null=True)  # TTL of an ended ref: longer than any event can be redelivered

    @classmethod
    def key(cls, agency_id: str, worker_id: str, ref: str) -> tuple[str, str]:
        return worker_pk(agency_id, worker_id), f"REF#{ref}"


class LockItem(Item):
    """One 5-minute granule of a worker's time; `attribute_not_exists` on it is what prevents double booking."""

    holder = UnicodeAttribute()  # reservation id
    hold_expires = NumberAttribute(null=True)  # a hold's lock may be taken over once this has passed
    expires_at = NumberAttribute(null=True)  # TTL: an expired hold's lock is cleaned up a day later


class ServiceItem(Item):
    """A service file as availability needs it: who provides it and who takes part.

    A version whose links cannot change in one transaction is applied in several: `applying` claims the service for
    it (a newer version may take over), with the links it aims at, until the last one saves the new state."""

    status = UnicodeAttribute(null=True)  # absent while the first version is being applied
    provider_ids = UnicodeSetAttribute(default=set)
    participant_ids = UnicodeSetAttribute(default=set)
    version = NumberAttribute(null=True)
    applying = NumberAttribute(null=True)
    applying_links = UnicodeAttribute(null=True)  # JSON [[worker_id, client_id], ...]

    @classmethod
    def key(cls, agency_id: str, service_id: str) -> tuple[str, str]:
        return f"AGENCY#{agency_id}#SERVICE#{service_id}", "SERVICE"


# -- loaders: what the use cases read, as domain values (None for an absent item) -------------------


def load_agency(agency_id: str) -> domain.AgencyConfig:
    """Settings, types, sites and requests' switch: one Query of the agency partition (items of several kinds)."""
    settings, types, sites, enabled = domain.Settings(), {}, {}, True
    for raw in store.query_all_raw(Item, agency_pk(agency_id)):
        sk = raw["sk"]["S"]
        if sk == "SETTINGS":
            settings = SettingsItem.from_raw_data(raw).to_domain()
        elif sk.startswith("TYPE#"):
            t = TypeItem.from_raw_data(raw).to_domain()
            types[t.type_id] = t
        elif sk.startswith("SITE#"):
            s = SiteItem.from_raw_data(raw).to_domain()
            sites[s.site_id] = s
        elif sk == "REQUESTS_SETTINGS":
            enabled = bool(RequestSettingsItem.from_raw_data(raw).event_requests_enabled)
    return domain.AgencyConfig(settings, types, sites, enabled)


def load_worker(agency_id: str, worker_id: str) -> domain.WorkerConfig:
    """Calendars, blocks, client links and time off: one Query of the worker partition (items of several kinds)."""
    config = domain.WorkerConfig([], {}, [], {})
    low, high = WORKER_CONFIG_RANGE
    for raw in store.query_all_raw(Item, worker_pk(agency_id, worker_id), Item.sk.between(low, high)):
        sk = raw["sk"]["S"]
        if sk.startswith("CAL#") and "#BLK#" in sk:
            block = BlockItem.from_raw_data(raw).to_domain()
            config.blocks.setdefault(block.calendar_id, []).append(block)
        elif sk.startswith("CAL#"):
            calendar = CalendarItem.from_raw_data(raw)
            config.calendars.append(calendar.to_domain())
            config.calendar_versions[sk.removeprefix("CAL#")] = int(calendar.version)
        elif sk.startswith("MEMBER#"):
            service_ids = set(MemberItem.from_raw_data(raw).service_ids or ())
            if service_ids:
                config.members[sk.removeprefix("MEMBER#")] = service_ids
        elif sk.startswith("OFF#"):
            config.time_off.append(TimeOffItem.from_raw_data(raw).to_domain())
    return config


def load_calendar(agency_id: str, worker_id: str, calendar_id: str) -> tuple[domain.Calendar, int] | None:
    """A calendar and its version; None if the worker has no such calendar."""
    item = store.get(CalendarItem, *CalendarItem.key(agency_id, worker_id, calendar_id), consistent_read=True)
    return None if item is None else (item.to_domain(), int(item.version))


def load_reservations(agency_id: str, worker_id: str, first_start: int, last_start: int, *,
                      including_last: bool = True) -> list[domain.Reservation]:
    """Holds and bookings starting from `first_start` up to `last_start` (the second too, unless `including_last` is
    False): one Query (the range key sorts by start)."""
    high = f"RES#{times.iso(last_start)}" + ("~" if including_last else "")
    condition = ReservationItem.sk.between(f"RES#{times.iso(first_start)}", high)
    return [item.to_domain() for item in ReservationItem.query(worker_pk(agency_id, worker_id), condition,
                                                                consistent_read=True)]


def load_schedule(agency: domain.AgencyConfig, worker: domain.WorkerConfig, agency_id: str, worker_id: str,
                  first: date, last: date) -> domain.WorkerSchedule:
    """The schedule for local dates first..last, with the reservations that could overlap them."""
    start = domain.day_number(first) * domain.DAY_SECONDS - WINDOW_MARGIN_SECONDS
    end = (domain.day_number(last) + 1) * domain.DAY_SECONDS + WINDOW_MARGIN_SECONDS
    return domain.WorkerSchedule(
        settings=agency.settings, sites=agency.sites, calendars=worker.calendars, blocks=worker.blocks,
        time_off=worker.time_off, reservations=load_reservations(agency_id, worker_id, start, end),
    )


def load_schedule_around(agency_id: str, worker_id: str, start: int) -> tuple[domain.Settings, domain.WorkerSchedule]:
    """The agency's settings and the worker's schedule around `start` (three Queries)."""
    agency = load_agency(agency_id)
    config = load_worker(agency_id, worker_id)
    day = datetime.fromtimestamp(start, UTC).date()
    schedule = load_schedule(agency, config, agency_id, worker_id, day - timedelta(days=1), day + timedelta(days=1))
    return agency.settings, schedule


def load_ref(agency_id: str, worker_id: str, ref_id: str) -> RefItem | None:
    return store.get(RefItem, *RefItem.key(agency_id, worker_id, ref_id), consistent_read=True)


def load_reservation(agency_id: str, worker_id: str, sk: str) -> domain.Reservation | None:
    item = store.get(ReservationItem, worker_pk(agency_id, worker_id), sk, consistent_read=True)
    return None if item is None else item.to_domain()


def holds_expired_by(now: int, limit: int) -> Iterator[tuple[str, str, domain.Reservation]]:
    """(agency_id, worker_id, hold) of holds whose time ran out by `now`, at most `limit`: one Query of the index."""
    for item in ReservationItem.by_hold_expiry.query(HOLDS, ReservationItem.gsi1sk < times.iso(now), limit=limit):
        yield *worker_of(item.pk), item.to_domain()


def load_service(agency_id: str, service_id: str) -> ServiceItem | None:
    return store.get(ServiceItem, *ServiceItem.key(agency_id, service_id), consistent_read=True)


def load_request_settings(agency_id: str) -> RequestSettingsItem | None:
    return store.get(RequestSettingsItem, *RequestSettingsItem.key(agency_id), consistent_read=True)
