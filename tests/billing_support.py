"""What billing's tests share: the app's modules, tokens, set-up through the API, and the books checked."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from types import SimpleNamespace

from hypothesis import strategies as st

from infra.local.system import load_app

AGENCY, OTHER_AGENCY = "agency-a", "agency-b"
SANDBOX_SECRET = "whsec_sandbox"


def billing() -> SimpleNamespace:
    """The billing app's modules, loaded beside the other three apps."""
    load_app("billing")
    from chalicelib.billing import (
        account,
        charges,
        credits,
        domain,
        fees,
        invoices,
        ledger,
        models,
        payments,
        providers,
        roster,
        settings,
    )

    return SimpleNamespace(account=account, charges=charges, credits=credits, domain=domain, fees=fees,
                           invoices=invoices, ledger=ledger, models=models, payments=payments, providers=providers,
                           roster=roster, settings=settings)


class Billing:
    """A test's view of billing through the API, with shortcuts for set-up."""

    def __init__(self, system):
        self.system, self.api, self.b = system, system.api, billing()
        self.admin = system.token("admin", AGENCY, "admin-1")
        self.worker = system.token("worker", AGENCY, "w1")

    def client(self, person_id: str, agency_id: str = AGENCY) -> str:
        return self.system.token("client", agency_id, person_id)

    def settings(self, **changes) -> dict:
        version = self.api.get("/billing/settings", token=self.admin).json["version"]
        reply = self.api.put("/billing/settings", token=self.admin,
                             json={"payments_enabled": True, **changes, "version": version})
        assert reply.status == 200, reply.json
        return reply.json

    def people(self, *person_ids: str, role: str = "client", agency_id: str = AGENCY, version: int = 1) -> None:
        """Billing hears of people as requests tells it (requests.person.registered, through its consumer)."""
        from portalkit.testing.messages import new_queue_message

        consumer = load_app("billing").consumers.consumer
        for person_id in person_ids:
            verb = "registered" if version == 1 else "updated"
            assert consumer.handle_message(new_queue_message(
                f"requests.person.{verb}", agency_id=agency_id, subject_id=person_id, subject_version=version,
                data={"person_id": person_id, "name": f"Name {person_id}", "email": f"{person_id}@a.test",
                      "role": role, "email_consent": True})) == "applied"

    def service(self, service_id: str, participants: list[str], name: str = "Counselling",
                agency_id: str = AGENCY) -> None:
        m = self.b.models
        m.ServiceItem(m.agency_pk(agency_id), f"SERVICE#{service_id}", name=name, status="open",
                      participant_ids=set(participants), version=1).save()

    def invoice(self, client_id: str, *amounts: int, service_id: str | None = None, token: str | None = None) -> dict:
        lines = [{"description": f"Line {i}", "amount": a} for i, a in enumerate(amounts, start=1)]
        body = {"client_id": client_id, "lines": lines} | ({"service_id": service_id} if service_id else {})
        reply = self.api.post("/billing/invoices", token=token or self.worker, json=body)
        assert reply.status == 201, reply.json
        return reply.json

    def pay(self, client_token: str, invoice_id: str, amount: int, key: str | None = "key-1",
            payment_token: str = "tok_visa", **extra):
        headers = {"Idempotency-Key": key} if key else {}
        return self.api.post(f"/billing/me/invoices/{invoice_id}/payments", token=client_token, headers=headers,
                             json={"amount": amount, "payment_token": payment_token, **extra})

    def webhook(self, provider: str, event: dict, secret: str = SANDBOX_SECRET, timestamp: int | None = None,
                signature: str | None = None):
        payload = json.dumps(event).encode()
        header = signature or self.b.providers.sign(payload, secret, timestamp)
        return self.post_raw(provider, payload, header)

    def post_raw(self, provider: str, payload: bytes, header: str):
        from tests.support import Reply

        status, headers, body = self.api.gateway.handle(
            "POST", f"/billing/webhooks/{provider}", {"Content-Type": "application/json", "Stripe-Signature": header},
            payload)
        return Reply(status, headers, body)


