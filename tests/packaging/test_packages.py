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
from infra import function_packages as slimming

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
        expected |= {path: data for path, data in _sources(service / "vendor" / "portalkit", "portalkit").items()
                     if not path.startswith(slimming.TEST_ONLY)}
        test_helpers = [e for e in entries if e.startswith(slimming.TEST_ONLY)]
        assert not test_helpers, f"the kit's test helpers are in the package: {test_helpers[:5]}"
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


def _two_builds(tmp_path: Path, files: dict[str, bytes]) -> list[tuple[int, Path]]:
    """The same files zipped as two chalice builds may zip them: in other orders, at other times."""
    builds = []
    for order, stamp in ((sorted(files), (2020, 1, 1, 0, 0, 0)), (sorted(files, reverse=True), (2024, 6, 1, 12, 0, 0))):
        source = tmp_path / f"chalice-{stamp[0]}.zip"
        with zipfile.ZipFile(source, "w") as archive:
            for path in order:
                archive.writestr(zipfile.ZipInfo(path, date_time=stamp), files[path])
        builds.append((stamp[0], source))
    return builds


def test_slimming_drops_the_runtime_libraries_and_makes_the_same_zip_from_the_same_files(tmp_path):
    files = {"app.py": b"import pynamodb", "pynamodb/__init__.py": b"", "botocore/__init__.py": b"x" * 1000,
             "botocore-1.44.5.dist-info/METADATA": b"m", "six.py": b"s", "python_dateutil-2.9.0.dist-info/RECORD": b"",
             "portalkit/store.py": b"", "portalkit/testing/pump.py": b"p"}
    zips = []
    for year, source in _two_builds(tmp_path, files):
        target = tmp_path / f"slim-{year}.zip"
        left_out = slimming.slim(source, target)
        zips.append(target.read_bytes())
        assert sorted(left_out) == [
            "botocore", "botocore-1.44.5.dist-info", "portalkit/testing", "python_dateutil-2.9.0.dist-info", "six.py"
        ]
        tag = sys.implementation.cache_tag
        assert zipfile.ZipFile(target).namelist() == [
            f"__pycache__/app.{tag}.pyc", "app.py", f"portalkit/__pycache__/store.{tag}.pyc", "portalkit/store.py",
            "pynamodb/__init__.py", f"pynamodb/__pycache__/__init__.{tag}.pyc"
        ]
    assert zips[0] == zips[1]


def _assert_ships_bytecode(archive: zipfile.ZipFile) -> None:
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
def test_every_module_ships_bytecode_python_loads_without_checking_the_source(name):
    """Lambda's /var/task is read-only: without shipped bytecode every cold start compiles the package's modules."""
    with zipfile.ZipFile(packages.build_package(name)) as archive:
        _assert_ships_bytecode(archive)


@pytest.mark.parametrize("name", packages.SERVICES)
def test_app_imports_with_only_the_lambda_runtime_beside_it(name, runtime, tmp_path):
    shipped = packages.unpacked(packages.build_package(name))
    # The zip carries msgspec compiled for the functions' arm64; here its native module is this machine's build of
    # the same version, and every other file is the package's own.
    assert any(shipped.glob("msgspec/_core.*aarch64*.so")), "the package ships no arm64 msgspec"
    package_dir = packages.on_this_machine(shipped, tmp_path / "package")
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
    shipped = packages.unpacked(packages.build_package("availability"))
    package_dir = packages.on_this_machine(shipped, tmp_path / "native")
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
    missing = ("No module named 'portalkit.store'", "cannot import name 'store' from 'portalkit'")  # import forms
    assert any(words in result.stderr for words in missing), result.stderr


# -- layers (infra.declaration.LAYERS): big, lazily imported requirements beside the package ----------------

LAYERED = sorted(packages.LAYERS)


def _top_level(names) -> set[str]:
    return {name.split("/")[0] for name in names}


def test_billing_keeps_the_stripe_sdk_in_a_layer():
    """What the issue asks of billing: the official SDK, deployed, but not in the functions' own zip."""
    assert packages.LAYERS["billing"] == ("stripe",)
    assert "stripe" in {line.split("=")[0] for line in slimming.requirements("billing")}


