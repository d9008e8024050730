"""Invoices: issued in turn from the agency's counter (by staff, or for an event's outcome), voided, read."""

from __future__ import annotations

from portalkit import clock
from portalkit.envelope import Envelope
from portalkit.errors import NotFound
from portalkit.idempotency import Idempotent
from portalkit.identity import Identity
from portalkit.store import Transaction, query_raw

from . import domain, roster
from .account import page, require_account
from .ledger import SERVICE, Books, invoice_state, new_id, save_invoice
from .models import (
    COUNTER_ATTEMPTS,
    COUNTER_SK,
    REF_SK,
    CounterItem,
    InvoiceItem,
    InvoiceRefItem,
    Item,
    LineItem,
    account_pk,
    agency_pk,
    get,
    invoice_partition,
    invoice_pk,
    retrying,
)
from .schemas import InvoiceIssued, InvoicePaid, InvoiceVoided
from .settings import load_settings

# -- issuing -------------------------------------------------------------------------------------------------------


def issue_manual(who: Identity, draft: domain.Draft, key: str | None, currency: str | None) -> tuple[int, dict]:
    """An invoice staff issue to a client, with the lines they wrote (their total at most the largest amount)."""
    domain.check_total(amount for _, amount in draft.lines)
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    if draft.service_id is not None:
        service = roster.load_service(who.agency_id, draft.service_id)
        if service is None:
            raise domain.UnknownService("service_id", f"No service {draft.service_id}.")
        if not roster.takes_part(service, draft.client_id):
            raise domain.NotAParticipant("client_id", "The client takes no part in this service.")
    request = {"draft": [draft.client_id, list(draft.lines), draft.service_id, draft.due_date],
               "currency": currency}

    def write(tx: Transaction) -> tuple[int, dict]:
        roster.require_client(who.agency_id, draft.client_id, "client_id")  # before a number is taken; on each try
        roster.still_a_client(tx, who.agency_id, draft.client_id)
        books = Books(tx, who.agency_id, draft.client_id, settings.currency)
        item = issue(tx, books, who.agency_id, draft)
        books.close()
        return 201, invoice_view(item, [LineItem(description=d, amount=a) for d, a in draft.lines])

    idem = Idempotent(SERVICE, who, "issue_invoice", key, request)
    return retrying(lambda: idem.run(write), attempts=COUNTER_ATTEMPTS, backoff=True)


def issue(tx: Transaction, books: Books, agency_id: str, draft: domain.Draft,
          cause: Envelope | None = None) -> InvoiceItem:
    """Add an invoice under the agency's next number, its lines and entries, the client's available credit applied
    (the counter is read last: the window for a lost race on it is short)."""
    available_credit = books.available_credit()
    number = _next_number(tx, agency_id)
    invoice_id = new_id("inv")
    state, (issued_entry, *credit_entries) = domain.issue(draft.total, available_credit)
    item = InvoiceItem(account_pk(agency_id, draft.client_id), f"INVOICE#{invoice_id}", invoice_id=invoice_id,
                       number=domain.format_number(number), client_id=draft.client_id, service_id=draft.service_id,
                       event_id=draft.event_id, fee=draft.fee, currency=books.currency, total=state.total,
                       balance=state.balance, paid=0, credited=state.credited, pending=0, status=state.status,
                       issued_at=books.at, due_date=draft.due_date, issued_by=draft.issued_by,
                       line_count=len(draft.lines), version=1)
    tx.save(item, condition=InvoiceItem.sk.does_not_exist())
    tx.save(InvoiceRefItem(invoice_pk(agency_id, invoice_id), REF_SK, client_id=draft.client_id))
    for n, (description, amount) in enumerate(draft.lines, start=1):
        tx.save(LineItem(invoice_pk(agency_id, invoice_id), f"LINE#{n:03d}", description=description, amount=amount))
    books.entry(issued_entry, item, by=draft.issued_by, lines=tuple(line for line, _ in draft.lines))
    for entry in credit_entries:
        books.entry(entry, item)
    issued = InvoiceIssued(invoice_id=invoice_id, number=item.number, client_id=draft.client_id,
                           service_id=draft.service_id, event_id=draft.event_id, total=state.total,
                           balance=state.balance, currency=books.currency, issued_at=books.at,
                           due_date=draft.due_date)
    tx.publish(issued.envelope(agency_id=agency_id, subject_id=invoice_id, subject_version=1, cause=cause))
    if state.balance == 0:
        publish_paid(tx, agency_id, item, cause)
    return item


def publish_paid(tx: Transaction, agency_id: str, item: InvoiceItem, cause: Envelope | None = None) -> None:
    """billing.invoice.paid, in the transaction that took the invoice's balance to zero."""
    paid = InvoicePaid(invoice_id=item.invoice_id, number=item.number, client_id=item.client_id,
                       service_id=item.service_id, total=int(item.total), paid=int(item.paid or 0),
                       credited=int(item.credited or 0), currency=item.currency, paid_at=clock.now_iso())
    tx.publish(paid.envelope(agency_id=agency_id, subject_id=item.invoice_id, subject_version=int(item.version),
                             cause=cause))


