"""Service files (providers and participants), My Services, and clients' requests for a new service."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from portalkit import clock, times
from portalkit.api import decode_cursor, encode_cursor, starting
from portalkit.errors import BadRequest, Conflict, Forbidden, NotFound, changed
from portalkit.idempotency import Idempotent
from portalkit.identity import ADMIN, CLIENT, STAFF, WORKER, Identity
from portalkit.store import Transaction, commit, new_id

from . import domain, timeline
from . import schemas as s
from .handlers import SERVICE, load_people, load_settings, zone_from_raw
from .models import (
    MEMBERSHIP,
    SCHEDULE,
    AgencyZoneItem,
    EventItem,
    Item,
    MembershipItem,
    PersonItem,
    ServiceItem,
    ServiceRequestItem,
    batch_get,
    client_pk,
    people_pk,
    person_sk,
    query_raw,
    services_pk,
)

# -- service files -------------------------------------------------------------------------------------


def load_service(agency_id: str, service_id: str) -> domain.ServiceFile:
    try:
        return ServiceItem.get(*ServiceItem.key(agency_id, service_id), consistent_read=True).to_domain()
    except DoesNotExist:
        raise NotFound(f"No service {service_id}.") from None


def check_people(agency_id: str, provider_ids: list[str], participant_ids: list[str]) -> None:
    """Providers are staff and participants clients of the agency's roster (one BatchGetItem)."""
    people = load_people(agency_id, [*provider_ids, *participant_ids])
    for name, ids, roles in (("provider_ids", provider_ids, STAFF), ("participant_ids", participant_ids, (CLIENT,))):
        for person_id in ids:
            person = people.get(person_id)
            if person is None or person.role not in roles:
                kind = "worker" if name == "provider_ids" else "client"
                raise BadRequest(name, f"{person_id} is not a {kind} of this agency.")


def _service_event(payload: type[s.ServiceState], agency_id: str, service: domain.ServiceFile,
                   client_id: str | None = None):
    return payload.of(service.event_data(client_id)).envelope(agency_id=agency_id, subject_id=service.service_id,
                                                              subject_version=service.version)


def _write_service(tx: Transaction, agency_id: str, old: domain.ServiceFile | None, new: domain.ServiceFile,
                   left: str | None = None, left_date: str | None = None) -> None:
    """The service file and every membership copy of it, conditional on the version read."""
    condition = ServiceItem.pk.does_not_exist() if old is None else ServiceItem.version == old.version
    tx.save(ServiceItem.of(agency_id, new), condition=condition)
    for client_id in new.participant_ids:
        tx.update(MembershipItem.at(agency_id, client_id, new.service_id),
                  actions=MembershipItem.service_actions(new, domain.ACTIVE, None))
    if left is not None:
        tx.update(MembershipItem.at(agency_id, left, new.service_id),
                  actions=MembershipItem.service_actions(new, domain.LEFT, left_date))


def open_service(who: Identity, name: str, open_date: str, provider_ids: list[str],
                 participant_ids: list[str]) -> dict:
    service = _new_service(who, name, open_date, provider_ids, participant_ids)

    def write(tx: Transaction) -> None:
        _write_service(tx, who.agency_id, None, service)
        timeline.publish(tx, _service_event(s.ServiceOpened, who.agency_id, service))

    commit(SERVICE, write, Conflict("The service id is taken; try again."))
    return service.view()


def _new_service(who: Identity, name: str, open_date: str, provider_ids: list[str],
                 participant_ids: list[str]) -> domain.ServiceFile:
    domain.check_people_lists(provider_ids, participant_ids)
    if who.role == WORKER and who.person_id not in provider_ids:
        raise BadRequest("provider_ids", "Workers open service files they provide: include yourself.")
    check_people(who.agency_id, provider_ids, participant_ids)
    return domain.ServiceFile(service_id=new_id(), name=name, open_date=open_date, provider_ids=tuple(provider_ids),
                              participant_ids=tuple(participant_ids))


def get_service(who: Identity, service_id: str) -> dict:
    return load_service(who.agency_id, service_id).view()


def list_services(who: Identity, status: str | None, worker_id: str | None, client_id: str | None,
                  cursor: str | None, limit: int) -> dict:
    conditions = []
    if status:
        conditions.append(ServiceItem.status == status)
    if worker_id:
        conditions.append(ServiceItem.provider_ids.contains(worker_id))
    if client_id:
        conditions.append(ServiceItem.participant_ids.contains(client_id))
    condition = None
    for c in conditions:
        condition = c if condition is None else condition & c
    pk = services_pk(who.agency_id)
    start_key = decode_cursor(cursor, {"pk": pk, "sk": starting("SERVICE#")})
    page = ServiceItem.query(pk, ServiceItem.sk.startswith("SERVICE#"), filter_condition=condition, limit=limit,
                             last_evaluated_key=start_key, consistent_read=True)
    services = [item.to_domain().view() for item in page]
    return {"services": services, "cursor": encode_cursor(page.last_evaluated_key)}


