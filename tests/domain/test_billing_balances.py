"""Billing's account balances: what each kind of ledger entry moves, and the credit a transaction spends."""

from __future__ import annotations

import pytest

from chalicelib.billing import domain
from chalicelib.billing.domain import Balances, Movement


@pytest.mark.parametrize(("entry", "after"), [
    (Movement(domain.INVOICE, 9000, 9000), Balances(balance=9000, invoiced=9000)),
    (Movement(domain.VOID, -9000, -6000), Balances(balance=-9000, credit=3000, invoiced=-9000)),
    (Movement(domain.PAYMENT, -4000, -4000), Balances(balance=-4000, paid=4000)),
    (Movement(domain.REFUND, 1500, 1500), Balances(balance=1500, refunded=1500)),
    (Movement(domain.CREDIT, -2500), Balances(balance=-2500, credit=2500, credited=2500)),
    (Movement(domain.CREDIT_APPLIED, 0, -2000), Balances(credit=-2000)),
])
def test_each_entry_moves_the_balance_by_its_amount_and_available_credit_by_what_it_moved_beyond_it(entry, after):
    assert Balances().moved(entry) == after


def test_the_balance_is_what_invoices_still_need_less_the_credit_not_yet_applied():
    invoice, issued = domain.issue(9000, available_credit=0)
    account = Balances()
    for entry in [*issued, domain.credit(10000)]:
        account = account.moved(entry)
    invoice, applied = domain.apply_credit(invoice, 9000)
    account = account.moved(applied)
    assert (account.balance, account.credit, invoice.balance) == (-1000, 1000, 0)
    assert account.balance == invoice.balance - account.credit  # negative: the client is in credit
    second, issued = domain.issue(2500, available_credit=account.credit)
    for entry in issued:
        account = account.moved(entry)
    assert (second.balance, account.credit, account.balance) == (1500, 0, 1500)
    assert account.balance == invoice.balance + second.balance - account.credit


def test_a_transaction_that_applies_credit_needs_that_much_of_it_to_be_there():
    spends = Balances().moved(Movement(domain.CREDIT_APPLIED, 0, -2000))
    assert spends.credit_used == 2000
    assert Balances().moved(domain.credit(500)).moved(Movement(domain.CREDIT_APPLIED, 0, -500)).credit_used == 0
    assert Balances().moved(domain.credit(500)).credit_used == 0  # a credit given spends none


def test_an_account_history_line_says_what_moved_the_balance_and_about_which_invoice():
    words = domain.history_description
    assert words(domain.INVOICE, "INV-000007", lines=("Session: Counselling, 2026-11-25",)) == (
        "Invoice INV-000007: Session: Counselling, 2026-11-25")
    assert words(domain.INVOICE, "INV-000007", lines=("A", "B", "C")) == "Invoice INV-000007: A and 2 more"
    assert words(domain.PAYMENT, "INV-000007", method="other") == "Payment of invoice INV-000007 by other means"
    assert words(domain.REFUND, None, method="card", note="Duplicate") == (
        "Refund of a payment of an invoice by card: Duplicate")
    assert words(domain.VOID, "INV-000007", note="Entered twice") == "Invoice INV-000007 voided: Entered twice"
    assert words(domain.CREDIT, note="Goodwill") == "Credit: Goodwill"


@pytest.mark.parametrize(("kind", "details", "words"), [
    pytest.param(domain.INVOICE, {"number": "INV-000001"}, "Invoice INV-000001", id="an-invoice-without-lines-told"),
    pytest.param(domain.INVOICE, {"number": "INV-000001", "lines": ("Session", "Workbook")},
                 "Invoice INV-000001: Session and 1 more", id="an-invoice-of-two-lines"),
    pytest.param(domain.VOID, {"number": "INV-000001"}, "Invoice INV-000001 voided", id="a-void-without-a-reason"),
    pytest.param(domain.PAYMENT, {"number": "INV-000001", "method": "cash"}, "Payment of invoice INV-000001 by cash",
                 id="a-cash-payment"),
    pytest.param(domain.PAYMENT, {"number": "INV-000001", "method": "cheque"},
                 "Payment of invoice INV-000001 by cheque", id="a-cheque"),
    pytest.param(domain.PAYMENT, {"number": "INV-000001", "method": "transfer"},
                 "Payment of invoice INV-000001 by transfer", id="a-transfer"),
    pytest.param(domain.PAYMENT, {"number": "INV-000001", "method": domain.CARD},
                 "Payment of invoice INV-000001 by card", id="a-card-payment"),
    pytest.param(domain.PAYMENT, {}, "Payment of an invoice", id="a-payment-whose-invoice-is-not-told"),
    pytest.param(domain.REFUND, {"number": "INV-000001", "method": "cash"},
                 "Refund of a payment of invoice INV-000001 by cash", id="a-refund-without-a-reason"),
    pytest.param(domain.CREDIT, {}, "Credit", id="a-credit-without-a-reason"),
])
def test_each_account_history_line_says_in_words_what_moved_the_balance(kind, details, words):
    assert domain.history_description(kind, details.get("number"), details.get("method"), details.get("note"),
                                      details.get("lines", ())) == words


@pytest.mark.parametrize(("entries", "after"), [
    pytest.param([Movement(domain.INVOICE, 5000, 5000), Movement(domain.PAYMENT, -5000, -5000)],
                 Balances(balance=0, invoiced=5000, paid=5000), id="invoiced-then-paid"),
    pytest.param([Movement(domain.INVOICE, 5000, 5000), Movement(domain.PAYMENT, -5000, -5000),
                  Movement(domain.REFUND, 5000, 5000), Movement(domain.VOID, -5000, -5000)],
                 Balances(balance=0, invoiced=0, paid=5000, refunded=5000), id="paid-refunded-and-voided"),
    pytest.param([domain.credit(3000), Movement(domain.INVOICE, 5000, 5000), Movement(domain.CREDIT_APPLIED, 0, -3000)],
                 Balances(balance=2000, credit=0, credited=3000, invoiced=5000), id="credit-given-then-spent"),
    pytest.param([Movement(domain.INVOICE, 5000, 5000), domain.credit(3000), Movement(domain.CREDIT_APPLIED, 0, -3000),
                  Movement(domain.VOID, -5000, -2000)],
                 Balances(balance=-3000, credit=3000, credited=3000, invoiced=0), id="credit-freed-by-a-void"),
])
def test_an_accounts_running_sums_are_the_sums_of_its_entries(entries, after):
    account = Balances()
    for entry in entries:
        account = account.moved(entry)
    assert account == after
