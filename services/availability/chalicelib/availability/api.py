"""Routes of the availability service: parse and validate input, call one handler."""

from __future__ import annotations

from datetime import timedelta

from chalice import Blueprint

from portalkit.api import Api
from portalkit.errors import BadRequest
from portalkit.identity import ADMIN, ANYONE, STAFF

from . import domain, handlers

blueprint = Blueprint(__name__)
api = Api(blueprint, "/availability")
api.health("availability")

WORKER = "/workers/{worker_id}"
CALENDAR = WORKER + "/calendars/{calendar_id}"
MAX_TIME_OFF_DAYS = 366
SETTING_FIELDS = ("timezone", "client_facing_type_id", "slot_minutes", "min_notice_hours", "horizon_days",
                  "hold_minutes")


# -- the agency's settings, types and sites ---------------------------------------------------------


@api.route("/settings", roles=STAFF)
def get_settings(call):
    return handlers.get_settings(call.who)


@api.route("/settings", methods=["PUT"], roles=(ADMIN,))
def update_settings(call):
    body = call.body().only(*SETTING_FIELDS, "version")
    timezone = body.str("timezone", required=False, max_len=64)
    slot_minutes = body.int("slot_minutes", required=False)
    changes = {
        "timezone": domain.check_timezone(timezone) if timezone is not None else None,
        "client_facing_type_id": body.str("client_facing_type_id", required=False, max_len=64),
        "slot_minutes": domain.check_slot_minutes(slot_minutes) if slot_minutes is not None else None,
        "min_notice_hours": body.int("min_notice_hours", required=False, minimum=0, maximum=8760),
        "horizon_days": body.int("horizon_days", required=False, minimum=1, maximum=365),
        "hold_minutes": body.int("hold_minutes", required=False, minimum=5, maximum=10080),
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    return handlers.update_settings(call.who, changes, expected_version=body.int("version", minimum=0))


@api.route("/types", roles=STAFF)
def list_types(call):
    return handlers.list_types(call.who)


@api.route("/types", methods=["POST"], roles=(ADMIN,))
def add_type(call):
    body = call.body().only("name", "color")
    name = body.str("name", max_len=60)
    return 201, handlers.add_type(call.who, name, domain.check_color(body.str("color")))


@api.route("/types/{type_id}", methods=["PUT"], roles=(ADMIN,))
def update_type(call, type_id):
    body = call.body().only("name", "color", "retired", "version")
    color = body.str("color", required=False)
    changes = {
        "name": body.str("name", required=False, max_len=60),
        "color": domain.check_color(color) if color is not None else None,
        "retired": body.bool("retired", required=False),
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    return handlers.update_type(call.who, type_id, changes, expected_version=body.int("version", minimum=0))


@api.route("/sites", roles=STAFF)
def list_sites(call):
    return handlers.list_sites(call.who)


@api.route("/sites", methods=["POST"], roles=(ADMIN,))
def add_site(call):
    body = call.body().only("name", "timezone")
    name = body.str("name", max_len=100)
    return 201, handlers.add_site(call.who, name, domain.check_timezone(body.str("timezone", max_len=64)))


@api.route("/sites/{site_id}", methods=["PUT"], roles=(ADMIN,))
def update_site(call, site_id):
    body = call.body().only("name", "timezone", "retired", "version")
    timezone = body.str("timezone", required=False, max_len=64)
    changes = {
        "name": body.str("name", required=False, max_len=100),
        "timezone": domain.check_timezone(timezone) if timezone is not None else None,
        "retired": body.bool("retired", required=False),
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    return handlers.update_site(call.who, site_id, changes, expected_version=body.int("version", minimum=0))


# -- a worker's calendars and their weekly blocks ---------------------------------------------------


@api.route(WORKER + "/calendars", roles=STAFF)
def list_calendars(call, worker_id):
    return handlers.list_calendars(call.who, worker_id)


@api.route(WORKER + "/calendars", methods=["POST"], roles=STAFF)
def add_calendar(call, worker_id):
    body = call.body().only("name", "start_date", "copy_from")
    return 201, handlers.add_calendar(
        call.who, worker_id, name=body.str("name", max_len=100), start_date=body.date("start_date"),
        copy_from=body.str("copy_from", required=False, max_len=64),
    )


@api.route(CALENDAR, methods=["PUT"], roles=STAFF)
def update_calendar(call, worker_id, calendar_id):
    body = call.body().only("name", "start_date", "version")
    changes = {"name": body.str("name", required=False, max_len=100),
               "start_date": body.date("start_date", required=False)}
    changes = {k: v for k, v in changes.items() if v is not None}
    return handlers.update_calendar(call.who, worker_id, calendar_id, changes,
                                    expected_version=body.int("version", minimum=0))


@api.route(CALENDAR, methods=["DELETE"], roles=STAFF)
def delete_calendar(call, worker_id, calendar_id):
    handlers.delete_calendar(call.who, worker_id, calendar_id)
    return 204, None


@api.route(CALENDAR + "/blocks", roles=STAFF)
def list_blocks(call, worker_id, calendar_id):
    return handlers.list_blocks(call.who, worker_id, calendar_id)


def _block_fields(call) -> dict:
    body = call.body().only("day", "from", "to", "type_id", "site_id")
    return {
        "day": domain.parse_day(body.str("day")),
        "start": domain.parse_clock(body.str("from"), "from"),
        "end": domain.parse_clock(body.str("to"), "to"),
        "type_id": body.str("type_id", max_len=64),
        "site_id": body.str("site_id", max_len=64),
    }


@api.route(CALENDAR + "/blocks", methods=["POST"], roles=STAFF)
def add_block(call, worker_id, calendar_id):
    return 201, handlers.save_block(call.who, worker_id, calendar_id, None, _block_fields(call))


@api.route(CALENDAR + "/blocks/{block_id}", methods=["PUT"], roles=STAFF)
def replace_block(call, worker_id, calendar_id, block_id):
    return handlers.save_block(call.who, worker_id, calendar_id, block_id, _block_fields(call))


@api.route(CALENDAR + "/blocks/{block_id}", methods=["DELETE"], roles=STAFF)
def delete_block(call, worker_id, calendar_id, block_id):
    handlers.delete_block(call.who, worker_id, calendar_id, block_id)
    return 204, None


# -- time off ---------------------------------------------------------------------------------------


@api.route(WORKER + "/time-off", roles=STAFF)
def list_time_off(call, worker_id):
    return handlers.list_time_off(call.who, worker_id)


@api.route(WORKER + "/time-off", methods=["POST"], roles=STAFF)
def add_time_off(call, worker_id):
    body = call.body().only("start", "end", "reason")
    start, end = body.instant("start"), body.instant("end")
    if end <= start:
        raise BadRequest("end", "end must be after start.")
    if end - start > timedelta(days=MAX_TIME_OFF_DAYS):
        raise BadRequest("end", f"Time off lasts at most {MAX_TIME_OFF_DAYS} days; add another for the rest.")
    reason = body.str("reason", required=False, max_len=200)
    return 201, handlers.add_time_off(call.who, worker_id, int(start.timestamp()), int(end.timestamp()), reason)


@api.route(WORKER + "/time-off/{time_off_id}", methods=["DELETE"], roles=STAFF)
def delete_time_off(call, worker_id, time_off_id):
    handlers.delete_time_off(call.who, worker_id, time_off_id)
    return 204, None


# -- what clients can request -----------------------------------------------------------------------


@api.route(WORKER + "/days", roles=ANYONE)
def list_days(call, worker_id):
    params = call.params().only("month")
    first, last = domain.month_days(params.str("month"))
    return handlers.list_days(call.who, worker_id, first, last)


@api.route(WORKER + "/slots", roles=ANYONE)
def list_slots(call, worker_id):
    params = call.params().only("date", "from", "to")
    day = params.date("date", required=False)
    if day is not None:
        if "from" in params.data or "to" in params.data:
            raise BadRequest("date", "Give either date, or from and to.")
        return handlers.list_slots(call.who, worker_id, day, day)
    if "from" not in params.data and "to" not in params.data:
        raise BadRequest("date", "date (or from and to) is required.", code="missing_field")
    first, last = params.date("from"), params.date("to")
    if first > last:
        raise BadRequest("to", "to must not be before from.")
    if (last - first).days + 1 > domain.MAX_RANGE_DAYS:
        raise BadRequest("to", f"A range covers at most {domain.MAX_RANGE_DAYS} days.")
    return handlers.list_slots(call.who, worker_id, first, last)
