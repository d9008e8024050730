"""The billing table: key helpers, item classes, reads and retried writes (the only module that knows PynamoDB).

| pk                              | sk                         | item                                             |
|---------------------------------|----------------------------|--------------------------------------------------|
| AGENCY#<a>                      | SETTINGS                   | currency, payments on/off, provider              |
|                                 | FEES, FEES#<service>       | the agency's default fees, a service's own fees  |
|                                 | SERVICE#<service>          | the service's name and status (from requests)    |
|                                 | COUNTER#INVOICE            | the last invoice number given                    |
| AGENCY#<a>#CLIENT#<c>           | ACCOUNT                    | running balances of the client's account         |
|                                 | INVOICE#<invoice id>       | an invoice's head and running balance            |
|                                 | ENTRY#T#<seq> / ENTRY#I#<seq> | ledger entries (put once, never changed): T  |
|                                 |                            | payments, credits, refunds; I the rest           |
|                                 | HISTORY#<position>         | the Account History: each entry that moved the   |
|                                 |                            | balance, in the order written, and the balance   |
|                                 |                            | after it (the account's `position` is the last)  |
|                                 | PAYMENT#<payment id>       | a payment (pending, succeeded, failed)           |
|                                 | REFUND#<refund id>         | a refund of a payment                            |
| AGENCY#<a>#INVOICE#<id>         | REF, LINE#<nn>             | whose invoice it is; its lines                   |
| AGENCY#<a>#PAYMENT#<id>         | REF                        | whose payment it is                              |
| AGENCY#<a>#EVENT#<event id>     | CLIENT#<c>                 | which invoice an event's fee for a client became |
| AGENCY#<a>#PERSON#<p>           | PERSON                     | the person's role, from requests' roster         |

An account's partition holds everything a client's pages read, so each page is one or two calls.

While a client's payment or a refund is pending it also carries gsi1pk = PENDING#PAYMENT or PENDING#REFUND and
gsi1sk = <when the sweep should next ask the provider>#<id>; the write that settles it removes both, so the
sweep finds what is due with one Query per kind (the index holds only pending items).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, UnicodeSetAttribute

from portalkit import store
from portalkit.store import Gsi1, TableModel, TransactionCancelled, lost_race, table_meta

from . import domain

META = table_meta("billing")

SETTINGS_SK, DEFAULT_FEES_SK, COUNTER_SK, ACCOUNT_SK, REF_SK = "SETTINGS", "FEES", "COUNTER#INVOICE", "ACCOUNT", "REF"
MONEY_ENTRIES, INVOICE_ENTRIES = "ENTRY#T#", "ENTRY#I#"  # payments, credits, refunds | invoices, voids, applied credit
HISTORY = "HISTORY#"  # the Account History's lines, by position
PENDING_PAYMENTS, PENDING_REFUNDS = "PENDING#PAYMENT", "PENDING#REFUND"  # gsi1pk while pending


def agency_pk(agency_id: str) -> str:
    return f"AGENCY#{agency_id}"


def account_pk(agency_id: str, client_id: str) -> str:
    return f"AGENCY#{agency_id}#CLIENT#{client_id}"


def invoice_pk(agency_id: str, invoice_id: str) -> str:
    return f"AGENCY#{agency_id}#INVOICE#{invoice_id}"


def payment_pk(agency_id: str, payment_id: str) -> str:
    return f"AGENCY#{agency_id}#PAYMENT#{payment_id}"


def person_key(agency_id: str, person_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}#PERSON#{person_id}", "PERSON"


def event_pk(agency_id: str, event_id: str) -> str:
    return f"AGENCY#{agency_id}#EVENT#{event_id}"


def fees_sk(service_id: str | None) -> str:
    return f"FEES#{service_id}" if service_id else DEFAULT_FEES_SK


def due_sk(due_iso: str, item_id: str) -> str:
    """gsi1sk of a pending payment or refund: when the sweep should next ask about it, then its id."""
    return f"{due_iso}#{item_id}"


class Item(TableModel):
    Meta = META
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


class SettingsItem(Item):
    currency = UnicodeAttribute()
    payments_enabled = BooleanAttribute()
    provider = UnicodeAttribute()
    version = NumberAttribute()


class FeesItem(Item):
    event_fee = NumberAttribute(null=True)
    no_show_fee = NumberAttribute(null=True)
    late_cancel_fee = NumberAttribute(null=True)
    currency = UnicodeAttribute()
    version = NumberAttribute()


class ServiceItem(Item):
    """A service file as billing needs it: its name for invoice lines."""

    name = UnicodeAttribute()
    status = UnicodeAttribute()
    participant_ids = UnicodeSetAttribute(null=True)
    version = NumberAttribute()


class CounterItem(Item):
    """The agency's last invoice number; moved on only with a condition on its old value, with the invoice."""

    last = NumberAttribute()


