"""Reminders of upcoming events, from requests' event messages through messaging's consumer, its every-minute sweep
and the stream relay to SES: each reminder once to each participant who consented, under duplicated and shuffled
delivery, overlapping sweeps and retries; none for a cancelled event, moved with a rescheduled one, none whose lead
time had passed at booking; the agency's, the person's and the staff's switches; DST days; and the calendar files of
confirmation, change and cancellation emails."""

from __future__ import annotations

from collections import Counter

import icalendar
import pytest

from portalkit import clock, times
from tests.support import EventFlow, run_scheduled, sent_emails

AGENCY = "agency-a"
HOUR = 3600
START = "2026-11-25T15:00:00Z"  # Wed 25 Nov 2026, 10:00 AM EST
T = times.instant(START)
WHEN = "Wed 25 Nov 2026, 10:00 AM EST"

DELIVERIES = {
    "once": {},
    "twice-shuffled-1": {"duplicate": True, "shuffle": True, "seed": 1},
    "twice-shuffled-2": {"duplicate": True, "shuffle": True, "seed": 2},
}


def registered(person_id, role="client", consent=True):
    return "requests", "requests.person.registered", person_id, {
        "person_id": person_id, "name": f"Name {person_id}", "email": f"{person_id}@a.test", "role": role,
        "email_consent": consent}


def opened():
    return "requests", "requests.service.opened", "s1", {
        "service_id": "s1", "name": "Counselling", "status": "open", "provider_ids": ["w1"],
        "participant_ids": ["c1", "c2", "c3"], "open_date": "2026-01-05"}


def agency_zone(timezone, version=1):
    return "availability", "availability.settings.updated", AGENCY, {
        "timezone": timezone, "slot_minutes": 60, "min_notice_hours": 24, "horizon_days": 60, "hold_minutes": 2880,
        "client_facing_type_id": "t1"}, version


def site(address="12 Main Street, Springfield", version=0):
    return "availability", "availability.site.updated", "site-1", {
        "site_id": "site-1", "name": "Main office", "timezone": "America/New_York", "address": address,
        "retired": False}, version


def request_settings(window=24, name="Demo agency", version=1):
    return "requests", "requests.settings.updated", AGENCY, {
        "event_requests_enabled": True, "request_messages_enabled": True, "video_sessions_enabled": True,
        "service_requests_enabled": True, "max_open_requests": 3, "cancellation_window_hours": window,
        "agency_name": name}, version


def event(verb, version, event_id="e1", start=START, **data):
    end = times.iso(times.instant(start) + HOUR)
    base = {"event_id": event_id, "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2", "c3"],
            "start": start, "end": end, "site_id": "site-1", "status": "scheduled", "requested_by": "c1",
            "request_id": "r1"}
    return "requests", f"requests.event.{verb}", event_id, {**base, **data}, version


class Stage(EventFlow):
    """Requests' and availability's messages in, messaging's consumer, sweep and relay, SES out."""

    def __init__(self, system, delivery: dict):
        self.system = system
        super().__init__(system, producers=("requests", "availability"), consumers=("messaging",), **delivery)

    def send(self, *events, at: int | None = None) -> None:
        """Publish each event (at `at` on the clock: its occurred_at), then deliver everything."""
        if at is not None:
            clock.set_now(at)
        for e in events:
            self.publish(*e, agency_id=AGENCY)
        self.deliver()

    def sweep(self, at: int) -> dict:
        """The scheduled function as EventBridge runs it at `at`, then the relay sends what it decided."""
        clock.set_now(at)
        counts = run_scheduled("messaging", "send_reminders", at)
        self.deliver()
        return counts

    def reminders(self, event_id="e1", role="admin", person="admin-1"):
        return self.system.api.get(f"/messaging/events/{event_id}/reminders",
                                   token=self.system.token(role, AGENCY, person))


def reminders_sent() -> Counter:
    """Reminder emails SES received: (to, subject) -> how many."""
    return Counter((m["to"][0], m["subject"]) for m in sent_emails() if m["subject"].startswith("Reminder:"))


@pytest.fixture(autouse=True)
def _clock():
    yield
    clock.set_now(None)


@pytest.fixture(params=list(DELIVERIES))
def stage(request, system) -> Stage:
    return Stage(system, DELIVERIES[request.param])


@pytest.fixture
def once(system) -> Stage:
    return Stage(system, {})


