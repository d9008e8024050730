"""Calendar feeds and "Add to calendar" in both web apps, in headless Chromium against the local stack.

A client (on a phone) and a worker each get a private link, which a plain HTTP GET (as a calendar app fetches it)
reads as iCalendar; a new link and "Stop sharing" make the old one answer 404; "Add to calendar" saves the event's
file. Nothing of the link reaches the browser's storage, the page's address or the stack's log.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import requests
from playwright.sync_api import expect

from tests.e2e import test_portal, test_web
from tests.e2e.test_portal import portal_sign_in, tile
from tests.e2e.test_web import ADMIN, CLIENT, WORKER, call, counselling, eventually, open_slots, sign_in

pytestmark = pytest.mark.e2e

# The fixtures of test_web.py (one stack, clock pinned at TEST_NOW; Chromium) and test_portal.py (phone pages, checks).
stack = test_web.stack
browser = test_web.browser
open_page = test_portal.open_page
screens = test_portal.screens

OUTPUT = test_web.OUTPUT
FEED_URL = re.compile(r"^http://127\.0\.0\.1:\d+/requests/feeds/[A-Za-z0-9_-]{43}\.ics$")


def read_feed(url: str) -> tuple[int, list]:
    """The feed as a calendar app fetches it: a plain GET, no token; its events parsed with `icalendar`."""
    reply = requests.get(url, timeout=10)
    if reply.status_code != 200:
        return reply.status_code, []
    assert reply.headers["Content-Type"] == "text/calendar; charset=utf-8" and reply.headers["ETag"]
    return 200, list(icalendar.Calendar.from_ical(reply.text).walk("VEVENT"))


def uids(events: list) -> set[str]:
    return {str(e["UID"]) for e in events}


def uid(event_id: str) -> str:
    return f"{event_id}@portal.example"


def panel_checked(page, name: str) -> None:
    """axe-core on the feed panel of a staff page (no serious or critical violation), and a screenshot of the page."""
    violations = page.evaluate(
        """async () => (await axe.run(document.querySelector(".calendar-feed"), {resultTypes: ["violations"]}))
            .violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)"""
    )
    assert violations == [], violations
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"calendar-feeds-{name}.png"), full_page=True)


def nothing_kept(page, secret: str) -> None:
    """The link is in the page's memory only: not in storage, not in the address."""
    storage = page.evaluate("JSON.stringify([{ ...localStorage }, { ...sessionStorage }])")
    assert secret not in storage and secret not in page.url


@pytest.fixture(scope="module")
def booked(stack):
    """Two events of the demo worker: one with the client alone, one with the second client alone."""
    worker, client = stack.sign_in(WORKER), stack.sign_in(CLIENT)
    service_id = counselling(stack, client)
    mine, theirs = open_slots(stack, worker, 2)
    made = {}
    for name, slot, who in (("mine", mine, "demo-client"), ("theirs", theirs, "demo-client2")):
        status, event = call(stack, "POST", "/requests/events", worker, {
            "service_id": service_id, "client_ids": [who], "start": slot["start"], "end": slot["end"]})
        assert status == 201, event
        made[name] = event
    for event in made.values():  # availability books each a moment later: none may be refused
        eventually(lambda e=event: call(stack, "GET", f"/requests/events/{e['event_id']}", worker)[1],
                   lambda got: got["status"] == "scheduled" and got["version"] >= 1, "the event keeping its time")
    return made


