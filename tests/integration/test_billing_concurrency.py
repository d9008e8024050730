"""Billing's contended writes against the local stack's serialized AWS endpoint: invoice numbers under 20 concurrent
invoicings, 10 concurrent full payments of one invoice, one Idempotency-Key used 5 times at once, and 8 writes on one
account at once (its Account History in order)."""

# The contest runs in a subprocess (python -m tests.integration.test_billing_concurrency), as availability's does:
# it starts the serialized moto server the local stack uses, provisions the declaration, races the billing
# consumer and payment handler from threads, and prints what it found as JSON.

from __future__ import annotations

import json
import sys
from collections import Counter

from tests import contest

AGENCY = "agency-a"
INVOICINGS, PAYMENTS, RETRIES, ONE_ACCOUNT = 20, 10, 5, 8


def test_twenty_concurrent_invoicings_take_every_number_once_without_gaps():
    result = contest_in_subprocess()["invoicing"]
    assert result["errors"] == []
    assert result["outcomes"] == {"applied": INVOICINGS}
    assert result["numbers"] == [f"INV-{n:06d}" for n in range(1, INVOICINGS + 1)]
    assert result["clients_invoiced"] == INVOICINGS
    assert result["counter"] == INVOICINGS


def test_ten_concurrent_full_payments_of_one_invoice_exactly_one_succeeds():
    result = contest_in_subprocess()["payments"]
    assert result["succeeded"] == 1
    assert result["refused"] == {"amount_exceeds_balance": PAYMENTS - 1}
    assert result["unexpected"] == []
    assert result["invoice"] == {"balance": 0, "paid": 3000 + 5000, "pending": 0, "status": "paid"}
    assert result["payment_entries"] == 1


def test_one_idempotency_key_used_five_times_at_once_charges_once_and_answers_the_same():
    result = contest_in_subprocess()["same_key"]
    assert result["unexpected"] == []
    assert len(result["answers"]) == 1 and result["answers"][0]["status"] == "succeeded"
    assert result["payment_entries"] == 1
    assert result["invoice_balance"] == 3000


def test_eight_writes_on_one_account_at_once_leave_its_history_in_order_with_true_balances():
    result = contest_in_subprocess()["one_account"]
    assert result["unexpected"] == []
    assert result["books"] == "ok"  # lines at positions 1..n, each balance the sum of the lines up to it
    assert result["history"] == 1 + result["written"]  # the attended event's invoice, then each write that went in
    assert result["written"] + sum(result["refused"].values()) == ONE_ACCOUNT
    assert set(result["refused"]) <= {"conflict"}  # lost every race it ran (409, try again): nothing moved


def contest_in_subprocess() -> dict:
    """The contests, run once per test session (the tests read the same run)."""
    return contest.result_of("tests.integration.test_billing_concurrency", timeout=180)


# -- the subprocess -------------------------------------------------------------------------------------


def attended(event_id: str, client_id: str) -> str:
    from portalkit.testing.messages import new_queue_message

    data = {"event_id": event_id, "service_id": "s1", "worker_id": "w1", "client_ids": [client_id],
            "start": "2026-11-25T15:00:00Z", "end": "2026-11-25T16:00:00Z"}
    return new_queue_message("requests.event.attended", agency_id=AGENCY, subject_id=event_id, subject_version=2,
                             data=data)


def race(work, count: int) -> tuple[list, list[str]]:
    """Run work(i) for every i from its own thread, all released at once."""
    results = contest.race([lambda i=i: work(i) for i in range(count)], join_seconds=120)
    return results, contest.errors(results)


def entries(models, client_id: str, kind: str) -> int:
    found = models.EntryItem.query(models.account_pk(AGENCY, client_id), models.EntryItem.sk.startswith("ENTRY#"),
                                   consistent_read=True)
    return sum(1 for e in found if e.kind == kind)


