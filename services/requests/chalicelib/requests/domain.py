"""Pure rules of the requests service: no AWS, no I/O.

The people of the roster, the agency's settings, service files, event requests (their saga with
availability) and events (appointments) with their attendance. Instants are epoch seconds inside and
RFC 3339 UTC text (`...Z`) on the wire and in items; every change of a versioned thing returns a new
value with the version bumped, and the caller writes it on condition that the stored version is the old one.
Values are frozen msgspec Structs (`msgspec.structs.replace`/`asdict`): unlike dataclasses, they are made at import
without compiling code, which every cold start pays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msgspec import Struct
from msgspec.structs import asdict, replace

from portalkit import ics, times
from portalkit.errors import Conflict, Forbidden, InvalidField, NotFound, TooManyRequests
from portalkit.identity import ADMIN, CLIENT, STAFF, WORKER, Identity
from portalkit.wallclock import readable

ROLES = (CLIENT, WORKER, ADMIN)
PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
HTTPS_URL = re.compile(r"^https://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$")

MAX_PROVIDERS = 10
MAX_PARTICIPANTS = 25  # a service file and all its memberships change in one transaction (100 items)
MAX_ATTENDEES = 10
MAX_MESSAGE = 2000
MAX_EVENT_MINUTES = 8 * 60  # availability books at most this much time in one go
MAX_RANGE_DAYS = 92
# An event (or a request, or a proposal) starts at most this far ahead: beyond any booking horizon availability
# allows (365 days), and far from the instants a consumer cannot compute with.
MAX_AHEAD_DAYS = 730


# -- errors: each rule's refusal, with the status, code and field clients see (the kit's API maps them to HTTP) -----


class MissingField(InvalidField):
    """A field this use needs although the body may leave it out elsewhere."""

    code = "missing_field"


class InvalidPersonId(InvalidField):
    """Not 1 to 64 letters, digits, '-' or '_'."""


class InvalidEmail(InvalidField):
    pass


class InvalidVideoLink(InvalidField):
    """Not an https:// link."""


class ListedTwice(InvalidField):
    """A list of people names someone twice."""


class TooManyPeople(InvalidField):
    """A service file's providers or participants past their limit."""


class NoProvider(InvalidField):
    """A service file needs at least one provider."""


class MustProvide(InvalidField):
    """A worker opens only service files they provide."""


class NotOnRoster(InvalidField):
    """Someone named as a worker or a client who is not one of the agency's roster."""


class NotAParticipant(InvalidField):
    """A client who takes no part in the service (or no one to meet at all)."""


class NotAProvider(InvalidField):
    """A worker who does not provide the service."""


class NoOpenService(InvalidField):
    """The client takes part in no open service with this id (or with this worker)."""


class NotOffered(InvalidField):
    """Something the agency's settings do not offer (video sessions, messages with requests)."""


class MessageRequired(InvalidField):
    """The agency asks for a message with each request."""


class InvalidTime(InvalidField):
    """Not a date or an RFC 3339 instant with its offset."""


class TimeOutOfRange(InvalidField):
    """A start in the past or too far ahead, an end not after the start, an event too long."""


class SameTime(InvalidField):
    """A proposal or a reschedule to the time already held."""


class CloseBeforeOpen(InvalidField):
    pass


class FeeWithoutCancellation(InvalidField):
    """A late-cancellation fee is charged only with a cancellation."""


class AdminOnly(Forbidden):
    """Only an admin adds or changes workers and admins."""


class ClientsOnly(Forbidden):
    pass


class NotYourService(Forbidden):
    """Neither a provider of the service file nor an admin."""


class NotYourRequest(Forbidden):
    """A worker reaches only the event requests addressed to them."""


class NotYourEvent(Forbidden):
    """Neither the event's worker (or, for a client, its requester or only client) nor an admin."""


class PersonNotFound(NotFound):
    pass


class ServiceNotFound(NotFound):
    pass


class RequestNotFound(NotFound):
    pass


class EventNotFound(NotFound):
    pass


class FeedNotFound(NotFound):
    """No such calendar feed: forged, replaced or turned off."""


class FeedFetchLimit(TooManyRequests):
    """A calendar feed fetched FEED_FETCHES_PER_WINDOW times in its window (Retry-After: when the next one starts)."""


class PersonExists(Conflict):
    code = "person_exists"


class IdTaken(Conflict):
    """A new item's id was taken (a collision of random ids): trying again makes another."""


class AlreadyParticipant(Conflict):
    code = "already_participant"


class TooManyParticipants(Conflict):
    code = "too_many_participants"


class ServiceClosed(Conflict):
    code = "service_closed"


class EventRequestsDisabled(Conflict):
    code = "event_requests_disabled"


class ServiceRequestsDisabled(Conflict):
    code = "service_requests_disabled"


class VideoSessionsDisabled(Conflict):
    code = "video_sessions_disabled"


class TooManyOpenRequests(Conflict):
    code = "too_many_open_requests"


class RequestNotOpen(Conflict):
    """The event request's state does not allow this (it is confirmed, declined, withdrawn, ...)."""

    code = "request_not_open"


class ProposalPending(Conflict):
    code = "proposal_pending"


class TooSoon(Conflict):
    """Inside the agency's notice."""

    code = "too_soon"


class TooFar(Conflict):
    """Past the agency's booking horizon."""

    code = "too_far"


class SlotTaken(Conflict):
    code = "slot_taken"


class EventNotScheduled(Conflict):
    code = "event_not_scheduled"


class EventStarted(Conflict):
    code = "event_started"


class EventNotStarted(Conflict):
    code = "event_not_started"


class InsideCancellationWindow(Conflict):
    code = "inside_cancellation_window"


class NotLate(Conflict):
    code = "not_late"


class CancelsForEveryone(Conflict):
    code = "cancels_for_everyone"


class Unchanged(Conflict):
    code = "unchanged"


class ServiceRequestDecided(Conflict):
    code = "service_request_decided"


def today(now: int) -> str:
    return datetime.fromtimestamp(now, UTC).date().isoformat()


def known_zone(name) -> bool:
    """An IANA time zone this runtime knows (availability may name one a newer tz database has)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def local_time(epoch_seconds: int, zone: str | None) -> str | None:
    """An instant on the agency's clock, with its offset ("2026-11-25T10:00:00-05:00"); None if no zone is known."""
    if zone is None:
        return None
    try:
        return datetime.fromtimestamp(epoch_seconds, ZoneInfo(zone)).isoformat()
    except (ZoneInfoNotFoundError, ValueError):
        return None


# -- people -----------------------------------------------------------------------------------------


class Person(Struct, frozen=True):
    """Someone the portal knows: the id is the `custom:person_id` of their sign-in."""

    person_id: str
    name: str
    email: str
    role: str
    email_consent: bool
    version: int = 1

    def event_data(self) -> dict:
        data = asdict(self)
        data.pop("version")
        return data


