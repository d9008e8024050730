"""What billing's routes accept and answer, and the payloads it publishes: declared once, as types.

The routes (api.py) decode their input into these and are checked against their replies in tests; the service's
OpenAPI document and its event contracts (contracts/*.json) are generated from them (`make openapi`). Money is an
integer of minor units (cents) of the agency's ISO 4217 currency, never a float. Rules that need what is stored (the
agency's currency, what is left to pay, an invoice's total) stay in the domain and the use cases.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from portalkit.schema import (
    FIRST_YEAR,
    LAST_YEAR,
    Body,
    Cursor,
    Date,
    DateText,
    Id,
    Published,
    Query,
    Reply,
    UtcInstant,
    pattern,
    text,
)

from . import domain

CURRENCY = r"^[A-Z]{3}$"
Currency = pattern(CURRENCY, "must be an ISO 4217 code like USD", description="An ISO 4217 currency code, like USD.")
# Not a pattern: any currency but the agency's, well formed or not, answers 400 `wrong_currency`.
AgencyCurrency = Annotated[str, Meta(min_length=1, extra={"visible": True}, description=(
    "The agency's currency, if given (amounts are always in it; another answers 400 wrong_currency)."))]
Amount = Annotated[int, Meta(gt=0, le=domain.MAX_AMOUNT, description=(
    "A positive whole number of minor units (cents) of the agency's currency: 4500 is 45.00 USD."))]
Fee = Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description=(
    "Minor units (cents) of the agency's currency; 0 or null: no fee."))]
Money = Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description="Minor units (cents) of `currency`.")]
Sum = Annotated[int, Meta(ge=0, description="Minor units (cents) of `currency`, summed over the account.")]
Version = Annotated[int, Meta(ge=0)]
DueDate = Annotated[Date, Meta(description=f"A date, YYYY-MM-DD, in the years {FIRST_YEAR} to {LAST_YEAR}.")]
Reason = text(domain.MAX_REASON)
InvoiceNumber = Annotated[str, Meta(min_length=1, max_length=40, description="The invoice's number, like INV-000001.")]
Provider = Literal[domain.PROVIDERS]  # a subscript's tuple is its arguments: one literal per provider
Method = Literal[domain.METHODS]
OfflineMethod = Literal[domain.OFFLINE_METHODS]
InvoiceStatus = Literal[domain.STATUSES]
PaymentStatus = Literal[domain.PENDING, domain.SUCCEEDED, domain.FAILED]


# -- the agency's settings and fees ------------------------------------------------------------------------------


class SettingsChange(Body):
    """The agency's billing settings, changed on the version read (settings not named keep their value)."""

    version: Version
    currency: Currency | None = None
    payments_enabled: bool | None = None
    provider: Provider | None = None


class Settings(Reply):
    currency: Currency
    payments_enabled: bool
    provider: Provider
    version: Version


class FeesChange(Body):
    """A fee schedule: what each outcome of an event costs each of its clients (a fee left out is no fee)."""

    event_fee: Fee | None = None
    no_show_fee: Fee | None = None
    late_cancel_fee: Fee | None = None
    currency: AgencyCurrency | None = None


class Fees(Reply):
    """A fee schedule and where it comes from: the service's own, else the agency's default (or none set)."""

    service_id: str | None
    event_fee: Amount | None
    no_show_fee: Amount | None
    late_cancel_fee: Amount | None
    currency: Currency
    source: Literal["service", "agency"] | None


# -- invoices ----------------------------------------------------------------------------------------------------


class Line(Body):
    """One line of an invoice."""

    description: text(domain.MAX_DESCRIPTION)
    amount: Amount


class NewInvoice(Body):
    """An invoice staff issue to a client, with its lines (their total no more than the largest amount)."""

    client_id: Id
    lines: Annotated[list[Line], Meta(min_length=1, max_length=domain.MAX_LINES)]
    service_id: Id | None = None
    due_date: DueDate | None = None
    currency: AgencyCurrency | None = None


class Invoice(Reply):
    """An invoice and its money: what it charged, what is left to pay, how it was paid."""

    invoice_id: str
    number: InvoiceNumber
    client_id: str
    service_id: str | None
    event_id: str | None
    currency: Currency
    total: Money
    balance: Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description="What is left to pay.")]
    paid: Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description="Paid, net of refunds.")]
    credited: Money
    payment_pending: Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description=(
        "Held by payments the provider has not confirmed yet."))]
    status: InvoiceStatus
    issued_at: UtcInstant
    due_date: DateText | None
    voided_at: UtcInstant | None
    void_reason: str | None


class InvoiceLine(Reply):
    description: str
    amount: Amount


class InvoiceWithLines(Invoice):
    """An invoice with its lines."""

    lines: list[InvoiceLine]


