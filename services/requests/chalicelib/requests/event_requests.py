"""Event requests: what clients and workers do with them, and availability's answers (the saga's requests side).

Every transition is a write conditional on the request's version, with its message, in one transaction: of two
racing transitions (two confirmations, a confirmation and a withdrawal) exactly one lands and the other is
answered 409. Availability's answers are applied only while they still fit the request (its status, and the
time it asked for), so a repeated, late or reordered answer changes nothing.
"""

from __future__ import annotations

import logging

from portalkit import clock, times
from portalkit.api import decode_cursor, encode_cursor, starting
from portalkit.envelope import Envelope
from portalkit.errors import changed
from portalkit.idempotency import Idempotent
from portalkit.identity import CLIENT, WORKER, Identity
from portalkit.store import Transaction, TransactionCancelled, commit, failed_conditions, new_id

from . import domain, events, models, service_files, timeline
from . import schemas as s
from .agency_settings import load_settings, settings_of
from .agency_zone import scheduling_of, zone_of
from .models import SERVICE, AgencyZoneItem, OpenRequestsItem, RequestItem, ServiceItem, SettingsItem, client_pk

log = logging.getLogger(__name__)


def _message(payload: type[s.EventRequestState], agency_id: str, request: domain.EventRequest,
             cause: Envelope | None = None, **overrides):
    return payload.of(request.event_data(**overrides)).envelope(
        agency_id=agency_id, subject_id=request.request_id, subject_version=request.version, cause=cause)


def _write(tx: Transaction, agency_id: str, old: domain.EventRequest, new: domain.EventRequest) -> None:
    """The request and the client's copy, on condition of the version read; an ended request frees its place."""
    tx.save(RequestItem.of(agency_id, new), condition=RequestItem.version == old.version)
    tx.save(RequestItem.client_copy(agency_id, new))
    if old.is_open and not new.is_open:
        tx.update(OpenRequestsItem.at(agency_id, new.client_id), actions=[OpenRequestsItem.open_count.add(-1)])


def _transition(who: Identity, old: domain.EventRequest, new: domain.EventRequest, *messages: Envelope) -> dict:
    """Write the change with its messages; the answer is the request as the caller sees it."""
    def write(tx: Transaction) -> None:
        _write(tx, who.agency_id, old, new)
        for message in messages:
            timeline.publish(tx, message)

    commit(SERVICE, write, changed("request"))
    return new.view(for_client=who.role == CLIENT)


# -- clients ---------------------------------------------------------------------------------------------


def submit(who: Identity, service_id: str | None, worker_id: str, start: int, attendee_ids: list[str],
           video_session: bool, message: str | None, key: str | None) -> tuple[int, dict]:
    """Store the request as pending and ask availability to hold the time: one BatchGetItem, one transaction."""
    moment = clock.now()
    if service_id is None:
        service_id = domain.only_service(service_files.client_services(who, worker_id))
    settings_item, service_item, zone = models.read((SettingsItem, SettingsItem.key(who.agency_id)),
                                                    (ServiceItem, ServiceItem.key(who.agency_id, service_id)),
                                                    (AgencyZoneItem, AgencyZoneItem.key(who.agency_id)))
    settings = settings_of(settings_item)
    if service_item is None:
        raise domain.NoOpenService("service_id", "You take part in no open service with this id.")
    service = service_item.to_domain()
    domain.check_submission(settings, service, who.person_id, worker_id, start, attendee_ids, video_session,
                            message, moment)
    request = domain.EventRequest(
        request_id=new_id(), service_id=service_id, client_id=who.person_id, worker_id=worker_id,
        start=times.iso(start), requested_start=times.iso(start), created_at=times.iso(moment),
        updated_at=times.iso(moment), attendee_ids=tuple(attendee_ids), video_session=video_session,
        message=message, local_start=domain.local_time(start, zone_of(zone)),  # the site's, once held
    )
    counter = OpenRequestsItem.at(who.agency_id, who.person_id)

    def write(tx: Transaction) -> tuple[int, dict]:
        tx.save(RequestItem.of(who.agency_id, request), condition=RequestItem.pk.does_not_exist())
        tx.save(RequestItem.client_copy(who.agency_id, request))
        # The limit holds under concurrency: the count and the condition on it are one item, in this transaction.
        tx.update(counter, actions=[OpenRequestsItem.open_count.add(1)],
                  condition=OpenRequestsItem.open_count.does_not_exist()
                  | (OpenRequestsItem.open_count < settings.max_open_requests))
        timeline.publish(tx, _message(s.EventRequestSubmitted, who.agency_id, request))
        return 202, request.view(for_client=True)

    body = {"service_id": service_id, "worker_id": worker_id, "start": times.iso(start),
            "attendee_ids": attendee_ids, "video_session": video_session, "message": message}
    try:
        return Idempotent(SERVICE, who, "event-request", key, body).run(write)
    except TransactionCancelled as error:
        if any(failed_conditions(error)):
            raise domain.TooManyOpenRequests(f"You have {settings.max_open_requests} open requests; wait for an "
                                             "answer or withdraw one.") from None
        raise


def load_mine(who: Identity, request_id: str) -> domain.EventRequest:
    """The client's own request; another's answers 404 like a missing one."""
    return domain.client_reach(who, models.load_request(who.agency_id, request_id), request_id)


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
    return _transition(who, request, withdrawn, _message(s.EventRequestWithdrawn, who.agency_id, withdrawn))


