"""The messaging API: discussions, the three-message rule, authorization, inboxes, preferences and settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infra.local.system import load_app
from portalkit import clock
from portalkit.api import encode_cursor
from portalkit.envelope import new_message
from portalkit.testing.messages import new_queue_message, queue_message
from tests.support import examples, schema_events

BASE = "/messaging"
AGENCY = "agency-a"


def feed(event_type: str, subject_id: str, data: dict, version: int = 1, agency_id: str = AGENCY) -> None:
    """Hand messaging's consumer an event as its queue would (requests' events are its only way to learn)."""
    body = new_queue_message(event_type, agency_id=agency_id, subject_id=subject_id, subject_version=version, data=data)
    assert load_app("messaging").consumers.consumer.handle_message(body) == "applied"


def person(person_id: str, role: str = "client", consent: bool = True, agency_id: str = AGENCY) -> None:
    feed("requests.person.registered", person_id, {
        "person_id": person_id, "name": f"Name {person_id}", "email": f"{person_id}@a.test", "role": role,
        "email_consent": consent}, agency_id=agency_id)


def service(service_id: str, providers, participants, version: int = 1, status: str = "open",
            agency_id: str = AGENCY) -> None:
    verb = "opened" if version == 1 else "participant_added"
    feed(f"requests.service.{verb}", service_id, {
        "service_id": service_id, "name": f"Service {service_id}", "status": status,
        "provider_ids": list(providers), "participant_ids": list(participants), "open_date": "2026-01-05",
    }, version=version, agency_id=agency_id)


@pytest.fixture
def agency(system):
    """s1: w1 and w2 provide it to c1 and c2; s2: w1 to c1; s3: w3 to c3. Another agency has its own s1."""
    for p in ("c1", "c2", "c3"):
        person(p)
    for w in ("w1", "w2", "w3"):
        person(w, role="worker")
    service("s1", ["w1", "w2"], ["c1", "c2"])
    service("s2", ["w1"], ["c1"])
    service("s3", ["w3"], ["c3"])
    service("s1", ["w9"], ["c1"], agency_id="agency-b")
    return system


class As:
    """Calls as one person."""

    def __init__(self, system, role, person_id, agency_id=AGENCY):
        self.api = system.api
        self.token = system.token(role, agency_id, person_id)
        self.me = "/me" if role == "client" else ""

    def start(self, service_id="s1", subject="Scheduling", message="Hello", client_id=None, **kw):
        body = {"service_id": service_id, "subject": subject, "message": message}
        if client_id:
            body["client_id"] = client_id
        return self.api.post(f"{BASE}{self.me}/discussions", token=self.token, json=body, **kw)

    def post(self, discussion_id, message="More", **kw):
        return self.api.post(f"{BASE}{self.me}/discussions/{discussion_id}/messages", token=self.token,
                             json={"message": message}, **kw)

    def read(self, discussion_id, query=""):
        return self.api.get(f"{BASE}{self.me}/discussions/{discussion_id}{query}", token=self.token)

    def inbox(self, query=""):
        reply = self.api.get(f"{BASE}{self.me}/inbox{query}", token=self.token)
        assert reply.status == 200, reply.body
        return reply.json

    def mark_read(self, item_id):
        return self.api.post(f"{BASE}{self.me}/inbox/{item_id}/read", token=self.token)


def started(who: As, **kw) -> str:
    reply = who.start(**kw)
    assert reply.status == 201, reply.body
    return reply.json["discussion_id"]


# -- discussions ---------------------------------------------------------------------------------------------


def test_a_client_starts_a_discussion_and_every_provider_follows_it(agency):
    c1, w1, w2 = As(agency, "client", "c1"), As(agency, "worker", "w1"), As(agency, "worker", "w2")
    discussion = started(c1, subject="Next week", message="Can we move Tuesday?")

    seen = c1.read(discussion).json
    assert (seen["subject"], seen["service_id"], seen["client_id"], seen["service_name"]) == (
        "Next week", "s1", "c1", "Service s1")
    assert [(m["author_id"], m["author_name"], m["body"]) for m in seen["messages"]] == [
        ("c1", "Name c1", "Can we move Tuesday?")]
    assert seen["messages_left"] == 2 and seen["can_post"] is True

    for worker in (w1, w2):
        assert worker.read(discussion).status == 200
        (item,) = worker.inbox()["items"]
        assert (item["type"], item["discussion_id"], item["subject"], item["body"], item["from_name"],
                item["unread"]) == ("discussion", discussion, "Next week", "Can we move Tuesday?", "Name c1", 1)
        assert worker.inbox()["unread"] == 1
    (own,) = c1.inbox()["items"]
    assert own["unread"] == 0 and c1.inbox()["unread"] == 0

    assert w1.post(discussion, "Yes: Thursday?").status == 201
    seen = c1.read(discussion).json
    assert [m["body"] for m in seen["messages"]] == ["Can we move Tuesday?", "Yes: Thursday?"]
    assert c1.inbox()["items"][0]["unread"] == 1
    assert [i["unread"] for i in w1.inbox()["items"]] == [0]  # replying read it
    assert w2.inbox()["unread"] == 2  # the other provider follows: both messages unread


def test_discussion_and_message_ids_sort_by_the_clock_not_the_machines_time(agency):
    """Ids order messages within a second: made on portalkit.clock, they follow it where the stack moved it."""
    c1 = As(agency, "client", "c1")
    discussion = started(c1)
    message_id = c1.post(discussion).json["message_id"]
    stamps = [int(made[:16], 16) for made in (discussion, message_id)]
    assert [stamp // 10**9 for stamp in stamps] == [clock.now(), clock.now()] and stamps[0] < stamps[1]


def test_a_worker_starts_a_discussion_with_a_client_of_their_service(agency):
    w1, c2 = As(agency, "worker", "w1"), As(agency, "client", "c2")
    discussion = started(w1, client_id="c2", subject="Forms", message="Please bring the forms.")
    assert c2.read(discussion).json["messages"][0]["author_role"] == "worker"
    assert c2.inbox()["unread"] == 1
    assert As(agency, "client", "c1").read(discussion).status == 404

    assert w1.start(client_id="c3").json["error"]["field"] == "client_id"  # not a client of s1
    assert w1.start(service_id="s3", client_id="c3").json["error"]["field"] == "service_id"  # not their service


def test_a_service_lists_its_discussions_for_its_providers(agency):
    c1, c2 = As(agency, "client", "c1"), As(agency, "client", "c2")
    first, second = started(c1, subject="One"), started(c2, subject="Two")
    As(agency, "client", "c1").post(first)
    reply = agency.api.get(f"{BASE}/discussions?service_id=s1", token=agency.token("worker", AGENCY, "w2"))
    assert reply.status == 200, reply.body
    assert [(d["discussion_id"], d["message_count"]) for d in reply.json["discussions"]] == [(second, 1), (first, 2)]
    assert agency.api.get(f"{BASE}/discussions?service_id=s1", token=agency.token("worker", AGENCY, "w3")).status == 404


# -- the three-message rule ------------------------------------------------------------------------------------


def test_fourth_unanswered_message_is_refused_until_a_provider_replies(agency):
    c1, w2 = As(agency, "client", "c1"), As(agency, "worker", "w2")
    discussion = started(c1)
    assert c1.post(discussion).status == 201
    assert c1.post(discussion).status == 201
    fourth = c1.post(discussion)
    assert (fourth.status, fourth.error_code()) == (409, "message_limit_reached")
    assert "reply" in fourth.json["error"]["message"]
    assert c1.read(discussion).json["messages_left"] == 0
    elsewhere = c1.start(subject="Another discussion of the same service")
    assert (elsewhere.status, elsewhere.error_code()) == (409, "message_limit_reached")  # counted per service
    assert started(c1, service_id="s2")  # another service has its own count

    assert w2.post(discussion, "Got it").status == 201  # any provider's reply resets the count
    assert c1.read(discussion).json["messages_left"] == 3
    assert started(c1, subject="Now it goes")
    assert c1.post(discussion).status == 201
    assert c1.post(discussion).status == 201
    assert c1.post(discussion).error_code() == "message_limit_reached"
    assert len(c1.read(discussion).json["messages"]) == 6
    first = c1.read(discussion, "?limit=4").json
    rest = c1.read(discussion, f"?limit=4&cursor={first['cursor']}").json
    assert [m["body"] for m in first["messages"] + rest["messages"]] == [m["body"] for m in
                                                                         c1.read(discussion).json["messages"]]
    assert (len(first["messages"]), rest["cursor"]) == (4, None)
    assert As(agency, "client", "c2").start().status == 201  # another client of the service has their own count


# -- authorization ---------------------------------------------------------------------------------------------


def test_only_the_client_and_the_services_staff_reach_a_discussion(agency):
    discussion = started(As(agency, "client", "c1"))
    allowed = [As(agency, "client", "c1"), As(agency, "worker", "w1"), As(agency, "worker", "w2"),
               As(agency, "admin", "admin-1")]
    refused = [
        As(agency, "client", "c2"),  # same service, another client's discussion
        As(agency, "client", "c3"),  # another service
        As(agency, "worker", "w3"),  # does not provide the service
        As(agency, "client", "c1", agency_id="agency-b"),  # the same ids in another agency
        As(agency, "worker", "w1", agency_id="agency-b"),
        As(agency, "admin", "admin-1", agency_id="agency-b"),
    ]
    for who in allowed:
        assert who.read(discussion).status == 200
    for who in refused:
        assert who.read(discussion).status == 404, who.token
        assert who.post(discussion).status == 404
    assert As(agency, "worker", "w3").post("no-such-discussion").status == 404

    client, staff = agency.token("client", AGENCY, "c1"), agency.token("worker", AGENCY, "w1")
    assert agency.api.get(f"{BASE}/discussions/{discussion}", token=client).status == 403  # staff routes
    assert agency.api.get(f"{BASE}/me/discussions/{discussion}", token=staff).status == 403  # client routes


def test_a_client_who_leaves_the_service_loses_its_discussions(agency):
    c2 = As(agency, "client", "c2")
    discussion = started(c2)
    service("s1", ["w1", "w2"], ["c1"], version=2)
    assert c2.read(discussion).status == 404
    assert c2.post(discussion).status == 404
    assert As(agency, "worker", "w1").read(discussion).status == 200


def test_messages_and_discussions_cannot_be_edited_or_deleted(agency):
    c1 = As(agency, "client", "c1")
    discussion = started(c1, message="Original")
    message_id = c1.read(discussion).json["messages"][0]["message_id"]
    for method in ("PUT", "PATCH", "DELETE"):
        for path in (f"{BASE}/me/discussions/{discussion}", f"{BASE}/discussions/{discussion}",
                     f"{BASE}/discussions/{discussion}/messages/{message_id}",
                     f"{BASE}/me/discussions/{discussion}/messages/{message_id}"):
            reply = agency.api.request(method, path, token=agency.token("admin", AGENCY, "admin-1"),
                                       json={"message": "Changed"})
            assert reply.status in (404, 405), (method, path, reply.status)
    assert [m["body"] for m in c1.read(discussion).json["messages"]] == ["Original"]


# -- bad input ---------------------------------------------------------------------------------------------------


# One per refusal a client's new discussion meets; each field's bounds are domain tests
# (tests/domain/test_messaging_discussions.py).
BAD_STARTS = [
    ({"service_id": "s1", "subject": "", "message": "Hi"}, "subject", "invalid_field"),
    ({"service_id": "s1", "message": "Hi"}, "subject", "missing_field"),
    ({"service_id": "s1", "subject": "Hi", "message": "Hi", "client_id": "c2"}, "client_id", "unknown_field"),
    ({"service_id": "s3", "subject": "Hi", "message": "Hi"}, "service_id", "unknown_service"),  # not the client's
]


def test_bad_input_is_400_naming_the_field(agency):
    token = agency.token("client", AGENCY, "c1")
    for body, field, code in BAD_STARTS:
        reply = agency.api.post(f"{BASE}/me/discussions", token=token, json=body)
        assert (reply.status, reply.json["error"]["field"], reply.error_code()) == (400, field, code), body
    assert As(agency, "client", "c1").inbox()["items"] == []  # nothing was started


def test_a_message_refused_for_its_text_is_400_naming_it_and_stores_nothing(agency):
    c1 = As(agency, "client", "c1")
    discussion = started(c1)
    reply = c1.post(discussion, "")
    assert (reply.status, reply.json["error"]["field"]) == (400, "message")
    assert len(c1.read(discussion).json["messages"]) == 1


# -- agency settings -----------------------------------------------------------------------------------------------


def configure(system, **changes) -> dict:
    """Change the agency's messaging settings as an admin, on the version read."""
    admin = system.token("admin", AGENCY, "admin-1")
    version = system.api.get(f"{BASE}/settings", token=admin).json["version"]
    reply = system.api.put(f"{BASE}/settings", token=admin, json={**changes, "version": version})
    assert reply.status == 200, reply.body
    return reply.json