def setup(stage: Stage, at: int = T - 200 * HOUR) -> None:
    """c1 and the worker consent to email, c2 does not, c3 does; the agency's zone, site and name."""
    stage.send(registered("c1"), registered("c2", consent=False), registered("c3"), registered("w1", role="worker"),
               opened(), agency_zone("America/New_York"), site(), request_settings(), at=at)


SUBJECT = f"Reminder: your event on {WHEN}"


# -- exactly once --------------------------------------------------------------------------------------------------


def test_each_reminder_goes_once_to_each_consenting_participant_whatever_the_delivery(stage):
    setup(stage)
    stage.send(event("scheduled", 1), at=T - 72 * HOUR)
    stage.send(event("scheduled", 1), at=T - 71 * HOUR)  # requests' relay publishing it again changes nothing
    assert stage.sweep(T - 48 * HOUR - 1) == {}  # nothing due yet: the index says so in one Query
    assert stage.sweep(T - 48 * HOUR) == {"sent": 1}
    assert stage.sweep(T - 48 * HOUR) == stage.sweep(T - 47 * HOUR) == {}  # off the index once sent
    assert reminders_sent() == {(f"{p}@a.test", SUBJECT): 1 for p in ("c1", "c3", "w1")}  # c2 did not consent
    assert stage.sweep(T - 2 * HOUR) == {"sent": 1}
    assert stage.sweep(T - HOUR) == stage.sweep(T + HOUR) == {}
    assert reminders_sent() == {(f"{p}@a.test", SUBJECT): 2 for p in ("c1", "c3", "w1")}

    view = stage.reminders().json
    assert [(r["hours"], r["status"], r["sent_at"]) for r in view["reminders"]] == [
        (48, "sent", times.iso(T - 48 * HOUR)), (2, "sent", times.iso(T - 2 * HOUR))]
    assert view["reminders"][0]["sent_to"] == [{"person_id": "c1", "role": "client"},
                                               {"person_id": "c3", "role": "client"},
                                               {"person_id": "w1", "role": "worker"}]
    assert view["reminders"][0]["not_sent_to"] == [{"person_id": "c2", "role": "client", "reason": "no_consent"}]

    first, second = [m["body"] for m in sent_emails() if m["to"] == ["c1@a.test"] and m["subject"] == SUBJECT]
    assert first == (f"This is a reminder of your event (Counselling) with Name w1 on {WHEN}.\n"
                     "Where: Main office, 12 Main Street, Springfield.\n"
                     "To cancel, use your client portal by Tue 24 Nov 2026, 10:00 AM EST (24 hours before the event); "
                     "after that, please contact Name w1.")
    assert second.endswith("\nYour agency takes cancellations in the client portal up to 24 hours before an event: "
                           "to cancel now, please contact Name w1.")


def test_overlapping_sweeps_and_a_retried_one_send_each_reminder_once(once, monkeypatch):
    from chalicelib.messaging import notifications, reminders
    from chalicelib.messaging.models import DUE_REMINDERS, ReminderItem

    setup(once)
    once.send(event("scheduled", 1), event("scheduled", 1, event_id="e2"), at=T - 72 * HOUR)
    clock.set_now(T - 48 * HOUR)  # a second sweep reads the due reminders before the first sends them:
    stale = list(ReminderItem.due.query(DUE_REMINDERS, ReminderItem.gsi1sk < times.iso(T - 48 * HOUR + 1)))
    assert len(stale) == 2

    real, failures = notifications.email_item, []

    def crash_once(*args, **kwargs):  # the function dies half-way through the first reminder's transaction
        if not failures:
            failures.append(args[0])
            raise RuntimeError("timed out")
        return real(*args, **kwargs)

    monkeypatch.setattr(notifications, "email_item", crash_once)
    assert once.sweep(T - 48 * HOUR) == {"errors": 1, "sent": 1}
    assert once.sweep(T - 48 * HOUR + 60) == {"sent": 1}  # the next minute's run sends what the crash left
    assert [reminders.send(seen, T - 48 * HOUR) for seen in stale] == ["skipped", "skipped"]
    once.deliver()
    assert reminders_sent() == {(f"{p}@a.test", SUBJECT): 2 for p in ("c1", "c3", "w1")}  # one for each event


# -- what changes a reminder ---------------------------------------------------------------------------------------


