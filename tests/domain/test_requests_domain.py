"""Event requests and events: which answers still apply, and the rules of each transition (pure, no AWS)."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from chalicelib.requests import domain as d
from portalkit import times
from portalkit.errors import BadRequest, Conflict, Forbidden
from portalkit.identity import Identity

NOW = times.instant("2026-11-23T12:00:00Z")
WED_10, WED_11, FRI_10 = "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", "2026-11-27T15:00:00Z"
HOLD = {"start": WED_10, "end": WED_11, "hold_expires_at": "2026-11-25T12:00:00Z", "site_id": "s",
        "local_start": "2026-11-25T10:00:00-05:00"}
CLIENT, WORKER = Identity("a", "c1", "client"), Identity("a", "w1", "worker")
ADMIN, INVITED = Identity("a", "a1", "admin"), Identity("a", "c2", "client")


def request(**changes) -> d.EventRequest:
    base = d.EventRequest(request_id="r1", service_id="s1", client_id="c1", worker_id="w1", start=WED_10,
                          requested_start=WED_10, created_at="2026-11-23T12:00:00Z")
    return replace(base, **changes)


def event(**changes) -> d.Event:
    base = d.Event(event_id="e1", service_id="s1", worker_id="w1", client_ids=("c1",), start=WED_10, end=WED_11,
                   created_at="2026-11-23T12:00:00Z", created_by="w1")
    return replace(base, **changes)


def test_a_hold_moves_a_pending_request_on_once_and_only_for_its_time():
    held = d.held(request(), HOLD, NOW)
    assert (held.status, held.end, held.site_id, held.version) == (d.AWAITING, WED_11, "s", 2)
    assert d.held(held, HOLD, NOW) is None  # repeated
    for status in (d.WITHDRAWN, d.DECLINED, d.EXPIRED, d.CONFIRMED):  # late: the request ended meanwhile
        assert d.held(request(status=status), HOLD, NOW) is None
    assert d.held(request(), {**HOLD, "start": FRI_10}, NOW) is None


def test_a_proposal_is_offered_or_fails_only_while_it_is_the_one_awaited():
    waiting = request(status=d.AWAITING, end=WED_11, proposed_start=FRI_10)
    offered = d.held(waiting, {**HOLD, "start": FRI_10, "end": "2026-11-27T16:00:00Z", "proposal": True}, NOW)
    assert (offered.status, offered.start, offered.proposed_start) == (d.PROPOSED, FRI_10, None)
    assert d.held(waiting, {**HOLD, "proposal": True}, NOW) is None  # an older proposal's answer
    failed = d.unavailable(waiting, {"start": FRI_10, "reason": "slot_taken", "proposal": True}, NOW)
    assert (failed.status, failed.start, failed.proposed_start) == (d.AWAITING, WED_10, None)
    assert d.unavailable(offered, {"start": FRI_10, "reason": "slot_taken", "proposal": True}, NOW) is None


def test_an_unavailable_time_declines_only_a_pending_request():
    declined = d.unavailable(request(), {"start": WED_10, "reason": "too_soon"}, NOW)
    assert (declined.status, declined.reason, declined.declined_by) == (d.DECLINED, "too_soon", "availability")
    assert d.unavailable(request(status=d.WITHDRAWN), {"start": WED_10, "reason": "slot_taken"}, NOW) is None


def test_a_hold_whose_times_cannot_be_used_declines_and_a_local_time_not_its_own_is_left_out():
    for broken in ({"end": "2026-02-30T16:00:00Z"}, {"end": WED_10}, {"end": "2026-11-25T23:05:00Z"},
                   {"hold_expires_at": "0000-01-01T00:00:00Z"}, {"hold_expires_at": "2029-11-25T12:00:00Z"}):
        declined = d.held(request(), {**HOLD, **broken}, NOW)
        assert (declined.status, declined.reason, declined.declined_by) == (d.DECLINED, d.INVALID_HOLD,
                                                                           "availability"), broken
    wrong_clock = d.held(request(local_start="2026-11-25T10:00:00-05:00"),
                         {**HOLD, "local_start": "2026-11-25T11:00:00-05:00"}, NOW)
    assert (wrong_clock.status, wrong_clock.local_start) == (d.AWAITING, "2026-11-25T10:00:00-05:00")
    precise = d.held(request(), {**HOLD, "end": "2026-11-25T16:00:00.000Z"}, NOW)
    assert precise.end == WED_11  # kept in the service's own form
    assert times.instant_or_none("9999-12-31T23:59:59Z") is not None
    assert times.instant_or_none("0000-01-01T00:00:00Z") is None
    assert not d.is_our_id("r" * 129) and not d.is_our_id("r\ud800") and d.is_our_id("r1")


def test_availabilitys_reasons_read_as_sentences_and_a_workers_as_written():
    for code in d.UNAVAILABLE_REASONS:
        text = d.reason_text(code)
        assert text[0].isupper() and text.endswith(".") and "_" not in text, code
    declined = d.unavailable(request(), {"start": WED_10, "reason": "outside_availability"}, NOW)
    assert declined.reason == "outside_availability"  # the code stays for programs
    assert declined.view()["reason_text"] == d.reason_text("outside_availability")
    assert declined.event_data()["reason_text"] == d.reason_text("outside_availability")
    by_worker = d.decline(request(status=d.AWAITING), "I am away that week.", "worker", NOW)
    assert by_worker.view()["reason_text"] == "I am away that week."
    assert request().view()["reason_text"] is None and "reason_text" not in request().event_data()
    assert d.reason_text("a_code_from_a_newer_availability") == "That time could not be booked."


def test_only_the_current_holds_expiry_ends_a_request():
    awaiting, proposed = request(status=d.AWAITING), request(status=d.PROPOSED, start=FRI_10)
    assert d.hold_expired(awaiting, WED_10, NOW).status == d.EXPIRED
    assert d.hold_expired(proposed, FRI_10, NOW).status == d.EXPIRED
    assert d.hold_expired(proposed, WED_10, NOW) is None  # the hold the proposal replaced
    assert d.hold_expired(request(status=d.CONFIRMED), WED_10, NOW) is None


def test_who_may_end_a_request_and_when():
    awaiting, proposed = request(status=d.AWAITING), request(status=d.PROPOSED)
    assert d.confirm(awaiting, "e1", "worker", NOW).confirmed_by == "worker"
    assert d.confirm(proposed, "e1", "client", NOW).confirmed_by == "client"
    for call in (lambda: d.confirm(proposed, "e1", "worker", NOW), lambda: d.confirm(awaiting, "e1", "client", NOW),
                 lambda: d.decline(awaiting, "No", "client", NOW), lambda: d.withdraw(request(status=d.EXPIRED), NOW),
                 lambda: d.confirm(request(status=d.AWAITING, proposed_start=FRI_10), "e1", "worker", NOW),
                 lambda: d.propose(proposed, times.instant(FRI_10), NOW)):
        with pytest.raises(Conflict):
            call()
    assert d.withdraw(proposed, NOW).status == d.WITHDRAWN
    with pytest.raises(BadRequest):
        d.propose(awaiting, times.instant(WED_10), NOW)  # the time already asked for


def test_cancellations_inside_the_window_are_late_and_not_the_clients_to_make():
    settings = d.Settings(cancellation_window_hours=24)
    start = times.instant(WED_10)
    assert not d.is_late(event(), settings, start - 24 * 3600)
    assert d.is_late(event(), settings, start - 24 * 3600 + 1)
    assert d.cancel(event(), CLIENT, None, settings, start - 25 * 3600).late is False
    with pytest.raises(Conflict, match="24 hours"):
        d.cancel(event(), CLIENT, None, settings, start - 3600)
    late = d.cancel(event(), WORKER, "Ill", settings, start - 3600)
    assert (late.late, late.cancelled_by, late.reason) == (True, "worker", "Ill")


def test_the_requester_or_the_only_client_cancels_for_everyone_and_an_invited_client_leaves():
    requested = event(client_ids=("c1", "c2", "c3"), requested_by="c1", request_id="r1",
                      attendance_confirmed_by=("c2", "c3"))
    staff_made = event(client_ids=("c1", "c2"))
    assert d.cancels_for_everyone(requested, "c1") and not d.cancels_for_everyone(requested, "c2")
    assert not d.cancels_for_everyone(staff_made, "c1")
    assert d.cancels_for_everyone(event(client_ids=("c2",)), "c2")  # the only client, or the last one left
    settings, early = d.Settings(), times.instant(WED_10) - 48 * 3600
    gone = d.leave(requested, "c2", settings, early)
    assert (gone.event.client_ids, gone.event.left_ids, gone.event.attendance_confirmed_by, gone.event.status) == (
        ("c1", "c3"), ("c2",), ("c3",), d.SCHEDULED)
    assert (gone.client_id, gone.late, gone.late_fee, gone.event.version) == ("c2", False, False, 2)
    with pytest.raises(Conflict, match="for everyone"):
        d.leave(requested, "c1", settings, early)
    with pytest.raises(Conflict, match="24 hours"):  # the window holds for leaving too
        d.leave(requested, "c2", settings, times.instant(WED_10) - 3600)
    with pytest.raises(Forbidden):
        d.cancel(requested, INVITED, None, settings, early)
    everyone = d.cancel(requested, CLIENT, "Moving away", settings, early)
    assert (everyone.status, everyone.cancelled_by, everyone.cancelled_by_id, everyone.client_ids) == (
        d.CANCELLED, "client", "c1", ("c1", "c2", "c3"))


def test_a_late_fee_is_owed_when_staff_charge_it_never_because_a_worker_cancelled_late():
    settings, start = d.Settings(cancellation_window_hours=24), times.instant(WED_10)
    by_worker = d.cancel(event(), WORKER, "Ill", settings, start - 3600)
    assert (by_worker.late, by_worker.late_fee, by_worker.cancelled_by_id) == (True, False, "w1")
    charged = d.cancel(event(), ADMIN, "The client phoned", settings, start - 3600, charge_late_fee=True)
    assert (charged.late, charged.late_fee, charged.cancelled_by, charged.cancelled_by_id) == (True, True, "admin",
                                                                                              "a1")
    with pytest.raises(Conflict) as refused:
        d.cancel(event(), WORKER, None, settings, start - 25 * 3600, charge_late_fee=True)
    assert (refused.value.code, refused.value.field) == ("not_late", "charge_late_fee")
    in_time = d.cancel(event(), CLIENT, None, settings, start - 25 * 3600)
    assert (in_time.late, in_time.late_fee) == (False, False)
    _, unbooked = d.unbookable(event(), WED_10, "slot_taken", times.instant(WED_10) - 3600)
    assert (unbooked.late, unbooked.late_fee, unbooked.cancelled_by_id) == (False, False, "availability")


def test_every_event_says_who_requested_it_even_when_nobody_did():
    assert event().event_data()["requested_by"] is None
    assert event(requested_by="c1").event_data()["requested_by"] == "c1"


def test_an_unbookable_time_puts_a_moved_event_back_and_cancels_one_never_booked():
    moved = d.reschedule(event(), times.instant(FRI_10), times.instant(FRI_10) + 3600, NOW)
    assert (moved.start, moved.previous_start) == (FRI_10, WED_10)
    kind, back = d.unbookable(moved, FRI_10, "slot_taken", NOW)
    assert (kind, back.start, back.end, back.previous_start) == ("reverted", WED_10, WED_11, None)
    kind, cancelled = d.unbookable(event(), WED_10, "slot_taken", NOW)
    assert (kind, cancelled.status, cancelled.cancelled_by) == ("cancelled", d.CANCELLED, "availability")
    assert d.unbookable(moved, WED_10, "slot_taken", NOW) is None  # about a time the event no longer has
    assert d.unbookable(cancelled, WED_10, "slot_taken", NOW) is None


# -- the Services Timeline -----------------------------------------------------------------------------


def _request_data(**extra) -> dict:
    return {"request_id": "r1", "service_id": "s1", "client_id": "c1", "worker_id": "w1",
            "start": "2026-12-07T14:00:00Z", "local_start": "2026-12-07T09:00:00-05:00", **extra}


def test_only_changes_of_a_service_its_requests_and_events_make_timeline_entries():
    assert d.timeline_entry("requests.event.video_link_added", "e", "2026-12-01T00:00:00.000Z", {}) is None
    assert d.timeline_entry("requests.person.registered", "e", "2026-12-01T00:00:00.000Z", {}) is None
    assert len(d.TIMELINE_KIND_NAMES) == len(d.TIMELINE_KINDS)


def test_a_timeline_entry_reaches_only_the_clients_it_concerns():
    sent = d.timeline_entry("requests.event_request.submitted", "e1", "2026-12-01T00:00:00.000Z",
                            _request_data(attendee_ids=["c2"]))
    assert (d.visible_to(sent, "c1"), d.visible_to(sent, "c2")) == (True, False)  # the requester's alone
    failed = d.timeline_entry("requests.event_request.proposal_failed", "e2", "2026-12-01T00:00:00.000Z",
                              _request_data(reason="slot_taken"))
    assert not d.visible_to(failed, "c1") and failed.reason_text.startswith("That time was taken")
    opened = d.timeline_entry("requests.service.opened", "e3", "2026-12-01T00:00:00.000Z", {
        "service_id": "s1", "name": "Counselling", "status": "open", "provider_ids": ["w1"], "participant_ids": [],
        "open_date": "2026-12-01"})
    assert d.visible_to(opened, "c9")  # whoever joins later still sees where the service began
    left = d.timeline_entry("requests.event.attendee_left", "e4", "2026-12-01T00:00:00.000Z", {
        "event_id": "v1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1"], "client_id": "c2",
        "start": "2026-12-07T14:00:00Z", "end": "2026-12-07T15:00:00Z", "reason": "An exam."})
    assert (d.visible_to(left, "c1"), d.visible_to(left, "c2")) == (False, True)  # another's reason stays theirs


def test_a_timeline_sentence_says_you_to_its_client_and_names_people_to_staff():
    declined = d.timeline_entry("requests.event_request.declined", "e1", "2026-12-01T00:00:00.000Z",
                                _request_data(reason="too_soon", declined_by="availability"))
    names = {"c1": "Casey Doe", "w1": "Wanda Worker"}
    assert d.timeline_text(declined, None, names, "America/New_York") == (
        "The event request for Mon 7 Dec 2026, 9:00 AM EST was declined: That time is too soon: the agency needs "
        "more notice before an appointment.")
    sent = d.timeline_entry("requests.event_request.submitted", "e2", "2026-12-01T00:00:00.000Z", _request_data())
    assert d.timeline_text(sent, "c1", names, "America/New_York").startswith("You requested an event with Wanda")
    assert d.timeline_text(sent, None, names, None).startswith("Casey Doe requested an event with Wanda Worker on "
                                                               "Mon 7 Dec 2026, 9:00 AM UTC-05:00")
