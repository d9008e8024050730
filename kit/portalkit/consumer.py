"""Event consumers: SQS messages (EventBridge events) in, one handler per event, exactly-once effect.

A handler `handler(event, tx)` loads what it needs, decides, and adds its writes to `tx`; the kit
adds the inbox marker (keyed by `event_id`, condition: not there yet) to the same transaction and
commits. A redelivered event fails only the marker's condition and is acknowledged as a duplicate.
Failed records are returned as `batchItemFailures` (configure ReportBatchItemFailures), so SQS
retries just those and moves a poison message to the DLQ after the queue's maxReceiveCount.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pynamodb.exceptions import TransactWriteError

from portalkit.envelope import Envelope, UnknownEventVersion, from_eventbridge_message
from portalkit.store import Transaction, failed_conditions

log = logging.getLogger("portalkit.consumer")

Handler = Callable[[Envelope, Transaction], None]
APPLIED, DUPLICATE, IGNORED = "applied", "duplicate", "ignored"
CONFLICT_ATTEMPTS = 3


class Consumer:
    def __init__(self, service: str):
        self.service = service
        self.handlers: dict[tuple[str, int], Handler] = {}

    def handles(self, *event_types: str, versions: tuple[int, ...] = (1,)):
        """Register a handler for these event types, in each of the versions it can parse."""

        def register(handler: Handler) -> Handler:
            for event_type in event_types:
                for version in versions:
                    self.handlers[(event_type, version)] = handler
            return handler

        return register

    @property
    def event_types(self) -> set[str]:
        return {event_type for event_type, _ in self.handlers}

    def handle_batch(self, event: dict) -> dict:
        """Lambda handler body for an SQS event source."""
        failures = []
        for record in event.get("Records", []):
            try:
                self.handle_message(record["body"])
            except Exception:
                log.exception("%s: message %s failed", self.service, record.get("messageId"))
                failures.append({"itemIdentifier": record["messageId"]})
        return {"batchItemFailures": failures}

    def handle_message(self, body: str) -> str:
        event = from_eventbridge_message(body)
        handler = self.handlers.get((event.event_type, event.event_version))
        if handler is None:
            if event.event_type in self.event_types:
                accepted = sorted(v for t, v in self.handlers if t == event.event_type)
                raise UnknownEventVersion(
                    f"{self.service} accepts {event.event_type} in versions {accepted}, "
                    f"not {event.event_version}"
                )
            log.warning("%s: no handler for %s; acknowledged", self.service, event.event_type)
            return IGNORED
        return self.apply(event, handler)

    def apply(self, event: Envelope, handler: Handler) -> str:
        """Load, decide, commit; when one of the handler's own conditions loses a race, decide again at once."""
        for attempt in range(1, CONFLICT_ATTEMPTS + 1):
            tx, marker = Transaction(self.service), None
            try:
                with tx:
                    handler(event, tx)
                    marker = tx.mark_consumed(event)
            except TransactWriteError as error:
                failed = failed_conditions(error)
                if marker is not None and tx.condition_failed(error, marker):
                    log.info("%s: %s %s already applied", self.service, event.event_type, event.event_id)
                    return DUPLICATE
                if attempt < CONFLICT_ATTEMPTS and (any(failed) or _is_conflict(error)):
                    log.info("%s: %s %s lost a race; deciding again", self.service, event.event_type, event.event_id)
                    continue
                raise
            log.info("%s: applied %s %s", self.service, event.event_type, event.event_id)
            return APPLIED
        raise AssertionError("unreachable")


def _is_conflict(error: TransactWriteError) -> bool:
    """Another transaction touched the same items at the same moment (DynamoDB's TransactionConflict)."""
    return any(r and r.code == "TransactionConflict" for r in (error.cancellation_reasons or []))
