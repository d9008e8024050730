"""PynamoDB plumbing every service shares: table binding, one client, outbox and inbox items, transactions.

Each service owns one table keyed `pk`/`sk`. Its `models.py` derives item classes from `TableModel`
with `Meta = table_meta("<service>")`; a state change and the messages it publishes commit together
in one `Transaction`.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator
from functools import cache

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.exceptions import DeleteError, DoesNotExist, TransactWriteError, UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from portalkit import clock
from portalkit.envelope import Envelope, to_json
from portalkit.errors import PortalError
from portalkit.pynamodb_internals import SharedClientModel, pending, table_connection
from portalkit.settings import get_settings

BATCH_GET_KEYS = 100  # DynamoDB's most per BatchGetItem
BATCH_GET_ATTEMPTS = 6  # keys still unprocessed after these (0.05 s, 0.1 s, ... 0.8 s apart) fail the read
BATCH_GET_BACKOFF_SECONDS = 0.05
OUTBOX_TTL_SECONDS = 24 * 3600  # the relay reads the stream within seconds; a day is generous
INBOX_TTL_SECONDS = 15 * 24 * 3600  # longer than SQS can keep a message (14 days)


def table_meta(service: str) -> type:
    """A PynamoDB `Meta` whose table name is read from settings on first use, not at import."""

    class _TableName(type):
        @property
        def table_name(cls) -> str:
            return get_settings().table_name(service)

    return _TableName("Meta", (), {"service": service})


@cache
def shared_connection() -> Connection:
    """One botocore client per process: a new one costs ~100 ms, and PynamoDB makes one per model."""
    return Connection()


class TableModel(SharedClientModel):
    """Base of every item class; shares the process's DynamoDB client."""

    shared = staticmethod(shared_connection)


class Gsi1(GlobalSecondaryIndex):
    """The secondary index every table is declared with (infra/declaration.py): gsi1pk, gsi1sk, all attributes."""

    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class _OutboxItem(TableModel):
    pk = UnicodeAttribute(hash_key=True)  # OUTBOX#<event_id>
    sk = UnicodeAttribute(range_key=True)  # OUTBOX
    envelope = UnicodeAttribute()
    expires_at = NumberAttribute()


class _InboxMarker(TableModel):
    pk = UnicodeAttribute(hash_key=True)  # INBOX#<event_id>
    sk = UnicodeAttribute(range_key=True)  # INBOX
    event_type = UnicodeAttribute()
    expires_at = NumberAttribute()


OUTBOX_PREFIX = "OUTBOX#"


@cache
def kit_items(service: str) -> tuple[type[_OutboxItem], type[_InboxMarker]]:
    """The outbox item and inbox marker classes bound to a service's table."""
    meta = table_meta(service)
    outbox = type("OutboxItem", (_OutboxItem,), {"Meta": meta, "__module__": __name__})
    inbox = type("InboxMarker", (_InboxMarker,), {"Meta": meta, "__module__": __name__})
    return outbox, inbox


class Transaction(TransactWrite):
    """A `TransactWrite` on the shared client that can also publish messages through the outbox."""

    def __init__(self, service: str, **kwargs):
        super().__init__(connection=shared_connection(), **kwargs)
        self.service = service
        self.published: list[Envelope] = []

    def publish(self, envelope: Envelope) -> None:
        """Add the message's outbox item; the relay publishes it once this transaction commits."""
        outbox, _ = kit_items(self.service)
        item = outbox(
            pk=OUTBOX_PREFIX + envelope.event_id,
            sk="OUTBOX",
            envelope=to_json(envelope),
            expires_at=clock.now() + OUTBOX_TTL_SECONDS,
        )
        self.save(item, condition=outbox.pk.does_not_exist())
        self.published.append(envelope)

    def mark_consumed(self, envelope: Envelope) -> dict:
        """Add the inbox marker of a consumed message; returns its put (see `position`)."""
        _, inbox = kit_items(self.service)
        marker = inbox(
            pk=f"INBOX#{envelope.event_id}",
            sk="INBOX",
            event_type=envelope.event_type,
            expires_at=clock.now() + INBOX_TTL_SECONDS,
        )
        return self.save_tracked(marker, condition=inbox.pk.does_not_exist())

    def save_tracked(self, item: Model, condition=None) -> dict:
        """`save`, returning the put so that `position` can later tell whether its condition failed."""
        self.save(item, condition=condition)
        return pending(self)[2][-1]

    def position(self, put: dict) -> int:
        """Where a tracked put stands among the items DynamoDB sees: condition checks, deletes, puts, updates."""
        checks, deletes, puts, _ = pending(self)
        index = next(i for i, candidate in enumerate(puts) if candidate is put)
        return len(checks) + len(deletes) + index

    def condition_failed(self, error: TransactWriteError, put: dict) -> bool:
        """Whether this transaction was cancelled because of the tracked put's own condition."""
        failed = failed_conditions(error)
        at = self.position(put)
        return at < len(failed) and failed[at]

    def is_empty(self) -> bool:
        return not any(pending(self))


# PynamoDB's exception under the kit's name: services catch it and never import pynamodb (ruff's TID251). An absent
# item is `get`'s None, so the kit names no DoesNotExist (and no second NotFound beside the 404 of portalkit.errors).
TransactionCancelled = TransactWriteError  # a transaction DynamoDB cancelled (a failed condition, a conflict, ...)


def failed_conditions(error: TransactWriteError) -> list[bool]:
    """For a cancelled transaction, whether each item's condition failed, in DynamoDB's item order."""
    if error.cause_response_code != "TransactionCanceledException":
        return []
    return [bool(r and r.code == "ConditionalCheckFailed") for r in error.cancellation_reasons]


