"""What the requests service's routes accept and answer, and the payloads it publishes: declared once, as types.

The routes (api.py) decode their input into these and are checked against their replies in tests; the service's
OpenAPI document and its event contracts (contracts/*.json) are generated from them (`make openapi`).

Most payloads are a domain object's whole state (`Event.event_data()`): each is built with `Payload.of(data)`, so a
field the domain adds or renames fails at build time instead of leaving the bus unseen. Their optional fields
default to UNSET rather than None: a field the state leaves out stays out of the event, and one it gives as null
(`requested_by` of an event staff created) stays null, exactly as the domain wrote it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from portalkit.schema import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_ID,
    Body,
    Cursor,
    Date,
    DateText,
    Id,
    Instant,
    LocalInstant,
    Published,
    Query,
    Reply,
    UtcInstant,
    pattern,
    text,
)

from . import domain

Role = Literal[domain.ROLES]  # a subscript's tuple is its arguments: one literal per role
ServiceStatus = Literal[domain.OPEN, domain.CLOSED]
RequestStatus = Literal[domain.REQUEST_STATUSES]
EventStatus = Literal[domain.SCHEDULED, domain.ATTENDED, domain.NO_SHOW, domain.CANCELLED]
ServiceRequestStatus = Literal[domain.SERVICE_REQUEST_STATUSES]
Decliner = Literal["availability", "worker", "client"]
Confirmer = Literal["worker", "client"]
Canceller = Literal["worker", "admin", "client", "availability"]
UnavailableReason = Literal[domain.UNAVAILABLE_REASONS]

MAX_NAME = 200  # a person's or a service's name
MAX_REASON = 1000
MAX_WINDOW_HOURS = 24 * 14  # the longest cancellation window an agency may set

Name = text(MAX_NAME)
Reason = text(MAX_REASON)
Message = text(domain.MAX_MESSAGE)
ShortId = text(64)  # an id the caller names: people's ids are at most 64 characters, the service's own 32
PersonId = pattern(domain.PERSON_ID.pattern, "must be 1 to 64 letters, digits, '-' or '_'")
Email = pattern(domain.EMAIL.pattern, "must be an email address", max_length=254)
VideoLink = pattern(domain.HTTPS_URL.pattern, "must be an https:// link", max_length=2000)
PageSize = Annotated[int, Meta(ge=1, le=200)]
Providers = Annotated[list[Id], Meta(max_length=domain.MAX_PROVIDERS)]
Participants = Annotated[list[Id], Meta(max_length=domain.MAX_PARTICIPANTS)]
Attendees = Annotated[list[Id], Meta(max_length=domain.MAX_ATTENDEES)]
PAGE = 50


# -- the roster ------------------------------------------------------------------------------------------------


class NewPerson(Body):
    """Someone to add to the agency's roster; person_id is the `custom:person_id` of their sign-in."""

    person_id: PersonId
    name: Name
    email: Email
    role: Role
    email_consent: bool | None = None


class PersonChange(Body):
    """What changes of a person (fields not sent keep their value)."""

    name: Name | None = None
    email: Email | None = None
    role: Role | None = None
    email_consent: bool | None = None


class PeoplePage(Query):
    role: Role | None = None
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class Person(Reply):
    person_id: str
    name: str
    email: str
    role: Role
    email_consent: bool
    version: int


class People(Reply):
    people: list[Person]
    cursor: str | None


# -- the agency's settings -------------------------------------------------------------------------------------


class SettingsChange(Body):
    """Some of the agency's settings, changed on the version read (settings not sent keep their value)."""

    version: Annotated[int, Meta(ge=0)]
    event_requests_enabled: bool | None = None
    request_messages_enabled: bool | None = None
    request_messages_required: bool | None = None
    video_sessions_enabled: bool | None = None
    service_requests_enabled: bool | None = None
    max_open_requests: Annotated[int, Meta(ge=1, le=20)] | None = None
    cancellation_window_hours: Annotated[int, Meta(ge=0, le=MAX_WINDOW_HOURS)] | None = None
    agency_name: Annotated[str, Meta(max_length=MAX_NAME, description=(
        "The agency's name as clients read it (\"Appointment with <agency name>\" in calendar files and emails); "
        "an empty text removes it."))] | None = None
    feed_client_names: bool | None = None


