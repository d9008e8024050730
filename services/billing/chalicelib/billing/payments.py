"""Payments of invoices (offline, recorded by staff; online, through the agency's provider), webhooks and refunds.

A client's payment is keyed by its `Idempotency-Key`: its id is derived from the agency, the client and the
key, so a retry finds the same item. It is recorded as pending (holding its amount on the invoice, so no
other payment can take the invoice below zero) before the provider is called with the payment id as the
provider's own idempotency key, and settled (ledger entry, balances, events) only when the provider
confirms, in the call's answer or later by webhook. A crash between the two leaves a pending payment that
the retry (or the webhook, or the sweep: `sweep.py`) settles: the provider, given the same key, returns the same
charge. While pending, a payment or refund is in the sweep's index (gsi1); the write that settles it takes it out.
"""

from __future__ import annotations

import hashlib
import logging

from portalkit import clock, times
from portalkit.errors import NotFound
from portalkit.idempotency import Idempotent, fingerprint
from portalkit.identity import Identity
from portalkit.store import Transaction

from . import domain, providers
from .invoices import find_invoice, publish_paid
from .ledger import SERVICE, Books, invoice_state, new_id, save_invoice, seq
from .models import (
    PENDING_PAYMENTS,
    PENDING_REFUNDS,
    REF_SK,
    InvoiceItem,
    PaymentItem,
    PaymentRefItem,
    RefundItem,
    account_pk,
    due_sk,
    get,
    payment_pk,
    retrying,
)
from .schemas import PaymentFailed, PaymentReceived, PaymentRefunded
from .settings import load_settings

log = logging.getLogger(__name__)


def _derived_id(prefix: str, *parts: str) -> str:
    return prefix + "_" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _load_payment(agency_id: str, client_id: str, payment_id: str) -> PaymentItem | None:
    return get(PaymentItem, account_pk(agency_id, client_id), f"PAYMENT#{payment_id}")


# -- offline payments (staff) ---------------------------------------------------------------------------------


def record_payment(who: Identity, invoice_id: str, amount: int, method: str, reference: str | None,
                   currency: str | None, key: str | None) -> tuple[int, dict]:
    """An offline payment (cash, cheque, transfer) staff received against an invoice."""
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    client_id = find_invoice(who.agency_id, invoice_id).client_id

    def write(tx: Transaction) -> tuple[int, dict]:
        invoice = find_invoice(who.agency_id, invoice_id, client_id)
        state, entry = domain.settle(invoice_state(invoice), amount, held=False)
        payment_id = new_id("pay")
        payment = PaymentItem(account_pk(who.agency_id, client_id), f"PAYMENT#{payment_id}", payment_id=payment_id,
                              invoice_id=invoice_id, invoice_number=invoice.number, amount=amount,
                              currency=invoice.currency, method=method, provider=None, status=domain.SUCCEEDED,
                              provider_ref=reference, created_at=clock.now_iso(), settled_at=clock.now_iso(),
                              seq=seq(), recorded_by=who.person_id, version=1)
        tx.save(payment, condition=PaymentItem.sk.does_not_exist())
        tx.save(PaymentRefItem(payment_pk(who.agency_id, payment_id), REF_SK, client_id=client_id))
        _receive(tx, agency_id=who.agency_id, payment=payment, invoice=invoice, state=state, entry=entry)
        return 201, payment_view(payment)

    request = {"invoice_id": invoice_id, "amount": amount, "method": method, "reference": reference}
    idem = Idempotent(SERVICE, who, "record_payment", key, request)
    return retrying(lambda: idem.run(write))


def _receive(tx: Transaction, agency_id: str, payment: PaymentItem, invoice: InvoiceItem, state: domain.Invoice,
             entry: domain.Movement) -> None:
    """A payment received, in its transaction: its ledger entry, the invoice's new balance, and the events."""
    books = Books(tx, agency_id, invoice.client_id, payment.currency)
    books.entry(entry, invoice, payment_id=payment.payment_id, method=payment.method, entry_seq=payment.seq,
                by=payment.recorded_by)
    save_invoice(tx, invoice, state)
    books.close()
    received = PaymentReceived(payment_id=payment.payment_id, invoice_id=invoice.invoice_id,
                               invoice_number=invoice.number, client_id=invoice.client_id, amount=int(payment.amount),
                               currency=payment.currency, method=payment.method, received_at=payment.settled_at,
                               invoice_balance=int(invoice.balance))
    tx.publish(received.envelope(agency_id=agency_id, subject_id=payment.payment_id,
                                 subject_version=int(payment.version)))
    if int(invoice.balance) == 0:
        publish_paid(tx, agency_id, invoice)


