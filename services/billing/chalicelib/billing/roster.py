"""The agency's clients and services as requests publishes them: whom staff may bill, and what invoices name."""

from __future__ import annotations

from portalkit.envelope import Envelope
from portalkit.errors import NotFound
from portalkit.store import Transaction, keep_newest

from . import domain
from .models import PersonItem, ServiceItem, agency_pk, get, person_key

CLIENT_ROLE = "client"


# -- people, as requests' roster says ----------------------------------------------------------------------------


def record_person(message: Envelope, tx: Transaction) -> None:
    """requests.person.*: keep the newest role of each person; older or repeated versions change nothing."""
    key = person_key(message.agency_id, message.data["person_id"])
    version = message.subject_version
    keep_newest(tx, PersonItem(*key, role=message.data["role"], version=version), version)


def is_client(agency_id: str, person_id: str) -> bool:
    person = get(PersonItem, *person_key(agency_id, person_id))
    return person is not None and person.role == CLIENT_ROLE


def require_client(agency_id: str, client_id: str, field: str | None = None) -> None:
    """Staff bill, credit and look up the agency's clients only: another id (unknown, a worker, another agency's
    client) answers 404 in a path, 400 naming the field in a body, before any invoice number is taken."""
    if is_client(agency_id, client_id):
        return
    if field is None:
        raise NotFound(f"No client {client_id}.")
    raise domain.UnknownClient(field, f"{client_id} is not a client of the agency.")


def still_a_client(tx: Transaction, agency_id: str, client_id: str) -> None:
    """In the writing transaction: the person is still a client (a change of role meanwhile cancels it)."""
    tx.condition_check(PersonItem, *person_key(agency_id, client_id), condition=PersonItem.role == CLIENT_ROLE)


# -- service files, as requests publishes them -------------------------------------------------------------------


def project_service(message: Envelope, tx: Transaction) -> None:
    """Keep the newest name, status and participants of a service file."""
    data = message.data
    pk, sk = agency_pk(message.agency_id), f"SERVICE#{data['service_id']}"
    item = ServiceItem(pk, sk, name=data["name"], status=data["status"], version=message.subject_version,
                       participant_ids=set(data["participant_ids"]) or None)
    keep_newest(tx, item, message.subject_version)


def load_service(agency_id: str, service_id: str) -> ServiceItem | None:
    return get(ServiceItem, agency_pk(agency_id), f"SERVICE#{service_id}")


def takes_part(service: ServiceItem | None, client_id: str) -> bool:
    """Whether the client is a participant of the service (none: no one is)."""
    return service is not None and client_id in (service.participant_ids or ())
