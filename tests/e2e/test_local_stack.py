"""`make run` end to end: the local stack in a subprocess, signed in through its Cognito, called over HTTP."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

from infra.local.clock import parse_instant
from tests.support import TEST_NOW

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-password-1"
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 15
FAKE_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env() -> dict:
    """The caller's environment without what tests/conftest.py set for in-process tests."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    for name in ("STAGE", "TABLE_NAME", "BUS_NAME"):
        env.pop(name, None)
    return env


class LocalStack:
    """`python -m infra.local.run` on given ports, its clock started at `now` (TEST_NOW), its output in a file."""

    def __init__(self, port: int | None = None, aws_port: int | None = None, now: int = TEST_NOW):
        self.port = port or free_port()
        self.aws_port = aws_port or free_port()
        self.started_at = now
        self.api = f"http://127.0.0.1:{self.port}"
        self.output = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115  - read by log() until the stack stops
        self.process: subprocess.Popen | None = None

    def start(self) -> LocalStack:
        command = [sys.executable, "-m", "infra.local.run", "--port", str(self.port), "--aws-port", str(self.aws_port),
                   "--now", datetime.fromtimestamp(self.started_at, UTC).isoformat()]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=clean_env(), stdout=self.output, stderr=subprocess.STDOUT
        )
        try:
            self._wait_until_healthy()
        except BaseException:
            self.process.kill()
            self.process.wait()
            raise
        return self

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the stack exited with {self.process.returncode}:\n{self.log()}")
            try:
                if requests.get(f"{self.api}/requests/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass  # not listening yet, or listening but still provisioning
            time.sleep(0.2)
        pytest.fail(f"the stack did not answer within {START_TIMEOUT_SECONDS} s:\n{self.log()}")

    def stop(self) -> int:
        """SIGINT, as Ctrl-C sends; returns the exit code."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            pytest.fail(f"the stack did not stop within {STOP_TIMEOUT_SECONDS} s:\n{self.log()}")

    def log(self) -> str:
        self.output.seek(0)
        return self.output.read()

    def config(self) -> dict:
        return requests.get(f"{self.api}/config.json", timeout=5).json()

    def now(self, zone: str = "America/New_York") -> datetime:
        """The stack's clock (started at `started_at`, running on since) on `zone`'s wall clock."""
        reading = requests.get(f"{self.api}/_local/clock", timeout=5).json()
        return datetime.fromisoformat(reading["now"]).astimezone(ZoneInfo(zone))

    def set_clock(self, now: str | None) -> requests.Response:
        return requests.post(f"{self.api}/_local/clock", json={"now": now}, timeout=5)

    def aws(self, service: str):
        return boto3.client(
            service, endpoint_url=self.config()["cognito"]["endpoint"], region_name="us-east-1", **FAKE_CREDENTIALS
        )

    def sign_in(self, email: str, password: str = PASSWORD) -> str:
        result = self.aws("cognito-idp").initiate_auth(
            ClientId=self.config()["cognito"]["client_id"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        return result["AuthenticationResult"]["IdToken"]

    def get(self, path: str, token: str | None = None) -> requests.Response:
        headers = {"Authorization": token} if token else {}
        return requests.get(f"{self.api}{path}", headers=headers, timeout=10)

    def make(self, checkout: Path, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """`make -s <arguments> PORT=<this stack's port>` in a checkout, as an operator runs it in a second terminal."""
        command = ["make", "-s", *arguments, f"PORT={self.port}"]
        env = {k: v for k, v in clean_env().items() if not k.startswith("MAKE")}
        return subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def stack():
    stack = LocalStack().start()
    yield stack
    assert stack.stop() == 0, stack.log()


def test_every_service_is_healthy(stack):
    for service in ("availability", "requests", "messaging", "billing"):
        reply = stack.get(f"/{service}/health")
        assert reply.status_code == 200, reply.text
        assert reply.json() == {"service": service, "status": "ok"}


def test_banner_names_the_demo_users_and_how_to_get_a_token(stack):
    log = stack.log()
    assert stack.api in log
    assert "client@demo.test" in log and PASSWORD in log
    assert "make token USER=client@demo.test" in log


def test_config_json_tells_a_web_client_where_to_sign_in(stack):
    config = stack.config()
    assert config["api_base"] == stack.api
    assert config["region"] == "us-east-1"
    assert config["cognito"]["endpoint"] == f"http://127.0.0.1:{stack.aws_port}"
    assert config["cognito"]["user_pool_id"].startswith("us-east-1_")
    assert config["cognito"]["client_id"]


def test_each_service_publishes_its_openapi_document_without_a_token(stack):
    for service in ("availability", "requests", "messaging", "billing"):
        reply = stack.get(f"/{service}/openapi.json")
        assert reply.status_code == 200, reply.text
        assert reply.json() == json.loads((ROOT / "services" / service / "openapi.json").read_text())


def test_no_cors_as_in_the_deployed_api_a_preflight_is_405(stack):
    """The deployed API shares the web client's origin (CloudFront) and allows no other; so does the local one."""
    reply = requests.options(
        f"{stack.api}/requests/people",
        headers={"Origin": "http://127.0.0.1:5173", "Access-Control-Request-Method": "POST"},
        timeout=5,
    )
    assert reply.status_code == 405
    assert reply.json()["error"]["code"] == "method_not_allowed" and reply.headers["Allow"] == "GET, POST"
    assert not [name for name in reply.headers if name.lower().startswith("access-control-")]
    assert "Access-Control-Allow-Origin" not in stack.get("/requests/health").headers


def test_admin_lists_only_their_agency_people(stack):
    reply = stack.get("/requests/people", token=stack.sign_in("admin@demo.test"))
    assert reply.status_code == 200, reply.text
    people = {person["person_id"] for person in reply.json()["people"]}
    assert people == {"demo-admin", "demo-worker", "demo-client", "demo-client2"}


def test_client_may_not_list_people(stack):
    reply = stack.get("/requests/people", token=stack.sign_in("client@demo.test"))
    assert reply.status_code == 403, reply.text


def test_garbage_token_is_unauthorized(stack):
    reply = stack.get("/requests/people", token="Bearer not-a-jwt")
    assert reply.status_code == 401, reply.text


def test_wrong_password_is_refused_by_cognito(stack):
    with pytest.raises(ClientError) as caught:
        stack.sign_in("client@demo.test", password="wrong-password-1")
    assert caught.value.response["Error"]["Code"] == "NotAuthorizedException"


def test_background_pump_carries_registered_people_to_messaging(stack):
    ddb = stack.aws("dynamodb")
    key = {"pk": {"S": "AGENCY#demo#PERSON#demo-client"}, "sk": {"S": "CONTACT"}}
    deadline = time.monotonic() + 10
    item = None
    while item is None and time.monotonic() < deadline:
        item = ddb.get_item(TableName="portal-local-messaging", Key=key, ConsistentRead=True).get("Item")
        if item is None:
            time.sleep(0.2)
    assert item is not None, "messaging never heard of demo-client"
    assert item["email"]["S"] == "client@demo.test"


def test_the_demo_worker_has_a_week_of_client_slots(stack):
    worker = stack.sign_in("worker@demo.test")
    calendars = stack.get("/availability/workers/demo-worker/calendars", token=worker).json()["calendars"]
    assert [(c["name"], c["in_effect"], c["block_count"]) for c in calendars] == [("Regular week", True, 8)]
    month = f"{stack.now() + timedelta(days=20):%Y-%m}"
    days = stack.get(f"/availability/workers/demo-worker/days?month={month}", token=worker).json()["days"]
    assert any(day["open_slots"] for day in days), days


def test_the_stack_runs_its_clock_on_from_the_instant_it_was_given_and_tells_the_web_client(stack):
    told = datetime.fromisoformat(stack.config()["now"]).timestamp()
    assert stack.started_at <= told < stack.started_at + 15 * 60  # it runs on from there
    assert "from NOW; it runs on from there" in stack.log() and "make clock NOW=" in stack.log()


def test_the_clock_is_moved_while_the_stack_runs_and_every_service_follows_it(stack):
    client = stack.sign_in("client@demo.test")
    before, since = stack.now(), time.monotonic()
    sunday = before.date() + timedelta(days=7 + (6 - before.weekday()) % 7)  # the demo week is in effect by then
    monday = sunday + timedelta(days=1)

    def monday_slots() -> list[str]:
        reply = stack.get(f"/availability/workers/demo-worker/slots?date={monday}", token=client)
        assert reply.status_code == 200, reply.text
        return [s["local_start"] for s in reply.json()["slots"]]

    def at(day, hour: int) -> str:
        return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("America/New_York")).isoformat()

    try:
        assert monday_slots() == [at(monday, 9), at(monday, 10), at(monday, 11)]
        moved = stack.set_clock(f"{sunday}T10:30")  # New York's wall clock: 09:00 and 10:00 Monday are too soon then
        assert moved.status_code == 200, moved.text
        assert moved.json()["local"].startswith(f"{sunday}T10:30") and moved.json()["zone"] == "America/New_York"
        assert monday_slots() == [at(monday, 11)]

        moved = stack.set_clock("2026-03-08T01:55")  # five minutes before New York springs forward
        assert moved.status_code == 200, moved.text
        assert moved.json()["local"].startswith("2026-03-08T01:55")
        assert stack.config()["now"].startswith("2026-03-08T06:5")
        refused = stack.set_clock("2026-03-08T02:30")  # skipped that night
        assert (refused.status_code, refused.json()["error"]["field"]) == (400, "now")
        done = subprocess.run([sys.executable, "-m", "infra.local.clock", "--api", stack.api], cwd=ROOT,
                              env=clean_env(), capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("The local stack's clock: Sun 8 Mar 2026 0") and "America/New_York" in done.stdout
    finally:  # back to where the module's clock would be, for the tests after this one
        back = before + timedelta(seconds=time.monotonic() - since)
        assert stack.set_clock(back.isoformat()).status_code == 200
    assert abs((stack.now() - back).total_seconds()) < 60


def test_the_api_docs_request_example_holds_at_the_time_it_starts_the_stack():
    """docs/api.md's walk through a request names fixed dates; with the NOW it starts the stack at, they hold
    whatever the machine's date."""
    readme = (ROOT / "docs" / "api.md").read_text()
    example = readme[readme.index("The demo data opens"):]
    now = re.search(r"make run NOW=(\S+?)`", example).group(1)
    day = re.search(r"slots\?date=(\d{4}-\d\d-\d\d)", example).group(1)
    example_stack = LocalStack(now=parse_instant(now)).start()
    try:
        client, worker = example_stack.sign_in("client@demo.test"), example_stack.sign_in("worker@demo.test")
        deadline, reply = time.monotonic() + 20, None
        while time.monotonic() < deadline and (reply is None or reply.status_code != 200):
            time.sleep(0 if reply is None else 0.3)  # availability learns the demo's service from requests' event
            reply = example_stack.get(f"/availability/workers/demo-worker/slots?date={day}", token=client)
        assert reply.status_code == 200, reply.text
        slots = reply.json()["slots"]
        assert slots, f"no open slot on {day} with the clock at {now}"
        asked = requests.post(f"{example_stack.api}/requests/me/event-requests", headers={"Authorization": client},
                              json={"worker_id": "demo-worker", "start": slots[0]["start"]}, timeout=10)
        assert asked.status_code in (200, 201, 202), asked.text
        request_id = asked.json()["request_id"]
        deadline, listed = time.monotonic() + 20, []
        while time.monotonic() < deadline and request_id not in listed:
            reply = example_stack.get("/requests/event-requests", token=worker).json()
            listed = [r["request_id"] for r in reply["event_requests"] if r["status"] == "awaiting_response"]
            time.sleep(0.3)
        assert request_id in listed, "the worker never saw the request awaiting a response"
        confirmed = requests.post(f"{example_stack.api}/requests/event-requests/{request_id}/confirm",
                                  headers={"Authorization": worker}, timeout=10)
        assert confirmed.status_code == 200, confirmed.text
        (service,) = example_stack.get("/requests/me/services", token=client).json()["services"]
        assert service["events_upcoming"] == 1, service
    finally:
        assert example_stack.stop() == 0, example_stack.log()


def test_token_command_prints_only_an_id_token(stack):
    done = subprocess.run(
        [sys.executable, "-m", "infra.local.token", "client@demo.test", "--api", stack.api],
        cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert token.count(".") == 2 and "\n" not in token
    header = json.loads(_b64url(token.split(".")[0]))
    assert header["alg"] == "RS256"
    assert stack.get("/requests/people", token=token).status_code == 403  # a client's token, accepted


def test_token_command_explains_an_unknown_user(stack):
    done = subprocess.run(
        [sys.executable, "-m", "infra.local.token", "nobody@demo.test", "--api", stack.api],
        cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "nobody@demo.test" in done.stderr


def test_stack_starts_again_on_the_same_port_after_a_stop():
    first = LocalStack().start()
    assert first.stop() == 0, first.log()
    second = LocalStack(port=first.port, aws_port=first.aws_port).start()
    assert second.get("/billing/health").status_code == 200
    assert second.stop() == 0, second.log()


def _b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