def test_a_client_subscribes_on_a_phone_gets_a_new_link_stops_sharing_and_adds_an_event(open_page, stack, booked,
                                                                                        screens):
    page = open_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    portal_sign_in(page, CLIENT)
    tile(page, "calendar").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Calendar", level=1)).to_be_focused()
    panel = page.get_by_role("region", name="Subscribe to your calendar")
    expect(panel).to_contain_text("You do not share your calendar with a calendar app.")
    expect(panel).to_contain_text("says “Appointment” with your agency's name")
    screens.check(page, "calendar-feed-none")

    panel.get_by_role("button", name="Get a link").click()
    field = panel.get_by_label("Your private calendar link")
    expect(field).to_be_focused()  # the link is where focus goes
    first = field.input_value()
    assert FEED_URL.match(first), first
    expect(panel.get_by_role("link", name="Open in calendar app")).to_have_attribute(
        "href", first.replace("http://", "webcal://"))
    expect(page.get_by_role("status").filter(has_text="Your new calendar link is ready.")).to_have_count(1)
    panel.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text=re.compile("Link copied|select the link"))).to_have_count(1)
    screens.check(page, "calendar-feed-link")
    nothing_kept(page, first.rsplit("/", 1)[1].removesuffix(".ics"))

    status, events = read_feed(first)
    assert status == 200 and uids(events) >= {uid(booked["mine"]["event_id"])}
    assert uid(booked["theirs"]["event_id"]) not in uids(events)  # another client's event is not in it
    assert {str(e["SUMMARY"]) for e in events} == {"Appointment with Demo agency"}  # the demo agency is named
    assert all(e.decoded("DTSTART").utcoffset().total_seconds() == 0 for e in events)

    # Back later, the link is not shown again; a new one replaces it, and the old one is gone at once.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    expect(panel).to_contain_text("A calendar app last fetched it")
    expect(panel.get_by_label("Your private calendar link")).to_have_count(0)
    panel.get_by_role("button", name="Get a new link").click()
    ask = panel.get_by_role("group", name=re.compile(r"^Get a new link\? The current link stops working at once"))
    expect(ask.locator("p").first).to_be_focused()
    screens.check(page, "calendar-feed-new-link")
    panel.get_by_role("button", name="Keep the link").click()
    expect(panel.get_by_role("button", name="Get a new link")).to_be_focused()  # focus back out
    panel.get_by_role("button", name="Get a new link").click()
    panel.get_by_role("button", name="Yes, get a new link").click()
    expect(panel.get_by_label("Your private calendar link")).to_be_focused()
    second = panel.get_by_label("Your private calendar link").input_value()
    assert second != first and read_feed(first)[0] == 404 and read_feed(second)[0] == 200

    panel.get_by_role("button", name="Stop sharing").click()
    panel.get_by_role("button", name="Yes, stop sharing").click()
    expect(page.get_by_role("status").filter(has_text="You no longer share your calendar")).to_have_count(1)
    expect(panel.get_by_role("button", name="Get a link")).to_be_focused()
    assert read_feed(second)[0] == 404
    screens.check(page, "calendar-feed-stopped")

    # Add to calendar: the event's own file, saved from a Blob URL (no token in any URL).
    upcoming = page.get_by_role("region", name="Upcoming events")
    card = upcoming.get_by_role("article").filter(has=page.get_by_role("button", name="Add to calendar")).first
    with page.expect_download() as saved:
        card.get_by_role("button", name="Add to calendar").click()
    download = saved.value
    assert download.url.startswith("blob:") and re.match(r"appointment-\d{4}-\d{2}-\d{2}\.ics$",
                                                         download.suggested_filename)
    (entry,) = icalendar.Calendar.from_ical(Path(download.path()).read_text(encoding="utf-8")).walk("VEVENT")
    assert str(entry["UID"]) in uids(events)  # one of the client's own events, as the feed had it
    assert str(entry["SUMMARY"]) == "Appointment with Demo agency"
    expect(page.get_by_role("status").filter(has_text="Calendar file saved")).to_have_count(1)
    for secret in (first, second):
        assert secret.rsplit("/", 1)[1].removesuffix(".ics") not in stack.log()  # the stack logs routes, not paths


def test_a_worker_subscribes_from_the_calendar_page_and_names_clients_once_an_admin_allows_it(open_page, stack,
                                                                                             booked):
    page = open_page(test_portal.DESKTOP)
    page.goto("/")
    sign_in(page, WORKER)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", name="Calendar", level=1)).to_be_visible()
    panel = page.get_by_role("region", name="Subscribe to your calendar")
    expect(panel).to_contain_text("it names the clients only if the agency allows it")
    panel_checked(page, "staff-none")
    panel.get_by_role("button", name="Get a link").click()
    expect(panel.get_by_label("Your private calendar link")).to_be_focused()
    url = panel.get_by_label("Your private calendar link").input_value()
    panel_checked(page, "staff-link")
    assert FEED_URL.match(url), url
    nothing_kept(page, url.rsplit("/", 1)[1].removesuffix(".ics"))
    status, events = read_feed(url)
    both = {uid(booked["mine"]["event_id"]), uid(booked["theirs"]["event_id"])}
    assert status == 200 and uids(events) >= both
    assert "Client" not in " ".join(str(e["SUMMARY"]) for e in events)  # no names while the agency has not allowed

    # The event panel offers the event's own file to its worker.
    event = booked["mine"]
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Calendar")  # left: the link opens a new page
    page.goto(f"/#/calendar?event={event['event_id']}")  # a link to one event opens its panel
    details = page.get_by_role("region", name="Counselling")
    with page.expect_download() as saved:
        details.get_by_role("button", name="Add to calendar").click()
    (entry,) = icalendar.Calendar.from_ical(Path(saved.value.path()).read_text(encoding="utf-8")).walk("VEVENT")
    assert str(entry["UID"]) == uid(event["event_id"])
    assert entry.decoded("DTSTART") == datetime.fromisoformat(event["start"].replace("Z", "+00:00")).astimezone(UTC)

    # An admin lets workers' entries name clients (Requests and events settings): the same link names them.
    admin = open_page(test_portal.DESKTOP)
    admin.goto("/")
    sign_in(admin, ADMIN)
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="Agency settings").click()
    admin.get_by_role("link", name="Requests and events").click()
    form = admin.get_by_role("form", name="Requests and events")
    form.get_by_label("Name the clients in workers' calendar feeds and files").check()
    form.get_by_role("button", name="Save settings").click()
    expect(form.get_by_role("status").filter(has_text="Settings saved.")).to_be_visible()
    try:
        summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in read_feed(url)[1]}
        assert summaries[uid(booked["mine"]["event_id"])] == "Appointment with Cleo Client"
        assert summaries[uid(booked["theirs"]["event_id"])] == "Appointment with Cal Client"
    finally:
        form.get_by_label("Name the clients in workers' calendar feeds and files").uncheck()
        form.get_by_role("button", name="Save settings").click()
        expect(form.get_by_role("status").filter(has_text="Settings saved.")).to_be_visible()
