"""The requests table: key helpers and item classes (the only module that knows PynamoDB).

| pk                          | sk                          | item                                               |
|-----------------------------|-----------------------------|----------------------------------------------------|
| AGENCY#<a>                  | SETTINGS                    | the agency's settings                              |
|                             | ZONE                        | the agency's time zone (from availability)         |
| AGENCY#<a>#PEOPLE           | PERSON#<p>                  | the roster                                         |
| AGENCY#<a>#SERVICES         | SERVICE#<s>                 | service files (staff list them with one Query)     |
| AGENCY#<a>#REQUEST#<r>      | REQUEST                     | an event request (gsi1: by status, worker, start)  |
| AGENCY#<a>#EVENT#<e>        | EVENT                       | an event (gsi1: the worker's events by start)      |
| AGENCY#<a>#SRQ#<id>         | SERVICE_REQUEST             | a request for a new service (gsi1: by status)      |
| AGENCY#<a>#TIMELINE#<s>     | <occurred_at>#<ns>#<n>#<e>  | the Services Timeline: one entry per change of the |
|                             |                             | service, its requests and events (see timeline.py) |
| AGENCY#<a>#CLIENT#<c>       | ASK#<created>#<id>          | the client's copy of their new-service request     |
|                             | OPEN_REQUESTS               | how many of the client's event requests are open   |
|                             | REQUEST#<created>#<r>       | the client's copy of their event request           |
|                             | SCHEDULE#<start>#<e>        | the client's copy of an event they attend          |
|                             | SERVICE#<s>                 | membership: the service as the client sees it,     |
|                             |                             | with the events they attended                      |
| AGENCY#<a>#PERSON#<p>       | CALENDAR_FEED               | the person's calendar feed: its secret's hash      |
| FEED#<sha256 of the secret> | FEED                        | a calendar feed: whose events, this window's count |

`SCHEDULE#` sorts right before `SERVICE#`, so My Services reads a client's upcoming events and all their
memberships with one Query (from `SCHEDULE#<now>` to the end of `SERVICE#`). Copies in the client's
partition are written in the same transaction as the item they copy, whose write is conditional on its
version, so they never disagree.
"""

from __future__ import annotations

from botocore.exceptions import ClientError
from msgspec.structs import asdict, replace
from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute

from portalkit import store
from portalkit.store import Gsi1, TableModel, table_meta

from . import domain

SERVICE = "requests"
META = table_meta(SERVICE)
SCHEDULE, MEMBERSHIP = "SCHEDULE#", "SERVICE#"


def agency_pk(agency_id: str) -> str:
    return f"AGENCY#{agency_id}"


def people_pk(agency_id: str) -> str:
    return f"AGENCY#{agency_id}#PEOPLE"


def person_sk(person_id: str) -> str:
    return f"PERSON#{person_id}"


def services_pk(agency_id: str) -> str:
    return f"AGENCY#{agency_id}#SERVICES"


def client_pk(agency_id: str, client_id: str) -> str:
    return f"AGENCY#{agency_id}#CLIENT#{client_id}"


class Item(TableModel):
    """Fields every item of the requests table has."""

    Meta = META
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


def _dump(value) -> dict:
    """A domain value as item attributes (tuples become lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(value).items()}


def _load(cls, item):
    """An item's attributes as a domain value (lists become tuples; a missing list is empty)."""
    names = cls.__struct_fields__
    with_default = names[len(names) - len(cls.__struct_defaults__):]  # defaults belong to the last fields
    values = {}
    for name in names:
        value = getattr(item, name, None)
        if isinstance(value, list):
            value = tuple(value)
        if value is None and name in with_default:
            continue  # absent or null: the value's default
        values[name] = value
    return cls(**values)


def _ids():
    return ListAttribute(of=UnicodeAttribute, default=list)


# -- people ------------------------------------------------------------------------------------------


class PersonItem(Item):
    person_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    role = UnicodeAttribute()
    email_consent = BooleanAttribute()
    version = NumberAttribute()

    @classmethod
    def of(cls, agency_id: str, person: domain.Person) -> PersonItem:
        return cls(people_pk(agency_id), person_sk(person.person_id), **_dump(person))

    def to_domain(self) -> domain.Person:
        return _load(domain.Person, self)


