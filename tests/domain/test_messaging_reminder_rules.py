"""Messaging's rules of reminders, case by case, called directly (no AWS): an event as requests' messages last said,
which reminders it gets (each boundary of when it was booked), why a due one is not sent (in which order), who
receives it, what it says of where and of cancelling (across DST changes too)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from chalicelib.messaging import domain as d
from chalicelib.messaging.domain import CLIENT, WORKER
from portalkit import times

HOUR = 3600
START = "2026-11-25T15:00:00Z"  # Wed 25 Nov 2026, 10:00 AM EST
T = times.instant(START)
EVENT = {"event_id": "e1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2"], "start": START,
         "end": "2026-11-25T16:00:00Z", "status": "scheduled", "site_id": "site-1"}
SCHEDULED, RESCHEDULED = "requests.event.scheduled", "requests.event.rescheduled"
VIDEO, CANCELLED = "requests.event.video_link_added", "requests.event.cancelled"
SETTINGS = d.AgencySettings()  # 48 and 2 hours before
NAMES = d.Names(service="Counselling", people={"w1": "Wes Worker", "c1": "Cleo Client", "c2": "Cal Client"})


def booked(at: int = T - 100 * HOUR, version: int = 1, **data) -> d.EventCopy:
    return d.project_event(None, SCHEDULED, {**EVENT, **data}, version, at)


# -- an event as requests' messages last said ------------------------------------------------------------------


@pytest.mark.parametrize(("message_type", "data", "expected"), [
    pytest.param(CANCELLED, {**EVENT, "status": "scheduled"}, {"status": d.CANCELLED},
                 id="a-cancellation-cancels-whatever-its-status-says"),
    pytest.param(SCHEDULED, {k: v for k, v in EVENT.items() if k != "status"}, {"status": d.SCHEDULED},
                 id="no-status-is-scheduled"),
    pytest.param(SCHEDULED, {**EVENT, "client_ids": ["c1", "c1", "", 7, "c2"]}, {"client_ids": ("c1", "c2")},
                 id="each-client-once-and-only-ids"),
    pytest.param(SCHEDULED, {**EVENT, "client_ids": None}, {"client_ids": ()}, id="no-clients"),
    pytest.param(VIDEO, {**EVENT, "video_link": "https://v/1"}, {"video_session": True, "video_link": "https://v/1",
                                                                  "timed_version": 0},
                 id="a-link-makes-it-a-video-session-and-sets-no-time"),
    pytest.param(SCHEDULED, {**EVENT, "video_session": True}, {"video_session": True, "video_link": None},
                 id="a-video-session-awaiting-its-link"),
    pytest.param(SCHEDULED, {**EVENT, "worker_id": "", "site_id": None, "start": 7},
                 {"worker_id": None, "site_id": None, "start": ""}, id="empty-or-odd-fields-read-as-none"),
    pytest.param(RESCHEDULED, EVENT, {"timed_version": 3, "timed_at": T - 50 * HOUR},
                 id="a-reschedule-sets-when-the-start-was-set"),
])
def test_an_event_is_kept_as_its_message_says_with_what_cannot_be_read_left_out(message_type, data, expected):
    event = d.EventCopy.from_message(message_type, data, 3, T - 50 * HOUR)
    assert {name: getattr(event, name) for name in expected} == expected


def test_an_event_whose_start_reads_as_no_instant_has_no_start():
    assert booked(start="2026-02-30T10:00:00Z").starts is None
    assert booked().starts == T


@pytest.mark.parametrize(("message_type", "version", "data", "changed"), [
    pytest.param(VIDEO, 1, {**EVENT, "video_link": "https://v/1"}, False, id="the-same-version-again"),
    pytest.param(VIDEO, 1, EVENT, False, id="an-older-version-of-another-type"),
    pytest.param(VIDEO, 3, {**EVENT, "video_link": "https://v/1"}, True, id="a-newer-version"),
])
def test_only_a_newer_version_changes_the_event(message_type, version, data, changed):
    stored = booked(version=2 if version == 1 else 1)
    assert (d.project_event(stored, message_type, data, version, T - 10 * HOUR) is not None) is changed


def test_a_newer_message_that_moves_the_start_without_rescheduling_counts_from_its_own_time():
    moved = d.project_event(booked(), VIDEO, {**EVENT, "start": "2026-11-26T15:00:00Z"}, 2, T - 10 * HOUR)
    assert (moved.start, moved.timed_at, moved.timed_version) == ("2026-11-26T15:00:00Z", T - 10 * HOUR, 0)


# -- which reminders an event gets -------------------------------------------------------------------------------


@pytest.mark.parametrize(("event", "settings", "planned"), [
    pytest.param(booked(T - 48 * HOUR), SETTINGS, {48: T - 48 * HOUR, 2: T - 2 * HOUR},
                 id="booked-at-the-very-moment-of-the-48h-one"),
    pytest.param(booked(T - 48 * HOUR + 1), SETTINGS, {2: T - 2 * HOUR}, id="booked-a-second-after-it"),
    pytest.param(booked(T - 2 * HOUR), SETTINGS, {2: T - 2 * HOUR}, id="booked-at-the-moment-of-the-2h-one"),
    pytest.param(booked(T - 2 * HOUR + 1), SETTINGS, {}, id="booked-too-late-for-any"),
    pytest.param(booked(T + HOUR), SETTINGS, {}, id="booked-after-it-began"),
    pytest.param(booked(), d.AgencySettings(reminders_enabled=False), {48: T - 48 * HOUR, 2: T - 2 * HOUR},
                 id="planned-while-switched-off-decided-when-due"),
    pytest.param(booked(), d.AgencySettings(reminder_hours=(336, 1)), {1: T - HOUR},
                 id="the-longest-lead-time-had-passed-at-booking"),
    pytest.param(booked(T - 400 * HOUR), d.AgencySettings(reminder_hours=(336, 1)),
                 {336: T - 336 * HOUR, 1: T - HOUR}, id="booked-two-weeks-ahead"),
    pytest.param(booked(), d.AgencySettings(reminder_hours=(72, 24), reminders_changed_at=T - 72 * HOUR),
                 {72: T - 72 * HOUR, 24: T - 24 * HOUR}, id="lead-times-set-at-the-very-moment"),
    pytest.param(booked(), d.AgencySettings(reminder_hours=(72, 24), reminders_changed_at=T - 72 * HOUR + 1),
                 {24: T - 24 * HOUR}, id="lead-times-set-a-second-after"),
    pytest.param(booked(status="cancelled"), SETTINGS, {}, id="a-cancelled-event"),
    pytest.param(booked(start="not a time"), SETTINGS, {}, id="an-event-without-a-start"),
])
def test_an_event_gets_each_lead_time_whose_moment_came_after_it_was_booked_and_the_lead_time_was_set(event, settings,
                                                                                                       planned):
    assert d.planned_reminders(event, settings) == planned


def test_staff_see_no_lead_time_as_not_planned_when_each_has_a_reminder_or_the_event_has_no_start():
    assert d.not_planned(booked(), SETTINGS, {48, 2}) == []
    assert d.not_planned(booked(start="not a time"), SETTINGS, set()) == []
    late = d.not_planned(booked(T - HOUR), SETTINGS, set())
    assert [(r["hours"], r["due_at"], r["reason"]) for r in late] == [
        (48, times.iso(T - 48 * HOUR), d.BOOKED_LATE), (2, times.iso(T - 2 * HOUR), d.BOOKED_LATE)]


@pytest.mark.parametrize(("event", "existing", "replan"), [
    pytest.param(booked(), {}, d.Replan(add={48: T - 48 * HOUR, 2: T - 2 * HOUR}, drop=[]), id="newly-booked"),
    pytest.param(booked(), {(START, 48): d.DUE, (START, 2): d.DUE}, d.Replan(add={}, drop=[]), id="as-planned"),
    pytest.param(booked(status="cancelled"), {(START, 48): d.SENT, (START, 2): d.DUE},
                 d.Replan(add={}, drop=[(START, 2)]), id="cancelled-drops-the-due-keeps-the-sent"),
    pytest.param(booked(status="cancelled"), {(START, 48): d.NOT_SENT}, d.Replan(add={}, drop=[]),
                 id="one-not-sent-stays-as-it-is"),
    pytest.param(booked(T - HOUR), {(START, 48): d.DUE}, d.Replan(add={}, drop=[(START, 48)]),
                 id="re-booked-too-late-for-a-due-one"),
])
def test_what_changes_among_an_events_reminders(event, existing, replan):
    assert d.replan_reminders(event, SETTINGS, existing) == replan


STARTS = [START, "2026-11-26T15:00:00Z"]


@given(st.dictionaries(st.tuples(st.sampled_from(STARTS), st.sampled_from([1, 2, 24, 48])),
                       st.sampled_from([d.DUE, d.SENT, d.NOT_SENT]), max_size=8),
       st.sampled_from(STARTS), st.sampled_from(["scheduled", "cancelled"]), st.integers(0, 60))
def test_replanning_adds_only_what_is_missing_drops_only_what_is_due_and_leaves_each_planned_lead_time_one(
        existing, start, status, booked_hours_before):
    event = booked(times.instant(start) - booked_hours_before * HOUR, start=start, status=status)
    changes = d.replan_reminders(event, SETTINGS, existing)
    assert not set(changes.add) & {hours for (s, hours) in existing if s == start}
    assert all(existing[key] == d.DUE for key in changes.drop)
    after = {key for key, state in existing.items() if key not in changes.drop} | {(start, h) for h in changes.add}
    planned = set(d.planned_reminders(event, SETTINGS))
    assert planned <= {hours for (s, hours) in after if s == start}  # each has one: due, sent or dropped
    assert {hours for (s, hours) in after if s == start and existing.get((s, hours), d.DUE) == d.DUE} <= planned
    assert not any(existing.get(key) == d.DUE for key in after if key[0] != start)  # no due one for another time


# -- why a due reminder is not sent ------------------------------------------------------------------------------

DUE_2H = T - 2 * HOUR
EVENT_COPY = booked()


@pytest.mark.parametrize(("hours", "start", "event", "settings", "now", "why"), [
    pytest.param(2, START, EVENT_COPY, SETTINGS, T - 1, None, id="sent-a-second-before-the-start"),
    pytest.param(2, "", booked(start="not a time"), SETTINGS, DUE_2H, d.EVENT_MOVED, id="the-event-lost-its-start"),
    pytest.param(48, START, EVENT_COPY, SETTINGS, DUE_2H - 1, None, id="48h-a-second-before-the-2h-moment"),
    pytest.param(48, START, EVENT_COPY, SETTINGS, DUE_2H, d.SUPERSEDED, id="48h-at-the-2h-moment"),
    # Several reasons at once: the first of cancelled, moved, begun, the agency's switch, the staff's, the lead time.
    pytest.param(2, "2026-11-24T15:00:00Z", booked(status="cancelled"), SETTINGS, DUE_2H, d.EVENT_CANCELLED_REASON,
                 id="cancelled-before-moved"),
    pytest.param(2, "2026-11-24T15:00:00Z", EVENT_COPY, SETTINGS, T + HOUR, d.EVENT_MOVED, id="moved-before-begun"),
    pytest.param(2, START, EVENT_COPY, d.AgencySettings(reminders_enabled=False), T, d.STARTED,
                 id="begun-before-switched-off"),
    pytest.param(2, START, replace(EVENT_COPY, reminders_off=True), d.AgencySettings(reminders_enabled=False), DUE_2H,
                 d.AGENCY_OFF, id="agency-off-before-staff-off"),
    pytest.param(2, START, replace(EVENT_COPY, reminders_off=True), d.AgencySettings(reminder_hours=(24,)), DUE_2H,
                 d.TURNED_OFF, id="staff-off-before-lead-time-removed"),
    pytest.param(48, START, EVENT_COPY, d.AgencySettings(reminder_hours=(2,)), DUE_2H, d.LEAD_TIME_REMOVED,
                 id="lead-time-removed-before-superseded"),
])
def test_a_due_reminder_is_sent_unless_a_reason_holds_and_the_first_reason_is_the_one_staff_see(hours, start, event,
                                                                                                 settings, now, why):
    assert d.reminder_refusal(hours, start, event, settings, now) == why


def test_a_late_sweep_sends_the_longer_reminder_while_the_shorter_ones_moment_has_not_come():
    assert d.reminder_refusal(48, START, EVENT_COPY, SETTINGS, T - 47 * HOUR) is None
    assert d.reminder_refusal(48, START, EVENT_COPY, SETTINGS, DUE_2H + 60) == d.SUPERSEDED
    three = d.AgencySettings(reminder_hours=(48, 24, 2))
    assert d.reminder_refusal(48, START, EVENT_COPY, three, T - 24 * HOUR) == d.SUPERSEDED
    assert d.reminder_refusal(24, START, EVENT_COPY, three, T - 24 * HOUR) is None


# -- who receives it ---------------------------------------------------------------------------------------------


def contact(person_id, role="client"):
    return d.Contact(person_id, f"Name {person_id}", f"{person_id}@a.test", role, True, 1)


@pytest.mark.parametrize(("event", "recipients"), [
    pytest.param(booked(), [("c1", CLIENT), ("c2", CLIENT), ("w1", WORKER)], id="clients-then-the-worker"),
    pytest.param(booked(client_ids=["c1", "w1"]), [("c1", CLIENT), ("w1", WORKER)],
                 id="the-worker-listed-among-clients-is-the-worker-once"),
    pytest.param(booked(worker_id=None), [("c1", CLIENT), ("c2", CLIENT)], id="no-worker"),
    pytest.param(booked(client_ids=[]), [("w1", WORKER)], id="everyone-left-but-the-worker"),
])
def test_a_reminder_goes_to_the_events_participants_each_once_in_their_role(event, recipients):
    contacts = {p: contact(p) for p in ("c1", "c2", "w1")}
    assert [(r.person_id, r.audience) for r in d.reminder_recipients(event, contacts, SETTINGS)] == recipients


def test_a_reminder_has_at_most_as_many_recipients_as_one_transaction_holds():
    crowded = booked(client_ids=[f"c{i:02d}" for i in range(30)])
    recipients = d.reminder_recipients(crowded, {}, SETTINGS)
    assert len(recipients) == d.MAX_RECIPIENTS and {r.refusal for r in recipients} == {d.UNKNOWN_PERSON}


# -- what it says of where and of cancelling ---------------------------------------------------------------------


@pytest.mark.parametrize(("event_like", "place", "words"), [
    pytest.param({"video_link": "https://v/1"}, d.Place("Main office"), "Video session: https://v/1",
                 id="the-link-wins-over-the-site"),
    pytest.param({"video_session": True}, None, "Video session, awaiting video session link", id="link-awaited"),
    pytest.param({"video_session": True, "video_link": ""}, None, "Video session, awaiting video session link",
                 id="an-empty-link-is-awaited"),
    pytest.param({}, d.Place("Main office", "12 Main Street"), "Main office, 12 Main Street", id="site-and-address"),
    pytest.param({}, d.Place("Main office"), "Main office", id="site-without-address"),
    pytest.param({}, None, None, id="nowhere-known"),
])
def test_where_an_event_is(event_like, place, words):
    assert d.where_words(event_like, place) == words


def cancelling(window: int, now: int, start: str = START, zone: str = "America/New_York") -> str:
    event = booked(start=start)
    clock = d.Clock.of({"start": start}, zone)
    return d.cancelling_words(event, d.AgencyFacts(cancellation_window_hours=window), now, clock, "Wes Worker")


@pytest.mark.parametrize(("window", "now", "words"), [
    pytest.param(24, T - 24 * HOUR - 1, "To cancel, use your client portal by Tue 24 Nov 2026, 10:00 AM EST (24 hours "
                                        "before the event); after that, please contact Wes Worker.",
                 id="a-second-before-the-window-opens"),
    pytest.param(24, T - 24 * HOUR, "Your agency takes cancellations in the client portal up to 24 hours before an "
                                    "event: to cancel now, please contact Wes Worker.", id="as-the-window-opens"),
    pytest.param(1, T - 2 * HOUR, "To cancel, use your client portal by Wed 25 Nov 2026, 9:00 AM EST (1 hour before "
                                  "the event); after that, please contact Wes Worker.", id="a-one-hour-window"),
    pytest.param(0, T - HOUR, "You can cancel in your client portal until the event starts.", id="no-window"),
])
def test_a_client_reads_how_to_cancel_in_the_portal_until_the_window_opens_then_through_the_provider(window, now,
                                                                                                      words):
    assert cancelling(window, now) == words


@pytest.mark.parametrize(("start", "deadline"), [
    pytest.param("2026-03-08T14:00:00Z", "Sat 7 Mar 2026, 9:00 AM EST", id="spring-forward-the-day-before-is-9"),
    pytest.param("2026-11-01T15:00:00Z", "Sat 31 Oct 2026, 11:00 AM EDT", id="fall-back-the-day-before-is-11"),
])
def test_across_a_dst_change_the_cancellation_deadline_is_24_real_hours_before_on_the_agencys_clock(start, deadline):
    words = cancelling(24, times.instant(start) - 48 * HOUR, start=start)
    assert words.startswith(f"To cancel, use your client portal by {deadline} (24 hours before the event)")


@pytest.mark.parametrize(("audience", "names", "event", "first_line"), [
    pytest.param(CLIENT, d.Names(), booked(), "This is a reminder of your event with your provider on Wed 25 Nov "
                                              "2026, 10:00 AM EST.", id="client-names-unknown"),
    pytest.param(WORKER, d.Names(), booked(), "This is a reminder of your event with a client, a client on Wed 25 "
                                              "Nov 2026, 10:00 AM EST.", id="worker-names-unknown"),
    pytest.param(WORKER, NAMES, booked(client_ids=[]), "This is a reminder of your event (Counselling) with your "
                                                       "clients on Wed 25 Nov 2026, 10:00 AM EST.",
                 id="worker-everyone-left"),
])
def test_a_reminder_falls_back_to_words_for_whom_messaging_has_not_heard_of(audience, names, event, first_line):
    text = d.reminder_text(audience, event, names, "America/New_York", None, d.AgencyFacts(), T - 48 * HOUR)
    assert text.body.split("\n")[0] == first_line
    assert "Where:" not in text.body  # nowhere known: not said


def test_a_reminder_before_the_agencys_zone_is_known_reads_the_offset_of_local_start():
    event = booked(local_start="2026-11-25T10:00:00-05:00")
    text = d.reminder_text(CLIENT, event, NAMES, None, None, d.AgencyFacts(), T - 48 * HOUR)
    assert text.subject == "Reminder: your event on Wed 25 Nov 2026, 10:00 AM UTC-05:00"


# -- who turns an event's reminders off --------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "person"), [
    pytest.param(WORKER, "w1", id="its-worker"),
    pytest.param(d.ADMIN, "admin-1", id="an-admin"),
])
def test_the_events_worker_or_an_admin_turns_its_reminders_off(role, person):
    assert d.check_may_switch_reminders(role, person, EVENT_COPY) is None


@pytest.mark.parametrize("event", [
    pytest.param(EVENT_COPY, id="another-workers-event"),
    pytest.param(booked(worker_id=None), id="an-event-without-a-worker"),
])
def test_another_worker_may_not_turn_an_events_reminders_off(event):
    with pytest.raises(d.NotTheEventsWorker) as refused:
        d.check_may_switch_reminders(WORKER, "w2", event)
    assert (refused.value.status, refused.value.code, refused.value.message) == (
        403, "forbidden", "Only the event's worker or an admin turns its reminders on or off.")
