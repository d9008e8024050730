"""The sweep of payments and refunds the provider has not confirmed (`app.sweep_payments`, every minute).

A client's payment is pending, its amount held on the invoice, from before the provider is called until the
provider confirms it, in its answer or by webhook. When that never comes (a webhook lost, a charge waiting on an
action nobody takes, a crash after recording with no retry), the sweep resolves it:

- from RECHECK_AFTER on, it asks the provider again (`payments.ask`) and settles what the provider says; later
  checks come less often (`domain.next_check`);
- past PAYMENT_DEADLINE it cancels the charge at the provider, so that it can never succeed later, and settles
  the payment as failed (`payment_expired`): the hold on the invoice is released and `billing.payment.failed`
  published. A provider answering that the charge went through after all is believed: the payment is received.
  A charge still processing cannot be cancelled; it stays pending and is asked about again until it ends;
- a pending refund is asked about again under its own key while the provider surely keeps the key
  (KEY_WINDOW); one never answered by then fails (`refund_unconfirmed`), releasing that part of the payment.

Each due item is first claimed: its gsi1sk is moved on to its next check, on the condition that it still holds
what the Query returned, so of two sweeps (or a sweep reading a stale index entry) one goes on to the provider.
A webhook or a client's retry racing the sweep meets `settle`'s conditions on status and version: whichever
comes first settles the payment, and the other changes nothing.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

from portalkit import store, times

from . import domain, payments, providers
from .models import PENDING_PAYMENTS, PENDING_REFUNDS, PaymentItem, RefundItem, due_sk

log = logging.getLogger(__name__)

SWEEP_LIMIT = 50  # items of each kind per run (one Query page); the next run takes the rest
TIME_BUDGET_SECONDS = 30  # no provider call starts after this (the scheduled function's timeout is 50 s)
EXPIRED_MESSAGE = ("The payment was not confirmed in time and has been cancelled; nothing was charged. "
                   "You can pay again.")
UNCONFIRMED_MESSAGE = "The provider never confirmed the refund."


def sweep(now: int, limit: int = SWEEP_LIMIT, budget: float = TIME_BUDGET_SECONDS) -> dict[str, int]:
    """Ask about every pending payment and refund due by `now`; returns counts of what became of them."""
    counts: Counter = Counter()
    stop_at = time.monotonic() + budget
    for kind, model, partition, check in (("payment", PaymentItem, PENDING_PAYMENTS, _check_payment),
                                          ("refund", RefundItem, PENDING_REFUNDS, _check_refund)):
        for seen in model.by_due.query(partition, model.gsi1sk < times.iso(now + 1), limit=limit):
            if time.monotonic() > stop_at:
                counts["deferred"] += 1
                break
            try:
                counts[f"{kind}_{check(seen, now)}"] += 1
            except Exception:  # one item's trouble (a provider's keys removed, a bug) must not stop the others
                log.exception("the sweep could not resolve %s %s", seen.pk, seen.sk)
                counts["errors"] += 1
    return dict(counts)


def _owner(pk: str) -> tuple[str, str]:
    agency_id, client_id = pk.removeprefix("AGENCY#").split("#CLIENT#", 1)
    return agency_id, client_id


def _claim(seen, model, item_id: str, now: int, deadline: int) -> int | None:
    """Move the item's next check on (`domain.next_check`) if it is still as the Query saw it; when it was created,
    or None when it was settled meanwhile or another sweep has it."""
    created = times.instant(seen.created_at)
    due = domain.next_check(created, now, deadline)
    if not store.update_if(seen, [model.gsi1sk.set(due_sk(times.iso(due), item_id))], model.gsi1sk == seen.gsi1sk):
        return None
    return created


def _check_payment(payment: PaymentItem, now: int) -> str:
    created = _claim(payment, PaymentItem, payment.payment_id, now, domain.PAYMENT_DEADLINE)
    if created is None:
        return "skipped"
    agency_id, client_id = _owner(payment.pk)
    ref = payment.provider_ref
    step = domain.sweep_step(created, now, ref)
    if step == domain.ASK:
        outcome = payments.ask(agency_id, client_id, payment, now)
        if outcome.status != domain.PENDING or not domain.expired(created, now):
            return payments.settle(agency_id, client_id, payment.payment_id, outcome).status
        ref = outcome.ref
        step = domain.sweep_step(created, now, ref, asked=True)
    if step == domain.CANCEL:
        outcome = providers.provider(payment.provider, agency_id).cancel(ref=ref, token=payment.token)
    elif step == domain.GIVE_UP:
        log.warning("payment %s: the provider never acknowledged it; given up", payment.payment_id)
        outcome = providers.Outcome(domain.FAILED)
    else:
        return domain.PENDING  # the provider did not answer: asked again at the next check
    if outcome.status == domain.FAILED:
        outcome = providers.Outcome(domain.FAILED, outcome.ref or ref, outcome.failure_code or domain.PAYMENT_EXPIRED,
                                    outcome.failure_message or EXPIRED_MESSAGE)
    return payments.settle(agency_id, client_id, payment.payment_id, outcome).status


def _check_refund(item: RefundItem, now: int) -> str:
    created = _claim(item, RefundItem, item.refund_id, now, domain.KEY_WINDOW)
    if created is None:
        return "skipped"
    agency_id, client_id = _owner(item.pk)
    if domain.key_kept(created, now):
        payment = payments._load_payment(agency_id, client_id, item.payment_id)
        outcome = payments.ask_refund(agency_id, payment, item)
        if outcome.status == domain.PENDING:
            return domain.PENDING
    else:
        log.warning("refund %s: the provider never answered; given up", item.refund_id)
        outcome = providers.Outcome(domain.FAILED, None, domain.REFUND_UNCONFIRMED, UNCONFIRMED_MESSAGE)
    return payments.settle_refund(agency_id, client_id, item.refund_id, outcome).status
