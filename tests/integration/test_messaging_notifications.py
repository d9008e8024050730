"""Notifications of the request saga and of billing, through outbox, bus, queue, consumer and the stream relay to SES;
delivered once, and twice shuffled."""

from __future__ import annotations

from collections import Counter

import pytest

from portalkit.testing.calls import invoking
from tests.support import EventFlow, sent_emails

AGENCY = "agency-a"
START, END, LOCAL = "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", "2026-11-25T10:00:00-05:00"
HOLD_EXPIRES = "2026-11-27T12:00:00Z"
WHEN = "Wed 25 Nov 2026, 10:00 AM UTC-05:00"  # before messaging knows the agency's zone: local_start's offset

DELIVERIES = {
    "once": {},
    "twice-shuffled-1": {"duplicate": True, "shuffle": True, "seed": 1},
    "twice-shuffled-2": {"duplicate": True, "shuffle": True, "seed": 2},
}


# -- what requests and billing publish -------------------------------------------------------------------------


def registered(person_id, role="client", consent=True, version=1):
    verb = "registered" if version == 1 else "updated"
    return "requests", f"requests.person.{verb}", person_id, {
        "person_id": person_id, "name": f"Name {person_id}", "email": f"{person_id}@a.test", "role": role,
        "email_consent": consent}, version


def opened(service_id="s1", providers=("w1",), participants=("c1", "c2")):
    return "requests", "requests.service.opened", service_id, {
        "service_id": service_id, "name": "Counselling", "status": "open", "provider_ids": list(providers),
        "participant_ids": list(participants), "open_date": "2026-01-05"}


def request(verb, request_id, client_id="c1", **data):
    base = {"request_id": request_id, "service_id": "s1", "client_id": client_id, "worker_id": "w1"}
    return "requests", f"requests.event_request.{verb}", request_id, {**base, **data}


def held(request_id, client_id="c1"):
    return request("held", request_id, client_id, start=START, end=END, local_start=LOCAL, site_id="site-1",
                   hold_expires_at=HOLD_EXPIRES)


def event(verb, event_id="e1", **data):
    base = {"event_id": event_id, "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2"], "start": START,
            "end": END, "local_start": LOCAL, "request_id": "r1", "status": "scheduled"}
    return "requests", f"requests.event.{verb}", event_id, {**base, **data}


def invoice_issued():
    return "billing", "billing.invoice.issued", "inv-1", {
        "invoice_id": "inv-1", "number": "2026-0042", "client_id": "c1", "service_id": "s1", "event_id": "e1",
        "total": 12050, "currency": "CAD", "issued_at": "2026-11-26T12:00:00Z", "due_date": "2026-12-26"}


def payment_received():
    return "billing", "billing.payment.received", "pay-1", {
        "payment_id": "pay-1", "invoice_id": "inv-1", "invoice_number": "2026-0042", "client_id": "c1",
        "amount": 12050, "currency": "CAD", "method": "card"}


def payment_failed():
    return "billing", "billing.payment.failed", "pay-2", {
        "payment_id": "pay-2", "invoice_id": "inv-1", "invoice_number": "2026-0042", "client_id": "c1",
        "amount": 5000, "currency": "CAD", "failure_code": "payment_expired"}


def agency_zone(timezone, version):
    return "availability", "availability.settings.updated", AGENCY, {
        "timezone": timezone, "slot_minutes": 60, "min_notice_hours": 24, "horizon_days": 60, "hold_minutes": 2880,
        "client_facing_type_id": "t1"}, version


def service_request(verb, **data):
    base = {"service_request_id": "sr1", "client_id": "c1", "name": "Parenting support", "message": None,
            "status": "pending" if verb == "submitted" else verb}
    data = {**base, **data}
    return "requests", f"requests.service_request.{verb}", data["service_request_id"], data


# -- the stage --------------------------------------------------------------------------------------------------


class Stage(EventFlow):
    """Requests' and billing's events in, the pump drained, messaging's inboxes, events and SES's mail out."""

    def __init__(self, system, delivery: dict):
        self.system = system
        super().__init__(system, producers=("requests", "billing", "availability"), consumers=("messaging",),
                         **delivery)

    def send(self, *events) -> list:
        """Publish each event from its producer's outbox (its own transaction), deliver everything."""
        for event in events:
            self.publish(*event, agency_id=AGENCY)
        return self.drain()

    def drain(self) -> list:
        """The messaging.notification.sent events published since the last look: (person_id, kind)."""
        return sorted((e.data["person_id"], e.data["kind"]) for e in self.deliver()
                      if e.event_type == "messaging.notification.sent")

    def inbox(self, person_id: str, role: str = "client") -> list[tuple]:
        token = self.system.token(role, AGENCY, person_id)
        path = "/messaging/me/inbox" if role == "client" else "/messaging/inbox"
        reply = self.system.api.get(f"{path}?limit=100", token=token)
        assert reply.status == 200, reply.body
        return sorted((i["kind"], i["subject"]) for i in reply.json["items"])


