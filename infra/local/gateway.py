"""The local API gateway: the four apps under their base paths, Cognito JWTs verified as API Gateway would.

Routing and the Lambda event are Chalice's own (`chalice.local.LocalGateway`); this module adds
only what API Gateway's Cognito authorizer does: verify the ID token (signature against the pool's
JWKS, expiry, issuer, audience = an app client, token use) and hand the app its claims as strings.
`Gateway.handle()` is transport-free, so tests use the same code path the HTTP server does.
"""

from __future__ import annotations

import base64
import json
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
)

from infra.declaration import FUNCTIONS
from portalkit.testing.calls import invoking

JSON = {"Content-Type": "application/json"}


class InvalidToken(Exception):
    pass


class TokenVerifier:
    """Checks Cognito ID tokens against a user pool's JWKS."""

    def __init__(self, jwks: dict, issuer: str, client_ids: set[str], leeway_seconds: int = 0):
        self.keys = {key["kid"]: jwt.PyJWK(key, algorithm="RS256") for key in jwks["keys"]}
        self.issuer = issuer
        self.client_ids = set(client_ids)
        self.leeway = leeway_seconds

    def claims(self, token: str) -> dict:
        try:
            header = jwt.get_unverified_header(token)
            key = self.keys.get(header.get("kid"))
            if key is None:
                raise InvalidToken("signed by a key the pool does not publish")
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
            body = {"error": {"code": "unauthorized", "message": f"Sign in again: {error}."}}
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
        for base, app in apps.items():
            gateway = LocalGateway(app, config)
            gateway._authorizer = _CognitoAuthorizer(app, verifier)
            self._gateways[base] = gateway
            # A Chalice app serves one request at a time (like one Lambda container).
            self._locks[base] = threading.Lock()
        self.extra_routes = extra_routes or {}
        # What answers a path under no app's base (the local stack: the web client's static files).
        self.fallback = fallback

    def handle(self, method: str, path: str, headers: dict, body: bytes | None) -> tuple[int, dict, bytes]:
        route = path.split("?", 1)[0]
        if method == "GET" and route in self.extra_routes:
            status, response_headers, payload = self.extra_routes[route]()
            return status, response_headers, payload
        base = route.split("/", 2)[1] if route.count("/") else ""
        gateway = self._gateways.get(base)
        if gateway is None:
            return self.fallback(method, path, headers, body) if self.fallback else _not_found()
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


def _not_found() -> tuple[int, dict, bytes]:
    body = {"error": {"code": "not_found", "message": "No such route."}}
    return 404, dict(JSON), json.dumps(body).encode()
