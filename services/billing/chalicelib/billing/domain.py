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

from portalkit import wallclock
from portalkit.errors import Conflict, InvalidField, changed

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

# The ledger's entries (`Movement.kind`): what moved an account's or an invoice's balance (and VOID, a void's).
INVOICE, PAYMENT, CREDIT, CREDIT_APPLIED, REFUND = "invoice", "payment", "credit", "credit_applied", "refund"

# What an event's outcome costs: the fee schedule's field for it.
EVENT_FEE, NO_SHOW_FEE, LATE_CANCEL_FEE = "event_fee", "no_show_fee", "late_cancel_fee"
FEE_KINDS = (EVENT_FEE, NO_SHOW_FEE, LATE_CANCEL_FEE)
FEE_LABELS = {EVENT_FEE: "Session", NO_SHOW_FEE: "Missed session (no-show)",
              LATE_CANCEL_FEE: "Late cancellation"}



# -- errors: each rule's refusal, with the status and code clients see (the kit's API maps them to HTTP) ----------


class TotalTooLarge(InvalidField):
    """An invoice's lines add up to more than MAX_AMOUNT."""


class UnknownCurrency(InvalidField):
    """Not an active ISO 4217 code."""


class WrongCurrency(InvalidField):
    """An amount given in a currency other than the agency's."""

    code = "wrong_currency"


class UnknownClient(InvalidField):
    """Staff named someone who is not a client of the agency."""

    code = "unknown_client"


class UnknownService(InvalidField):
    """An invoice names a service billing has not heard of."""


class NotAParticipant(InvalidField):
    """An invoice for a service names a client who takes no part in it."""


class UnknownInvoice(InvalidField):
    """A credit names an invoice the client does not have."""


class AmountExceedsBalance(InvalidField):
    """A payment or credit for more than the invoice still needs."""

    code = "amount_exceeds_balance"


class AmountExceedsRefundable(InvalidField):
    """A refund of more than is left of the payment."""

    code = "amount_exceeds_refundable"


class MissingIdempotencyKey(InvalidField):
    """A client's payment without its Idempotency-Key (a retry could otherwise charge twice)."""

    code = "missing_idempotency_key"


class ConcurrentChange(Conflict):
    """Another change of the same invoice or account kept coming first."""

    code = "conflict"


class CurrencyLocked(Conflict):
    """The agency's currency cannot change once invoices exist (an account never mixes currencies)."""

    code = "currency_locked"


class InvoiceVoid(Conflict):
    code = "invoice_void"


class InvoiceHasPayments(Conflict):
    """A paid or partly paid invoice cannot be voided: its payments are refunded first."""

    code = "invoice_paid"


class PaymentPending(Conflict):
    """A payment of the invoice is with the provider."""

    code = "payment_pending"


class PaymentsDisabled(Conflict):
    code = "payments_disabled"


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"


class PaymentNotReceived(Conflict):
    code = "payment_not_received"


class PaymentRefundedInFull(Conflict):
    code = "payment_refunded"


# -- the agency's settings and currency ----------------------------------------------------------------------------


class Settings(Struct, frozen=True):
    """The agency's billing settings: its currency, and whether (and through which provider) clients pay online."""

    currency: str = DEFAULT_CURRENCY
    payments_enabled: bool = False
    provider: str = "sandbox"
    version: int = 0

    def view(self) -> dict:
        return {"currency": self.currency, "payments_enabled": self.payments_enabled, "provider": self.provider,
                "version": self.version}

    @property
    def offers_stripe(self) -> bool:
        """Whether the portal collects cards with Stripe's own Payment Element (Stripe, with payments on)."""
        return self.provider == "stripe" and self.payments_enabled

    def change(self, changes: dict, expected_version: int) -> Settings:
        """The settings an admin's change made on `expected_version` leads to (two admins' edits never silently
        overwrite each other: a change made on an older version is refused)."""
        if expected_version != self.version:
            raise changed("settings")
        return Settings(**{**self.view(), **changes, "version": self.version + 1})


def publishable_key(stored) -> str | None:
    """The key Stripe.js needs, from what the agency's Stripe secret holds: a publishable key (`pk_...`) only, so a
    secret key stored by mistake is never handed to a browser."""
    return stored if isinstance(stored, str) and stored.startswith("pk_") else None


def check_currency_code(value: str, field: str = "currency") -> str:
    """An active ISO 4217 code (the agency's currency)."""
    if value not in CURRENCIES:
        raise UnknownCurrency(field, f"{field} must be an ISO 4217 code like USD.")
    return value


