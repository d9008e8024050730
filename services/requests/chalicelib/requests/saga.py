"""Event requests: what clients and workers do with them, and availability's answers (the saga's requests side).

Every transition is a write conditional on the request's version, with its event, in one transaction: of two
racing transitions (two confirmations, a confirmation and a withdrawal) exactly one lands and the other is
answered 409. Availability's answers are applied only while they still fit the request (its status, and the
time it asked for), so a repeated, late or reordered answer changes nothing.
"""

from __future__ import annotations

import logging

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portalkit import clock, times
from portalkit.api import decode_cursor, encode_cursor, starting
from portalkit.envelope import Envelope
from portalkit.errors import BadRequest, Conflict, Forbidden, NotFound, changed
from portalkit.idempotency import Idempotent
from portalkit.identity import CLIENT, WORKER, Identity
from portalkit.store import Transaction, commit, failed_conditions, new_id

from . import appointments, domain, files, timeline
from . import schemas as s
from .handlers import (
    SERVICE,
    load_settings,
    local_time,
    scheduling_from_raw,
    settings_from_raw,
    zone_from_raw,
)
from .models import AgencyZoneItem, OpenRequestsItem, RequestItem, ServiceItem, SettingsItem, batch_get, client_pk

log = logging.getLogger(__name__)


def _event(payload: type[s.EventRequestState], agency_id: str, request: domain.EventRequest,
           cause: Envelope | None = None, **overrides):
    return payload.of(request.event_data(**overrides)).envelope(
        agency_id=agency_id, subject_id=request.request_id, subject_version=request.version, cause=cause)


def _write(tx: Transaction, agency_id: str, old: domain.EventRequest, new: domain.EventRequest) -> None:
    """The request and the client's copy, on condition of the version read; an ended request frees its place."""
    tx.save(RequestItem.of(agency_id, new), condition=RequestItem.version == old.version)
    tx.save(RequestItem.client_copy(agency_id, new))
    if old.is_open and not new.is_open:
        tx.update(OpenRequestsItem.at(agency_id, new.client_id), actions=[OpenRequestsItem.open_count.add(-1)])


def _load(agency_id: str, request_id: str) -> domain.EventRequest | None:
    try:
        return RequestItem.get(*RequestItem.key(agency_id, request_id), consistent_read=True).to_domain()
    except DoesNotExist:
        return None


def _transition(who: Identity, old: domain.EventRequest, new: domain.EventRequest, *events) -> dict:
    """Write the change with its events; the answer is the request as the caller sees it."""
    def write(tx: Transaction) -> None:
        _write(tx, who.agency_id, old, new)
        for event in events:
            timeline.publish(tx, event)

    commit(SERVICE, write, changed("request"))
    return new.view(for_client=who.role == CLIENT)


# -- clients ---------------------------------------------------------------------------------------------


def submit(who: Identity, service_id: str | None, worker_id: str, start: int, attendee_ids: list[str],
           video_session: bool, message: str | None, key: str | None) -> tuple[int, dict]:
    """Store the request as pending and ask availability to hold the time: one BatchGetItem, one transaction."""
    moment = clock.now()
    if service_id is None:
        candidates = files.client_services(who, worker_id)
        if not candidates:
            raise BadRequest("worker_id", "This worker provides none of your open services.")
        if len(candidates) > 1:
            raise BadRequest("service_id", "service_id is required: choose the service this event is for.",
                             code="missing_field")
        service_id = candidates[0].service_id
    settings_key, service_key = SettingsItem.key(who.agency_id), ServiceItem.key(who.agency_id, service_id)
    zone_key = AgencyZoneItem.key(who.agency_id)
    found = batch_get([settings_key, service_key, zone_key])
    settings = settings_from_raw(found.get(settings_key))
    if service_key not in found:
        raise BadRequest("service_id", "You take part in no open service with this id.")
    service = ServiceItem.from_raw_data(found[service_key]).to_domain()
    domain.check_submission(settings, service, who.person_id, worker_id, start, attendee_ids, video_session,
                            message, moment)
    request = domain.EventRequest(
        request_id=new_id(), service_id=service_id, client_id=who.person_id, worker_id=worker_id,
        start=times.iso(start), requested_start=times.iso(start), created_at=times.iso(moment),
        updated_at=times.iso(moment), attendee_ids=tuple(attendee_ids), video_session=video_session,
        message=message, local_start=local_time(start, zone_from_raw(found.get(zone_key))),  # the site's, once held
    )
    counter = OpenRequestsItem.at(who.agency_id, who.person_id)

    def write(tx: Transaction) -> tuple[int, dict]:
        tx.save(RequestItem.of(who.agency_id, request), condition=RequestItem.pk.does_not_exist())
        tx.save(RequestItem.client_copy(who.agency_id, request))
        # The limit holds under concurrency: the count and the condition on it are one item, in this transaction.
        tx.update(counter, actions=[OpenRequestsItem.open_count.add(1)],
                  condition=OpenRequestsItem.open_count.does_not_exist()
                  | (OpenRequestsItem.open_count < settings.max_open_requests))
        timeline.publish(tx, _event(s.EventRequestSubmitted, who.agency_id, request))
        return 202, request.view(for_client=True)

    body = {"service_id": service_id, "worker_id": worker_id, "start": times.iso(start),
            "attendee_ids": attendee_ids, "video_session": video_session, "message": message}
    try:
        return Idempotent(SERVICE, who, "event-request", key, body).run(write)
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            raise Conflict(f"You have {settings.max_open_requests} open requests; wait for an answer or withdraw "
                           "one.", code="too_many_open_requests") from None
        raise


