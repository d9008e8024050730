"""Pure rules of the billing service: no AWS, no I/O.

Money is an integer of minor units (cents) and the agency's ISO 4217 currency, never a float.
An account's balance is what the client owes (negative: the client is in credit). Every money movement
is a ledger entry with two effects: `amount` on the account's balance and `invoice_amount` on one
invoice's balance. Credit not yet applied to an invoice is the sum of `invoice_amount - amount`, so

    account balance == sum of invoice balances - available credit

holds after every entry, and the running balances kept beside the entries are sums of them.
"""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from portalkit.errors import BadRequest, Conflict

# Active ISO 4217 codes (2026).
CURRENCIES = frozenset((
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD",
    "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP",
    "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
    "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB",
    "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND",
    "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
))

MAX_AMOUNT = 10**10  # 100 million in a two-decimal currency: anything above is a typo
MAX_LINES = 50  # an invoice and its lines are written in one transaction (100 items)
MAX_CREDIT_INVOICES = 25  # a credit is applied to at most this many open invoices at once
MAX_DESCRIPTION = 200  # an invoice line's description
MAX_REASON = 500  # why staff voided, credited or refunded
MAX_REFERENCE = 100  # an offline payment's reference (a cheque number, a transfer's id)
MAX_TOKEN = 255  # a provider's payment token or PaymentMethod id
CARD = "card"  # paid online through the agency's provider
OFFLINE_METHODS = ("cash", "cheque", "transfer", "other")
METHODS = (CARD, *OFFLINE_METHODS)
PROVIDERS = ("sandbox", "stripe")
DEFAULT_CURRENCY = "USD"

OPEN, PARTIALLY_PAID, PAID, VOID = "open", "partially_paid", "paid", "void"
STATUSES = (OPEN, PARTIALLY_PAID, PAID, VOID)
PENDING, SUCCEEDED, FAILED = "pending", "succeeded", "failed"

# Payments and refunds the provider has not confirmed: the sweep asks again, then gives payments up (sweep.py).
RECHECK_AFTER = 5 * 60  # the first check: the client's own call and the webhook have had their chance
MAX_RECHECK_INTERVAL = 30 * 60  # later checks come at half the charge's age, at most this far apart
PAYMENT_DEADLINE = 60 * 60  # a payment still unconfirmed is cancelled at the provider and failed
KEY_WINDOW = 23 * 3600  # Stripe keeps an idempotency key at least 24 hours: we re-send ours only within this
PAYMENT_EXPIRED, REFUND_UNCONFIRMED = "payment_expired", "refund_unconfirmed"

# What an event's outcome costs: the fee schedule's field for it.
EVENT_FEE, NO_SHOW_FEE, LATE_CANCEL_FEE = "event_fee", "no_show_fee", "late_cancel_fee"
FEE_KINDS = (EVENT_FEE, NO_SHOW_FEE, LATE_CANCEL_FEE)
FEE_LABELS = {EVENT_FEE: "Session", NO_SHOW_FEE: "Missed session (no-show)",
              LATE_CANCEL_FEE: "Late cancellation"}


def check_total(amounts) -> int:
    """An invoice's total: at most MAX_AMOUNT, like each of its lines."""
    total = sum(amounts)
    if total > MAX_AMOUNT:
        raise BadRequest("lines", f"An invoice's total must be at most {MAX_AMOUNT}.")
    return total


def fee_schedule(event_fee: int | None, no_show_fee: int | None, late_cancel_fee: int | None) -> Fees:
    """A fee schedule as staff set it: 0 is no fee, as null is."""
    return Fees(event_fee or None, no_show_fee or None, late_cancel_fee or None)


def check_currency_code(value: str, field: str = "currency") -> str:
    """An active ISO 4217 code (the agency's currency)."""
    if value not in CURRENCIES:
        raise BadRequest(field, f"{field} must be an ISO 4217 code like USD.")
    return value