def is_our_id(value) -> bool:
    """An id this service could have given (and DynamoDB can key on): a short string of valid text."""
    if not isinstance(value, str) or not 0 < len(value) <= 128:
        return False
    try:
        value.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def check_person_id(person_id: str, field_name: str = "person_id") -> str:
    if not PERSON_ID.fullmatch(person_id):
        raise InvalidPersonId(field_name, f"{field_name} must be 1 to 64 letters, digits, '-' or '_'.")
    return person_id


def check_email(email: str) -> str:
    if not EMAIL.fullmatch(email):
        raise InvalidEmail("email", "email must be an email address.")
    return email.strip().lower()


def may_manage(actor: Identity, role: str) -> None:
    """Workers add and update clients; only admins add or change staff."""
    if actor.role != ADMIN and role != CLIENT:
        raise AdminOnly("Only an admin can add or change workers and admins.")


def may_change_person(actor: Identity, person: Person, changes: dict) -> None:
    """A worker changes a client and keeps them a client; an admin changes anyone into any role."""
    may_manage(actor, person.role)
    if "role" in changes:
        may_manage(actor, changes["role"])


def updated(person: Person, changes: dict) -> Person:
    return replace(person, **changes, version=person.version + 1)


# -- the agency's settings --------------------------------------------------------------------------


class Settings(Struct, frozen=True):
    """What the agency lets clients do, and when a cancellation is late."""

    event_requests_enabled: bool = True
    request_messages_enabled: bool = True
    # A request must carry a message (while messages with requests are on: off, none can be required).
    request_messages_required: bool = False
    video_sessions_enabled: bool = True
    service_requests_enabled: bool = True
    max_open_requests: int = 3
    cancellation_window_hours: int = 24
    agency_name: str | None = None  # as clients read it ("Appointment with <agency name>"); None until an admin sets it
    # A worker's calendar feed and "Add to calendar" files name the event's clients (off: "Appointment with <agency>").
    feed_client_names: bool = False
    version: int = 0  # 0: never written, the defaults

    def event_data(self) -> dict:
        """What requests.settings.updated carries: every setting (the version is the message's subject_version)."""
        data = asdict(self)
        data.pop("version")
        return data


def agency_name(text: str) -> str | None:
    """The agency's name as an admin typed it, spaces collapsed; empty text removes it (None)."""
    return " ".join(text.split()) or None


# -- service files ----------------------------------------------------------------------------------

OPEN, CLOSED = "open", "closed"


class ServiceFile(Struct, frozen=True):
    """A service: who provides it (workers) and who takes part (clients), from its open date to its close date."""

    service_id: str
    name: str
    open_date: str
    provider_ids: tuple[str, ...]
    participant_ids: tuple[str, ...]
    status: str = OPEN
    close_date: str | None = None
    version: int = 1

    def event_data(self, client_id: str | None = None) -> dict:
        data = {"service_id": self.service_id, "name": self.name, "status": self.status,
                "provider_ids": list(self.provider_ids), "participant_ids": list(self.participant_ids),
                "open_date": self.open_date, "close_date": self.close_date}
        if client_id:
            data["client_id"] = client_id
        return data

    def view(self) -> dict:
        return {**self.event_data(), "version": self.version}


def check_people_lists(provider_ids: list[str], participant_ids: list[str]) -> None:
    if not provider_ids:
        raise NoProvider("provider_ids", "A service needs at least one provider.")
    for name, ids, most in (("provider_ids", provider_ids, MAX_PROVIDERS),
                            ("participant_ids", participant_ids, MAX_PARTICIPANTS)):
        if len(set(ids)) != len(ids):
            raise ListedTwice(name, f"{name} lists someone twice.")
        if len(ids) > most:
            raise TooManyPeople(name, f"{name} has at most {most} people.")
        for person_id in ids:
            check_person_id(person_id, name)


def check_opener(who: Identity, provider_ids: list[str]) -> None:
    """Workers open the service files they provide; an admin opens any."""
    if who.role == WORKER and who.person_id not in provider_ids:
        raise MustProvide("provider_ids", "Workers open service files they provide: include yourself.")


def check_roster(people: dict[str, Person], provider_ids: list[str], participant_ids: list[str]) -> None:
    """Providers are staff and participants clients of the agency's roster (`people`: those of them it has)."""
    for name, ids, roles in (("provider_ids", provider_ids, STAFF), ("participant_ids", participant_ids, (CLIENT,))):
        for person_id in ids:
            person = people.get(person_id)
            if person is None or person.role not in roles:
                kind = "worker" if name == "provider_ids" else "client"
                raise NotOnRoster(name, f"{person_id} is not a {kind} of this agency.")


def check_client(person: Person | None, client_id: str) -> None:
    """The person to add to a service is a client of the agency's roster."""
    if person is None or person.role != CLIENT:
        raise NotOnRoster("client_id", f"{client_id} is not a client of this agency.")


def may_act_on(who: Identity, service: ServiceFile) -> None:
    """Admins act on every service file; a worker on the files they provide."""
    if who.role == ADMIN:
        return
    if who.role != WORKER or who.person_id not in service.provider_ids:
        raise NotYourService("Only a provider of this service or an admin can do this.")


def add_participant(service: ServiceFile, client_id: str) -> ServiceFile:
    _still_open(service)
    if client_id in service.participant_ids:
        raise AlreadyParticipant(f"{client_id} already takes part in this service.")
    if len(service.participant_ids) >= MAX_PARTICIPANTS:
        raise TooManyParticipants(f"A service has at most {MAX_PARTICIPANTS} participants.")
    return replace(service, participant_ids=(*service.participant_ids, client_id), version=service.version + 1)


def remove_participant(service: ServiceFile, client_id: str) -> ServiceFile:
    _still_open(service)
    if client_id not in service.participant_ids:
        raise NotAParticipant("client_id", f"{client_id} does not take part in this service.")
    rest = tuple(p for p in service.participant_ids if p != client_id)
    return replace(service, participant_ids=rest, version=service.version + 1)


def close(service: ServiceFile, close_date: str) -> ServiceFile:
    _still_open(service)
    if close_date < service.open_date:
        raise CloseBeforeOpen("close_date", "close_date must not be before the open date.")
    return replace(service, status=CLOSED, close_date=close_date, version=service.version + 1)


def _still_open(service: ServiceFile) -> None:
    if service.status != OPEN:
        raise ServiceClosed("The service is closed.")


# -- event requests ---------------------------------------------------------------------------------

PENDING, AWAITING, PROPOSED = "pending", "awaiting_response", "proposed"
CONFIRMED, DECLINED, WITHDRAWN, EXPIRED = "confirmed", "declined", "withdrawn", "expired"
REQUEST_STATUSES = (PENDING, AWAITING, PROPOSED, CONFIRMED, DECLINED, WITHDRAWN, EXPIRED)
OPEN_STATUSES = (PENDING, AWAITING, PROPOSED)  # what counts against the client's limit
UNAVAILABLE_REASONS = ("slot_taken", "outside_availability", "too_soon", "too_far")
INVALID_HOLD = "invalid_hold"  # ours: availability held the time, but its answer's times cannot be used
# Availability's reasons as the client (or the worker, for a proposal) reads them; the code stays beside the text.
REASON_TEXTS = {
    "slot_taken": "That time was taken by another appointment before it could be held.",
    "outside_availability": "That time is not one of the provider's available times.",
    "too_soon": "That time is too soon: the agency needs more notice before an appointment.",
    "too_far": "That time is too far ahead: the agency does not book appointments that far in advance.",
    INVALID_HOLD: "That time could not be held. Please choose another time.",
}


