from pynamodb.exceptions import TransactWriteError

from portalkit.envelope import new_message
from portalkit.errors import Conflict
from portalkit.store import Transaction, failed_conditions, kit_items, shared_connection


def test_every_item_class_shares_one_dynamodb_client(system):
    from chalicelib.messaging.models import ContactItem
    from chalicelib.requests.models import PersonItem

    outbox, inbox = kit_items("billing")
    clients = {id(model._get_connection().connection.client) for model in (PersonItem, ContactItem, outbox, inbox)}
    assert clients == {id(shared_connection().client)}


def test_an_event_published_twice_under_one_id_is_refused(system):
    event = new_message("requests.person.registered", agency_id="a", subject_id="s", subject_version=1, data={})
    with Transaction("requests") as tx:
        tx.publish(event)
    try:
        with Transaction("requests") as tx:
            tx.publish(event)
    except TransactWriteError as error:
        assert failed_conditions(error) == [True]
    else:
        raise AssertionError("the second outbox item with the same event_id was written")


def test_item_classes_are_bound_to_their_service_table():
    outbox, _ = kit_items("billing")
    assert outbox.Meta.table_name == "portal-test-billing"
    assert kit_items("billing") == kit_items("billing")


def test_a_subclass_keeps_its_indexes_when_its_base_class_was_used_first(system):
    from pynamodb.attributes import UnicodeAttribute

    from portalkit.store import Gsi1, TableModel, table_meta

    class Base(TableModel):
        Meta = table_meta("billing")
        pk = UnicodeAttribute(hash_key=True)
        sk = UnicodeAttribute(range_key=True)

    class Indexed(Base):
        gsi1pk = UnicodeAttribute(null=True)
        gsi1sk = UnicodeAttribute(null=True)
        by_gsi = Gsi1()

    Base("a", "b").save()
    Indexed("c", "d", gsi1pk="G", gsi1sk="1").save()
    assert [item.pk for item in Indexed.by_gsi.query("G")] == ["c"]


class _Throttled:
    """A DynamoDB client that answers each BatchGetItem with the first `served` keys and leaves the rest unprocessed."""

    def __init__(self, served: int):
        self.served, self.calls = served, []

    def batch_get_item(self, RequestItems):  # botocore names it so
        (table, request), = RequestItems.items()
        self.calls.append([key["sk"]["S"] for key in request["Keys"]])
        done, left = request["Keys"][:self.served], request["Keys"][self.served:]
        items = [{**key, "value": {"S": key["sk"]["S"].upper()}} for key in done]
        return {"Responses": {table: items}, "UnprocessedKeys": {table: {"Keys": left}} if left else {}}


def _throttled(monkeypatch, served: int) -> _Throttled:
    from types import SimpleNamespace

    from portalkit import store

    client = _Throttled(served)
    monkeypatch.setattr(store, "shared_connection", lambda: SimpleNamespace(client=client))
    return client


def test_batch_get_asks_again_for_the_keys_dynamodb_left_unprocessed(monkeypatch):
    from portalkit import clock, store

    client = _throttled(monkeypatch, served=2)
    keys = [("P", f"k{i}") for i in range(5)] + [("P", "k0")]  # a key asked twice is read once
    with clock.frozen(1_796_652_000):  # a fixed clock does not wait between attempts
        found = store.batch_get("requests", keys)
    assert client.calls == [["k0", "k1", "k2", "k3", "k4"], ["k2", "k3", "k4"], ["k4"]]
    assert {key: raw["value"]["S"] for key, raw in found.items()} == {("P", f"k{i}"): f"K{i}" for i in range(5)}


def test_batch_get_reads_at_most_100_keys_per_call(monkeypatch):
    from portalkit import store

    client = _throttled(monkeypatch, served=100)
    found = store.batch_get("requests", [("P", f"k{i:03d}") for i in range(250)])
    assert [len(call) for call in client.calls] == [100, 100, 50] and len(found) == 250


def test_batch_get_fails_when_keys_stay_unprocessed_after_bounded_retries_with_growing_waits(monkeypatch):
    from portalkit import clock, store

    client, waits = _throttled(monkeypatch, served=0), []
    monkeypatch.setattr(clock, "sleep", waits.append)
    try:
        store.batch_get("requests", [("P", "k0")])
    except store.UnprocessedKeys:
        pass
    else:
        raise AssertionError("an item DynamoDB never returned was silently left out")
    assert len(client.calls) == store.BATCH_GET_ATTEMPTS
    assert waits == [store.BATCH_GET_BACKOFF_SECONDS * 2**n for n in range(store.BATCH_GET_ATTEMPTS - 1)]


def test_a_fixed_clock_does_not_wait(monkeypatch):
    import time

    from portalkit import clock

    monkeypatch.setattr(time, "sleep", lambda seconds: (_ for _ in ()).throw(AssertionError("waited")))
    with clock.frozen(0):
        clock.sleep(5)


def _outbox_item(event_id: str):
    outbox, _ = kit_items("requests")
    return outbox, outbox(pk=f"OUTBOX#{event_id}", sk="OUTBOX", envelope="{}", expires_at=0)