def test_a_cancelled_event_gets_no_reminder_and_a_client_who_left_none_either(stage):
    setup(stage)
    stage.send(event("scheduled", 1), event("scheduled", 1, event_id="e2"), at=T - 72 * HOUR)
    stage.send(event("cancelled", 2, late=False, cancelled_by="worker", cancelled_by_id="w1", status="cancelled"),
               event("attendee_left", 2, event_id="e2", client_ids=["c1", "c2"], left_ids=["c3"], client_id="c3",
                     late=False, late_fee=False), at=T - 60 * HOUR)
    assert stage.sweep(T - 48 * HOUR) == {"sent": 1}  # e2's, to those still in it
    assert stage.sweep(T - 2 * HOUR) == {"sent": 1}
    assert reminders_sent() == {("c1@a.test", SUBJECT): 2, ("w1@a.test", SUBJECT): 2}
    cancelled = stage.reminders().json
    assert (cancelled["status"], cancelled["reminders"]) == ("cancelled", [])  # nothing was due: nothing to show


def test_a_rescheduled_event_moves_its_reminders_and_one_sent_for_the_old_time_does_not_stop_the_new_ones(stage):
    setup(stage)
    later = "2026-11-27T15:00:00Z"  # Fri 27 Nov 2026, 10:00 AM EST
    t_later = times.instant(later)
    stage.send(event("scheduled", 1), at=T - 72 * HOUR)
    assert stage.sweep(T - 48 * HOUR) == {"sent": 1}
    stage.send(event("rescheduled", 2, start=later, previous_start=START), at=T - 47 * HOUR)
    assert stage.sweep(T - 2 * HOUR) == {}  # the old time's 2 h reminder went with it
    assert stage.sweep(t_later - 48 * HOUR) == {"sent": 1}
    assert stage.sweep(t_later - 2 * HOUR) == {"sent": 1}
    new_subject = "Reminder: your event on Fri 27 Nov 2026, 10:00 AM EST"
    assert reminders_sent() == {**{(f"{p}@a.test", SUBJECT): 1 for p in ("c1", "c3", "w1")},
                                **{(f"{p}@a.test", new_subject): 2 for p in ("c1", "c3", "w1")}}
    view = stage.reminders().json
    assert [(r["start"], r["hours"], r["status"]) for r in view["reminders"]] == [
        (later, 48, "sent"), (later, 2, "sent"), (START, 48, "sent")]


def test_shuffled_messages_of_one_event_leave_its_newest_time_and_link(stage):
    """A reschedule and a link added after it, delivered in any order and twice: the newest version wins."""
    setup(stage)
    later = "2026-11-27T15:00:00Z"
    stage.publish(*event("scheduled", 1), agency_id=AGENCY)
    clock.set_now(T - 60 * HOUR)
    stage.publish(*event("rescheduled", 2, start=later, previous_start=START), agency_id=AGENCY)
    clock.set_now(T - 59 * HOUR)
    stage.publish(*event("video_link_added", 3, start=later, video_session=True, video_link="https://v.example/e1"),
                  agency_id=AGENCY)
    stage.deliver()
    assert stage.sweep(T - 2 * HOUR) == {}
    assert stage.sweep(times.instant(later) - 48 * HOUR) == {"sent": 1}
    assert stage.sweep(times.instant(later) - 2 * HOUR) == {"sent": 1}
    body = next(m["body"] for m in sent_emails() if m["to"] == ["c1@a.test"] and m["subject"].startswith("Reminder"))
    assert "Where: Video session: https://v.example/e1." in body and "Fri 27 Nov 2026, 10:00 AM EST" in body


def test_no_reminder_whose_lead_time_had_passed_when_the_event_was_booked_judged_by_the_booking_not_the_delivery(once):
    setup(once)
    clock.set_now(T - 24 * HOUR)  # booked a day ahead: the 48-hour reminder's moment had passed
    once.publish(*event("scheduled", 1), agency_id=AGENCY)
    clock.set_now(T - 72 * HOUR - HOUR)  # an event booked 73 hours ahead...
    once.publish(*event("scheduled", 1, event_id="e2"), agency_id=AGENCY)
    clock.set_now(T - 47 * HOUR)  # ...and both delivered late, after the 48-hour moment
    once.deliver()
    assert once.sweep(T - 47 * HOUR) == {"sent": 1}  # e2's 48 h reminder, late but before the event
    assert once.sweep(T - 2 * HOUR) == {"sent": 2}
    assert reminders_sent() == {(f"{p}@a.test", SUBJECT): 3 for p in ("c1", "c3", "w1")}
    e1 = once.reminders().json["reminders"]
    assert [(r["hours"], r["status"], r["reason"]) for r in e1] == [(48, "not_planned", "booked_late"),
                                                                    (2, "sent", None)]


