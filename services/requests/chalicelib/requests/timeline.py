"""The Services Timeline: one service's history (opened, participants, closed, its event requests and events).

The service file, requests and events keep only their current state, so each change that publishes a message
about a service also writes a timeline entry in the same transaction (`publish`): the outbox already makes every
change and its message one write, and the entry rides along. A consumer's change carries its inbox marker in that
transaction, so a redelivered answer of availability adds no second entry. A page is one Query of the service's
timeline partition, newest first, and one BatchGetItem (who may read it, the agency's zone, people's names).
"""

from __future__ import annotations

from portalkit import clock, times
from portalkit.api import between, decode_cursor, encode_cursor
from portalkit.envelope import Envelope
from portalkit.identity import CLIENT, Identity
from portalkit.store import Transaction

from . import domain, models
from .agency_zone import zone_of
from .models import AgencyZoneItem, MembershipItem, PersonItem, ServiceItem, TimelineItem, people_pk, person_sk

EARLIEST, LATEST = "2000", "2100"  # every instant the API admits sorts between these


def publish(tx: Transaction, envelope: Envelope) -> None:
    """Publish the message and add its entry to its service's timeline, in the same transaction."""
    tx.publish(envelope)
    entry = domain.timeline_entry(envelope.event_type, envelope.event_id, envelope.occurred_at, envelope.data)
    if entry is not None:
        tx.save(TimelineItem.of(envelope.agency_id, entry, clock.now_ns(), len(tx.published)))


def _bound(seconds: int | None, default: str) -> str:
    """A sort key bound: the instant without its `Z`, so `from` is included and `to` is not."""
    return default if seconds is None else times.iso(seconds)[:-1]


def service_timeline(who: Identity, service_id: str, first: int | None, last: int | None, cursor: str | None,
                     limit: int) -> dict:
    """A page of the service's timeline, newest first: all of it for its providers and admins, and for a client
    who takes or took part only what concerns them (anyone else: 404, a worker who does not provide it: 403)."""
    viewer = who.person_id if who.role == CLIENT else None
    pk = TimelineItem.partition(who.agency_id, service_id)
    low, high = _bound(first, EARLIEST), _bound(last, LATEST)
    start_key = decode_cursor(cursor, {"pk": pk, "sk": between(low, high)})
    shown = None
    if viewer is not None:
        shown = (TimelineItem.everyone == True) | TimelineItem.audience.contains(viewer)  # noqa: E712
    entries, last_key = models.query_page(TimelineItem, pk, TimelineItem.sk.between(low, high), limit=limit,
                                          start_key=start_key, forward=False, filter_condition=shown)
    if viewer is not None:
        entries = [e for e in entries if domain.visible_to(e, viewer)]
    access = ((MembershipItem, MembershipItem.key(who.agency_id, viewer, service_id)) if viewer is not None
              else (ServiceItem, ServiceItem.key(who.agency_id, service_id)))
    named = {e.worker_id for e in entries} | ({p for e in entries for p in (e.client_id, e.by_id)}
                                               if viewer is None else set())
    people = [(PersonItem, (people_pk(who.agency_id), person_sk(p))) for p in sorted(p for p in named if p)]
    reached, zone_item, *found = models.read(access, (AgencyZoneItem, AgencyZoneItem.key(who.agency_id)), *people)
    if reached is None:
        raise domain.ServiceNotFound(f"You take part in no service {service_id}." if viewer
                                     else f"No service {service_id}.")
    if viewer is None:
        domain.may_act_on(who, reached.to_domain())
    names = {person.person_id: person.name for person in found if person is not None}
    zone = zone_of(zone_item)
    return {"entries": [_view(e, viewer, names, zone) for e in entries], "cursor": encode_cursor(last_key)}


def _view(entry: domain.TimelineEntry, viewer: str | None, names: dict[str, str], zone: str | None) -> dict:
    return {"entry_id": entry.entry_id, "at": entry.at, "kind": entry.kind, "service_id": entry.service_id,
            "event_id": entry.event_id, "request_id": entry.request_id, "client_id": entry.client_id,
            "worker_id": entry.worker_id, "start": entry.start, "local_start": entry.local_start,
            "reason_text": entry.reason_text, "text": domain.timeline_text(entry, viewer, names, zone)}
