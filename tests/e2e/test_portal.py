"""The client portal in headless Chromium against the local stack, as clients meet it: on a phone first.

One stack and one browser per module (the fixtures of test_web.py); each test gets fresh browser contexts (a
phone's 360x640 unless it says otherwise). Every screen a test reaches is checked with axe-core (no serious or
critical violation), checked for horizontal scrolling at 360 px, and saved as a screenshot at phone and desktop
width under test-output/portal/. The stack's clock is pinned (TEST_NOW); the page's clock is Playwright's where a
test moves it.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from infra.local.web import WebApp
from infra.web_policy import portal_policy, staff_policy
from tests.e2e import test_web
from tests.e2e.test_web import CLIENT, CLIENT2, WORKER, call, counselling, eventually, open_slots, sign_in

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "portal"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
AGENCY_ZONE = ZoneInfo("America/New_York")
BROWSER_ZONE = "Europe/London"  # not the agency's: times on its clock name its zone
IDLE_MINUTES = 15  # web/portal/src/strings.ts: IDLE_MINUTES

expect.set_options(timeout=15_000)

# test_web.py's fixtures: one local stack (clock pinned at TEST_NOW) and Debian's Chromium for this module.
stack = test_web.stack
browser = test_web.browser


class Screens:
    """Checks and saves each screen a test reaches: axe-core, no horizontal scroll at 360 px, two screenshots."""

    def __init__(self, test_name: str):
        self.name = re.sub(r"[^\w.-]", "_", test_name)

    def check(self, page, screen: str) -> None:
        page.set_viewport_size(PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{screen} scrolls sideways"
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)"""
        )
        assert violations == [], f"axe-core on {screen}: {violations}"
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"{self.name}-{screen}-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=str(OUTPUT / f"{self.name}-{screen}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)


@pytest.fixture
def screens(request) -> Screens:
    return Screens(request.node.name)


@pytest.fixture
def open_page(browser, stack):
    """`open_page()`: a phone-sized page in a fresh context (no session), axe-core loaded in every document."""
    pages, errors = [], []

    def open_page(viewport: dict = PHONE):
        context = browser.new_context(viewport=viewport, base_url=stack.api, timezone_id=BROWSER_ZONE,
                                      locale="en-GB", has_touch=True)
        context.add_init_script(path=str(AXE))  # not a page script: the CSP does not apply to it
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.context.close()
    assert errors == [], f"uncaught errors in the page: {errors}"


def portal_sign_in(page, email: str) -> None:
    page.goto("/portal/")
    expect(page.get_by_role("heading", name="Client portal", level=1)).to_be_visible()
    sign_in(page, email)
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()


def tile(page, name: str):
    return page.locator(f"[data-tile={name}]")


def on_agency_clock(start: str, end: str) -> re.Pattern:
    """How the portal writes an event's time for a browser in London: "Mon, 9 Mar 2026, 10:00-11:00 EDT" (en dash)."""
    first = datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(AGENCY_ZONE)
    last = datetime.fromisoformat(end.replace("Z", "+00:00")).astimezone(AGENCY_ZONE)
    text = rf"{first:%a},? {first.day} {first:%b} {first.year}, {first:%H:%M}\u2013{last:%H:%M} {first.tzname()}"
    return re.compile(text)


def money(minor: int) -> str:
    return f"${abs(minor) // 100:,}.{abs(minor) % 100:02d}"


@pytest.fixture(scope="module")
def client_data(stack):
    """The client's next event (the worker books one for them alone) and an invoice (theirs alone)."""
    worker, client = stack.sign_in(WORKER), stack.sign_in(CLIENT)
    service_id = counselling(stack, client)
    (slot,) = open_slots(stack, worker, 1)
    status, event = call(stack, "POST", "/requests/events", worker, {
        "service_id": service_id, "client_ids": ["demo-client"], "start": slot["start"], "end": slot["end"]})
    assert status == 201, event
    invoice = {"client_id": "demo-client", "lines": [{"description": "Counselling session", "amount": 8000}]}
    # Billing learns of the demo's clients from the bus a moment after the stack starts: asked again until it knows.
    status, issued = eventually(lambda: call(stack, "POST", "/billing/invoices", worker, invoice, key="portal-e2e"),
                                lambda answer: answer[0] != 400, "billing knowing the demo client")
    assert status == 201, issued
    eventually(lambda: call(stack, "GET", "/billing/me/account", client)[1]["balance"], lambda b: b > 0,
               "the invoice reaching the account")
    return {"event": event, "service_id": service_id}