class VoidReason(Body):
    """Why an unpaid invoice is voided (the body may be left out)."""

    reason: Reason | None = None


class InvoicePage(Query):
    service_id: Id | None = None
    status: InvoiceStatus | None = None
    cursor: Cursor | None = None


class Invoices(Reply):
    """A page of an account's invoices, newest first."""

    invoices: list[Invoice]
    cursor: str | None


# -- payments, credits and refunds -------------------------------------------------------------------------------


class OfflinePayment(Body):
    """A payment staff received outside the portal, against an invoice."""

    amount: Amount
    method: OfflineMethod
    reference: text(domain.MAX_REFERENCE) | None = None
    currency: AgencyCurrency | None = None


class CardPayment(Body):
    """A client's payment of (part of) one of their invoices through the agency's provider."""

    amount: Amount
    payment_token: text(domain.MAX_TOKEN, description=(
        "The provider's token or PaymentMethod id (the sandbox's: tok_visa, tok_chargeDeclined, tok_async)."))
    currency: AgencyCurrency | None = None


class Payment(Reply):
    """A payment: pending until the provider confirms it, then succeeded or failed (offline payments succeed)."""

    payment_id: str
    status: PaymentStatus
    invoice_id: str
    amount: Amount
    currency: Currency
    method: Method
    refunded: Money
    failure_code: str | None = None
    failure_message: str | None = None


class NewCredit(Body):
    """A credit to a client's account: applied to the invoice named, else to the oldest open invoices; what is left
    is applied to the next invoices issued."""

    amount: Amount
    reason: Reason
    invoice_id: Id | None = None
    currency: AgencyCurrency | None = None


class CreditApplied(Reply):
    invoice_id: str
    number: InvoiceNumber
    amount: Amount


class Credit(Reply):
    """A credit issued, and the invoices it paid (in part)."""

    credit_id: str
    client_id: str
    amount: Amount
    currency: Currency
    reason: str
    applied: list[CreditApplied]
    unapplied: Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description=(
        "What is left on the account for the next invoices."))]


class NewRefund(Body):
    """A refund of (part of) a received payment; without an amount, what is left of it (the body may be left out)."""

    amount: Amount | None = None
    reason: Reason | None = None


class Refund(Reply):
    refund_id: str
    payment_id: str
    amount: Amount
    status: PaymentStatus
    reason: str | None


class WebhookReceipt(Reply):
    """The provider's event was verified and taken in."""

    received: bool
    applied: Annotated[bool, Meta(description=(
        "Whether it settled one of our pending payments (false for a duplicate, an event about a payment settled "
        "already or of no payment of ours, and an event with nothing to settle)."))]


# -- accounts ----------------------------------------------------------------------------------------------------


class Account(Reply):
    """A client's account: running balances over all their invoices, payments, credits and refunds."""

    client_id: str
    currency: Currency
    balance: Annotated[int, Meta(description="What the client owes, in minor units; negative: the client is in "
                                             "credit.")]
    invoiced: Annotated[int, Meta(ge=0, description="Invoiced, net of voids.")]
    paid: Sum
    refunded: Sum
    credited: Sum
    credit_available: Annotated[int, Meta(ge=0, description="Credit not yet applied to an invoice.")]
    payments_enabled: Annotated[bool, Meta(description="Whether the client can pay online.")]
    provider: Annotated[Provider, Meta(description=(
        "Who takes the card: `sandbox` (test cards, no money moves) or `stripe` (Stripe's Payment Element collects "
        "the card)."))]
    publishable_key: Annotated[str | None, Meta(description=(
        "Stripe's publishable key (`pk_...`) for Stripe.js, where the provider is Stripe and the agency's Stripe "
        "secret holds one (`publishable_key`); else null."))]


class TransactionPage(Query):
    cursor: Cursor | None = None


class Transaction(Reply):
    """A payment, credit or refund on the account."""

    transaction_id: str
    type: Literal["payment", "credit", "refund"]
    amount: Amount
    currency: Currency
    at: UtcInstant
    invoice_id: str | None
    invoice_number: str | None
    payment_id: str | None
    refund_id: str | None
    method: Method | None
    note: str | None


class Transactions(Reply):
    """A page of an account's payments, credits and refunds, newest first."""

    transactions: list[Transaction]
    cursor: str | None


class HistoryPage(Query):
    service_id: Annotated[Id, Meta(description=(
        "Only the entries about this service's invoices (their balance stays the account's).")),
    ] | None = None
    cursor: Cursor | None = None


