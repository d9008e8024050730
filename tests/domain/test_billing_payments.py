"""Billing's rules for payments and refunds: what a refund may give back, and when the provider is asked again."""

from __future__ import annotations

import pytest

from chalicelib.billing import domain

MINUTE = 60


@pytest.mark.parametrize(("status", "refunded", "pending", "amount", "error", "code"), [
    (domain.PENDING, 0, 0, None, domain.PaymentNotReceived, "payment_not_received"),
    (domain.FAILED, 0, 0, 100, domain.PaymentNotReceived, "payment_not_received"),
    (domain.SUCCEEDED, 5000, 0, None, domain.PaymentRefundedInFull, "payment_refunded"),
    (domain.SUCCEEDED, 3000, 2000, 1, domain.PaymentRefundedInFull, "payment_refunded"),
    (domain.SUCCEEDED, 1000, 1000, 3001, domain.AmountExceedsRefundable, "amount_exceeds_refundable"),
])
def test_a_refund_of_more_than_a_received_payment_has_left_is_refused(status, refunded, pending, amount, error, code):
    with pytest.raises(error) as refused:
        domain.refund_amount(status, 5000, refunded, pending, amount)
    assert refused.value.code == code


@pytest.mark.parametrize(("refunded", "pending", "amount", "given_back"), [
    pytest.param(0, 0, 5000, 5000, id="all-of-it-asked"),
    pytest.param(0, 0, None, 5000, id="all-of-it-by-default"),
    pytest.param(0, 0, 1, 1, id="a-cent"),
    pytest.param(2000, 0, 3000, 3000, id="exactly-what-earlier-refunds-left"),
    pytest.param(2000, 2999, None, 1, id="the-last-cent-beside-a-refund-under-way"),
    pytest.param(0, 4000, 1000, 1000, id="exactly-what-a-refund-under-way-leaves"),
])
def test_a_refund_gives_back_up_to_what_is_left_of_the_payment(refunded, pending, amount, given_back):
    assert domain.refund_amount(domain.SUCCEEDED, 5000, refunded, pending, amount) == given_back


def test_more_than_is_left_names_what_can_still_be_refunded():
    with pytest.raises(domain.AmountExceedsRefundable) as refused:
        domain.refund_amount(domain.SUCCEEDED, 5000, 1000, 1000, 3001)
    assert (refused.value.field, refused.value.message) == (
        "amount", "amount is more than the 3000 of this payment that can still be refunded.")


def test_a_key_is_kept_less_long_than_the_provider_keeps_it():
    assert domain.KEY_WINDOW < 24 * 3600  # Stripe keeps a key at least 24 hours


# -- the sweep of payments the provider has not confirmed -----------------------------------------------------

HOUR = 60 * MINUTE
DEADLINE = domain.PAYMENT_DEADLINE


@pytest.mark.parametrize(("age", "expired"), [
    pytest.param(0, False, id="just-recorded"), pytest.param(DEADLINE - 1, False, id="a-second-before-the-deadline"),
    pytest.param(DEADLINE, True, id="on-the-deadline"), pytest.param(DEADLINE + 1, True, id="past-the-deadline"),
])
def test_a_payment_unconfirmed_for_an_hour_is_past_its_deadline(age, expired):
    assert domain.expired(1000, 1000 + age) is expired


@pytest.mark.parametrize(("age", "ref", "asked", "step"), [
    pytest.param(5 * MINUTE, "pi_1", False, domain.ASK, id="young-with-its-charge-id-is-looked-up"),
    pytest.param(5 * MINUTE, None, False, domain.ASK, id="young-after-a-lost-answer-is-charged-again-under-its-key"),
    pytest.param(DEADLINE - 1, "pi_1", False, domain.ASK, id="a-second-before-the-deadline-is-still-asked"),
    pytest.param(DEADLINE, "pi_1", False, domain.CANCEL, id="on-the-deadline-its-charge-is-cancelled"),
    pytest.param(3 * HOUR, "pi_1", False, domain.CANCEL, id="still-processing-later-is-cancelled-again"),
    pytest.param(DEADLINE, None, False, domain.ASK, id="past-the-deadline-without-a-charge-id-asks-for-it-first"),
    pytest.param(DEADLINE, "pi_1", True, domain.CANCEL, id="the-charge-id-the-provider-gave-is-cancelled"),
    pytest.param(DEADLINE, None, True, domain.WAIT, id="no-answer-while-the-key-is-kept-waits-for-the-next-check"),
    pytest.param(domain.KEY_WINDOW - 1, None, True, domain.WAIT, id="a-second-before-the-key-window-ends-waits"),
    pytest.param(domain.KEY_WINDOW, None, True, domain.GIVE_UP, id="never-acknowledged-in-the-key-window-fails"),
])
def test_the_sweep_asks_about_a_young_payment_and_cancels_one_past_its_deadline(age, ref, asked, step):
    assert domain.sweep_step(1000, 1000 + age, ref, asked=asked) == step


