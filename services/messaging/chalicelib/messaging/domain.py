"""Pure rules of the messaging service: no AWS, no I/O.

Who may take part in a discussion, the three-message rule, which message tells whom what and in what words (one
table, `NOTICES`, keyed by the message type), whether a notification also goes out by email, the calendar file it
carries, and the rules of reminders: which are planned for an event, whether one is sent when due, to whom, in what
words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from msgspec import Struct, field
from msgspec.structs import replace

from portalkit import ics, times, wallclock
from portalkit.errors import Conflict, Forbidden, InvalidField, PortalError, changed
from portalkit.identity import ADMIN, CLIENT, WORKER

MAX_SUBJECT = 200
MAX_MESSAGE = 5000
UNANSWERED_LIMIT = 3  # messages a client may send to a service's providers before one of them replies
PREVIEW_CHARS = 140
MAX_RECIPIENTS = 18  # one notification or message is one transaction: about five items per recipient

# -- errors: each rule's refusal, with the status and code clients see (the kit's API maps them to HTTP) ----


class MessageLimitReached(Conflict):
    code = "message_limit_reached"


class DiscussionsDisabled(Forbidden):
    code = "discussions_disabled"


class ServiceClosed(Conflict):
    code = "service_closed"


class Busy(Conflict):
    """Other writes to the same discussion or inbox item kept coming first: the caller sends again."""

    code = "busy"


class NotTheEventsWorker(Forbidden):
    """Only the event's worker or an admin turns its reminders on or off."""


class UnknownService(InvalidField):
    """A discussion about a service the person does not take part in (a client) or provide (a worker)."""

    code = "unknown_service"


class UnknownClient(InvalidField):
    """Staff start a discussion with someone who is not a client of the service."""

    code = "unknown_client"


class ForeignCursor(InvalidField):
    """An inbox cursor that another person's inbox gave out."""


class NoPreferenceChange(InvalidField):
    """A change of preferences that names neither kinds of email nor a detail level."""


class NotYourKind(InvalidField):
    """A kind of email the person's role never receives."""


class NotTrueOrFalse(InvalidField):
    """A kind of email turned neither on (true) nor off (false)."""


class InvalidLeadTimes(InvalidField):
    """An agency's reminder lead times: none, more than MAX_REMINDERS, or one given twice."""


# -- notification kinds ----------------------------------------------------------------------------------

MESSAGE = "message"  # a new discussion or message (clients and providers)
EVENT_REQUESTED = "event_requested"  # worker: a client requested an event
REQUEST_AWAITING_RESPONSE = "request_awaiting_response"  # client: the worker has the request
REQUEST_DECLINED = "request_declined"
REQUEST_CONFIRMED = "request_confirmed"
TIME_PROPOSED = "time_proposed"
PROPOSAL_FAILED = "proposal_failed"  # worker: the time they proposed could not be held, and why
REQUEST_EXPIRED = "request_expired"
REQUEST_WITHDRAWN = "request_withdrawn"  # worker: the client withdrew
EVENT_SCHEDULED = "event_scheduled"  # client: added to an event they did not request themselves
VIDEO_LINK = "video_link"
EVENT_RESCHEDULED = "event_rescheduled"
EVENT_CANCELLED = "event_cancelled"  # cancelled for everyone (its canceller is told they did), or one's own leave
ATTENDEE_LEFT = "attendee_left"  # an invited client will not attend: the worker and the other clients
INVOICE_ISSUED = "invoice_issued"
PAYMENT_RECEIVED = "payment_received"
PAYMENT_FAILED = "payment_failed"  # client: an online payment did not go through (declined, or never confirmed)
SERVICE_APPROVED = "service_approved"  # client: staff approved their request for a new service (a file is open)
SERVICE_DECLINED = "service_declined"  # client: staff declined it, with a reason
EVENT_REMINDER = "event_reminder"  # an upcoming event, its lead time before: by email only (never in the inbox)

CLIENT_KINDS = (MESSAGE, REQUEST_AWAITING_RESPONSE, REQUEST_DECLINED, REQUEST_CONFIRMED, TIME_PROPOSED,
                REQUEST_EXPIRED, EVENT_SCHEDULED, VIDEO_LINK, EVENT_RESCHEDULED, EVENT_CANCELLED, ATTENDEE_LEFT,
                INVOICE_ISSUED, PAYMENT_RECEIVED, PAYMENT_FAILED, SERVICE_APPROVED, SERVICE_DECLINED, EVENT_REMINDER)
STAFF_KINDS = (MESSAGE, EVENT_REQUESTED, PROPOSAL_FAILED, REQUEST_WITHDRAWN, REQUEST_CONFIRMED, EVENT_CANCELLED,
               ATTENDEE_LEFT, EVENT_REMINDER)
KINDS = tuple(dict.fromkeys(CLIENT_KINDS + STAFF_KINDS))

FULL, SUBJECT_ONLY = "full", "subject_only"
DETAIL_LEVELS = (FULL, SUBJECT_ONLY)  # from the most to the least said: a later level is the more private
# What people write in discussions stays in the portal unless the agency chooses otherwise.
DEFAULT_DETAIL = {**{kind: FULL for kind in KINDS}, MESSAGE: SUBJECT_ONLY}


def kinds_for(role: str) -> tuple[str, ...]:
    return CLIENT_KINDS if role == CLIENT else STAFF_KINDS


def email_choices(role: str, email: dict | None, email_detail: str | None) -> tuple[set[str], set[str]]:
    """The kinds of email a person turns off and on (in that order): only kinds their role receives, each true or
    false; a change names some kinds or a detail level."""
    if email is None and email_detail is None:
        raise NoPreferenceChange("email", "Name the kinds of email to turn on or off (email), or a detail level "
                                          "(email_detail).")
    email = email or {}
    allowed = kinds_for(role)
    for kind, wanted in email.items():
        if kind not in allowed:
            raise NotYourKind(f"email.{kind}", f"{kind} is not a kind of notification you receive; "
                                               f"choose among: {', '.join(allowed)}.")
        if not isinstance(wanted, bool):
            raise NotTrueOrFalse(f"email.{kind}", f"email.{kind} must be true or false.")
    return {kind for kind, wanted in email.items() if not wanted}, {kind for kind, wanted in email.items() if wanted}


