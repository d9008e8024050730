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


@pytest.mark.parametrize(("settings", "offers"), [
    pytest.param(domain.Settings(provider="stripe", payments_enabled=True), True, id="stripe-paying-online"),
    pytest.param(domain.Settings(provider="stripe", payments_enabled=False), False, id="stripe-not-paying-online"),
    pytest.param(domain.Settings(provider="sandbox", payments_enabled=True), False, id="the-sandbox-test-cards"),
    pytest.param(domain.Settings(), False, id="the-defaults"),
])
def test_the_portal_loads_stripes_card_form_only_for_an_agency_paid_through_stripe_online(settings, offers):
    assert settings.offers_stripe is offers


@pytest.mark.parametrize(("stored", "shown"), [
    pytest.param("pk_test_agency_a", "pk_test_agency_a", id="a-test-publishable-key"),
    pytest.param("pk_live_agency_a", "pk_live_agency_a", id="a-live-publishable-key"),
    pytest.param("sk_live_agency_a", None, id="a-secret-key-stored-by-mistake-never-reaches-a-browser"),
    pytest.param("rk_live_agency_a", None, id="a-restricted-key-neither"),
    pytest.param("", None, id="an-empty-key"),
    pytest.param(None, None, id="no-key-stored"),
    pytest.param(42, None, id="not-text"),
])
def test_only_a_publishable_key_is_handed_to_stripe_js(stored, shown):
    assert domain.publishable_key(stored) == shown


@pytest.mark.parametrize("code", [
    pytest.param("XCG", id="the-caribbean-guilder-of-2025"), pytest.param("ZWG", id="zimbabwe-gold-of-2024"),
    pytest.param("SLE", id="the-new-leone"), pytest.param("VES", id="the-sovereign-bolivar"),
])
def test_the_newest_iso_4217_codes_are_currencies(code):
    assert domain.check_currency_code(code) == code


@pytest.mark.parametrize("code", [
    pytest.param("HRK", id="the-kuna-gone-for-the-euro-in-2023"), pytest.param("ANG", id="the-antillean-guilder"),
    pytest.param("SLL", id="the-old-leone"), pytest.param("ZWL", id="the-zimbabwe-dollar"),
    pytest.param("XAU", id="gold-is-no-currency-of-an-agency"),
])
def test_retired_codes_and_metals_are_no_currency_an_agency_bills_in(code):
    with pytest.raises(domain.UnknownCurrency) as refused:
        domain.check_currency_code(code)
    assert (refused.value.field, refused.value.message) == ("currency", "currency must be an ISO 4217 code like USD.")


@pytest.mark.parametrize(("given", "agency", "taken"), [
    pytest.param(None, "JPY", "JPY", id="left-out-the-agencys"),
    pytest.param("JPY", "JPY", "JPY", id="the-agencys-own"),
])
def test_an_amount_is_in_the_agencys_currency_whether_or_not_the_body_names_it(given, agency, taken):
    assert domain.check_currency(given, agency) == taken


@pytest.mark.parametrize(("given", "field"), [
    pytest.param("EUR", "currency", id="another-currency"),
    pytest.param("usd", "currency", id="the-agencys-in-lower-case"),
    pytest.param("US Dollar", "currency", id="the-agencys-in-words"),
])
def test_an_amount_named_in_another_currency_is_refused_naming_it(given, field):
    with pytest.raises(domain.WrongCurrency) as refused:
        domain.check_currency(given, "USD", field)
    assert (refused.value.status, refused.value.code, refused.value.field) == (400, "wrong_currency", field)


@pytest.mark.parametrize(("changes", "after"), [
    pytest.param({"currency": "EUR"}, ("EUR", False, "sandbox"), id="the-currency"),
    pytest.param({"payments_enabled": True}, ("USD", True, "sandbox"), id="payments-online-on"),
    pytest.param({"provider": "stripe"}, ("USD", False, "stripe"), id="the-provider"),
    pytest.param({}, ("USD", False, "sandbox"), id="nothing-but-the-version"),
])
def test_a_settings_change_changes_what_it_names_and_moves_the_version_on(changes, after):
    changed = domain.Settings(version=7).change(changes, expected_version=7)
    assert ((changed.currency, changed.payments_enabled, changed.provider), changed.version) == (after, 8)


@pytest.mark.parametrize("read", [pytest.param(6, id="an-older-version"), pytest.param(8, id="a-version-to-come")])
def test_a_settings_change_on_any_version_but_the_current_one_is_refused(read):
    with pytest.raises(Conflict) as stale:
        domain.Settings(version=7).change({"payments_enabled": True}, expected_version=read)
    assert (stale.value.status, stale.value.code) == (409, "version_conflict")
