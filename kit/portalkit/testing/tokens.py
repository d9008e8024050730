"""Cognito-shaped ID tokens for tests, signed by a test key whose JWKS the gateway trusts."""

from __future__ import annotations

import json
import time
import uuid
from functools import cached_property

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TESTPOOL"
CLIENT_ID = "test-web-client"
GROUPS = {"client": "clients", "worker": "workers", "admin": "admins"}


class TokenIssuer:
    """Mints ID tokens as Cognito would: `cognito:groups`, `custom:agency_id`, `custom:person_id`."""

    kid = "test-key-1"

    def __init__(self, issuer: str = ISSUER, client_id: str = CLIENT_ID):
        self.issuer = issuer
        self.client_id = client_id

    @cached_property
    def private_key(self):
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    @cached_property
    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def token(
        self, role: str, agency_id: str = "agency-a", person_id: str | None = None, *, key=None,
        kid: str | None = None, expires_in: int = 3600, audience: str | None = None, token_use: str = "id",
        **extra,
    ) -> str:
        now = int(time.time())  # the real time, as Cognito stamps tokens: the gateway checks expiry against it
        claims = {
            "sub": str(uuid.uuid4()),
            "iss": self.issuer,
            "aud": audience or self.client_id,
            "token_use": token_use,
            "iat": now,
            "auth_time": now,
            "exp": now + expires_in,
            "cognito:groups": [GROUPS[role]] if role in GROUPS else [role],
            "custom:agency_id": agency_id,
            "custom:person_id": person_id or f"{role}-1",
            "email": f"{person_id or role}@{agency_id}.test",
            **extra,
        }
        return jwt.encode(
            claims, key or self.private_key, algorithm="RS256", headers={"kid": kid or self.kid}
        )
