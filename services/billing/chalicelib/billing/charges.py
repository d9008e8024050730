"""Charges for events' outcomes: each client of an attended, missed or late-cancelled event invoiced once."""

from __future__ import annotations

import logging

from portalkit.envelope import Envelope
from portalkit.store import Transaction, TransactionCancelled

from . import domain, invoices, roster
from .fees import load_fees
from .ledger import SERVICE, Books, invoice_state
from .models import ATTEMPTS, COUNTER_ATTEMPTS, ChargeItem, InvoiceItem, account_pk, event_pk, get, retrying
from .settings import load_settings

log = logging.getLogger(__name__)


def invoice_event(message: Envelope, tx: Transaction) -> None:
    """An event was attended, missed or cancelled, or a client left it: invoice each client whose charge that
    decides the fee it calls for (`domain.fees_for_outcome`).

    Each client's charge is its own transaction, keyed by (event, client) and by the event's version: a
    redelivery or an older version changes nothing; a newer outcome that costs something else voids the
    unpaid invoice of the older one and issues its own. The kit's transaction then only marks the message done.
    The clients are requests' (it puts only its roster's clients on events), so they are invoiced whether or not
    billing has heard of them yet: the person's message may come after this one.
    """
    data = message.data
    for client_id, fee in sorted(domain.fees_for_outcome(message.event_type, data).items()):
        for _ in range(ATTEMPTS):
            try:
                charge(message, client_id, fee)
                break
            except _Redecide:
                continue  # another delivery of this event charged the client meanwhile: look again
        else:
            raise domain.ConcurrentChange(f"Charging {client_id} for {data['event_id']} kept losing races.")


class _Redecide(Exception):
    """The charge item changed under us: decide again from what is stored."""


def charge(message: Envelope, client_id: str, fee: str | None) -> None:
    """Load what was charged, decide once what this client owes for this outcome (`domain.decide_charge`), commit,
    reading again only what contends."""
    agency_id, data, version = message.agency_id, message.data, message.subject_version
    key = (event_pk(agency_id, data["event_id"]), f"CLIENT#{client_id}")
    stored = get(ChargeItem, *key)
    previous = domain.Charge(stored.fee, stored.invoice_id, int(stored.version)) if stored is not None else None
    if domain.charged_already(previous, version):
        return
    old_key = (account_pk(agency_id, client_id), f"INVOICE#{previous.invoice_id}") if previous and previous.invoice_id \
        else None
    old = get(InvoiceItem, *old_key) if old_key else None
    settings = load_settings(agency_id)
    fees, _ = load_fees(agency_id, data["service_id"])
    decision = domain.decide_charge(previous, invoice_state(old) if old is not None else None, fee, fees)
    if decision.disputed:
        log.warning("event %s changed outcome for %s, but invoice %s has payments: staff decide", data["event_id"],
                    client_id, previous.invoice_id)
    draft = None
    if decision.amount:
        service = roster.load_service(agency_id, data["service_id"])
        line = domain.charge_line(fee, service.name if service else None, data)
        draft = domain.Draft(client_id=client_id, lines=((line, decision.amount),), service_id=data["service_id"],
                             event_id=data["event_id"], fee=fee)

    def commit() -> None:
        tx, charge_put = Transaction(SERVICE), None
        try:
            with tx:
                books = Books(tx, agency_id, client_id, settings.currency)
                invoice_id = decision.invoice_id
                if decision.void:
                    invoices.void(tx, books, agency_id, get(InvoiceItem, *old_key), "The event's outcome changed.",
                                  None, message)
                if draft is not None:
                    invoice_id = invoices.issue(tx, books, agency_id, draft, message).invoice_id
                if books.written:
                    books.close()
                item = ChargeItem(*key, fee=decision.fee, invoice_id=invoice_id, version=version)
                charge_put = tx.save_tracked(item, condition=ChargeItem.pk.does_not_exist() if previous is None
                                             else ChargeItem.version == previous.version)
        except TransactionCancelled as error:
            if charge_put is not None and tx.condition_failed(error, charge_put):
                raise _Redecide from None
            raise

    retrying(commit, attempts=COUNTER_ATTEMPTS, backoff=True)