def load_mine(who: Identity, request_id: str) -> domain.EventRequest:
    """The client's own request; another's answers 404 like a missing one."""
    request = _load(who.agency_id, request_id)
    if request is None or request.client_id != who.person_id:
        raise NotFound(f"No request {request_id}.")
    return request


def get_mine(who: Identity, request_id: str) -> dict:
    return load_mine(who, request_id).view(for_client=True)


def list_mine(who: Identity, status: str, service_id: str | None, cursor: str | None, limit: int) -> dict:
    """The client's requests, newest first (one Query of their partition)."""
    condition = None
    if status == "open":
        condition = RequestItem.status.is_in(*domain.OPEN_STATUSES)
    elif status != "all":
        condition = RequestItem.status == status
    if service_id:
        by_service = RequestItem.service_id == service_id
        condition = by_service if condition is None else condition & by_service
    pk = client_pk(who.agency_id, who.person_id)
    page = RequestItem.query(pk, RequestItem.sk.startswith("REQUEST#"), filter_condition=condition,
                             scan_index_forward=False, limit=limit, consistent_read=True,
                             last_evaluated_key=decode_cursor(cursor, {"pk": pk, "sk": starting("REQUEST#")}))
    requests = [item.to_domain().view(for_client=True) for item in page]
    return {"event_requests": requests, "cursor": encode_cursor(page.last_evaluated_key)}


def withdraw(who: Identity, request_id: str) -> dict:
    request = load_mine(who, request_id)
    withdrawn = domain.withdraw(request, clock.now())
    return _transition(who, request, withdrawn, _event(s.EventRequestWithdrawn, who.agency_id, withdrawn))


def accept_proposal(who: Identity, request_id: str) -> dict:
    return _confirm(who, load_mine(who, request_id), CLIENT)


def decline_proposal(who: Identity, request_id: str, reason: str | None) -> dict:
    request = load_mine(who, request_id)
    declined = domain.decline(request, reason or "The client declined the proposed time.", CLIENT, clock.now())
    return _transition(who, request, declined, _event(s.EventRequestDeclined, who.agency_id, declined))


# -- workers and admins -----------------------------------------------------------------------------------


def load_for_staff(who: Identity, request_id: str) -> domain.EventRequest:
    """A request as staff reach it: the worker it is addressed to, or an admin."""
    return _staff_reach(who, _load(who.agency_id, request_id), request_id)


def _staff_reach(who: Identity, request: domain.EventRequest | None, request_id: str) -> domain.EventRequest:
    if request is None:
        raise NotFound(f"No request {request_id}.")
    if who.role == WORKER and request.worker_id != who.person_id:
        raise Forbidden("This request is addressed to another worker.")
    return request


def get_for_staff(who: Identity, request_id: str) -> dict:
    return load_for_staff(who, request_id).view()


def list_for_staff(who: Identity, status: str, worker_id: str | None, cursor: str | None, limit: int) -> dict:
    """Requests by status (awaiting a response, by default), of the calling worker or, for admins, of any."""
    if who.role == WORKER:
        if worker_id not in (None, who.person_id):
            raise Forbidden("Workers see the requests addressed to them.")
        worker_id = who.person_id
    index_pk, prefix = RequestItem.index_pk(who.agency_id), RequestItem.index_prefix(status, worker_id)
    start_key = decode_cursor(cursor, {"pk": None, "sk": None, "gsi1pk": index_pk, "gsi1sk": starting(prefix)})
    page = RequestItem.by_status.query(index_pk, RequestItem.gsi1sk.startswith(prefix), limit=limit,
                                       last_evaluated_key=start_key)
    requests = [item.to_domain().view() for item in page]
    return {"event_requests": requests, "cursor": encode_cursor(page.last_evaluated_key)}


def confirm(who: Identity, request_id: str) -> dict:
    return _confirm(who, load_for_staff(who, request_id), WORKER)


def decline(who: Identity, request_id: str, reason: str) -> dict:
    request = load_for_staff(who, request_id)
    declined = domain.decline(request, reason, WORKER, clock.now())
    return _transition(who, request, declined, _event(s.EventRequestDeclined, who.agency_id, declined))


