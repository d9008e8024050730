"""The time from sign-in to My Services on the local stack (issue 15), measured as a client meets it.

Debian's Chromium (as tests/e2e drive it) opens a fresh page of the portal at a phone's size on the local stack
(`python -m infra.local.run`, its clock pinned as in the browser tests), signs in as client@demo.test, and follows
the nav to My Services until its first service is on screen. Each run is a new browser context (nothing cached
between runs but the browser's own code). Printed as milliseconds and as counts of what the page asked for between
pressing "Sign in" and My Services rendered; nothing here is a timed assertion.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from infra.local.demo import PASSWORD  # the local stack's demo sign-in

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CLIENT = "client@demo.test"
PHONE = {"width": 360, "height": 640}
SERVICE_BASES = ("/availability/", "/requests/", "/messaging/", "/billing/")
TIMEOUT_MS = 30_000
COLUMNS = ("step", "median ms", "min ms", "max ms", "API calls", "Cognito calls", "runs")
NOTES = (
    "local stack (moto, one request at a time) and headless Chromium on this machine, phone viewport (360x640),",
    "  a fresh browser context per run; median, min and max over the runs. A measurement, not a budget: the",
    "  machine is shared, so read the split between steps more than the totals.",
    "page to sign-in form: a fresh page of /portal/ until its email field shows (the first load and config.json).",
    "sign-in to Home: pressing \"Sign in\" until Home's title shows (Cognito, then the first screen).",
    "Home to My Services: following the nav until My Services' first service is on screen.",
    "fresh page to My Services: the three steps together (typing the email and password left out).",
    "API calls: requests to the services' base paths from pressing \"Sign in\" to My Services rendered (median).",
)


@dataclass
class Run:
    form_ms: float
    home_ms: float
    services_ms: float
    api_calls: int
    cognito_calls: int
    api_paths: list[str]  # each call, "GET /requests/me/services"


def one_run(browser, base_url: str, cognito: str, email: str = CLIENT, password: str = PASSWORD) -> Run:
    """One fresh page from /portal/ to My Services rendered, its steps timed with the monotonic clock."""
    context = browser.new_context(viewport=PHONE, base_url=base_url, locale="en-GB")
    try:
        page = context.new_page()
        counting = {"on": False, "api": [], "cognito": 0}

        def seen(request) -> None:
            if not counting["on"]:
                return
            url = urlsplit(request.url)
            if request.url.startswith(cognito):
                counting["cognito"] += 1
            elif url.path.startswith(SERVICE_BASES):
                counting["api"].append(f"{request.method} {url.path}")

        page.on("request", seen)
        started = time.perf_counter()
        page.goto("/portal/")
        page.get_by_label("Email").wait_for(timeout=TIMEOUT_MS)
        form = time.perf_counter()
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        counting["on"] = True
        signing_in = time.perf_counter()
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Home", level=1).wait_for(timeout=TIMEOUT_MS)
        home = time.perf_counter()
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
        page.locator(".service-list .service").first.wait_for(timeout=TIMEOUT_MS)
        services = time.perf_counter()
        counting["on"] = False
        return Run(
            form_ms=(form - started) * 1000,
            home_ms=(home - signing_in) * 1000,
            services_ms=(services - home) * 1000,
            api_calls=len(counting["api"]),
            cognito_calls=counting["cognito"],
            api_paths=sorted(counting["api"]),
        )
    finally:
        context.close()


def figures(runs: int) -> tuple[list[tuple], list[str]]:
    """Rows (one per step and the total) and notes; a note says why when Chromium or the stack is not there."""
    if not CHROMIUM.exists():
        return [], [f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium."]
    from playwright.sync_api import sync_playwright

    from tests.e2e.test_local_stack import LocalStack
    from tests.e2e.test_web import CHROMIUM_ARGS

    stack = LocalStack().start()
    try:
        cognito = stack.config()["cognito"]["endpoint"]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                one_run(browser, stack.api, cognito)  # warm-up, not counted: the stack's first calls, disk cache
                measured = [one_run(browser, stack.api, cognito) for _ in range(runs)]
            finally:
                browser.close()
    finally:
        stack.stop()
    return rows(measured), [*NOTES, f"calls in the last run: {calls_made(measured[-1])}"]


def calls_made(run: Run) -> str:
    """"GET /requests/me/services x2, ...": each call the page made, how often."""
    counts = Counter(run.api_paths)
    return ", ".join(f"{call} x{n}" if n > 1 else call for call, n in sorted(counts.items())) or "none"


def rows(measured: list[Run]) -> list[tuple]:
    """Each step's median, min and max; the counts on the sign-in steps (none before "Sign in" is pressed)."""
    api = round(statistics.median(r.api_calls for r in measured))
    cognito = round(statistics.median(r.cognito_calls for r in measured))

    def row(step: str, values: list[float], calls: tuple) -> tuple:
        return (step, statistics.median(values), min(values), max(values), *calls, len(values))

    return [
        row("page to sign-in form", [r.form_ms for r in measured], ("-", "-")),
        row("sign-in to Home", [r.home_ms for r in measured], ("-", "-")),
        row("Home to My Services", [r.services_ms for r in measured], ("-", "-")),
        row("sign-in to My Services", [r.home_ms + r.services_ms for r in measured], (api, cognito)),
        row("fresh page to My Services", [r.form_ms + r.home_ms + r.services_ms for r in measured], ("-", "-")),
    ]
