"""Use cases of the messaging service around people and the agency: projections, settings, preferences.

Discussions are in `discussions.py`, the inbox in `inbox.py`, notifications in `notifications.py`.
"""

from __future__ import annotations

import logging

from msgspec.structs import replace
from pynamodb.exceptions import DoesNotExist

from portalkit import clock, times, wallclock
from portalkit.envelope import Envelope
from portalkit.errors import BadRequest, NotFound, changed
from portalkit.identity import CLIENT, Identity
from portalkit.store import Transaction, commit, keep_newest

from . import domain
from .models import (
    REPLANS,
    AgencyItem,
    ContactItem,
    ReplanItem,
    ServiceItem,
    SettingsItem,
    SiteItem,
    ZoneItem,
    agency_key,
    batch_get,
    contact_key,
    load,
    replan_key,
    settings_key,
    site_key,
    zone_key,
)

SERVICE = "messaging"
log = logging.getLogger("messaging")


# -- what messaging keeps of requests' data --------------------------------------------------------------


def record_contact(event: Envelope, tx: Transaction) -> None:
    """Keep the newest version of a person's roster fields; older or repeated versions change nothing.

    An update of the roster's attributes only, so the person's own email choices stay."""
    contact = domain.Contact.from_event(event.data, event.subject_version)
    keep_newest(tx, ContactItem(*contact_key(event.agency_id, contact.person_id)), contact.version,
                actions=ContactItem.roster_actions(contact))


def project_service(event: Envelope, tx: Transaction) -> None:
    """Keep the newest state of a service file: its name, providers and participants decide who may discuss."""
    service = domain.ServiceFile.from_event(event.data, event.subject_version)
    keep_newest(tx, ServiceItem.of(event.agency_id, service), service.version)


def record_agency_zone(event: Envelope, tx: Transaction) -> None:
    """availability.settings.updated: keep the newest time zone (times in notifications are written on it); older
    or repeated versions change nothing. A name that is no zone is kept too, and read as none (`domain.Clock`)."""
    timezone = event.data["timezone"]
    if wallclock.zone(timezone) is None:
        log.warning("agency %s: availability's time zone %r is not one; times stay on their own offsets",
                    event.agency_id, timezone)
    keep_newest(tx, ZoneItem(*zone_key(event.agency_id), timezone=timezone, version=event.subject_version),
                event.subject_version)


def record_agency_facts(event: Envelope, tx: Transaction) -> None:
    """requests.settings.updated: keep the agency's name (optional: none until an admin gives one) and cancellation
    window, for reminders and calendar files; the newest version wins."""
    data = event.data
    name = data.get("agency_name") if isinstance(data.get("agency_name"), str) and data.get("agency_name") else None
    window = data.get("cancellation_window_hours")
    window = window if isinstance(window, int) and not isinstance(window, bool) and window >= 0 else \
        domain.DEFAULT_CANCELLATION_WINDOW_HOURS
    keep_newest(tx, AgencyItem(*agency_key(event.agency_id), agency_name=name, cancellation_window_hours=window,
                               version=event.subject_version), event.subject_version)


def record_site(event: Envelope, tx: Transaction) -> None:
    """availability.site.updated: keep a site's name and address (where an event is); the newest version wins."""
    data = event.data
    address = data.get("address") if isinstance(data.get("address"), str) and data.get("address") else None
    keep_newest(tx, SiteItem(*site_key(event.agency_id, data["site_id"]), name=data["name"], address=address,
                             timezone=data.get("timezone"), retired=bool(data.get("retired")),
                             version=event.subject_version), event.subject_version)


def agency_from(raw: dict | None) -> domain.AgencyFacts:
    item = load(AgencyItem, raw)
    return item.to_domain() if item else domain.AgencyFacts()


def place_from(raw: dict | None) -> domain.Place | None:
    item = load(SiteItem, raw)
    return item.to_domain() if item else None


def zone_from(raw: dict | None) -> str | None:
    item = load(ZoneItem, raw)
    return item.timezone if item else None


def load_contact(agency_id: str, person_id: str) -> domain.Contact:
    try:
        contact = ContactItem.get(*contact_key(agency_id, person_id), consistent_read=True).to_domain()
    except DoesNotExist:
        contact = None
    if contact is None:
        raise NotFound(f"No contact {person_id}.")
    return contact


def settings_from(raw: dict | None) -> domain.AgencySettings:
    item = load(SettingsItem, raw)
    return item.to_domain() if item else domain.AgencySettings()


