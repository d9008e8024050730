"""Events the requests service consumes: availability's answers in the event-request saga, and its settings."""

from __future__ import annotations

from portalkit.consumer import Consumer

from . import handlers, saga

consumer = Consumer("requests")

consumer.handles("availability.slot.held")(saga.on_held)
consumer.handles("availability.slot.unavailable")(saga.on_unavailable)
consumer.handles("availability.slot.released")(saga.on_released)
consumer.handles("availability.settings.updated")(handlers.record_agency_zone)
