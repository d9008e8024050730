"""A clean checkout of the repository, for running operators' commands as an operator does: from a fresh clone.

The checkout holds what `git add -A && git commit` would commit now (the working tree's tracked and untracked,
not ignored files), so a test sees the change being made, without anything ignored (build output, `.venv`,
node_modules, caches) that a fresh clone would not have either. It is written through a temporary index: the
repository's own index, branches and worktrees are left alone.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _git(*args: str, cwd: Path = ROOT, env: dict | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


def working_tree_commit() -> str:
    """A commit object of the working tree as `git add -A` would stage it (HEAD as its parent)."""
    with tempfile.TemporaryDirectory(prefix="checkout-index-") as scratch:
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(scratch) / "index"))
        _git("read-tree", "HEAD", env=env)
        _git("add", "-A", env=env)
        tree = _git("write-tree", env=env)
    return _git("commit-tree", tree, "-p", "HEAD", "-m", "working tree, for a clean-checkout test",
                env=dict(os.environ, GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@localhost",
                         GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@localhost"))


def clean_checkout(destination: Path, *, venv: bool = True) -> Path:
    """Clone the repository into `destination` at the working tree's state; returns the checkout's root.

    With `venv`, the checkout's `.venv` links to this one's: `make` still checks it against requirements-dev.txt
    (its install stamp) as in any checkout, but an install from scratch (minutes, from PyPI) is not repeated.
    """
    commit = working_tree_commit()
    # --shared: the clone borrows this repository's objects (the commit above is one of them) instead of copying.
    _git("clone", "--quiet", "--shared", "--no-checkout", str(ROOT), str(destination))
    _git("checkout", "--quiet", "--detach", commit, cwd=destination)
    if venv:
        (destination / ".venv").symlink_to((ROOT / ".venv").resolve(), target_is_directory=True)
    return destination


def operator_env(**extra: str) -> dict:
    """The caller's environment without what the test run set (fake AWS, the test stage, make's own flags)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MAKE"))}
    for name in ("STAGE", "TABLE_NAME", "BUS_NAME", "MFLAGS", "SERVICE", "PORT"):
        env.pop(name, None)
    return env | extra
