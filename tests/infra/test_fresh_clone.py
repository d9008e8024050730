"""Operators' CDK commands from a fresh clone: `make synth` runs as an operator runs it, and nothing in `infra/` can
shadow a library when the CDK CLI puts `infra/` first on `sys.path` (`cd infra`, then `python app.py`)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from infra.declaration import SERVICES
from tests.checkout import ROOT, clean_checkout, operator_env

INFRA = ROOT / "infra"


def importable_names(folder: Path) -> set[str]:
    """What `import <name>` finds in a folder on sys.path: modules (`x.py`, extensions) and packages."""
    names = set()
    for path in folder.iterdir():
        if path.is_dir() and path.name.isidentifier() and (
                (path / "__init__.py").exists() or any(path.glob("*.py"))):
            names.add(path.name)  # a package, or a namespace package
        elif path.is_file() and path.suffix in (".py", ".so", ".pyc"):
            names.add(path.name.split(".", 1)[0])
    return names


def test_no_module_directly_in_infra_shadows_an_installed_distribution_or_the_standard_library():
    installed = metadata.packages_distributions()  # top-level import name -> the distributions providing it
    shadowing = {name: installed[name] for name in sorted(importable_names(INFRA)) if name in installed}
    assert not shadowing, f"infra/ is first on sys.path under the CDK CLI; these hide installed ones: {shadowing}"
    stdlib = sorted(importable_names(INFRA) & set(sys.stdlib_module_names))
    assert not stdlib, f"infra/ modules named like standard library modules: {stdlib}"


def test_the_shadow_check_sees_a_module_named_like_a_distribution(tmp_path):
    (tmp_path / "packaging.py").write_text("")
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "__init__.py").write_text("")
    assert importable_names(tmp_path) == {"packaging", "local"}
    assert "packaging" in metadata.packages_distributions()


@pytest.mark.cdk
def test_make_synth_works_in_a_clean_checkout(tmp_path):
    """`make synth` in a fresh clone, through the Makefile: the venv check, `npm ci` of the pinned CDK CLI, the
    Lambda packages built from scratch (`chalice package`, as on an operator's first run), then the CLI running
    `infra/app.py` from `infra/`. It failed with `No module named 'packaging.utils'` while infra/packaging.py
    shadowed the `packaging` distribution (building billing's layer needs it).

    Reused from this checkout: only the virtualenv, linked (installing it from PyPI takes minutes; `make` still
    checks its install stamp against the checkout's requirements-dev.txt). About 40 s on 2 cores.
    """
    checkout = clean_checkout(tmp_path / "portal")
    started = time.monotonic()
    done = subprocess.run(["make", "synth"], cwd=checkout, env=operator_env(), capture_output=True, text=True,
                          timeout=900, check=False)
    took = time.monotonic() - started
    assert done.returncode == 0, f"make synth failed after {took:.0f} s:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    assert "Templates in build/cdk.out/" in done.stdout
    out = checkout / "build" / "cdk.out"
    stacks = sorted(p.name.removesuffix(".template.json") for p in out.glob("*.template.json"))
    assert stacks == sorted(f"portal-{stage}-{part}" for stage in ("dev", "prod") for part in ("shared", *SERVICES))
    manifest = json.loads((out / "manifest.json").read_text())
    assert not manifest.get("missing"), manifest.get("missing")
    assert sorted(p.name for p in (checkout / "build" / "packages").iterdir()) == sorted(SERVICES)


def test_the_dev_environment_pins_every_runtime_requirement_of_every_service():
    """`make venv` installs requirements-dev.txt only: a package a service ships must be there too, at its version,
    or the tests and the local stack fail on a fresh clone where nobody installed it by hand."""
    def pins(path: Path) -> dict[str, str]:
        found = {}
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                found[name.split("[", 1)[0].strip().lower()] = version.strip()
        return found

    dev = pins(ROOT / "requirements-dev.txt")
    for requirements in sorted((ROOT / "services").glob("*/requirements*.txt")):
        for name, version in pins(requirements).items():
            where = requirements.relative_to(ROOT)
            assert dev.get(name) == version, f"{where}: {name}=={version} is not in requirements-dev.txt"
