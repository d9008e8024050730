"""In-process moto made fast where the saga tests spend their time, with the same behaviour.

- TransactWriteItems: moto backs up every table a transaction names with `copy.deepcopy` before applying it,
  stream records included, so each transaction costs time in proportion to everything written before it.
  Here a transaction saves only the items it names (and how long each stream was) and puts those back when
  it is cancelled: the same all-or-nothing effect.
- PutEvents: moto delivers each event to each target through eight JSONPath expressions that it parses again
  every time (building a parser each time, ~40 ms per delivery); here each expression is parsed once.

For the in-process test suite and the local stack's moto server, which both run one transaction at a time
(the patch is process-wide). Nothing here runs in Lambda.
"""

from __future__ import annotations

import copy
import functools

_installed = False


class _TablesAreNotCopied:
    """Stands in for the `copy` module inside moto.dynamodb.models: the 'backup' of a table is the table itself."""

    def __init__(self, table_class):
        self.table_class = table_class

    def deepcopy(self, value, memo=None):
        return value if isinstance(value, self.table_class) else copy.deepcopy(value, memo)

    def __getattr__(self, name):
        return getattr(copy, name)


def install() -> None:
    global _installed
    if _installed:
        return
    _parse_json_paths_once()
    _roll_back_transactions_by_item()
    _installed = True


def _parse_json_paths_once() -> None:
    import jsonpath_ng.ext

    jsonpath_ng.ext.parse = functools.cache(jsonpath_ng.ext.parse)  # moto imports it at each call


def _roll_back_transactions_by_item() -> None:
    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        saved = _save(self, transact_items)
        try:
            return original(self, transact_items)
        except Exception:
            _restore(saved)
            raise

    models.copy = _TablesAreNotCopied(Table)
    models.DynamoDBBackend.transact_write_items = transact_write_items


def _save(backend, transact_items) -> tuple[list, list]:
    """Each named item as it is now (None when absent), and each stream's length."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    items, streams, seen = [], [], set()
    for entry in transact_items:
        _, op = next(iter(entry.items()))
        table = backend.tables.get(op.get("TableName"))
        if table is None:
            continue
        key = op.get("Item") if "Item" in op else op.get("Key")
        try:
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
            current = table.get_item(hash_value, range_value)
        except Exception:  # noqa: S112  - a malformed key: moto refuses the transaction before writing
            continue
        items.append((table, hash_value, range_value, copy.deepcopy(current)))
        if table.stream_shard is not None and id(table) not in seen:
            seen.add(id(table))
            streams.append((table.stream_shard, len(table.stream_shard.items)))
    return items, streams


def _restore(saved: tuple[list, list]) -> None:
    items, streams = saved
    for table, hash_value, range_value, before in reversed(items):
        if range_value is not None:
            if before is None:
                table.items[hash_value].pop(range_value, None)
            else:
                table.items[hash_value][range_value] = before
        elif before is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = before
    for shard, length in streams:
        del shard.items[length:]