def lost_race(error: TransactWriteError) -> bool:
    """Whether a transaction lost to another write: one of its conditions failed, or DynamoDB saw a conflicting
    transaction on one of its items."""
    return any(failed_conditions(error)) or any(
        r and r.code == "TransactionConflict" for r in (error.cancellation_reasons or []))


def get(model: type[Model], pk: str, sk: str, **kwargs) -> Model | None:
    """The item at (pk, sk), or None."""
    try:
        return model.get(pk, sk, **kwargs)
    except DoesNotExist:
        return None


def update_if(item: Model, actions: list, condition) -> bool:
    """Update the item if `condition` holds; False (and nothing written) if it does not."""
    try:
        item.update(actions=actions, condition=condition)
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def delete_if(item: Model, condition) -> bool:
    """Delete the item if `condition` holds; False (and nothing deleted) if it does not."""
    try:
        item.delete(condition=condition)
    except DeleteError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def newer_than_stored(model: type[Model], version: int):
    """Condition for a projection write: nothing stored yet, or an older version of the subject."""
    return model.version.does_not_exist() | (model.version < version)


def stored_version(model: type[Model], pk: str, sk: str) -> int | None:
    """The version of the projection item at (pk, sk), read consistently and alone; None when there is none."""
    stored = get(model, pk, sk, consistent_read=True, attributes_to_get=["version"])
    return None if stored is None or stored.version is None else int(stored.version)


def keep_newest(tx: Transaction, item: Model, version: int, actions: list | None = None) -> bool:
    """Write a projection in the consumer's transaction only if `version` is newer than the one stored: an older or
    repeated message changes nothing (False, and no write). The read spares a transaction that would fail; the
    condition settles a race between two deliveries. `actions` updates those attributes of the item instead of
    replacing it (for an item that also holds what its owner chose)."""
    model = type(item)
    stored = stored_version(model, item.pk, item.sk)
    if stored is not None and stored >= version:
        return False
    if actions is None:
        tx.save(item, condition=newer_than_stored(model, version))
    else:
        tx.update(item, actions=actions, condition=newer_than_stored(model, version))
    return True


class UnprocessedKeys(RuntimeError):
    """DynamoDB left keys of a BatchGetItem unread after every retry (it is throttled): the read fails, no item is
    silently missing."""


def batch_get(service: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Raw items of a service's table by (pk, sk), read consistently, one BatchGetItem per 100 keys; keys DynamoDB
    leaves unprocessed are asked again after a growing pause, a bounded number of times (`UnprocessedKeys` after)."""
    table, client = get_settings().table_name(service), shared_connection().client
    found: dict[tuple[str, str], dict] = {}
    pending = [{"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in dict.fromkeys(keys)]
    while pending:
        chunk, pending = pending[:BATCH_GET_KEYS], pending[BATCH_GET_KEYS:]
        for attempt in range(BATCH_GET_ATTEMPTS):
            if attempt:
                clock.sleep(BATCH_GET_BACKOFF_SECONDS * 2 ** (attempt - 1))
            response = client.batch_get_item(RequestItems={table: {"Keys": chunk, "ConsistentRead": True}})
            for raw in response.get("Responses", {}).get(table, []):
                found[(raw["pk"]["S"], raw["sk"]["S"])] = raw
            chunk = response.get("UnprocessedKeys", {}).get(table, {}).get("Keys", [])
            if not chunk:
                break
        else:
            raise UnprocessedKeys(f"{len(chunk)} keys of {table} unread after {BATCH_GET_ATTEMPTS} BatchGetItem calls")
    return found


def new_id() -> str:
    """A new item's id: 32 random hex digits."""
    return uuid.uuid4().hex


Lost = Callable[[dict], bool]  # whether the condition of a put (from `Transaction.save_tracked`) failed


def commit(service: str, write: Callable[[Transaction], None],
           conflict: PortalError | Callable[[Lost], PortalError]) -> Transaction:
    """Write in one transaction; a failed condition means what was read changed meanwhile, and raises `conflict` (or
    what `conflict(lost)` returns, `lost(put)` telling which tracked put's condition failed)."""
    tx = Transaction(service)
    try:
        with tx:
            write(tx)
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            lost = functools.partial(tx.condition_failed, error)
            raise (conflict if isinstance(conflict, PortalError) else conflict(lost)) from None
        raise
    return tx


def query_raw(model: type[Model], pk: str, range_condition=None, *, index: str | None = None, filter_condition=None,
              limit: int | None = None, start_key: dict | None = None, forward: bool = True,
              consistent: bool = True) -> tuple[list[dict], dict | None]:
    """One Query (one page) of a partition or an index, raw, and where the next page starts: items of several kinds
    come back from one Query, and a filtered page is one call too (PynamoDB's iterator would query on until `limit`
    items passed the filter)."""
    page = table_connection(model).query(
        pk, range_key_condition=range_condition, filter_condition=filter_condition, index_name=index, limit=limit,
        exclusive_start_key=start_key, scan_index_forward=forward, consistent_read=consistent,
    )
    return page.get("Items", []), page.get("LastEvaluatedKey")


def query_all_raw(model: type[Model], pk: str, range_condition=None) -> Iterator[dict]:
    """Every item of a partition (or a range of it), raw, read consistently page after page."""
    start = None
    while True:
        items, start = query_raw(model, pk, range_condition, start_key=start)
        yield from items
        if not start:
            return