# -- what messaging keeps of other services' data --------------------------------------------------------


class Contact(Struct, frozen=True):
    """How to reach a person: messaging's copy of the roster (from `requests.person.*`) and their email choices."""

    person_id: str
    name: str
    email: str
    role: str
    email_consent: bool
    version: int
    email_off: frozenset[str] = frozenset()  # kinds the person does not want by email
    email_detail: str = FULL  # how much their emails say: FULL is as much as the agency allows

    @classmethod
    def from_message(cls, data: dict, version: int) -> Contact:
        return cls(
            person_id=data["person_id"], name=data["name"], email=data["email"], role=data["role"],
            email_consent=bool(data["email_consent"]), version=version,
        )


class ServiceFile(Struct, frozen=True):
    """A service as messaging needs it: its name, who provides it and who takes part (from `requests.service.*`)."""

    service_id: str
    name: str
    status: str
    provider_ids: frozenset[str]
    participant_ids: frozenset[str]
    version: int

    @classmethod
    def from_message(cls, data: dict, version: int) -> ServiceFile:
        return cls(service_id=data["service_id"], name=data["name"], status=data["status"],
                   provider_ids=frozenset(data["provider_ids"]), participant_ids=frozenset(data["participant_ids"]),
                   version=version)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


# Reminders are on, 48 and 2 hours before, until an admin says otherwise: the two most practices send (the day
# before yesterday's to rearrange, the same day's not to forget); each person's consent still decides.
DEFAULT_REMINDER_HOURS = (48, 2)
MAX_REMINDERS, MIN_REMINDER_HOURS, MAX_REMINDER_HOURS = 3, 1, 336


class AgencySettings(Struct, frozen=True):
    discussions_enabled: bool = True
    client_delivery_enabled: bool = True
    email_detail: dict = field(default_factory=dict)  # kind -> FULL | SUBJECT_ONLY; missing kinds take the default
    version: int = 0
    reminders_enabled: bool = True
    reminder_hours: tuple[int, ...] = DEFAULT_REMINDER_HOURS  # the longest first
    reminders_changed_at: int | None = None  # when the lead times last changed (none: never since the defaults)

    def detail(self, kind: str) -> str:
        return self.email_detail.get(kind, DEFAULT_DETAIL.get(kind, FULL))

    def view(self) -> dict:
        return {"discussions_enabled": self.discussions_enabled,
                "client_delivery_enabled": self.client_delivery_enabled,
                "email_detail": {kind: self.detail(kind) for kind in KINDS}, "version": self.version,
                "reminders_enabled": self.reminders_enabled, "reminder_hours": list(self.reminder_hours)}

    def change(self, changes: dict, email_detail: dict, expected_version: int, now: int) -> AgencySettings:
        """The settings an admin's change made on `expected_version` leads to (one made on an older version is
        refused: two admins' edits never silently overwrite each other). New lead times are kept the longest first,
        with `now` as when they changed: a reminder whose moment had passed by then is not planned."""
        if expected_version != self.version:
            raise changed("settings")
        changes = dict(changes)
        if "reminder_hours" in changes:
            changes["reminder_hours"] = reminder_hours(changes["reminder_hours"])
            if changes["reminder_hours"] != self.reminder_hours:
                changes["reminders_changed_at"] = now
        return replace(self, **changes, email_detail={**self.email_detail, **email_detail}, version=self.version + 1)


def reminder_hours(hours: list[int]) -> tuple[int, ...]:
    """An agency's lead times, the longest first: at most MAX_REMINDERS, none twice (each 1 to 336 hours, a type's
    limit); none at all is what turning reminders off is for."""
    if not hours:
        raise InvalidLeadTimes("reminder_hours", "Give at least one lead time, or turn reminders off "
                                                 "(reminders_enabled).")
    if len(hours) > MAX_REMINDERS:
        raise InvalidLeadTimes("reminder_hours", f"At most {MAX_REMINDERS} reminders per event.")
    if len(set(hours)) != len(hours):
        raise InvalidLeadTimes("reminder_hours", "Each lead time can be given once.")
    return tuple(sorted(hours, reverse=True))


# -- who may do what -------------------------------------------------------------------------------------


def takes_part(role: str, person_id: str, service: ServiceFile | None) -> bool:
    """A client in the services they take part in, a worker in those they provide, an admin in all of the agency's."""
    if service is None:
        return False
    if role == CLIENT:
        return person_id in service.participant_ids
    if role == WORKER:
        return person_id in service.provider_ids
    return role == ADMIN


def may_read(role: str, person_id: str, client_id: str, service: ServiceFile | None) -> bool:
    """A discussion is its client's (while they take part in the service) and its service's providers' (and admins')."""
    if role == CLIENT and person_id != client_id:
        return False
    return takes_part(role, person_id, service)


def discussion_client(role: str, person_id: str, service_id: str, service: ServiceFile | None,
                      client_id: str | None) -> str:
    """Whose a new discussion is: a client's own, in a service they take part in; staff's, with a client of a service
    they provide (an admin: of any of the agency's services)."""
    if not takes_part(role, person_id, service):
        mine = "you take part in" if role == CLIENT else "you provide"
        raise UnknownService("service_id", f"No service {service_id} that {mine}.")
    if role == CLIENT:
        return person_id
    if client_id not in service.participant_ids:
        raise UnknownClient("client_id", f"{client_id} is not a client of {service.name}.")
    return client_id


