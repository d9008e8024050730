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


@pytest.mark.parametrize(("invoice", "status"), [
    pytest.param(Invoice(total=5000, balance=5000), domain.OPEN, id="nothing-paid"),
    pytest.param(Invoice(total=5000, balance=5000, pending=5000), domain.OPEN,
                 id="a-card-payment-with-the-provider-is-not-paid-yet"),
    pytest.param(Invoice(total=5000, balance=4999, paid=1), domain.PARTIALLY_PAID, id="one-cent-paid"),
    pytest.param(Invoice(total=5000, balance=2000, credited=3000), domain.PARTIALLY_PAID, id="part-paid-by-credit"),
    pytest.param(Invoice(total=5000, balance=1, paid=4999), domain.PARTIALLY_PAID, id="one-cent-left"),
    pytest.param(Invoice(total=5000, balance=0, paid=5000), domain.PAID, id="paid-in-full"),
    pytest.param(Invoice(total=5000, balance=0, credited=5000), domain.PAID, id="paid-by-credit-alone"),
    pytest.param(Invoice(total=5000, balance=0, paid=2000, credited=3000), domain.PAID,
                 id="paid-by-credit-and-a-payment"),
    pytest.param(Invoice(total=5000, balance=0, voided=True), domain.VOID, id="voided"),
])
def test_an_invoices_status_follows_what_is_left_to_pay(invoice, status):
    assert invoice.status == status


@pytest.mark.parametrize(("invoice", "payable"), [
    pytest.param(Invoice(total=5000, balance=5000), 5000, id="open-its-whole-balance"),
    pytest.param(Invoice(total=5000, balance=3000, pending=1000), 2000, id="less-what-a-payment-under-way-holds"),
    pytest.param(Invoice(total=5000, balance=3000, pending=3000), 0, id="nothing-while-payments-hold-all-of-it"),
    pytest.param(Invoice(total=5000, balance=0, paid=5000), 0, id="nothing-once-paid"),
    pytest.param(Invoice(total=5000, balance=0, voided=True), 0, id="nothing-once-void"),
])
def test_a_new_payment_may_cover_what_is_left_less_what_payments_under_way_hold(invoice, payable):
    assert invoice.payable == payable


@pytest.mark.parametrize(("invoice", "amount", "after"), [
    pytest.param(Invoice(total=5000, balance=5000), 5000, (0, domain.PAID), id="the-whole-balance"),
    pytest.param(Invoice(total=5000, balance=5000), 1, (4999, domain.PARTIALLY_PAID), id="one-cent"),
    pytest.param(Invoice(total=5000, balance=5000, pending=4000), 1000, (4000, domain.PARTIALLY_PAID),
                 id="exactly-what-a-payment-under-way-leaves"),
    pytest.param(Invoice(total=5000, balance=2000, credited=3000), 2000, (0, domain.PAID),
                 id="the-rest-of-an-invoice-credit-paid-part-of"),
])
def test_an_offline_payment_of_up_to_what_is_left_is_taken(invoice, amount, after):
    paid, entry = domain.settle(invoice, amount, held=False)
    assert ((paid.balance, paid.status), paid.paid, entry) == (after, invoice.paid + amount,
                                                               Movement(domain.PAYMENT, -amount, -amount))


@pytest.mark.parametrize(("invoice", "amount", "pending"), [
    pytest.param(Invoice(total=5000, balance=5000), 5000, 5000, id="the-whole-balance"),
    pytest.param(Invoice(total=5000, balance=5000, pending=3000), 2000, 5000,
                 id="exactly-what-another-payment-under-way-leaves"),
])
def test_a_card_payment_holds_up_to_what_is_left(invoice, amount, pending):
    held = domain.hold(invoice, amount)
    assert (held.pending, held.payable, held.balance) == (pending, 0, invoice.balance)


def test_of_two_payments_under_way_one_settles_and_the_other_still_holds_its_amount():
    both = domain.hold(domain.hold(Invoice(total=5000, balance=5000), 2000), 3000)
    first, _ = domain.settle(both, 2000, held=True)
    assert (first.balance, first.pending, first.payable, first.paid) == (3000, 3000, 0, 2000)
    declined = domain.release(first, 3000)
    assert (declined.balance, declined.pending, declined.payable, declined.status) == (
        3000, 0, 3000, domain.PARTIALLY_PAID)