# -- settings ------------------------------------------------------------------------------------------


class SettingsItem(Item):
    event_requests_enabled = BooleanAttribute()
    request_messages_enabled = BooleanAttribute()
    request_messages_required = BooleanAttribute(null=True)
    video_sessions_enabled = BooleanAttribute()
    service_requests_enabled = BooleanAttribute()
    max_open_requests = NumberAttribute()
    cancellation_window_hours = NumberAttribute()
    agency_name = UnicodeAttribute(null=True)
    feed_client_names = BooleanAttribute(null=True)
    version = NumberAttribute()

    @classmethod
    def key(cls, agency_id: str) -> tuple[str, str]:
        return agency_pk(agency_id), "SETTINGS"

    @classmethod
    def of(cls, agency_id: str, settings: domain.Settings) -> SettingsItem:
        return cls(*cls.key(agency_id), **_dump(settings))

    def to_domain(self) -> domain.Settings:
        return _load(domain.Settings, self)


class AgencyZoneItem(Item):
    """The agency's time zone as availability last said (availability.settings.updated): times are shown on it.
    With it, the booking rules a worker's proposal must meet (notice, horizon, slot length), absent on items written
    before they were kept."""

    timezone = UnicodeAttribute()
    min_notice_hours = NumberAttribute(null=True)
    horizon_days = NumberAttribute(null=True)
    slot_minutes = NumberAttribute(null=True)
    version = NumberAttribute()

    def scheduling(self) -> domain.Scheduling:
        return domain.Scheduling(*(None if value is None else int(value) for value in (
            self.min_notice_hours, self.horizon_days, self.slot_minutes)))

    @classmethod
    def key(cls, agency_id: str) -> tuple[str, str]:
        return agency_pk(agency_id), "ZONE"


# -- service files and memberships ---------------------------------------------------------------------


class _ServiceFields(Item):
    service_id = UnicodeAttribute()
    name = UnicodeAttribute()
    open_date = UnicodeAttribute()
    close_date = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    provider_ids = _ids()
    participant_ids = _ids()
    version = NumberAttribute()


class ServiceItem(_ServiceFields):
    @classmethod
    def key(cls, agency_id: str, service_id: str) -> tuple[str, str]:
        return services_pk(agency_id), f"SERVICE#{service_id}"

    @classmethod
    def of(cls, agency_id: str, service: domain.ServiceFile) -> ServiceItem:
        return cls(*cls.key(agency_id, service.service_id), **_dump(service))

    def to_domain(self) -> domain.ServiceFile:
        return _load(domain.ServiceFile, self)


class MembershipItem(_ServiceFields):
    """The service as one participant sees it; updated (never replaced) so its counter survives."""

    member_status = UnicodeAttribute()
    left_date = UnicodeAttribute(null=True)
    events_attended = NumberAttribute(default=0)

    @classmethod
    def key(cls, agency_id: str, client_id: str, service_id: str) -> tuple[str, str]:
        return client_pk(agency_id, client_id), MEMBERSHIP + service_id

    @classmethod
    def at(cls, agency_id: str, client_id: str, service_id: str) -> MembershipItem:
        return cls(*cls.key(agency_id, client_id, service_id))

    @classmethod
    def service_actions(cls, service: domain.ServiceFile, member_status: str, left_date: str | None) -> list:
        """SET actions that copy the service's state and the member's status, leaving the counter alone."""
        values = {**_dump(service), "member_status": member_status, "left_date": left_date}
        actions = []
        for name, value in values.items():
            attribute = getattr(cls, name)
            actions.append(attribute.remove() if value is None else attribute.set(value))
        return actions

    def to_domain(self) -> domain.Membership:
        return domain.Membership(service=_load(domain.ServiceFile, self), member_status=self.member_status,
                                 left_date=self.left_date, events_attended=int(self.events_attended or 0))


# -- event requests ------------------------------------------------------------------------------------


