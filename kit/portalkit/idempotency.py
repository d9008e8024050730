"""Idempotency keys on creating routes: a retried call with the same key and body is done once and answers the same.

The first call stores its answer in the same transaction as its writes (`IDEM#...`, condition: not there
yet). A later call with the key finds it: the same body gets the stored answer, another body 409. Two calls
racing with one key: one commits, the other's condition fails and it answers what the first stored.
Keys are scoped to the caller (agency and person) and the operation, and kept a day, as payment APIs do.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portalkit import clock
from portalkit.errors import Conflict
from portalkit.identity import Identity
from portalkit.store import TableModel, Transaction, table_meta

IDEMPOTENCY_TTL_SECONDS = 24 * 3600

Answer = tuple[int, object]  # (HTTP status, JSON-able body)


class _IdempotencyItem(TableModel):
    pk = UnicodeAttribute(hash_key=True)  # IDEM#<agency>#<person>#<operation>#<key>
    sk = UnicodeAttribute(range_key=True)  # IDEM
    fingerprint = UnicodeAttribute()
    status = NumberAttribute()
    answer = UnicodeAttribute()
    expires_at = NumberAttribute()


@cache
def _item_class(service: str) -> type[_IdempotencyItem]:
    return type("IdempotencyItem", (_IdempotencyItem,), {"Meta": table_meta(service), "__module__": __name__})


def fingerprint(request: object) -> str:
    return hashlib.sha256(json.dumps(request, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class Idempotent:
    """One creating call under an optional `Idempotency-Key`."""

    def __init__(self, service: str, who: Identity, operation: str, key: str | None, request: object):
        """`request`: everything that defines the call (body and path parameters), compared on a retry."""
        self.service = service
        self.key = key
        self.fingerprint = fingerprint(request)
        self.item_class = _item_class(service)
        self.pk = f"IDEM#{who.agency_id}#{who.person_id}#{operation}#{key}"

    def replay(self) -> Answer | None:
        """The stored answer of an earlier call with this key (409 if its body differed), or None."""
        if self.key is None:
            return None
        try:
            item = self.item_class.get(self.pk, "IDEM", consistent_read=True)
        except DoesNotExist:
            return None
        if item.fingerprint != self.fingerprint:
            raise Conflict(
                "This Idempotency-Key was used with a different request; use a new key for a new request.",
                code="idempotency_key_reused",
            )
        return int(item.status), json.loads(item.answer)

    def run(self, write: Callable[[Transaction], Answer]) -> Answer:
        """Replay, or commit `write`'s items with the answer it returns, in one transaction."""
        stored = self.replay()
        if stored is not None:
            return stored
        tx, put = Transaction(self.service), None
        try:
            with tx:
                status, answer = write(tx)
                if self.key is not None:
                    item = self.item_class(self.pk, "IDEM", fingerprint=self.fingerprint, status=status,
                                           answer=json.dumps(answer, separators=(",", ":")),
                                           expires_at=clock.now() + IDEMPOTENCY_TTL_SECONDS)
                    put = tx.save_tracked(item, condition=self.item_class.pk.does_not_exist())
        except TransactWriteError as error:
            if put is not None and tx.condition_failed(error, put):
                stored = self.replay()  # a concurrent call with the same key committed first
                if stored is not None:
                    return stored
            raise
        return status, answer