def refusal(settings: AgencySettings, service: ServiceFile, role: str, starting: bool = False,
            unanswered: int | None = None) -> PortalError | None:
    """Why this person may not write in a discussion of this service now (None: they may).

    Discussions off: nobody starts one and clients do not post, while staff still reply in existing ones, so a
    client's last question is answered (a staff reply does not open the discussion to the client again: the
    agency chose to stop messages in the portal). A closed service takes nothing new. A client who has sent
    UNANSWERED_LIMIT messages waits for a reply (`unanswered` when known; the message's own transaction enforces
    it whatever was read)."""
    if not settings.discussions_enabled and (starting or role == CLIENT):
        if role == CLIENT:
            return DiscussionsDisabled("Discussions are turned off for this agency: you can read your discussions "
                                       "but not start one or write in one.")
        return DiscussionsDisabled("Discussions are turned off for this agency: nobody can start one; staff can "
                                   "still reply in existing ones.")
    if not service.is_open:
        return ServiceClosed(f"The service {service.name} is closed; its discussions can be read but not added to.")
    if role == CLIENT and unanswered is not None and unanswered >= UNANSWERED_LIMIT:
        return MessageLimitReached(limit_message(service))
    return None


def check_may_write(settings: AgencySettings, service: ServiceFile, role: str, starting: bool) -> None:
    refused = refusal(settings, service, role, starting)
    if refused is not None:
        raise refused


def followers(author_id: str, client_id: str, service: ServiceFile) -> list[str]:
    """Everyone a discussion's new message goes to: its author, its client (while they take part in the service) and
    the service's providers, at most MAX_RECIPIENTS of them."""
    client = [client_id] if client_id in service.participant_ids else []
    return list(dict.fromkeys([author_id, *client, *sorted(service.provider_ids)]))[:MAX_RECIPIENTS]


def limit_message(service: ServiceFile) -> str:
    return (f"You have sent {UNANSWERED_LIMIT} messages about {service.name} without a reply. "
            "Please wait for your provider to reply before you send another.")


def preview(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1].rstrip() + "…"


# -- email ----------------------------------------------------------------------------------------------


UNKNOWN_PERSON, NO_EMAIL, NO_CONSENT, AGENCY_EMAIL_OFF, OPTED_OUT = (
    "unknown_person", "no_email", "no_consent", "agency_email_off", "opted_out")


def why_no_email(settings: AgencySettings, contact: Contact | None, audience: str, kind: str) -> str | None:
    """Why this person gets no email of this kind (None: they get it): email goes only with an address, the person's
    consent and wish for this kind, and (for clients) the agency's leave."""
    if contact is None:
        return UNKNOWN_PERSON
    if not contact.email:
        return NO_EMAIL
    if not contact.email_consent:
        return NO_CONSENT
    if audience == CLIENT and not settings.client_delivery_enabled:
        return AGENCY_EMAIL_OFF
    return OPTED_OUT if kind in contact.email_off else None


def email_allowed(settings: AgencySettings, contact: Contact | None, audience: str, kind: str) -> bool:
    return why_no_email(settings, contact, audience, kind) is None


def more_private(first: str, second: str) -> str:
    """Of two detail levels, the one that says less (an unknown level reads as the most private)."""
    rank = {level: index for index, level in enumerate(DETAIL_LEVELS)}
    private = len(DETAIL_LEVELS)
    return first if rank.get(first, private) >= rank.get(second, private) else second


def email_detail(settings: AgencySettings, contact: Contact | None, kind: str) -> str:
    """How much a person's email of this kind says: the agency's level for the kind or the person's own, the more
    private of the two (a client sharing an email account asks for less; nobody gets more than the agency allows)."""
    mine = contact.email_detail if contact is not None else FULL
    return more_private(settings.detail(kind), mine)


def preferences(role: str, settings: AgencySettings, contact: Contact | None, email_off: set[str],
                mine: str) -> dict:
    """A person's notification preferences as they see them: their choices (`email_off`, their own detail level
    `mine`), and what reaches them by email once the agency's leave and their consent (`contact`: none until the
    roster's message arrives) are counted."""
    agency_allows = role != CLIENT or settings.client_delivery_enabled
    consent = bool(contact and contact.email_consent)
    kinds = kinds_for(role)
    return {
        "email_address": contact.email if contact else None,
        "email_consent": consent,
        "agency_allows_email": agency_allows,
        "email": {kind: kind not in email_off for kind in kinds},
        "delivered_by_email": {kind: bool(contact and consent and agency_allows and kind not in email_off)
                               for kind in kinds},
        "email_detail": mine,
        "delivered_detail": {kind: more_private(settings.detail(kind), mine) for kind in kinds},
        "reminders_enabled": settings.reminders_enabled,
        "reminder_hours": list(settings.reminder_hours),
    }


SUBJECT_ONLY_BODY = "You have a new notification in your client portal. Sign in to read it."


class Text(Struct, frozen=True):
    subject: str
    body: str
    notice: str = SUBJECT_ONLY_BODY  # what an email says instead of the body at the subject-only level

    def email_body(self, detail: str) -> str:
        return self.body if detail == FULL else self.notice


# -- who a message concerns ------------------------------------------------------------------------------


class Planned(Struct, frozen=True):
    person_id: str
    audience: str  # CLIENT or WORKER: whose words and whose agency toggle
    kind: str


def _client(data: dict) -> list:
    return [data.get("client_id")]


def _worker(data: dict) -> list:
    return [data.get("worker_id")]


def _clients(data: dict) -> list:
    return list(data.get("client_ids") or [])


def _client_unless_they_declined(data: dict) -> list:
    """A request the client declined themselves (a proposal they turned down) tells nobody."""
    return _client(data) if data.get("declined_by") != "client" else []


def _worker_if_client_accepted(data: dict) -> list:
    """The worker hears of a confirmation only when the client accepted the worker's proposal."""
    return _worker(data) if data.get("confirmed_by") == "client" else []


def added_clients(data: dict) -> list[str]:
    """The clients of a newly scheduled event who did not request it themselves (the requester is told that their
    request was confirmed). An event from before events named their requester (`requested_by` absent) that came
    from a request cannot tell its requester from the others: nobody is told, as then."""
    clients = [c for c in data.get("client_ids") or [] if isinstance(c, str)]
    if "requested_by" not in data:
        return [] if data.get("request_id") else clients
    return [c for c in clients if c != data["requested_by"]]


