"""Queue messages as an EventBridge rule delivers them, for handing a message straight to a consumer."""

from __future__ import annotations

import json

from portalkit.envelope import Envelope, new_message, to_json


def queue_message(message: Envelope) -> str:
    """The SQS message body a rule writes for a message: its type as `detail-type`, its envelope as `detail`."""
    return json.dumps({"detail-type": message.event_type, "detail": json.loads(to_json(message))})


def new_queue_message(event_type: str, **fields) -> str:
    """The queue body of a new message; `fields` as `envelope.new_message` takes them (agency_id, data...)."""
    return queue_message(new_message(event_type, **fields))
