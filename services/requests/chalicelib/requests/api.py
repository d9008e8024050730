"""Routes of the requests service: parse and validate input, call one handler."""

from __future__ import annotations

from chalice import Blueprint

from portalkit.api import Api
from portalkit.identity import STAFF

from . import domain, handlers

blueprint = Blueprint(__name__)
api = Api(blueprint, "/requests")
api.health("requests")


@api.route("/people", methods=["POST"], roles=STAFF)
def add_person(call):
    body = call.body().only("person_id", "name", "email", "role", "email_consent")
    person = domain.Person(
        person_id=domain.check_person_id(body.str("person_id")),
        name=body.str("name", max_len=200),
        email=domain.check_email(body.str("email", max_len=254)),
        role=body.choice("role", domain.ROLES),
        email_consent=body.bool("email_consent", required=False, default=False),
    )
    return 201, handlers.register_person(call.who, person)


@api.route("/people", roles=STAFF)
def list_people(call):
    params = call.params().only("role", "cursor", "limit")
    return handlers.list_people(
        call.who,
        role=params.choice("role", domain.ROLES, required=False),
        cursor=params.str("cursor", required=False),
        limit=params.int("limit", required=False, default=50, minimum=1, maximum=200),
    )


@api.route("/people/{person_id}", roles=STAFF)
def get_person(call, person_id):
    return handlers.get_person(call.who, person_id)


@api.route("/people/{person_id}", methods=["PUT"], roles=STAFF)
def update_person(call, person_id):
    body = call.body().only("name", "email", "role", "email_consent")
    changes = {
        "name": body.str("name", required=False, max_len=200),
        "email": body.str("email", required=False, max_len=254),
        "role": body.choice("role", domain.ROLES, required=False),
        "email_consent": body.bool("email_consent", required=False),
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if "email" in changes:
        changes["email"] = domain.check_email(changes["email"])
    return handlers.update_person(call.who, person_id, changes)
