"""Parity: every table, queue, rule and event pattern of the declaration is in the synthesized templates, and
nothing else is; the shared resources (bus, user pool, SES identity) are the declared ones."""

from __future__ import annotations

import pytest

from infra.declaration import declare
from tests.infra.conftest import STAGES

pytestmark = pytest.mark.cdk


def _all(cloud, stage: str, kind: str) -> dict[str, tuple[str, dict]]:
    """Resources of a kind across the stage's stacks: logical id -> (stack part, resource)."""
    found = {}
    for name, template in cloud.templates.items():
        if name.startswith(f"portal-{stage}-"):
            part = name.removeprefix(f"portal-{stage}-")
            for logical_id, resource in template["Resources"].items():
                if resource["Type"] == kind:
                    found[f"{part}/{logical_id}"] = (part, resource)
    return found


def _keys(schema: list[dict]) -> tuple[str, ...]:
    return tuple(key["AttributeName"] for key in schema)


@pytest.mark.parametrize("stage", STAGES)
def test_tables_are_the_declared_ones(cloud, stage):
    declaration = declare(stage)
    synthesized = {}
    for part, table in _all(cloud, stage, "AWS::DynamoDB::Table").values():
        props = table["Properties"]
        synthesized[props["TableName"]] = (
            part,
            _keys(props["KeySchema"]),
            tuple(sorted((i["IndexName"], _keys(i["KeySchema"]), i["Projection"]["ProjectionType"])
                         for i in props.get("GlobalSecondaryIndexes", []))),
            props["StreamSpecification"]["StreamViewType"],
            props["TimeToLiveSpecification"]["AttributeName"],
        )
    declared = {
        t.name: (t.service, (t.hash_key, t.range_key),
                 tuple(sorted((i.name, (i.hash_key, i.range_key), "ALL") for i in t.indexes)),
                 t.stream_view, t.ttl_attribute)
        for t in declaration.tables
    }
    assert synthesized == declared


@pytest.mark.parametrize("stage", STAGES)
def test_queues_and_their_dlqs_are_the_declared_ones(cloud, stage):
    declaration = declare(stage)
    queues = _all(cloud, stage, "AWS::SQS::Queue")
    names = {f"{part}/{key.split('/')[1]}": q["Properties"]["QueueName"] for key, (part, q) in queues.items()}
    synthesized = {}
    for part, queue in queues.values():
        props = queue["Properties"]
        if "RedrivePolicy" in props:
            redrive = props["RedrivePolicy"]
            dlq = names[f"{part}/{redrive['deadLetterTargetArn']['Fn::GetAtt'][0]}"]
            synthesized[props["QueueName"]] = (part, dlq, redrive["maxReceiveCount"], props["VisibilityTimeout"],
                                               props["MessageRetentionPeriod"])
        else:
            synthesized[props["QueueName"]] = (part, props["MessageRetentionPeriod"])
    declared = {}
    for q in declaration.queues:
        declared[q.name] = (q.service, q.dlq_name, q.max_receive_count, q.visibility_timeout, q.retention_seconds)
        declared[q.dlq_name] = (q.service, q.dlq_retention_seconds)
    assert synthesized == declared


@pytest.mark.parametrize("stage", STAGES)
def test_rules_and_their_event_patterns_are_the_declared_ones(cloud, stage):
    declaration = declare(stage)
    synthesized = {}
    for part, rule in _all(cloud, stage, "AWS::Events::Rule").values():
        props = rule["Properties"]
        (target,) = props["Targets"]
        queue = cloud.template(stage, part)["Resources"][target["Arn"]["Fn::GetAtt"][0]]
        synthesized[props["Name"]] = (part, props["EventBusName"], props["EventPattern"],
                                      queue["Properties"]["QueueName"])
    declared = {r.name: (r.service, declaration.bus_name, r.event_pattern, r.queue_name) for r in declaration.rules}
    assert synthesized == declared


@pytest.mark.parametrize("stage", STAGES)
def test_each_queue_accepts_messages_only_from_its_rule(cloud, stage):
    for part, policy in _all(cloud, stage, "AWS::SQS::QueuePolicy").values():
        statements = policy["Properties"]["PolicyDocument"]["Statement"]
        for statement in statements:
            if statement["Effect"] == "Allow":
                assert statement["Principal"] == {"Service": "events.amazonaws.com"}
                assert "sqs:SendMessage" in statement["Action"]  # and CDK's read-only GetQueueAttributes, -Url
                assert set(statement["Action"]) <= {"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"}
                (rule,) = [k for k, v in cloud.template(stage, part)["Resources"].items()
                           if v["Type"] == "AWS::Events::Rule"]
                assert statement["Condition"] == {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": [rule, "Arn"]}}}
            else:  # the TLS-only guard
                assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


@pytest.mark.parametrize("stage", STAGES)
def test_bus_user_pool_and_sender_are_the_declared_ones(cloud, stage):
    declaration = declare(stage)
    pool = declaration.user_pool
    buses = [r["Properties"]["Name"] for _, r in _all(cloud, stage, "AWS::Events::EventBus").values()]
    assert buses == [declaration.bus_name]
    ((part, user_pool),) = _all(cloud, stage, "AWS::Cognito::UserPool").values()
    assert part == "shared"
    props = user_pool["Properties"]
    assert props["UserPoolName"] == pool.name
    assert props["UsernameAttributes"] == ["email"]
    assert props["AdminCreateUserConfig"] == {"AllowAdminCreateUserOnly": True}
    assert props["Policies"]["PasswordPolicy"] == {
        "MinimumLength": pool.min_password_length, "RequireLowercase": False, "RequireUppercase": False,
        "RequireNumbers": False, "RequireSymbols": False,
    }
    custom = {a["Name"]: a for a in props["Schema"]}
    assert set(custom) == set(pool.custom_attributes)
    assert all(a["AttributeDataType"] == "String" and a["Mutable"] for a in custom.values())
    groups = sorted(g["Properties"]["GroupName"] for _, g in _all(cloud, stage, "AWS::Cognito::UserPoolGroup").values())
    assert groups == sorted(pool.groups)
    ((_, client),) = _all(cloud, stage, "AWS::Cognito::UserPoolClient").values()
    client = client["Properties"]
    assert client["ClientName"] == pool.client_name
    assert sorted(client["ExplicitAuthFlows"]) == sorted(pool.auth_flows)
    assert client["GenerateSecret"] is False
    assert sorted(client["WriteAttributes"]) == sorted(pool.write_attributes)
    assert sorted(client["ReadAttributes"]) == sorted(
        ["email", "name", *(f"custom:{name}" for name in pool.custom_attributes)])
    identities = [r["Properties"]["EmailIdentity"] for _, r in _all(cloud, stage, "AWS::SES::EmailIdentity").values()]
    assert identities == [declaration.sender_email]


@pytest.mark.parametrize("stage", STAGES)
def test_the_bus_archive_is_the_declared_one(cloud, stage):
    archive = declare(stage).archive
    ((part, synthesized),) = _all(cloud, stage, "AWS::Events::Archive").values()
    props = synthesized["Properties"]
    assert part == "shared"
    assert (props["ArchiveName"], props["EventPattern"], props["RetentionDays"]) == (
        archive.name, archive.event_pattern, archive.retention_days)
    resources = cloud.template(stage, "shared")["Resources"]
    (bus,) = [k for k, v in resources.items() if v["Type"] == "AWS::Events::EventBus"]
    assert props["SourceArn"] == {"Fn::GetAtt": [bus, "Arn"]}
