"""Billing's pure rules: which fee an event's outcome costs which client."""

from __future__ import annotations

import pytest

from chalicelib.billing import domain

EVENT = {"event_id": "e1", "client_ids": ["c1", "c2"], "late": True}
LATE, SESSION, NO_SHOW = domain.LATE_CANCEL_FEE, domain.EVENT_FEE, domain.NO_SHOW_FEE


@pytest.mark.parametrize(("event_type", "data", "fees"), [
    ("requests.event.attended", EVENT, {"c1": SESSION, "c2": SESSION}),
    ("requests.event.no_show", {**EVENT, "client_ids": ["c2", "c2"]}, {"c2": NO_SHOW}),
    # a late cancellation is the cancelling client's to pay, never the worker's doing
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "worker", "cancelled_by_id": "w1", "late_fee": False},
     {"c1": None, "c2": None}),
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c2", "late_fee": True},
     {"c1": None, "c2": LATE}),
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "requested_by": "c1", "late_fee": True},
     {"c1": LATE, "c2": None}),  # no cancelled_by_id: the requester cancelled for everyone
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c1", "late_fee": False},
     {"c1": None, "c2": None}),
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "admin", "cancelled_by_id": "a1", "late_fee": True},
     {"c1": LATE, "c2": LATE}),  # staff chose to charge it
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "worker", "late_fee": True}, {"c1": LATE, "c2": LATE}),
    # events from before late_fee: late and by a client (which one, they cannot say), or not
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "client"}, {"c1": LATE, "c2": LATE}),
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "worker"}, {"c1": None, "c2": None}),
    ("requests.event.cancelled", {**EVENT, "late": False, "cancelled_by": "client"}, {"c1": None, "c2": None}),
    # an attendee who left decides only their own charge
    ("requests.event.attendee_left", {**EVENT, "client_ids": ["c1"], "client_id": "c2", "late_fee": True},
     {"c2": LATE}),
    ("requests.event.attendee_left", {**EVENT, "client_ids": ["c1"], "client_id": "c2", "late_fee": False},
     {"c2": None}),
    ("requests.event.scheduled", EVENT, {}),
])
def test_each_outcome_costs_each_client_what_their_part_in_it_calls_for(event_type, data, fees):
    assert domain.fees_for_outcome(event_type, data) == fees
