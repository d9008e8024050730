"""Consumers of bus messages: SQS records (from EventBridge) in, one handler per message type, exactly-once effect.

("Event" is the agency's word for an appointment; what travels on the bus is a message, in an envelope whose wire
fields keep DESIGN.md's names: `event_id`, `event_type`, `event_version`. See docs/adr.)

A handler `handler(message, tx)` loads what it needs, decides, and adds its writes to `tx`; the kit
adds the inbox marker (keyed by `event_id`, condition: not there yet) to the same transaction and
commits. A redelivered message fails only the marker's condition and is acknowledged as a duplicate.
Failed records are returned as `batchItemFailures` (configure ReportBatchItemFailures), so SQS
retries just those and moves a poison message to the DLQ after the queue's maxReceiveCount.

SQS does not keep why a message failed, so each failure also leaves a note in the service's own table, keyed by
the message's `event_id` (`FAILED#<event_id>`, or SQS's message id when the body is no envelope): the error's class
and message, how many deliveries failed, when the first and last did. `make dlq` shows it beside each message of the
DLQ. A note holds nothing of the message beyond its id, and the error's message (its first line, cut at 300
characters): a consumer's exceptions must not carry personal data they loaded from the table.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from portalkit import clock
from portalkit.envelope import Envelope, InvalidEnvelope, UnknownMessageVersion, from_eventbridge_message
from portalkit.store import TableModel, Transaction, TransactionCancelled, lost_race, table_meta

log = logging.getLogger("portalkit.consumer")

Handler = Callable[[Envelope, Transaction], None]
APPLIED, DUPLICATE, IGNORED = "applied", "duplicate", "ignored"
CONFLICT_ATTEMPTS = 3
FAILURE_PREFIX = "FAILED#"
# As long as a DLQ keeps a message (infra.declaration Queue.dlq_retention_seconds; SQS counts from the first send).
FAILURE_NOTE_TTL_SECONDS = 14 * 24 * 3600
ERROR_MESSAGE_LIMIT = 300


class _FailureNote(TableModel):
    pk = UnicodeAttribute(hash_key=True)  # FAILED#<event_id>, or FAILED#message:<SQS message id>
    sk = UnicodeAttribute(range_key=True)  # FAILED
    error = UnicodeAttribute()  # the exception's class
    message = UnicodeAttribute()
    attempts = NumberAttribute()
    first_failed_at = NumberAttribute()  # epoch seconds (portalkit.clock)
    last_failed_at = NumberAttribute()
    expires_at = NumberAttribute()


@cache
def failure_notes(service: str) -> type[_FailureNote]:
    """The failure note class bound to a service's table."""
    return type("FailureNote", (_FailureNote,), {"Meta": table_meta(service), "__module__": __name__})


def failure_key(event_id: str | None, message_id: str | None) -> str:
    """The note's key: the message's event_id, or (for a body that is no envelope) SQS's message id (a DLQ keeps it)."""
    return FAILURE_PREFIX + (event_id if event_id else f"message:{message_id}")


def error_text(error: BaseException) -> str:
    """The error's message, first line only and cut short: enough to know why, not a dump of what it held."""
    lines = str(error).strip().splitlines()
    text = lines[0] if lines else ""
    return text if len(text) <= ERROR_MESSAGE_LIMIT else text[: ERROR_MESSAGE_LIMIT - 3] + "..."


class Consumer:
    def __init__(self, service: str):
        self.service = service
        self.handlers: dict[tuple[str, int], Handler] = {}

    def handles(self, *message_types: str, versions: tuple[int, ...] = (1,)):
        """Register a handler for these message types, in each of the versions it can parse."""

        def register(handler: Handler) -> Handler:
            for message_type in message_types:
                for version in versions:
                    self.handlers[(message_type, version)] = handler
            return handler

        return register

    @property
    def message_types(self) -> set[str]:
        return {message_type for message_type, _ in self.handlers}

    def handle_batch(self, batch: dict) -> dict:
        """Lambda handler body for an SQS event source (Lambda's payload: a batch of SQS records)."""
        failures = []
        for record in batch.get("Records", []):
            try:
                self.handle_message(record["body"])
            except Exception as error:
                log.exception("%s: message %s failed", self.service, record.get("messageId"))
                failures.append({"itemIdentifier": record["messageId"]})
                self.note_failure(record, error)
        return {"batchItemFailures": failures}

    def note_failure(self, record: dict, error: Exception) -> None:
        """Keep why a message failed (for `make dlq`); a note that cannot be written is logged, never raised."""
        try:
            event_id = from_eventbridge_message(record["body"]).event_id
        except (InvalidEnvelope, KeyError, TypeError):
            event_id = None
        now = clock.now()
        try:
            note = failure_notes(self.service)
            note(failure_key(event_id, record.get("messageId")), "FAILED").update(actions=[
                note.error.set(type(error).__name__),
                note.message.set(error_text(error) or "-"),
                note.attempts.add(1),
                note.first_failed_at.set(note.first_failed_at | now),
                note.last_failed_at.set(now),
                note.expires_at.set(now + FAILURE_NOTE_TTL_SECONDS),
            ])
        except Exception:
            log.exception("%s: could not note the failure of message %s", self.service, record.get("messageId"))

    def handle_message(self, body: str) -> str:
        message = from_eventbridge_message(body)
        handler = self.handlers.get((message.event_type, message.event_version))
        if handler is None:
            if message.event_type in self.message_types:
                accepted = sorted(v for t, v in self.handlers if t == message.event_type)
                raise UnknownMessageVersion(
                    f"{self.service} accepts {message.event_type} in versions {accepted}, "
                    f"not {message.event_version}"
                )
            log.warning("%s: no handler for %s; acknowledged", self.service, message.event_type)
            return IGNORED
        return self.apply(message, handler)

    def apply(self, message: Envelope, handler: Handler) -> str:
        """Load, decide, commit; when one of the handler's own conditions loses a race, decide again at once."""
        for attempt in range(1, CONFLICT_ATTEMPTS + 1):
            tx, marker = Transaction(self.service), None
            try:
                with tx:
                    handler(message, tx)
                    marker = tx.mark_consumed(message)
            except TransactionCancelled as error:
                if marker is not None and tx.condition_failed(error, marker):
                    log.info("%s: %s %s already applied", self.service, message.event_type, message.event_id)
                    return DUPLICATE
                if attempt < CONFLICT_ATTEMPTS and lost_race(error):
                    log.info("%s: %s %s lost a race; deciding again", self.service, message.event_type,
                             message.event_id)
                    continue
                raise
            log.info("%s: applied %s %s", self.service, message.event_type, message.event_id)
            return APPLIED
        raise AssertionError("unreachable")

