"""Billing's request bodies and queries (schemas.py): each field's bounds on both sides, as a route decodes them, and
every refusal a 400 naming the field in the API's words. No AWS: what needs what is stored (the agency's currency,
what is left to pay, who is a client) is the domain's and the use cases' (test_billing_money, _invoices, ...)."""

from __future__ import annotations

import json

import pytest

from chalicelib.billing import domain as d
from chalicelib.billing import schemas as s
from portalkit.schema import decode_body, decode_query
from tests.domain import refusals

LINE = {"description": "Session", "amount": 8000}
INVOICE = {"client_id": "c1", "lines": [LINE]}
MAX = d.MAX_AMOUNT


def refusal(body: dict, model) -> tuple[int, str, str | None]:
    """What a route answers for `body`: (status, code, field)."""
    error = refusals.body_refusal(model, body)
    return error.status, error.code, error.field


def query_refusal(params: dict, model) -> tuple[int, str, str | None]:
    error = refusals.query_refusal(model, params)
    return error.status, error.code, error.field


# -- invoices staff issue --------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    pytest.param({"client_id": "c1", "lines": [{"description": "Session", "amount": 1}]}, id="the-smallest-amount"),
    pytest.param({"client_id": "c1", "lines": [{"description": "Session", "amount": MAX}]}, id="the-largest-amount"),
    pytest.param({"client_id": "c1", "lines": [LINE] * d.MAX_LINES}, id="as-many-lines-as-one-transaction-holds"),
    pytest.param({"client_id": "c1", "lines": [{"description": "x" * d.MAX_DESCRIPTION, "amount": 1}]},
                 id="the-longest-description"),
    pytest.param({**INVOICE, "due_date": "2000-01-01"}, id="due-on-the-first-day-of-the-years-kept"),
    pytest.param({**INVOICE, "due_date": "2099-12-31"}, id="due-on-the-last-day-of-the-years-kept"),
    pytest.param({**INVOICE, "service_id": "s1", "currency": "USD", "due_date": None}, id="every-optional-field"),
    pytest.param({"client_id": "x" * 128, "lines": [LINE]}, id="the-longest-client-id"),
])
def test_an_invoice_within_every_bound_is_taken(body):
    invoice = decode_body(json.dumps(body), s.NewInvoice)
    assert (invoice.client_id, [(line.description, line.amount) for line in invoice.lines]) == (
        body["client_id"], [(line["description"], line["amount"]) for line in body["lines"]])


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"client_id": "c1", "lines": []}, (400, "invalid_field", "lines"), id="no-line"),
    pytest.param({"client_id": "c1", "lines": [LINE] * (d.MAX_LINES + 1)}, (400, "invalid_field", "lines"),
                 id="more-lines-than-one-transaction-holds"),
    pytest.param({"client_id": "c1", "lines": [{"description": "Session", "amount": 0}]},
                 (400, "invalid_field", "lines[0].amount"), id="a-line-of-nothing"),
    pytest.param({"client_id": "c1", "lines": [{"description": "Session", "amount": -100}]},
                 (400, "invalid_field", "lines[0].amount"), id="a-negative-line"),
    pytest.param({"client_id": "c1", "lines": [{"description": "Session", "amount": MAX + 1}]},
                 (400, "invalid_field", "lines[0].amount"), id="a-line-above-the-largest-amount"),
    pytest.param({"client_id": "c1", "lines": [{"description": "Session", "amount": 10.5}]},
                 (400, "invalid_field", "lines[0].amount"), id="a-fraction-of-a-cent"),
    pytest.param({"client_id": "c1", "lines": [{"description": "Session", "amount": "100"}]},
                 (400, "invalid_field", "lines[0].amount"), id="an-amount-as-text"),
    pytest.param({"client_id": "c1", "lines": [LINE, {"description": "Workbook", "amount": 0}]},
                 (400, "invalid_field", "lines[1].amount"), id="the-second-line-named"),
    pytest.param({"client_id": "c1", "lines": [{"description": "", "amount": 100}]},
                 (400, "invalid_field", "lines[0].description"), id="an-empty-description"),
    pytest.param({"client_id": "c1", "lines": [{"description": " \u200b\t", "amount": 100}]},
                 (400, "invalid_field", "lines[0].description"), id="a-description-nobody-can-see"),
    pytest.param({"client_id": "c1", "lines": [{"description": "x" * (d.MAX_DESCRIPTION + 1), "amount": 100}]},
                 (400, "invalid_field", "lines[0].description"), id="a-description-too-long"),
    pytest.param({"client_id": "c1", "lines": [{"amount": 100}]},
                 (400, "missing_field", "lines[0].description"), id="a-line-without-description"),
    pytest.param({"lines": [LINE]}, (400, "missing_field", "client_id"), id="no-client"),
    pytest.param({"client_id": "", "lines": [LINE]}, (400, "invalid_field", "client_id"), id="an-empty-client-id"),
    pytest.param({"client_id": "x" * 129, "lines": [LINE]}, (400, "invalid_field", "client_id"),
                 id="a-client-id-too-long"),
    pytest.param({**INVOICE, "service_id": ""}, (400, "invalid_field", "service_id"), id="an-empty-service-id"),
    pytest.param({**INVOICE, "due_date": "1999-12-31"}, (400, "invalid_field", "due_date"),
                 id="due-before-the-years-kept"),
    pytest.param({**INVOICE, "due_date": "2100-01-01"}, (400, "invalid_field", "due_date"),
                 id="due-after-the-years-kept"),
    pytest.param({**INVOICE, "due_date": "2026-02-30"}, (400, "invalid_field", "due_date"), id="due-on-no-day"),
    pytest.param({**INVOICE, "due_date": "2026-12-03T10:00:00Z"}, (400, "invalid_field", "due_date"),
                 id="due-at-an-instant-not-a-day"),
    pytest.param({**INVOICE, "currency": ""}, (400, "invalid_field", "currency"), id="an-empty-currency"),
    pytest.param({**INVOICE, "total": 5}, (400, "unknown_field", "total"), id="a-total-the-lines-decide"),
])
def test_a_bad_invoice_is_refused_naming_the_field(body, said):
    assert refusal(body, s.NewInvoice) == said


