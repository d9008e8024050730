"""The agency's messaging settings: discussions on or off, email to clients, detail levels, reminders and their lead
times; changed only on the version read."""

from __future__ import annotations

from portalkit import clock, times
from portalkit.errors import changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit

from . import domain
from .models import REPLANS, SERVICE, ReplanItem, SettingsItem, batch_get, replan_key, settings_from, settings_key


def load_settings(agency_id: str) -> domain.AgencySettings:
    return settings_from(batch_get([settings_key(agency_id)]).get(settings_key(agency_id)))


def get_settings(who: Identity) -> dict:
    return load_settings(who.agency_id).view()


def get_client_settings(who: Identity) -> dict:
    """The settings a client's app needs to offer only what the agency allows: one read of the settings item."""
    return {"discussions_enabled": load_settings(who.agency_id).discussions_enabled}


def update_settings(who: Identity, changes: dict, email_detail: dict, expected_version: int) -> dict:
    """Change some settings (and some kinds' detail level) on the version read (`AgencySettings.change`). New lead
    times apply to every upcoming event: the same transaction asks the reminder sweep to plan the agency's upcoming
    events again (`reminders.replan_agencies`)."""
    current = load_settings(who.agency_id)
    now = clock.now()
    settings = current.change(changes, email_detail, expected_version, now)
    unchanged = SettingsItem.pk.does_not_exist() if current.version == 0 else SettingsItem.version == current.version

    def write(tx: Transaction) -> None:
        tx.save(SettingsItem.of(who.agency_id, settings), condition=unchanged)
        if settings.reminders_changed_at != current.reminders_changed_at:  # from the first upcoming event again
            tx.save(ReplanItem(*replan_key(who.agency_id), settings_version=settings.version, gsi1pk=REPLANS,
                               gsi1sk=f"{times.iso(now)}#{who.agency_id}"))

    commit(SERVICE, write, changed("settings"))
    return settings.view()