def payment_view(payment: PaymentItem) -> dict:
    view = {"payment_id": payment.payment_id, "status": payment.status, "invoice_id": payment.invoice_id,
            "amount": int(payment.amount), "currency": payment.currency, "method": payment.method,
            "refunded": int(payment.refunded or 0)}
    if payment.status == domain.FAILED:
        view |= {"failure_code": payment.failure_code, "failure_message": payment.failure_message}
    return view


# -- online payments (clients) --------------------------------------------------------------------------------


def pay(who: Identity, invoice_id: str, amount: int, token: str, currency: str | None,
        key: str | None) -> tuple[int, dict]:
    """A client pays (part of) one of their invoices online; retried calls with the key answer the same."""
    if key is None:
        raise domain.MissingIdempotencyKey("Idempotency-Key",
                                           "Paying needs an Idempotency-Key header (a new one per payment).")
    agency_id, client_id = who.agency_id, who.person_id
    payment_id = _derived_id("pay", agency_id, client_id, key)
    print_ = fingerprint({"invoice_id": invoice_id, "amount": amount, "token": token, "currency": currency})

    def existing() -> PaymentItem | None:
        found = _load_payment(agency_id, client_id, payment_id)
        if found is not None and found.fingerprint != print_:
            raise domain.IdempotencyKeyReused("This Idempotency-Key was used with a different request; use a new key "
                                              "for a new payment.")
        return found

    payment = existing()
    if payment is None:
        settings = load_settings(agency_id)

        def record() -> PaymentItem:
            invoice = find_invoice(agency_id, invoice_id, client_id)
            found = existing()  # after the invoice: a racing call with this key that held it is seen here
            if found is not None:
                return found
            if not settings.payments_enabled:
                raise domain.PaymentsDisabled("This agency does not take payments online.")
            domain.check_currency(currency, settings.currency)
            providers.provider(settings.provider, agency_id).check_token(token)
            state = domain.hold(invoice_state(invoice), amount)
            at = clock.now()
            item = PaymentItem(account_pk(agency_id, client_id), f"PAYMENT#{payment_id}", payment_id=payment_id,
                          invoice_id=invoice_id, invoice_number=invoice.number, amount=amount,
                          currency=invoice.currency, method=domain.CARD, provider=settings.provider,
                          status=domain.PENDING, fingerprint=print_, created_at=times.iso(at), seq=seq(), token=token,
                          version=1, gsi1pk=PENDING_PAYMENTS,
                          gsi1sk=due_sk(times.iso(at + domain.RECHECK_AFTER), payment_id))
            with Transaction(SERVICE) as tx:
                tx.save(item, condition=PaymentItem.sk.does_not_exist())
                tx.save(PaymentRefItem(payment_pk(agency_id, payment_id), REF_SK, client_id=client_id))
                save_invoice(tx, invoice, state)
            return item

        payment = retrying(record)
    return 201, payment_view(_charge(agency_id, client_id, payment))


def _charge(agency_id: str, client_id: str, payment: PaymentItem) -> PaymentItem:
    """Ask the provider (again) about a pending payment, and settle what it says."""
    if payment.status != domain.PENDING:
        return payment
    return settle(agency_id, client_id, payment.payment_id, ask(agency_id, client_id, payment, clock.now()))


def ask(agency_id: str, client_id: str, payment: PaymentItem, now: int) -> providers.Outcome:
    """The provider's word on a pending payment: the charge's state now if we know its id (a repeated key would
    replay the first answer), else the charge made again under the same key, which the provider answers with the
    same charge; but only while it surely keeps the key (KEY_WINDOW), since a forgotten key would charge anew."""
    provider = providers.provider(payment.provider, agency_id)
    if payment.provider_ref:
        return provider.lookup(ref=payment.provider_ref, token=payment.token)
    if not domain.key_kept(times.instant(payment.created_at), now):
        return providers.UNKNOWN
    return provider.charge(key=payment.payment_id, amount=int(payment.amount), currency=payment.currency,
                           token=payment.token, metadata={"agency_id": agency_id, "client_id": client_id,
                                                          "payment_id": payment.payment_id,
                                                          "invoice_id": payment.invoice_id})


