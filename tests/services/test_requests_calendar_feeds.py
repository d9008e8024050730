"""Calendar subscription feeds and "Add to calendar" files of the requests service, through the real gateway code.

A feed is made, replaced and turned off by its owner; it is served without a token to whoever has its secret, as
valid iCalendar (parsed here with the `icalendar` library), with an ETag, a limit per hour, and no secret in any log.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import requests

from infra.local.http_server import GatewayServer, make_handler
from portalkit import clock, ics
from portalkit.settings import get_settings
from portalkit.times import instant as epoch
from portalkit.times import iso
from tests.services.test_requests_api import AGENCY, NOW, THU_10, WED_10, WED_11, Agency, _answer, ok

NEW_YORK, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
ORIGIN = {"Origin": "https://portal.example.org"}


@pytest.fixture
def agency(system):
    """The agency of tests/services/test_requests_api.py: w1 provides "Counselling" to c1 and c3."""
    clock.set_now(epoch(NOW))
    yield Agency(system)
    clock.set_now(None)


def link(agency, person: str = "c1") -> dict:
    return ok(agency.api.post("/requests/me/calendar-feed", token=agency.token(person), headers=ORIGIN), 201)


def fetch(agency, path: str, **headers):
    return agency.api.get(path, headers=headers)


def entries(reply) -> list:
    assert reply.status == 200, reply.body
    assert reply.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return list(icalendar.Calendar.from_ical(reply.body.decode()).walk("VEVENT"))


def by_uid(reply) -> dict:
    return {str(e["UID"]): e for e in entries(reply)}


def table_items() -> list[dict]:
    """Every item of the requests table, read from moto's memory (not through the API: a Scan fails the test)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    table = dynamodb_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].get_table(get_settings().table_name("requests"))
    return [item.to_json()["Attributes"] for item in table.all_items()]


# -- the link: made once, replaced, turned off -------------------------------------------------------------


def test_a_client_gets_a_private_link_once_and_the_table_keeps_only_its_hash(agency):
    c1 = agency.token("c1")
    assert ok(agency.api.get("/requests/me/calendar-feed", token=c1)) == {
        "active": False, "created_at": None, "last_fetched_at": None}
    made = link(agency)
    secret = made["path"].removeprefix("/requests/feeds/").removesuffix(".ics")
    assert len(secret) == 43 and made["created_at"] == NOW
    assert made["url"] == f"https://portal.example.org/requests/feeds/{secret}.ics"
    assert made["webcal_url"] == f"webcal://portal.example.org/requests/feeds/{secret}.ics"
    assert ok(agency.api.get("/requests/me/calendar-feed", token=c1)) == {
        "active": True, "created_at": NOW, "last_fetched_at": None}
    stored = repr(table_items())
    assert secret not in stored and hashlib.sha256(secret.encode()).hexdigest() in stored
    clock.set_now(epoch(NOW) + 60)
    assert fetch(agency, made["path"]).status == 200
    assert ok(agency.api.get("/requests/me/calendar-feed", token=c1))["last_fetched_at"] == iso(epoch(NOW) + 60)


def test_a_new_link_or_stop_sharing_makes_the_old_link_404_at_once(agency):
    agency.event(WED_10)
    first = link(agency)
    assert fetch(agency, first["path"]).status == 200
    second = link(agency)
    assert second["path"] != first["path"]
    gone = fetch(agency, first["path"])
    assert (gone.status, gone.error_code()) == (404, "not_found")
    assert first["path"].split("/")[-1] not in gone.body.decode()  # the answer does not repeat the secret
    assert len(entries(fetch(agency, second["path"]))) == 1
    assert agency.api.delete("/requests/me/calendar-feed", token=agency.token("c1")).status == 204
    assert fetch(agency, second["path"]).status == 404
    assert ok(agency.api.get("/requests/me/calendar-feed", token=agency.token("c1")))["active"] is False
    assert agency.api.delete("/requests/me/calendar-feed", token=agency.token("c1")).status == 204  # none: still 204


