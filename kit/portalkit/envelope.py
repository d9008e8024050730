"""The one envelope every bus message travels in; the only module that knows its wire format.

Its wire fields keep DESIGN.md's names (`event_id`, `event_type`, `event_version`; EventBridge's detail-type is the
`event_type`): they are the contract between services and with messages already queued. In code and docs the thing is
a message; "event" is the agency's word for an appointment."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from portalkit import clock

EVENT_TYPE = re.compile(r"^[a-z]+(\.[a-z_]+){2}$")
REQUIRED = (
    "event_id", "event_type", "event_version", "occurred_at", "agency_id",
    "subject_id", "subject_version", "data",
)


class InvalidEnvelope(ValueError):
    """A body that is not a message envelope; retrying cannot help."""


class UnknownMessageVersion(InvalidEnvelope):
    """A message version this consumer does not accept."""


@dataclass(frozen=True)
class Envelope:
    event_id: str
    event_type: str
    event_version: int
    occurred_at: str
    agency_id: str
    subject_id: str
    subject_version: int
    data: dict
    correlation_id: str | None = None
    causation_id: str | None = None
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def producer(self) -> str:
        """The service that published it: the first part of the type."""
        return self.event_type.split(".", 1)[0]


def now_rfc3339() -> str:
    """The clock's instant as RFC 3339 UTC with milliseconds: a message's `occurred_at`."""
    stamp = datetime.fromtimestamp(clock.now_ns() // 10**6 / 1000, UTC)
    return stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_message(
    event_type: str,
    *,
    agency_id: str,
    subject_id: str,
    subject_version: int,
    data: dict,
    version: int = 1,
    cause: Envelope | None = None,
    correlation_id: str | None = None,
) -> Envelope:
    """A new message; `cause` (the message being handled) carries the correlation on."""
    if not EVENT_TYPE.fullmatch(event_type):
        raise ValueError(f"event_type {event_type!r} is not <service>.<entity>.<past_tense_verb>")
    event_id = str(uuid.uuid4())
    return Envelope(
        event_id=event_id,
        event_type=event_type,
        event_version=version,
        occurred_at=now_rfc3339(),
        agency_id=agency_id,
        subject_id=subject_id,
        subject_version=subject_version,
        data=data,
        correlation_id=(cause.correlation_id if cause else None) or correlation_id or event_id,
        causation_id=cause.event_id if cause else None,
    )


def to_json(envelope: Envelope) -> str:
    value = asdict(envelope)
    extra = value.pop("extra")
    return json.dumps({**extra, **value}, separators=(",", ":"), sort_keys=True)


def from_dict(value) -> Envelope:
    if not isinstance(value, dict):
        raise InvalidEnvelope("an envelope is a JSON object")
    missing = [name for name in REQUIRED if name not in value]
    if missing:
        raise InvalidEnvelope(f"envelope lacks {', '.join(missing)}")
    if not isinstance(value["event_type"], str) or not EVENT_TYPE.fullmatch(value["event_type"]):
        raise InvalidEnvelope(f"bad event_type {value['event_type']!r}")
    for name in ("event_version", "subject_version"):
        if isinstance(value[name], bool) or not isinstance(value[name], int) or value[name] < 0:
            raise InvalidEnvelope(f"{name} must be a non-negative integer")
    for name in ("event_id", "agency_id", "subject_id", "occurred_at"):
        if not isinstance(value[name], str) or not value[name]:
            raise InvalidEnvelope(f"{name} must be a non-empty string")
    if not isinstance(value["data"], dict):
        raise InvalidEnvelope("data must be a JSON object")
    known = {f for f in Envelope.__dataclass_fields__ if f != "extra"}
    return Envelope(
        **{k: v for k, v in value.items() if k in known},
        extra={k: v for k, v in value.items() if k not in known},
    )


def from_json(text: str | bytes) -> Envelope:
    try:
        value = json.loads(text)
    except (ValueError, TypeError) as error:
        raise InvalidEnvelope(f"not JSON: {error}") from None
    return from_dict(value)


def from_eventbridge_message(body: str) -> Envelope:
    """An SQS message body written by an EventBridge rule: the envelope is its `detail`."""
    try:
        message = json.loads(body)
    except (ValueError, TypeError) as error:
        raise InvalidEnvelope(f"not JSON: {error}") from None
    if not isinstance(message, dict) or "detail" not in message:
        raise InvalidEnvelope("not an EventBridge event (no detail)")
    envelope = from_dict(message["detail"])
    if message.get("detail-type") not in (None, envelope.event_type):
        raise InvalidEnvelope("detail-type does not match the envelope's event_type")
    return envelope
