"""Create the declared resources on an endpoint (in-process moto, the local moto server, a test account)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from infra.declaration import Declaration


@dataclass
class Provisioned:
    region: str
    bus_arn: str
    queue_urls: dict[str, str]
    dlq_urls: dict[str, str]
    stream_arns: dict[str, str]
    user_pool_id: str
    user_pool_client_id: str
    archive_arn: str


def provision(declaration: Declaration, clients, region: str) -> Provisioned:
    """`clients(name)` returns a boto3 client for the target endpoint."""
    ddb = clients("dynamodb")
    stream_arns = {}
    for table in declaration.tables:
        keys = [table.hash_key, table.range_key] + [k for i in table.indexes for k in (i.hash_key, i.range_key)]
        response = ddb.create_table(
            TableName=table.name,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in dict.fromkeys(keys)],
            KeySchema=[
                {"AttributeName": table.hash_key, "KeyType": "HASH"},
                {"AttributeName": table.range_key, "KeyType": "RANGE"},
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": index.name,
                    "KeySchema": [
                        {"AttributeName": index.hash_key, "KeyType": "HASH"},
                        {"AttributeName": index.range_key, "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
                for index in table.indexes
            ],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": table.stream_view},
        )
        stream_arns[table.service] = response["TableDescription"]["LatestStreamArn"]
        ddb.update_time_to_live(
            TableName=table.name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": table.ttl_attribute},
        )

    events = clients("events")
    bus_arn = events.create_event_bus(Name=declaration.bus_name)["EventBusArn"]
    archive = declaration.archive
    archive_arn = events.create_archive(
        ArchiveName=archive.name, EventSourceArn=bus_arn, EventPattern=json.dumps(archive.event_pattern),
        RetentionDays=archive.retention_days, Description="Every event of the bus, for replays (make replay)",
    )["ArchiveArn"]

    sqs = clients("sqs")
    queue_urls, dlq_urls, queue_arns = {}, {}, {}
    for queue in declaration.queues:
        dlq_url = sqs.create_queue(
            QueueName=queue.dlq_name, Attributes={"MessageRetentionPeriod": str(queue.dlq_retention_seconds)}
        )["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        url = sqs.create_queue(
            QueueName=queue.name,
            Attributes={
                "VisibilityTimeout": str(queue.visibility_timeout),
                "MessageRetentionPeriod": str(queue.retention_seconds),
                "RedrivePolicy": json.dumps(
                    {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": queue.max_receive_count}
                ),
            },
        )["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        queue_urls[queue.service], dlq_urls[queue.service], queue_arns[queue.name] = url, dlq_url, arn

    for rule in declaration.rules:
        rule_arn = events.put_rule(
            Name=rule.name, EventBusName=declaration.bus_name, EventPattern=json.dumps(rule.event_pattern)
        )["RuleArn"]
        queue_arn = queue_arns[rule.queue_name]
        events.put_targets(
            Rule=rule.name, EventBusName=declaration.bus_name, Targets=[{"Id": "queue", "Arn": queue_arn}]
        )
        sqs.set_queue_attributes(
            QueueUrl=queue_urls[rule.service],
            Attributes={"Policy": json.dumps(_queue_policy(queue_arn, rule_arn))},
        )

    pool = declaration.user_pool
    cognito = clients("cognito-idp")
    pool_id = cognito.create_user_pool(
        PoolName=pool.name,
        UsernameAttributes=["email"],
        Policies={
            "PasswordPolicy": {
                "MinimumLength": pool.min_password_length, "RequireUppercase": False, "RequireLowercase": False,
                "RequireNumbers": False, "RequireSymbols": False,
            }
        },
        Schema=[
            {"Name": name, "AttributeDataType": "String", "Mutable": True, "StringAttributeConstraints": {}}
            for name in pool.custom_attributes
        ],
    )["UserPool"]["Id"]
    for group in pool.groups:
        cognito.create_group(UserPoolId=pool_id, GroupName=group)
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=pool.client_name,
        GenerateSecret=False,
        ExplicitAuthFlows=list(pool.auth_flows),
        ReadAttributes=["email", "name"] + [f"custom:{name}" for name in pool.custom_attributes],
        WriteAttributes=list(pool.write_attributes),
    )["UserPoolClient"]["ClientId"]

    clients("ses").verify_email_identity(EmailAddress=declaration.sender_email)

    return Provisioned(
        region=region,
        bus_arn=bus_arn,
        queue_urls=queue_urls,
        dlq_urls=dlq_urls,
        stream_arns=stream_arns,
        user_pool_id=pool_id,
        user_pool_client_id=client_id,
        archive_arn=archive_arn,
    )


def _queue_policy(queue_arn: str, rule_arn: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}},
            }
        ],
    }
