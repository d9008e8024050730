import json

import pytest

from portalkit import relay
from portalkit.envelope import new_message, to_json


def stream_record(seq: int, *, pk=None, event_name="INSERT"):
    event = new_message("requests.person.registered", agency_id="a", subject_id=f"p{seq}", subject_version=1, data={})
    image = {"pk": {"S": pk or f"OUTBOX#{event.event_id}"}, "sk": {"S": "OUTBOX"}, "envelope": {"S": to_json(event)}}
    return {"eventName": event_name, "dynamodb": {"SequenceNumber": str(seq), "NewImage": image}}


class FakeEvents:
    """PutEvents that rejects the entries whose subject is listed, `times` times each."""

    def __init__(self, reject=(), times=1):
        self.calls = []
        self.rejections = {subject: times for subject in reject}

    def put_events(self, Entries):
        self.calls.append(Entries)
        results = []
        for entry in Entries:
            subject = json.loads(entry["Detail"])["subject_id"]
            if self.rejections.get(subject, 0) > 0:
                self.rejections[subject] -= 1
                results.append({"ErrorCode": "InternalFailure", "ErrorMessage": "try again"})
            else:
                results.append({"EventId": "x"})
        return {"FailedEntryCount": sum("ErrorCode" in r for r in results), "Entries": results}


@pytest.fixture
def events(monkeypatch):
    fake = FakeEvents()
    monkeypatch.setattr(relay.aws, "client", lambda name: fake)
    monkeypatch.setattr(relay, "BACKOFF_SECONDS", 0)
    return fake


def test_only_outbox_inserts_are_relayed(events):
    records = [stream_record(1), stream_record(2, pk="AGENCY#a#PEOPLE"), stream_record(3, event_name="REMOVE")]
    assert relay.handle_stream_batch({"Records": records}) == {"batchItemFailures": []}
    assert len(events.calls) == 1 and len(events.calls[0]) == 1
    entry = events.calls[0][0]
    assert entry["DetailType"] == "requests.person.registered"
    assert entry["Source"] == "portal.requests"
    assert entry["EventBusName"] == "portal-test-bus"
    assert entry["Time"] == json.loads(entry["Detail"])["occurred_at"]  # the window a replay selects on


def test_put_events_takes_at_most_ten_entries_a_call(events):
    relay.handle_stream_batch({"Records": [stream_record(i) for i in range(1, 24)]})
    assert [len(call) for call in events.calls] == [10, 10, 3]


def test_a_rejected_entry_is_retried_alone(events):
    events.rejections = {"p2": 1}
    assert relay.handle_stream_batch({"Records": [stream_record(i) for i in (1, 2, 3)]}) == {"batchItemFailures": []}
    assert [len(call) for call in events.calls] == [3, 1]
    assert json.loads(events.calls[1][0]["Detail"])["subject_id"] == "p2"


def test_an_entry_still_rejected_is_reported_with_everything_after_it(events):
    events.rejections = {"p12": relay.ATTEMPTS}
    result = relay.handle_stream_batch({"Records": [stream_record(i) for i in range(1, 25)]})
    # Records 1-10 went out; 12 failed, so Lambda must restart at 12: 12..24 are reported (11 again is harmless
    # only if reported, so it is not: it succeeded in the same chunk before 12).
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == [str(i) for i in range(12, 25)]
    assert len(events.calls) == 1 + relay.ATTEMPTS  # the third chunk is not attempted: order is kept