def reason_text(code: str) -> str:
    """The sentence for one of availability's reasons (a code this version does not know reads plainly)."""
    return REASON_TEXTS.get(code, "That time could not be booked.")


class EventRequest(Struct, frozen=True):
    """A client's request for an event with a provider, through its saga with availability.

    `start`..`end` is the time currently asked for (held once availability answers); `requested_start`
    the client's original choice; `proposed_start` a worker's proposal that availability has not answered yet;
    `proposal_failed_*` the last proposal availability could not hold, kept for the worker until the next change.
    """

    request_id: str
    service_id: str
    client_id: str
    worker_id: str
    start: str
    requested_start: str
    created_at: str
    attendee_ids: tuple[str, ...] = ()
    video_session: bool = False
    message: str | None = None
    status: str = PENDING
    end: str | None = None
    local_start: str | None = None
    site_id: str | None = None
    hold_expires_at: str | None = None
    proposed_start: str | None = None
    reason: str | None = None
    declined_by: str | None = None
    event_id: str | None = None
    confirmed_by: str | None = None
    video_link: str | None = None
    proposal_failed_start: str | None = None
    proposal_failed_reason: str | None = None
    proposal_failed_at: str | None = None
    updated_at: str | None = None
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def reason_text(self) -> str | None:
        """Why it was declined, in words: availability's code as a sentence, a person's reason as they wrote it."""
        if self.reason is None:
            return None
        return reason_text(self.reason) if self.declined_by == "availability" else self.reason

    @property
    def proposal(self) -> dict | None:
        """The worker's proposal while availability checks it, or the last one it could not hold and why."""
        if self.proposed_start is not None:
            return {"start": self.proposed_start, "status": "checking", "note": PROPOSAL_CHECKING}
        if self.proposal_failed_start is not None:
            return {"start": self.proposal_failed_start, "status": "failed", "reason": self.proposal_failed_reason,
                    "reason_text": reason_text(self.proposal_failed_reason), "failed_at": self.proposal_failed_at}
        return None

    def view(self, *, for_client: bool = False) -> dict:
        """The request as staff see it, or as its client does (the worker's proposals only once they are held)."""
        data = asdict(self)
        for name in ("proposal_failed_start", "proposal_failed_reason", "proposal_failed_at"):
            data.pop(name)
        data["reason_text"] = self.reason_text
        data["attendee_ids"] = list(self.attendee_ids)
        data["awaiting_video_link"] = self.video_session and not self.video_link and self.status in (
            *OPEN_STATUSES, CONFIRMED)
        if not for_client:
            data["proposal"] = self.proposal
        return data

    def event_data(self, **overrides) -> dict:
        """What every requests.event_request.* message carries: the request's state, without empty fields."""
        leave_out = ("version", "awaiting_video_link", "proposal")
        data = {k: v for k, v in self.view().items() if v is not None and k not in leave_out}
        if self.message is not None or "message" in overrides:
            data["message"] = self.message
        return {**data, **overrides}


def client_reach(who: Identity, request: EventRequest | None, request_id: str) -> EventRequest:
    """A client's own request; another client's answers 404 like a missing one."""
    if request is None or request.client_id != who.person_id:
        raise RequestNotFound(f"No request {request_id}.")
    return request


def only_service(candidates: list[ServiceFile]) -> str:
    """The service of a request that names none: the one open service of the client's that the worker provides."""
    if not candidates:
        raise NoOpenService("worker_id", "This worker provides none of your open services.")
    if len(candidates) > 1:
        raise MissingField("service_id", "service_id is required: choose the service this event is for.")
    return candidates[0].service_id


def staff_reach(who: Identity, request: EventRequest | None, request_id: str) -> EventRequest:
    """A request as staff reach it: the worker it is addressed to, or an admin (a missing one is 404)."""
    if request is None:
        raise RequestNotFound(f"No request {request_id}.")
    if who.role == WORKER and request.worker_id != who.person_id:
        raise NotYourRequest("This request is addressed to another worker.")
    return request


def requests_worker(who: Identity, worker_id: str | None) -> str | None:
    """Whose requests staff list: a worker their own, an admin any worker's (or everyone's, None)."""
    if who.role == WORKER:
        if worker_id not in (None, who.person_id):
            raise NotYourRequest("Workers see the requests addressed to them.")
        return who.person_id
    return worker_id


def check_submission(settings: Settings, service: ServiceFile, client_id: str, worker_id: str, start: int,
                     attendee_ids: list[str], video_session: bool, message: str | None, now: int) -> None:
    """Everything a client's request must satisfy when it is written (the slot itself is availability's to judge)."""
    if not settings.event_requests_enabled:
        raise EventRequestsDisabled("This agency does not take event requests.")
    if service.status != OPEN or client_id not in service.participant_ids:
        raise NoOpenService("service_id", "You take part in no open service with this id.")
    if worker_id not in service.provider_ids:
        raise NotAProvider("worker_id", "This worker does not provide the service.")
    for attendee in attendee_ids:
        if attendee == client_id or attendee not in service.participant_ids:
            raise NotAParticipant("attendee_ids", f"{attendee} is not another participant of this service.")
    if len(set(attendee_ids)) != len(attendee_ids):
        raise ListedTwice("attendee_ids", "attendee_ids lists someone twice.")
    if video_session and not settings.video_sessions_enabled:
        raise NotOffered("video_session", "This agency does not offer video sessions.")
    if message is not None and not settings.request_messages_enabled:
        raise NotOffered("message", "This agency does not take messages with requests.")
    if message is None and settings.request_messages_enabled and settings.request_messages_required:
        raise MessageRequired("message", "message is required: your agency asks for a message with each request.")
    if start <= now:
        raise TimeOutOfRange("start", "start must be in the future.")
    check_ahead(start, now)


def check_ahead(start: int, now: int) -> None:
    """An event, a request or a proposal starts at most MAX_AHEAD_DAYS ahead."""
    if start > now + MAX_AHEAD_DAYS * 86400:
        raise TimeOutOfRange("start", f"start must be at most {MAX_AHEAD_DAYS // 365} years ahead.")


PROPOSAL_CHECKING = ("Availability is checking that this time is open; the client is asked once it is held, and you "
                     "are told here if it cannot be.")


def _transition(request: EventRequest, now: int, **changes) -> EventRequest:
    """The next version; any change but a proposal failing clears the last failed proposal."""
    cleared = {"proposal_failed_start": None, "proposal_failed_reason": None, "proposal_failed_at": None}
    return replace(request, **{**cleared, **changes}, updated_at=times.iso(now), version=request.version + 1)


