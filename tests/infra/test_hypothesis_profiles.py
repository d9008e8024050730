"""Property tests try the same examples on every `make test` (profile `ci`) and explore at random only in
`make fuzz-properties` (profile `fuzz`): no test pins its own randomness or example count, so fuzzing reaches all."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROFILE = """
import json
import tests.conftest
from hypothesis import settings
from tests.support import examples
s = settings.default
print(json.dumps({"derandomize": s.derandomize, "database": s.database is not None, "max_examples": s.max_examples,
                  "deadline": s.deadline is None, "scaled": examples(300)}))
"""


def loaded_profile(profile: str | None, ci: bool = False) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("HYPOTHESIS_PROFILE", "CI")}
    if ci:
        env["CI"] = "true"  # Hypothesis loads its own "ci" profile when it sees this
    if profile is not None:
        env["HYPOTHESIS_PROFILE"] = profile
    done = subprocess.run([sys.executable, "-c", PROFILE], cwd=ROOT, env={**env, "PYTHONPATH": f"kit{os.pathsep}."},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("ci", [False, True], ids=["laptop", "ci-machine"])
def test_make_test_tries_the_same_examples_every_run_and_keeps_no_database_on_a_laptop_and_a_ci_machine(ci):
    assert loaded_profile(None, ci) == {"derandomize": True, "database": False, "max_examples": 100, "deadline": True,
                                        "scaled": 300}


@pytest.mark.parametrize("ci", [False, True], ids=["laptop", "ci-machine"])
def test_the_fuzz_profile_draws_at_random_ten_times_as_many_and_remembers_failures(ci):
    assert loaded_profile("fuzz", ci) == {"derandomize": False, "database": True, "max_examples": 1000,
                                          "deadline": True, "scaled": 3000}


def test_no_property_test_pins_its_own_randomness_or_example_count():
    """A test's own `derandomize` or literal `max_examples` would hold in `make fuzz-properties` too."""
    pinned = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for match in re.finditer(r"@settings\((.*?)\)\n@", path.read_text(), re.S):
            args = match.group(1)
            if "derandomize" in args or re.search(r"max_examples=\d", args) or "database" in args:
                pinned.append(f"{path.relative_to(ROOT)}: @settings({args})")
    assert not pinned, "use the profiles of tests/conftest.py and tests.support.examples(n):\n" + "\n".join(pinned)


def test_make_fuzz_properties_runs_every_property_test_with_the_fuzz_profile():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^fuzz-properties:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "the Makefile has no fuzz-properties target"
    assert "HYPOTHESIS_PROFILE=fuzz" in recipe.group(1) and "-m hypothesis" in recipe.group(1)


def test_make_fuzz_runs_both_explorers():
    """`make fuzz` is the one command that explores at random: the property tests and schemathesis."""
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    rule = re.search(r"^fuzz:(.*)$", makefile, re.M)
    assert rule and rule.group(1).split() == ["fuzz-properties", "fuzz-api"]
