"""Billing's rules for events' outcomes: which fee an outcome costs which client, and what a charge then does
(keep, void the old invoice, invoice an amount) for each kind of outcome and cancellation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@pytest.mark.parametrize(("event_type", "data", "fees"), [
    pytest.param("requests.event.attended", {**EVENT, "client_ids": []}, {}, id="an-event-with-no-client"),
    pytest.param("requests.event.attended", {**EVENT, "client_ids": ["c1", "", None, 7]}, {"c1": SESSION},
                 id="only-ids-are-clients"),
    pytest.param("requests.event.cancelled",
                 {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c2", "requested_by": "c1", "late_fee": True},
                 {"c1": None, "c2": LATE}, id="the-client-who-cancelled-pays-not-the-one-who-asked-for-the-event"),
    pytest.param("requests.event.cancelled",
                 {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c9", "late_fee": True},
                 {"c1": None, "c2": None}, id="a-canceller-not-on-the-event-charges-none-of-its-clients"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "late_fee": True},
                 {"c1": None, "c2": None}, id="a-clients-late-cancellation-naming-no-one-charges-no-one"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "availability", "late_fee": False},
                 {"c1": None, "c2": None}, id="the-workers-availability-removed"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c1",
                                              "late_fee": "yes"},
                 {"c1": None, "c2": None}, id="only-a-true-late-fee-is-owed"),
    pytest.param("requests.event.cancelled", {**EVENT, "late": False}, {"c1": None, "c2": None},
                 id="an-old-event-cancelled-in-time-by-nobody-named"),
    pytest.param("requests.event.attendee_left", {**EVENT, "client_ids": ["c1"]}, {},
                 id="a-leave-naming-no-one-decides-nothing"),
    pytest.param("requests.event.attendee_left", {**EVENT, "client_ids": ["c1"], "client_id": "c2"}, {"c2": None},
                 id="a-leave-without-a-late-fee-costs-nothing"),
    pytest.param("requests.event.rescheduled", EVENT, {}, id="a-moved-event-costs-nothing-yet"),
])
def test_an_outcome_charges_no_one_it_cannot_name_as_the_one_who_owes(event_type, data, fees):
    assert domain.fees_for_outcome(event_type, data) == fees


@st.composite
def outcome_events(draw):
    kind = draw(st.sampled_from(["attended", "no_show", "cancelled", "attendee_left", "scheduled"]))
    people = st.sampled_from(["c1", "c2", "c3", "w1", "a1"])
    data = {"event_id": "e1", "client_ids": draw(st.lists(people, max_size=4))}
    for name, values in (("late", st.booleans()), ("late_fee", st.booleans()), ("client_id", people),
                         ("cancelled_by", st.sampled_from(["admin", "availability", "client", "worker"])),
                         ("cancelled_by_id", people), ("requested_by", people)):
        if draw(st.booleans()):
            data[name] = draw(values)
    return f"requests.event.{kind}", data


@given(outcome_events())
def test_an_outcome_decides_only_its_own_clients_charges_and_one_kind_of_fee(event):
    event_type, data = event
    fees = domain.fees_for_outcome(event_type, data)
    named = set(data["client_ids"]) | ({data.get("client_id")} if event_type.endswith("attendee_left") else set())
    assert set(fees) <= named
    assert set(fees.values()) <= {None, *domain.FEE_KINDS}
    if event_type.endswith(("cancelled", "attendee_left")):
        assert set(fees.values()) <= {None, LATE}  # a cancellation never costs a session or a no-show
    if event_type.endswith("cancelled") and data.get("cancelled_by") == "worker" and "late_fee" not in data:
        assert set(fees.values()) <= {None}  # never the worker's doing


@pytest.mark.parametrize(("previous", "invoice", "fee", "decided"), [
    pytest.param(LATE, UNPAID, SESSION, (SESSION, None, True, 8000, False),
                 id="a-late-cancellation-undone-and-attended-after-all"),
    pytest.param(SESSION, UNPAID, NO_SHOW, (NO_SHOW, None, True, 4000, False), id="attended-corrected-to-no-show"),
    pytest.param(SESSION, UNPAID, LATE, (LATE, None, True, 2500, False),
                 id="attended-corrected-to-a-late-cancellation"),
    pytest.param(SESSION, domain.Invoice(total=4000, balance=0, paid=4000), NO_SHOW,
                 (SESSION, "inv-1", False, None, True), id="a-paid-invoice-stands-staff-decide"),
    pytest.param(SESSION, domain.Invoice(total=4000, balance=2000, paid=1000, credited=1000), NO_SHOW,
                 (SESSION, "inv-1", False, None, True), id="paid-partly-by-credit-and-partly-by-card-stands"),
    pytest.param(NO_SHOW, PART_PAID, NO_SHOW, (NO_SHOW, "inv-1", False, None, False),
                 id="the-same-fee-with-payments-is-no-dispute"),
    pytest.param(None, None, None, (None, None, False, None, False), id="nothing-then-nothing-again"),
    pytest.param(SESSION, None, SESSION, (SESSION, None, False, None, False),
                 id="a-fee-first-unset-is-not-invoiced-later-by-a-redelivered-outcome"),
])
def test_a_newer_outcome_replaces_the_old_charge_unless_it_costs_the_same_or_was_paid(previous, invoice, fee,
                                                                                      decided):
    charge = domain.Charge(fee=previous, invoice_id="inv-1" if invoice else None, version=2)
    decision = domain.decide_charge(charge, invoice, fee, FEES)
    assert (decision.fee, decision.invoice_id, decision.void, decision.amount, decision.disputed) == decided


def test_a_newer_outcome_whose_fee_the_schedule_lacks_voids_the_old_invoice_and_invoices_nothing():
    decision = domain.decide_charge(*previously(SESSION, UNPAID), NO_SHOW, domain.Fees(event_fee=8000))
    assert (decision.fee, decision.void, decision.amount) == (NO_SHOW, True, None)


def test_a_corrected_outcome_keeps_an_invoice_a_card_payment_is_holding_for_staff_to_decide():
    """Voiding it is refused (payment_pending) and the payment may yet succeed: as for a paid invoice, it stands."""
    held = domain.Invoice(total=4000, balance=4000, pending=4000)  # the client is paying it by card right now
    decision = domain.decide_charge(*previously(NO_SHOW, held), SESSION, FEES)
    assert (decision.fee, decision.invoice_id, decision.void, decision.amount, decision.disputed) == \
        (NO_SHOW, "inv-1", False, None, True)
    partly = domain.Invoice(total=4000, balance=4000, pending=1000)  # a part of it
    assert domain.decide_charge(*previously(NO_SHOW, partly), SESSION, FEES).void is False


@pytest.mark.parametrize(("data", "day"), [
    pytest.param({"local_start": "2026-03-08T01:30:00-05:00", "start": "2026-03-08T06:30:00Z"}, "2026-03-08",
                 id="before-the-spring-forward-in-new-york"),
    pytest.param({"local_start": "2026-03-08T03:30:00-04:00", "start": "2026-03-08T07:30:00Z"}, "2026-03-08",
                 id="after-the-spring-forward-in-new-york"),
    pytest.param({"local_start": "2026-11-01T01:30:00-04:00", "start": "2026-11-01T05:30:00Z"}, "2026-11-01",
                 id="the-first-half-past-one-of-the-fall-back-day"),
    pytest.param({"local_start": "2026-11-01T01:30:00-05:00", "start": "2026-11-01T06:30:00Z"}, "2026-11-01",
                 id="the-second-half-past-one-of-the-fall-back-day"),
    pytest.param({"local_start": "2026-11-01T23:30:00-08:00", "start": "2026-11-02T07:30:00Z"}, "2026-11-01",
                 id="an-evening-in-los-angeles-is-tomorrow-in-utc"),
    pytest.param({"local_start": "2026-11-26T08:00:00+13:00", "start": "2026-11-25T19:00:00Z"}, "2026-11-26",
                 id="a-morning-in-auckland-is-yesterday-in-utc"),
])
def test_an_event_invoice_line_names_the_day_on_the_sites_clock_through_dst_and_across_utc_midnight(data, day):
    assert domain.charge_line(SESSION, "Counselling", data) == f"Session: Counselling, {day}"