class Settings(Reply):
    event_requests_enabled: bool
    request_messages_enabled: bool
    request_messages_required: Annotated[bool, Meta(description="A request must carry a message (while messages with "
                                                                "requests are enabled).")]
    video_sessions_enabled: bool
    service_requests_enabled: bool
    max_open_requests: int
    cancellation_window_hours: int
    agency_name: Annotated[str | None, Meta(description="The agency's name as clients read it; null until set.")]
    feed_client_names: Annotated[bool, Meta(description="A worker's calendar feed and calendar files name the event's "
                                                        "clients (off: they say \"Appointment with <agency>\").")]
    version: Annotated[int, Meta(description="0 until an admin first changes them (the defaults).")]


# -- calendar feeds and files ------------------------------------------------------------------------------------


class CalendarFeed(Reply):
    """Whether you share your events as a calendar subscription feed. Its link is shown once, when it is made: only
    a hash of its secret is kept."""

    active: bool
    created_at: Annotated[UtcInstant | None, Meta(description="When the current link was made.")]
    last_fetched_at: Annotated[UtcInstant | None, Meta(description="When a calendar app last fetched the feed.")]


class CalendarFeedLink(Reply):
    """Your new private calendar link, shown this once; any link you had before stops working at once."""

    url: Annotated[str | None, Meta(description="The feed over https (http on the local stack); null when the request "
                                                "named no host: join `path` to the portal's address.")]
    webcal_url: Annotated[str | None, Meta(description="The same feed as webcal://, which opens a calendar app.")]
    path: Annotated[str, Meta(description="The feed's path: /requests/feeds/<secret>.ics.")]
    created_at: UtcInstant


# -- service files ---------------------------------------------------------------------------------------------


class NewService(Body):
    """A service file: who provides it (workers of the agency) and who takes part (its clients)."""

    name: Name
    open_date: Date
    provider_ids: Providers
    participant_ids: Participants | None = None


class NewParticipant(Body):
    client_id: PersonId


class ServiceClosing(Body):
    close_date: Annotated[Date, Meta(description="Today (UTC) when left out.")] | None = None


class ServicesPage(Query):
    status: ServiceStatus | None = None
    worker_id: ShortId | None = None
    client_id: ShortId | None = None
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class ServiceFile(Reply):
    service_id: str
    name: str
    status: ServiceStatus
    provider_ids: list[str]
    participant_ids: list[str]
    open_date: DateText
    close_date: DateText | None
    version: int


class ServiceFiles(Reply):
    services: list[ServiceFile]
    cursor: str | None


# -- events (appointments) -------------------------------------------------------------------------------------


class NewEvent(Body):
    """A worker's event with clients of a service (all its participants when client_ids is left out)."""

    service_id: ShortId
    start: Instant
    end: Instant
    worker_id: Annotated[ShortId, Meta(description="Admins name the worker; a worker's own events.")] | None = None
    client_ids: Participants | None = None
    video_session: bool | None = None
    video_link: VideoLink | None = None
    site_id: ShortId | None = None


class VideoLinkChange(Body):
    url: VideoLink


class Attendance(Body):
    """Attended or no-show once the event has started; cancelled is a (late) cancellation."""

    status: Literal[domain.ATTENDANCE]
    reason: Reason | None = None
    charge_late_fee: bool | None = None


class NewTime(Body):
    start: Instant
    end: Annotated[Instant, Meta(description="The event keeps its length when left out.")] | None = None


class Cancellation(Body):
    reason: Reason | None = None
    charge_late_fee: Annotated[bool, Meta(description="Only inside the cancellation window.")] | None = None


class ClientCancellation(Body):
    reason: Reason | None = None


# `from` and `to` of a calendar: a date (its whole UTC day) or an instant, in ASCII digits.
DayOrInstant = pattern(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$",
    "must be a date like 2026-12-03 or an RFC 3339 time like 2026-12-03T14:00:00Z",
    description=f"A date (its UTC day, `to` included) or an RFC 3339 instant, in the years {FIRST_YEAR} to "
                f"{LAST_YEAR}.")


