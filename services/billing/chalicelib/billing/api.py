"""Routes of the billing service: what each accepts and answers (schemas.py), and the one handler it calls."""

from __future__ import annotations

from chalice import Blueprint

from portalkit.api import Api
from portalkit.identity import ADMIN, CLIENT, STAFF

from . import account, credits, domain, fees, invoices, payments, settings
from . import schemas as s

blueprint = Blueprint(__name__)
api = Api(blueprint, "/billing")
api.health("billing")

CLIENTS = "/clients/{client_id}"
CLIENT_ONLY = (CLIENT,)


# -- the agency's settings and fees -------------------------------------------------------------------


@api.route("/settings", roles=STAFF, returns=s.Settings)
def get_settings(call):
    """The agency's billing settings: its currency, and whether clients pay online and through which provider."""
    return settings.get_settings(call.who)


@api.route("/settings", methods=["PUT"], roles=(ADMIN,), body=s.SettingsChange, returns=s.Settings)
def update_settings(call, body: s.SettingsChange):
    """Change the agency's billing settings on the version read (the currency only while no invoice exists)."""
    changes = {"currency": body.currency, "payments_enabled": body.payments_enabled, "provider": body.provider}
    return settings.update_settings(call.who, {k: v for k, v in changes.items() if v is not None},
                                    expected_version=body.version)


def _fees(body: s.FeesChange) -> domain.Fees:
    return domain.fee_schedule(body.event_fee, body.no_show_fee, body.late_cancel_fee)


@api.route("/fees", roles=STAFF, returns=s.Fees)
def get_default_fees(call):
    """The agency's default fees, which every service without its own fees charges."""
    return fees.get_fees(call.who, None)


@api.route("/fees", methods=["PUT"], roles=STAFF, body=s.FeesChange, returns=s.Fees)
def set_default_fees(call, body: s.FeesChange):
    """Set the agency's default fees: what an attended event, a no-show and a late cancellation cost a client."""
    return fees.set_fees(call.who, None, _fees(body), body.currency)


@api.route("/services/{service_id}/fees", roles=STAFF, returns=s.Fees)
def get_fees(call, service_id):
    """The fees a service charges: its own, else the agency's default."""
    return fees.get_fees(call.who, service_id)


@api.route("/services/{service_id}/fees", methods=["PUT"], roles=STAFF, body=s.FeesChange, returns=s.Fees)
def set_fees(call, service_id, body: s.FeesChange):
    """Set a service's own fees, in place of the agency's default."""
    return fees.set_fees(call.who, service_id, _fees(body), body.currency)


# -- invoices, payments, credits and refunds (staff) --------------------------------------------------


@api.route("/invoices", methods=["POST"], roles=STAFF, body=s.NewInvoice, returns=s.InvoiceWithLines, status=201,
           idempotent=True)
def issue_invoice(call, body: s.NewInvoice):
    """Issue an invoice to a client, numbered in turn; available credit pays it at once."""
    lines = tuple((line.description.strip(), line.amount) for line in body.lines)
    due = body.due_date.isoformat() if body.due_date else None
    draft = domain.Draft(client_id=body.client_id, lines=lines, service_id=body.service_id, due_date=due,
                         issued_by=call.who.person_id)
    return invoices.issue_manual(call.who, draft, call.idempotency_key, body.currency)


@api.route("/invoices/{invoice_id}", roles=STAFF, returns=s.InvoiceWithLines)
def get_invoice(call, invoice_id):
    """An invoice with its lines."""
    return invoices.get_invoice(call.who.agency_id, invoice_id, None)


@api.route("/invoices/{invoice_id}/payments", methods=["POST"], roles=STAFF, body=s.OfflinePayment,
           returns=s.Payment, status=201, idempotent=True)
def record_payment(call, invoice_id, body: s.OfflinePayment):
    """Record a payment received outside the portal (cash, cheque, transfer) against an invoice."""
    return payments.record_payment(call.who, invoice_id, body.amount, body.method, body.reference, body.currency,
                                   call.idempotency_key)


@api.route("/invoices/{invoice_id}/void", methods=["POST"], roles=STAFF, body=s.VoidReason, returns=s.Invoice)
def void_invoice(call, invoice_id, body: s.VoidReason):
    """Void an unpaid invoice: a reversing entry cancels what it charged."""
    return invoices.void_invoice(call.who, invoice_id, body.reason)


@api.route(CLIENTS + "/credits", methods=["POST"], roles=STAFF, body=s.NewCredit, returns=s.Credit, status=201,
           idempotent=True)
def issue_credit(call, client_id, body: s.NewCredit):
    """Credit a client's account: it pays the invoice named, else the oldest open invoices, then the next ones."""
    return credits.issue_credit(call.who, client_id, body.amount, body.reason, body.invoice_id, body.currency,
                                call.idempotency_key)


@api.route("/payments/{payment_id}/refund", methods=["POST"], roles=STAFF, body=s.NewRefund, returns=s.Refund,
           status=201, idempotent=True)