def check_currency(value, agency_currency: str, field: str = "currency") -> str:
    """A currency given with an amount must be the agency's (amounts are always in it)."""
    if value is not None and value != agency_currency:
        raise WrongCurrency(field, f"Amounts are in {agency_currency}, the agency's currency.")
    return agency_currency


# -- fees, and what an event's outcome costs whom --------------------------------------------------------------


class Fees(Struct, frozen=True):
    """A fee schedule: what each outcome of an event costs each of its clients, in minor units (None: no fee)."""

    event_fee: int | None = None
    no_show_fee: int | None = None
    late_cancel_fee: int | None = None

    def of(self, kind: str) -> int | None:
        return getattr(self, kind) or None

    def view(self) -> dict:
        return {EVENT_FEE: self.event_fee, NO_SHOW_FEE: self.no_show_fee, LATE_CANCEL_FEE: self.late_cancel_fee}


def fee_schedule(event_fee: int | None, no_show_fee: int | None, late_cancel_fee: int | None) -> Fees:
    """A fee schedule as staff set it: 0 is no fee, as null is."""
    return Fees(event_fee or None, no_show_fee or None, late_cancel_fee or None)


def resolve_fees(service_fees: Fees | None, agency_fees: Fees | None) -> tuple[Fees, str | None]:
    """The fees a service charges: its own, else the agency's default, else none; and which ("service", "agency",
    None)."""
    if service_fees is not None:
        return service_fees, "service"
    if agency_fees is not None:
        return agency_fees, "agency"
    return Fees(), None


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


class Charge(Struct, frozen=True):
    """What one client was charged for one event: the fee its outcome called for, the invoice that became, and the
    event's version it was decided on."""

    fee: str | None
    invoice_id: str | None
    version: int


class ChargeDecision(Struct, frozen=True):
    """What an event's newer outcome does to one client's charge for it."""

    fee: str | None  # the fee the charge records from now on
    invoice_id: str | None  # the invoice it keeps (None: none, or the one issued now)
    void: bool  # the old outcome's invoice is voided
    amount: int | None  # what a new invoice charges (None: no new invoice)
    disputed: bool  # the outcome changed, but the old invoice has payments (made or under way): staff decide


def charged_already(previous: Charge | None, version: int) -> bool:
    """This outcome, or a newer one, was charged already (a redelivery, or an older version arriving late)."""
    return previous is not None and previous.version >= version


def decide_charge(previous: Charge | None, invoice: Invoice | None, fee: str | None, fees: Fees) -> ChargeDecision:
    """A client's charge for an event's newer outcome (`invoice`: the one the previous outcome's charge issued): a
    charge for the same fee stands, and so does one whose invoice has payments, made or under way (staff decide: an
    invoice a card payment holds cannot be voided, and the payment may yet succeed); otherwise that invoice, unless
    void, is voided, and the fee the new outcome calls for is invoiced if the schedule has it."""
    has_payments = invoice is not None and (invoice.paid > 0 or invoice.pending > 0)
    keep = previous is not None and (previous.fee == fee or has_payments)
    if keep:
        return ChargeDecision(fee=previous.fee, invoice_id=previous.invoice_id, void=False, amount=None,
                              disputed=previous.fee != fee)
    return ChargeDecision(fee=fee, invoice_id=None, void=invoice is not None and not invoice.voided,
                          amount=None if fee is None else fees.of(fee), disputed=False)


def charge_line(fee: str, service_name: str | None, event: dict) -> str:
    """An event's invoice line: what it cost, for which service, and the event's day."""
    return f"{FEE_LABELS[fee]}: {'service' if service_name is None else service_name}{_day(event)}"


def _day(event: dict) -> str:
    """The event's date on its site's clock (`local_start`), else in UTC; an instant that names no day is left out."""
    for name in ("local_start", "start"):
        moment = wallclock.parse(event.get(name))
        if moment is not None:
            return f", {moment.date().isoformat()}"
    return ""


# -- invoices and the ledger's movements ---------------------------------------------------------------------------


class Draft(Struct, frozen=True):
    """An invoice about to be issued: whose, its lines (description, amount), and what it is for."""

    client_id: str
    lines: tuple[tuple[str, int], ...]
    service_id: str | None = None
    event_id: str | None = None
    fee: str | None = None
    due_date: str | None = None
    issued_by: str | None = None

    @property
    def total(self) -> int:
        return sum(amount for _, amount in self.lines)


