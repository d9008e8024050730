"""Events the billing service consumes (see infra/declaration.py CONSUMES for what its rule routes here)."""

from __future__ import annotations

from portalkit.consumer import Consumer

consumer = Consumer("billing")