def add_participant(who: Identity, service_id: str, client_id: str) -> dict:
    service = load_service(who.agency_id, service_id)
    domain.may_act_on(who, service)
    _check_client(who.agency_id, client_id)
    updated = domain.add_participant(service, client_id)

    def write(tx: Transaction) -> None:
        _write_service(tx, who.agency_id, service, updated)
        timeline.publish(tx, _service_event(s.ServiceParticipantAdded, who.agency_id, updated, client_id))

    commit(SERVICE, write, changed("service"))
    return updated.view()


def _check_client(agency_id: str, client_id: str) -> None:
    person = load_people(agency_id, [client_id]).get(client_id)
    if person is None or person.role != CLIENT:
        raise BadRequest("client_id", f"{client_id} is not a client of this agency.")


def remove_participant(who: Identity, service_id: str, client_id: str) -> dict:
    service = load_service(who.agency_id, service_id)
    domain.may_act_on(who, service)
    updated = domain.remove_participant(service, client_id)

    def write(tx: Transaction) -> None:
        _write_service(tx, who.agency_id, service, updated, left=client_id, left_date=domain.today(clock.now()))
        timeline.publish(tx, _service_event(s.ServiceParticipantRemoved, who.agency_id, updated, client_id))

    commit(SERVICE, write, changed("service"))
    return updated.view()


def close_service(who: Identity, service_id: str, close_date: str | None) -> dict:
    service = load_service(who.agency_id, service_id)
    domain.may_act_on(who, service)
    updated = domain.close(service, close_date or domain.today(clock.now()))

    def write(tx: Transaction) -> None:
        _write_service(tx, who.agency_id, service, updated)
        timeline.publish(tx, _service_event(s.ServiceClosed, who.agency_id, updated))

    commit(SERVICE, write, changed("service"))
    return updated.view()


# -- My Services -----------------------------------------------------------------------------------------


def load_memberships(agency_id: str, client_id: str) -> list[domain.Membership]:
    """Every service the client takes or took part in: one Query."""
    items, start = [], None
    while True:
        page, start = query_raw(client_pk(agency_id, client_id), Item.sk.startswith(MEMBERSHIP), start_key=start)
        items += [MembershipItem.from_raw_data(raw).to_domain() for raw in page]
        if not start:
            return items


def my_services(who: Identity, status: str, service_id: str | None) -> dict:
    """Two DynamoDB calls however many services and events: the client's partition from now on, then the names
    and the agency's zone (for showing times on its clock) in one BatchGetItem."""
    since = SCHEDULE + times.iso(clock.now())
    memberships, upcoming, start = [], [], None
    while True:
        page, start = query_raw(client_pk(who.agency_id, who.person_id), Item.sk.between(since, MEMBERSHIP + "~"),
                                start_key=start)
        for raw in page:
            if raw["sk"]["S"].startswith(MEMBERSHIP):
                memberships.append(MembershipItem.from_raw_data(raw).to_domain())
            else:
                upcoming.append(EventItem.from_raw_data(raw).to_domain())
        if not start:
            break
    if service_id is not None and not any(m.service.service_id == service_id for m in memberships):
        raise NotFound(f"You take part in no service {service_id}.")
    shown = [m for m in memberships if (status == "all" or m.status == domain.OPEN)
             and service_id in (None, m.service.service_id)]
    people = {p for m in shown for p in (*m.service.participant_ids, *m.service.provider_ids)} - {who.person_id}
    zone_key = AgencyZoneItem.key(who.agency_id)
    found = batch_get([zone_key, *((people_pk(who.agency_id), person_sk(p)) for p in sorted(people))])
    names = {person.person_id: person.name for key, raw in found.items() if key != zone_key
             for person in (PersonItem.from_raw_data(raw).to_domain(),)}
    return {"services": domain.my_services(shown, upcoming, who.person_id, names, status, service_id),
            "timezone": zone_from_raw(found.get(zone_key))}


# -- requests for a new service ---------------------------------------------------------------------------


def _service_request_event(payload: type[s.ServiceRequestState], agency_id: str, request: domain.ServiceRequest):
    return payload.of(request.event_data()).envelope(agency_id=agency_id, subject_id=request.service_request_id,
                                                     subject_version=request.version)


