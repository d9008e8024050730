"""Messaging's pure rules of reminders and calendar files: which reminders an event gets, when one is not sent, to
whom, in what words; what a confirmation, change or cancellation email's .ics says."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from chalicelib.messaging import domain
from chalicelib.messaging.domain import CLIENT, WORKER
from portalkit import times
from portalkit.errors import BadRequest

HOUR = 3600
START = "2026-11-25T15:00:00Z"  # Wed 25 Nov 2026, 10:00 AM EST
T_START = times.instant(START)
EVENT = {"event_id": "e1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2"], "start": START,
         "end": "2026-11-25T16:00:00Z", "status": "scheduled", "site_id": "site-1"}
SETTINGS = domain.AgencySettings()  # on, 48 and 2 hours before
SCHEDULED, RESCHEDULED = "requests.event.scheduled", "requests.event.rescheduled"
VIDEO, CANCELLED = "requests.event.video_link_added", "requests.event.cancelled"


def booked(at: int, start: str = START, version: int = 1, **data) -> domain.EventCopy:
    return domain.project_event(None, SCHEDULED, {**EVENT, "start": start, **data}, version, at)


def contact(person_id, role="client", consent=True, off=(), email=None):
    address = f"{person_id}@a.test" if email is None else email
    return domain.Contact(person_id=person_id, name=f"Name {person_id}", email=address, role=role,
                          email_consent=consent, version=1, email_off=frozenset(off))


# -- settings ----------------------------------------------------------------------------------------------------


def test_reminders_are_on_48_and_2_hours_before_by_default_and_lead_times_are_at_most_three_distinct():
    assert (SETTINGS.reminders_enabled, SETTINGS.reminder_hours) == (True, (48, 2))
    assert SETTINGS.view()["reminder_hours"] == [48, 2]
    assert domain.reminder_hours([2, 24, 168]) == (168, 24, 2)  # the longest first
    for hours, message in (([], "at least one"), ([1, 2, 3, 4], "At most 3"), ([2, 2], "once")):
        with pytest.raises(BadRequest, match=message) as refused:
            domain.reminder_hours(hours)
        assert refused.value.field == "reminder_hours"
    assert domain.EVENT_REMINDER in domain.CLIENT_KINDS and domain.EVENT_REMINDER in domain.STAFF_KINDS
    assert SETTINGS.detail(domain.EVENT_REMINDER) == domain.FULL


# -- which reminders an event gets -------------------------------------------------------------------------------


def test_a_lead_time_that_had_passed_when_the_event_was_booked_gets_no_reminder():
    assert domain.planned_reminders(booked(T_START - 72 * HOUR), SETTINGS) == {48: T_START - 48 * HOUR,
                                                                               2: T_START - 2 * HOUR}
    assert domain.planned_reminders(booked(T_START - 24 * HOUR), SETTINGS) == {2: T_START - 2 * HOUR}
    assert domain.planned_reminders(booked(T_START - 48 * HOUR), SETTINGS) == {48: T_START - 48 * HOUR,
                                                                               2: T_START - 2 * HOUR}
    assert domain.planned_reminders(booked(T_START - HOUR), SETTINGS) == {}
    cancelled = domain.project_event(booked(T_START - 72 * HOUR), CANCELLED, {**EVENT, "status": "cancelled"}, 2,
                                     T_START - 71 * HOUR)
    assert domain.planned_reminders(cancelled, SETTINGS) == {}


def test_staff_see_the_lead_times_an_event_was_booked_too_late_for_as_not_planned():
    event = booked(T_START - 24 * HOUR)
    planned = set(domain.planned_reminders(event, SETTINGS))
    assert domain.not_planned(event, SETTINGS, planned) == [{
        "hours": 48, "start": START, "due_at": times.iso(T_START - 48 * HOUR), "status": domain.NOT_PLANNED,
        "reason": domain.BOOKED_LATE, "sent_at": None, "sent_to": [], "not_sent_to": []}]
    assert domain.not_planned(booked(T_START - 72 * HOUR), SETTINGS, {48, 2}) == []
    cancelled = domain.project_event(event, CANCELLED, {**EVENT, "status": "cancelled"}, 2, T_START - 23 * HOUR)
    assert domain.not_planned(cancelled, SETTINGS, set()) == []  # a cancelled event plans nothing


def test_lead_times_added_later_count_from_when_they_were_set():
    event = booked(T_START - 100 * HOUR)
    later = domain.AgencySettings(reminder_hours=(72, 24), reminders_changed_at=T_START - 50 * HOUR)
    assert domain.planned_reminders(event, later) == {24: T_START - 24 * HOUR}  # 72 h before had passed by then


def test_the_booking_message_decides_when_the_event_got_its_time_whatever_order_messages_come_in():
    t1, t2, t3 = T_START - 100 * HOUR, T_START - 30 * HOUR, T_START - 20 * HOUR
    moved = "2026-11-26T15:00:00Z"
    first = booked(t1)
    rescheduled = domain.project_event(first, RESCHEDULED, {**EVENT, "start": moved}, 2, t2)
    assert (rescheduled.start, rescheduled.timed_at, rescheduled.timed_version) == (moved, t2, 2)
    linked = domain.project_event(rescheduled, VIDEO, {**EVENT, "start": moved, "video_link": "https://v/1"}, 3, t3)
    assert (linked.timed_at, linked.video_link) == (t2, "https://v/1")  # the start did not move: still t2
    assert domain.project_event(linked, RESCHEDULED, {**EVENT, "start": moved}, 2, t2) is None  # a duplicate
    assert domain.project_event(linked, SCHEDULED, EVENT, 1, t1) is None  # older, and for another start

    # The link's message first: it tells the new start, its own time standing in until the rescheduling comes.
    early = domain.project_event(first, VIDEO, {**EVENT, "start": moved, "video_link": "https://v/1"}, 3, t3)
    assert (early.timed_at, early.timed_version) == (t3, 0)
    late = domain.project_event(early, RESCHEDULED, {**EVENT, "start": moved}, 2, t2)
    assert (late.timed_at, late.timed_version, late.version, late.video_link) == (t2, 2, 3, "https://v/1")

    # Moved away and back: the move back decides, even when the first booking comes after it.
    back = domain.project_event(None, VIDEO, {**EVENT, "video_link": "https://v/1"}, 4, t3)
    back = domain.project_event(back, RESCHEDULED, EVENT, 3, t2)
    assert domain.project_event(back, SCHEDULED, EVENT, 1, t1) is None
    assert (back.timed_at, back.timed_version) == (t2, 3)


def test_a_staff_switch_survives_newer_messages():
    off = replace(booked(T_START - 72 * HOUR), reminders_off=True)
    assert domain.project_event(off, VIDEO, {**EVENT, "video_link": "https://v/1"}, 2, T_START).reminders_off


def test_rescheduling_drops_the_old_times_due_reminders_and_plans_the_new_times_keeping_what_was_sent():
    moved = "2026-11-26T15:00:00Z"
    event = domain.project_event(booked(T_START - 100 * HOUR), RESCHEDULED, {**EVENT, "start": moved}, 2,
                                 T_START - 47 * HOUR)
    existing = {(START, 48): domain.SENT, (START, 2): domain.DUE}
    changes = domain.replan_reminders(event, SETTINGS, existing)
    new_start = times.instant(moved)
    assert changes.add == {48: new_start - 48 * HOUR, 2: new_start - 2 * HOUR}
    assert changes.drop == [(START, 2)]  # the 48 h one was sent for the old time: it stays, and the new one goes too
    assert domain.replan_reminders(event, SETTINGS, {**existing, (moved, 48): domain.DUE, (moved, 2): domain.SENT}
                                   ) == domain.Replan(add={}, drop=[(START, 2)])
    fewer = domain.AgencySettings(reminder_hours=(2,), reminders_changed_at=T_START - 90 * HOUR)
    assert domain.replan_reminders(event, fewer, {(moved, 48): domain.DUE, (moved, 2): domain.DUE}) == \
        domain.Replan(add={}, drop=[(moved, 48)])


# -- whether a due reminder goes ---------------------------------------------------------------------------------


def test_a_due_reminder_is_not_sent_for_a_cancelled_moved_or_begun_event_or_when_switched_off():
    event = booked(T_START - 72 * HOUR)
    due = T_START - 2 * HOUR
    assert domain.reminder_refusal(2, START, event, SETTINGS, due) is None
    assert domain.reminder_refusal(2, START, None, SETTINGS, due) == domain.EVENT_CANCELLED_REASON
    cancelled = domain.project_event(event, CANCELLED, {**EVENT, "status": "cancelled"}, 2, due)
    assert domain.reminder_refusal(2, START, cancelled, SETTINGS, due) == domain.EVENT_CANCELLED_REASON
    assert domain.reminder_refusal(2, "2026-11-24T15:00:00Z", event, SETTINGS, due) == domain.EVENT_MOVED
    assert domain.reminder_refusal(2, START, event, SETTINGS, T_START) == domain.STARTED
    assert domain.reminder_refusal(2, START, event, domain.AgencySettings(reminders_enabled=False), due) == \
        domain.AGENCY_OFF
    assert domain.reminder_refusal(2, START, replace(event, reminders_off=True), SETTINGS, due) == \
        domain.TURNED_OFF
    assert domain.reminder_refusal(2, START, event, domain.AgencySettings(reminder_hours=(24,)), due) == \
        domain.LEAD_TIME_REMOVED
    # A sweep that comes late sends the nearest reminder only: not yesterday's and today's at once.
    assert domain.reminder_refusal(48, START, event, SETTINGS, T_START - 90 * 60) == domain.SUPERSEDED
    assert domain.reminder_refusal(48, START, event, SETTINGS, T_START - 3 * HOUR) is None


def test_each_participant_who_consented_is_a_recipient_the_worker_too_and_the_others_say_why_not():
    event = booked(T_START - 72 * HOUR, client_ids=["c1", "c2", "c3", "c4", "c5"])
    contacts = {"c1": contact("c1"), "c2": contact("c2", consent=False), "c3": contact("c3", off={"event_reminder"}),
                "c4": contact("c4", email=""), "w1": contact("w1", role="worker")}
    recipients = domain.reminder_recipients(event, contacts, SETTINGS)
    assert [(r.person_id, r.audience, r.refusal) for r in recipients] == [
        ("c1", CLIENT, None), ("c2", CLIENT, "no_consent"), ("c3", CLIENT, "opted_out"), ("c4", CLIENT, "no_email"),
        ("c5", CLIENT, "unknown_person"), ("w1", WORKER, None)]
    no_client_email = domain.AgencySettings(client_delivery_enabled=False)
    first = domain.reminder_recipients(event, contacts, no_client_email)[0]
    assert (first.person_id, first.refusal) == ("c1", "agency_email_off")


def test_a_reminders_email_is_one_per_event_time_lead_time_and_person():
    ids = {domain.reminder_email_id("a", "e1", START, h, p) for h in (48, 2) for p in ("c1", "w1")}
    assert len(ids) == 4
    assert domain.reminder_email_id("a", "e1", START, 2, "c1") == domain.reminder_email_id("a", "e1", START, 2, "c1")
    assert domain.reminder_email_id("a", "e1", "2026-11-26T15:00:00Z", 2, "c1") not in ids


# -- in what words -----------------------------------------------------------------------------------------------

NAMES = domain.Names(service="Counselling", people={"w1": "Wes Worker", "c1": "Cleo Client", "c2": "Cal Client"})
PLACE = domain.Place("Main office", "12 Main Street, Springfield")


def test_a_clients_reminder_says_when_where_with_whom_and_how_to_cancel_within_the_window():
    event = booked(T_START - 72 * HOUR)
    text = domain.reminder_text(CLIENT, event, NAMES, "America/New_York", PLACE, domain.AgencyFacts("Demo", 24),
                                T_START - 48 * HOUR)
    assert text.subject == "Reminder: your event on Wed 25 Nov 2026, 10:00 AM EST"
    assert text.body == (
        "This is a reminder of your event (Counselling) with Wes Worker on Wed 25 Nov 2026, 10:00 AM EST.\n"
        "Where: Main office, 12 Main Street, Springfield.\n"
        "To cancel, use your client portal by Tue 24 Nov 2026, 10:00 AM EST (24 hours before the event); after that, "
        "please contact Wes Worker.")
    assert "Cal Client" not in text.body  # a client never reads the other clients' names
    late = domain.reminder_text(CLIENT, event, NAMES, "America/New_York", PLACE, domain.AgencyFacts(None, 24),
                                T_START - 2 * HOUR)
    assert late.body.endswith("Your agency takes cancellations in the client portal up to 24 hours before an event: "
                              "to cancel now, please contact Wes Worker.")
    assert late.email_body(domain.SUBJECT_ONLY) == "You have an event coming up. Sign in to see when and where."


def test_a_workers_reminder_names_the_clients_and_a_video_event_its_link_or_that_it_is_awaited():
    awaiting = booked(T_START - 72 * HOUR, video_session=True, site_id=None)
    text = domain.reminder_text(WORKER, awaiting, NAMES, "America/New_York", None, domain.AgencyFacts(), 0)
    assert text.body == (
        "This is a reminder of your event (Counselling) with Cleo Client, Cal Client on Wed 25 Nov 2026, "
        "10:00 AM EST.\n"
        "Where: Video session, awaiting video session link.\n"
        "To reschedule or cancel it, open it in the staff calendar.")
    linked = booked(T_START - 72 * HOUR, video_session=True, video_link="https://meet.example/e1")
    assert "Where: Video session: https://meet.example/e1." in domain.reminder_text(
        CLIENT, linked, NAMES, None, PLACE, domain.AgencyFacts(cancellation_window_hours=0), 0).body


@pytest.mark.parametrize(("zone", "start", "local"), [
    ("America/New_York", "2026-03-08T07:30:00Z", "Sun 8 Mar 2026, 3:30 AM EDT"),  # just after spring forward
    ("America/New_York", "2026-11-01T06:30:00Z", "Sun 1 Nov 2026, 1:30 AM EST"),  # the second 1:30
    ("Europe/Berlin", "2026-03-29T01:30:00Z", "Sun 29 Mar 2026, 3:30 AM CEST"),
    ("Europe/Berlin", "2026-10-25T01:30:00Z", "Sun 25 Oct 2026, 2:30 AM CET"),  # the second 2:30
])
def test_across_a_dst_change_a_48_hour_reminder_is_48_real_hours_before_and_reads_the_local_time(zone, start, local):
    event = booked(times.instant(start) - 100 * HOUR, start=start)
    assert domain.planned_reminders(event, SETTINGS)[48] == times.instant(start) - 48 * 3600
    due = times.instant(start) - 48 * HOUR
    text = domain.reminder_text(CLIENT, event, NAMES, zone, PLACE, domain.AgencyFacts(), due)
    assert text.subject == f"Reminder: your event on {local}"


# -- calendar files ----------------------------------------------------------------------------------------------


def parse(calendar: str) -> icalendar.Event:
    (entry,) = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    return entry


def test_confirmations_changes_and_cancellations_carry_one_uid_a_rising_sequence_and_the_time_only_by_default():
    agency = domain.AgencyFacts("Demo agency")
    request = {"request_id": "r1", "event_id": "e1", "start": START, "end": "2026-11-25T16:00:00Z"}
    files = [
        domain.calendar_file(domain.REQUEST_CONFIRMED, "requests.event_request.confirmed", request, 4, agency, PLACE,
                             domain.FULL, T_START - 100 * HOUR),
        domain.calendar_file(domain.VIDEO_LINK, VIDEO, {**EVENT, "video_link": "https://meet.example/e1"}, 2, agency,
                             None, domain.FULL, T_START - 90 * HOUR),
        domain.calendar_file(domain.EVENT_RESCHEDULED, RESCHEDULED, {**EVENT, "start": "2026-11-26T15:00:00Z",
                                                                     "end": "2026-11-26T16:00:00Z"}, 3, agency, PLACE,
                             domain.SUBJECT_ONLY, T_START - 80 * HOUR),
        domain.calendar_file(domain.EVENT_CANCELLED, CANCELLED, {**EVENT, "status": "cancelled"}, 5,
                             domain.AgencyFacts(), PLACE, domain.FULL, T_START - 70 * HOUR),
    ]
    entries = [parse(f) for f in files]
    assert {str(e["UID"]) for e in entries} == {"e1@portal.example"}
    assert [int(e["SEQUENCE"]) for e in entries] == [1, 2, 3, 5]  # the request's confirmation is the event's first
    assert [str(e["STATUS"]) for e in entries] == ["CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert [str(e["SUMMARY"]) for e in entries] == ["Appointment with Demo agency"] * 3 + ["Appointment"]
    assert entries[0]["DTSTART"].dt == datetime(2026, 11, 25, 15, tzinfo=UTC)
    assert str(entries[0]["LOCATION"]) == "Main office, 12 Main Street, Springfield"
    assert (str(entries[1]["LOCATION"]), str(entries[1]["URL"])) == (
        "Video session: https://meet.example/e1", "https://meet.example/e1")
    assert "LOCATION" not in entries[2] and entries[2]["DTSTART"].dt == datetime(2026, 11, 26, 15, tzinfo=UTC)
    assert domain.calendar_file(domain.INVOICE_ISSUED, "billing.invoice.issued", {}, 1, agency, None, domain.FULL,
                                0) is None
    assert domain.calendar_file(domain.EVENT_SCHEDULED, SCHEDULED, {**EVENT, "start": "no time"}, 1, agency, None,
                                domain.FULL, 0) is None


@given(st.integers(0, 10**6), st.integers(1, 400))
def test_a_reminders_due_time_is_its_lead_time_before_the_start_in_real_seconds(offset, hours):
    start = T_START + offset * 60
    event = booked(start - 500 * HOUR, start=times.iso(start))
    planned = domain.planned_reminders(event, domain.AgencySettings(reminder_hours=(min(hours, 336),)))
    assert planned == {min(hours, 336): start - min(hours, 336) * HOUR}
