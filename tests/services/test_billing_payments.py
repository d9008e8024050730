"""Clients' online payments: Idempotency-Key, the sandbox's outcomes, webhooks, crashes between the steps, and Stripe
through its SDK's HTTP client seam with recorded responses (no network); refunds through the provider."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portalkit import clock
from tests.billing_support import (
    AGENCY,
    OTHER_AGENCY,
    SANDBOX_SECRET,
    WEBHOOK_SECRET,
    Billing,
    RecordedStripe,
    books,
    intent,
    intent_event,
    recorded_stripe,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bill(system) -> Billing:
    bill = Billing(system)
    bill.settings()
    bill.people("c1", "c2")
    return bill


@pytest.fixture
def charges(bill, monkeypatch) -> list[dict]:
    """Every call the sandbox provider gets, as the keyword arguments it got."""
    seen, sandbox = [], bill.b.providers.Sandbox
    for name in ("charge", "refund"):
        real = getattr(sandbox, name)

        def spy(self, _real=real, _name=name, **kw):
            seen.append({"call": _name, **kw})
            return _real(self, **kw)

        monkeypatch.setattr(sandbox, name, spy)
    return seen


def error(reply) -> tuple[int, str | None, str | None]:
    body = (reply.json or {}).get("error", {})
    return reply.status, body.get("code"), body.get("field")


def invoice_state(bill, invoice_id: str, client: str = "c1") -> tuple:
    got = bill.api.get(f"/billing/me/invoices/{invoice_id}", token=bill.client(client)).json
    return got["balance"], got["payment_pending"], got["status"]


def test_a_payment_needs_an_idempotency_key_and_online_payments_switched_on(bill):
    invoice = bill.invoice("c1", 5000)
    c1 = bill.client("c1")
    assert error(bill.pay(c1, invoice["invoice_id"], 5000, key=None)) == (
        400, "missing_idempotency_key", "Idempotency-Key")
    assert error(bill.pay(c1, invoice["invoice_id"], 100, currency="EUR")) == (400, "wrong_currency", "currency")
    assert error(bill.pay(c1, invoice["invoice_id"], 100, payment_token="tok_nope"))[::2] == (400, "payment_token")
    assert error(bill.pay(c1, invoice["invoice_id"], 5001)) == (400, "amount_exceeds_balance", "amount")
    assert bill.pay(bill.client("c2"), invoice["invoice_id"], 100).status == 404
    assert bill.pay(bill.client("c1", OTHER_AGENCY), invoice["invoice_id"], 100).status == 404
    bill.settings(payments_enabled=False)
    assert error(bill.pay(c1, invoice["invoice_id"], 100, key="k-off"))[:2] == (409, "payments_disabled")


def test_a_payment_retried_five_times_charges_once_and_answers_the_same(bill, charges):
    invoice = bill.invoice("c1", 5000)
    c1 = bill.client("c1")
    replies = [bill.pay(c1, invoice["invoice_id"], 2000, key="retry-me") for _ in range(5)]
    assert {r.status for r in replies} == {201}
    assert all(r.json == replies[0].json for r in replies)
    assert replies[0].json["status"] == "succeeded"
    assert [c["call"] for c in charges] == ["charge"]
    assert charges[0]["key"] == replies[0].json["payment_id"]  # the provider dedupes on our payment id
    assert invoice_state(bill, invoice["invoice_id"]) == (3000, 0, "partially_paid")
    assert error(bill.pay(c1, invoice["invoice_id"], 2500, key="retry-me")) == (409, "idempotency_key_reused", None)
    assert bill.pay(bill.client("c2"), invoice["invoice_id"], 2000, key="retry-me").status == 404  # keys are per client
    assert books(AGENCY, "c1")["account"]["paid"] == 2000
    events = [e for e in bill.system.pump().drain().published if e.event_type.startswith("billing.")]
    assert sorted(e.event_type for e in events) == ["billing.invoice.issued", "billing.payment.received"]


def test_a_declined_card_changes_nothing_but_the_payments_state(bill, charges):
    invoice = bill.invoice("c1", 5000)
    reply = bill.pay(bill.client("c1"), invoice["invoice_id"], 5000, payment_token="tok_chargeDeclined")
    assert reply.status == 201
    assert (reply.json["status"], reply.json["failure_code"]) == ("failed", "card_declined")
    assert invoice_state(bill, invoice["invoice_id"]) == (5000, 0, "open")
    assert bill.pay(bill.client("c1"), invoice["invoice_id"], 5000, key="k2").json["status"] == "succeeded"
    events = [e.event_type for e in bill.system.pump().drain().published if e.event_type.startswith("billing.")]
    assert sorted(events) == ["billing.invoice.issued", "billing.invoice.paid", "billing.payment.failed",
                              "billing.payment.received"]
    books(AGENCY, "c1")


def test_an_asynchronous_payment_holds_its_amount_until_the_webhook_settles_it_once(bill, charges):
    invoice = bill.invoice("c1", 5000)
    c1 = bill.client("c1")
    pending = bill.pay(c1, invoice["invoice_id"], 5000, payment_token="tok_async", key="async-1").json
    assert pending["status"] == "pending"
    assert invoice_state(bill, invoice["invoice_id"]) == (5000, 5000, "open")
    assert error(bill.pay(c1, invoice["invoice_id"], 1, key="k2"))[::2] == (400, "amount")
    assert error(bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/payments", token=bill.worker,
                               json={"amount": 1, "method": "cash"}))[::2] == (400, "amount")
    assert error(bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/void", token=bill.worker))[:2] == (
        409, "payment_pending")
    assert books(AGENCY, "c1")["account"]["paid"] == 0

    ref = bill.b.payments._load_payment(AGENCY, "c1", pending["payment_id"]).provider_ref
    assert ref.startswith("sb_pi_")
    succeeded = intent_event("payment_intent.succeeded", pending["payment_id"], ref, 5000, "c1")
    assert error(bill.webhook("sandbox", succeeded, secret="whsec_wrong")) == (
        400, "invalid_signature", "Stripe-Signature")
    assert bill.webhook("sandbox", succeeded, timestamp=clock.now() - 3600).status == 400  # a replay
    assert bill.post_raw("sandbox", json.dumps(succeeded).encode(), "t=1,v1=00").status == 400
    assert books(AGENCY, "c1")["account"]["paid"] == 0

    assert bill.webhook("sandbox", succeeded).json == {"received": True, "applied": True}
    assert bill.webhook("sandbox", succeeded).json == {"received": True, "applied": False}  # a duplicate
    late_failure = intent_event("payment_intent.payment_failed", pending["payment_id"], ref, 5000, "c1",
                                event_id="evt_0")
    assert bill.webhook("sandbox", late_failure).json["applied"] is False  # out of order: settled already
    assert invoice_state(bill, invoice["invoice_id"]) == (0, 0, "paid")
    again = bill.pay(c1, invoice["invoice_id"], 5000, payment_token="tok_async", key="async-1")
    assert again.json["status"] == "succeeded"
    assert books(AGENCY, "c1")["account"]["paid"] == 5000
    assert bill.webhook("paypal", succeeded).status == 404


def test_an_asynchronous_decline_releases_the_hold(bill):
    invoice = bill.invoice("c1", 5000)
    pending = bill.pay(bill.client("c1"), invoice["invoice_id"], 3000, payment_token="tok_async").json
    failed = intent_event("payment_intent.payment_failed", pending["payment_id"], None, 3000, "c1",
                          last_payment_error={"code": "card_declined", "message": "Declined."})
    failed["data"]["object"]["id"] = bill.b.payments._load_payment(AGENCY, "c1", pending["payment_id"]).provider_ref
    assert bill.webhook("sandbox", failed).json["applied"] is True
    assert invoice_state(bill, invoice["invoice_id"]) == (5000, 0, "open")
    forged = intent_event("payment_intent.succeeded", pending["payment_id"], failed["data"]["object"]["id"], 3000,
                          "c2")  # the right payment id under another client matches nothing
    assert bill.webhook("sandbox", forged).json["applied"] is False
    assert books(AGENCY, "c1")["account"]["paid"] == 0


def test_webhook_signatures_are_stamped_and_checked_on_the_one_clock(bill):
    invoice = bill.invoice("c1", 5000)
    pending = bill.pay(bill.client("c1"), invoice["invoice_id"], 5000, payment_token="tok_async").json
    ref = bill.b.payments._load_payment(AGENCY, "c1", pending["payment_id"]).provider_ref
    succeeded = intent_event("payment_intent.succeeded", pending["payment_id"], ref, 5000, "c1")
    signed_at = clock.now() - 10 * 24 * 3600  # a clock set ten days back (the local stack's), far from the machine's
    with clock.frozen(signed_at):
        header = bill.b.providers.sign(json.dumps(succeeded).encode(), SANDBOX_SECRET)
    assert header.startswith(f"t={signed_at},")
    with clock.frozen(signed_at + 300):
        assert bill.post_raw("sandbox", json.dumps(succeeded).encode(), header).json["applied"] is True
    with clock.frozen(signed_at + 301):
        assert bill.post_raw("sandbox", json.dumps(succeeded).encode(), header).status == 400  # a replay


def test_ledger_ids_sort_in_the_order_they_were_made_on_a_fixed_clock(bill):
    with clock.frozen(clock.now()):
        ids = [bill.b.ledger.seq() for _ in range(20)]
    assert ids == sorted(ids) and len(set(ids)) == 20


def test_a_crash_between_recording_and_settling_neither_loses_nor_doubles_money(bill, charges, monkeypatch):
    invoice = bill.invoice("c1", 5000)
    c1 = bill.client("c1")
    real_settle = bill.b.payments.settle
    crashes = iter([True])

    def crashing_settle(*args, **kwargs):
        if next(crashes, False):
            raise RuntimeError("the function was stopped after the provider charged")
        return real_settle(*args, **kwargs)

    monkeypatch.setattr(bill.b.payments, "settle", crashing_settle)
    assert bill.pay(c1, invoice["invoice_id"], 5000, key="crash").status == 500
    assert invoice_state(bill, invoice["invoice_id"]) == (5000, 5000, "open")  # recorded as pending, held
    retried = bill.pay(c1, invoice["invoice_id"], 5000, key="crash")
    assert retried.json["status"] == "succeeded"
    assert [c["key"] for c in charges] == [retried.json["payment_id"]] * 2  # the provider saw one key twice
    assert invoice_state(bill, invoice["invoice_id"]) == (0, 0, "paid")
    assert books(AGENCY, "c1")["account"]["paid"] == 5000


def test_a_card_payment_is_refunded_through_the_sandbox_with_its_own_key(bill, charges):
    invoice = bill.invoice("c1", 5000)
    paid = bill.pay(bill.client("c1"), invoice["invoice_id"], 5000).json
    path = f"/billing/payments/{paid['payment_id']}/refund"
    first = bill.api.post(path, token=bill.worker, json={"amount": 2000}, headers={"Idempotency-Key": "r1"})
    again = bill.api.post(path, token=bill.worker, json={"amount": 2000}, headers={"Idempotency-Key": "r1"})
    assert first.status == again.status == 201 and first.json == again.json
    assert [c["call"] for c in charges] == ["charge", "refund"]
    assert charges[1]["key"] == first.json["refund_id"]
    assert error(bill.api.post(path, token=bill.worker, json={"amount": 1}, headers={"Idempotency-Key": "r1"}))[
        :2] == (409, "idempotency_key_reused")
    assert invoice_state(bill, invoice["invoice_id"]) == (2000, 0, "partially_paid")
    books(AGENCY, "c1")


def test_the_app_imports_without_the_stripe_package():
    probe = ("import sys; from infra.local.system import load_app; load_app('billing'); "
             "assert 'stripe' not in sys.modules, 'stripe imported at start'")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": f"{ROOT / 'kit'}:{ROOT}", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]


# -- Stripe, through the SDK's HTTP client seam ----------------------------------------------------------

@pytest.fixture
def stripe_api(bill, monkeypatch) -> RecordedStripe:
    with recorded_stripe(bill, monkeypatch) as recorded:
        yield recorded


def test_the_client_reads_which_provider_takes_the_card_and_stripes_publishable_key(bill, monkeypatch):
    c1 = bill.client("c1")
    account = lambda: bill.api.get("/billing/me/account", token=c1).json  # noqa: E731
    assert (account()["provider"], account()["publishable_key"]) == ("sandbox", None)
    with recorded_stripe(bill, monkeypatch):
        assert (account()["provider"], account()["publishable_key"]) == ("stripe", None)  # no key stored: none
        bill.b.providers._secrets.clear()
        bill.system.clients("secretsmanager").put_secret_value(
            SecretId="portal/test/billing/agency-a/stripe",
            SecretString=json.dumps({"api_key": "sk_test_agency_a", "webhook_secret": WEBHOOK_SECRET,
                                     "publishable_key": "pk_test_agency_a"}))
        assert account()["publishable_key"] == "pk_test_agency_a"
        assert bill.api.get("/billing/me/account", token=bill.client("c1", OTHER_AGENCY)).json["provider"] == (
            "sandbox")  # another agency's client: its own agency's provider
        bill.settings(payments_enabled=False)
        assert (account()["provider"], account()["publishable_key"]) == ("stripe", None)  # not paying online


def test_stripe_payment_intents_carry_the_payments_idempotency_key(bill, stripe_api):
    invoice = bill.invoice("c1", 5000)
    stripe_api.expect("/v1/payment_intents", 200, intent("pi_1", "succeeded", 5000))
    c1 = bill.client("c1")
    first = bill.pay(c1, invoice["invoice_id"], 5000, payment_token="pm_card_visa", key="stripe-1")
    assert bill.pay(c1, invoice["invoice_id"], 5000, payment_token="pm_card_visa", key="stripe-1").json == first.json
    assert first.json["status"] == "succeeded"
    sent = stripe_api.requests
    assert len(sent) == 1
    assert sent[0]["headers"]["Idempotency-Key"] == first.json["payment_id"]
    assert sent[0]["headers"]["Authorization"] == "Bearer sk_test_agency_a"
    assert "amount=5000" in sent[0]["data"] and "currency=usd" in sent[0]["data"]
    assert f"metadata[payment_id]={first.json['payment_id']}" in sent[0]["data"]
    assert invoice_state(bill, invoice["invoice_id"]) == (0, 0, "paid")

    stripe_api.expect("/v1/refunds", 200, {"id": "re_1", "object": "refund", "status": "succeeded", "amount": 1000})
    refund = bill.api.post(f"/billing/payments/{first.json['payment_id']}/refund", token=bill.worker,
                           json={"amount": 1000})
    assert refund.json["status"] == "succeeded"
    assert stripe_api.requests[1]["headers"]["Idempotency-Key"] == refund.json["refund_id"]
    assert "payment_intent=pi_1" in stripe_api.requests[1]["data"]
    assert invoice_state(bill, invoice["invoice_id"]) == (1000, 0, "partially_paid")
    books(AGENCY, "c1")


def test_a_stripe_decline_and_an_unreachable_stripe(bill, stripe_api):
    invoice = bill.invoice("c1", 5000)
    stripe_api.expect("/v1/payment_intents", 402, {"error": {
        "type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
        "message": "Your card was declined.", "payment_intent": intent("pi_2", "requires_payment_method", 5000)}})
    c1 = bill.client("c1")
    declined = bill.pay(c1, invoice["invoice_id"], 5000, payment_token="pm_card_chargeDeclined", key="d1").json
    assert (declined["status"], declined["failure_code"]) == ("failed", "card_declined")
    for _ in range(3):  # the SDK retries a 500 twice, then we leave the payment pending
        stripe_api.expect("/v1/payment_intents", 500, {"error": {"type": "api_error", "message": "down"}})
    unknown = bill.pay(c1, invoice["invoice_id"], 5000, payment_token="pm_card_visa", key="d2").json
    assert unknown["status"] == "pending"
    stripe_api.expect("/v1/payment_intents", 200, intent("pi_3", "succeeded", 5000))
    assert bill.pay(c1, invoice["invoice_id"], 5000, payment_token="pm_card_visa", key="d2").json[
        "status"] == "succeeded"
    keys = [r["headers"]["Idempotency-Key"] for r in stripe_api.requests]
    assert keys[1:] == [unknown["payment_id"]] * 4
    assert invoice_state(bill, invoice["invoice_id"]) == (0, 0, "paid")


def test_stripe_webhooks_are_verified_by_the_sdk_valid_invalid_replayed_and_applied_once(bill, stripe_api):
    invoice = bill.invoice("c1", 5000)
    stripe_api.expect("/v1/payment_intents", 200, intent("pi_9", "processing", 5000))
    pending = bill.pay(bill.client("c1"), invoice["invoice_id"], 5000, payment_token="pm_card_visa").json
    assert pending["status"] == "pending"
    event = intent_event("payment_intent.succeeded", pending["payment_id"], "pi_9", 5000, "c1")
    assert error(bill.webhook("stripe", event, secret="whsec_someone_else")) == (
        400, "invalid_signature", "Stripe-Signature")
    assert error(bill.webhook("stripe", event, secret=WEBHOOK_SECRET, timestamp=clock.now() - 600))[1] == (
        "invalid_signature")
    assert error(bill.webhook("stripe", event, signature="garbage"))[1] == "invalid_signature"
    tampered = json.dumps(event).encode()
    header = bill.b.providers.sign(tampered, WEBHOOK_SECRET)
    assert bill.post_raw("stripe", tampered.replace(b"5000", b"4000"), header).status == 400
    assert books(AGENCY, "c1")["account"]["paid"] == 0

    assert bill.webhook("stripe", event, secret=WEBHOOK_SECRET).json == {"received": True, "applied": True}
    assert bill.webhook("stripe", event, secret=WEBHOOK_SECRET).json["applied"] is False
    other = intent_event("payment_intent.succeeded", pending["payment_id"], "pi_9", 5000, "c1",
                         agency_id=OTHER_AGENCY)  # no Stripe keys there
    assert bill.webhook("stripe", other, secret=WEBHOOK_SECRET).status == 400
    assert invoice_state(bill, invoice["invoice_id"]) == (0, 0, "paid")
    assert books(AGENCY, "c1")["account"]["paid"] == 5000
