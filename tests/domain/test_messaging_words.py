"""Messaging's rules of who a message concerns and in what words, case by case, called directly (no AWS): who is added
to an event, who cancelled it, whose names are loaded, availability's codes, each kind's words, the one clock they are
written on (DST days too), and the calendar file an email carries."""

from __future__ import annotations

import icalendar
import pytest

from chalicelib.messaging import domain as d
from chalicelib.messaging.domain import CLIENT, WORKER, Planned

START = "2026-11-25T15:00:00Z"
AT = "Wed 25 Nov 2026, 10:00 AM EST"
ZONE = "America/New_York"
NAMES = d.Names(service="Counselling", people={"c1": "Casey", "c2": "Cam", "w1": "Dr. Lee"})
REQUEST = {"request_id": "r1", "service_id": "s1", "client_id": "c1", "worker_id": "w1", "start": START,
           "hold_expires_at": "2026-11-27T12:00:00Z"}
EVENT = {"event_id": "e1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2"], "start": START,
         "end": "2026-11-25T16:00:00Z"}
BILL = {"client_id": "c1", "number": "2026-0042", "total": 12050, "amount": 12050, "currency": "CAD",
        "invoice_number": "2026-0042"}


# -- who a message concerns --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "added"), [
    pytest.param({"client_ids": ["c1", "c2"], "requested_by": "c9", "request_id": "r1"}, ["c1", "c2"],
                 id="a-requester-who-is-not-among-them"),
    pytest.param({"client_ids": ["c1", 7, None]}, ["c1"], id="only-ids-count"),
    pytest.param({}, [], id="no-clients"),
])
def test_the_clients_added_to_a_new_event_are_all_but_its_requester(data, added):
    assert d.added_clients(data) == added


@pytest.mark.parametrize(("data", "who"), [
    pytest.param({"cancelled_by": "client", "cancelled_by_id": "c1"}, "c1", id="a-client-with-their-id"),
    pytest.param({"cancelled_by": "admin", "cancelled_by_id": "a1", "worker_id": "w1"}, "a1", id="an-admin"),
    pytest.param({"cancelled_by": "availability", "cancelled_by_id": "availability"}, None, id="availability"),
    pytest.param({"cancelled_by": "worker", "worker_id": "w1"}, "w1", id="a-worker-before-cancelled-by-id"),
    pytest.param({"cancelled_by": "client", "worker_id": "w1"}, None, id="a-client-before-cancelled-by-id"),
    pytest.param({"cancelled_by": "worker", "cancelled_by_id": "", "worker_id": "w1"}, "w1", id="an-empty-id"),
])
def test_who_cancelled_an_event_for_everyone(data, who):
    assert d.canceller(data) == who


def test_the_names_loaded_for_a_message_are_everyone_its_words_may_name():
    assert d.people_named({**REQUEST, "requested_by": "c2"}) == {"c1", "c2", "w1"}
    assert d.people_named({"cancelled_by": "worker", "worker_id": "w1", "client_id": 7}) == {"w1"}
    assert d.people_named({}) == set()


@pytest.mark.parametrize(("message_type", "data", "code"), [
    pytest.param("requests.event_request.proposal_failed", {"reason": "slot_taken"}, "slot_taken",
                 id="a-failed-proposal"),
    pytest.param("requests.event_request.proposal_failed", {"reason": 7}, None, id="a-code-that-is-no-text"),
    pytest.param("requests.event.cancelled", {"reason": "Unwell"}, None, id="a-cancellations-reason-is-words"),
])
def test_availabilitys_code_is_kept_only_when_it_says_why_a_time_could_not_be_had(message_type, data, code):
    assert d.reason_code(message_type, data) == code


@pytest.mark.parametrize(("data", "sentence"), [
    pytest.param({"reason_text": "  Taken.  ", "reason": "slot_taken"}, "Taken.", id="the-producers-words-trimmed"),
    pytest.param({"reason_text": "   ", "reason": "too_far"}, "The time is too far ahead to be booked.",
                 id="blank-words-give-ours"),
    pytest.param({"reason_text": 7, "reason": "slot_taken"}, "The time is no longer available.",
                 id="words-that-are-no-text-give-ours"),
])
def test_the_reason_a_client_reads_is_the_producers_sentence_else_ours_for_its_code(data, sentence):
    assert d.reason_sentence(data, d.DECLINE_REASONS) == sentence