def test_consent_the_persons_choice_the_staffs_switch_and_the_agencys_switch_each_stop_reminders(once):
    setup(once)
    api, admin = once.system.api, once.system.token("admin", AGENCY, "admin-1")
    once.send(event("scheduled", 1), event("scheduled", 1, event_id="e2"), event("scheduled", 1, event_id="e3"),
              at=T - 72 * HOUR)
    c1 = once.system.token("client", AGENCY, "c1")
    preferences = api.put("/messaging/me/preferences", token=c1, json={"email": {"event_reminder": False}}).json
    assert (preferences["delivered_by_email"]["event_reminder"], preferences["reminder_hours"]) == (False, [48, 2])

    path = "/messaging/events/e2/reminders"
    other_worker = once.system.token("worker", AGENCY, "w2")
    assert api.put(path, token=other_worker, json={"enabled": False}).status == 403
    assert api.get(path, token=other_worker).status == 200  # staff read every event of their agency
    assert api.get(path, token=c1).status == 403
    assert api.get("/messaging/events/nope/reminders", token=admin).status == 404
    assert api.get(path, token=once.system.token("admin", "agency-b", "admin-b")).status == 404
    off = api.put(path, token=once.system.token("worker", AGENCY, "w1"), json={"enabled": False})
    assert (off.status, off.json["enabled"], off.json["changed_by"]) == (200, False, "w1")
    assert once.sweep(T - 48 * HOUR) == {"sent": 2, "not_sent": 1}
    assert api.put(path, token=admin, json={"enabled": True}).json["enabled"] is True  # back on for the 2 h one
    assert [(r["hours"], r["status"], r["reason"]) for r in api.get(path, token=admin).json["reminders"]] == [
        (48, "not_sent", "turned_off"), (2, "due", None)]

    settings = api.get("/messaging/settings", token=admin).json
    assert (settings["reminders_enabled"], settings["reminder_hours"]) == (True, [48, 2])
    api.put("/messaging/settings", token=admin, json={"reminders_enabled": False, "version": settings["version"]})
    assert once.sweep(T - 2 * HOUR) == {"not_sent": 3}
    assert reminders_sent() == {("c3@a.test", SUBJECT): 2, ("w1@a.test", SUBJECT): 2}  # e1's and e3's 48 h ones
    assert api.get(path, token=admin).json["reminders"][1]["reason"] == "agency_off"


def test_new_lead_times_apply_to_every_upcoming_event_from_when_they_are_set(once):
    setup(once)
    api, admin = once.system.api, once.system.token("admin", AGENCY, "admin-1")
    once.send(*(event("scheduled", 1, event_id=f"e{i}", start=times.iso(T + i * HOUR)) for i in range(3)),
              at=T - 100 * HOUR)
    clock.set_now(T - 30 * HOUR)
    changed = api.put("/messaging/settings", token=admin, json={"reminder_hours": [24, 72, 1], "version": 0})
    assert changed.json["reminder_hours"] == [72, 24, 1]
    reply = api.put("/messaging/settings", token=admin, json={"reminder_hours": [5, 5], "version": 1})
    assert (reply.status, reply.json["error"]["field"]) == (400, "reminder_hours")  # the bounds: domain tests
    assert once.sweep(T - 30 * HOUR) == {"replanned": 3}  # the 72 h moment had passed when it was set: not planned
    assert [once.sweep(T - (24 - i) * HOUR) for i in range(3)] == [{"sent": 1}] * 3  # each event's 24 h one
    assert once.sweep(T - 2 * HOUR) == {}  # 2 hours is no lead time any more
    assert once.sweep(T - HOUR) == {"sent": 1}
    assert [(r["hours"], r["status"], r["reason"]) for r in once.reminders("e0").json["reminders"]] == [
        (72, "not_planned", "booked_late"), (24, "sent", None), (1, "sent", None)]  # 48 h, still due, went


