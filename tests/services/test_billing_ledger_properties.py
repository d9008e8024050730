"""Property: whatever sequence of invoices, payments (offline and card), credits, refunds and voids happens, every
running balance equals the sum of the ledger's entries, no invoice goes below zero, credit never goes negative.

The rules themselves are checked on values in tests/domain/test_billing_ledger_properties.py; this one checks what
only the stored items show: the use cases write each decision (entries put once, the account's ADDs, invoices set
on their version, Account History lines at positions 1..n with the balance after each) through the card sandbox,
idempotency and conditional writes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.billing_support import AGENCY, LEDGER_STEPS, Billing, apply_steps, books, fresh_client
from tests.support import examples


@settings(max_examples=examples(15), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=LEDGER_STEPS)
def test_running_balances_always_equal_the_sum_of_entries(system, steps):
    bill = Billing(system)
    client_id = fresh_client(bill)
    apply_steps(bill, client_id, steps, after_each=lambda: books(AGENCY, client_id))  # the invariants, every step
