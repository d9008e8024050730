"""The agency's time zone and booking rules, as availability last published them: times are shown on its clock,
and a worker's proposal is refused at once where these rules already rule it out."""

from __future__ import annotations

import logging

from portalkit.envelope import Envelope
from portalkit.store import Transaction, keep_newest

from . import domain, models
from .models import AgencyZoneItem

log = logging.getLogger(__name__)


def record_agency_zone(message: Envelope, tx: Transaction) -> None:
    """availability.settings.updated: keep the newest time zone and booking rules; older or repeated versions, and a
    zone this runtime does not know (logged), change nothing."""
    if not domain.known_zone(message.data["timezone"]):
        log.warning("availability.settings.updated names an unknown time zone %.64r; acknowledged",
                    message.data["timezone"])
        return
    rules = {name: message.data[name] for name in ("min_notice_hours", "horizon_days", "slot_minutes")}
    item = AgencyZoneItem(*AgencyZoneItem.key(message.agency_id), timezone=message.data["timezone"], **rules,
                          version=message.subject_version)
    keep_newest(tx, item, message.subject_version)


def agency_zone(agency_id: str) -> str | None:
    """The agency's time zone, if availability has said it (one GetItem)."""
    return zone_of(models.load_agency_zone(agency_id))


def zone_of(item: AgencyZoneItem | None) -> str | None:
    """The time zone in an item read with others (`models.read`), if there was one."""
    return item.timezone if item else None


def scheduling_of(item: AgencyZoneItem | None) -> domain.Scheduling:
    """The booking rules in an item read with others; none known before availability has said."""
    return item.scheduling() if item else domain.Scheduling()
