"""The Services Timeline: one service's history from the requests service, newest first, as staff and clients see it.

The agency of tests/services/test_requests_api.py (w1 provides "Counselling" to c1 and c3); the clock moves a
minute between changes so the entries' order is the order things happened.
"""

from __future__ import annotations

import pytest

from portalkit import clock
from tests.services.test_requests_api import AGENCY, NOW, THU_10, WED_10, WED_11, Agency, _hold, epoch, ok

NOV_26_10 = "Thu 26 Nov 2026, 10:00 AM EST"  # THU_10 on the agency's clock


@pytest.fixture
def agency(system):
    clock.set_now(epoch(NOW))
    yield Agency(system)
    clock.set_now(None)


def tick(minutes: int = 1) -> None:
    clock.set_now(clock.now() + 60 * minutes)


def timeline(agency, who: str, query: str = "", status: int = 200, service_id: str | None = None):
    """The reply of the timeline route `who` reads (a client's own route for c*, staff's for the others)."""
    base = "/requests/me/services" if who.startswith("c") else "/requests/services"
    reply = agency.api.get(f"{base}/{service_id or agency.service_id}/timeline{query}", token=agency.token(who))
    assert reply.status == status, reply.body
    return reply.json


def kinds(agency, who: str, query: str = "") -> list[str]:
    return [e["kind"] for e in timeline(agency, who, query)["entries"]]


def set_zone(agency, zone: str = "America/New_York") -> None:
    """availability.settings.updated, as its consumer hands it to requests: times then read on the agency's clock."""
    from infra.local.system import load_app
    from portalkit.testing.messages import new_queue_message

    message = new_queue_message("availability.settings.updated", agency_id=AGENCY, subject_id=AGENCY, subject_version=1,
                          data={"timezone": zone, "min_notice_hours": 0, "horizon_days": 60, "slot_minutes": 60})
    assert load_app("requests").consumers.consumer.handle_message(message) == "applied"


@pytest.fixture
def history(agency):
    """A month of the service: c2 joins, c1's request is held and confirmed, c3's declined, a staff event with c3 is
    moved and cancelled, the confirmed one attended... then c2 leaves and the service closes."""
    set_zone(agency)
    api, w1 = agency.api, agency.token("w1")
    tick()
    ok(api.post(f"/requests/services/{agency.service_id}/participants", token=w1, json={"client_id": "c2"}))
    tick()
    mine = agency.submit("c1", WED_10)["request_id"]
    tick()
    assert _hold(agency, mine) == "applied"
    tick()
    confirmed = ok(api.post(f"/requests/event-requests/{mine}/confirm", token=w1))
    tick()
    theirs = agency.submit("c3", WED_11)["request_id"]
    tick()
    _hold(agency, theirs, WED_11)
    tick()
    ok(api.post(f"/requests/event-requests/{theirs}/decline", token=w1, json={"reason": "I am away that day."}))
    tick()
    staff_event = agency.event(WED_11, client_ids=["c3"])["event_id"]
    tick()
    ok(api.post(f"/requests/events/{staff_event}/reschedule", token=w1, json={"start": THU_10}))
    tick()
    ok(api.post(f"/requests/events/{staff_event}/cancel", token=w1, json={"reason": "I am ill."}))
    tick()
    ok(api.delete(f"/requests/services/{agency.service_id}/participants/c2", token=w1))
    tick()
    ok(api.post(f"/requests/services/{agency.service_id}/close", token=w1, json={"close_date": "2026-11-30"}))
    return {"mine": mine, "event": confirmed["event_id"], "theirs": theirs, "staff_event": staff_event}


def test_staff_read_the_whole_history_newest_first_with_the_ids_to_link_to(agency, history):
    entries = timeline(agency, "w1")["entries"]
    assert [e["kind"] for e in entries] == [
        "service_closed", "participant_removed", "event_cancelled", "event_rescheduled", "event_scheduled",
        "request_declined", "request_held", "request_sent", "event_scheduled", "request_confirmed", "request_held",
        "request_sent", "participant_added", "service_opened"]
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)
    by_kind = {}
    for e in entries:
        by_kind.setdefault(e["kind"], e)
    assert (by_kind["request_confirmed"]["request_id"], by_kind["request_confirmed"]["event_id"]) == (
        history["mine"], history["event"])
    assert by_kind["event_cancelled"]["event_id"] == history["staff_event"]
    assert by_kind["event_cancelled"]["reason_text"] == "I am ill."
    declined = by_kind["request_declined"]
    assert (declined["request_id"], declined["client_id"], declined["reason_text"]) == (
        history["theirs"], "c3", "I am away that day.")
    assert declined["text"] == ("The event request for Wed 25 Nov 2026, 11:00 AM EST was declined: I am away that "
                                "day.")
    assert by_kind["event_rescheduled"]["text"] == f"Event moved from Wed 25 Nov 2026, 11:00 AM EST to {NOV_26_10}."
    assert by_kind["event_cancelled"]["text"] == f"Event on {NOV_26_10} cancelled by Name of w1."
    assert by_kind["participant_removed"]["text"] == "Name of c2 no longer takes part in the service."
    assert entries[-1]["text"] == "Service Counselling opened on 2026-11-02."
    assert entries[0]["text"] == "Service Counselling closed on 2026-11-30."
    assert by_kind["request_sent"]["text"] == \
        "Name of c3 requested an event with Name of w1 on Wed 25 Nov 2026, 11:00 AM EST."
    assert timeline(agency, "a1")["entries"] == entries  # an admin of the agency reads the same