def test_with_discussions_turned_off_nobody_starts_one_clients_wait_and_staff_still_reply(agency):
    c1, w1, admin = As(agency, "client", "c1"), As(agency, "worker", "w1"), As(agency, "admin", "admin-1")
    discussion = started(c1, message="Is Tuesday still on?")
    assert configure(agency, discussions_enabled=False)["discussions_enabled"] is False

    for attempt in (c1.start(), c1.post(discussion), w1.start(client_id="c1"), admin.start(client_id="c1")):
        assert (attempt.status, attempt.error_code()) == (403, "discussions_disabled")
    seen = c1.read(discussion).json
    assert (seen["can_post"], seen["cannot_post_reason"], seen["messages_left"]) == (False, "discussions_disabled", 2)
    assert "turned off" in seen["cannot_post_message"] and len(seen["messages"]) == 1
    staff_view = w1.read(discussion).json
    assert (staff_view["can_post"], staff_view["cannot_post_reason"], staff_view["discussions_enabled"]) == (
        True, None, False)

    assert w1.post(discussion, "Yes, Tuesday at 9.").status == 201  # the client is not left without an answer
    assert admin.post(discussion, "Discussions are paused; call us for anything else.").status == 201
    assert [m["body"] for m in c1.read(discussion).json["messages"]][-2:] == [
        "Yes, Tuesday at 9.", "Discussions are paused; call us for anything else."]
    assert c1.inbox()["items"][0]["unread"] == c1.inbox()["unread"] == 2  # the discussion, two new messages
    reply = c1.post(discussion, "Thanks!")  # a staff reply does not open the discussion again for the client
    assert (reply.status, reply.error_code()) == (403, "discussions_disabled")

    configure(agency, discussions_enabled=True)
    assert c1.post(discussion).status == 201
    assert c1.read(discussion).json["discussions_enabled"] is True