def test_any_currency_word_reaches_the_agency_check_which_refuses_all_but_its_own():
    """The body takes any currency text (well formed or not), so another answers wrong_currency, not a pattern's
    invalid_field: the domain's check is the one rule."""
    for word in ("EUR", "usd", "dollars"):
        body = decode_body(json.dumps({**INVOICE, "currency": word}), s.NewInvoice)
        with pytest.raises(d.WrongCurrency) as refused:
            d.check_currency(body.currency, "USD")
        assert (refused.value.status, refused.value.code, refused.value.field) == (400, "wrong_currency", "currency")


# -- payments, credits, refunds and voids ----------------------------------------------------------------------


@pytest.mark.parametrize("method", d.OFFLINE_METHODS)
def test_staff_record_a_payment_by_each_offline_method(method):
    payment = decode_body(json.dumps({"amount": 4000, "method": method}), s.OfflinePayment)
    assert (payment.amount, payment.method, payment.reference) == (4000, method, None)


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"amount": 100, "method": d.CARD}, (400, "invalid_field", "method"),
                 id="card-is-the-clients-own-through-the-provider"),
    pytest.param({"amount": 100, "method": "bitcoin"}, (400, "invalid_field", "method"), id="no-such-method"),
    pytest.param({"amount": 100}, (400, "missing_field", "method"), id="no-method"),
    pytest.param({"amount": 0, "method": "cash"}, (400, "invalid_field", "amount"), id="nothing-paid"),
    pytest.param({"method": "cash"}, (400, "missing_field", "amount"), id="no-amount"),
    pytest.param({"amount": 100, "method": "cheque", "reference": "x" * (d.MAX_REFERENCE + 1)},
                 (400, "invalid_field", "reference"), id="a-reference-too-long"),
    pytest.param({"amount": 100, "method": "cheque", "reference": ""}, (400, "invalid_field", "reference"),
                 id="an-empty-reference"),
])
def test_a_bad_offline_payment_is_refused_naming_the_field(body, said):
    assert refusal(body, s.OfflinePayment) == said


