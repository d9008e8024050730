"""The portal's Account History (paying an invoice by card, in the sandbox's test mode) and Services Timeline, in
headless Chromium on a phone against the local stack (its own, started by this module; its clock runs on from
TEST_NOW). Invoices are issued and events booked through the API as the worker; what the page shows is compared
with what the API answers the client.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import test_portal, test_web
from tests.e2e.test_portal import money, portal_sign_in, tile
from tests.e2e.test_web import ADMIN, CLIENT, WORKER, call, counselling, eventually, open_slots

pytestmark = pytest.mark.e2e

# One local stack and Debian's Chromium for this module; test_portal.py's phone pages and screen checks.
stack = test_web.stack
browser = test_web.browser
open_page = test_portal.open_page
screens = test_portal.screens

EXPIRY, CVC = "12/39", "123"
VISA, DECLINED, ASYNC = "4242 4242 4242 4242", "4000 0000 0000 0002", "4000 0025 0000 3155"


def issue(stack, worker: str, amount: int, service_id: str, key: str) -> dict:
    body = {"client_id": "demo-client", "service_id": service_id,
            "lines": [{"description": "Counselling session", "amount": amount}]}
    # Billing learns of the demo's clients and services from the bus a moment after the stack starts.
    status, issued = eventually(lambda: call(stack, "POST", "/billing/invoices", worker, body, key=key),
                                lambda answer: answer[0] != 400, "billing knowing the demo client and service")
    assert status == 201, issued
    return issued


def payments(stack, client: str) -> list[dict]:
    """The client's payments (settled), as the API lists them."""
    status, body = call(stack, "GET", "/billing/me/transactions", client)
    assert status == 200, body
    return [t for t in body["transactions"] if t["type"] == "payment"]


def pay(page, amount: str, number: str) -> None:
    form = page.get_by_role("region", name="Pay this invoice")
    form.get_by_label("Amount to pay").fill(amount)
    form.get_by_label("Card number").fill(number)
    form.get_by_label("Expiry date (MM/YY)").fill(EXPIRY)
    form.get_by_label("Security code (CVC)").fill(CVC)


def pay_button(page):
    return page.get_by_role("region", name="Pay this invoice").get_by_role("button", name=re.compile(r"^Pay"))


