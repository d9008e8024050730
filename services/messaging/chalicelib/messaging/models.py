"""The messaging table: key helpers, item classes and loaders (the only module that knows PynamoDB or raw items).

| pk                                | sk                               | item                                         |
|-----------------------------------|----------------------------------|----------------------------------------------|
| AGENCY#<a>                        | SETTINGS                         | the agency's messaging settings              |
|                                   | ZONE                             | the agency's time zone (from availability)   |
|                                   | REQUESTS                         | its name, cancellation window (requests)     |
|                                   | SITE#<s>                         | a site's name and address (availability)     |
|                                   | REPLAN                           | upcoming events to plan again (lead times)   |
| AGENCY#<a>#EVENT#<e>              | EVENT                            | an event (from requests), reminders on/off   |
|                                   | REMINDER#<start>#<hours>         | one reminder of the event at that start      |
| AGENCY#<a>#PERSON#<p>             | CONTACT                          | name, address, consent, email choices        |
| AGENCY#<a>#SERVICE#<s>            | SERVICE                          | name, providers, participants                |
|                                   | DISC#<started>#<d>               | a discussion of the service (for listing)    |
| AGENCY#<a>#SERVICE#<s>#CLIENT#<c> | UNANSWERED                       | the client's messages since a provider reply |
| AGENCY#<a>#DISC#<d>               | DISC                             | the discussion (a record: never changed)     |
|                                   | MSG#<posted>#<m>                 | its messages (records)                       |
| AGENCY#<a>#INBOX#<p>              | ITEM#<item>                      | an inbox item: a discussion or notification  |
|                                   | UNREAD, UNREAD#<s>               | unread counts, in all and per service        |
| EMAIL#<id>                        | EMAIL                            | an email to send (the stream relay sends it) |

Inbox items also carry gsi1pk = AGENCY#<a>#INBOX#<p>, gsi1sk = <last activity>#<item>: a person's inbox, newest
first, is one Query of gsi1. A reminder still due carries gsi1pk = REMINDERS#DUE, gsi1sk = <due>#<a>#<e>#<hours> (the
write that sends or drops it removes both): the minute's due reminders are one Query. A scheduled event carries
gsi1pk = AGENCY#<a>#UPCOMING, gsi1sk = <start>#<e>, and a lead-time change to plan again gsi1pk = REMINDERS#REPLAN:
both for planning the agency's upcoming events again when its lead times change.
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)
from pynamodb.exceptions import UpdateError

from portalkit import store
from portalkit.store import Gsi1, TableModel, table_meta
from portalkit.times import iso as store_iso

from . import domain

SERVICE = "messaging"
META = table_meta(SERVICE)
INBOX_INDEX = Gsi1.Meta.index_name


def settings_key(agency_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}", "SETTINGS"


def agency_key(agency_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}", "REQUESTS"


def site_key(agency_id: str, site_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}", f"SITE#{site_id}"


def replan_key(agency_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}", "REPLAN"


def event_pk(agency_id: str, event_id: str) -> str:
    return f"AGENCY#{agency_id}#EVENT#{event_id}"


def event_key(agency_id: str, event_id: str) -> tuple[str, str]:
    return event_pk(agency_id, event_id), "EVENT"


def reminder_key(agency_id: str, event_id: str, start: str, hours: int) -> tuple[str, str]:
    return event_pk(agency_id, event_id), f"{REMINDER_PREFIX}{start}#{hours:03d}"


REMINDER_PREFIX = "REMINDER#"
DUE_REMINDERS = "REMINDERS#DUE"  # gsi1pk of every reminder still due, all agencies: the sweep's one Query
REPLANS = "REMINDERS#REPLAN"  # gsi1pk of each agency whose upcoming events are to be planned again


def upcoming_pk(agency_id: str) -> str:
    return f"AGENCY#{agency_id}#UPCOMING"


def zone_key(agency_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}", "ZONE"


def contact_key(agency_id: str, person_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}#PERSON#{person_id}", "CONTACT"


def service_pk(agency_id: str, service_id: str) -> str:
    return f"AGENCY#{agency_id}#SERVICE#{service_id}"


def service_key(agency_id: str, service_id: str) -> tuple[str, str]:
    return service_pk(agency_id, service_id), "SERVICE"


def unanswered_key(agency_id: str, service_id: str, client_id: str) -> tuple[str, str]:
    return f"{service_pk(agency_id, service_id)}#CLIENT#{client_id}", "UNANSWERED"


def discussion_pk(agency_id: str, discussion_id: str) -> str:
    return f"AGENCY#{agency_id}#DISC#{discussion_id}"


def inbox_pk(agency_id: str, person_id: str) -> str:
    return f"AGENCY#{agency_id}#INBOX#{person_id}"


def entry_key(agency_id: str, person_id: str, item_id: str) -> tuple[str, str]:
    return inbox_pk(agency_id, person_id), f"ITEM#{item_id}"


def unread_key(agency_id: str, person_id: str, service_id: str | None = None) -> tuple[str, str]:
    return inbox_pk(agency_id, person_id), "UNREAD" if service_id is None else f"UNREAD#{service_id}"


class Item(TableModel):
    """Fields every messaging item has."""

    Meta = META
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


class SettingsItem(Item):
    discussions_enabled = BooleanAttribute()
    client_delivery_enabled = BooleanAttribute()
    email_detail = MapAttribute(default=dict)
    version = NumberAttribute()
    # Absent on settings saved before reminders existed: the defaults (domain.AgencySettings).
    reminders_enabled = BooleanAttribute(null=True)
    reminder_hours = ListAttribute(of=NumberAttribute, null=True)
    reminders_changed_at = NumberAttribute(null=True)

    @classmethod
    def of(cls, agency_id: str, s: domain.AgencySettings) -> SettingsItem:
        return cls(*settings_key(agency_id), discussions_enabled=s.discussions_enabled,
                   client_delivery_enabled=s.client_delivery_enabled, email_detail=dict(s.email_detail),
                   version=s.version, reminders_enabled=s.reminders_enabled, reminder_hours=list(s.reminder_hours),
                   reminders_changed_at=s.reminders_changed_at)

    def to_domain(self) -> domain.AgencySettings:
        detail = self.email_detail.as_dict() if isinstance(self.email_detail, MapAttribute) else self.email_detail
        defaults = domain.AgencySettings()
        return domain.AgencySettings(
            discussions_enabled=bool(self.discussions_enabled),
            client_delivery_enabled=bool(self.client_delivery_enabled), email_detail=dict(detail or {}),
            version=int(self.version),
            reminders_enabled=defaults.reminders_enabled if self.reminders_enabled is None else self.reminders_enabled,
            reminder_hours=defaults.reminder_hours if self.reminder_hours is None
            else tuple(int(h) for h in self.reminder_hours),
            reminders_changed_at=None if self.reminders_changed_at is None else int(self.reminders_changed_at))


class ZoneItem(Item):
    """The agency's IANA time zone as availability last said it (availability.settings.updated): times in
    notifications are written on it."""

    timezone = UnicodeAttribute()
    version = NumberAttribute()


class AgencyItem(Item):
    """What requests says of the agency (requests.settings.updated): its name and cancellation window, for the
    reminders' and calendar files' words."""

    agency_name = UnicodeAttribute(null=True)
    cancellation_window_hours = NumberAttribute()
    version = NumberAttribute()

    def to_domain(self) -> domain.AgencyFacts:
        return domain.AgencyFacts(name=self.agency_name, cancellation_window_hours=int(self.cancellation_window_hours))


class SiteItem(Item):
    """A site as availability last said (availability.site.updated): where an event is."""

    name = UnicodeAttribute()
    address = UnicodeAttribute(null=True)
    timezone = UnicodeAttribute(null=True)
    retired = BooleanAttribute(null=True)
    version = NumberAttribute()

    def to_domain(self) -> domain.Place:
        return domain.Place(name=self.name, address=self.address)


class EventItem(Item):
    """An event (appointment) as requests' event messages last said (newest version wins), and whether staff turned
    its reminders off. The consumer writes the event's attributes and the API the switch, each with updates of its
    own attributes, so neither erases the other."""

    service_id = UnicodeAttribute(null=True)
    worker_id = UnicodeAttribute(null=True)
    client_ids = ListAttribute(of=UnicodeAttribute, null=True)
    status = UnicodeAttribute(null=True)
    start = UnicodeAttribute(null=True)
    end = UnicodeAttribute(null=True)
    local_start = UnicodeAttribute(null=True)
    site_id = UnicodeAttribute(null=True)
    video_session = BooleanAttribute(null=True)
    video_link = UnicodeAttribute(null=True)
    version = NumberAttribute(null=True)
    timed_at = NumberAttribute(null=True)  # when the event got its current start (domain.EventCopy)
    timed_version = NumberAttribute(null=True)
    reminders_off = BooleanAttribute(null=True)
    reminders_changed_by = UnicodeAttribute(null=True)
    reminders_changed_at = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute(null=True)  # AGENCY#<a>#UPCOMING while scheduled
    gsi1sk = UnicodeAttribute(null=True)
    expires_at = NumberAttribute(null=True)
    upcoming = Gsi1()

    @classmethod
    def projection_actions(cls, agency_id: str, e: domain.EventCopy, expires_at: int | None) -> list:
        """The updates that write an event's state (the staff's switch stays as it is)."""
        values = [(cls.service_id, e.service_id), (cls.worker_id, e.worker_id), (cls.status, e.status),
                  (cls.start, e.start), (cls.end, e.end), (cls.local_start, e.local_start), (cls.site_id, e.site_id),
                  (cls.video_session, e.video_session), (cls.video_link, e.video_link), (cls.version, e.version),
                  (cls.timed_at, e.timed_at), (cls.timed_version, e.timed_version), (cls.expires_at, expires_at)]
        actions = [attr.set(value) if value is not None else attr.remove() for attr, value in values]
        actions.append(cls.client_ids.set(list(e.client_ids)))
        if e.status == domain.SCHEDULED:
            actions += [cls.gsi1pk.set(upcoming_pk(agency_id)), cls.gsi1sk.set(f"{e.start}#{e.event_id}")]
        else:
            actions += [cls.gsi1pk.remove(), cls.gsi1sk.remove()]
        return actions

    def to_domain(self) -> domain.EventCopy | None:
        """None while only the staff's switch is known."""
        if self.version is None:
            return None
        return domain.EventCopy(
            event_id=self.pk.rsplit("#EVENT#", 1)[1], service_id=self.service_id, worker_id=self.worker_id,
            client_ids=tuple(self.client_ids or ()), status=self.status or domain.SCHEDULED, start=self.start or "",
            end=self.end, local_start=self.local_start, site_id=self.site_id, video_session=bool(self.video_session),
            video_link=self.video_link, version=int(self.version), timed_at=int(self.timed_at or 0),
            timed_version=int(self.timed_version or 0), reminders_off=bool(self.reminders_off))


