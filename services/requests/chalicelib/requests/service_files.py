"""Service files (providers and participants) and My Services: a client's services as they see them.

A service file is one item; each participant holds a membership copy of it in their partition (My Services reads
those), written in the same transaction as the file, conditional on its version.
"""

from __future__ import annotations

from portalkit import clock, times
from portalkit.api import decode_cursor, encode_cursor, starting
from portalkit.errors import changed
from portalkit.identity import CLIENT, Identity
from portalkit.store import Transaction, commit, new_id

from . import agency_zone, domain, models, timeline
from . import schemas as s
from .models import (
    MEMBERSHIP,
    SERVICE,
    AgencyZoneItem,
    Item,
    MembershipItem,
    PersonItem,
    ServiceItem,
    client_pk,
    people_pk,
    person_sk,
    services_pk,
)

# -- service files -------------------------------------------------------------------------------------


def load_service(agency_id: str, service_id: str) -> domain.ServiceFile:
    service = models.load_service(agency_id, service_id)
    if service is None:
        raise domain.ServiceNotFound(f"No service {service_id}.")
    return service


def check_people(agency_id: str, provider_ids: list[str], participant_ids: list[str]) -> None:
    """Providers are staff and participants clients of the agency's roster (one BatchGetItem)."""
    domain.check_roster(models.load_people(agency_id, [*provider_ids, *participant_ids]), provider_ids,
                        participant_ids)


def service_message(payload: type[s.ServiceState], agency_id: str, service: domain.ServiceFile,
                    client_id: str | None = None):
    return payload.of(service.event_data(client_id)).envelope(agency_id=agency_id, subject_id=service.service_id,
                                                              subject_version=service.version)


def write_service(tx: Transaction, agency_id: str, old: domain.ServiceFile | None, new: domain.ServiceFile,
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
    service = new_service(who, name, open_date, provider_ids, participant_ids)

    def write(tx: Transaction) -> None:
        write_service(tx, who.agency_id, None, service)
        timeline.publish(tx, service_message(s.ServiceOpened, who.agency_id, service))

    commit(SERVICE, write, domain.IdTaken("The service id is taken; try again."))
    return service.view()


def new_service(who: Identity, name: str, open_date: str, provider_ids: list[str],
                participant_ids: list[str]) -> domain.ServiceFile:
    """A new service file, its people checked against the roster (not yet written)."""
    domain.check_people_lists(provider_ids, participant_ids)
    domain.check_opener(who, provider_ids)
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
    domain.check_client(models.load_people(who.agency_id, [client_id]).get(client_id), client_id)
    updated = domain.add_participant(service, client_id)

    def write(tx: Transaction) -> None:
        write_service(tx, who.agency_id, service, updated)
        timeline.publish(tx, service_message(s.ServiceParticipantAdded, who.agency_id, updated, client_id))

    commit(SERVICE, write, changed("service"))
    return updated.view()


def remove_participant(who: Identity, service_id: str, client_id: str) -> dict:
    service = load_service(who.agency_id, service_id)
    domain.may_act_on(who, service)
    updated = domain.remove_participant(service, client_id)

    def write(tx: Transaction) -> None:
        write_service(tx, who.agency_id, service, updated, left=client_id, left_date=domain.today(clock.now()))
        timeline.publish(tx, service_message(s.ServiceParticipantRemoved, who.agency_id, updated, client_id))

    commit(SERVICE, write, changed("service"))
    return updated.view()


def close_service(who: Identity, service_id: str, close_date: str | None) -> dict:
    service = load_service(who.agency_id, service_id)
    domain.may_act_on(who, service)
    updated = domain.close(service, close_date or domain.today(clock.now()))

    def write(tx: Transaction) -> None:
        write_service(tx, who.agency_id, service, updated)
        timeline.publish(tx, service_message(s.ServiceClosed, who.agency_id, updated))

    commit(SERVICE, write, changed("service"))
    return updated.view()


# -- My Services -----------------------------------------------------------------------------------------


def load_memberships(agency_id: str, client_id: str) -> list[domain.Membership]:
    """Every service the client takes or took part in: one Query."""
    return models.query_all(MembershipItem, client_pk(agency_id, client_id), Item.sk.startswith(MEMBERSHIP))


def my_services(who: Identity, status: str, service_id: str | None) -> dict:
    """Two DynamoDB calls however many services and events: the client's partition from now on, then the names
    and the agency's zone (for showing times on its clock) in one BatchGetItem."""
    memberships, upcoming = models.client_schedule(who.agency_id, who.person_id, times.iso(clock.now()))
    domain.check_takes_part(memberships, service_id)
    shown = [m for m in memberships if (status == "all" or m.status == domain.OPEN)
             and service_id in (None, m.service.service_id)]
    people = {p for m in shown for p in (*m.service.participant_ids, *m.service.provider_ids)} - {who.person_id}
    zone, *found = models.read((AgencyZoneItem, AgencyZoneItem.key(who.agency_id)),
                               *((PersonItem, (people_pk(who.agency_id), person_sk(p))) for p in sorted(people)))
    names = {person.person_id: person.name for person in found if person is not None}
    return {"services": domain.my_services(shown, upcoming, who.person_id, names, status, service_id),
            "timezone": agency_zone.zone_of(zone)}


def client_services(who: Identity, worker_id: str) -> list[domain.ServiceFile]:
    """The open services in which the client takes part and the worker provides (one Query)."""
    if who.role != CLIENT:
        raise domain.ClientsOnly("Only clients request events.")
    return domain.services_with(load_memberships(who.agency_id, who.person_id), worker_id)
