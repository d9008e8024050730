"""Each app's package: its code and the kit, not the runtime's libraries, importable in a Lambda-like interpreter."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest

from bench import packages
from infra import packaging as slimming

pytestmark = pytest.mark.packaging

# Runs in the clean interpreter: import the handler module as Lambda does, report what it found.
PROBE = """
import json
roots = tuple(sys.path)
import app as module
from chalice import Chalice
def where(name):
    return getattr(sys.modules.get(name), "__file__", None)
print(json.dumps({
    "app_is_chalice": isinstance(getattr(module, "app", None), Chalice),
    "functions": {f.name: f.handler_string for f in module.app.pure_lambda_functions},
    "handlers": sorted(name for name in ("relay", "consumer") if callable(getattr(module, name, None))),
    "routes": sorted(module.app.routes),
    "origins": {name: where(name) for name in ("app", "chalice", "pynamodb", "portalkit", "chalicelib.%(name)s.api")},
    "runtime_origins": {name: where(name) for name in ("botocore", "dateutil", "urllib3")},
    "strays": sorted(
        name for name, mod in list(sys.modules.items())
        if getattr(mod, "__file__", None) and not str(mod.__file__).startswith(roots)
    ),
}))
"""


@pytest.fixture(scope="session")
def runtime(tmp_path_factory) -> Path:
    return packages.make_runtime_dir(tmp_path_factory.mktemp("lambda-runtime"))


def _sources(folder: Path, prefix: str) -> dict[str, bytes]:
    """Files under `folder` (following links) keyed by their path in the zip."""
    found = {}
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for file in files:
            if not file.endswith(".pyc"):
                path = Path(root) / file
                found[f"{prefix}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return found


def _probe(package_dir: Path, runtime: Path, name: str):
    result = packages.lambda_python(PROBE % {"name": name}, package_dir, runtime)
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


@pytest.mark.parametrize("name", packages.SERVICES)
def test_package_holds_the_app_and_the_kit_and_nothing_of_the_repo(name):
    service = packages.service_dir(name)
    with zipfile.ZipFile(packages.build_package(name)) as archive:
        entries = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        assert any(entry.startswith("portalkit/") for entry in entries), "vendor/portalkit not packaged"
        assert any(entry.startswith(f"chalicelib/{name}/") for entry in entries), f"chalicelib/{name} not packaged"
        unwanted = [e for e in entries if e.split("/")[0] == "tests" or ".chalice" in e.split("/")]
        assert not unwanted, f"repository files in the package: {unwanted[:5]}"
        expected = {"app.py": (service / "app.py").read_bytes()}
        expected |= _sources(service / "chalicelib", "chalicelib")
        expected |= _sources(service / "vendor" / "portalkit", "portalkit")
        missing = sorted(set(expected) - set(entries))
        assert not missing, f"source files missing from the package: {missing}"
        stale = sorted(path for path, data in expected.items() if archive.read(path) != data)
        assert not stale, f"packaged files differ from the sources: {stale}"
        shipped = sorted({e.split("/")[0] for e in entries if packages.lambda_provided(e.split("/")[0])})
        assert not shipped, f"libraries the Lambda runtime provides are in the package: {shipped}"


@pytest.mark.parametrize("name", packages.SERVICES)
def test_package_is_built_for_arm64_and_every_compiled_module_loads_there(name):
    package = packages.build_package(name)
    template = json.loads((package.parent / "sam.json").read_text())
    functions = [r for r in template["Resources"].values() if r["Type"] == "AWS::Serverless::Function"]
    assert functions and all(f["Properties"]["Architectures"] == ["arm64"] for f in functions)
    assert not packages.foreign_binaries(package), "compiled modules for another architecture"


def _elf(machine: int) -> bytes:
    return b"\x7fELF" + bytes(14) + machine.to_bytes(2, "little") + bytes(40)


def test_foreign_binaries_finds_modules_built_for_another_machine(tmp_path):
    package = tmp_path / "deployment.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("fast/_speedups.cpython-311-aarch64-linux-gnu.so", _elf(183))
        archive.writestr("slow/_speedups.cpython-311-x86_64-linux-gnu.so", _elf(62))
        archive.writestr("odd/_native.abi3.so", b"not an ELF file")
        archive.writestr("fast/__init__.py", b"")
    assert packages.foreign_binaries(package) == [
        "slow/_speedups.cpython-311-x86_64-linux-gnu.so", "odd/_native.abi3.so"
    ]
    assert packages.foreign_binaries(package, "x86_64") == [
        "fast/_speedups.cpython-311-aarch64-linux-gnu.so", "odd/_native.abi3.so"
    ]


def test_slimming_drops_the_runtime_libraries_and_makes_the_same_zip_from_the_same_files(tmp_path):
    files = {"app.py": b"import pynamodb", "pynamodb/__init__.py": b"", "botocore/__init__.py": b"x" * 1000,
             "botocore-1.44.5.dist-info/METADATA": b"m", "six.py": b"s", "python_dateutil-2.9.0.dist-info/RECORD": b""}
    zips = []
    for order, stamp in ((sorted(files), (2020, 1, 1, 0, 0, 0)), (sorted(files, reverse=True), (2024, 6, 1, 12, 0, 0))):
        source = tmp_path / f"chalice-{stamp[0]}.zip"
        with zipfile.ZipFile(source, "w") as archive:
            for path in order:
                archive.writestr(zipfile.ZipInfo(path, date_time=stamp), files[path])
        target = tmp_path / f"slim-{stamp[0]}.zip"
        left_out = slimming.slim(source, target)
        zips.append(target.read_bytes())
        assert sorted(left_out) == [
            "botocore", "botocore-1.44.5.dist-info", "python_dateutil-2.9.0.dist-info", "six.py"
        ]
        tag = sys.implementation.cache_tag
        assert zipfile.ZipFile(target).namelist() == [
            f"__pycache__/app.{tag}.pyc", "app.py", "pynamodb/__init__.py", f"pynamodb/__pycache__/__init__.{tag}.pyc"
        ]
    assert zips[0] == zips[1]


@pytest.mark.parametrize("name", packages.SERVICES)
def test_every_module_ships_bytecode_python_loads_without_checking_the_source(name):
    """Lambda's /var/task is read-only: without shipped bytecode every cold start compiles the package's modules."""
    with zipfile.ZipFile(packages.build_package(name)) as archive:
        names = set(archive.namelist())
        sources = [n for n in names if n.endswith(".py")]
        assert len(sources) > 20
        for source in sources:
            cached = slimming.compiled_name(source)
            assert cached in names, f"no bytecode for {source}"
            header = archive.read(cached)[:16]
            assert header[:4] == importlib.util.MAGIC_NUMBER
            assert int.from_bytes(header[4:8], "little") == 0b01, f"{cached}: not an unchecked-hash pyc"
            assert header[8:16] == importlib.util.source_hash(archive.read(source))


@pytest.mark.parametrize("name", packages.SERVICES)
def test_app_imports_with_only_the_lambda_runtime_beside_it(name, runtime):
    package_dir = packages.unpacked(packages.build_package(name))
    # As Lambda runs it: the package's own shipped bytecode, the runtime's libraries, nothing written (-B).
    result, facts = _probe(package_dir, runtime, name)
    assert result.returncode == 0, f"import app failed in the Lambda-like interpreter:\n{result.stderr}"
    assert facts["app_is_chalice"], "app.app is not a Chalice app"
    # Lambda calls `app.relay` and `app.consumer` (the handler strings in sam.json).
    assert facts["functions"] == {"relay": "app.relay", "consumer": "app.consumer"}
    assert facts["handlers"] == ["consumer", "relay"]
    assert f"/{name}/health" in facts["routes"]
    for module, origin in facts["origins"].items():
        assert origin and Path(origin).is_relative_to(package_dir), f"{module} loaded from {origin}, not the package"
    for module, origin in facts["runtime_origins"].items():
        assert origin and Path(origin).is_relative_to(runtime), f"{module} loaded from {origin}, not the runtime"
    assert not facts["strays"], f"modules loaded from outside the package, runtime and stdlib: {facts['strays']}"


def test_a_module_missing_from_the_package_fails_the_import(runtime, tmp_path):
    """The harness check: a package without portalkit/store.py must not find it anywhere else (e.g. kit/)."""
    package_dir = packages.unpacked(packages.build_package("availability"))
    shadow = tmp_path / "package"
    shadow.mkdir()
    for entry in package_dir.iterdir():
        if entry.name != "portalkit":
            (shadow / entry.name).symlink_to(entry)
    (shadow / "portalkit").mkdir()
    for entry in (package_dir / "portalkit").iterdir():
        if entry.name != "store.py":
            (shadow / "portalkit" / entry.name).symlink_to(entry)
    result, _ = _probe(shadow, runtime, "availability")
    assert result.returncode != 0
    assert "No module named 'portalkit.store'" in result.stderr, result.stderr