def _refuse(request: EventRequest, action: str) -> RequestNotOpen:
    return RequestNotOpen(f"The request is {request.status}; it cannot be {action}.")


def held(request: EventRequest, data: dict, now: int) -> EventRequest | None:
    """availability.slot.held: the asked time (or the proposal) is held. None when the event is stale.

    A hold whose times cannot be used (no such day, ending before it starts, longer than any event) declines the
    request (`invalid_hold`), which gives the time back; a local time that is not the start's is left out.
    """
    proposal = bool(data.get("proposal"))
    if proposal and (request.status != AWAITING or request.proposed_start != data["start"]):
        return None
    if not proposal and (request.status != PENDING or request.start != data["start"]):
        return None
    start, end, expires = (times.instant_or_none(data.get(name)) for name in ("start", "end", "hold_expires_at"))
    if start is None or end is None or expires is None or not start < end <= start + MAX_EVENT_MINUTES * 60 \
            or abs(expires - start) > MAX_AHEAD_DAYS * 86400:
        return _transition(request, now, status=DECLINED, reason=INVALID_HOLD, declined_by="availability",
                           proposed_start=None)
    local_start = data.get("local_start")
    if not _same_instant(local_start, start):
        local_start = None if proposal else request.local_start  # the agency's clock, from the submission
    hold = {"end": times.iso(end), "local_start": local_start, "site_id": data.get("site_id"),
            "hold_expires_at": times.iso(expires)}
    if proposal:
        return _transition(request, now, status=PROPOSED, start=data["start"], proposed_start=None, **hold)
    return _transition(request, now, status=AWAITING, **hold)


def _same_instant(local: str | None, start: int) -> bool:
    """A wall-clock time with its offset that is exactly the start (so it can be shown for it)."""
    try:
        moment = datetime.fromisoformat(local)
        return moment.tzinfo is not None and int(moment.timestamp()) == start
    except (TypeError, ValueError, OverflowError):
        return False


def unavailable(request: EventRequest, data: dict, now: int) -> EventRequest | None:
    """availability.slot.unavailable: the request is declined, or a proposal failed (the old hold stays)."""
    if data.get("proposal"):
        if request.status != AWAITING or request.proposed_start != data["start"]:
            return None
        return _transition(request, now, proposed_start=None, proposal_failed_start=data["start"],
                           proposal_failed_reason=data["reason"], proposal_failed_at=times.iso(now))
    if request.status != PENDING or request.start != data["start"]:
        return None
    return _transition(request, now, status=DECLINED, reason=data["reason"], declined_by="availability")


def hold_expired(request: EventRequest, start: str, now: int) -> EventRequest | None:
    """availability.slot.released (expired): the hold of the request's current time ran out before an answer."""
    if request.status not in (AWAITING, PROPOSED) or request.start != start:
        return None
    return _transition(request, now, status=EXPIRED, proposed_start=None)


def confirm(request: EventRequest, event_id: str, by: str, now: int) -> EventRequest:
    """The worker confirms a held request, or the client accepts the proposed time: it becomes an event."""
    expected = AWAITING if by == WORKER else PROPOSED
    if request.status != expected:
        raise _refuse(request, "confirmed" if by == WORKER else "accepted")
    if by == WORKER and request.proposed_start is not None:
        raise ProposalPending("You proposed another time; wait for availability's answer.")
    return _transition(request, now, status=CONFIRMED, event_id=event_id, confirmed_by=by)


def decline(request: EventRequest, reason: str, by: str, now: int) -> EventRequest:
    """The worker declines (with a reason), or the client declines the proposed time."""
    allowed = (AWAITING, PROPOSED) if by == WORKER else (PROPOSED,)
    if request.status not in allowed:
        raise _refuse(request, "declined")
    return _transition(request, now, status=DECLINED, reason=reason, declined_by="worker" if by == WORKER else CLIENT,
                       proposed_start=None)


def withdraw(request: EventRequest, now: int) -> EventRequest:
    if not request.is_open:
        raise _refuse(request, "withdrawn")
    return _transition(request, now, status=WITHDRAWN, proposed_start=None)


class Scheduling(Struct, frozen=True):
    """The agency's booking rules as availability last published them (availability.settings.updated); None where
    availability has not said. Requests refuses at once a proposal these rules already rule out."""

    min_notice_hours: int | None = None
    horizon_days: int | None = None
    slot_minutes: int | None = None


UNSAID = Scheduling()  # availability has published no rules yet


def propose(request: EventRequest, start: int, now: int, scheduling: Scheduling = UNSAID) -> EventRequest:
    """The worker proposes another time: refused at once for what requests can tell (the request's state, a time
    past, the same, too far, or against the agency's notice and horizon); availability checks the rest."""
    if request.status != AWAITING:
        raise _refuse(request, "given another time")
    if request.proposed_start is not None:
        raise ProposalPending("Another proposal awaits availability's answer.")
    if start <= now:
        raise TimeOutOfRange("start", "start must be in the future.")
    check_ahead(start, now)
    if times.iso(start) == request.start:
        raise SameTime("start", "Propose a time other than the one asked for.")
    notice, horizon = scheduling.min_notice_hours, scheduling.horizon_days
    if notice is not None and start < now + notice * 3600:
        raise TooSoon(f"The agency needs {notice} hours' notice before an appointment: propose a later time.",
                      field="start")
    if horizon is not None and start >= now + horizon * 86400:
        raise TooFar(f"The agency books appointments at most {horizon} days ahead: propose an earlier time.",
                     field="start")
    return _transition(request, now, proposed_start=times.iso(start))


def proposal_end(request: EventRequest, start: int, scheduling: Scheduling) -> int:
    """When a proposed time would end: availability holds one slot, as long as the one the request holds."""
    if scheduling.slot_minutes is not None and 0 < scheduling.slot_minutes <= MAX_EVENT_MINUTES:
        return start + scheduling.slot_minutes * 60
    end = times.instant_or_none(request.end)
    held = end - times.instant(request.start) if end is not None else 0
    return start + (held if 0 < held <= MAX_EVENT_MINUTES * 60 else 3600)


def check_worker_free(start: int, end: int, events: Iterable[Event]) -> None:
    """A proposal overlapping one of the worker's scheduled events is refused (availability has booked that time)."""
    for event in events:
        if event.status == SCHEDULED and times.instant(event.start) < end and start < times.instant(event.end):
            raise SlotTaken("You have an appointment at that time: propose another time.", field="start")


# -- events (appointments) and attendance ----------------------------------------------------------

SCHEDULED, ATTENDED, NO_SHOW, CANCELLED = "scheduled", "attended", "no_show", "cancelled"
ATTENDANCE = (ATTENDED, NO_SHOW, CANCELLED)


