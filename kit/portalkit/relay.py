"""The outbox relay: a DynamoDB-stream handler that publishes new outbox items to the EventBridge bus.

Only INSERTs of outbox items are relayed. `PutEvents` takes at most 10 entries a call; entries it
reports as failed are retried a few times, then their stream records are reported as failed
(`batchItemFailures`), so Lambda retries from the first of them and nothing is lost. Duplicates
that this may cause are harmless: consumers are idempotent by `event_id`.
"""

from __future__ import annotations

import logging

from portalkit import aws, clock
from portalkit.envelope import from_json
from portalkit.settings import get_settings
from portalkit.store import OUTBOX_PREFIX

log = logging.getLogger("portalkit.relay")

MAX_ENTRIES = 10
ATTEMPTS = 3
BACKOFF_SECONDS = 0.05


def outbox_entries(records: list[dict]) -> list[tuple[str, dict]]:
    """(sequence number, PutEvents entry) for each new outbox item in the stream records."""
    bus = get_settings().bus_name
    entries = []
    for record in records:
        if record.get("eventName") != "INSERT":
            continue
        image = record["dynamodb"].get("NewImage") or {}
        if not image.get("pk", {}).get("S", "").startswith(OUTBOX_PREFIX):
            continue
        text = image["envelope"]["S"]
        envelope = from_json(text)
        entries.append(
            (
                record["dynamodb"]["SequenceNumber"],
                {
                    "EventBusName": bus,
                    "Source": f"portal.{envelope.producer}",
                    "DetailType": envelope.event_type,
                    "Detail": text,
                    # The bus's time of the message is when it occurred, so a replay's window (`make replay`) is too.
                    "Time": envelope.occurred_at,
                },
            )
        )
    return entries


def put_events(entries: list[dict]) -> list[int]:
    """Publish entries (at most 10); returns the positions of those that still failed after retries."""
    pending = list(range(len(entries)))
    for attempt in range(ATTEMPTS):
        if attempt:
            clock.sleep(BACKOFF_SECONDS * 2**attempt)
        try:
            response = aws.client("events").put_events(Entries=[entries[i] for i in pending])
        except Exception:
            log.exception("PutEvents failed (attempt %d)", attempt + 1)
            continue
        if not response.get("FailedEntryCount"):
            return []
        results = response["Entries"]
        pending = [i for i, result in zip(pending, results, strict=True) if result.get("ErrorCode")]
        log.warning("PutEvents rejected %d entries (attempt %d)", len(pending), attempt + 1)
    return pending


def handle_stream_batch(batch: dict) -> dict:
    """Lambda handler body for the table's stream (configure ReportBatchItemFailures)."""
    entries = outbox_entries(batch.get("Records", []))
    for start in range(0, len(entries), MAX_ENTRIES):
        chunk = entries[start : start + MAX_ENTRIES]
        failed = put_events([entry for _, entry in chunk])
        if failed:
            # Lambda restarts the shard at the first failed record: report it and everything after
            # it that this call did not publish. Later chunks are not attempted, to keep order.
            first = min(failed)
            remaining = [seq for seq, _ in chunk[first:]] + [seq for seq, _ in entries[start + MAX_ENTRIES :]]
            log.error("relay: %d outbox records left for retry", len(remaining))
            return {"batchItemFailures": [{"itemIdentifier": seq} for seq in remaining]}
    return {"batchItemFailures": []}
