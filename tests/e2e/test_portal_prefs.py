"""The portal's Request a New Service and Preferences in headless Chromium on a phone, against the local stack.

The worker's and admin's side goes through the API, as another app would; every screen reached is checked (axe-core,
no sideways scroll at 360 px, screenshots under test-output/portal/).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import test_portal, test_web
from tests.e2e.test_portal import portal_sign_in
from tests.e2e.test_web import ADMIN, CLIENT, WORKER, call

pytestmark = pytest.mark.e2e

# test_web.py's stack and browser for this module; test_portal.py's phone pages and screen checks.
stack = test_web.stack
browser = test_web.browser
open_page = test_portal.open_page
screens = test_portal.screens


def my_requests(stack, token: str, name: str) -> list[dict]:
    status, body = call(stack, "GET", "/requests/me/service-requests?limit=100", token)
    assert status == 200, body
    return [r for r in body["service_requests"] if r["name"] == name]


def pending_request(stack, worker: str, name: str) -> dict:
    status, body = call(stack, "GET", "/requests/service-requests?status=pending&limit=100", worker)
    assert status == 200, body
    return next(r for r in body["service_requests"] if r["name"] == name)


def test_a_client_requests_a_new_service_the_worker_approves_it_and_it_opens_in_my_services(open_page, stack,
                                                                                              screens):
    page = open_page()
    portal_sign_in(page, CLIENT)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
    page.get_by_role("link", name="Request a New Service").click()
    expect(page.get_by_role("heading", name="Request a New Service", level=1)).to_be_focused()
    expect(page.get_by_text("You have not requested a new service yet.")).to_be_visible()
    screens.check(page, "new-service")

    form = page.get_by_role("form", name="Request a New Service")
    form.get_by_role("button", name="Send").click()
    expect(form.get_by_label("Service you would like")).to_be_focused()
    expect(form.get_by_text("Enter the service you would like.")).to_be_visible()
    screens.check(page, "new-service-missing-name")

    name = "Housing support"
    form.get_by_label("Service you would like").fill(name)
    form.get_by_label("Message (optional)").fill("We are moving next month.")
    form.get_by_role("button", name="Send").dblclick()
    expect(page.get_by_role("status").filter(has_text=f"Your request for {name} is sent.")).to_be_visible()
    card = page.get_by_role("article", name=re.compile(name))
    expect(card).to_contain_text("Pending")
    client = stack.sign_in(CLIENT)
    assert len(my_requests(stack, client, name)) == 1  # a double click sends once
    screens.check(page, "new-service-pending")

    worker = stack.sign_in(WORKER)
    asked = pending_request(stack, worker, name)
    status, approved = call(stack, "POST", f"/requests/service-requests/{asked['service_request_id']}/approve",
                            worker, {})
    assert status == 200, approved
    status, declined = call(stack, "POST", "/requests/me/service-requests", client, {"name": "Dog walking"},
                            key="prefs-e2e-dog")
    assert status == 201, declined
    status, body = call(stack, "POST", f"/requests/service-requests/{declined['service_request_id']}/decline",
                        worker, {"reason": "We do not offer this service."})
    assert status == 200, body

    page.get_by_role("link", name="My Services").first.click()
    page.get_by_role("link", name="Request a New Service").click()
    card = page.get_by_role("article", name=re.compile(name))
    expect(card).to_contain_text("Approved")
    refused = page.get_by_role("article", name=re.compile("Dog walking"))
    expect(refused).to_contain_text("Declined")
    expect(refused).to_contain_text("We do not offer this service.")
    screens.check(page, "new-service-decided")

    card.get_by_role("link", name=f"Show {name} in My Services").click()
    opened = page.get_by_role("article", name=re.compile(name))
    expect(opened).to_contain_text("Open")
    expect(opened).to_contain_text("Wes Worker")  # the approving worker provides it
    assert f"service={approved['service_id']}" in page.url
    screens.check(page, "my-services-new-service")


def test_with_service_requests_switched_off_the_screen_and_its_link_are_gone(open_page, stack, screens):
    admin = stack.sign_in(ADMIN)

    def service_requests(enabled: bool) -> None:
        _, current = call(stack, "GET", "/requests/settings", admin)
        status, body = call(stack, "PUT", "/requests/settings", admin,
                            {"service_requests_enabled": enabled, "version": current["version"]})
        assert status == 200, body

    service_requests(False)
    try:
        page = open_page()
        portal_sign_in(page, CLIENT)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My Services").click()
        expect(page.get_by_role("article").first).to_be_visible()
        expect(page.get_by_role("link", name="Request a New Service")).to_have_count(0)
        page.goto("/portal/#/new-service")
        expect(page.get_by_text("Your agency does not offer this in the portal.")).to_be_visible()
        expect(page.get_by_role("form", name="Request a New Service")).to_have_count(0)
        screens.check(page, "new-service-switched-off")
    finally:
        service_requests(True)


def test_a_client_changes_their_email_preferences_and_the_api_reads_them_back(open_page, stack, screens):
    page = open_page()
    portal_sign_in(page, CLIENT)
    page.get_by_role("banner").get_by_role("link", name="Preferences").click()
    expect(page.get_by_role("heading", name="Preferences", level=1)).to_be_focused()
    client = stack.sign_in(CLIENT)
    before = call(stack, "GET", "/messaging/me/preferences", client)[1]
    expect(page.get_by_text(before["email_address"])).to_be_visible()
    invoices = page.get_by_label("an invoice is issued")
    expect(invoices).to_be_checked()
    expect(page.get_by_label("Full details (as much as your agency allows)")).to_be_checked()
    screens.check(page, "preferences")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Nothing to save")).to_be_visible()
    invoices.uncheck()
    page.get_by_label("Just a notice to sign in (the subject only)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Your preferences are saved.")).to_be_visible()
    screens.check(page, "preferences-saved")

    after = call(stack, "GET", "/messaging/me/preferences", client)[1]
    assert after["email"]["invoice_issued"] is False and after["email_detail"] == "subject_only"
    assert set(after["delivered_detail"].values()) == {"subject_only"}
    assert {k: v for k, v in after["email"].items() if k != "invoice_issued"} == {
        k: v for k, v in before["email"].items() if k != "invoice_issued"}  # only what was changed

    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("banner").get_by_role("link", name="Preferences").click()
    expect(page.get_by_label("an invoice is issued")).not_to_be_checked()  # read back from the API
    expect(page.get_by_label("Just a notice to sign in (the subject only)")).to_be_checked()
