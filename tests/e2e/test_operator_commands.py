"""Operators' commands against a running `make run` stack on a port other than 8000, run as an operator runs them:
`make ...` in a second terminal, from a clean checkout of the repository."""

from __future__ import annotations

import base64
import json

import pytest

from tests.checkout import clean_checkout
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