def main() -> None:
    from infra.local.system import load_app

    with contest.local_stack():
        consumer = load_app("billing").consumers.consumer
        from chalicelib.billing import credits, domain, invoices, models, payments, settings
        from portalkit.errors import PortalError
        from portalkit.identity import ADMIN, CLIENT, Identity
        from tests.billing_support import books

        admin = Identity(AGENCY, "admin-1", ADMIN)
        settings.update_settings(admin, {"payments_enabled": True}, expected_version=0)
        models.FeesItem(models.agency_pk(AGENCY), "FEES#s1", event_fee=8000, currency="USD", version=1).save()

        # 1. twenty attended events of twenty clients, invoiced at once
        results, errors = race(lambda i: consumer.handle_message(attended(f"e{i}", f"c{i}")), INVOICINGS)
        numbers = []
        for i in range(INVOICINGS):
            numbers += [item.number for item in models.InvoiceItem.query(
                models.account_pk(AGENCY, f"c{i}"), models.InvoiceItem.sk.startswith("INVOICE#"))]
        counter = models.CounterItem.get(models.agency_pk(AGENCY), models.COUNTER_SK, consistent_read=True)
        result = {"invoicing": {
            "outcomes": dict(Counter(r for r in results if isinstance(r, str))), "errors": errors,
            "numbers": sorted(numbers), "clients_invoiced": len({n for n in numbers}), "counter": int(counter.last)}}

        # 2. ten full payments of one invoice, each with its own key
        payer = Identity(AGENCY, "c0", CLIENT)
        invoice = invoices.find_invoice(AGENCY, numbers and _invoice_id(models, "c0"), "c0")
        payments.record_payment(admin, invoice.invoice_id, 3000, "cash", None, None, None)  # 5000 left

        def pay(i: int):
            return payments.pay(payer, invoice.invoice_id, 5000, "tok_visa", None, f"key-{i}")

        results, _ = race(pay, PAYMENTS)
        ok = [r for r in results if isinstance(r, tuple) and r[1]["status"] == "succeeded"]
        refused = Counter(r.code for r in results if isinstance(r, PortalError))
        unexpected = [repr(r) for r in results if not isinstance(r, PortalError | tuple)]
        after = invoices.find_invoice(AGENCY, invoice.invoice_id, "c0")
        result["payments"] = {
            "succeeded": len(ok), "refused": dict(refused), "unexpected": unexpected,
            "invoice": {"balance": int(after.balance), "paid": int(after.paid), "pending": int(after.pending),
                        "status": after.status},
            "payment_entries": entries(models, "c0", "payment") - 1}  # less the cash payment

        # 3. one key, five times at once
        other = Identity(AGENCY, "c1", CLIENT)
        invoice = invoices.find_invoice(AGENCY, _invoice_id(models, "c1"), "c1")
        results, _ = race(lambda i: payments.pay(other, invoice.invoice_id, 5000, "tok_visa", None, "same"), RETRIES)
        answers = [r for r in results if isinstance(r, tuple)]
        result["same_key"] = {
            "answers": [json.loads(a) for a in {json.dumps(r[1], sort_keys=True) for r in answers}],
            "unexpected": [repr(r) for r in results if not isinstance(r, tuple)],
            "payment_entries": entries(models, "c1", "payment"),
            "invoice_balance": int(invoices.find_invoice(AGENCY, invoice.invoice_id, "c1").balance)}

        # 4. invoices and credits on one account at once: each takes the account's next history positions
        def write(i: int):
            if i % 2:
                return credits.issue_credit(admin, "c2", 100, "Goodwill", None, None, None)
            draft = domain.Draft(client_id="c2", lines=(("Materials", 1000),))
            return invoices.issue_manual(admin, draft, None, None)

        models.PersonItem(*models.person_key(AGENCY, "c2"), role="client", version=1).save()
        results, _ = race(write, ONE_ACCOUNT)
        try:
            books(AGENCY, "c2")
            checked = "ok"
        except AssertionError as broken:
            checked = repr(broken)
        lines = models.HistoryItem.query(models.account_pk(AGENCY, "c2"), models.HistoryItem.sk.startswith("HISTORY#"),
                                         consistent_read=True)
        result["one_account"] = {
            "written": sum(isinstance(r, tuple) for r in results), "books": checked, "history": len(list(lines)),
            "refused": dict(Counter(r.code for r in results if isinstance(r, PortalError))),
            "unexpected": [repr(r) for r in results if not isinstance(r, PortalError | tuple)]}
        print(json.dumps(result))


def _invoice_id(models, client_id: str) -> str:
    found = models.InvoiceItem.query(models.account_pk(AGENCY, client_id), models.InvoiceItem.sk.startswith("INVOICE#"))
    return next(iter(found)).invoice_id


if __name__ == "__main__":
    main()
    sys.exit(0)
