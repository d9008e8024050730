"""Messaging's table of notices (`domain.NOTICES`): one line per message type says who is told, what kind of
notification and in what words; the consumer routes exactly those types to the notifications."""

from __future__ import annotations

from chalicelib.messaging import domain
from chalicelib.messaging.domain import CLIENT, WORKER, Planned

EVENT = {"event_id": "e1", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1", "c2"], "client_id": "c3",
         "start": "2026-11-25T15:00:00Z", "request_id": "r1", "requested_by": "c1", "number": "7", "total": 100,
         "currency": "USD", "amount": 100, "name": "Parenting", "reason": "slot_taken"}


def test_the_consumer_routes_every_type_of_the_table_to_the_notifications_and_no_other():
    from chalicelib.messaging import consumers, notifications, reminders

    telling = (notifications.notify, reminders.on_event_message)
    routed = {message_type for (message_type, _), handler in consumers.consumer.handlers.items()
              if handler in telling}
    assert routed == set(domain.NOTICES)


def test_each_notice_is_of_a_kind_its_audience_receives_and_has_words():
    for message_type, notices in domain.NOTICES.items():
        assert notices, message_type
        for notice in notices:
            kinds = domain.CLIENT_KINDS if notice.audience == CLIENT else domain.STAFF_KINDS
            assert notice.audience in (CLIENT, WORKER) and notice.kind in kinds, (message_type, notice.kind)
            text = notice.words(domain.Wording.of(Planned("p", notice.audience, notice.kind), EVENT,
                                                  domain.Names(), None))
            assert text.subject and text.body, (message_type, notice.kind)


def test_a_type_the_table_does_not_list_tells_nobody():
    assert domain.plan("requests.event_request.submitted", EVENT) == []
    assert domain.plan("billing.invoice.voided", EVENT) == []


def test_a_notice_is_rendered_with_its_own_lines_words_even_when_another_type_shares_its_kind():
    """event_cancelled is both a cancellation for everyone and one's own leave: each type has its words."""
    data = {**EVENT, "cancelled_by": "worker", "cancelled_by_id": "w1"}
    left = Planned("c3", CLIENT, domain.EVENT_CANCELLED)
    assert domain.render(left, "requests.event.attendee_left", data, domain.Names()).subject.startswith(
        "You cancelled your attendance")
    assert domain.render(left, "requests.event.cancelled", data, domain.Names()).subject.startswith(
        "Your provider cancelled your event")