class Window(Query):
    """`from` and `to` of a calendar, at most MAX_RANGE_DAYS apart."""

    from_: DayOrInstant | None = msgspec.field(default=None, name="from")
    to: DayOrInstant | None = None

    def bounds(self, *, required: bool) -> tuple[int | None, int | None]:
        """[from, to) in epoch seconds, (None, None) when neither is given and they are not `required`."""
        first, last = _bound("from", self.from_), _bound("to", self.to)
        if first is None and last is None and not required:
            return None, None
        if first is None or last is None:
            missing = "from" if first is None else "to"
            raise domain.MissingField(missing, f"{missing} is required.")
        if last <= first:
            raise domain.TimeOutOfRange("to", "to must be after from.")
        if last - first > domain.MAX_RANGE_DAYS * 86400:
            raise domain.TimeOutOfRange("to", f"A range covers at most {domain.MAX_RANGE_DAYS} days.")
        return first, last


def _bound(name: str, text: str | None) -> int | None:
    """One end of a window: a date means its UTC day (`to` the day's end), an instant itself."""
    if text is None:
        return None
    if "T" not in text:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise domain.InvalidTime(name, f"{name} must be a date like 2026-12-03.") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise domain.TimeOutOfRange(name, f"{name} must be a date in the years {FIRST_YEAR} to {LAST_YEAR}.")
        start = datetime.combine(day, datetime.min.time(), UTC)
        return int((start + timedelta(days=1 if name == "to" else 0)).timestamp())
    try:
        local = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise domain.InvalidTime(name, f"{name} must be an RFC 3339 time with its offset, like "
                                 "2026-12-03T14:00:00Z.") from None
    # The local year first: converting 0001-01-01T00:00+01:00 to UTC would leave the calendar.
    instant = local.astimezone(UTC) if FIRST_YEAR - 1 <= local.year <= LAST_YEAR + 1 else None
    if instant is None or not FIRST_YEAR <= instant.year <= LAST_YEAR:
        raise domain.TimeOutOfRange(name, f"{name} must be an instant in the years {FIRST_YEAR} to {LAST_YEAR}.")
    return int(instant.timestamp())


class StaffCalendar(Window):
    worker_id: Annotated[ShortId, Meta(description="Required of admins; a worker's own by default.")] | None = None
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class ClientCalendar(Window):
    """Events in [from, to), or every event of one service (then from and to may be left out)."""

    service_id: ShortId | None = None
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class EventView(Reply):
    """An event (appointment) as everyone who may see it sees it."""

    event_id: str
    service_id: str
    worker_id: str
    client_ids: list[str]
    start: UtcInstant
    end: UtcInstant
    duration_minutes: int
    created_at: UtcInstant
    created_by: str
    request_id: str | None
    requested_by: Annotated[str | None, Meta(description="The client whose request became this event; null when "
                                                         "staff created it.")]
    local_start: LocalInstant | None
    site_id: str | None
    status: EventStatus
    video_session: bool
    video_link: str | None
    awaiting_video_link: bool
    previous_start: UtcInstant | None
    previous_end: UtcInstant | None
    late: Annotated[bool | None, Meta(description="Cancelled inside the agency's cancellation window.")]
    late_fee: Annotated[bool | None, Meta(description="A late-cancellation fee is owed.")]
    cancelled_by: Canceller | None
    cancelled_by_id: str | None
    reason: str | None
    updated_at: UtcInstant | None
    version: int


class StaffEvent(EventView):
    attendance_confirmed_by: list[str]
    left_ids: Annotated[list[str], Meta(description="Invited clients who cancelled their own attendance.")]


class ClientEvent(EventView):
    attendance_confirmed: Annotated[bool, Meta(description="You said you will attend.")]
    left: Annotated[bool, Meta(description="You cancelled your own attendance; the others kept the event.")]


class CalendarEvent(ClientEvent):
    worker_name: str | None


class StaffEvents(Reply):
    events: list[StaffEvent]
    cursor: str | None


class ClientEvents(Reply):
    events: list[CalendarEvent]
    cursor: str | None


