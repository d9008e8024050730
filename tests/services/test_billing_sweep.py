"""The sweep of payments and refunds left pending: asked about again, settled, given up (cancelled at the provider,
released, failed) past the deadline; once, beside a second sweep or a webhook; a fixed number of DynamoDB calls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infra.local.scheduler import jobs_of
from infra.local.system import load_app
from portalkit import clock
from tests.billing_support import (
    AGENCY,
    Billing,
    RecordedStripe,
    books,
    intent,
    intent_event,
    recorded_stripe,
)
from tests.support import run_scheduled

T0 = int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp())
MINUTE = 60


@pytest.fixture
def bill(system) -> Billing:
    clock.set_now(T0)
    bill = Billing(system)
    bill.settings()
    bill.people("c1", "c2")
    yield bill
    clock.set_now(None)


@pytest.fixture
def provider_calls(bill, monkeypatch) -> list[tuple[str, str]]:
    """Every sandbox call but the token check, as (call, our key or the charge's id)."""
    seen, sandbox = [], bill.b.providers.Sandbox
    for name in ("charge", "lookup", "cancel", "refund"):
        real = getattr(sandbox, name)

        def spy(self, _real=real, _name=name, **kw):
            seen.append((_name, kw.get("key") or kw["ref"]))
            return _real(self, **kw)

        monkeypatch.setattr(sandbox, name, spy)
    return seen


@pytest.fixture
def stripe_api(bill, monkeypatch) -> RecordedStripe:
    with recorded_stripe(bill, monkeypatch) as recorded:
        yield recorded


def sweep(at: int) -> dict:
    """The scheduled function, run as EventBridge runs it, at `at` on the kit clock."""
    clock.set_now(at)
    return run_scheduled("billing", "sweep_payments", at)


def invoice_state(bill, invoice_id: str) -> tuple:
    got = bill.api.get(f"/billing/me/invoices/{invoice_id}", token=bill.client("c1")).json
    return got["balance"], got["payment_pending"], got["status"]


def payment(bill, payment_id: str):
    return bill.b.payments._load_payment(AGENCY, "c1", payment_id)


def billing_events(bill) -> list:
    return [e for e in bill.system.pump().drain().published if e.event_type.startswith("billing.payment.")]


def test_the_sweep_is_scheduled_every_minute():
    assert [(j.name, j.every_seconds) for j in jobs_of("billing", load_app("billing"))] == [("sweep_payments", 60)]


def test_a_young_payment_is_left_alone_and_an_unconfirmed_one_expires_once(bill, provider_calls):
    invoice = bill.invoice("c1", 5000)
    paid = bill.pay(bill.client("c1"), invoice["invoice_id"], 3000, payment_token="tok_async").json
    assert paid["status"] == "pending"
    ref = payment(bill, paid["payment_id"]).provider_ref
    provider_calls.clear()
    assert sweep(T0 + 4 * MINUTE) == {}  # not due yet: no provider call, no write
    assert provider_calls == []
    assert sweep(T0 + 5 * MINUTE) == {"payment_pending": 1}  # asked again: still waiting for its webhook
    assert provider_calls == [("lookup", ref)]
    assert sweep(T0 + 6 * MINUTE) == {}  # its next check is later
    assert sweep(T0 + 59 * MINUTE) == {"payment_pending": 1}
    assert invoice_state(bill, invoice["invoice_id"]) == (5000, 3000, "open")  # held meanwhile

    provider_calls.clear()
    assert sweep(T0 + 60 * MINUTE) == {"payment_failed": 1}
    assert provider_calls == [("cancel", ref)]  # past the deadline: cancelled, not asked again
    assert sweep(T0 + 60 * MINUTE) == sweep(T0 + 200 * MINUTE) == {}  # gone from the index
    assert provider_calls == [("cancel", ref)]
    assert invoice_state(bill, invoice["invoice_id"]) == (5000, 0, "open")  # the hold released
    again = bill.pay(bill.client("c1"), invoice["invoice_id"], 3000, payment_token="tok_async").json
    assert (again["status"], again["failure_code"]) == ("failed", "payment_expired")  # the same key's answer
    (failed,) = billing_events(bill)
    assert (failed.event_type, failed.data["failure_code"], failed.data["amount"]) == (
        "billing.payment.failed", "payment_expired", 3000)
    late = intent_event("payment_intent.succeeded", paid["payment_id"], ref, 3000, "c1")
    assert bill.webhook("sandbox", late).json["applied"] is False  # cancelled: a late confirmation changes nothing
    assert bill.pay(bill.client("c1"), invoice["invoice_id"], 5000, key="k2").json["status"] == "succeeded"
    assert books(AGENCY, "c1")["account"]["paid"] == 5000


def test_a_payment_recorded_before_a_crash_is_charged_again_under_its_key_and_settled(bill, provider_calls,
                                                                                      monkeypatch):
    invoice = bill.invoice("c1", 5000)
    with monkeypatch.context() as patch:
        patch.setattr(bill.b.payments, "settle", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("stopped")))
        assert bill.pay(bill.client("c1"), invoice["invoice_id"], 5000, key="crash").status == 500
    ((_, key),) = provider_calls
    assert payment(bill, key).provider_ref is None  # the provider's answer was lost with the function
    assert sweep(T0 + 5 * MINUTE) == {"payment_succeeded": 1}
    assert provider_calls == [("charge", key)] * 2  # the same key: the provider returns the same charge
    assert invoice_state(bill, invoice["invoice_id"]) == (0, 0, "paid")
    assert [e.event_type for e in billing_events(bill)] == ["billing.payment.received"]
    assert books(AGENCY, "c1")["account"]["paid"] == 5000


