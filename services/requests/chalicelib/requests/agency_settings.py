"""The agency's settings for requests and events: what clients may do, and when a cancellation is late."""

from __future__ import annotations

from msgspec.structs import asdict, replace

from portalkit.errors import changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit

from . import domain, models
from . import schemas as s
from .models import SERVICE, SettingsItem


def load_settings(agency_id: str) -> domain.Settings:
    """The agency's settings; the defaults until an admin changes one."""
    return models.load_settings(agency_id) or domain.Settings()


def settings_of(item: SettingsItem | None) -> domain.Settings:
    """The settings in an item read with others (`models.read`); the defaults when there is none."""
    return item.to_domain() if item else domain.Settings()


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
