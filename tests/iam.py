"""IAM evaluated on this machine: what each AWS call a deployed function makes asks of its role, and whether the
policy the CDK stacks give that function (`infra.permissions`) allows it.

moto does not enforce IAM, so a function making a call its policy does not allow passes every test and fails only
in AWS. Here every call recorded during the flows (`portalkit.testing.calls.FunctionCalls`) becomes the
(action, resource ARN) pairs IAM would evaluate for it, and each must match a statement of its function's policy,
whose resources are rendered in the local account from the declaration as the stacks render them in AWS.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from email.utils import parseaddr
from fnmatch import fnmatchcase

from moto.core import DEFAULT_ACCOUNT_ID

from infra import permissions as p
from infra.declaration import Declaration, secrets_prefix
from portalkit.testing.calls import FunctionCall

Policy = Callable[[str, str], tuple[p.Statement, ...]]

REGION = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
ARN = f"arn:aws:%s:{REGION}:{DEFAULT_ACCOUNT_ID}:%s"

# The item actions a transaction asks for, per kind of item (there is no IAM action for the transaction itself).
TRANSACT_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                    "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}


def resource_arns(declaration: Declaration, service: str, resource: str) -> tuple[str, ...]:
    """What a statement's resource (`infra.permissions`) names in the local account, as ARN patterns (`*` for
    what AWS makes up: the stream's label, the secret's suffix)."""
    table = declaration.table(service)
    table_arn = _table_arn(table.name)
    return {
        p.LOG_GROUP: (ARN % ("logs", f"log-group:/aws/lambda/portal-{declaration.stage}-{service}-*"),),
        p.TABLE_ITSELF: (table_arn,),
        p.INDEXES: tuple(_table_arn(table.name, index.name) for index in table.indexes),
        p.STREAM: (f"{table_arn}/stream/*",),
        p.QUEUE: (ARN % ("sqs", declaration.queue(service).name),),
        p.BUS: (ARN % ("events", f"event-bus/{declaration.bus_name}"),),
        p.SENDER: (ARN % ("ses", f"identity/{declaration.sender_email}"),),
        p.SECRETS_PREFIX: (ARN % ("secretsmanager", f"secret:{secrets_prefix(declaration.stage, service)}/*"),),
    }[resource]


def _table_arn(name: str, index: str | None = None) -> str:
    arn = ARN % ("dynamodb", f"table/{name}")
    return f"{arn}/index/{index}" if index else arn


def requested(call: FunctionCall) -> list[tuple[str, str]]:
    """The (action, resource ARN) pairs IAM evaluates for one call; `*` for a call that names no resource."""
    params, operation = call.params, call.operation
    if call.service == "dynamodb":
        if operation in ("TransactWriteItems", "TransactGetItems"):
            return [(f"dynamodb:{TRANSACT_ACTIONS[kind]}", _table_arn(body["TableName"]))
                    for item in params["TransactItems"] for kind, body in item.items()]
        if operation in ("BatchGetItem", "BatchWriteItem"):
            return [(f"dynamodb:{operation}", _table_arn(name)) for name in params["RequestItems"]]
        if "TableName" in params:
            return [(f"dynamodb:{operation}", _table_arn(params["TableName"], params.get("IndexName")))]
    if call.service == "dynamodbstreams":  # IAM's prefix for streams is dynamodb's
        arn = params.get("StreamArn") or params.get("ShardIterator", "").split("|", 1)[0]  # "<stream arn>|1|..."
        return [(f"dynamodb:{operation}", arn or "*")]
    if call.service == "sqs" and "QueueUrl" in params:
        return [(f"sqs:{operation}", ARN % ("sqs", params["QueueUrl"].rstrip("/").rsplit("/", 1)[1]))]
    if call.service == "events" and operation == "PutEvents":
        buses = {entry.get("EventBusName") or "default" for entry in params["Entries"]}
        return [("events:PutEvents", bus if bus.startswith("arn:") else ARN % ("events", f"event-bus/{bus}"))
                for bus in sorted(buses)]
    if call.service == "ses" and params.get("Source"):
        return [(f"ses:{operation}", ARN % ("ses", f"identity/{parseaddr(params['Source'])[1]}"))]
    if call.service == "secretsmanager" and "SecretId" in params:
        secret = params["SecretId"]
        return [(f"secretsmanager:{operation}",
                 secret if secret.startswith("arn:") else ARN % ("secretsmanager", f"secret:{secret}-AbCdEf"))]
    return [(f"{call.service}:{operation}", "*")]


def allows(declaration: Declaration, service: str, kind: str, action: str, arn: str,
           policy: Policy = p.statements) -> bool:
    return any(
        action in statement.actions and any(fnmatchcase(arn, pattern) for pattern in patterns)
        for statement in policy(service, kind)
        for patterns in (resource_arns(declaration, service, r) for r in statement.resources)
    )


def denials(declaration: Declaration, calls: list[FunctionCall], policy: Policy = p.statements) -> list[str]:
    """Every (function, action, resource) among the calls that its policy does not allow, once each, readable."""
    asked = {(call.invocation, action, arn) for call in calls for action, arn in requested(call)}
    return sorted(
        f"{who.service} {who.kind}{'' if who.by == 'code' else f' (its {who.by})'}: {action} on {arn}"
        for who, action, arn in asked
        if not allows(declaration, who.service, who.kind, action, arn, policy)
    )