def _write_service_request(tx: Transaction, agency_id: str, old: domain.ServiceRequest | None,
                           new: domain.ServiceRequest) -> None:
    condition = ServiceRequestItem.pk.does_not_exist() if old is None else ServiceRequestItem.version == old.version
    tx.save(ServiceRequestItem.of(agency_id, new), condition=condition)
    tx.save(ServiceRequestItem.client_copy(agency_id, new))


def submit_service_request(who: Identity, name: str, message: str | None, key: str | None) -> tuple[int, dict]:
    settings = load_settings(who.agency_id)
    if not settings.service_requests_enabled:
        raise Conflict("This agency does not take requests for new services.", code="service_requests_disabled")
    request = domain.ServiceRequest(service_request_id=new_id(), client_id=who.person_id, name=name,
                                    message=message, created_at=times.iso(clock.now()))

    def write(tx: Transaction) -> tuple[int, dict]:
        _write_service_request(tx, who.agency_id, None, request)
        tx.publish(_service_request_event(s.ServiceRequestSubmitted, who.agency_id, request))
        return 201, request.view()

    return Idempotent(SERVICE, who, "service-request", key, {"name": name, "message": message}).run(write)


def list_my_service_requests(who: Identity, cursor: str | None, limit: int) -> dict:
    pk = client_pk(who.agency_id, who.person_id)
    page, last = query_raw(pk, Item.sk.startswith("ASK#"), limit=limit,
                           start_key=decode_cursor(cursor, {"pk": pk, "sk": starting("ASK#")}), forward=False)
    requests = [ServiceRequestItem.from_raw_data(raw).to_domain().view() for raw in page]
    return {"service_requests": requests, "cursor": encode_cursor(last)}


def list_service_requests(who: Identity, status: str, cursor: str | None, limit: int) -> dict:
    index_pk = ServiceRequestItem.index_pk(who.agency_id)
    start_key = decode_cursor(cursor, {"pk": None, "sk": None, "gsi1pk": index_pk, "gsi1sk": starting(f"{status}#")})
    page = ServiceRequestItem.by_status.query(index_pk, ServiceRequestItem.gsi1sk.startswith(f"{status}#"),
                                              limit=limit, last_evaluated_key=start_key)
    requests = [item.to_domain().view() for item in page]
    return {"service_requests": requests, "cursor": encode_cursor(page.last_evaluated_key)}


def load_service_request(agency_id: str, service_request_id: str) -> domain.ServiceRequest:
    try:
        item = ServiceRequestItem.get(*ServiceRequestItem.key(agency_id, service_request_id), consistent_read=True)
    except DoesNotExist:
        raise NotFound(f"No request {service_request_id}.") from None
    return item.to_domain()


def approve_service_request(who: Identity, service_request_id: str, name: str | None, open_date: str | None,
                            provider_ids: list[str] | None) -> dict:
    """Open a service file with the client in it, and mark the request approved, in one transaction."""
    request = load_service_request(who.agency_id, service_request_id)
    domain.check_undecided(request)
    if provider_ids is None:
        if who.role == ADMIN:
            raise BadRequest("provider_ids", "provider_ids is required.", code="missing_field")
        provider_ids = [who.person_id]
    service = _new_service(who, name or request.name, open_date or domain.today(clock.now()), provider_ids,
                           [request.client_id])
    decided = domain.decide_service_request(request, domain.APPROVED, who, clock.now(), service_id=service.service_id)

    def write(tx: Transaction) -> None:
        _write_service(tx, who.agency_id, None, service)
        _write_service_request(tx, who.agency_id, request, decided)
        timeline.publish(tx, _service_event(s.ServiceOpened, who.agency_id, service))
        tx.publish(_service_request_event(s.ServiceRequestApproved, who.agency_id, decided))

    commit(SERVICE, write, changed("request"))
    return decided.view()


def decline_service_request(who: Identity, service_request_id: str, reason: str) -> dict:
    request = load_service_request(who.agency_id, service_request_id)
    decided = domain.decide_service_request(request, domain.DECLINED, who, clock.now(), reason=reason)

    def write(tx: Transaction) -> None:
        _write_service_request(tx, who.agency_id, request, decided)
        tx.publish(_service_request_event(s.ServiceRequestDeclined, who.agency_id, decided))

    commit(SERVICE, write, changed("request"))
    return decided.view()


def client_services(who: Identity, worker_id: str) -> list[domain.ServiceFile]:
    """The open services in which the client takes part and the worker provides (one Query)."""
    if who.role != CLIENT:
        raise Forbidden("Only clients request events.")
    return [m.service for m in load_memberships(who.agency_id, who.person_id)
            if m.status == domain.OPEN and worker_id in m.service.provider_ids]