def test_two_sweeps_or_a_sweep_and_a_webhook_cancel_once_and_settle_once(bill, provider_calls, monkeypatch):
    invoice = bill.invoice("c1", 5000)
    c1 = bill.client("c1")
    first = bill.pay(c1, invoice["invoice_id"], 2000, payment_token="tok_async", key="p1").json
    second = bill.pay(c1, invoice["invoice_id"], 3000, payment_token="tok_async", key="p2").json
    sweep_module, models = load_app("billing").sweep, bill.b.models
    clock.set_now(T0 + 61 * MINUTE)
    due = lambda: {p.payment_id: p for p in models.PaymentItem.by_due.query(models.PENDING_PAYMENTS)}  # noqa: E731
    seen_by_one, seen_by_other = due(), due()  # two sweeps read the index at the same moment
    provider_calls.clear()
    assert sweep_module._check_payment(seen_by_one[first["payment_id"]], T0 + 61 * MINUTE) == "failed"
    assert sweep_module._check_payment(seen_by_other[first["payment_id"]], T0 + 61 * MINUTE) == "skipped"
    assert provider_calls == [("cancel", payment(bill, first["payment_id"]).provider_ref)]

    real_cancel = bill.b.providers.Sandbox.cancel

    def webhook_meanwhile(self, **kw):  # the confirmation arrives while the sweep is cancelling
        ref = payment(bill, second["payment_id"]).provider_ref
        event = intent_event("payment_intent.succeeded", second["payment_id"], ref, 3000, "c1")
        assert bill.webhook("sandbox", event).json["applied"] is True
        return real_cancel(self, **kw)

    monkeypatch.setattr(bill.b.providers.Sandbox, "cancel", webhook_meanwhile)
    assert sweep(T0 + 61 * MINUTE) == {"payment_succeeded": 1}  # the webhook came first; the sweep changed nothing
    assert invoice_state(bill, invoice["invoice_id"]) == (2000, 0, "partially_paid")
    assert sorted(e.event_type for e in billing_events(bill)) == ["billing.payment.failed",
                                                                  "billing.payment.received"]
    assert books(AGENCY, "c1")["account"]["paid"] == 3000


def test_the_sweep_makes_two_queries_when_nothing_is_due_and_four_calls_per_payment_it_settles(bill, calls):
    invoice = bill.invoice("c1", 5000)
    for key in ("a", "b"):
        bill.pay(bill.client("c1"), invoice["invoice_id"], 1000, payment_token="tok_async", key=key)
    calls.reset()
    assert sweep(T0 + MINUTE) == {}
    assert calls.by_operation("dynamodb") == {"Query": 2}  # pending payments, pending refunds: no Scan
    calls.reset()
    assert sweep(T0 + 60 * MINUTE) == {"payment_failed": 2}
    assert calls.by_operation("dynamodb") == {"Query": 2, "UpdateItem": 2, "GetItem": 4, "TransactWriteItems": 2}


