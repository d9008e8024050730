"""The consumer's decisions on redelivery, unknown versions and lost races (on in-process moto)."""


import pytest
from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from portalkit.consumer import APPLIED, DUPLICATE, IGNORED, Consumer
from portalkit.envelope import UnknownEventVersion, new_event
from portalkit.store import TableModel, table_meta
from portalkit.testing.messages import queue_message


class Counter(TableModel):
    Meta = table_meta("billing")
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    value = NumberAttribute()


def message(version=1, event=None):
    event = event or new_event("requests.person.registered", agency_id="a", subject_id="s", subject_version=1,
                               data={}, version=version)
    return queue_message(event), event


def test_a_redelivered_event_is_a_duplicate(system):
    consumer = Consumer("billing")
    consumer.handles("requests.person.registered")(lambda event, tx: None)
    body, _ = message()
    assert consumer.handle_message(body) == APPLIED
    assert consumer.handle_message(body) == DUPLICATE


def test_unknown_versions_fail_and_unknown_types_are_acknowledged():
    consumer = Consumer("billing")
    consumer.handles("requests.person.registered")(lambda event, tx: None)
    with pytest.raises(UnknownEventVersion, match="versions \\[1\\], not 2"):
        consumer.handle_message(message(version=2)[0])
    other = new_event("requests.person.updated", agency_id="a", subject_id="s", subject_version=1, data={})
    assert consumer.handle_message(message(event=other)[0]) == IGNORED


def test_a_handler_that_loses_a_race_decides_again(system):
    """The first attempt's condition fails (someone wrote meanwhile); the second reads that and succeeds."""
    Counter("c", "C", value=0).save()
    consumer = Consumer("billing")
    attempts = []

    @consumer.handles("requests.person.registered")
    def bump(event, tx):
        current = Counter.get("c", "C", consistent_read=True).value
        attempts.append(current)
        if len(attempts) == 1:
            Counter("c", "C", value=current + 100).save()  # a concurrent writer gets in first
        tx.update(Counter("c", "C"), actions=[Counter.value.set(current + 1)], condition=Counter.value == current)

    assert consumer.handle_message(message()[0]) == APPLIED
    assert attempts == [0, 100]
    assert Counter.get("c", "C").value == 101


def test_a_batch_reports_only_its_failed_records(system):
    consumer = Consumer("billing")
    consumer.handles("requests.person.registered")(lambda event, tx: None)
    good, _ = message()
    result = consumer.handle_batch({"Records": [
        {"messageId": "1", "body": good}, {"messageId": "2", "body": "garbage"}, {"messageId": "3", "body": good},
    ]})
    assert result == {"batchItemFailures": [{"itemIdentifier": "2"}]}
