"""A person as messaging knows them (one `ContactItem`): the roster's fields from requests' messages, and their own
notification preferences (which kinds also reach them by email, how much their emails say) from the API.

Both sides write with updates of their own attributes, so neither erases the other."""

from __future__ import annotations

from portalkit.envelope import Envelope
from portalkit.errors import NotFound
from portalkit.identity import Identity
from portalkit.store import Transaction, keep_newest

from . import domain
from .models import ContactItem, batch_get, contact_key, get_contact, load, settings_from, settings_key


def record_contact(message: Envelope, tx: Transaction) -> None:
    """requests.person.*: keep the newest version of a person's roster fields; older or repeated versions change
    nothing. An update of the roster's attributes only, so the person's own email choices stay."""
    contact = domain.Contact.from_message(message.data, message.subject_version)
    keep_newest(tx, ContactItem(*contact_key(message.agency_id, contact.person_id)), contact.version,
                actions=ContactItem.roster_actions(contact))


def load_contact(agency_id: str, person_id: str) -> domain.Contact:
    """A person the roster has told messaging of (404 until then)."""
    contact = get_contact(agency_id, person_id)
    if contact is None:
        raise NotFound(f"No contact {person_id}.")
    return contact


def get_preferences(who: Identity) -> dict:
    keys = [settings_key(who.agency_id), contact_key(who.agency_id, who.person_id)]
    found = batch_get(keys)
    settings = settings_from(found.get(keys[0]))
    item = load(ContactItem, found.get(keys[1]))
    return _preferences_view(who, settings, item)


def update_preferences(who: Identity, email: dict[str, bool] | None, email_detail: str | None = None) -> dict:
    """Turn kinds of email on or off (set additions and removals, so two devices' changes never undo each other) and
    set how much the person's emails say."""
    off, on = domain.email_choices(who.role, email, email_detail)
    item = ContactItem(*contact_key(who.agency_id, who.person_id))
    # One attribute cannot be added to and deleted from in one update expression: two updates, each atomic.
    if off:
        item.update(actions=[ContactItem.email_off.add(off)])
    if on:
        item.update(actions=[ContactItem.email_off.delete(on)])
    if email_detail is not None:
        item.update(actions=[ContactItem.email_detail.set(email_detail)])
    return get_preferences(who)


def _preferences_view(who: Identity, settings: domain.AgencySettings, item: ContactItem | None) -> dict:
    """The person's choices are on their item even before the roster's message (`to_domain` is None until then)."""
    contact = item.to_domain() if item else None
    off = set(item.email_off or ()) if item else set()
    mine = item.email_detail if item and item.email_detail else domain.FULL
    return domain.preferences(who.role, settings, contact, off, mine)
