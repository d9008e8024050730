"""Routes with identity, roles, JSON and error mapping in one place.

A view is `view(call, **uri_params)` and returns a JSON-able value, or `(status, value)`. Domain
errors (`portalkit.errors`) become `{"error": {"code", "message", "field"?}}` with their status;
anything else is a bug: logged and answered 500 in the same shape.

What no view should have to think about is refused here, before a view runs, with a 400 naming the
field: a body nested deeper than any of ours, text that is not valid Unicode (a lone surrogate, which
DynamoDB cannot store), path parameters longer than an id, dates and instants outside the years the
system computes with, cursors no list gave out. No message repeats unbounded input.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import msgspec
from chalice import CognitoUserPoolAuthorizer, Response

from portalkit import schema
from portalkit.errors import BadRequest, Forbidden, PortalError
from portalkit.identity import ANYONE, Identity, identity_from_request
from portalkit.schema import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_ID,
    check_text,
    encodable,
    parse_json,
    shown,
    visible,
)

log = logging.getLogger("portalkit.api")

JSON = {"Content-Type": "application/json"}
MAX_CURSOR = 4096
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
            data = parse_json(self.request.raw_body) if self.request.raw_body else None
            if not isinstance(data, dict):
                raise BadRequest(None, "The body must be a JSON object.", code="invalid_json")
            self._body = Fields(data)
        return self._body

    def params(self) -> Fields:
        query = self.query
        for name, value in query.items():
            check_text(name, "A query parameter's name is not valid Unicode text.", None)
            check_text(value, f"{shown(name)} is not valid Unicode text.", shown(name))
        return Fields(query, where="query parameter")


def check_path_parameters(uri_params: dict) -> None:
    """Every path parameter is an id: valid Unicode text of 1 to MAX_ID characters with something visible in it."""
    for name, value in uri_params.items():
        check_text(value, f"{name} is not valid Unicode text.", name)
        if len(value) > MAX_ID or not visible(value):
            raise BadRequest(name, f"{name} must be an id of 1 to {MAX_ID} characters.")


class Api:
    """Registers views on a Chalice app or blueprint under one base path (`/requests`, ...)."""

    check_replies = False  # tests turn it on (tests/conftest.py)

    def __init__(self, target, base_path: str):
        self.target = target
        self.base_path = base_path
        target.register_middleware(errors_in_our_shape, "http")

    def health(self, service: str) -> None:
        """`GET <base>/health`, unauthenticated: the service answers."""

        def health(call):
            """The service answers."""
            return {"service": service, "status": "ok"}

        self.route("/health", public=True)(health)

    def route(self, path: str, methods=("GET",), roles=ANYONE, public: bool = False, *, body: type | None = None,
              query: type | None = None, returns: Any = None, status: int = 200, errors: tuple[int, ...] = (),
              idempotent: bool = False):
        """Register `view(call, **path_params, [body=], [query=])` on `path` (under the base path).

        `body` and `query` are the Structs (`portalkit.schema`) the view receives decoded, `returns` what it answers
        with `status` (a view may still return `(status, value)`), `errors` the statuses it answers beyond those
        every route may (400; 401 and 403 unless public; 404 when the path names something), `idempotent` that it
        reads the Idempotency-Key header. The OpenAPI document is generated from this (infra/openapi.py).
        """

        def register(view):
            spec = RouteSpec(path=self.base_path + path, methods=tuple(methods), roles=tuple(roles), public=public,
                             body=body, query=query, returns=returns, status=status, errors=tuple(errors),
                             idempotent=idempotent, summary=(view.__doc__ or view.__name__).strip().splitlines()[0])

            @functools.wraps(view)
            def endpoint(**uri_params):
                request = self.target.current_request
                try:
                    who = None
                    if not public:
                        who = identity_from_request(request)
                        if who.role not in roles:
                            raise Forbidden("Your role cannot do this.")
                    check_path_parameters(uri_params)
                    typed = {}
                    if query is not None:
                        typed["query"] = schema.decode_query(_checked_query(request.query_params), query)
                    if body is not None:
                        typed["body"] = schema.decode_body(request.raw_body, body)
                    result = view(Call(request, who), **uri_params, **typed)
                except PortalError as error:
                    return respond(error.status, error.body())
                except Exception:
                    log.exception("unhandled error in %s %s", request.method, request.path)
                    return respond(500, {"error": {"code": "internal_error", "message": "Internal error."}})
                answered, value = result if isinstance(result, tuple) else (status, result)
                if Api.check_replies and returns is not None and 200 <= answered < 300:
                    schema.check_reply(value, returns)  # tests: every reply a test sees matches its declaration
                return respond(answered, value)

            endpoint.spec = spec  # read by infra/openapi.py; nothing reads it at run time
            self.target.route(
                spec.path,
                methods=list(methods),
                authorizer=None if public else cognito_authorizer(),
            )(endpoint)
            return view

        return register


@dataclass(frozen=True)
class RouteSpec:
    """A route as declared: who may call it, what it reads and what it answers (for the OpenAPI documents)."""

    path: str
    methods: tuple[str, ...]
    roles: tuple[str, ...]
    public: bool
    body: type | None
    query: type | None
    returns: Any
    status: int
    errors: tuple[int, ...]
    idempotent: bool
    summary: str


def _checked_query(params: dict | None) -> dict:
    """Query parameters as sent, refused when their names or values are not valid Unicode text."""
    params = params or {}
    for name, value in params.items():
        check_text(name, "A query parameter's name is not valid Unicode text.", None)
        check_text(value, f"{shown(name)} is not valid Unicode text.", shown(name))
    return params


# Chalice's own answers (before or around a view) and what they mean to a person.
_CHALICE_ERRORS = {
    "MethodNotAllowedError": ("method_not_allowed", "This route answers {allow} only."),
    "UnsupportedMediaType": ("unsupported_media_type", "Send the body as JSON, with Content-Type: application/json."),
    "BadRequest": ("invalid_request", "The request cannot be answered as sent."),
    "InternalServerError": ("internal_error", "Internal error."),
}


def errors_in_our_shape(request, get_response):
    """HTTP middleware: Chalice's `{"Code", "Message"}` errors (405, 415, ...) in the documented shape."""
    response = get_response(request)
    body = response.body
    if isinstance(body, dict) and "Code" in body and "error" not in body:
        code, message = _CHALICE_ERRORS.get(body["Code"], ("invalid_request", "The request cannot be answered."))
        headers = {**(response.headers or {}), **JSON}
        message = message.format(allow=headers.get("Allow", "other methods"))
        response.body = json.dumps({"error": {"code": code, "message": message}}, separators=(",", ":"))
        response.headers = headers
    return response