def test_a_client_signs_in_sees_home_with_the_apis_figures_and_filters_my_services(open_page, stack, client_data,
                                                                                     screens):
    page = open_page()
    page.goto("/portal/")
    expect(page.get_by_role("heading", name="Client portal", level=1)).to_be_visible()
    expect(page.get_by_label("Email")).to_be_focused()
    screens.check(page, "sign-in")
    sign_in(page, CLIENT)
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()

    token = stack.sign_in(CLIENT)
    services = call(stack, "GET", "/requests/me/services?status=all", token)[1]
    inbox = call(stack, "GET", "/messaging/me/inbox", token)[1]
    account = call(stack, "GET", "/billing/me/account", token)[1]
    open_count = sum(1 for s in services["services"] if s["status"] == "open")
    nexts = sorted((s["next_event"] for s in services["services"] if s["next_event"]), key=lambda e: e["start"])
    assert nexts[0]["event_id"] == client_data["event"]["event_id"]
    expect(tile(page, "myServices")).to_contain_text(f"{open_count} open service")
    expect(tile(page, "calendar")).to_contain_text(on_agency_clock(nexts[0]["start"], nexts[0]["end"]))
    unread = "No unread messages" if inbox["unread"] == 0 else f"{inbox['unread']} unread"
    expect(tile(page, "inbox")).to_contain_text(unread)
    expect(tile(page, "accountHistory")).to_contain_text(f"{money(account['balance'])} you owe")
    screens.check(page, "home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
    expect(page.get_by_role("heading", name="My Services", level=1)).to_be_focused()  # focus follows the screen
    card = page.get_by_role("article", name=re.compile("Counselling"))
    expect(card).to_contain_text("Cal Client")  # the other participant
    expect(card).to_contain_text("Wes Worker")  # the provider
    expect(card).to_contain_text(on_agency_clock(nexts[0]["start"], nexts[0]["end"]))
    screens.check(page, "my-services")

    page.get_by_role("button", name="Show Options").click()
    options = page.get_by_role("form", name="Options")
    expect(options.get_by_label("Service", exact=True)).to_be_focused()
    options.get_by_label("Service", exact=True).select_option(label="Counselling")
    options.get_by_label("Both Open and Closed Services").check()
    screens.check(page, "my-services-options")
    options.get_by_role("button", name="Filter").click()
    expect(page.get_by_text(f"Showing 1 of {len(services['services'])} services.")).to_be_visible()
    expect(page.get_by_role("button", name="Show Options")).to_be_focused()
    assert "show=all" in page.url and "service=" in page.url

    # Nothing of the session or the person in the browser's storage or the address.
    storage = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert storage == [[], []]
    assert "eyJ" not in page.url and "demo.test" not in page.url and "Cleo" not in page.url

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()


def test_a_client_signing_in_at_the_staff_app_is_sent_to_the_portal(open_page, screens):
    page = open_page()
    page.goto("/")
    screens.check(page, "staff-sign-in")
    sign_in(page, CLIENT)
    page.wait_for_url(re.compile(r"/portal/$"))
    expect(page.get_by_role("heading", name="Client portal", level=1)).to_be_visible()
    assert page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]") == [[], []]
    sign_in(page, CLIENT)
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()


def test_client2_never_sees_the_first_clients_event_or_account(open_page, stack, client_data):
    page = open_page()
    portal_sign_in(page, CLIENT2)
    token = stack.sign_in(CLIENT2)
    account = call(stack, "GET", "/billing/me/account", token)[1]
    services = call(stack, "GET", "/requests/me/services?status=all", token)[1]["services"]
    assert all(s["next_event"] is None or s["next_event"]["event_id"] != client_data["event"]["event_id"]
               for s in services)
    assert account["balance"] == 0  # the invoice is the first client's
    expect(tile(page, "accountHistory")).to_contain_text(f"{money(0)} nothing owed")
    first = on_agency_clock(client_data["event"]["start"], client_data["event"]["end"])
    expect(tile(page, "calendar")).not_to_contain_text(first)
    page.get_by_role("link", name="My Services").first.click()
    expect(page.get_by_role("article", name=re.compile("Counselling"))).to_contain_text("Cleo Client")
    expect(page.locator("main")).not_to_contain_text(first)