def test_a_client_can_post_exactly_while_they_have_messages_left_and_the_answer_says_why_not(agency):
    c1, w1 = As(agency, "client", "c1"), As(agency, "worker", "w1")
    discussion = started(c1)
    c1.post(discussion), c1.post(discussion)
    seen = c1.read(discussion).json
    assert (seen["messages_left"], seen["can_post"], seen["cannot_post_reason"]) == (0, False, "message_limit_reached")
    assert seen["cannot_post_message"] == c1.post(discussion).json["error"]["message"]
    assert w1.read(discussion).json["can_post"] is True

    w1.post(discussion, "Answered")
    seen = c1.read(discussion).json
    assert (seen["messages_left"], seen["can_post"], seen["cannot_post_reason"], seen["cannot_post_message"]) == (
        3, True, None, None)

    service("s1", ["w1", "w2"], ["c1", "c2"], version=2, status="closed")
    for who in (c1, w1):
        seen = who.read(discussion).json
        assert (seen["can_post"], seen["cannot_post_reason"]) == (False, "service_closed")
        assert who.post(discussion).error_code() == "service_closed"


def test_settings_are_the_admins_and_validated(agency):
    admin = agency.token("admin", AGENCY, "admin-1")
    defaults = agency.api.get(f"{BASE}/settings", token=admin).json
    assert (defaults["discussions_enabled"], defaults["client_delivery_enabled"]) == (True, True)
    assert defaults["version"] == 0
    assert defaults["email_detail"]["message"] == "subject_only"
    assert defaults["email_detail"]["invoice_issued"] == "full"

    changed = agency.api.put(f"{BASE}/settings", token=admin, json={
        "client_delivery_enabled": False, "email_detail": {"invoice_issued": "subject_only"}, "version": 0}).json
    assert (changed["client_delivery_enabled"], changed["email_detail"]["invoice_issued"], changed["version"]) == (
        False, "subject_only", 1)
    stale = agency.api.put(f"{BASE}/settings", token=admin, json={"discussions_enabled": False, "version": 0})
    assert (stale.status, stale.error_code()) == (409, "version_conflict")

    reply = agency.api.put(f"{BASE}/settings", token=admin, json={"email_detail": {"invoice_issued": "everything"},
                                                                  "version": 1})  # each field's type: domain tests
    assert (reply.status, reply.json["error"]["field"]) == (400, "email_detail.invoice_issued")
    assert agency.api.get(f"{BASE}/settings", token=agency.token("worker", AGENCY, "w1")).status == 403
    assert agency.api.get(f"{BASE}/settings", token=agency.token("admin", "agency-b", "admin-1")).json["version"] == 0


