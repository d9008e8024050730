"""The services' layers, as the linter keeps them: only models.py (and the kit) import PynamoDB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMPORT = "from pynamodb.exceptions import DoesNotExist\n\nprint(DoesNotExist)\n"


def _banned(path: str) -> bool:
    """Whether ruff, with the project's settings, refuses a pynamodb import in a file at `path` of the tree."""
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "TID251", "--no-cache",
                           "--stdin-filename", path, "-"], input=IMPORT, cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    return done.returncode == 1 and "TID251" in done.stdout


def test_a_use_case_module_may_not_import_pynamodb_but_models_py_and_the_kit_may():
    assert _banned("services/requests/chalicelib/requests/events.py")
    assert _banned("services/billing/app.py")
    assert _banned("infra/local/demo.py")
    assert not _banned("services/requests/chalicelib/requests/models.py")
    assert not _banned("kit/portalkit/store.py")


def test_no_module_outside_models_py_and_the_kit_imports_pynamodb_today():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "TID251", "--no-cache", "services",
                           "infra"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout
