"""Messaging's pure rules: who is told what, in which words, by which channel; who may take part."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.messaging import domain
from chalicelib.messaging.domain import CLIENT, WORKER, Planned

REQUEST = {"request_id": "r1", "service_id": "s1", "client_id": "c1", "worker_id": "w1"}
EVENT = {"event_id": "e1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2"],
         "start": "2026-11-25T15:00:00Z", "end": "2026-11-25T16:00:00Z"}


PLANS = [
    ("requests.event_request.held", REQUEST,
     [("w1", WORKER, "event_requested"), ("c1", CLIENT, "request_awaiting_response")]),
    ("requests.event_request.declined", {**REQUEST, "declined_by": "worker", "reason": "Away"},
     [("c1", CLIENT, "request_declined")]),
    ("requests.event_request.declined", {**REQUEST, "declined_by": "availability", "reason": "slot_taken"},
     [("c1", CLIENT, "request_declined")]),
    ("requests.event_request.declined", {**REQUEST, "declined_by": "client", "reason": "No"}, []),
    ("requests.event_request.confirmed", {**REQUEST, "confirmed_by": "worker"},
     [("c1", CLIENT, "request_confirmed")]),
    ("requests.event_request.confirmed", {**REQUEST, "confirmed_by": "client"},
     [("c1", CLIENT, "request_confirmed"), ("w1", WORKER, "request_confirmed")]),
    ("requests.event_request.proposal_offered", REQUEST, [("c1", CLIENT, "time_proposed")]),
    ("requests.event_request.expired", REQUEST, [("c1", CLIENT, "request_expired")]),
    ("requests.event_request.withdrawn", REQUEST, [("w1", WORKER, "request_withdrawn")]),
    ("requests.event_request.submitted", REQUEST, []),
    ("requests.event_request.proposal_failed", {**REQUEST, "reason": "slot_taken"},
     [("w1", WORKER, "proposal_failed")]),
    ("requests.event.video_link_added", EVENT, [("c1", CLIENT, "video_link"), ("c2", CLIENT, "video_link")]),
    ("requests.event.rescheduled", EVENT,
     [("c1", CLIENT, "event_rescheduled"), ("c2", CLIENT, "event_rescheduled")]),
    # cancelled for everyone: each client and the worker, the one who cancelled among them (told they did)
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "worker", "cancelled_by_id": "w1"},
     [("c1", CLIENT, "event_cancelled"), ("c2", CLIENT, "event_cancelled"), ("w1", WORKER, "event_cancelled")]),
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "client", "cancelled_by_id": "c1"},
     [("c1", CLIENT, "event_cancelled"), ("c2", CLIENT, "event_cancelled"), ("w1", WORKER, "event_cancelled")]),
    ("requests.event.cancelled", {**EVENT, "cancelled_by": "worker"},  # before cancelled_by_id
     [("c1", CLIENT, "event_cancelled"), ("c2", CLIENT, "event_cancelled"), ("w1", WORKER, "event_cancelled")]),
    # one client left: they are told they cancelled their attendance, the worker and the others who left
    ("requests.event.attendee_left", {**EVENT, "client_ids": ["c1"], "client_id": "c2"},
     [("c2", CLIENT, "event_cancelled"), ("w1", WORKER, "attendee_left"), ("c1", CLIENT, "attendee_left")]),
    # the requester is told their request was confirmed; the clients they invited that they were added
    ("requests.event.scheduled", {**EVENT, "requested_by": "c1", "request_id": "r1"},
     [("c2", CLIENT, "event_scheduled")]),
    ("requests.event.scheduled", {**EVENT, "requested_by": None}, [("c1", CLIENT, "event_scheduled"),
                                                                   ("c2", CLIENT, "event_scheduled")]),
    # events from before `requested_by`: one staff created tells its clients; one from a request cannot tell
    ("requests.event.scheduled", {**EVENT, "request_id": None}, [("c1", CLIENT, "event_scheduled"),
                                                                 ("c2", CLIENT, "event_scheduled")]),
    ("requests.event.scheduled", {**EVENT, "request_id": "r1"}, []),
    ("billing.invoice.issued", {"client_id": "c1"}, [("c1", CLIENT, "invoice_issued")]),
    ("billing.payment.received", {"client_id": "c1"}, [("c1", CLIENT, "payment_received")]),
    ("billing.payment.failed", {"client_id": "c1"}, [("c1", CLIENT, "payment_failed")]),
    ("requests.service_request.submitted", {"client_id": "c1", "name": "Parenting"}, []),
    ("requests.service_request.approved", {"client_id": "c1", "name": "Parenting", "service_id": "s9"},
     [("c1", CLIENT, "service_approved")]),
    ("requests.service_request.declined", {"client_id": "c1", "name": "Parenting", "reason": "Full"},
     [("c1", CLIENT, "service_declined")]),
]


@pytest.mark.parametrize(("event_type", "data", "expected"), PLANS)
def test_each_event_tells_exactly_the_people_it_concerns(event_type, data, expected):
    assert domain.plan(event_type, data) == [Planned(*p) for p in expected]


def test_a_person_named_twice_is_told_once():
    assert domain.plan("requests.event.video_link_added", {**EVENT, "client_ids": ["c1", "c1"]}) == [
        Planned("c1", CLIENT, "video_link")]


def test_every_planned_kind_has_words_and_belongs_to_its_audience():
    data = {**REQUEST, **EVENT, "reason": "slot_taken", "declined_by": "availability", "hold_expires_at":
            "2026-11-27T12:00:00Z", "video_link": "https://v.example/1", "number": "7", "total": 100,
            "currency": "USD", "amount": 100, "invoice_id": "i1", "name": "Parenting"}
    for kind in domain.KINDS:
        if kind in (domain.MESSAGE, domain.EVENT_REMINDER):  # their words are message_text's and reminder_text's
            continue
        for audience, kinds in ((CLIENT, domain.CLIENT_KINDS), (WORKER, domain.STAFF_KINDS)):
            if kind in kinds:
                text = domain.render(Planned("p", audience, kind), "x.y.z", data, domain.Names())
                assert text.subject and text.body and "None" not in text.subject + text.body
    planned = {(p.audience, p.kind) for event_type, data_, _ in PLANS for p in domain.plan(event_type, data_)}
    assert {kind for audience, kind in planned if audience == CLIENT} <= set(domain.CLIENT_KINDS)
    assert {kind for audience, kind in planned if audience == WORKER} <= set(domain.STAFF_KINDS)


def test_a_failed_payment_says_why_and_that_nothing_was_charged():
    data = {"client_id": "c1", "amount": 4550, "currency": "USD", "invoice_number": "INV-000007"}
    expired = domain.render(Planned("c1", CLIENT, domain.PAYMENT_FAILED), "billing.payment.failed",
                            {**data, "failure_code": "payment_expired"}, domain.Names())
    assert expired.subject == "Your payment did not go through"
    assert expired.body == ("Your payment of 45.50 USD for invoice INV-000007 did not go through: it was not confirmed "
                            "in time and was cancelled. Nothing was charged; you can pay again from your account.")
    other = domain.render(Planned("c1", CLIENT, domain.PAYMENT_FAILED), "billing.payment.failed",
                          {**data, "failure_code": "processing_error"}, domain.Names())
    assert "the payment provider did not accept it" in other.body


def test_times_read_on_the_agencys_clock_else_on_the_offset_of_local_start_else_in_utc():
    event = {"start": "2026-11-25T15:00:00Z", "local_start": "2026-11-25T10:00:00-05:00"}
    assert domain.when(event, zone="America/New_York") == "Wed 25 Nov 2026, 10:00 AM EST"
    assert domain.when(event, zone="America/Chicago") == "Wed 25 Nov 2026, 9:00 AM CST"  # the agency's, not the site's
    assert domain.when(event) == "Wed 25 Nov 2026, 10:00 AM UTC-05:00"  # the agency's zone not known yet
    assert domain.when(event, zone="Not/A_Zone") == "Wed 25 Nov 2026, 10:00 AM UTC-05:00"
    assert domain.when({"start": "2026-11-25T00:30:00Z"}) == "Wed 25 Nov 2026, 12:30 AM UTC"
    assert domain.when({"start": "2026-03-08T06:20:00Z"}, zone="Asia/Kathmandu") == "Sun 8 Mar 2026, 12:05 PM UTC+05:45"
    assert domain.when({"local_start": "2026-03-08T12:05:00+05:45"}) == "Sun 8 Mar 2026, 12:05 PM UTC+05:45"
    assert domain.when({}) == domain.UNKNOWN_TIME


def test_one_notification_writes_every_time_on_one_clock():
    """The issue's notification: '9:00 AM (UTC-05:00) ... respond by 11:56 AM UTC' mixed two zones."""
    held = {**REQUEST, "start": "2026-12-07T14:00:00Z", "local_start": "2026-12-07T09:00:00-05:00",
            "hold_expires_at": "2026-12-09T16:56:00Z"}
    for zone, name in (("America/New_York", "EST"), (None, "UTC-05:00")):
        for kind, audience in (("event_requested", WORKER), ("request_awaiting_response", CLIENT)):
            planned = Planned("p", audience, kind)
            body = domain.render(planned, "requests.event_request.held", held, domain.Names(), zone).body
            assert f"Mon 7 Dec 2026, 9:00 AM {name}" in body
            assert f"by Wed 9 Dec 2026, 11:56 AM {name}." in body


