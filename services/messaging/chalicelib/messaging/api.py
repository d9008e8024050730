"""Routes of the messaging service: parse and validate input, call one handler."""

from __future__ import annotations

from chalice import Blueprint

from portalkit.api import Api
from portalkit.errors import BadRequest
from portalkit.identity import ADMIN, ANYONE, CLIENT, STAFF

from . import discussions, domain, handlers, inbox

blueprint = Blueprint(__name__)
api = Api(blueprint, "/messaging")
api.health("messaging")

ME_DISCUSSION = "/me/discussions/{discussion_id}"
DISCUSSION = "/discussions/{discussion_id}"


# -- discussions ---------------------------------------------------------------------------------------------


@api.route("/me/discussions", methods=["POST"], roles=(CLIENT,))
def start_discussion_with_provider(call):
    body = call.body().only("service_id", "subject", "message")
    return discussions.start_discussion(
        call.who, body.str("service_id", max_len=128), None, body.str("subject", max_len=domain.MAX_SUBJECT),
        body.str("message", max_len=domain.MAX_MESSAGE), call.idempotency_key,
    )


@api.route("/discussions", methods=["POST"], roles=STAFF)
def start_discussion_with_client(call):
    body = call.body().only("service_id", "client_id", "subject", "message")
    return discussions.start_discussion(
        call.who, body.str("service_id", max_len=128), body.str("client_id", max_len=128),
        body.str("subject", max_len=domain.MAX_SUBJECT), body.str("message", max_len=domain.MAX_MESSAGE),
        call.idempotency_key,
    )


def _post(call, discussion_id):
    body = call.body().only("message")
    return discussions.post_message(call.who, discussion_id, body.str("message", max_len=domain.MAX_MESSAGE),
                                    call.idempotency_key)


def _read(call, discussion_id):
    params = call.params().only("cursor", "limit")
    return discussions.read_discussion(call.who, discussion_id, params.str("cursor", required=False),
                                       params.int("limit", required=False, minimum=1, maximum=discussions.MAX_PAGE))


api.route(ME_DISCUSSION + "/messages", methods=["POST"], roles=(CLIENT,))(_post)
api.route(DISCUSSION + "/messages", methods=["POST"], roles=STAFF)(_post)
api.route(ME_DISCUSSION, roles=(CLIENT,))(_read)
api.route(DISCUSSION, roles=STAFF)(_read)


@api.route("/discussions", roles=STAFF)
def list_discussions(call):
    params = call.params().only("service_id", "cursor", "limit")
    return discussions.list_discussions(call.who, params.str("service_id", max_len=128),
                                        params.str("cursor", required=False),
                                        params.int("limit", required=False, minimum=1, maximum=discussions.MAX_PAGE))


# -- inboxes -------------------------------------------------------------------------------------------------


def _inbox(call):
    params = call.params().only("service_id", "unread", "cursor", "limit")
    return inbox.inbox(call.who, params.str("service_id", required=False, max_len=128),
                       params.bool("unread", required=False, default=False), params.str("cursor", required=False),
                       params.int("limit", required=False, minimum=1, maximum=inbox.MAX_PAGE))


def _mark_read(call, item_id):
    return inbox.mark_read(call.who, item_id)


api.route("/me/inbox", roles=(CLIENT,))(_inbox)
api.route("/inbox", roles=STAFF)(_inbox)
api.route("/me/inbox/{item_id}/read", methods=["POST"], roles=(CLIENT,))(_mark_read)
api.route("/inbox/{item_id}/read", methods=["POST"], roles=STAFF)(_mark_read)


# -- preferences and settings --------------------------------------------------------------------------------


@api.route("/me/preferences", roles=ANYONE)
def get_preferences(call):
    return handlers.get_preferences(call.who)


@api.route("/me/preferences", methods=["PUT"], roles=ANYONE)
def update_preferences(call):
    body = call.body().only("email")
    return handlers.update_preferences(call.who, _object(body.data, "email"))


@api.route("/settings", roles=(ADMIN,))
def get_settings(call):
    return handlers.get_settings(call.who)


@api.route("/settings", methods=["PUT"], roles=(ADMIN,))
def update_settings(call):
    body = call.body().only("discussions_enabled", "client_delivery_enabled", "email_detail", "version")
    changes = {name: body.bool(name, required=False) for name in ("discussions_enabled", "client_delivery_enabled")}
    detail = _object(body.data, "email_detail", required=False)
    for kind, level in detail.items():
        if kind not in domain.KINDS:
            raise BadRequest(f"email_detail.{kind}", f"{kind} is not a kind of notification; "
                                                      f"choose among: {', '.join(domain.KINDS)}.")
        if level not in domain.DETAIL_LEVELS:
            raise BadRequest(f"email_detail.{kind}", f"email_detail.{kind} must be one of: "
                                                      f"{', '.join(domain.DETAIL_LEVELS)}.")
    return handlers.update_settings(call.who, {k: v for k, v in changes.items() if v is not None}, detail,
                                    body.int("version", minimum=0))


def _object(data: dict, name: str, required: bool = True) -> dict:
    value = data.get(name)
    if value is None:
        if required:
            raise BadRequest(name, f"{name} is required.", code="missing_field")
        return {}
    if not isinstance(value, dict):
        raise BadRequest(name, f"{name} must be an object.")
    return value
