"""Routes of the availability service: what each accepts and answers (schemas.py), and the one handler it calls."""

from __future__ import annotations

from chalice import Blueprint
from msgspec.structs import asdict

from portalkit.api import Api
from portalkit.identity import ADMIN, ANYONE, STAFF

from . import availability_types, blocks, calendars, domain, settings, sites, slots, time_off
from . import schemas as s

blueprint = Blueprint(__name__)
api = Api(blueprint, "/availability")
api.health("availability")

WORKER = "/workers/{worker_id}"
CALENDAR = WORKER + "/calendars/{calendar_id}"
ADMINS = (ADMIN,)


def _changes(body) -> dict:
    """The fields a change sets (a field left out or null keeps its value), without the version it was read at."""
    return {name: value for name, value in asdict(body).items() if value is not None and name != "version"}


# -- the agency's settings, types and sites ---------------------------------------------------------


@api.route("/settings", roles=STAFF, returns=s.Settings)
def get_settings(call):
    """The agency's scheduling settings: time zone, client-facing type, slot length, notice, horizon and holds."""
    return settings.get_settings(call.who)


@api.route("/settings", methods=["PUT"], roles=ADMINS, body=s.SettingsChange, returns=s.Settings)
def update_settings(call, body: s.SettingsChange):
    """Change the agency's scheduling settings on the version read."""
    return settings.update_settings(call.who, _changes(body), expected_version=body.version)


@api.route("/types", roles=STAFF, returns=s.Types)
def list_types(call):
    """The agency's availability types by name, retired ones included."""
    return availability_types.list_types(call.who)


@api.route("/types", methods=["POST"], roles=ADMINS, body=s.NewType, returns=s.AvailabilityType, status=201)
def add_type(call, body: s.NewType):
    """Add an availability type, under a name no other type of the agency has."""
    return availability_types.add_type(call.who, body.name, body.color)


@api.route("/types/{type_id}", methods=["PUT"], roles=ADMINS, body=s.TypeChange, returns=s.AvailabilityType)
def update_type(call, type_id, body: s.TypeChange):
    """Rename, recolour, retire or bring back an availability type, on the version read."""
    return availability_types.update_type(call.who, type_id, _changes(body), expected_version=body.version)


@api.route("/sites", roles=STAFF, returns=s.Sites)
def list_sites(call):
    """The agency's sites by name, retired ones included."""
    return sites.list_sites(call.who)


@api.route("/sites", methods=["POST"], roles=ADMINS, body=s.NewSite, returns=s.Site, status=201)
def add_site(call, body: s.NewSite):
    """Add a site in its time zone, with its address if given."""
    return sites.add_site(call.who, body.name, body.timezone, body.address)


@api.route("/sites/{site_id}", methods=["PUT"], roles=ADMINS, body=s.SiteChange, returns=s.Site)
def update_site(call, site_id, body: s.SiteChange):
    """Rename, retire or bring back a site or change its address, on the version read (its time zone cannot
    change)."""
    return sites.update_site(call.who, site_id, _changes(body), expected_version=body.version)


# -- a worker's calendars and their weekly blocks ---------------------------------------------------


@api.route(WORKER + "/calendars", roles=STAFF, returns=s.Calendars)
def list_calendars(call, worker_id):
    """A worker's calendars by start date, with the one in effect and how many blocks each has."""
    return calendars.list_calendars(call.who, worker_id)


@api.route(WORKER + "/calendars", methods=["POST"], roles=STAFF, body=s.NewCalendar, returns=s.Calendar, status=201)
def add_calendar(call, worker_id, body: s.NewCalendar):
    """Add a calendar from a start date on: a new blank one, or a copy of another calendar's blocks."""
    return calendars.add_calendar(call.who, worker_id, name=body.name, start_date=body.start_date,
                                  copy_from=body.copy_from)