def settle(agency_id: str, client_id: str, payment_id: str, outcome: providers.Outcome) -> PaymentItem:
    """Apply the provider's word to a pending payment, once: a settled payment ignores later or repeated news."""

    def decide() -> PaymentItem:
        payment = _load_payment(agency_id, client_id, payment_id)
        if payment is None:
            raise NotFound(f"No payment {payment_id}.")
        if payment.status != domain.PENDING:
            return payment
        version = int(payment.version)
        unchanged = (PaymentItem.status == domain.PENDING) & (PaymentItem.version == version)
        if outcome.status == domain.PENDING:
            if outcome.ref and payment.provider_ref != outcome.ref:
                payment.update(condition=unchanged, actions=[
                    PaymentItem.provider_ref.set(outcome.ref), PaymentItem.version.set(version + 1)])
            return payment
        invoice = find_invoice(agency_id, payment.invoice_id, client_id)
        amount = int(payment.amount)
        with Transaction(SERVICE) as tx:
            actions = [PaymentItem.status.set(outcome.status), PaymentItem.settled_at.set(clock.now_iso()),
                       PaymentItem.version.set(version + 1), PaymentItem.gsi1pk.remove(), PaymentItem.gsi1sk.remove()]
            if outcome.ref:
                actions.append(PaymentItem.provider_ref.set(outcome.ref))
            if outcome.status == domain.FAILED:
                actions += [PaymentItem.failure_code.set(outcome.failure_code or "payment_failed"),
                            PaymentItem.failure_message.set(outcome.failure_message or "The payment failed.")]
            tx.update(PaymentItem(payment.pk, payment.sk), actions=actions, condition=unchanged)
            payment.status, payment.settled_at, payment.version = outcome.status, clock.now_iso(), version + 1
            payment.failure_code, payment.failure_message = outcome.failure_code, outcome.failure_message
            if outcome.status == domain.SUCCEEDED:
                state, entry = domain.settle(invoice_state(invoice), amount, held=True)
                _receive(tx, agency_id=agency_id, payment=payment, invoice=invoice, state=state, entry=entry)
            else:
                save_invoice(tx, invoice, domain.release(invoice_state(invoice), amount))
                failed = PaymentFailed(payment_id=payment_id, invoice_id=invoice.invoice_id,
                                       invoice_number=invoice.number, client_id=client_id, amount=amount,
                                       currency=payment.currency, failure_code=payment.failure_code or "payment_failed",
                                       failed_at=payment.settled_at)
                tx.publish(failed.envelope(agency_id=agency_id, subject_id=payment_id, subject_version=version + 1))
        return payment

    return retrying(decide)


# -- webhooks -------------------------------------------------------------------------------------------


def webhook(provider_name: str, payload: bytes, signature: str | None) -> dict:
    """A provider tells us how a payment ended: verified, matched to our payment, applied once."""
    if provider_name not in domain.PROVIDERS:
        raise NotFound(f"No provider {provider_name}.")
    if provider_name == "stripe":
        agency_id = providers.unverified_agency(payload)
        if agency_id is None:
            raise providers.WebhookRefused("The event names no agency of ours (metadata.agency_id).")
        event = providers.Stripe(agency_id).webhook(payload, signature)
        if event.agency_id != agency_id:
            raise providers.WebhookRefused("The event changed while it was verified.")
    else:
        event = providers.provider(provider_name, "").webhook(payload, signature)
    outcome = event.outcome
    if outcome is None or not (event.agency_id and event.client_id and event.payment_id):
        return {"received": True, "applied": False}
    payment = _load_payment(event.agency_id, event.client_id, event.payment_id)
    if payment is None or not domain.webhook_matches((payment.provider, payment.provider_ref, int(payment.amount)),
                                                     provider_name, event.ref, event.amount):
        log.warning("webhook %s %s matches no payment of ours", event.event_id, event.type)
        return {"received": True, "applied": False}
    was = payment.status
    settled = settle(event.agency_id, event.client_id, event.payment_id, outcome)
    return {"received": True, "applied": was == domain.PENDING and settled.status != domain.PENDING}


# -- refunds (staff) ------------------------------------------------------------------------------------


