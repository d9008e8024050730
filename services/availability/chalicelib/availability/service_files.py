"""Service files as availability needs them: who provides each and who takes part, and the client-worker links an
open one makes (a client sees the slots of the workers their services link them to)."""

from __future__ import annotations

import json

from portalkit import store
from portalkit.envelope import Envelope
from portalkit.store import Transaction, newer_than_stored

from . import domain, models
from .models import SERVICE, MemberItem, ServiceItem

LINKS_PER_TRANSACTION = 90  # client-worker links a service's change writes per transaction (beside its own items)


def project_service(message: Envelope, tx: Transaction) -> None:
    """Keep the newest state of a service file and the client-worker links it makes (open services only)."""
    data = message.data
    agency_id, service_id, version = message.agency_id, data["service_id"], message.subject_version
    key = ServiceItem.key(agency_id, service_id)
    stored = models.load_service(agency_id, service_id)
    if stored is not None and (int(stored.version or 0) >= version or int(stored.applying or 0) > version):
        return  # an older or repeated version, or a newer one being applied
    old = domain.service_links(stored.status, stored.provider_ids, stored.participant_ids) if stored else set()
    # A version applied in part left some of its links: those it aimed at may be set or not.
    aimed = {tuple(p) for p in json.loads(stored.applying_links)} if stored and stored.applying else old
    new = domain.service_links(data["status"], data["provider_ids"], data["participant_ids"])
    changes = domain.link_changes(old, aimed, new)
    item = ServiceItem(*key, status=data["status"], provider_ids=set(data["provider_ids"]),
                       participant_ids=set(data["participant_ids"]), version=version)
    unclaimed = ServiceItem.applying.does_not_exist() | (ServiceItem.applying <= version)
    if len(changes) > LINKS_PER_TRANSACTION:
        if not _claim_service(key, version, new, unclaimed):
            return  # a newer version was applied, or is being applied, meanwhile
        last = (len(changes) - 1) // LINKS_PER_TRANSACTION * LINKS_PER_TRANSACTION
        for n in range(0, last, LINKS_PER_TRANSACTION):
            with Transaction(SERVICE) as part:  # each part only while this version still holds the claim
                part.condition_check(ServiceItem, *key, condition=ServiceItem.applying == version)
                _link(part, agency_id, service_id, changes[n:n + LINKS_PER_TRANSACTION])
        _link(tx, agency_id, service_id, changes[last:])
        tx.save(item, condition=ServiceItem.applying == version)
        return
    _link(tx, agency_id, service_id, changes)
    tx.save(item, condition=newer_than_stored(ServiceItem, version) & unclaimed)


def _claim_service(key: tuple[str, str], version: int, links: set, unclaimed) -> bool:
    """Claim a service for applying this version in parts (also again, after a failed attempt); False if too old."""
    return store.update_if(
        ServiceItem(*key),
        actions=[ServiceItem.applying.set(version), ServiceItem.applying_links.set(json.dumps(sorted(links)))],
        condition=newer_than_stored(ServiceItem, version) & unclaimed,
    )


def _link(tx: Transaction, agency_id: str, service_id: str, changes: list[tuple[str, str, bool]]) -> None:
    """Add the service to (or take it from) the links between workers and clients."""
    for worker_id, client_id, linked in changes:
        member = MemberItem(*MemberItem.key(agency_id, worker_id, client_id))
        action = MemberItem.service_ids.add if linked else MemberItem.service_ids.delete
        tx.update(member, actions=[action({service_id})])