def service_from(raw: dict | None) -> domain.ServiceFile | None:
    item = load(ServiceItem, raw)
    return item.to_domain() if item else None


def contact_from(raw: dict | None) -> domain.Contact | None:
    item = load(ContactItem, raw)
    return item.to_domain() if item else None


# -- the agency's settings ------------------------------------------------------------------------------


def load_settings(agency_id: str) -> domain.AgencySettings:
    return settings_from(batch_get([settings_key(agency_id)]).get(settings_key(agency_id)))


def get_settings(who: Identity) -> dict:
    return load_settings(who.agency_id).view()


def get_client_settings(who: Identity) -> dict:
    """The settings a client's app needs to offer only what the agency allows: one read of the settings item."""
    return {"discussions_enabled": load_settings(who.agency_id).discussions_enabled}


def update_settings(who: Identity, changes: dict, email_detail: dict, expected_version: int) -> dict:
    """Change some settings (and some kinds' detail level) on the version read: two admins' edits never silently
    overwrite each other. New lead times apply to every upcoming event: the same transaction asks the reminder sweep
    to plan the agency's upcoming events again (`reminders.replan_agencies`)."""
    current = load_settings(who.agency_id)
    if expected_version != current.version:
        raise changed("settings")
    if "reminder_hours" in changes:
        changes["reminder_hours"] = domain.reminder_hours(changes["reminder_hours"])
        if changes["reminder_hours"] != current.reminder_hours:
            changes["reminders_changed_at"] = clock.now()
    settings = replace(current, **changes, email_detail={**current.email_detail, **email_detail},
                       version=current.version + 1)
    unchanged = SettingsItem.pk.does_not_exist() if current.version == 0 else SettingsItem.version == current.version

    def write(tx: Transaction) -> None:
        tx.save(SettingsItem.of(who.agency_id, settings), condition=unchanged)
        if settings.reminders_changed_at != current.reminders_changed_at:  # from the first upcoming event again
            tx.save(ReplanItem(*replan_key(who.agency_id), settings_version=settings.version, gsi1pk=REPLANS,
                               gsi1sk=f"{times.iso(clock.now())}#{who.agency_id}"))

    commit(SERVICE, write, changed("settings"))
    return settings.view()


# -- a person's email choices ----------------------------------------------------------------------------


def get_preferences(who: Identity) -> dict:
    keys = [settings_key(who.agency_id), contact_key(who.agency_id, who.person_id)]
    found = batch_get(keys)
    settings = settings_from(found.get(keys[0]))
    item = load(ContactItem, found.get(keys[1]))
    return _preferences_view(who, settings, item)


def update_preferences(who: Identity, email: dict[str, bool] | None, email_detail: str | None = None) -> dict:
    """Turn kinds of email on or off (set additions and removals, so two devices' changes never undo each other) and
    set how much the person's emails say."""
    if email is None and email_detail is None:
        raise BadRequest("email", "Name the kinds of email to turn on or off (email), or a detail level "
                                  "(email_detail).")
    email = email or {}
    allowed = domain.kinds_for(who.role)
    for kind, wanted in email.items():
        if kind not in allowed:
            raise BadRequest(f"email.{kind}", f"{kind} is not a kind of notification you receive; "
                                              f"choose among: {', '.join(allowed)}.")
        if not isinstance(wanted, bool):
            raise BadRequest(f"email.{kind}", f"email.{kind} must be true or false.")
    off = {kind for kind, wanted in email.items() if not wanted}
    on = {kind for kind, wanted in email.items() if wanted}
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
    contact = item.to_domain() if item else None
    off = set(item.email_off or ()) if item else set()
    agency_allows = who.role != CLIENT or settings.client_delivery_enabled
    consent = bool(contact and contact.email_consent)
    kinds = domain.kinds_for(who.role)
    mine = item.email_detail if item and item.email_detail else domain.FULL
    return {
        "email_address": contact.email if contact else None,
        "email_consent": consent,
        "agency_allows_email": agency_allows,
        "email": {kind: kind not in off for kind in kinds},
        "delivered_by_email": {kind: bool(contact and consent and agency_allows and kind not in off) for kind in kinds},
        "email_detail": mine,
        "delivered_detail": {kind: domain.more_private(settings.detail(kind), mine) for kind in kinds},
        "reminders_enabled": settings.reminders_enabled,
        "reminder_hours": list(settings.reminder_hours),
    }
