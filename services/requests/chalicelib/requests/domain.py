"""Pure rules of the requests service: no AWS, no I/O."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from portalkit.errors import BadRequest, Forbidden
from portalkit.identity import ADMIN, CLIENT, WORKER, Identity

ROLES = (CLIENT, WORKER, ADMIN)
PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Person:
    """Someone the portal knows: the id is the `custom:person_id` of their sign-in."""

    person_id: str
    name: str
    email: str
    role: str
    email_consent: bool
    version: int = 1

    def event_data(self) -> dict:
        data = asdict(self)
        data.pop("version")
        return data


def check_person_id(person_id: str) -> str:
    if not PERSON_ID.match(person_id):
        raise BadRequest("person_id", "person_id must be 1 to 64 letters, digits, '-' or '_'.")
    return person_id


def check_email(email: str) -> str:
    if not EMAIL.match(email):
        raise BadRequest("email", "email must be an email address.")
    return email.strip().lower()


def may_manage(actor: Identity, role: str) -> None:
    """Workers add and update clients; only admins add or change staff."""
    if actor.role != ADMIN and role != CLIENT:
        raise Forbidden("Only an admin can add or change workers and admins.")


def updated(person: Person, changes: dict) -> Person:
    return replace(person, **changes, version=person.version + 1)
