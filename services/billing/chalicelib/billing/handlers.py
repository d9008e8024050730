"""Use cases of the billing service: load, decide, commit (with events) in one transaction.

Writes that lose a race (an invoice's or the counter's version moved) decide again at once, a few times.
Payments through providers are in `payments.py`.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable

from msgspec import Struct
from pynamodb.exceptions import DoesNotExist, TransactWriteError

from portalkit import clock, wallclock
from portalkit.api import decode_cursor, encode_cursor, starting
from portalkit.envelope import Envelope
from portalkit.errors import BadRequest, Conflict, NotFound, changed
from portalkit.idempotency import Idempotent
from portalkit.identity import Identity
from portalkit.store import Transaction, failed_conditions, newer_than_stored, query_raw

from . import domain
from .ledger import SERVICE, Books, invoice_state, new_id, save_invoice, seq
from .models import (
    ACCOUNT_SK,
    COUNTER_SK,
    HISTORY,
    MONEY_ENTRIES,
    REF_SK,
    SETTINGS_SK,
    AccountItem,
    ChargeItem,
    CounterItem,
    EntryItem,
    FeesItem,
    HistoryItem,
    InvoiceItem,
    InvoiceRefItem,
    Item,
    LineItem,
    PaymentItem,
    PaymentRefItem,
    PersonItem,
    ServiceItem,
    SettingsItem,
    account_pk,
    agency_pk,
    event_pk,
    fees_sk,
    invoice_pk,
    payment_pk,
    person_key,
)
from .schemas import InvoiceIssued, InvoicePaid, InvoiceVoided, PaymentReceived

log = logging.getLogger(__name__)

ATTEMPTS = 5  # an API write that loses a race decides again this many times
COUNTER_ATTEMPTS = 30  # invoicing contends on the agency's counter: each loss is another's win
PAGE_SIZE = 50


def _get(model, pk: str, sk: str):
    try:
        return model.get(pk, sk, consistent_read=True)
    except DoesNotExist:
        return None


def is_lost_race(error: TransactWriteError) -> bool:
    return any(failed_conditions(error)) or any(
        r and r.code == "TransactionConflict" for r in (error.cancellation_reasons or []))


def retrying(decide: Callable[[], object], attempts: int = ATTEMPTS, backoff: bool = False):
    """Run load-decide-commit again while a condition of its own loses a race."""
    for attempt in range(1, attempts + 1):
        try:
            return decide()
        except TransactWriteError as error:
            if attempt == attempts or not is_lost_race(error):
                if is_lost_race(error):
                    raise Conflict("Another change of the same invoice or account came first; try again.",
                                   code="conflict") from None
                raise
            if backoff:
                time.sleep(random.uniform(0, min(0.4, 0.01 * 2**attempt)))  # exponential, with jitter
    raise AssertionError("unreachable")


# -- the agency's settings and fees ------------------------------------------------------------------


class Settings(Struct, frozen=True):
    currency: str = domain.DEFAULT_CURRENCY
    payments_enabled: bool = False
    provider: str = "sandbox"
    version: int = 0

    def view(self) -> dict:
        return {"currency": self.currency, "payments_enabled": self.payments_enabled, "provider": self.provider,
                "version": self.version}


def load_settings(agency_id: str) -> Settings:
    item = _get(SettingsItem, agency_pk(agency_id), SETTINGS_SK)
    if item is None:
        return Settings()
    return Settings(item.currency, bool(item.payments_enabled), item.provider, int(item.version))


def get_settings(who: Identity) -> dict:
    return load_settings(who.agency_id).view()


def update_settings(who: Identity, changes: dict, expected_version: int) -> dict:
    """Change settings on the version read (two admins' edits never silently overwrite each other); the currency
    only while no invoice exists (an account never mixes currencies)."""
    from . import providers

    if "currency" in changes:
        domain.check_currency_code(changes["currency"])
    current = load_settings(who.agency_id)
    if expected_version != current.version:
        raise changed("settings")
    settings = Settings(**{**current.view(), **changes, "version": current.version + 1})
    invoiced = settings.currency != current.currency and _get(CounterItem, agency_pk(who.agency_id), COUNTER_SK)
    if invoiced:
        raise Conflict("The currency cannot change once invoices exist.", code="currency_locked")
    if settings.provider == "stripe":
        providers.stripe_credentials(who.agency_id)  # 400 when the agency has no keys stored
    item = SettingsItem(agency_pk(who.agency_id), SETTINGS_SK, currency=settings.currency,
                        payments_enabled=settings.payments_enabled, provider=settings.provider,
                        version=settings.version)
    unchanged = SettingsItem.pk.does_not_exist() if current.version == 0 else SettingsItem.version == current.version
    try:
        with Transaction(SERVICE) as tx:
            tx.save(item, condition=unchanged)
            if settings.currency != current.currency:  # no invoice may be numbered meanwhile
                tx.condition_check(CounterItem, agency_pk(who.agency_id), COUNTER_SK,
                                   condition=CounterItem.pk.does_not_exist())
    except TransactWriteError as error:
        if is_lost_race(error):
            raise changed("settings") from None
        raise
    return settings.view()


def load_fees(agency_id: str, service_id: str | None) -> tuple[domain.Fees, str | None]:
    """A service's own fees, else the agency's default fees; and which they are ("service", "agency", None)."""
    keys = [(agency_pk(agency_id), fees_sk(service_id))] if service_id else []
    keys.append((agency_pk(agency_id), fees_sk(None)))
    found = {item.sk: item for item in FeesItem.batch_get(keys, consistent_read=True)}
    for (_, sk), source in zip(keys, ("service", "agency") if service_id else ("agency",), strict=True):
        item = found.get(sk)
        if item is not None:
            return domain.Fees(_int(item.event_fee), _int(item.no_show_fee), _int(item.late_cancel_fee)), source
    return domain.Fees(), None


def _int(value) -> int | None:
    return int(value) if value is not None else None


def get_fees(who: Identity, service_id: str | None) -> dict:
    fees, source = load_fees(who.agency_id, service_id)
    return {"service_id": service_id, **fees.view(), "currency": load_settings(who.agency_id).currency,
            "source": source}


def my_fees(who: Identity, service_id: str) -> dict:
    """A client reads the fees of a service they take part in (another service, or none of theirs, answers 404)."""
    service = load_service(who.agency_id, service_id)
    if service is None or who.person_id not in (service.participant_ids or ()):
        raise NotFound(f"No service {service_id}.")
    return get_fees(who, service_id)


def set_fees(who: Identity, service_id: str | None, fees: domain.Fees, currency: str | None) -> dict:
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    item = FeesItem(agency_pk(who.agency_id), fees_sk(service_id), event_fee=fees.event_fee,
                    no_show_fee=fees.no_show_fee, late_cancel_fee=fees.late_cancel_fee, currency=settings.currency,
                    version=1)
    item.save()
    return {"service_id": service_id, **fees.view(), "currency": settings.currency,
            "source": "service" if service_id else "agency"}


# -- services, as requests publishes them ------------------------------------------------------------


def project_service(event: Envelope, tx: Transaction) -> None:
    """Keep the newest name, status and participants of a service file."""
    data = event.data
    pk, sk = agency_pk(event.agency_id), f"SERVICE#{data['service_id']}"
    stored = _get(ServiceItem, pk, sk)
    if stored is not None and int(stored.version) >= event.subject_version:
        return  # an older or repeated version
    item = ServiceItem(pk, sk, name=data["name"], status=data["status"], version=event.subject_version,
                       participant_ids=set(data["participant_ids"]) or None)
    tx.save(item, condition=newer_than_stored(ServiceItem, event.subject_version))


def load_service(agency_id: str, service_id: str) -> ServiceItem | None:
    return _get(ServiceItem, agency_pk(agency_id), f"SERVICE#{service_id}")


# -- the agency's clients, as requests' roster says --------------------------------------------------

CLIENT_ROLE = "client"


def record_person(event: Envelope, tx: Transaction) -> None:
    """requests.person.*: keep the newest role of each person; older or repeated versions change nothing."""
    key = person_key(event.agency_id, event.data["person_id"])
    stored = _get(PersonItem, *key)
    if stored is not None and int(stored.version) >= event.subject_version:
        return
    tx.save(PersonItem(*key, role=event.data["role"], version=event.subject_version),
            condition=newer_than_stored(PersonItem, event.subject_version))


def is_client(agency_id: str, person_id: str) -> bool:
    person = _get(PersonItem, *person_key(agency_id, person_id))
    return person is not None and person.role == CLIENT_ROLE


def require_client(agency_id: str, client_id: str, field: str | None = None) -> None:
    """Staff bill, credit and look up the agency's clients only: another id (unknown, a worker, another agency's
    client) answers 404 in a path, 400 naming the field in a body, before any invoice number is taken."""
    if is_client(agency_id, client_id):
        return
    if field is None:
        raise NotFound(f"No client {client_id}.")
    raise BadRequest(field, f"{client_id} is not a client of the agency.", code="unknown_client")


def require_account(agency_id: str, client_id: str) -> None:
    """Staff read the accounts of the agency's clients, and of anyone billed while they were one (who may still owe):
    anyone else answers 404, not an empty account."""
    if not is_client(agency_id, client_id) and load_account(agency_id, client_id) is None:
        raise NotFound(f"No client {client_id}.")


def still_a_client(tx: Transaction, agency_id: str, client_id: str) -> None:
    """In the writing transaction: the person is still a client (a change of role meanwhile cancels it)."""
    tx.condition_check(PersonItem, *person_key(agency_id, client_id), condition=PersonItem.role == CLIENT_ROLE)


# -- issuing invoices --------------------------------------------------------------------------------


class Draft(Struct, frozen=True):
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


def issue(tx: Transaction, books: Books, agency_id: str, draft: Draft, number: int, available_credit: int,
          cause: Envelope | None = None) -> InvoiceItem:
    """Add an invoice numbered `number` (the counter is the caller's), its lines and entries, applying credit."""
    invoice_id = new_id("inv")
    total = draft.total
    applied = min(available_credit, total)
    state = domain.Invoice(total=total, balance=total - applied, credited=applied)
    item = InvoiceItem(account_pk(agency_id, draft.client_id), f"INVOICE#{invoice_id}", invoice_id=invoice_id,
                       number=domain.format_number(number), client_id=draft.client_id, service_id=draft.service_id,
                       event_id=draft.event_id, fee=draft.fee, currency=books.currency, total=total,
                       balance=state.balance, paid=0, credited=applied, pending=0, status=state.status,
                       issued_at=books.at, due_date=draft.due_date, issued_by=draft.issued_by,
                       line_count=len(draft.lines), version=1)
    tx.save(item, condition=InvoiceItem.sk.does_not_exist())
    tx.save(InvoiceRefItem(invoice_pk(agency_id, invoice_id), REF_SK, client_id=draft.client_id))
    for n, (description, amount) in enumerate(draft.lines, start=1):
        tx.save(LineItem(invoice_pk(agency_id, invoice_id), f"LINE#{n:03d}", description=description, amount=amount))
    books.entry("invoice", total, invoice_id=invoice_id, invoice_amount=total, invoice_number=item.number,
                by=draft.issued_by, service_id=draft.service_id, lines=tuple(line for line, _ in draft.lines))
    if applied:
        books.entry("credit_applied", 0, invoice_id=invoice_id, invoice_amount=-applied, invoice_number=item.number)
    issued = InvoiceIssued(invoice_id=invoice_id, number=item.number, client_id=draft.client_id,
                           service_id=draft.service_id, event_id=draft.event_id, total=total, balance=state.balance,
                           currency=books.currency, issued_at=books.at, due_date=draft.due_date)
    tx.publish(issued.envelope(agency_id=agency_id, subject_id=invoice_id, subject_version=1, cause=cause))
    if state.balance == 0:
        _publish_paid(tx, agency_id, item, cause)
    return item


def _publish_paid(tx: Transaction, agency_id: str, item: InvoiceItem, cause: Envelope | None = None) -> None:
    paid = InvoicePaid(invoice_id=item.invoice_id, number=item.number, client_id=item.client_id,
                       service_id=item.service_id, total=int(item.total), paid=int(item.paid or 0),
                       credited=int(item.credited or 0), currency=item.currency, paid_at=clock.now_iso())
    tx.publish(paid.envelope(agency_id=agency_id, subject_id=item.invoice_id, subject_version=int(item.version),
                             cause=cause))


def _next_number(tx: Transaction, agency_id: str, count: int = 1) -> int:
    """Claim the next `count` invoice numbers: the counter moves only from the value read (no gaps, no repeats)."""
    counter = _get(CounterItem, agency_pk(agency_id), COUNTER_SK)
    last = int(counter.last) if counter else 0
    condition = CounterItem.last == last if counter else CounterItem.pk.does_not_exist()
    tx.update(CounterItem(agency_pk(agency_id), COUNTER_SK), actions=[CounterItem.last.set(last + count)],
              condition=condition)
    return last + 1


def load_account(agency_id: str, client_id: str) -> AccountItem | None:
    return _get(AccountItem, account_pk(agency_id, client_id), ACCOUNT_SK)


def issue_manual(who: Identity, draft: Draft, key: str | None, currency: str | None) -> tuple[int, dict]:
    """An invoice staff issue to a client, with the lines they wrote (their total at most the largest amount)."""
    domain.check_total(amount for _, amount in draft.lines)
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    if draft.service_id is not None:
        service = load_service(who.agency_id, draft.service_id)
        if service is None:
            raise BadRequest("service_id", f"No service {draft.service_id}.")
        if draft.client_id not in (service.participant_ids or ()):
            raise BadRequest("client_id", "The client takes no part in this service.")
    request = {"draft": [draft.client_id, list(draft.lines), draft.service_id, draft.due_date],
               "currency": currency}

    def write(tx: Transaction) -> tuple[int, dict]:
        require_client(who.agency_id, draft.client_id, "client_id")  # before a number is taken; read on each try
        still_a_client(tx, who.agency_id, draft.client_id)
        books = Books(tx, who.agency_id, draft.client_id, settings.currency)
        account = books.account()
        number = _next_number(tx, who.agency_id)
        item = issue(tx, books, who.agency_id, draft, number, int(account.credit or 0) if account else 0)
        books.close()
        return 201, invoice_view(item, [LineItem(description=d, amount=a) for d, a in draft.lines])

    idem = Idempotent(SERVICE, who, "issue_invoice", key, request)
    return retrying(lambda: idem.run(write), attempts=COUNTER_ATTEMPTS, backoff=True)


# -- invoicing from events: each client of an event once, whatever the deliveries ------------------


def invoice_event(event: Envelope, tx: Transaction) -> None:
    """An event was attended, missed or cancelled, or a client left it: invoice each client whose charge that
    decides the fee it calls for (`domain.fees_for_outcome`).

    Each client's charge is its own transaction, keyed by (event, client) and by the event's version: a
    redelivery or an older version changes nothing; a newer outcome that costs something else voids the
    unpaid invoice of the older one and issues its own. The kit's transaction then only marks the event done.
    The clients are requests' (it puts only its roster's clients on events), so they are invoiced whether or not
    billing has heard of them yet: the person's event may come after this one.
    """
    data = event.data
    for client_id, fee in sorted(domain.fees_for_outcome(event.event_type, data).items()):
        for _ in range(ATTEMPTS):
            try:
                _charge(event, client_id, fee)
                break
            except _Redecide:
                continue  # another delivery of this event charged the client meanwhile: look again
        else:
            raise Conflict(f"Charging {client_id} for {data['event_id']} kept losing races.")


class _Redecide(Exception):
    """The charge item changed under us: decide again from what is stored."""


def _charge(event: Envelope, client_id: str, fee: str | None) -> None:
    """Decide once what this client owes for this outcome; commit, reading again only what contends."""
    agency_id, data, version = event.agency_id, event.data, event.subject_version
    key = (event_pk(agency_id, data["event_id"]), f"CLIENT#{client_id}")
    charge = _get(ChargeItem, *key)
    if charge is not None and int(charge.version) >= version:
        return  # this outcome, or a newer one, was charged already
    old_key = (account_pk(agency_id, client_id), f"INVOICE#{charge.invoice_id}") if charge and charge.invoice_id \
        else None
    old = _get(InvoiceItem, *old_key) if old_key else None
    keep = charge is not None and (charge.fee == fee or (old is not None and int(old.paid or 0) > 0))
    if keep and charge.fee != fee:
        log.warning("event %s changed outcome for %s, but invoice %s is paid: staff decide", data["event_id"],
                    client_id, charge.invoice_id)
    settings = load_settings(agency_id)
    fees, _ = load_fees(agency_id, data["service_id"])
    amount = None if keep or fee is None else fees.of(fee)
    draft = None
    if amount:
        service = load_service(agency_id, data["service_id"])
        line = f"{domain.FEE_LABELS[fee]}: {service.name if service else 'service'}{_day(data)}"
        draft = Draft(client_id=client_id, lines=((line, amount),), service_id=data["service_id"],
                      event_id=data["event_id"], fee=fee)
    void_old = not keep and old is not None and old.status != domain.VOID

    def commit() -> None:
        tx, charge_put = Transaction(SERVICE), None
        try:
            with tx:
                books = Books(tx, agency_id, client_id, settings.currency)
                invoice_id = charge.invoice_id if keep else None
                if void_old:
                    _void(tx, books, agency_id, _get(InvoiceItem, *old_key), "The event's outcome changed.", None,
                          event)
                if draft is not None:
                    account = books.account()
                    number = _next_number(tx, agency_id)  # read last: the window for a lost race is short
                    credit = int(account.credit or 0) if account else 0
                    invoice_id = issue(tx, books, agency_id, draft, number, credit, event).invoice_id
                if books.sums:
                    books.close()
                item = ChargeItem(*key, fee=charge.fee if keep else fee, invoice_id=invoice_id, version=version)
                charge_put = tx.save_tracked(item, condition=ChargeItem.pk.does_not_exist() if charge is None
                                             else ChargeItem.version == int(charge.version))
        except TransactWriteError as error:
            if charge_put is not None and tx.condition_failed(error, charge_put):
                raise _Redecide from None
            raise

    retrying(commit, attempts=COUNTER_ATTEMPTS, backoff=True)


def _day(data: dict) -> str:
    """The event's date on its site's clock (`local_start`), else in UTC; an instant that names no day is left out."""
    for name in ("local_start", "start"):
        moment = wallclock.parse(data.get(name))
        if moment is not None:
            return f", {moment.date().isoformat()}"
    return ""


# -- voids, credits and offline payments (staff) ------------------------------------------------------


def _void(tx: Transaction, books: Books, agency_id: str, item: InvoiceItem, reason: str | None, by: str | None,
          cause: Envelope | None = None) -> None:
    state, account_change, invoice_change = domain.void(invoice_state(item))
    books.entry("void", account_change, invoice_id=item.invoice_id, invoice_amount=invoice_change,
                invoice_number=item.number, note=reason, by=by, service_id=item.service_id)
    save_invoice(tx, item, state, voided_at=books.at, void_reason=reason)
    voided = InvoiceVoided(invoice_id=item.invoice_id, number=item.number, client_id=item.client_id,
                           service_id=item.service_id, event_id=item.event_id, total=int(item.total),
                           currency=item.currency, reason=reason, voided_at=books.at)
    tx.publish(voided.envelope(agency_id=agency_id, subject_id=item.invoice_id, subject_version=int(item.version),
                               cause=cause))


def find_invoice(agency_id: str, invoice_id: str, client_id: str | None = None) -> InvoiceItem:
    """An invoice of the agency (of this client, if given); 404 otherwise."""
    if client_id is None:
        ref = _get(InvoiceRefItem, invoice_pk(agency_id, invoice_id), REF_SK)
        if ref is None:
            raise NotFound(f"No invoice {invoice_id}.")
        client_id = ref.client_id
    item = _get(InvoiceItem, account_pk(agency_id, client_id), f"INVOICE#{invoice_id}")
    if item is None:
        raise NotFound(f"No invoice {invoice_id}.")
    return item


def void_invoice(who: Identity, invoice_id: str, reason: str | None) -> dict:
    client_id = find_invoice(who.agency_id, invoice_id).client_id

    def decide() -> dict:
        item = find_invoice(who.agency_id, invoice_id, client_id)
        with Transaction(SERVICE) as tx:
            books = Books(tx, who.agency_id, client_id, item.currency)
            _void(tx, books, who.agency_id, item, reason, who.person_id)
            books.close()
        return invoice_view(item)

    return retrying(decide)


def record_payment(who: Identity, invoice_id: str, amount: int, method: str, reference: str | None,
                   currency: str | None, key: str | None) -> tuple[int, dict]:
    """An offline payment (cash, cheque, transfer) staff received against an invoice."""
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    client_id = find_invoice(who.agency_id, invoice_id).client_id

    def write(tx: Transaction) -> tuple[int, dict]:
        item = find_invoice(who.agency_id, invoice_id, client_id)
        state = domain.settle(invoice_state(item), amount, held=False)
        payment_id = new_id("pay")
        at_seq = seq()
        payment = PaymentItem(account_pk(who.agency_id, client_id), f"PAYMENT#{payment_id}", payment_id=payment_id,
                              invoice_id=invoice_id, invoice_number=item.number, amount=amount,
                              currency=item.currency, method=method, provider=None, status=domain.SUCCEEDED,
                              provider_ref=reference, created_at=clock.now_iso(), settled_at=clock.now_iso(),
                              seq=at_seq, recorded_by=who.person_id, version=1)
        tx.save(payment, condition=PaymentItem.sk.does_not_exist())
        tx.save(PaymentRefItem(payment_pk(who.agency_id, payment_id), REF_SK, client_id=client_id))
        books = Books(tx, who.agency_id, client_id, item.currency)
        books.entry("payment", -amount, invoice_id=invoice_id, invoice_amount=-amount, invoice_number=item.number,
                    payment_id=payment_id, method=method, entry_seq=at_seq, by=who.person_id,
                    service_id=item.service_id)
        save_invoice(tx, item, state)
        books.close()
        payment_received(tx, who.agency_id, payment, item)
        return 201, payment_view(payment)

    request = {"invoice_id": invoice_id, "amount": amount, "method": method, "reference": reference}
    idem = Idempotent(SERVICE, who, "record_payment", key, request)
    return retrying(lambda: idem.run(write))


def payment_received(tx: Transaction, agency_id: str, payment: PaymentItem, invoice: InvoiceItem,
                     cause: Envelope | None = None) -> None:
    received = PaymentReceived(payment_id=payment.payment_id, invoice_id=invoice.invoice_id,
                               invoice_number=invoice.number, client_id=invoice.client_id, amount=int(payment.amount),
                               currency=payment.currency, method=payment.method, received_at=payment.settled_at,
                               invoice_balance=int(invoice.balance))
    tx.publish(received.envelope(agency_id=agency_id, subject_id=payment.payment_id,
                                 subject_version=int(payment.version), cause=cause))
    if int(invoice.balance) == 0:
        _publish_paid(tx, agency_id, invoice, cause)


def issue_credit(who: Identity, client_id: str, amount: int, reason: str, invoice_id: str | None,
                 currency: str | None, key: str | None) -> tuple[int, dict]:
    """A credit lowers what the client owes: applied to the invoice named, else to the oldest open invoices;
    what is left stays on the account and is applied to the next invoices issued."""
    require_client(who.agency_id, client_id)
    settings = load_settings(who.agency_id)
    domain.check_currency(currency, settings.currency)
    if invoice_id is not None:
        try:
            find_invoice(who.agency_id, invoice_id, client_id)
        except NotFound:
            raise BadRequest("invoice_id", f"The client has no invoice {invoice_id}.") from None

    def write(tx: Transaction) -> tuple[int, dict]:
        still_a_client(tx, who.agency_id, client_id)
        if invoice_id is not None:
            item = find_invoice(who.agency_id, invoice_id, client_id)
            domain.apply_credit(invoice_state(item), amount)  # 400 when more than the invoice's balance
            targets = [item]
        else:
            targets = _open_invoices(who.agency_id, client_id)
        plan = domain.credit_plan(amount, [(t.invoice_id, invoice_state(t)) for t in targets])
        by_id = {t.invoice_id: t for t in targets}
        currency_ = settings.currency
        books = Books(tx, who.agency_id, client_id, currency_)
        credit = books.entry("credit", -amount, note=reason, by=who.person_id)
        applied = []
        for target_id, take in plan:
            item = by_id[target_id]
            books.entry("credit_applied", 0, invoice_id=target_id, invoice_amount=-take, invoice_number=item.number)
            save_invoice(tx, item, domain.apply_credit(invoice_state(item), take))
            if int(item.balance) == 0:
                _publish_paid(tx, who.agency_id, item)
            applied.append({"invoice_id": target_id, "number": item.number, "amount": take})
        books.close()
        return 201, {"credit_id": credit.entry_id, "client_id": client_id, "amount": amount, "currency": currency_,
                     "reason": reason, "applied": applied, "unapplied": amount - sum(a["amount"] for a in applied)}

    request = {"client_id": client_id, "amount": amount, "reason": reason, "invoice_id": invoice_id}
    idem = Idempotent(SERVICE, who, "issue_credit", key, request)
    return retrying(lambda: idem.run(write))


def _open_invoices(agency_id: str, client_id: str) -> list[InvoiceItem]:
    """The client's invoices with something left to pay, oldest first."""
    found = InvoiceItem.query(account_pk(agency_id, client_id), InvoiceItem.sk.startswith("INVOICE#"),
                              filter_condition=InvoiceItem.status.is_in(domain.OPEN, domain.PARTIALLY_PAID),
                              consistent_read=True)
    return [item for item in found if invoice_state(item).payable > 0]


# -- reads -------------------------------------------------------------------------------------------


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
            "publishable_key": _publishable_key(agency_id, settings)}