def test_anyone_signed_in_reads_whether_discussions_are_on_and_the_server_still_refuses_them_off(agency):
    c1 = As(agency, "client", "c1")
    readers = [agency.token(role, AGENCY, person) for role, person in (("client", "c1"), ("worker", "w1"),
                                                                       ("admin", "admin-1"))]
    for token in readers:
        reply = agency.api.get(f"{BASE}/me/settings", token=token)
        assert (reply.status, reply.json) == (200, {"discussions_enabled": True})

    configure(agency, discussions_enabled=False)
    for token in readers:
        assert agency.api.get(f"{BASE}/me/settings", token=token).json == {"discussions_enabled": False}
    other = agency.api.get(f"{BASE}/me/settings", token=agency.token("client", "agency-b", "c1")).json
    assert other == {"discussions_enabled": True}  # each agency's own
    reply = c1.start()  # the flag only tells the portal what to hide: the server refuses on its own
    assert (reply.status, reply.error_code()) == (403, "discussions_disabled")
    assert agency.api.get(f"{BASE}/me/settings").status == 401


def test_settings_change_only_on_the_version_read(agency):
    admin = agency.token("admin", AGENCY, "admin-1")
    put = lambda body: agency.api.put(f"{BASE}/settings", token=admin, json=body)  # noqa: E731
    missing = put({"discussions_enabled": False})
    assert (missing.status, missing.error_code(), missing.json["error"]["field"]) == (400, "missing_field", "version")
    assert put({"discussions_enabled": False, "version": 0}).json["version"] == 1
    other_admin = put({"client_delivery_enabled": False, "version": 0})  # read before the first change
    assert (other_admin.status, other_admin.error_code()) == (409, "version_conflict")
    settings = agency.api.get(f"{BASE}/settings", token=admin).json
    assert (settings["discussions_enabled"], settings["client_delivery_enabled"], settings["version"]) == (
        False, True, 1)