@pytest.mark.parametrize("name", LAYERED)
def test_layer_holds_its_requirements_and_what_only_they_need_under_python(name):
    package = slimming.build(name, packages.STAGE)
    with zipfile.ZipFile(package.layer) as layer, zipfile.ZipFile(package.zip) as function:
        layer_names = [n for n in layer.namelist() if not n.endswith("/")]
        function_names = set(function.namelist())
        assert all(n.startswith("python/") for n in layer_names), "Lambda puts only /opt/python on sys.path"
        inside = {n.removeprefix("python/") for n in layer_names}
        assert not inside & function_names, f"in both zips: {sorted(inside & function_names)[:5]}"
        tops = _top_level(inside)
        distributions = package.layer_distributions()
        for distribution, version in distributions.items():
            assert f"{distribution.replace('-', '_')}-{version}.dist-info" in tops
        assert not [t for t in tops if packages.lambda_provided(t)], "the runtime's libraries are in the layer"
        assert not [t for t in _top_level(function_names) if t in tops and t != "__pycache__"]
        _assert_ships_bytecode(layer)
    assert not packages.foreign_binaries(package.layer), "compiled modules for another architecture"
    if name == "billing":  # the SDK and its HTTP stack moved; the function keeps PynamoDB, the kit, its code
        assert {"stripe", "requests", "certifi", "idna", "charset-normalizer"} <= set(distributions)
        assert {"stripe", "requests", "certifi", "idna", "charset_normalizer"} <= tops
        assert "python/stripe/_webhook.py" in layer_names
        assert not [n for n in function_names if n.startswith(("stripe", "requests", "charset_normalizer"))]
        assert {"pynamodb", "portalkit", "chalicelib", "chalice", "app.py"} <= _top_level(function_names)


# Runs in the clean interpreter with the layer on sys.path as Lambda puts it: the app, then billing's Stripe
# path with the SDK from the layer (a webhook verified by `stripe.Webhook.construct_event`).
STRIPE_PROBE = """
import json
roots = tuple(sys.path)
import app
from chalicelib.billing import providers
assert "stripe" not in sys.modules, "imported stripe with the app"
import stripe
secret = "whsec_layer_probe"
payload = json.dumps({"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {
    "id": "pi_1", "amount": 500, "metadata": {"agency_id": "a1", "client_id": "c1", "payment_id": "p1"}}}}).encode()
header = providers.sign(payload, secret)
verified = stripe.Webhook.construct_event(payload, header, secret)
provider = providers.Stripe.__new__(providers.Stripe)  # its keys come from Secrets Manager: given here
provider.agency_id, provider.credentials = "a1", {"api_key": "sk_test_probe", "webhook_secret": secret}
event = provider.webhook(payload, header)
try:
    provider.webhook(payload, providers.sign(payload, "whsec_someone_else"))
    forged = "accepted"
except providers.WebhookRefused as error:
    forged = error.code
def where(name):
    return getattr(sys.modules.get(name), "__file__", None)
print(json.dumps({
    "verified": verified.id, "payment_id": event.payment_id, "forged": forged,
    "http_client": stripe.new_default_http_client().name,
    "origins": {n: where(n) for n in ("stripe", "requests", "charset_normalizer", "idna", "certifi")},
    "package_origins": {n: where(n) for n in ("app", "pynamodb", "portalkit")},
    "runtime_origins": {n: where(n) for n in ("botocore", "urllib3")},
    "strays": sorted(
        name for name, mod in list(sys.modules.items())
        if getattr(mod, "__file__", None) and not str(mod.__file__).startswith(roots)
    ),
}))
"""

# Runs with the package alone (no layer): what every agency not on Stripe uses, and no Stripe anywhere.
SANDBOX_PROBE = """
import json, os
import app
from chalicelib.billing import providers
sandbox = providers.provider("sandbox", "a1")
payload = json.dumps({"id": "evt_2", "type": "payment_intent.succeeded", "data": {"object": {
    "id": "sb_pi_1", "amount": 500, "metadata": {"agency_id": "a1", "payment_id": "p2"}}}}).encode()
event = sandbox.webhook(payload, providers.sign(payload, os.environ.get("SANDBOX_WEBHOOK_SECRET", "whsec_sandbox")))
charged = sandbox.charge(key="k1", amount=500, currency="USD", token="tok_visa", metadata={})
loaded = "stripe" in sys.modules
try:
    import stripe
    found = stripe.__file__
except ModuleNotFoundError:
    found = None
print(json.dumps({"payment_id": event.payment_id, "charged": charged.status, "loaded": loaded, "found": found}))
"""


def _run_probe(code: str, package_dir: Path, runtime: Path, layers: tuple[Path, ...] = ()):
    result = packages.lambda_python(code, package_dir, runtime, layers=layers)
    assert result.returncode == 0, f"the probe failed in the Lambda-like interpreter:\n{result.stderr}"
    return json.loads(result.stdout)


