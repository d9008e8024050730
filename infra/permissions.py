"""What each deployed function may do in AWS: the one source of its IAM policy.

A function's statements follow from its kind (api, consumer, schedule: item actions on its service's table and
indexes; relay: the table's stream and `PutEvents` on the bus; consumer: its queue) and from what the declaration
grants it beyond that (`GRANTS`). Resources are named by what they are, not by ARN: the CDK stacks render them as
the stack's ARNs (`infra.cdk.service`), and the IAM test renders them in the local account and checks every AWS
call a function makes in the test flows against them (`tests/iam.py`), so a call the policy does not allow fails
a test here instead of the function in AWS.
"""

from __future__ import annotations

from dataclasses import dataclass

from infra.declaration import SECRETS, SES, TABLE, grants

# The resources a statement can name, all the function's own service's (the bus and the SES identity aside).
LOG_GROUP = "log group"  # the function's own
TABLE_ITSELF = "table"
INDEXES = "indexes"  # the table's declared global secondary indexes
STREAM = "stream"  # the table's stream
QUEUE = "queue"  # the service's queue (not its DLQ)
BUS = "bus"
SENDER = "sender identity"  # the declared SES identity
SECRETS_PREFIX = "secrets prefix"  # `secrets_prefix(stage, service)/*`

# What each kind of function may do to its service's own table: item reads and writes (transactions
# need the same actions), never Scan, never table management.
TABLE_ITEM_ACTIONS = (
    "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
    "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem",
)
STREAM_ACTIONS = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams")
QUEUE_ACTIONS = ("sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage")
BUS_ACTIONS = ("events:PutEvents",)
SES_ACTIONS = ("ses:SendEmail", "ses:SendRawEmail")
SECRET_ACTIONS = ("secretsmanager:GetSecretValue",)
LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
TABLE_KINDS = ("api", "consumer", "schedule", "function")  # the relay reads the stream, not the table


@dataclass(frozen=True)
class Statement:
    """Allow `actions` on `resources` (kinds of resource, above)."""

    actions: tuple[str, ...]
    resources: tuple[str, ...]


def statements(service: str, kind: str) -> tuple[Statement, ...]:
    """The policy of a function of `service` of this kind (`infra.declaration.FUNCTIONS`)."""
    extra = grants(service, kind)
    found = [Statement(LOG_ACTIONS, (LOG_GROUP,))]
    if kind in TABLE_KINDS or TABLE in extra:
        found.append(Statement(TABLE_ITEM_ACTIONS, (TABLE_ITSELF, INDEXES)))
    if SES in extra:
        found.append(Statement(SES_ACTIONS, (SENDER,)))
    if SECRETS in extra:
        found.append(Statement(SECRET_ACTIONS, (SECRETS_PREFIX,)))
    if kind == "relay":
        found.append(Statement(STREAM_ACTIONS, (STREAM,)))
        found.append(Statement(BUS_ACTIONS, (BUS,)))
    if kind == "consumer":
        found.append(Statement(QUEUE_ACTIONS, (QUEUE,)))
    return tuple(found)