# -- DST days ------------------------------------------------------------------------------------------------------

# One day through the sweep; the other changes of both zones, back and forward, are domain tests
# (tests/domain/test_messaging_reminders.py).
DST = [
    ("America/New_York", "2026-03-08T07:30:00Z", "Sun 8 Mar 2026, 3:30 AM EDT"),
]


@pytest.mark.parametrize(("zone", "start", "local"), DST)
def test_just_after_a_dst_change_the_48_hour_reminder_comes_48_real_hours_before_with_the_local_time(once, zone,
                                                                                                    start, local):
    t = times.instant(start)
    setup(once, at=t - 300 * HOUR)
    once.send(agency_zone(zone, version=2), at=t - 200 * HOUR)
    once.send(event("scheduled", 1, start=start), at=t - 100 * HOUR)
    assert once.sweep(t - 48 * HOUR - 1) == {}
    assert once.sweep(t - 48 * HOUR) == {"sent": 1}
    subjects = {m["subject"] for m in sent_emails() if m["to"] == ["c1@a.test"]}
    assert subjects == {f"Reminder: your event on {local}"}


# -- calendar files ------------------------------------------------------------------------------------------------


def test_confirmation_change_and_cancellation_emails_carry_one_calendar_entry_with_a_rising_sequence(stage):
    setup(stage)
    request = {"request_id": "r1", "service_id": "s1", "client_id": "c1", "worker_id": "w1", "event_id": "e1",
               "start": START, "end": times.iso(T + HOUR), "site_id": "site-1", "confirmed_by": "worker"}
    stage.send(("requests", "requests.event_request.confirmed", "r1", request, 3), event("scheduled", 1),
               at=T - 100 * HOUR)
    stage.send(event("video_link_added", 2, video_session=True, video_link="https://v.example/e1"),
               event("rescheduled", 3, start="2026-11-26T15:00:00Z", video_session=True,
                     video_link="https://v.example/e1", previous_start=START), at=T - 90 * HOUR)
    stage.send(event("cancelled", 4, start="2026-11-26T15:00:00Z", late=False, cancelled_by="client",
                     cancelled_by_id="c1", status="cancelled"), at=T - 80 * HOUR)
    c1 = [m for m in sent_emails() if m["to"] == ["c1@a.test"]]
    files = {m["subject"]: m["attachments"] for m in c1}
    assert all(len(files[s]) == 1 for s in files)  # each of these four carries one
    assert len(files) == 4
    entries = sorted((icalendar.Calendar.from_ical(a["text"]).walk("VEVENT")[0] for (a,) in files.values()),
                     key=lambda e: int(e["SEQUENCE"]))
    assert {str(e["UID"]) for e in entries} == {"e1@portal.example"}
    assert [(int(e["SEQUENCE"]), str(e["STATUS"])) for e in entries] == [
        (1, "CONFIRMED"), (2, "CONFIRMED"), (3, "CONFIRMED"), (4, "CANCELLED")]
    assert {str(e["SUMMARY"]) for e in entries} == {"Appointment with Demo agency"}
    assert str(entries[0]["LOCATION"]) == "Main office, 12 Main Street, Springfield"
    assert str(entries[2]["LOCATION"]) == "Video session: https://v.example/e1"
    assert {(a["filename"], a["content_type"], a["method"]) for (a,) in files.values()} == {
        ("appointment.ics", "text/calendar", "PUBLISH")}
    worker = [m for m in sent_emails() if m["to"] == ["w1@a.test"]]
    assert [len(m["attachments"]) for m in worker] == [1]  # the worker's cancellation


# -- cost ----------------------------------------------------------------------------------------------------------


def test_a_minute_with_nothing_due_is_two_queries_and_each_reminder_three_calls(once, calls):
    setup(once)
    once.send(event("scheduled", 1), event("scheduled", 1, event_id="e2"), at=T - 72 * HOUR)
    calls.reset()
    assert run_scheduled("messaging", "send_reminders", T - 72 * HOUR) == {}
    assert calls.by_operation("dynamodb") == {"Query": 2}
    clock.set_now(T - 48 * HOUR)
    calls.reset()
    assert run_scheduled("messaging", "send_reminders", T - 48 * HOUR) == {"sent": 2}
    assert calls.by_operation("dynamodb") == {"Query": 2, "BatchGetItem": 4, "TransactWriteItems": 2}