class RequestItem(Item):
    request_id = UnicodeAttribute()
    service_id = UnicodeAttribute()
    client_id = UnicodeAttribute()
    worker_id = UnicodeAttribute()
    start = UnicodeAttribute()
    requested_start = UnicodeAttribute()
    created_at = UnicodeAttribute()
    attendee_ids = _ids()
    video_session = BooleanAttribute()
    message = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    end = UnicodeAttribute(null=True)
    local_start = UnicodeAttribute(null=True)
    site_id = UnicodeAttribute(null=True)
    hold_expires_at = UnicodeAttribute(null=True)
    proposed_start = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    declined_by = UnicodeAttribute(null=True)
    event_id = UnicodeAttribute(null=True)
    confirmed_by = UnicodeAttribute(null=True)
    video_link = UnicodeAttribute(null=True)
    proposal_failed_start = UnicodeAttribute(null=True)
    proposal_failed_reason = UnicodeAttribute(null=True)
    proposal_failed_at = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    version = NumberAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    by_status = Gsi1()

    @classmethod
    def key(cls, agency_id: str, request_id: str) -> tuple[str, str]:
        return f"AGENCY#{agency_id}#REQUEST#{request_id}", "REQUEST"

    @staticmethod
    def index_pk(agency_id: str) -> str:
        return f"AGENCY#{agency_id}#REQUESTS"

    @staticmethod
    def index_prefix(status: str, worker_id: str | None = None) -> str:
        return f"{status}#{worker_id}#" if worker_id else f"{status}#"

    @classmethod
    def of(cls, agency_id: str, request: domain.EventRequest) -> RequestItem:
        return cls(*cls.key(agency_id, request.request_id), **_dump(request), gsi1pk=cls.index_pk(agency_id),
                   gsi1sk=f"{request.status}#{request.worker_id}#{request.start}#{request.request_id}")

    @classmethod
    def client_copy(cls, agency_id: str, request: domain.EventRequest) -> RequestItem:
        return cls(*cls.copy_key(agency_id, request.client_id, request.created_at, request.request_id),
                   **_dump(request))

    @staticmethod
    def copy_key(agency_id: str, client_id: str, created_at: str, request_id: str) -> tuple[str, str]:
        return client_pk(agency_id, client_id), f"REQUEST#{created_at}#{request_id}"

    def to_domain(self) -> domain.EventRequest:
        return _load(domain.EventRequest, self)


class OpenRequestsItem(Item):
    """How many event requests of a client are open: added to on condition of the agency's limit."""

    open_count = NumberAttribute(null=True)

    @classmethod
    def at(cls, agency_id: str, client_id: str) -> OpenRequestsItem:
        return cls(client_pk(agency_id, client_id), "OPEN_REQUESTS")


# -- events ----------------------------------------------------------------------------------------------


class EventItem(Item):
    event_id = UnicodeAttribute()
    service_id = UnicodeAttribute()
    worker_id = UnicodeAttribute()
    client_ids = _ids()
    start = UnicodeAttribute()
    end = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    request_id = UnicodeAttribute(null=True)
    request_created_at = UnicodeAttribute(null=True)
    requested_by = UnicodeAttribute(null=True)
    local_start = UnicodeAttribute(null=True)
    site_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    video_session = BooleanAttribute()
    video_link = UnicodeAttribute(null=True)
    previous_start = UnicodeAttribute(null=True)
    previous_end = UnicodeAttribute(null=True)
    late = BooleanAttribute(null=True)
    late_fee = BooleanAttribute(null=True)
    cancelled_by = UnicodeAttribute(null=True)
    cancelled_by_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    attendance_confirmed_by = _ids()
    left_ids = _ids()
    updated_at = UnicodeAttribute(null=True)
    version = NumberAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    by_worker = Gsi1()

    @classmethod
    def key(cls, agency_id: str, event_id: str) -> tuple[str, str]:
        return f"AGENCY#{agency_id}#EVENT#{event_id}", "EVENT"

    @staticmethod
    def index_pk(agency_id: str, worker_id: str) -> str:
        return f"AGENCY#{agency_id}#WORKER#{worker_id}#EVENTS"

    @classmethod
    def of(cls, agency_id: str, event: domain.Event) -> EventItem:
        return cls(*cls.key(agency_id, event.event_id), **_dump(event),
                   gsi1pk=cls.index_pk(agency_id, event.worker_id), gsi1sk=f"{event.start}#{event.event_id}")

    @classmethod
    def client_copy(cls, agency_id: str, client_id: str, event: domain.Event) -> EventItem:
        return cls(*cls.copy_key(agency_id, client_id, event), **_dump(event))

    @staticmethod
    def copy_key(agency_id: str, client_id: str, event: domain.Event) -> tuple[str, str]:
        return client_pk(agency_id, client_id), f"{SCHEDULE}{event.start}#{event.event_id}"

    def to_domain(self) -> domain.Event:
        event = _load(domain.Event, self)
        if event.request_id and event.requested_by is None and event.client_ids:
            # Written before events kept who requested them: the requester was then always the first client.
            event = replace(event, requested_by=event.client_ids[0])
        return event