def canceller(data: dict) -> str | None:
    """The person who cancelled an event for everyone: `cancelled_by_id`, or (for events from before it) the
    event's worker when a worker cancelled; None for availability or a client of an older event."""
    if data.get("cancelled_by_id") and data.get("cancelled_by") != "availability":
        return data["cancelled_by_id"]
    return data.get("worker_id") if data.get("cancelled_by") == "worker" else None


def people_named(data: dict) -> set[str]:
    """Everyone a message's words may name: whose names to load with the recipients' contacts."""
    named = {data.get("client_id"), data.get("worker_id"), data.get("requested_by"), canceller(data)}
    return {p for p in named if isinstance(p, str) and p}


def notification_id(event_id: str, person_id: str) -> str:
    """One notification per message and person: the same id whatever the delivery."""
    return hashlib.sha256(f"{event_id}\n{person_id}".encode()).hexdigest()[:32]


# -- in what words ---------------------------------------------------------------------------------------


class Names(Struct, frozen=True):
    """Names for the words of a notification (the service's, people's by id); fallbacks for whom messaging has not
    heard of yet."""

    service: str | None = None
    people: dict = field(default_factory=dict)  # person_id -> name

    def of(self, person_id: str | None, fallback: str) -> str:
        return self.people.get(person_id) or fallback


# Why availability could not have a time, for the client who asked (codes of requests.event_request.declined).
DECLINE_REASONS = {
    "slot_taken": "The time is no longer available.",
    "outside_availability": "The time is outside your provider's availability.",
    "too_soon": "The time is too soon to be booked.",
    "too_far": "The time is too far ahead to be booked.",
}
# ... and for the worker whose proposed time it could not hold (requests.event_request.proposal_failed).
PROPOSAL_FAILURES = {
    "slot_taken": "Another request or event has that time now.",
    "outside_availability": "The time is outside your client-facing availability.",
    "too_soon": "The time is sooner than the agency's minimum notice allows.",
    "too_far": "The time is further ahead than the agency's booking horizon allows.",
}
UNKNOWN_REASON = "The time could not be booked."
# Who cancelled, when messaging does not know their name yet.
CANCELLERS = {"client": "A client", "worker": "Your provider", "admin": "The agency"}
PAYMENT_FAILURES = {
    "payment_expired": "it was not confirmed in time and was cancelled",
    "card_declined": "the card was declined",
}


