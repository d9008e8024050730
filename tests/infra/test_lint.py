"""cfn-lint on every synthesized template (both stages): no errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.cdk


def _lint(paths) -> list[dict]:
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run([str(cfn_lint), "--format", "json", "--", *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 2, 4, 6, 8, 10, 12, 14), result.stderr  # bit flags: 2 error, 4 warning, 8 info
    return json.loads(result.stdout or "[]")


def test_cfn_lint_reports_no_errors_on_any_template(cloud):
    paths = sorted(cloud.outdir.glob("*.template.json"))
    assert len(paths) == 10
    findings = _lint(paths)
    errors = [f for f in findings if f["Level"] == "Error"]
    assert not errors, json.dumps(errors, indent=1)[:4000]


def test_cfn_lint_finds_an_error_in_a_broken_template(cloud, tmp_path):
    """The harness can fail: a queue whose visibility timeout is out of range is reported."""
    template = json.loads(next(cloud.outdir.glob("portal-dev-requests.template.json")).read_text())
    queue = next(r for r in template["Resources"].values() if r["Type"] == "AWS::SQS::Queue")
    queue["Properties"]["VisibilityTimeout"] = 999999
    broken = tmp_path / "broken.template.json"
    broken.write_text(json.dumps(template))
    assert [f for f in _lint([broken]) if f["Level"] == "Error"]