# -- My Services -----------------------------------------------------------------------------------------------


class MyServicesQuery(Query):
    status: Literal["open", "all"] = "open"
    service_id: ShortId | None = None


class Participant(Reply):
    client_id: str
    name: str | None


class Provider(Reply):
    worker_id: str
    name: str | None


class ServiceLinks(Reply):
    """Where the portal finds the service's timeline, calendar, requests, discussions and invoices."""

    timeline: str
    events: str
    event_requests: str
    discussions: str
    invoices: str


class MyService(Reply):
    service_id: str
    name: str
    open_date: DateText
    close_date: DateText | None
    status: Annotated[ServiceStatus, Meta(description="closed once the service closed or you left it.")]
    left_date: DateText | None
    events_attended: int
    events_upcoming: int
    next_event: ClientEvent | None
    participants: Annotated[list[Participant], Meta(description="The other clients taking part.")]
    providers: list[Provider]
    links: ServiceLinks


class MyServices(Reply):
    services: list[MyService]
    timezone: Annotated[str | None, Meta(description="The agency's IANA time zone, to show times on its clock; "
                                          "null until availability has told it.")]


# -- the Services Timeline -------------------------------------------------------------------------------------


class TimelinePage(Query):
    """A page of a service's timeline, newest first; `from` and `to`, each optional: a date (its UTC day, `to`'s
    included) or an instant (`to` itself left out)."""

    from_: DayOrInstant | None = msgspec.field(default=None, name="from")
    to: DayOrInstant | None = None
    cursor: Cursor | None = None
    limit: PageSize = PAGE

    def bounds(self) -> tuple[int | None, int | None]:
        """[from, to) in epoch seconds; either may be None (the timeline's start, or now and on)."""
        first, last = _bound("from", self.from_), _bound("to", self.to)
        if first is not None and last is not None and last <= first:
            raise domain.TimeOutOfRange("to", "to must be after from.")
        return first, last


TimelineKind = Literal[domain.TIMELINE_KIND_NAMES]


class TimelineEntry(Reply):
    """One change in a service's history: when (`at`), what (`kind`), what to link to, and a sentence."""

    entry_id: Annotated[str, Meta(description="Stable: the id of the event that recorded the change.")]
    at: UtcInstant
    kind: TimelineKind
    service_id: str
    event_id: Annotated[str | None, Meta(description="The event (appointment) to link to, if any.")]
    request_id: Annotated[str | None, Meta(description="The event request to link to, if any.")]
    client_id: Annotated[str | None, Meta(description="The client concerned: who asked, was added or removed, or "
                                                      "left the event.")]
    worker_id: Annotated[str | None, Meta(description="The provider of the event or request.")]
    start: Annotated[UtcInstant | None, Meta(description="The time of the event or request.")]
    local_start: LocalInstant | None
    reason_text: Annotated[str | None, Meta(description="Why, in words: a decline, a cancellation, a time that "
                                                        "could not be booked.")]
    text: Annotated[str, Meta(description="The change as a sentence, on the agency's clock.")]


class Timeline(Reply):
    entries: list[TimelineEntry]
    cursor: str | None


# -- event requests --------------------------------------------------------------------------------------------


class NewEventRequest(Body):
    """A client's request for an event with a provider at one of their open times."""

    worker_id: ShortId
    start: Instant
    service_id: Annotated[ShortId, Meta(description="May be left out when the worker provides only one of your "
                                                    "open services.")] | None = None
    attendee_ids: Annotated[Attendees, Meta(description="Other participants of the service invited along.")] \
        | None = None
    video_session: bool | None = None
    message: Message | None = None


class ProposalAnswer(Body):
    reason: Reason | None = None


class Decline(Body):
    reason: Reason


class Proposal(Body):
    start: Instant


class ClientRequestsPage(Query):
    status: Literal[("open", "all", *domain.REQUEST_STATUSES)] = "all"
    service_id: ShortId | None = None
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class StaffRequestsPage(Query):
    status: RequestStatus = domain.AWAITING
    worker_id: Annotated[ShortId, Meta(description="Admins: one worker's; workers see their own.")] | None = None
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class ProposalChecking(Reply, tag_field="status", tag="checking"):
    """The worker's proposal while availability checks that it is open."""

    start: UtcInstant
    note: str


