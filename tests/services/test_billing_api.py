"""Billing's routes through the gateway: settings and fees, invoices, offline payments, credits, voids, refunds,
the client's account, authorization, and the DynamoDB calls of each read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infra.local.system import load_app
from portalkit.testing.messages import new_queue_message
from tests.billing_support import AGENCY, OTHER_AGENCY, Billing, books
from tests.support import examples, schema_events


@pytest.fixture
def bill(system) -> Billing:
    bill = Billing(system)
    bill.settings()
    bill.people("c1", "c2", "c3")
    bill.service("s1", ["c1", "c2"])
    return bill


def error(reply) -> tuple[int, str | None, str | None]:
    body = (reply.json or {}).get("error", {})
    return reply.status, body.get("code"), body.get("field")


# -- settings and fees ----------------------------------------------------------------------------------


def test_settings_default_to_usd_sandbox_without_online_payments_and_only_admins_change_them(system):
    bill = Billing(system)
    assert bill.api.get("/billing/settings", token=bill.worker).json == {
        "currency": "USD", "payments_enabled": False, "provider": "sandbox", "version": 0}
    assert bill.api.put("/billing/settings", token=bill.worker, json={"currency": "EUR"}).status == 403
    assert bill.api.get("/billing/settings", token=bill.client("c1")).status == 403
    assert error(bill.api.put("/billing/settings", token=bill.admin, json={"currency": "EURO"})) == (
        400, "invalid_field", "currency")
    stripe = bill.api.put("/billing/settings", token=bill.admin, json={"provider": "stripe", "version": 0})
    assert error(stripe) == (400, "provider_not_configured", "provider")
    assert bill.settings(currency="EUR")["currency"] == "EUR"
    bill.people("c9")
    bill.invoice("c9", 1000)
    assert error(bill.api.put("/billing/settings", token=bill.admin, json={"currency": "USD", "version": 1})) == (
        409, "currency_locked", None)
    assert bill.api.get("/billing/me/account", token=bill.client("c9")).json["currency"] == "EUR"


def test_settings_change_only_on_the_version_read(system):
    bill = Billing(system)
    put = lambda body: error(bill.api.put("/billing/settings", token=bill.admin, json=body))  # noqa: E731
    assert put({"payments_enabled": True}) == (400, "missing_field", "version")
    assert bill.api.put("/billing/settings", token=bill.admin, json={"payments_enabled": True, "version": 0}
                        ).json["version"] == 1
    assert put({"currency": "EUR", "version": 0}) == (409, "version_conflict", None)  # read before the change
    assert bill.api.get("/billing/settings", token=bill.admin).json == {
        "currency": "USD", "payments_enabled": True, "provider": "sandbox", "version": 1}


def test_a_service_takes_its_own_fees_else_the_agencys_default(bill):
    api = bill.api
    assert api.get("/billing/services/s1/fees", token=bill.worker).json["source"] is None
    assert api.put("/billing/fees", token=bill.worker, json={"event_fee": 9000, "no_show_fee": 3000}).status == 200
    assert api.get("/billing/services/s1/fees", token=bill.worker).json == {
        "service_id": "s1", "event_fee": 9000, "no_show_fee": 3000, "late_cancel_fee": None, "currency": "USD",
        "source": "agency"}
    body = {"event_fee": 8000, "no_show_fee": 0, "late_cancel_fee": 2500, "currency": "USD"}
    assert api.put("/billing/services/s1/fees", token=bill.worker, json=body).json["source"] == "service"
    assert api.get("/billing/services/s1/fees", token=bill.admin).json == {
        "service_id": "s1", "event_fee": 8000, "no_show_fee": None, "late_cancel_fee": 2500, "currency": "USD",
        "source": "service"}
    assert error(api.put("/billing/services/s1/fees", token=bill.worker, json={"event_fee": -1})) == (
        400, "invalid_field", "event_fee")
    assert error(api.put("/billing/services/s1/fees", token=bill.worker, json={"event_fee": 1, "currency": "EUR"})
                 ) == (400, "wrong_currency", "currency")
    assert api.put("/billing/services/s1/fees", token=bill.client("c1"), json={"event_fee": 1}).status == 403


def test_a_client_reads_the_fees_of_their_own_services_only(bill):
    api = bill.api
    bill.service("s2", ["c3"])
    assert api.get("/billing/me/services/s1/fees", token=bill.client("c1")).json["late_cancel_fee"] is None
    api.put("/billing/fees", token=bill.worker, json={"late_cancel_fee": 2500})
    assert api.get("/billing/me/services/s1/fees", token=bill.client("c2")).json == {
        "service_id": "s1", "event_fee": None, "no_show_fee": None, "late_cancel_fee": 2500, "currency": "USD",
        "source": "agency"}
    api.put("/billing/services/s1/fees", token=bill.worker, json={"late_cancel_fee": 4000})
    assert api.get("/billing/me/services/s1/fees", token=bill.client("c1")).json["late_cancel_fee"] == 4000
    assert error(api.get("/billing/me/services/s2/fees", token=bill.client("c1")))[0] == 404  # not theirs
    assert error(api.get("/billing/me/services/s9/fees", token=bill.client("c1")))[0] == 404  # no such service
    assert api.get("/billing/me/services/s1/fees", token=bill.worker).status == 403


# -- invoices ------------------------------------------------------------------------------------------


def test_staff_issue_numbered_invoices_with_lines_that_only_their_client_sees(bill):
    first = bill.invoice("c1", 8000, 1500, service_id="s1")
    second = bill.invoice("c2", 500)
    assert (first["number"], second["number"]) == ("INV-000001", "INV-000002")
    assert first | {"invoice_id": None, "issued_at": None} == {
        "invoice_id": None, "number": "INV-000001", "client_id": "c1", "service_id": "s1", "event_id": None,
        "currency": "USD", "total": 9500, "balance": 9500, "paid": 0, "credited": 0, "payment_pending": 0,
        "status": "open", "issued_at": None, "due_date": None, "voided_at": None, "void_reason": None,
        "lines": [{"description": "Line 1", "amount": 8000}, {"description": "Line 2", "amount": 1500}]}
    c1, c2 = bill.client("c1"), bill.client("c2")
    mine = bill.api.get(f"/billing/me/invoices/{first['invoice_id']}", token=c1)
    assert mine.status == 200 and mine.json == first
    assert bill.api.get(f"/billing/invoices/{first['invoice_id']}", token=bill.worker).json == first
    assert error(bill.api.get(f"/billing/me/invoices/{first['invoice_id']}", token=c2)) == (404, "not_found", None)
    outsider = bill.client("c1", OTHER_AGENCY)
    assert bill.api.get(f"/billing/me/invoices/{first['invoice_id']}", token=outsider).status == 404
    assert bill.api.get("/billing/me/invoices", token=outsider).json["invoices"] == []
    other_staff = bill.system.token("admin", OTHER_AGENCY, "admin-b")
    assert bill.api.get(f"/billing/invoices/{first['invoice_id']}", token=other_staff).status == 404
    assert bill.api.post(f"/billing/invoices/{first['invoice_id']}/void", token=other_staff).status == 404
    assert bill.api.get("/billing/me/account", token=c1).json == {
        "client_id": "c1", "currency": "USD", "balance": 9500, "invoiced": 9500, "paid": 0, "refunded": 0,
        "credited": 0, "credit_available": 0, "payments_enabled": True,
        "provider": "sandbox", "publishable_key": None}


def test_only_staff_issue_void_credit_refund_and_see_other_accounts(bill):
    invoice = bill.invoice("c1", 1000)
    c1 = bill.client("c1")
    assert bill.api.post("/billing/invoices", token=c1, json={"client_id": "c1", "lines": []}).status == 403
    assert bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/void", token=c1).status == 403
    assert bill.api.post("/billing/clients/c1/credits", token=c1, json={"amount": 1, "reason": "x"}).status == 403
    assert bill.api.post("/billing/payments/pay_x/refund", token=c1).status == 403
    assert bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/payments", token=c1,
                         json={"amount": 1, "method": "cash"}).status == 403
    assert bill.api.get("/billing/clients/c2/account", token=c1).status == 403
    assert bill.api.get("/billing/clients/c1/account", token=bill.worker).json["balance"] == 1000
    assert bill.api.get("/billing/me/account", token=bill.worker).status == 403


def test_staff_bill_credit_and_look_up_only_the_agencys_clients(bill):
    bill.people("w1", role="worker")
    bill.people("c-elsewhere", agency_id=OTHER_AGENCY)
    line = [{"description": "Session", "amount": 100}]
    for someone in ("nobody", "w1", "c-elsewhere"):  # unknown, a worker, another agency's client
        issued = bill.api.post("/billing/invoices", token=bill.worker, json={"client_id": someone, "lines": line})
        assert error(issued) == (400, "unknown_client", "client_id"), someone
        credited = bill.api.post(f"/billing/clients/{someone}/credits", token=bill.worker,
                                 json={"amount": 100, "reason": "Goodwill"})
        assert error(credited) == (404, "not_found", None)
        for page in ("account", "invoices", "transactions"):
            assert error(bill.api.get(f"/billing/clients/{someone}/{page}", token=bill.admin)) == (
                404, "not_found", None), (someone, page)
    assert bill.invoice("c1", 100)["number"] == "INV-000001"  # no number was taken by the refusals
    assert bill.api.get("/billing/clients/c1/account", token=bill.worker).json["balance"] == 100


def test_the_newest_roster_version_decides_who_is_a_client(bill):
    bill.people("p1", role="worker", version=3)
    bill.people("p1", role="client", version=2)  # older, arriving late: changes nothing
    assert bill.api.get("/billing/clients/p1/account", token=bill.worker).status == 404
    bill.people("p1", role="client", version=4)
    assert bill.api.get("/billing/clients/p1/account", token=bill.worker).status == 200
    bill.invoice("p1", 500)
    bill.people("p1", role="admin", version=5)  # no longer a client: staff bill them no more
    reply = bill.api.post("/billing/invoices", token=bill.worker,
                          json={"client_id": "p1", "lines": [{"description": "Session", "amount": 100}]})
    assert error(reply) == (400, "unknown_client", "client_id")
    # ... but what they owe from when they were one stays in sight
    assert bill.api.get("/billing/clients/p1/account", token=bill.worker).json["balance"] == 500
    assert len(bill.api.get("/billing/clients/p1/invoices", token=bill.worker).json["invoices"]) == 1
    assert bill.api.get("/billing/clients/p1/transactions", token=bill.worker).status == 200


def test_a_bad_invoice_line_is_refused_naming_the_field(bill):
    line = {"description": "Session", "amount": 0}  # the other bad lines: tests/domain/test_billing_bodies.py
    reply = bill.api.post("/billing/invoices", token=bill.worker, json={"client_id": "c1", "lines": [line]})
    assert error(reply) == (400, "invalid_field", "lines[0].amount")


def test_bad_invoices_are_refused_naming_the_field(bill):
    post = lambda body: error(bill.api.post("/billing/invoices", token=bill.worker, json=body))  # noqa: E731
    line = [{"description": "Session", "amount": 100}]
    assert post({"lines": line}) == (400, "missing_field", "client_id")
    assert post({"client_id": "c1", "lines": line, "service_id": "nope"})[::2] == (400, "service_id")
    assert post({"client_id": "c3", "lines": line, "service_id": "s1"})[::2] == (400, "client_id")
    assert post({"client_id": "c1", "lines": line, "currency": "EUR"}) == (400, "wrong_currency", "currency")
    assert post({"client_id": "c1", "lines": line, "total": 5}) == (400, "unknown_field", "total")
    assert bill.api.get("/billing/me/invoices", token=bill.client("c1")).json["invoices"] == []


# -- offline payments, voids, credits and refunds -------------------------------------------------------


def test_offline_payments_move_an_invoice_from_open_to_paid_never_below_zero(bill):
    invoice = bill.invoice("c1", 10000)
    path = f"/billing/invoices/{invoice['invoice_id']}/payments"
    first = bill.api.post(path, token=bill.worker, json={"amount": 4000, "method": "cash"})
    assert first.status == 201 and first.json["status"] == "succeeded"
    assert bill.api.get(f"/billing/me/invoices/{invoice['invoice_id']}", token=bill.client("c1")).json[
        "status"] == "partially_paid"
    assert error(bill.api.post(path, token=bill.worker, json={"amount": 6001, "method": "cheque"})) == (
        400, "amount_exceeds_balance", "amount")
    assert error(bill.api.post(path, token=bill.worker, json={"amount": 100, "method": "cash", "currency": "CAD"})
                 ) == (400, "wrong_currency", "currency")
    assert error(bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/void", token=bill.worker)) == (
        409, "invoice_paid", None)
    assert bill.api.post(path, token=bill.worker, json={"amount": 6000, "method": "transfer"}).status == 201
    account = bill.api.get("/billing/me/account", token=bill.client("c1")).json
    assert (account["balance"], account["invoiced"], account["paid"]) == (0, 10000, 10000)
    assert books(AGENCY, "c1")["invoices"] == {invoice["invoice_id"]: (0, "paid")}
    assert error(bill.api.post("/billing/invoices/nope/payments", token=bill.worker,
                               json={"amount": 1, "method": "cash"}))[0] == 404


def test_a_void_reverses_an_unpaid_invoice_with_an_entry(bill):
    invoice = bill.invoice("c1", 2500)
    reply = bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/void", token=bill.worker,
                          json={"reason": "Issued in error"})
    assert reply.status == 200
    assert (reply.json["status"], reply.json["balance"], reply.json["void_reason"]) == ("void", 0, "Issued in error")
    assert error(bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/void", token=bill.worker))[:2] == (
        409, "invoice_void")
    assert bill.api.get("/billing/me/account", token=bill.client("c1")).json["balance"] == 0
    assert books(AGENCY, "c1")["entries"] == 2  # the invoice and its reversal
    listed = bill.api.get("/billing/me/invoices?status=void", token=bill.client("c1")).json["invoices"]
    assert [i["invoice_id"] for i in listed] == [invoice["invoice_id"]]


def test_a_credit_pays_the_oldest_open_invoices_and_the_rest_waits_for_the_next_invoice(bill):
    old, new = bill.invoice("c1", 3000), bill.invoice("c1", 5000)
    reply = bill.api.post("/billing/clients/c1/credits", token=bill.worker,
                          json={"amount": 10000, "reason": "Goodwill"})
    assert reply.status == 201
    assert [(a["invoice_id"], a["amount"]) for a in reply.json["applied"]] == [
        (old["invoice_id"], 3000), (new["invoice_id"], 5000)]
    assert reply.json["unapplied"] == 2000
    account = bill.api.get("/billing/me/account", token=bill.client("c1")).json
    assert (account["balance"], account["credit_available"], account["credited"]) == (-2000, 2000, 10000)
    later = bill.invoice("c1", 3500)
    assert (later["balance"], later["credited"], later["status"]) == (1500, 2000, "partially_paid")
    assert bill.api.get("/billing/me/account", token=bill.client("c1")).json["credit_available"] == 0
    assert error(bill.api.post("/billing/clients/c1/credits", token=bill.worker, json={
        "amount": 1501 + 0, "reason": "x", "invoice_id": later["invoice_id"]})) == (
        400, "amount_exceeds_balance", "amount")
    assert error(bill.api.post("/billing/clients/c2/credits", token=bill.worker, json={
        "amount": 1, "reason": "x", "invoice_id": later["invoice_id"]}))[::2] == (400, "invoice_id")
    # voiding an invoice that credit paid makes the credit available again
    voided = bill.api.post(f"/billing/invoices/{old['invoice_id']}/void", token=bill.worker).json
    assert voided["status"] == "void"
    account = bill.api.get("/billing/me/account", token=bill.client("c1")).json
    assert (account["balance"], account["credit_available"]) == (1500 - 3000, 3000)
    books(AGENCY, "c1")


def test_a_refund_gives_money_back_and_the_invoice_is_owed_again(bill):
    invoice = bill.invoice("c1", 4000)
    paid = bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/payments", token=bill.worker,
                         json={"amount": 4000, "method": "cash"}).json
    refund_path = f"/billing/payments/{paid['payment_id']}/refund"
    assert error(bill.api.post(refund_path, token=bill.worker, json={"amount": 4001})) == (
        400, "amount_exceeds_refundable", "amount")
    reply = bill.api.post(refund_path, token=bill.worker, json={"amount": 1500, "reason": "Overcharged"})
    assert reply.status == 201 and reply.json["status"] == "succeeded"
    assert bill.api.get(f"/billing/me/invoices/{invoice['invoice_id']}", token=bill.client("c1")).json[
        "balance"] == 1500
    assert bill.api.post(refund_path, token=bill.worker).json["amount"] == 2500  # the rest
    assert error(bill.api.post(refund_path, token=bill.worker))[:2] == (409, "payment_refunded")
    assert bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/void", token=bill.worker).status == 200
    assert bill.api.post("/billing/payments/nope/refund", token=bill.worker).status == 404
    transactions = bill.api.get("/billing/me/transactions", token=bill.client("c1")).json["transactions"]
    assert [(t["type"], t["amount"]) for t in transactions] == [("refund", 2500), ("refund", 1500), ("payment", 4000)]
    account = bill.api.get("/billing/me/account", token=bill.client("c1")).json
    assert (account["balance"], account["paid"], account["refunded"], account["invoiced"]) == (0, 4000, 4000, 0)
    books(AGENCY, "c1")


def test_lists_filter_by_service_and_status_and_page_with_a_cursor(bill, monkeypatch):
    monkeypatch.setattr(bill.b.account, "PAGE_SIZE", 2)
    ids = [bill.invoice("c1", 100 * (i + 1), service_id="s1" if i % 2 else None)["invoice_id"] for i in range(5)]
    c1 = bill.client("c1")
    first = bill.api.get("/billing/me/invoices", token=c1).json
    assert [i["invoice_id"] for i in first["invoices"]] == [ids[4], ids[3]]
    second = bill.api.get(f"/billing/me/invoices?cursor={first['cursor']}", token=c1).json
    assert [i["invoice_id"] for i in second["invoices"]] == [ids[2], ids[1]]
    by_service = bill.api.get("/billing/me/invoices?service_id=s1", token=c1).json
    assert [i["invoice_id"] for i in by_service["invoices"]] == [ids[3]]  # a page filters what one Query reads
    assert error(bill.api.get(f"/billing/me/invoices?cursor={first['cursor']}", token=bill.client("c2")))[::2] == (
        400, "cursor")


# -- events billing cannot apply as they are -------------------------------------------------------------------------


def consume(event_type: str, data: dict, subject_id: str = "e1", version: int = 2) -> str:
    """What billing's consumer answers for an event (a raise would send it towards the DLQ)."""
    body = new_queue_message(event_type, agency_id=AGENCY, subject_id=subject_id, subject_version=version, data=data)
    return load_app("billing").consumers.consumer.handle_message(body)