class ReminderItem(Item):
    """One reminder of an event at one start and lead time: due (in the due index) until the sweep sends it (to
    whom, when) or drops it (why); kept after, so staff see it in the event."""

    hours = NumberAttribute()
    start = UnicodeAttribute()
    due_at = UnicodeAttribute()
    status = UnicodeAttribute()  # domain.DUE | SENT | NOT_SENT
    reason = UnicodeAttribute(null=True)  # why not sent (domain.REMINDER_REASONS)
    sent_at = UnicodeAttribute(null=True)
    sent_to = ListAttribute(of=MapAttribute, null=True)  # [{person_id, role}]
    not_sent_to = ListAttribute(of=MapAttribute, null=True)  # [{person_id, role, reason}]
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    expires_at = NumberAttribute()
    due = Gsi1()

    @classmethod
    def planned(cls, agency_id: str, event_id: str, start: str, hours: int, due_at: int,
                expires_at: int) -> ReminderItem:
        due = store_iso(due_at)
        return cls(*reminder_key(agency_id, event_id, start, hours), hours=hours, start=start, due_at=due,
                   status=domain.DUE, gsi1pk=DUE_REMINDERS, gsi1sk=f"{due}#{agency_id}#{event_id}#{hours:03d}",
                   expires_at=expires_at)

    def owner(self) -> tuple[str, str]:
        """(agency_id, event_id) from the key."""
        agency_id, event_id = self.pk.removeprefix("AGENCY#").split("#EVENT#", 1)
        return agency_id, event_id

    def view(self) -> dict:
        people = lambda entries: [dict(e.as_dict() if isinstance(e, MapAttribute) else e)  # noqa: E731
                                  for e in (entries or [])]
        return {"hours": int(self.hours), "start": self.start, "due_at": self.due_at, "status": self.status,
                "reason": self.reason, "sent_at": self.sent_at, "sent_to": people(self.sent_to),
                "not_sent_to": people(self.not_sent_to)}


