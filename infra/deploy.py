"""`make diff` and `make deploy`: check the AWS credentials, then run the pinned CDK CLI in the right order.

    python -m infra.deploy deploy --stage dev [--service requests]
    python -m infra.deploy diff --stage prod

Order: the shared stack (bus, pool, ...) before any service stack; a service stack alone when one is
named. The shared stack's CloudFront distribution routes `/<service>/*` to the APIs whose domains the
service stacks published (SSM); a service deployed for the first time is added to it by deploying the
shared stack once more at the end.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

INFRA = Path(__file__).resolve().parent
if str(INFRA.parent / "kit") not in sys.path:  # the declaration reads the kit's naming rules
    sys.path.insert(0, str(INFRA.parent / "kit"))

from infra.cdk.settings import STAGES, parameter, stack_name  # noqa: E402
from infra.declaration import SERVICES  # noqa: E402

CDK = INFRA / "node_modules" / ".bin" / "cdk"


class DeployError(RuntimeError):
    """Something the operator must fix first; the message says what."""


@dataclass(frozen=True)
class Step:
    stacks: tuple[str, ...]
    front_door: tuple[str, ...]


def plan(stage: str, services: tuple[str, ...], *, shared_exists: bool, routed: tuple[str, ...]) -> list[Step]:
    """The CDK deploys to run: `routed` are the services whose API domain is already published."""
    shared = stack_name(stage, "shared")
    steps = []
    everything = set(services) == set(SERVICES)
    if everything or not shared_exists:
        steps.append(Step((shared,), routed))
    steps.append(Step(tuple(stack_name(stage, s) for s in services), routed))
    after = tuple(s for s in SERVICES if s in routed or s in services)
    if set(after) != set(routed):
        steps.append(Step((shared,), after))
    return steps


def aws_session(stage: str, commands: str | None = None):
    """A boto3 session whose credentials AWS accepts, or DeployError saying what is missing (and for which
    `commands`)."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    session = boto3.session.Session(region_name=os.environ.get("AWS_REGION") or None)
    if session.get_credentials() is None:
        commands = commands or f"`make deploy STAGE={stage}` and `make diff`"
        raise DeployError(
            f"no AWS credentials: {commands} need an account. Set AWS_PROFILE "
            "(aws configure sso / aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        )
    if not session.region_name:
        raise DeployError("no AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or a region in the profile).")
    try:
        identity = session.client(
            "sts", config=Config(connect_timeout=5, read_timeout=10, retries={"max_attempts": 1})
        ).get_caller_identity()
    except (BotoCoreError, ClientError) as error:
        raise DeployError(f"AWS did not accept the credentials or could not be reached: {error}") from None
    print(f"AWS account {identity['Account']}, region {session.region_name}, as {identity['Arn']}", flush=True)
    return session


def published_apis(session, stage: str) -> tuple[str, ...]:
    """Services whose stacks have published their API domain (so the distribution can route to them)."""
    names = {parameter(stage, s, "api-domain"): s for s in SERVICES}
    found = session.client("ssm").get_parameters(Names=list(names))["Parameters"]
    present = {names[p["Name"]] for p in found}
    return tuple(s for s in SERVICES if s in present)


def stack_exists(session, name: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        stacks = session.client("cloudformation").describe_stacks(StackName=name)["Stacks"]
    except ClientError as error:
        if "does not exist" in str(error):
            return False
        raise
    return any(s["StackStatus"] != "DELETE_COMPLETE" for s in stacks)


def cdk(command: str, step: Step, stage: str, extra: list[str]) -> None:
    if not CDK.exists():
        raise DeployError(f"no CDK CLI at {CDK}: run `make synth` or `npm ci --prefix infra` first")
    front_door = ",".join(step.front_door) or "none"
    args = [str(CDK), command, *step.stacks, "--exclusively", "--no-notices", "-c", f"stage={stage}",
            "-c", f"front_door={front_door}", *extra]
    print("+ " + " ".join(args), flush=True)
    env = dict(os.environ, CDK_DISABLE_CLI_TELEMETRY="true", JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20")
    result = subprocess.run(args, cwd=INFRA, env=env, check=False)  # noqa: S603 - the pinned CLI, our arguments
    if result.returncode:
        raise DeployError(f"cdk {command} failed (exit {result.returncode}); see above")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.deploy", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("deploy", "diff"))
    parser.add_argument("--stage", required=True, choices=STAGES)
    parser.add_argument("--service", choices=SERVICES, help="only this service's stack (default: everything)")
    parser.add_argument("--sender-email", help="the SES identity notifications are sent from")
    args = parser.parse_args(argv)
    extra = ["-c", f"sender_email={args.sender_email}"] if args.sender_email else []
    services = (args.service,) if args.service else SERVICES
    try:
        session = aws_session(args.stage)
        routed = published_apis(session, args.stage)
        shared_exists = stack_exists(session, stack_name(args.stage, "shared"))
        if args.command == "diff":
            stacks = tuple(stack_name(args.stage, s) for s in services)
            if not args.service:
                stacks = (stack_name(args.stage, "shared"), *stacks)
            cdk("diff", Step(stacks, routed), args.stage, extra)
            return 0
        if args.service and not shared_exists:
            print(f"{stack_name(args.stage, 'shared')} is not deployed yet: deploying it first", flush=True)
        for step in plan(args.stage, services, shared_exists=shared_exists, routed=routed):
            cdk("deploy", step, args.stage, [*extra, "--require-approval", "broadening"])
    except DeployError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
