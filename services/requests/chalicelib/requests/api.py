"""Routes of the requests service: what each accepts and answers (schemas.py), and the one handler it calls."""

from __future__ import annotations

import hashlib
from datetime import datetime

from chalice import Blueprint, Response

from portalkit.api import Api, Text
from portalkit.identity import ADMIN, ANYONE, CLIENT, STAFF

from . import (
    agency_settings,
    calendar_feeds,
    domain,
    event_requests,
    events,
    new_service_requests,
    people,
    service_files,
    timeline,
)
from . import schemas as s

blueprint = Blueprint(__name__)
api = Api(blueprint, "/requests")
api.health("requests")

CLIENTS = (CLIENT,)


def _epoch(instant: datetime) -> int:
    """An instant as the handlers take it: epoch seconds."""
    return int(instant.timestamp())


# -- the roster ------------------------------------------------------------------------------------------


@api.route("/people", methods=["POST"], roles=STAFF, body=s.NewPerson, returns=s.Person, status=201,
           errors=(409,))
def add_person(call, body: s.NewPerson):
    """Add someone to the agency's roster (workers add clients; admins add anyone)."""
    person = domain.Person(person_id=body.person_id, name=body.name, email=domain.check_email(body.email),
                           role=body.role, email_consent=bool(body.email_consent))
    return 201, people.register_person(call.who, person)


@api.route("/people", roles=STAFF, query=s.PeoplePage, returns=s.People)
def list_people(call, query: s.PeoplePage):
    """The agency's roster, a page at a time, of one role if you choose."""
    return people.list_people(call.who, role=query.role, cursor=query.cursor, limit=query.limit)


@api.route("/people/{person_id}", roles=STAFF, returns=s.Person)
def get_person(call, person_id):
    """A person of the agency's roster."""
    return people.get_person(call.who, person_id)


@api.route("/people/{person_id}", methods=["PUT"], roles=STAFF, body=s.PersonChange, returns=s.Person)
def update_person(call, person_id, body: s.PersonChange):
    """Change a person's name, email, role or email consent (fields left out keep their value)."""
    changes = {"name": body.name, "email": body.email, "role": body.role, "email_consent": body.email_consent}
    changes = {k: v for k, v in changes.items() if v is not None}
    if "email" in changes:
        changes["email"] = domain.check_email(changes["email"])
    return people.update_person(call.who, person_id, changes)


# -- the agency's settings -------------------------------------------------------------------------------


@api.route("/settings", roles=ANYONE, returns=s.Settings)
def get_settings(call):
    """The agency's settings for requests and events."""
    return agency_settings.get_settings(call.who)


@api.route("/settings", methods=["PUT"], roles=(ADMIN,), body=s.SettingsChange, returns=s.Settings)
def update_settings(call, body: s.SettingsChange):
    """Change the agency's settings for requests and events on the version read."""
    changes = {name: getattr(body, name) for name in (
        "event_requests_enabled", "request_messages_enabled", "request_messages_required", "video_sessions_enabled",
        "service_requests_enabled", "max_open_requests", "cancellation_window_hours", "feed_client_names")}
    changes = {k: v for k, v in changes.items() if v is not None}
    if body.agency_name is not None:
        changes["agency_name"] = domain.agency_name(body.agency_name)
    return agency_settings.update_settings(call.who, changes, body.version)


# -- service files ---------------------------------------------------------------------------------------


@api.route("/services", methods=["POST"], roles=STAFF, body=s.NewService, returns=s.ServiceFile, status=201)
def open_service(call, body: s.NewService):
    """Open a service file with its providers (workers) and participants (clients)."""
    return 201, service_files.open_service(call.who, name=body.name, open_date=body.open_date.isoformat(),
                                           provider_ids=body.provider_ids, participant_ids=body.participant_ids or [])


