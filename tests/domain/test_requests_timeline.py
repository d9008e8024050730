"""The Services Timeline's sentences: what each change says to staff and to a client, on the agency's clock (pure)."""

from __future__ import annotations

import pytest

from chalicelib.requests import domain as d

ZONE = "America/New_York"
MON_9 = "Mon 7 Dec 2026, 9:00 AM EST"
NAMES = {"c1": "Casey", "c2": "Dana", "w1": "Wanda", "a1": "Ada"}
SERVICE = {"service_id": "s1", "name": "Counselling", "status": "open", "provider_ids": ["w1"],
           "participant_ids": ["c1"], "open_date": "2026-12-01", "close_date": None}
REQUEST = {"request_id": "r1", "service_id": "s1", "client_id": "c1", "worker_id": "w1",
           "start": "2026-12-07T14:00:00Z", "local_start": "2026-12-07T09:00:00-05:00"}
EVENT = {"event_id": "v1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2"],
         "start": "2026-12-07T14:00:00Z", "end": "2026-12-07T15:00:00Z", "local_start": "2026-12-07T09:00:00-05:00"}
TAKEN = d.REASON_TEXTS["slot_taken"]


def said(message_type: str, data: dict, viewer: str | None, zone: str | None = ZONE) -> str:
    entry = d.timeline_entry(message_type, "m1", "2026-12-01T00:00:00.000Z", data)
    return d.timeline_text(entry, viewer, NAMES, zone)


@pytest.mark.parametrize("message_type, data, staff, client", [
    pytest.param("requests.service.opened", SERVICE, "Service Counselling opened on 2026-12-01.",
                 "Service Counselling opened on 2026-12-01.", id="service-opened"),
    pytest.param("requests.service.participant_added", {**SERVICE, "client_id": "c1"},
                 "Casey was added to the service.", "You were added to the service.", id="participant-added"),
    pytest.param("requests.service.participant_removed", {**SERVICE, "client_id": "c1"},
                 "Casey no longer takes part in the service.", "You no longer take part in the service.",
                 id="participant-removed"),
    pytest.param("requests.service.closed", {**SERVICE, "status": "closed", "close_date": "2026-12-31"},
                 "Service Counselling closed on 2026-12-31.", "Service Counselling closed on 2026-12-31.",
                 id="service-closed"),
    pytest.param("requests.event_request.submitted", REQUEST, f"Casey requested an event with Wanda on {MON_9}.",
                 f"You requested an event with Wanda on {MON_9}.", id="request-sent"),
    pytest.param("requests.event_request.held", REQUEST,
                 f"The event request for {MON_9} is awaiting a response from Wanda.",
                 f"The event request for {MON_9} is awaiting a response from Wanda.", id="request-held"),
    pytest.param("requests.event_request.proposal_offered", REQUEST, f"Wanda proposed another time: {MON_9}.",
                 f"Wanda proposed another time: {MON_9}.", id="proposal-offered"),
    pytest.param("requests.event_request.confirmed", {**REQUEST, "confirmed_by": "worker"},
                 f"Wanda confirmed the event request: an event on {MON_9}.",
                 f"Wanda confirmed the event request: an event on {MON_9}.", id="confirmed-by-the-worker"),
    pytest.param("requests.event_request.confirmed", {**REQUEST, "confirmed_by": "client"},
                 f"Casey accepted the proposed time: an event on {MON_9}.",
                 f"You accepted the proposed time: an event on {MON_9}.", id="proposal-accepted"),
    pytest.param("requests.event_request.declined", {**REQUEST, "declined_by": "worker", "reason": "I am away."},
                 f"The event request for {MON_9} was declined: I am away.",
                 f"The event request for {MON_9} was declined: I am away.", id="declined-by-the-worker"),
    pytest.param("requests.event_request.declined", {**REQUEST, "declined_by": "client", "reason": "No"},
                 f"Casey declined the proposed time {MON_9}.", f"You declined the proposed time {MON_9}.",
                 id="proposal-declined"),
    pytest.param("requests.event_request.declined", {**REQUEST, "declined_by": "availability",
                                                     "reason": "slot_taken"},
                 f"The event request for {MON_9} was declined: {TAKEN}",
                 f"The event request for {MON_9} was declined: {TAKEN}", id="declined-by-availability-in-words"),
    pytest.param("requests.event_request.withdrawn", REQUEST, f"Casey withdrew the event request for {MON_9}.",
                 f"You withdrew the event request for {MON_9}.", id="withdrawn"),
    pytest.param("requests.event_request.expired", REQUEST,
                 f"The event request for {MON_9} expired before it was answered.",
                 f"The event request for {MON_9} expired before it was answered.", id="expired"),
    pytest.param("requests.event.scheduled", EVENT, f"Event scheduled with Wanda on {MON_9}.",
                 f"Event scheduled with Wanda on {MON_9}.", id="event-scheduled"),
    pytest.param("requests.event.rescheduled", {**EVENT, "previous_start": "2026-12-06T14:00:00Z"},
                 f"Event moved from Sun 6 Dec 2026, 9:00 AM EST to {MON_9}.",
                 f"Event moved from Sun 6 Dec 2026, 9:00 AM EST to {MON_9}.", id="event-moved"),
    pytest.param("requests.event.rescheduled", {**EVENT, "previous_start": "2026-12-08T14:00:00Z", "reverted": True,
                                                "reason": "slot_taken"},
                 f"The event stays on {MON_9}: Tue 8 Dec 2026, 9:00 AM EST could not be booked: {TAKEN}",
                 f"The event stays on {MON_9}: Tue 8 Dec 2026, 9:00 AM EST could not be booked: {TAKEN}",
                 id="move-put-back"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "worker", "cancelled_by_id": "w1"},
                 f"Event on {MON_9} cancelled by Wanda.", f"Event on {MON_9} cancelled by Wanda.",
                 id="cancelled-by-the-worker"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "admin", "cancelled_by_id": "a1"},
                 f"Event on {MON_9} cancelled by Ada.", f"Event on {MON_9} cancelled by the agency.",
                 id="cancelled-by-an-admin-the-agency-to-clients"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c2"},
                 f"Event on {MON_9} cancelled by Dana.", f"Event on {MON_9} cancelled by another participant.",
                 id="cancelled-by-another-client-unnamed-to-clients"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c1"},
                 f"Event on {MON_9} cancelled by Casey.", f"You cancelled the event on {MON_9}.",
                 id="cancelled-by-the-reader"),
    pytest.param("requests.event.cancelled", {**EVENT, "cancelled_by": "availability",
                                              "cancelled_by_id": "availability", "reason": "slot_taken"},
                 f"Event on {MON_9} cancelled: its time could not be booked.",
                 f"Event on {MON_9} cancelled: its time could not be booked.", id="never-booked"),
    pytest.param("requests.event.attendee_left", {**EVENT, "client_ids": ["c2"], "client_id": "c1"},
                 f"Casey cancelled attendance at the event on {MON_9}.",
                 f"You cancelled attendance at the event on {MON_9}.", id="attendee-left"),
    pytest.param("requests.event.attended", EVENT, f"Event on {MON_9} attended.", f"Event on {MON_9} attended.",
                 id="attended"),
    pytest.param("requests.event.no_show", EVENT, f"Event on {MON_9} marked as a no-show.",
                 f"Event on {MON_9} marked as a no-show.", id="no-show"),
])
def test_each_change_reads_as_a_sentence_naming_people_to_staff_and_saying_you_to_its_client(message_type, data,
                                                                                             staff, client):
    assert said(message_type, data, None) == staff
    assert said(message_type, data, "c1") == client


