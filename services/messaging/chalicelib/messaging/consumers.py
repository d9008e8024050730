"""Messages the messaging service consumes (infra/declaration.py CONSUMES routes them): who people are, who takes part
in which service, the agency's time zone, name and cancellation window, its sites, its events (for reminders), and
everything a person should be told about.

Each handler applies any message its producer's schema admits: what messaging cannot use (a person, service or zone
it does not know, a time it cannot read) is worded around or logged and acknowledged, never raised on, so only a
fault of the infrastructure sends a message towards the DLQ."""

from __future__ import annotations

from portalkit.consumer import Consumer

from . import agency, contacts, notifications, reminders, service_files

consumer = Consumer("messaging")

consumer.handles("requests.person.registered", "requests.person.updated")(contacts.record_contact)
consumer.handles(
    "requests.service.opened", "requests.service.participant_added", "requests.service.participant_removed",
    "requests.service.closed",
)(service_files.project_service)
consumer.handles("availability.settings.updated")(agency.record_agency_zone)
consumer.handles("requests.settings.updated")(agency.record_agency_facts)
consumer.handles("availability.site.updated")(agency.record_site)
consumer.handles(
    "requests.event.scheduled", "requests.event.video_link_added", "requests.event.rescheduled",
    "requests.event.cancelled", "requests.event.attendee_left",
)(reminders.on_event_message)
consumer.handles(
    "requests.event_request.held", "requests.event_request.declined", "requests.event_request.confirmed",
    "requests.event_request.proposal_offered", "requests.event_request.proposal_failed",
    "requests.event_request.expired", "requests.event_request.withdrawn",
    "billing.invoice.issued", "billing.payment.received", "billing.payment.failed",
    "requests.service_request.approved", "requests.service_request.declined",
)(notifications.notify)
