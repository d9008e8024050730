"""Request an Event in the client portal, on a phone: the green-circled days are the API's free days, a request sent
from one moves (held, confirmed) on the client's screen without a reload, a time the worker proposes is accepted or
declined, a request is withdrawn, and with event requests switched off the link and the screen are gone.

The worker's side goes through the API, as the worker's app would. The stack's clock is pinned (TEST_NOW).
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from tests.e2e import test_portal, test_web
from tests.e2e.test_portal import AGENCY_ZONE, portal_sign_in
from tests.e2e.test_web import ADMIN, CLIENT, WORKER, call, counselling, eventually, open_slots, request_slot

pytestmark = pytest.mark.e2e

# test_web.py's fixtures: one local stack (clock pinned at TEST_NOW) and Debian's Chromium for this module.
stack = test_web.stack
browser = test_web.browser
# test_portal.py's: a phone-sized page with axe-core, and the checks of every screen reached.
open_page = test_portal.open_page
screens = test_portal.screens

PROVIDER = "Wes Worker"  # the demo worker, Counselling's provider


def times(slot: dict) -> str:
    """An Available Appt as the portal writes it for a browser in London: "10:00-11:00 EDT" (an en dash)."""
    start = datetime.fromisoformat(slot["start"].replace("Z", "+00:00")).astimezone(AGENCY_ZONE)
    end = datetime.fromisoformat(slot["end"].replace("Z", "+00:00")).astimezone(AGENCY_ZONE)
    return f"{start:%H:%M}\u2013{end:%H:%M} {start.tzname()}"


def open_requests(page):
    page.goto("/portal/#/requests")
    expect(page.get_by_role("heading", name="Your Event Requests", level=1)).to_be_visible()


def card(page, request_id: str):
    return page.locator(f"[data-request='{request_id}']")


def test_a_client_requests_an_event_on_a_circled_day_and_sees_it_held_then_confirmed(open_page, stack, screens):
    client, worker = stack.sign_in(CLIENT), stack.sign_in(WORKER)
    page = open_page()
    portal_sign_in(page, CLIENT)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
    page.get_by_role("link", name=f"Request an Event with {PROVIDER}").first.click()
    expect(page.get_by_role("heading", name="Request an Event", level=1)).to_be_focused()
    assert "service=" in page.url and "worker=demo-worker" in page.url
    expect(page.get_by_text("Counselling", exact=True)).to_be_visible()  # one service with this provider: stated
    expect(page.get_by_role("group", name="Attendees").get_by_label("Cal Client")).to_be_visible()
    expect(page.get_by_text("indicating a preferred date or time does not guarantee your appointment time"))\
        .to_be_visible()

    # The calendar has loaded once a day can be chosen; its circles are the API's free days of the month shown.
    grid = page.locator(".month-grid")
    expect(grid.locator("button.day:not([disabled])").first).to_be_visible()
    shown = grid.locator("button.day").first.get_attribute("data-date")[:7]
    first, last = f"{shown}-01", grid.locator("button.day").last.get_attribute("data-date")
    status, days = call(stack, "GET", f"/availability/workers/demo-worker/days?from={first}&to={last}", client)
    assert status == 200, days
    free = [d["date"] for d in days["days"] if d["open_slots"] > 0]
    circled = [b.get_attribute("data-date") for b in grid.locator("button.day.available").all()]
    assert free and circled == free
    day = free[0]
    button = grid.locator(f"button[data-date='{day}']")
    expect(button).to_have_accessible_name(re.compile(r", available$"))  # not the circle alone
    screens.check(page, "request-event")

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    status, slots = call(stack, "GET", f"/availability/workers/demo-worker/slots?date={day}", client)
    assert status == 200 and slots["slots"], slots
    appts = page.get_by_role("group", name=re.compile("^Available Appts")).get_by_role("radio")
    expect(appts).to_have_count(len(slots["slots"]))
    chosen = slots["slots"][0]
    page.get_by_role("radio", name=times(chosen)).check()
    page.get_by_label("Message (optional)").fill("Mornings suit me best.")
    screens.check(page, "request-event-chosen")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", name="Your Event Requests", level=1)).to_be_visible()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()
    sent = page.locator("li.just-sent")
    request_id = sent.get_attribute("data-request")
    mine = call(stack, "GET", f"/requests/me/event-requests/{request_id}", client)[1]
    assert (mine["start"], mine["worker_id"], mine["message"]) == (chosen["start"], "demo-worker",
                                                                   "Mornings suit me best.")
    expect(sent.get_by_role("status")).to_contain_text("Held for your provider")  # the poll, no reload
    screens.check(page, "request-held")

    status, body = call(stack, "POST", f"/requests/event-requests/{request_id}/confirm", worker)
    assert status == 200, body
    expect(sent.get_by_role("status")).to_contain_text("Confirmed")
    expect(sent.get_by_role("button", name="Withdraw")).to_have_count(0)
    screens.check(page, "request-confirmed")


def propose(stack, worker: str, request_id: str, slot: dict, client: str) -> None:
    status, body = call(stack, "POST", f"/requests/event-requests/{request_id}/propose", worker,
                        {"start": slot["start"]})
    assert status == 202, body
    eventually(lambda: call(stack, "GET", f"/requests/me/event-requests/{request_id}", client)[1]["status"],
               lambda s: s == "proposed", "the proposal being held")


def test_a_client_accepts_one_proposed_time_and_declines_another_with_a_reason(open_page, stack, screens):
    client, worker = stack.sign_in(CLIENT), stack.sign_in(WORKER)
    service_id = counselling(stack, client)
    asked_a, asked_b, other_a, other_b = open_slots(stack, client, 4)
    accepted = request_slot(stack, client, asked_a, service_id=service_id)
    declined = request_slot(stack, client, asked_b, service_id=service_id)
    propose(stack, worker, accepted, other_a, client)
    propose(stack, worker, declined, other_b, client)

    page = open_page()
    portal_sign_in(page, CLIENT)
    open_requests(page)
    first = card(page, accepted)
    expect(first.get_by_role("status")).to_contain_text("Another time proposed")
    expect(first).to_contain_text("Proposed time")
    expect(first).to_contain_text("You asked for")
    screens.check(page, "request-proposed")
    first.get_by_role("button", name="Accept").click()
    expect(first.get_by_role("status")).to_contain_text("Confirmed")
    expect(page.get_by_text("You accepted the proposed time.")).to_be_visible()
    assert call(stack, "GET", f"/requests/me/event-requests/{accepted}", client)[1]["status"] == "confirmed"

    second = card(page, declined)
    second.get_by_role("button", name="Decline").click()
    ask = second.get_by_role("group", name="Decline the proposed time? The request ends.")
    expect(ask.get_by_role("button", name="Yes, decline it")).to_be_focused()
    ask.get_by_label("Reason (optional)").fill("That week I am away.")
    screens.check(page, "request-decline-confirm")
    ask.get_by_role("button", name="Yes, decline it").click()
    expect(second.get_by_role("status")).to_contain_text("Declined")
    expect(second).to_contain_text("You declined the proposed time: That week I am away.")
    screens.check(page, "request-declined")


def test_a_client_withdraws_a_held_request_through_a_confirmation_step(open_page, stack, screens):
    client = stack.sign_in(CLIENT)
    (slot,) = open_slots(stack, client, 1)
    request_id = request_slot(stack, client, slot, service_id=counselling(stack, client))

    page = open_page()
    portal_sign_in(page, CLIENT)
    open_requests(page)
    held = card(page, request_id)
    expect(held.get_by_role("status")).to_contain_text("Held for your provider")
    held.get_by_role("button", name="Withdraw").click()
    ask = held.get_by_role("group", name=re.compile("^Withdraw this request"))
    expect(ask.get_by_role("button", name="Yes, withdraw it")).to_be_focused()
    ask.get_by_role("button", name="No, keep it").click()  # the confirmation step: nothing sent, focus back
    expect(held.get_by_role("button", name="Withdraw")).to_be_focused()
    assert call(stack, "GET", f"/requests/me/event-requests/{request_id}", client)[1]["status"] == "awaiting_response"

    held.get_by_role("button", name="Withdraw").click()
    screens.check(page, "request-withdraw-confirm")
    held.get_by_role("button", name="Yes, withdraw it").click()
    expect(held.get_by_role("status")).to_contain_text("Withdrawn")
    expect(held.get_by_role("button", name="Withdraw")).to_have_count(0)
    assert call(stack, "GET", f"/requests/me/event-requests/{request_id}", client)[1]["status"] == "withdrawn"
    screens.check(page, "request-withdrawn")


def settings(stack, admin: str, **changes) -> None:
    """An admin changes the agency's requests settings on the version just read."""
    version = call(stack, "GET", "/requests/settings", admin)[1]["version"]
    status, body = call(stack, "PUT", "/requests/settings", admin, {**changes, "version": version})
    assert status == 200, body


