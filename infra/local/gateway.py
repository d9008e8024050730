"""The local API gateway: the four apps under their base paths, Cognito JWTs verified as API Gateway would.

Routing and the Lambda event are Chalice's own (`chalice.local.LocalGateway`); this module adds
what API Gateway does in front of them: the Cognito authorizer (verify the ID token: signature against
the pool's JWKS, expiry, issuer, audience = an app client, token use; hand the app its claims as
strings), and the deployed stacks' gateway answers in the API's error shape: an unknown route is 404
`not_found`, a method a route does not serve is 405 `method_not_allowed` with `Allow` (the CDK stacks
give every API resource such a mock method), a bad token 401 `unauthorized`. There is no CORS: the
deployed API is served from the web client's origin (CloudFront), and so is the local one.
`Gateway.handle()` is transport-free, so tests use the same code path the HTTP server does.
"""

from __future__ import annotations

import base64
import json
import logging
import threading

import jwt
from chalice.app import CognitoUserPoolAuthorizer
from chalice.config import Config
from chalice.local import (
    ForbiddenError,
    LocalGateway,
    LocalGatewayAuthorizer,
    LocalGatewayException,
    NotAuthorizedError,
    RouteMatcher,
)

from infra.declaration import FUNCTIONS
from portalkit.testing.calls import invoking

JSON = {"Content-Type": "application/json"}
log = logging.getLogger("portal.local.gateway")


# What a caller without a usable token is told. API Gateway's Cognito authorizer cannot say more: its gateway
# responses are not templates that branch, and it tells a missing token from a bad one by no variable. So the
# local gateway gives the same sentence for a missing, malformed, expired or forged token (infra/cdk/service.py
# sets it as the UNAUTHORIZED gateway response), and the technical reason goes to the log.
SIGN_IN_AGAIN = "Sign in again: this route needs a current ID token in the Authorization header."


class InvalidToken(Exception):
    """Why a token was refused (for the log; the caller is told SIGN_IN_AGAIN)."""


class TokenVerifier:
    """Checks Cognito ID tokens against a user pool's JWKS."""

    def __init__(self, jwks: dict, issuer: str, client_ids: set[str], leeway_seconds: int = 0):
        self.keys = {key["kid"]: jwt.PyJWK(key, algorithm="RS256") for key in jwks["keys"]}
        self.issuer = issuer
        self.client_ids = set(client_ids)
        self.leeway = leeway_seconds

    def claims(self, token: str) -> dict:
        if not token:
            raise InvalidToken("no token")
        try:
            header = jwt.get_unverified_header(token)
            key = self.keys.get(header.get("kid"))
            if key is None:
                raise jwt.InvalidTokenError("signed by a key the pool does not publish")
            claims = jwt.decode(
                token, key=key.key, algorithms=["RS256"], audience=sorted(self.client_ids),
                issuer=self.issuer, leeway=self.leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "token_use"]},
            )
        except jwt.PyJWTError as error:
            raise InvalidToken(str(error)) from None
        if claims.get("token_use") != "id":
            raise InvalidToken("not an ID token")
        return claims


def api_gateway_claims(claims: dict) -> dict:
    """API Gateway hands claims to Lambda as strings; lists (cognito:groups) joined with commas."""
    return {k: ",".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in claims.items()}


class _CognitoAuthorizer(LocalGatewayAuthorizer):
    def __init__(self, app, verifier: TokenVerifier):
        super().__init__(app)
        self.verifier = verifier

    def authorize(self, raw_path, lambda_event, lambda_context):
        route = self._route_for_event(lambda_event)
        if not route or not isinstance(route.authorizer, CognitoUserPoolAuthorizer):
            return super().authorize(raw_path, lambda_event, lambda_context)
        token = (lambda_event.get("headers") or {}).get("authorization", "")
        if token[:7].lower() == "bearer ":
            token = token[7:]
        try:
            claims = self.verifier.claims(token.strip())
        except InvalidToken as error:
            log.info("token refused: %s", error)
            body = {"error": {"code": "unauthorized", "message": SIGN_IN_AGAIN}}
            raise NotAuthorizedError(dict(JSON), json.dumps(body).encode()) from None
        lambda_event = self._update_lambda_event(
            lambda_event, {"context": {"claims": api_gateway_claims(claims)}, "principalId": claims["sub"]}
        )
        return lambda_event, lambda_context


