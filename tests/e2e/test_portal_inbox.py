"""The portal's Inbox in headless Chromium on a phone: a discussion up to the three-message limit and the provider's
reply, the unread badge, a notification read, and Start a Discussion gone while the agency has discussions off.

The worker's and admin's parts go through the API; the stack's clock is pinned (TEST_NOW).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import test_portal, test_web
from tests.e2e.test_portal import portal_sign_in, tile
from tests.e2e.test_web import ADMIN, CLIENT, WORKER, call, counselling, eventually, open_slots

pytestmark = pytest.mark.e2e

# One stack and browser for this module (test_web.py's fixtures); test_portal.py's phone pages and screen checks.
stack = test_web.stack
browser = test_web.browser
open_page = test_portal.open_page
screens = test_portal.screens


@pytest.fixture(scope="module")
def service_id(stack) -> str:
    """The client's Counselling service, once messaging has heard of it from requests (its staff list answers)."""
    service = counselling(stack, stack.sign_in(CLIENT))
    worker = stack.sign_in(WORKER)
    eventually(lambda: call(stack, "GET", f"/messaging/discussions?service_id={service}", worker)[0],
               lambda status: status == 200, "messaging knowing the service")
    return service


def nav_inbox(page):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Inbox"))


def unread_count(stack, token: str) -> int:
    return call(stack, "GET", "/messaging/me/inbox?limit=1", token)[1]["unread"]


def badge_words(count: int) -> str:
    """The nav's badge and Home's tile as the portal words a count (strings.ts: unread, home.unread)."""
    return "1 unread message" if count == 1 else f"{count} unread messages"


def card(page):
    return page.get_by_role("article", name=re.compile("Counselling"))


def test_a_client_discusses_up_to_the_limit_and_the_providers_reply_lets_them_write_again(open_page, stack, service_id,
                                                                                            screens):
    page = open_page()
    portal_sign_in(page, CLIENT)
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="My Services").click()
    card(page).get_by_role("link", name="Start a Discussion with Wes Worker").click()
    expect(page.get_by_role("heading", name="Start a Discussion with Wes Worker", level=1)).to_be_focused()
    expect(page.get_by_text("You can send a maximum of 3 messages")).to_be_visible()
    screens.check(page, "new-discussion")

    page.get_by_role("button", name="Send").click()  # nothing written: said beside each field, nothing sent
    expect(page.get_by_text("Enter a subject.")).to_be_visible()
    page.get_by_label("Subject").fill("Forms for the school")
    page.get_by_role("textbox", name="Message").fill("Hello Wes, I have the forms.")
    page.get_by_role("button", name="Send").dblclick()  # sent once: one discussion, one message
    expect(page.get_by_role("heading", name="Forms for the school", level=1)).to_be_visible()
    discussion_id = re.search(r"/inbox/discussion/([^/?]+)", page.url).group(1)
    messages = page.get_by_role("list", name="Messages")
    expect(messages.get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_text("You can send 2 more messages before your provider replies.")).to_be_visible()
    screens.check(page, "discussion")

    page.get_by_role("textbox", name="Message").fill("Did you get them?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("You can send 1 more message before your provider replies.")).to_be_visible()
    page.get_by_role("textbox", name="Message").fill("They are due on Friday.")
    page.get_by_role("button", name="Send").click()
    expect(messages.get_by_role("listitem")).to_have_count(3)
    client = stack.sign_in(CLIENT)
    status, seen = call(stack, "GET", f"/messaging/me/discussions/{discussion_id}", client)
    assert (status, seen["messages_left"], seen["cannot_post_reason"]) == (200, 0, "message_limit_reached")
    expect(page.get_by_text(seen["cannot_post_message"])).to_be_focused()  # the API's words, where focus went
    expect(page.get_by_role("textbox", name="Message")).to_have_count(0)
    screens.check(page, "discussion-limit")

    worker = stack.sign_in(WORKER)
    reply = {"message": "Got all three, thank you. I will sign them tomorrow."}
    assert call(stack, "POST", f"/messaging/discussions/{discussion_id}/messages", worker, reply)[0] == 201

    unread = unread_count(stack, client)  # the reply, and whatever else the agency told the client
    assert unread >= 1
    nav_inbox(page).click()  # opening the Inbox asks for the count at once
    expect(nav_inbox(page)).to_contain_text(badge_words(unread))
    entry = page.get_by_role("list", name="Discussions and notifications").get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Forms for the school"))
    expect(entry).to_contain_text("1 new message")
    expect(entry).to_contain_text("Wes Worker")
    expect(entry).to_contain_text(re.compile(r"\d{2}:\d{2} E[SD]T"))  # the agency's clock, its zone named
    screens.check(page, "inbox-unread")
    nav.get_by_role("link", name="Home").click()
    expect(tile(page, "inbox")).to_contain_text(f"{unread} unread")
    tile(page, "inbox").get_by_role("link").click()

    page.get_by_role("link", name="Forms for the school").click()
    expect(messages.get_by_role("listitem")).to_have_count(4)
    expect(messages.get_by_role("listitem").last).to_contain_text("I will sign them tomorrow.")
    expect(page.get_by_text("You can send 3 more messages before your provider replies.")).to_be_visible()
    if unread == 1:
        expect(nav_inbox(page)).not_to_contain_text("unread")  # read: the badge is gone
    else:
        expect(nav_inbox(page)).to_contain_text(badge_words(unread - 1))
    page.get_by_role("textbox", name="Message").fill("Thank you!")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("You can send 2 more messages before your provider replies.")).to_be_visible()
    nav.get_by_role("link", name="Home").click()
    expect(tile(page, "inbox")).to_contain_text("No unread messages" if unread == 1 else f"{unread - 1} unread")

    status, seen = call(stack, "GET", f"/messaging/me/discussions/{discussion_id}", client)
    assert [m["body"] for m in seen["messages"]] == [
        "Hello Wes, I have the forms.", "Did you get them?", "They are due on Friday.", reply["message"], "Thank you!"]


