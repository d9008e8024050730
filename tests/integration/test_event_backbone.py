"""The event backbone end to end: outbox -> stream -> relay -> bus -> rule -> queue -> consumer."""

from __future__ import annotations

import json

import pytest
from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from infra.local.system import load_app
from portalkit import relay
from portalkit.store import TableModel, table_meta


class Applied(TableModel):
    """A deliberately non-idempotent effect (a counter), to see how often a handler's writes commit."""

    Meta = table_meta("messaging")
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    count = NumberAttribute(default=0)


def times_applied(subject: str) -> int:
    try:
        return int(Applied.get(f"TEST#{subject}", "APPLIED").count)
    except Applied.DoesNotExist:
        return 0


@pytest.fixture
def counting(monkeypatch):
    """Messaging's person handler also counts, in its own transaction; subjects named 'bad-*' always fail."""
    consumer = load_app("messaging").consumers.consumer
    keys = [("requests.person.registered", 1), ("requests.person.updated", 1)]
    handlers = {key: consumer.handlers[key] for key in keys}

    def counted(key):
        def handler(event, tx):
            if event.subject_id.startswith("bad-"):
                raise RuntimeError("this handler always fails")
            handlers[key](event, tx)
            tx.update(Applied(f"TEST#{event.subject_id}", "APPLIED"), actions=[Applied.count.add(1)])

        return handler

    for key in handlers:
        monkeypatch.setitem(consumer.handlers, key, counted(key))


def register(system, person_id, name="Casey"):
    reply = system.api.post(
        "/requests/people", token=system.token("admin"),
        json={"person_id": person_id, "name": name, "email": f"{person_id}@a.test", "role": "client"},
    )
    assert reply.status == 201, reply.body


def rename(system, person_id, name):
    reply = system.api.put(f"/requests/people/{person_id}", token=system.token("admin"), json={"name": name})
    assert reply.status == 200, reply.body


def contact(person_id):
    from chalicelib.messaging.contacts import load_contact

    return load_contact("agency-a", person_id)


def test_an_event_reaches_every_subscriber_once(system, counting):
    register(system, "c1")
    stats = system.pump().drain()
    assert [e.event_type for e in stats.published] == ["requests.person.registered"]
    assert contact("c1").name == "Casey"
    assert times_applied("c1") == 1
    assert stats.consumer_failures == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_duplicated_and_shuffled_delivery_applies_each_event_once(system, counting, seed):
    for i in range(4):
        register(system, f"c{i}", name=f"First {i}")
    rename(system, "c1", "Second 1")
    rename(system, "c1", "Third 1")
    stats = system.pump(duplicate=True, shuffle=True, seed=seed).drain()

    assert stats.delivered >= 4 * 6  # every event reached both consumers twice over, at least
    assert [times_applied(f"c{i}") for i in range(4)] == [1, 3, 1, 1]  # c1: registered + 2 updates
    assert contact("c1").name == "Third 1" and contact("c1").version == 3  # older versions never win
    assert [contact(f"c{i}").name for i in (0, 2, 3)] == ["First 0", "First 2", "First 3"]
    assert system.dlq_bodies("messaging") == []


def test_a_record_whose_handler_always_fails_ends_in_the_dlq_and_blocks_nothing(system, counting):
    register(system, "c1")
    register(system, "bad-1")
    register(system, "c3")
    stats = system.pump().drain()

    assert times_applied("c1") == 1 and times_applied("c3") == 1
    dead = [json.loads(body)["detail"]["subject_id"] for body in system.dlq_bodies("messaging")]
    assert dead == ["bad-1"]
    assert stats.consumer_failures == 5  # received maxReceiveCount times, then redriven
    assert contact("c3").name == "Casey"  # records after the poison one in the same batch were applied


def test_a_message_that_is_no_event_ends_in_the_dlq(system):
    sqs = system.clients("sqs")
    sqs.send_message(QueueUrl=system.resources.queue_urls["messaging"], MessageBody="this is not an event")
    register(system, "c1")
    system.pump().drain()
    assert contact("c1").name == "Casey"
    assert system.dlq_bodies("messaging") == ["this is not an event"]


def test_an_unknown_version_of_a_subscribed_event_is_refused_into_the_dlq(system):
    from portalkit.testing.messages import new_queue_message

    body = new_queue_message("requests.person.registered", agency_id="agency-a", subject_id="c9", subject_version=1,
                       data={}, version=7)
    system.clients("sqs").send_message(QueueUrl=system.resources.queue_urls["messaging"], MessageBody=body)
    system.pump().drain()
    assert [json.loads(b)["detail"]["event_version"] for b in system.dlq_bodies("messaging")] == [7]


class FlakyEvents:
    """The real EventBridge client, except that PutEvents rejects some subjects' entries a few times."""

    def __init__(self, real, reject: dict[str, int]):
        self.real = real
        self.reject = dict(reject)
        self.rejected = 0

    def put_events(self, Entries):
        passed, results = [], []
        for entry in Entries:
            subject = json.loads(entry["Detail"])["subject_id"]
            if self.reject.get(subject, 0) > 0:
                self.reject[subject] -= 1
                self.rejected += 1
                results.append({"ErrorCode": "InternalFailure", "ErrorMessage": "throttled"})
            else:
                passed.append(entry)
                results.append(None)
        real = iter(self.real.put_events(Entries=passed)["Entries"] if passed else [])
        results = [r or next(real) for r in results]
        return {"FailedEntryCount": sum("ErrorCode" in r for r in results), "Entries": results}


def test_the_relay_loses_nothing_when_put_events_rejects_an_entry(system, counting, monkeypatch):
    flaky = FlakyEvents(system.clients("events"), reject={"c2": relay.ATTEMPTS + 1})
    monkeypatch.setattr(relay.aws, "client", lambda name: flaky)
    monkeypatch.setattr(relay, "BACKOFF_SECONDS", 0)
    for person_id in ("c1", "c2", "c3"):
        register(system, person_id)
    stats = system.pump().drain()

    assert flaky.rejected == relay.ATTEMPTS + 1
    assert stats.relay_failures == 1  # the stream batch was reported failed once, then retried
    assert [times_applied(p) for p in ("c1", "c2", "c3")] == [1, 1, 1]
    assert [contact(p).name for p in ("c1", "c2", "c3")] == ["Casey"] * 3