def test_a_client_sees_only_what_concerns_them_and_reads_it_as_you(agency, history):
    assert kinds(agency, "c1") == [
        "service_closed", "event_scheduled", "request_confirmed", "request_held", "request_sent", "service_opened"]
    c1 = timeline(agency, "c1")["entries"]
    assert c1[4]["text"] == "You requested an event with Name of w1 on Wed 25 Nov 2026, 10:00 AM EST."
    assert c1[2]["text"] == "Name of w1 confirmed the event request: an event on Wed 25 Nov 2026, 10:00 AM EST."
    # c3 sees their own declined request and the event they were in, never c1's request or event
    c3 = timeline(agency, "c3")["entries"]
    assert [e["kind"] for e in c3] == [
        "service_closed", "event_cancelled", "event_rescheduled", "event_scheduled", "request_declined",
        "request_held", "request_sent", "service_opened"]
    assert {e["request_id"] for e in c3} - {None} == {history["theirs"]}
    assert {e["event_id"] for e in c3} - {None} == {history["staff_event"]}
    assert c3[1]["text"] == f"Event on {NOV_26_10} cancelled by Name of w1."
    # c2 took part for a while: they see the opening and their own coming and going, not the closing after it
    c2 = timeline(agency, "c2")["entries"]
    assert [(e["kind"], e["text"]) for e in c2] == [
        ("participant_removed", "You no longer take part in the service."),
        ("participant_added", "You were added to the service."),
        ("service_opened", "Service Counselling opened on 2026-11-02.")]