def test_one_message_tells_at_most_as_many_people_as_one_transaction_holds_and_nobody_without_an_id():
    crowd = {**EVENT, "client_ids": [f"c{i:02d}" for i in range(30)]}
    assert len(d.plan("requests.event.video_link_added", crowd)) == d.MAX_RECIPIENTS
    assert d.plan("requests.event_request.held", {**REQUEST, "client_id": None, "worker_id": ""}) == []


# -- each kind's words -------------------------------------------------------------------------------------------


def words(audience, kind, message_type, data, names=NAMES, person="p"):
    text = d.render(Planned(person, audience, kind), message_type, data, names, ZONE)
    return text.subject, text.body


@pytest.mark.parametrize(("audience", "kind", "message_type", "data", "said"), [
    pytest.param(CLIENT, d.REQUEST_AWAITING_RESPONSE, "requests.event_request.held", REQUEST, (
        "Your event request is awaiting response",
        f"Your request for {AT} (Counselling) has been sent to Dr. Lee, who will respond by Fri 27 Nov 2026, "
        "7:00 AM EST."), id="awaiting-response"),
    pytest.param(CLIENT, d.REQUEST_CONFIRMED, "requests.event_request.confirmed", REQUEST, (
        "Your event is confirmed", f"Your event (Counselling) with Dr. Lee on {AT} is confirmed."), id="confirmed"),
    pytest.param(WORKER, d.REQUEST_CONFIRMED, "requests.event_request.confirmed", {**REQUEST, "confirmed_by": "client"},
                 ("Casey accepted your proposed time", f"The event (Counselling) on {AT} is confirmed."),
                 id="the-client-accepted-the-workers-proposal"),
    pytest.param(CLIENT, d.TIME_PROPOSED, "requests.event_request.proposal_offered", REQUEST, (
        "Dr. Lee proposed another time",
        f"Dr. Lee proposed {AT} (Counselling) instead of the time you asked for. Please accept or decline by Fri 27 "
        "Nov 2026, 7:00 AM EST."), id="time-proposed"),
    pytest.param(CLIENT, d.REQUEST_EXPIRED, "requests.event_request.expired", REQUEST, (
        "Your event request expired",
        f"Your request for {AT} (Counselling) was not answered in time and has expired. You can request another "
        "time."), id="expired"),
    pytest.param(CLIENT, d.REQUEST_EXPIRED, "requests.event_request.expired", {**REQUEST, "start": None}, (
        "Your event request expired",
        "Your request (Counselling) was not answered in time and has expired. You can request another time."),
        id="expired-without-a-time"),
    pytest.param(WORKER, d.REQUEST_WITHDRAWN, "requests.event_request.withdrawn", REQUEST, (
        "Casey withdrew an event request", f"Casey withdrew their request for {AT} (Counselling)."), id="withdrawn"),
    pytest.param(CLIENT, d.VIDEO_LINK, "requests.event.video_link_added", {**EVENT, "video_link": "https://v/1"}, (
        f"Video link added for your event on {AT}", f"The video link for your event (Counselling) on {AT}: "
                                                    "https://v/1"), id="link-added"),
    pytest.param(CLIENT, d.VIDEO_LINK, "requests.event.video_link_added",
                 {**EVENT, "video_link": "https://v/2", "changed": True}, (
                     f"Video link changed for your event on {AT}",
                     f"The video link for your event (Counselling) on {AT}: https://v/2"), id="link-changed"),
    pytest.param(CLIENT, d.EVENT_RESCHEDULED, "requests.event.rescheduled",
                 {**EVENT, "start": "2026-11-26T15:00:00Z", "previous_start": START}, (
                     "Your event was rescheduled",
                     f"Your event (Counselling) is now on Thu 26 Nov 2026, 10:00 AM EST (it was on {AT})."),
                 id="rescheduled"),
    pytest.param(CLIENT, d.EVENT_RESCHEDULED, "requests.event.rescheduled", EVENT, (
        "Your event was rescheduled", f"Your event (Counselling) is now on {AT}."), id="rescheduled-from-unknown"),
    pytest.param(CLIENT, d.INVOICE_ISSUED, "billing.invoice.issued", {**BILL, "due_date": "2026-12-26"}, (
        "Invoice 2026-0042 issued", "Invoice 2026-0042 (Counselling) for 120.50 CAD was issued, due 2026-12-26."),
        id="invoice-with-due-date"),
    pytest.param(CLIENT, d.INVOICE_ISSUED, "billing.invoice.issued", BILL, (
        "Invoice 2026-0042 issued", "Invoice 2026-0042 (Counselling) for 120.50 CAD was issued."),
        id="invoice-without-due-date"),
    pytest.param(CLIENT, d.PAYMENT_RECEIVED, "billing.payment.received", BILL, (
        "Payment received", "We received your payment of 120.50 CAD for invoice 2026-0042. Thank you."),
        id="payment-for-an-invoice"),
    pytest.param(CLIENT, d.PAYMENT_RECEIVED, "billing.payment.received", {**BILL, "invoice_number": None}, (
        "Payment received", "We received your payment of 120.50 CAD. Thank you."), id="payment-on-account"),
    pytest.param(CLIENT, d.PAYMENT_FAILED, "billing.payment.failed", {**BILL, "failure_code": "card_declined"}, (
        "Your payment did not go through",
        "Your payment of 120.50 CAD for invoice 2026-0042 did not go through: the card was declined. Nothing was "
        "charged; you can pay again from your account."), id="card-declined"),
    pytest.param(CLIENT, d.SERVICE_APPROVED, "requests.service_request.approved", {"name": "Parenting"}, (
        "Your request for Parenting was approved",
        "Your request for a new service, Parenting, was approved. You can now request events and start discussions "
        "for it in your portal."), id="service-approved"),
    pytest.param(CLIENT, d.SERVICE_DECLINED, "requests.service_request.declined", {"name": "Parenting"}, (
        "Your request for Parenting was declined", "Your request for a new service, Parenting, was declined."),
        id="service-declined-without-a-reason"),
])
def test_each_kind_says_what_happened_and_when_in_the_persons_words(audience, kind, message_type, data, said):
    assert words(audience, kind, message_type, data) == said


