"""Test set-up: a fake AWS account (in-process moto), the four apps, tokens, the Scan guard."""

from __future__ import annotations

import functools
import os

# The environment is fixed before any AWS client or app is made.
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",  # in-process DynamoDB Streams need it
    STAGE="test",
)
for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "TABLE_NAME", "BUS_NAME", "AWS_SESSION_TOKEN"):
    os.environ.pop(name, None)

import boto3  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from moto import mock_aws  # noqa: E402

import portalkit.testing.calls  # noqa: E402, F401  - the call hook must precede every client
from infra.local.event_replay import install as install_event_replay  # noqa: E402
from portalkit import clock  # noqa: E402
from portalkit.api import Api  # noqa: E402
from portalkit.testing.calls import AwsCalls, FunctionCalls, ScanGuard  # noqa: E402
from portalkit.testing.fast_moto import install as install_fast_moto  # noqa: E402
from portalkit.testing.tokens import TokenIssuer  # noqa: E402
from tests.iam import denials  # noqa: E402
from tests.support import TEST_NOW, System  # noqa: E402

# Hypothesis: `make test` tries the same examples on every run and writes no example database ("ci", the
# default); `make fuzz-properties` (HYPOTHESIS_PROFILE=fuzz) draws fresh random ones, ten times as many, and
# keeps what fails in .hypothesis/ to try first next time. Each failure found becomes an @example.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
# "fuzz" builds on Hypothesis' own "default" profile, not on whatever is loaded: under CI=true Hypothesis loads its
# built-in "ci" profile (derandomized, no database) first, and a profile without a parent inherits that.
hypothesis_settings.register_profile("fuzz", parent=hypothesis_settings.get_profile("default"), max_examples=1000,
                                     deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REGION = "us-east-1"
install_fast_moto()  # moto's own behaviour, minus its two slowest habits (see the module)
Api.check_replies = True  # every reply a test sees must match the type its route declares
install_event_replay()  # moto's StartReplay as EventBridge replays: the window, the destination's rules


@pytest.fixture(scope="session")
def issuer() -> TokenIssuer:
    return TokenIssuer()


@pytest.fixture(autouse=True)
def pinned_clock():
    """Every test stands on TEST_NOW (PORTAL_TEST_NOW) unless it sets the clock itself: none reads the machine's."""
    with clock.frozen(TEST_NOW):
        yield


@pytest.fixture(autouse=True)
def no_scans():
    """Any DynamoDB Scan fails the test: request paths Query or Get."""
    with ScanGuard() as guard:
        yield guard
    assert not guard.scans, f"Scan issued: {guard.scans}"


@functools.cache
def client(name: str):
    """One boto3 client per AWS service for the whole run: moto intercepts them in every test."""
    return _session().client(name, region_name=REGION)


@functools.cache
def _session():
    return boto3.session.Session()


@pytest.fixture
def aws():
    with mock_aws():
        yield client


@pytest.fixture
def system(aws, issuer) -> System:
    """All four apps on freshly provisioned resources (in-process moto). Every AWS call their functions make in
    the test must be one the function's IAM policy in AWS allows (`tests.iam`): moto itself enforces none."""
    with FunctionCalls() as made:
        provisioned = System.provision(aws, issuer, REGION)
        yield provisioned
    denied = denials(provisioned.declaration, made.calls)
    assert not denied, "AWS calls the functions' IAM policies do not allow:\n" + "\n".join(denied)


@pytest.fixture
def calls():
    with AwsCalls() as recorder:
        yield recorder