def _publishable_key(agency_id: str, settings: Settings) -> str | None:
    """Stripe.js's public key from the agency's Stripe secret (kept a few minutes), only when it pays through Stripe
    online: the portal loads Stripe.js for it, and never for the sandbox."""
    if settings.provider != "stripe" or not settings.payments_enabled:
        return None
    from . import providers

    try:
        key = providers.stripe_credentials(agency_id).get("publishable_key")
    except providers.ProviderNotConfigured:
        return None
    return key if isinstance(key, str) and key.startswith("pk_") else None


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


def _page(model, agency_id: str, client_id: str, prefix: str, cursor: str | None, condition=None):
    """One Query call: a page of the account's items under `prefix`, newest first, and the next cursor."""
    found, last = query_raw(Item, account_pk(agency_id, client_id), Item.sk.startswith(prefix),
                            filter_condition=condition, forward=False, limit=PAGE_SIZE,
                            start_key=_start_key(cursor, agency_id, client_id, prefix))
    return [model.from_raw_data(data) for data in found], encode_cursor(last)


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
    items, next_cursor = _page(InvoiceItem, agency_id, client_id, "INVOICE#", cursor, condition)
    return {"invoices": [invoice_view(item) for item in items], "cursor": next_cursor}


def _start_key(cursor: str | None, agency_id: str, client_id: str, prefix: str) -> dict | None:
    return decode_cursor(cursor, {"pk": account_pk(agency_id, client_id), "sk": starting(prefix)})