def test_a_client_never_reads_another_clients_name_or_a_proposal_only_staff_saw(agency):
    api, w1 = agency.api, agency.token("w1")
    request_id = agency.submit("c1", WED_10, attendee_ids=["c3"])["request_id"]
    tick()
    _hold(agency, request_id)
    tick()
    event_id = ok(api.post(f"/requests/event-requests/{request_id}/confirm", token=w1))["event_id"]
    tick()
    ok(api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c3"), json={"reason": "An exam."}))
    tick()
    ok(api.post(f"/requests/me/events/{event_id}/cancel", token=agency.token("c1")))
    texts = {e["kind"]: e["text"] for e in timeline(agency, "c3")["entries"]}
    assert set(texts) == {"attendee_left", "event_scheduled", "service_opened"}  # not c1's request, not c1's cancel
    assert texts["attendee_left"].startswith("You cancelled attendance")
    c1 = {e["kind"]: e["text"] for e in timeline(agency, "c1")["entries"]}
    assert "attendee_left" not in c1 and c1["event_cancelled"].startswith("You cancelled the event")
    staff = {e["kind"]: e for e in timeline(agency, "w1")["entries"]}
    assert staff["attendee_left"]["text"].startswith("Name of c3 cancelled attendance")
    assert staff["attendee_left"]["reason_text"] == "An exam."
    assert staff["event_cancelled"]["text"].endswith("cancelled by Name of c1.")

    from tests.services.test_requests_api import _unavailable

    other = agency.submit("c1", WED_11)["request_id"]
    tick()
    _hold(agency, other, WED_11)
    tick()
    assert ok(api.post(f"/requests/event-requests/{other}/propose", token=w1, json={"start": THU_10}), 202)
    tick()
    _unavailable(agency, {"request_id": other, "worker_id": "w1", "start": THU_10, "reason": "slot_taken",
                          "proposal": True})
    staff_kinds = kinds(agency, "w1")
    assert staff_kinds[0] == "proposal_failed"
    assert "proposal_failed" not in kinds(agency, "c1")


def test_pages_follow_the_cursor_and_from_and_to_bound_the_instants(agency, history):
    whole = timeline(agency, "w1")["entries"]
    seen, cursor = [], None
    while True:
        page = timeline(agency, "w1", "?limit=4" + (f"&cursor={cursor}" if cursor else ""))
        assert len(page["entries"]) <= 4
        seen += page["entries"]
        cursor = page["cursor"]
        if not cursor:
            break
    assert seen == whole
    # [12:02, 12:05): c1's request sent, held, and confirmed with its event (one transaction, its event above it)
    window = timeline(agency, "w1", "?from=2026-11-23T12:02:00Z&to=2026-11-23T12:05:00Z")["entries"]
    assert [e["kind"] for e in window] == ["event_scheduled", "request_confirmed", "request_held", "request_sent"]
    assert window == whole[-6:-2]
    assert timeline(agency, "w1", "?to=2026-11-23T12:00:00Z")["entries"] == []  # before anything (to is left out)
    assert timeline(agency, "w1", "?from=2026-11-24")["entries"] == []
    bad = agency.api.get(f"/requests/services/{agency.service_id}/timeline?from=2026-11-24&to=2026-11-23",
                         token=agency.token("w1"))
    assert (bad.status, bad.json["error"]["field"]) == (400, "to")


def test_a_client_pages_their_own_entries(agency, history):
    whole = timeline(agency, "c1")["entries"]
    seen, cursor, pages = [], None, 0
    while True:
        page = timeline(agency, "c1", "?limit=3" + (f"&cursor={cursor}" if cursor else ""))
        seen += page["entries"]
        pages += 1
        cursor = page["cursor"]
        if not cursor:
            break
    assert seen == whole and pages > 2


def test_forged_and_foreign_cursors_are_400_naming_cursor(agency, history):
    other = agency.open_service("Group", ["w1"], ["c1"])["service_id"]
    cursor = timeline(agency, "w1", "?limit=1", service_id=other)["cursor"]
    assert cursor is None  # one entry: the opening
    cursor = timeline(agency, "w1", "?limit=1")["cursor"]
    for forged in ("nope", cursor[:-4] + "AAAA"):
        reply = agency.api.get(f"/requests/services/{agency.service_id}/timeline?cursor={forged}",
                               token=agency.token("w1"))
        assert (reply.status, reply.json["error"]["field"]) == (400, "cursor")
    # another service's list, and this one's up to a time before the cursor's place
    for path in (f"/requests/services/{other}/timeline?cursor={cursor}",
                 f"/requests/services/{agency.service_id}/timeline?to=2026-11-23T12:05:00Z&cursor={cursor}"):
        reply = agency.api.get(path, token=agency.token("w1"))
        assert (reply.status, reply.json["error"]["field"]) == (400, "cursor"), path


def test_who_may_read_a_timeline(agency, history):
    assert timeline(agency, "c2")["entries"]  # took part once: still reads what concerned them
    outsider = agency.open_service("Group", ["w2"], ["c3"])["service_id"]
    timeline(agency, "c1", status=404, service_id=outsider)  # never took part
    timeline(agency, "c1", status=404, service_id="no-such-service")
    timeline(agency, "w1", status=403, service_id=outsider)  # a worker reads the services they provide
    timeline(agency, "w1", status=404, service_id="no-such-service")
    assert timeline(agency, "w2", service_id=outsider)["entries"]
    elsewhere = agency.system
    for role, person in (("client", "c1"), ("admin", "a1"), ("worker", "w1")):
        path = ("/requests/me/services" if role == "client" else "/requests/services") + \
            f"/{agency.service_id}/timeline"
        reply = agency.api.get(path, token=elsewhere.token(role, "agency-b", person))
        assert reply.status == 404, (role, reply.body)
    staff_route = agency.api.get(f"/requests/services/{agency.service_id}/timeline", token=agency.token("c1"))
    client_route = agency.api.get(f"/requests/me/services/{agency.service_id}/timeline", token=agency.token("w1"))
    assert (staff_route.status, client_route.status) == (403, 403)


def test_a_page_is_one_query_and_one_batch_get_however_long_the_history(agency, history, calls):
    for who, route in (("w1", "/requests/services"), ("c1", "/requests/me/services")):
        calls.reset()
        ok(agency.api.get(f"{route}/{agency.service_id}/timeline?limit=50", token=agency.token(who)))
        assert calls.by_operation("dynamodb") == {"Query": 1, "BatchGetItem": 1}, who


def test_my_services_links_to_the_services_timeline(agency):
    (entry,) = agency.my_services("c1")
    assert entry["links"]["timeline"] == f"/requests/me/services/{agency.service_id}/timeline"
    assert ok(agency.api.get(entry["links"]["timeline"], token=agency.token("c1")))["entries"]
