"""The agency's scheduling settings (changed only on the version read), and requests' switch as its messages said."""

from __future__ import annotations

from msgspec.structs import asdict, replace

from portalkit.envelope import Envelope
from portalkit.errors import changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit, newer_than_stored

from . import domain, models
from .models import SERVICE, RequestSettingsItem, SettingsItem, TypeItem, in_use
from .schemas import SettingsUpdated


def get_settings(who: Identity) -> dict:
    return asdict(models.load_agency(who.agency_id).settings)


def update_settings(who: Identity, changes: dict, expected_version: int) -> dict:
    """Change some settings from the version the admin read; the write is conditional on it (no last write wins)."""
    agency = models.load_agency(who.agency_id)
    current = agency.settings
    if expected_version != current.version:
        raise changed("settings")
    facing = changes.get("client_facing_type_id")
    choosing = domain.check_client_facing(facing, current, agency.types)
    settings = replace(current, **changes, version=current.version + 1)
    unchanged = SettingsItem.pk.does_not_exist() if current.version == 0 else SettingsItem.version == current.version
    data = asdict(settings)
    del data["version"]  # the envelope's subject_version
    published = SettingsUpdated.of(data).envelope(agency_id=who.agency_id, subject_id=who.agency_id,
                                                  subject_version=settings.version)

    def write(tx: Transaction) -> None:
        if choosing:  # a type retired meanwhile cannot become client-facing
            tx.condition_check(TypeItem, *TypeItem.key(who.agency_id, facing), condition=in_use(TypeItem))
        tx.save(SettingsItem.of(who.agency_id, settings), condition=unchanged)
        tx.publish(published)  # the others learn the agency's time zone from it

    commit(SERVICE, write, changed("settings (or the type chosen)"))
    return asdict(settings)


def project_request_settings(message: Envelope, tx: Transaction) -> None:
    """Keep the newest of requests' settings (by version): slot answers say whether clients can request time."""
    version = message.subject_version
    stored = models.load_request_settings(message.agency_id)
    if stored is not None and int(stored.version) >= version:
        return  # an older or repeated version
    item = RequestSettingsItem(*RequestSettingsItem.key(message.agency_id),
                               event_requests_enabled=message.data["event_requests_enabled"], version=version)
    tx.save(item, condition=newer_than_stored(RequestSettingsItem, version))