def emails() -> list[tuple[str, str, str]]:
    """What SES received: (to, subject, body)."""
    return sorted((m["to"][0], m["subject"], m["body"]) for m in sent_emails())


@pytest.fixture(params=list(DELIVERIES))
def stage(request, system) -> Stage:
    return Stage(system, DELIVERIES[request.param])


@pytest.fixture
def once(system) -> Stage:
    return Stage(system, {})


def people(stage: Stage) -> None:
    """c1 consents to email, c2 does not; w1 provides s1 to both and consents."""
    stage.send(registered("c1"), registered("c2", consent=False), registered("w1", role="worker"), opened())


# -- the saga -----------------------------------------------------------------------------------------------------


def test_the_request_saga_and_billing_notify_exactly_who_they_concern_once(stage):
    people(stage)
    told = stage.send(
        held("r1"), request("proposal_offered", "r1", start=START, end=END, local_start=LOCAL,
                            hold_expires_at=HOLD_EXPIRES),
        request("confirmed", "r1", event_id="e1", start=START, end=END, local_start=LOCAL, confirmed_by="client"),
        event("video_link_added", video_link="https://meet.example/e1"),
        event("rescheduled", start="2026-11-26T15:00:00Z", end="2026-11-26T16:00:00Z",
              local_start="2026-11-26T10:00:00-05:00", previous_start=START, previous_end=END),
        event("cancelled", late=False, cancelled_by="client", cancelled_by_id="c1", reason="Feeling unwell",
              status="cancelled"),
        held("r2", client_id="c2"), request("declined", "r2", client_id="c2", reason="slot_taken",
                                            declined_by="availability"),
        held("r3"), request("declined", "r3", reason="Another time suits me better", declined_by="client"),
        request("expired", "r4", start=START), request("withdrawn", "r5", start=START),
        request("submitted", "r6", start=START),  # routed to messaging, but nobody is told of a submission
        invoice_issued(), payment_received(), payment_failed(),
        service_request("submitted"),  # staff see new-service requests in their list; nobody is told
        service_request("approved", service_id="s9", decided_by="w1"),
        service_request("declined", service_request_id="sr2", reason="We do not offer this service.",
                        decided_by="w1"),
    )
    c1_kinds = ["request_awaiting_response", "time_proposed", "request_confirmed", "video_link",
                "event_rescheduled", "event_cancelled", "request_awaiting_response", "request_expired",
                "invoice_issued", "payment_received", "payment_failed", "service_approved", "service_declined"]
    c2_kinds = ["video_link", "event_rescheduled", "event_cancelled", "request_awaiting_response", "request_declined"]
    w1_kinds = ["event_requested", "request_confirmed", "event_cancelled", "event_requested", "event_requested",
                "request_withdrawn"]
    assert told == sorted([("c1", k) for k in c1_kinds] + [("c2", k) for k in c2_kinds] +
                          [("w1", k) for k in w1_kinds])
    assert stage.send(held("r1")) == [("c1", "request_awaiting_response"), ("w1", "event_requested")]  # a new event

    c1 = stage.inbox("c1")
    assert Counter(kind for kind, _ in c1) == Counter([*c1_kinds, "request_awaiting_response"])
    assert ("request_confirmed", "Your event is confirmed") in c1
    assert ("invoice_issued", "Invoice 2026-0042 issued") in c1
    assert ("event_cancelled", f"You cancelled your event on {WHEN}") in c1
    c2 = stage.inbox("c2")
    assert ("request_declined", "Your event request was declined") in c2
    assert ("event_cancelled", f"Name c1 cancelled your event on {WHEN}") in c2

    sent = emails()  # one email per notification to those who consented (c2 did not)
    assert Counter(to for to, _, _ in sent) == {"c1@a.test": len(c1_kinds) + 1, "w1@a.test": len(w1_kinds) + 1}
    assert sorted(subject for to, subject, _ in sent if to == "c1@a.test") == sorted(subject for _, subject in c1)
    w1 = stage.inbox("w1", role="worker")
    assert sorted(subject for to, subject, _ in sent if to == "w1@a.test") == sorted(subject for _, subject in w1)
    bodies = {subject: body for to, subject, body in sent if to == "c1@a.test"}
    assert bodies["Invoice 2026-0042 issued"] == (
        "Invoice 2026-0042 (Counselling) for 120.50 CAD was issued, due 2026-12-26.")
    assert bodies["Payment received"] == "We received your payment of 120.50 CAD for invoice 2026-0042. Thank you."
    assert bodies["Your payment did not go through"].startswith("Your payment of 50.00 CAD for invoice 2026-0042 did")
    assert WHEN in bodies["Your event is confirmed"]
    assert bodies["Your request for Parenting support was declined"] == (
        "Your request for a new service, Parenting support, was declined. Reason: We do not offer this service.")
    assert "You can now request events" in bodies["Your request for Parenting support was approved"]
    assert ("request_withdrawn", "Name c1 withdrew an event request") in w1
    worker = {subject: body for to, subject, body in sent if to == "w1@a.test"}
    assert worker["New event request from Name c1"].startswith(f"Name c1 requested an event (Counselling) on {WHEN}.")
    statistics = stage.system.clients("ses").get_send_statistics()["SendDataPoints"]
    assert sum(point["DeliveryAttempts"] for point in statistics) == len(sent)


