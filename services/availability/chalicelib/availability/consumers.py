"""Messages the availability service consumes (see infra/declaration.py CONSUMES for what its rule routes here)."""

from __future__ import annotations

from portalkit.consumer import Consumer

from . import holds, service_files, settings

consumer = Consumer("availability")

consumer.handles("requests.event_request.submitted")(holds.hold_requested)
consumer.handles("requests.event_request.proposed")(holds.hold_proposed)
consumer.handles("requests.event_request.confirmed")(holds.book_confirmed)
consumer.handles(
    "requests.event_request.declined", "requests.event_request.withdrawn", "requests.event_request.expired"
)(holds.release_request)
consumer.handles("requests.event.scheduled")(holds.book_scheduled)
consumer.handles("requests.event.rescheduled")(holds.move_event)
consumer.handles("requests.event.cancelled")(holds.release_event)
consumer.handles(
    "requests.service.opened", "requests.service.participant_added", "requests.service.participant_removed",
    "requests.service.closed",
)(service_files.project_service)
consumer.handles("requests.settings.updated")(settings.project_request_settings)
