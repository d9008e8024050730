"""The availability table: key helpers and item classes (the only module that knows PynamoDB)."""

from __future__ import annotations

from portalkit.store import table_meta

META = table_meta("availability")
