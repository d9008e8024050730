"""Property: whatever sequence of invoices, payments (offline and card), credits, refunds and voids happens, the
domain's rules keep an account's books: each invoice's balance is the sum of its entries (0 to its total), the
running sums are the sums of the entries, available credit never goes negative, and the balance is what invoices
still need less that credit. The same steps as the service's property test, on values in memory, no AWS."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given

from chalicelib.billing import domain
from portalkit.errors import PortalError
from tests.billing_support import LEDGER_STEPS


class Account:
    """One client's account in memory, changed only as the use cases change it: by the domain's decisions."""

    def __init__(self):
        self.invoices: dict[str, domain.Invoice] = {}  # in the order issued: the oldest first
        self.payments: list[dict] = []
        self.entries: list[tuple[str | None, domain.Movement]] = []
        self.sums = domain.Balances()
        self._ids = itertools.count(1)

    def book(self, invoice_id: str | None, state: domain.Invoice | None, *entries: domain.Movement) -> None:
        if state is not None:
            self.invoices[invoice_id] = state
        for entry in entries:
            self.entries.append((invoice_id, entry))
            self.sums = self.sums.moved(entry)

    def nth(self, items: list, i: int):
        return items[i % len(items)] if items else None

    def invoice(self, amounts: list[int]) -> None:
        state, entries = domain.issue(domain.check_total(amounts), self.sums.credit)
        self.book(f"inv-{next(self._ids)}", state, *entries)

    def pay(self, i: int, amount: int, card: bool) -> None:
        invoice_id = self.nth(list(self.invoices), i)
        state = self.invoices[invoice_id]
        if card:  # held while the provider is asked; the sandbox's tok_visa succeeds
            state = domain.hold(state, amount)
        state, entry = domain.settle(state, amount, held=card)
        self.book(invoice_id, state, entry)
        self.payments.append({"invoice_id": invoice_id, "amount": amount, "refunded": 0})

    def credit(self, i: int | None, amount: int) -> None:
        if i is None:
            targets = [(invoice_id, state) for invoice_id, state in self.invoices.items()
                       if state.status in (domain.OPEN, domain.PARTIALLY_PAID) and state.payable > 0]
        else:
            invoice_id = self.nth(list(self.invoices), i)
            targets = [(invoice_id, self.invoices[invoice_id])]
        plan = domain.credit_plan(amount, targets, named=i is not None)
        self.book(None, None, domain.credit(amount))
        for invoice_id, take in plan:
            self.book(invoice_id, *domain.apply_credit(self.invoices[invoice_id], take))

    def refund(self, i: int, amount: int | None) -> None:
        payment = self.nth(self.payments, i)
        take = domain.refund_amount(domain.SUCCEEDED, payment["amount"], payment["refunded"], 0, amount)
        self.book(payment["invoice_id"], *domain.refund(self.invoices[payment["invoice_id"]], take))
        payment["refunded"] += take

    def void(self, i: int) -> None:
        invoice_id = self.nth(list(self.invoices), i)
        self.book(invoice_id, *domain.void(self.invoices[invoice_id]))

    def apply(self, step: tuple) -> bool:
        """One step of LEDGER_STEPS as the service's use case takes it; False when a rule refused it."""
        kind, *args = step
        try:
            if kind == "invoice":
                self.invoice(*args)
            elif kind in ("cash", "card") and self.invoices:
                self.pay(*args, card=kind == "card")
            elif kind == "credit" and (args[0] is None or self.invoices):
                self.credit(*args)
            elif kind == "refund" and self.payments:
                self.refund(*args)
            elif kind == "void" and self.invoices:
                self.void(*args)
        except PortalError:
            return False
        return True


def check_books(account: Account) -> None:
    sums, kinds, of_invoice = Counter(), Counter(), Counter()
    for invoice_id, entry in account.entries:
        sums["balance"] += entry.amount
        sums["credit"] += entry.invoice_amount - entry.amount
        kinds[entry.kind] += entry.amount
        if invoice_id is not None:
            of_invoice[invoice_id] += entry.invoice_amount
    kept = account.sums
    assert (kept.balance, kept.credit) == (sums["balance"], sums["credit"])
    assert kept.credit >= 0
    assert (kept.invoiced, kept.paid, kept.refunded, kept.credited) == (
        kinds[domain.INVOICE] + kinds[domain.VOID], -kinds[domain.PAYMENT], kinds[domain.REFUND],
        -kinds[domain.CREDIT])
    for invoice_id, invoice in account.invoices.items():
        assert invoice.balance == of_invoice[invoice_id], invoice_id
        assert 0 <= invoice.pending <= invoice.balance <= invoice.total
        if not invoice.voided:
            assert invoice.total - invoice.balance == invoice.paid + invoice.credited
    assert kept.balance == sum(invoice.balance for invoice in account.invoices.values()) - kept.credit


@given(steps=LEDGER_STEPS)
def test_running_balances_always_equal_the_sum_of_entries(steps):
    account = Account()
    for step in steps:
        before = (dict(account.invoices), len(account.entries), account.sums)
        if not account.apply(step):
            assert (dict(account.invoices), len(account.entries), account.sums) == before  # refused: nothing moved
        check_books(account)
