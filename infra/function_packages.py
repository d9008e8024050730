"""Each service's Lambda package: `chalice package` for arm64, minus what the Lambda runtime provides.

One build per service and stage, cached in `build/packages/<service>/<stage>/<source hash>/` while the
sources are unchanged: `deployment.zip` (what every function of the app runs), `sam.json` (Chalice's
template, which the CDK stack imports) and `left_out.json` (what was dropped, for `make bench`).

The Lambda Python runtime already has boto3 and botocore (and what they need). PynamoDB depends on
botocore, so Chalice would ship 16 MB of it; shipping it also hides the runtime's precompiled copy, so
every cold start compiled it again. The build drops those libraries from the zip, so each function is
a few hundred KB and imports the runtime's copies. It also ships the bytecode of every module it keeps
(unchecked-hash .pyc for the runtime's Python): Lambda's /var/task is read-only, so without it each cold
start compiles the package's own modules again.

A service named in `infra.declaration.LAYERS` gets a Lambda layer beside its package (`layer.zip`, with
`python/` at its root, as Lambda mounts it on `/opt/python`): the declared requirements and what they need
that the rest of the package does not, moved out of the function's zip (billing's Stripe SDK: 7 MB of its
7.7 MB). It is split from the same `chalice package` run, so it is resolved and fetched for arm64 with the
function's own dependencies, and it is slimmed the same way (no runtime libraries, bytecode, reproducible).
`layer.json` lists its distributions.
"""

from __future__ import annotations

import csv
import hashlib
import json
import marshal
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

from infra.declaration import ARCHITECTURE, LAYERS, SERVICES

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "packages"
FAKE_REGION = "us-east-1"
# What the AWS Lambda Python runtime provides beside the function's code (boto3 and its dependencies).
LAMBDA_PROVIDED = ("boto3", "botocore", "jmespath", "dateutil", "s3transfer", "urllib3", "six")
# Bump when the build recipe changes in a way the sources do not show.
_RECIPE = "6"
_BUILDING = ".building-"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's timestamp: the same sources make the same zip
# e_machine of an ELF header (offset 18, little endian) for each Lambda architecture.
ELF_MACHINES = {"arm64": 183, "x86_64": 62}
# `platform_machine` of the functions' Linux, for the environment markers of requirements.
MACHINES = {"arm64": "aarch64", "x86_64": "x86_64"}
# Where a Python layer's modules go in its zip: Lambda extracts layers into /opt and puts /opt/python on sys.path
# (after /var/task, before the runtime's libraries).
LAYER_ROOT = "python"

__all__ = [
    "LAYERS", "LAYER_ROOT", "SERVICES", "Package", "PackagingError", "build", "canonical_name", "lambda_provided",
    "layer_split", "requirements", "service_dir", "source_hash",
]


class PackagingError(RuntimeError):
    """`chalice package` failed; the message carries its output."""


@dataclass(frozen=True)
class Package:
    """A built package: the folder that holds the zip, Chalice's SAM template and what was left out."""

    service: str
    stage: str
    folder: Path

    @property
    def zip(self) -> Path:
        return self.folder / "deployment.zip"

    @property
    def template(self) -> Path:
        return self.folder / "sam.json"

    @property
    def layer(self) -> Path | None:
        """The service's layer (`python/...` inside), or None when `LAYERS` gives it none."""
        return self.folder / "layer.zip" if self.service in LAYERS else None

    def layer_distributions(self) -> dict[str, str]:
        """Distribution -> version of everything in the layer (empty without a layer)."""
        if self.layer is None:
            return {}
        return json.loads((self.folder / "layer.json").read_text())["distributions"]

    def complete(self) -> bool:
        """Whether every file of the build is there (a cached build is reused only then)."""
        needed = [self.zip, self.template, *((self.layer, self.folder / "layer.json") if self.layer else ())]
        return all(path.is_file() for path in needed)

    def left_out(self) -> dict[str, int]:
        """Top-level entries dropped because the runtime provides them -> their zipped bytes."""
        return json.loads((self.folder / "left_out.json").read_text())

    def functions(self) -> dict[str, str]:
        """Logical id -> handler of every function in Chalice's template (all run this one zip)."""
        resources = json.loads(self.template.read_text())["Resources"]
        return {
            name: resource["Properties"]["Handler"]
            for name, resource in resources.items()
            if resource["Type"] == "AWS::Serverless::Function"
        }


def service_dir(name: str) -> Path:
    """The app's project folder, `services/<name>`."""
    return ROOT / "services" / name


# The kit's test helpers (pump, call counter, tokens, fast moto): vendored with the kit, never imported by a function.
TEST_ONLY = ("portalkit/testing/",)