def refund_payment(call, payment_id, body: s.NewRefund):
    """Refund (part of) a payment, through the provider that took it; the invoice is owed again by that much."""
    return payments.refund(call.who, payment_id, body.amount, body.reason, call.idempotency_key)


@api.route(CLIENTS + "/account", roles=STAFF, returns=s.Account)
def client_account(call, client_id):
    """A client's account: what they owe, have paid, were refunded and credited."""
    return account.client_account(call.who.agency_id, client_id)


@api.route(CLIENTS + "/invoices", roles=STAFF, query=s.InvoicePage, returns=s.Invoices)
def client_invoices(call, client_id, query: s.InvoicePage):
    """A client's invoices, newest first, by service and status."""
    return invoices.list_invoices(call.who.agency_id, client_id, query.service_id, query.status, query.cursor,
                                  staff=True)


@api.route(CLIENTS + "/transactions", roles=STAFF, query=s.TransactionPage, returns=s.Transactions)
def client_transactions(call, client_id, query: s.TransactionPage):
    """A client's payments, credits and refunds, newest first."""
    return account.list_transactions(call.who.agency_id, client_id, query.cursor, staff=True)


@api.route(CLIENTS + "/history", roles=STAFF, query=s.HistoryPage, returns=s.History)
def client_history(call, client_id, query: s.HistoryPage):
    """A client's Account History: invoices, payments, credits, refunds, newest first, with the balance after each."""
    return account.account_history(call.who.agency_id, client_id, query.service_id, query.cursor, staff=True)


# -- the client's own account --------------------------------------------------------------------------


@api.route("/me/account", roles=CLIENT_ONLY, returns=s.Account)
def my_account(call):
    """Your account: what you owe, have paid, were refunded and credited, and whether you can pay online."""
    return account.account_view(call.who.agency_id, call.who.person_id)


@api.route("/me/services/{service_id}/fees", roles=CLIENT_ONLY, returns=s.Fees)
def my_fees(call, service_id):
    """The fees one of your services charges you (an event, a no-show, a late cancellation), before you cancel."""
    return fees.my_fees(call.who, service_id)


@api.route("/me/invoices", roles=CLIENT_ONLY, query=s.InvoicePage, returns=s.Invoices)
def my_invoices(call, query: s.InvoicePage):
    """Your invoices, newest first, by service and status."""
    return invoices.list_invoices(call.who.agency_id, call.who.person_id, query.service_id, query.status,
                                  query.cursor)


@api.route("/me/invoices/{invoice_id}", roles=CLIENT_ONLY, returns=s.InvoiceWithLines)
def my_invoice(call, invoice_id):
    """One of your invoices, with its lines."""
    return invoices.get_invoice(call.who.agency_id, invoice_id, call.who.person_id)


@api.route("/me/transactions", roles=CLIENT_ONLY, query=s.TransactionPage, returns=s.Transactions)
def my_transactions(call, query: s.TransactionPage):
    """Your payments, credits and refunds, newest first."""
    return account.list_transactions(call.who.agency_id, call.who.person_id, query.cursor)


@api.route("/me/history", roles=CLIENT_ONLY, query=s.HistoryPage, returns=s.History)
def my_history(call, query: s.HistoryPage):
    """Your Account History: invoices, payments, credits and refunds, newest first, with your balance after each."""
    return account.account_history(call.who.agency_id, call.who.person_id, query.service_id, query.cursor)


@api.route("/me/invoices/{invoice_id}/payments", methods=["POST"], roles=CLIENT_ONLY, body=s.CardPayment,
           returns=s.Payment, status=201, idempotent="required")
def pay_invoice(call, invoice_id, body: s.CardPayment):
    """Pay (part of) one of your invoices online, with a new Idempotency-Key per payment."""
    return payments.pay(call.who, invoice_id, body.amount, body.payment_token, body.currency, call.idempotency_key)


# -- providers ----------------------------------------------------------------------------------------


@api.route("/webhooks/{provider}", methods=["POST"], public=True, returns=s.WebhookReceipt)
def provider_webhook(call, provider):
    """A payment provider tells how a payment ended.

    The body is the provider's event as it sends it, read as raw bytes and not decoded here: the `Stripe-Signature`
    header (HMAC-SHA256 of the bytes, at most 5 minutes old) must verify before anything of it is used. A Stripe
    Event: `id`, `type` (`payment_intent.succeeded`, `payment_intent.payment_failed`, `payment_intent.canceled`; any
    other type is acknowledged and ignored) and `data.object`, the PaymentIntent with its `id`, `amount` and the
    `metadata` (`agency_id`, `client_id`, `payment_id`) billing gave it. The sandbox sends the same events, signed
    with `SANDBOX_WEBHOOK_SECRET`. A signature that does not verify answers 400 `invalid_signature` naming the
    header; a provider other than `sandbox` or `stripe`, 404.
    """
    return payments.webhook(provider, call.request.raw_body or b"", call.header(payments.providers.SIGNATURE_HEADER))
