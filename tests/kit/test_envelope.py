import json

import pytest

from portalkit.envelope import (
    InvalidEnvelope,
    from_eventbridge_message,
    from_json,
    new_message,
    to_json,
)


def person_event(**overrides):
    return new_message(
        "requests.person.registered", agency_id="agency-a", subject_id="c1", subject_version=1,
        data={"person_id": "c1"}, **overrides,
    )


def test_round_trip_keeps_every_field():
    event = person_event()
    assert from_json(to_json(event)) == event


def test_new_event_starts_a_correlation_and_a_caused_event_carries_it():
    first = person_event()
    assert first.correlation_id == first.event_id and first.causation_id is None
    second = person_event(cause=first)
    assert second.correlation_id == first.event_id
    assert second.causation_id == first.event_id
    assert second.event_id != first.event_id


def test_occurred_at_is_utc_rfc3339():
    assert person_event().occurred_at.endswith("Z")


@pytest.mark.parametrize("event_type", ["PersonRegistered", "requests.person.registered\n"])
def test_event_type_must_name_service_entity_and_verb(event_type):
    with pytest.raises(ValueError, match="event_type"):
        new_message(event_type, agency_id="a", subject_id="s", subject_version=1, data={})


@pytest.mark.parametrize(
    "change, message",
    [
        ({"event_id": None}, "event_id"),
        ({"event_version": "1"}, "event_version"),
        ({"subject_version": -1}, "subject_version"),
        ({"data": []}, "data"),
        ({"event_type": "nope"}, "event_type"),
        ({"event_type": "requests.person.registered\n"}, "event_type"),  # Python's `$` matches before a last newline
        ({"agency_id": ""}, "agency_id"),
    ],
)
def test_malformed_envelopes_are_rejected_naming_the_field(change, message):
    value = json.loads(to_json(person_event()))
    value.update(change)
    with pytest.raises(InvalidEnvelope, match=message):
        from_json(json.dumps(value))


def test_missing_fields_are_listed():
    value = json.loads(to_json(person_event()))
    del value["agency_id"], value["data"]
    with pytest.raises(InvalidEnvelope, match="agency_id, data"):
        from_json(json.dumps(value))


def test_not_json_is_rejected():
    with pytest.raises(InvalidEnvelope, match="not JSON"):
        from_json("{nope")


def test_unknown_fields_survive_a_round_trip():
    value = json.loads(to_json(person_event()))
    value["added_later"] = 1
    assert json.loads(to_json(from_json(json.dumps(value))))["added_later"] == 1


def test_eventbridge_message_carries_the_envelope_in_detail():
    event = person_event()
    body = json.dumps({"version": "0", "detail-type": event.event_type, "source": "portal.requests",
                       "detail": json.loads(to_json(event))})
    assert from_eventbridge_message(body) == event


def test_eventbridge_detail_type_must_match():
    event = person_event()
    body = json.dumps({"detail-type": "requests.person.updated", "detail": json.loads(to_json(event))})
    with pytest.raises(InvalidEnvelope, match="detail-type"):
        from_eventbridge_message(body)


def test_a_message_without_detail_is_not_an_event():
    with pytest.raises(InvalidEnvelope, match="no detail"):
        from_eventbridge_message(json.dumps({"hello": "world"}))
