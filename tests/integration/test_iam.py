"""Every AWS call a deployed function makes is one its IAM policy allows (moto enforces none).

The `system` fixture checks this after every test that uses it (`tests/conftest.py`); here, one flow that
reaches every deployed function of every service, and the checker itself on calls each policy must refuse.
"""

from __future__ import annotations

import pytest

from infra.local import demo
from infra.local.scheduler import jobs_of, scheduled_event
from infra.local.system import load_app
from portalkit import clock
from portalkit.testing.calls import FunctionCall, FunctionCalls, Invocation
from tests.iam import denials

NOW = 1795435200  # Monday 2026-11-23 12:00 UTC
WEDNESDAY_10_NEW_YORK = "2026-11-25T15:00:00Z"
SERVICES = ("availability", "requests", "messaging", "billing")


@pytest.fixture
def now():
    clock.set_now(NOW)
    yield NOW
    clock.set_now(None)


def test_a_day_of_the_demo_agency_reaches_every_function_within_its_policy(system, now):
    pump = system.pump()
    with FunctionCalls() as made:
        demo.seed(system.clients("cognito-idp"), system.resources.user_pool_id)
        pump.drain()
        client = system.token("client", "demo", "demo-client")
        worker = system.token("worker", "demo", "demo-worker")
        (service,) = system.api.get("/requests/me/services", token=client).json["services"]
        slots = system.api.get("/availability/workers/demo-worker/slots?date=2026-11-25", token=client).json
        assert WEDNESDAY_10_NEW_YORK in [slot["start"] for slot in slots["slots"]]
        started = system.api.post("/messaging/me/discussions", token=client, json={
            "service_id": service["service_id"], "subject": "Wednesday", "message": "Is 10 still free?"})
        assert started.status == 201, started.body
        reply = system.api.post("/requests/me/event-requests", token=client, json={
            "worker_id": "demo-worker", "start": WEDNESDAY_10_NEW_YORK, "video_session": False})
        assert reply.status == 202, reply.body
        pump.drain()
        confirmed = system.api.post(f"/requests/event-requests/{reply.json['request_id']}/confirm", token=worker)
        assert confirmed.status == 200, confirmed.body
        issued = system.api.post("/billing/invoices", token=worker, json={
            "client_id": "demo-client", "lines": [{"description": "Session", "amount": 8000}]})
        assert issued.status == 201, issued.body
        pump.drain()
        schedules = set()
        for service in SERVICES:
            for job in jobs_of(service, load_app(service)):
                job.run(scheduled_event(NOW))
                schedules.add((service, "schedule"))

    deployed = {(s, kind) for s in SERVICES for kind in ("api", "relay", "consumer")} | schedules
    assert ("availability", "schedule") in schedules and ("billing", "schedule") in schedules
    assert made.invoked() >= deployed, sorted(deployed - made.invoked())
    sources = {(c.invocation.service, c.invocation.kind) for c in made.calls if c.invocation.by == "event source"}
    assert sources >= {(s, kind) for s in SERVICES for kind in ("relay", "consumer")}
    assert denials(system.declaration, made.calls) == []


def call(service: str, kind: str, aws: str, operation: str, **params) -> FunctionCall:
    return FunctionCall(Invocation(service, kind), aws, operation, params)


def test_calls_outside_a_policy_are_named(system):
    d = system.declaration
    table = {s: d.table(s).name for s in SERVICES}
    queue = {s: system.resources.queue_urls[s] for s in SERVICES}
    allowed = [
        call("requests", "api", "dynamodb", "Query", TableName=table["requests"], IndexName="gsi1"),
        call("requests", "api", "dynamodb", "TransactWriteItems", TransactItems=[
            {"Put": {"TableName": table["requests"]}}, {"ConditionCheck": {"TableName": table["requests"]}}]),
        call("requests", "relay", "events", "PutEvents", Entries=[{"EventBusName": d.bus_name}]),
        call("requests", "consumer", "sqs", "DeleteMessage", QueueUrl=queue["requests"], ReceiptHandle="r"),
        call("messaging", "relay", "ses", "SendEmail", Source=f"Portal <{d.sender_email}>"),
        call("messaging", "relay", "dynamodb", "UpdateItem", TableName=table["messaging"]),
        call("billing", "api", "secretsmanager", "GetSecretValue", SecretId="portal/test/billing/a1/stripe"),
        call("billing", "schedule", "secretsmanager", "GetSecretValue", SecretId="portal/test/billing/a1/stripe"),
    ]
    assert denials(d, allowed) == []

    refused = {
        "requests api: dynamodb:Scan": call("requests", "api", "dynamodb", "Scan", TableName=table["requests"]),
        "requests api: dynamodb:GetItem on another service's table": call(
            "requests", "api", "dynamodb", "GetItem", TableName=table["billing"]),
        "requests api: one item of a transaction on another service's table": call(
            "requests", "api", "dynamodb", "TransactWriteItems", TransactItems=[
                {"Put": {"TableName": table["requests"]}}, {"Update": {"TableName": table["availability"]}}]),
        "requests api: table management": call("requests", "api", "dynamodb", "DeleteTable",
                                               TableName=table["requests"]),
        "requests relay: its table's items": call("requests", "relay", "dynamodb", "PutItem",
                                                  TableName=table["requests"]),
        "requests api: the bus": call("requests", "api", "events", "PutEvents",
                                      Entries=[{"EventBusName": d.bus_name}]),
        "requests relay: the default bus": call("requests", "relay", "events", "PutEvents", Entries=[{}]),
        "requests consumer: another service's queue": call(
            "requests", "consumer", "sqs", "DeleteMessage", QueueUrl=queue["billing"], ReceiptHandle="r"),
        "requests consumer: sending to its queue": call(
            "requests", "consumer", "sqs", "SendMessage", QueueUrl=queue["requests"], MessageBody="{}"),
        "messaging api: email": call("messaging", "api", "ses", "SendEmail", Source=d.sender_email),
        "messaging relay: email from another address": call(
            "messaging", "relay", "ses", "SendEmail", Source="someone@else.test"),
        "billing consumer: secrets": call("billing", "consumer", "secretsmanager", "GetSecretValue",
                                          SecretId="portal/test/billing/a1/stripe"),
        "billing api: another service's secrets": call("billing", "api", "secretsmanager", "GetSecretValue",
                                                       SecretId="portal/test/requests/a1/stripe"),
        "billing api: another stage's secrets": call("billing", "api", "secretsmanager", "GetSecretValue",
                                                     SecretId="portal/prod/billing/a1/stripe"),
    }
    for why, refused_call in refused.items():
        assert len(denials(d, [refused_call])) == 1, why