# -- requests for a new service -----------------------------------------------------------------------


class ServiceRequestItem(Item):
    service_request_id = UnicodeAttribute()
    client_id = UnicodeAttribute()
    name = UnicodeAttribute()
    created_at = UnicodeAttribute()
    message = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    service_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    version = NumberAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    by_status = Gsi1()

    @classmethod
    def key(cls, agency_id: str, service_request_id: str) -> tuple[str, str]:
        return f"AGENCY#{agency_id}#SRQ#{service_request_id}", "SERVICE_REQUEST"

    @staticmethod
    def index_pk(agency_id: str) -> str:
        return f"AGENCY#{agency_id}#SERVICE_REQUESTS"

    @classmethod
    def of(cls, agency_id: str, request: domain.ServiceRequest) -> ServiceRequestItem:
        return cls(*cls.key(agency_id, request.service_request_id), **_dump(request),
                   gsi1pk=cls.index_pk(agency_id),
                   gsi1sk=f"{request.status}#{request.created_at}#{request.service_request_id}")

    @classmethod
    def client_copy(cls, agency_id: str, request: domain.ServiceRequest) -> ServiceRequestItem:
        sk = f"ASK#{request.created_at}#{request.service_request_id}"
        return cls(client_pk(agency_id, request.client_id), sk, **_dump(request))

    def to_domain(self) -> domain.ServiceRequest:
        return _load(domain.ServiceRequest, self)


# -- the Services Timeline -----------------------------------------------------------------------------


class TimelineItem(Item):
    """One change of a service's history, written in the change's own transaction (`audience`: the clients it
    concerns, `everyone`: all who take or took part; read with a filter on them for a client)."""

    entry_id = UnicodeAttribute()
    at = UnicodeAttribute()
    kind = UnicodeAttribute()
    service_id = UnicodeAttribute()
    audience = _ids()
    everyone = BooleanAttribute(default=False)
    event_id = UnicodeAttribute(null=True)
    request_id = UnicodeAttribute(null=True)
    client_id = UnicodeAttribute(null=True)
    worker_id = UnicodeAttribute(null=True)
    start = UnicodeAttribute(null=True)
    local_start = UnicodeAttribute(null=True)
    previous_start = UnicodeAttribute(null=True)
    by = UnicodeAttribute(null=True)
    by_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    reason_text = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    date = UnicodeAttribute(null=True)
    reverted = BooleanAttribute(default=False)

    @staticmethod
    def partition(agency_id: str, service_id: str) -> str:
        return f"AGENCY#{agency_id}#TIMELINE#{service_id}"

    @classmethod
    def of(cls, agency_id: str, entry: domain.TimelineEntry, written_ns: int, position: int) -> TimelineItem:
        """Sorted by `at` (milliseconds), then by when it was written (the clock's nanoseconds, which a fixed clock
        still counts) and its place among the events its transaction publishes: changes in one millisecond keep
        their order."""
        values = {k: v for k, v in _dump(entry).items() if v is not None}
        sk = f"{entry.at}#{written_ns:020d}#{position:02d}#{entry.entry_id}"
        return cls(cls.partition(agency_id, entry.service_id), sk, **values)

    def to_domain(self) -> domain.TimelineEntry:
        return _load(domain.TimelineEntry, self)


# -- calendar feeds ----------------------------------------------------------------------------------------