def encode_cursor(last_evaluated_key: dict | None) -> str | None:
    """An opaque page cursor from DynamoDB's LastEvaluatedKey (None on the last page)."""
    if not last_evaluated_key:
        return None
    raw = json.dumps(last_evaluated_key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


KeyRule = str | Callable[[str], bool] | None


def decode_cursor(cursor: str | None, key: dict[str, KeyRule]) -> dict | None:
    """The DynamoDB start key inside a cursor this very list could have given out; None on the first page.

    `key` names each attribute of the list's start key (the table's keys, and the index's when it pages an
    index) and what its value must be: the query's partition (a str), a test the query's sort key condition
    passes (`starting("REQUEST#")`, `between(a, b)`), or None for any string. Anything else is a 400 naming
    `cursor`: it cannot be one this list gave out, and DynamoDB would refuse it.
    """
    if not cursor:
        return None
    forged = BadRequest("cursor", "cursor is not one this list gave out; start again without it.")
    if len(cursor) > MAX_CURSOR:
        raise forged
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise forged from None
    if not isinstance(value, dict) or set(value) != set(key):
        raise forged
    for name, rule in key.items():
        typed = value[name]
        if not (isinstance(typed, dict) and list(typed) == ["S"] and isinstance(typed["S"], str)):
            raise forged
        text = typed["S"]
        if not text or len(text) > 1024 or not encodable(text):
            raise forged
        if (isinstance(rule, str) and text != rule) or (callable(rule) and not rule(text)):
            raise forged
    return value


def starting(prefix: str) -> Callable[[str], bool]:
    """A sort key rule of `decode_cursor`: the query's `begins_with`."""
    return lambda text: text.startswith(prefix)


def between(low: str, high: str) -> Callable[[str], bool]:
    """A sort key rule of `decode_cursor`: the query's `BETWEEN` (DynamoDB compares UTF-8 bytes)."""
    return lambda text: low.encode() <= text.encode() <= high.encode()


def respond(status: int, value) -> Response:
    body = "" if value is None else msgspec.json.encode(value).decode()
    return Response(body=body, status_code=status, headers=JSON)


# ASCII digits only: \d alone also matches other scripts' digits ("٢٠٢٦-12"), which int() reads.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$", re.ASCII)
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", re.ASCII)
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
                raise BadRequest(shown(name), f"{shown(name)} is not a known {self.where}.", code="unknown_field")
        return self

    def str(self, name: str, *, required=True, default=None, max_len: int | None = None, min_len: int = 1):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            raise BadRequest(name, f"{name} must be a string.")
        if min_len and not visible(value):
            raise BadRequest(name, f"{name} must not be empty.")
        if len(value.strip()) < min_len:
            raise BadRequest(name, f"{name} must be at least {min_len} characters.")
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

    def str_list(self, name: str, *, required=True, max_items: int = 100, max_len: int = MAX_ID):
        """A list of ids (or short texts): each a string of 1 to `max_len` characters with something visible."""
        value = self._get(name, required, None)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(
                isinstance(v, str) and len(v) <= max_len and visible(v) for v in value):
            raise BadRequest(name, f"{name} must be a list of strings of 1 to {max_len} characters.")
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
            day = date.fromisoformat(value)
        except ValueError:
            raise BadRequest(name, f"{name} must be a date like 2026-12-03.") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise BadRequest(name, f"{name} must be a date in the years {FIRST_YEAR} to {LAST_YEAR}.")
        return day

    def month(self, name: str, *, required=True) -> str | None:
        """A calendar month like 2026-12, in the years FIRST_YEAR to LAST_YEAR."""
        value = self._get(name, required, None)
        if value is _MISSING:
            return None
        if not isinstance(value, str) or not _MONTH.match(value):
            raise BadRequest(name, f"{name} must be a month like 2026-12.")
        if not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
            raise BadRequest(name, f"{name} must be a month in the years {FIRST_YEAR} to {LAST_YEAR}.")
        return value

    def instant(self, name: str, *, required=True) -> datetime | None:
        """An RFC 3339 instant with its offset, returned in UTC, in the years FIRST_YEAR to LAST_YEAR (UTC)."""
        value = self._get(name, required, None)
        if value is _MISSING:
            return None
        try:
            if not isinstance(value, str) or not _INSTANT.match(value):
                raise ValueError
            local = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise BadRequest(name, f"{name} must be an RFC 3339 time like 2026-12-03T14:00:00Z.") from None
        # The local year first: converting 0001-01-01T00:00+01:00 to UTC would leave the calendar.
        instant = local.astimezone(UTC) if FIRST_YEAR - 1 <= local.year <= LAST_YEAR + 1 else None
        if instant is None or not FIRST_YEAR <= instant.year <= LAST_YEAR:
            raise BadRequest(name, f"{name} must be a time in the years {FIRST_YEAR} to {LAST_YEAR} (UTC).")
        return instant
