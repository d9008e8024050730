"""Queue messages as an EventBridge rule delivers them, for handing an event straight to a consumer."""

from __future__ import annotations

import json

from portalkit.envelope import Envelope, new_event, to_json


def queue_message(event: Envelope) -> str:
    """The SQS message body a rule writes for an event: its type as `detail-type`, its envelope as `detail`."""
    return json.dumps({"detail-type": event.event_type, "detail": json.loads(to_json(event))})


def new_message(event_type: str, **fields) -> str:
    """The queue message of a new event; `fields` as `new_event` takes them (agency_id, subject_id, data...)."""
    return queue_message(new_event(event_type, **fields))
