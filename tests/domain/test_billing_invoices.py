"""Billing's invoices in money: totals, credit applied at issue, payments held and settled, refunds, voids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.billing import domain
from chalicelib.billing.domain import Invoice, Movement

amounts = st.integers(min_value=1, max_value=domain.MAX_AMOUNT)


def test_an_invoice_totals_its_lines_up_to_the_largest_amount():
    draft = domain.Draft(client_id="c1", lines=(("Session", 8000), ("Materials", 1250)))
    assert draft.total == domain.check_total(amount for _, amount in draft.lines) == 9250
    assert domain.check_total([domain.MAX_AMOUNT - 1, 1]) == domain.MAX_AMOUNT
    with pytest.raises(domain.TotalTooLarge) as refused:
        domain.check_total([domain.MAX_AMOUNT, 1])
    assert (refused.value.status, refused.value.code, refused.value.field) == (400, "invalid_field", "lines")


def test_invoices_are_numbered_in_turn_with_six_digits():
    assert [domain.format_number(n) for n in (1, 42, 1_000_000)] == ["INV-000001", "INV-000042", "INV-1000000"]


def test_an_invoice_issued_without_credit_is_open_for_its_total():
    invoice, entries = domain.issue(9250, available_credit=0)
    assert (invoice, invoice.status, invoice.payable) == (Invoice(total=9250, balance=9250), domain.OPEN, 9250)
    assert entries == [Movement(domain.INVOICE, 9250, 9250)]


def test_available_credit_pays_what_it_can_of_a_new_invoice_at_once():
    invoice, entries = domain.issue(9250, available_credit=2000)
    assert (invoice.balance, invoice.credited, invoice.status) == (7250, 2000, domain.PARTIALLY_PAID)
    assert entries == [Movement(domain.INVOICE, 9250, 9250), Movement(domain.CREDIT_APPLIED, 0, -2000)]
    paid, entries = domain.issue(9250, available_credit=20000)
    assert (paid.balance, paid.credited, paid.status) == (0, 9250, domain.PAID)
    assert entries[1] == Movement(domain.CREDIT_APPLIED, 0, -9250)  # the rest of the credit stays available


@given(total=amounts, credit=st.integers(min_value=0, max_value=2 * domain.MAX_AMOUNT))
def test_at_issue_what_credit_paid_and_what_is_left_make_the_total(total, credit):
    invoice, entries = domain.issue(total, credit)
    assert invoice.balance + invoice.credited == total and 0 <= invoice.credited <= credit
    assert sum(e.invoice_amount for e in entries) == invoice.balance
    assert sum(e.amount for e in entries) == total  # the account owes the total; credit it had pays part


def test_a_payment_takes_the_balance_down_to_paid():
    invoice = Invoice(total=5000, balance=5000)
    part, entry = domain.settle(invoice, 3000, held=False)
    assert (part.balance, part.paid, part.status, entry) == (2000, 3000, domain.PARTIALLY_PAID,
                                                             Movement(domain.PAYMENT, -3000, -3000))
    full, _ = domain.settle(part, 2000, held=False)
    assert (full.balance, full.paid, full.status) == (0, 5000, domain.PAID)


@pytest.mark.parametrize(("invoice", "amount", "error", "message"), [
    (Invoice(total=5000, balance=2000), 2001, domain.AmountExceedsBalance,
     "amount is more than the invoice's balance of 2000."),
    (Invoice(total=5000, balance=0, paid=5000), 1, domain.AmountExceedsBalance, "The invoice is paid in full."),
    (Invoice(total=5000, balance=5000, pending=4000), 1001, domain.AmountExceedsBalance,
     "amount is more than the invoice's balance of 1000 (4000 is being paid already)."),
    (Invoice(total=5000, balance=0, voided=True), 1, domain.InvoiceVoid, "The invoice is void."),
])
def test_a_payment_of_more_than_the_invoice_still_needs_is_refused(invoice, amount, error, message):
    for attempt in (lambda: domain.settle(invoice, amount, held=False), lambda: domain.hold(invoice, amount)):
        with pytest.raises(error) as refused:
            attempt()
        assert refused.value.message == message


def test_a_payment_with_the_provider_holds_its_amount_until_it_settles_or_fails():
    held = domain.hold(Invoice(total=5000, balance=5000), 3000)
    assert (held.balance, held.pending, held.payable, held.status) == (5000, 3000, 2000, domain.OPEN)
    settled, entry = domain.settle(held, 3000, held=True)  # its hold kept others out: it always fits
    assert (settled.balance, settled.pending, settled.paid, entry.amount) == (2000, 0, 3000, -3000)
    declined = domain.release(held, 3000)
    assert (declined.balance, declined.pending, declined.payable) == (5000, 0, 5000)


def test_a_refund_makes_the_invoice_owed_again_by_that_much():
    invoice, entry = domain.refund(Invoice(total=5000, balance=0, paid=5000), 1500)
    assert (invoice.balance, invoice.paid, invoice.status) == (1500, 3500, domain.PARTIALLY_PAID)
    assert entry == Movement(domain.REFUND, 1500, 1500)


def test_a_void_reverses_the_invoice_and_frees_the_credit_applied_to_it():
    invoice, entry = domain.void(Invoice(total=5000, balance=3000, credited=2000))
    assert (invoice.balance, invoice.status, invoice.payable) == (0, domain.VOID, 0)
    assert entry == Movement(domain.VOID, -5000, -3000)
    assert domain.Balances().moved(entry).credit == 2000  # the credit it had used is available again


@pytest.mark.parametrize(("invoice", "error", "code"), [
    (Invoice(total=5000, balance=0, voided=True), domain.InvoiceVoid, "invoice_void"),
    (Invoice(total=5000, balance=4000, paid=1000), domain.InvoiceHasPayments, "invoice_paid"),
    (Invoice(total=5000, balance=5000, pending=1000), domain.PaymentPending, "payment_pending"),
])
def test_only_an_unpaid_invoice_with_no_payment_under_way_can_be_voided(invoice, error, code):
    with pytest.raises(error) as refused:
        domain.void(invoice)
    assert (refused.value.status, refused.value.code) == (409, code)


def test_a_refunded_invoice_can_be_voided_again():
    refunded, _ = domain.refund(Invoice(total=5000, balance=0, paid=5000), 5000)
    invoice, entry = domain.void(refunded)
    assert (invoice.status, entry) == (domain.VOID, Movement(domain.VOID, -5000, -5000))
