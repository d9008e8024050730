"""Messages the billing service consumes (see infra/declaration.py CONSUMES for what its rule routes here): who the
agency's clients are, services' names, and events' outcomes to invoice.

Each handler applies any message its producer's schema admits: what billing cannot use (a service or client it has
not heard of, a time it cannot read) is worked around, never raised on, so only a fault of the infrastructure sends
a message towards the DLQ."""

from __future__ import annotations

from portalkit.consumer import Consumer

from . import charges, roster

consumer = Consumer("billing")

consumer.handles("requests.person.registered", "requests.person.updated")(roster.record_person)
consumer.handles("requests.event.attended", "requests.event.no_show", "requests.event.cancelled",
                 "requests.event.attendee_left")(
    charges.invoice_event)
consumer.handles(
    "requests.service.opened", "requests.service.participant_added", "requests.service.participant_removed",
    "requests.service.closed",
)(roster.project_service)
