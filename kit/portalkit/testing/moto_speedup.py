"""moto's DynamoDB transactions snapshot each table once per transaction, not once per item (tests, local stack).

moto 5 deep-copies a whole table for every item of a TransactWriteItems, to roll back if one fails: a
transaction of n items on a table of m items copies n*m items, and a test that writes a few hundred items
spends most of its time there. One snapshot per table and transaction rolls back exactly the same way
(the same tables are restored to the same state). The patch swaps a module global for the length of a
transaction, so it suits one transaction at a time: the in-process tests, and the local stack's moto server,
which serves one request at a time. Nothing here runs in Lambda.
"""

from __future__ import annotations

import copy
import functools


class _SnapshotOnce:
    """Stands in for the `copy` module inside one transaction: a table is copied once, anything else as usual."""

    def __init__(self, table_class: type):
        self.table_class = table_class
        self.snapshots: dict[int, tuple[object, object]] = {}  # keeps the original alive, so its id stays its own

    def deepcopy(self, value, memo=None):
        if not isinstance(value, self.table_class):
            return copy.deepcopy(value, memo)
        found = self.snapshots.get(id(value))
        if found is None or found[0] is not value:
            found = self.snapshots[id(value)] = (value, copy.deepcopy(value, memo))
        return found[1]


def install() -> None:
    """Patch moto's DynamoDB backend in this process (idempotent)."""
    import moto.dynamodb.models as models

    backend = models.DynamoDBBackend
    if getattr(backend.transact_write_items, "snapshots_once", False):
        return
    original = backend.transact_write_items

    @functools.wraps(original)
    def transact_write_items(self, transact_items):
        models.copy = _SnapshotOnce(models.Table)
        try:
            return original(self, transact_items)
        finally:
            models.copy = copy

    transact_write_items.snapshots_once = True
    backend.transact_write_items = transact_write_items
