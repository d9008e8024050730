"""Use cases of the requests service: load, decide, commit (with events) in one transaction."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portalkit.api import decode_cursor, encode_cursor
from portalkit.envelope import new_event
from portalkit.errors import Conflict, NotFound
from portalkit.identity import Identity
from portalkit.store import Transaction, failed_conditions

from . import domain
from .models import PersonItem, people_pk, person_sk

SERVICE = "requests"


def _person_event(kind: str, agency_id: str, person: domain.Person):
    return new_event(
        f"requests.person.{kind}", agency_id=agency_id, subject_id=person.person_id,
        subject_version=person.version, data=person.event_data(),
    )


def register_person(who: Identity, person: domain.Person) -> dict:
    domain.may_manage(who, person.role)
    try:
        with Transaction(SERVICE) as tx:
            tx.save(PersonItem.of(who.agency_id, person), condition=PersonItem.pk.does_not_exist())
            tx.publish(_person_event("registered", who.agency_id, person))
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            raise Conflict(f"Person {person.person_id} is already registered.", code="person_exists") from None
        raise
    return _view(person)


def load_person(agency_id: str, person_id: str) -> domain.Person:
    try:
        return PersonItem.get(people_pk(agency_id), person_sk(person_id), consistent_read=True).to_domain()
    except DoesNotExist:
        raise NotFound(f"No person {person_id}.") from None


def update_person(who: Identity, person_id: str, changes: dict) -> dict:
    current = load_person(who.agency_id, person_id)
    domain.may_manage(who, current.role)
    if "role" in changes:
        domain.may_manage(who, changes["role"])
    person = domain.updated(current, changes)
    try:
        with Transaction(SERVICE) as tx:
            tx.save(PersonItem.of(who.agency_id, person), condition=PersonItem.version == current.version)
            tx.publish(_person_event("updated", who.agency_id, person))
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            raise Conflict("The person changed meanwhile; reload and try again.", code="version_conflict") from None
        raise
    return _view(person)


def get_person(who: Identity, person_id: str) -> dict:
    return _view(load_person(who.agency_id, person_id))


def list_people(who: Identity, role: str | None, cursor: str | None, limit: int) -> dict:
    page = PersonItem.query(
        people_pk(who.agency_id),
        filter_condition=(PersonItem.role == role) if role else None,
        limit=limit,
        last_evaluated_key=decode_cursor(cursor),
    )
    people = [_view(item.to_domain()) for item in page]
    return {"people": people, "cursor": encode_cursor(page.last_evaluated_key)}


def _view(person: domain.Person) -> dict:
    return {**person.event_data(), "version": person.version}
