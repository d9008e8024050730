"""Event requests: what a submission must satisfy, what each status allows, and a worker's proposals (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from chalicelib.requests import domain as d
from portalkit import times

NOW = times.instant("2026-11-23T12:00:00Z")  # a Monday
HOUR, DAY = 3600, 86400
WED_10, WED_11, THU_10 = "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", "2026-11-26T15:00:00Z"
AHEAD = d.MAX_AHEAD_DAYS * DAY
HOLD = {"start": WED_10, "end": WED_11, "hold_expires_at": "2026-11-25T12:00:00Z", "site_id": "s",
        "local_start": "2026-11-25T10:00:00-05:00"}


def service(**changes) -> d.ServiceFile:
    values = {"service_id": "s1", "name": "Counselling", "open_date": "2026-11-02", "provider_ids": ("w1",),
              "participant_ids": ("c1", "c2", "c3"), **changes}
    return d.ServiceFile(**values)


def request(**changes) -> d.EventRequest:
    base = d.EventRequest(request_id="r1", service_id="s1", client_id="c1", worker_id="w1", start=WED_10,
                          requested_start=WED_10, created_at="2026-11-23T12:00:00Z")
    return replace(base, **changes)


def event(start: str, end: str, status: str = d.SCHEDULED) -> d.Event:
    return d.Event(event_id="e1", service_id="s1", worker_id="w1", client_ids=("c1",), start=start, end=end,
                   created_at="2026-11-23T12:00:00Z", created_by="w1", status=status)


# -- submitting ------------------------------------------------------------------------------------------------


def submit(settings=None, file=None, *, client="c1", worker="w1", start=None, attendees=(), video=False,
           message=None, now=NOW):
    d.check_submission(settings or d.Settings(), file or service(), client, worker,
                       times.instant(WED_10) if start is None else start, list(attendees), video, message, now)


@pytest.mark.parametrize("change, refused, field", [
    pytest.param({"settings": d.Settings(event_requests_enabled=False)}, d.EventRequestsDisabled, None,
                 id="agency-takes-no-requests"),
    pytest.param({"file": service(status=d.CLOSED)}, d.NoOpenService, "service_id", id="closed-service"),
    pytest.param({"client": "c9"}, d.NoOpenService, "service_id", id="client-not-taking-part"),
    pytest.param({"worker": "w2"}, d.NotAProvider, "worker_id", id="worker-not-providing-it"),
    pytest.param({"attendees": ["c1"]}, d.NotAParticipant, "attendee_ids", id="inviting-oneself"),
    pytest.param({"attendees": ["c9"]}, d.NotAParticipant, "attendee_ids", id="inviting-a-non-participant"),
    pytest.param({"attendees": ["c2", "c2"]}, d.ListedTwice, "attendee_ids", id="inviting-someone-twice"),
    pytest.param({"video": True, "settings": d.Settings(video_sessions_enabled=False)}, d.NotOffered,
                 "video_session", id="video-while-off"),
    pytest.param({"message": "Hi", "settings": d.Settings(request_messages_enabled=False)}, d.NotOffered, "message",
                 id="message-while-off"),
    pytest.param({"settings": d.Settings(request_messages_required=True)}, d.MessageRequired, "message",
                 id="no-message-while-required"),
    pytest.param({"message": "Hi", "settings": d.Settings(request_messages_required=True,
                                                          request_messages_enabled=False)},
                 d.NotOffered, "message", id="message-while-off-even-if-required"),
    pytest.param({"start": NOW}, d.TimeOutOfRange, "start", id="starting-now"),
    pytest.param({"start": NOW - HOUR}, d.TimeOutOfRange, "start", id="in-the-past"),
    pytest.param({"start": NOW + AHEAD + 1}, d.TimeOutOfRange, "start", id="a-second-past-two-years"),
])
def test_a_submission_is_refused_with_the_rule_it_breaks(change, refused, field):
    with pytest.raises(refused) as error:
        submit(**change)
    assert (error.value.code, error.value.field) == (refused.code, field)


@pytest.mark.parametrize("change", [
    pytest.param({}, id="plain"),
    pytest.param({"start": NOW + 1}, id="a-second-from-now"),
    pytest.param({"start": NOW + AHEAD}, id="exactly-two-years-ahead"),
    pytest.param({"attendees": ["c2", "c3"], "video": True, "message": "About my plan"}, id="with-everything"),
    pytest.param({"settings": d.Settings(request_messages_required=True, request_messages_enabled=False)},
                 id="required-message-not-asked-while-messages-are-off"),
    pytest.param({"settings": d.Settings(request_messages_required=True), "message": "Mornings suit me."},
                 id="required-message-given"),
])
def test_a_submission_within_every_rule_is_accepted(change):
    assert submit(**change) is None


def test_the_refusal_messages_say_what_to_do():
    with pytest.raises(d.MessageRequired, match="your agency asks for a message with each request"):
        submit(settings=d.Settings(request_messages_required=True))
    with pytest.raises(d.TimeOutOfRange, match="at most 2 years ahead"):
        submit(start=NOW + AHEAD + DAY)
    with pytest.raises(d.NotAParticipant, match="c9 is not another participant"):
        submit(attendees=["c9"])


@pytest.mark.parametrize("who, found", [
    pytest.param("c1", True, id="its-client"),
    pytest.param("c2", False, id="another-client-even-invited"),
])
def test_a_client_reaches_only_their_own_request_and_anothers_is_404(who, found):
    from portalkit.identity import Identity

    mine = request(attendee_ids=("c2",))
    if found:
        assert d.client_reach(Identity("a", who, "client"), mine, "r1") is mine
        return
    with pytest.raises(d.RequestNotFound, match="No request r1"):
        d.client_reach(Identity("a", who, "client"), mine, "r1")


def test_a_missing_request_is_404_to_its_would_be_client():
    from portalkit.identity import Identity

    with pytest.raises(d.RequestNotFound):
        d.client_reach(Identity("a", "c1", "client"), None, "r1")


@pytest.mark.parametrize("candidates, outcome", [
    pytest.param([], (d.NoOpenService, "worker_id"), id="worker-provides-none-of-theirs"),
    pytest.param(["s1"], "s1", id="exactly-one"),
    pytest.param(["s1", "s2"], (d.MissingField, "service_id"), id="two-to-choose-from"),
])
def test_a_request_naming_no_service_is_for_the_one_open_service_the_worker_provides(candidates, outcome):
    files = [service(service_id=sid) for sid in candidates]
    if isinstance(outcome, str):
        assert d.only_service(files) == outcome
        return
    refused, field = outcome
    with pytest.raises(refused) as error:
        d.only_service(files)
    assert (error.value.status, error.value.field) == (400, field)


# -- what each status allows -------------------------------------------------------------------------------------

ENDED = (d.CONFIRMED, d.DECLINED, d.WITHDRAWN, d.EXPIRED)


@pytest.mark.parametrize("status", d.REQUEST_STATUSES)
def test_a_worker_confirms_only_a_request_awaiting_their_response(status):
    if status == d.AWAITING:
        confirmed = d.confirm(request(status=status), "e1", "worker", NOW)
        assert (confirmed.status, confirmed.event_id, confirmed.confirmed_by) == (d.CONFIRMED, "e1", "worker")
        return
    with pytest.raises(d.RequestNotOpen, match=f"The request is {status}; it cannot be confirmed."):
        d.confirm(request(status=status), "e1", "worker", NOW)


@pytest.mark.parametrize("status", d.REQUEST_STATUSES)
def test_a_client_accepts_only_a_proposed_time(status):
    if status == d.PROPOSED:
        assert d.confirm(request(status=status), "e1", "client", NOW).confirmed_by == "client"
        return
    with pytest.raises(d.RequestNotOpen, match="it cannot be accepted"):
        d.confirm(request(status=status), "e1", "client", NOW)


@pytest.mark.parametrize("status", d.REQUEST_STATUSES)
def test_a_worker_declines_a_held_or_proposed_request_and_a_client_only_a_proposal(status):
    by_worker_allowed, by_client_allowed = status in (d.AWAITING, d.PROPOSED), status == d.PROPOSED
    for by, allowed, declined_by in (("worker", by_worker_allowed, "worker"), ("client", by_client_allowed, "client")):
        if allowed:
            declined = d.decline(request(status=status, proposed_start=THU_10), "Not then", by, NOW)
            assert (declined.status, declined.declined_by, declined.reason, declined.proposed_start) == (
                d.DECLINED, declined_by, "Not then", None)
        else:
            with pytest.raises(d.RequestNotOpen):
                d.decline(request(status=status), "Not then", by, NOW)


@pytest.mark.parametrize("status", d.REQUEST_STATUSES)
def test_a_client_withdraws_a_request_only_while_it_is_open(status):
    if status in d.OPEN_STATUSES:
        withdrawn = d.withdraw(request(status=status, proposed_start=THU_10), NOW)
        assert (withdrawn.status, withdrawn.proposed_start, withdrawn.is_open) == (d.WITHDRAWN, None, False)
        return
    with pytest.raises(d.RequestNotOpen, match="it cannot be withdrawn"):
        d.withdraw(request(status=status), NOW)


def test_a_worker_waits_for_availabilitys_answer_before_confirming_their_own_proposal():
    with pytest.raises(d.ProposalPending) as error:
        d.confirm(request(status=d.AWAITING, proposed_start=THU_10), "e1", "worker", NOW)
    assert (error.value.status, error.value.code) == (409, "proposal_pending")


def test_every_transition_bumps_the_version_stamps_the_time_and_clears_a_failed_proposal():
    failed = request(status=d.AWAITING, version=4, proposal_failed_start=THU_10, proposal_failed_reason="slot_taken",
                     proposal_failed_at="2026-11-23T11:00:00Z")
    for changed in (d.confirm(failed, "e1", "worker", NOW), d.decline(failed, "No", "worker", NOW),
                    d.withdraw(failed, NOW), d.propose(failed, times.instant(THU_10) + HOUR, NOW)):
        assert (changed.version, changed.updated_at) == (5, "2026-11-23T12:00:00Z")
        assert changed.proposal_failed_start is None and changed.proposal_failed_at is None


_STEPS = st.lists(st.sampled_from([
    "held", "held-proposal", "unavailable", "unavailable-proposal", "expired", "expired-proposal", "confirm-worker",
    "confirm-client", "decline-worker", "decline-client", "withdraw", "propose"]), max_size=12)


def _step(current: d.EventRequest, step: str) -> d.EventRequest | None:
    """One action or answer, as the use cases apply it: None when it changes nothing (refused or stale)."""
    proposal = {"start": THU_10, "end": "2026-11-26T16:00:00Z", "hold_expires_at": "2026-11-25T12:00:00Z",
                "proposal": True}
    try:
        return {
            "held": lambda: d.held(current, HOLD, NOW),
            "held-proposal": lambda: d.held(current, proposal, NOW),
            "unavailable": lambda: d.unavailable(current, {"start": WED_10, "reason": "slot_taken"}, NOW),
            "unavailable-proposal": lambda: d.unavailable(current, {"start": THU_10, "reason": "too_soon",
                                                                    "proposal": True}, NOW),
            "expired": lambda: d.hold_expired(current, WED_10, NOW),
            "expired-proposal": lambda: d.hold_expired(current, THU_10, NOW),
            "confirm-worker": lambda: d.confirm(current, "e1", "worker", NOW),
            "confirm-client": lambda: d.confirm(current, "e1", "client", NOW),
            "decline-worker": lambda: d.decline(current, "No", "worker", NOW),
            "decline-client": lambda: d.decline(current, "No", "client", NOW),
            "withdraw": lambda: d.withdraw(current, NOW),
            "propose": lambda: d.propose(current, times.instant(THU_10), NOW),
        }[step]()
    except (d.RequestNotOpen, d.ProposalPending, d.SameTime):
        return None


@given(steps=_STEPS)
def test_whatever_happens_an_ended_request_stays_ended_and_each_change_is_one_version(steps):
    """Invariant over any order of actions and availability's answers (repeated, late or out of order): a change
    moves the version by exactly one; an ended request never changes again; a proposal awaits an answer only
    while the request awaits the worker; a confirmed request names its event."""
    current = request()
    for step in steps:
        after = _step(current, step)
        if after is None:
            continue
        assert current.is_open, (current.status, step)
        assert after.version == current.version + 1
        assert after.proposed_start is None or after.status == d.AWAITING
        assert (after.event_id is not None) == (after.status == d.CONFIRMED)
        assert after.status in d.REQUEST_STATUSES
        current = after


# -- proposals ---------------------------------------------------------------------------------------------------

RULES = d.Scheduling(min_notice_hours=24, horizon_days=30, slot_minutes=60)


@pytest.mark.parametrize("status", [s for s in d.REQUEST_STATUSES if s != d.AWAITING])
def test_a_worker_proposes_another_time_only_for_a_request_awaiting_them(status):
    with pytest.raises(d.RequestNotOpen, match="cannot be given another time"):
        d.propose(request(status=status), times.instant(THU_10), NOW)


@pytest.mark.parametrize("start, scheduling, refused, code", [
    pytest.param(NOW, d.UNSAID, d.TimeOutOfRange, "invalid_field", id="now"),
    pytest.param(NOW - DAY, d.UNSAID, d.TimeOutOfRange, "invalid_field", id="yesterday"),
    pytest.param(NOW + AHEAD + 1, d.UNSAID, d.TimeOutOfRange, "invalid_field", id="past-two-years"),
    pytest.param(times.instant(WED_10), d.UNSAID, d.SameTime, "invalid_field", id="the-time-already-asked"),
    pytest.param(NOW + 24 * HOUR - 1, RULES, d.TooSoon, "too_soon", id="a-second-inside-the-notice"),
    pytest.param(NOW + 30 * DAY, RULES, d.TooFar, "too_far", id="at-the-horizon"),
])
def test_a_proposal_requests_can_judge_itself_is_refused_naming_start(start, scheduling, refused, code):
    with pytest.raises(refused) as error:
        d.propose(request(status=d.AWAITING), start, NOW, scheduling)
    assert (error.value.code, error.value.field) == (code, "start")


@pytest.mark.parametrize("start, scheduling", [
    pytest.param(NOW + 1, d.UNSAID, id="a-second-ahead-with-no-rules-said"),
    pytest.param(NOW + AHEAD, d.UNSAID, id="exactly-two-years-ahead"),
    pytest.param(NOW + 24 * HOUR, RULES, id="exactly-the-notice"),
    pytest.param(NOW + 30 * DAY - 1, RULES, id="a-second-inside-the-horizon"),
    pytest.param(NOW + 1, d.Scheduling(min_notice_hours=0, horizon_days=None), id="no-notice"),
])
def test_a_proposal_inside_every_rule_awaits_availabilitys_answer(start, scheduling):
    proposed = d.propose(request(status=d.AWAITING), start, NOW, scheduling)
    assert (proposed.status, proposed.start, proposed.proposed_start, proposed.version) == (
        d.AWAITING, WED_10, times.iso(start), 2)
    assert proposed.proposal == {"start": times.iso(start), "status": "checking", "note": d.PROPOSAL_CHECKING}


def test_a_second_proposal_waits_for_the_first_ones_answer():
    with pytest.raises(d.ProposalPending, match="Another proposal"):
        d.propose(request(status=d.AWAITING, proposed_start=THU_10), times.instant(THU_10) + HOUR, NOW)


@pytest.mark.parametrize("held_end, scheduling, length", [
    pytest.param(WED_11, d.Scheduling(slot_minutes=30), 30 * 60, id="availabilitys-slot"),
    pytest.param(WED_11, d.UNSAID, HOUR, id="as-long-as-the-held-time"),
    pytest.param("2026-11-25T15:45:00Z", d.UNSAID, 45 * 60, id="a-45-minute-hold"),
    pytest.param(None, d.UNSAID, HOUR, id="nothing-held-an-hour"),
    pytest.param(WED_10, d.UNSAID, HOUR, id="held-zero-length-an-hour"),
    pytest.param("2026-11-26T00:00:00Z", d.UNSAID, HOUR, id="held-past-8-hours-an-hour"),
    pytest.param(WED_11, d.Scheduling(slot_minutes=d.MAX_EVENT_MINUTES + 1), HOUR, id="slot-past-8-hours-ignored"),
    pytest.param(WED_11, d.Scheduling(slot_minutes=0), HOUR, id="slot-zero-ignored"),
])
def test_a_proposed_time_lasts_one_slot_or_as_long_as_the_held_time(held_end, scheduling, length):
    start = times.instant(THU_10)
    assert d.proposal_end(request(status=d.AWAITING, end=held_end), start, scheduling) == start + length


@pytest.mark.parametrize("start, end, taken", [
    pytest.param("2026-11-26T15:00:00Z", "2026-11-26T16:00:00Z", True, id="the-same-hour"),
    pytest.param("2026-11-26T15:30:00Z", "2026-11-26T16:30:00Z", True, id="overlapping-its-end"),
    pytest.param("2026-11-26T14:30:00Z", "2026-11-26T15:30:00Z", True, id="overlapping-its-start"),
    pytest.param("2026-11-26T15:15:00Z", "2026-11-26T15:45:00Z", True, id="inside-it"),
    pytest.param("2026-11-26T16:00:00Z", "2026-11-26T17:00:00Z", False, id="just-after"),
    pytest.param("2026-11-26T14:00:00Z", "2026-11-26T15:00:00Z", False, id="just-before"),
])
def test_a_proposal_overlapping_the_workers_scheduled_event_is_refused(start, end, taken):
    booked = [event(THU_10, "2026-11-26T16:00:00Z")]
    if not taken:
        assert d.check_worker_free(times.instant(start), times.instant(end), booked) is None
        return
    with pytest.raises(d.SlotTaken) as error:
        d.check_worker_free(times.instant(start), times.instant(end), booked)
    assert (error.value.status, error.value.code, error.value.field) == (409, "slot_taken", "start")


@pytest.mark.parametrize("status", [d.CANCELLED, d.ATTENDED, d.NO_SHOW])
def test_an_event_no_longer_scheduled_leaves_its_time_free(status):
    assert d.check_worker_free(times.instant(THU_10), times.instant(THU_10) + HOUR,
                               [event(THU_10, "2026-11-26T16:00:00Z", status)]) is None


# -- availability's answers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", d.REQUEST_STATUSES)
def test_a_hold_moves_only_a_pending_request_to_awaiting_the_worker(status):
    held = d.held(request(status=status), HOLD, NOW)
    if status != d.PENDING:
        assert held is None
        return
    assert (held.status, held.end, held.hold_expires_at, held.local_start, held.site_id) == (
        d.AWAITING, WED_11, "2026-11-25T12:00:00Z", "2026-11-25T10:00:00-05:00", "s")


@pytest.mark.parametrize("status", d.REQUEST_STATUSES)
def test_an_unavailable_time_declines_only_a_pending_request(status):
    declined = d.unavailable(request(status=status), {"start": WED_10, "reason": "slot_taken"}, NOW)
    if status != d.PENDING:
        assert declined is None
        return
    assert (declined.status, declined.reason, declined.declined_by, declined.reason_text) == (
        d.DECLINED, "slot_taken", "availability", d.REASON_TEXTS["slot_taken"])


@pytest.mark.parametrize("status, expires", [
    pytest.param(d.PENDING, False, id="pending-has-no-hold"),
    pytest.param(d.AWAITING, True, id="awaiting"),
    pytest.param(d.PROPOSED, True, id="proposed"),
    pytest.param(d.CONFIRMED, False, id="confirmed"),
    pytest.param(d.DECLINED, False, id="declined"),
    pytest.param(d.WITHDRAWN, False, id="withdrawn"),
    pytest.param(d.EXPIRED, False, id="already-expired"),
])
def test_a_holds_expiry_ends_a_request_only_while_it_awaits_an_answer(status, expires):
    expired = d.hold_expired(request(status=status, proposed_start=THU_10), WED_10, NOW)
    assert (expired is not None) == expires
    if expires:
        assert (expired.status, expired.proposed_start) == (d.EXPIRED, None)


@pytest.mark.parametrize("local_start, proposal, kept", [
    pytest.param("2026-11-25T10:00:00-05:00", False, "2026-11-25T10:00:00-05:00", id="the-starts-own-local-time"),
    pytest.param("2026-11-25T16:00:00+01:00", False, "2026-11-25T16:00:00+01:00", id="another-offset-same-instant"),
    pytest.param("2026-11-25T11:00:00-05:00", False, "submitted", id="another-instant-keeps-the-submissions"),
    pytest.param("2026-11-25T15:00:00", False, "submitted", id="without-offset-keeps-the-submissions"),
    pytest.param(None, False, "submitted", id="none-keeps-the-submissions"),
    pytest.param("2026-11-25T11:00:00-05:00", True, None, id="a-proposals-wrong-local-time-is-left-out"),
])
def test_a_holds_local_time_is_kept_only_when_it_is_the_start_itself(local_start, proposal, kept):
    submitted = "2026-11-25T09:00:00-06:00"
    if proposal:
        before = request(status=d.AWAITING, proposed_start=WED_10, start="2026-11-24T15:00:00Z",
                         local_start=submitted)
    else:
        before = request(local_start=submitted)
    held = d.held(before, {**HOLD, "local_start": local_start, "proposal": proposal}, NOW)
    assert held.local_start == (submitted if kept == "submitted" else kept)


@pytest.mark.parametrize("change", [
    pytest.param({"end": "2026-02-30T16:00:00Z"}, id="no-such-day"),
    pytest.param({"end": WED_10}, id="ends-as-it-starts"),
    pytest.param({"end": "2026-11-25T14:00:00Z"}, id="ends-before-it-starts"),
    pytest.param({"end": "2026-11-25T23:00:01Z"}, id="a-second-past-8-hours"),
    pytest.param({"end": "2026-11-26T15:00:00Z"}, id="a-day-long"),
    pytest.param({"hold_expires_at": "0000-01-01T00:00:00Z"}, id="expiry-in-no-year"),
    pytest.param({"hold_expires_at": "2028-11-25T15:00:01Z"}, id="expiry-past-two-years-from-start"),
    pytest.param({"hold_expires_at": None}, id="no-expiry"),
])
def test_a_hold_whose_times_cannot_be_used_declines_the_request_as_invalid_hold(change):
    for before, data in ((request(), {**HOLD, **change}),
                         (request(status=d.AWAITING, proposed_start=WED_10, start="2026-11-24T15:00:00Z"),
                          {**HOLD, **change, "proposal": True})):
        declined = d.held(before, data, NOW)
        assert (declined.status, declined.reason, declined.declined_by, declined.proposed_start) == (
            d.DECLINED, d.INVALID_HOLD, "availability", None)
        assert declined.reason_text == "That time could not be held. Please choose another time."


def test_a_hold_of_exactly_8_hours_is_used():
    held = d.held(request(), {**HOLD, "end": "2026-11-25T23:00:00Z"}, NOW)
    assert (held.status, held.end) == (d.AWAITING, "2026-11-25T23:00:00Z")


# -- what clients and staff see ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status, awaiting", [(s, s in (*d.OPEN_STATUSES, d.CONFIRMED)) for s in d.REQUEST_STATUSES])
def test_a_video_request_awaits_its_link_while_open_or_confirmed(status, awaiting):
    assert request(status=status, video_session=True).view()["awaiting_video_link"] is awaiting
    assert request(status=status, video_session=True, video_link="https://m.example.com/a").view()[
        "awaiting_video_link"] is False
    assert request(status=status).view()["awaiting_video_link"] is False


def test_a_client_never_sees_the_workers_proposal_before_it_is_held():
    checking = request(status=d.AWAITING, proposed_start=THU_10)
    assert "proposal" not in checking.view(for_client=True)
    assert checking.view()["proposal"]["status"] == "checking"
    failed = request(status=d.AWAITING, proposal_failed_start=THU_10, proposal_failed_reason="too_soon",
                     proposal_failed_at="2026-11-23T12:00:00Z")
    assert failed.view()["proposal"] == {"start": THU_10, "status": "failed", "reason": "too_soon",
                                         "reason_text": d.REASON_TEXTS["too_soon"], "failed_at": "2026-11-23T12:00:00Z"}
    assert not any(k.startswith("proposal_failed") for k in failed.view())
    assert request().view()["proposal"] is None


def test_a_requests_event_data_keeps_a_missing_message_as_null_only_when_asked_for():
    assert "message" not in request().event_data()
    assert request().event_data(message=None)["message"] is None
    assert request(message="Hi").event_data()["message"] == "Hi"
    assert request(attendee_ids=("c2",)).event_data()["attendee_ids"] == ["c2"]
    assert not {"version", "proposal", "awaiting_video_link"} & set(request().event_data())
