"""Build the CDK app: for each stage, the shared stack and the four service stacks.

Context (`-c key=value`): `stage` (dev, prod; default both), `sender_email` (the SES identity; default the
declaration's), `front_door` (services the distribution routes to, comma-separated; `none` before any
service stack exists; default all). `make deploy` sets `front_door` itself (see `infra.deploy`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from aws_cdk import App, Stack, Tags

from infra import function_packages
from infra.cdk.service import ServiceStack
from infra.cdk.settings import STAGES
from infra.cdk.shared import WEB_DIST, SharedStack
from infra.declaration import Declaration, declare


@dataclass
class Stage:
    declaration: Declaration
    shared: SharedStack
    services: dict[str, ServiceStack] = field(default_factory=dict)

    @property
    def stacks(self) -> list[Stack]:
        return [self.shared, *self.services.values()]


def parse_front_door(value: str | None) -> tuple[str, ...] | None:
    if value in (None, "", "all"):
        return None
    if value == "none":
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def build_app(
    app: App | None = None,
    *,
    stages: tuple[str, ...] | None = None,
    sender_email: str | None = None,
    front_door: tuple[str, ...] | None = None,
    web_dist: Path | None = WEB_DIST,
) -> tuple[App, dict[str, Stage]]:
    """The app with the stacks of each stage (packages are built or reused per service and stage)."""
    app = app or App()
    context_stage = app.node.try_get_context("stage")
    stages = stages or ((context_stage,) if context_stage else STAGES)
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage {unknown}: one of {STAGES}")
    sender_email = sender_email or app.node.try_get_context("sender_email")
    if front_door is None:
        front_door = parse_front_door(app.node.try_get_context("front_door"))
    built = {}
    for stage in stages:
        declaration = declare(stage, sender_email) if sender_email else declare(stage)
        shared = SharedStack(app, declaration, front_door=front_door, web_dist=web_dist)
        built[stage] = Stage(declaration, shared)
        for service in declaration.services:
            stack = ServiceStack(app, declaration, service, function_packages.build(service, stage))
            stack.add_stack_dependency(shared, "the bus, the user pool's ARN and the alarm topic")
            built[stage].services[service] = stack
        for stack in built[stage].stacks:
            Tags.of(stack).add("project", "agency-portal")
            Tags.of(stack).add("stage", stage)
    return app, built


def main() -> None:
    app, _ = build_app()
    app.synth()


if __name__ == "__main__":
    main()