def test_a_notification_about_a_service_messaging_has_not_heard_of_leaves_the_service_out():
    body = words(CLIENT, d.REQUEST_CONFIRMED, "requests.event_request.confirmed", REQUEST,
                 names=d.Names(people={"w1": "Dr. Lee"}))[1]
    assert body == f"Your event with Dr. Lee on {AT} is confirmed."
    held = words(WORKER, d.EVENT_REQUESTED, "requests.event_request.held", {**REQUEST, "hold_expires_at": None},
                 names=d.Names())
    assert held[0] == "New event request from A client" and held[1].endswith("by a time to be set.")


def test_the_worker_is_told_a_failed_proposal_awaits_them_again_when_the_request_holds_no_time():
    body = words(WORKER, d.PROPOSAL_FAILED, "requests.event_request.proposal_failed",
                 {**REQUEST, "reason": "too_far"})[1]
    assert ("The time is further ahead than the agency's booking horizon allows. The request is awaiting your "
            "response again.") in body


# -- the one clock ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("instant", "zone", "read"), [
    pytest.param("2026-03-08T06:59:00Z", ZONE, "Sun 8 Mar 2026, 1:59 AM EST", id="new-york-a-minute-before-spring"),
    pytest.param("2026-03-08T07:00:00Z", ZONE, "Sun 8 Mar 2026, 3:00 AM EDT", id="new-york-the-spring-jump"),
    pytest.param("2026-11-01T05:30:00Z", ZONE, "Sun 1 Nov 2026, 1:30 AM EDT", id="new-york-the-first-1-30"),
    pytest.param("2026-11-01T06:30:00Z", ZONE, "Sun 1 Nov 2026, 1:30 AM EST", id="new-york-the-second-1-30"),
    pytest.param("2026-03-29T01:00:00Z", "Europe/Berlin", "Sun 29 Mar 2026, 3:00 AM CEST", id="berlin-spring"),
    pytest.param("2026-10-25T00:30:00Z", "Europe/Berlin", "Sun 25 Oct 2026, 2:30 AM CEST", id="berlin-the-first-2-30"),
    pytest.param("2026-04-04T14:45:00Z", "Australia/Lord_Howe", "Sun 5 Apr 2026, 1:45 AM UTC+11:00",
                 id="lord-howe-the-first-1-45-named-by-its-offset"),
    pytest.param("2026-04-04T15:15:00Z", "Australia/Lord_Howe", "Sun 5 Apr 2026, 1:45 AM UTC+10:30",
                 id="lord-howe-the-second-1-45-half-an-hour-back"),
])
def test_times_read_on_the_agencys_clock_on_dst_days_too(instant, zone, read):
    assert d.when({"start": instant}, zone=zone) == read


