"""Operators' commands against a running `make run` stack on a port other than 8000, run as an operator runs them:
`make ...` in a second terminal, from a clean checkout of the repository."""

from __future__ import annotations

import base64
import json
import subprocess
import time

import pytest

from portalkit.envelope import new_message
from portalkit.testing.messages import queue_message
from tests.checkout import clean_checkout, operator_env
from tests.e2e.test_local_stack import LocalStack

pytestmark = pytest.mark.e2e

SENDER = "notifications@portal.example"  # the declaration's SES identity


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    return clean_checkout(tmp_path_factory.mktemp("checkout") / "portal")


@pytest.fixture(scope="module")
def stack():
    stack = LocalStack().start()
    assert stack.port != 8000
    yield stack
    assert stack.stop() == 0, stack.log()


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_make_token_signs_in_to_the_stack_on_port(stack, checkout):
    done = stack.make(checkout, "token", "USER=client@demo.test")
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert claims(token)["iss"].endswith("/" + stack.config()["cognito"]["user_pool_id"])
    assert stack.get("/requests/people", token=token).status_code == 403  # accepted as a client's: not "Invalid issuer"


def test_make_emails_reads_the_ses_of_the_stack_on_port(stack, checkout):
    stack.aws("ses").send_email(
        Source=SENDER, Destination={"ToAddresses": ["operator@demo.test"]},
        Message={"Subject": {"Data": "Sent on this stack"}, "Body": {"Text": {"Data": "Hello"}}},
    )
    done = stack.make(checkout, "emails", "TO=operator@demo.test")
    assert done.returncode == 0, done.stderr
    assert "Subject: Sent on this stack" in done.stdout


def person_message(person_id: str) -> str:
    """What messaging's rule delivers for a newly registered person of the demo agency."""
    event = new_message("requests.person.registered", agency_id="demo", subject_id=person_id, subject_version=1,
                      data={"person_id": person_id, "name": "Olu Operator", "email": f"{person_id}@demo.test",
                            "role": "client", "email_consent": False})
    return queue_message(event), event.event_id


def contact(stack, person_id: str, wait_seconds: float = 15) -> dict | None:
    """Messaging's record of a person once its consumer applied the registration (None if it never did)."""
    key = {"pk": {"S": f"AGENCY#demo#PERSON#{person_id}"}, "sk": {"S": "CONTACT"}}
    deadline = time.monotonic() + wait_seconds
    while True:
        item = stack.aws("dynamodb").get_item(TableName="portal-local-messaging", Key=key, ConsistentRead=True)
        if "Item" in item or time.monotonic() > deadline:
            return item.get("Item")
        time.sleep(0.2)


def test_make_dlq_redrive_and_replay_on_the_stack_on_port(stack, checkout):
    sqs = stack.aws("sqs")
    dlq = sqs.get_queue_url(QueueName="portal-local-messaging-events-dlq")["QueueUrl"]
    body, event_id = person_message("ops-1")
    sqs.send_message(QueueUrl=dlq, MessageBody=body)  # as SQS leaves a message that failed 5 times

    listed = stack.make(checkout, "dlq", "SERVICE=messaging")
    assert listed.returncode == 0, listed.stderr
    assert f"event {event_id}  requests.person.registered v1  agency demo  subject ops-1" in listed.stdout
    assert "messaging (portal-local-messaging-events-dlq): 1 message" in listed.stdout
    assert "Olu" not in listed.stdout  # nothing of the event's data

    moved = stack.make(checkout, "redrive", "SERVICE=messaging")
    assert moved.returncode == 0, moved.stderr
    assert "moved 1 message(s) from portal-local-messaging-events-dlq back to portal-local-messaging-events" in \
        moved.stdout
    assert contact(stack, "ops-1")["name"]["S"] == "Olu Operator"  # the stack's pump applied it
    assert "messaging (portal-local-messaging-events-dlq): empty" in stack.make(checkout, "dlq").stdout

    replayed = stack.make(checkout, "replay", "SERVICE=messaging", "FROM=2000-01-01T00:00Z")
    assert replayed.returncode == 0, replayed.stderr
    assert "completed" in replayed.stdout
    (replay,) = stack.aws("events").list_replays()["Replays"]
    assert replay["ReplayName"].startswith("local-messaging-") and replay["State"] == "COMPLETED"
    assert contact(stack, "demo-client")["email"]["S"] == "client@demo.test"


def test_make_redrive_and_replay_say_what_they_need(stack, checkout):
    assert "usage: make redrive SERVICE=" in stack.make(checkout, "redrive").stderr
    assert "usage: make replay" in stack.make(checkout, "replay", "SERVICE=billing").stderr
    wall_clock = stack.make(checkout, "replay", "FROM=2026-06-10T09:00")
    assert wall_clock.returncode != 0 and "write it with Z" in wall_clock.stderr


def test_against_aws_without_credentials_the_commands_stop_with_what_to_set(checkout):
    env = operator_env(AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
                       AWS_EC2_METADATA_DISABLED="true")
    done = subprocess.run(["make", "-s", "dlq", "STAGE=dev"], cwd=checkout, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert "no AWS credentials: `make dlq`, `make redrive` and `make replay` with STAGE=dev" in done.stderr
    assert "AWS_PROFILE" in done.stderr
