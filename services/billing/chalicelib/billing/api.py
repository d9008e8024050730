"""Routes of the billing service: parse and validate input, call one handler."""

from __future__ import annotations

from chalice import Blueprint

from portalkit.api import Api
from portalkit.errors import BadRequest
from portalkit.identity import ADMIN, CLIENT, STAFF

from . import domain, handlers, payments

blueprint = Blueprint(__name__)
api = Api(blueprint, "/billing")
api.health("billing")

CLIENTS = "/clients/{client_id}"


# -- the agency's settings and fees -------------------------------------------------------------------


@api.route("/settings", roles=STAFF)
def get_settings(call):
    return handlers.get_settings(call.who)


@api.route("/settings", methods=["PUT"], roles=(ADMIN,))
def update_settings(call):
    body = call.body().only("currency", "payments_enabled", "provider", "version")
    currency = body.str("currency", required=False)
    changes = {
        "currency": domain.check_currency_code(currency) if currency is not None else None,
        "payments_enabled": body.bool("payments_enabled", required=False),
        "provider": body.choice("provider", domain.PROVIDERS, required=False),
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    return handlers.update_settings(call.who, changes, expected_version=body.int("version", minimum=0))


def _fees(call) -> tuple[domain.Fees, str | None]:
    body = call.body().only(*domain.FEE_KINDS, "currency")
    fees = domain.Fees(**{kind: domain.check_fee(body.data.get(kind), kind) for kind in domain.FEE_KINDS})
    return fees, body.str("currency", required=False)


@api.route("/fees", roles=STAFF)
def get_default_fees(call):
    return handlers.get_fees(call.who, None)


@api.route("/fees", methods=["PUT"], roles=STAFF)
def set_default_fees(call):
    return handlers.set_fees(call.who, None, *_fees(call))


@api.route("/services/{service_id}/fees", roles=STAFF)
def get_fees(call, service_id):
    return handlers.get_fees(call.who, service_id)


@api.route("/services/{service_id}/fees", methods=["PUT"], roles=STAFF)
def set_fees(call, service_id):
    return handlers.set_fees(call.who, service_id, *_fees(call))


# -- invoices, payments, credits and refunds (staff) --------------------------------------------------


def _lines(body) -> tuple[tuple[str, int], ...]:
    value = body.data.get("lines")
    if not isinstance(value, list) or not value:
        raise BadRequest("lines", "lines must be a list of at least one {description, amount}.")
    if len(value) > domain.MAX_LINES:
        raise BadRequest("lines", f"An invoice has at most {domain.MAX_LINES} lines.")
    lines = []
    for i, line in enumerate(value):
        if not isinstance(line, dict) or set(line) - {"description", "amount"}:
            raise BadRequest(f"lines[{i}]", "Each line is {description, amount}.")
        description = line.get("description")
        if not isinstance(description, str) or not description.strip() or len(description) > 200:
            raise BadRequest(f"lines[{i}].description", "description must be 1 to 200 characters.")
        lines.append((description.strip(), domain.check_amount(line.get("amount"), f"lines[{i}].amount")))
    if sum(amount for _, amount in lines) > domain.MAX_AMOUNT:
        raise BadRequest("lines", f"An invoice's total must be at most {domain.MAX_AMOUNT}.")
    return tuple(lines)


@api.route("/invoices", methods=["POST"], roles=STAFF)
def issue_invoice(call):
    body = call.body().only("client_id", "service_id", "lines", "due_date", "currency")
    due = body.date("due_date", required=False)
    draft = handlers.Draft(client_id=body.str("client_id", max_len=128), lines=_lines(body),
                           service_id=body.str("service_id", required=False, max_len=128),
                           due_date=due.isoformat() if due else None, issued_by=call.who.person_id)
    return handlers.issue_manual(call.who, draft, call.idempotency_key, body.str("currency", required=False))


@api.route("/invoices/{invoice_id}", roles=STAFF)
def get_invoice(call, invoice_id):
    return handlers.get_invoice(call.who.agency_id, invoice_id, None)


@api.route("/invoices/{invoice_id}/payments", methods=["POST"], roles=STAFF)
def record_payment(call, invoice_id):
    body = call.body().only("amount", "method", "reference", "currency")
    return handlers.record_payment(
        call.who, invoice_id, domain.check_amount(body.data.get("amount")),
        body.choice("method", domain.OFFLINE_METHODS), body.str("reference", required=False, max_len=100),
        body.str("currency", required=False), call.idempotency_key)


@api.route("/invoices/{invoice_id}/void", methods=["POST"], roles=STAFF)
def void_invoice(call, invoice_id):
    body = call.body().only("reason") if call.request.raw_body else None
    reason = body.str("reason", required=False, max_len=500) if body else None
    return handlers.void_invoice(call.who, invoice_id, reason)


@api.route(CLIENTS + "/credits", methods=["POST"], roles=STAFF)
def issue_credit(call, client_id):
    body = call.body().only("amount", "reason", "invoice_id", "currency")
    return handlers.issue_credit(
        call.who, client_id, domain.check_amount(body.data.get("amount")), body.str("reason", max_len=500),
        body.str("invoice_id", required=False, max_len=128), body.str("currency", required=False),
        call.idempotency_key)


@api.route("/payments/{payment_id}/refund", methods=["POST"], roles=STAFF)
def refund_payment(call, payment_id):
    body = call.body().only("amount", "reason") if call.request.raw_body else None
    amount = body.data.get("amount") if body else None
    return payments.refund(call.who, payment_id, domain.check_amount(amount) if amount is not None else None,
                           body.str("reason", required=False, max_len=500) if body else None, call.idempotency_key)


@api.route(CLIENTS + "/account", roles=STAFF)
def client_account(call, client_id):
    return handlers.client_account(call.who.agency_id, client_id)


@api.route(CLIENTS + "/invoices", roles=STAFF)
def client_invoices(call, client_id):
    return _invoices(call, client_id, staff=True)


@api.route(CLIENTS + "/transactions", roles=STAFF)
def client_transactions(call, client_id):
    return _transactions(call, client_id, staff=True)


# -- the client's own account --------------------------------------------------------------------------


def _invoices(call, client_id: str, staff: bool = False) -> dict:
    params = call.params().only("service_id", "status", "cursor")
    return handlers.list_invoices(call.who.agency_id, client_id, params.str("service_id", required=False),
                                  params.choice("status", domain.STATUSES, required=False),
                                  params.str("cursor", required=False), staff=staff)


def _transactions(call, client_id: str, staff: bool = False) -> dict:
    params = call.params().only("cursor")
    return handlers.list_transactions(call.who.agency_id, client_id, params.str("cursor", required=False),
                                      staff=staff)


@api.route("/me/account", roles=(CLIENT,))
def my_account(call):
    return handlers.account_view(call.who.agency_id, call.who.person_id)


@api.route("/me/invoices", roles=(CLIENT,))
def my_invoices(call):
    return _invoices(call, call.who.person_id)


@api.route("/me/invoices/{invoice_id}", roles=(CLIENT,))
def my_invoice(call, invoice_id):
    return handlers.get_invoice(call.who.agency_id, invoice_id, call.who.person_id)


@api.route("/me/transactions", roles=(CLIENT,))
def my_transactions(call):
    return _transactions(call, call.who.person_id)


@api.route("/me/invoices/{invoice_id}/payments", methods=["POST"], roles=(CLIENT,))
def pay_invoice(call, invoice_id):
    key = call.idempotency_key
    if key is None:
        raise BadRequest("Idempotency-Key", "Paying needs an Idempotency-Key header (a new one per payment).",
                         code="missing_idempotency_key")
    body = call.body().only("amount", "payment_token", "currency")
    return payments.pay(call.who, invoice_id, domain.check_amount(body.data.get("amount")),
                        body.str("payment_token", max_len=255), body.str("currency", required=False), key)


# -- providers ----------------------------------------------------------------------------------------


@api.route("/webhooks/{provider}", methods=["POST"], public=True)
def provider_webhook(call, provider):
    return payments.webhook(provider, call.request.raw_body or b"", call.header(payments.providers.SIGNATURE_HEADER))