@api.route("/services", roles=STAFF, query=s.ServicesPage, returns=s.ServiceFiles)
def list_services(call, query: s.ServicesPage):
    """The agency's service files, a page at a time: open or closed, of one worker or one client."""
    return service_files.list_services(call.who, status=query.status, worker_id=query.worker_id,
                                       client_id=query.client_id, cursor=query.cursor, limit=query.limit)


@api.route("/services/{service_id}", roles=STAFF, returns=s.ServiceFile)
def get_service(call, service_id):
    """A service file."""
    return service_files.get_service(call.who, service_id)


@api.route("/services/{service_id}/participants", methods=["POST"], roles=STAFF, body=s.NewParticipant,
           returns=s.ServiceFile)
def add_participant(call, service_id, body: s.NewParticipant):
    """Add a client to a service as a participant."""
    return service_files.add_participant(call.who, service_id, body.client_id)


@api.route("/services/{service_id}/participants/{client_id}", methods=["DELETE"], roles=STAFF, returns=s.ServiceFile)
def remove_participant(call, service_id, client_id):
    """Remove a participant from a service (their past stays in the file)."""
    return service_files.remove_participant(call.who, service_id, client_id)


@api.route("/services/{service_id}/close", methods=["POST"], roles=STAFF, body=s.ServiceClosing,
           returns=s.ServiceFile)
def close_service(call, service_id, body: s.ServiceClosing):
    """Close a service file, on a date or today."""
    return service_files.close_service(call.who, service_id, body.close_date.isoformat() if body.close_date else None)


# -- My Services -----------------------------------------------------------------------------------------


@api.route("/me/services", roles=CLIENTS, query=s.MyServicesQuery, returns=s.MyServices)
def my_services(call, query: s.MyServicesQuery):
    """My Services: the services you take part in, with their next event and providers."""
    return service_files.my_services(call.who, status=query.status, service_id=query.service_id)


# -- the Services Timeline ------------------------------------------------------------------------------


@api.route("/me/services/{service_id}/timeline", roles=CLIENTS, query=s.TimelinePage, returns=s.Timeline)
def my_service_timeline(call, service_id, query: s.TimelinePage):
    """Services Timeline: one of your services' history, newest first (what concerns you)."""
    first, last = query.bounds()
    return timeline.service_timeline(call.who, service_id, first, last, query.cursor, query.limit)


@api.route("/services/{service_id}/timeline", roles=STAFF, query=s.TimelinePage, returns=s.Timeline)
def service_timeline(call, service_id, query: s.TimelinePage):
    """A service's timeline, newest first: opened, participants, closed, its event requests and events."""
    first, last = query.bounds()
    return timeline.service_timeline(call.who, service_id, first, last, query.cursor, query.limit)


# -- event requests: clients -----------------------------------------------------------------------------


@api.route("/me/event-requests", methods=["POST"], roles=CLIENTS, body=s.NewEventRequest,
           returns=s.ClientEventRequest, status=202, idempotent=True)
def submit_event_request(call, body: s.NewEventRequest):
    """Request an event with a provider at one of their open times (pending until the time is held)."""
    return event_requests.submit(call.who, service_id=body.service_id, worker_id=body.worker_id,
                                 start=_epoch(body.start), attendee_ids=body.attendee_ids or [],
                                 video_session=bool(body.video_session), message=body.message, key=call.idempotency_key)


@api.route("/me/event-requests", roles=CLIENTS, query=s.ClientRequestsPage, returns=s.ClientEventRequests)
def my_event_requests(call, query: s.ClientRequestsPage):
    """Your event requests, newest first: open ones, one status, or all."""
    return event_requests.list_mine(call.who, status=query.status, service_id=query.service_id, cursor=query.cursor,
                                    limit=query.limit)


@api.route("/me/event-requests/{request_id}", roles=CLIENTS, returns=s.ClientEventRequest)
def my_event_request(call, request_id):
    """One of your event requests."""
    return event_requests.get_mine(call.who, request_id)