def test_a_client_pays_an_invoice_in_parts_by_card_once_per_attempt_and_reads_the_running_balance(
        open_page, stack, screens):
    worker, client = stack.sign_in(WORKER), stack.sign_in(CLIENT)
    service_id = counselling(stack, client)
    invoice = issue(stack, worker, 8000, service_id, "portal-account-e2e")
    start = call(stack, "GET", "/billing/me/account", client)[1]
    assert start["provider"] == "sandbox" and start["payments_enabled"]
    owed = start["balance"]
    assert owed >= 8000

    page = open_page()
    portal_sign_in(page, CLIENT)
    expect(tile(page, "accountHistory")).to_contain_text(f"{money(owed)} you owe")
    tile(page, "accountHistory").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Account History", level=1)).to_be_focused()
    expect(page.locator(".account-balance")).to_contain_text(f"Balance {money(owed)} you owe")
    row = page.locator(f"[data-invoice='{invoice['invoice_id']}']")
    expect(row).to_contain_text(f"{money(8000)} due")
    screens.check(page, "account-history")

    row.get_by_role("link", name=f"View and pay invoice {invoice['number']}").click()
    expect(page.get_by_role("heading", name=f"Invoice {invoice['number']}")).to_be_focused()
    expect(page.locator("[data-amount-due]")).to_have_text(money(8000))
    expect(page.get_by_text("Test mode: no money is taken.")).to_be_visible()
    for label, complete in (("Card number", "cc-number"), ("Expiry date (MM/YY)", "cc-exp"),
                            ("Security code (CVC)", "cc-csc")):
        expect(page.get_by_label(label)).to_have_attribute("autocomplete", complete)
    screens.check(page, "invoice")

    # A card that is not a test card is refused in the form: nothing is sent.
    pay(page, "10.00", "5555 5555 5555 4444")
    pay_button(page).click()
    expect(page.get_by_text("In test mode only the test cards above are taken.")).to_be_visible()
    expect(page.get_by_label("Card number")).to_be_focused()
    screens.check(page, "card-refused")

    # A declined card: the server's words, and nothing charged.
    pay(page, "10.00", DECLINED)
    pay_button(page).click()
    expect(page.get_by_role("alert").filter(has_text="The payment did not go through: Your card was declined.")
           ).to_be_visible()
    screens.check(page, "card-declined")
    assert payments(stack, client) == []
    assert call(stack, "GET", "/billing/me/account", client)[1]["balance"] == owed

    # A card whose payment waits for the provider: said so, and what it holds is not due again meanwhile.
    pay(page, "5.00", ASYNC)
    pay_button(page).click()
    expect(page.get_by_role("status").filter(has_text=f"Your payment of {money(500)} is being processed.")
           ).to_be_visible()
    expect(page.locator("[data-amount-due]")).to_have_text(money(7500))
    assert payments(stack, client) == []  # not settled
    screens.check(page, "payment-pending")

    # Part of it, the first answer lost on its way back: the retry carries the same key and is charged once.
    keys, dropped = [], []

    def lose_first_answer(route):
        keys.append(route.request.headers.get("idempotency-key"))
        if not dropped:
            dropped.append(route.fetch())  # the server takes the payment; the page never hears of it
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/billing/me/invoices/*/payments", lose_first_answer)
    pay(page, "30.00", VISA)
    pay_button(page).click()
    expect(page.get_by_role("alert").filter(has_text=re.compile("connect|network|reach", re.I))).to_be_visible()
    assert dropped[0].status == 201 and len(payments(stack, client)) == 1
    pay_button(page).click()  # the same attempt again
    expect(page.get_by_role("status").filter(has_text=f"Payment of {money(3000)} received.")).to_be_visible()
    page.unroute("**/billing/me/invoices/*/payments")
    assert len(keys) == 2 and keys[0] == keys[1] and keys[0]
    assert [p["amount"] for p in payments(stack, client)] == [3000]
    expect(page.locator(".account-balance")).to_contain_text(f"{money(owed - 3000)} you owe")
    expect(page.locator("[data-amount-due]")).to_have_text(money(4500))
    screens.check(page, "paid-part")

    # The rest, with a double click on Pay: one payment, a new key (a new attempt).
    sent = []
    page.on("request", lambda r: sent.append(r.headers.get("idempotency-key"))
            if r.method == "POST" and "/payments" in r.url else None)
    form = page.get_by_role("region", name="Pay this invoice")
    expect(form.get_by_label("Amount to pay")).to_have_value("45.00")  # the amount due now
    form.get_by_label("Card number").fill(VISA)
    form.get_by_label("Expiry date (MM/YY)").fill(EXPIRY)
    form.get_by_label("Security code (CVC)").fill(CVC)
    pay_button(page).dblclick()
    expect(page.get_by_role("status").filter(has_text=f"Payment of {money(4500)} received.")).to_be_visible()
    assert sorted(p["amount"] for p in payments(stack, client)) == [3000, 4500]
    assert len(set(sent)) == 1 and sent[0] != keys[0]
    expect(page.get_by_role("region", name="Pay this invoice")).to_have_count(0)  # nothing left to pay
    expect(page.locator(".account-balance")).to_contain_text(f"{money(owed - 7500)}")  # $5.00 still pending
    screens.check(page, "paid")

    # The history: each entry with the balance after it, as the API says.
    page.get_by_role("link", name="Back to Account History").click()
    history = call(stack, "GET", "/billing/me/history", client)[1]["entries"]
    assert [e["kind"] for e in history[:3]] == ["payment", "payment", "invoice"]
    rows = page.locator(".history-entry")
    expect(rows.first).to_be_visible()
    for i, entry in enumerate(history[: rows.count()]):
        shown = rows.nth(i)
        expect(shown).to_have_attribute("data-entry", entry["entry_id"])
        expect(shown.locator(".entry-balance")).to_have_attribute("data-balance", str(entry["balance"]))
        words = "you owe" if entry["balance"] > 0 else "in credit" if entry["balance"] < 0 else "nothing owed"
        expect(shown.locator(".entry-balance")).to_have_text(f"Balance after {money(entry['balance'])} {words}")
    expect(rows.nth(0)).to_contain_text(f"\u2212{money(4500)}")
    screens.check(page, "history")

    # One service's entries, from My Services, with the way back to all; Home's balance is the new one.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
    card = page.get_by_role("article", name=re.compile("Counselling"))
    card.get_by_role("link", name="Show Invoices in your Account History").click()
    expect(page.get_by_text(re.compile(r"Showing the entries of Counselling"))).to_be_visible()
    assert f"service={service_id}" in page.url
    screens.check(page, "history-of-a-service")
    page.get_by_role("link", name="Show your whole Account History").click()
    expect(page.get_by_text(re.compile(r"Showing the entries of"))).to_have_count(0)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    balance = call(stack, "GET", "/billing/me/account", client)[1]["balance"]
    assert balance == owed - 7500
    expect(tile(page, "accountHistory")).to_contain_text(money(balance))


def test_a_services_timeline_shows_its_events_discussions_and_invoices_newest_first(open_page, stack,
                                                                                       screens):
    worker, client = stack.sign_in(WORKER), stack.sign_in(CLIENT)
    service_id = counselling(stack, client)
    (slot,) = open_slots(stack, worker, 1)
    status, event = call(stack, "POST", "/requests/events", worker, {
        "service_id": service_id, "client_ids": ["demo-client"], "start": slot["start"], "end": slot["end"]})
    assert status == 201, event
    status, started = call(stack, "POST", "/messaging/me/discussions", client, {
        "service_id": service_id, "subject": "About next week", "message": "Can we talk about the time?"},
        key="timeline-discussion")
    assert status == 201, started
    invoice = issue(stack, worker, 4500, service_id, "portal-timeline-e2e")
    eventually(lambda: call(stack, "GET", f"/requests/me/services/{service_id}/timeline", client)[1]["entries"],
               lambda entries: any(e["event_id"] == event["event_id"] for e in entries), "the event in the timeline")
    eventually(lambda: call(stack, "GET", f"/messaging/me/inbox?service_id={service_id}", client)[1]["items"],
               lambda items: any(i["type"] == "discussion" for i in items), "the discussion in the inbox")

    page = open_page()
    portal_sign_in(page, CLIENT)
    page.goto("/portal/#/timeline")
    expect(page.get_by_role("heading", name="Choose a service to see its history.")).to_be_visible()
    screens.check(page, "timeline-chooser")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
    card = page.get_by_role("article", name=re.compile("Counselling"))
    card.get_by_role("link", name="Show in Services Timeline").click()
    expect(page.get_by_role("heading", name="History of Counselling")).to_be_visible()
    entries = page.locator(".timeline-entry")
    expect(entries.filter(has_text="Discussion: About next week")).to_have_count(1)
    expect(entries.filter(has_text=f"Invoice {invoice['number']}").or_(
        entries.locator(f"[href*='invoice={invoice['invoice_id']}']"))).not_to_have_count(0)
    kinds = entries.evaluate_all("(rows) => rows.map((r) => r.dataset.kind)")
    assert {"event", "discussion", "invoice"} <= set(kinds), kinds
    instants = entries.evaluate_all("(rows) => rows.map((r) => Date.parse(r.dataset.at))")
    assert instants == sorted(instants, reverse=True)  # newest first, by the instant
    # Each entry on the agency's clock, its zone named (the browser is in London).
    expect(entries.first.locator("time")).to_have_text(re.compile(r"\d{2}:\d{2} E[SD]T$"))
    # The invoice links to its place in the Account History; the Calendar and Inbox links wait for their screens.
    link = entries.locator(f"a[href*='invoice={invoice['invoice_id']}']")
    expect(link).to_have_text("Show in your Account History")
    screens.check(page, "timeline")
    link.click()
    expect(page.get_by_role("heading", name=f"Invoice {invoice['number']}")).to_be_focused()
    expect(page.locator("[data-amount-due]")).to_have_text(money(4500))
    expect(page.get_by_role("region", name="Pay this invoice")).to_be_visible()

    # The agency stops taking payments online: the invoice is shown, paying it is not offered.
    admin = stack.sign_in(ADMIN)
    settings = lambda on: call(stack, "PUT", "/billing/settings", admin, {  # noqa: E731
        "payments_enabled": on, "version": call(stack, "GET", "/billing/settings", admin)[1]["version"]})
    assert settings(False)[0] == 200
    try:
        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name="Home").click()
        nav.get_by_role("link", name="Account History").click()
        page.get_by_role("link", name=f"View and pay invoice {invoice['number']}").click()
        expect(page.get_by_text("Your agency does not take payments in the portal.")).to_be_visible()
        expect(page.get_by_role("region", name="Pay this invoice")).to_have_count(0)
        screens.check(page, "payments-off")
    finally:
        assert settings(True)[0] == 200