def test_words_name_people_and_fall_back_when_they_are_unknown():
    names = domain.Names(service="Counselling", people={"c1": "Casey", "w1": "Dr. Lee"})
    held = {**REQUEST, "start": "2026-11-25T15:00:00Z", "hold_expires_at": "2026-11-27T12:00:00Z"}
    text = domain.render(Planned("w1", WORKER, "event_requested"), "requests.event_request.held", held, names,
                         "America/New_York")
    assert text.subject == "New event request from Casey"
    assert text.body == ("Casey requested an event (Counselling) on Wed 25 Nov 2026, 10:00 AM EST. Please confirm, "
                         "decline or propose another time by Fri 27 Nov 2026, 7:00 AM EST.")
    unknown = domain.render(Planned("c1", CLIENT, "time_proposed"), "requests.event_request.proposal_offered", held,
                            domain.Names())
    assert unknown.subject == "Your provider proposed another time"


DECLINED = {**REQUEST, "declined_by": "availability", "start": "2026-11-25T15:00:00Z"}


@pytest.mark.parametrize(("data", "sentence"), [
    ({**DECLINED, "reason": "outside_availability"}, "The time is outside your provider's availability."),
    ({**DECLINED, "reason": "slot_taken"}, "The time is no longer available."),
    ({**DECLINED, "reason": "too_soon", "reason_text": "Requests need 24 hours' notice."},
     "Requests need 24 hours' notice."),
    ({**DECLINED, "reason": "a_code_from_later"}, "The time could not be booked."),
    ({**DECLINED, "declined_by": "worker", "reason": "I am away that week."}, "Reason: I am away that week."),
])
def test_a_declined_request_gives_a_sentence_never_a_bare_code(data, sentence):
    planned = Planned("c1", CLIENT, "request_declined")
    text = domain.render(planned, "requests.event_request.declined", data, domain.Names(), "America/New_York")
    assert text.body == f"Your request for Wed 25 Nov 2026, 10:00 AM EST was declined. {sentence}"
    code = data["reason"] if data["declined_by"] == "availability" else None
    assert domain.reason_code("requests.event_request.declined", data) == code