@api.route("/me/event-requests/{request_id}/withdraw", methods=["POST"], roles=CLIENTS,
           returns=s.ClientEventRequest)
def withdraw_event_request(call, request_id):
    """Withdraw your event request before it is confirmed."""
    return event_requests.withdraw(call.who, request_id)


@api.route("/me/event-requests/{request_id}/accept-proposal", methods=["POST"], roles=CLIENTS,
           returns=s.ClientEventRequest)
def accept_proposal(call, request_id):
    """Accept the time the worker proposed: the event is scheduled."""
    return event_requests.accept_proposal(call.who, request_id)


@api.route("/me/event-requests/{request_id}/decline-proposal", methods=["POST"], roles=CLIENTS,
           body=s.ProposalAnswer, returns=s.ClientEventRequest)
def decline_proposal(call, request_id, body: s.ProposalAnswer):
    """Decline the time the worker proposed (the request ends)."""
    return event_requests.decline_proposal(call.who, request_id, body.reason)


# -- event requests: staff ---------------------------------------------------------------------------------


@api.route("/event-requests", roles=STAFF, query=s.StaffRequestsPage, returns=s.StaffEventRequests)
def staff_event_requests(call, query: s.StaffRequestsPage):
    """Event requests by status (awaiting your response by default): a worker's own, or any worker's for admins."""
    return event_requests.list_for_staff(call.who, status=query.status, worker_id=query.worker_id, cursor=query.cursor,
                                         limit=query.limit)


@api.route("/event-requests/{request_id}", roles=STAFF, returns=s.StaffEventRequest)
def staff_event_request(call, request_id):
    """An event request addressed to you (any, for admins)."""
    return event_requests.get_for_staff(call.who, request_id)


@api.route("/event-requests/{request_id}/confirm", methods=["POST"], roles=STAFF, returns=s.StaffEventRequest)
def confirm_event_request(call, request_id):
    """Confirm an event request: the event is scheduled at the held time."""
    return event_requests.confirm(call.who, request_id)


@api.route("/event-requests/{request_id}/decline", methods=["POST"], roles=STAFF, body=s.Decline,
           returns=s.StaffEventRequest)
def decline_event_request(call, request_id, body: s.Decline):
    """Decline an event request, with a reason the client reads."""
    return event_requests.decline(call.who, request_id, body.reason)


@api.route("/event-requests/{request_id}/propose", methods=["POST"], roles=STAFF, body=s.Proposal,
           returns=s.StaffEventRequest, status=202)
def propose_time(call, request_id, body: s.Proposal):
    """Propose another time (answered 202: availability checks it is open before the client is asked)."""
    return 202, event_requests.propose(call.who, request_id, _epoch(body.start))


# -- events: staff -----------------------------------------------------------------------------------------


@api.route("/events", methods=["POST"], roles=STAFF, body=s.NewEvent, returns=s.StaffEvent, status=201)
def create_event(call, body: s.NewEvent):
    """Schedule an event with clients of a service (all its participants when none are named)."""
    return 201, events.create_event(
        call.who, service_id=body.service_id, worker_id=body.worker_id, client_ids=body.client_ids or [],
        start=_epoch(body.start), end=_epoch(body.end), video_session=bool(body.video_session),
        video_link=body.video_link, site_id=body.site_id,
    )


@api.route("/events", roles=STAFF, query=s.StaffCalendar, returns=s.StaffEvents)
def list_events(call, query: s.StaffCalendar):
    """A worker's events starting from `from` to `to` (at most 92 days), by start."""
    first, last = query.bounds(required=True)
    return events.list_events(call.who, worker_id=query.worker_id, start=first, end=last, cursor=query.cursor,
                              limit=query.limit)


@api.route("/events/{event_id}", roles=STAFF, returns=s.StaffEvent)
def get_event(call, event_id):
    """An event."""
    return events.get_event(call.who, event_id)


