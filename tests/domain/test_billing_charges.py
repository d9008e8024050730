"""Billing's rules for events' outcomes: which fee an outcome costs which client, and what a charge then does
(keep, void the old invoice, invoice an amount) for each kind of outcome and cancellation."""

from __future__ import annotations

import pytest

from chalicelib.billing import domain

EVENT = {"event_id": "e1", "client_ids": ["c1", "c2"], "late": True}
LATE, SESSION, NO_SHOW = domain.LATE_CANCEL_FEE, domain.EVENT_FEE, domain.NO_SHOW_FEE
FEES = domain.Fees(event_fee=8000, no_show_fee=4000, late_cancel_fee=2500)


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


def first_charges(event_type: str, data: dict, fees: domain.Fees = FEES) -> dict[str, tuple]:
    """What a first delivery of an outcome does to each client's charge: (invoice kept, void the old, new amount)."""
    decided = {client: domain.decide_charge(None, None, fee, fees)
               for client, fee in domain.fees_for_outcome(event_type, data).items()}
    return {client: (d.invoice_id, d.void, d.amount) for client, d in decided.items()}


@pytest.mark.parametrize(("kind", "event_type", "data", "charges"), [
    ("attended", "requests.event.attended", EVENT, {"c1": (None, False, 8000), "c2": (None, False, 8000)}),
    ("no-show", "requests.event.no_show", EVENT, {"c1": (None, False, 4000), "c2": (None, False, 4000)}),
    ("a client's late cancellation", "requests.event.cancelled",
     {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c2", "late_fee": True},
     {"c1": (None, False, None), "c2": (None, False, 2500)}),
    ("staff charge the late fee", "requests.event.cancelled",
     {**EVENT, "cancelled_by": "admin", "cancelled_by_id": "a1", "late_fee": True},
     {"c1": (None, False, 2500), "c2": (None, False, 2500)}),
    ("the worker's own cancellation", "requests.event.cancelled",
     {**EVENT, "cancelled_by": "worker", "cancelled_by_id": "w1", "late_fee": False},
     {"c1": (None, False, None), "c2": (None, False, None)}),
    ("a cancellation in time", "requests.event.cancelled",
     {**EVENT, "late": False, "cancelled_by": "client", "cancelled_by_id": "c1", "late_fee": False},
     {"c1": (None, False, None), "c2": (None, False, None)}),
])
def test_a_first_outcome_invoices_each_client_the_fee_it_calls_for(kind, event_type, data, charges):
    assert first_charges(event_type, data) == charges, kind


def test_an_outcome_whose_fee_the_schedule_leaves_out_invoices_nothing():
    assert first_charges("requests.event.no_show", EVENT, domain.Fees(event_fee=8000)) == {
        "c1": (None, False, None), "c2": (None, False, None)}
    no_fee = domain.fee_schedule(event_fee=8000, no_show_fee=0, late_cancel_fee=None)
    assert first_charges("requests.event.no_show", EVENT, no_fee)["c1"] == (None, False, None)


def previously(fee: str | None, invoice: domain.Invoice | None, version: int = 2) -> tuple:
    return domain.Charge(fee=fee, invoice_id="inv-1" if invoice else None, version=version), invoice


UNPAID = domain.Invoice(total=4000, balance=4000)
PART_PAID = domain.Invoice(total=4000, balance=1000, paid=3000)
CREDITED = domain.Invoice(total=4000, balance=0, credited=4000)
VOIDED = domain.Invoice(total=4000, balance=0, voided=True)


def test_a_no_show_corrected_to_attended_voids_the_unpaid_no_show_invoice_and_invoices_the_session():
    decision = domain.decide_charge(*previously(NO_SHOW, UNPAID), SESSION, FEES)
    assert (decision.fee, decision.invoice_id, decision.void, decision.amount, decision.disputed) == (
        SESSION, None, True, 8000, False)


def test_an_invoice_paid_by_credit_alone_is_voided_too_its_credit_becoming_available_again():
    decision = domain.decide_charge(*previously(NO_SHOW, CREDITED), SESSION, FEES)
    assert (decision.void, decision.amount) == (True, 8000)


def test_a_newer_outcome_that_costs_nothing_voids_the_old_invoice_and_invoices_nothing():
    decision = domain.decide_charge(*previously(LATE, UNPAID), None, FEES)
    assert (decision.fee, decision.invoice_id, decision.void, decision.amount) == (None, None, True, None)


def test_the_same_fee_at_a_newer_version_keeps_its_invoice_and_invoices_nothing_more():
    decision = domain.decide_charge(*previously(SESSION, UNPAID), SESSION, FEES)
    assert (decision.fee, decision.invoice_id, decision.void, decision.amount, decision.disputed) == (
        SESSION, "inv-1", False, None, False)


def test_a_changed_outcome_leaves_an_invoice_with_payments_to_staff():
    decision = domain.decide_charge(*previously(NO_SHOW, PART_PAID), SESSION, FEES)
    assert (decision.fee, decision.invoice_id, decision.void, decision.amount, decision.disputed) == (
        NO_SHOW, "inv-1", False, None, True)


def test_an_invoice_staff_voided_is_not_voided_again_when_the_outcome_changes():
    decision = domain.decide_charge(*previously(NO_SHOW, VOIDED), SESSION, FEES)
    assert (decision.void, decision.amount) == (False, 8000)
    same = domain.decide_charge(*previously(NO_SHOW, VOIDED), NO_SHOW, FEES)
    assert (same.invoice_id, same.void, same.amount) == ("inv-1", False, None)  # it stays void: staff's word


def test_a_charge_that_issued_no_invoice_is_simply_replaced():
    decision = domain.decide_charge(*previously(None, None), LATE, FEES)
    assert (decision.fee, decision.void, decision.amount) == (LATE, False, 2500)


@pytest.mark.parametrize(("stored_version", "version", "already"), [(None, 1, False), (2, 1, True), (2, 2, True),
                                                                    (2, 3, False)])
def test_a_redelivery_or_an_older_version_of_the_outcome_changes_nothing(stored_version, version, already):
    charge = None if stored_version is None else domain.Charge(SESSION, "inv-1", stored_version)
    assert domain.charged_already(charge, version) is already


@pytest.mark.parametrize(("data", "line"), [
    ({"local_start": "2026-11-25T23:30:00-05:00", "start": "2026-11-26T04:30:00Z"},
     "Late cancellation: Counselling, 2026-11-25"),  # the day on the site's clock, not in UTC
    ({"start": "2026-11-26T04:30:00Z"}, "Late cancellation: Counselling, 2026-11-26"),
    ({"local_start": "not a time", "start": None}, "Late cancellation: Counselling"),
    ({"local_start": "2026-11-25T10:00:00"}, "Late cancellation: Counselling"),  # no offset: names no instant
])
def test_an_event_invoice_line_says_the_fee_the_service_and_the_event_day(data, line):
    assert domain.charge_line(LATE, "Counselling", data) == line


def test_an_event_invoice_line_for_a_service_billing_has_not_heard_of_says_service():
    assert domain.charge_line(NO_SHOW, None, {}) == "Missed session (no-show): service"
    assert domain.charge_line(SESSION, "Family support", {}) == "Session: Family support"
