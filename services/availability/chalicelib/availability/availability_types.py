"""The agency's availability types: each under a name no other type has; retired, offered for no new block."""

from __future__ import annotations

from msgspec.structs import asdict, replace

from portalkit import store
from portalkit.errors import NotFound, PortalError, changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit, new_id

from . import domain, models
from .models import SERVICE, SettingsItem, TypeItem, TypeNameItem, at_version


def _types_view(types) -> list[dict]:
    """Types by name, retired ones included (they say so): blocks may still have them."""
    return [asdict(t) for t in sorted(types, key=lambda t: (t.name.casefold(), t.type_id))]


def list_types(who: Identity) -> dict:
    return {"types": _types_view(models.load_agency(who.agency_id).types.values())}


def add_type(who: Identity, name: str, color: str) -> dict:
    """A new type, under a name no other type of the agency has (the name claim decides a race)."""
    agency = models.load_agency(who.agency_id)
    kind = domain.AvailabilityType(type_id=new_id(), name=domain.check_type_name(name, agency.types.values()),
                                   color=domain.check_color(color))
    claim = {}

    def write(tx: Transaction) -> None:
        tx.save(TypeItem.of(who.agency_id, kind), condition=TypeItem.pk.does_not_exist())
        claim["put"] = tx.save_tracked(TypeNameItem(*TypeNameItem.key(who.agency_id, kind.name), type_id=kind.type_id),
                                       condition=TypeNameItem.pk.does_not_exist())

    commit(SERVICE, write, lambda lost: domain.NameTaken(name) if lost(claim["put"]) else domain.IdTaken("Try again."))
    return asdict(kind)


def update_type(who: Identity, type_id: str, changes: dict, expected_version: int) -> dict:
    """Rename, recolour, retire or bring back a type, from the version read; its name claim moves with its name."""
    agency = models.load_agency(who.agency_id)
    current = agency.types.get(type_id)
    if current is None:
        raise NotFound(f"No availability type {type_id}.")
    if expected_version != current.version:
        raise changed("type")
    if "name" in changes:
        changes["name"] = domain.check_type_name(changes["name"], agency.types.values(), type_id)
    if "color" in changes:
        changes["color"] = domain.check_color(changes["color"])
    if changes.get("retired") and not current.retired:
        domain.check_retirable(type_id, agency.settings)
    updated = replace(current, **changes, version=current.version + 1)
    renamed = domain.name_key(updated.name) != domain.name_key(current.name)
    claim = {}

    def write(tx: Transaction) -> None:
        if updated.retired and not current.retired:  # not while it is (or meanwhile became) client-facing
            tx.condition_check(SettingsItem, *SettingsItem.key(who.agency_id), condition=(
                SettingsItem.pk.does_not_exist() | SettingsItem.client_facing_type_id.does_not_exist()
                | (SettingsItem.client_facing_type_id != type_id)))
        if renamed:
            tx.delete(TypeNameItem(*TypeNameItem.key(who.agency_id, current.name)))  # absent for older types
            claim["put"] = tx.save_tracked(
                TypeNameItem(*TypeNameItem.key(who.agency_id, updated.name), type_id=type_id),
                condition=TypeNameItem.pk.does_not_exist())
        tx.save(TypeItem.of(who.agency_id, updated), condition=at_version(TypeItem, current.version))

    def conflict(lost: store.Lost) -> PortalError:
        if renamed and lost(claim["put"]):
            return domain.NameTaken(updated.name)
        return changed("type (or the client-facing type)")

    commit(SERVICE, write, conflict)
    return asdict(updated)