class FeedItem(Item):
    """A calendar subscription feed, keyed by the SHA-256 of its secret (the secret is stored nowhere): whose events it
    lists, and how often it was fetched in the current window (counted by `count_feed_fetch`).

    Its key names no agency: the secret in the URL is all a calendar app sends, and its hash is unique anyway."""

    agency_id = UnicodeAttribute()
    person_id = UnicodeAttribute()
    role = UnicodeAttribute()
    created_at = UnicodeAttribute()
    fetch_window = NumberAttribute(null=True)
    fetches = NumberAttribute(null=True)
    last_fetched_at = UnicodeAttribute(null=True)

    @classmethod
    def key(cls, digest: str) -> tuple[str, str]:
        return f"FEED#{digest}", "FEED"


class FeedOwnerItem(Item):
    """The feed a person has now (its secret's hash): a new link or "Stop sharing" removes that feed item in the
    same transaction, conditional on this item's version."""

    digest = UnicodeAttribute()
    created_at = UnicodeAttribute()
    version = NumberAttribute()

    @classmethod
    def key(cls, agency_id: str, person_id: str) -> tuple[str, str]:
        return f"AGENCY#{agency_id}#PERSON#{person_id}", "CALENDAR_FEED"


FETCHED, NO_FEED, OVER_LIMIT, NEW_WINDOW = "fetched", "no_feed", "over_limit", "new_window"