def test_outcomes_with_absurd_times_or_unknown_services_are_invoiced_as_best_can_be_never_raised_on(bill):
    bill.api.put("/billing/fees", token=bill.worker, json={"event_fee": 8000, "no_show_fee": 3000,
                                                          "late_cancel_fee": 2500})
    event = {"event_id": "e1", "service_id": "s-unknown", "worker_id": "w-unknown", "client_ids": ["c1", "c1"],
             "start": "2026-02-30T25:61:00Z", "end": "0001-01-01T00:00:00Z", "local_start": "2026-02-30T20:00:00+99:99"}
    assert consume("requests.event.attended", event) == "applied"
    assert consume("requests.event.no_show", {**event, "event_id": "e2", "start": "9999-12-31T23:59:59Z",
                                              "local_start": "9999-12-31T18:59:59-05:00"}, "e2") == "applied"
    for verb, extra in (("cancelled", {"late": True, "late_fee": True, "cancelled_by": "client",
                                       "cancelled_by_id": "nobody", "client_ids": []}),
                        ("attendee_left", {"late": True, "late_fee": True, "client_id": "c-unknown"})):
        assert consume(f"requests.event.{verb}", {**event, "event_id": "e3", **extra}, "e3", version=1) == "applied"
    assert consume("requests.service.opened", {"service_id": "s9", "name": "S", "status": "someday",
                                               "provider_ids": [], "participant_ids": [], "open_date": "0001-01-01"},
                   "s9", version=0) == "applied"
    c1 = bill.client("c1")
    lines = sorted(bill.api.get(f"/billing/me/invoices/{i['invoice_id']}", token=c1).json["lines"][0]["description"]
                   for i in bill.api.get("/billing/me/invoices", token=c1).json["invoices"])
    assert lines == ["Missed session (no-show): service, 9999-12-31", "Session: service"]  # 30 February is no day
    (left,) = bill.api.get("/billing/me/invoices", token=bill.client("c-unknown")).json["invoices"]
    assert (left["event_id"], left["total"]) == ("e3", 2500)  # the one who left, whom billing has not heard of
    books(AGENCY, "c1")