@api.route(CALENDAR, methods=["PUT"], roles=STAFF, body=s.CalendarChange, returns=s.Calendar)
def update_calendar(call, worker_id, calendar_id, body: s.CalendarChange):
    """Rename a calendar, or move an upcoming calendar's start date, on the version read."""
    return calendars.update_calendar(call.who, worker_id, calendar_id, _changes(body),
                                     expected_version=body.version)


@api.route(CALENDAR, methods=["DELETE"], roles=STAFF, status=204)
def delete_calendar(call, worker_id, calendar_id):
    """Delete an upcoming or replaced calendar with its blocks (not the one in effect)."""
    calendars.delete_calendar(call.who, worker_id, calendar_id)
    return 204, None


@api.route(CALENDAR + "/blocks", roles=STAFF, returns=s.Blocks)
def list_blocks(call, worker_id, calendar_id):
    """A calendar's weekly blocks, by day and time."""
    return blocks.list_blocks(call.who, worker_id, calendar_id)


def _block(body: s.WeeklyBlock) -> dict:
    """A block's day and times as the domain counts them (a weekday number, minutes since midnight)."""
    return {"day": domain.parse_day(body.day), "start": domain.parse_clock(body.from_, "from"),
            "end": domain.parse_clock(body.to, "to"), "type_id": body.type_id, "site_id": body.site_id}


@api.route(CALENDAR + "/blocks", methods=["POST"], roles=STAFF, body=s.WeeklyBlock, returns=s.Block, status=201)
def add_block(call, worker_id, calendar_id, body: s.WeeklyBlock):
    """Add a weekly block to a calendar: a day, from and to, its availability type and site."""
    return blocks.save_block(call.who, worker_id, calendar_id, None, _block(body))


@api.route(CALENDAR + "/blocks/{block_id}", methods=["PUT"], roles=STAFF, body=s.WeeklyBlock, returns=s.Block)
def replace_block(call, worker_id, calendar_id, block_id, body: s.WeeklyBlock):
    """Change a weekly block's day, times, type or site."""
    return blocks.save_block(call.who, worker_id, calendar_id, block_id, _block(body))


@api.route(CALENDAR + "/blocks/{block_id}", methods=["DELETE"], roles=STAFF, status=204)
def delete_block(call, worker_id, calendar_id, block_id):
    """Delete a weekly block."""
    blocks.delete_block(call.who, worker_id, calendar_id, block_id)
    return 204, None


# -- time off ---------------------------------------------------------------------------------------


@api.route(WORKER + "/time-off", roles=STAFF, returns=s.TimeOffList)
def list_time_off(call, worker_id):
    """A worker's time off, earliest first."""
    return time_off.list_time_off(call.who, worker_id)


@api.route(WORKER + "/time-off", methods=["POST"], roles=STAFF, body=s.NewTimeOff, returns=s.TimeOff, status=201)
def add_time_off(call, worker_id, body: s.NewTimeOff):
    """Add time off: no slot is open while it lasts."""
    start, end = domain.time_off_span(body.start, body.end)
    return time_off.add_time_off(call.who, worker_id, start, end, body.reason)


@api.route(WORKER + "/time-off/{time_off_id}", methods=["DELETE"], roles=STAFF, status=204)
def delete_time_off(call, worker_id, time_off_id):
    """Delete time off."""
    time_off.delete_time_off(call.who, worker_id, time_off_id)
    return 204, None


# -- what clients can request -----------------------------------------------------------------------


@api.route(WORKER + "/days", roles=ANYONE, query=s.DaysWhen, returns=s.Days)
def list_days(call, worker_id, query: s.DaysWhen):
    """Each date of a month, or from one date to another, with the number of the worker's open slots on it."""
    first, last = domain.day_dates(query.month, query.from_, query.to)
    return slots.list_days(call.who, worker_id, first, last)


@api.route(WORKER + "/slots", roles=ANYONE, query=s.SlotsWhen, returns=s.Slots)
def list_slots(call, worker_id, query: s.SlotsWhen):
    """The worker's open slots on a date, or from one date to another: the times a client can request."""
    first, last = domain.slot_dates(query.date, query.from_, query.to)
    return slots.list_slots(call.who, worker_id, first, last)