def reason_sentence(data: dict, sentences: dict[str, str]) -> str:
    """The producer's sentence (`reason_text`) when the message has one, else ours for its code."""
    text = data.get("reason_text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    return sentences.get(data.get("reason"), UNKNOWN_REASON)


def reason_code(message_type: str, data: dict) -> str | None:
    """Availability's code for why a time could not be had, kept beside the sentence people read."""
    if message_type.endswith(".proposal_failed") or (message_type.endswith(".declined")
                                                     and data.get("declined_by") == "availability"):
        return data.get("reason") if isinstance(data.get("reason"), str) else None
    return None


@dataclass(frozen=True)
class Wording:
    """What the words of one notification are made of: its person, the message's data, and every time in it on
    one clock (the agency's zone when messaging knows it, else the offset of the event's `local_start`, else UTC)."""

    person_id: str
    audience: str
    data: dict
    names: Names
    clock: Clock
    at: str  # when the event or request starts
    respond_by: str  # when a held request expires
    service: str  # " (<service name>)", or nothing when messaging has not heard of the service
    client: str  # the client's name, or "A client"
    worker: str  # the worker's name, or "your provider"
    reason: str  # " Reason: <the reason given>", or nothing

    @classmethod
    def of(cls, p: Planned, data: dict, names: Names, zone: str | None) -> Wording:
        clock = Clock.of(data, zone)
        return cls(person_id=p.person_id, audience=p.audience, data=data, names=names, clock=clock,
                   at=clock.start(data), respond_by=clock.when(data.get("hold_expires_at")) or UNKNOWN_TIME,
                   service=f" ({names.service})" if names.service else "",
                   client=names.of(data.get("client_id"), "A client"),
                   worker=names.of(data.get("worker_id"), "your provider"),
                   reason=f" Reason: {data['reason']}" if data.get("reason") else "")


def _event_requested(w: Wording) -> Text:
    return Text(f"New event request from {w.client}",
                f"{w.client} requested an event{w.service} on {w.at}. Please confirm, decline or propose another "
                f"time by {w.respond_by}.")


def _awaiting_response(w: Wording) -> Text:
    return Text("Your event request is awaiting response",
                f"Your request for {w.at}{w.service} has been sent to {w.worker}, who will respond by "
                f"{w.respond_by}.")


def _request_declined(w: Wording) -> Text:
    if w.data.get("declined_by") == "availability":
        why = reason_sentence(w.data, DECLINE_REASONS)
    else:
        why = f"Reason: {w.data['reason']}" if w.data.get("reason") else ""
    return Text("Your event request was declined", f"Your request{_for(w.at)}{w.service} was declined. {why}".strip())


def _request_confirmed(w: Wording) -> Text:
    return Text("Your event is confirmed", f"Your event{w.service} with {w.worker} on {w.at} is confirmed.")


def _proposal_accepted(w: Wording) -> Text:
    return Text(f"{w.client} accepted your proposed time", f"The event{w.service} on {w.at} is confirmed.")


def _time_proposed(w: Wording) -> Text:
    return Text(f"{_capital(w.worker)} proposed another time",
                f"{_capital(w.worker)} proposed {w.at}{w.service} instead of the time you asked for. Please accept "
                f"or decline by {w.respond_by}.")


def _proposal_failed(w: Wording) -> Text:
    held = w.clock.when(w.data.get("held_start"))
    still = f" The request still holds {held}." if held else " The request is awaiting your response again."
    return Text(f"Your proposed time for {w.client} could not be held",
                f"The time you proposed to {w.client}{w.service}, {w.at}, could not be held. "
                f"{reason_sentence(w.data, PROPOSAL_FAILURES)}{still} You can confirm it, decline it or propose "
                "another time.")


def _request_expired(w: Wording) -> Text:
    return Text("Your event request expired",
                f"Your request{_for(w.at)}{w.service} was not answered in time and has expired. You can request "
                "another time.")


def _request_withdrawn(w: Wording) -> Text:
    return Text(f"{w.client} withdrew an event request", f"{w.client} withdrew their request{_for(w.at)}{w.service}.")


def _event_scheduled(w: Wording) -> Text:
    requester = w.data.get("requested_by")
    by = (f"{w.names.of(requester, 'Another client')} invited you to an event{w.service} with {w.worker}"
          if requester else f"You were added to an event{w.service} with {w.worker}")
    return Text(f"You were added to an event on {w.at}", f"{by} on {w.at}.")


def _video_link(w: Wording) -> Text:
    verb = "changed" if w.data.get("changed") else "added"
    return Text(f"Video link {verb} for your event on {w.at}",
                f"The video link for your event{w.service} on {w.at}: {w.data.get('video_link')}")


def _event_rescheduled(w: Wording) -> Text:
    was = w.clock.when(w.data.get("previous_start"))
    before = f" (it was on {was})" if was else ""
    return Text("Your event was rescheduled", f"Your event{w.service} is now on {w.at}{before}.")


def _event_cancelled(w: Wording) -> Text:
    """Cancelled for everyone: its canceller is told they did, the others who did (or that it was cancelled)."""
    yours = "the" if w.audience == WORKER else "your"
    who = canceller(w.data)
    if who == w.person_id:
        return Text(f"You cancelled {yours} event on {w.at}",
                    f"You cancelled {yours} event{w.service} on {w.at}.{w.reason}")
    if who is None and w.data.get("cancelled_by") != "client":  # availability could not book it
        return Text(f"{_capital(yours)} event on {w.at} was cancelled",
                    f"{_capital(yours)} event{w.service} on {w.at} was cancelled.{w.reason}")
    by = w.names.of(who, CANCELLERS.get(w.data.get("cancelled_by"), "Someone"))
    return Text(f"{by} cancelled {yours} event on {w.at}",
                f"{by} cancelled {yours} event{w.service} on {w.at}.{w.reason}")


def _attendance_cancelled(w: Wording) -> Text:
    """The client who left the event: they cancelled their own attendance."""
    return Text(f"You cancelled your attendance on {w.at}",
                f"You cancelled your attendance at the event{w.service} with {w.worker} on {w.at}. The others keep "
                f"the event.{w.reason}")


def _attendee_left(w: Wording) -> Text:
    return Text(f"{w.client} will not attend the event on {w.at}",
                f"{w.client} cancelled their attendance at the event{w.service} on {w.at}; the event goes ahead "
                f"without them.{w.reason}")


def _invoice_issued(w: Wording) -> Text:
    data = w.data
    due = f", due {data['due_date']}" if data.get("due_date") else ""
    return Text(f"Invoice {data['number']} issued",
                f"Invoice {data['number']}{w.service} for {money(data['total'], data['currency'])} was issued{due}.")


def _payment_received(w: Wording) -> Text:
    data = w.data
    invoice = f" for invoice {data['invoice_number']}" if data.get("invoice_number") else ""
    return Text("Payment received",
                f"We received your payment of {money(data['amount'], data['currency'])}{invoice}. Thank you.")


def _payment_failed(w: Wording) -> Text:
    data = w.data
    invoice = f" for invoice {data['invoice_number']}" if data.get("invoice_number") else ""
    why = PAYMENT_FAILURES.get(data.get("failure_code"), "the payment provider did not accept it")
    return Text("Your payment did not go through",
                f"Your payment of {money(data['amount'], data['currency'])}{invoice} did not go through: {why}. "
                "Nothing was charged; you can pay again from your account.")


def _service_approved(w: Wording) -> Text:
    name = w.data["name"]
    return Text(f"Your request for {name} was approved",
                f"Your request for a new service, {name}, was approved. You can now request events and start "
                "discussions for it in your portal.")


def _service_declined(w: Wording) -> Text:
    name = w.data["name"]
    return Text(f"Your request for {name} was declined",
                f"Your request for a new service, {name}, was declined.{w.reason}")


def message_text(author_name: str, subject: str, body: str) -> Text:
    return Text(f"New message from {author_name}", f"{author_name} wrote in “{subject}”:\n\n{body}")


def _for(at: str) -> str:
    return f" for {at}" if at != UNKNOWN_TIME else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- which message tells whom what, in what words -----------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """One line of a message type's notifications: who is told (from the message's data), as whom (CLIENT or
    WORKER: whose words and whose agency toggle), what kind of notification, and in what words."""

    people: Callable[[dict], list]
    audience: str
    kind: str
    words: Callable[[Wording], Text]


# Every message type messaging tells people about (consumers.py routes each to notifications.notify), in the
# order its notices are given: a person named by two notices gets the first one only.
NOTICES: dict[str, tuple[Notice, ...]] = {
    "requests.event_request.held": (Notice(_worker, WORKER, EVENT_REQUESTED, _event_requested),
                                    Notice(_client, CLIENT, REQUEST_AWAITING_RESPONSE, _awaiting_response)),
    "requests.event_request.declined": (
        Notice(_client_unless_they_declined, CLIENT, REQUEST_DECLINED, _request_declined),),
    "requests.event_request.confirmed": (
        Notice(_client, CLIENT, REQUEST_CONFIRMED, _request_confirmed),
        Notice(_worker_if_client_accepted, WORKER, REQUEST_CONFIRMED, _proposal_accepted)),
    "requests.event_request.proposal_offered": (Notice(_client, CLIENT, TIME_PROPOSED, _time_proposed),),
    "requests.event_request.proposal_failed": (Notice(_worker, WORKER, PROPOSAL_FAILED, _proposal_failed),),
    "requests.event_request.expired": (Notice(_client, CLIENT, REQUEST_EXPIRED, _request_expired),),
    "requests.event_request.withdrawn": (Notice(_worker, WORKER, REQUEST_WITHDRAWN, _request_withdrawn),),
    "requests.event.scheduled": (Notice(added_clients, CLIENT, EVENT_SCHEDULED, _event_scheduled),),
    "requests.event.video_link_added": (Notice(_clients, CLIENT, VIDEO_LINK, _video_link),),
    "requests.event.rescheduled": (Notice(_clients, CLIENT, EVENT_RESCHEDULED, _event_rescheduled),),
    # For everyone: each client and the worker, the canceller too.
    "requests.event.cancelled": (Notice(_clients, CLIENT, EVENT_CANCELLED, _event_cancelled),
                                 Notice(_worker, WORKER, EVENT_CANCELLED, _event_cancelled)),
    # The one who left (`client_id`) cancelled their attendance; the worker and the remaining clients are told.
    "requests.event.attendee_left": (Notice(_client, CLIENT, EVENT_CANCELLED, _attendance_cancelled),
                                     Notice(_worker, WORKER, ATTENDEE_LEFT, _attendee_left),
                                     Notice(_clients, CLIENT, ATTENDEE_LEFT, _attendee_left)),
    "billing.invoice.issued": (Notice(_client, CLIENT, INVOICE_ISSUED, _invoice_issued),),
    "billing.payment.received": (Notice(_client, CLIENT, PAYMENT_RECEIVED, _payment_received),),
    "billing.payment.failed": (Notice(_client, CLIENT, PAYMENT_FAILED, _payment_failed),),
    "requests.service_request.approved": (Notice(_client, CLIENT, SERVICE_APPROVED, _service_approved),),
    "requests.service_request.declined": (Notice(_client, CLIENT, SERVICE_DECLINED, _service_declined),),
}


def plan(message_type: str, data: dict) -> list[Planned]:
    """The notifications a message causes, one per person (the first notice naming them), at most MAX_RECIPIENTS."""
    unique: dict[str, Planned] = {}
    for notice in NOTICES.get(message_type, ()):
        for person_id in notice.people(data):
            if person_id:
                unique.setdefault(person_id, Planned(person_id, notice.audience, notice.kind))
    return list(unique.values())[:MAX_RECIPIENTS]


def render(p: Planned, message_type: str, data: dict, names: Names, zone: str | None = None) -> Text:
    """Subject and body of a notification to one person: the words of its notice in the table (for a type the table
    does not list, the first notice of the same audience and kind), every time on one clock (`Wording`)."""
    return _notice(message_type, p.audience, p.kind).words(Wording.of(p, data, names, zone))


def _notice(message_type: str, audience: str, kind: str) -> Notice:
    mine = NOTICES.get(message_type, ())
    for notice in (*mine, *(n for notices in NOTICES.values() for n in notices)):
        if (notice.audience, notice.kind) == (audience, kind):
            return notice
    raise ValueError(f"no words for {kind}")


UNKNOWN_TIME = "a time to be set"


class Clock(Struct, frozen=True):
    """The one clock every time of a notification is written on (`portalkit.wallclock`), so none mixes zones."""

    where: object  # an IANA zone name, a fixed offset (tzinfo), or None for UTC

    @classmethod
    def of(cls, data: dict, zone: str | None) -> Clock:
        """The agency's zone when known; else the offset the event's `local_start` was written with; else UTC."""
        if wallclock.zone(zone) is not None:
            return cls(zone)
        local = wallclock.parse(data.get("local_start"))
        return cls(local.tzinfo if local else None)

    def when(self, instant) -> str | None:
        """'Mon 7 Dec 2026, 9:00 AM EST'; None for no instant (or text that is none)."""
        return wallclock.readable(instant, self.where) if instant else None


    def start(self, data: dict) -> str:
        """When the event or request starts: `start`, else `local_start` alone; UNKNOWN_TIME when neither reads."""
        return self.when(data.get("start")) or self.when(data.get("local_start")) or UNKNOWN_TIME


def when(data: dict, key: str = "start", zone: str | None = None) -> str:
    """One time of an event's data as people read it (see `Clock`); UNKNOWN_TIME when it has none."""
    clock = Clock.of(data, zone)
    return clock.start(data) if key == "start" else clock.when(data.get(key)) or UNKNOWN_TIME


def parse_instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def sort_key(text: str) -> str:
    """An instant as a fixed-width UTC string (milliseconds), so instants of any precision sort as they happened."""
    return moment_key(parse_instant(text))


def moment_key(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# ISO 4217 minor units that are not 2.
_EXPONENTS = {**dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                               "VND", "VUV", "XAF", "XOF", "XPF"), 0),
              **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3)}


