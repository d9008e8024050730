"""A Chalice app in a CDK stack from its prebuilt package (`infra.function_packages`), not packaged at each synth.

`chalice.cdk.Chalice` runs `chalice package` on every synth and writes into the working folder. This
construct takes the cached package for the stage (the same zip the packaging tests import and
`make bench` measures), imports Chalice's SAM template, and drops the IAM roles Chalice generates
(they allow `logs:*` on every log group): the service stack gives each function its own role.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from aws_cdk import aws_s3_assets as assets
from chalice.cdk import Chalice

from infra.function_packages import Package, service_dir

SAM_FUNCTION = "AWS::Serverless::Function"
API = "RestAPI"
API_HANDLER = "APIHandler"


@dataclass(frozen=True)
class Function:
    """One function of the app as the stack wires it: logical id, kind (see `infra.declaration.FUNCTIONS`)."""

    logical_id: str
    kind: str
    handler: str

    @property
    def short_name(self) -> str:
        """`api`, `relay`, `consumer`, `expire-holds`: the end of the deployed function's name."""
        if self.kind == "api":
            return "api"
        return re.sub(r"(?<!^)(?=[A-Z])", "-", self.logical_id).lower()


def function_kind(logical_id: str, resource: dict) -> str:
    """How a function of Chalice's template is triggered: api, relay, consumer, schedule or function."""
    if logical_id == API_HANDLER:
        return "api"
    if logical_id in ("Relay", "Consumer"):
        return logical_id.lower()
    events = resource["Properties"].get("Events", {}).values()
    if any(event["Type"] == "Schedule" for event in events):
        return "schedule"
    return "function"


class ChaliceApp(Chalice):
    """`chalice.cdk.Chalice` fed with a built package; `functions` lists what the template holds."""

    def __init__(self, scope, construct_id: str, *, package: Package):
        self.package = package
        template = json.loads(package.template.read_text())
        self.functions = [
            Function(name, function_kind(name, resource), resource["Properties"]["Handler"])
            for name, resource in template["Resources"].items()
            if resource["Type"] == SAM_FUNCTION
        ]
        self.runtimes = sorted({
            resource["Properties"]["Runtime"]
            for resource in template["Resources"].values()
            if resource["Type"] == SAM_FUNCTION
        })
        self.stage_name_of_api = template["Resources"].get(API, {}).get("Properties", {}).get("StageName")
        with tempfile.TemporaryDirectory(prefix="chalice-cdk-") as scratch:
            self._scratch = Path(scratch)  # CfnInclude reads the template in the constructor: gone after it
            super().__init__(scope, construct_id, source_dir=str(service_dir(package.service)))

    def _package_app(self) -> None:
        self._sam_package_dir = str(self.package.folder)

    def _generate_sam_template_with_assets(self, chalice_out_dir: str, package_id: str) -> str:
        template = json.loads(self.package.template.read_text())
        code = assets.Asset(self, "ChaliceAppCode", path=str(self.package.zip))
        resources = template["Resources"]
        for name in [n for n, r in resources.items() if r["Type"] == "AWS::IAM::Role"]:
            del resources[name]
        for resource in resources.values():
            if resource["Type"] == SAM_FUNCTION:
                resource["Properties"]["CodeUri"] = {"Bucket": code.s3_bucket_name, "Key": code.s3_object_key}
                resource["Properties"].pop("Role", None)  # set by the stack: one role per function
            if resource["Type"].startswith("AWS::Serverless::Layer"):
                raise ValueError(f"{self.package.service}: Chalice layers are not used (automatic_layer: false)")
        path = self._scratch / f"{self.package.service}-{self.package.stage}.sam.json"
        path.write_text(json.dumps(template, indent=1))
        return str(path)

    def resource(self, logical_id: str):
        return self.sam_template.get_resource(logical_id)

    @property
    def api(self):
        return self.resource(API)

    def has_api(self) -> bool:
        return any(f.kind == "api" for f in self.functions)
