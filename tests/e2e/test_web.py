"""The staff web client in headless Chromium against the local stack, as workers and admins meet it.

One stack and one browser per module; each test gets fresh browser contexts (its own storage, so its
own session) and saves a screenshot of every page it opened under test-output/web/.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect, sync_playwright

from infra.local.web import WebApp
from tests.e2e.test_local_stack import PASSWORD, LocalStack

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "web"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AGENCY_ZONE = ZoneInfo("America/New_York")  # the demo agency's
WORKER, ADMIN = "worker@demo.test", "admin@demo.test"

expect.set_options(timeout=15_000)


@pytest.fixture(scope="module")
def stack():
    # `make test` builds the app first; this makes a direct pytest run work too (a no-op when up to date).
    subprocess.run(["make", "-s", "web"], cwd=ROOT, check=True, timeout=600)
    stack = LocalStack().start()
    yield stack
    assert stack.stop() == 0, stack.log()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, stack, request):
    """`open_page()`: a page in a fresh context (no session); screenshots of every page at the end."""
    pages, errors = [], []

    def open_page(width: int = 1366, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=stack.api)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        pages.append(page)
        return page

    yield open_page
    OUTPUT.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]", "_", request.node.name)
    for number, page in enumerate(pages):
        suffix = f"-{number + 1}" if len(pages) > 1 else ""
        page.screenshot(path=str(OUTPUT / f"{name}{suffix}.png"), full_page=True)
        page.context.close()
    assert errors == [], f"uncaught errors in the page: {errors}"


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def preview_slots(page, day: date):
    """The slot times the preview lists for a date (its list is labelled with the date)."""
    label = f"Open slots on {day:%A} {day.day} {day:%B}"
    return page.get_by_role("region", name="What clients see").get_by_role("list", name=label, exact=True)


def agency_today() -> date:
    return datetime.now(AGENCY_ZONE).date()


def next_monday_a_week_ahead() -> date:
    """A Monday 7 to 13 days ahead: the demo week is still in effect before it, inside the preview's 4 weeks."""
    today = agency_today()
    return today + timedelta(days=7 + (7 - today.weekday()) % 7)


def test_worker_creates_a_calendar_with_a_client_facing_block_and_sees_its_slots(open_page):
    page = open_page()
    page.goto("/")
    sign_in(page, WORKER)
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()

    page.reload()  # the session survives a reload
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    start = next_monday_a_week_ahead()
    new_calendar = page.get_by_role("form", name="New calendar")
    new_calendar.get_by_label("Name").fill("Saturday clinic")
    new_calendar.get_by_label("Start date").fill(start.isoformat())
    new_calendar.get_by_role("button", name="Add calendar").click()
    expect(page.get_by_role("heading", name=re.compile(r"Weekly blocks: Saturday clinic"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"Saturday clinic.*Upcoming"))).to_have_attribute(
        "aria-pressed", "true"
    )

    block = page.get_by_role("form", name="Add a block")
    block.get_by_label("Day").select_option("saturday")
    block.get_by_label("From").fill("10:00")
    block.get_by_label("To").fill("12:00")
    expect(block.get_by_label("Type")).to_have_value(re.compile(r".+"))  # the client-facing type, preselected
    block.get_by_role("button", name="Add block").click()
    expect(page.get_by_role("row", name=re.compile(r"Saturday\s+10:00\u201312:00"))).to_be_visible()

    saturday = start + timedelta(days=5)
    expect(preview_slots(page, saturday).get_by_role("listitem")).to_have_text(["10:00", "11:00"])
    expect(preview_slots(page, start)).to_have_count(0)  # from its start, the new calendar replaces the demo week
    expect(preview_slots(page, start - timedelta(days=3)).get_by_role("listitem")).to_have_text(
        ["09:00", "10:00", "11:00"]
    )


def test_admin_changes_slot_length_and_client_facing_type_and_the_worker_preview_follows(open_page):
    friday = next_monday_a_week_ahead() - timedelta(days=3)  # the demo week: 09-12 client sessions, 13-16 admin time
    admin = open_page()
    admin.goto("/")
    sign_in(admin, ADMIN)
    expect(admin.get_by_role("heading", name="Workers' availability", level=1)).to_be_visible()
    admin.get_by_role("link", name="Availability of Wes Worker").click()
    expect(preview_slots(admin, friday).get_by_role("listitem")).to_have_text(["09:00", "10:00", "11:00"])

    admin.get_by_role("link", name="Agency settings").click()
    settings = admin.get_by_role("form", name="Scheduling")
    slot_length = settings.get_by_label("Slot length (minutes)")
    slot_length.fill("7")
    settings.get_by_role("button", name="Save settings").click()
    expect(slot_length).to_have_attribute("aria-invalid", "true")
    expect(settings.get_by_text("Slot length (minutes) must be a multiple of 5 from 5 to 480.")).to_be_visible()

    slot_length.fill("30")
    settings.get_by_label("Client-facing type").select_option(label="Admin time")
    settings.get_by_role("button", name="Save settings").click()
    expect(settings.get_by_role("status")).to_have_text(re.compile("Settings saved"))

    worker = open_page()
    worker.goto("/")
    sign_in(worker, WORKER)
    expect(preview_slots(worker, friday).get_by_role("listitem")).to_have_text(
        ["13:00", "13:30", "14:00", "14:30", "15:00", "15:30"]
    )
    expect(preview_slots(worker, friday - timedelta(days=1))).to_have_count(0)  # Thursday: client sessions only


