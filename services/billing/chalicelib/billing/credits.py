"""Credits staff give a client: applied to the invoice named or the oldest open ones, the rest kept for the next."""

from __future__ import annotations

from portalkit.errors import NotFound
from portalkit.idempotency import Idempotent
from portalkit.identity import Identity
from portalkit.store import Transaction

from . import domain, roster
from .invoices import find_invoice, open_invoices, publish_paid
from .ledger import SERVICE, Books, invoice_state, save_invoice
from .models import retrying
from .settings import load_settings


def issue_credit(who: Identity, client_id: str, amount: int, reason: str, invoice_id: str | None,
                 currency: str | None, key: str | None) -> tuple[int, dict]:
    """A credit lowers what the client owes: applied to the invoice named, else to the oldest open invoices;
    what is left stays on the account and is applied to the next invoices issued."""
    roster.require_client(who.agency_id, client_id)
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    if invoice_id is not None:
        try:
            find_invoice(who.agency_id, invoice_id, client_id)
        except NotFound:
            raise domain.UnknownInvoice("invoice_id", f"The client has no invoice {invoice_id}.") from None

    def write(tx: Transaction) -> tuple[int, dict]:
        roster.still_a_client(tx, who.agency_id, client_id)
        if invoice_id is not None:
            targets = [find_invoice(who.agency_id, invoice_id, client_id)]
        else:
            targets = open_invoices(who.agency_id, client_id)
        plan = domain.credit_plan(amount, [(t.invoice_id, invoice_state(t)) for t in targets],
                                  named=invoice_id is not None)  # 400 when more than the named invoice's balance
        by_id = {t.invoice_id: t for t in targets}
        books = Books(tx, who.agency_id, client_id, settings.currency)
        credit = books.entry(domain.credit(amount), note=reason, by=who.person_id)
        applied = []
        for target_id, take in plan:
            item = by_id[target_id]
            state, entry = domain.apply_credit(invoice_state(item), take)
            books.entry(entry, item)
            save_invoice(tx, item, state)
            if state.balance == 0:
                publish_paid(tx, who.agency_id, item)
            applied.append({"invoice_id": target_id, "number": item.number, "amount": take})
        books.close()
        return 201, {"credit_id": credit.entry_id, "client_id": client_id, "amount": amount,
                     "currency": settings.currency, "reason": reason, "applied": applied,
                     "unapplied": amount - sum(a["amount"] for a in applied)}

    request = {"client_id": client_id, "amount": amount, "reason": reason, "invoice_id": invoice_id}
    idem = Idempotent(SERVICE, who, "issue_credit", key, request)
    return retrying(lambda: idem.run(write))