class ProposalFailed(Reply, tag_field="status", tag="failed"):
    """The last proposal availability could not hold, and why (until the request's next change)."""

    start: UtcInstant
    reason: str
    reason_text: str
    failed_at: UtcInstant


class ClientEventRequest(Reply):
    """An event request as its client sees it."""

    request_id: str
    service_id: str
    client_id: str
    worker_id: str
    start: Annotated[UtcInstant, Meta(description="The time asked for (held once availability answers).")]
    end: UtcInstant | None
    requested_start: UtcInstant
    created_at: UtcInstant
    attendee_ids: list[str]
    video_session: bool
    message: str | None
    status: RequestStatus
    local_start: Annotated[LocalInstant | None, Meta(description="The start on the site's wall clock.")]
    site_id: str | None
    hold_expires_at: UtcInstant | None
    proposed_start: Annotated[UtcInstant | None, Meta(description="A time the worker proposed that availability "
                                                                  "has not answered yet.")]
    reason: Annotated[str | None, Meta(description="A code of availability (`slot_taken`, ...), or the worker's "
                                                   "or client's words.")]
    reason_text: Annotated[str | None, Meta(description="The reason as a sentence a person reads.")]
    declined_by: Decliner | None
    event_id: str | None
    confirmed_by: Confirmer | None
    video_link: str | None
    awaiting_video_link: bool
    updated_at: UtcInstant | None
    version: int


class StaffEventRequest(ClientEventRequest):
    """An event request as the worker it is addressed to (or an admin) sees it."""

    proposal: ProposalChecking | ProposalFailed | None


class ClientEventRequests(Reply):
    event_requests: list[ClientEventRequest]
    cursor: str | None


class StaffEventRequests(Reply):
    event_requests: list[StaffEventRequest]
    cursor: str | None


# -- requests for a new service --------------------------------------------------------------------------------


class NewServiceRequest(Body):
    """A client's request for a new service."""

    name: Annotated[Name, Meta(description="What the client asks for.")]
    message: Message | None = None


class Approval(Body):
    """Open the service the client asked for (named as asked, from today, with the approving worker, unless given)."""

    name: Name | None = None
    open_date: Date | None = None
    provider_ids: Annotated[Providers, Meta(description="Required of admins.")] | None = None


class ServiceRequestsPage(Query):
    status: ServiceRequestStatus = domain.PENDING
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class MyServiceRequestsPage(Query):
    cursor: Cursor | None = None
    limit: PageSize = PAGE


class ServiceRequest(Reply):
    service_request_id: str
    client_id: str
    name: str
    message: str | None
    created_at: UtcInstant
    status: ServiceRequestStatus
    service_id: Annotated[str | None, Meta(description="The service file opened on approval.")]
    reason: str | None
    decided_by: str | None
    updated_at: UtcInstant | None
    version: int


class ServiceRequests(Reply):
    service_requests: list[ServiceRequest]
    cursor: str | None


# -- what requests publishes -----------------------------------------------------------------------------------
# Types of the contracts' fields as they were written before they were generated (kept: no limit is lost).

IdText = Annotated[str, Meta(max_length=MAX_ID)]
NameText = Annotated[str, Meta(min_length=1, max_length=MAX_NAME)]
ReasonText = Annotated[str, Meta(min_length=1, max_length=MAX_REASON)]


class PersonState(Published):
    """A person of the agency's roster (base)."""

    person_id: Annotated[str, Meta(min_length=1, max_length=64)]
    name: NameText
    email: Annotated[str, Meta(min_length=3, max_length=254)]
    role: Role
    email_consent: bool


class PersonRegistered(PersonState):
    """A person of the agency's roster was registered. subject_id is the person_id."""

    event_type: ClassVar[str] = "requests.person.registered"


class PersonUpdated(PersonState):
    """A person of the agency's roster was updated. subject_id is the person_id."""

    event_type: ClassVar[str] = "requests.person.updated"