def test_a_failed_proposal_is_told_to_staff_only_with_availabilitys_reason():
    data = {**REQUEST, "reason": "too_far"}
    entry = d.timeline_entry("requests.event_request.proposal_failed", "m1", "2026-12-01T00:00:00.000Z", data)
    assert not d.visible_to(entry, "c1") and entry.local_start is None
    assert d.timeline_text(entry, None, NAMES, ZONE) == (
        f"The time Wanda proposed, {MON_9}, could not be held: {d.REASON_TEXTS['too_far']}")


@pytest.mark.parametrize("start, shown", [
    pytest.param("2026-11-01T05:30:00Z", "Sun 1 Nov 2026, 1:30 AM EDT", id="fall-back-first-1-30"),
    pytest.param("2026-11-01T06:30:00Z", "Sun 1 Nov 2026, 1:30 AM EST", id="fall-back-second-1-30"),
    pytest.param("2026-03-08T07:30:00Z", "Sun 8 Mar 2026, 3:30 AM EDT", id="spring-forward-no-2-30"),
])
def test_a_time_on_a_night_the_clocks_change_says_which_offset(start, shown):
    data = {**EVENT, "start": start, "local_start": None}
    assert said("requests.event.scheduled", data, None) == f"Event scheduled with Wanda on {shown}."


@pytest.mark.parametrize("local_start, zone, shown", [
    pytest.param(None, None, "Mon 7 Dec 2026, 2:00 PM UTC", id="no-zone-known-utc"),
    pytest.param("2026-12-07T09:00:00-05:00", None, "Mon 7 Dec 2026, 9:00 AM UTC-05:00",
                 id="no-zone-the-offset-it-had"),
])
def test_without_the_agencys_zone_a_time_reads_in_utc_or_with_the_offset_it_was_given(local_start, zone, shown):
    data = {**EVENT, "local_start": local_start}
    assert said("requests.event.scheduled", data, None, zone) == f"Event scheduled with Wanda on {shown}."


def test_a_client_never_reads_another_clients_name_and_staff_read_a_missing_name_plainly():
    added = {**SERVICE, "client_id": "c2"}
    assert said("requests.service.participant_added", added, "c1") == "A client was added to the service."
    entry = d.timeline_entry("requests.event_request.submitted", "m1", "2026-12-01T00:00:00.000Z",
                             {**REQUEST, "client_id": "c9", "worker_id": "w9"})
    assert d.timeline_text(entry, None, NAMES, ZONE) == (
        f"A client requested an event with the provider on {MON_9}.")


@pytest.mark.parametrize("message_type, data, sees", [
    pytest.param("requests.service.opened", SERVICE, {"c1": True, "c2": True, "c9": True},
                 id="opened-everyone-who-ever-takes-part"),
    pytest.param("requests.service.closed", {**SERVICE, "participant_ids": ["c1"]}, {"c1": True, "c2": False},
                 id="closed-those-still-in-it"),
    pytest.param("requests.service.participant_added", {**SERVICE, "client_id": "c2"}, {"c1": False, "c2": True},
                 id="added-only-the-one-added"),
    pytest.param("requests.event_request.submitted", {**REQUEST, "attendee_ids": ["c2"]}, {"c1": True, "c2": False},
                 id="request-only-its-client"),
    pytest.param("requests.event.scheduled", EVENT, {"c1": True, "c2": True, "c9": False}, id="event-its-clients"),
    pytest.param("requests.event.attendee_left", {**EVENT, "client_ids": ["c1"], "client_id": "c2"},
                 {"c1": False, "c2": True}, id="left-only-the-one-leaving"),
])
def test_each_entry_reaches_only_the_clients_it_concerns(message_type, data, sees):
    entry = d.timeline_entry(message_type, "m1", "2026-12-01T00:00:00.000Z", data)
    assert {client: d.visible_to(entry, client) for client in sees} == sees
