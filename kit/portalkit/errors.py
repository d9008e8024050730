"""Errors the API maps to HTTP in one place (`portalkit.api`). Services subclass them with their own codes."""

from __future__ import annotations


class PortalError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field

    def body(self) -> dict:
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return {"error": error}

    def headers(self) -> dict:
        """Headers the answer carries beside the body (`Retry-After`)."""
        return {}


class BadRequest(PortalError):
    """Bad input; `field` names the offending field."""

    status = 400
    code = "invalid_request"

    def __init__(self, field: str | None, message: str, *, code: str | None = None):
        super().__init__(message, code=code or ("invalid_field" if field else "invalid_request"), field=field)


class InvalidField(BadRequest):
    """400 naming the field, with the rule's own code: a service declares one subclass per refusal (`code = ...`)."""

    code = "invalid_field"

    def __init__(self, field: str, message: str):
        super().__init__(field, message, code=self.code)


class Unauthorized(PortalError):
    status = 401
    code = "unauthorized"


class Forbidden(PortalError):
    status = 403
    code = "forbidden"


class NotFound(PortalError):
    """Also the answer for another client's or another agency's data: nothing leaks."""

    status = 404
    code = "not_found"


class Conflict(PortalError):
    """A rule, a version or a concurrent change says no."""

    status = 409
    code = "conflict"


class TooManyRequests(PortalError):
    """A caller asked more often than a limit allows; `retry_after` seconds until it may ask again."""

    status = 429
    code = "too_many_requests"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))

    def headers(self) -> dict:
        return {"Retry-After": str(self.retry_after)}


def changed(what: str) -> Conflict:
    """The 409 of a write whose condition failed: what was read (`what`: "settings", "calendar") changed meanwhile."""
    return Conflict(f"The {what} changed meanwhile; reload and try again.", code="version_conflict")