def test_stripe_a_pending_intent_is_looked_up_by_its_id_and_settled(bill, stripe_api):
    invoice = bill.invoice("c1", 5000)
    stripe_api.expect("/v1/payment_intents", 200, intent("pi_1", "processing", 5000))
    paid = bill.pay(bill.client("c1"), invoice["invoice_id"], 5000, payment_token="pm_card_visa").json
    assert paid["status"] == "pending"
    stripe_api.expect("/v1/payment_intents/pi_1", 200, intent("pi_1", "succeeded", 5000))
    assert sweep(T0 + 5 * MINUTE) == {"payment_succeeded": 1}
    assert [(r["method"], r["path"]) for r in stripe_api.requests] == [
        ("post", "/v1/payment_intents"), ("get", "/v1/payment_intents/pi_1")]  # not a replay of the first answer
    assert invoice_state(bill, invoice["invoice_id"]) == (0, 0, "paid")


def test_stripe_past_the_deadline_the_intent_is_cancelled_or_found_succeeded_or_left_processing(bill, stripe_api):
    invoice = bill.invoice("c1", 9000)
    c1 = bill.client("c1")
    ids = {}
    for n in (1, 2, 3):
        stripe_api.expect("/v1/payment_intents", 200, intent(f"pi_{n}", "requires_action", 3000))
        ids[n] = bill.pay(c1, invoice["invoice_id"], 3000, payment_token="pm_card_visa", key=f"k{n}").json[
            "payment_id"]
    stripe_api.expect("/v1/payment_intents/pi_1/cancel", 200, intent("pi_1", "canceled", 3000,
                                                                     cancellation_reason="abandoned"))
    for n, status in ((2, "succeeded"), (3, "processing")):
        stripe_api.expect(f"/v1/payment_intents/pi_{n}/cancel", 400, {"error": {
            "type": "invalid_request_error", "code": "payment_intent_unexpected_state",
            "message": f"You cannot cancel this PaymentIntent because it has a status of {status}.",
            "payment_intent": intent(f"pi_{n}", status, 3000)}})
    assert sweep(T0 + 60 * MINUTE) == {"payment_failed": 1, "payment_succeeded": 1, "payment_pending": 1}
    cancels = [r for r in stripe_api.requests if r["path"].endswith("/cancel")]
    assert sorted(r["path"] for r in cancels) == [f"/v1/payment_intents/pi_{n}/cancel" for n in (1, 2, 3)]
    assert all(r["data"] == "cancellation_reason=abandoned" for r in cancels)
    assert [payment(bill, ids[n]).status for n in (1, 2, 3)] == ["failed", "succeeded", "pending"]
    assert payment(bill, ids[1]).failure_code == "payment_expired"
    assert invoice_state(bill, invoice["invoice_id"]) == (6000, 3000, "partially_paid")  # pi_3 still held
    books(AGENCY, "c1")


def test_a_pending_refund_is_asked_again_under_its_key_or_given_up_after_a_day(bill, provider_calls, monkeypatch):
    invoice = bill.invoice("c1", 5000)
    paid = bill.pay(bill.client("c1"), invoice["invoice_id"], 5000).json
    providers = bill.b.providers
    with monkeypatch.context() as patch:
        patch.setattr(providers.Sandbox, "refund", lambda self, **kw: providers.UNKNOWN)  # the provider is down
        path = f"/billing/payments/{paid['payment_id']}/refund"
        first = bill.api.post(path, token=bill.worker, json={"amount": 1000}).json
        second = bill.api.post(path, token=bill.worker, json={"amount": 1000}).json
    assert first["status"] == second["status"] == "pending"
    provider_calls.clear()
    monkeypatch.setattr(providers.Sandbox, "refund", lambda self, **kw: (
        provider_calls.append(("refund", kw["key"])) or
        (providers.Outcome("succeeded", "sb_re_1") if kw["key"] == first["refund_id"] else providers.UNKNOWN)))
    assert sweep(T0 + 5 * MINUTE) == {"refund_succeeded": 1, "refund_pending": 1}
    assert provider_calls == [("refund", first["refund_id"]), ("refund", second["refund_id"])]  # the same keys
    assert sweep(T0 + 23 * 3600) == {"refund_failed": 1}  # the provider never answered: staff may refund again
    assert len(provider_calls) == 2  # not asked again past the key's window: a forgotten key could refund twice
    assert (payment(bill, paid["payment_id"]).refunded, payment(bill, paid["payment_id"]).refund_pending) == (1000, 0)
    assert invoice_state(bill, invoice["invoice_id"]) == (1000, 0, "partially_paid")
    books(AGENCY, "c1")