def test_billing_with_its_layer_verifies_stripe_webhooks_with_the_sdk_from_the_layer(runtime, tmp_path):
    package = slimming.build("billing", packages.STAGE)
    package_dir = packages.on_this_machine(packages.unpacked(package.zip), tmp_path / "package")
    layer_dir = packages.layer_dir(package.layer)
    facts = _run_probe(STRIPE_PROBE, package_dir, runtime, (layer_dir,))
    assert facts["verified"] == "evt_1" and facts["payment_id"] == "p1"
    assert facts["forged"] == "invalid_signature"
    assert facts["http_client"] == "requests", "stripe fell back to urllib: requests did not import from the layer"
    for where, expected in (("origins", layer_dir), ("package_origins", package_dir), ("runtime_origins", runtime)):
        for module, origin in facts[where].items():
            assert origin and Path(origin).is_relative_to(expected), f"{module} loaded from {origin}, not {expected}"
    assert not facts["strays"], f"modules loaded from outside the package, layer, runtime and stdlib: {facts['strays']}"


def test_billing_without_its_layer_serves_agencies_not_on_stripe(runtime, tmp_path):
    """The package alone (a layer not yet attached, or left out) still runs everything but Stripe."""
    package_dir = packages.on_this_machine(packages.unpacked(packages.build_package("billing")), tmp_path / "package")
    facts = _run_probe(SANDBOX_PROBE, package_dir, runtime)
    assert facts == {"payment_id": "p2", "charged": "succeeded", "loaded": False, "found": None}


def _wheel_files(name: str, version: str, requires: tuple[str, ...], modules: tuple[str, ...]) -> dict[str, bytes]:
    """An installed distribution as Chalice unpacks a wheel: its modules and its .dist-info."""
    info = f"{name.replace('-', '_')}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    files = {module: f"# {module}".encode() for module in modules} | {f"{info}/METADATA": meta.encode()}
    record = "".join(f"{path},,\n" for path in files) + f"{info}/RECORD,,\n../../bin/{name},,\n"
    return files | {f"{info}/RECORD": record.encode()}


def test_layer_split_takes_what_only_the_layered_requirements_need_and_is_reproducible(tmp_path):
    files = {"app.py": b"import shared", "chalicelib/__init__.py": b""}
    files |= _wheel_files("sdk", "2.0", ("requests>=2", "shared", 'socks-proxy; extra == "socks"',
                                         'oldcompat; python_version < "3.8"'), ("sdk/__init__.py", "sdk/api.py"))
    files |= _wheel_files("requests", "2.1", ("urllib3<3", "idna"), ("requests/__init__.py",))
    files |= _wheel_files("idna", "3.0", (), ("idna/__init__.py",))
    files |= _wheel_files("urllib3", "2.0", (), ("urllib3/__init__.py",))
    files |= _wheel_files("socks-proxy", "1.0", (), ("socks.py",))
    files |= _wheel_files("oldcompat", "1.0", (), ("oldcompat.py",))
    files |= _wheel_files("store", "6.1", ("botocore", "shared"), ("store/__init__.py",))
    files |= _wheel_files("shared", "4.0", (), ("shared.py",))
    files |= _wheel_files("botocore", "1.4", ("urllib3",), ("botocore/__init__.py",))
    results = []
    for year, source in _two_builds(tmp_path, files):
        moved, distributions = slimming.layer_split(source, ["sdk"], ["store==6.1"])
        assert distributions == {"idna": "3.0", "requests": "2.1", "sdk": "2.0"}  # urllib3: the runtime's
        target, layer = tmp_path / f"function-{year}.zip", tmp_path / f"layer-{year}.zip"
        left_out = slimming.slim(source, target, layer=(layer, moved))
        assert {"urllib3", "botocore"} <= _top_level(left_out)
        function_names, layer_names = zipfile.ZipFile(target).namelist(), zipfile.ZipFile(layer).namelist()
        assert _top_level(function_names) == {
            "__pycache__", "app.py", "chalicelib", "shared.py", "shared-4.0.dist-info", "socks.py",
            "socks_proxy-1.0.dist-info", "oldcompat.py", "oldcompat-1.0.dist-info", "store", "store-6.1.dist-info",
        }  # shared: the function needs it too; socks-proxy, oldcompat: no requirement picks them, so they stay
        assert _top_level(n.removeprefix("python/") for n in layer_names) == {
            "sdk", "sdk-2.0.dist-info", "requests", "requests-2.1.dist-info", "idna", "idna-3.0.dist-info",
        }
        assert all(n.startswith("python/") for n in layer_names)
        assert f"python/sdk/__pycache__/api.{sys.implementation.cache_tag}.pyc" in layer_names
        results.append((target.read_bytes(), layer.read_bytes()))
    assert results[0] == results[1], "the same files must make the same zips"
    with pytest.raises(slimming.PackagingError, match="did not package"):
        slimming.layer_split(tmp_path / "chalice-2020.zip", ["missing-sdk"], ["store"])
    with pytest.raises(slimming.PackagingError, match="other requirements need"):
        slimming.layer_split(tmp_path / "chalice-2020.zip", ["shared"], ["store"])