def get_invoice(agency_id: str, invoice_id: str, client_id: str | None) -> dict:
    """Two reads: the invoice (of this client, for a client) and its lines."""
    item = find_invoice(agency_id, invoice_id, client_id) if client_id else None
    if item is None:  # staff: the ref names the client; the lines share its partition
        found, _ = query_raw(Item, invoice_pk(agency_id, invoice_id))
        ref = next((i for i in found if i["sk"]["S"] == REF_SK), None)
        if ref is None:
            raise NotFound(f"No invoice {invoice_id}.")
        item = find_invoice(agency_id, invoice_id, ref["client_id"]["S"])
        lines = [LineItem.from_raw_data(i) for i in found if i["sk"]["S"].startswith("LINE#")]
    else:
        lines = list(LineItem.query(invoice_pk(agency_id, invoice_id), LineItem.sk.startswith("LINE#"),
                                    consistent_read=True))
    return invoice_view(item, lines)


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
    entries, next_cursor = _page(EntryItem, agency_id, client_id, MONEY_ENTRIES, cursor)
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
    lines, next_cursor = _page(HistoryItem, agency_id, client_id, HISTORY, cursor, condition)
    return {"entries": [history_view(line) for line in lines], "cursor": next_cursor}


def payment_view(payment: PaymentItem) -> dict:
    view = {"payment_id": payment.payment_id, "status": payment.status, "invoice_id": payment.invoice_id,
            "amount": int(payment.amount), "currency": payment.currency, "method": payment.method,
            "refunded": int(payment.refunded or 0)}
    if payment.status == domain.FAILED:
        view |= {"failure_code": payment.failure_code, "failure_message": payment.failure_message}
    return view