def test_the_worker_is_told_why_their_proposed_time_could_not_be_held():
    data = {**REQUEST, "start": "2026-11-26T15:00:00Z", "held_start": "2026-11-25T15:00:00Z",
            "reason": "outside_availability"}
    names = domain.Names(service="Counselling", people={"c1": "Casey"})
    planned = Planned("w1", WORKER, "proposal_failed")
    text = domain.render(planned, "requests.event_request.proposal_failed", data, names, "America/New_York")
    assert text.subject == "Your proposed time for Casey could not be held"
    assert text.body == (
        "The time you proposed to Casey (Counselling), Thu 26 Nov 2026, 10:00 AM EST, could not be held. The time is "
        "outside your client-facing availability. The request still holds Wed 25 Nov 2026, 10:00 AM EST. You can "
        "confirm it, decline it or propose another time.")
    given_text = domain.render(planned, "", {**data, "reason_text": "Taken."}, names)
    assert "could not be held. Taken. The request" in given_text.body
    assert domain.reason_code("requests.event_request.proposal_failed", data) == "outside_availability"


CANCELLED = {**EVENT, "local_start": "2026-11-25T10:00:00-05:00", "late": False, "status": "cancelled"}
NAMES = domain.Names(service="Counselling", people={"c1": "Casey", "c2": "Cam", "w1": "Dr. Lee", "a1": "Ada"})


def words(person_id, audience, kind, data, event_type="requests.event.cancelled"):
    text = domain.render(Planned(person_id, audience, kind), event_type, data, NAMES, "America/New_York")
    return text.subject, text.body


def test_the_one_who_cancelled_is_told_they_did_and_the_others_who_did():
    by_client = {**CANCELLED, "cancelled_by": "client", "cancelled_by_id": "c1", "reason": "Unwell"}
    at = "Wed 25 Nov 2026, 10:00 AM EST"
    assert words("c1", CLIENT, "event_cancelled", by_client) == (
        f"You cancelled your event on {at}", f"You cancelled your event (Counselling) on {at}. Reason: Unwell")
    assert words("c2", CLIENT, "event_cancelled", by_client) == (
        f"Casey cancelled your event on {at}", f"Casey cancelled your event (Counselling) on {at}. Reason: Unwell")
    assert words("w1", WORKER, "event_cancelled", by_client)[0] == f"Casey cancelled the event on {at}"
    by_worker = {**CANCELLED, "cancelled_by": "worker", "cancelled_by_id": "w1"}
    assert words("w1", WORKER, "event_cancelled", by_worker)[0] == f"You cancelled the event on {at}"
    assert words("c1", CLIENT, "event_cancelled", by_worker)[0] == f"Dr. Lee cancelled your event on {at}"
    assert words("c1", CLIENT, "event_cancelled", {**by_worker, "cancelled_by_id": "a1", "cancelled_by": "admin"}
                 )[0] == f"Ada cancelled your event on {at}"
    by_admin = {**CANCELLED, "cancelled_by": "admin", "cancelled_by_id": "a9"}  # not known to messaging yet
    assert words("w1", WORKER, "event_cancelled", by_admin)[0] == f"The agency cancelled the event on {at}"
    by_availability = {**CANCELLED, "cancelled_by": "availability", "cancelled_by_id": "availability"}
    assert words("c1", CLIENT, "event_cancelled", by_availability)[0] == f"Your event on {at} was cancelled"
    older = {**CANCELLED, "cancelled_by": "worker"}  # before cancelled_by_id: the event's worker cancelled
    assert words("w1", WORKER, "event_cancelled", older)[0] == f"You cancelled the event on {at}"
    assert words("c1", CLIENT, "event_cancelled", {**CANCELLED, "cancelled_by": "client"})[0] == (
        f"A client cancelled your event on {at}")


