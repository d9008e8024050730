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
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from infra.declaration import ARCHITECTURE, SERVICES

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "packages"
FAKE_REGION = "us-east-1"
# What the AWS Lambda Python runtime provides beside the function's code (boto3 and its dependencies).
LAMBDA_PROVIDED = ("boto3", "botocore", "jmespath", "dateutil", "s3transfer", "urllib3", "six")
# Bump when the build recipe changes in a way the sources do not show.
_RECIPE = "3"
_BUILDING = ".building-"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's timestamp: the same sources make the same zip
# e_machine of an ELF header (offset 18, little endian) for each Lambda architecture.
ELF_MACHINES = {"arm64": 183, "x86_64": 62}

__all__ = ["SERVICES", "Package", "PackagingError", "build", "lambda_provided", "service_dir", "source_hash"]


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
        f"stage={stage} arch={ARCHITECTURE}"
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
    if package.zip.is_file() and package.template.is_file() and not force:
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
        left_out = slim(scratch / "chalice" / "deployment.zip", out / "deployment.zip")
        shutil.copyfile(scratch / "chalice" / "sam.json", out / "sam.json")
        (out / "left_out.json").write_text(json.dumps(left_out, indent=1, sort_keys=True))
        (out / "chalice-package.log").write_text(result.stdout + result.stderr)
        if force and package.folder.exists():
            shutil.rmtree(package.folder)
        try:
            out.rename(package.folder)
        except OSError:
            if not package.zip.is_file():  # not a concurrent build of the same sources
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for stale in home.iterdir():
        if stale != package.folder and not stale.name.startswith(_BUILDING):
            shutil.rmtree(stale, ignore_errors=True)
    return package


def slim(source: Path, target: Path, *, bytecode: bool = True) -> dict[str, int]:
    """Copy a deployment zip without the runtime's libraries, with bytecode, sorted and timestamp-free.

    Returns what was dropped. The same files always make the same zip, so an unchanged app keeps its
    asset hash and a deploy does not update its functions.
    """
    left_out: dict[str, int] = {}
    files: dict[str, tuple[bytes, int]] = {}
    with zipfile.ZipFile(source) as zin:
        for info in zin.infolist():
            entry = info.filename.split("/")[0]
            if lambda_provided(entry):
                left_out[entry] = left_out.get(entry, 0) + info.compress_size
            elif not info.is_dir() and "/__pycache__/" not in f"/{info.filename}":
                files[info.filename] = (zin.read(info), info.external_attr)
    if bytecode:
        for name, (data, attributes) in list(files.items()):
            if name.endswith(".py"):
                files[compiled_name(name)] = (compile_unchecked(data, name), attributes)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for name in sorted(files):
            data, attributes = files[name]
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = attributes
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)
    return left_out


def compiled_name(path: str) -> str:
    """`pkg/mod.py` -> `pkg/__pycache__/mod.cpython-311.pyc` (this interpreter's tag: the runtime Chalice chose)."""
    folder, _, file = path.rpartition("/")
    cached = f"__pycache__/{file[:-3]}.{sys.implementation.cache_tag}.pyc"
    return f"{folder}/{cached}" if folder else cached


def compile_unchecked(source: bytes, path: str) -> bytes:
    """Bytecode that Python loads without looking at the source's timestamp (PEP 552 unchecked hash)."""
    code = compile(source, path, "exec", dont_inherit=True, optimize=0)
    return importlib._bootstrap_external._code_to_hash_pyc(  # the stdlib's own writer, as py_compile uses
        code, importlib.util.source_hash(source), checked=False
    )


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
