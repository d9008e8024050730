"""Count AWS calls per operation, and fail on any DynamoDB Scan, through a botocore event hook.

The hook is added to botocore's built-in handlers when this module is imported, so it sees every
client created afterwards: import it before any client is made (the test suite's conftest does).
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

import botocore.handlers

_listeners: list = []


class ScanInRequestPath(AssertionError):
    pass


def _on_call(model=None, params=None, **_):
    if model is None:
        return
    service = model.service_model.service_name
    errors = [listener.record(service, model.name, params or {}) for listener in list(_listeners)]
    first = next((error for error in errors if error), None)
    if first:
        raise first


botocore.handlers.BUILTIN_HANDLERS.append(("before-call", _on_call))


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