def intent_event(event_type: str, payment_id: str, ref: str, amount: int, client_id: str,
                 agency_id: str = AGENCY, event_id: str = "evt_1", **extra) -> dict:
    """A provider's webhook event about a PaymentIntent, as Stripe sends it."""
    return {"id": event_id, "object": "event", "type": event_type, "created": 1_800_000_000,
            "data": {"object": {"id": ref, "object": "payment_intent", "amount": amount, "currency": "usd",
                                "status": event_type.rsplit(".", 1)[1],
                                "metadata": {"agency_id": agency_id, "client_id": client_id,
                                             "payment_id": payment_id}, **extra}}}


def books(agency_id: str, client_id: str) -> dict:
    """Check that the account's and every invoice's running balances are the sums of the ledger's entries, and that
    the Account History has a line for each entry that moved the balance, in positions 1..n, each line's balance the
    sum of the lines up to it."""
    m = billing().models
    items = list(m.Item._get_connection().query(m.account_pk(agency_id, client_id), consistent_read=True)
                 .get("Items", []))
    entries = [m.EntryItem.from_raw_data(i) for i in items if i["sk"]["S"].startswith("ENTRY#")]
    invoices = [m.InvoiceItem.from_raw_data(i) for i in items if i["sk"]["S"].startswith("INVOICE#")]
    account = next((m.AccountItem.from_raw_data(i) for i in items if i["sk"]["S"] == "ACCOUNT"), None)
    sums, kinds = Counter(), Counter()
    for e in entries:
        sums["balance"] += int(e.amount)
        sums["credit"] += int(e.invoice_amount) - int(e.amount)
        if e.invoice_id:
            sums[e.invoice_id] += int(e.invoice_amount)
        kinds[e.kind] += int(e.amount)
    stored = {name: int(getattr(account, name) or 0) if account else 0
              for name in ("balance", "credit", "invoiced", "paid", "refunded", "credited")}
    assert stored["balance"] == sums["balance"], (stored, sums)
    assert stored["credit"] == sums["credit"] >= 0, (stored, sums)
    assert stored["invoiced"] == kinds["invoice"] + kinds["void"]
    assert stored["paid"] == -kinds["payment"]
    assert stored["refunded"] == kinds["refund"]
    assert stored["credited"] == -kinds["credit"]
    for invoice in invoices:
        assert int(invoice.balance) == sums[invoice.invoice_id], (invoice.number, invoice.balance, sums)
        assert 0 <= int(invoice.balance) <= int(invoice.total)
        assert 0 <= int(invoice.pending or 0) <= int(invoice.balance)
    assert stored["balance"] == sum(int(i.balance) for i in invoices) - stored["credit"]
    lines = [m.HistoryItem.from_raw_data(i) for i in items if i["sk"]["S"].startswith(m.HISTORY)]  # by position
    running = 0
    for position, line in enumerate(lines, start=1):
        running += int(line.amount)
        assert (line.sk, int(line.balance)) == (m.history_sk(position), running), (position, line.entry_id)
    assert running == stored["balance"] and int(account.position or 0 if account else 0) == len(lines)
    assert sorted((line.entry_id, int(line.amount)) for line in lines) == sorted(
        (e.entry_id, int(e.amount)) for e in entries if int(e.amount))
    return {"account": stored, "invoices": {i.invoice_id: (int(i.balance), i.status) for i in invoices},
            "entries": len(entries), "history": len(lines)}


# -- any sequence of money movements on one account (property tests) ---------------------------------------

_amounts = st.integers(min_value=1, max_value=20_000)
_pick = st.integers(min_value=0, max_value=50)  # which invoice or payment, modulo how many exist
LEDGER_STEPS = st.lists(st.one_of(
    st.tuples(st.just("invoice"), st.lists(_amounts, min_size=1, max_size=3)),
    st.tuples(st.just("cash"), _pick, _amounts),
    st.tuples(st.just("card"), _pick, _amounts),
    st.tuples(st.just("credit"), st.one_of(st.none(), _pick), _amounts),
    st.tuples(st.just("refund"), _pick, st.one_of(st.none(), _amounts)),
    st.tuples(st.just("void"), _pick),
), min_size=1, max_size=10)

_clients = itertools.count()


