"""Operators' recovery on in-process moto: a poison message listed in its DLQ with why it failed, redriven once the
consumer is fixed and applied once; a window of the bus's archive replayed so a consumer that missed events catches
up, applying nothing twice (`infra.recovery`, `make dlq`, `make redrive`, `make replay`)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from infra import recovery
from infra.local.system import load_app
from portalkit.consumer import FAILURE_NOTE_TTL_SECONDS
from portalkit.envelope import new_message
from portalkit.store import Transaction
from tests.integration.test_event_backbone import Applied, contact, register, times_applied
from tests.support import EventFlow

PERSON = ("requests.person.registered", 1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture
def target(system) -> recovery.Target:
    return recovery.Target(system.declaration, system.clients, "in-process moto", receive_wait_seconds=0,
                           replay_poll_seconds=0)


@pytest.fixture
def messaging(monkeypatch):
    """Messaging's handler of registered people, counting each commit; while `broken`, it fails (a bad deploy)."""
    consumer = load_app("messaging").consumers.consumer
    original = consumer.handlers[PERSON]
    state = {"broken": False}

    def handler(event, tx):
        if state["broken"]:
            raise LookupError("contact index v2 is not deployed yet")
        original(event, tx)
        tx.update(Applied(f"TEST#{event.subject_id}", "APPLIED"), actions=[Applied.count.add(1)])

    monkeypatch.setitem(consumer.handlers, PERSON, handler)
    return state


def test_a_poison_message_is_listed_with_why_it_failed_then_redriven_once_fixed_and_applied_once(
        system, target, messaging):
    pump = system.pump()  # one pump: a new one would relay the tables' streams from their start again
    messaging["broken"] = True
    register(system, "c1")
    assert pump.drain().consumer_failures == 5  # maxReceiveCount, then SQS moved it to the DLQ

    (letter,) = recovery.dead_letters(target, "messaging")
    listed = letter.summary()
    assert (listed["event_type"], listed["agency_id"], listed["subject_id"]) == (
        "requests.person.registered", "agency-a", "c1")
    assert listed["receive_count"] >= 5 and listed["failed_attempts"] == 5
    assert (listed["error"], listed["error_message"]) == ("LookupError", "contact index v2 is not deployed yet")
    assert listed["occurred_at"] and listed["last_failed_at"]
    assert "Casey" not in json.dumps(listed)  # the event's data (a name, an email) is not shown
    assert [letter.summary()["event_id"] for letter in recovery.dead_letters(target, "messaging")] == [
        listed["event_id"]]  # looking leaves it there

    messaging["broken"] = False  # the fix is deployed
    moved = recovery.redrive(target, "messaging")
    assert [m.key for m in moved.moved] == [listed["event_id"]] and moved.left == 0
    assert recovery.dead_letters(target, "messaging") == []
    pump.duplicate = True
    pump.drain()
    assert contact("c1").name == "Casey"
    assert times_applied("c1") == 1

    # The same message moved twice (a redrive interrupted between its send and its delete) changes nothing.
    system.clients("sqs").send_message(QueueUrl=system.resources.queue_urls["messaging"], MessageBody=letter.body)
    pump.drain()
    assert times_applied("c1") == 1


def test_redrive_moves_only_the_events_named_and_says_which_it_did_not_find(system, target, messaging):
    pump = system.pump()
    messaging["broken"] = True
    for person in ("c1", "c2"):
        register(system, person)
    pump.drain()
    letters = {letter.event.subject_id: letter for letter in recovery.dead_letters(target, "messaging")}
    assert sorted(letters) == ["c1", "c2"]

    messaging["broken"] = False
    moved = recovery.redrive(target, "messaging", [letters["c2"].key, "no-such-event"])
    assert [m.event.subject_id for m in moved.moved] == ["c2"]
    assert (moved.left, moved.unknown) == (1, ["no-such-event"])
    pump.drain()
    assert (times_applied("c1"), times_applied("c2")) == (0, 1)
    assert [letter.event.subject_id for letter in recovery.dead_letters(target, "messaging")] == ["c1"]