@pytest.mark.parametrize(("data", "key", "read"), [
    pytest.param({"hold_expires_at": "2026-11-27T12:00:00Z"}, "hold_expires_at", "Fri 27 Nov 2026, 7:00 AM EST",
                 id="another-time-of-the-message"),
    pytest.param({}, "hold_expires_at", d.UNKNOWN_TIME, id="a-time-not-given"),
    pytest.param({"start": "2026-02-30T10:00:00Z", "local_start": "2026-11-25T10:00:00-05:00"}, "start", AT,
                 id="a-start-that-is-no-instant-falls-back-to-local-start"),
    pytest.param({"start": "the day after tomorrow"}, "start", d.UNKNOWN_TIME, id="no-instant-at-all"),
])
def test_a_time_that_names_no_day_is_worded_around_never_made_up(data, key, read):
    assert d.when(data, key, zone=ZONE) == read


# -- the calendar file -------------------------------------------------------------------------------------------


def calendar(kind, data, message_type="requests.event.rescheduled", detail=d.FULL, version=3):
    text = d.calendar_file(kind, message_type, data, version, d.AgencyFacts("Demo agency"),
                           d.Place("Main office", "12 Main Street"), detail, 0)
    return None if text is None else icalendar.Calendar.from_ical(text).walk("VEVENT")[0]


@pytest.mark.parametrize(("kind", "data", "absent"), [
    pytest.param(d.EVENT_RESCHEDULED, {**EVENT, "event_id": None}, True, id="no-event"),
    pytest.param(d.EVENT_RESCHEDULED, {**EVENT, "start": "9999-12-31T23:59:59Z"}, True, id="year-9999"),
    pytest.param(d.EVENT_RESCHEDULED, {**EVENT, "start": "1969-12-31T23:59:59Z"}, True, id="before-1970"),
    pytest.param(d.EVENT_RESCHEDULED, {**EVENT, "start": "9998-12-31T00:00:00Z"}, False, id="year-9998"),
    pytest.param(d.ATTENDEE_LEFT, EVENT, True, id="the-others-of-one-who-left"),
])
def test_only_confirmations_changes_and_cancellations_of_an_event_with_a_start_carry_a_calendar_file(kind, data,
                                                                                                     absent):
    assert (calendar(kind, data) is None) is absent


def test_a_calendar_entry_at_the_subject_only_level_says_the_time_alone_and_never_ends_before_it_starts():
    entry = calendar(d.VIDEO_LINK, {**EVENT, "video_link": "https://v/1", "end": "2026-11-25T14:00:00Z"},
                     detail=d.SUBJECT_ONLY)
    assert "LOCATION" not in entry and "URL" not in entry
    assert entry["DTEND"].dt == entry["DTSTART"].dt
    full = calendar(d.VIDEO_LINK, {**EVENT, "video_link": "https://v/1"})
    assert (str(full["LOCATION"]), str(full["URL"])) == ("Video session: https://v/1", "https://v/1")


def test_a_clients_own_leave_cancels_their_calendar_entry_and_a_requests_confirmation_is_the_first_version():
    left = calendar(d.EVENT_CANCELLED, EVENT, "requests.event.attendee_left", version=6)
    assert (str(left["STATUS"]), int(left["SEQUENCE"])) == ("CANCELLED", 6)
    confirmed = calendar(d.REQUEST_CONFIRMED, EVENT, "requests.event_request.confirmed", version=9)
    assert (str(confirmed["STATUS"]), int(confirmed["SEQUENCE"])) == ("CONFIRMED", 1)
    assert str(confirmed["SUMMARY"]) == "Appointment with Demo agency"
    assert d.calendar_summary(d.AgencyFacts()) == "Appointment"