def test_a_cheque_number_may_take_the_whole_reference():
    reference = "0" * d.MAX_REFERENCE
    assert decode_body(json.dumps({"amount": 1, "method": "cheque", "reference": reference}),
                       s.OfflinePayment).reference == reference


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"amount": 0, "payment_token": "tok_visa"}, (400, "invalid_field", "amount"), id="nothing-paid"),
    pytest.param({"amount": MAX + 1, "payment_token": "tok_visa"}, (400, "invalid_field", "amount"),
                 id="above-the-largest-amount"),
    pytest.param({"amount": 100}, (400, "missing_field", "payment_token"), id="no-token"),
    pytest.param({"amount": 100, "payment_token": ""}, (400, "invalid_field", "payment_token"), id="an-empty-token"),
    pytest.param({"amount": 100, "payment_token": "t" * (d.MAX_TOKEN + 1)}, (400, "invalid_field", "payment_token"),
                 id="a-token-too-long"),
    pytest.param({"amount": 100, "payment_token": "tok_visa", "method": "card"}, (400, "unknown_field", "method"),
                 id="a-client-pays-by-card-only"),
])
def test_a_bad_card_payment_is_refused_naming_the_field(body, said):
    assert refusal(body, s.CardPayment) == said


def test_a_card_payment_takes_the_longest_payment_method_id():
    token = "pm_" + "x" * (d.MAX_TOKEN - 3)
    assert decode_body(json.dumps({"amount": MAX, "payment_token": token}), s.CardPayment).payment_token == token


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"amount": 100}, (400, "missing_field", "reason"), id="no-reason"),
    pytest.param({"amount": 100, "reason": "   "}, (400, "invalid_field", "reason"), id="a-blank-reason"),
    pytest.param({"amount": 100, "reason": "x" * (d.MAX_REASON + 1)}, (400, "invalid_field", "reason"),
                 id="a-reason-too-long"),
    pytest.param({"amount": 0, "reason": "Goodwill"}, (400, "invalid_field", "amount"), id="a-credit-of-nothing"),
    pytest.param({"amount": MAX + 1, "reason": "Goodwill"}, (400, "invalid_field", "amount"),
                 id="above-the-largest-amount"),
    pytest.param({"amount": 100, "reason": "Goodwill", "invoice_id": ""}, (400, "invalid_field", "invoice_id"),
                 id="an-empty-invoice-id"),
])
def test_a_bad_credit_is_refused_naming_the_field(body, said):
    assert refusal(body, s.NewCredit) == said


def test_a_credit_takes_the_largest_amount_and_the_longest_reason():
    credit = decode_body(json.dumps({"amount": MAX, "reason": "x" * d.MAX_REASON}), s.NewCredit)
    assert (credit.amount, len(credit.reason), credit.invoice_id) == (MAX, d.MAX_REASON, None)


def test_a_refund_or_a_void_may_come_without_a_body():
    refund = decode_body(b"", s.NewRefund)
    assert (refund.amount, refund.reason) == (None, None)  # the refund then gives back all that is left
    assert decode_body(b"", s.VoidReason).reason is None


@pytest.mark.parametrize(("body", "model", "said"), [
    pytest.param({"amount": 0}, s.NewRefund, (400, "invalid_field", "amount"), id="a-refund-of-nothing"),
    pytest.param({"amount": -1}, s.NewRefund, (400, "invalid_field", "amount"), id="a-negative-refund"),
    pytest.param({"reason": "x" * (d.MAX_REASON + 1)}, s.NewRefund, (400, "invalid_field", "reason"),
                 id="a-refund-reason-too-long"),
    pytest.param({"reason": ""}, s.VoidReason, (400, "invalid_field", "reason"), id="an-empty-void-reason"),
    pytest.param({"reason": "x" * (d.MAX_REASON + 1)}, s.VoidReason, (400, "invalid_field", "reason"),
                 id="a-void-reason-too-long"),
])
def test_a_bad_refund_or_void_is_refused_naming_the_field(body, model, said):
    assert refusal(body, model) == said