def test_workers_and_admins_have_feeds_of_their_own_events_and_the_link_needs_a_sign_in_to_make(agency):
    agency.event(WED_10)
    agency.event(THU_10, by="a1", worker_id="w1")
    worker, admin = link(agency, "w1"), link(agency, "a1")
    assert len(entries(fetch(agency, worker["path"]))) == 2
    assert entries(fetch(agency, admin["path"])) == []  # the admin provides no event
    for method in ("GET", "POST", "DELETE"):
        assert agency.api.request(method, "/requests/me/calendar-feed").status == 401


def test_the_url_is_written_with_the_callers_origin_or_host_and_left_out_when_neither_is_an_origin(agency):
    c1 = agency.token("c1")
    post = lambda **headers: ok(agency.api.post("/requests/me/calendar-feed", token=c1, headers=headers), 201)  # noqa: E731
    assert post(Host="127.0.0.1:8000")["url"].startswith("http://127.0.0.1:8000/requests/feeds/")
    assert post(Host="portal.example.org")["webcal_url"].startswith("webcal://portal.example.org/requests/feeds/")
    assert post(Origin="javascript:alert(1)", Host="a b")["url"] is None


# -- what a feed lists and says ---------------------------------------------------------------------------


def test_each_person_sees_only_their_own_events_and_a_client_never_another_clients_name(agency):
    agency.settings(feed_client_names=True)  # names are for staff: clients' feeds stay anonymous
    mine = agency.event(WED_10, client_ids=["c1"])["event_id"]
    theirs = agency.event(THU_10, client_ids=["c3"])["event_id"]
    both = agency.event(WED_11)["event_id"]
    c1, c3, w1 = link(agency, "c1"), link(agency, "c3"), link(agency, "w1")
    assert set(by_uid(fetch(agency, c1["path"]))) == {ics.uid(mine), ics.uid(both)}
    assert set(by_uid(fetch(agency, c3["path"]))) == {ics.uid(theirs), ics.uid(both)}
    assert set(by_uid(fetch(agency, w1["path"]))) == {ics.uid(mine), ics.uid(theirs), ics.uid(both)}
    for feed in (c1, c3):
        text = fetch(agency, feed["path"]).body.decode()
        assert "Name of" not in text and {str(e["SUMMARY"]) for e in entries(fetch(agency, feed["path"]))} == {
            "Appointment"}


def test_a_workers_feed_names_clients_only_once_the_agency_allows_it(agency):
    both = agency.event(WED_10)["event_id"]
    feed = link(agency, "w1")["path"]
    assert str(by_uid(fetch(agency, feed))[ics.uid(both)]["SUMMARY"]) == "Appointment"
    assert "Name of" not in fetch(agency, feed).body.decode()
    assert agency.settings(feed_client_names=True)["feed_client_names"] is True
    assert str(by_uid(fetch(agency, feed))[ics.uid(both)]["SUMMARY"]) == "Appointment with Name of c1, Name of c3"
    agency.settings(feed_client_names=False)
    assert str(by_uid(fetch(agency, feed))[ics.uid(both)]["SUMMARY"]) == "Appointment"


def test_entries_name_the_agency_once_an_admin_has_named_it(agency):
    mine = agency.event(WED_10, client_ids=["c1"])["event_id"]
    feed = link(agency, "c1")["path"]
    agency.settings(agency_name="Riverside Family Services")
    assert str(by_uid(fetch(agency, feed))[ics.uid(mine)]["SUMMARY"]) == "Appointment with Riverside Family Services"