class Event(Struct, frozen=True):
    """An appointment of a worker with clients of a service.

    `requested_by`: the client whose request became this event (None for one staff created); `left_ids`: invited
    clients who cancelled their own attendance (no longer in `client_ids`). `previous_start`/`previous_end`: the
    time it had before its last reschedule, put back if availability cannot book the new time. Once cancelled,
    `late` says it was inside the cancellation window and `late_fee` whether a late-cancel fee is owed.
    """

    event_id: str
    service_id: str
    worker_id: str
    client_ids: tuple[str, ...]
    start: str
    end: str
    created_at: str
    created_by: str
    request_id: str | None = None
    request_created_at: str | None = None
    requested_by: str | None = None
    local_start: str | None = None
    site_id: str | None = None
    status: str = SCHEDULED
    video_session: bool = False
    video_link: str | None = None
    previous_start: str | None = None
    previous_end: str | None = None
    late: bool | None = None
    late_fee: bool | None = None
    cancelled_by: str | None = None
    cancelled_by_id: str | None = None
    reason: str | None = None
    attendance_confirmed_by: tuple[str, ...] = ()
    left_ids: tuple[str, ...] = ()
    updated_at: str | None = None
    version: int = 1

    @property
    def duration_minutes(self) -> int:
        return (times.instant(self.end) - times.instant(self.start)) // 60

    def view(self, client_id: str | None = None) -> dict:
        """The event as staff see it, or as one of its clients sees it (`client_id`)."""
        data = asdict(self)
        data.pop("request_created_at")
        data["client_ids"] = list(self.client_ids)
        data["attendance_confirmed_by"] = list(self.attendance_confirmed_by)
        data["left_ids"] = list(self.left_ids)
        data["duration_minutes"] = self.duration_minutes
        data["awaiting_video_link"] = self.video_session and not self.video_link and self.status == SCHEDULED
        if client_id is not None:
            data.pop("attendance_confirmed_by")
            data.pop("left_ids")
            data["attendance_confirmed"] = client_id in self.attendance_confirmed_by
            data["left"] = client_id in self.left_ids
        return data

    def event_data(self, **extra) -> dict:
        """What every requests.event.* message carries: the event's whole state after the change."""
        keep = ("request_id", "video_link", "site_id", "requested_by")
        data = {k: v for k, v in self.view().items() if k != "version" and (v is not None or k in keep)}
        return {**data, **extra}


def visible_event(who: Identity, event: Event | None, event_id: str) -> Event:
    """Staff reach every event of their agency; a client only those they attend (others are 404)."""
    if event is None or (who.role == CLIENT and who.person_id not in event.client_ids):
        raise EventNotFound(f"No event {event_id}.")
    return event


def event_people(who: Identity, service: ServiceFile, worker_id: str | None,
                 client_ids: list[str] | None) -> tuple[str, list[str]]:
    """The worker and clients of a new event staff create: a worker's own (an admin names one), with some or all of
    the open service's participants."""
    if who.role == WORKER:
        if worker_id not in (None, who.person_id):
            raise NotYourEvent("Workers create their own events; an admin can create one for another worker.")
        worker_id = who.person_id
    elif worker_id is None:
        raise MissingField("worker_id", "worker_id is required.")
    if worker_id not in service.provider_ids:
        raise NotAProvider("worker_id", f"{worker_id} does not provide this service.")
    if service.status != OPEN:
        raise ServiceClosed("The service is closed.")
    clients = client_ids if client_ids else list(service.participant_ids)
    if not clients:
        raise NotAParticipant("client_ids", "The service has no participants to meet.")
    for client_id in clients:
        if client_id not in service.participant_ids:
            raise NotAParticipant("client_ids", f"{client_id} does not take part in this service.")
    if len(set(clients)) != len(clients):
        raise ListedTwice("client_ids", "client_ids lists someone twice.")
    return worker_id, clients


def file_reach(who: Identity, event: Event | None, event_id: str) -> Event:
    """"Add to calendar": an event's file for its clients and its worker only (anyone else, an admin too: 404)."""
    if event is None or (who.person_id not in event.client_ids if who.role == CLIENT
                         else who.person_id != event.worker_id):
        raise EventNotFound(f"No event {event_id}.")
    return event


def calendar_worker(who: Identity, worker_id: str | None) -> str:
    """Whose calendar staff list: the one named, or the calling worker's own (an admin must name one)."""
    if worker_id is None:
        if who.role != WORKER:
            raise MissingField("worker_id", "worker_id is required.")
        return who.person_id
    return worker_id


RECORD_PAST_DAYS = 7  # staff may record an event that already took place (a walk-in) up to a week back


def check_times(start: int, end: int, now: int, *, past_days: int = 0) -> None:
    """An event's times; `past_days` lets staff record one that began up to that many days ago."""
    if (start < now - past_days * 86400) if past_days else (start <= now):  # "at most 7 days ago" holds at 7
        raise TimeOutOfRange("start", "start must be in the future." if not past_days else
                             f"start must be at most {past_days} days ago.")
    check_ahead(start, now)
    if end <= start:
        raise TimeOutOfRange("end", "end must be after start.")
    if end - start > MAX_EVENT_MINUTES * 60:
        raise TimeOutOfRange("end", f"An event lasts at most {MAX_EVENT_MINUTES // 60} hours.")


def check_video_link(url: str, field: str = "url") -> str:
    if not HTTPS_URL.fullmatch(url) or len(url) > 2000:
        raise InvalidVideoLink(field, f"{field} must be an https:// link.")
    return url


def check_video_sessions(settings: Settings, field: str) -> None:
    """Staff add video to an event only while the agency offers video sessions."""
    if not settings.video_sessions_enabled:
        raise VideoSessionsDisabled("Video sessions are turned off in the agency's settings.", field=field)


def check_video_confirmable(settings: Settings, by: str) -> None:
    """A request for a video session becomes a video event only while the agency offers them (it may have turned
    them off since the client asked): the worker declines it instead, the client declines the proposed time."""
    if not settings.video_sessions_enabled:
        then = "decline it with a reason" if by == WORKER else "decline the proposed time or contact your provider"
        raise VideoSessionsDisabled(f"This request asks for a video session, and video sessions are turned off in the "
                                    f"agency's settings: {then}.", field="video_session")


def may_change_event(who: Identity, event: Event) -> None:
    """The event's worker and admins change an event."""
    if who.role == ADMIN or (who.role == WORKER and who.person_id == event.worker_id):
        return
    raise NotYourEvent("Only the event's worker or an admin can change it.")


def _change(event: Event, now: int, **changes) -> Event:
    return replace(event, **changes, updated_at=times.iso(now), version=event.version + 1)


def _scheduled(event: Event) -> None:
    if event.status != SCHEDULED:
        raise EventNotScheduled(f"The event is {event.status}.")


def is_late(event: Event, settings: Settings, now: int) -> bool:
    """Inside the agency's cancellation window: a late cancellation (a fee may apply)."""
    return now > times.instant(event.start) - settings.cancellation_window_hours * 3600


def cancels_for_everyone(event: Event, client_id: str) -> bool:
    """A client's cancel ends the event for all when they requested it or are its only client; else they leave it."""
    return client_id == event.requested_by or event.client_ids == (client_id,)