def _next_number(tx: Transaction, agency_id: str, count: int = 1) -> int:
    """Claim the next `count` invoice numbers: the counter moves only from the value read (no gaps, no repeats)."""
    counter = get(CounterItem, agency_pk(agency_id), COUNTER_SK)
    last = int(counter.last) if counter else 0
    condition = CounterItem.last == last if counter else CounterItem.pk.does_not_exist()
    tx.update(CounterItem(agency_pk(agency_id), COUNTER_SK), actions=[CounterItem.last.set(last + count)],
              condition=condition)
    return last + 1


# -- voids ---------------------------------------------------------------------------------------------------------


def void_invoice(who: Identity, invoice_id: str, reason: str | None) -> dict:
    client_id = find_invoice(who.agency_id, invoice_id).client_id

    def decide() -> dict:
        item = find_invoice(who.agency_id, invoice_id, client_id)
        with Transaction(SERVICE) as tx:
            books = Books(tx, who.agency_id, client_id, item.currency)
            void(tx, books, who.agency_id, item, reason, who.person_id)
            books.close()
        return invoice_view(item)

    return retrying(decide)


def void(tx: Transaction, books: Books, agency_id: str, item: InvoiceItem, reason: str | None, by: str | None,
         cause: Envelope | None = None) -> None:
    """Void an invoice in this transaction: its reversing entry, its state, billing.invoice.voided."""
    state, entry = domain.void(invoice_state(item))
    books.entry(entry, item, note=reason, by=by)
    save_invoice(tx, item, state, voided_at=books.at, void_reason=reason)
    voided = InvoiceVoided(invoice_id=item.invoice_id, number=item.number, client_id=item.client_id,
                           service_id=item.service_id, event_id=item.event_id, total=int(item.total),
                           currency=item.currency, reason=reason, voided_at=books.at)
    tx.publish(voided.envelope(agency_id=agency_id, subject_id=item.invoice_id, subject_version=int(item.version),
                               cause=cause))


# -- reads ---------------------------------------------------------------------------------------------------------


def find_invoice(agency_id: str, invoice_id: str, client_id: str | None = None) -> InvoiceItem:
    """An invoice of the agency (of this client, if given); 404 otherwise."""
    if client_id is None:
        ref = get(InvoiceRefItem, invoice_pk(agency_id, invoice_id), REF_SK)
        if ref is None:
            raise NotFound(f"No invoice {invoice_id}.")
        client_id = ref.client_id
    item = get(InvoiceItem, account_pk(agency_id, client_id), f"INVOICE#{invoice_id}")
    if item is None:
        raise NotFound(f"No invoice {invoice_id}.")
    return item


def open_invoices(agency_id: str, client_id: str) -> list[InvoiceItem]:
    """The client's invoices with something left to pay, oldest first."""
    found = InvoiceItem.query(account_pk(agency_id, client_id), InvoiceItem.sk.startswith("INVOICE#"),
                              filter_condition=InvoiceItem.status.is_in(domain.OPEN, domain.PARTIALLY_PAID),
                              consistent_read=True)
    return [item for item in found if invoice_state(item).payable > 0]


def invoice_view(item: InvoiceItem, lines: list[LineItem] | None = None) -> dict:
    view = {"invoice_id": item.invoice_id, "number": item.number, "client_id": item.client_id,
            "service_id": item.service_id, "event_id": item.event_id, "currency": item.currency,
            "total": int(item.total), "balance": int(item.balance), "paid": int(item.paid or 0),
            "credited": int(item.credited or 0), "payment_pending": int(item.pending or 0), "status": item.status,
            "issued_at": item.issued_at, "due_date": item.due_date, "voided_at": item.voided_at,
            "void_reason": item.void_reason}
    if lines is not None:
        view["lines"] = [{"description": line.description, "amount": int(line.amount)} for line in lines]
    return view


def list_invoices(agency_id: str, client_id: str, service_id: str | None, status: str | None,
                  cursor: str | None, staff: bool = False) -> dict:
    """One Query of the account's invoices, newest first, filtered by service and status (for staff, of a client's
    account only)."""
    if staff:
        require_account(agency_id, client_id)
    condition = None
    if service_id is not None:
        condition = InvoiceItem.service_id == service_id
    if status is not None:
        by_status = InvoiceItem.status == status
        condition = by_status if condition is None else condition & by_status
    items, next_cursor = page(InvoiceItem, agency_id, client_id, "INVOICE#", cursor, condition)
    return {"invoices": [invoice_view(item) for item in items], "cursor": next_cursor}


def get_invoice(agency_id: str, invoice_id: str, client_id: str | None) -> dict:
    """Two reads: the invoice (of this client, for a client) and its lines."""
    item = find_invoice(agency_id, invoice_id, client_id) if client_id else None
    if item is None:  # staff: the ref names the client; the lines share its partition
        found, _ = query_raw(Item, invoice_pk(agency_id, invoice_id))
        owner, lines = invoice_partition(found)
        if owner is None:
            raise NotFound(f"No invoice {invoice_id}.")
        item = find_invoice(agency_id, invoice_id, owner)
    else:
        lines = list(LineItem.query(invoice_pk(agency_id, invoice_id), LineItem.sk.startswith("LINE#"),
                                    consistent_read=True))
    return invoice_view(item, lines)