def money(minor: int, currency: str) -> str:
    """Integer minor units as '1,234.50 CAD'."""
    exponent = _EXPONENTS.get(currency, 2)
    sign, value = ("-" if minor < 0 else ""), abs(minor)
    major, fraction = divmod(value, 10**exponent) if exponent else (value, 0)
    text = f"{major:,}" + (f".{fraction:0{exponent}d}" if exponent else "")
    return f"{sign}{text} {currency}"


# -- what messaging keeps of the agency, its sites and its events -------------------------------------------------

DEFAULT_CANCELLATION_WINDOW_HOURS = 24  # requests' default, until its settings say otherwise
HOUR = 3600


class AgencyFacts(Struct, frozen=True):
    """What requests says of the agency: its name (none until an admin gives one) and its cancellation window."""

    name: str | None = None
    cancellation_window_hours: int = DEFAULT_CANCELLATION_WINDOW_HOURS

    @classmethod
    def from_message(cls, data: dict) -> AgencyFacts:
        """requests.settings.updated's facts: the name when one is given; the window when it is a whole number of
        hours, else requests' default."""
        name = data.get("agency_name") if isinstance(data.get("agency_name"), str) and data.get("agency_name") else None
        window = data.get("cancellation_window_hours")
        window = window if isinstance(window, int) and not isinstance(window, bool) and window >= 0 else \
            DEFAULT_CANCELLATION_WINDOW_HOURS
        return cls(name=name, cancellation_window_hours=window)


class Place(Struct, frozen=True):
    """A site as availability last said: its name and, when it has one, its address."""

    name: str
    address: str | None = None

    def words(self) -> str:
        return f"{self.name}, {self.address}" if self.address else self.name


SCHEDULED, CANCELLED = "scheduled", "cancelled"
# The messages that give an event its start: when the event was booked at its current time is their occurred_at.
TIMING = ("requests.event.scheduled", "requests.event.rescheduled")