def test_people_choose_which_notifications_they_get_by_email(agency):
    token = agency.token("client", AGENCY, "c1")
    mine = agency.api.get(f"{BASE}/me/preferences", token=token).json
    assert (mine["email_address"], mine["email_consent"], mine["agency_allows_email"]) == ("c1@a.test", True, True)
    assert mine["email"]["invoice_issued"] is True and "event_requested" not in mine["email"]

    reply = agency.api.put(f"{BASE}/me/preferences", token=token,
                           json={"email": {"invoice_issued": False, "message": False}})
    assert reply.status == 200
    reply = agency.api.put(f"{BASE}/me/preferences", token=token, json={"email": {"message": True}})
    assert reply.json["email"]["invoice_issued"] is False and reply.json["email"]["message"] is True
    assert reply.json["delivered_by_email"]["invoice_issued"] is False

    configure(agency, client_delivery_enabled=False)
    mine = agency.api.get(f"{BASE}/me/preferences", token=token).json
    assert mine["agency_allows_email"] is False and mine["email"]["message"] is True
    assert not any(mine["delivered_by_email"].values())  # within what the agency allows
    worker = agency.api.get(f"{BASE}/me/preferences", token=agency.token("worker", AGENCY, "w1")).json
    assert worker["agency_allows_email"] is True and worker["email"]["event_requested"] is True

    reply = agency.api.put(f"{BASE}/me/preferences", token=token, json={"email": {"event_requested": False}})
    assert (reply.status, reply.json["error"]["field"]) == (400, "email.event_requested")  # a worker's kind


def test_a_person_chooses_how_much_their_emails_say_within_what_the_agency_allows(agency):
    token = agency.token("client", AGENCY, "c1")
    mine = agency.api.get(f"{BASE}/me/preferences", token=token).json
    assert mine["email_detail"] == "full"
    assert (mine["delivered_detail"]["invoice_issued"], mine["delivered_detail"]["message"]) == ("full", "subject_only")

    reply = agency.api.put(f"{BASE}/me/preferences", token=token, json={"email_detail": "subject_only"})
    assert reply.status == 200, reply.body
    assert set(reply.json["delivered_detail"].values()) == {"subject_only"}
    assert reply.json["email"]["invoice_issued"] is True  # the kinds keep their choice
    assert agency.api.get(f"{BASE}/me/preferences", token=token).json["email_detail"] == "subject_only"

    agency.api.put(f"{BASE}/me/preferences", token=token, json={"email_detail": "full", "email": {"message": False}})
    configure(agency, email_detail={"invoice_issued": "subject_only"})
    mine = agency.api.get(f"{BASE}/me/preferences", token=token).json
    assert (mine["email_detail"], mine["delivered_detail"]["invoice_issued"], mine["email"]["message"]) == (
        "full", "subject_only", False)  # full asks for no more than the agency sends


