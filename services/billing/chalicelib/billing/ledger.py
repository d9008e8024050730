"""The ledger's writes: entries put once, and the running balances they move, in the same transaction.

`Books` collects the entries of one transaction and ends with the account's single update (DynamoDB lets a
transaction touch an item once): ADDs of the entries' sums, and, where available credit is used, the
condition that it is there. Invoice balances are set by `save_invoice`, conditional on the version read.
Nothing here ever updates or deletes an entry.

Each entry that moves the balance also puts a line of the Account History at the account's next position, with
the balance after it: the account's `position` and `balance` are read first and the update is conditional on the
position read, so one client's balance-moving writes are ordered (a loser reads again and retries, as for an
invoice's version) and every line's balance is the sum of the lines up to it.
"""

from __future__ import annotations

import secrets

from msgspec import structs

from portalkit import clock
from portalkit.store import Transaction

from . import domain
from .models import (
    ACCOUNT_SK,
    INVOICE_ENTRIES,
    MONEY_ENTRIES,
    AccountItem,
    EntryItem,
    HistoryItem,
    InvoiceItem,
    account_pk,
    get,
    history_sk,
)

SERVICE = "billing"
MONEY_KINDS = (domain.PAYMENT, domain.CREDIT, domain.REFUND)  # the client's "transactions"


def seq() -> str:
    """Sorts by the clock (to the nanosecond; a fixed clock counts calls), then at random; unique."""
    stamp = clock.now_ns()
    return f"{stamp // 10**9:010d}{stamp % 10**9:012d}{secrets.token_hex(3)}"


def new_id(prefix: str) -> str:
    return f"{prefix}_{seq()}"


def invoice_state(item: InvoiceItem) -> domain.Invoice:
    return domain.Invoice(total=int(item.total), balance=int(item.balance), paid=int(item.paid or 0),
                          credited=int(item.credited or 0), pending=int(item.pending or 0),
                          voided=item.status == domain.VOID)


def save_invoice(tx: Transaction, item: InvoiceItem, state: domain.Invoice, **fields) -> None:
    """Write an invoice's new money state, conditional on the version it was read at; bumps the version."""
    version = int(item.version)
    actions = [InvoiceItem.balance.set(state.balance), InvoiceItem.paid.set(state.paid),
               InvoiceItem.credited.set(state.credited), InvoiceItem.pending.set(state.pending),
               InvoiceItem.status.set(state.status), InvoiceItem.version.set(version + 1)]
    actions += [getattr(InvoiceItem, name).set(value) for name, value in fields.items()]
    tx.update(InvoiceItem(item.pk, item.sk), actions=actions, condition=InvoiceItem.version == version)
    item.version = version + 1
    item.balance, item.paid, item.credited, item.pending = state.balance, state.paid, state.credited, state.pending
    item.status = state.status
    for name, value in fields.items():
        setattr(item, name, value)


class Books:
    """The ledger entries of one transaction on one client's account."""

    def __init__(self, tx: Transaction, agency_id: str, client_id: str, currency: str):
        self.tx, self.agency_id, self.client_id, self.currency = tx, agency_id, client_id, currency
        self.changes = domain.Balances()  # what this transaction's entries add to the account's running sums
        self.written = 0
        self.at = clock.now_iso()
        self.lines: list[HistoryItem] = []  # the Account History's new lines, positioned on close
        self._account: AccountItem | None = None
        self._read = False

    def account(self) -> AccountItem | None:
        """The account as it stands before this transaction (read once, consistently)."""
        if not self._read:
            self._account = get(AccountItem, account_pk(self.agency_id, self.client_id), ACCOUNT_SK)
            self._read = True
        return self._account

    def available_credit(self) -> int:
        account = self.account()
        return int(account.credit or 0) if account else 0

    def entry(self, move: domain.Movement, invoice: InvoiceItem | None = None, *, entry_seq: str | None = None,
              lines: tuple[str, ...] = (), **fields) -> EntryItem:
        """Put one entry (about `invoice`, if given); one that moves the balance also gets a line of the Account
        History (`lines`: an invoice's line descriptions, for its description there)."""
        entry_seq = entry_seq or seq()
        service_id = None
        if invoice is not None:
            fields |= {"invoice_id": invoice.invoice_id, "invoice_number": invoice.number}
            service_id = invoice.service_id
        group = MONEY_ENTRIES if move.kind in MONEY_KINDS else INVOICE_ENTRIES
        entry = EntryItem(account_pk(self.agency_id, self.client_id), f"{group}{entry_seq}", entry_id=f"le_{entry_seq}",
                          kind=move.kind, amount=move.amount, invoice_amount=move.invoice_amount,
                          currency=self.currency, at=self.at, **fields)
        self.tx.save(entry, condition=EntryItem.sk.does_not_exist())
        if move.amount:
            number = fields.get("invoice_number")
            description = domain.history_description(move.kind, number, fields.get("method"), fields.get("note"),
                                                      lines)
            self.lines.append(HistoryItem(entry_id=entry.entry_id, kind=move.kind, amount=move.amount,
                                          currency=self.currency, at=self.at, invoice_id=fields.get("invoice_id"),
                                          invoice_number=number, service_id=service_id, description=description))
        self.changes = self.changes.moved(move)
        self.written += 1
        return entry

    def close(self) -> None:
        """The account's one update: ADD every sum; using credit needs that much of it to be there; new lines of the
        Account History take the next positions, on the condition that the position read is still the last."""
        pk = account_pk(self.agency_id, self.client_id)
        actions = [getattr(AccountItem, name).add(value) for name, value in sorted(structs.asdict(self.changes).items())
                   if value]
        actions.append(AccountItem.currency.set(AccountItem.currency | self.currency))
        used = self.changes.credit_used
        conditions = [AccountItem.credit >= used] if used > 0 else []
        if self.lines:
            account = self.account()
            position = int(account.position or 0) if account else 0
            balance = int(account.balance or 0) if account else 0
            conditions.append(AccountItem.position == position if position else AccountItem.position.does_not_exist())
            for line in self.lines:
                position, balance = position + 1, balance + int(line.amount)
                line.pk, line.sk, line.balance = pk, history_sk(position), balance
                self.tx.save(line, condition=HistoryItem.sk.does_not_exist())
            actions.append(AccountItem.position.set(position))
        condition = None
        for each in conditions:
            condition = each if condition is None else condition & each
        self.tx.update(AccountItem(pk, ACCOUNT_SK), actions=actions, condition=condition)

