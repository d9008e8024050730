"""What the concurrency tests share: a contest run once in a subprocess against the local stack's serialized moto
server, calls raced from threads released at once, and a whole table read back."""

from __future__ import annotations

import functools
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def result_of(module: str, timeout: int) -> dict:
    """Run `python -m module` once per test session (its tests read the same run): the JSON of its last line."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "kit"), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-m", module],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- in the subprocess --------------------------------------------------------------------------------------------


@dataclass
class Stack:
    """The provisioned local stack: boto3 clients on its endpoint, and the declaration."""

    clients: Callable
    declaration: object

    def scan(self, service: str) -> list[dict]:
        """Every item of a service's table, page after page (what a race left behind)."""
        items, page = [], {}
        while True:
            got = self.clients("dynamodb").scan(TableName=self.declaration.table(service).name, **page)
            items += got["Items"]
            if "LastEvaluatedKey" not in got:
                return items
            page = {"ExclusiveStartKey": got["LastEvaluatedKey"]}


@contextmanager
def local_stack() -> Iterator[Stack]:
    """The serialized moto server the local stack uses (linearizable like DynamoDB), the declaration provisioned."""
    from infra.declaration import declare
    from infra.local.moto_server import MotoServer
    from infra.local.run import REGION, STAGE, client_factory, set_environment
    from infra.provision import provision

    logging.getLogger("urllib3").setLevel(logging.ERROR)  # the racing threads share a pool of 10 connections
    server = MotoServer()
    endpoint = server.start()
    try:
        set_environment(endpoint)
        clients = client_factory(endpoint)
        declaration = declare(STAGE)
        provision(declaration, clients, REGION)
        yield Stack(clients, declaration)
    finally:
        server.stop()


def race(calls: list[Callable], join_seconds: int = 60) -> list:
    """Run every call from its own thread, all released at once: what each returned or raised (None if unfinished)."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = calls[i]()
        except Exception as error:
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(join_seconds)
    return results


@contextmanager
def commits_after_every_read(parties: int, wait_seconds: float = 30) -> Iterator[None]:
    """Hold each racing thread's first commit until all `parties` threads reach theirs: every thread has read before
    any writes, so the losers meet the write's conditions (the race's worst interleaving) on every run, however the
    machine schedules the threads. A thread that never commits lets the others go after `wait_seconds`."""
    from portalkit.store import Transaction

    barrier, seen, original = threading.Barrier(parties, timeout=wait_seconds), threading.local(), Transaction.__exit__

    def exit_after_the_others(tx, kind, error, trace):
        if kind is None and not getattr(seen, "waited", False):
            seen.waited = True
            with suppress(threading.BrokenBarrierError):
                barrier.wait()
        return original(tx, kind, error, trace)

    Transaction.__exit__ = exit_after_the_others
    try:
        yield
    finally:
        Transaction.__exit__ = original


def errors(results: list, expected: type | tuple[type, ...] = ()) -> list[str]:
    """The exceptions among a race's results, less the expected ones, as "Type: message"."""
    return [f"{type(r).__name__}: {r}" for r in results if isinstance(r, Exception) and not isinstance(r, expected)]