def test_reminder_emails_are_a_kind_clients_and_workers_choose_and_they_read_the_agencys_lead_times(agency):
    for role, person_id in (("client", "c1"), ("worker", "w1")):
        token = agency.token(role, AGENCY, person_id)
        mine = agency.api.get(f"{BASE}/me/preferences", token=token).json
        assert (mine["email"]["event_reminder"], mine["delivered_by_email"]["event_reminder"]) == (True, True)
        assert (mine["reminders_enabled"], mine["reminder_hours"]) == (True, [48, 2])
        off = agency.api.put(f"{BASE}/me/preferences", token=token, json={"email": {"event_reminder": False}}).json
        assert off["delivered_by_email"]["event_reminder"] is False
    configure(agency, reminders_enabled=False, reminder_hours=[24])
    mine = agency.api.get(f"{BASE}/me/preferences", token=agency.token("client", AGENCY, "c2")).json
    assert (mine["reminders_enabled"], mine["reminder_hours"]) == (False, [24])


def test_messaging_keeps_the_newest_site_and_agency_facts_whatever_order_they_come_in(agency):
    from chalicelib.messaging.domain import AgencyFacts
    from chalicelib.messaging.models import agency_from, agency_key, batch_get, place_from, site_key

    def site(version, address):
        feed("availability.site.updated", "site-1", {"site_id": "site-1", "name": f"Office v{version}",
                                                     "timezone": "UTC", "address": address, "retired": False},
             version=version)

    def facts(version, name, window):
        feed("requests.settings.updated", AGENCY, {
            "event_requests_enabled": True, "request_messages_enabled": True, "video_sessions_enabled": True,
            "service_requests_enabled": True, "max_open_requests": 3, "cancellation_window_hours": window,
            **({"agency_name": name} if name else {})}, version=version)

    site(2, "1 Oak Avenue")
    site(1, "12 Main Street")  # older, later: changes nothing
    facts(3, "Demo agency", 48)
    facts(2, None, 12)
    keys = [site_key(AGENCY, "site-1"), agency_key(AGENCY)]
    found = batch_get(keys)
    assert place_from(found[keys[0]]).words() == "Office v2, 1 Oak Avenue"
    assert agency_from(found[keys[1]]) == AgencyFacts("Demo agency", 48)
    facts(4, None, 0)
    assert agency_from(batch_get(keys)[keys[1]]) == AgencyFacts(None, 0)  # no name: calendar files say "Appointment"


# -- idempotency -----------------------------------------------------------------------------------------------------


def test_a_retried_send_with_the_same_key_is_stored_once(agency):
    c1 = As(agency, "client", "c1")
    first = c1.start(headers={"Idempotency-Key": "start-1"})
    again = c1.start(headers={"Idempotency-Key": "start-1"})
    assert (first.status, again.status) == (201, 201) and first.json == again.json
    discussion = first.json["discussion_id"]

    sent = c1.post(discussion, "Once", headers={"Idempotency-Key": "msg-1"})
    resent = c1.post(discussion, "Once", headers={"Idempotency-Key": "msg-1"})
    assert sent.json == resent.json
    assert [m["body"] for m in c1.read(discussion).json["messages"]] == ["Hello", "Once"]
    assert c1.read(discussion).json["messages_left"] == 1  # the retry did not count
    other = c1.post(discussion, "Different", headers={"Idempotency-Key": "msg-1"})
    assert (other.status, other.error_code()) == (409, "idempotency_key_reused")
    assert len(As(agency, "worker", "w1").inbox()["items"]) == 1

    staff = As(agency, "worker", "w1")
    assert staff.post(discussion, "Reply", headers={"Idempotency-Key": "msg-1"}).status == 201  # keys are per person


# -- inboxes -----------------------------------------------------------------------------------------------------------