class AccountItem(Item):
    """Running balances of a client's account, changed only by ADDs in the transaction of each ledger entry."""

    currency = UnicodeAttribute(null=True)
    balance = NumberAttribute(default=0)  # what the client owes (negative: in credit)
    invoiced = NumberAttribute(default=0)  # net of voids
    paid = NumberAttribute(default=0)
    refunded = NumberAttribute(default=0)
    credited = NumberAttribute(default=0)
    credit = NumberAttribute(default=0)  # credit not yet applied to an invoice
    position = NumberAttribute(null=True)  # the Account History's last line; moved only from the value read


class InvoiceItem(Item):
    invoice_id = UnicodeAttribute()
    number = UnicodeAttribute()
    client_id = UnicodeAttribute()
    service_id = UnicodeAttribute(null=True)
    event_id = UnicodeAttribute(null=True)
    fee = UnicodeAttribute(null=True)  # event, no_show, late_cancel for invoices from events
    currency = UnicodeAttribute()
    total = NumberAttribute()
    balance = NumberAttribute()
    paid = NumberAttribute(default=0)  # net of refunds
    credited = NumberAttribute(default=0)
    pending = NumberAttribute(default=0)  # held by payments the provider has not settled yet
    status = UnicodeAttribute()
    issued_at = UnicodeAttribute()
    due_date = UnicodeAttribute(null=True)
    issued_by = UnicodeAttribute(null=True)
    voided_at = UnicodeAttribute(null=True)
    void_reason = UnicodeAttribute(null=True)
    line_count = NumberAttribute()
    version = NumberAttribute()


class InvoiceRefItem(Item):
    client_id = UnicodeAttribute()


class LineItem(Item):
    description = UnicodeAttribute()
    amount = NumberAttribute()


class EntryItem(Item):
    """One ledger entry: put once with `attribute_not_exists`, never updated or deleted."""

    entry_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # invoice, payment, credit, credit_applied, refund, void
    amount = NumberAttribute()  # change of the account's balance
    invoice_id = UnicodeAttribute(null=True)
    invoice_amount = NumberAttribute(default=0)  # change of that invoice's balance
    invoice_number = UnicodeAttribute(null=True)
    currency = UnicodeAttribute()
    at = UnicodeAttribute()
    payment_id = UnicodeAttribute(null=True)
    refund_id = UnicodeAttribute(null=True)
    method = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    by = UnicodeAttribute(null=True)


def history_sk(position: int) -> str:
    return f"{HISTORY}{position:012d}"


class HistoryItem(Item):
    """A line of the Account History: a ledger entry that moved the balance, and the balance after it. Put once,
    in the entry's transaction, at the account's next position (so lines are in the order their writes committed)."""

    entry_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # invoice, void, payment, credit, refund
    amount = NumberAttribute()  # change of the account's balance (positive: owed more)
    balance = NumberAttribute()  # the account's balance after it
    currency = UnicodeAttribute()
    at = UnicodeAttribute()
    invoice_id = UnicodeAttribute(null=True)
    invoice_number = UnicodeAttribute(null=True)
    service_id = UnicodeAttribute(null=True)
    description = UnicodeAttribute()