NEAR = st.integers(1_795_000_000, 1_800_000_000).map(lambda s: datetime.fromtimestamp(s - s % 300, UTC)
                                                     .strftime("%Y-%m-%dT%H:%M:%SZ"))


@settings(max_examples=examples(100), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=st.lists(schema_events("billing", ["c1", "c2", "w1", "s1", "e1"], NEAR), min_size=1, max_size=3))
def test_no_schema_valid_event_makes_the_consumer_raise(bill, events):
    bill.api.put("/billing/fees", token=bill.worker, json={"event_fee": 8000, "no_show_fee": 3000,
                                                          "late_cancel_fee": 2500})
    for event_type, data, version in events:
        subject = data.get("event_id") or data.get("service_id") or data.get("person_id") or AGENCY
        assert consume(event_type, data, subject, version) in ("applied", "duplicate")


# -- DynamoDB calls and the append-only ledger -----------------------------------------------------------


def test_reads_make_a_fixed_small_number_of_calls(bill, calls):
    for _ in range(3):
        invoice = bill.invoice("c1", 100, 200, 300)
        bill.api.post(f"/billing/invoices/{invoice['invoice_id']}/payments", token=bill.worker,
                      json={"amount": 100, "method": "cash"})
    c1, path = bill.client("c1"), f"/billing/me/invoices/{invoice['invoice_id']}"
    expected = {
        "/billing/me/account": {"GetItem": 2},
        "/billing/me/invoices": {"Query": 1},
        "/billing/me/transactions": {"Query": 1},
        path: {"GetItem": 1, "Query": 1},
    }
    for route, operations in expected.items():
        calls.reset()
        assert bill.api.get(route, token=c1).status == 200
        assert dict(calls.by_operation("dynamodb")) == operations, route
    calls.reset()
    assert bill.api.get(f"/billing/invoices/{invoice['invoice_id']}", token=bill.worker).status == 200
    assert dict(calls.by_operation("dynamodb")) == {"GetItem": 1, "Query": 1}
    staff = {"/billing/clients/c1/account": {"GetItem": 3}, "/billing/clients/c1/invoices": {"GetItem": 1, "Query": 1},
             "/billing/clients/c1/transactions": {"GetItem": 1, "Query": 1}}  # the roster's word, then the page
    for route, operations in staff.items():
        calls.reset()
        assert bill.api.get(route, token=bill.worker).status == 200
        assert dict(calls.by_operation("dynamodb")) == operations, route