def test_the_inbox_pages_newest_first_filters_and_counts_unread(agency):
    w1 = As(agency, "worker", "w1")
    c1, c2 = As(agency, "client", "c1"), As(agency, "client", "c2")
    in_s1 = [started(c1 if i % 2 else c2, subject=f"s1 #{i}") for i in range(4)]
    in_s2 = [started(c1, service_id="s2", subject=f"s2 #{i}") for i in range(3)]

    page = w1.inbox("?limit=4")
    assert [i["subject"] for i in page["items"]] == ["s2 #2", "s2 #1", "s2 #0", "s1 #3"]
    assert page["unread"] == 7 and page["unread_by_service"] == {"s1": 4, "s2": 3}
    rest = w1.inbox(f"?limit=4&cursor={page['cursor']}")
    assert [i["subject"] for i in rest["items"]] == ["s1 #2", "s1 #1", "s1 #0"] and rest["cursor"] is None

    assert [i["subject"] for i in w1.inbox("?service_id=s1")["items"]] == ["s1 #3", "s1 #2", "s1 #1", "s1 #0"]
    assert w1.mark_read(in_s1[1]).json["unread"] == 0
    assert w1.mark_read(in_s1[1]).status == 200  # again: nothing changes
    assert w1.mark_read(in_s2[0]).status == 200
    unread = w1.inbox("?unread=true&limit=3")
    assert [i["subject"] for i in unread["items"]] == ["s2 #2", "s2 #1", "s1 #3"] and unread["unread"] == 5
    more = w1.inbox(f"?unread=true&limit=3&cursor={unread['cursor']}")
    assert [i["subject"] for i in more["items"]] == ["s1 #2", "s1 #0"]
    filtered = w1.inbox("?service_id=s1&unread=true")
    assert [i["subject"] for i in filtered["items"]] == ["s1 #3", "s1 #2", "s1 #0"]
    assert (filtered["unread"], filtered["unread_in_service"]) == (5, 3)

    assert w1.mark_read("no-such-item").status == 404
    assert As(agency, "worker", "w2").mark_read(in_s2[1]).status == 404  # w2 does not follow s2
    assert agency.api.get(f"{BASE}/inbox?cursor=%%%", token=w1.token).json["error"]["field"] == "cursor"
    foreign = agency.api.get(f"{BASE}/me/inbox?cursor={page['cursor']}", token=c1.token)
    assert (foreign.status, foreign.json["error"]["field"]) == (400, "cursor")  # w1's cursor is not c1's
    for forged in ({"gsi1pk": {"S": "AGENCY#agency-a#INBOX#w1"}}, {"pk": "x", "sk": "y", "gsi1pk": "z", "gsi1sk": 1}):
        reply = agency.api.get(f"{BASE}/inbox?cursor={encode_cursor(forged)}", token=w1.token)
        assert (reply.status, reply.json["error"]["field"]) == (400, "cursor")
    reply = agency.api.get(f"{BASE}/discussions/{in_s1[0]}?cursor={page['cursor']}", token=w1.token)
    assert (reply.status, reply.json["error"]["field"]) == (400, "cursor")  # an inbox cursor is no message cursor


def test_a_message_in_a_read_discussion_makes_it_unread_and_first_again(agency):
    w1, c1 = As(agency, "worker", "w1"), As(agency, "client", "c1")
    old = started(c1, subject="Old")
    started(c1, service_id="s2", subject="Newer")
    w1.mark_read(old)
    assert [i["subject"] for i in w1.inbox()["items"]] == ["Newer", "Old"]
    c1.post(old, "Back again")
    top = w1.inbox()["items"][0]
    assert (top["subject"], top["body"], top["unread"]) == ("Old", "Back again", 1)
    assert w1.inbox()["unread"] == 2


# -- events messaging cannot apply as they are -------------------------------------------------------------------------


def consume(event_type: str, data: dict, subject_id: str = "x", version: int = 1, **envelope) -> str:
    """What messaging's consumer answers for an event (a raise would send it towards the DLQ)."""
    event = new_message(event_type, agency_id=AGENCY, subject_id=subject_id, subject_version=version, data=data)
    return load_app("messaging").consumers.consumer.handle_message(queue_message(replace(event, **envelope)))


EVENT = {"event_id": "e1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1"], "start": "2026-11-25T15:00:00Z",
         "end": "2026-11-25T16:00:00Z"}