@api.route("/events/{event_id}/video-link", methods=["PUT"], roles=STAFF, body=s.VideoLinkChange,
           returns=s.StaffEvent)
def set_video_link(call, event_id, body: s.VideoLinkChange):
    """Add or change an event's video session link (its clients see it)."""
    return events.set_video_link(call.who, event_id, body.url)


@api.route("/events/{event_id}/attendance", methods=["POST"], roles=STAFF, body=s.Attendance, returns=s.StaffEvent)
def mark_attendance(call, event_id, body: s.Attendance):
    """Mark an event attended or a no-show once it has started, or cancelled (late)."""
    return events.mark_attendance(call.who, event_id, body.status, body.reason, bool(body.charge_late_fee))


@api.route("/events/{event_id}/reschedule", methods=["POST"], roles=STAFF, body=s.NewTime, returns=s.StaffEvent)
def reschedule_event(call, event_id, body: s.NewTime):
    """Move an event to a new time (it keeps its length unless an end is given)."""
    return events.reschedule(call.who, event_id, _epoch(body.start), _epoch(body.end) if body.end is not None else None)


@api.route("/events/{event_id}/cancel", methods=["POST"], roles=STAFF, body=s.Cancellation, returns=s.StaffEvent)
def cancel_event(call, event_id, body: s.Cancellation):
    """Cancel an event for everyone (a late-cancel fee only inside the cancellation window)."""
    return events.cancel(call.who, event_id, body.reason, bool(body.charge_late_fee))


# -- events: clients ---------------------------------------------------------------------------------------


@api.route("/me/events", roles=CLIENTS, query=s.ClientCalendar, returns=s.ClientEvents)
def my_events(call, query: s.ClientCalendar):
    """Your events from `from` to `to` (at most 92 days), or every event of one of your services, by start."""
    first, last = query.bounds(required=query.service_id is None)
    return events.my_events(call.who, first, last, query.service_id, cursor=query.cursor, limit=query.limit)


@api.route("/me/events/{event_id}", roles=CLIENTS, returns=s.ClientEvent)
def my_event(call, event_id):
    """One of your events."""
    return events.get_my_event(call.who, event_id)


@api.route("/me/events/{event_id}/confirm-attendance", methods=["POST"], roles=CLIENTS, returns=s.ClientEvent)
def confirm_attendance(call, event_id):
    """Say you will attend an upcoming event."""
    return events.confirm_attendance(call.who, event_id)


@api.route("/me/events/{event_id}/cancel", methods=["POST"], roles=CLIENTS, body=s.ClientCancellation,
           returns=s.ClientEvent)
def cancel_my_event(call, event_id, body: s.ClientCancellation):
    """Cancel your attendance: the event is cancelled, or you leave it when other clients attend too."""
    return events.client_cancel(call.who, event_id, body.reason)


# -- requests for a new service ---------------------------------------------------------------------------


@api.route("/me/service-requests", methods=["POST"], roles=CLIENTS, body=s.NewServiceRequest,
           returns=s.ServiceRequest, status=201, errors=(409,), idempotent=True)
def request_service(call, body: s.NewServiceRequest):
    """Ask the agency for a new service."""
    return new_service_requests.submit_service_request(call.who, name=body.name, message=body.message,
                                                       key=call.idempotency_key)


@api.route("/me/service-requests", roles=CLIENTS, query=s.MyServiceRequestsPage, returns=s.ServiceRequests)
def my_service_requests(call, query: s.MyServiceRequestsPage):
    """Your requests for a new service, newest first."""
    return new_service_requests.list_my_service_requests(call.who, cursor=query.cursor, limit=query.limit)


@api.route("/service-requests", roles=STAFF, query=s.ServiceRequestsPage, returns=s.ServiceRequests)
def service_requests(call, query: s.ServiceRequestsPage):
    """Clients' requests for a new service, pending ones by default."""
    return new_service_requests.list_service_requests(call.who, status=query.status, cursor=query.cursor,
                                                      limit=query.limit)


