"""A client's account as they and staff read it: balances, transactions and the Account History, a page a Query."""

from __future__ import annotations

from portalkit.api import decode_cursor, encode_cursor, starting
from portalkit.errors import NotFound
from portalkit.store import query_raw

from . import roster
from .models import (
    ACCOUNT_SK,
    HISTORY,
    MONEY_ENTRIES,
    AccountItem,
    EntryItem,
    HistoryItem,
    Item,
    account_pk,
    decoded,
    get,
)
from .settings import load_settings, publishable_key

PAGE_SIZE = 50


def load_account(agency_id: str, client_id: str) -> AccountItem | None:
    return get(AccountItem, account_pk(agency_id, client_id), ACCOUNT_SK)


def require_account(agency_id: str, client_id: str) -> None:
    """Staff read the accounts of the agency's clients, and of anyone billed while they were one (who may still owe):
    anyone else answers 404, not an empty account."""
    if not roster.is_client(agency_id, client_id) and load_account(agency_id, client_id) is None:
        raise NotFound(f"No client {client_id}.")


def client_account(agency_id: str, client_id: str) -> dict:
    """Staff: a client's account (404 for anyone who is not, nor was, a client billed by the agency)."""
    require_account(agency_id, client_id)
    return account_view(agency_id, client_id)


def account_view(agency_id: str, client_id: str) -> dict:
    """Two reads: the account's running balances and the agency's settings."""
    account = load_account(agency_id, client_id)
    settings = load_settings(agency_id)
    value = (lambda name: int(getattr(account, name) or 0)) if account else (lambda name: 0)
    return {"client_id": client_id, "currency": account.currency if account and account.currency
            else settings.currency, "balance": value("balance"), "invoiced": value("invoiced"), "paid": value("paid"),
            "refunded": value("refunded"), "credited": value("credited"), "credit_available": value("credit"),
            "payments_enabled": settings.payments_enabled, "provider": settings.provider,
            "publishable_key": publishable_key(agency_id, settings)}


def page(model, agency_id: str, client_id: str, prefix: str, cursor: str | None, condition=None):
    """One Query call: a page of the account's items under `prefix`, newest first, and the next cursor."""
    start = decode_cursor(cursor, {"pk": account_pk(agency_id, client_id), "sk": starting(prefix)})
    found, last = query_raw(Item, account_pk(agency_id, client_id), Item.sk.startswith(prefix),
                            filter_condition=condition, forward=False, limit=PAGE_SIZE, start_key=start)
    return decoded(model, found), encode_cursor(last)


def transaction_view(entry: EntryItem) -> dict:
    return {"transaction_id": entry.entry_id, "type": entry.kind, "amount": abs(int(entry.amount)),
            "currency": entry.currency, "at": entry.at, "invoice_id": entry.invoice_id,
            "invoice_number": entry.invoice_number, "payment_id": entry.payment_id, "refund_id": entry.refund_id,
            "method": entry.method, "note": entry.note}


def list_transactions(agency_id: str, client_id: str, cursor: str | None, staff: bool = False) -> dict:
    """Payments, credits and refunds, newest first: one Query of the account's money entries (for staff, of a
    client's account only)."""
    if staff:
        require_account(agency_id, client_id)
    entries, next_cursor = page(EntryItem, agency_id, client_id, MONEY_ENTRIES, cursor)
    return {"transactions": [transaction_view(entry) for entry in entries], "cursor": next_cursor}


def history_view(line: HistoryItem) -> dict:
    return {"entry_id": line.entry_id, "at": line.at, "kind": line.kind, "amount": int(line.amount),
            "currency": line.currency, "invoice_id": line.invoice_id, "invoice_number": line.invoice_number,
            "service_id": line.service_id, "description": line.description, "balance": int(line.balance)}


def account_history(agency_id: str, client_id: str, service_id: str | None, cursor: str | None,
                    staff: bool = False) -> dict:
    """The Account History, newest first, with the balance after each line (stored with it, so any page is one Query
    and continues the one before); by service, a Query filter (for staff, of a client's account only)."""
    if staff:
        require_account(agency_id, client_id)
    condition = HistoryItem.service_id == service_id if service_id is not None else None
    lines, next_cursor = page(HistoryItem, agency_id, client_id, HISTORY, cursor, condition)
    return {"entries": [history_view(line) for line in lines], "cursor": next_cursor}
