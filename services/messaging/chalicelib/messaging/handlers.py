"""Use cases of the messaging service: load, decide, commit (with events) in one transaction."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from portalkit.envelope import Envelope
from portalkit.errors import NotFound
from portalkit.store import Transaction, newer_than_stored

from . import domain
from .models import ContactItem, contact_key


def record_contact(event: Envelope, tx: Transaction) -> None:
    """Keep the newest version of a person's contact details; older or repeated versions change nothing."""
    contact = domain.Contact.from_event(event.data, event.subject_version)
    if _is_newer(event.agency_id, contact):
        tx.save(ContactItem.of(event.agency_id, contact), condition=newer_than_stored(ContactItem, contact.version))


def _is_newer(agency_id: str, contact: domain.Contact) -> bool:
    try:
        stored = load_contact(agency_id, contact.person_id)
    except NotFound:
        return True
    return stored.version < contact.version


def load_contact(agency_id: str, person_id: str) -> domain.Contact:
    try:
        return ContactItem.get(*contact_key(agency_id, person_id), consistent_read=True).to_domain()
    except DoesNotExist:
        raise NotFound(f"No contact {person_id}.") from None