def sent(calls, operation: str) -> list[dict]:
    """The request bodies of one DynamoDB operation (the hook sees them serialized)."""
    return [json.loads(p["body"]) for p in calls.params("dynamodb", operation)]


def ledger_writes(calls) -> list[str]:
    """Every update or delete of a ledger entry the recorded calls made (there must be none)."""
    found = []
    for op in ("UpdateItem", "DeleteItem"):
        found += [op for body in sent(calls, op) if body["Key"]["sk"]["S"].startswith("ENTRY#")]
    for body in sent(calls, "TransactWriteItems"):
        for item in body["TransactItems"]:
            for op in ("Update", "Delete"):
                if op in item and item[op]["Key"]["sk"]["S"].startswith("ENTRY#"):
                    found.append(op)
    return found


def test_no_ledger_entry_is_ever_updated_or_deleted(bill, calls):
    c1 = bill.client("c1")
    one, two = bill.invoice("c1", 5000), bill.invoice("c1", 3000)
    bill.api.post("/billing/clients/c1/credits", token=bill.worker, json={"amount": 1000, "reason": "x"})
    cash = bill.api.post(f"/billing/invoices/{one['invoice_id']}/payments", token=bill.worker,
                         json={"amount": 2000, "method": "cash"}).json
    bill.api.post(f"/billing/payments/{cash['payment_id']}/refund", token=bill.worker, json={"amount": 500})
    assert bill.pay(c1, two["invoice_id"], 3000).json["status"] == "succeeded"
    card = bill.pay(c1, one["invoice_id"], 500, key="k2").json
    bill.api.post(f"/billing/payments/{card['payment_id']}/refund", token=bill.worker)
    bill.api.post(f"/billing/payments/{cash['payment_id']}/refund", token=bill.worker)
    bill.api.post(f"/billing/invoices/{one['invoice_id']}/void", token=bill.worker)
    puts = [i["Put"]["Item"]["sk"]["S"] for body in sent(calls, "TransactWriteItems")
            for i in body["TransactItems"] if "Put" in i]
    assert sum(sk.startswith("ENTRY#") for sk in puts) == books(AGENCY, "c1")["entries"] >= 10
    assert ledger_writes(calls) == []