class SettingsUpdated(Published):
    """An admin changed the agency's settings for requests and events; the data is all of them after the change.
    Availability keeps `event_requests_enabled` so its slot and day answers can say that clients cannot request
    events. subject_id is the agency_id and subject_version the settings' version."""

    event_type: ClassVar[str] = "requests.settings.updated"

    event_requests_enabled: bool
    request_messages_enabled: bool
    video_sessions_enabled: bool
    service_requests_enabled: bool
    max_open_requests: Annotated[int, Meta(ge=0)]
    cancellation_window_hours: Annotated[int, Meta(ge=0)]
    request_messages_required: bool = False
    agency_name: str | None = None  # "Appointment with <agency name>"; null until an admin sets it
    feed_client_names: bool = False


class ServiceState(Published):
    """A service file's whole state (base)."""

    service_id: Id
    name: NameText
    status: ServiceStatus
    provider_ids: list[Id]
    participant_ids: list[Id]
    open_date: DateText
    close_date: DateText | UnsetType | None = UNSET


class ServiceOpened(ServiceState):
    """A service file was opened; the data is the service's whole state after the change (`client_id`, where given,
    is the participant concerned). subject_id is the service_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.service.opened"


class ServiceParticipantAdded(ServiceState):
    """A participant (client) joined a service; the data is the service's whole state after the change
    (`client_id`, where given, is the participant concerned). subject_id is the service_id and subject_version its
    version."""

    event_type: ClassVar[str] = "requests.service.participant_added"

    client_id: Id | UnsetType = UNSET


class ServiceParticipantRemoved(ServiceState):
    """A participant (client) left a service; the data is the service's whole state after the change (`client_id`,
    where given, is the participant concerned). subject_id is the service_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.service.participant_removed"

    client_id: Id | UnsetType = UNSET


class ServiceClosed(ServiceState):
    """A service file was closed; the data is the service's whole state after the change (`client_id`, where given,
    is the participant concerned). subject_id is the service_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.service.closed"


class EventRequestState(Published):
    """An event request's state, without its empty fields (base)."""

    request_id: Id
    service_id: Id
    client_id: Id
    worker_id: Id
    start: UtcInstant | UnsetType = UNSET
    end: UtcInstant | UnsetType = UNSET
    local_start: LocalInstant | UnsetType = UNSET
    site_id: IdText | UnsetType | None = UNSET
    hold_expires_at: UtcInstant | UnsetType = UNSET
    attendee_ids: list[Id] | UnsetType = UNSET
    video_session: bool | UnsetType = UNSET
    message: str | UnsetType | None = UNSET
    status: RequestStatus | UnsetType = UNSET
    requested_start: UtcInstant | UnsetType = UNSET
    event_id: Id | UnsetType = UNSET
    confirmed_by: Confirmer | UnsetType = UNSET
    reason: ReasonText | UnsetType = UNSET
    declined_by: Decliner | UnsetType = UNSET
    reason_text: ReasonText | UnsetType = UNSET
    proposed_start: UtcInstant | UnsetType = UNSET
    video_link: str | UnsetType = UNSET
    created_at: UtcInstant | UnsetType = UNSET
    updated_at: UtcInstant | UnsetType = UNSET


HeldStart = Annotated[UtcInstant, Meta(
    description="The time the request still holds while the proposal is tried (`start` is the proposed time).")]


class EventRequestSubmitted(EventRequestState, kw_only=True):
    """A client asked for an event at `start` (one of the worker's open slots); status `pending` until availability
    answers. subject_id is the request_id; `client_id` is the client who asked, `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.submitted"

    start: UtcInstant


class EventRequestHeld(EventRequestState, kw_only=True):
    """The requested time is held: the request is `awaiting_response` from the worker until `hold_expires_at`.
    subject_id is the request_id; `client_id` is the client who asked, `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.held"

    start: UtcInstant
    end: UtcInstant
    hold_expires_at: UtcInstant


class EventRequestProposed(EventRequestState, kw_only=True):
    """The worker proposed another time `start`; availability is asked to hold it (the old hold stays until it
    does). subject_id is the request_id; `client_id` is the client who asked, `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.proposed"

    start: UtcInstant
    held_start: HeldStart | UnsetType = UNSET


