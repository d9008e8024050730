"""The staff web client in headless Chromium against the local stack, as workers and admins meet it.

One stack and one browser per module; each test gets fresh browser contexts (its own storage, so its
own session) and saves a screenshot of every page it opened under test-output/web/.
"""

from __future__ import annotations

import re
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
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


REFRESH_TOKEN_KEY = "portal.staff.refreshToken"  # the one thing the staff app keeps in the browser's storage
THREE_PART_TOKEN = re.compile(r"[\w-]+\.[\w-]+\.[\w-]+")  # a JWT: header, claims, signature


def browser_storage(page) -> dict:
    """What the page's localStorage and sessionStorage hold, key by key."""
    return page.evaluate("() => ({ local: { ...localStorage }, session: { ...sessionStorage } })")


def assert_only_the_refresh_token_is_stored(page, email: str, name: str) -> None:
    """The refresh token alone in localStorage; no email, name or JWT in any value of either storage."""
    storage = browser_storage(page)
    assert list(storage["local"]) == [REFRESH_TOKEN_KEY], storage
    assert storage["session"] == {}, storage
    for value in [*storage["local"].values(), *storage["session"].values()]:
        assert email.lower() not in value.lower() and name.lower() not in value.lower(), storage
        assert not THREE_PART_TOKEN.search(value) and "eyJ" not in value, storage


def preview_slots(page, day: date):
    """The slot times the preview lists for a date (its list is labelled with the date)."""
    label = f"Open slots on {day:%A} {day.day} {day:%B}"
    return page.get_by_role("region", name="What clients see").get_by_role("list", name=label, exact=True)


def agency_today(stack) -> date:
    """Today in the demo agency by the stack's clock (started at TEST_NOW), never by the machine's."""
    return stack.now().date()


def next_monday_a_week_ahead(stack) -> date:
    """A Monday 7 to 13 days ahead: the demo week is still in effect before it, inside the preview's 4 weeks."""
    today = agency_today(stack)
    return today + timedelta(days=7 + (7 - today.weekday()) % 7)


def test_worker_creates_a_calendar_with_a_client_facing_block_and_sees_its_slots(open_page, stack):
    page = open_page()
    page.goto("/")
    sign_in(page, WORKER)
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()

    page.reload()  # the session survives a reload
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_only_the_refresh_token_is_stored(page, WORKER, "Wes Worker")

    start = next_monday_a_week_ahead(stack)
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


def test_admin_changes_slot_length_and_client_facing_type_and_the_worker_preview_follows(open_page, stack):
    friday = next_monday_a_week_ahead(stack) - timedelta(days=3)  # demo week: 09-12 client sessions, 13-16 admin
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
    expect(settings.get_by_text("Slot length (minutes) must be a multiple of 5.")).to_be_visible()

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


def test_the_list_of_blocks_shows_every_column_on_a_1280_pixel_laptop_screen(open_page):
    page = open_page(1280, 800)
    page.goto("/")
    sign_in(page, WORKER)
    blocks = page.get_by_role("region", name=re.compile("^Blocks of "))
    expect(blocks.get_by_role("button", name=re.compile("^Delete ")).first).to_be_visible()
    overflow = blocks.evaluate("region => region.scrollWidth - region.clientWidth")
    assert overflow <= 0, f"the list of blocks is {overflow} px wider than its region: its last columns are cut off"
    region = blocks.bounding_box()
    for button in blocks.get_by_role("button").all():
        box = button.bounding_box()
        assert region["x"] <= box["x"] and box["x"] + box["width"] <= region["x"] + region["width"], button


def short_date(day: date) -> str:
    """How the staff client writes a date in a list: "Mon, 7 Dec 2026"."""
    return f"{day:%a}, {day.day} {day:%b} {day.year}"


def test_a_worker_fixes_an_upcoming_calendars_name_and_start_date_and_deletes_it(open_page, stack):
    page = open_page()
    page.goto("/")
    sign_in(page, WORKER)
    today = agency_today(stack)
    new_calendar = page.get_by_role("form", name="New calendar")
    new_calendar.get_by_label("Name").fill("Sumer hours")
    new_calendar.get_by_label("Start date").fill((today - timedelta(days=1)).isoformat())
    new_calendar.get_by_role("button", name="Add calendar").click()
    expect(new_calendar.get_by_text("Choose today or a later date.")).to_be_visible()

    typo, fixed = today + timedelta(days=40), today + timedelta(days=47)
    new_calendar.get_by_label("Start date").fill(typo.isoformat())
    new_calendar.get_by_role("button", name="Add calendar").click()
    expect(page.get_by_role("button", name=re.compile(rf"Sumer hours.*Starts {short_date(typo)}.*Upcoming"))
           ).to_be_visible()

    page.get_by_role("button", name="Edit calendar Sumer hours").click()
    edit = page.get_by_role("form", name="Edit Sumer hours")
    edit.get_by_label("Name").fill("Summer hours")
    edit.get_by_label("Start date").fill(fixed.isoformat())
    edit.get_by_role("button", name="Save calendar").click()
    expect(page.get_by_role("button", name=re.compile(rf"Summer hours.*Starts {short_date(fixed)}.*Upcoming"))
           ).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Calendar Summer hours saved.")).to_be_visible()

    # The calendar in effect: renamed at most, never deleted; its start date is fixed.
    in_effect = page.get_by_role("listitem").filter(has=page.get_by_text("In effect", exact=True))
    expect(in_effect.get_by_role("button", name=re.compile("^Delete calendar"))).to_have_count(0)
    in_effect.get_by_role("button", name=re.compile("^Edit calendar")).click()
    expect(in_effect.get_by_text("It is in effect, so its start date is fixed")).to_be_visible()
    expect(in_effect.get_by_label("Start date")).to_have_count(0)
    in_effect.get_by_role("button", name="Cancel").click()

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Delete calendar Summer hours").click()
    expect(page.get_by_role("status").filter(has_text="Calendar Summer hours deleted.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Summer hours"))).to_have_count(0)
    assert questions == [
        f"Delete the calendar Summer hours? It has not started yet (it would from "
        f"{short_date(fixed)}); the calendar in effect until then keeps deciding those days."
    ]