def test_a_feed_lists_30_days_back_to_the_agencys_horizon_and_cancelled_events_for_a_week(agency):
    w1 = agency.token("w1")
    rules = {"timezone": "America/New_York", "slot_minutes": 60, "min_notice_hours": 24, "horizon_days": 20,
             "hold_minutes": 60}
    assert _answer("availability.settings.updated", rules, AGENCY) == "applied"
    start = epoch(NOW)
    at = {days: agency.event(iso(start + days * 86400 + 3600))["event_id"] for days in (1, 19, 21)}
    cancelled = agency.event(iso(start + 2 * 86400))["event_id"]
    ok(agency.api.post(f"/requests/events/{cancelled}/cancel", token=w1))
    feed = link(agency, "c1")["path"]
    listed = by_uid(fetch(agency, feed))
    assert set(listed) == {ics.uid(at[1]), ics.uid(at[19]), ics.uid(cancelled)}  # day 21 is past the horizon
    assert str(listed[ics.uid(cancelled)]["STATUS"]) == "CANCELLED"
    clock.set_now(start + 7 * 86400 + 1)  # a week after it was cancelled, it goes; day 21 is inside the horizon
    assert set(by_uid(fetch(agency, feed))) == {ics.uid(at[1]), ics.uid(at[19]), ics.uid(at[21])}
    clock.set_now(start + 31 * 86400 + 7200)  # day 1 is now more than 30 days back
    assert set(by_uid(fetch(agency, feed))) == {ics.uid(at[19]), ics.uid(at[21])}
    clock.set_now(start + 50 * 86400 + 3600)
    assert set(by_uid(fetch(agency, feed))) == {ics.uid(at[21])}


def test_a_rescheduled_then_cancelled_event_keeps_its_uid_with_a_rising_sequence(agency):
    w1 = agency.token("w1")
    event_id = agency.event(WED_10)["event_id"]
    feed = link(agency, "c1")["path"]
    (first,) = entries(fetch(agency, feed))
    ok(agency.api.post(f"/requests/events/{event_id}/reschedule", token=w1, json={"start": THU_10}))
    (moved,) = entries(fetch(agency, feed))
    ok(agency.api.post(f"/requests/events/{event_id}/cancel", token=w1, json={"reason": "Unwell"}))
    (cancelled,) = entries(fetch(agency, feed))
    assert str(first["UID"]) == str(moved["UID"]) == str(cancelled["UID"]) == ics.uid(event_id)
    assert [int(e["SEQUENCE"]) for e in (first, moved, cancelled)] == [1, 2, 3]
    assert first.decoded("DTSTART") == datetime(2026, 11, 25, 15, tzinfo=UTC)
    assert moved.decoded("DTSTART") == cancelled.decoded("DTSTART") == datetime(2026, 11, 26, 15, tzinfo=UTC)
    assert [str(e["STATUS"]) for e in (first, moved, cancelled)] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert "Unwell" not in fetch(agency, feed).body.decode()


@pytest.mark.parametrize("zone, day_before, change, day_after", [
    (NEW_YORK, (2026, 3, 7), (2026, 3, 8), (2026, 3, 9)),
    (NEW_YORK, (2026, 10, 31), (2026, 11, 1), (2026, 11, 2)),
    (BERLIN, (2026, 3, 28), (2026, 3, 29), (2026, 3, 30)),
    (BERLIN, (2026, 10, 24), (2026, 10, 25), (2026, 10, 26)),
])
def test_events_around_a_dst_change_keep_their_wall_clock_time_in_the_feed(agency, zone, day_before, change,
                                                                          day_after):
    """10:00 on the day before, the day of and the day after a change of the clocks: the feed's UTC instants are
    10:00 on the zone's clock each day, an hour apart in UTC across the change (and 01:30 on the night itself)."""
    days = (day_before, change, day_after)
    wanted = [datetime(*day, 10, tzinfo=zone) for day in days] + [datetime(*change, 1, 30, tzinfo=zone)]
    clock.set_now(int(datetime(*day_before, tzinfo=UTC).timestamp()) - 5 * 86400)
    ids = [agency.event(iso(int(moment.timestamp())), client_ids=["c1"])["event_id"] for moment in wanted]
    listed = by_uid(fetch(agency, link(agency, "c1")["path"]))
    got = [listed[ics.uid(i)].decoded("DTSTART") for i in ids]
    assert all(g.utcoffset() == timedelta(0) for g in got) and [g.astimezone(zone) for g in got] == wanted
    assert [g.astimezone(zone).hour for g in got[:3]] == [10, 10, 10]
    assert got[1] - got[0] in (timedelta(hours=23), timedelta(hours=25))  # the night the clocks change
    assert got[2] - got[1] == timedelta(hours=24)
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == timedelta(hours=1) for e in listed.values())


