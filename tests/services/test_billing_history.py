"""The Account History (`GET /billing/me/history`, `GET /billing/clients/{id}/history`): every entry that moved the
client's balance, newest first, with the balance after each, across pages, by service; who sees it; its calls."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings

from infra.local.system import load_app
from portalkit.testing.messages import new_queue_message
from tests.billing_support import AGENCY, LEDGER_STEPS, OTHER_AGENCY, Billing, apply_steps, books, fresh_client
from tests.support import TEST_NOW, examples


@pytest.fixture
def bill(system) -> Billing:
    bill = Billing(system)
    bill.settings()
    bill.people("c1", "c2")
    bill.service("s1", ["c1", "c2"])
    return bill


def error(reply) -> tuple[int, str | None, str | None]:
    body = (reply.json or {}).get("error", {})
    return reply.status, body.get("code"), body.get("field")


def whole_history(bill: Billing, path: str, token: str) -> list[dict]:
    """Every page of a history, following the cursors."""
    entries, cursor = [], None
    while True:
        reply = bill.api.get(path + (f"{'&' if '?' in path else '?'}cursor={cursor}" if cursor else ""), token=token)
        assert reply.status == 200, reply.json
        entries += reply.json["entries"]
        cursor = reply.json["cursor"]
        if cursor is None:
            return entries


def a_month_of_money(bill: Billing) -> dict:
    """Two invoices, a cash payment, a credit, a refund, a void and a card payment on c1's account."""
    first = bill.invoice("c1", 10000, service_id="s1")
    second = bill.invoice("c1", 3000)
    cash = bill.api.post(f"/billing/invoices/{first['invoice_id']}/payments", token=bill.worker,
                         json={"amount": 4000, "method": "cash"}).json
    assert bill.api.post("/billing/clients/c1/credits", token=bill.worker,
                         json={"amount": 1000, "reason": "Goodwill"}).status == 201  # applied to the oldest
    assert bill.api.post(f"/billing/payments/{cash['payment_id']}/refund", token=bill.worker,
                         json={"amount": 1500, "reason": "Overcharged"}).status == 201
    assert bill.api.post(f"/billing/invoices/{second['invoice_id']}/void", token=bill.worker,
                         json={"reason": "Issued in error"}).status == 200
    assert bill.pay(bill.client("c1"), first["invoice_id"], 2000).json["status"] == "succeeded"
    return {"first": first, "second": second}


def test_the_history_lists_every_move_of_the_balance_newest_first_with_the_balance_after_each(bill):
    invoices = a_month_of_money(bill)
    first, second = invoices["first"]["invoice_id"], invoices["second"]["invoice_id"]
    reply = bill.api.get("/billing/me/history", token=bill.client("c1"))
    assert reply.status == 200 and reply.json["cursor"] is None
    entries = reply.json["entries"]
    assert [(e["kind"], e["amount"], e["balance"], e["invoice_id"], e["service_id"]) for e in entries] == [
        ("payment", -2000, 4500, first, "s1"),
        ("void", -3000, 6500, second, None),
        ("refund", 1500, 9500, first, "s1"),
        ("credit", -1000, 8000, None, None),
        ("payment", -4000, 9000, first, "s1"),
        ("invoice", 3000, 13000, second, None),
        ("invoice", 10000, 10000, first, "s1"),
    ]
    assert [e["description"] for e in entries] == [
        "Payment of invoice INV-000001 by card",
        "Invoice INV-000002 voided: Issued in error",
        "Refund of a payment of invoice INV-000001 by cash: Overcharged",
        "Credit: Goodwill",
        "Payment of invoice INV-000001 by cash",
        "Invoice INV-000002: Line 1",
        "Invoice INV-000001: Line 1",
    ]
    at = datetime.fromtimestamp(TEST_NOW, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # the pinned clock, in UTC
    assert {(e["currency"], e["at"]) for e in entries} == {("USD", at)}
    assert [e["invoice_number"] for e in entries][:2] == ["INV-000001", "INV-000002"]
    assert entries[0]["balance"] == bill.api.get("/billing/me/account", token=bill.client("c1")).json["balance"]
    staff = bill.api.get("/billing/clients/c1/history", token=bill.worker).json
    assert staff == reply.json  # staff see the client's own words
    assert books(AGENCY, "c1")["history"] == 7  # the credit applied to INV-000001 moved no balance: no line


def test_pages_continue_the_running_balance_with_one_query_each(bill, calls, monkeypatch):
    monkeypatch.setattr(bill.b.account, "PAGE_SIZE", 3)
    a_month_of_money(bill)
    c1 = bill.client("c1")
    everything = whole_history(bill, "/billing/me/history", c1)
    assert len(everything) == 7
    for newer, older in itertools.pairwise(everything):
        assert newer["balance"] == older["balance"] + newer["amount"]
    assert everything[-1]["balance"] == everything[-1]["amount"]  # the first entry starts from nothing
    pages, cursor = [], None
    for _ in range(3):
        calls.reset()
        page = bill.api.get("/billing/me/history" + (f"?cursor={cursor}" if cursor else ""), token=c1).json
        assert dict(calls.by_operation("dynamodb")) == {"Query": 1}  # the same on every page
        pages.append(page["entries"])
        cursor = page["cursor"]
    assert [len(p) for p in pages] == [3, 3, 1] and [e for p in pages for e in p] == everything
    assert pages[1][0]["balance"] == pages[0][-1]["balance"] - pages[0][-1]["amount"]  # page 2 goes on from page 1
    calls.reset()
    assert bill.api.get("/billing/clients/c1/history", token=bill.worker).status == 200
    assert dict(calls.by_operation("dynamodb")) == {"GetItem": 1, "Query": 1}  # the roster's word, then the page


def test_a_page_read_while_the_client_pays_still_continues_the_page_before(bill, monkeypatch):
    monkeypatch.setattr(bill.b.account, "PAGE_SIZE", 2)
    invoice = bill.invoice("c1", 5000)
    bill.invoice("c1", 700)
    bill.invoice("c1", 300)
    c1 = bill.client("c1")
    first = bill.api.get("/billing/me/history", token=c1).json
    assert [e["balance"] for e in first["entries"]] == [6000, 5700]
    assert bill.pay(c1, invoice["invoice_id"], 5000).json["status"] == "succeeded"  # a new newest entry meanwhile
    second = bill.api.get(f"/billing/me/history?cursor={first['cursor']}", token=c1).json
    assert [(e["amount"], e["balance"]) for e in second["entries"]] == [(5000, 5000)]  # older entries never change
    assert bill.api.get("/billing/me/history", token=c1).json["entries"][0]["balance"] == 1000


def test_the_history_of_one_service_keeps_the_accounts_balance(bill):
    a_month_of_money(bill)
    c1 = bill.client("c1")
    everything = whole_history(bill, "/billing/me/history", c1)
    of_s1 = whole_history(bill, "/billing/me/history?service_id=s1", c1)
    assert of_s1 == [e for e in everything if e["service_id"] == "s1"]
    assert [(e["kind"], e["balance"]) for e in of_s1] == [("payment", 4500), ("refund", 9500), ("payment", 9000),
                                                        ("invoice", 10000)]
    assert whole_history(bill, "/billing/clients/c1/history?service_id=s1", bill.worker) == of_s1
    assert whole_history(bill, "/billing/me/history?service_id=s-other", c1) == []


def test_a_late_cancellation_fee_is_an_invoice_of_its_service_in_words(bill):
    bill.api.put("/billing/fees", token=bill.worker, json={"late_cancel_fee": 2500})
    event = {"event_id": "e1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1"], "late": True,
             "late_fee": True, "cancelled_by": "client", "cancelled_by_id": "c1",
             "start": "2026-06-12T14:00:00Z", "end": "2026-06-12T15:00:00Z", "local_start": "2026-06-12T10:00:00-04:00"}
    body = new_queue_message("requests.event.cancelled", agency_id=AGENCY, subject_id="e1", subject_version=3,
                             data=event)
    assert load_app("billing").consumers.consumer.handle_message(body) == "applied"
    (entry,) = bill.api.get("/billing/me/history", token=bill.client("c1")).json["entries"]
    assert (entry["kind"], entry["amount"], entry["balance"], entry["service_id"]) == ("invoice", 2500, 2500, "s1")
    assert entry["description"] == "Invoice INV-000001: Late cancellation: Counselling, 2026-06-12"


