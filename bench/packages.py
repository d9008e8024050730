"""Each app's Lambda package (built and cached by `infra.function_packages`), and a Lambda-like interpreter for it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import machinery, metadata
from pathlib import Path

from infra import function_packages
from infra.function_packages import (
    BUILD,
    FAKE_REGION,
    LAMBDA_PROVIDED,
    LAYER_ROOT,
    LAYERS,
    ROOT,
    SERVICES,
    PackagingError,
    foreign_binaries,
    lambda_provided,
    service_dir,
    source_hash,
)

__all__ = [
    "BUILD", "FAKE_REGION", "LAMBDA_PROVIDED", "LAYERS", "ROOT", "SERVICES", "PackagingError", "build_layer",
    "build_package", "foreign_binaries", "lambda_env", "lambda_provided", "lambda_python", "lambda_runtime",
    "layer_dir", "make_runtime_dir", "on_this_machine", "service_dir", "source_hash", "unpacked", "unzip",
    "without_bytecode",
]

STAGE = "dev"
_BUILDING = ".building-"


def build_package(name: str, *, stage: str = STAGE, force: bool = False) -> Path:
    """Path of the app's deployment.zip (arm64, without the runtime's libraries), built or reused."""
    return function_packages.build(name, stage, force=force).zip


def build_layer(name: str, *, stage: str = STAGE, force: bool = False) -> Path | None:
    """Path of the service's layer.zip (built with its package), or None when it has no layer."""
    return function_packages.build(name, stage, force=force).layer


def layer_dir(layer: Path) -> Path:
    """The layer extracted once beside its zip, as Lambda mounts it: the folder it puts on sys.path (/opt/python)."""
    return unpacked(layer) / LAYER_ROOT


def unzip(package: Path, target: Path) -> Path:
    """Extract a deployment.zip into `target` (created), as Lambda lays it out in /var/task."""
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    return target


def unpacked(package: Path) -> Path:
    """The zip extracted once beside it (`unpacked/`, a layer's `unpacked-layer/`), kept pristine: `lambda_python`
    writes no bytecode there."""
    target = package.parent / ("unpacked" if package.stem == "deployment" else f"unpacked-{package.stem}")
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
    layers: tuple[Path, ...] = (),
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run `code` in a clean interpreter that sees the package, its layers, the runtime and the standard library.

    The order is Lambda's: /var/task (the package), /opt/python (the layers' `python/`), the runtime's libraries.
    """
    # -I -S: no site-packages, PYTHONPATH or working folder. -B: Lambda's /var/task is read-only, so nothing is
    # written: modules load from the bytecode the package ships (and the runtime's), or compile every time.
    path = [str(package_dir), *map(str, layers), str(runtime_dir)]
    prelude = f"import sys; sys.path[:0] = {path!r}\n"
    return subprocess.run(
        [sys.executable, "-I", "-S", "-B", *options, "-c", prelude + code],
        cwd=package_dir,
        env=lambda_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def without_bytecode(package_dir: Path, target: Path) -> Path:
    """A view of the package (file links) without its shipped bytecode: its modules then compile at each import."""
    for source in package_dir.rglob("*"):
        if source.is_dir() or "__pycache__" in source.relative_to(package_dir).parts:
            continue
        link = target / source.relative_to(package_dir)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(source)
    return target


def _elf_machine(path: Path) -> int | None:
    header = path.read_bytes()[:20]
    return int.from_bytes(header[18:20], "little") if header[:4] == b"\x7fELF" else None


def _owner(package_dir: Path, module: str) -> tuple[str, str]:
    """Name and version of the distribution whose RECORD lists `module` (a path in the package)."""
    for record in package_dir.glob("*.dist-info/RECORD"):
        if any(line.split(",")[0] == module for line in record.read_text().splitlines()):
            name, version = record.parent.name.removesuffix(".dist-info").rsplit("-", 1)
            return name, version
    raise PackagingError(f"{module}: no distribution in the package lists it")


def on_this_machine(package_dir: Path, target: Path) -> Path:
    """The package as this machine can import it: each compiled module built for the functions' architecture (arm64)
    replaced by this environment's build of the same module, from the same version of its distribution.

    The Python code, its bytecode and the layout stay the package's; only the native code is this machine's, so an
    import measured here runs what Lambda runs, compiled for another processor. Without compiled modules (or on an
    arm64 machine) this is the package itself.
    """
    here = _elf_machine(Path(sys.executable).resolve())
    foreign = [path for path in package_dir.rglob("*.so*") if re.search(r"\.so(\.|$)", path.name)
               and _elf_machine(path) != here]
    if not foreign:
        return package_dir
    site = [Path(sysconfig.get_paths()[key]) for key in ("platlib", "purelib")]
    replaced = {}
    for path in foreign:
        module = path.relative_to(package_dir).as_posix()
        name, version = _owner(package_dir, module)
        if metadata.version(name) != version:
            here_version = metadata.version(name)
            raise PackagingError(f"{module}: the package has {name} {version}, this environment {here_version}")
        stem = module.split(".")[0]  # msgspec/_core.cpython-311-aarch64-linux-gnu.so -> msgspec/_core
        builds = [folder / f"{stem}{suffix}" for folder in site for suffix in machinery.EXTENSION_SUFFIXES]
        found = next((build for build in builds if build.is_file()), None)
        if found is None:
            raise PackagingError(f"{module}: {name} {version} in this environment has no compiled {stem}")
        replaced[path] = found
    for source in package_dir.rglob("*"):
        if source.is_dir():
            continue
        link = target / source.relative_to(package_dir)
        if source in replaced:  # named as this machine's interpreter looks for it
            link = link.with_name(replaced[source].name)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(replaced.get(source, source))
    return target