def lambda_provided(entry: str) -> bool:
    """Whether a top-level package entry (module, package, dist-info, .data) is a library Lambda has too."""
    base = entry.split("-")[0].removesuffix(".py")
    return base in LAMBDA_PROVIDED or base == "python_dateutil"


def _source_files(service: Path) -> Iterator[Path]:
    """Files chalice may package: the service folder, following links (vendor/portalkit), minus caches and builds."""
    for root, dirs, files in os.walk(service, followlinks=True):
        here = Path(root)
        dirs[:] = sorted(
            d for d in dirs if d != "__pycache__" and not (here.name == ".chalice" and d in ("deployments", "deployed"))
        )
        for file in sorted(files):
            if not file.endswith((".pyc", ".pyo")):
                yield here / file


def source_hash(name: str, stage: str = "dev") -> str:
    """Digest of what decides the package: sources, kit, requirements, config, chalice, Python, stage, architecture."""
    digest = hashlib.sha256()
    header = (
        f"recipe={_RECIPE} chalice={metadata.version('chalice')} python={sys.version_info[:2]} "
        f"stage={stage} arch={ARCHITECTURE} layer={sorted(LAYERS.get(name, ()))}"
    )
    digest.update(header.encode())
    service = service_dir(name)
    for path in _source_files(service):
        digest.update(b"\0" + path.relative_to(service).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Runs in a child interpreter: Chalice's own packaging, with the architecture set over the app's config.
_PACKAGE_APP = (
    "import sys\n"
    "from chalice.api import package_app\n"
    "package_app(sys.argv[1], sys.argv[2], sys.argv[3], chalice_config={'lambda_architecture': sys.argv[4]})\n"
)


def build(name: str, stage: str = "dev", *, force: bool = False) -> Package:
    """The app's package for a stage: reused when built from identical sources, else built now."""
    digest = source_hash(name, stage)
    home = BUILD / name / stage
    package = Package(name, stage, home / digest)
    if package.complete() and not force:
        return package
    home.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=_BUILDING, dir=home))
    try:
        env = dict(os.environ)
        env.setdefault("AWS_DEFAULT_REGION", FAKE_REGION)  # chalice refuses to run without a region
        env.pop("USER_POOL_ARN", None)  # the stack sets the real pool on the API; nothing from this shell
        result = subprocess.run(  # noqa: S603 - this interpreter, fixed code, paths of the repository
            [sys.executable, "-c", _PACKAGE_APP, str(service_dir(name)), str(scratch / "chalice"), stage, ARCHITECTURE],
            cwd=service_dir(name),
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode or not (scratch / "chalice" / "deployment.zip").is_file():
            raise PackagingError(f"chalice package failed for {name} ({stage}):\n{result.stdout}\n{result.stderr}")
        if source_hash(name, stage) != digest:  # sources edited during the build: the zip matches neither state
            return build(name, stage, force=force)
        out = scratch / "out"
        out.mkdir()
        chalice_zip = scratch / "chalice" / "deployment.zip"
        if name in LAYERS:
            layered = LAYERS[name]
            names = {canonical_name(line) for line in layered}
            kept = [line for line in requirements(name) if canonical_name(_requirement(line).name) not in names]
            moved, distributions = layer_split(chalice_zip, layered, kept)
            left_out = slim(chalice_zip, out / "deployment.zip", layer=(out / "layer.zip", moved))
            (out / "layer.json").write_text(json.dumps({"requirements": list(layered),
                                                        "distributions": distributions}, indent=1))
        else:
            left_out = slim(chalice_zip, out / "deployment.zip")
        shutil.copyfile(scratch / "chalice" / "sam.json", out / "sam.json")
        (out / "left_out.json").write_text(json.dumps(left_out, indent=1, sort_keys=True))
        (out / "chalice-package.log").write_text(result.stdout + result.stderr)
        if force and package.folder.exists():
            shutil.rmtree(package.folder)
        try:
            out.rename(package.folder)
        except OSError:
            if not package.complete():  # not a concurrent build of the same sources
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for stale in home.iterdir():
        if stale != package.folder and not stale.name.startswith(_BUILDING):
            shutil.rmtree(stale, ignore_errors=True)
    return package


def slim(
    source: Path,
    target: Path,
    *,
    bytecode: bool = True,
    layer: tuple[Path, Iterable[str]] | None = None,
) -> dict[str, int]:
    """Copy a deployment zip without the runtime's libraries and the kit's test helpers, with bytecode, sorted and
    timestamp-free.

    `layer` = (a layer zip to write, files of `source` that go there instead, under `python/`). Returns
    what was dropped. The same files always make the same zips, so an unchanged app keeps its asset hashes
    and a deploy does not update its functions or publish a new layer version.
    """
    layer_zip, moved = layer or (None, ())
    moved = frozenset(moved)
    left_out: dict[str, int] = {}
    files: dict[str, tuple[bytes, int]] = {}
    layer_files: dict[str, tuple[bytes, int]] = {}
    with zipfile.ZipFile(source) as zin:
        for info in zin.infolist():
            entry = info.filename.split("/")[0]
            test_only = next((prefix for prefix in TEST_ONLY if info.filename.startswith(prefix)), None)
            if lambda_provided(entry) or test_only:
                dropped = test_only.rstrip("/") if test_only else entry
                left_out[dropped] = left_out.get(dropped, 0) + info.compress_size
            elif not info.is_dir() and "/__pycache__/" not in f"/{info.filename}":
                into, name = (layer_files, f"{LAYER_ROOT}/{info.filename}") if info.filename in moved else (
                    files, info.filename)
                into[name] = (zin.read(info), info.external_attr)
    _write_zip(files, target, bytecode=bytecode)
    if layer_zip is not None:
        _write_zip(layer_files, layer_zip, bytecode=bytecode)
    return left_out


def _write_zip(files: dict[str, tuple[bytes, int]], target: Path, *, bytecode: bool) -> None:
    """Files (path -> content, attributes) as a zip: with each module's bytecode, sorted, fixed timestamps."""
    files = dict(files)
    if bytecode:
        compiled = compile_unchecked({name: data for name, (data, _) in files.items() if name.endswith(".py")})
        for name, pyc in compiled.items():
            files[compiled_name(name)] = (pyc, files[name][1])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for name in sorted(files):
            data, attributes = files[name]
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = attributes
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


# -- the layer: which files of Chalice's zip belong to which requirement -------------------------------------


@dataclass(frozen=True)
class _Distribution:
    """One installed distribution in Chalice's zip, read from its `.dist-info`."""

    name: str
    version: str
    folder: str  # `<name>-<version>.dist-info`
    requires: tuple[str, ...]
    files: frozenset[str]


def canonical_name(name: str) -> str:
    """A distribution's name as PEP 503 compares them (`Charset_Normalizer` -> `charset-normalizer`)."""
    from packaging.utils import canonicalize_name  # packaging: a dependency of chalice's `wheel`

    return canonicalize_name(name)


def _requirement(line: str):
    from packaging.requirements import Requirement

    return Requirement(line)


def _target_environment() -> dict[str, str]:
    """Environment markers as the functions' runtime evaluates them: this Python, Linux on ARCHITECTURE."""
    from packaging.markers import default_environment

    return default_environment() | {
        "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
        "platform_machine": MACHINES[ARCHITECTURE],
    }


def requirements(name: str) -> list[str]:
    """The requirement lines of `services/<name>/requirements.txt` (plain requirements only)."""
    found = []
    for raw in (service_dir(name) / "requirements.txt").read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            raise PackagingError(f"services/{name}/requirements.txt: {line!r}: only plain requirements are read")
        found.append(line)
    return found


def _distributions(archive: zipfile.ZipFile) -> dict[str, _Distribution]:
    """Every distribution installed in the zip, by canonical name, with the files its RECORD lists."""
    found = {}
    for path in archive.namelist():
        folder, _, file = path.partition("/")
        if not (folder.endswith(".dist-info") and file == "METADATA"):
            continue
        meta = HeaderParser().parsestr(archive.read(path).decode())
        rows = csv.reader(archive.read(f"{folder}/RECORD").decode().splitlines())
        files = frozenset(row[0] for row in rows if row and not row[0].startswith(("..", "/")))
        found[canonical_name(meta["Name"])] = _Distribution(
            meta["Name"], meta["Version"], folder, tuple(meta.get_all("Requires-Dist") or ()), files
        )
    return found


def _closure(distributions: dict[str, _Distribution], requirements: Iterable[str]) -> set[str]:
    """Canonical names of the packaged distributions that `requirements` need, themselves included."""
    environment = _target_environment()
    pending = [_requirement(line) for line in requirements]
    pending = [r for r in pending if r.marker is None or r.marker.evaluate(environment | {"extra": ""})]
    seen: set[tuple[str, frozenset[str]]] = set()
    found: set[str] = set()
    while pending:
        requirement = pending.pop()
        name = canonical_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen or name not in distributions:  # not packaged: its markers left it out
            continue
        seen.add(key)
        found.add(name)
        extras = ("", *requirement.extras)
        for line in distributions[name].requires:
            needed = _requirement(line)
            if needed.marker is None or any(needed.marker.evaluate(environment | {"extra": e}) for e in extras):
                pending.append(needed)
    return found


def layer_split(source: Path, layered: Iterable[str], kept: Iterable[str]) -> tuple[frozenset[str], dict[str, str]]:
    """Which files of Chalice's zip go to the layer, and its distributions (name -> version).

    The layer takes the `layered` requirements and everything they need, except what the `kept`
    requirements (the rest of requirements.txt) need too: the function then imports without the layer.
    Libraries the runtime provides are dropped from both zips anyway and are not listed.
    """
    layered, kept = list(layered), list(kept)
    with zipfile.ZipFile(source) as archive:
        names = {info.filename for info in archive.infolist() if not info.is_dir()}
        distributions = _distributions(archive)
    for line in layered:
        name = canonical_name(_requirement(line).name)
        if name not in distributions:
            raise PackagingError(f"{line!r} is declared for a layer but Chalice did not package it: is it in "
                                 "the service's requirements.txt?")
    stays = _closure(distributions, kept)
    needed_anyway = sorted({canonical_name(_requirement(line).name) for line in layered} & stays)
    if needed_anyway:
        raise PackagingError(f"{needed_anyway} cannot go to a layer: the package's other requirements need them")
    layer = _closure(distributions, layered) - stays
    kept_files = frozenset().union(*(d.files for n, d in distributions.items() if n not in layer))
    moved = frozenset().union(*(distributions[n].files for n in layer)) - kept_files
    listed = {
        distributions[n].name: distributions[n].version
        for n in sorted(layer)
        if not lambda_provided(distributions[n].folder)
    }
    return moved & names, listed


def compiled_name(path: str) -> str:
    """`pkg/mod.py` -> `pkg/__pycache__/mod.cpython-311.pyc` (this interpreter's tag: the runtime Chalice chose)."""
    folder, _, file = path.rpartition("/")
    cached = f"__pycache__/{file[:-3]}.{sys.implementation.cache_tag}.pyc"
    return f"{folder}/{cached}" if folder else cached


# Runs in a fresh child interpreter: compiles the (path, source) pairs it reads, in order, into unchecked-hash
# pycs (PEP 552; the stdlib's own writer, as py_compile uses); None for a module that does not compile.
_COMPILER = (
    "import importlib.util, marshal, sys\n"
    "from importlib._bootstrap_external import _code_to_hash_pyc\n"
    "out = []\n"
    "for path, source in marshal.load(sys.stdin.buffer):\n"
    "    try:\n"
    "        code = compile(source, path, 'exec', dont_inherit=True, optimize=0)\n"
    "    except (SyntaxError, ValueError):\n"
    "        out.append(None)\n"
    "        continue\n"
    "    out.append(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))\n"
    "marshal.dump(out, sys.stdout.buffer)\n"
)


def compile_unchecked(sources: dict[str, bytes]) -> dict[str, bytes]:
    """Bytecode (path -> pyc) that Python loads without looking at the source's timestamp, reproducibly.

    marshal's output depends on the interpreter's state: a set's order follows the string hash seed, and a
    constant is written as a back-reference or not by its reference count. So the modules are compiled in
    sorted order by a fresh interpreter with a fixed hash seed and no site: the same sources, the same bytes.
    A module that does not compile gets no bytecode (importing it fails as it would anyway).
    """
    items = [(path, sources[path]) for path in sorted(sources)]
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-S", "-P", "-c", _COMPILER],
        input=marshal.dumps(items),
        env={"PATH": os.environ.get("PATH", os.defpath), "PYTHONHASHSEED": "0"},
        capture_output=True,
        timeout=600,
    )
    if result.returncode:
        raise PackagingError(f"compiling the package's modules failed:\n{result.stderr.decode(errors='replace')}")
    compiled = marshal.loads(result.stdout)  # noqa: S302 - written by our own child above
    return {path: pyc for (path, _), pyc in zip(items, compiled, strict=True) if pyc is not None}


def foreign_binaries(package: Path, architecture: str = ARCHITECTURE) -> list[str]:
    """Compiled modules in the zip that are not ELF files for the functions' architecture (they would not load)."""
    wanted = ELF_MACHINES[architecture]
    found = []
    with zipfile.ZipFile(package) as archive:
        for info in archive.infolist():
            if info.filename.endswith(".so") or ".so." in info.filename:
                header = archive.read(info)[:20]
                machine = int.from_bytes(header[18:20], "little") if header[:4] == b"\x7fELF" else None
                if machine != wanted:
                    found.append(info.filename)
    return found