def test_a_notification_opens_in_the_inbox_and_is_then_read(open_page, stack, service_id, screens):
    client, worker = stack.sign_in(CLIENT), stack.sign_in(WORKER)
    (slot,) = open_slots(stack, worker, 1)
    status, event = call(stack, "POST", "/requests/events", worker, {
        "service_id": service_id, "client_ids": ["demo-client"], "start": slot["start"], "end": slot["end"]})
    assert status == 201, event
    notification = eventually(
        lambda: next((i for i in call(stack, "GET", "/messaging/me/inbox", client)[1]["items"]
                      if i["type"] == "notification" and i["unread"]), None),
        lambda found: found is not None, "the client told of the event")

    page = open_page()
    portal_sign_in(page, CLIENT)
    nav_inbox(page).click()
    entry = page.locator(f"[data-item='{notification['item_id']}']")
    expect(entry).to_contain_text("Unread")
    expect(entry).to_contain_text("Your agency")
    opener = entry.get_by_role("button", name=notification["subject"])
    expect(opener).to_have_attribute("aria-expanded", "false")
    opener.click()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(entry).to_contain_text(notification["body"].split("\n")[0])
    expect(entry).not_to_contain_text("Unread")
    screens.check(page, "inbox-notification")
    entry.get_by_role("button", name="Hide").click()
    expect(opener).to_be_focused()
    item = eventually(lambda: next(i for i in call(stack, "GET", "/messaging/me/inbox", client)[1]["items"]
                                   if i["item_id"] == notification["item_id"]), lambda i: i["read"], "marked read")
    assert item["unread"] == 0


def test_with_discussions_off_start_a_discussion_is_gone_and_the_inbox_of_one_service_stays(open_page, stack,
                                                                                           service_id, screens):
    admin, client = stack.sign_in(ADMIN), stack.sign_in(CLIENT)

    def discussions(enabled: bool) -> None:
        _, settings = call(stack, "GET", "/messaging/settings", admin)
        changed = {"discussions_enabled": enabled, "version": settings["version"]}
        assert call(stack, "PUT", "/messaging/settings", admin, changed)[0] == 200

    discussions(False)
    try:
        page = open_page()
        portal_sign_in(page, CLIENT)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
        expect(card(page).get_by_role("link", name="Show Discussions in your Inbox")).to_be_visible()
        expect(card(page).get_by_role("link", name=re.compile("Start a Discussion"))).to_have_count(0)
        screens.check(page, "my-services-discussions-off")

        card(page).get_by_role("link", name="Show Discussions in your Inbox").click()
        expect(page.get_by_role("heading", name="Inbox", level=1)).to_be_visible()
        expect(page.get_by_text("Showing discussions and notifications about Counselling.")).to_be_visible()
        assert f"service={service_id}" in page.url
        screens.check(page, "inbox-one-service")
        page.get_by_role("link", name="Show all of your Inbox").click()
        expect(page.get_by_text("Showing discussions and notifications about")).to_have_count(0)

        # The address typed in (the session lives in the page: only the hash changes): still not offered.
        page.evaluate(f"location.hash = '#/inbox/new?service={service_id}&worker=demo-worker'")
        expect(page.get_by_text("Your agency does not offer this in the portal.")).to_be_visible()
        status, refused = call(stack, "POST", "/messaging/me/discussions", client,
                               {"service_id": service_id, "subject": "Anyway", "message": "Hello?"})
        assert (status, refused["error"]["code"]) == (403, "discussions_disabled")  # the server refuses it too
    finally:
        discussions(True)