class PaymentItem(Item):
    payment_id = UnicodeAttribute()
    invoice_id = UnicodeAttribute()
    invoice_number = UnicodeAttribute()
    amount = NumberAttribute()
    currency = UnicodeAttribute()
    method = UnicodeAttribute()
    provider = UnicodeAttribute(null=True)  # None for offline payments
    status = UnicodeAttribute()  # pending, succeeded, failed
    provider_ref = UnicodeAttribute(null=True)
    fingerprint = UnicodeAttribute(null=True)
    token = UnicodeAttribute(null=True)  # kept so that a retry can ask the provider again
    created_at = UnicodeAttribute()
    seq = UnicodeAttribute()  # orders its ledger entry
    settled_at = UnicodeAttribute(null=True)
    failure_code = UnicodeAttribute(null=True)
    failure_message = UnicodeAttribute(null=True)
    refunded = NumberAttribute(default=0)
    refund_pending = NumberAttribute(default=0)
    recorded_by = UnicodeAttribute(null=True)
    version = NumberAttribute()
    gsi1pk = UnicodeAttribute(null=True)  # PENDING_PAYMENTS while pending
    gsi1sk = UnicodeAttribute(null=True)
    by_due = Gsi1()  # sparse: pending payments by when they are next due for the sweep


class PaymentRefItem(Item):
    client_id = UnicodeAttribute()


class RefundItem(Item):
    refund_id = UnicodeAttribute()
    payment_id = UnicodeAttribute()
    amount = NumberAttribute()
    status = UnicodeAttribute()  # pending, succeeded, failed
    reason = UnicodeAttribute(null=True)
    fingerprint = UnicodeAttribute()
    provider_ref = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    seq = UnicodeAttribute()
    by = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute(null=True)  # PENDING_REFUNDS while pending
    gsi1sk = UnicodeAttribute(null=True)
    by_due = Gsi1()  # sparse: pending refunds by when they are next due for the sweep


class PersonItem(Item):
    """A person of the agency's roster as billing needs it (requests.person.*, newest version): staff invoice,
    credit and look up only the agency's clients."""

    role = UnicodeAttribute()
    version = NumberAttribute()


class ChargeItem(Item):
    """An event's fee for one client: the outcome (and event version) it was decided on, and its invoice."""

    fee = UnicodeAttribute(null=True)
    invoice_id = UnicodeAttribute(null=True)
    version = NumberAttribute()


# -- reads, and writes that lose a race ------------------------------------------------------------------------

ATTEMPTS = 5  # an API write that loses a race decides again this many times
COUNTER_ATTEMPTS = 30  # invoicing contends on the agency's counter: each loss is another's win


def get(model, pk: str, sk: str):
    """One item, read consistently; None when there is none."""
    return store.get(model, pk, sk, consistent_read=True)


def decoded(model, raws: list[dict]) -> list:
    """Items of one kind from a raw Query page (`store.query_raw`)."""
    return [model.from_raw_data(raw) for raw in raws]


def invoice_partition(raws: list[dict]) -> tuple[str | None, list]:
    """From a raw Query of an invoice's partition: whose invoice it is (None: no such invoice) and its lines."""
    ref = next((raw for raw in raws if raw["sk"]["S"] == REF_SK), None)
    lines = [LineItem.from_raw_data(raw) for raw in raws if raw["sk"]["S"].startswith("LINE#")]
    return (ref["client_id"]["S"] if ref else None), lines


def retrying(decide: Callable[[], object], attempts: int = ATTEMPTS, backoff: bool = False):
    """Run load-decide-commit again while a condition of its own loses a race."""
    for attempt in range(1, attempts + 1):
        try:
            return decide()
        except TransactionCancelled as error:
            if attempt == attempts or not lost_race(error):
                if lost_race(error):
                    raise domain.ConcurrentChange("Another change of the same invoice or account came first; try "
                                                  "again.") from None
                raise
            if backoff:
                time.sleep(random.uniform(0, min(0.4, 0.01 * 2**attempt)))  # exponential, with jitter
    raise AssertionError("unreachable")
