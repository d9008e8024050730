"""A worker's open slots: the times a client can request, listed or counted per date."""

from __future__ import annotations

from datetime import date

from portalkit import clock, times
from portalkit.identity import Identity

from . import domain, models


def _open_slots(who: Identity, worker_id: str, first: date, last: date,
                moment: int) -> tuple[list[domain.Slot], domain.AgencyConfig]:
    """A worker's open slots on local dates first..last at `moment`, and the agency read: at most three Queries
    (worker, agency, and reservations unless no date is within notice and horizon). While event requests are off,
    clients are offered none (they could request none)."""
    worker = models.load_worker(who.agency_id, worker_id)
    domain.may_see_slots(who, worker)
    agency = models.load_agency(who.agency_id)
    if not domain.offers_slots(who.role, agency.event_requests_enabled):
        return [], agency
    reach = domain.dates_in_reach(first, last, agency.settings, moment)
    if reach is None:
        return [], agency
    schedule = models.load_schedule(agency, worker, who.agency_id, worker_id, *reach)
    return domain.open_slots(schedule, *reach, moment), agency


def list_slots(who: Identity, worker_id: str, first: date, last: date) -> dict:
    slots, agency = _open_slots(who, worker_id, first, last, clock.now())
    return {"slots": [slot.view() for slot in slots], **domain.about_requests(who.role, agency.event_requests_enabled)}


def list_days(who: Identity, worker_id: str, first: date, last: date) -> dict:
    """Open slots per date, with what a calendar needs to draw them: the agency's zone and when slots can start."""
    moment = clock.now()
    slots, agency = _open_slots(who, worker_id, first, last, moment)
    earliest, latest = domain.requestable(agency.settings, moment)
    return {"days": domain.count_by_day(slots, first, last), "timezone": agency.settings.timezone,
            "requestable_from": times.iso(earliest), "requestable_until": times.iso(latest),
            **domain.about_requests(who.role, agency.event_requests_enabled)}