def test_a_declined_request_tells_the_client_why_in_a_sentence_and_keeps_availabilitys_code(stage):
    people(stage)
    stage.send(request("declined", "r1", reason="I am away that week.", declined_by="worker", start=START),
               request("declined", "r2", reason="too_soon", declined_by="availability"),
               request("declined", "r3", reason="outside_availability", declined_by="availability", start=START,
                       reason_text="Your provider does not see clients at that time."))
    bodies = sorted(body for _, subject, body in emails() if subject == "Your event request was declined")
    assert bodies == [  # declined events carry no local time: UTC then
        "Your request (Counselling) was declined. The time is too soon to be booked.",
        "Your request for Wed 25 Nov 2026, 3:00 PM UTC (Counselling) was declined. Reason: I am away that week.",
        "Your request for Wed 25 Nov 2026, 3:00 PM UTC (Counselling) was declined. Your provider does not see clients "
        "at that time."]
    token = stage.system.token("client", AGENCY, "c1")
    items = stage.system.api.get("/messaging/me/inbox", token=token).json["items"]
    assert sorted((i["refs"]["request_id"], i["reason"]) for i in items) == [
        ("r1", None), ("r2", "too_soon"), ("r3", "outside_availability")]
    sent = [e.data for e in stage.pump.stats.published if e.event_type == "messaging.notification.sent"]
    assert sorted(e.get("reason", "-") for e in sent if e["person_id"] == "c1") == [
        "-", "outside_availability", "too_soon"]


def test_the_worker_is_told_why_the_time_they_proposed_could_not_be_held(stage):
    people(stage)
    told = stage.send(request("proposal_failed", "r1", start="2026-11-26T15:00:00Z", held_start=START,
                              reason="slot_taken", status="awaiting_response"))
    assert told == [("w1", "proposal_failed")]  # the client still holds their time and is not told
    ((to, subject, body),) = emails()
    assert (to, subject) == ("w1@a.test", "Your proposed time for Name c1 could not be held")
    assert body == ("The time you proposed to Name c1 (Counselling), Thu 26 Nov 2026, 3:00 PM UTC, could not be held. "
                    "Another request or event has that time now. The request still holds Wed 25 Nov 2026, 3:00 PM "
                    "UTC. You can confirm it, decline it or propose another time.")
    token = stage.system.token("worker", AGENCY, "w1")
    (item,) = stage.system.api.get("/messaging/inbox", token=token).json["items"]
    assert (item["kind"], item["reason"], item["refs"]) == ("proposal_failed", "slot_taken", {"request_id": "r1"})


def test_invited_clients_are_told_they_were_added_and_the_requester_that_their_request_was_confirmed(stage):
    people(stage)
    told = stage.send(
        request("confirmed", "r1", event_id="e1", start=START, end=END, local_start=LOCAL, confirmed_by="worker"),
        event("scheduled", requested_by="c1"),  # c1 asked, inviting c2
        event("scheduled", event_id="e2", request_id=None, requested_by=None, client_ids=["c1"]),  # staff created it
    )
    assert told == [("c1", "event_scheduled"), ("c1", "request_confirmed"), ("c2", "event_scheduled")]
    assert stage.inbox("c2") == [("event_scheduled", f"You were added to an event on {WHEN}")]
    bodies = {subject: body for _, subject, body in emails()}
    assert bodies[f"You were added to an event on {WHEN}"] == (
        f"You were added to an event (Counselling) with Name w1 on {WHEN}.")