# -- the agency's settings and fees ----------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"payments_enabled": True}, (400, "missing_field", "version"), id="no-version-read"),
    pytest.param({"payments_enabled": True, "version": "0"}, (400, "invalid_field", "version"),
                 id="a-version-as-text"),
    pytest.param({"payments_enabled": True, "version": -1}, (400, "invalid_field", "version"),
                 id="a-negative-version"),
    pytest.param({"currency": "EURO", "version": 0}, (400, "invalid_field", "currency"), id="four-letters"),
    pytest.param({"currency": "eur", "version": 0}, (400, "invalid_field", "currency"), id="lower-case"),
    pytest.param({"provider": "paypal", "version": 0}, (400, "invalid_field", "provider"), id="no-such-provider"),
    pytest.param({"payments_enabled": "yes", "version": 0}, (400, "invalid_field", "payments_enabled"),
                 id="payments-on-as-text"),
])
def test_a_bad_settings_change_is_refused_naming_the_field(body, said):
    assert refusal(body, s.SettingsChange) == said


def test_a_settings_change_names_only_what_it_changes():
    change = decode_body(json.dumps({"version": 3, "provider": "stripe"}), s.SettingsChange)
    assert (change.version, change.provider, change.currency, change.payments_enabled) == (3, "stripe", None, None)


@pytest.mark.parametrize(("fee", "charged"), [
    pytest.param(0, None, id="zero-is-no-fee"),
    pytest.param(None, None, id="null-is-no-fee"),
    pytest.param(1, 1, id="the-smallest-fee"),
    pytest.param(MAX, MAX, id="the-largest-fee"),
])
def test_a_fee_is_a_whole_number_of_cents_up_to_the_largest_amount(fee, charged):
    body = decode_body(json.dumps({"event_fee": fee}), s.FeesChange)
    schedule = d.fee_schedule(body.event_fee, body.no_show_fee, body.late_cancel_fee)
    assert schedule.of(d.EVENT_FEE) == charged


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({"event_fee": -1}, (400, "invalid_field", "event_fee"), id="a-negative-fee"),
    pytest.param({"no_show_fee": 12.5}, (400, "invalid_field", "no_show_fee"), id="a-fraction-of-a-cent"),
    pytest.param({"late_cancel_fee": MAX + 1}, (400, "invalid_field", "late_cancel_fee"),
                 id="above-the-largest-amount"),
    pytest.param({"event_fee": 100, "currency": ""}, (400, "invalid_field", "currency"), id="an-empty-currency"),
    pytest.param({"session_fee": 100}, (400, "unknown_field", "session_fee"), id="a-fee-billing-does-not-know"),
])
def test_a_bad_fee_schedule_is_refused_naming_the_field(body, said):
    assert refusal(body, s.FeesChange) == said


# -- pages ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", d.STATUSES)
def test_invoices_are_listed_by_each_status(status):
    assert decode_query({"status": status}, s.InvoicePage).status == status


@pytest.mark.parametrize(("params", "model", "said"), [
    pytest.param({"status": "late"}, s.InvoicePage, (400, "invalid_field", "status"), id="no-such-status"),
    pytest.param({"service_id": "x" * 129}, s.InvoicePage, (400, "invalid_field", "service_id"),
                 id="invoices-of-a-service-id-too-long"),
    pytest.param({"service_id": "x" * 129}, s.HistoryPage, (400, "invalid_field", "service_id"),
                 id="history-of-a-service-id-too-long"),
    pytest.param({"cursor": ""}, s.TransactionPage, (400, "invalid_field", "cursor"), id="an-empty-cursor"),
    pytest.param({"page": "2"}, s.HistoryPage, (400, "unknown_field", "page"), id="pages-go-by-cursor"),
])
def test_a_bad_page_query_is_refused_naming_the_parameter(params, model, said):
    assert query_refusal(params, model) == said
