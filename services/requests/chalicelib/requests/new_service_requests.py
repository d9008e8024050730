"""Clients' requests for a new service: submitted by a client, approved (a service file opens with the client in
it, in the same transaction) or declined by staff."""

from __future__ import annotations

from portalkit import clock, times
from portalkit.api import decode_cursor, encode_cursor, starting
from portalkit.errors import changed
from portalkit.idempotency import Idempotent
from portalkit.identity import Identity
from portalkit.store import Transaction, commit, new_id

from . import domain, models, service_files, timeline
from . import schemas as s
from .agency_settings import load_settings
from .models import SERVICE, Item, ServiceRequestItem, client_pk


def _message(payload: type[s.ServiceRequestState], agency_id: str, request: domain.ServiceRequest):
    return payload.of(request.event_data()).envelope(agency_id=agency_id, subject_id=request.service_request_id,
                                                     subject_version=request.version)


def _write(tx: Transaction, agency_id: str, old: domain.ServiceRequest | None, new: domain.ServiceRequest) -> None:
    condition = ServiceRequestItem.pk.does_not_exist() if old is None else ServiceRequestItem.version == old.version
    tx.save(ServiceRequestItem.of(agency_id, new), condition=condition)
    tx.save(ServiceRequestItem.client_copy(agency_id, new))


def submit_service_request(who: Identity, name: str, message: str | None, key: str | None) -> tuple[int, dict]:
    domain.check_service_requests(load_settings(who.agency_id))
    request = domain.ServiceRequest(service_request_id=new_id(), client_id=who.person_id, name=name,
                                    message=message, created_at=times.iso(clock.now()))

    def write(tx: Transaction) -> tuple[int, dict]:
        _write(tx, who.agency_id, None, request)
        tx.publish(_message(s.ServiceRequestSubmitted, who.agency_id, request))
        return 201, request.view()

    return Idempotent(SERVICE, who, "service-request", key, {"name": name, "message": message}).run(write)


def list_my_service_requests(who: Identity, cursor: str | None, limit: int) -> dict:
    pk = client_pk(who.agency_id, who.person_id)
    requests, last = models.query_page(ServiceRequestItem, pk, Item.sk.startswith("ASK#"), limit=limit,
                                       start_key=decode_cursor(cursor, {"pk": pk, "sk": starting("ASK#")}),
                                       forward=False)
    return {"service_requests": [request.view() for request in requests], "cursor": encode_cursor(last)}


def list_service_requests(who: Identity, status: str, cursor: str | None, limit: int) -> dict:
    index_pk = ServiceRequestItem.index_pk(who.agency_id)
    start_key = decode_cursor(cursor, {"pk": None, "sk": None, "gsi1pk": index_pk, "gsi1sk": starting(f"{status}#")})
    page = ServiceRequestItem.by_status.query(index_pk, ServiceRequestItem.gsi1sk.startswith(f"{status}#"),
                                              limit=limit, last_evaluated_key=start_key)
    requests = [item.to_domain().view() for item in page]
    return {"service_requests": requests, "cursor": encode_cursor(page.last_evaluated_key)}


def load_service_request(agency_id: str, service_request_id: str) -> domain.ServiceRequest:
    request = models.load_service_request(agency_id, service_request_id)
    if request is None:
        raise domain.RequestNotFound(f"No request {service_request_id}.")
    return request


def approve_service_request(who: Identity, service_request_id: str, name: str | None, open_date: str | None,
                            provider_ids: list[str] | None) -> dict:
    """Open a service file with the client in it, and mark the request approved, in one transaction."""
    request = load_service_request(who.agency_id, service_request_id)
    domain.check_undecided(request)
    provider_ids = domain.approval_providers(who, provider_ids)
    service = service_files.new_service(who, name or request.name, open_date or domain.today(clock.now()),
                                        provider_ids, [request.client_id])
    decided = domain.decide_service_request(request, domain.APPROVED, who, clock.now(), service_id=service.service_id)

    def write(tx: Transaction) -> None:
        service_files.write_service(tx, who.agency_id, None, service)
        _write(tx, who.agency_id, request, decided)
        timeline.publish(tx, service_files.service_message(s.ServiceOpened, who.agency_id, service))
        tx.publish(_message(s.ServiceRequestApproved, who.agency_id, decided))

    commit(SERVICE, write, changed("request"))
    return decided.view()


def decline_service_request(who: Identity, service_request_id: str, reason: str) -> dict:
    request = load_service_request(who.agency_id, service_request_id)
    decided = domain.decide_service_request(request, domain.DECLINED, who, clock.now(), reason=reason)

    def write(tx: Transaction) -> None:
        _write(tx, who.agency_id, request, decided)
        tx.publish(_message(s.ServiceRequestDeclined, who.agency_id, decided))

    commit(SERVICE, write, changed("request"))
    return decided.view()