def test_an_attendee_who_leaves_is_told_they_cancelled_their_attendance_and_the_others_who_left():
    left = {**CANCELLED, "status": "scheduled", "client_ids": ["c1"], "client_id": "c2", "late": True,
            "late_fee": True}
    at = "Wed 25 Nov 2026, 10:00 AM EST"
    subject, body = words("c2", CLIENT, "event_cancelled", left, "requests.event.attendee_left")
    assert subject == f"You cancelled your attendance on {at}"
    assert body.startswith(f"You cancelled your attendance at the event (Counselling) with Dr. Lee on {at}.")
    assert words("c1", CLIENT, "attendee_left", left, "requests.event.attendee_left") == (
        f"Cam will not attend the event on {at}",
        f"Cam cancelled their attendance at the event (Counselling) on {at}; the event goes ahead without them.")
    assert words("w1", WORKER, "attendee_left", left, "requests.event.attendee_left")[0] == (
        f"Cam will not attend the event on {at}")


def test_invited_clients_are_told_who_added_them():
    invited = {**CANCELLED, "status": "scheduled", "requested_by": "c1"}
    assert words("c2", CLIENT, "event_scheduled", invited, "requests.event.scheduled") == (
        "You were added to an event on Wed 25 Nov 2026, 10:00 AM EST",
        "Casey invited you to an event (Counselling) with Dr. Lee on Wed 25 Nov 2026, 10:00 AM EST.")
    by_staff = {**invited, "requested_by": None}
    assert words("c2", CLIENT, "event_scheduled", by_staff, "requests.event.scheduled")[1] == (
        "You were added to an event (Counselling) with Dr. Lee on Wed 25 Nov 2026, 10:00 AM EST.")


@pytest.mark.parametrize("minor, currency, text", [
    (12050, "CAD", "120.50 CAD"), (5, "USD", "0.05 USD"), (123456789, "EUR", "1,234,567.89 EUR"),
    (1200, "JPY", "1,200 JPY"), (1234, "KWD", "1.234 KWD"), (-2500, "USD", "-25.00 USD"), (0, "GBP", "0.00 GBP"),
])
def test_money_is_printed_in_its_currencys_minor_units(minor, currency, text):
    assert domain.money(minor, currency) == text


def test_subject_only_emails_carry_no_details():
    text = domain.Text("Invoice 7 issued", "Invoice 7 for 1.00 USD was issued.")
    assert text.email_body(domain.FULL) == text.body
    assert "1.00" not in text.email_body(domain.SUBJECT_ONLY)
    settings = domain.AgencySettings(email_detail={"invoice_issued": domain.SUBJECT_ONLY})
    assert (settings.detail("invoice_issued"), settings.detail("message"), settings.detail("video_link")) == (
        domain.SUBJECT_ONLY, domain.SUBJECT_ONLY, domain.FULL)


def test_the_same_event_and_person_give_the_same_notification():
    assert domain.notification_id("e1", "c1") == domain.notification_id("e1", "c1")
    assert len({domain.notification_id(e, p) for e in ("e1", "e2") for p in ("c1", "c2")}) == 4


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
       st.integers(min_value=1, max_value=10**7))
def test_sort_keys_order_instants_whatever_their_precision(moment, micros):
    earlier = moment.replace(tzinfo=UTC, microsecond=(moment.microsecond // 1000) * 1000)
    later = earlier + timedelta(microseconds=micros * 1000)
    plain = earlier.strftime("%Y-%m-%dT%H:%M:%SZ") if not earlier.microsecond else None
    precise = earlier.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert domain.sort_key(precise) < domain.sort_key(later.isoformat().replace("+00:00", "Z"))
    if plain:
        assert domain.sort_key(plain) == domain.sort_key(precise)