def _client_may_cancel(event: Event, settings: Settings, now: int) -> bool:
    """Clients cancel (or leave) only before the window: inside it they contact their provider. Returns `late`."""
    _scheduled(event)
    late = is_late(event, settings, now)
    if late:
        raise InsideCancellationWindow(f"Events can be cancelled here up to {settings.cancellation_window_hours} hours "
                                       "before they start; contact your provider.")
    if times.instant(event.start) <= now:
        raise EventStarted("The event has started.")
    return late


def cancel(event: Event, who: Identity, reason: str | None, settings: Settings, now: int, *,
           charge_late_fee: bool = False) -> Event:
    """Cancel the event for everyone: staff, or the client who requested it (or is its only client).

    A late-cancel fee follows the client's own late cancellation, or staff's explicit choice inside the window;
    a worker or admin cancelling late owes nothing on the client's behalf unless they charge it.
    """
    if who.role == CLIENT:
        if not cancels_for_everyone(event, who.person_id):
            raise NotYourEvent("Only staff or the client who requested the event cancel it for everyone.")
        late = _client_may_cancel(event, settings, now)
        late_fee = late
    else:
        _scheduled(event)
        late = is_late(event, settings, now)
        if charge_late_fee and not late:
            raise NotLate(f"A late-cancellation fee applies only inside the {settings.cancellation_window_hours}-hour "
                          "cancellation window.", field="charge_late_fee")
        late_fee = charge_late_fee
    return _change(event, now, status=CANCELLED, late=late, late_fee=late_fee, cancelled_by=who.role,
                   cancelled_by_id=who.person_id, reason=reason)


class Departure(Struct, frozen=True):
    """An invited client who cancelled their own attendance: the event without them, and whether it was late."""

    event: Event
    client_id: str
    late: bool
    late_fee: bool


def leave(event: Event, client_id: str, settings: Settings, now: int) -> Departure:
    """An invited client cancels their own attendance: they leave the event and the others keep it."""
    if cancels_for_everyone(event, client_id):
        raise CancelsForEveryone("Your cancellation cancels the event for everyone.")
    late = _client_may_cancel(event, settings, now)
    rest = tuple(c for c in event.client_ids if c != client_id)
    confirmed = tuple(c for c in event.attendance_confirmed_by if c != client_id)
    left = _change(event, now, client_ids=rest, attendance_confirmed_by=confirmed,
                   left_ids=(*event.left_ids, client_id))
    return Departure(left, client_id, late=late, late_fee=late)


def cancel_unbookable(event: Event, reason: str, now: int) -> Event:
    return _change(event, now, status=CANCELLED, late=False, late_fee=False, cancelled_by="availability",
                   cancelled_by_id="availability", reason=reason)


def rescheduled_end(event: Event, start: int, end: int | None) -> int:
    """A moved event's end: the one given, or the event keeps its length."""
    if end is not None:
        return end
    return start + times.instant(event.end) - times.instant(event.start)


def reschedule(event: Event, start: int, end: int, now: int) -> Event:
    _scheduled(event)
    check_times(start, end, now)
    if (times.iso(start), times.iso(end)) == (event.start, event.end):
        raise SameTime("start", "The event is already at this time.")
    return _change(event, now, start=times.iso(start), end=times.iso(end), local_start=None, previous_start=event.start,
                   previous_end=event.end)


def unbookable(event: Event, start: str, reason: str, now: int) -> tuple[str, Event] | None:
    """availability.slot.unavailable for the event's current time: back to the time it had, or cancelled.

    Availability answers unavailable only for a time it did not book, so the event's time before its last
    reschedule is still booked; an event never rescheduled never got its time and is cancelled.
    """
    if event.status != SCHEDULED or event.start != start:
        return None  # stale: the event has moved on or ended
    if event.previous_start:
        return "reverted", _change(event, now, start=event.previous_start, end=event.previous_end, local_start=None,
                                   previous_start=None, previous_end=None)
    return "cancelled", cancel_unbookable(event, reason, now)


def check_fee_with(status: str, charge_late_fee: bool) -> None:
    """Staff charge a late-cancellation fee only with a cancellation (not with attended or no-show)."""
    if charge_late_fee and status != CANCELLED:
        raise FeeWithoutCancellation("charge_late_fee", "charge_late_fee goes with status cancelled.")


def mark_attendance(event: Event, status: str, now: int) -> Event:
    _scheduled(event)
    if times.instant(event.start) > now:
        raise EventNotStarted("Attendance is marked once the event has started.")
    return _change(event, now, status=status)


def confirm_attendance(event: Event, client_id: str, now: int) -> Event | None:
    """The client says they will come; None if they said so already."""
    _scheduled(event)
    if times.instant(event.start) <= now:
        raise EventStarted("The event has started.")
    if client_id in event.attendance_confirmed_by:
        return None
    return _change(event, now, attendance_confirmed_by=(*event.attendance_confirmed_by, client_id))


def set_video_link(event: Event, url: str, now: int) -> Event:
    _scheduled(event)
    if event.video_link == url:
        raise Unchanged("The event already has this link.")
    return _change(event, now, video_link=url, video_session=True)


# -- My Services ------------------------------------------------------------------------------------

ACTIVE, LEFT = "active", "left"


class Membership(Struct, frozen=True):
    """A client's place in a service: the service as they see it, and what they did in it."""

    service: ServiceFile
    member_status: str = ACTIVE
    left_date: str | None = None
    events_attended: int = 0

    @property
    def status(self) -> str:
        return OPEN if self.service.status == OPEN and self.member_status == ACTIVE else CLOSED


def check_takes_part(memberships: list[Membership], service_id: str | None) -> None:
    """My Services of one service: only one the client takes or took part in (another is 404)."""
    if service_id is not None and not any(m.service.service_id == service_id for m in memberships):
        raise ServiceNotFound(f"You take part in no service {service_id}.")


def services_with(memberships: list[Membership], worker_id: str) -> list[ServiceFile]:
    """The open services among a client's memberships that the worker provides (those they may request events in)."""
    return [m.service for m in memberships if m.status == OPEN and worker_id in m.service.provider_ids]


def my_services(memberships: list[Membership], upcoming: list[Event], client_id: str, names: dict[str, str],
                status: str, service_id: str | None) -> list[dict]:
    """The My Services entries, newest service first: counts, next event, other participants, providers."""
    chosen = [m for m in memberships if (status == "all" or m.status == OPEN)
              and (service_id is None or m.service.service_id == service_id)]
    by_service: dict[str, list[Event]] = {}
    for event in sorted(upcoming, key=lambda e: (e.start, e.event_id)):
        if event.status == SCHEDULED and client_id in event.client_ids:
            by_service.setdefault(event.service_id, []).append(event)
    entries = []
    for m in sorted(chosen, key=lambda m: (m.service.open_date, m.service.service_id), reverse=True):
        s = m.service
        events = by_service.get(s.service_id, [])
        next_event = events[0].view(client_id) if events else None
        entries.append({
            "service_id": s.service_id, "name": s.name, "open_date": s.open_date, "close_date": s.close_date,
            "status": m.status, "left_date": m.left_date, "events_attended": m.events_attended,
            "events_upcoming": len(events), "next_event": next_event,
            "participants": [{"client_id": p, "name": names.get(p)} for p in s.participant_ids if p != client_id],
            "providers": [{"worker_id": w, "name": names.get(w)} for w in s.provider_ids],
            "links": links(s.service_id),
        })
    return entries


