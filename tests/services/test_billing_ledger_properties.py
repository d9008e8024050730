"""Property: whatever sequence of invoices, payments (offline and card), credits, refunds and voids happens, every
running balance equals the sum of the ledger's entries, no invoice goes below zero, credit never goes negative."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portalkit.errors import PortalError
from portalkit.identity import ADMIN, CLIENT, Identity
from tests.billing_support import AGENCY, Billing, books
from tests.support import examples

amounts = st.integers(min_value=1, max_value=20_000)
pick = st.integers(min_value=0, max_value=50)  # which invoice or payment, modulo how many exist
steps = st.lists(st.one_of(
    st.tuples(st.just("invoice"), st.lists(amounts, min_size=1, max_size=3)),
    st.tuples(st.just("cash"), pick, amounts),
    st.tuples(st.just("card"), pick, amounts),
    st.tuples(st.just("credit"), st.one_of(st.none(), pick), amounts),
    st.tuples(st.just("refund"), pick, st.one_of(st.none(), amounts)),
    st.tuples(st.just("void"), pick),
), min_size=1, max_size=10)

_clients = itertools.count()


def _nth(items: list, i: int):
    return items[i % len(items)] if items else None


@settings(max_examples=examples(15), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_running_balances_always_equal_the_sum_of_entries(system, steps):
    bill = Billing(system)
    h, p = bill.b.handlers, bill.b.payments
    staff = Identity(AGENCY, "admin-1", ADMIN)
    if h.load_settings(AGENCY).version == 0:
        h.update_settings(staff, {"payments_enabled": True}, expected_version=0)
    client_id = f"prop-{next(_clients)}"  # a fresh account per example; the table is shared
    bill.people(client_id)
    client = Identity(AGENCY, client_id, CLIENT)
    invoices, payments, refused = [], [], 0
    keys = itertools.count()
    for step in steps:
        kind = step[0]
        try:
            if kind == "invoice":
                draft = h.Draft(client_id=client_id, lines=tuple((f"Line {i}", a) for i, a in enumerate(step[1])))
                invoices.append(h.issue_manual(staff, draft, None, None)[1]["invoice_id"])
            elif kind == "cash" and invoices:
                payments.append(h.record_payment(staff, _nth(invoices, step[1]), step[2], "cash", None, None,
                                                 None)[1]["payment_id"])
            elif kind == "card" and invoices:
                answer = p.pay(client, _nth(invoices, step[1]), step[2], "tok_visa", None, f"k{next(keys)}")[1]
                payments.append(answer["payment_id"])
            elif kind == "credit":
                invoice_id = _nth(invoices, step[1]) if step[1] is not None else None
                h.issue_credit(staff, client_id, step[2], "goodwill", invoice_id, None, None)
            elif kind == "refund" and payments:
                p.refund(staff, _nth(payments, step[1]), step[2], None, None)
            elif kind == "void" and invoices:
                h.void_invoice(staff, _nth(invoices, step[1]), None)
        except PortalError:
            refused += 1  # refused by a rule (more than the balance, a paid invoice's void, ...): nothing moved
        books(AGENCY, client_id)  # the invariants, after every step
