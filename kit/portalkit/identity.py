"""Who is calling: claims that API Gateway's Cognito authorizer (or the local gateway) verified."""

from __future__ import annotations

from msgspec import Struct

from portalkit.errors import Unauthorized

CLIENT, WORKER, ADMIN = "client", "worker", "admin"
STAFF = (WORKER, ADMIN)
ANYONE = (CLIENT, WORKER, ADMIN)

# Cognito group -> role; a person in several groups takes the strongest.
GROUP_ROLES = {"admins": ADMIN, "workers": WORKER, "clients": CLIENT}
_STRENGTH = (ADMIN, WORKER, CLIENT)

AGENCY_CLAIM = "custom:agency_id"
PERSON_CLAIM = "custom:person_id"


class Identity(Struct, frozen=True):
    agency_id: str
    person_id: str
    role: str
    email: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF


def parse_groups(value) -> list[str]:
    """`cognito:groups` arrives as a list, or as a string: "a", "a,b" (REST API) or "[a b]" (HTTP API)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    text = str(value).strip().strip("[]")
    return [part for part in text.replace(",", " ").split() if part]


def identity_from_claims(claims: dict | None) -> Identity:
    if not claims:
        raise Unauthorized("Sign in to use this API.")
    agency_id = claims.get(AGENCY_CLAIM)
    person_id = claims.get(PERSON_CLAIM)
    roles = {GROUP_ROLES[g] for g in parse_groups(claims.get("cognito:groups")) if g in GROUP_ROLES}
    role = next((r for r in _STRENGTH if r in roles), None)
    if not agency_id or not person_id or role is None:
        raise Unauthorized("The sign-in carries no agency, person or role.")
    return Identity(agency_id=agency_id, person_id=person_id, role=role, email=claims.get("email"))


def identity_from_request(request) -> Identity:
    """The caller of a Chalice request; identity comes only from the authorizer's claims."""
    context = getattr(request, "context", None) or {}
    claims = (context.get("authorizer") or {}).get("claims")
    return identity_from_claims(claims)
