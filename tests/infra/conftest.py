"""The CDK app synthesized once for both stages (offline), and helpers to read its templates."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

STAGES = ("dev", "prod")


@dataclass
class Cloud:
    """The synthesized app: its output folder, the assembly, the stacks by stage, the templates by stack name."""

    outdir: Path
    assembly: object
    stages: dict
    templates: dict[str, dict]

    def template(self, stage: str, part: str) -> dict:
        return self.templates[f"portal-{stage}-{part}"]

    def resources(self, stage: str, part: str, kind: str) -> dict[str, dict]:
        return {k: v for k, v in self.template(stage, part)["Resources"].items() if v["Type"] == kind}


@pytest.fixture(scope="session")
def web_dist(tmp_path_factory) -> Path:
    """A built web client, as `web/` will produce it."""
    dist = tmp_path_factory.mktemp("web-dist")
    (dist / "index.html").write_text("<!doctype html><title>Agency portal</title><div id=app></div>")
    (dist / "assets").mkdir()
    (dist / "assets" / "app.js").write_text("console.log('portal')")
    return dist


@pytest.fixture(scope="session")
def cloud(tmp_path_factory, web_dist) -> Cloud:
    from aws_cdk import App

    from infra.cdk.app import build_app

    outdir = tmp_path_factory.mktemp("cdk.out")
    app, stages = build_app(App(outdir=str(outdir)), stages=STAGES, web_dist=web_dist)
    assembly = app.synth()
    templates = {stack.stack_name: json.loads(Path(stack.template_full_path).read_text()) for stack in assembly.stacks}
    return Cloud(outdir, assembly, stages, templates)


def render(value) -> str:
    """A CloudFormation expression as a string: `<Logical.Attr>` for GetAtt, `${AWS::Region}` for pseudo refs."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (function, argument), = value.items()
        if function == "Ref":
            return f"${{{argument}}}" if argument.startswith("AWS::") else f"<{argument}>"
        if function == "Fn::GetAtt":
            return f"<{argument[0]}.{argument[1]}>"
        if function == "Fn::Join":
            separator, parts = argument
            return separator.join(render(part) for part in parts)
    return json.dumps(value, sort_keys=True)
