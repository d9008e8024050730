"""Events the requests service consumes. The slot results of the availability saga arrive here."""

from __future__ import annotations

from portalkit.consumer import Consumer

consumer = Consumer("requests")