def test_wrong_password_shows_the_error_and_nothing_else(open_page):
    page = open_page()
    page.goto("/")
    sign_in(page, WORKER, password="not-the-password")
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password.")
    expect(page.get_by_label("Password")).to_have_value("")
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    assert page.evaluate("Object.keys(localStorage)") == []


def test_a_new_worker_chooses_a_password_at_first_sign_in(open_page, stack):
    cognito = stack.aws("cognito-idp")
    pool = stack.config()["cognito"]["user_pool_id"]
    email = "new.worker@demo.test"
    cognito.admin_create_user(
        UserPoolId=pool, Username=email, TemporaryPassword="temporary-pass-1", MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": email}, {"Name": "name", "Value": "Nia New"},
            {"Name": "custom:agency_id", "Value": "demo"}, {"Name": "custom:person_id", "Value": "demo-new"},
        ],
    )
    cognito.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName="workers")

    page = open_page()
    page.goto("/")
    sign_in(page, email, password="temporary-pass-1")
    choose = page.get_by_role("form", name="Choose a new password")
    choose.get_by_label("New password", exact=True).fill("short")
    choose.get_by_role("button", name="Set password and sign in").click()
    expect(choose.get_by_text("Use at least 12 characters.")).to_be_visible()
    choose.get_by_label("New password", exact=True).fill("a long new password")
    choose.get_by_label("Repeat the new password").fill("a long new password")
    choose.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()
    expect(page.get_by_text("No calendars yet.", exact=False)).to_be_visible()
    expect(page.get_by_text("Nia New")).to_be_visible()


def test_an_expired_session_returns_to_sign_in_and_back_to_the_page(open_page, stack):
    page = open_page()
    page.goto("/")
    sign_in(page, WORKER)
    page.get_by_role("link", name="Requests").click()
    expect(page.get_by_role("heading", name="Requests", level=1)).to_be_visible()

    # Cognito ends the sessions (an admin signs the user out everywhere), and the ID token's hour is up.
    cognito = stack.aws("cognito-idp")
    pool = stack.config()["cognito"]["user_pool_id"]
    cognito.admin_user_global_sign_out(UserPoolId=pool, Username=WORKER)
    page.evaluate(
        """() => {
          const key = "portal.staff.session";
          const stored = JSON.parse(localStorage.getItem(key));
          localStorage.setItem(key, JSON.stringify({ ...stored, expiresAt: Date.now() - 1000 }));
        }"""
    )
    page.get_by_role("link", name="My availability").click()
    expect(page.get_by_text("Your session has ended. Sign in again to continue.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)

    sign_in(page, WORKER)
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()

    # A token the API no longer accepts (401) whose refresh token was revoked ends the session too.
    cognito.admin_user_global_sign_out(UserPoolId=pool, Username=WORKER)
    page.evaluate(
        """() => {
          const key = "portal.staff.session";
          const stored = JSON.parse(localStorage.getItem(key));
          const tampered = stored.idToken.replace(/\\.[^.]*$/, ".bad");
          localStorage.setItem(key, JSON.stringify({ ...stored, idToken: tampered }));
        }"""
    )
    page.reload()
    expect(page.get_by_text("Your session has ended. Sign in again to continue.")).to_be_visible()
    assert page.evaluate("Object.keys(localStorage)") == []


# -- the gateway's static files (no stack, no browser) ------------------------------------------------


@pytest.fixture
def built(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>app</title>")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)")
    (tmp_path.parent / "secret.txt").write_text("not served")
    return WebApp(tmp_path)


def test_static_files_are_served_with_their_type_and_hashed_assets_cached_for_good(built):
    status, headers, body = built.handle("GET", "/assets/index-abc123.js", {}, None)
    assert (status, body) == (200, b"console.log(1)")
    assert headers["Content-Type"].startswith(("text/javascript", "application/javascript"))
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, _ = built.handle("GET", "/", {}, None)
    assert (status, headers["Cache-Control"]) == (200, "no-cache")


def test_any_other_page_path_answers_index_html_but_a_missing_file_is_a_404(built):
    status, headers, body = built.handle("GET", "/sign-in?next=x", {}, None)
    assert (status, body) == (200, b"<!doctype html><title>app</title>")
    assert headers["Content-Type"].startswith("text/html")
    assert built.handle("GET", "/assets/missing.js", {}, None)[0] == 404
    assert built.handle("POST", "/", {}, b"{}")[0] == 404


def test_no_path_reaches_outside_the_build(built):
    for path in ("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"):
        status, _, body = built.handle("GET", path, {}, None)
        assert b"not served" not in body, path
        assert status in (200, 404)


def test_a_missing_build_says_how_to_build_it(tmp_path):
    status, _, body = WebApp(tmp_path / "nothing").handle("GET", "/", {}, None)
    assert status == 503 and b"npm run build" in body