class EventCopy(Struct, frozen=True):
    """An event (appointment) as requests' event messages last said (the newest version wins), with when it got its
    current start: reminders whose lead time had passed by then are not sent."""

    event_id: str
    service_id: str | None
    worker_id: str | None
    client_ids: tuple[str, ...]
    status: str
    start: str
    end: str | None
    local_start: str | None
    site_id: str | None
    video_session: bool
    video_link: str | None
    version: int
    timed_at: int  # when the event got its current start: the time of the message that booked or moved it there
    timed_version: int  # that message's version; 0 while only a later message told the start (its time stands in)
    reminders_off: bool = False  # staff turned this event's reminders off

    @classmethod
    def from_message(cls, message_type: str, data: dict, version: int, occurred: int) -> EventCopy:
        status = data.get("status") if isinstance(data.get("status"), str) else SCHEDULED
        text = lambda name: data.get(name) if isinstance(data.get(name), str) and data.get(name) else None  # noqa: E731
        return cls(
            event_id=data["event_id"], service_id=text("service_id"), worker_id=text("worker_id"),
            client_ids=tuple(dict.fromkeys(c for c in data.get("client_ids") or () if isinstance(c, str) and c)),
            status=CANCELLED if message_type.endswith(".cancelled") else status, start=text("start") or "",
            end=text("end"), local_start=text("local_start"), site_id=text("site_id"),
            video_session=bool(data.get("video_session")) or bool(text("video_link")), video_link=text("video_link"),
            version=version, timed_at=occurred, timed_version=version if message_type in TIMING else 0)

    @property
    def starts(self) -> int | None:
        return times.instant_or_none(self.start)


def project_event(stored: EventCopy | None, message_type: str, data: dict, version: int,
                  occurred: int) -> EventCopy | None:
    """The event after this message (None: nothing changes). A newer version replaces the state, keeping when the
    start was set if it did not move; an older message changes nothing, except that the booking or rescheduling
    message behind the current start tells when it was set (delivery may bring it after a later message)."""
    incoming = EventCopy.from_message(message_type, data, version, occurred)
    if stored is None or version > stored.version:
        if message_type not in TIMING and stored is not None and stored.start == incoming.start:
            incoming = replace(incoming, timed_at=stored.timed_at, timed_version=stored.timed_version)
        return replace(incoming, reminders_off=stored.reminders_off if stored is not None else False)
    if (message_type in TIMING and version < stored.version and incoming.start == stored.start
            and version > stored.timed_version):
        return replace(stored, timed_at=occurred, timed_version=version)
    return None


# -- reminders -----------------------------------------------------------------------------------------------------

DUE, SENT, NOT_SENT, NOT_PLANNED = "due", "sent", "not_sent", "not_planned"
# Why a reminder was not sent (or, NOT_PLANNED, never planned): staff see it in the event.
EVENT_CANCELLED_REASON, EVENT_MOVED, STARTED, AGENCY_OFF, TURNED_OFF, LEAD_TIME_REMOVED, SUPERSEDED, NOBODY = (
    "event_cancelled", "event_moved", "started", "agency_off", "turned_off", "lead_time_removed", "superseded",
    "nobody_consented")
BOOKED_LATE = "booked_late"  # the lead time had passed when the event was booked or moved (or the lead time added)


def planned_reminders(event: EventCopy, settings: AgencySettings) -> dict[int, int]:
    """The reminders a scheduled event gets, lead hours -> due instant: each lead time of the agency whose moment
    came after the event was booked at its current start (by the booking message's time, not its delivery's) and
    after the lead time was set. Planned whether reminders are on or not: that is decided when one is due."""
    start = event.starts
    if event.status != SCHEDULED or start is None:
        return {}
    floor = max(event.timed_at, settings.reminders_changed_at or 0)
    return {hours: start - hours * HOUR for hours in settings.reminder_hours if start - hours * HOUR >= floor}


def not_planned(event: EventCopy, settings: AgencySettings, planned: set[int]) -> list[dict]:
    """The agency's lead times that have no reminder at the event's current start (`planned`: those that have one):
    booked too late for them, as staff see it in the event."""
    begins = event.starts
    if event.status != SCHEDULED or begins is None:
        return []
    return [{"hours": hours, "start": event.start, "due_at": times.iso(begins - hours * HOUR),
             "status": NOT_PLANNED, "reason": BOOKED_LATE, "sent_at": None, "sent_to": [], "not_sent_to": []}
            for hours in settings.reminder_hours if hours not in planned]


class Replan(Struct, frozen=True):
    add: dict[int, int]  # lead hours -> due, at the event's current start
    drop: list[tuple[str, int]]  # (start, hours) of reminders still due that no longer apply


def replan_reminders(event: EventCopy, settings: AgencySettings, existing: dict[tuple[str, int], str]) -> Replan:
    """What changes among an event's reminders (`existing`: (start, hours) -> status): those planned now and not yet
    there are added; those still due for another start (moved, cancelled) or a lead time no longer planned go. A
    reminder sent or dropped stays as it is: a sent one for the old time does not stop the new time's."""
    want = planned_reminders(event, settings)
    add = {hours: due for hours, due in want.items() if (event.start, hours) not in existing}
    drop = [(start, hours) for (start, hours), status in sorted(existing.items())
            if status == DUE and (start != event.start or hours not in want)]
    return Replan(add=add, drop=drop)


def reminder_refusal(hours: int, start: str, event: EventCopy | None, settings: AgencySettings,
                     now: int) -> str | None:
    """Why a due reminder is not sent now (None: it is): the event is cancelled or moved, has begun, the agency or
    staff turned reminders off, the lead time was removed, or a shorter one is due too (one reminder, not two)."""
    if event is None or event.status != SCHEDULED:
        return EVENT_CANCELLED_REASON
    begins = event.starts
    if event.start != start or begins is None:
        return EVENT_MOVED
    if now >= begins:
        return STARTED
    if not settings.reminders_enabled:
        return AGENCY_OFF
    if event.reminders_off:
        return TURNED_OFF
    if hours not in settings.reminder_hours:
        return LEAD_TIME_REMOVED
    if any(other < hours and begins - other * HOUR <= now for other in settings.reminder_hours):
        return SUPERSEDED
    return None


