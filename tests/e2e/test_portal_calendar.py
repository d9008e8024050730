"""The portal's Calendar in headless Chromium on a phone: the client's upcoming and past events, the video session's
Join link once the provider adds it, confirming attendance, and cancelling after reading the agency's policy and its
late-cancellation fee. Events are prepared through the API on the stack's pinned clock (TEST_NOW), never moved.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e import test_portal, test_web
from tests.e2e.test_portal import money, on_agency_clock, portal_sign_in, tile
from tests.e2e.test_web import ADMIN, CLIENT, WORKER, call, counselling, eventually, open_slots

pytestmark = pytest.mark.e2e

# The fixtures of test_web.py (one stack, clock pinned at TEST_NOW; Chromium) and test_portal.py (phone pages, checks).
stack = test_web.stack
browser = test_web.browser
open_page = test_portal.open_page
screens = test_portal.screens

VIDEO_LINK = "https://meet.example.test/cleo-counselling"
LATE_FEE = 2500  # the demo agency's late-cancellation fee (infra/local/demo.py)


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def events(stack):
    """Four events of the client alone in Counselling: a video session, two to cancel (more than a day ahead), and
    one that took place 20 hours ago, marked attended."""
    admin, worker, client = stack.sign_in(ADMIN), stack.sign_in(WORKER), stack.sign_in(CLIENT)
    service_id = counselling(stack, client)
    settings = call(stack, "GET", "/requests/settings", admin)[1]
    assert settings["video_sessions_enabled"] and settings["cancellation_window_hours"] == 24, settings
    now = stack.now()
    ahead = [s for s in open_slots(stack, worker, 12) if _instant(s["start"]) > now + timedelta(hours=26)]
    assert len(ahead) >= 3 and _instant(ahead[2]["start"]) < now + timedelta(days=13), ahead  # inside 14 days
    booked = {}
    for name, slot, extra in (("video", ahead[0], {"video_session": True}), ("free", ahead[1], {}),
                              ("late", ahead[2], {})):
        status, event = call(stack, "POST", "/requests/events", worker, {
            "service_id": service_id, "client_ids": ["demo-client"], "start": slot["start"], "end": slot["end"],
            **extra})
        assert status == 201, event
        booked[name] = event
    start = (now - timedelta(hours=20)).replace(minute=0, second=0, microsecond=0)
    status, past = call(stack, "POST", "/requests/events", worker, {
        "service_id": service_id, "client_ids": ["demo-client"], "start": _z(start),
        "end": _z(start + timedelta(minutes=50))})
    assert status == 201, past
    status, attended = call(stack, "POST", f"/requests/events/{past['event_id']}/attendance", worker,
                            {"status": "attended"})
    assert status == 200, attended
    booked["past"] = attended
    # Staff events take the worker's time through availability a moment later: none of these may be refused.
    for event in booked.values():
        eventually(lambda e=event: call(stack, "GET", f"/requests/me/events/{e['event_id']}", client)[1],
                   lambda got: got["status"] != "cancelled", "the event keeping its time")
    return {**booked, "service_id": service_id}


def card(region, event: dict):
    return region.get_by_role("article", name=on_agency_clock(event["start"], event["end"]))


def test_a_client_joins_a_video_session_confirms_and_cancels_after_reading_the_policy(open_page, stack, events,
                                                                                    screens):
    worker, client = stack.sign_in(WORKER), stack.sign_in(CLIENT)
    page = open_page()
    portal_sign_in(page, CLIENT)
    tile(page, "calendar").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Calendar", level=1)).to_be_focused()
    upcoming = page.get_by_role("region", name="Upcoming events")
    past = page.get_by_role("region", name="Past events")

    video = card(upcoming, events["video"])
    expect(video).to_contain_text("Video Session: Awaiting video session link")
    expect(video).to_contain_text("Counselling")
    expect(video).to_contain_text("Wes Worker")
    expect(video).to_contain_text("Scheduled")
    expect(video.get_by_role("link", name="Join")).to_have_count(0)
    expect(card(past, events["past"])).to_contain_text("Attended")
    screens.check(page, "calendar")

    # The provider adds the link: the client sees Join, opening it apart from the portal.
    status, linked = call(stack, "PUT", f"/requests/events/{events['video']['event_id']}/video-link", worker,
                          {"url": VIDEO_LINK})
    assert status == 200, linked
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    join = card(upcoming, events["video"]).get_by_role("link", name="Join")
    expect(join).to_have_attribute("href", VIDEO_LINK)
    expect(join).to_have_attribute("rel", "noopener noreferrer")
    expect(join).to_have_attribute("target", "_blank")
    expect(card(upcoming, events["video"])).not_to_contain_text("Awaiting video session link")

    # Confirm attendance: the card says so after.
    video = card(upcoming, events["video"])
    video.get_by_role("button", name="Confirm attendance").click()
    expect(video).to_contain_text("You confirmed you will attend.")
    expect(video.get_by_role("button", name="Confirm attendance")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Attendance confirmed")).to_have_count(1)
    mine = call(stack, "GET", f"/requests/me/events/{events['video']['event_id']}", client)[1]
    assert mine["attendance_confirmed"] is True
    screens.check(page, "calendar-confirmed")

    # Cancel, more than a day ahead: the policy, not late, no fee, then the client confirms.
    free = card(upcoming, events["free"])
    free.get_by_role("button", name="Cancel event").click()
    ask = free.get_by_role("region", name="Cancel this event?")
    expect(ask.get_by_role("heading", name="Cancel this event?")).to_be_focused()
    expect(ask).to_contain_text("you can cancel an event here up to 24 hours before it starts")
    expect(ask).to_contain_text(f"The late-cancellation fee is {money(LATE_FEE)}.")
    expect(ask).to_contain_text("Cancelling now is not late: no fee applies. You can cancel until")
    screens.check(page, "calendar-cancel")
    ask.get_by_role("button", name="Keep event").click()
    expect(free.get_by_role("button", name="Cancel event")).to_be_focused()  # focus back out
    free.get_by_role("button", name="Cancel event").click()
    free.get_by_role("region", name="Cancel this event?").get_by_role("button", name="Yes, cancel event").click()
    expect(free).to_contain_text("Cancelled by you")
    expect(free.get_by_role("heading")).to_be_focused()
    expect(free.get_by_role("button", name="Cancel event")).to_have_count(0)
    gone = call(stack, "GET", f"/requests/me/events/{events['free']['event_id']}", client)[1]
    assert (gone["status"], gone["late"], gone["late_fee"]) == ("cancelled", False, False)
    screens.check(page, "calendar-cancelled")


def test_inside_the_window_the_client_reads_the_late_fee_and_is_sent_to_their_provider(open_page, stack, events,
                                                                                       screens):
    """The agency widens its window to 14 days: the event days ahead is now inside it, a late cancellation the server
    refuses a client (they contact their provider), and the portal says so with the fee before anything is sent."""
    admin, client = stack.sign_in(ADMIN), stack.sign_in(CLIENT)
    settings = call(stack, "GET", "/requests/settings", admin)[1]
    status, changed = call(stack, "PUT", "/requests/settings", admin,
                           {"version": settings["version"], "cancellation_window_hours": 14 * 24})
    assert status == 200, changed
    try:
        page = open_page()
        portal_sign_in(page, CLIENT)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
        page.get_by_role("article", name=re.compile("Counselling")).get_by_role(
            "link", name="Show Events in your Calendar").click()
        expect(page.get_by_role("heading", name="Calendar", level=1)).to_be_visible()
        expect(page.get_by_text("Showing the events of Counselling.")).to_be_visible()
        upcoming = page.get_by_role("region", name="Upcoming events")
        late = card(upcoming, events["late"])
        late.get_by_role("button", name="Cancel event").click()
        ask = late.get_by_role("region", name="Cancel this event?")
        expect(ask.get_by_role("heading", name="Cancel this event?")).to_be_focused()
        expect(ask).to_contain_text("up to 336 hours before it starts")
        expect(ask).to_contain_text("cancelling now is a late cancellation, which can no longer be done here. "
                                    "Contact your provider to cancel.")
        expect(ask).to_contain_text(f"A late-cancellation fee of {money(LATE_FEE)} may apply.")
        expect(ask.get_by_role("button", name=re.compile("^Yes"))).to_have_count(0)
        screens.check(page, "calendar-cancel-late")
        ask.get_by_role("button", name="Close").click()
        expect(late.get_by_role("button", name="Cancel event")).to_be_focused()
        # The server is the one that refuses: the same cancel through the API.
        status, refused = call(stack, "POST", f"/requests/me/events/{events['late']['event_id']}/cancel", client, {})
        assert (status, refused["error"]["code"]) == (409, "inside_cancellation_window")

        page.get_by_role("link", name="Show all events").click()
        expect(page.get_by_text("Showing the events of Counselling.")).to_have_count(0)
        past = page.get_by_role("region", name="Past events")
        expect(card(past, events["past"])).to_contain_text("Attended")
        screens.check(page, "calendar-all")
        # Earlier events: the 92 days before, read on demand (the API's longest window).
        since = past.get_by_text(re.compile(r"^Past events since ")).inner_text()
        past.get_by_role("button", name="Earlier events").click()
        expect(past.get_by_text(re.compile(r"^Past events since "))).not_to_have_text(since)
        expect(card(past, events["past"])).to_be_visible()
        expect(page.get_by_role("alert")).to_have_count(0)
    finally:
        settings = call(stack, "GET", "/requests/settings", admin)[1]
        call(stack, "PUT", "/requests/settings", admin,
             {"version": settings["version"], "cancellation_window_hours": 24})