class ReplanItem(Item):
    """An agency whose upcoming events are to be planned again with new lead times (written with the settings that
    changed them); the sweep goes through them a page a run (`after`: the last start done) and deletes it."""

    settings_version = NumberAttribute()
    after = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    by_change = Gsi1()


class ContactItem(Item):
    """A person: the roster's fields (from requests' events) and their email choices (from the API), one item.

    Both sides write with updates of their own attributes, so neither erases the other."""

    person_id = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    role = UnicodeAttribute(null=True)
    email_consent = BooleanAttribute(null=True)
    version = NumberAttribute(null=True)
    email_off = UnicodeSetAttribute(null=True)
    email_detail = UnicodeAttribute(null=True)  # the person's own detail level; none: FULL (the agency's)

    @classmethod
    def roster_actions(cls, contact: domain.Contact) -> list:
        return [cls.person_id.set(contact.person_id), cls.name.set(contact.name), cls.email.set(contact.email),
                cls.role.set(contact.role), cls.email_consent.set(contact.email_consent),
                cls.version.set(contact.version)]

    def to_domain(self) -> domain.Contact | None:
        """None while only the person's choices are known (the roster's event has not arrived yet)."""
        if self.version is None:
            return None
        return domain.Contact(person_id=self.person_id, name=self.name, email=self.email, role=self.role,
                              email_consent=bool(self.email_consent), version=int(self.version),
                              email_off=frozenset(self.email_off or ()),
                              email_detail=self.email_detail or domain.FULL)


