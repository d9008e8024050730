"""Events the messaging service consumes: who people are, and (later) everything they are told about."""

from __future__ import annotations

from portalkit.consumer import Consumer

from . import handlers

consumer = Consumer("messaging")
consumer.handles("requests.person.registered", "requests.person.updated")(handlers.record_contact)
