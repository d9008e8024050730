"""Contract tests: schemas are valid, producers publish what they declare, consumers accept what exists."""

import json

import jsonschema
import pytest

from infra.local.system import contracts, load_app
from portalkit.contracts import ContractViolation
from portalkit.envelope import UnknownMessageVersion, new_message

SERVICES = ("availability", "requests", "messaging", "billing")


def event(event_type="requests.person.registered", version=1, **data):
    base = {"person_id": "c1", "name": "Casey", "email": "c@a.test", "role": "client", "email_consent": False}
    return new_message(event_type, agency_id="a", subject_id="c1", subject_version=1, data={**base, **data},
                     version=version)


def test_every_published_schema_is_a_valid_json_schema():
    published = contracts().published()
    assert ("requests.person.registered", 1) in published
    for event_type, version in published:
        schema = json.loads(contracts().schema_path(event_type, version).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema.get("description"), f"{event_type} v{version} says nothing about its subject"


def test_a_valid_event_passes():
    contracts().validate(event())


def test_data_that_breaks_the_schema_names_the_field():
    with pytest.raises(ContractViolation, match=r"data\['role'\]"):
        contracts().validate(event(role="boss"))


def test_an_event_version_without_a_schema_is_rejected_clearly():
    with pytest.raises(UnknownMessageVersion, match="v2"):
        contracts().validate(event(version=2))


def test_an_unknown_producer_is_rejected():
    with pytest.raises(UnknownMessageVersion, match="no producer"):
        contracts().validate(new_message("nobody.thing.happened", agency_id="a", subject_id="s",
                                       subject_version=1, data={}))


@pytest.mark.parametrize("service", SERVICES)
def test_every_event_a_consumer_accepts_has_a_published_schema(service):
    published = set(contracts().published())
    consumer = load_app(service).consumers.consumer
    for event_type, version in consumer.handlers:
        assert (event_type, version) in published, f"{service} accepts {event_type} v{version}: no schema"


@pytest.mark.parametrize("service", SERVICES)
def test_the_rule_routes_exactly_the_types_a_consumer_handles(service):
    """Every type the consumer handles reaches its queue, and nothing else does (a routed type it would only drop
    costs an invocation and a warning)."""
    from infra.declaration import declare

    rule = next(r for r in declare("test").rules if r.service == service)
    assert set(rule.detail_types) == set(load_app(service).consumers.consumer.message_types)
    assert len(rule.detail_types) == len(set(rule.detail_types))