def propose(who: Identity, request_id: str, start: int) -> dict:
    """Ask availability to hold another time (answered 202: it is being checked); the old hold stays until then.

    What requests can tell itself is refused at once, naming `start`: the agency's notice and horizon (as availability
    last published them) and the worker's own scheduled events. If availability cannot hold it, the request shows
    the failed proposal and why (`proposal`) until its next change.
    """
    request_key, zone_key = RequestItem.key(who.agency_id, request_id), AgencyZoneItem.key(who.agency_id)
    found = batch_get([request_key, zone_key])
    raw = found.get(request_key)
    request = _staff_reach(who, RequestItem.from_raw_data(raw).to_domain() if raw else None, request_id)
    scheduling = scheduling_from_raw(found.get(zone_key))
    proposed = domain.propose(request, start, clock.now(), scheduling)
    end = domain.proposal_end(request, start, scheduling)
    domain.check_worker_free(start, end, appointments.worker_events(who.agency_id, request.worker_id, start, end))
    event = _event(s.EventRequestProposed, who.agency_id, proposed, start=proposed.proposed_start,
                   held_start=proposed.start)
    return _transition(who, request, proposed, event)


def _confirm(who: Identity, request: domain.EventRequest, by: str) -> dict:
    """The request becomes a scheduled event in the same transaction (availability books it from the confirmation);
    one asking for a video session only while the agency offers them."""
    moment = clock.now()
    confirmed = domain.confirm(request, new_id(), by, moment)
    if confirmed.video_session:
        domain.check_video_confirmable(load_settings(who.agency_id), by)
    event = domain.Event(
        event_id=confirmed.event_id, service_id=confirmed.service_id, worker_id=confirmed.worker_id,
        client_ids=(confirmed.client_id, *confirmed.attendee_ids), start=confirmed.start, end=confirmed.end,
        created_at=times.iso(moment), updated_at=times.iso(moment), created_by=who.person_id,
        request_id=confirmed.request_id, request_created_at=confirmed.created_at, requested_by=confirmed.client_id,
        local_start=confirmed.local_start, site_id=confirmed.site_id, video_session=confirmed.video_session,
    )

    def write(tx: Transaction) -> None:
        _write(tx, who.agency_id, request, confirmed)
        appointments.write_event(tx, who.agency_id, None, event)
        timeline.publish(tx, _event(s.EventRequestConfirmed, who.agency_id, confirmed))
        timeline.publish(tx, appointments.event_event(s.EventScheduled, who.agency_id, event))

    commit(SERVICE, write, changed("request"))
    return confirmed.view(for_client=who.role == CLIENT)


# -- availability's answers ------------------------------------------------------------------------------


def _apply(event: Envelope, tx: Transaction, decide) -> domain.EventRequest | None:
    """Load the request the answer is about, decide, and add the write; None when the answer is stale or about a
    request this agency does not have (logged and acknowledged: retrying cannot make it apply)."""
    request_id = event.data["request_id"]
    request = _load(event.agency_id, request_id) if domain.is_our_id(request_id) else None
    if request is None:
        log.warning("%s about unknown request %.128r; acknowledged", event.event_type, request_id)
        return None
    new = decide(request)
    if new is not None:
        _write(tx, event.agency_id, request, new)
    return new


def on_held(event: Envelope, tx: Transaction) -> None:
    """availability.slot.held: the worker is asked (awaiting_response), or the proposal is offered to the client."""
    request = _apply(event, tx, lambda r: domain.held(r, event.data, clock.now()))
    if request is None:
        return
    if request.status == domain.DECLINED:  # its times cannot be used: availability gives the time back
        log.warning("unusable hold for request %s: %s", request.request_id, event.data)
        timeline.publish(tx, _event(s.EventRequestDeclined, event.agency_id, request, cause=event))
        return
    payload = s.EventRequestProposalOffered if event.data.get("proposal") else s.EventRequestHeld
    timeline.publish(tx, _event(payload, event.agency_id, request, cause=event))


def on_unavailable(event: Envelope, tx: Transaction) -> None:
    """availability.slot.unavailable: an event's time (see appointments), a request's time, or a proposal."""
    data = event.data
    if data.get("event_id"):
        appointments.on_unbookable(event, tx)
        return
    if not data.get("request_id"):
        return
    request = _apply(event, tx, lambda r: domain.unavailable(r, data, clock.now()))
    if request is None:
        return
    if data.get("proposal"):
        timeline.publish(tx, _event(s.EventRequestProposalFailed, event.agency_id, request, cause=event,
                                    start=data["start"], reason=data["reason"],
                                    reason_text=domain.reason_text(data["reason"]), held_start=request.start))
    else:
        timeline.publish(tx, _event(s.EventRequestDeclined, event.agency_id, request, cause=event))


def on_released(event: Envelope, tx: Transaction) -> None:
    """availability.slot.released: only an expired hold ends a request (the other releases follow our own events)."""
    data = event.data
    if data.get("reason") != "expired" or not data.get("request_id"):
        return
    request = _apply(event, tx, lambda r: domain.hold_expired(r, data["start"], clock.now()))
    if request is not None:
        timeline.publish(tx, _event(s.EventRequestExpired, event.agency_id, request, cause=event))