def links(service_id: str) -> dict:
    """Where the portal finds the service's timeline, calendar, requests, discussions and invoices."""
    return {
        "timeline": f"/requests/me/services/{service_id}/timeline",
        "events": f"/requests/me/events?service_id={service_id}",
        "event_requests": f"/requests/me/event-requests?service_id={service_id}",
        "discussions": f"/messaging/me/inbox?service_id={service_id}",
        "invoices": f"/billing/me/invoices?service_id={service_id}",
    }


# -- requests for a new service --------------------------------------------------------------------

APPROVED = "approved"
SERVICE_REQUEST_STATUSES = (PENDING, APPROVED, DECLINED)


class ServiceRequest(Struct, frozen=True):
    service_request_id: str
    client_id: str
    name: str
    created_at: str
    message: str | None = None
    status: str = PENDING
    service_id: str | None = None
    reason: str | None = None
    decided_by: str | None = None
    updated_at: str | None = None
    version: int = 1

    def view(self) -> dict:
        return asdict(self)

    def event_data(self) -> dict:
        keep = ("message",)
        return {k: v for k, v in self.view().items() if k != "version" and (v is not None or k in keep)}


def check_service_requests(settings: Settings) -> None:
    """Clients ask for a new service only while the agency takes such requests."""
    if not settings.service_requests_enabled:
        raise ServiceRequestsDisabled("This agency does not take requests for new services.")


def approval_providers(who: Identity, provider_ids: list[str] | None) -> list[str]:
    """Who provides a service opened on approval: those named, else the approving worker (an admin names them)."""
    if provider_ids is not None:
        return provider_ids
    if who.role == ADMIN:
        raise MissingField("provider_ids", "provider_ids is required.")
    return [who.person_id]


def check_undecided(request: ServiceRequest) -> None:
    if request.status != PENDING:
        raise ServiceRequestDecided(f"The request is {request.status}.")


def decide_service_request(request: ServiceRequest, status: str, who: Identity, now: int, *,
                           service_id: str | None = None, reason: str | None = None) -> ServiceRequest:
    check_undecided(request)
    return replace(request, status=status, service_id=service_id, reason=reason, decided_by=who.person_id,
                   updated_at=times.iso(now), version=request.version + 1)


# -- the Services Timeline -------------------------------------------------------------------------

# What each published message adds to its service's timeline: the entry's kind. Types not named add nothing (a
# video link, an attendance confirmation, a proposal still being checked).
TIMELINE_KINDS = {
    "requests.service.opened": "service_opened",
    "requests.service.participant_added": "participant_added",
    "requests.service.participant_removed": "participant_removed",
    "requests.service.closed": "service_closed",
    "requests.event_request.submitted": "request_sent",
    "requests.event_request.held": "request_held",
    "requests.event_request.proposal_offered": "request_proposed",
    "requests.event_request.proposal_failed": "proposal_failed",
    "requests.event_request.confirmed": "request_confirmed",
    "requests.event_request.declined": "request_declined",
    "requests.event_request.withdrawn": "request_withdrawn",
    "requests.event_request.expired": "request_expired",
    "requests.event.scheduled": "event_scheduled",
    "requests.event.rescheduled": "event_rescheduled",
    "requests.event.cancelled": "event_cancelled",
    "requests.event.attendee_left": "attendee_left",
    "requests.event.attended": "event_attended",
    "requests.event.no_show": "event_no_show",
}
TIMELINE_KIND_NAMES = tuple(dict.fromkeys(TIMELINE_KINDS.values()))
STAFF_ONLY_KINDS = ("proposal_failed",)  # the worker's own try; the client only ever sees held proposals


class TimelineEntry(Struct, frozen=True):
    """One change in a service's history, with who among its clients may see it.

    `audience`: the clients it concerns (a request's client; an event's clients; the participant added, removed
    or leaving an event); `everyone`: every client who takes or took part (the service opened). Staff see all.
    """

    entry_id: str
    at: str
    kind: str
    service_id: str
    audience: tuple[str, ...] = ()
    everyone: bool = False
    event_id: str | None = None
    request_id: str | None = None
    client_id: str | None = None
    worker_id: str | None = None
    start: str | None = None
    local_start: str | None = None
    previous_start: str | None = None
    by: str | None = None
    by_id: str | None = None
    reason: str | None = None
    reason_text: str | None = None
    name: str | None = None
    date: str | None = None
    reverted: bool = False


def timeline_entry(message_type: str, message_id: str, occurred_at: str, data: dict) -> TimelineEntry | None:
    """The timeline entry a published message adds to its service's history (its id is the message's), or None
    when it adds none."""
    kind = TIMELINE_KINDS.get(message_type)
    if kind is None:
        return None
    base = {"entry_id": message_id, "at": occurred_at, "kind": kind, "service_id": data["service_id"]}
    if message_type.startswith("requests.service."):
        concerned = data.get("client_id")
        if kind == "service_opened":
            return TimelineEntry(**base, everyone=True, name=data["name"], date=data["open_date"])
        if kind == "service_closed":
            return TimelineEntry(**base, audience=tuple(data["participant_ids"]), name=data["name"],
                                 date=data.get("close_date"))
        return TimelineEntry(**base, audience=(concerned,) if concerned else (), client_id=concerned)
    if message_type.startswith("requests.event_request."):
        audience = () if kind in STAFF_ONLY_KINDS else (data["client_id"],)
        start = data.get("start")
        reason, said = data.get("reason"), data.get("reason_text")
        if kind == "request_declined" and said is None and reason is not None:
            said = reason_text(reason) if data.get("declined_by") == "availability" else reason
        if kind == "proposal_failed" and said is None and reason is not None:
            said = reason_text(reason)
        return TimelineEntry(
            **base, audience=audience, request_id=data["request_id"], event_id=data.get("event_id"),
            client_id=data["client_id"], worker_id=data["worker_id"], start=start,
            local_start=data.get("local_start") if kind != "proposal_failed" else None,
            by=data.get("confirmed_by") or data.get("declined_by"), reason=reason, reason_text=said)
    leaving = data.get("client_id") if kind == "attendee_left" else None
    audience = (leaving,) if leaving else tuple(data["client_ids"])
    reverted = bool(data.get("reverted"))
    reason = data.get("reason") if kind in ("event_cancelled", "attendee_left") or reverted else None
    return TimelineEntry(
        **base, audience=audience, event_id=data["event_id"], request_id=data.get("request_id"), client_id=leaving,
        worker_id=data["worker_id"], start=data["start"], local_start=data.get("local_start"),
        previous_start=data.get("previous_start") if kind == "event_rescheduled" else None,
        by=data.get("cancelled_by"), by_id=data.get("cancelled_by_id"), reason=reason,
        reason_text=reason_text(reason) if reason and reverted else reason, reverted=reverted)