def check_total(amounts) -> int:
    """An invoice's total: at most MAX_AMOUNT, like each of its lines."""
    total = sum(amounts)
    if total > MAX_AMOUNT:
        raise TotalTooLarge("lines", f"An invoice's total must be at most {MAX_AMOUNT}.")
    return total


def format_number(n: int) -> str:
    return f"INV-{n:06d}"


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


class Movement(Struct, frozen=True):
    """A ledger entry's money: `amount` on the account's balance, `invoice_amount` on its invoice's balance."""

    kind: str
    amount: int
    invoice_amount: int = 0


def issue(total: int, available_credit: int) -> tuple[Invoice, list[Movement]]:
    """A new invoice and its entries: the client's available credit pays what it can of it at once."""
    applied = min(available_credit, total)
    moves = [Movement(INVOICE, total, total)] + ([Movement(CREDIT_APPLIED, 0, -applied)] if applied else [])
    return Invoice(total=total, balance=total - applied, credited=applied), moves


def _payable(invoice: Invoice, amount: int, field: str) -> None:
    if invoice.voided:
        raise InvoiceVoid("The invoice is void.")
    if invoice.balance == 0:
        raise AmountExceedsBalance(field, "The invoice is paid in full.")
    if amount > invoice.payable:
        pending = f" ({invoice.pending} is being paid already)" if invoice.pending else ""
        raise AmountExceedsBalance(field, f"{field} is more than the invoice's balance of {invoice.payable}{pending}.")


def hold(invoice: Invoice, amount: int) -> Invoice:
    """A payment sent to the provider holds its amount until the provider settles it."""
    _payable(invoice, amount, "amount")
    return replace(invoice, pending=invoice.pending + amount)


def release(invoice: Invoice, amount: int) -> Invoice:
    """A held payment the provider declined."""
    return replace(invoice, pending=max(invoice.pending - amount, 0))


def settle(invoice: Invoice, amount: int, held: bool) -> tuple[Invoice, Movement]:
    """A payment received: a held one always fits (its hold kept others out)."""
    if not held:
        _payable(invoice, amount, "amount")
    pending = max(invoice.pending - amount, 0) if held else invoice.pending
    return (replace(invoice, balance=invoice.balance - amount, paid=invoice.paid + amount, pending=pending),
            Movement(PAYMENT, -amount, -amount))


def apply_credit(invoice: Invoice, amount: int, field: str = "amount") -> tuple[Invoice, Movement]:
    """Available credit paying (part of) an invoice: the account's balance already counts it."""
    _payable(invoice, amount, field)
    return (replace(invoice, balance=invoice.balance - amount, credited=invoice.credited + amount),
            Movement(CREDIT_APPLIED, 0, -amount))


def refund(invoice: Invoice, amount: int) -> tuple[Invoice, Movement]:
    """Money given back: the invoice is owed again by that much (void or credit it to forgive it)."""
    return (replace(invoice, balance=invoice.balance + amount, paid=invoice.paid - amount),
            Movement(REFUND, amount, amount))


def void(invoice: Invoice) -> tuple[Invoice, Movement]:
    """A void reverses the invoice: the account owes its total less; credit applied to it becomes available."""
    if invoice.voided:
        raise InvoiceVoid("The invoice is void already.")
    if invoice.paid > 0:
        raise InvoiceHasPayments("A paid or partly paid invoice cannot be voided; refund its payments first.")
    if invoice.pending > 0:
        raise PaymentPending("A payment of this invoice is in progress.")
    return replace(invoice, balance=0, voided=True), Movement(VOID, -invoice.total, -invoice.balance)


# -- credits -------------------------------------------------------------------------------------------------------


def credit(amount: int) -> Movement:
    """A credit lowers what the client owes at once; it pays invoices as it is applied to them."""
    return Movement(CREDIT, -amount)


def credit_plan(amount: int, open_invoices: list[tuple[str, Invoice]], named: bool = False) -> list[tuple[str, int]]:
    """How a credit is applied: all of it to the invoice it names (no more than that still needs), else to the
    oldest open invoices first, each up to what it still needs; what is left stays available on the account."""
    if named:
        (invoice_id, invoice), = open_invoices
        apply_credit(invoice, amount)
        return [(invoice_id, amount)]
    plan, left = [], amount
    for invoice_id, invoice in open_invoices[:MAX_CREDIT_INVOICES]:
        if left == 0:
            break
        take = min(left, invoice.payable)
        if take > 0:
            plan.append((invoice_id, take))
            left -= take
    return plan


