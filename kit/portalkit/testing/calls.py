"""Count AWS calls per operation, fail on any DynamoDB Scan, and say which deployed function made each call,
through a botocore event hook.

The hook is added to botocore's built-in handlers when this module is imported, so it sees every
client created afterwards: import it before any client is made (the test suite's conftest does).

What invokes a function on this machine (the local gateway, the pump, the scheduler) does so inside
`invoking(service, kind)`, so a `FunctionCalls` recorder knows which function (and so which IAM role
in AWS) made each call: the IAM test checks them against the policies the CDK stacks give.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import botocore.handlers

_listeners: list = []


class ScanInRequestPath(AssertionError):
    pass


@dataclass(frozen=True)
class Invocation:
    """A deployed function at work: its service and kind (`infra.declaration.FUNCTIONS`).

    `by` says who makes the calls: the function's code, or its event source (the mapping that reads the
    table's stream or receives and deletes the queue's messages), which in AWS uses the function's role too.
    """

    service: str
    kind: str
    by: str = "code"


@dataclass(frozen=True)
class FunctionCall:
    invocation: Invocation
    service: str  # botocore's service name: dynamodb, dynamodbstreams, sqs, events, ses, secretsmanager
    operation: str
    params: dict


_invocation: ContextVar[Invocation | None] = ContextVar("portal_invocation", default=None)
_recorders: list[FunctionCalls] = []


@contextmanager
def invoking(service: str, kind: str, by: str = "code") -> Iterator[Invocation]:
    """AWS calls made inside are made by this function (with its role, in AWS)."""
    invocation = Invocation(service, kind, by)
    token = _invocation.set(invocation)
    try:
        yield invocation
    finally:
        _invocation.reset(token)


def _on_call(model=None, params=None, **_):
    if model is None:
        return
    service = model.service_model.service_name
    errors = [listener.record(service, model.name, params or {}) for listener in list(_listeners)]
    first = next((error for error in errors if error), None)
    if first:
        raise first


def _on_params(model=None, params=None, **_):
    """Before serialization: the parameters as the caller gave them (table names, queue URLs, ...)."""
    invocation = _invocation.get()
    if model is None or invocation is None or not _recorders:
        return
    call = FunctionCall(invocation, model.service_model.service_name, model.name, dict(params or {}))
    for recorder in list(_recorders):
        recorder.calls.append(call)


botocore.handlers.BUILTIN_HANDLERS.append(("before-call", _on_call))
botocore.handlers.BUILTIN_HANDLERS.append(("before-parameter-build", _on_params))


class FunctionCalls:
    """Records the AWS calls deployed functions make while active, each with the function that made it."""

    def __init__(self):
        self.calls: list[FunctionCall] = []

    def invoked(self) -> set[tuple[str, str]]:
        """(service, kind) of every function that made at least one call."""
        return {(c.invocation.service, c.invocation.kind) for c in self.calls}

    def __enter__(self):
        _recorders.append(self)
        return self

    def __exit__(self, *exc):
        _recorders.remove(self)


class AwsCalls:
    """Records the AWS calls made while active: `with AwsCalls() as calls: ...; calls.count("dynamodb")`."""

    def __init__(self):
        self.calls: list[tuple[str, str, dict]] = []

    def record(self, service: str, operation: str, params: dict) -> None:
        self.calls.append((service, operation, params))
        return None

    def __enter__(self):
        _listeners.append(self)
        return self

    def __exit__(self, *exc):
        _listeners.remove(self)

    def operations(self, service: str | None = None) -> list[str]:
        return [op for svc, op, _ in self.calls if service in (None, svc)]

    def count(self, service: str | None = None, operation: str | None = None) -> int:
        return sum(1 for op in self.operations(service) if operation in (None, op))

    def by_operation(self, service: str | None = None) -> Counter:
        return Counter(self.operations(service))

    def params(self, service: str, operation: str) -> list[dict]:
        return [p for svc, op, p in self.calls if svc == service and op == operation]

    def reset(self) -> None:
        self.calls.clear()


class ScanGuard:
    """Raises on every DynamoDB Scan, and remembers it so a swallowed error still fails the test."""

    def __init__(self):
        self.scans: list[dict] = []
        self._allowed = 0

    def record(self, service: str, operation: str, params: dict) -> ScanInRequestPath | None:
        if service == "dynamodb" and operation == "Scan" and not self._allowed:
            self.scans.append(params)
            return ScanInRequestPath(f"Scan of {params.get('TableName')}: request paths must Query or Get")
        return None

    @contextmanager
    def allow(self):
        """For test assertions that really need to look at a whole table."""
        self._allowed += 1
        try:
            yield
        finally:
            self._allowed -= 1

    def __enter__(self):
        _listeners.append(self)
        return self

    def __exit__(self, *exc):
        _listeners.remove(self)
