"""Reminders on the local stack as people meet them: an admin sets the lead times and a worker sees and switches an
event's reminders in the staff app; a client chooses reminder emails in the portal's Preferences on a phone, a
worker in the staff app's Email preferences; and,
with the stack's clock moved close to an event, `make emails` shows the reminder the every-minute sweep sent (and
the calendar file the event's confirmation carried)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portalkit import wallclock
from tests.e2e import test_web
from tests.e2e.test_portal import AXE, PHONE, Screens, portal_sign_in
from tests.e2e.test_web import ADMIN, CLIENT, CLIENT2, WORKER, call, counselling, eventually, open_page, sign_in

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AGENCY_ZONE = test_web.AGENCY_ZONE
SWEEP_WAIT_S = 30  # moving the clock runs every scheduled function at once (infra/local/scheduler.py catch_up)

# test_web.py's fixtures: one local stack (clock started at TEST_NOW) and Debian's Chromium for this module.
stack = test_web.stack
browser = test_web.browser
__all__ = ["open_page"]  # test_web's page fixture (desktop size), used here as it is


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def schedule_event(stack, days: int, hour: int) -> tuple[str, datetime]:
    """The worker's event with client@demo.test at the main site, `days` ahead at `hour` on the agency's clock, once
    messaging knows it: (event_id, start)."""
    worker = stack.sign_in(WORKER)
    _, sites = call(stack, "GET", "/availability/sites", worker)
    site = next(s for s in sites["sites"] if s["name"] == "Main office")
    day = stack.now().date() + timedelta(days=days)
    start = datetime.combine(day, wall_time(hour), AGENCY_ZONE)
    status, event = call(stack, "POST", "/requests/events", worker, {
        "service_id": counselling(stack, stack.sign_in(CLIENT)), "client_ids": ["demo-client"], "start": iso(start),
        "end": iso(start + timedelta(hours=1)), "site_id": site["site_id"]})
    assert status == 201, event
    eventually(lambda: call(stack, "GET", f"/messaging/events/{event['event_id']}/reminders", worker)[0],
               lambda s: s == 200, "messaging learning of the event")
    return event["event_id"], start


def lead_times(stack) -> list[int]:
    return call(stack, "GET", "/messaging/settings", stack.sign_in(ADMIN))[1]["reminder_hours"]


def test_an_admin_sets_the_lead_times_and_the_worker_sees_and_switches_an_events_reminders(open_page, stack):
    admin = open_page()
    admin.goto("/")
    sign_in(admin, ADMIN)
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="Agency settings").click()
    admin.get_by_role("link", name="Messages").click()
    form = admin.get_by_role("form", name="Messages")
    expect(form.get_by_label("Email reminders before each event")).to_be_checked()
    hours = lead_times(stack)
    boxes = [form.get_by_label(f"Reminder {i} (hours before)") for i in (1, 2, 3)]
    for box, value in zip(boxes, [*map(str, hours), "", ""], strict=False):
        expect(box).to_have_value(value)
    boxes[1].fill("0")
    form.get_by_role("button", name="Save settings").click()
    expect(boxes[1]).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_text("Enter whole hours from 1 to 336.")).to_be_visible()
    boxes[0].fill("48")
    boxes[1].fill("2")
    boxes[2].fill("24")
    form.get_by_role("button", name="Save settings").click()
    expect(form.get_by_role("status")).to_have_text("Settings saved.")
    assert lead_times(stack) == [48, 24, 2]

    event_id, start = schedule_event(stack, days=3, hour=10)
    page = open_page()
    page.goto(f"/#/calendar?event={event_id}")
    sign_in(page, WORKER)
    reminders = page.get_by_role("region", name="Reminders", exact=True)
    expect(reminders).to_contain_text("By email, 48 hours, 24 hours and 2 hours before")
    listed = reminders.get_by_role("list", name="Reminders of this time").get_by_role("listitem")
    expect(listed).to_have_count(3)
    due = (start.astimezone(UTC) - timedelta(hours=24)).astimezone(AGENCY_ZONE)
    expect(listed.nth(1)).to_contain_text(re.compile(rf"24 hours before\s*Due\s*\w+,? {due.day} {due:%b} {due.year}"))

    reminders.get_by_role("button", name="Turn reminders off for this event").click()
    expect(reminders.get_by_role("status")).to_have_text("Reminders are off for this event.")
    expect(reminders).to_contain_text("Turned off for this event by Wes Worker")
    worker = stack.sign_in(WORKER)
    assert call(stack, "GET", f"/messaging/events/{event_id}/reminders", worker)[1]["enabled"] is False
    reminders.get_by_role("button", name="Turn reminders back on").click()
    expect(reminders.get_by_role("status")).to_have_text("Reminders are on again for this event.")
    assert call(stack, "GET", f"/messaging/events/{event_id}/reminders", worker)[1]["enabled"] is True


def test_a_client_turns_reminder_emails_off_in_preferences_on_a_phone(open_page, stack, request):
    page = open_page(width=PHONE["width"], height=PHONE["height"])
    page.context.add_init_script(path=str(AXE))
    screens = Screens(request.node.name)
    portal_sign_in(page, CLIENT2)
    page.get_by_role("banner").get_by_role("link", name="Preferences").click()
    section = page.get_by_role("region", name="Event reminders")
    hours = lead_times(stack)
    words = " and ".join([", ".join(f"{h} hours" for h in hours[:-1]), f"{hours[-1]} hours"]) if len(hours) > 1 \
        else f"{hours[0]} hours"
    expect(section).to_contain_text(f"Your agency sends reminders {words} before each event")
    choice = section.get_by_label("Email me a reminder before each of my events")
    expect(choice).to_be_checked()
    expect(page.get_by_role("group", name="Also send me an email when").get_by_text("a reminder")).to_have_count(0)
    screens.check(page, "preferences-reminders")
    choice.uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Your preferences are saved.")).to_be_visible()
    saved = call(stack, "GET", "/messaging/me/preferences", stack.sign_in(CLIENT2))[1]
    assert (saved["email"]["event_reminder"], saved["delivered_by_email"]["event_reminder"]) == (False, False)


def test_a_worker_turns_off_emails_of_new_requests_and_reminders_in_their_email_preferences(open_page, stack, request):
    page = open_page()
    page.context.add_init_script(path=str(AXE))
    page.goto("/")
    sign_in(page, WORKER)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Email preferences").click()
    form = page.get_by_role("form", name="Email preferences")
    choices = form.get_by_role("group", name="Email me when")
    expect(choices.get_by_label("a client requests an event")).to_be_checked()
    labels = choices.locator("label").all_inner_texts()
    assert len(labels) == 7 and not any("_" in label for label in labels), labels  # every staff kind, in words
    reminders = form.get_by_role("region", name="Event reminders")
    expect(reminders).to_contain_text("The agency sends reminders")
    Screens(request.node.name).check(page, "staff-email-preferences")
    choices.get_by_label("a client requests an event").uncheck()
    reminders.get_by_label("Email me a reminder before each of my events").uncheck()
    form.get_by_role("button", name="Save preferences").click()
    expect(form.get_by_role("status")).to_have_text("Your preferences are saved.")
    saved = call(stack, "GET", "/messaging/me/preferences", stack.sign_in(WORKER))[1]
    assert (saved["email"]["event_requested"], saved["email"]["event_reminder"], saved["email"]["message"]) == \
        (False, False, True)
    page.reload()
    expect(page.get_by_role("form", name="Email preferences").get_by_label("a client requests an event")) \
        .not_to_be_checked()
    choices = page.get_by_role("form", name="Email preferences").get_by_role("group", name="Email me when")
    choices.get_by_label("a client requests an event").check()  # and back, for the module's later tests
    page.get_by_label("Email me a reminder before each of my events").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status")).to_have_text("Your preferences are saved.")
    saved = call(stack, "GET", "/messaging/me/preferences", stack.sign_in(WORKER))[1]
    assert (saved["email"]["event_requested"], saved["email"]["event_reminder"]) == (True, True)


def test_with_the_clock_moved_close_to_an_event_make_emails_shows_the_reminder_the_sweep_sent(stack):
    event_id, start = schedule_event(stack, days=4, hour=11)
    nearest = min(lead_times(stack))
    due = start.astimezone(UTC) - timedelta(hours=nearest)
    # Just past the nearest reminder's moment: the longer ones are due too, and give way to it (one email, not three).
    assert stack.set_clock(iso(due + timedelta(seconds=5))).status_code == 200
    subject = f"Subject: Reminder: your event on {wallclock.readable(iso(start), 'America/New_York')}"

    def emails() -> str:
        done = stack.make(ROOT, "emails", f"TO={CLIENT}")
        assert done.returncode == 0, done.stderr
        return done.stdout

    shown = eventually(emails, lambda out: subject in out, "the sweep sending the reminder", timeout=SWEEP_WAIT_S)
    reminder = shown.split(subject, 1)[1].split("-" * 72, 1)[0]
    assert "Where: Main office, 12 Main Street, Springfield." in reminder
    assert "Your agency takes cancellations in the client portal up to 24 hours before an event" in reminder
    calendar = (f"Attached: appointment.ics (text/calendar): SUMMARY Appointment with Demo agency, DTSTART "
                f"{start.astimezone(UTC):%Y%m%dT%H%M%S}Z, SEQUENCE 1, STATUS CONFIRMED")  # the event's confirmation
    assert calendar in shown
    worker = stack.sign_in(WORKER)
    view = call(stack, "GET", f"/messaging/events/{event_id}/reminders", worker)[1]
    sent = [r for r in view["reminders"] if r["status"] == "sent"]
    assert [(r["hours"], r["sent_to"]) for r in sent] == [(nearest, [{"person_id": "demo-client", "role": "client"},
                                                                     {"person_id": "demo-worker", "role": "worker"}])]
    assert shown.count(subject) == 1