def refund(who: Identity, payment_id: str, amount: int | None, reason: str | None, key: str | None
           ) -> tuple[int, dict]:
    """Give (part of) a settled payment back, through the provider that took it (or by hand, for cash)."""
    ref = get(PaymentRefItem, payment_pk(who.agency_id, payment_id), REF_SK)
    if ref is None:
        raise NotFound(f"No payment {payment_id}.")
    agency_id, client_id = who.agency_id, ref.client_id
    refund_id = _derived_id("re", agency_id, who.person_id, key) if key else new_id("re")
    print_ = fingerprint({"payment_id": payment_id, "amount": amount, "reason": reason})

    def existing() -> RefundItem | None:
        found = get(RefundItem, account_pk(agency_id, client_id), f"REFUND#{refund_id}")
        if found is not None and found.fingerprint != print_:
            raise domain.IdempotencyKeyReused("This Idempotency-Key was used with a different request.")
        return found

    def record() -> RefundItem:
        found = existing()
        if found is not None:
            return found
        payment = _load_payment(agency_id, client_id, payment_id)
        take = domain.refund_amount(payment.status, int(payment.amount), int(payment.refunded or 0),
                                    int(payment.refund_pending or 0), amount)
        at = clock.now()
        item = RefundItem(account_pk(agency_id, client_id), f"REFUND#{refund_id}", refund_id=refund_id,
                          payment_id=payment_id, amount=take, status=domain.PENDING, reason=reason,
                          fingerprint=print_, created_at=times.iso(at), seq=seq(), by=who.person_id,
                          gsi1pk=PENDING_REFUNDS, gsi1sk=due_sk(times.iso(at + domain.RECHECK_AFTER), refund_id))
        version = int(payment.version)
        with Transaction(SERVICE) as tx:
            tx.save(item, condition=RefundItem.sk.does_not_exist())
            pending = int(payment.refund_pending or 0) + take
            tx.update(PaymentItem(payment.pk, payment.sk), condition=PaymentItem.version == version, actions=[
                PaymentItem.refund_pending.set(pending), PaymentItem.version.set(version + 1)])
        return item

    item = existing() or retrying(record)
    if item.status == domain.PENDING:
        payment = _load_payment(agency_id, client_id, payment_id)
        item = settle_refund(agency_id, client_id, refund_id, ask_refund(agency_id, payment, item))
    return 201, refund_view(item)


def ask_refund(agency_id: str, payment: PaymentItem, item: RefundItem) -> providers.Outcome:
    """Refund through the provider that took the payment, under the refund's key (again: the same refund)."""
    if payment.provider is None:
        return providers.Outcome(domain.SUCCEEDED)  # cash or cheque: staff hand the money back
    return providers.provider(payment.provider, agency_id).refund(key=item.refund_id, ref=payment.provider_ref,
                                                                  amount=int(item.amount))


def settle_refund(agency_id: str, client_id: str, refund_id: str, outcome: providers.Outcome) -> RefundItem:
    """Apply the provider's word to a pending refund, once."""

    def decide() -> RefundItem:
        item = get(RefundItem, account_pk(agency_id, client_id), f"REFUND#{refund_id}")
        if item.status != domain.PENDING or outcome.status == domain.PENDING:
            return item
        payment = _load_payment(agency_id, client_id, item.payment_id)
        amount, version = int(item.amount), int(payment.version)
        refunded = int(payment.refunded or 0) + (amount if outcome.status == domain.SUCCEEDED else 0)
        with Transaction(SERVICE) as tx:
            tx.update(RefundItem(item.pk, item.sk), actions=[RefundItem.status.set(outcome.status),
                                                            RefundItem.provider_ref.set(outcome.ref),
                                                            RefundItem.gsi1pk.remove(), RefundItem.gsi1sk.remove()],
                      condition=RefundItem.status == domain.PENDING)
            tx.update(PaymentItem(payment.pk, payment.sk), condition=PaymentItem.version == version, actions=[
                PaymentItem.refund_pending.set(max(int(payment.refund_pending or 0) - amount, 0)),
                PaymentItem.refunded.set(refunded), PaymentItem.version.set(version + 1)])
            if outcome.status == domain.SUCCEEDED:
                invoice = find_invoice(agency_id, payment.invoice_id, client_id)
                state, entry = domain.refund(invoice_state(invoice), amount)
                books = Books(tx, agency_id, client_id, payment.currency)
                books.entry(entry, invoice, payment_id=payment.payment_id, refund_id=refund_id, method=payment.method,
                            note=item.reason, entry_seq=item.seq, by=item.by)
                save_invoice(tx, invoice, state)
                books.close()
                refunded_event = PaymentRefunded(
                    payment_id=payment.payment_id, refund_id=refund_id, invoice_id=invoice.invoice_id,
                    invoice_number=invoice.number, client_id=client_id, amount=amount, refunded_total=refunded,
                    currency=payment.currency, method=payment.method, refunded_at=clock.now_iso())
                tx.publish(refunded_event.envelope(agency_id=agency_id, subject_id=payment.payment_id,
                                                   subject_version=version + 1))
        item.status, item.provider_ref = outcome.status, outcome.ref
        return item

    return retrying(decide)


def refund_view(item: RefundItem) -> dict:
    return {"refund_id": item.refund_id, "payment_id": item.payment_id, "amount": int(item.amount),
            "status": item.status, "reason": item.reason}
