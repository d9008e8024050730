"""Each app's Lambda package (`chalice package`, cached by source hash) and a Lambda-like interpreter to import it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("availability", "requests", "messaging", "billing")
BUILD = ROOT / "build" / "packages"
STAGE = "dev"
FAKE_REGION = "us-east-1"
# What the AWS Lambda Python runtime already provides next to the function's code.
LAMBDA_PROVIDED = ("boto3", "botocore", "jmespath", "dateutil", "s3transfer", "urllib3", "six")
# Bump when the build recipe changes in a way the sources do not show.
_RECIPE = "1"
_BUILDING = ".building-"


class PackagingError(RuntimeError):
    """`chalice package` failed; the message carries its output."""


def service_dir(name: str) -> Path:
    """The app's project folder, `services/<name>`."""
    return ROOT / "services" / name


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


def source_hash(name: str) -> str:
    """Digest of everything that decides the package: sources, kit, requirements, config, chalice, Python, stage."""
    digest = hashlib.sha256()
    header = f"recipe={_RECIPE} chalice={metadata.version('chalice')} python={sys.version_info[:2]} stage={STAGE}"
    digest.update(header.encode())
    service = service_dir(name)
    for path in _source_files(service):
        digest.update(b"\0" + path.relative_to(service).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _chalice() -> list[str]:
    """The chalice command of this interpreter's environment."""
    script = Path(sys.executable).with_name("chalice")
    if not script.exists():
        raise PackagingError(f"no chalice next to {sys.executable}: run `make venv`")
    return [str(script)]


def build_package(name: str, *, force: bool = False) -> Path:
    """Path of the app's deployment.zip: reused when built from identical sources, else `chalice package` now."""
    digest = source_hash(name)
    home = BUILD / name
    out = home / digest
    package = out / "deployment.zip"
    if package.is_file() and not force:
        return package
    home.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=_BUILDING, dir=home))
    try:
        env = dict(os.environ)
        env.setdefault("AWS_DEFAULT_REGION", FAKE_REGION)  # chalice refuses to run without a region
        result = subprocess.run(
            [*_chalice(), "package", "--stage", STAGE, str(scratch / "out")],
            cwd=service_dir(name),
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode or not (scratch / "out" / "deployment.zip").is_file():
            raise PackagingError(f"chalice package failed for {name}:\n{result.stdout}\n{result.stderr}")
        if source_hash(name) != digest:  # sources edited during the build: the zip matches neither state
            return build_package(name, force=force)
        (scratch / "out" / "chalice-package.log").write_text(result.stdout + result.stderr)
        if force and out.exists():
            shutil.rmtree(out)
        try:
            (scratch / "out").rename(out)
        except OSError:
            if not package.is_file():  # not a concurrent build of the same sources
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for stale in home.iterdir():
        if stale != out and not stale.name.startswith(_BUILDING):
            shutil.rmtree(stale, ignore_errors=True)
    return package


def unzip(package: Path, target: Path) -> Path:
    """Extract a deployment.zip into `target` (created), as Lambda lays it out in /var/task."""
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    return target


def unpacked(package: Path) -> Path:
    """The package extracted once beside it (`unpacked/`), kept pristine: `lambda_python` writes no bytecode there."""
    target = package.parent / "unpacked"
    if target.is_dir() and not _same_files(package, target):
        shutil.rmtree(target)  # an extraction someone changed: start again
    if not target.is_dir():
        scratch = Path(tempfile.mkdtemp(prefix=_BUILDING, dir=package.parent))
        try:
            unzip(package, scratch / "tree").rename(target)
        except OSError:
            if not target.is_dir():  # not a concurrent extraction of the same package
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return target


def _same_files(package: Path, tree: Path) -> bool:
    """Whether `tree` holds exactly the files the zip lists (no more, no fewer)."""
    with zipfile.ZipFile(package) as archive:
        listed = {name for name in archive.namelist() if not name.endswith("/")}
    found = {path.relative_to(tree).as_posix() for path in tree.rglob("*") if not path.is_dir()}
    return listed == found


def lambda_provided(entry: str) -> bool:
    """Whether a top-level package entry (module, package or dist-info) is a library the Lambda runtime has too."""
    base = entry.split("-")[0].removesuffix(".py")
    return base in LAMBDA_PROVIDED or base == "python_dateutil"


def without_runtime_libraries(package_dir: Path, target: Path) -> Path:
    """A view of the package (links) minus what Lambda provides, so the runtime's copies are imported instead."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in package_dir.iterdir():
        if not lambda_provided(entry.name):
            (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return target


def make_runtime_dir(target: Path) -> Path:
    """Fill `target` with links to only what the Lambda runtime provides, taken from this environment."""
    site = Path(sysconfig.get_paths()["purelib"])
    target.mkdir(parents=True, exist_ok=True)
    for name in LAMBDA_PROVIDED:
        for candidate in (site / name, site / f"{name}.py"):
            if candidate.exists():
                (target / candidate.name).symlink_to(candidate, target_is_directory=candidate.is_dir())
                break
        else:
            raise FileNotFoundError(f"{name} is not installed in {site}")
    return target


@contextmanager
def lambda_runtime() -> Iterator[Path]:
    """A temporary runtime folder (see `make_runtime_dir`), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="lambda-runtime-") as folder:
        yield make_runtime_dir(Path(folder))


def lambda_env() -> dict[str, str]:
    """An empty environment apart from PATH and a fake region: nothing leaks in from the developer's shell."""
    return {"PATH": os.environ.get("PATH", os.defpath), "AWS_DEFAULT_REGION": FAKE_REGION}


def lambda_python(
    code: str,
    package_dir: Path,
    runtime_dir: Path,
    *,
    options: tuple[str, ...] = (),
    bytecode_dir: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run `code` in a clean interpreter that sees the package, the runtime and the standard library, nothing else."""
    # -I -S: no site-packages, PYTHONPATH or working folder. -B: Lambda's /var/task is read-only, so it keeps
    # no bytecode and every cold start compiles the package's modules. `bytecode_dir` instead keeps bytecode
    # there (-X pycache_prefix), to show what shipping compiled modules would save; the package stays untouched.
    cache = ("-X", f"pycache_prefix={bytecode_dir}") if bytecode_dir else ("-B",)
    prelude = f"import sys; sys.path[:0] = [{str(package_dir)!r}, {str(runtime_dir)!r}]\n"
    return subprocess.run(
        [sys.executable, "-I", "-S", *cache, *options, "-c", prelude + code],
        cwd=package_dir,
        env=lambda_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
