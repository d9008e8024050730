"""The resource declaration, as provisioned: what the local stack and the CDK stacks both build."""

from __future__ import annotations

import json

from infra.declaration import CONSUMES, FUNCTIONS, SERVICES, declare


def test_every_table_has_keys_stream_ttl_and_index(system):
    ddb = system.clients("dynamodb")
    for service in SERVICES:
        table = ddb.describe_table(TableName=f"portal-test-{service}")["Table"]
        assert [k["AttributeName"] for k in table["KeySchema"]] == ["pk", "sk"]
        assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
        assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["gsi1"]
        ttl = ddb.describe_time_to_live(TableName=table["TableName"])["TimeToLiveDescription"]
        assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}


def test_each_queue_has_a_dlq_and_outlasts_its_consumer(system):
    sqs = system.clients("sqs")
    for service in SERVICES:
        attributes = sqs.get_queue_attributes(QueueUrl=system.resources.queue_urls[service],
                                              AttributeNames=["All"])["Attributes"]
        redrive = json.loads(attributes["RedrivePolicy"])
        assert redrive["deadLetterTargetArn"].endswith(f"portal-test-{service}-events-dlq")
        assert 1 < int(redrive["maxReceiveCount"]) <= 10
        assert int(attributes["VisibilityTimeout"]) >= 6 * FUNCTIONS["consumer"].timeout_seconds


def test_one_rule_per_consumer_routes_what_it_consumes(system):
    events = system.clients("events")
    bus = system.declaration.bus_name
    listed = events.list_rules(EventBusName=bus)["Rules"]
    rules = {r["Name"]: r for r in listed if not r.get("ManagedBy")}  # the archive's rule is EventBridge's own
    assert sorted(rules) == sorted(f"portal-test-to-{s}" for s in SERVICES)
    for service in SERVICES:
        rule = rules[f"portal-test-to-{service}"]
        pattern = json.loads(rule["EventPattern"])
        assert pattern["detail-type"] == list(CONSUMES[service])
        (target,) = events.list_targets_by_rule(Rule=rule["Name"], EventBusName=bus)["Targets"]
        assert target["Arn"].endswith(f"portal-test-{service}-events")


def test_the_bus_archive_keeps_what_the_services_publish(system):
    events = system.clients("events")
    archive = system.declaration.archive
    described = events.describe_archive(ArchiveName=archive.name)
    assert described["ArchiveArn"] == system.resources.archive_arn
    assert described["EventSourceArn"] == system.resources.bus_arn
    assert (json.loads(described["EventPattern"]), described["RetentionDays"]) == (archive.event_pattern, 14)
    for source in ("portal.requests", "someone.else"):
        events.put_events(Entries=[{"EventBusName": system.declaration.bus_name, "Source": source,
                                    "DetailType": "requests.person.registered", "Detail": "{}"}])
    assert events.describe_archive(ArchiveName=archive.name)["EventCount"] == 1


def test_a_service_never_receives_its_own_or_unwanted_events(system):
    sqs = system.clients("sqs")
    system.clients("events").put_events(Entries=[{
        "EventBusName": system.declaration.bus_name, "Source": "portal.billing",
        "DetailType": "billing.invoice.voided", "Detail": "{}",
    }])
    received = {
        s: sqs.receive_message(QueueUrl=system.resources.queue_urls[s], WaitTimeSeconds=0).get("Messages", [])
        for s in SERVICES
    }
    assert {s: len(m) for s, m in received.items()} == {s: 0 for s in SERVICES}


def test_user_pool_has_groups_custom_attributes_and_a_public_client(system):
    cognito = system.clients("cognito-idp")
    pool_id = system.resources.user_pool_id
    groups = {g["GroupName"] for g in cognito.list_groups(UserPoolId=pool_id)["Groups"]}
    assert groups == {"clients", "workers", "admins"}
    attributes = {a["Name"] for a in cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["SchemaAttributes"]}
    assert {"custom:agency_id", "custom:person_id"} <= attributes
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=system.resources.user_pool_client_id)
    client = client["UserPoolClient"]
    assert "ClientSecret" not in client
    assert "ALLOW_USER_PASSWORD_AUTH" in client["ExplicitAuthFlows"]
    assert not any(a.startswith("custom:") for a in client["WriteAttributes"])


def test_the_sender_identity_exists(system):
    identities = system.clients("ses").list_identities()["Identities"]
    assert system.declaration.sender_email in identities


def test_archived_events_are_forgotten_before_their_inbox_markers_so_a_replay_applies_nothing_twice():
    from portalkit.store import INBOX_TTL_SECONDS

    for stage in ("dev", "prod"):
        assert declare(stage).archive.retention_days * 24 * 3600 < INBOX_TTL_SECONDS
