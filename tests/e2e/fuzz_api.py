"""Schemathesis against a local stack: every route of every service, from its OpenAPI document, as each role.

    python -m tests.e2e.fuzz_api [--max-examples 100] [--seed N] [--max-time SECONDS] [--workers 2]   (`make fuzz-api`)

For each service and each role (an admin, a worker and a client of the demo agency), `st run` tests the
operations of the service's document (as the stack serves it at /<service>/openapi.json) that the role may call
(`x-roles`, and the public ones: another role's routes answer only 403), with that person's ID token. The
bar: no 5xx, and every answer's status documented (status_code_conformance), with the other checks that need
no state. The test suite runs it bounded and deterministic (tests/e2e/test_fuzz_api.py);
`make fuzz-api` runs it with random seeds and more examples. Prints what it covered and what failed.
"""

from __future__ import annotations

import argparse
import base64
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

SERVICES = ("availability", "requests", "messaging", "billing")
ROLES = {"admin": "admin@demo.test", "worker": "worker@demo.test", "client": "client@demo.test"}
# Checks that need no state between calls; positive_data_acceptance is left out on purpose: the documents
# describe types and bounds, not every rule (an email's form, a colour, a slot length), so valid-looking
# input is refused with a 400, which is right.
CHECKS = (
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
    "response_schema_conformance", "negative_data_rejection", "missing_required_header", "unsupported_method",
    "allow_header_conformance", "ignored_auth",
)


@dataclass
class Findings:
    """What one or more runs covered and found."""

    operations: set[str] = field(default_factory=set)  # "METHOD /path" (any role)
    runs: set[tuple[str, str]] = field(default_factory=set)  # (role, "METHOD /path")
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)  # (check, role, "METHOD /path") -> cases
    seconds: float = 0.0

    def add_report(self, path: Path, role: str) -> None:
        for line in path.read_text().splitlines():
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished or finished["status"] == "skip":
                continue
            recorder = finished["recorder"]
            label = recorder["label"]
            self.operations.add(label)
            self.runs.add((role, label))
            for interaction in recorder.get("interactions", {}).values():
                response = interaction.get("response")
                if response is None:
                    continue
                self.requests += 1
                status = response["status_code"]
                self.statuses[status] += 1
                if status >= 500:
                    request = interaction["request"]
                    self.server_errors.append(f"{status} {request['method']} {request['uri']} as {role}: "
                                              f"{_body(response)[:200]}")
            for checks in recorder.get("checks", {}).values():
                for check in checks:
                    if check["status"] == "failure":
                        self.failures[(check["name"], role, label)] += 1

    def summary(self) -> str:
        lines = [
            f"operations covered: {len(self.operations)} ({len(self.runs)} operation-role runs)",
            f"requests sent: {self.requests} in {self.seconds:.0f} s",
            "statuses: " + ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items())),
            f"5xx answers: {len(self.server_errors)}",
            f"failed checks: {sum(self.failures.values())}",
        ]
        lines += [f"  {error}" for error in self.server_errors[:20]]
        lines += [f"  {check} as {role}: {label} ({n} cases)"
                  for (check, role, label), n in sorted(self.failures.items())]
        return "\n".join(lines)


def _body(response: dict) -> str:
    content = response.get("content") or {}
    if "$base64" in content:
        return base64.b64decode(content["$base64"]).decode("utf-8", "replace")
    return str(content)


def document_for(api: str, service: str, role: str) -> dict:
    """The service's document as the stack serves it, the operations `role` may call marked `x-fuzz` (the others
    stay, so that `Allow` still lists every method of a path)."""
    document = requests.get(f"{api}/{service}/openapi.json", timeout=10).json()
    for methods in document["paths"].values():
        for op in methods.values():
            if op.get("security") == [] or role in op.get("x-roles", ()):
                op["x-fuzz"] = True
    return document


def fuzz(api: str, token_of, *, max_examples: int, seed: int | None = None, deterministic: bool = False,
         max_time: int | None = None, workers: int = 1, services=SERVICES, roles=tuple(ROLES),
         out=sys.stdout) -> Findings:
    """`st run` for each service and role against the stack at `api`; `token_of(role)` signs that role in."""
    findings = Findings()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fuzz-api-") as folder:
        for service in services:
            for role in roles:
                document = Path(folder) / f"{service}-{role}.json"
                document.write_text(json.dumps(document_for(api, service, role)))
                report = Path(folder) / f"{service}-{role}.ndjson"
                command = [
                    sys.executable, "-m", "schemathesis.cli", "run", str(document), "--url", api,
                    "-H", f"Authorization: {token_of(role)}", "--checks", ",".join(CHECKS),
                    "--include-by", "/x-fuzz == true", "--phases", "coverage,fuzzing",
                    "--max-examples", str(max_examples),
                    "--workers", str(workers), "--no-color", "--suppress-health-check", "all",
                    "--request-timeout", "30",
                    "--report", "ndjson", "--report-ndjson-path", str(report),
                ]
                if deterministic:
                    command.append("--generation-deterministic")  # no seed, no example database
                else:
                    command += ["--generation-database", "none", *(["--seed", str(seed)] if seed is not None else [])]
                if max_time:
                    command += ["--max-time", str(max_time)]
                # In the temporary folder: schemathesis keeps a cache of failures (.schemathesis/) where it runs, and
                # replays them first; every run here starts clean.
                done = subprocess.run(command, capture_output=True, text=True, timeout=3600, cwd=folder)
                if not report.exists():
                    raise RuntimeError(f"schemathesis did not run for {service} as {role}:\n{done.stdout}{done.stderr}")
                before = findings.requests
                findings.add_report(report, role)
                print(f"{service} as {role}: {findings.requests - before} requests", file=out, flush=True)
    findings.seconds = time.monotonic() - started
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.fuzz_api", description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=100, help="per operation and role (default 100)")
    parser.add_argument("--seed", type=int, default=None, help="default: a random one, printed")
    parser.add_argument("--max-time", type=int, default=None, help="seconds per service and role")
    parser.add_argument("--workers", type=int, default=2, help="schemathesis workers (default 2)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int.from_bytes(__import__("os").urandom(4), "big")
    print(f"seed {seed}", flush=True)

    from tests.e2e.test_local_stack import LocalStack  # starts `python -m infra.local.run` on free ports

    stack = LocalStack().start()
    try:
        findings = fuzz(stack.api, lambda role: stack.sign_in(ROLES[role]), max_examples=args.max_examples,
                        seed=seed, max_time=args.max_time, workers=args.workers)
    finally:
        stack.stop()
    print(findings.summary())
    return 1 if findings.server_errors or findings.failures else 0


if __name__ == "__main__":
    sys.exit(main())
