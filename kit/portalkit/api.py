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
from collections.abc import Callable
from typing import Any

import msgspec
from chalice import CognitoUserPoolAuthorizer, Response

from portalkit import schema
from portalkit.errors import BadRequest, Forbidden, PortalError
from portalkit.identity import ANYONE, Identity, identity_from_request
from portalkit.schema import (
    MAX_ID,
    check_text,
    encodable,
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


class Text(msgspec.Struct, frozen=True):
    """A reply that is not JSON (`returns=Text("text/calendar")`): the view answers a chalice `Response` of this media
    type itself, with `headers` (name: description) documented beside it."""

    media_type: str
    description: str = "OK."
    headers: tuple[tuple[str, str], ...] = ()


class Call:
    """One API call as a view sees it: the caller, the body, the query and headers."""

    def __init__(self, request, who: Identity | None):
        self.request = request
        self.who = who

    def header(self, name: str) -> str | None:
        return (self.request.headers or {}).get(name.lower())

    @property
    def idempotency_key(self) -> str | None:
        key = self.header("Idempotency-Key")
        if key is not None and not (1 <= len(key) <= 200):
            raise BadRequest("Idempotency-Key", "Idempotency-Key must be 1 to 200 characters.")
        return key


def check_path_parameters(uri_params: dict, secrets: tuple[str, ...] = ()) -> None:
    """Every path parameter is an id: valid Unicode text of 1 to MAX_ID characters with something visible in it.
    A secret (a feed's) is the view's to judge: whatever is not one it knows answers 404, never a 400 quoting it."""
    for name, value in uri_params.items():
        if name in secrets:
            continue
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

        self.route("/health", public=True, returns=schema.Health)(health)

    def route(self, path: str, methods=("GET",), roles=ANYONE, public: bool = False, *, body: type | None = None,
              query: type | None = None, returns: Any = None, status: int = 200, errors: tuple[int, ...] = (),
              idempotent: bool = False, secrets: tuple[str, ...] = (), headers: tuple[tuple[str, str], ...] = ()):
        """Register `view(call, **path_params, [body=], [query=])` on `path` (under the base path).

        `body` and `query` are the Structs (`portalkit.schema`) the view receives decoded, `returns` what it answers
        with `status` (a view may still return `(status, value)`), `errors` the statuses it answers beyond those
        every route may (400; 401 and 403 unless public; 404 when the path names something), `idempotent` that it
        reads the Idempotency-Key header, `secrets` the path parameters that are secrets (not ids: see
        `check_path_parameters`), `headers` the request headers it reads (name: description). A view whose reply is
        not JSON (`returns=Text(...)`) answers a chalice `Response` itself. The OpenAPI document is generated from
        this (infra/openapi.py).
        """

        def register(view):
            spec = RouteSpec(path=self.base_path + path, methods=tuple(methods), roles=tuple(roles), public=public,
                             body=body, query=query, returns=returns, status=status, errors=tuple(errors),
                             idempotent=idempotent, secrets=tuple(secrets), headers=tuple(headers),
                             summary=(view.__doc__ or view.__name__).strip().splitlines()[0])

            @functools.wraps(view)
            def endpoint(**uri_params):
                request = self.target.current_request
                try:
                    who = None
                    if not public:
                        who = identity_from_request(request)
                        if who.role not in roles:
                            raise Forbidden("Your role cannot do this.")
                    check_path_parameters(uri_params, secrets)
                    typed = {}
                    if query is not None:
                        typed["query"] = schema.decode_query(_checked_query(request.query_params), query)
                    if body is not None:
                        typed["body"] = schema.decode_body(request.raw_body, body)
                    result = view(Call(request, who), **uri_params, **typed)
                except PortalError as error:
                    return respond(error.status, error.body(), error.headers())
                except Exception:
                    # request.path is the route (`/requests/feeds/{feed}`), never the path sent: no secret is logged
                    log.exception("unhandled error in %s %s", request.method, request.path)
                    return respond(500, {"error": {"code": "internal_error", "message": "Internal error."}})
                if isinstance(result, Response):
                    return result  # a reply that is not JSON (`Text`), made whole by the view
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


class RouteSpec(msgspec.Struct, frozen=True):
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
    secrets: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()


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


def respond(status: int, value, headers: dict | None = None) -> Response:
    body = "" if value is None else msgspec.json.encode(value).decode()
    return Response(body=body, status_code=status, headers={**JSON, **(headers or {})})