class HistoryEntry(Reply):
    """A line of the Account History: an entry that moved the client's balance, and the balance after it."""

    entry_id: str
    at: Annotated[UtcInstant, Meta(description="When it moved the balance (UTC).")]
    kind: Annotated[Literal[domain.HISTORY_KINDS], Meta(description=(
        "invoice (issued), void (an invoice voided), payment, credit, refund. A late cancellation's or no-show's "
        "fee is an invoice."))]
    amount: Annotated[int, Meta(ge=-domain.MAX_AMOUNT, le=domain.MAX_AMOUNT, description=(
        "How much it moved the balance, in minor units of `currency`: positive raises what the client owes (an "
        "invoice, a refund), negative lowers it (a payment, a credit, a void)."))]
    currency: Currency
    invoice_id: Annotated[str | None, Meta(description="The invoice it concerns (none for a credit to the account).")]
    invoice_number: InvoiceNumber | None
    service_id: Annotated[str | None, Meta(description="The service of that invoice, where it has one.")]
    description: str
    balance: Annotated[int, Meta(description=(
        "The account's balance after it, in minor units: what the client owes; negative: the client is in credit "
        "(as the account's balance). The newest entry's is the account's balance; each is the previous one's plus "
        "`amount`."))]


class History(Reply):
    """A page of the Account History, newest first: invoices, voids, payments, credits and refunds with the
    running balance after each."""

    entries: list[HistoryEntry]
    cursor: str | None


# -- what billing publishes --------------------------------------------------------------------------------------


class InvoiceIssued(Published):
    """An invoice was issued to a client. Amounts are integer minor units of `currency`. subject_id is the
    invoice_id."""

    event_type: ClassVar[str] = "billing.invoice.issued"

    invoice_id: Id
    number: InvoiceNumber
    client_id: Id
    total: Money
    currency: Currency
    issued_at: UtcInstant
    service_id: Id | None = None
    event_id: Id | None = None
    due_date: DateText | None = None
    balance: Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description=(
        "What is left to pay once the client's available credit is applied."))] | UnsetType = UNSET


class InvoicePaid(Published):
    """An invoice's balance reached zero (by payments, by credit, or both). Amounts are integer minor units of
    `currency`. subject_id is the invoice_id and subject_version the invoice's version."""

    event_type: ClassVar[str] = "billing.invoice.paid"

    invoice_id: Id
    number: InvoiceNumber
    client_id: Id
    total: Money
    currency: Currency
    paid_at: UtcInstant
    service_id: Id | None = None
    paid: Money | UnsetType = UNSET
    credited: Money | UnsetType = UNSET


class InvoiceVoided(Published):
    """An unpaid invoice was voided: a reversing ledger entry cancels what it charged (credit applied to it becomes
    available again). subject_id is the invoice_id and subject_version the invoice's version."""

    event_type: ClassVar[str] = "billing.invoice.voided"

    invoice_id: Id
    number: InvoiceNumber
    client_id: Id
    total: Money
    currency: Currency
    voided_at: UtcInstant
    service_id: Id | None = None
    event_id: Id | None = None
    reason: Reason | None = None


class PaymentReceived(Published):
    """A payment settled against an invoice (`method`: card through the agency's provider, or an offline method).
    Amounts are integer minor units of `currency`. subject_id is the payment_id."""

    event_type: ClassVar[str] = "billing.payment.received"

    payment_id: Id
    invoice_id: Id
    client_id: Id
    amount: Amount
    currency: Currency
    method: Method
    invoice_number: InvoiceNumber | UnsetType = UNSET
    received_at: UtcInstant | UnsetType = UNSET
    invoice_balance: Annotated[int, Meta(ge=0, le=domain.MAX_AMOUNT, description=(
        "What is left to pay of the invoice after this payment."))] | UnsetType = UNSET


class PaymentFailed(Published):
    """A client's online payment failed: the provider declined it, or it was not confirmed within an hour and was
    cancelled at the provider (failure_code payment_expired). Nothing was charged; the amount it held on the invoice
    is released. subject_id is the payment_id."""

    event_type: ClassVar[str] = "billing.payment.failed"

    payment_id: Id
    invoice_id: Id
    client_id: Id
    amount: Money
    currency: Currency
    failure_code: Annotated[str, Meta(min_length=1, max_length=100)]
    invoice_number: InvoiceNumber | UnsetType = UNSET
    failed_at: UtcInstant | UnsetType = UNSET


class PaymentRefunded(Published):
    """(Part of) a received payment was given back to the client through the provider that took it (or by hand for
    offline methods); the invoice is owed again by `amount`. Amounts are integer minor units of `currency`.
    subject_id is the payment_id."""

    event_type: ClassVar[str] = "billing.payment.refunded"

    payment_id: Id
    refund_id: Id
    invoice_id: Id
    client_id: Id
    amount: Money
    refunded_total: Money
    currency: Currency
    invoice_number: InvoiceNumber | UnsetType = UNSET
    method: Method | UnsetType = UNSET
    refunded_at: UtcInstant | UnsetType = UNSET