def test_an_attendee_who_leaves_is_told_they_cancelled_and_the_others_that_they_will_not_attend(stage):
    people(stage)
    stage.send(registered("c3"), (*opened(participants=("c1", "c2", "c3")), 2))
    told = stage.send(event("attendee_left", client_ids=["c1", "c3"], client_id="c2", late=False, late_fee=False,
                            requested_by="c1"))
    assert told == [("c1", "attendee_left"), ("c2", "event_cancelled"), ("c3", "attendee_left"),
                    ("w1", "attendee_left")]
    assert stage.inbox("c2") == [("event_cancelled", f"You cancelled your attendance on {WHEN}")]
    assert stage.inbox("w1", role="worker") == [("attendee_left", f"Name c2 will not attend the event on {WHEN}")]
    told = stage.send(event("cancelled", event_id="e2", late=True, cancelled_by="worker", cancelled_by_id="w1",
                            late_fee=False, status="cancelled"))
    assert told == [("c1", "event_cancelled"), ("c2", "event_cancelled"), ("w1", "event_cancelled")]
    assert ("event_cancelled", f"Name w1 cancelled your event on {WHEN}") in stage.inbox("c1")
    assert ("event_cancelled", f"You cancelled the event on {WHEN}") in stage.inbox("w1", role="worker")


def test_every_time_of_a_notification_reads_on_the_agencys_clock_learned_from_availability(stage):
    """The issue's notification mixed zones ('9:00 AM (UTC-05:00) ... respond by 11:56 AM UTC')."""
    people(stage)
    stage.send(agency_zone("America/Chicago", 3), agency_zone("Europe/Berlin", 2))  # the newest wins, whatever order
    stage.send(agency_zone("Asia/Tokyo", 1))  # an older version arriving late changes nothing
    stage.send(held("r1"))
    bodies = {subject: body for _, subject, body in emails()}
    assert bodies["New event request from Name c1"] == (
        "Name c1 requested an event (Counselling) on Wed 25 Nov 2026, 9:00 AM CST. Please confirm, decline or "
        "propose another time by Fri 27 Nov 2026, 6:00 AM CST.")
    assert bodies["Your event request is awaiting response"] == (
        "Your request for Wed 25 Nov 2026, 9:00 AM CST (Counselling) has been sent to Name w1, who will respond by "
        "Fri 27 Nov 2026, 6:00 AM CST.")


# -- who gets email ---------------------------------------------------------------------------------------------------


def test_consent_preferences_and_the_agency_decide_who_gets_email(once):
    people(once)
    admin = once.system.token("admin", AGENCY, "admin-1")
    c1 = once.system.token("client", AGENCY, "c1")
    api = once.system.api
    api.put("/messaging/me/preferences", token=c1, json={"email": {"invoice_issued": False}})
    api.put("/messaging/settings", token=admin, json={"email_detail": {"payment_received": "subject_only"},
                                                      "version": 0})
    once.send(invoice_issued(), payment_received())
    assert emails() == [("c1@a.test", "Payment received",
                         "You have a new notification in your client portal. Sign in to read it.")]
    assert [kind for kind, _ in once.inbox("c1")] == ["invoice_issued", "payment_received"]  # the inbox has both

    api.put("/messaging/settings", token=admin, json={"client_delivery_enabled": False, "version": 1})
    once.send(registered("c2", consent=True, version=2), held("r1", client_id="c2"))
    assert [to for to, _, _ in emails()] == ["c1@a.test", "w1@a.test"]  # staff still get theirs; clients none

    api.put("/messaging/settings", token=admin, json={"client_delivery_enabled": True, "version": 2})
    once.send(held("r2", client_id="c2"))
    assert [to for to, _, _ in emails()] == ["c1@a.test", "c2@a.test", "w1@a.test", "w1@a.test"]


def test_a_clients_own_detail_level_is_kept_when_more_private_than_the_agencys(once):
    people(once)
    c1 = once.system.token("client", AGENCY, "c1")
    reply = once.system.api.put("/messaging/me/preferences", token=c1, json={"email_detail": "subject_only"})
    assert reply.status == 200, reply.body
    once.send(registered("c1", version=2))  # the roster's update keeps the client's own choice
    once.send(invoice_issued())  # the agency sends invoices in full
    notice = "You have a new notification in your client portal. Sign in to read it."
    assert [(to, body) for to, _, body in emails()] == [("c1@a.test", notice)]

    once.system.api.put("/messaging/me/preferences", token=c1, json={"email_detail": "full"})
    once.send(payment_received())
    assert ("c1@a.test", "Payment received",
            "We received your payment of 120.50 CAD for invoice 2026-0042. Thank you.") in emails()