class Gateway:
    """One front door for the apps: `/<base>/...` goes to the app registered under `<base>`."""

    def __init__(self, apps: dict, verifier: TokenVerifier, extra_routes: dict | None = None, fallback=None):
        api = FUNCTIONS["api"]  # as the API function runs in AWS
        config = Config.create(chalice_stage="local", lambda_timeout=api.timeout_seconds,
                               lambda_memory_size=api.memory_mb)
        self._gateways = {}
        self._locks = {}
        self._routes = {}
        for base, app in apps.items():
            gateway = LocalGateway(app, config)
            gateway._authorizer = _CognitoAuthorizer(app, verifier)
            self._gateways[base] = gateway
            self._routes[base] = (app, RouteMatcher(list(app.routes)))
            # A Chalice app serves one request at a time (like one Lambda container).
            self._locks[base] = threading.Lock()
        self.extra_routes = extra_routes or {}
        # What answers a path under no app's base (the local stack: the web client's static files).
        self.fallback = fallback

    def handle(self, method: str, path: str, headers: dict, body: bytes | None) -> tuple[int, dict, bytes]:
        route = path.split("?", 1)[0]
        if route in self.extra_routes:
            return self.extra_routes[route]() if method == "GET" else method_not_allowed(("GET",))
        base = route.split("/", 2)[1] if route.count("/") else ""
        gateway = self._gateways.get(base)
        if gateway is None:
            return self.fallback(method, path, headers, body) if self.fallback else _not_found()
        allowed = self.methods(base, path)
        if allowed is None:
            return _not_found()
        if method not in allowed:
            return method_not_allowed(allowed)
        headers = {k.lower(): v for k, v in headers.items()}
        try:
            with self._locks[base], invoking(base, "api"):
                response = gateway.handle_request(method=method, path=path, headers=headers, body=body or b"")
        except NotAuthorizedError as error:
            return 401, error.headers, error.body
        except ForbiddenError:
            return _not_found()  # Chalice's answer when no route matches; our apps only use Cognito authorizers
        except LocalGatewayException as error:
            return error.CODE, error.headers, error.body or b""
        payload = response.get("body") or b""
        if response.get("isBase64Encoded"):
            payload = base64.b64decode(payload)
        elif isinstance(payload, str):
            payload = payload.encode()
        response_headers = dict(response.get("headers") or {})
        for name, values in (response.get("multiValueHeaders") or {}).items():
            response_headers[name] = ", ".join(values)
        return response["statusCode"], response_headers, payload

    def route_of(self, path: str) -> str:
        """The route a path is served by, for logs: `/requests/feeds/{feed}` for a feed's URL, so that no secret in a
        path is written down; a path under an app that no route serves is only its base, anything else its path."""
        route = path.split("?", 1)[0]
        if route in self.extra_routes:
            return route
        base = route.split("/", 2)[1] if route.count("/") else ""
        if base not in self._routes:
            return route[:200] if self.fallback else "/(no such app)"
        _, matcher = self._routes[base]
        try:
            return matcher.match_route(route).route
        except ValueError:
            return f"/{base}/(no such route)"

    def methods(self, base: str, path: str) -> tuple[str, ...] | None:
        """The methods the route matching `path` serves, or None when no route does."""
        app, matcher = self._routes[base]
        try:
            route = matcher.match_route(path).route
        except ValueError:
            return None
        return tuple(sorted(app.routes[route]))


def method_not_allowed(allowed) -> tuple[int, dict, bytes]:
    """What API Gateway's mock method answers for a method the route does not serve (see infra/cdk/service.py)."""
    allow = ", ".join(allowed)
    body = {"error": {"code": "method_not_allowed", "message": f"This route answers {allow} only."}}
    return 405, {**JSON, "Allow": allow}, json.dumps(body).encode()


def _not_found() -> tuple[int, dict, bytes]:
    body = {"error": {"code": "not_found", "message": "No such route."}}
    return 404, dict(JSON), json.dumps(body).encode()
