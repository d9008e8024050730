"""Fee schedules: the agency's default and each service's own, which events' outcomes are invoiced from."""

from __future__ import annotations

from portalkit.errors import NotFound
from portalkit.identity import Identity

from . import domain, roster
from .models import FeesItem, agency_pk, fees_sk
from .settings import load_settings


def load_fees(agency_id: str, service_id: str | None) -> tuple[domain.Fees, str | None]:
    """A service's own fees, else the agency's default fees (one BatchGetItem); and which they are."""
    keys = [(agency_pk(agency_id), fees_sk(service_id))] if service_id else []
    keys.append((agency_pk(agency_id), fees_sk(None)))
    found = {item.sk: _schedule(item) for item in FeesItem.batch_get(keys, consistent_read=True)}
    return domain.resolve_fees(found.get(fees_sk(service_id)) if service_id else None, found.get(fees_sk(None)))


def _schedule(item: FeesItem) -> domain.Fees:
    return domain.Fees(_int(item.event_fee), _int(item.no_show_fee), _int(item.late_cancel_fee))


def _int(value) -> int | None:
    return int(value) if value is not None else None


def get_fees(who: Identity, service_id: str | None) -> dict:
    fees, source = load_fees(who.agency_id, service_id)
    return {"service_id": service_id, **fees.view(), "currency": load_settings(who.agency_id).currency,
            "source": source}


def my_fees(who: Identity, service_id: str) -> dict:
    """A client reads the fees of a service they take part in (another service, or none of theirs, answers 404)."""
    if not roster.takes_part(roster.load_service(who.agency_id, service_id), who.person_id):
        raise NotFound(f"No service {service_id}.")
    return get_fees(who, service_id)


def set_fees(who: Identity, service_id: str | None, fees: domain.Fees, currency: str | None) -> dict:
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    item = FeesItem(agency_pk(who.agency_id), fees_sk(service_id), event_fee=fees.event_fee,
                    no_show_fee=fees.no_show_fee, late_cancel_fee=fees.late_cancel_fee, currency=settings.currency,
                    version=1)
    item.save()
    return {"service_id": service_id, **fees.view(), "currency": settings.currency,
            "source": "service" if service_id else "agency"}
