"""Service files as messaging keeps them (from requests.service.*): a service's name, its providers and its
participants decide who may discuss it and name it in notifications."""

from __future__ import annotations

from portalkit.envelope import Envelope
from portalkit.store import Transaction, keep_newest

from . import domain
from .models import ServiceItem


def project_service(message: Envelope, tx: Transaction) -> None:
    """Keep the newest state of a service file; older or repeated versions change nothing."""
    service = domain.ServiceFile.from_message(message.data, message.subject_version)
    keep_newest(tx, ServiceItem.of(message.agency_id, service), service.version)
