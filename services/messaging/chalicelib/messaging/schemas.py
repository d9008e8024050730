"""What messaging's routes accept and answer, and the payloads it publishes: declared once, as types.

The routes (api.py) decode their input into these and are checked against their replies in tests; the service's
OpenAPI document and its event contracts (contracts/*.json) are generated from them (`make openapi`).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import Meta

from portalkit.schema import Body, Cursor, Id, Published, Query, Reply, UtcInstant, text

from . import domain

Role = Literal["client", "worker", "admin"]
Kind = Literal[domain.KINDS]  # a subscript's tuple is its arguments: one literal per kind
DetailLevel = Literal[domain.DETAIL_LEVELS]
Subject = text(domain.MAX_SUBJECT)
MessageText = text(domain.MAX_MESSAGE)
DiscussionPageSize = Annotated[int, Meta(ge=1, le=200)]
InboxPageSize = Annotated[int, Meta(ge=1, le=100)]
LeadHours = Annotated[int, Meta(ge=domain.MIN_REMINDER_HOURS, le=domain.MAX_REMINDER_HOURS,
                                description="Hours before an event's start that a reminder is sent.")]
ReminderHours = Annotated[list[LeadHours], Meta(max_length=domain.MAX_REMINDERS, description=(
    f"The lead times of the agency's reminders, at most {domain.MAX_REMINDERS}, each once; the longest first."))]


# -- discussions -------------------------------------------------------------------------------------------------


class NewDiscussionWithProviders(Body):
    """A client's new discussion with the providers of one of their services."""

    service_id: Id
    subject: Subject
    message: MessageText


class NewDiscussionWithClient(Body):
    """A provider's (or admin's) new discussion with a client of a service."""

    service_id: Id
    client_id: Id
    subject: Subject
    message: MessageText


class NewMessage(Body):
    message: MessageText


class Posted(Reply):
    """A message stored (with its discussion, when it started one)."""

    discussion_id: str
    message_id: str
    posted_at: UtcInstant


class MessagePage(Query):
    cursor: Cursor | None = None
    limit: DiscussionPageSize | None = None


class Message(Reply):
    message_id: str
    author_id: str
    author_role: Role
    author_name: str | None
    body: str
    posted_at: UtcInstant


class Discussion(Reply):
    """A discussion with a page of its messages (oldest first) and whether the caller may post now."""

    discussion_id: str
    service_id: str
    service_name: str
    client_id: str
    subject: str
    started_by: str
    started_by_role: Role
    started_at: UtcInstant
    messages: list[Message]
    cursor: str | None
    discussions_enabled: bool
    can_post: bool
    cannot_post_reason: Annotated[str, Meta(description="The error code a post would answer now.")] | None
    cannot_post_message: str | None
    messages_left: Annotated[int, Meta(ge=0, description="Clients: messages left before a provider replies.")] \
        | None = None


class DiscussionsOfService(Query):
    service_id: Id
    cursor: Cursor | None = None
    limit: DiscussionPageSize | None = None


class DiscussionSummary(Reply):
    discussion_id: str
    client_id: str
    subject: str
    started_at: UtcInstant
    last_message_at: UtcInstant
    message_count: int


class Discussions(Reply):
    service_id: str
    service_name: str
    discussions: list[DiscussionSummary]
    cursor: str | None


# -- inboxes -----------------------------------------------------------------------------------------------------


class InboxPage(Query):
    service_id: Id | None = None
    unread: bool = False
    cursor: Cursor | None = None
    limit: InboxPageSize | None = None


class InboxItem(Reply):
    """A discussion the person follows, or a notification."""

    item_id: str
    type: Literal["discussion", "notification"]
    kind: Kind
    service_id: str | None
    discussion_id: str | None
    subject: str
    body: str | None
    from_name: str | None
    refs: dict[str, str]
    reason: str | None
    at: UtcInstant
    unread: int
    read: bool


class Inbox(Reply):
    items: list[InboxItem]
    cursor: str | None
    unread: int
    unread_by_service: dict[str, int]
    unread_in_service: int | None = None


# -- preferences and settings ------------------------------------------------------------------------------------


class PreferencesChange(Body):
    """Which kinds of notification the person also wants by email (kinds not named keep their choice), and how much
    their emails say; at least one of the two."""

    email: dict[Kind, bool] | None = None
    email_detail: Annotated[DetailLevel, Meta(description=(
        "How much the person's emails say: `full` is as much as the agency allows for each kind, `subject_only` "
        "the subject and a notice to sign in. The more private of this and the agency's level is sent."))] | None = None


class Preferences(Reply):
    email_address: str | None
    email_consent: bool
    agency_allows_email: bool
    email: dict[Kind, bool]
    delivered_by_email: dict[Kind, bool]
    email_detail: Annotated[DetailLevel, Meta(description="The person's own detail level.")]
    delivered_detail: Annotated[dict[Kind, DetailLevel], Meta(
        description="What the person's email of each kind says: the more private of theirs and the agency's.")]
    reminders_enabled: Annotated[bool, Meta(description=(
        "The agency sends reminders of upcoming events (by email, to those who want `event_reminder`)."))]
    reminder_hours: ReminderHours