# -- caching, limits, strangers ---------------------------------------------------------------------------


def test_an_unchanged_feed_answers_304_to_its_etag_and_a_change_gives_a_new_one(agency):
    event_id = agency.event(WED_10)["event_id"]
    feed = link(agency, "c1")["path"]
    first = fetch(agency, feed)
    etag = first.headers["ETag"]
    assert etag.startswith('"') and first.headers["Cache-Control"] == "private, no-cache"
    assert fetch(agency, feed).headers["ETag"] == etag  # the same events write the same text
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        same = fetch(agency, feed, **{"If-None-Match": sent})
        assert (same.status, same.body, same.headers["ETag"]) == (304, b"", etag)
    assert fetch(agency, feed, **{"If-None-Match": '"other"'}).status == 200
    ok(agency.api.post(f"/requests/events/{event_id}/cancel", token=agency.token("w1")))
    changed = fetch(agency, feed, **{"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag


def test_a_feed_answers_429_past_its_limit_and_again_in_the_next_window(agency):
    from chalicelib.requests import domain

    feed, other = link(agency, "c1")["path"], link(agency, "c3")["path"]
    start = epoch(NOW)
    window_end = (start // 3600 + 1) * 3600
    for _ in range(domain.FEED_FETCHES_PER_WINDOW):
        assert fetch(agency, feed).status == 200
    over = fetch(agency, feed)
    assert (over.status, over.error_code()) == (429, "too_many_requests")
    assert over.headers["Retry-After"] == str(window_end - start) and set(over.json["error"]) == {"code", "message"}
    assert fetch(agency, other).status == 200  # per feed
    clock.set_now(window_end - 1)
    assert fetch(agency, feed).status == 429
    clock.set_now(window_end)
    assert fetch(agency, feed).status == 200
    clock.set_now(start)  # a clock set back (the local stack's) starts that hour's count again, not a lock-out
    assert fetch(agency, feed).status == 200
    agency.api.delete("/requests/me/calendar-feed", token=agency.token("c1"))
    assert fetch(agency, feed).status == 404  # a revoked feed is 404, not 429


@pytest.mark.parametrize("segment", [  # what the path's decoding meets; every shape: test_requests_calendar_entries.py
    "", "x.ics", "%00" * 43, "..%2F..%2Fsettings", "A" * 42 + "%C3%A9", "A" * 42 + "%ED%A0%80", "%F0%9F%98%80" * 20,
])
def test_forged_short_or_absurd_secrets_are_404_without_any_aws_call(agency, calls, segment):
    calls.reset()
    reply = fetch(agency, f"/requests/feeds/{segment}")
    assert reply.status in (404,), (reply.status, reply.body)
    assert reply.json["error"]["code"] == "not_found"
    assert calls.count() == 0


def test_a_well_formed_secret_nobody_was_given_is_404_with_one_dynamodb_call(agency, calls):
    calls.reset()
    assert fetch(agency, "/requests/feeds/" + "A" * 43 + ".ics").status == 404
    assert calls.by_operation("dynamodb") == {"UpdateItem": 1}


def test_serving_a_feed_is_three_dynamodb_calls_and_four_when_a_workers_entries_name_clients(agency, calls):
    for day in range(30):
        agency.event(iso(epoch(WED_10) + day * 86400))
    client, worker = link(agency, "c1")["path"], link(agency, "w1")["path"]
    fetch(agency, client)  # the window's first fetch starts its count
    fetch(agency, worker)
    for feed in (client, worker):
        calls.reset()
        assert len(entries(fetch(agency, feed))) == 30
        assert calls.by_operation("dynamodb") == {"UpdateItem": 1, "BatchGetItem": 1, "Query": 1}
        assert calls.count() == 3
    agency.settings(feed_client_names=True)
    calls.reset()
    fetch(agency, worker)
    assert calls.by_operation("dynamodb") == {"UpdateItem": 1, "BatchGetItem": 2, "Query": 1}
    clock.set_now(epoch(NOW) + 3600)
    calls.reset()
    fetch(agency, client)
    assert calls.by_operation("dynamodb") == {"UpdateItem": 2, "BatchGetItem": 1, "Query": 1}  # a new window


# -- no secret in any log -------------------------------------------------------------------------------


def test_the_secret_is_never_logged_by_the_service_or_the_local_gateway(agency, caplog, monkeypatch):
    agency.event(WED_10)
    made = link(agency, "c1")
    secret = made["path"].split("/")[-1].removesuffix(".ics")
    server = GatewayServer(("127.0.0.1", 0), make_handler(agency.api.gateway))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    caplog.set_level(logging.DEBUG)
    try:
        answer = requests.get(base + made["path"], timeout=10)
        assert answer.status_code == 200 and answer.text.startswith("BEGIN:VCALENDAR")
        for path in (made["path"], made["path"] + "/more", "/requests/feeds/" + secret[:-1]):
            fetch(agency, path)
        from chalicelib.requests import models

        def broken(*_):
            raise RuntimeError("the table is unreachable")

        monkeypatch.setattr(models, "batch_get", broken)  # an unexpected failure is logged with its route
        assert requests.get(base + made["path"], timeout=10).status_code == 500
    finally:
        server.shutdown()
        server.server_close()
    ours = [r for r in caplog.records if not r.name.startswith("urllib3")]  # the test's own HTTP client logs its URLs
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in ours)
    assert "/requests/feeds/{feed}" in logged  # the route is what is written down
    assert "unhandled error in GET /requests/feeds/{feed}" in logged
    assert secret not in logged and secret[:20] not in logged


# -- Add to calendar: one event's file ----------------------------------------------------------------------


def test_add_to_calendar_gives_an_events_participants_its_file_and_anyone_else_404(agency):
    event_id = agency.event(WED_10, client_ids=["c1"])["event_id"]
    path = f"/requests/me/events/{event_id}/calendar-file"
    for person in ("c1", "w1"):
        reply = agency.api.get(path, token=agency.token(person))
        assert reply.headers["Content-Disposition"] == 'attachment; filename="appointment.ics"'
        assert reply.headers["Cache-Control"] == "private, no-store"
        (entry,) = entries(reply)
        assert (str(entry["UID"]), int(entry["SEQUENCE"]), str(entry["SUMMARY"])) == (
            ics.uid(event_id), 1, "Appointment")
        assert entry.decoded("DTSTART") == datetime(2026, 11, 25, 15, tzinfo=UTC)
    for stranger in ("c3", "c2", "w2", "a1"):
        reply = agency.api.get(path, token=agency.token(stranger))
        assert (reply.status, reply.error_code()) == (404, "not_found"), stranger
    other_agency = agency.system.token("client", "agency-b", "c1")
    assert agency.api.get(path, token=other_agency).status == 404
    assert agency.api.get(path).status == 401
    assert agency.api.get("/requests/me/events/nope/calendar-file", token=agency.token("c1")).status == 404


def test_a_cancelled_events_file_updates_the_entry_already_held_and_names_clients_for_its_worker_if_allowed(agency):
    event_id = agency.event(WED_10)["event_id"]
    ok(agency.api.post(f"/requests/events/{event_id}/cancel", token=agency.token("w1")))
    agency.settings(feed_client_names=True)
    path = f"/requests/me/events/{event_id}/calendar-file"
    (client_entry,) = entries(agency.api.get(path, token=agency.token("c3")))
    (worker_entry,) = entries(agency.api.get(path, token=agency.token("w1")))
    assert (int(client_entry["SEQUENCE"]), str(client_entry["STATUS"])) == (2, "CANCELLED")
    assert str(client_entry["SUMMARY"]) == "Appointment"
    assert str(worker_entry["SUMMARY"]) == "Appointment with Name of c1, Name of c3"