# -- refunds -------------------------------------------------------------------------------------------------------


def refund_amount(status: str, paid: int, refunded: int, refund_pending: int, amount: int | None) -> int:
    """What a refund of a payment gives back: the amount staff asked, else all that is left of the payment."""
    if status != SUCCEEDED:
        raise PaymentNotReceived("Only a received payment can be refunded.")
    left = paid - refunded - refund_pending
    if left == 0:
        raise PaymentRefundedInFull("The payment is refunded in full already.")
    if amount is None:
        return left
    if amount > left:
        raise AmountExceedsRefundable("amount", f"amount is more than the {left} of this payment that can still be "
                                                "refunded.")
    return amount


# -- an account's running balances ---------------------------------------------------------------------------------

_COUNTERS = {INVOICE: "invoiced", VOID: "invoiced", PAYMENT: "paid", REFUND: "refunded", CREDIT: "credited"}


class Balances(Struct, frozen=True):
    """An account's running sums, or a change of them: what the client owes (negative: in credit), credit not yet
    applied to an invoice, and the totals credited, invoiced (net of voids), paid and refunded."""

    balance: int = 0
    credit: int = 0
    credited: int = 0
    invoiced: int = 0
    paid: int = 0
    refunded: int = 0

    def moved(self, move: Movement) -> Balances:
        """The sums after one more entry: the balance by its amount, available credit by what it moved of an
        invoice's balance beyond the account's, and the total of its kind."""
        sums = {"balance": self.balance + move.amount, "credit": self.credit + move.invoice_amount - move.amount}
        counter = _COUNTERS.get(move.kind)
        if counter:
            sums[counter] = getattr(self, counter) + (-move.amount if move.kind in (PAYMENT, CREDIT) else move.amount)
        return replace(self, **sums)

    @property
    def credit_used(self) -> int:
        """How much available credit a change spends (it must be there)."""
        return max(-self.credit, 0)


# -- payments the provider has not confirmed -----------------------------------------------------------------------


def key_kept(created: int, now: int) -> bool:
    """Whether the provider surely still keeps a key first sent at `created`: sent again, it returns the first
    charge or refund, never a new one."""
    return now - created < KEY_WINDOW


def expired(created: int, now: int) -> bool:
    """Whether a payment pending since `created` is past its deadline: cancelled at the provider, not waited for."""
    return now - created >= PAYMENT_DEADLINE


ASK, CANCEL, GIVE_UP, WAIT = "ask", "cancel", "give_up", "wait"  # the sweep's steps for a pending payment


def sweep_step(created: int, now: int, ref: str | None, asked: bool = False) -> str:
    """What the sweep does next with a payment still pending (`ref`: the provider's id for its charge, if known;
    `asked`: the provider was asked in this run and still says pending). Before the deadline it asks; past it, it
    cancels the charge, and with no charge id it first asks (the charge made again under the key names it), then
    gives the payment up once the provider no longer surely keeps the key (it never acknowledged the charge), and
    until then waits for the next check."""
    if not asked and (not expired(created, now) or ref is None):
        return ASK
    if ref is not None:
        return CANCEL
    return WAIT if key_kept(created, now) else GIVE_UP


def webhook_matches(payment: tuple[str | None, str | None, int], provider: str, ref: str | None,
                    amount: int | None) -> bool:
    """Whether a verified webhook event is about this payment of ours (`payment`: its provider, charge id and amount):
    sent by the provider that took it, about its charge (once we know its id) and for its amount (where the event
    says one). Anything else is acknowledged and ignored, so another charge's news never settles it."""
    taken_by, charge, held = payment
    return taken_by == provider and charge in (None, ref) and amount in (None, held)


def next_check(created: int, now: int, deadline: int | None = None) -> int:
    """When to ask the provider again about a charge pending since `created`: the older, the less often (half its
    age, RECHECK_AFTER to MAX_RECHECK_INTERVAL), and on its deadline at the latest while that is ahead."""
    due = now + min(max((now - created) // 2, RECHECK_AFTER), MAX_RECHECK_INTERVAL)
    if deadline is not None and now < created + deadline:
        due = min(due, created + deadline)
    return due


# -- the Account History ---------------------------------------------------------------------------------------

HISTORY_KINDS = (INVOICE, VOID, PAYMENT, CREDIT, REFUND)  # the ledger entries that move the balance
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