def check_may_switch_reminders(role: str, person_id: str, event: EventCopy) -> None:
    """Only the event's worker or an admin turns its reminders off or on (any staff reads them)."""
    if role == WORKER and event.worker_id != person_id:
        raise NotTheEventsWorker("Only the event's worker or an admin turns its reminders on or off.")


class Recipient(Struct, frozen=True):
    person_id: str
    audience: str  # CLIENT or WORKER
    refusal: str | None  # why no email goes to them (why_no_email); None: it does


def reminder_recipients(event: EventCopy, contacts: dict, settings: AgencySettings) -> list[Recipient]:
    """The event's participants now (a client who left is no longer one) and whether each gets the reminder: by
    email, when they consented and want reminders (workers too, on the same terms as their other emails)."""
    people = [(c, CLIENT) for c in event.client_ids] + ([(event.worker_id, WORKER)] if event.worker_id else [])
    unique = dict(people)  # the worker stays the worker if listed among clients too: the later entry wins
    return [Recipient(person, audience, why_no_email(settings, contacts.get(person), audience, EVENT_REMINDER))
            for person, audience in list(unique.items())[:MAX_RECIPIENTS]]


def reminder_email_id(agency_id: str, event_id: str, start: str, hours: int, person_id: str) -> str:
    """One email per event, start, lead time and person, whatever the sweeps and retries."""
    key = f"reminder\n{agency_id}\n{event_id}\n{start}\n{hours}\n{person_id}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


REMINDER_NOTICE = "You have an event coming up. Sign in to see when and where."
AWAITING_LINK = "awaiting video session link"


def where_words(event_like: dict, place: Place | None) -> str | None:
    """Where an event is: its video link (or that the link is awaited), else its site's name and address."""
    link = event_like.get("video_link")
    if isinstance(link, str) and link:
        return f"Video session: {link}"
    if event_like.get("video_session"):
        return f"Video session, {AWAITING_LINK}"
    return place.words() if place else None


def reminder_text(audience: str, event: EventCopy, names: Names, zone: str | None, place: Place | None,
                  agency: AgencyFacts, now: int) -> Text:
    """A reminder's words: when (on the agency's clock, its zone named), where, with whom (a client reads their
    provider's name, never the other clients'; the worker reads their clients'), and, for clients, how to cancel
    within the agency's cancellation window."""
    data = {"start": event.start, "local_start": event.local_start, "video_link": event.video_link,
            "video_session": event.video_session}
    clock = Clock.of(data, zone)
    at = clock.start(data)
    service = f" ({names.service})" if names.service else ""
    where = where_words(data, place)
    if audience == CLIENT:
        worker = names.of(event.worker_id, "your provider")
        lines = [f"This is a reminder of your event{service} with {worker} on {at}."]
        lines += [f"Where: {where}."] if where else []
        lines.append(cancelling_words(event, agency, now, clock, worker))
    else:
        clients = ", ".join(names.of(c, "a client") for c in event.client_ids) or "your clients"
        lines = [f"This is a reminder of your event{service} with {clients} on {at}."]
        lines += [f"Where: {where}."] if where else []
        lines.append("To reschedule or cancel it, open it in the staff calendar.")
    return Text(f"Reminder: your event on {at}", "\n".join(lines), notice=REMINDER_NOTICE)


def cancelling_words(event: EventCopy, agency: AgencyFacts, now: int, clock: Clock, worker: str) -> str:
    """How a client cancels within the policy: in the portal until the window opens, after that through the
    provider (the portal refuses a client's cancellation inside the window)."""
    window, begins = agency.cancellation_window_hours, event.starts or 0
    if window <= 0:
        return "You can cancel in your client portal until the event starts."
    deadline = begins - window * HOUR
    hours = "1 hour" if window == 1 else f"{window} hours"
    if now < deadline:
        return (f"To cancel, use your client portal by {clock.when(times.iso(deadline))} ({hours} before the event); "
                f"after that, please contact {worker}.")
    return (f"Your agency takes cancellations in the client portal up to {hours} before an event: to cancel now, "
            f"please contact {worker}.")


# -- calendar files --------------------------------------------------------------------------------------------------

CALENDAR_KINDS = (REQUEST_CONFIRMED, EVENT_SCHEDULED, EVENT_RESCHEDULED, VIDEO_LINK, EVENT_CANCELLED)
FIRST_EVENT_VERSION = 1  # an event is version 1 when its request is confirmed


def calendar_summary(agency: AgencyFacts) -> str:
    """What a calendar entry says (privacy first: no names of people, no service)."""
    return f"Appointment with {agency.name}" if agency.name else "Appointment"


def calendar_file(kind: str, message_type: str, data: dict, version: int, agency: AgencyFacts, place: Place | None,
                  detail: str, stamp: int) -> str | None:
    """The .ics a confirmation, change or cancellation email carries (None for other kinds): one UID per event, the
    event's version as SEQUENCE (a request's confirmation is the event's first version), STATUS:CANCELLED for a
    cancellation (the person's own, when they left). At the subject-only level it says the time alone."""
    if kind not in CALENDAR_KINDS or not isinstance(data.get("event_id"), str):
        return None
    start, end = times.instant_or_none(data.get("start")), times.instant_or_none(data.get("end"))
    if start is None or not 1970 <= datetime.fromtimestamp(start, UTC).year <= 9998:
        return None
    full = detail == FULL
    link = data.get("video_link") if isinstance(data.get("video_link"), str) else None
    entry = ics.Entry(
        uid=ics.uid(data["event_id"]),
        sequence=FIRST_EVENT_VERSION if message_type.startswith("requests.event_request.") else version,
        start=start, end=end if end is not None and end >= start else start, stamp=stamp,
        summary=calendar_summary(agency), status=ics.CANCELLED if kind == EVENT_CANCELLED else ics.CONFIRMED,
        location=where_words(data, place) if full else None, url=link if full and link else None)
    return ics.calendar([entry])