def count_feed_fetch(digest: str, window: int, limit: int, fetched_at: str) -> tuple[str, FeedItem | None]:
    """One fetch of a feed, in one UpdateItem that finds it and counts the fetch on condition of the window's limit.

    Answers FETCHED with the feed item as counted, NO_FEED (no such feed: revoked, rotated or never made),
    OVER_LIMIT, or NEW_WINDOW when the item counts an earlier window: `start_feed_window` then starts this one (so
    the first fetch of a window costs two calls, every other one). What failed is told by the item as it was
    (ReturnValuesOnConditionCheckFailure), without reading it again.
    """
    try:
        answer = _client().update_item(
            TableName=META.table_name, Key=_key(FeedItem.key(digest)),
            UpdateExpression="SET #n = #n + :one, #at = :at",
            ConditionExpression="attribute_exists(pk) AND #w = :w AND #n < :limit",
            ExpressionAttributeNames={"#n": "fetches", "#w": "fetch_window", "#at": "last_fetched_at"},
            ExpressionAttributeValues={":one": {"N": "1"}, ":w": {"N": str(window)}, ":limit": {"N": str(limit)},
                                       ":at": {"S": fetched_at}},
            ReturnValues="ALL_NEW", ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
        return FETCHED, FeedItem.from_raw_data(answer["Attributes"])
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise
        old = error.response.get("Item")
    if not old:
        return NO_FEED, None
    if "fetch_window" in old and int(old["fetch_window"]["N"]) == window:
        return OVER_LIMIT, FeedItem.from_raw_data(old)
    # another window's count (an earlier one, or a later one after a clock was set back)
    return NEW_WINDOW, FeedItem.from_raw_data(old)


def start_feed_window(digest: str, window: int, fetched_at: str) -> tuple[str, FeedItem | None]:
    """The first fetch of a window: the count starts again at 1, on condition that the feed exists and counts another
    window (NEW_WINDOW when another fetch started this one first: count again)."""
    try:
        answer = _client().update_item(
            TableName=META.table_name, Key=_key(FeedItem.key(digest)),
            UpdateExpression="SET #n = :one, #w = :w, #at = :at",
            ConditionExpression="attribute_exists(pk) AND (attribute_not_exists(#w) OR #w <> :w)",
            ExpressionAttributeNames={"#n": "fetches", "#w": "fetch_window", "#at": "last_fetched_at"},
            ExpressionAttributeValues={":one": {"N": "1"}, ":w": {"N": str(window)}, ":at": {"S": fetched_at}},
            ReturnValues="ALL_NEW", ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
        return FETCHED, FeedItem.from_raw_data(answer["Attributes"])
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise
        return (NEW_WINDOW, None) if error.response.get("Item") else (NO_FEED, None)


def _client():
    return store.shared_connection().client


def _key(key: tuple[str, str]) -> dict:
    return {"pk": {"S": key[0]}, "sk": {"S": key[1]}}


# -- loaders: one item by key (None when there is none) -----------------------------------------------------------


def _found(cls: type[Item], key: tuple[str, str]):
    """The item at `key` as a domain value (one consistent GetItem), or None."""
    item = store.get(cls, *key, consistent_read=True)
    return item.to_domain() if item else None


def load_person(agency_id: str, person_id: str) -> domain.Person | None:
    return _found(PersonItem, (people_pk(agency_id), person_sk(person_id)))


def load_settings(agency_id: str) -> domain.Settings | None:
    return _found(SettingsItem, SettingsItem.key(agency_id))


def load_agency_zone(agency_id: str) -> AgencyZoneItem | None:
    return store.get(AgencyZoneItem, *AgencyZoneItem.key(agency_id), consistent_read=True)


def load_service(agency_id: str, service_id: str) -> domain.ServiceFile | None:
    return _found(ServiceItem, ServiceItem.key(agency_id, service_id))


def load_request(agency_id: str, request_id: str) -> domain.EventRequest | None:
    return _found(RequestItem, RequestItem.key(agency_id, request_id))


def load_event(agency_id: str, event_id: str) -> domain.Event | None:
    return _found(EventItem, EventItem.key(agency_id, event_id))


def load_service_request(agency_id: str, service_request_id: str) -> domain.ServiceRequest | None:
    return _found(ServiceRequestItem, ServiceRequestItem.key(agency_id, service_request_id))


def load_feed_owner(agency_id: str, person_id: str) -> FeedOwnerItem | None:
    return store.get(FeedOwnerItem, *FeedOwnerItem.key(agency_id, person_id), consistent_read=True)


def load_feed(digest: str) -> FeedItem | None:
    return store.get(FeedItem, *FeedItem.key(digest), consistent_read=True)


# -- reading several kinds of item at once -------------------------------------------------------------


def batch_get(keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Raw items of this table by key, read consistently (the kit's BatchGetItem, unprocessed keys retried)."""
    return store.batch_get(META.service, keys)


def read(*wanted: tuple[type[Item], tuple[str, str]]) -> list:
    """Items of several kinds by (class, key), in one BatchGetItem (per 100 keys), in the order asked; None where
    there is none."""
    found = batch_get([key for _, key in wanted])
    return [cls.from_raw_data(found[key]) if key in found else None for cls, key in wanted]


def load_people(agency_id: str, person_ids) -> dict[str, domain.Person]:
    """People by id, one BatchGetItem per 100 (the unknown are left out)."""
    keys = [(people_pk(agency_id), person_sk(p)) for p in person_ids]
    return {p.person_id: p for p in (PersonItem.from_raw_data(raw).to_domain() for raw in batch_get(keys).values())}


def query_raw(pk: str, range_condition=None, **page) -> tuple[list[dict], dict | None]:
    """One page of a partition (or a range of it), raw, read consistently (the kit's `store.query_raw`)."""
    return store.query_raw(Item, pk, range_condition, **page)


def query_page(cls: type[Item], pk: str, range_condition=None, **page) -> tuple[list, dict | None]:
    """One page of a partition (or a range of it) holding items of one kind, as domain values, and where the next
    page starts: one Query however many items a filter leaves out."""
    items, last = query_raw(pk, range_condition, **page)
    return [cls.from_raw_data(raw).to_domain() for raw in items], last


def query_all(cls: type[Item], pk: str, range_condition=None) -> list:
    """Every item of a partition (or a range of it) of one kind, as domain values, page after page."""
    return [cls.from_raw_data(raw).to_domain() for raw in store.query_all_raw(Item, pk, range_condition)]


def client_schedule(agency_id: str, client_id: str, since: str) -> tuple[list[domain.Membership], list[domain.Event]]:
    """A client's memberships and their events from `since` on, read together: one Query of their partition, from
    `SCHEDULE#<since>` to the end of `SERVICE#` (page after page)."""
    memberships, upcoming = [], []
    for raw in store.query_all_raw(Item, client_pk(agency_id, client_id),
                                   Item.sk.between(SCHEDULE + since, MEMBERSHIP + "~")):
        if raw["sk"]["S"].startswith(MEMBERSHIP):
            memberships.append(MembershipItem.from_raw_data(raw).to_domain())
        else:
            upcoming.append(EventItem.from_raw_data(raw).to_domain())
    return memberships, upcoming
