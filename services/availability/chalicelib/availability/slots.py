"""A worker's open slots: the times a client can request, listed or counted per date."""

from __future__ import annotations

from datetime import date

from portalkit import clock, times
from portalkit.identity import CLIENT, Identity

from . import domain, models

REQUESTS_OFF_FOR_CLIENTS = "The agency is not taking event requests at the moment, so no time can be requested."
REQUESTS_OFF_FOR_STAFF = "Event requests are switched off: clients see no open slots until an admin switches them on."


def _open_slots(who: Identity, worker_id: str, first: date, last: date,
                moment: int) -> tuple[list[domain.Slot], domain.AgencyConfig]:
    """A worker's open slots on local dates first..last at `moment`, and the agency read: at most three Queries
    (worker, agency, and reservations unless no date is within notice and horizon). While event requests are off,
    clients are offered none (they could request none)."""
    worker = models.load_worker(who.agency_id, worker_id)
    domain.may_see_slots(who, worker)
    agency = models.load_agency(who.agency_id)
    if who.role == CLIENT and not agency.event_requests_enabled:
        return [], agency
    reach = domain.dates_in_reach(first, last, agency.settings, moment)
    if reach is None:
        return [], agency
    schedule = models.load_schedule(agency, worker, who.agency_id, worker_id, *reach)
    return domain.open_slots(schedule, *reach, moment), agency


def _about_requests(who: Identity, agency: domain.AgencyConfig) -> dict:
    """What an answer says about event requests: whether they are on, and while off, what that means for the caller."""
    about = {"event_requests_enabled": agency.event_requests_enabled}
    if not agency.event_requests_enabled:
        about["notice"] = REQUESTS_OFF_FOR_CLIENTS if who.role == CLIENT else REQUESTS_OFF_FOR_STAFF
    return about


def list_slots(who: Identity, worker_id: str, first: date, last: date) -> dict:
    slots, agency = _open_slots(who, worker_id, first, last, clock.now())
    return {"slots": [slot.view() for slot in slots], **_about_requests(who, agency)}


def list_days(who: Identity, worker_id: str, first: date, last: date) -> dict:
    """Open slots per date, with what a calendar needs to draw them: the agency's zone and when slots can start."""
    moment = clock.now()
    slots, agency = _open_slots(who, worker_id, first, last, moment)
    earliest, latest = domain.requestable(agency.settings, moment)
    return {"days": domain.count_by_day(slots, first, last), "timezone": agency.settings.timezone,
            "requestable_from": times.iso(earliest), "requestable_until": times.iso(latest),
            **_about_requests(who, agency)}