class ServiceItem(Item):
    name = UnicodeAttribute()
    status = UnicodeAttribute()
    provider_ids = UnicodeSetAttribute(null=True)
    participant_ids = UnicodeSetAttribute(null=True)
    version = NumberAttribute()

    @classmethod
    def of(cls, agency_id: str, s: domain.ServiceFile) -> ServiceItem:
        return cls(*service_key(agency_id, s.service_id), name=s.name, status=s.status,
                   provider_ids=set(s.provider_ids) or None, participant_ids=set(s.participant_ids) or None,
                   version=s.version)

    def to_domain(self) -> domain.ServiceFile:
        return domain.ServiceFile(service_id=self.pk.rsplit("#SERVICE#", 1)[1], name=self.name, status=self.status,
                                  provider_ids=frozenset(self.provider_ids or ()),
                                  participant_ids=frozenset(self.participant_ids or ()), version=int(self.version))


class CounterItem(Item):
    """A count changed only by ADD (unread items) or by ADD under a condition (unanswered messages)."""

    count = NumberAttribute(default=0)


class DiscussionItem(Item):
    service_id = UnicodeAttribute()
    client_id = UnicodeAttribute()
    subject = UnicodeAttribute()
    started_by = UnicodeAttribute()
    started_by_role = UnicodeAttribute()
    started_at = UnicodeAttribute()

    def view(self) -> dict:
        return {"discussion_id": self.pk.rsplit("#DISC#", 1)[1], "service_id": self.service_id,
                "client_id": self.client_id, "subject": self.subject, "started_by": self.started_by,
                "started_by_role": self.started_by_role, "started_at": self.started_at}


class DiscussionRefItem(Item):
    """A discussion listed under its service, with its latest activity."""

    discussion_id = UnicodeAttribute()
    client_id = UnicodeAttribute()
    subject = UnicodeAttribute()
    started_at = UnicodeAttribute()
    last_message_at = UnicodeAttribute()
    message_count = NumberAttribute(default=0)

    def view(self) -> dict:
        return {"discussion_id": self.discussion_id, "client_id": self.client_id, "subject": self.subject,
                "started_at": self.started_at, "last_message_at": self.last_message_at,
                "message_count": int(self.message_count)}


