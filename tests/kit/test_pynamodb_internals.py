"""The PynamoDB internals the kit relies on (portalkit/pynamodb_internals.py). Each test names the internal it pins:
when one fails after a PynamoDB upgrade, mend the adapter, not its callers."""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import TransactWriteError

from portalkit import store
from portalkit.pynamodb_internals import SharedClientModel, pending, table_connection
from portalkit.store import TableModel, Transaction, failed_conditions, shared_connection, table_meta


class _Item(TableModel):
    Meta = table_meta("requests")
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    n = NumberAttribute(null=True)


def test_a_models_table_connection_takes_the_shared_client_through_connection_client(system):
    # Model._get_connection(), Model._connection, TableConnection.connection._client
    assert issubclass(TableModel, SharedClientModel)
    assert table_connection(_Item).connection._client is shared_connection().client
    assert "_connection" in _Item.__dict__


def test_a_transactions_pending_items_are_four_lists_in_dynamodbs_reporting_order(system):
    # TransactWrite._condition_check_items, _delete_items, _put_items, _update_items
    _Item("p", "check").save()
    _Item("p", "gone").save()
    _Item("p", "updated").save()
    tx = Transaction("requests")
    tx.condition_check(_Item, "p", "check", condition=_Item.pk.exists())
    tx.delete(_Item("p", "gone"))
    put = tx.save_tracked(_Item("p", "new"), condition=_Item.pk.exists())  # fails: there is no such item
    tx.update(_Item("p", "updated"), actions=[_Item.n.set(1)])
    checks, deletes, puts, updates = pending(tx)
    assert [len(items) for items in (checks, deletes, puts, updates)] == [1, 1, 1, 1]
    assert puts[0] is put and "Item" in put and "Key" in updates[0]
    assert tx.position(put) == 2
    try:
        with tx:
            pass
    except TransactWriteError as error:
        assert failed_conditions(error) == [False, False, True, False]
        assert tx.condition_failed(error, put)
    else:
        raise AssertionError("the put's condition held though there was no item")


def test_the_kits_reads_and_conditional_writes_answer_without_pynamodbs_exceptions(system):
    assert store.get(_Item, "p", "absent") is None
    item = _Item("p", "x")
    item.save()
    assert not store.update_if(item, [_Item.n.set(2)], _Item.n == 1)
    assert store.update_if(item, [_Item.n.set(2)], _Item.n.does_not_exist())
    assert not store.delete_if(item, _Item.n == 1)
    assert store.delete_if(item, _Item.n == 2)
    assert store.get(_Item, "p", "x") is None
