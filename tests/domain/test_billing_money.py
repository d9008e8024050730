"""Billing's money and its refusals: amounts in whole minor units of the agency's ISO 4217 currency, settings
changed on the version read, and each rule's refusal with the status, code and field clients see."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.billing import domain
from portalkit.errors import BadRequest, Conflict

units = st.integers(min_value=1, max_value=domain.MAX_AMOUNT)


@pytest.mark.parametrize("code", ["USD", "EUR", "JPY", "KWD", "CAD"])
def test_the_agency_currency_is_an_active_iso_4217_code(code):
    assert domain.check_currency_code(code) == code


@pytest.mark.parametrize("code", ["usd", "US", "XXX", "DEM", ""])
def test_anything_else_is_no_currency(code):
    with pytest.raises(domain.UnknownCurrency) as refused:
        domain.check_currency_code(code)
    assert (refused.value.code, refused.value.field) == ("invalid_field", "currency")


def test_amounts_are_always_in_the_agency_currency():
    assert domain.check_currency(None, "EUR") == "EUR"
    assert domain.check_currency("EUR", "EUR") == "EUR"
    with pytest.raises(domain.WrongCurrency) as refused:
        domain.check_currency("USD", "EUR", field="currency")
    assert (refused.value.status, refused.value.code, refused.value.message) == (
        400, "wrong_currency", "Amounts are in EUR, the agency's currency.")


@given(lines=st.lists(units, min_size=1, max_size=5), credit=st.integers(0, domain.MAX_AMOUNT),
       paid=st.integers(0, domain.MAX_AMOUNT))
def test_money_stays_whole_minor_units_through_every_rule(lines, credit, paid):
    """4500 is 45.00 USD and 4500 JPY alike: no rule scales, rounds or divides an amount."""
    total = sum(lines)
    invoice, entries = domain.issue(total, credit)
    if invoice.payable:
        invoice, payment = domain.settle(invoice, min(paid, invoice.payable) or 1, held=False)
        entries.append(payment)
    values = [invoice.total, invoice.balance, invoice.paid, invoice.credited]
    values += [n for e in entries for n in (e.amount, e.invoice_amount)]
    assert all(type(value) is int for value in values)


def test_settings_change_on_the_version_read_and_keep_what_the_change_leaves_out():
    current = domain.Settings(currency="EUR", payments_enabled=False, provider="sandbox", version=3)
    changed = current.change({"payments_enabled": True}, expected_version=3)
    assert changed == domain.Settings(currency="EUR", payments_enabled=True, provider="sandbox", version=4)
    with pytest.raises(Conflict) as stale:
        current.change({"currency": "USD"}, expected_version=2)  # another admin's change came first
    assert (stale.value.status, stale.value.code) == (409, "version_conflict")
    assert domain.Settings().view() == {"currency": "USD", "payments_enabled": False, "provider": "sandbox",
                                        "version": 0}


@pytest.mark.parametrize(("error", "status", "code", "field"), [
    (domain.TotalTooLarge("lines", "m"), 400, "invalid_field", "lines"),
    (domain.UnknownCurrency("currency", "m"), 400, "invalid_field", "currency"),
    (domain.WrongCurrency("currency", "m"), 400, "wrong_currency", "currency"),
    (domain.UnknownClient("client_id", "m"), 400, "unknown_client", "client_id"),
    (domain.UnknownService("service_id", "m"), 400, "invalid_field", "service_id"),
    (domain.NotAParticipant("client_id", "m"), 400, "invalid_field", "client_id"),
    (domain.UnknownInvoice("invoice_id", "m"), 400, "invalid_field", "invoice_id"),
    (domain.AmountExceedsBalance("amount", "m"), 400, "amount_exceeds_balance", "amount"),
    (domain.AmountExceedsRefundable("amount", "m"), 400, "amount_exceeds_refundable", "amount"),
    (domain.MissingIdempotencyKey("Idempotency-Key", "m"), 400, "missing_idempotency_key", "Idempotency-Key"),
    (domain.ConcurrentChange("m"), 409, "conflict", None),
    (domain.CurrencyLocked("m"), 409, "currency_locked", None),
    (domain.InvoiceVoid("m"), 409, "invoice_void", None),
    (domain.InvoiceHasPayments("m"), 409, "invoice_paid", None),
    (domain.PaymentPending("m"), 409, "payment_pending", None),
    (domain.PaymentsDisabled("m"), 409, "payments_disabled", None),
    (domain.IdempotencyKeyReused("m"), 409, "idempotency_key_reused", None),
    (domain.PaymentNotReceived("m"), 409, "payment_not_received", None),
    (domain.PaymentRefundedInFull("m"), 409, "payment_refunded", None),
])
def test_each_refusal_answers_the_status_code_and_field_clients_know(error, status, code, field):
    assert isinstance(error, BadRequest if status == 400 else Conflict)
    assert error.body() == {"error": {"code": code, "message": "m", **({"field": field} if field else {})}}
    assert error.status == status