class MessageItem(Item):
    message_id = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_role = UnicodeAttribute()
    author_name = UnicodeAttribute(null=True)
    body = UnicodeAttribute()
    posted_at = UnicodeAttribute()

    def view(self) -> dict:
        return {"message_id": self.message_id, "author_id": self.author_id, "author_role": self.author_role,
                "author_name": self.author_name, "body": self.body, "posted_at": self.posted_at}


class EntryItem(Item):
    """One item of a person's inbox: a discussion they follow, or a notification."""

    item_type = UnicodeAttribute()  # discussion | notification
    kind = UnicodeAttribute()  # a notification kind (domain.KINDS); `message` for discussions
    service_id = UnicodeAttribute(null=True)
    discussion_id = UnicodeAttribute(null=True)
    subject = UnicodeAttribute()
    body = UnicodeAttribute(null=True)  # a notification's words, or a discussion's latest message (a preview)
    from_name = UnicodeAttribute(null=True)
    refs = MapAttribute(null=True)  # request_id, event_id, invoice_id, ... of the cause
    reason = UnicodeAttribute(null=True)  # availability's code when the words give its sentence (outside_availability)
    at = UnicodeAttribute()
    unread = NumberAttribute(default=0)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    by_activity = Gsi1()

    def view(self) -> dict:
        refs = self.refs.as_dict() if isinstance(self.refs, MapAttribute) else (self.refs or {})
        return {"item_id": self.sk.removeprefix("ITEM#"), "type": self.item_type, "kind": self.kind,
                "service_id": self.service_id, "discussion_id": self.discussion_id, "subject": self.subject,
                "body": self.body, "from_name": self.from_name, "refs": dict(refs), "reason": self.reason,
                "at": self.at,
                "unread": int(self.unread or 0), "read": not int(self.unread or 0)}


class EmailItem(Item):
    """An email waiting for the stream relay (written in the transaction that decided it); `sent_at` once sent."""

    agency_id = UnicodeAttribute()
    person_id = UnicodeAttribute()
    to = UnicodeAttribute()
    subject = UnicodeAttribute()
    body = UnicodeAttribute()
    kind = UnicodeAttribute()
    created_at = UnicodeAttribute()
    sent_at = UnicodeAttribute(null=True)
    ses_message_id = UnicodeAttribute(null=True)
    expires_at = NumberAttribute()
    calendar_file = UnicodeAttribute(null=True)  # an .ics to attach (confirmations, changes, cancellations)

    @staticmethod
    def key(email_id: str) -> tuple[str, str]:
        return f"EMAIL#{email_id}", "EMAIL"


# -- loading: items by key (None when absent), raw items of a BatchGetItem or a Query decoded ---------------


