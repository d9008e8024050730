"""Messages the requests service consumes: availability's answers in the event-request saga, and its settings."""

from __future__ import annotations

from portalkit.consumer import Consumer

from . import agency_zone, event_requests

consumer = Consumer("requests")

consumer.handles("availability.slot.held")(event_requests.on_held)
consumer.handles("availability.slot.unavailable")(event_requests.on_unavailable)
consumer.handles("availability.slot.released")(event_requests.on_released)
consumer.handles("availability.settings.updated")(agency_zone.record_agency_zone)
