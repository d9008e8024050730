"""Billing's credits: applied to the invoice named, else to the oldest open invoices, the rest kept available."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.billing import domain
from chalicelib.billing.domain import Invoice, Movement

OPEN = [("inv-1", Invoice(total=3000, balance=3000)), ("inv-2", Invoice(total=5000, balance=2000, paid=3000)),
        ("inv-3", Invoice(total=4000, balance=4000))]


def test_a_credit_pays_the_oldest_open_invoices_first_each_up_to_what_it_still_needs():
    assert domain.credit_plan(4000, OPEN) == [("inv-1", 3000), ("inv-2", 1000)]
    assert domain.credit_plan(9000, OPEN) == [("inv-1", 3000), ("inv-2", 2000), ("inv-3", 4000)]


def test_what_a_credit_does_not_need_for_open_invoices_stays_on_the_account():
    plan = domain.credit_plan(12000, OPEN)
    account = domain.Balances().moved(domain.credit(12000))
    for invoice_id, take in plan:
        _, entry = domain.apply_credit(dict(OPEN)[invoice_id], take)
        account = account.moved(entry)
    assert (account.balance, account.credited, account.credit) == (-12000, 12000, 3000)


def test_a_credit_skips_what_payments_under_way_hold():
    held = [("inv-1", Invoice(total=3000, balance=3000, pending=3000)), ("inv-2", Invoice(total=2000, balance=2000))]
    assert domain.credit_plan(2500, held) == [("inv-2", 2000)]


def test_a_credit_reaches_at_most_so_many_invoices_at_once():
    many = [(f"inv-{n}", Invoice(total=100, balance=100)) for n in range(domain.MAX_CREDIT_INVOICES + 5)]
    plan = domain.credit_plan(10**6, many)
    assert len(plan) == domain.MAX_CREDIT_INVOICES and plan[0] == ("inv-0", 100)


def test_a_credit_naming_an_invoice_goes_to_it_whole():
    assert domain.credit_plan(1500, [OPEN[1]], named=True) == [("inv-2", 1500)]
    invoice, entry = domain.apply_credit(OPEN[1][1], 1500)
    assert (invoice.balance, invoice.credited, invoice.status) == (500, 1500, domain.PARTIALLY_PAID)
    assert entry == Movement(domain.CREDIT_APPLIED, 0, -1500)  # the credit moved the account's balance already


@pytest.mark.parametrize(("invoice", "error"), [
    (Invoice(total=5000, balance=2000, paid=3000), domain.AmountExceedsBalance),
    (Invoice(total=5000, balance=0, paid=5000), domain.AmountExceedsBalance),
    (Invoice(total=5000, balance=0, voided=True), domain.InvoiceVoid),
])
def test_a_credit_naming_an_invoice_for_more_than_it_needs_is_refused(invoice, error):
    with pytest.raises(error) as refused:
        domain.credit_plan(2500, [("inv-1", invoice)], named=True)
    assert refused.value.field == ("amount" if error is domain.AmountExceedsBalance else None)


@st.composite
def an_open_invoice(draw) -> Invoice:
    total = draw(st.integers(1, 10_000))
    paid = draw(st.integers(0, total))
    return Invoice(total=total, balance=total - paid, paid=paid, pending=draw(st.integers(0, total - paid)))


invoices = st.lists(an_open_invoice(), max_size=30)


@given(amount=st.integers(1, 100_000), found=invoices)
def test_a_credit_never_applies_more_than_it_is_nor_more_than_an_invoice_may_take(amount, found):
    open_invoices = [(f"inv-{n}", invoice) for n, invoice in enumerate(found)]
    plan = domain.credit_plan(amount, open_invoices)
    payable = dict(open_invoices)
    assert sum(take for _, take in plan) <= amount
    assert all(0 < take <= payable[invoice_id].payable for invoice_id, take in plan)
    ids = [invoice_id for invoice_id, _ in open_invoices]
    assert [invoice_id for invoice_id, _ in plan] == sorted((i for i, _ in plan), key=ids.index)  # oldest first


@pytest.mark.parametrize(("amount", "plan"), [
    pytest.param(1, [("inv-1", 1)], id="a-cent-goes-to-the-oldest"),
    pytest.param(3000, [("inv-1", 3000)], id="exactly-the-oldest-invoices-balance"),
    pytest.param(3001, [("inv-1", 3000), ("inv-2", 1)], id="a-cent-more-reaches-the-next"),
    pytest.param(9000, [("inv-1", 3000), ("inv-2", 2000), ("inv-3", 4000)], id="exactly-what-all-still-need"),
])
def test_a_credit_goes_to_the_oldest_open_invoices_up_to_the_cent(amount, plan):
    assert domain.credit_plan(amount, OPEN) == plan


def test_a_credit_with_no_open_invoice_stays_whole_on_the_account():
    assert domain.credit_plan(5000, []) == []
    account = domain.Balances().moved(domain.credit(5000))
    assert (account.balance, account.credit, account.credited) == (-5000, 5000, 5000)


def test_a_credit_passes_over_invoices_payments_under_way_hold_in_full():
    held = [("inv-1", Invoice(total=3000, balance=3000, pending=3000)),
            ("inv-2", Invoice(total=2000, balance=2000, pending=500))]
    assert domain.credit_plan(5000, held) == [("inv-2", 1500)]


@pytest.mark.parametrize(("invoice", "amount", "after"), [
    pytest.param(Invoice(total=5000, balance=5000), 5000, (0, 5000, domain.PAID), id="all-it-needs"),
    pytest.param(Invoice(total=5000, balance=5000, pending=2000), 3000, (2000, 3000, domain.PARTIALLY_PAID),
                 id="all-a-payment-under-way-leaves"),
])
def test_a_credit_naming_an_invoice_may_pay_all_it_still_needs(invoice, amount, after):
    assert domain.credit_plan(amount, [("inv-1", invoice)], named=True) == [("inv-1", amount)]
    paid, _ = domain.apply_credit(invoice, amount)
    assert (paid.balance, paid.credited, paid.status) == after


def test_a_credit_naming_an_invoice_for_more_than_a_payment_under_way_leaves_is_refused():
    with pytest.raises(domain.AmountExceedsBalance) as refused:
        domain.credit_plan(3001, [("inv-1", Invoice(total=5000, balance=5000, pending=2000))], named=True)
    assert (refused.value.field, refused.value.message) == (
        "amount", "amount is more than the invoice's balance of 3000 (2000 is being paid already).")