def accept_proposal(who: Identity, request_id: str) -> dict:
    return _confirm(who, load_mine(who, request_id), CLIENT)


def decline_proposal(who: Identity, request_id: str, reason: str | None) -> dict:
    request = load_mine(who, request_id)
    declined = domain.decline(request, reason or "The client declined the proposed time.", CLIENT, clock.now())
    return _transition(who, request, declined, _message(s.EventRequestDeclined, who.agency_id, declined))


# -- workers and admins -----------------------------------------------------------------------------------


def load_for_staff(who: Identity, request_id: str) -> domain.EventRequest:
    """A request as staff reach it: the worker it is addressed to, or an admin."""
    return domain.staff_reach(who, models.load_request(who.agency_id, request_id), request_id)


def get_for_staff(who: Identity, request_id: str) -> dict:
    return load_for_staff(who, request_id).view()


def list_for_staff(who: Identity, status: str, worker_id: str | None, cursor: str | None, limit: int) -> dict:
    """Requests by status (awaiting a response, by default), of the calling worker or, for admins, of any."""
    worker_id = domain.requests_worker(who, worker_id)
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
    return _transition(who, request, declined, _message(s.EventRequestDeclined, who.agency_id, declined))


def propose(who: Identity, request_id: str, start: int) -> dict:
    """Ask availability to hold another time (answered 202: it is being checked); the old hold stays until then.

    What requests can tell itself is refused at once, naming `start`: the agency's notice and horizon (as availability
    last published them) and the worker's own scheduled events. If availability cannot hold it, the request shows
    the failed proposal and why (`proposal`) until its next change.
    """
    item, zone = models.read((RequestItem, RequestItem.key(who.agency_id, request_id)),
                             (AgencyZoneItem, AgencyZoneItem.key(who.agency_id)))
    request = domain.staff_reach(who, item.to_domain() if item else None, request_id)
    scheduling = scheduling_of(zone)
    proposed = domain.propose(request, start, clock.now(), scheduling)
    end = domain.proposal_end(request, start, scheduling)
    domain.check_worker_free(start, end, events.worker_events(who.agency_id, request.worker_id, start, end))
    message = _message(s.EventRequestProposed, who.agency_id, proposed, start=proposed.proposed_start,
                       held_start=proposed.start)
    return _transition(who, request, proposed, message)


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
        events.write_event(tx, who.agency_id, None, event)
        timeline.publish(tx, _message(s.EventRequestConfirmed, who.agency_id, confirmed))
        timeline.publish(tx, events.event_message(s.EventScheduled, who.agency_id, event))

    commit(SERVICE, write, changed("request"))
    return confirmed.view(for_client=who.role == CLIENT)


# -- availability's answers ------------------------------------------------------------------------------


def _apply(message: Envelope, tx: Transaction, decide) -> domain.EventRequest | None:
    """Load the request the answer is about, decide, and add the write; None when the answer is stale or about a
    request this agency does not have (logged and acknowledged: retrying cannot make it apply)."""
    request_id = message.data["request_id"]
    request = models.load_request(message.agency_id, request_id) if domain.is_our_id(request_id) else None
    if request is None:
        log.warning("%s about unknown request %.128r; acknowledged", message.event_type, request_id)
        return None
    new = decide(request)
    if new is not None:
        _write(tx, message.agency_id, request, new)
    return new


def on_held(message: Envelope, tx: Transaction) -> None:
    """availability.slot.held: the worker is asked (awaiting_response), or the proposal is offered to the client."""
    request = _apply(message, tx, lambda r: domain.held(r, message.data, clock.now()))
    if request is None:
        return
    if request.status == domain.DECLINED:  # its times cannot be used: availability gives the time back
        log.warning("unusable hold for request %s: %s", request.request_id, message.data)
        timeline.publish(tx, _message(s.EventRequestDeclined, message.agency_id, request, cause=message))
        return
    payload = s.EventRequestProposalOffered if message.data.get("proposal") else s.EventRequestHeld
    timeline.publish(tx, _message(payload, message.agency_id, request, cause=message))


def on_unavailable(message: Envelope, tx: Transaction) -> None:
    """availability.slot.unavailable: an event's time (see events.on_unbookable), a request's time, or a proposal."""
    data = message.data
    if data.get("event_id"):
        events.on_unbookable(message, tx)
        return
    if not data.get("request_id"):
        return
    request = _apply(message, tx, lambda r: domain.unavailable(r, data, clock.now()))
    if request is None:
        return
    if data.get("proposal"):
        timeline.publish(tx, _message(s.EventRequestProposalFailed, message.agency_id, request, cause=message,
                                      start=data["start"], reason=data["reason"],
                                      reason_text=domain.reason_text(data["reason"]), held_start=request.start))
    else:
        timeline.publish(tx, _message(s.EventRequestDeclined, message.agency_id, request, cause=message))


def on_released(message: Envelope, tx: Transaction) -> None:
    """availability.slot.released: only an expired hold ends a request (the other releases follow our own messages)."""
    data = message.data
    if data.get("reason") != "expired" or not data.get("request_id"):
        return
    request = _apply(message, tx, lambda r: domain.hold_expired(r, data["start"], clock.now()))
    if request is not None:
        timeline.publish(tx, _message(s.EventRequestExpired, message.agency_id, request, cause=message))
