"""A client's whole day in the portal, on a phone, in one session: the screens one after another as a client meets
them, the worker's side through the API. Each screen module (test_portal_<area>.py) tries its own screen's every
case; this one proves they work together: what one screen does shows on the next, and client2 sees none of it.

Sign in, filter My Services, request an event on a green-circled day, the worker confirms it, the Calendar shows it
awaiting its video link and then the link; a discussion up to the three-message limit; a new service requested; an
invoice paid with the sandbox's test card and the Account History's running balance; the Services Timeline of the
day; a feature switched off leaves the screens; client2 sees none of the first client's day. And a keyboard alone
(Tab, Enter, Space) requests an event on the month calendar and starts a discussion.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import test_portal, test_web
from tests.e2e.test_portal import money, on_agency_clock, portal_sign_in, tile
from tests.e2e.test_web import ADMIN, CLIENT, CLIENT2, WORKER, call, counselling, eventually

pytestmark = pytest.mark.e2e

# One stack and browser for this module (test_web.py's fixtures); test_portal.py's phone pages and screen checks.
stack = test_web.stack
browser = test_web.browser
open_page = test_portal.open_page
screens = test_portal.screens

VIDEO_LINK = "https://meet.example.test/cleo-day"
SUBJECT = "Papers for the housing office"
NEW_SERVICE = "Budgeting help"


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile(f"^{name}")).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def counselling_card(page):
    return page.get_by_role("article", name=re.compile("Counselling"))


def requests_settings(stack, admin: str, **changes) -> None:
    version = call(stack, "GET", "/requests/settings", admin)[1]["version"]
    status, body = call(stack, "PUT", "/requests/settings", admin, {**changes, "version": version})
    assert status == 200, body


def test_a_clients_whole_day_in_the_portal_on_a_phone(open_page, stack, screens):
    admin, worker, client = stack.sign_in(ADMIN), stack.sign_in(WORKER), stack.sign_in(CLIENT)
    service_id = counselling(stack, client)
    page = open_page()
    portal_sign_in(page, CLIENT)
    screens.check(page, "home")

    # My Services, filtered to Counselling.
    nav(page, "My Services")
    page.get_by_role("button", name="Show Options").click()
    options = page.get_by_role("form", name="Options")
    options.get_by_label("Service", exact=True).select_option(label="Counselling")
    options.get_by_role("button", name="Filter").click()
    expect(page.get_by_text(re.compile(r"^Showing 1 of \d+ services\.$"))).to_be_visible()
    screens.check(page, "my-services")

    # Request an Event on a green-circled day: the circles are the API's free days of the month shown.
    counselling_card(page).get_by_role("link", name="Request an Event with Wes Worker").click()
    expect(page.get_by_role("heading", name="Request an Event", level=1)).to_be_focused()
    grid = page.locator(".month-grid")
    expect(grid.locator("button.day:not([disabled])").first).to_be_visible()
    first = grid.locator("button.day").first.get_attribute("data-date")[:7] + "-01"
    last = grid.locator("button.day").last.get_attribute("data-date")
    days = call(stack, "GET", f"/availability/workers/demo-worker/days?from={first}&to={last}", client)[1]["days"]
    free = [d["date"] for d in days if d["open_slots"] > 0]
    assert free and [b.get_attribute("data-date") for b in grid.locator("button.day.available").all()] == free
    grid.locator(f"button[data-date='{free[-1]}']").click()
    page.get_by_role("group", name=re.compile("^Available Appts")).get_by_role("radio").first.check()
    page.get_by_label("Video Session").check()
    expect(page.get_by_text("indicating a preferred date or time does not guarantee your appointment time"))\
        .to_be_visible()
    screens.check(page, "request-event")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Your Event Requests", level=1)).to_be_visible()
    sent = page.locator("li.just-sent")
    request_id = sent.get_attribute("data-request")
    expect(sent.get_by_role("status")).to_contain_text("Held for your provider")
    screens.check(page, "request-held")

    # The worker confirms: the client's screen follows without a reload.
    status, body = call(stack, "POST", f"/requests/event-requests/{request_id}/confirm", worker)
    assert status == 200, body
    expect(sent.get_by_role("status")).to_contain_text("Confirmed")
    event = call(stack, "GET", f"/requests/me/event-requests/{request_id}", client)[1]
    assert event["status"] == "confirmed" and event["event_id"]

    # The Calendar: the confirmed event, awaiting its video link, then the link.
    nav(page, "Calendar")
    upcoming = page.get_by_role("region", name="Upcoming events")
    card = upcoming.get_by_role("article", name=on_agency_clock(event["start"], event["end"]))
    expect(card).to_contain_text("Awaiting video session link")
    screens.check(page, "calendar-awaiting-link")
    status, body = call(stack, "PUT", f"/requests/events/{event['event_id']}/video-link", worker, {"url": VIDEO_LINK})
    assert status == 200, body
    nav(page, "Home")
    nav(page, "Calendar")
    expect(card.get_by_role("link", name="Join")).to_have_attribute("href", VIDEO_LINK)
    screens.check(page, "calendar-join")

    # A discussion with the provider up to the three-message limit.
    nav(page, "My Services")
    counselling_card(page).get_by_role("link", name="Start a Discussion with Wes Worker").click()
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_role("textbox", name="Message").fill("I have the papers ready.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name=SUBJECT, level=1)).to_be_visible()
    for sent, text in enumerate(("Shall I bring them?", "Or post them?"), start=2):
        page.get_by_role("textbox", name="Message").fill(text)
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("list", name="Messages").get_by_role("listitem")).to_have_count(sent)
    expect(page.get_by_role("list", name="Messages").get_by_role("listitem")).to_have_count(3)
    expect(page.get_by_role("textbox", name="Message")).to_have_count(0)  # the limit: why, in the API's words
    discussion_id = re.search(r"/inbox/discussion/([^/?]+)", page.url).group(1)
    said = call(stack, "GET", f"/messaging/me/discussions/{discussion_id}", client)[1]
    assert said["messages_left"] == 0
    expect(page.get_by_text(said["cannot_post_message"])).to_be_visible()
    screens.check(page, "discussion-limit")

    # A new service requested.
    nav(page, "My Services")
    page.get_by_role("link", name="Request a New Service").click()
    form = page.get_by_role("form", name="Request a New Service")
    form.get_by_label("Service you would like").fill(NEW_SERVICE)
    form.get_by_role("button", name="Send").click()
    expect(page.get_by_role("article", name=re.compile(NEW_SERVICE))).to_contain_text("Pending")
    screens.check(page, "new-service")

    # An invoice paid with the sandbox's test card; the running balance is the API's.
    body = {"client_id": "demo-client", "service_id": service_id,
            "lines": [{"description": "Counselling session", "amount": 6000}]}
    status, invoice = eventually(lambda: call(stack, "POST", "/billing/invoices", worker, body, key="portal-day"),
                                 lambda answer: answer[0] != 400, "billing knowing the demo client and service")
    assert status == 201, invoice
    nav(page, "Account History")
    page.get_by_role("link", name=f"View and pay invoice {invoice['number']}").click()
    pay = page.get_by_role("region", name="Pay this invoice")
    expect(pay.get_by_label("Amount to pay")).to_have_value("60.00")
    pay.get_by_label("Card number").fill("4242 4242 4242 4242")
    pay.get_by_label("Expiry date (MM/YY)").fill("12/39")
    pay.get_by_label("Security code (CVC)").fill("123")
    pay.get_by_role("button", name=re.compile("^Pay")).click()
    expect(page.get_by_role("status").filter(has_text=f"Payment of {money(6000)} received.")).to_be_visible()
    page.get_by_role("link", name="Back to Account History").click()
    history = call(stack, "GET", "/billing/me/history", client)[1]["entries"]
    assert [e["kind"] for e in history[:2]] == ["payment", "invoice"]
    rows = page.locator(".history-entry")
    for i, entry in enumerate(history[:2]):
        expect(rows.nth(i).locator(".entry-balance")).to_have_attribute("data-balance", str(entry["balance"]))
    screens.check(page, "account-history")

    # The Services Timeline of Counselling holds the day: the event, the discussion, the invoice.
    nav(page, "My Services")
    counselling_card(page).get_by_role("link", name="Show in Services Timeline").click()
    entries = page.locator(".timeline-entry")
    expect(entries.filter(has_text=f"Discussion: {SUBJECT}")).to_have_count(1)
    paid = entries.locator(f"a[href*='invoice={invoice['invoice_id']}']").locator("xpath=ancestor::*[@data-kind][1]")
    expect(paid).to_have_count(2)  # the invoice and its payment, each linking to it
    assert sorted(paid.evaluate_all("(rows) => rows.map((r) => r.dataset.kind)")) == ["invoice", "payment"]
    kinds = entries.evaluate_all("(rows) => rows.map((r) => r.dataset.kind)")
    assert {"event", "discussion", "invoice"} <= set(kinds), kinds
    screens.check(page, "timeline")

    # The agency switches event requests and new-service requests off: their links leave My Services.
    requests_settings(stack, admin, event_requests_enabled=False, service_requests_enabled=False)
    try:
        page.reload()  # the portal reads the agency's switches once per sign-in
        portal_sign_in(page, CLIENT)
        nav(page, "My Services")
        expect(counselling_card(page).get_by_role("link", name="Start a Discussion with Wes Worker")).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("^Request an Event"))).to_have_count(0)
        expect(page.get_by_role("link", name="Request a New Service")).to_have_count(0)
        screens.check(page, "features-off")
    finally:
        requests_settings(stack, admin, event_requests_enabled=True, service_requests_enabled=True)

    # client2, a participant of the same service, sees none of it.
    other = open_page()
    portal_sign_in(other, CLIENT2)
    expect(tile(other, "accountHistory")).to_contain_text(f"{money(0)} nothing owed")
    nav(other, "Calendar")
    expect(other.locator("main")).not_to_contain_text(VIDEO_LINK)
    expect(other.get_by_role("article", name=on_agency_clock(event["start"], event["end"]))).to_have_count(0)
    nav(other, "Inbox")
    expect(other.locator("main")).not_to_contain_text(SUBJECT)
    nav(other, "Account History")
    expect(other.locator("main")).not_to_contain_text(invoice["number"])
    other.goto(f"/portal/#/inbox/discussion/{discussion_id}")
    expect(other.get_by_role("alert")).to_be_visible()
    expect(other.locator("main")).not_to_contain_text("I have the papers ready.")
    other.goto(f"/portal/#/account?invoice={invoice['invoice_id']}")
    expect(other.get_by_role("alert")).to_be_visible()
    expect(other.locator("main")).not_to_contain_text("Counselling session")
    screens.check(other, "client2")
    token2 = stack.sign_in(CLIENT2)
    assert call(stack, "GET", f"/requests/me/events/{event['event_id']}", token2)[0] == 404
    assert call(stack, "GET", f"/messaging/me/discussions/{discussion_id}", token2)[0] == 404
    assert call(stack, "GET", f"/billing/me/invoices/{invoice['invoice_id']}", token2)[0] == 404


def tab_to(page, target, limit: int = 80) -> None:
    """Press Tab (only) until `target` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        if target.evaluate("(element) => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} was not reached with Tab in {limit} presses")