def test_an_admin_renames_and_retires_types_and_sites_and_workers_are_no_longer_offered_them(open_page):
    admin = open_page()
    admin.goto("/")
    sign_in(admin, ADMIN)
    admin.get_by_role("link", name="Types and sites").click()
    types = admin.get_by_role("region", name="Availability types")
    add_type = admin.get_by_role("form", name="Add a type")
    add_type.get_by_label("Name").fill("Group sesions")
    add_type.get_by_role("button", name="Add type").click()
    expect(types.get_by_role("list", name="Types").get_by_text("Group sesions")).to_be_visible()
    add_type.get_by_label("Name").fill("  client SESSIONS ")
    add_type.get_by_role("button", name="Add type").click()
    expect(add_type.get_by_text("Another availability type is already called 'Client sessions'.")).to_be_visible()

    types.get_by_role("button", name="Edit type Group sesions").click()
    edit = types.get_by_role("form", name="Edit Group sesions")
    edit.get_by_label("Name").fill("Group sessions")
    edit.get_by_role("button", name="Save type").click()
    group = types.get_by_role("listitem").filter(has_text="Group sessions")
    expect(group).to_be_visible()
    facing = types.get_by_role("listitem").filter(has=admin.get_by_text("client-facing", exact=True))
    expect(facing).to_have_count(1)
    expect(facing.get_by_role("button", name=re.compile("^Retire type"))).to_have_count(0)
    group.get_by_role("button", name="Retire type Group sessions").click()
    expect(group.get_by_text("Retired", exact=True)).to_be_visible()
    expect(group.get_by_role("button", name="Bring back type Group sessions")).to_be_visible()

    sites = admin.get_by_role("region", name="Sites")
    add_site = admin.get_by_role("form", name="Add a site")
    add_site.get_by_label("Name", exact=True).fill("Anex")
    add_site.get_by_label("Address").fill("3 Mill Lane")
    add_site.get_by_role("button", name="Add site").click()
    expect(sites.get_by_role("listitem").filter(has_text="Anex")).to_contain_text("3 Mill Lane")
    sites.get_by_role("button", name="Edit site Anex").click()
    edit_site = sites.get_by_role("form", name="Edit Anex")
    edit_site.get_by_label("Name").fill("North annex")
    edit_site.get_by_label("Address").fill("  3 Mill Lane,  Northtown ")
    edit_site.get_by_role("button", name="Save site").click()
    annex = sites.get_by_role("listitem").filter(has_text="North annex")
    expect(annex).to_contain_text("3 Mill Lane, Northtown")
    annex.get_by_role("button", name="Retire site North annex").click()
    expect(annex.get_by_text("Retired", exact=True)).to_be_visible()

    worker = open_page()
    worker.goto("/")
    sign_in(worker, WORKER)
    block = worker.get_by_role("form", name="Add a block")
    expect(block.get_by_label("Type").get_by_role("option", name="Group sessions")).to_have_count(0)
    expect(block.get_by_label("Site").get_by_role("option", name=re.compile("North annex"))).to_have_count(0)
    expect(block.get_by_label("Site")).to_have_value(re.compile(r".+"))  # the one site still offered, preselected


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
    page.clock.install()  # the page's clock, moved past the ID token's hour below; it runs as usual until then
    page.goto("/")
    sign_in(page, WORKER)
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()
    page.get_by_role("link", name="Services").click()  # a page that does not poll: nothing calls the API unasked
    expect(page.get_by_role("heading", name="Services", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")  # the page has loaded all it shows

    # Cognito ends the sessions (an admin signs the user out everywhere), and the ID token's hour is up.
    cognito = stack.aws("cognito-idp")
    pool = stack.config()["cognito"]["user_pool_id"]
    cognito.admin_user_global_sign_out(UserPoolId=pool, Username=WORKER)
    page.clock.set_system_time(datetime.now(UTC) + timedelta(hours=1, minutes=1))
    page.evaluate("location.hash = '#/availability'")  # to My availability, whose first call finds the hour up
    expect(page.get_by_text("Your session has ended. Sign in again to continue.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    assert browser_storage(page) == {"local": {}, "session": {}}

    page.clock.set_system_time(datetime.now(UTC))  # back in step with Cognito's clock: the next tokens are fresh
    sign_in(page, WORKER)
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()

    # A token the API no longer accepts (401) whose refresh token was revoked ends the session too.
    cognito.admin_user_global_sign_out(UserPoolId=pool, Username=WORKER)
    api = re.compile(r"/(availability|requests|messaging|billing)/")

    def tampered(route):
        route.continue_(headers={**route.request.headers, "authorization": "not-a-token"})

    page.route(api, tampered)
    page.evaluate("location.hash = '#/services'")  # not a click: a late call's 401 may end the session before it
    expect(page.get_by_text("Your session has ended. Sign in again to continue.")).to_be_visible()
    assert browser_storage(page) == {"local": {}, "session": {}}
    page.wait_for_load_state("networkidle")  # no call of the ended session left to be tampered with after sign-in
    page.unroute(api, tampered)

    # A reload whose stored refresh token Cognito refuses: signed out, and the sign-in page says so.
    sign_in(page, WORKER)
    expect(page.get_by_role("heading", name="Services", level=1)).to_be_visible()
    cognito.admin_user_global_sign_out(UserPoolId=pool, Username=WORKER)
    page.reload()
    expect(page.get_by_text("Your session has ended. Sign in again to continue.")).to_be_visible()
    assert browser_storage(page) == {"local": {}, "session": {}}


def test_a_reload_or_another_tab_resumes_the_session_and_tabs_sign_in_and_out_together(open_page, stack):
    page = open_page()
    page.goto("/")
    sign_in(page, WORKER)
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()
    assert_only_the_refresh_token_is_stored(page, WORKER, "Wes Worker")

    other = page.context.new_page()  # another tab of the same browser
    other.goto("/#/services")
    expect(other.get_by_role("heading", name="Services", level=1)).to_be_visible()
    expect(other.get_by_text("Wes Worker")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    expect(other.get_by_text("You are signed out.")).to_be_visible()
    assert browser_storage(other) == {"local": {}, "session": {}}

    sign_in(other, WORKER)
    expect(other.get_by_role("heading", name="Services", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()
    assert_only_the_refresh_token_is_stored(page, WORKER, "Wes Worker")

    # Cognito out of reach at a reload: the session is kept, and trying again resumes it.
    endpoint = stack.config()["cognito"]["endpoint"].rstrip("/")

    def unreachable(route):
        route.abort()

    page.route(lambda url: url.startswith(endpoint), unreachable)
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("Cannot reach the sign-in service.")
    assert list(browser_storage(page)["local"]) == [REFRESH_TOKEN_KEY]
    page.unroute_all()
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", name="My availability", level=1)).to_be_visible()
    expect(other.get_by_role("heading", name="Services", level=1)).to_be_visible()
    other.close()


# -- phase 2: requests, calendar, discussions, billing ---------------------------------------------------

CLIENT, CLIENT2 = "client@demo.test", "client2@demo.test"
SAGA_TIMEOUT_S = 20


def call(stack, method: str, path: str, token: str, body: dict | None = None, key: str | None = None):
    """The API as a client app calls it: `(status, json)`."""
    headers = {"Authorization": token}
    if key:
        headers["Idempotency-Key"] = key
    reply = requests.request(method, f"{stack.api}{path}", headers=headers, json=body, timeout=10)
    return reply.status_code, (reply.json() if reply.content else None)


def eventually(read, until, what: str, timeout: float = SAGA_TIMEOUT_S):
    """`read()` again until `until(value)`: the saga runs through the background pump."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if until(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s; last: {value}")
        time.sleep(0.25)


def counselling(stack, client_token: str) -> str:
    status, body = call(stack, "GET", "/requests/me/services", client_token)
    assert status == 200, body
    return next(s["service_id"] for s in body["services"] if s["name"] == "Counselling")


def open_slots(stack, token: str, count: int) -> list[dict]:
    """The demo worker's open slots a client can request now (whatever the agency's settings are)."""
    first = agency_today(stack) + timedelta(days=1)
    last = first + timedelta(days=30)
    status, body = call(stack, "GET", f"/availability/workers/demo-worker/slots?from={first}&to={last}", token)
    assert status == 200, body
    assert len(body["slots"]) >= count, body
    return body["slots"][:count]


def request_slot(stack, token: str, slot: dict, **extra) -> str:
    """A client requests a slot and availability holds it: the request awaits the worker's response."""
    status, body = call(stack, "POST", "/requests/me/event-requests", token,
                        {"worker_id": "demo-worker", "start": slot["start"], **extra})
    assert status in (200, 201, 202), body
    request_id = body["request_id"]
    eventually(lambda: call(stack, "GET", f"/requests/me/event-requests/{request_id}", token)[1]["status"],
               lambda s: s == "awaiting_response", f"holding {slot['start']}")
    return request_id


def wall_clock(local_start: str) -> str:
    """How the app writes a site's wall-clock time: "Fri, 27 Nov 2026, 13:00"."""
    moment = datetime.fromisoformat(local_start)
    return f"{moment:%a}, {moment.day} {moment:%b} {moment.year}, {moment:%H:%M}"


def signed_in_page(open_page, email: str, link: str):
    page = open_page()
    page.goto("/")
    sign_in(page, email)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", name=link, level=1)).to_be_visible()
    return page


def test_a_clients_request_appears_live_and_the_worker_confirms_it_and_adds_the_video_link(open_page, stack):
    client = stack.sign_in(CLIENT)
    page = signed_in_page(open_page, WORKER, "Requests")
    expect(page.get_by_role("status").filter(has_text="Loading")).to_have_count(0)

    (slot,) = open_slots(stack, client, 1)
    request_slot(stack, client, slot, service_id=counselling(stack, client), video_session=True,
                 message="Could we talk about the move?")

    # No reload: the page polls while visible.
    card = page.get_by_role("article", name=re.compile("Cleo Client")).filter(has_text="Could we talk about the move?")
    expect(card).to_be_visible(timeout=SAGA_TIMEOUT_S * 1000)
    expect(card).to_contain_text(wall_clock(slot["local_start"]))
    expect(card).to_contain_text("Counselling")
    expect(card).to_contain_text("Yes, a video session")
    card.get_by_role("button", name="Confirm the request from Cleo Client").click()
    expect(page.get_by_role("status").filter(has_text="Confirmed: Cleo Client")).to_be_visible()
    expect(card).to_have_count(0)

    page.get_by_role("link", name="Open it in the calendar").click()
    details = page.get_by_role("region", name="Counselling")
    expect(details.get_by_text("Awaiting video session link.")).to_be_visible()
    expect(page.locator(".event-grid .event-awaiting-video")).to_have_count(1)  # it stands out on the grid
    link = "https://meet.example.org/cleo-counselling"
    details.get_by_label("Video link").fill("http://not-secure.example.org")
    details.get_by_role("button", name="Add link").click()
    expect(details.get_by_text("Video link must be an https:// link.")).to_be_visible()
    details.get_by_label("Video link").fill(link)
    details.get_by_role("button", name="Add link").click()
    expect(page.get_by_role("status").filter(has_text="Video link added")).to_be_visible()
    expect(details.get_by_role("link", name=link)).to_be_visible()

    start = datetime.fromisoformat(slot["start"].replace("Z", "+00:00"))
    status, body = call(stack, "GET", f"/requests/me/events?from={start.date()}&to={start.date()}", client)
    assert status == 200, body
    (event,) = [e for e in body["events"] if e["start"] == slot["start"]]
    assert (event["video_link"], event["status"], event["awaiting_video_link"]) == (link, "scheduled", False)


def test_a_worker_declines_a_request_with_a_reason_and_proposes_another_time_for_the_next(open_page, stack):
    client = stack.sign_in(CLIENT2)
    service_id = counselling(stack, client)
    first, second = open_slots(stack, client, 2)
    declined = request_slot(stack, client, first, service_id=service_id, message="Mornings suit me best.")
    moved = request_slot(stack, client, second, service_id=service_id, message="Any time that week.")

    page = signed_in_page(open_page, WORKER, "Requests")
    card = page.get_by_role("article", name=re.compile("Cal Client")).filter(has_text="Mornings suit me best.")
    card.get_by_role("button", name="Decline the request from Cal Client").click()
    decline = card.get_by_role("form", name="Decline the request from Cal Client")
    decline.get_by_role("button", name="Decline request").click()
    expect(decline.get_by_text("Give the client a reason: they read it.")).to_be_visible()
    decline.get_by_label("Reason").fill("I am at a training that day.")
    decline.get_by_role("button", name="Decline request").click()
    expect(page.get_by_role("status").filter(has_text="Declined the request from Cal Client")).to_be_visible()
    _, body = call(stack, "GET", f"/requests/me/event-requests/{declined}", client)
    assert (body["status"], body["reason"], body["declined_by"]) == ("declined", "I am at a training that day.",
                                                                        "worker")

    card = page.get_by_role("article", name=re.compile("Cal Client")).filter(has_text="Any time that week.")
    card.get_by_role("button", name="Propose another time to Cal Client").click()
    propose = card.get_by_role("form", name="Propose another time to Cal Client")
    options = propose.get_by_role("radio")
    expect(options.first).to_be_visible()
    # The declined request's time may be open again by now (its hold released) or not yet: take neither.
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    chosen = next(value for value in values if value not in (first["start"], second["start"]))
    propose.locator(f'input[type="radio"][value="{chosen}"]').check()
    propose.get_by_role("button", name="Propose this time").click()
    expect(page.get_by_role("status").filter(has_text="to Cal Client")).to_contain_text("Proposed")
    proposal = eventually(lambda: call(stack, "GET", f"/requests/me/event-requests/{moved}", client)[1],
                          lambda r: r["status"] == "proposed", "the proposal being held")
    assert proposal["start"] == chosen
    page.get_by_role("link", name="Other time proposed").click()
    expect(page.get_by_role("article", name=re.compile("Cal Client")).filter(has_text="Any time that week.")) \
        .to_contain_text("Waiting for Cal Client to accept or decline this time.")


def test_a_proposal_availability_cannot_hold_and_a_declined_request_say_why_in_words(open_page, stack):
    client, client2 = stack.sign_in(CLIENT), stack.sign_in(CLIENT2)
    service_id = counselling(stack, client)
    asked = request_slot(stack, client, open_slots(stack, client, 1)[0], service_id=service_id,
                         message="Could we meet that week?")
    page = signed_in_page(open_page, WORKER, "Requests")
    card = page.get_by_role("article", name=re.compile("Cleo Client")).filter(has_text="Could we meet that week?")
    card.get_by_role("button", name="Propose another time to Cleo Client").click()
    propose = card.get_by_role("form", name="Propose another time to Cleo Client")
    option = propose.get_by_role("radio").first
    expect(option).to_be_visible()
    taken = option.get_attribute("value")
    # Another client takes that time while the worker is choosing it: the list shown is no longer true.
    other = request_slot(stack, client2, {"start": taken}, service_id=service_id)
    try:
        option.check()
        propose.get_by_role("button", name="Propose this time").click()
        expect(page.get_by_role("status").filter(has_text="Availability is checking")).to_be_visible()
        failure = card.get_by_role("note").filter(has_text="could not be held")
        expect(failure).to_be_visible(timeout=SAGA_TIMEOUT_S * 1000)  # the list polls: no reload
        expect(failure).to_contain_text("That time was taken by another appointment before it could be held.")
        worker = stack.sign_in(WORKER)
        _, staff_view = call(stack, "GET", f"/requests/event-requests/{asked}", worker)
        assert (staff_view["status"], staff_view["proposal"]["status"], staff_view["proposal"]["start"]) == (
            "awaiting_response", "failed", taken)

        # A time outside the worker's availability: availability declines it, and the Declined tab says why.
        slot = open_slots(stack, client, 1)[0]
        off_grid = datetime.fromisoformat(slot["start"].replace("Z", "+00:00")) + timedelta(minutes=5)
        status, body = call(stack, "POST", "/requests/me/event-requests", client, {
            "worker_id": "demo-worker", "service_id": service_id, "start": off_grid.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "message": "Just after nine?"})
        assert status == 202, body
        declined = eventually(lambda: call(stack, "GET", f"/requests/me/event-requests/{body['request_id']}",
                                           client)[1], lambda r: r["status"] == "declined", "availability's decline")
        assert (declined["reason"], declined["reason_text"]) == (
            "outside_availability", "That time is not one of the provider's available times.")
        page.get_by_role("link", name="Declined").click()
        card = page.get_by_role("article", name=re.compile("Cleo Client")).filter(has_text="Just after nine?")
        expect(card).to_contain_text(f"The time could not be held. {declined['reason_text']}")
    finally:
        for token, request_id in ((client, asked), (client2, other)):  # free the clients' places for other tests
            call(stack, "POST", f"/requests/me/event-requests/{request_id}/withdraw", token)


def test_the_video_option_is_gone_while_the_agency_has_video_sessions_off(open_page, stack):
    admin = stack.sign_in(ADMIN)

    def video_sessions(enabled: bool) -> None:
        _, current = call(stack, "GET", "/requests/settings", admin)
        status, body = call(stack, "PUT", "/requests/settings", admin,
                            {"video_sessions_enabled": enabled, "version": current["version"]})
        assert status == 200, body

    video_sessions(False)
    try:
        page = signed_in_page(open_page, WORKER, "Calendar")
        page.get_by_role("button", name="New event").click()
        form = page.get_by_role("form", name="New event")
        expect(form.get_by_label("Service")).to_be_visible()
        expect(form.get_by_label("Video session")).to_have_count(0)
    finally:
        video_sessions(True)


def test_a_clients_message_reaches_the_inbox_and_the_workers_reply_lets_them_write_again(open_page, stack):
    client = stack.sign_in(CLIENT)
    service_id = counselling(stack, client)
    # Messaging learns of the demo's service through the pump, moments after the stack starts.
    status, started = eventually(
        lambda: call(stack, "POST", "/messaging/me/discussions", client,
                     {"service_id": service_id, "subject": "Forms for the school", "message": "Hello Wes."}),
        lambda answer: answer[0] != 400, "messaging knowing the service")
    assert status == 201, started
    discussion = started["discussion_id"]
    path = f"/messaging/me/discussions/{discussion}/messages"
    for text in ("Did you get the forms?", "They are due on Friday."):
        assert call(stack, "POST", path, client, {"message": text})[0] == 201
    status, refused = call(stack, "POST", path, client, {"message": "Hello?"})
    assert (status, refused["error"]["code"]) == (409, "message_limit_reached")

    page = signed_in_page(open_page, WORKER, "Discussions")
    entry = page.get_by_role("list", name="Inbox").get_by_role("link", name=re.compile("Forms for the school"))
    expect(entry).to_contain_text("3 new")
    entry.click()
    messages = page.get_by_role("list", name="Messages of Forms for the school")
    expect(messages.get_by_role("listitem")).to_have_count(3)
    expect(messages).to_contain_text("They are due on Friday.")
    expect(entry).not_to_contain_text("new")  # opening it read it
    page.get_by_label("Reply", exact=True).fill("Yes, all three. I will sign them tomorrow.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("status").filter(has_text="Reply sent.")).to_be_visible()
    expect(messages.get_by_role("listitem")).to_have_count(4)

    status, seen = call(stack, "GET", f"/messaging/me/discussions/{discussion}", client)
    assert (status, seen["messages_left"]) == (200, 3)
    assert call(stack, "POST", path, client, {"message": "Thank you!"})[0] == 201


def test_with_discussions_off_the_worker_still_answers_and_is_told_the_client_cannot_write_back(open_page, stack):
    client, admin = stack.sign_in(CLIENT2), stack.sign_in(ADMIN)
    service_id = counselling(stack, client)
    status, started = eventually(
        lambda: call(stack, "POST", "/messaging/me/discussions", client,
                     {"service_id": service_id, "subject": "Before the pause", "message": "Is Monday still on?"}),
        lambda answer: answer[0] != 400, "messaging knowing the service")
    assert status == 201, started

    def discussions(enabled: bool) -> None:
        _, settings = call(stack, "GET", "/messaging/settings", admin)
        changed = {"discussions_enabled": enabled, "version": settings["version"]}
        assert call(stack, "PUT", "/messaging/settings", admin, changed)[0] == 200

    discussions(False)
    try:
        page = signed_in_page(open_page, WORKER, "Discussions")
        page.get_by_role("list", name="Inbox").get_by_role("link", name=re.compile("Before the pause")).click()
        form = page.get_by_role("form", name="Reply to the discussion")
        expect(form).to_contain_text("Cal Client cannot write back")
        form.get_by_label("Reply", exact=True).fill("Yes, Monday at 9. Discussions are paused for now.")
        form.get_by_role("button", name="Send reply").click()
        expect(page.get_by_role("status").filter(has_text="Reply sent.")).to_be_visible()
        status, seen = call(stack, "GET", f"/messaging/me/discussions/{started['discussion_id']}", client)
        assert (status, seen["can_post"], seen["cannot_post_reason"]) == (200, False, "discussions_disabled")
        assert seen["messages"][-1]["body"] == "Yes, Monday at 9. Discussions are paused for now."
    finally:
        discussions(True)


def test_a_worker_records_an_earlier_session_marks_it_attended_and_the_client_is_invoiced(open_page, stack):
    client = stack.sign_in(CLIENT)
    start = (stack.now() - timedelta(minutes=90)).replace(second=0, microsecond=0)  # instants, not wall-clock sums
    start = (start - timedelta(minutes=start.minute % 5)).astimezone(AGENCY_ZONE)

    page = signed_in_page(open_page, WORKER, "Calendar")
    page.get_by_role("button", name="New event").click()
    form = page.get_by_role("form", name="New event")
    form.get_by_label("Service").select_option(label="Counselling")
    form.get_by_role("group", name="Clients").get_by_label("Cleo Client").check()
    form.get_by_label("Date").fill(start.date().isoformat())
    form.get_by_label("Start time").fill(f"{start:%H:%M}")
    form.get_by_label("Length").select_option("60")
    form.get_by_role("button", name="Create event").click()
    expect(page.get_by_role("status").filter(has_text="Event created")).to_be_visible()

    details = page.get_by_role("region", name="Counselling")
    attendance = details.get_by_role("form", name="Attendance")
    attendance.get_by_label("Attended").check()
    attendance.get_by_role("button", name="Record attendance").click()
    expect(page.get_by_role("status").filter(has_text="Marked attended.")).to_be_visible()
    expect(details.get_by_text("Attended", exact=True)).to_be_visible()

    utc = start.astimezone(ZoneInfo("UTC"))
    since, until = f"{utc:%Y-%m-%dT%H:%M:%SZ}", f"{utc + timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}"
    _, body = call(stack, "GET", f"/requests/me/events?from={since}&to={until}", client)
    (event,) = [e for e in body["events"] if e["start"] == since]
    assert event["status"] == "attended"
    invoices = eventually(lambda: call(stack, "GET", "/billing/me/invoices", client)[1]["invoices"],
                          lambda found: any(i["event_id"] == event["event_id"] for i in found), "the invoice")
    (invoice,) = [i for i in invoices if i["event_id"] == event["event_id"]]
    assert (invoice["total"], invoice["currency"], invoice["status"]) == (8000, "USD", "open")
    status, account = call(stack, "GET", "/billing/me/account", client)
    assert status == 200 and account["balance"] >= 8000 and account["invoiced"] >= 8000

    # The worker sees the invoice on the client's account and records a cash payment of part of it.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Billing").click()
    page.get_by_role("link", name="Account of Cleo Client").click()
    row = page.get_by_role("table", name="Invoices").get_by_role("row", name=re.compile(f"^{invoice['number']}"))
    expect(row).to_contain_text("$80.00")
    row.get_by_role("button", name=f"Details of {invoice['number']}").click()
    payment = page.get_by_role("form", name=f"Record a payment on {invoice['number']}")
    amount = payment.get_by_label("Amount (USD)")
    amount.fill("30,5")
    payment.get_by_label("Paid by").select_option("cash")
    payment.get_by_role("button", name="Record payment").click()
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(payment.get_by_text("Use a point for decimals, like 45.50.")).to_be_visible()
    amount.fill("30.50")
    payment.get_by_role("button", name="Record payment").click()
    expect(page.get_by_role("status").filter(has_text="Payment of $30.50 recorded")).to_be_visible()
    expect(row).to_contain_text("$49.50")
    expect(row).to_contain_text("Partly paid")
    status, paid = call(stack, "GET", f"/billing/me/invoices/{invoice['invoice_id']}", client)
    assert (paid["paid"], paid["balance"], paid["status"]) == (3050, 4950, "partially_paid")


def soon_within_a_day(stack) -> tuple[datetime, datetime]:
    """A start 2 to 5 hours ahead on a half hour, and the same event moved 30 minutes later, both ending before
    midnight: inside the 24-hour cancellation window whatever the stack's time of day."""
    now = stack.now().astimezone(UTC).replace(second=0, microsecond=0)  # sums of instants, not of wall-clock times
    start = (now + timedelta(hours=2, minutes=30 - now.minute % 30)).astimezone(AGENCY_ZONE)
    if (start + timedelta(minutes=75)).date() != start.date():
        start = datetime.combine(start.date() + timedelta(days=1), datetime.min.time(), AGENCY_ZONE).replace(hour=1)
    return start, (start.astimezone(UTC) + timedelta(minutes=30)).astimezone(AGENCY_ZONE)


def test_a_worker_reschedules_and_cancels_an_event_from_the_calendar(open_page, stack):
    first, moved = soon_within_a_day(stack)
    day, at = first.date(), f"{moved:%H:%M}"
    page = signed_in_page(open_page, WORKER, "Calendar")
    page.get_by_role("button", name="New event").click()
    form = page.get_by_role("form", name="New event")
    form.get_by_label("Service").select_option(label="Counselling")
    form.get_by_role("button", name="Create event").click()
    expect(form.get_by_text("Choose at least one client.")).to_be_visible()
    form.get_by_role("group", name="Clients").get_by_label("Cal Client").check()
    form.get_by_label("Date").fill(day.isoformat())
    form.get_by_label("Start time").fill(f"{first:%H:%M}")
    form.get_by_label("Video session").check()
    form.get_by_role("button", name="Create event").click()
    expect(page.get_by_role("status").filter(has_text="Event created")).to_be_visible()

    details = page.get_by_role("region", name="Counselling")
    expect(details.get_by_text("Awaiting video session link.")).to_be_visible()
    reschedule = details.get_by_role("form", name="Reschedule")
    reschedule.get_by_label("New time").fill(at)
    reschedule.get_by_label("Length (minutes)").fill("45")
    reschedule.get_by_role("button", name="Reschedule").click()
    expect(page.get_by_role("status").filter(has_text="Rescheduled")).to_be_visible()
    ends = (moved.astimezone(UTC) + timedelta(minutes=45)).astimezone(AGENCY_ZONE)
    expect(details).to_contain_text(f"{day:%a}, {day.day} {day:%b} {day.year}, {at}\u2013{ends:%H:%M}")
    row = page.get_by_role("table", name="Events in the days shown").get_by_role("row", name=re.compile(at))
    expect(row).to_contain_text("Video link needed")

    cancel = details.get_by_role("form", name="Cancel the event")
    expect(cancel.get_by_text("late cancellation")).to_be_visible()  # it starts inside the 24-hour window
    fee = cancel.get_by_label("Charge the late-cancellation fee")
    expect(fee).not_to_be_checked()  # the worker's own cancellation costs the client nothing unless charged
    cancel.get_by_label("Reason (optional)").fill("I am unwell.")
    cancel.get_by_role("button", name="Cancel event").click()
    expect(page.get_by_role("status").filter(has_text="Cancelled, late, without a fee")).to_be_visible()
    expect(details).to_contain_text("Cancelled by Wes Worker, late (no fee): I am unwell.")

    client = stack.sign_in(CLIENT2)
    _, body = call(stack, "GET", f"/requests/me/events?from={day - timedelta(days=1)}&to={day + timedelta(days=1)}",
                   client)  # UTC days around the agency's day
    (event,) = [e for e in body["events"] if e["status"] == "cancelled" and e["reason"] == "I am unwell."]
    start = datetime.fromisoformat(event["start"].replace("Z", "+00:00")).astimezone(AGENCY_ZONE)
    assert (f"{start:%H:%M}", event["duration_minutes"], event["late"], event["late_fee"]) == (at, 45, True, False)


def test_services_open_approve_and_change_participants_and_start_a_discussion(open_page, stack):
    client = stack.sign_in(CLIENT2)
    status, asked = call(stack, "POST", "/requests/me/service-requests", client,
                         {"name": "Parenting group", "message": "For me and my partner."})
    assert status in (200, 201), asked

    page = signed_in_page(open_page, WORKER, "Services")
    page.on("dialog", lambda dialog: dialog.accept())
    request = page.get_by_role("article", name=re.compile("Cal Client asks for “Parenting group”"))
    expect(request).to_contain_text("For me and my partner.")
    request.get_by_role("button", name="Approve…").click()
    request.get_by_role("button", name="Approve and open the service").click()
    expect(page.get_by_role("status").filter(has_text="Approved: Cal Client now takes part in Parenting group")) \
        .to_be_visible()
    files = page.get_by_role("table", name="Service files")
    expect(files.get_by_role("link", name="Parenting group")).to_be_visible()

    page.get_by_role("button", name="New service").click()
    form = page.get_by_role("form", name="New service")
    form.get_by_label("Name").fill("Housing support")
    form.get_by_role("group", name="Participants").get_by_label("Cleo Client").check()
    form.get_by_role("button", name="Open service").click()
    expect(page.get_by_role("status").filter(has_text="Service Housing support opened.")).to_be_visible()
    files.get_by_role("link", name="Housing support").click()

    page.get_by_role("form", name="Add a participant").get_by_label("Client").select_option(label="Cal Client")
    page.get_by_role("button", name="Add participant").click()
    participants = page.get_by_role("table", name="Participants of Housing support")
    expect(participants.get_by_role("row")).to_have_count(3)  # the header and two clients
    participants.get_by_role("button", name="Remove Cleo Client").click()
    expect(page.get_by_role("status").filter(has_text="Cleo Client removed.")).to_be_visible()
    expect(participants.get_by_role("row")).to_have_count(2)

    participants.get_by_role("link", name="Message Cal Client").click()
    start = page.get_by_role("form", name="Start a discussion")
    expect(start.get_by_label("Service")).to_have_value(re.compile(".+"))
    expect(start.get_by_label("Client")).to_have_value("demo-client2")
    start.get_by_label("Subject").fill("Your housing application")
    start.get_by_label("Message").fill("Please bring your lease on Monday.")
    # Messaging hears of the new service and its participants through the pump: the form says to try again.
    thread = page.get_by_role("heading", name="Your housing application", level=2)

    def started() -> bool:
        start.get_by_role("button", name="Start discussion").click()
        try:
            expect(thread).to_be_visible(timeout=4000)
        except AssertionError:
            expect(start.get_by_text("try again in a moment")).to_be_visible()
            return False
        return True

    eventually(started, bool, "starting the discussion")
    eventually(lambda: call(stack, "GET", "/messaging/me/inbox", client),
                          lambda answer: any(i["subject"] == "Your housing application" for i in answer[1]["items"]),
                          "the client's inbox")
    _, mine = call(stack, "GET", "/requests/me/services?status=all", client)
    assert {"Parenting group", "Housing support"} <= {s["name"] for s in mine["services"]}


def test_billing_issues_an_invoice_takes_a_payment_refunds_part_credits_and_voids(open_page, stack):
    client = stack.sign_in(CLIENT2)
    page = signed_in_page(open_page, WORKER, "Billing")
    page.get_by_role("link", name="Account of Cal Client").click()
    page.get_by_role("button", name="Issue an invoice").click()
    form = page.get_by_role("form", name="Issue an invoice")
    form.get_by_label("Service").select_option("")  # (billing may not have heard of a service yet)
    form.get_by_label("Line 1 description").fill("Intake assessment")
    form.get_by_label("Line 1 amount (USD)").fill("45")
    form.get_by_role("button", name="Add a line").click()
    form.get_by_label("Line 2 description").fill("Workbook")
    form.get_by_label("Line 2 amount (USD)").fill("12.345")
    form.get_by_role("button", name="Issue invoice").click()
    expect(form.get_by_text("USD amounts have at most 2 decimals.")).to_be_visible()
    form.get_by_label("Line 2 amount (USD)").fill("12.34")
    expect(form).to_contain_text("Total: $57.34")
    form.get_by_role("button", name="Issue invoice").click()
    issued = page.get_by_role("status").filter(has_text="issued for $57.34")
    expect(issued).to_be_visible()
    number = re.search(r"INV-\d+", issued.inner_text()).group(0)

    invoices = page.get_by_role("table", name="Invoices")
    invoices.get_by_role("button", name=f"Details of {number}").click()
    payment = page.get_by_role("form", name=f"Record a payment on {number}")
    payment.get_by_label("Amount (USD)").fill("20")
    payment.get_by_label("Paid by").select_option("transfer")
    payment.get_by_label("Reference (optional)").fill("TR-881")
    payment.get_by_role("button", name="Record payment").click()
    expect(page.get_by_role("status").filter(has_text=f"Payment of $20.00 recorded on {number}")).to_be_visible()

    page.get_by_role("table", name="Payments, credits and refunds").get_by_role("button", name=re.compile("Refund")) \
        .first.click()
    refund = page.get_by_role("form", name="Refund the payment")
    refund.get_by_label("Refund (USD)").fill("5")
    refund.get_by_role("button", name="Refund").click()
    expect(page.get_by_role("status").filter(has_text="Refund of $5.00 made")).to_be_visible()
    expect(invoices.get_by_role("row", name=re.compile(f"^{number}"))).to_contain_text("$42.34")  # owed again

    credit = page.get_by_role("form", name=f"Credit {number}")
    credit.get_by_label("Amount (USD)").fill("2.34")
    credit.get_by_label("Reason").fill("Workbook discount")
    credit.get_by_role("button", name="Give credit").click()
    expect(page.get_by_role("status").filter(has_text="Credit of $2.34 given.")).to_be_visible()
    expect(invoices.get_by_role("row", name=re.compile(f"^{number}"))).to_contain_text("$40.00")

    # A second invoice, issued by mistake, is voided.
    page.get_by_role("button", name="Issue an invoice").click()
    form.get_by_label("Line 1 description").fill("Duplicate")
    form.get_by_label("Line 1 amount (USD)").fill("10")
    form.get_by_role("button", name="Issue invoice").click()
    issued = page.get_by_role("status").filter(has_text="issued for $10.00")
    expect(issued).to_be_visible()
    duplicate = re.search(r"INV-\d+", issued.inner_text()).group(0)
    invoices.get_by_role("button", name=f"Details of {duplicate}").click()
    void = page.get_by_role("form", name=f"Void {duplicate}")
    void.get_by_label("Reason (optional)").fill("Issued twice")
    void.get_by_role("button", name="Void invoice").click()
    expect(page.get_by_role("status").filter(has_text=f"{duplicate} voided.")).to_be_visible()

    _, found = call(stack, "GET", "/billing/me/invoices", client)
    by_number = {i["number"]: i for i in found["invoices"]}
    assert (by_number[number]["total"], by_number[number]["balance"]) == (5734, 4000)
    assert by_number[duplicate]["status"] == "void"
    _, account = call(stack, "GET", "/billing/me/account", client)
    assert (account["paid"], account["refunded"], account["credited"]) == (2000, 500, 234)


def test_an_account_billing_has_no_client_for_says_so(open_page, stack):
    page = signed_in_page(open_page, WORKER, "Billing")
    page.goto("/#/billing/demo-worker")  # a worker: no client, so no account
    expect(page.get_by_role("alert")).to_contain_text("only the agency's clients have accounts")
    expect(page.get_by_role("button", name="Issue an invoice")).to_have_count(0)


def test_an_admin_changes_the_requests_messaging_and_payments_settings(open_page, stack):
    admin = stack.sign_in(ADMIN)
    page = signed_in_page(open_page, ADMIN, "Agency settings")
    page.get_by_role("link", name="Requests and events").click()
    form = page.get_by_role("form", name="Requests and events")
    form.get_by_label("Request a new service").uncheck()
    form.get_by_label("Agency name").fill("Riverside Family Services")
    form.get_by_label("Cancellation window (hours)").fill("48")
    form.get_by_label("Most open requests per client").fill("50")
    form.get_by_role("button", name="Save settings").click()
    most = form.get_by_label("Most open requests per client")
    expect(most).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_text(re.compile("^Most open requests per client must be"))).to_be_visible()
    most.fill("5")
    form.get_by_role("button", name="Save settings").click()
    expect(form.get_by_role("status")).to_have_text("Settings saved.")
    _, saved = call(stack, "GET", "/requests/settings", admin)
    assert (saved["service_requests_enabled"], saved["cancellation_window_hours"], saved["max_open_requests"],
            saved["agency_name"]) == (False, 48, 5, "Riverside Family Services")

    page.get_by_role("link", name="Messages").click()
    form = page.get_by_role("form", name="Messages")
    form.get_by_label("Email notifications to clients").uncheck()
    form.get_by_role("combobox", name="Invoice issued").select_option("subject_only")
    form.get_by_role("button", name="Save settings").click()
    expect(form.get_by_role("status")).to_have_text("Settings saved.")
    _, saved = call(stack, "GET", "/messaging/settings", admin)
    assert (saved["client_delivery_enabled"], saved["email_detail"]["invoice_issued"]) == (False, "subject_only")

    status, _ = call(stack, "POST", "/billing/invoices", admin, {  # an invoice fixes the agency's currency
        "client_id": "demo-client2", "lines": [{"description": "Workbook", "amount": 1200}]})
    assert status == 201
    page.get_by_role("link", name="Payments and fees").click()
    form = page.get_by_role("form", name="Payments", exact=True)
    form.get_by_label("Currency").fill("EUR")
    form.get_by_role("button", name="Save settings").click()
    expect(form.get_by_role("alert")).to_contain_text("cannot change once invoices exist")
    form.get_by_label("Currency").fill("USD")
    form.get_by_label("Clients may pay invoices online").uncheck()
    form.get_by_role("button", name="Save settings").click()
    expect(form.get_by_role("status")).to_have_text("Settings saved.")
    fees = page.get_by_role("form", name="Default fees")
    fees.get_by_label("No-show fee (USD)").fill("45.5")
    fees.get_by_role("button", name="Save fees").click()
    expect(fees.get_by_role("status")).to_contain_text("Fees saved.")
    _, saved = call(stack, "GET", "/billing/settings", admin)
    _, fee_schedule = call(stack, "GET", "/billing/fees", admin)
    assert (saved["payments_enabled"], saved["currency"], fee_schedule["no_show_fee"]) == (False, "USD", 4550)


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
    assert built.handle("POST", "/", {}, b"{}")[0] == 405  # files are read with GET and HEAD only


def test_no_path_reaches_outside_the_build(built):
    for path in ("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"):
        status, _, body = built.handle("GET", path, {}, None)
        assert b"not served" not in body, path
        assert status in (200, 404)


def test_a_missing_build_says_how_to_build_it(tmp_path):
    status, _, body = WebApp(tmp_path / "nothing").handle("GET", "/", {}, None)
    assert status == 503 and b"npm run build" in body