def test_only_the_client_and_the_agencys_staff_see_a_history_and_cursors_are_bound_to_it(bill, monkeypatch):
    monkeypatch.setattr(bill.b.account, "PAGE_SIZE", 2)
    a_month_of_money(bill)
    c1, c2 = bill.client("c1"), bill.client("c2")
    assert bill.api.get("/billing/me/history", token=c2).json == {"entries": [], "cursor": None}
    assert bill.api.get("/billing/me/history", token=bill.client("c1", OTHER_AGENCY)).json["entries"] == []
    assert bill.api.get("/billing/clients/c1/history", token=c1).status == 403
    assert bill.api.get("/billing/me/history", token=bill.worker).status == 403
    assert bill.api.get("/billing/clients/c1/history", token=bill.admin).status == 200
    other_staff = bill.system.token("worker", OTHER_AGENCY, "w9")
    assert error(bill.api.get("/billing/clients/c1/history", token=other_staff))[0] == 404
    bill.people("w1", role="worker")
    for someone in ("w1", "nobody"):
        assert error(bill.api.get(f"/billing/clients/{someone}/history", token=bill.worker))[0] == 404
    assert bill.api.get("/billing/clients/c2/history", token=bill.worker).json["entries"] == []
    cursor = bill.api.get("/billing/me/history", token=c1).json["cursor"]
    transactions = bill.api.get("/billing/me/transactions", token=c1).json
    for forged in (cursor[:-4] + "AAAA", "not-a-cursor", transactions["cursor"] or "e30"):
        assert error(bill.api.get(f"/billing/me/history?cursor={forged}", token=c1))[::2] == (400, "cursor")
    assert error(bill.api.get(f"/billing/me/history?cursor={cursor}", token=c2))[::2] == (400, "cursor")
    assert error(bill.api.get(f"/billing/clients/c2/history?cursor={cursor}", token=bill.worker))[::2] == (
        400, "cursor")


@settings(max_examples=examples(15), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=LEDGER_STEPS)
def test_every_entrys_balance_is_the_sum_of_the_entries_up_to_it(system, steps):
    bill = Billing(system)
    bill.b.account.PAGE_SIZE, page_size = 3, bill.b.account.PAGE_SIZE  # several pages from ten steps
    try:
        client_id = fresh_client(bill)
        apply_steps(bill, client_id, steps)
        newest_first = whole_history(bill, "/billing/me/history", bill.client(client_id))
    finally:
        bill.b.account.PAGE_SIZE = page_size
    oldest_first = newest_first[::-1]
    for n, entry in enumerate(oldest_first):
        assert entry["balance"] == sum(e["amount"] for e in oldest_first[:n + 1])
    account = bill.api.get("/billing/me/account", token=bill.client(client_id)).json
    assert (newest_first[0]["balance"] if newest_first else 0) == account["balance"]
    assert books(AGENCY, client_id)["history"] == len(newest_first)