class EventRequestProposalOffered(EventRequestState, kw_only=True):
    """The worker's proposed time is held: the request is `proposed` and awaits the client's acceptance until
    `hold_expires_at`. subject_id is the request_id; `client_id` is the client who asked, `worker_id` the provider
    asked."""

    event_type: ClassVar[str] = "requests.event_request.proposal_offered"

    start: UtcInstant
    end: UtcInstant
    hold_expires_at: UtcInstant


class EventRequestProposalFailed(EventRequestState, kw_only=True):
    """The worker's proposed time could not be held (`reason` as availability gave it); the request is
    `awaiting_response` again at its earlier time. subject_id is the request_id; `client_id` is the client who
    asked, `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.proposal_failed"

    start: UtcInstant
    reason: UnavailableReason
    held_start: HeldStart | UnsetType = UNSET
    reason_text: Annotated[ReasonText, Meta(
        description="`reason` as a sentence a person reads (the worker is told it); the request shows the same in "
                    "its `proposal` until its next change.")] | UnsetType = UNSET


class EventRequestConfirmed(EventRequestState, kw_only=True):
    """The request became an event (`event_id`, scheduled) at `start`-`end`: confirmed by the worker, or by the
    client accepting a proposal (`confirmed_by`). subject_id is the request_id; `client_id` is the client who asked,
    `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.confirmed"

    event_id: Id
    start: UtcInstant
    end: UtcInstant


class EventRequestDeclined(EventRequestState, kw_only=True):
    """The request ended unfulfilled. `declined_by`: `availability` (reason is one of slot_taken,
    outside_availability, too_soon, too_far, or `invalid_hold` when availability's hold could not be used), `worker`
    (reason is the worker's words) or `client` (declined the worker's proposal). subject_id is the request_id;
    `client_id` is the client who asked, `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.declined"

    reason: ReasonText
    declined_by: Decliner
    reason_text: Annotated[ReasonText, Meta(
        description="Why, as a sentence a person reads: availability's code in words, or the worker's or client's "
                    "reason as they wrote it (then equal to `reason`).")] | UnsetType = UNSET


class EventRequestWithdrawn(EventRequestState):
    """The client withdrew the request before it was confirmed. subject_id is the request_id; `client_id` is the
    client who asked, `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.withdrawn"


class EventRequestExpired(EventRequestState):
    """The request's hold ran out before the worker (or, for a proposal, the client) answered. subject_id is the
    request_id; `client_id` is the client who asked, `worker_id` the provider asked."""

    event_type: ClassVar[str] = "requests.event_request.expired"


class EventState(Published):
    """An event's whole state after a change (base)."""

    event_id: Id
    service_id: Id
    worker_id: Id
    client_ids: list[Id]
    start: UtcInstant
    end: UtcInstant
    local_start: LocalInstant | UnsetType = UNSET
    site_id: IdText | UnsetType | None = UNSET
    request_id: IdText | UnsetType | None = UNSET
    status: EventStatus | UnsetType = UNSET
    video_session: bool | UnsetType = UNSET
    video_link: str | UnsetType | None = UNSET
    created_by: str | UnsetType = UNSET
    attendance_confirmed_by: list[str] | UnsetType = UNSET
    duration_minutes: int | UnsetType = UNSET
    requested_by: Annotated[IdText | None, Meta(
        description="The client whose event request became this event; null for an event staff created.")] \
        | UnsetType = UNSET
    left_ids: Annotated[list[Id], Meta(
        description="Invited clients who cancelled their own attendance and left the event (not in `client_ids`).")] \
        | UnsetType = UNSET
    awaiting_video_link: bool | UnsetType = UNSET
    previous_start: UtcInstant | UnsetType = UNSET
    previous_end: UtcInstant | UnsetType = UNSET
    late: bool | UnsetType = UNSET
    late_fee: bool | UnsetType = UNSET
    cancelled_by: Canceller | UnsetType = UNSET
    cancelled_by_id: Id | UnsetType = UNSET
    reason: str | UnsetType | None = UNSET
    created_at: UtcInstant | UnsetType = UNSET
    updated_at: UtcInstant | UnsetType = UNSET