def fresh_client(bill: Billing) -> str:
    """A new client of the agency (the table is shared between examples), with online payments on."""
    from portalkit.identity import ADMIN, Identity

    settings = bill.b.settings
    if settings.load_settings(AGENCY).version == 0:
        settings.update_settings(Identity(AGENCY, "admin-1", ADMIN), {"payments_enabled": True}, expected_version=0)
    client_id = f"prop-{next(_clients)}"
    bill.people(client_id)
    return client_id


def _nth(items: list, i: int):
    return items[i % len(items)] if items else None


def apply_steps(bill: Billing, client_id: str, steps: list, after_each: Callable[[], object] = lambda: None) -> int:
    """Apply LEDGER_STEPS to a client's account through the use cases; how many a rule refused (nothing moved)."""
    from portalkit.errors import PortalError
    from portalkit.identity import ADMIN, CLIENT, Identity

    b = bill.b
    staff, client = Identity(AGENCY, "admin-1", ADMIN), Identity(AGENCY, client_id, CLIENT)
    invoices, payments, refused, keys = [], [], 0, itertools.count()
    for step in steps:
        kind = step[0]
        try:
            if kind == "invoice":
                lines = tuple((f"Line {i}", a) for i, a in enumerate(step[1]))
                draft = b.domain.Draft(client_id=client_id, lines=lines)
                invoices.append(b.invoices.issue_manual(staff, draft, None, None)[1]["invoice_id"])
            elif kind == "cash" and invoices:
                payments.append(b.payments.record_payment(staff, _nth(invoices, step[1]), step[2], "cash", None,
                                                          None, None)[1]["payment_id"])
            elif kind == "card" and invoices:
                answer = b.payments.pay(client, _nth(invoices, step[1]), step[2], "tok_visa", None, f"k{next(keys)}")[1]
                payments.append(answer["payment_id"])
            elif kind == "credit":
                invoice_id = _nth(invoices, step[1]) if step[1] is not None else None
                b.credits.issue_credit(staff, client_id, step[2], "goodwill", invoice_id, None, None)
            elif kind == "refund" and payments:
                b.payments.refund(staff, _nth(payments, step[1]), step[2], None, None)
            elif kind == "void" and invoices:
                b.invoices.void_invoice(staff, _nth(invoices, step[1]), None)
        except PortalError:
            refused += 1  # refused by a rule (more than the balance, a paid invoice's void, ...): nothing moved
        after_each()
    return refused


# -- Stripe, through the SDK's HTTP client seam ----------------------------------------------------------

WEBHOOK_SECRET = "whsec_test_agency_a"


class RecordedStripe:
    """Stripe's API as recorded answers, in order per path; keeps every request the SDK sent."""

    def __init__(self):
        import stripe

        outer = self

        class Client(stripe.HTTPClient):
            name = "recorded"

            def request(self, method, url, headers, post_data=None, *, _usage=None):
                return outer.answer(method, url, dict(headers or {}), post_data)

            def close(self):
                pass

        self.client = Client()
        self.answers: dict[str, list[tuple[int, dict]]] = {}
        self.requests: list[dict] = []

    def expect(self, path: str, status: int, body: dict) -> None:
        self.answers.setdefault(path, []).append((status, body))

    def answer(self, method, url, headers, post_data):
        path = url.split("api.stripe.com", 1)[1]
        self.requests.append({"method": method, "path": path, "headers": headers, "data": post_data})
        status, body = self.answers[path].pop(0)
        return json.dumps(body), status, {"request-id": f"req_{len(self.requests)}"}


def intent(intent_id: str, status: str, amount: int, **extra) -> dict:
    return {"id": intent_id, "object": "payment_intent", "amount": amount, "currency": "usd", "status": status,
            "metadata": {}, **extra}


@contextmanager
def recorded_stripe(bill: Billing, monkeypatch):
    """The agency on Stripe, its keys in Secrets Manager and the SDK answering from recorded responses."""
    providers = bill.b.providers
    providers._secrets.clear()
    bill.system.clients("secretsmanager").create_secret(
        Name="portal/test/billing/agency-a/stripe",
        SecretString=json.dumps({"api_key": "sk_test_agency_a", "webhook_secret": WEBHOOK_SECRET}))
    recorded = RecordedStripe()
    monkeypatch.setattr(providers, "stripe_http_client", recorded.client)
    assert bill.settings(provider="stripe")["provider"] == "stripe"
    try:
        yield recorded
    finally:
        providers._secrets.clear()
