"""`make deploy` / `make diff`: the order of CDK deploys, and a clear failure without usable AWS credentials."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from infra.declaration import SERVICES
from infra.deploy import Step, plan

ROOT = Path(__file__).resolve().parents[2]
ALL = SERVICES


def test_first_deploy_creates_the_shared_stack_then_the_services_then_routes_the_front_door_to_them():
    assert plan("dev", ALL, shared_exists=False, routed=()) == [
        Step(("portal-dev-shared",), ()),
        Step(tuple(f"portal-dev-{s}" for s in ALL), ()),
        Step(("portal-dev-shared",), ALL),
    ]


def test_a_full_deploy_of_a_running_stage_is_shared_then_services_with_every_route_kept():
    assert plan("prod", ALL, shared_exists=True, routed=ALL) == [
        Step(("portal-prod-shared",), ALL),
        Step(tuple(f"portal-prod-{s}" for s in ALL), ALL),
    ]


def test_one_service_deploys_alone_once_its_route_exists():
    assert plan("dev", ("billing",), shared_exists=True, routed=ALL) == [Step(("portal-dev-billing",), ALL)]


def test_one_new_service_is_added_to_the_front_door_after_its_first_deploy():
    routed = ("availability", "requests", "messaging")
    assert plan("dev", ("billing",), shared_exists=True, routed=routed) == [
        Step(("portal-dev-billing",), routed),
        Step(("portal-dev-shared",), ALL),
    ]


def _deploy(env_changes: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env |= {"AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            "AWS_EC2_METADATA_DISABLED": "true", **env_changes}
    return subprocess.run([sys.executable, "-m", "infra.deploy", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_deploy_without_credentials_fails_clearly_before_any_cdk_call():
    result = _deploy({}, "deploy", "--stage", "dev")
    assert result.returncode == 2
    assert "no AWS credentials" in result.stderr and "AWS_PROFILE" in result.stderr
    assert "+ " not in result.stdout  # no cdk command was run


def test_diff_with_credentials_aws_does_not_answer_fails_clearly():
    result = _deploy({"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
                      "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9"},
                     "diff", "--stage", "prod")
    assert result.returncode == 2
    assert "could not be reached" in result.stderr


def test_make_deploy_asks_for_a_stage():
    env = {k: v for k, v in os.environ.items() if k not in ("STAGE", "SERVICE", "MAKEFLAGS")}
    result = subprocess.run(["make", "-s", "deploy"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "usage: make deploy STAGE=dev|prod" in result.stderr
