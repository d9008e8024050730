from pynamodb.exceptions import TransactWriteError

from portalkit.envelope import new_event
from portalkit.store import Transaction, failed_conditions, kit_items, shared_connection


def test_every_item_class_shares_one_dynamodb_client(system):
    from chalicelib.messaging.models import ContactItem
    from chalicelib.requests.models import PersonItem

    outbox, inbox = kit_items("billing")
    clients = {id(model._get_connection().connection.client) for model in (PersonItem, ContactItem, outbox, inbox)}
    assert clients == {id(shared_connection().client)}


def test_an_event_published_twice_under_one_id_is_refused(system):
    event = new_event("requests.person.registered", agency_id="a", subject_id="s", subject_version=1, data={})
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