def batch_get(keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Raw items of this table by key, strongly consistent (the kit's BatchGetItem, unprocessed keys retried)."""
    return store.batch_get(META.service, keys)


def load(model: type[Item], raw: dict | None):
    return None if raw is None else model.from_raw_data(raw)


def settings_from(raw: dict | None) -> domain.AgencySettings:
    """The agency's messaging settings: the defaults until an admin saves some."""
    item = load(SettingsItem, raw)
    return item.to_domain() if item else domain.AgencySettings()


def agency_from(raw: dict | None) -> domain.AgencyFacts:
    item = load(AgencyItem, raw)
    return item.to_domain() if item else domain.AgencyFacts()


def place_from(raw: dict | None) -> domain.Place | None:
    item = load(SiteItem, raw)
    return item.to_domain() if item else None


def zone_from(raw: dict | None) -> str | None:
    item = load(ZoneItem, raw)
    return item.timezone if item else None


def service_from(raw: dict | None) -> domain.ServiceFile | None:
    item = load(ServiceItem, raw)
    return item.to_domain() if item else None


def contact_from(raw: dict | None) -> domain.Contact | None:
    item = load(ContactItem, raw)
    return item.to_domain() if item else None


def event_from(raw: dict | None) -> tuple[EventItem | None, domain.EventCopy | None]:
    """The event's item and the event it holds (None while only the staff's switch is known)."""
    item = load(EventItem, raw)
    return item, item.to_domain() if item is not None else None


def get_contact(agency_id: str, person_id: str) -> domain.Contact | None:
    item = store.get(ContactItem, *contact_key(agency_id, person_id), consistent_read=True)
    return item.to_domain() if item else None


def get_discussion(agency_id: str, discussion_id: str) -> DiscussionItem | None:
    return store.get(DiscussionItem, discussion_pk(agency_id, discussion_id), "DISC", consistent_read=True)


def get_unanswered(agency_id: str, service_id: str, client_id: str) -> int:
    """The client's messages about the service since a provider's reply."""
    item = store.get(CounterItem, *unanswered_key(agency_id, service_id, client_id), consistent_read=True)
    return int(item.count or 0) if item else 0


def get_entry(agency_id: str, person_id: str, item_id: str) -> EntryItem | None:
    return store.get(EntryItem, *entry_key(agency_id, person_id, item_id), consistent_read=True)


def get_email(key: tuple[str, str]) -> EmailItem | None:
    return store.get(EmailItem, *key, consistent_read=True)


def image_key(image: dict) -> tuple[str, str]:
    """The (pk, sk) of an item as the table's stream gives it (DynamoDB JSON)."""
    return image_pk(image), image["sk"]["S"]


def image_pk(image: dict) -> str:
    return image["pk"]["S"]


def is_email(image: dict) -> bool:
    """Whether a stream image is an email item's."""
    return image.get("pk", {}).get("S", "").startswith("EMAIL#")


def mark_email_sent(item: EmailItem, sent_at: str, ses_message_id: str) -> bool:
    """Mark an email sent, unless another delivery marked it meanwhile (False then, as on any refused update: SES
    has sent it, so the stream must not retry it)."""
    try:
        item.update(actions=[EmailItem.sent_at.set(sent_at), EmailItem.ses_message_id.set(ses_message_id)],
                    condition=EmailItem.sent_at.does_not_exist())
    except UpdateError:
        return False
    return True


def page_of(model: type[Item], pk: str, range_condition, **query) -> tuple[list, dict | None]:
    """One page of a partition (the kit's `query_raw`: one Query), decoded, and where the next page starts."""
    raws, last = store.query_raw(model, pk, range_condition, **query)
    return [model.from_raw_data(raw) for raw in raws], last


def inbox_page(pk: str, condition, size: int, read: int, start: dict | None) -> tuple[list[EntryItem], dict | None]:
    """A page of a person's inbox, newest first: one Query of the inbox index reading up to `read` items (a filtered
    page reads more than it returns), cut to `size`, and where the next page starts."""
    raw, next_key = store.query_raw(EntryItem, pk, index=INBOX_INDEX, filter_condition=condition, forward=False,
                                    limit=read, start_key=start, consistent=False)  # an index is never consistent
    if len(raw) > size:
        raw, last = raw[:size], raw[size - 1]
        next_key = {name: last[name] for name in ("pk", "sk", "gsi1pk", "gsi1sk")}
    return [EntryItem.from_raw_data(item) for item in raw], next_key


def unread_counts(pk: str) -> dict[str | None, int]:
    """A person's unread counts: in all (None) and per service, one Query of their counters."""
    found, _ = store.query_raw(CounterItem, pk, CounterItem.sk.startswith("UNREAD"))
    counts: dict[str | None, int] = {}
    for raw in found:
        sk = raw["sk"]["S"]
        counts[None if sk == "UNREAD" else sk.removeprefix("UNREAD#")] = max(0, int(raw.get("count", {}).get("N", 0)))
    return counts


def reminders_of(agency_id: str, event_id: str) -> list[ReminderItem]:
    """Every reminder of an event, at any start: one Query (or more, for an event moved very often)."""
    return list(ReminderItem.query(event_pk(agency_id, event_id), ReminderItem.sk.startswith(REMINDER_PREFIX),
                                   consistent_read=True))


def starts_in(start: dict, pk: str) -> bool:
    """Whether a page's start key (from `page_start`) is in the partition `pk`."""
    return start["pk"]["S"] == pk


def page_start(cursor: str | None, partition: tuple[str, str], sk_prefix: str, index: bool = False) -> dict | None:
    """The DynamoDB start key inside an API cursor, only if it is one this very list could have given out."""
    from portalkit.api import decode_cursor, starting

    key = {"pk": None, "sk": starting(sk_prefix), **({"gsi1pk": None, "gsi1sk": None} if index else {})}
    name, value = partition
    return decode_cursor(cursor, {**key, name: value})
