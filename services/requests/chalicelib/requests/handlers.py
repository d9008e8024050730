"""Use cases of the requests service shared by its parts: the roster and the agency's settings and time zone.

Each use case loads, decides (in `domain`), and commits its writes and events in one transaction. Service
files and My Services live in `files`, event requests in `saga`, events and attendance in `appointments`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msgspec.structs import asdict, replace
from pynamodb.exceptions import DoesNotExist

from portalkit.api import decode_cursor, encode_cursor
from portalkit.envelope import Envelope
from portalkit.errors import Conflict, NotFound, changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit, keep_newest

from . import domain
from . import schemas as s
from .models import AgencyZoneItem, PersonItem, SettingsItem, batch_get, people_pk, person_sk

SERVICE = "requests"
log = logging.getLogger(__name__)


# -- the agency's time zone (availability owns it) ------------------------------------------------------


def record_agency_zone(event: Envelope, tx: Transaction) -> None:
    """availability.settings.updated: keep the newest time zone and booking rules; older or repeated versions, and a
    zone this runtime does not know (logged), change nothing."""
    if not _known_zone(event.data["timezone"]):
        log.warning("availability.settings.updated names an unknown time zone %.64r; acknowledged",
                    event.data["timezone"])
        return
    rules = {name: event.data[name] for name in ("min_notice_hours", "horizon_days", "slot_minutes")}
    item = AgencyZoneItem(*AgencyZoneItem.key(event.agency_id), timezone=event.data["timezone"], **rules,
                          version=event.subject_version)
    keep_newest(tx, item, event.subject_version)


def _known_zone(name) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def _zone_item(agency_id: str) -> AgencyZoneItem | None:
    try:
        return AgencyZoneItem.get(*AgencyZoneItem.key(agency_id), consistent_read=True)
    except DoesNotExist:
        return None


def scheduling_from_raw(raw: dict | None) -> domain.Scheduling:
    """The booking rules in a raw AgencyZoneItem read with others; none known before availability has said."""
    return AgencyZoneItem.from_raw_data(raw).scheduling() if raw else domain.Scheduling()


def zone_from_raw(raw: dict | None) -> str | None:
    """The time zone in a raw AgencyZoneItem read with others (a BatchGetItem), if there was one."""
    return AgencyZoneItem.from_raw_data(raw).timezone if raw else None


def agency_zone(agency_id: str) -> str | None:
    """The agency's time zone, if availability has said it (one GetItem)."""
    item = _zone_item(agency_id)
    return item.timezone if item else None


def local_time(epoch_seconds: int, zone: str | None) -> str | None:
    """An instant on the agency's clock, with its offset ("2026-11-25T10:00:00-05:00"); None if no zone is known."""
    if zone is None:
        return None
    try:
        return datetime.fromtimestamp(epoch_seconds, ZoneInfo(zone)).isoformat()
    except (ZoneInfoNotFoundError, ValueError):
        return None


# -- people ------------------------------------------------------------------------------------------


def _person_event(payload: type[s.PersonState], agency_id: str, person: domain.Person):
    return payload.of(person.event_data()).envelope(agency_id=agency_id, subject_id=person.person_id,
                                                    subject_version=person.version)


def register_person(who: Identity, person: domain.Person) -> dict:
    domain.may_manage(who, person.role)

    def write(tx: Transaction) -> None:
        tx.save(PersonItem.of(who.agency_id, person), condition=PersonItem.pk.does_not_exist())
        tx.publish(_person_event(s.PersonRegistered, who.agency_id, person))

    commit(SERVICE, write, Conflict(f"Person {person.person_id} is already registered.", code="person_exists"))
    return _person_view(person)


def load_person(agency_id: str, person_id: str) -> domain.Person:
    try:
        return PersonItem.get(people_pk(agency_id), person_sk(person_id), consistent_read=True).to_domain()
    except DoesNotExist:
        raise NotFound(f"No person {person_id}.") from None


def load_people(agency_id: str, person_ids) -> dict[str, domain.Person]:
    """People by id, one BatchGetItem per 100 (the unknown are left out)."""
    keys = [(people_pk(agency_id), person_sk(p)) for p in person_ids]
    return {p.person_id: p for p in (PersonItem.from_raw_data(raw).to_domain() for raw in batch_get(keys).values())}


def update_person(who: Identity, person_id: str, changes: dict) -> dict:
    current = load_person(who.agency_id, person_id)
    domain.may_manage(who, current.role)
    if "role" in changes:
        domain.may_manage(who, changes["role"])
    person = domain.updated(current, changes)

    def write(tx: Transaction) -> None:
        tx.save(PersonItem.of(who.agency_id, person), condition=PersonItem.version == current.version)
        tx.publish(_person_event(s.PersonUpdated, who.agency_id, person))

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


# -- the agency's settings ---------------------------------------------------------------------------


def load_settings(agency_id: str) -> domain.Settings:
    try:
        return SettingsItem.get(*SettingsItem.key(agency_id), consistent_read=True).to_domain()
    except DoesNotExist:
        return domain.Settings()


def settings_from_raw(raw: dict | None) -> domain.Settings:
    return SettingsItem.from_raw_data(raw).to_domain() if raw else domain.Settings()


def get_settings(who: Identity) -> dict:
    return asdict(load_settings(who.agency_id))


def update_settings(who: Identity, changes: dict, expected_version: int) -> dict:
    """Change some settings on the version the admin read, and publish them all in the same transaction."""
    current = load_settings(who.agency_id)
    if expected_version != current.version:
        raise changed("settings")
    settings = replace(current, **changes, version=current.version + 1)
    unchanged = SettingsItem.pk.does_not_exist() if current.version == 0 else SettingsItem.version == current.version

    def write(tx: Transaction) -> None:
        tx.save(SettingsItem.of(who.agency_id, settings), condition=unchanged)
        tx.publish(s.SettingsUpdated.of(settings.event_data()).envelope(
            agency_id=who.agency_id, subject_id=who.agency_id, subject_version=settings.version))

    commit(SERVICE, write, changed("settings"))
    return asdict(settings)