def test_the_session_ends_after_the_inactivity_period(open_page, screens):
    page = open_page()
    page.clock.install()
    portal_sign_in(page, CLIENT)
    page.clock.fast_forward(f"{IDLE_MINUTES - 1}:00")
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()
    page.clock.fast_forward("01:01")
    expect(page.get_by_text(f"You were signed out after {IDLE_MINUTES} minutes without activity.")).to_be_visible()
    expect(page.get_by_role("heading", name="Home", level=1)).to_have_count(0)
    screens.check(page, "signed-out-idle")


def test_activity_keeps_the_session(open_page):
    page = open_page()
    page.clock.install()
    portal_sign_in(page, CLIENT)
    for _ in range(3):
        page.clock.fast_forward(f"{IDLE_MINUTES - 2}:00")
        page.keyboard.press("Tab")
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()


def test_forgot_password_asks_cognito_for_a_code(open_page, screens):
    page = open_page()
    page.goto("/portal/")
    page.get_by_role("button", name="Forgot your password?").click()
    form = page.get_by_role("form", name="Reset your password")
    expect(form.get_by_label("Email")).to_be_focused()
    screens.check(page, "forgot-password")
    form.get_by_label("Email").fill(CLIENT2)
    form.get_by_role("button", name="Send the code").click()
    expect(page.get_by_label("Code")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="A code is on its way")).to_be_visible()
    page.get_by_label("Code").fill("000000")
    page.get_by_label("New password", exact=True).fill("a brand new passphrase")
    page.get_by_label("Repeat the new password").fill("a brand new passphrase")
    page.get_by_role("button", name="Set the new password").click()
    # Cognito's answer, whatever the local pool makes of the code, is shown in words; the form stays usable.
    expect(page.get_by_role("alert").or_(page.get_by_text("Your password is changed"))).to_be_visible()


def test_both_apps_answer_with_their_content_security_policy(stack):
    import requests

    cognito = stack.config()["cognito"]["endpoint"]
    staff = requests.get(f"{stack.api}/", timeout=5)
    portal = requests.get(f"{stack.api}/portal/", timeout=5)
    route = requests.get(f"{stack.api}/portal/anything", timeout=5)
    assert staff.headers["Content-Security-Policy"] == staff_policy([cognito])
    assert portal.headers["Content-Security-Policy"] == portal_policy([cognito])
    assert route.status_code == 200 and route.text == portal.text
    assert "connect-src 'self' " + cognito in portal.headers["Content-Security-Policy"]


# -- the gateway's static files for the portal (no stack, no browser) -------------------------------------


@pytest.fixture
def built(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "portal").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>staff</title>")
    (tmp_path / "portal" / "index.html").write_text("<!doctype html><title>portal</title>")
    (tmp_path / "assets" / "portal-abc123.js").write_text("console.log(1)")
    return WebApp(tmp_path, connect=["http://127.0.0.1:5000"])


def test_portal_routes_answer_the_portals_index_and_staff_routes_the_staff_apps(built):
    for path in ("/portal/", "/portal/services", "/portal/index.html", "/portal/a/b?x=1"):
        status, headers, body = built.handle("GET", path, {}, None)
        assert (status, body) == (200, b"<!doctype html><title>portal</title>"), path
        assert headers["Cache-Control"] == "no-cache"
    assert built.handle("GET", "/services", {}, None)[2] == b"<!doctype html><title>staff</title>"
    status, headers, _ = built.handle("GET", "/portal", {}, None)
    assert (status, headers["Location"]) == (308, "/portal/")  # the portal's asset paths are relative to /portal/


def test_a_missing_portal_asset_is_a_404_and_shared_assets_are_cached_for_good(built):
    assert built.handle("GET", "/portal/missing.js", {}, None)[0] == 404
    status, headers, _ = built.handle("GET", "/assets/portal-abc123.js", {}, None)
    assert (status, headers["Cache-Control"]) == (200, "public, max-age=31536000, immutable")


def test_each_app_gets_its_policy_naming_only_its_origin_and_cognitos(built):
    portal = built.handle("GET", "/portal/", {}, None)[1]["Content-Security-Policy"]
    staff = built.handle("GET", "/", {}, None)[1]["Content-Security-Policy"]
    for policy in (portal, staff):
        assert "connect-src 'self' http://127.0.0.1:5000;" in policy
    assert "style-src 'self';" in portal and "style-src 'self' 'unsafe-inline';" in staff  # FullCalendar's styles
    for policy in (portal, staff):
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert "http:" not in policy.replace("http://127.0.0.1:5000", "") and "*" not in policy
