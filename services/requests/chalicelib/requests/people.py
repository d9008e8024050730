"""The agency's people (the roster): who may be added or changed by whom, each change published with it."""

from __future__ import annotations

from portalkit.api import decode_cursor, encode_cursor
from portalkit.errors import changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit

from . import domain, models
from . import schemas as s
from .models import SERVICE, PersonItem, people_pk


def _person_message(payload: type[s.PersonState], agency_id: str, person: domain.Person):
    return payload.of(person.event_data()).envelope(agency_id=agency_id, subject_id=person.person_id,
                                                    subject_version=person.version)


def register_person(who: Identity, person: domain.Person) -> dict:
    domain.may_manage(who, person.role)

    def write(tx: Transaction) -> None:
        tx.save(PersonItem.of(who.agency_id, person), condition=PersonItem.pk.does_not_exist())
        tx.publish(_person_message(s.PersonRegistered, who.agency_id, person))

    commit(SERVICE, write, domain.PersonExists(f"Person {person.person_id} is already registered."))
    return _person_view(person)


def load_person(agency_id: str, person_id: str) -> domain.Person:
    person = models.load_person(agency_id, person_id)
    if person is None:
        raise domain.PersonNotFound(f"No person {person_id}.")
    return person


def update_person(who: Identity, person_id: str, changes: dict) -> dict:
    current = load_person(who.agency_id, person_id)
    domain.may_change_person(who, current, changes)
    person = domain.updated(current, changes)

    def write(tx: Transaction) -> None:
        tx.save(PersonItem.of(who.agency_id, person), condition=PersonItem.version == current.version)
        tx.publish(_person_message(s.PersonUpdated, who.agency_id, person))

    commit(SERVICE, write, changed("person"))
    return _person_view(person)


def get_person(who: Identity, person_id: str) -> dict:
    return _person_view(load_person(who.agency_id, person_id))


def list_people(who: Identity, role: str | None, cursor: str | None, limit: int) -> dict:
    pk = people_pk(who.agency_id)
    page = PersonItem.query(
        pk,
        filter_condition=(PersonItem.role == role) if role else None,
        limit=limit,
        last_evaluated_key=decode_cursor(cursor, {"pk": pk, "sk": None}),
    )
    people = [_person_view(item.to_domain()) for item in page]
    return {"people": people, "cursor": encode_cursor(page.last_evaluated_key)}


def _person_view(person: domain.Person) -> dict:
    return {**person.event_data(), "version": person.version}