def visible_to(entry: TimelineEntry, client_id: str) -> bool:
    """Whether a client sees the entry: only what concerns them, never another client's requests or events."""
    return entry.kind not in STAFF_ONLY_KINDS and (entry.everyone or client_id in entry.audience)


def timeline_text(entry: TimelineEntry, viewer: str | None, names: dict[str, str], zone: str | None) -> str:
    """The entry as a sentence: for staff (`viewer` None) naming people, for a client (`viewer`) saying "you"."""
    def person(person_id: str | None, fallback: str) -> str:
        if person_id is not None and person_id == viewer:
            return "You"
        if viewer is not None and person_id not in (entry.worker_id,):
            return fallback  # a client reads no other client's name here
        return names.get(person_id or "", fallback)

    when = readable(entry.local_start or entry.start, zone) or "a time to be set"
    client = person(entry.client_id, "A client")
    worker = person(entry.worker_id, "the provider")
    because = f": {entry.reason_text}" if entry.reason_text else "."
    kind = entry.kind
    if kind == "service_opened":
        return f"Service {entry.name} opened on {entry.date}."
    if kind == "service_closed":
        return f"Service {entry.name} closed on {entry.date}."
    if kind == "participant_added":
        return "You were added to the service." if client == "You" else f"{client} was added to the service."
    if kind == "participant_removed":
        return "You no longer take part in the service." if client == "You" else \
            f"{client} no longer takes part in the service."
    if kind == "request_sent":
        return f"{client} requested an event with {worker} on {when}."
    if kind == "request_held":
        return f"The event request for {when} is awaiting a response from {worker}."
    if kind == "request_proposed":
        return f"{worker} proposed another time: {when}."
    if kind == "proposal_failed":
        return f"The time {worker} proposed, {readable(entry.start, zone)}, could not be held{because}"
    if kind == "request_confirmed":
        if entry.by == "client":
            return f"{client} accepted the proposed time: an event on {when}."
        return f"{worker} confirmed the event request: an event on {when}."
    if kind == "request_declined":
        if entry.by == "client":
            return f"{client} declined the proposed time {when}."
        return f"The event request for {when} was declined{because}"
    if kind == "request_withdrawn":
        return f"{client} withdrew the event request for {when}."
    if kind == "request_expired":
        return f"The event request for {when} expired before it was answered."
    if kind == "event_scheduled":
        return f"Event scheduled with {worker} on {when}."
    if kind == "event_rescheduled":
        before = readable(entry.previous_start, zone) or "its earlier time"
        if entry.reverted:
            return f"The event stays on {when}: {before} could not be booked{because}"
        return f"Event moved from {before} to {when}."
    if kind == "event_cancelled":
        if entry.by == "availability":
            return f"Event on {when} cancelled: its time could not be booked."
        if entry.by_id is not None and entry.by_id == viewer:
            return f"You cancelled the event on {when}."
        by = {"client": "another participant", "admin": "the agency"}.get(entry.by or "", worker)
        if viewer is None and entry.by_id:
            by = names.get(entry.by_id, by)
        return f"Event on {when} cancelled by {by}."
    if kind == "attendee_left":
        return f"{client} cancelled attendance at the event on {when}."
    if kind == "event_attended":
        return f"Event on {when} attended."
    return f"Event on {when} marked as a no-show."


# -- calendar entries and subscription feeds ---------------------------------------------------------------

FEED_SECRET = re.compile(r"^[A-Za-z0-9_-]{43}$")  # 32 random bytes, url-safe base64 without padding
FEED_SUFFIX = ".ics"
FEED_PAST_DAYS = 30  # a feed reaches this far back ...
FEED_DEFAULT_HORIZON_DAYS = 60  # ... and ahead to the agency's horizon: availability's default until it says
FEED_CANCELLED_DAYS = 7  # a cancelled event stays in a feed (STATUS:CANCELLED) this long after it was cancelled
FEED_REFRESH_MINUTES = 60  # what a feed asks calendar apps to wait between fetches
FEED_WINDOW_SECONDS = 3600  # a feed answers at most FEED_FETCHES_PER_WINDOW fetches in each such window
FEED_FETCHES_PER_WINDOW = 60


def feed_secret(path_value: str) -> str | None:
    """The secret in a feed's path segment (`<secret>.ics`), or None for anything no feed could have given out."""
    if not isinstance(path_value, str):
        return None
    secret = path_value[:-len(FEED_SUFFIX)] if path_value.endswith(FEED_SUFFIX) else path_value
    return secret if FEED_SECRET.fullmatch(secret) else None


def feed_span(now: int, horizon_days: int | None) -> tuple[int, int]:
    """The starts a feed lists: from FEED_PAST_DAYS back to the agency's booking horizon ahead."""
    ahead = horizon_days if horizon_days is not None and horizon_days > 0 else FEED_DEFAULT_HORIZON_DAYS
    return now - FEED_PAST_DAYS * 86400, now + min(ahead, MAX_AHEAD_DAYS) * 86400


def in_feed(event: Event, now: int) -> bool:
    """Every event but one cancelled more than FEED_CANCELLED_DAYS ago: calendar apps that merged it see it
    cancelled at their next fetch, and then it goes (a subscribed calendar drops what the feed no longer lists)."""
    if event.status != CANCELLED:
        return True
    cancelled_at = times.instant_or_none(event.updated_at)
    return cancelled_at is None or cancelled_at >= now - FEED_CANCELLED_DAYS * 86400


def entry_summary(agency_name: str | None, client_names: list[str] | None = None) -> str:
    """What a calendar entry says: "Appointment with <the clients>" where the agency lets a worker's entries name
    them, else "Appointment with <agency name>", or "Appointment" while the agency has no name."""
    if client_names:
        return f"Appointment with {', '.join(client_names)}"
    name = (agency_name or "").strip()
    return f"Appointment with {name}" if name else "Appointment"


def feed_name(agency_name: str | None) -> str:
    """The subscribed calendar's title."""
    name = (agency_name or "").strip()
    return f"{name}: appointments" if name else "Appointments"


def calendar_entry(event: Event, summary: str) -> ics.Entry:
    """An event as a calendar entry: its UID for every version, its version as SEQUENCE, cancelled as CANCELLED.
    DTSTAMP is when this version was made, so the same event always writes the same text (the feed's ETag)."""
    stamp = times.instant_or_none(event.updated_at) or times.instant(event.created_at)
    return ics.Entry(uid=ics.uid(event.event_id), sequence=event.version, start=times.instant(event.start),
                     end=times.instant(event.end), stamp=stamp, summary=summary,
                     status=ics.CANCELLED if event.status == CANCELLED else ics.CONFIRMED)


def names_shown(event: Event, viewer_role: str, settings: Settings, names: dict[str, str]) -> list[str] | None:
    """The clients an entry names: only in a staff member's calendar, and only where the agency allows it."""
    if viewer_role == CLIENT or not settings.feed_client_names:
        return None
    return [names.get(client_id, "a client") for client_id in event.client_ids] or None