def publish_person(person: str, occurred_at: str) -> None:
    """requests.person.registered from requests' outbox, as if it had occurred at `occurred_at`."""
    event = new_message("requests.person.registered", agency_id="agency-a", subject_id=person, subject_version=1,
                      data={"person_id": person, "name": f"Name {person}", "email": f"{person}@a.test",
                            "role": "client", "email_consent": True})
    with Transaction("requests") as tx:
        tx.publish(replace(event, occurred_at=occurred_at))


def test_a_replayed_window_catches_up_a_consumer_that_missed_events_and_applies_nothing_twice(
        system, target, messaging):
    flow = EventFlow(system, producers=("requests",), consumers=("messaging",))
    publish_person("c1", "2026-06-10T09:00:00.000Z")
    flow.deliver()
    (wired,) = [w for w in flow.pump.wirings if w.service == "messaging"]
    consumer, wired.consumer = wired.consumer, None  # messaging misses the next two: its queue is purged
    publish_person("c2", "2026-06-10T10:00:00.000Z")
    publish_person("c3", "2026-06-10T11:00:00.000Z")
    flow.deliver()
    system.clients("sqs").purge_queue(QueueUrl=system.resources.queue_urls["messaging"])
    wired.consumer = consumer
    assert [times_applied(p) for p in ("c1", "c2", "c3")] == [1, 0, 0]

    done = recovery.replay(target, ("messaging",), at("2026-06-10T09:30Z"), at("2026-06-10T12:00Z"), say=print)
    assert done["State"] == "COMPLETED"
    flow.pump.drain()
    assert [times_applied(p) for p in ("c1", "c2", "c3")] == [1, 1, 1]  # c1 lies before the window
    assert contact("c3").name == "Name c3"

    recovery.replay(target, ("messaging",), at("2026-06-10T08:00Z"), at("2026-06-10T12:00Z"))
    stats = flow.pump.drain()
    assert stats.delivered >= 3  # every event came again ...
    assert [times_applied(p) for p in ("c1", "c2", "c3")] == [1, 1, 1]  # ... and changed nothing


def test_the_local_replay_sends_only_the_window_and_only_to_the_rules_named(system, target):
    """The local stand-in (infra.local.event_replay) replays as EventBridge does; moto alone replays everything to
    every rule."""
    events, bus = system.clients("events"), system.declaration.bus_name
    for subject, occurred in (("early", "2026-06-10T08:00:00Z"), ("inside", "2026-06-10T10:00:00Z")):
        detail = new_message("requests.service.opened", agency_id="agency-a", subject_id=subject, subject_version=1,
                           data={})
        events.put_events(Entries=[{"EventBusName": bus, "Source": "portal.requests", "Time": occurred,
                                    "DetailType": detail.event_type, "Detail": json.dumps({"subject_id": subject})}])
    sqs = system.clients("sqs")
    for url in system.resources.queue_urls.values():
        sqs.purge_queue(QueueUrl=url)
    routed = [s for s in system.declaration.services
              if "requests.service.opened" in system.declaration.rule(s).detail_types]
    assert "billing" in routed and len(routed) > 1

    recovery.replay(target, ("billing",), at("2026-06-10T09:00Z"), at("2026-06-10T11:00Z"))
    received = {s: [json.loads(m["Body"]) for m in sqs.receive_message(
        QueueUrl=system.resources.queue_urls[s], MaxNumberOfMessages=10).get("Messages", [])] for s in routed}
    assert [b["detail"]["subject_id"] for b in received["billing"]] == ["inside"]
    assert received["billing"][0]["replay-name"].startswith("test-billing-")
    assert all(not received[s] for s in routed if s != "billing")
    assert events.describe_archive(ArchiveName=system.declaration.archive.name)["EventCount"] == 2  # not again


def test_a_replay_needs_a_window_and_times_with_their_offset(target):
    with pytest.raises(recovery.RecoveryError, match="empty"):
        recovery.replay(target, ("billing",), at("2026-06-10T12:00Z"), at("2026-06-10T09:00Z"))
    with pytest.raises(recovery.RecoveryError, match="with Z"):
        recovery.parse_instant("2026-06-10T09:00")
    assert recovery.parse_instant("2026-06-10T05:00-04:00") == datetime(2026, 6, 10, 9, tzinfo=UTC)


def test_failure_notes_outlive_the_dlq_messages_they_explain(system):
    assert all(queue.dlq_retention_seconds <= FAILURE_NOTE_TTL_SECONDS for queue in system.declaration.queues)