def test_events_with_absurd_times_unknown_people_or_services_are_told_as_best_can_be_never_raised_on(agency):
    zone = {"timezone": "America/New_York", "slot_minutes": 60, "min_notice_hours": 24, "horizon_days": 60,
            "hold_minutes": 2880}
    assert consume("availability.settings.updated", zone, AGENCY) == "applied"
    absurd = [
        ("requests.event_request.held", {"request_id": "r1", "service_id": "s1", "client_id": "c1",
                                         "worker_id": "w1", "start": "2026-02-30T25:61:00Z",
                                         "end": "2026-02-30T26:00:00Z", "local_start": "2026-02-30T20:00:00+99:99",
                                         "hold_expires_at": "0001-01-01T00:00:00Z"}),
        ("requests.event.cancelled", {**EVENT, "start": "9999-12-31T23:59:59Z", "late": True,
                                      "cancelled_by": "client", "cancelled_by_id": "c-unknown"}),
        ("requests.event.attendee_left", {**EVENT, "client_id": "c-unknown", "late": False, "late_fee": False,
                                          "service_id": "s-unknown"}),
        ("requests.event.scheduled", {**EVENT, "client_ids": ["c1", "c1", "nobody"], "requested_by": "nobody"}),
        ("requests.event_request.proposal_failed", {"request_id": "r1", "service_id": "s1", "client_id": "c1",
                                                    "worker_id": "w-unknown", "start": "0001-01-01T00:00:00Z",
                                                    "reason": "too_far", "held_start": "2026-99-99T00:00:00Z"}),
        ("billing.invoice.issued", {"invoice_id": "i1", "number": "INV-1", "client_id": "c-unknown",
                                    "total": -(2**40), "currency": "XYZ", "issued_at": "2026-02-30T00:00:00Z"}),
    ]
    for event_type, data in absurd:
        assert consume(event_type, data) == "applied", event_type
    texts = " ".join(i["body"] for i in As(agency, "client", "c1").inbox()["items"])
    assert "a time to be set" in texts  # a time that names no day is not made up
    assert "by Mon 1 Jan 1, 12:00 AM UTC." in texts  # the year 1, which New York's clock cannot show
    notified = As(agency, "worker", "w1").inbox()["items"]
    assert {i["kind"] for i in notified} == {"event_requested", "event_cancelled", "attendee_left"}

    assert consume("availability.settings.updated", {**zone, "timezone": "Not/A_Zone"}, AGENCY, version=2) == "applied"
    clock.set_now(clock.now() + 1)  # a second later: the inbox lists the newest first (same-instant ones in any order)
    assert consume("requests.event.video_link_added", {**EVENT, "local_start": "2026-11-25T10:00:00-05:00",
                                                       "video_link": "https://v.example/1"}) == "applied"
    assert As(agency, "client", "c1").inbox()["items"][0]["subject"] == (
        "Video link added for your event on Wed 25 Nov 2026, 10:00 AM UTC-05:00")

    for occurred_at in ("the day before yesterday", "0001-01-01T00:00:00+05:00"):  # ordered by arrival instead
        late = consume("requests.event.rescheduled", {**EVENT, "previous_start": "2026-11-24T15:00:00Z"},
                       occurred_at=occurred_at)
        assert late == "applied"
    assert "event_rescheduled" in {i["kind"] for i in As(agency, "client", "c1").inbox()["items"]}


NEAR = st.integers(1_795_000_000, 1_800_000_000).map(lambda s: datetime.fromtimestamp(s - s % 300, UTC)
                                                     .strftime("%Y-%m-%dT%H:%M:%SZ"))


@settings(max_examples=examples(120), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=st.lists(schema_events("messaging", ["c1", "c2", "w1", "s1", "e1", "r1"], NEAR), min_size=1,
                       max_size=3))
def test_no_schema_valid_event_makes_the_consumer_raise(agency, events):
    for event_type, data, version in events:
        subject = data.get("request_id") or data.get("event_id") or data.get("person_id") or AGENCY
        assert consume(event_type, data, subject, version) in ("applied", "duplicate")


# -- cost -------------------------------------------------------------------------------------------------------------


def test_posting_a_message_and_reading_an_inbox_page_cost_a_few_calls(agency, calls):
    c1, w1 = As(agency, "client", "c1"), As(agency, "worker", "w1")
    discussion = started(c1)
    for i in range(30):
        started(As(agency, "client", "c2"), subject=f"#{i}") if i % 10 == 0 else None

    calls.reset()
    assert c1.post(discussion).status == 201
    assert calls.by_operation("dynamodb") == {"GetItem": 1, "BatchGetItem": 2, "TransactWriteItems": 1}
    calls.reset()
    assert c1.post(discussion, headers={"Idempotency-Key": "k"}).status == 201
    assert calls.by_operation("dynamodb") == {"GetItem": 2, "BatchGetItem": 2, "TransactWriteItems": 1}
    calls.reset()
    assert w1.post(discussion).status == 201  # a provider's reply (three followers: client, w1, w2)
    assert calls.by_operation("dynamodb") == {"GetItem": 1, "BatchGetItem": 2, "TransactWriteItems": 1}

    calls.reset()
    w1.inbox("?limit=2")
    assert calls.by_operation("dynamodb") == {"Query": 2}
    calls.reset()
    w1.inbox("?limit=2&unread=true&service_id=s1")
    assert calls.by_operation("dynamodb") == {"Query": 2}
    calls.reset()
    c1.read(discussion)
    assert calls.by_operation("dynamodb") == {"GetItem": 1, "BatchGetItem": 1, "Query": 1}
    calls.reset()
    c1.start(service_id="s2")
    assert calls.by_operation("dynamodb") == {"BatchGetItem": 2, "TransactWriteItems": 1}
