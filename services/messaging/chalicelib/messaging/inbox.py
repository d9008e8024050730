"""A person's inbox: discussions they follow and notifications, newest first; unread counts kept as counters.

The page is one Query of the inbox index (newest activity first), the counts one Query of the person's
counters (`UNREAD` in all, `UNREAD#<service>` per service). Every write that makes an item unread adds to
the counters in its own transaction, and marking it read takes back exactly what the item held.
"""

from __future__ import annotations

from portalkit.api import encode_cursor
from portalkit.errors import NotFound
from portalkit.identity import Identity
from portalkit.store import Transaction, TransactionCancelled, failed_conditions

from . import domain
from .models import (
    SERVICE,
    CounterItem,
    EntryItem,
    entry_key,
    get_entry,
    inbox_page,
    inbox_pk,
    page_start,
    starts_in,
    unread_counts,
    unread_key,
)

PAGE = 20
MAX_PAGE = 100
FILTERED_READ_FACTOR = 5  # a filtered page reads up to this many items per item it returns, in the same Query
ATTEMPTS = 3


def add_unread(tx: Transaction, agency_id: str, person_id: str, service_id: str | None, count: int) -> None:
    """Add to a person's unread counts, in all and for the service."""
    for service in (None, service_id) if service_id else (None,):
        tx.update(CounterItem(*unread_key(agency_id, person_id, service)), actions=[CounterItem.count.add(count)])


def inbox(who: Identity, service_id: str | None, unread_only: bool, cursor: str | None, limit: int | None) -> dict:
    """A page of the caller's inbox, newest first, with the unread counts: two Queries."""
    pk = inbox_pk(who.agency_id, who.person_id)
    start = page_start(cursor, ("gsi1pk", pk), "ITEM#", index=True)
    if start is not None and not starts_in(start, pk):
        raise domain.ForeignCursor("cursor", "cursor is not one this inbox gave out.")
    size = limit or PAGE
    condition = None
    if service_id is not None:
        condition = EntryItem.service_id == service_id
    if unread_only:
        condition = (EntryItem.unread > 0) if condition is None else condition & (EntryItem.unread > 0)
    # DynamoDB applies Limit before the filter: a filtered page reads more so it is rarely short.
    entries, next_key = inbox_page(pk, condition, size, size if condition is None else size * FILTERED_READ_FACTOR,
                                   start)
    counts = unread_counts(pk)
    view = {"items": [entry.view() for entry in entries], "cursor": encode_cursor(next_key),
            "unread": counts.get(None, 0), "unread_by_service": {k: v for k, v in counts.items() if k and v}}
    if service_id is not None:
        view["unread_in_service"] = counts.get(service_id, 0)
    return view


def mark_read(who: Identity, item_id: str) -> dict:
    """Mark one item read: its unread count to zero and the counters down by as much, on condition it is unchanged."""
    key = entry_key(who.agency_id, who.person_id, item_id)
    for _ in range(ATTEMPTS):
        entry = get_entry(who.agency_id, who.person_id, item_id)
        if entry is None:
            raise NotFound(f"No inbox item {item_id}.")
        unread = int(entry.unread or 0)
        if not unread:
            return entry.view()
        try:
            with Transaction(SERVICE) as tx:
                tx.update(EntryItem(*key), actions=[EntryItem.unread.set(0)], condition=EntryItem.unread == unread)
                add_unread(tx, who.agency_id, who.person_id, entry.service_id, -unread)
        except TransactionCancelled as error:
            if any(failed_conditions(error)):
                continue  # a new message came in meanwhile: read the item again
            raise
        entry.unread = 0
        return entry.view()
    raise domain.Busy("The item keeps changing; try again.")