@api.route("/service-requests/{service_request_id}/approve", methods=["POST"], roles=STAFF, body=s.Approval,
           returns=s.ServiceRequest)
def approve_service_request(call, service_request_id, body: s.Approval):
    """Approve a request for a new service: its service file opens with the client."""
    open_date = body.open_date.isoformat() if body.open_date else None
    return new_service_requests.approve_service_request(call.who, service_request_id, name=body.name,
                                                        open_date=open_date, provider_ids=body.provider_ids or None)


@api.route("/service-requests/{service_request_id}/decline", methods=["POST"], roles=STAFF, body=s.Decline,
           returns=s.ServiceRequest)
def decline_service_request(call, service_request_id, body: s.Decline):
    """Decline a request for a new service, with a reason the client reads."""
    return new_service_requests.decline_service_request(call.who, service_request_id, body.reason)


# -- calendar feeds and "Add to calendar" ------------------------------------------------------------------

CALENDAR = "text/calendar; charset=utf-8"
FEED = Text("text/calendar", "The feed (RFC 5545, times in UTC).", (
    ("ETag", "The feed's version: send it back in If-None-Match to be answered 304 while it is unchanged."),
    ("Cache-Control", "private, no-cache: no shared cache keeps it, and apps ask again (a 304) before reusing it."),
))
FILE = Text("text/calendar", "One event as a calendar file (RFC 5545, times in UTC), to open or import.", (
    ("Content-Disposition", "attachment; filename=\"appointment.ics\""),
))


@api.route("/me/calendar-feed", roles=ANYONE, returns=s.CalendarFeed)
def my_calendar_feed(call):
    """Whether you share your events as a calendar subscription feed (its link is shown only when made)."""
    return calendar_feeds.feed_status(call.who)


@api.route("/me/calendar-feed", methods=["POST"], roles=ANYONE, returns=s.CalendarFeedLink, status=201)
def new_calendar_feed(call):
    """Get a private link to subscribe to your events from a calendar app; a link you had before stops working."""
    return 201, calendar_feeds.new_feed(call.who, calendar_feeds.public_origin(call.request.headers or {}))


@api.route("/me/calendar-feed", methods=["DELETE"], roles=ANYONE, status=204)
def stop_calendar_feed(call):
    """Stop sharing: your calendar link answers 404 from now on."""
    calendar_feeds.stop_feed(call.who)
    return 204, None


@api.route("/feeds/{feed}", public=True, returns=FEED, errors=(304, 429), secrets=("feed",),
           headers=(("If-None-Match", "The ETag of the feed last fetched: 304 while it is unchanged."),))
def calendar_feed(call, feed):
    """A calendar subscription feed: the person's events from 30 days back to the agency's horizon.

    No sign-in: the secret in the path is the credential (`<secret>.ics`, from `POST /requests/me/calendar-feed`).
    An unknown, replaced or turned-off secret answers 404; more fetches than the feed's limit per hour 429."""
    body = calendar_feeds.serve_feed(feed)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if _matches(call.header("If-None-Match"), etag):
        return Response(body="", status_code=304, headers=headers)
    return Response(body=body, status_code=200, headers={**headers, "Content-Type": CALENDAR})


def _matches(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match names this ETag (weak or strong) or any (`*`)."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


@api.route("/me/events/{event_id}/calendar-file", roles=ANYONE, returns=FILE)
def event_calendar_file(call, event_id):
    """Add to calendar: one of your events as a calendar file (its clients and its worker only)."""
    body = calendar_feeds.event_file(call.who, event_id)
    return Response(body=body, status_code=200, headers={
        "Content-Type": CALENDAR, "Content-Disposition": 'attachment; filename="appointment.ics"',
        "Cache-Control": "private, no-store"})