def test_a_required_message_is_asked_for_in_the_servers_words_beside_the_message(open_page, stack, screens):
    admin, client = stack.sign_in(ADMIN), stack.sign_in(CLIENT)
    settings(stack, admin, request_messages_required=True)
    try:
        page = open_page()
        portal_sign_in(page, CLIENT)
        page.goto(f"/portal/#/request?service={counselling(stack, client)}&worker=demo-worker")
        grid = page.locator(".month-grid")
        grid.locator("button.day.available").first.click()
        page.get_by_role("group", name=re.compile("^Available Appts")).get_by_role("radio").first.check()
        message = page.get_by_label("Message", exact=True)
        expect(page.get_by_text("Your Service Provider asks for a message with each request.")).to_be_visible()
        page.get_by_role("button", name="Send").click()
        expect(message).to_be_focused()
        expect(message).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_text("Message is required: your agency asks for a message with each request."))\
            .to_be_visible()
        screens.check(page, "request-message-required")
        message.fill("Any afternoon suits me.")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Your request is sent.")).to_be_visible()
        request_id = page.locator("li.just-sent").get_attribute("data-request")
        assert call(stack, "GET", f"/requests/me/event-requests/{request_id}", client)[1]["message"] == \
            "Any afternoon suits me."
        status, _ = call(stack, "POST", f"/requests/me/event-requests/{request_id}/withdraw", client)
        assert status == 200
    finally:
        settings(stack, admin, request_messages_required=False)


def test_with_event_requests_switched_off_the_link_and_the_screen_are_gone(open_page, stack, screens):
    admin = stack.sign_in(ADMIN)
    settings(stack, admin, event_requests_enabled=False)
    try:
        page = open_page()
        portal_sign_in(page, CLIENT)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
        expect(page.get_by_role("article", name=re.compile("Counselling"))).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("^Request an Event"))).to_have_count(0)
        for route in ("request?worker=demo-worker", "requests"):
            page.goto(f"/portal/#/{route}")
            expect(page.get_by_text("Your agency does not offer this in the portal.")).to_be_visible()
            expect(page.locator(".month-grid, .request-list")).to_have_count(0)
        screens.check(page, "request-switched-off")
    finally:
        settings(stack, admin, event_requests_enabled=True)
