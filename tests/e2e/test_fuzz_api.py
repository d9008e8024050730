"""Schemathesis on every route of every service, as an admin, a worker and a client: no 5xx, no undocumented
status. Bounded and deterministic here (generation without randomness, one fuzzed example per operation beside
schemathesis' coverage cases; one to two minutes on 2 cores); `make fuzz-api` explores at random for longer."""

from __future__ import annotations

import json

import pytest

from tests.e2e.fuzz_api import ROLES, SERVICES, fuzz
from tests.e2e.test_local_stack import ROOT, LocalStack

pytestmark = pytest.mark.e2e


def callable_operations() -> set[tuple[str, str]]:
    """(role, "METHOD /path") for every operation of every document and each role that may call it."""
    found = set()
    for service in SERVICES:
        document = json.loads((ROOT / "services" / service / "openapi.json").read_text())
        for path, methods in document["paths"].items():
            for method, op in methods.items():
                for role in ROLES:
                    if op.get("security") == [] or role in op.get("x-roles", ()):
                        found.add((role, f"{method.upper()} {path}"))
    return found


def test_schemathesis_finds_no_server_error_and_no_undocumented_status_for_any_role():
    stack = LocalStack().start()
    try:
        findings = fuzz(stack.api, lambda role: stack.sign_in(ROLES[role]), max_examples=1, deterministic=True,
                        workers=2)
    finally:
        assert stack.stop() == 0, stack.log()
    print(findings.summary())
    assert findings.runs == callable_operations()  # every route, by every role that may call it
    assert findings.requests > 3000
    assert not findings.server_errors, findings.summary()
    assert not findings.failures, findings.summary()
