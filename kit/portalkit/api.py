"""Routes with identity, roles, JSON and error mapping in one place.

A view is `view(call, **uri_params)` and returns a JSON-able value, or `(status, value)`. Domain
errors (`portalkit.errors`) become `{"error": {"code", "message", "field"?}}` with their status;
anything else is a bug: logged and answered 500 in the same shape.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import os
import re
from datetime import UTC, date, datetime

from chalice import CognitoUserPoolAuthorizer, Response

from portalkit.errors import BadRequest, Forbidden, PortalError
from portalkit.identity import ANYONE, Identity, identity_from_request

log = logging.getLogger("portalkit.api")

JSON = {"Content-Type": "application/json"}
_LOCAL_POOL_ARN = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_local"


@functools.cache
def cognito_authorizer() -> CognitoUserPoolAuthorizer:
    """API Gateway's Cognito authorizer; the pool ARN comes from the stage (`USER_POOL_ARN`)."""
    return CognitoUserPoolAuthorizer(
        "portal-users", provider_arns=[os.environ.get("USER_POOL_ARN", _LOCAL_POOL_ARN)]
    )


class Call:
    """One API call as a view sees it: the caller, the body, the query and headers."""

    def __init__(self, request, who: Identity | None):
        self.request = request
        self.who = who
        self._body = None

    @property
    def query(self) -> dict:
        return self.request.query_params or {}

    def header(self, name: str) -> str | None:
        return (self.request.headers or {}).get(name.lower())

    @property
    def idempotency_key(self) -> str | None:
        key = self.header("Idempotency-Key")
        if key is not None and not (1 <= len(key) <= 200):
            raise BadRequest("Idempotency-Key", "Idempotency-Key must be 1 to 200 characters.")
        return key

    def body(self, optional: bool = False) -> Fields:
        """The JSON object sent; with `optional`, a call that sent no body at all reads as an empty object."""
        if optional and not self.request.raw_body:
            return Fields({})
        if self._body is None:
            raw = self.request.raw_body
            try:
                data = json.loads(raw) if raw else None
            except (ValueError, UnicodeDecodeError):
                raise BadRequest(None, "The body is not valid JSON.", code="invalid_json") from None
            if not isinstance(data, dict):
                raise BadRequest(None, "The body must be a JSON object.", code="invalid_json")
            self._body = Fields(data)
        return self._body

    def params(self) -> Fields:
        return Fields(self.query, where="query parameter")


class Api:
    """Registers views on a Chalice app or blueprint under one base path (`/requests`, ...)."""

    def __init__(self, target, base_path: str):
        self.target = target
        self.base_path = base_path

    def health(self, service: str) -> None:
        """`GET <base>/health`, unauthenticated: the service answers."""

        def health(call):
            """The service answers."""
            return {"service": service, "status": "ok"}

        self.route("/health", public=True)(health)

    def route(self, path: str, methods=("GET",), roles=ANYONE, public: bool = False):
        def register(view):
            @functools.wraps(view)
            def endpoint(**uri_params):
                request = self.target.current_request
                try:
                    who = None
                    if not public:
                        who = identity_from_request(request)
                        if who.role not in roles:
                            raise Forbidden("Your role cannot do this.")
                    result = view(Call(request, who), **uri_params)
                except PortalError as error:
                    return respond(error.status, error.body())
                except Exception:
                    log.exception("unhandled error in %s %s", request.method, request.path)
                    return respond(500, {"error": {"code": "internal_error", "message": "Internal error."}})
                status, value = result if isinstance(result, tuple) else (200, result)
                return respond(status, value)

            # Who may call it, for the OpenAPI documents (infra/openapi.py); nothing reads it at run time.
            endpoint.roles, endpoint.public = tuple(roles), public
            self.target.route(
                self.base_path + path,
                methods=list(methods),
                authorizer=None if public else cognito_authorizer(),
            )(endpoint)
            return view

        return register


def encode_cursor(last_evaluated_key: dict | None) -> str | None:
    """An opaque page cursor from DynamoDB's LastEvaluatedKey (None on the last page)."""
    if not last_evaluated_key:
        return None
    raw = json.dumps(last_evaluated_key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict | None:
    if not cursor:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(value, dict):
            raise ValueError
        return value
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("cursor", "cursor is not one this API gave out.") from None


def respond(status: int, value) -> Response:
    body = "" if value is None else json.dumps(value, separators=(",", ":"))
    return Response(body=body, status_code=status, headers=JSON)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
_MISSING = object()


class Fields:
    """Reads fields of a JSON object or query string; every complaint names the field."""

    def __init__(self, data: dict, where: str = "field"):
        self.data = data
        self.where = where

    def _get(self, name, required, default):
        value = self.data.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                raise BadRequest(name, f"{name} is required.", code="missing_field")
            return _MISSING if default is None else default
        return value

    def only(self, *names: str) -> Fields:
        """Refuse fields this route does not know: a typo should not be silently ignored."""
        for name in self.data:
            if name not in names:
                raise BadRequest(name, f"{name} is not a known {self.where}.", code="unknown_field")
        return self

    def str(self, name: str, *, required=True, default=None, max_len: int | None = None, min_len: int = 1):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            raise BadRequest(name, f"{name} must be a string.")
        if len(value.strip()) < min_len:
            raise BadRequest(name, f"{name} must not be empty.")
        if max_len is not None and len(value) > max_len:
            raise BadRequest(name, f"{name} must be at most {max_len} characters.")
        return value

    def int(self, name: str, *, required=True, default=None, minimum=None, maximum=None):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if isinstance(value, str) and self.where == "query parameter" and re.fullmatch(r"-?\d+", value):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadRequest(name, f"{name} must be an integer.")
        if minimum is not None and value < minimum:
            raise BadRequest(name, f"{name} must be at least {minimum}.")
        if maximum is not None and value > maximum:
            raise BadRequest(name, f"{name} must be at most {maximum}.")
        return value

    def bool(self, name: str, *, required=True, default=None):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if self.where == "query parameter" and value in ("true", "false"):
            return value == "true"
        if not isinstance(value, bool):
            raise BadRequest(name, f"{name} must be true or false.")
        return value

    def choice(self, name: str, options, *, required=True, default=None):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if value not in options:
            raise BadRequest(name, f"{name} must be one of: {', '.join(map(str, options))}.")
        return value

    def str_list(self, name: str, *, required=True, max_items: int = 100):
        value = self._get(name, required, None)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise BadRequest(name, f"{name} must be a list of strings.")
        if len(value) > max_items:
            raise BadRequest(name, f"{name} must have at most {max_items} items.")
        return value

    def date(self, name: str, *, required=True) -> date | None:
        value = self._get(name, required, None)
        if value is _MISSING:
            return None
        try:
            if not isinstance(value, str) or not _DATE.match(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise BadRequest(name, f"{name} must be a date like 2026-12-03.") from None

    def instant(self, name: str, *, required=True) -> datetime | None:
        """An RFC 3339 instant with its offset, returned in UTC."""
        value = self._get(name, required, None)
        if value is _MISSING:
            return None
        try:
            if not isinstance(value, str) or not _INSTANT.match(value):
                raise ValueError
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            raise BadRequest(name, f"{name} must be an RFC 3339 time like 2026-12-03T14:00:00Z.") from None