def check_currency(value, agency_currency: str, field: str = "currency") -> str:
    """A currency given with an amount must be the agency's (amounts are always in it)."""
    if value is not None and value != agency_currency:
        raise BadRequest(field, f"Amounts are in {agency_currency}, the agency's currency.", code="wrong_currency")
    return agency_currency


def format_number(n: int) -> str:
    return f"INV-{n:06d}"


def fees_for_outcome(event_type: str, data: dict) -> dict[str, str | None]:
    """What an event's outcome costs each client whose charge it decides: client_id -> fee (None: nothing).

    Attended: every client the event fee; no-show: every client the no-show fee. A late cancellation is the
    client's doing, never the worker's: `late_fee` (set by requests) says whether one is owed; the client who
    cancelled pays it (no other client of the event), or every client when staff chose to charge it. An event
    from before `late_fee` owes it when it was `late` and a client cancelled (who, it cannot say: every client,
    as then). An attendee who left (`requests.event.attendee_left`) decides only their own charge.
    """
    outcome = event_type.rsplit(".", 1)[1]
    clients = sorted({c for c in data.get("client_ids") or () if isinstance(c, str) and c})
    if outcome == "attended":
        return dict.fromkeys(clients, EVENT_FEE)
    if outcome == "no_show":
        return dict.fromkeys(clients, NO_SHOW_FEE)
    if outcome == "attendee_left":
        leaver = data.get("client_id")
        return {leaver: LATE_CANCEL_FEE if data.get("late_fee") is True else None} if leaver else {}
    if outcome != "cancelled":
        return {}
    if "late_fee" not in data:
        owed = data.get("late") is True and data.get("cancelled_by") == "client"
        return dict.fromkeys(clients, LATE_CANCEL_FEE if owed else None)
    if data["late_fee"] is not True:
        return dict.fromkeys(clients, None)
    if data.get("cancelled_by") != "client":  # staff chose to charge it
        return dict.fromkeys(clients, LATE_CANCEL_FEE)
    payer = data.get("cancelled_by_id") or data.get("requested_by")
    return {client: LATE_CANCEL_FEE if client == payer else None for client in clients}


class Fees(Struct, frozen=True):
    event_fee: int | None = None
    no_show_fee: int | None = None
    late_cancel_fee: int | None = None

    def of(self, kind: str) -> int | None:
        return getattr(self, kind) or None

    def view(self) -> dict:
        return {EVENT_FEE: self.event_fee, NO_SHOW_FEE: self.no_show_fee, LATE_CANCEL_FEE: self.late_cancel_fee}


class Invoice(Struct, frozen=True):
    """An invoice's money: its running balance and how it came about."""

    total: int
    balance: int
    paid: int = 0  # net of refunds
    credited: int = 0
    pending: int = 0  # held by unsettled payments
    voided: bool = False

    @property
    def status(self) -> str:
        if self.voided:
            return VOID
        if self.balance == 0:
            return PAID
        return OPEN if self.balance == self.total else PARTIALLY_PAID

    @property
    def payable(self) -> int:
        """What a new payment may still cover."""
        return 0 if self.voided else self.balance - self.pending


def _payable(invoice: Invoice, amount: int, field: str) -> None:
    if invoice.voided:
        raise Conflict("The invoice is void.", code="invoice_void")
    if invoice.balance == 0:
        raise BadRequest(field, "The invoice is paid in full.", code="amount_exceeds_balance")
    if amount > invoice.payable:
        pending = f" ({invoice.pending} is being paid already)" if invoice.pending else ""
        raise BadRequest(field, f"{field} is more than the invoice's balance of {invoice.payable}{pending}.",
                         code="amount_exceeds_balance")


def hold(invoice: Invoice, amount: int) -> Invoice:
    """A payment sent to the provider holds its amount until the provider settles it."""
    _payable(invoice, amount, "amount")
    return replace(invoice, pending=invoice.pending + amount)