class EventScheduled(EventState):
    """An event (appointment) was scheduled: by a worker directly (`request_id` null) or from a confirmed request.
    The data is the event's state after the change; subject_id is the event_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.event.scheduled"


class EventRescheduled(EventState):
    """An event moved to a new `start`-`end` (`previous_start`, `previous_end` were its times before). The data is
    the event's state after the change; subject_id is the event_id and subject_version its version. With
    `reverted`, the event went back to its earlier time because availability could not book the new one."""

    event_type: ClassVar[str] = "requests.event.rescheduled"

    reverted: Annotated[bool, Meta(
        description="Availability could not book the new time (`previous_start`): the event is back at `start`, the "
                    "time it had.")] | UnsetType = UNSET
    reason: Annotated[str | None, Meta(
        description="With `reverted`: why the new time could not be booked (slot_taken, outside_availability).")] \
        | UnsetType = UNSET


class EventCancelled(EventState, kw_only=True):
    """An event was cancelled for everyone by `cancelled_by` (role) and `cancelled_by_id` (person, or
    `availability`); `late` when inside the agency's cancellation window. `late_fee` is true only when a late-cancel
    fee is owed: the client who requested the event cancelled late, or staff chose to charge it. The data is the
    event's state after the change; subject_id is the event_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.event.cancelled"

    late: bool


class EventAttendeeLeft(EventState, kw_only=True):
    """One invited client cancelled their own attendance: they left the event and the others keep it. `client_id`
    is who left (no longer in `client_ids`); `late` when inside the agency's cancellation window, `late_fee` when a
    late-cancel fee is owed by that client. The data is the event's state after the change; subject_id is the
    event_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.event.attendee_left"

    client_id: Id
    late: bool
    late_fee: bool
    reason: Annotated[str | None, Meta(description="The reason the client gave for leaving, if any.")] \
        | UnsetType = UNSET


class EventAttendanceConfirmed(EventState, kw_only=True):
    """A client (`client_id`) confirmed they will attend the upcoming event. The data is the event's state after the
    change; subject_id is the event_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.event.attendance_confirmed"

    client_id: Id


class EventAttended(EventState):
    """The worker marked the event attended (billing invoices the event fee). The data is the event's state after the
    change; subject_id is the event_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.event.attended"


class EventNoShow(EventState):
    """The worker marked the event a no-show (billing invoices the no-show fee where one is set). The data is the
    event's state after the change; subject_id is the event_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.event.no_show"


class EventVideoLinkAdded(EventState, kw_only=True):
    """The worker added the event's video session link, or changed it (`changed`). The data is the event's state
    after the change; subject_id is the event_id and subject_version its version."""

    event_type: ClassVar[str] = "requests.event.video_link_added"

    video_link: Annotated[str, Meta(pattern="^https://")]
    changed: bool | UnsetType = UNSET


class ServiceRequestState(Published):
    """A request for a new service (base)."""

    service_request_id: Id
    client_id: Id
    name: NameText
    status: ServiceRequestStatus
    message: str | UnsetType | None = UNSET
    service_id: Id | UnsetType = UNSET
    reason: ReasonText | UnsetType = UNSET
    decided_by: Id | UnsetType = UNSET
    created_at: UtcInstant | UnsetType = UNSET
    updated_at: UtcInstant | UnsetType = UNSET


class ServiceRequestSubmitted(ServiceRequestState):
    """A client asked for a new service (`name`: what they ask for). subject_id is the service_request_id."""

    event_type: ClassVar[str] = "requests.service_request.submitted"


class ServiceRequestApproved(ServiceRequestState, kw_only=True):
    """Staff approved a new-service request; `service_id` is the service file opened with the client. subject_id is
    the service_request_id."""

    event_type: ClassVar[str] = "requests.service_request.approved"

    service_id: Id
    decided_by: Id


class ServiceRequestDeclined(ServiceRequestState, kw_only=True):
    """Staff declined a new-service request with a `reason`. subject_id is the service_request_id."""

    event_type: ClassVar[str] = "requests.service_request.declined"

    reason: ReasonText
    decided_by: Id