class SettingsChange(Body):
    """The agency's messaging settings, changed on the version read."""

    version: Annotated[int, Meta(ge=0)]
    discussions_enabled: bool | None = None
    client_delivery_enabled: bool | None = None
    email_detail: dict[Kind, DetailLevel] | None = None
    reminders_enabled: bool | None = None
    reminder_hours: Annotated[ReminderHours, Meta(min_length=1)] | None = None


class Settings(Reply):
    discussions_enabled: bool
    client_delivery_enabled: bool
    email_detail: dict[Kind, DetailLevel]
    version: int
    reminders_enabled: Annotated[bool, Meta(description=(
        "Reminders of upcoming events go by email to each participant who consented (off: none at all)."))]
    reminder_hours: ReminderHours


# -- reminders of an event ---------------------------------------------------------------------------------------

ReminderStatus = Literal[domain.DUE, domain.SENT, domain.NOT_SENT, domain.NOT_PLANNED]
ReminderReason = Literal[domain.EVENT_CANCELLED_REASON, domain.EVENT_MOVED, domain.STARTED, domain.AGENCY_OFF,
                         domain.TURNED_OFF, domain.LEAD_TIME_REMOVED, domain.SUPERSEDED, domain.NOBODY,
                         domain.BOOKED_LATE]
NoEmailReason = Literal[domain.UNKNOWN_PERSON, domain.NO_EMAIL, domain.NO_CONSENT, domain.AGENCY_EMAIL_OFF,
                        domain.OPTED_OUT]
Audience = Literal["client", "worker"]


class ReminderRecipient(Reply):
    person_id: str
    role: Audience


class ReminderNotSent(Reply):
    """A participant the reminder did not reach by email, and why."""

    person_id: str
    role: Audience
    reason: NoEmailReason


class Reminder(Reply):
    """One reminder of an event at one of its times: due, sent (to whom, when), not sent (why), or not planned
    (the lead time had passed when the event was booked at that time)."""

    hours: int
    start: UtcInstant
    due_at: UtcInstant
    status: ReminderStatus
    reason: ReminderReason | None
    sent_at: Annotated[UtcInstant | None, Meta(description="When it was sent (or dropped).")]
    sent_to: list[ReminderRecipient]
    not_sent_to: list[ReminderNotSent]


class EventReminders(Reply):
    """An event's reminders: the current time's first (longest lead time first), then those of earlier times."""

    event_id: str
    status: Annotated[str, Meta(description="The event's status as messaging last heard it.")]
    start: str
    enabled: Annotated[bool, Meta(description="Staff have not turned this event's reminders off.")]
    changed_by: Annotated[str | None, Meta(description="Who last turned them off or on (a person id).")]
    changed_at: UtcInstant | None
    agency_enabled: bool
    reminder_hours: ReminderHours
    reminders: list[Reminder]


class RemindersSwitch(Body):
    """Turn an event's reminders off, or back on (reminders still due follow the switch when they come due)."""

    enabled: bool


class ClientSettings(Reply):
    """What the agency's messaging settings let anyone signed in do (the portal hides what is off; posts are still
    refused by the server)."""

    discussions_enabled: Annotated[bool, Meta(description=(
        "Clients may start discussions and write in them (staff still reply when off)."))]


# -- what messaging publishes ------------------------------------------------------------------------------------


class DiscussionStarted(Published):
    """A client started a discussion with the providers of one of their services, or a provider with a client of the
    service. subject_id is the discussion_id. The subject and messages stay in messaging: they are not on the bus."""

    event_type: ClassVar[str] = "messaging.discussion.started"

    discussion_id: Id
    service_id: Id
    client_id: Id
    started_by: Id
    started_by_role: Role
    started_at: UtcInstant


class MessagePosted(Published):
    """A message was posted in a discussion (the first one with the discussion's start). subject_id is the
    message_id. `recipient_ids` are the followers told of it (the client and the service's providers, but the
    author). The text stays in messaging: it is not on the bus."""

    event_type: ClassVar[str] = "messaging.message.posted"

    message_id: Id
    discussion_id: Id
    service_id: Id
    client_id: Id
    author_id: Id
    author_role: Role
    posted_at: UtcInstant
    recipient_ids: list[Id]


class NotificationSent(Published):
    """A person was told of an event (`cause_event_id`, `cause_event_type`) in their inbox and, where `channels` says
    so, by email (the email leaves through SES once the stream relay sees it). One per event and person, whatever the
    redeliveries. subject_id is the notification_id."""

    event_type: ClassVar[str] = "messaging.notification.sent"

    notification_id: Id
    person_id: Id
    audience: Literal["client", "staff"]
    kind: Annotated[str, Meta(min_length=1, max_length=64)]
    channels: Annotated[list[Literal["inbox", "email"]], Meta(min_length=1)]
    cause_event_id: Id
    cause_event_type: Annotated[str, Meta(min_length=1, max_length=128)]
    service_id: Id | None = None
    reason: Annotated[str, Meta(min_length=1, max_length=1000, description=(
        "Availability's code for why a time could not be had (`outside_availability`, ...), when the "
        "notification's words give its sentence."))] | None = None