def test_commit_writes_in_one_transaction_and_answers_a_lost_condition_with_the_conflict_given(system):
    from portalkit.errors import changed
    from portalkit.store import commit

    outbox, item = _outbox_item("e1")
    tx = commit("requests", lambda tx: tx.save(item, condition=outbox.pk.does_not_exist()), changed("outbox item"))
    assert isinstance(tx, Transaction) and outbox.get(item.pk, "OUTBOX").envelope == "{}"
    try:
        commit("requests", lambda tx: tx.save(item, condition=outbox.pk.does_not_exist()), changed("outbox item"))
    except Conflict as error:
        assert (error.code, error.message) == ("version_conflict",
                                                "The outbox item changed meanwhile; reload and try again.")
    else:
        raise AssertionError("a write whose condition failed was taken")


def test_commit_tells_the_conflict_which_tracked_put_lost(system):
    from portalkit.store import commit

    outbox, taken = _outbox_item("e2")
    taken.save()
    _, free = _outbox_item("e3")
    puts = {}

    def write(tx):
        puts["free"] = tx.save_tracked(free, condition=outbox.pk.does_not_exist())
        puts["taken"] = tx.save_tracked(taken, condition=outbox.pk.does_not_exist())

    def conflict(lost):
        return Conflict(f"free lost: {lost(puts['free'])}, taken lost: {lost(puts['taken'])}")

    try:
        commit("requests", write, conflict)
    except Conflict as error:
        assert error.message == "free lost: False, taken lost: True"
    else:
        raise AssertionError("a write whose condition failed was taken")


def test_new_ids_are_32_hex_digits_and_differ():
    from portalkit.store import new_id

    ids = {new_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


def test_query_raw_reads_a_page_of_items_of_several_kinds_and_says_where_the_next_starts(system):
    from portalkit.store import query_all_raw, query_raw

    outbox, inbox = kit_items("requests")
    for n in range(3):
        outbox(pk="P#1", sk=f"A#{n}", envelope="{}", expires_at=0).save()
    inbox(pk="P#1", sk="B#0", event_type="requests.person.registered", expires_at=0).save()

    first, start = query_raw(outbox, "P#1", limit=2)
    assert [raw["sk"]["S"] for raw in first] == ["A#0", "A#1"] and start is not None
    rest, start = query_raw(outbox, "P#1", start_key=start)
    assert [raw["sk"]["S"] for raw in rest] == ["A#2", "B#0"] and start is None
    newest, _ = query_raw(outbox, "P#1", outbox.sk.startswith("A#"), limit=1, forward=False)
    assert [raw["sk"]["S"] for raw in newest] == ["A#2"]
    filtered, _ = query_raw(outbox, "P#1", limit=2, filter_condition=outbox.sk != "A#0")
    assert [raw["sk"]["S"] for raw in filtered] == ["A#1"]  # one call: the filter applies after the limit
    assert [raw["sk"]["S"] for raw in query_all_raw(outbox, "P#1", outbox.sk.between("A#1", "B#0"))] == \
        ["A#1", "A#2", "B#0"]



def _projection():
    """A projection item class of the billing table: a subject's name and version, and what its owner chose."""
    from pynamodb.attributes import NumberAttribute, UnicodeAttribute

    from portalkit.store import TableModel, table_meta

    class Projection(TableModel):
        Meta = table_meta("billing")
        pk = UnicodeAttribute(hash_key=True)
        sk = UnicodeAttribute(range_key=True)
        name = UnicodeAttribute(null=True)
        chosen = UnicodeAttribute(null=True)  # what the owner chose, not the projection
        version = NumberAttribute(null=True)

    return Projection


def test_keep_newest_writes_a_newer_version_and_leaves_an_older_or_repeated_one_unwritten(system):
    from portalkit.store import keep_newest, stored_version

    Projection = _projection()

    def apply(version: int, name: str, update: bool = False) -> bool:
        with Transaction("billing") as tx:
            item = Projection("P", "S", name=name, version=version)
            actions = [Projection.name.set(name), Projection.version.set(version)] if update else None
            return keep_newest(tx, item, version, actions=actions)

    assert stored_version(Projection, "P", "S") is None
    assert apply(2, "second") is True
    assert [apply(1, "first"), apply(2, "again")] == [False, False]  # shuffled or redelivered: nothing written
    assert (Projection.get("P", "S").name, stored_version(Projection, "P", "S")) == ("second", 2)
    Projection("P", "S", name="second", chosen="mine", version=2).save()
    assert apply(3, "third", update=True) is True  # an update keeps the attributes it does not name
    stored = Projection.get("P", "S")
    assert (stored.name, stored.chosen, stored.version) == ("third", "mine", 3)


def test_keep_newest_loses_to_a_newer_version_written_after_its_read(system):
    """The condition settles a race: another delivery wrote a newer version between the read and the commit."""
    from portalkit.store import keep_newest

    Projection = _projection()
    try:
        with Transaction("billing") as tx:
            assert keep_newest(tx, Projection("R", "S", version=4), 4) is True
            Projection("R", "S", version=5).save()  # the racing delivery
    except TransactWriteError as error:
        assert failed_conditions(error) == [True]
    else:
        raise AssertionError("an older version overwrote a newer one")
    assert Projection.get("R", "S").version == 5
