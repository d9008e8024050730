"""What messaging keeps of the agency from other services' messages: its time zone (availability), its name and
cancellation window (requests) and its sites (availability), for the words of notifications, reminders and calendar
files. Each keeps the newest version; older or repeated messages change nothing."""

from __future__ import annotations

import logging

from portalkit import wallclock
from portalkit.envelope import Envelope
from portalkit.store import Transaction, keep_newest

from . import domain
from .models import AgencyItem, SiteItem, ZoneItem, agency_key, site_key, zone_key

log = logging.getLogger("messaging")


def record_agency_zone(message: Envelope, tx: Transaction) -> None:
    """availability.settings.updated: keep the newest time zone (times in notifications are written on it). A name
    that is no zone is kept too, and read as none (`domain.Clock`)."""
    timezone = message.data["timezone"]
    if wallclock.zone(timezone) is None:
        log.warning("agency %s: availability's time zone %r is not one; times stay on their own offsets",
                    message.agency_id, timezone)
    keep_newest(tx, ZoneItem(*zone_key(message.agency_id), timezone=timezone, version=message.subject_version),
                message.subject_version)


def record_agency_facts(message: Envelope, tx: Transaction) -> None:
    """requests.settings.updated: keep the agency's name (optional: none until an admin gives one) and cancellation
    window, for reminders and calendar files."""
    facts = domain.AgencyFacts.from_message(message.data)
    keep_newest(tx, AgencyItem(*agency_key(message.agency_id), agency_name=facts.name,
                               cancellation_window_hours=facts.cancellation_window_hours,
                               version=message.subject_version), message.subject_version)


def record_site(message: Envelope, tx: Transaction) -> None:
    """availability.site.updated: keep a site's name and address (where an event is)."""
    data = message.data
    address = data.get("address") if isinstance(data.get("address"), str) and data.get("address") else None
    keep_newest(tx, SiteItem(*site_key(message.agency_id, data["site_id"]), name=data["name"], address=address,
                             timezone=data.get("timezone"), retired=bool(data.get("retired")),
                             version=message.subject_version), message.subject_version)