def let_the_client_write(stack, client: str, worker: str, service_id: str) -> None:
    """The provider answers each of the client's discussions in the service that is at the three-message limit (the
    limit counts the client's messages in the service since a provider's reply, whichever test sent them)."""
    items = call(stack, "GET", f"/messaging/me/inbox?service_id={service_id}&limit=100", client)[1]["items"]
    for item in items:
        if item["type"] != "discussion":
            continue
        discussion = call(stack, "GET", f"/messaging/me/discussions/{item['discussion_id']}", client)[1]
        if discussion["cannot_post_reason"] == "message_limit_reached":
            status, body = call(stack, "POST", f"/messaging/discussions/{item['discussion_id']}/messages", worker,
                                {"message": "Thank you, noted."})
            assert status == 201, body


def test_a_keyboard_alone_requests_an_event_and_starts_a_discussion(open_page, stack):
    """No pointer: Tab to each control, Enter or Space to use it."""
    client, worker = stack.sign_in(CLIENT), stack.sign_in(WORKER)
    let_the_client_write(stack, client, worker, counselling(stack, client))
    page = open_page()
    page.goto("/portal/")
    page.get_by_label("Email").fill(CLIENT)  # typing is the keyboard; focus starts in Email
    page.keyboard.press("Tab")
    page.keyboard.type(test_web.PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()

    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My Services", level=1)).to_be_focused()
    tab_to(page, counselling_card(page).get_by_role("link", name="Request an Event with Wes Worker"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Request an Event", level=1)).to_be_focused()

    grid = page.locator(".month-grid")
    expect(grid.locator("button.day.available").first).to_be_visible()
    day = grid.locator("button.day.available").first
    tab_to(page, day)
    page.keyboard.press("Enter")
    expect(day).to_have_attribute("aria-pressed", "true")
    first = page.get_by_role("group", name=re.compile("^Available Appts")).get_by_role("radio").first
    tab_to(page, first)
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Send"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your Event Requests", level=1)).to_be_visible()
    request_id = page.locator("li.just-sent").get_attribute("data-request")
    assert call(stack, "GET", f"/requests/me/event-requests/{request_id}", client)[0] == 200

    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services"))
    page.keyboard.press("Enter")
    tab_to(page, counselling_card(page).get_by_role("link", name="Start a Discussion with Wes Worker"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Subject"))
    page.keyboard.type("Asked with the keyboard")
    tab_to(page, page.get_by_role("textbox", name="Message"))
    page.keyboard.type("Hello from the keyboard.")
    tab_to(page, page.get_by_role("button", name="Send"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Asked with the keyboard", level=1)).to_be_visible()
