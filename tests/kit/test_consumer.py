"""The consumer's decisions on redelivery, unknown versions and lost races (on in-process moto)."""


import pytest
from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from portalkit import clock
from portalkit.consumer import (
    APPLIED,
    DUPLICATE,
    FAILURE_NOTE_TTL_SECONDS,
    IGNORED,
    Consumer,
    error_text,
    failure_notes,
)
from portalkit.envelope import UnknownMessageVersion, new_message
from portalkit.store import TableModel, table_meta
from portalkit.testing.messages import queue_message


class Counter(TableModel):
    Meta = table_meta("billing")
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    value = NumberAttribute()


def message(version=1, event=None):
    event = event or new_message("requests.person.registered", agency_id="a", subject_id="s", subject_version=1,
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
    with pytest.raises(UnknownMessageVersion, match="versions \\[1\\], not 2"):
        consumer.handle_message(message(version=2)[0])
    other = new_message("requests.person.updated", agency_id="a", subject_id="s", subject_version=1, data={})
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


T = 1_781_083_800  # 2026-06-10 09:30 UTC


def failing_consumer(error: Exception) -> Consumer:
    consumer = Consumer("billing")

    @consumer.handles("requests.person.registered")
    def fail(event, tx):
        raise error

    return consumer


def test_a_failed_record_leaves_a_note_of_why_keyed_by_its_event(system):
    consumer = failing_consumer(RuntimeError("no fee schedule for the service\nTraceback details"))
    body, event = message()
    with clock.frozen(T):
        assert consumer.handle_batch({"Records": [{"messageId": "m1", "body": body}]})["batchItemFailures"]
    with clock.frozen(T + 60):
        consumer.handle_batch({"Records": [{"messageId": "m1", "body": body}]})
    note = failure_notes("billing").get(f"FAILED#{event.event_id}", "FAILED")
    assert (note.error, note.message, note.attempts) == ("RuntimeError", "no fee schedule for the service", 2)
    assert (note.first_failed_at, note.last_failed_at) == (T, T + 60)
    assert note.expires_at == T + 60 + FAILURE_NOTE_TTL_SECONDS


def test_a_message_that_is_no_event_is_noted_by_its_message_id_and_long_errors_are_cut(system):
    consumer = failing_consumer(RuntimeError("x"))
    with clock.frozen(T):
        consumer.handle_batch({"Records": [{"messageId": "m2", "body": "garbage"}]})
    note = failure_notes("billing").get("FAILED#message:m2", "FAILED")
    assert note.error == "InvalidEnvelope" and note.message.startswith("not JSON")
    assert len(error_text(ValueError("y" * 5000))) == 300


def test_a_note_that_cannot_be_written_still_reports_the_failure(system, monkeypatch):
    consumer = failing_consumer(RuntimeError("boom"))

    def broken(service):
        raise ConnectionError("the table cannot be reached")

    monkeypatch.setattr("portalkit.consumer.failure_notes", broken)
    body, _ = message()
    assert consumer.handle_batch({"Records": [{"messageId": "m3", "body": body}]}) == {
        "batchItemFailures": [{"itemIdentifier": "m3"}]}