def test_a_message_reaches_the_providers_by_email_at_the_agencys_detail_level(once):
    people(once)
    once.send(registered("w2", role="worker"), (*opened(providers=("w1", "w2")), 2))
    client = once.system.token("client", AGENCY, "c1")
    reply = once.system.api.post("/messaging/me/discussions", token=client, json={
        "service_id": "s1", "subject": "About Tuesday", "message": "Could we meet earlier?"})
    assert reply.status == 201, reply.body
    once.drain()
    subject_only = "You have a new notification in your client portal. Sign in to read it."
    assert emails() == [(to, "New message from Name c1", subject_only) for to in ("w1@a.test", "w2@a.test")]

    once.system.api.put("/messaging/settings", token=once.system.token("admin", AGENCY, "a"),
                        json={"email_detail": {"message": "full"}, "version": 0})
    worker = once.system.token("worker", AGENCY, "w1")
    once.system.api.post(f"/messaging/discussions/{reply.json['discussion_id']}/messages", token=worker,
                         json={"message": "Yes, 9:00 works."})
    once.drain()
    reply_email = ("c1@a.test", "New message from Name w1", "Name w1 wrote in “About Tuesday”:\n\nYes, 9:00 works.")
    assert reply_email in emails()
    assert len(emails()) == 4  # the client and the other provider


def test_a_send_that_fails_is_retried_by_the_stream_and_sent_once(once, monkeypatch):
    from portalkit import aws

    people(once)
    real, failures = aws.client, []

    class FlakySes:
        def __init__(self, ses):
            self.ses = ses

        def send_raw_email(self, **kwargs):
            if not failures:
                failures.append(kwargs["RawMessage"]["Data"].split(b"To: ", 1)[1].split(b"\r\n", 1)[0])
                raise RuntimeError("SES throttled")
            return self.ses.send_raw_email(**kwargs)

    monkeypatch.setattr(aws, "client", lambda name: FlakySes(real(name)) if name == "ses" else real(name))
    once.send(invoice_issued(), payment_received())
    assert failures == [b"c1@a.test"]
    assert [subject for _, subject, _ in emails()] == ["Invoice 2026-0042 issued", "Payment received"]
    assert once.pump.stats.relay_failures == 1


# -- cost -------------------------------------------------------------------------------------------------------------


def test_calls_per_notified_event_and_per_email(system, calls):
    """An event: a BatchGetItem and a transaction, however many it tells; an email: GetItem, SendRawEmail and
    UpdateItem."""
    from infra.local.system import load_app
    from portalkit.testing.messages import new_queue_message

    app = load_app("messaging")
    for _, event_type, subject_id, data, *_ in (registered("c1"), registered("w1", role="worker"), opened(),
                                                held("r1")):
        body = new_queue_message(event_type, agency_id=AGENCY, subject_id=subject_id, subject_version=1, data=data)
        calls.reset()
        assert app.consumers.consumer.handle_message(body) == "applied"
    assert calls.by_operation("dynamodb") == {"BatchGetItem": 1, "TransactWriteItems": 1}  # two people told

    stream = system.clients("dynamodbstreams")
    arn = system.clients("dynamodb").describe_table(TableName="portal-test-messaging")["Table"]["LatestStreamArn"]
    shard = stream.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = stream.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    records = stream.get_records(ShardIterator=iterator["ShardIterator"])["Records"]
    calls.reset()
    with invoking("messaging", "relay"):
        assert app.relay({"Records": records}, None) == {"batchItemFailures": []}
    assert calls.by_operation("dynamodb") == {"GetItem": 2, "UpdateItem": 2}
    assert calls.by_operation("ses") == {"SendRawEmail": 2}
    assert calls.by_operation("events") == {"PutEvents": 1}  # the two messaging.notification.sent
    calls.reset()
    with invoking("messaging", "relay"):
        assert app.relay({"Records": records}, None) == {"batchItemFailures": []}  # the same batch again: nothing sent
    assert calls.by_operation("ses") == {} and calls.by_operation("dynamodb") == {"GetItem": 2}
    assert len(emails()) == 2
