"""Billing's rules for payments and refunds: what a refund may give back, and when the provider is asked again."""

from __future__ import annotations

import pytest

from chalicelib.billing import domain

MINUTE = 60


def test_a_refund_gives_back_what_staff_ask_or_else_all_that_is_left_of_the_payment():
    assert domain.refund_amount(domain.SUCCEEDED, 5000, 1000, 0, 1500) == 1500
    assert domain.refund_amount(domain.SUCCEEDED, 5000, 1000, 500, None) == 3500  # less what is being refunded


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


def test_more_than_is_left_names_what_can_still_be_refunded():
    with pytest.raises(domain.AmountExceedsRefundable) as refused:
        domain.refund_amount(domain.SUCCEEDED, 5000, 1000, 1000, 3001)
    assert (refused.value.field, refused.value.message) == (
        "amount", "amount is more than the 3000 of this payment that can still be refunded.")


def test_checks_come_less_often_as_a_charge_ages_and_on_its_deadline_at_the_latest():
    next_check = domain.next_check
    assert next_check(0, 5 * MINUTE, 60 * MINUTE) == 10 * MINUTE
    assert next_check(0, 40 * MINUTE, 60 * MINUTE) == 60 * MINUTE  # not later than the deadline
    assert next_check(0, 300 * MINUTE, 60 * MINUTE) == 330 * MINUTE  # at most 30 minutes apart
    assert next_check(0, 61 * MINUTE) == 91 * MINUTE


def test_a_key_is_sent_again_only_while_the_provider_surely_keeps_it():
    assert domain.key_kept(0, domain.KEY_WINDOW - 1)
    assert not domain.key_kept(0, domain.KEY_WINDOW)
    assert domain.KEY_WINDOW < 24 * 3600  # Stripe keeps a key at least 24 hours
