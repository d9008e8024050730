"""Email through SES, sent by the table's stream relay: neither lost nor doubled.

An email cannot be sent inside a DynamoDB transaction, so the transaction that decides one writes an
email item (`EMAIL#<id>`), and this relay sends each new one. A redelivered message never writes a second
item (the consumer's inbox marker refuses it), a send that fails is retried by the stream (the batch
reports it and Lambda restarts there), and an item already marked `sent_at` (a retried batch) is not sent
again. What remains is the moment between SES accepting an email and the mark: a crash there sends it twice.

Every email leaves as MIME (`SendRawEmail`): its text, and the calendar file when it carries one (a
confirmation, a change or a cancellation) as a `text/calendar` attachment, `appointment.ics`.
"""

from __future__ import annotations

import logging
import os

from portalkit import aws, clock
from portalkit.relay import handle_stream_batch

from .models import get_email, image_key, image_pk, is_email, mark_email_sent

log = logging.getLogger("messaging.emails")

DEFAULT_SENDER = "notifications@portal.example"  # the SES identity infra/declaration.py verifies
CALENDAR_FILENAME = "appointment.ics"


def sender() -> str:
    return os.environ.get("SENDER_EMAIL") or DEFAULT_SENDER


def handle_stream(batch: dict) -> dict:
    """The table's stream: publish new outbox items, then send new emails, in order, up to the first failure."""
    records = batch.get("Records", [])
    failed = [f["itemIdentifier"] for f in handle_stream_batch(batch)["batchItemFailures"]]
    stop = min((int(s) for s in failed), default=None)
    for record in records:
        sequence = int(record["dynamodb"]["SequenceNumber"])
        if stop is not None and sequence >= stop:
            break
        if not _is_new_email(record):
            continue
        try:
            send(record["dynamodb"]["NewImage"])
        except Exception:
            log.exception("email %s failed; the stream will retry it", image_pk(record["dynamodb"]["Keys"]))
            stop = sequence
            break
    if stop is None:
        return {"batchItemFailures": []}
    # Lambda restarts the shard at the lowest failed sequence number: that record and everything after it.
    return {"batchItemFailures": [{"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in records
                                  if int(r["dynamodb"]["SequenceNumber"]) >= stop]}


def _is_new_email(record: dict) -> bool:
    if record.get("eventName") != "INSERT":
        return False
    return is_email(record["dynamodb"].get("NewImage", {}))


def send(image: dict) -> None:
    """Send one email item unless it was sent already, then mark it sent."""
    key = image_key(image)
    item = get_email(key)
    if item is None:
        log.warning("email %s is gone (expired?); not sent", key[0])
        return
    if item.sent_at is not None:
        return
    response = aws.client("ses").send_raw_email(
        Source=sender(), RawMessage={"Data": mime(sender(), item.to, item.subject, item.body, item.calendar_file)})
    if not mark_email_sent(item, clock.now_iso(), response["MessageId"]):
        log.warning("email %s was marked sent by another delivery meanwhile", key[0])


def mime(source: str, to: str, subject: str, body: str, calendar_file: str | None = None) -> bytes:
    """The email as SES sends it: plain text, and the calendar file attached (RFC 6047's text/calendar)."""
    from email import policy  # imported when an email is sent, not at every cold start
    from email.message import EmailMessage

    message = EmailMessage(policy=policy.SMTP)  # CRLF line ends, as SMTP has them
    message["From"], message["To"], message["Subject"] = source, to, subject
    message.set_content(body, cte="quoted-printable")  # 7-bit on the wire, as SES asks of raw emails
    if calendar_file:
        message.add_attachment(calendar_file, subtype="calendar", filename=CALENDAR_FILENAME, cte="quoted-printable",
                               params={"method": "PUBLISH"})
    return message.as_bytes()
