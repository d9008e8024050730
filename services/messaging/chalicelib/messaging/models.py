"""The messaging table: key helpers and item classes (the only module that knows PynamoDB).

| pk                                | sk                               | item                                         |
|-----------------------------------|----------------------------------|----------------------------------------------|
| AGENCY#<a>                        | SETTINGS                         | the agency's messaging settings              |
|                                   | ZONE                             | the agency's time zone (from availability)   |
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
first, is one Query of gsi1.
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)

from portalkit import store
from portalkit.store import Gsi1, TableModel, table_meta

from . import domain

META = table_meta("messaging")
INBOX_INDEX = Gsi1.Meta.index_name


def settings_key(agency_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}", "SETTINGS"


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

    @classmethod
    def of(cls, agency_id: str, s: domain.AgencySettings) -> SettingsItem:
        return cls(*settings_key(agency_id), discussions_enabled=s.discussions_enabled,
                   client_delivery_enabled=s.client_delivery_enabled, email_detail=dict(s.email_detail),
                   version=s.version)

    def to_domain(self) -> domain.AgencySettings:
        detail = self.email_detail.as_dict() if isinstance(self.email_detail, MapAttribute) else self.email_detail
        return domain.AgencySettings(discussions_enabled=bool(self.discussions_enabled),
                                     client_delivery_enabled=bool(self.client_delivery_enabled),
                                     email_detail=dict(detail or {}), version=int(self.version))


class ZoneItem(Item):
    """The agency's IANA time zone as availability last said it (availability.settings.updated): times in
    notifications are written on it."""

    timezone = UnicodeAttribute()
    version = NumberAttribute()


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

    @staticmethod
    def key(email_id: str) -> tuple[str, str]:
        return f"EMAIL#{email_id}", "EMAIL"


# -- reading several kinds of item at once ----------------------------------------------------------------


def batch_get(keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Raw items of this table by key, strongly consistent (the kit's BatchGetItem, unprocessed keys retried)."""
    return store.batch_get(META.service, keys)


def page_start(cursor: str | None, partition: tuple[str, str], sk_prefix: str, index: bool = False) -> dict | None:
    """The DynamoDB start key inside an API cursor, only if it is one this very list could have given out."""
    from portalkit.api import decode_cursor, starting

    key = {"pk": None, "sk": starting(sk_prefix), **({"gsi1pk": None, "gsi1sk": None} if index else {})}
    name, value = partition
    return decode_cursor(cursor, {**key, name: value})


def load(model: type[Item], raw: dict | None):
    return None if raw is None else model.from_raw_data(raw)


