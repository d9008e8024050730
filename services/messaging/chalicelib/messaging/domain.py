"""Pure rules of the messaging service: no AWS, no I/O."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    """How to reach a person: messaging's copy of the roster, kept from `requests.person.*` events."""

    person_id: str
    name: str
    email: str
    role: str
    email_consent: bool
    version: int

    @classmethod
    def from_event(cls, data: dict, version: int) -> Contact:
        return cls(
            person_id=data["person_id"], name=data["name"], email=data["email"], role=data["role"],
            email_consent=bool(data["email_consent"]), version=version,
        )