@pytest.mark.parametrize(("now", "due"), [
    pytest.param(0, 5 * MINUTE, id="at-once-the-first-check-in-five-minutes"),
    pytest.param(10 * MINUTE, 15 * MINUTE, id="half-its-age-but-no-sooner-than-five-minutes"),
    pytest.param(20 * MINUTE, 30 * MINUTE, id="half-its-age"),
    pytest.param(61 * MINUTE, 91 * MINUTE, id="half-an-hour-apart-at-most"),
    pytest.param(10 * HOUR, 10 * HOUR + 30 * MINUTE, id="hours-old-still-half-an-hour"),
])
def test_checks_come_at_half_a_charges_age_five_to_thirty_minutes_apart(now, due):
    assert domain.next_check(0, now) == due


@pytest.mark.parametrize(("now", "due"), [
    pytest.param(5 * MINUTE, 10 * MINUTE, id="young-the-usual-interval"),
    pytest.param(40 * MINUTE, DEADLINE, id="twenty-minutes-before-the-deadline-on-it"),
    pytest.param(DEADLINE - MINUTE, DEADLINE, id="a-minute-before-the-deadline-on-it"),
    pytest.param(DEADLINE, DEADLINE + 30 * MINUTE, id="on-the-deadline-the-usual-interval"),
    pytest.param(300 * MINUTE, 330 * MINUTE, id="hours-past-the-deadline-half-an-hour-apart"),
])
def test_a_payment_is_checked_on_its_deadline_at_the_latest(now, due):
    assert domain.next_check(0, now, DEADLINE) == due


@pytest.mark.parametrize(("age", "kept"), [
    pytest.param(0, True, id="just-sent"), pytest.param(domain.KEY_WINDOW - 1, True, id="a-second-before-the-window"),
    pytest.param(domain.KEY_WINDOW, False, id="on-the-window"), pytest.param(48 * HOUR, False, id="two-days-later"),
])
def test_a_key_is_sent_again_only_within_its_window(age, kept):
    assert domain.key_kept(1000, 1000 + age) is kept


# -- webhooks: which payment of ours an event is about ---------------------------------------------------------

CHARGED = ("sandbox", "sb_pi_1", 5000)  # the payment's provider, its charge id and its amount


@pytest.mark.parametrize(("payment", "event", "matches"), [
    pytest.param(CHARGED, ("sandbox", "sb_pi_1", 5000), True, id="its-provider-charge-and-amount"),
    pytest.param(CHARGED, ("sandbox", "sb_pi_1", None), True, id="an-event-that-names-no-amount"),
    pytest.param(("sandbox", None, 5000), ("sandbox", "sb_pi_9", 5000), True,
                 id="a-charge-whose-id-the-lost-answer-never-told"),
    pytest.param(CHARGED, ("stripe", "sb_pi_1", 5000), False, id="another-provider"),
    pytest.param(CHARGED, ("sandbox", "sb_pi_2", 5000), False, id="another-charge"),
    pytest.param(CHARGED, ("sandbox", "sb_pi_1", 4999), False, id="another-amount"),
    pytest.param((None, "0042", 5000), ("sandbox", "0042", 5000), False,
                 id="an-offline-payment-whose-reference-looks-like-a-charge"),
])
def test_a_webhook_settles_only_the_payment_it_is_about(payment, event, matches):
    assert domain.webhook_matches(payment, *event) is matches