def test_releasing_a_hold_never_takes_what_is_held_below_nothing():
    assert domain.release(Invoice(total=5000, balance=5000, pending=1000), 3000).pending == 0


@pytest.mark.parametrize(("invoice", "amount", "after"), [
    pytest.param(Invoice(total=5000, balance=0, paid=5000), 5000, (5000, 0, domain.OPEN),
                 id="all-of-it-leaves-the-invoice-open"),
    pytest.param(Invoice(total=5000, balance=0, paid=5000), 1, (1, 4999, domain.PARTIALLY_PAID), id="one-cent"),
    pytest.param(Invoice(total=5000, balance=1000, paid=2000, credited=2000), 2000, (3000, 0, domain.PARTIALLY_PAID),
                 id="the-payments-of-an-invoice-credit-paid-part-of"),
])
def test_a_refund_makes_the_invoice_owed_again_by_what_it_gives_back(invoice, amount, after):
    refunded, entry = domain.refund(invoice, amount)
    assert ((refunded.balance, refunded.paid, refunded.status), entry) == (after, Movement(domain.REFUND, amount,
                                                                                             amount))


@pytest.mark.parametrize(("invoice", "entry"), [
    pytest.param(Invoice(total=5000, balance=5000), Movement(domain.VOID, -5000, -5000), id="unpaid"),
    pytest.param(Invoice(total=5000, balance=0, credited=5000), Movement(domain.VOID, -5000, 0),
                 id="paid-by-credit-alone"),
])
def test_an_invoice_with_no_payment_is_voided_whatever_credit_paid_of_it(invoice, entry):
    voided, move = domain.void(invoice)
    assert (voided.status, voided.balance, move) == (domain.VOID, 0, entry)
    assert domain.Balances().moved(move).credit == invoice.credited  # that credit is available again


@pytest.mark.parametrize("invoice", [
    pytest.param(Invoice(total=5000, balance=0, paid=5000), id="paid-in-full"),
    pytest.param(Invoice(total=5000, balance=1000, paid=2000, credited=2000), id="paid-partly-by-credit"),
    pytest.param(Invoice(total=5000, balance=1000, paid=2000, pending=1000),
                 id="paid-in-part-with-another-payment-under-way"),
])
def test_an_invoice_with_payments_is_refunded_before_it_is_voided(invoice):
    with pytest.raises(domain.InvoiceHasPayments) as refused:
        domain.void(invoice)
    assert (refused.value.code, refused.value.message) == (
        "invoice_paid", "A paid or partly paid invoice cannot be voided; refund its payments first.")


@pytest.mark.parametrize(("credit", "after"), [
    pytest.param(0, (9250, 0, domain.OPEN, 1), id="no-credit"),
    pytest.param(1, (9249, 1, domain.PARTIALLY_PAID, 2), id="a-cent-of-credit"),
    pytest.param(9249, (1, 9249, domain.PARTIALLY_PAID, 2), id="a-cent-short-of-the-total"),
    pytest.param(9250, (0, 9250, domain.PAID, 2), id="exactly-the-total"),
])
def test_credit_available_at_issue_pays_what_it_can(credit, after):
    invoice, entries = domain.issue(9250, credit)
    assert (invoice.balance, invoice.credited, invoice.status, len(entries)) == after


@pytest.mark.parametrize(("n", "number"), [
    pytest.param(999_999, "INV-999999", id="the-last-six-digit-number"),
    pytest.param(1_000_000, "INV-1000000", id="then-seven-digits-never-wrapping"),
])
def test_invoice_numbers_grow_past_six_digits_without_wrapping(n, number):
    assert domain.format_number(n) == number


@pytest.mark.parametrize(("lines", "total"), [
    pytest.param([domain.MAX_AMOUNT], domain.MAX_AMOUNT, id="one-line-of-the-largest-amount"),
    pytest.param([1] * domain.MAX_LINES, domain.MAX_LINES, id="as-many-lines-as-allowed"),
])
def test_an_invoice_of_up_to_the_largest_amount_is_issued(lines, total):
    assert domain.check_total(lines) == total


def test_two_lines_of_the_largest_amount_are_too_much_for_one_invoice():
    with pytest.raises(domain.TotalTooLarge) as refused:
        domain.check_total([domain.MAX_AMOUNT, domain.MAX_AMOUNT])
    assert (refused.value.field, refused.value.message) == (
        "lines", f"An invoice's total must be at most {domain.MAX_AMOUNT}.")