def release(invoice: Invoice, amount: int) -> Invoice:
    """A held payment the provider declined."""
    return replace(invoice, pending=max(invoice.pending - amount, 0))


def settle(invoice: Invoice, amount: int, held: bool) -> Invoice:
    """A payment received: a held one always fits (its hold kept others out)."""
    if not held:
        _payable(invoice, amount, "amount")
    pending = max(invoice.pending - amount, 0) if held else invoice.pending
    return replace(invoice, balance=invoice.balance - amount, paid=invoice.paid + amount, pending=pending)


def apply_credit(invoice: Invoice, amount: int, field: str = "amount") -> Invoice:
    _payable(invoice, amount, field)
    return replace(invoice, balance=invoice.balance - amount, credited=invoice.credited + amount)


def refund(invoice: Invoice, amount: int) -> Invoice:
    """Money given back: the invoice is owed again by that much (void or credit it to forgive it)."""
    return replace(invoice, balance=invoice.balance + amount, paid=invoice.paid - amount)


def void(invoice: Invoice) -> tuple[Invoice, int, int]:
    """(invoice, account change, invoice change): a void reverses the invoice; applied credit becomes available."""
    if invoice.voided:
        raise Conflict("The invoice is void already.", code="invoice_void")
    if invoice.paid > 0:
        raise Conflict("A paid or partly paid invoice cannot be voided; refund its payments first.",
                       code="invoice_paid")
    if invoice.pending > 0:
        raise Conflict("A payment of this invoice is in progress.", code="payment_pending")
    return replace(invoice, balance=0, voided=True), -invoice.total, -invoice.balance


def credit_plan(amount: int, open_invoices: list[tuple[str, Invoice]]) -> list[tuple[str, int]]:
    """How a credit is applied: to the oldest open invoices first, each up to what it still needs."""
    plan, left = [], amount
    for invoice_id, invoice in open_invoices[:MAX_CREDIT_INVOICES]:
        if left == 0:
            break
        take = min(left, invoice.payable)
        if take > 0:
            plan.append((invoice_id, take))
            left -= take
    return plan


def refundable(paid: int, refunded: int, refund_pending: int, amount: int) -> None:
    left = paid - refunded - refund_pending
    if amount > left:
        raise BadRequest("amount", f"amount is more than the {left} of this payment that can still be refunded.",
                         code="amount_exceeds_refundable")


def next_check(created: int, now: int, deadline: int | None = None) -> int:
    """When to ask the provider again about a charge pending since `created`: the older, the less often (half its
    age, RECHECK_AFTER to MAX_RECHECK_INTERVAL), and on its deadline at the latest while that is ahead."""
    due = now + min(max((now - created) // 2, RECHECK_AFTER), MAX_RECHECK_INTERVAL)
    if deadline is not None and now < created + deadline:
        due = min(due, created + deadline)
    return due


# -- the Account History ---------------------------------------------------------------------------------------

HISTORY_KINDS = ("invoice", "void", "payment", "credit", "refund")  # the ledger entries that move the balance
METHOD_WORDS = {CARD: "card", "cash": "cash", "cheque": "cheque", "transfer": "transfer", "other": "other means"}


def history_description(kind: str, number: str | None = None, method: str | None = None, note: str | None = None,
                        lines: tuple[str, ...] = ()) -> str:
    """A line of the Account History in words: what moved the balance, and about which invoice."""
    invoice = f"invoice {number}" if number else "an invoice"
    by = f" by {METHOD_WORDS.get(method, method)}" if method else ""
    reason = f": {note}" if note else ""
    if kind == "invoice":
        more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
        return f"Invoice {number}" + (f": {lines[0]}{more}" if lines else "")
    if kind == "void":
        return f"Invoice {number} voided{reason}"
    if kind == "payment":
        return f"Payment of {invoice}{by}"
    if kind == "refund":
        return f"Refund of a payment of {invoice}{by}{reason}"
    return f"Credit{reason}"
