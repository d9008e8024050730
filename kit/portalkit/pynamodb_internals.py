"""The one place that reaches into PynamoDB's private parts; `tests/kit/test_pynamodb_internals.py` fails loudly when a
PynamoDB upgrade moves any of them.

- a model's table connection and its botocore client (`Model._get_connection()`, `Connection._client`): one client per
  process, and one raw Query returning items of several kinds;
- a `TransactWrite`'s pending items (`_condition_check_items`, `_delete_items`, `_put_items`, `_update_items`): which
  item's condition cancelled a transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from pynamodb.connection import Connection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite


class SharedClientModel(Model):
    """A model with a table connection of its own (a base class's lacks the subclass's indexes) that uses the botocore
    client of the connection `shared()` returns: a new client costs ~100 ms, and PynamoDB would make one per model."""

    shared: Callable[[], Connection]

    @classmethod
    def _get_connection(cls):
        if "_connection" not in cls.__dict__:
            cls._connection = None
        table = super()._get_connection()
        if table.connection._client is None:
            table.connection._client = cls.shared().client
        return table


def table_connection(model: type[Model]):
    """The model's `TableConnection`, for a raw Query."""
    return model._get_connection()


def pending(tx: TransactWrite) -> tuple[list, list, list, list]:
    """A transaction's items, in the order DynamoDB reports their cancellation reasons: condition checks, deletes,
    puts, updates."""
    return tx._condition_check_items, tx._delete_items, tx._put_items, tx._update_items
