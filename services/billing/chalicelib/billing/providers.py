"""Payment providers behind one small interface: charge, look up, cancel, refund, and read a signed webhook.

Every charge and refund carries our own idempotency key (the payment's or the refund's id), which the provider
uses as its own: calling again after a crash or a timeout returns what the first call did, never a second
charge. Stripe replays the first answer to a repeated key (for at least 24 hours), so a charge whose id we know is
asked about with `lookup`, which reads its current state; `cancel` gives up a charge that never completed, so that
it can never succeed later (a provider that answers that the charge went through already is taken at its word).

- `sandbox` behaves like a card processor's test mode, with Stripe's test tokens: `tok_visa` succeeds,
  `tok_chargeDeclined` is declined, `tok_async` stays pending until a webhook confirms it. Its webhooks are
  signed exactly as Stripe signs them (with `SANDBOX_WEBHOOK_SECRET`), so both providers share one route.
- `stripe` uses the official package, imported only when an agency's provider is Stripe (it costs ~200 ms
  of cold start). Its API key and webhook signing secret are the agency's Secrets Manager secret
  `<BILLING_SECRETS_PREFIX>/<agency_id>/stripe` (JSON `{"api_key", "webhook_secret"}`), read on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from functools import cache

from msgspec import Struct

from portalkit import clock
from portalkit.errors import BadRequest

from . import domain

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Stripe-Signature"
TOLERANCE_SECONDS = 300  # a signed webhook older than this is refused as a replay (Stripe's default)
SECRET_CACHE_SECONDS = 300

# Tests hand the Stripe SDK a recorded HTTP client here (its documented seam); None means the SDK's own.
stripe_http_client = None


class WebhookRefused(BadRequest):
    def __init__(self, message: str):
        super().__init__(SIGNATURE_HEADER, message, code="invalid_signature")


class ProviderNotConfigured(BadRequest):
    def __init__(self, message: str):
        super().__init__("provider", message, code="provider_not_configured")


class InvalidPaymentToken(BadRequest):
    def __init__(self, message: str):
        super().__init__("payment_token", message, code="invalid_payment_token")


class Outcome(Struct, frozen=True):
    """What a provider said: succeeded, failed or pending (or unknown: it could not be reached)."""

    status: str
    ref: str | None = None
    failure_code: str | None = None
    failure_message: str | None = None


UNKNOWN = Outcome(domain.PENDING)  # no answer: the payment stays pending; a retry or a webhook settles it


class WebhookEvent(Struct, frozen=True):
    """A verified provider event about one of our payments."""

    event_id: str
    type: str
    ref: str
    agency_id: str | None
    client_id: str | None
    payment_id: str | None
    amount: int | None
    failure_code: str | None = None
    failure_message: str | None = None

    @property
    def outcome(self) -> Outcome | None:
        if self.type == "payment_intent.succeeded":
            return Outcome(domain.SUCCEEDED, self.ref)
        if self.type in ("payment_intent.payment_failed", "payment_intent.canceled"):
            return Outcome(domain.FAILED, self.ref, self.failure_code or "payment_failed",
                           self.failure_message or "The payment failed.")
        return None  # processing, created, charge.*: nothing to settle


def _key_ref(prefix: str, key: str) -> str:
    return prefix + hashlib.sha256(key.encode()).hexdigest()[:24]


def unverified_agency(payload: bytes) -> str | None:
    """The agency named in a webhook's metadata: only to pick the secret that then verifies it."""
    try:
        event = json.loads(payload)
        return event["data"]["object"]["metadata"]["agency_id"]
    except (ValueError, KeyError, TypeError):
        return None


def _event_from(event: dict) -> WebhookEvent:
    obj = event.get("data", {}).get("object", {}) or {}
    metadata = obj.get("metadata") or {}
    error = obj.get("last_payment_error") or {}
    return WebhookEvent(
        event_id=str(event.get("id")), type=str(event.get("type")), ref=str(obj.get("id")),
        agency_id=metadata.get("agency_id"), client_id=metadata.get("client_id"),
        payment_id=metadata.get("payment_id"), amount=obj.get("amount"),
        failure_code=error.get("decline_code") or error.get("code"), failure_message=error.get("message"),
    )


# -- sandbox --------------------------------------------------------------------------------------------


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A `Stripe-Signature` header for a payload, as Stripe computes it (used by the sandbox and tests)."""
    timestamp = clock.now() if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify_signature(payload: bytes, header: str | None, secret: str, now: int) -> None:
    """Stripe's scheme: HMAC-SHA256 of `<t>.<payload>`, compared in constant time, `t` within the tolerance."""
    if not header:
        raise WebhookRefused("The webhook carries no signature.")
    signed_at, signatures = _signature_parts(header)
    expected = hmac.new(secret.encode(), f"{signed_at}.".encode() + payload, hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected, s) for s in signatures):
        raise WebhookRefused("The webhook's signature does not match.")
    _check_age(signed_at, now)


def _signature_parts(header: str) -> tuple[int, list[str]]:
    """`t=<epoch seconds>,v1=<hex>[,v1=...]` -> (t, the v1 signatures)."""
    parts = [p.split("=", 1) for p in header.split(",") if "=" in p]
    timestamps = [v for k, v in parts if k == "t"]
    signatures = [v for k, v in parts if k == "v1"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or not signatures:
        raise WebhookRefused("The webhook's signature header is malformed.")
    return int(timestamps[0]), signatures


def _check_age(signed_at: int, now: int) -> None:
    if signed_at < now - TOLERANCE_SECONDS:
        raise WebhookRefused("The webhook's signature is too old (a replay?).")


class Sandbox:
    """A card processor's test mode, in process: outcomes follow the token, and repeat for a repeated key."""

    name = "sandbox"
    TOKENS = ("tok_visa", "tok_chargeDeclined", "tok_async")

    def check_token(self, token: str) -> None:
        if token not in self.TOKENS:
            raise InvalidPaymentToken(f"The sandbox takes the test tokens {', '.join(self.TOKENS)}.")

    def charge(self, *, key: str, amount: int, currency: str, token: str, metadata: dict) -> Outcome:
        ref = _key_ref("sb_pi_", key)
        if token == self.TOKENS[1]:
            return Outcome(domain.FAILED, ref, "card_declined", "Your card was declined.")
        if token == self.TOKENS[2]:
            return Outcome(domain.PENDING, ref)
        return Outcome(domain.SUCCEEDED, ref)

    def lookup(self, *, ref: str, token: str | None) -> Outcome:
        """A charge's state now: what its token makes it (a `tok_async` charge waits for its webhook)."""
        if token == self.TOKENS[1]:
            return Outcome(domain.FAILED, ref, "card_declined", "Your card was declined.")
        return Outcome(domain.PENDING if token == self.TOKENS[2] else domain.SUCCEEDED, ref)

    def cancel(self, *, ref: str, token: str | None) -> Outcome:
        """Cancel a charge: a `tok_visa` charge went through already; any other is cancelled (failed)."""
        if token == self.TOKENS[0]:
            return Outcome(domain.SUCCEEDED, ref)
        return Outcome(domain.FAILED, ref)

    def refund(self, *, key: str, ref: str, amount: int) -> Outcome:
        return Outcome(domain.SUCCEEDED, _key_ref("sb_re_", key))

    def webhook(self, payload: bytes, header: str | None) -> WebhookEvent:
        secret = os.environ.get("SANDBOX_WEBHOOK_SECRET", "whsec_sandbox")
        verify_signature(payload, header, secret, clock.now())
        try:
            return _event_from(json.loads(payload))
        except (ValueError, AttributeError):
            raise WebhookRefused("The webhook is not a JSON event.") from None


# -- Stripe ---------------------------------------------------------------------------------------------


def secret_name(agency_id: str) -> str:
    from portalkit.settings import get_settings

    prefix = os.environ.get("BILLING_SECRETS_PREFIX") or f"portal/{get_settings().stage}/billing"
    return f"{prefix}/{agency_id}/stripe"


_secrets: dict[str, tuple[float, dict]] = {}


def stripe_credentials(agency_id: str) -> dict:
    """The agency's Stripe keys from Secrets Manager, kept a few minutes so a rotation is picked up."""
    name = secret_name(agency_id)
    cached = _secrets.get(name)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    from portalkit import aws

    client = aws.client("secretsmanager")
    try:
        value = json.loads(client.get_secret_value(SecretId=name)["SecretString"])
    except client.exceptions.ResourceNotFoundException:
        raise ProviderNotConfigured(f"No Stripe keys are stored for this agency (secret {name}).") from None
    if not isinstance(value, dict) or not value.get("api_key") or not value.get("webhook_secret"):
        raise ProviderNotConfigured(f"The secret {name} needs api_key and webhook_secret.")
    _secrets[name] = (time.monotonic() + SECRET_CACHE_SECONDS, value)
    return value


class Stripe:
    """Stripe PaymentIntents and Refunds, created with our idempotency keys; webhooks verified by the SDK."""

    name = "stripe"

    def __init__(self, agency_id: str):
        self.agency_id = agency_id
        self.credentials = stripe_credentials(agency_id)

    @property
    def client(self):
        import stripe  # lazily: only agencies on Stripe pay its import

        return stripe.StripeClient(self.credentials["api_key"], http_client=stripe_http_client,
                                   max_network_retries=2)

    def check_token(self, token: str) -> None:
        if not token.startswith(("pm_", "tok_")):
            raise InvalidPaymentToken("payment_token must be a Stripe PaymentMethod (pm_...) or token.")

    def charge(self, *, key: str, amount: int, currency: str, token: str, metadata: dict) -> Outcome:
        import stripe

        params = {"amount": amount, "currency": currency.lower(), "payment_method": token, "confirm": True,
                  "metadata": metadata, "automatic_payment_methods": {"enabled": True, "allow_redirects": "never"}}
        try:
            intent = self.client.v1.payment_intents.create(params=params, options={"idempotency_key": key})
        except stripe.CardError as error:
            intent = (error.json_body or {}).get("error", {}).get("payment_intent") or {}
            return Outcome(domain.FAILED, intent.get("id"), error.code or "card_declined", error.user_message
                           or "The card was declined.")
        except stripe.StripeError as error:
            log.warning("Stripe did not answer payment %s: %s", key, error)
            return UNKNOWN
        return _intent_outcome(intent)

    def lookup(self, *, ref: str, token: str | None) -> Outcome:
        import stripe

        try:
            return _intent_outcome(self.client.v1.payment_intents.retrieve(ref))
        except stripe.StripeError as error:
            log.warning("Stripe did not answer about PaymentIntent %s: %s", ref, error)
            return UNKNOWN

    def cancel(self, *, ref: str, token: str | None) -> Outcome:
        """Cancel the PaymentIntent; one that cannot be cancelled any more says how it ended (or that it is
        still processing, which stays pending: money may be moving)."""
        import stripe

        try:
            intent = self.client.v1.payment_intents.cancel(ref, params={"cancellation_reason": "abandoned"})
        except stripe.InvalidRequestError as error:
            found = (error.json_body or {}).get("error", {}).get("payment_intent")
            if error.code != "payment_intent_unexpected_state" or not found:
                log.warning("Stripe refused to cancel PaymentIntent %s: %s", ref, error)
                return UNKNOWN
            intent = stripe.PaymentIntent.construct_from(found, None)
        except stripe.StripeError as error:
            log.warning("Stripe did not answer the cancel of PaymentIntent %s: %s", ref, error)
            return UNKNOWN
        if intent.status == "canceled":
            return Outcome(domain.FAILED, intent.id)  # the caller names why it gave up
        return _intent_outcome(intent)

    def refund(self, *, key: str, ref: str, amount: int) -> Outcome:
        import stripe

        try:
            refund = self.client.v1.refunds.create(params={"payment_intent": ref, "amount": amount},
                                                   options={"idempotency_key": key})
        except stripe.InvalidRequestError as error:
            return Outcome(domain.FAILED, None, error.code or "refund_failed", error.user_message or str(error))
        except stripe.StripeError as error:
            log.warning("Stripe did not answer refund %s: %s", key, error)
            return UNKNOWN
        if refund.status in ("failed", "canceled"):
            return Outcome(domain.FAILED, refund.id, "refund_failed", "Stripe could not refund the payment.")
        return Outcome(domain.SUCCEEDED, refund.id)  # succeeded, or pending at the bank: the money is on its way

    def webhook(self, payload: bytes, header: str | None) -> WebhookEvent:
        import stripe

        if not header:
            raise WebhookRefused("The webhook carries no signature.")
        try:  # the SDK checks the signature; its age is checked on our clock, which the local stack can set
            event = stripe.Webhook.construct_event(payload, header, self.credentials["webhook_secret"],
                                                   tolerance=None)
        except stripe.SignatureVerificationError as error:
            raise WebhookRefused(f"The webhook's signature is not valid: {error.user_message or error}") from None
        except ValueError:
            raise WebhookRefused("The webhook is not a JSON event.") from None
        _check_age(_signature_parts(header)[0], clock.now())
        return _event_from(event.to_dict())


def _intent_outcome(intent) -> Outcome:
    """A PaymentIntent's status as our outcome."""
    if intent.status == "succeeded":
        return Outcome(domain.SUCCEEDED, intent.id)
    if intent.status in ("canceled", "requires_payment_method"):
        failure = getattr(intent, "last_payment_error", None)
        return Outcome(domain.FAILED, intent.id, getattr(failure, "code", None) or "payment_failed",
                       getattr(failure, "message", None) or "The payment failed.")
    return Outcome(domain.PENDING, intent.id)  # processing or requires_action: a webhook (or the sweep) will tell


@cache
def _sandbox() -> Sandbox:
    return Sandbox()


def provider(name: str, agency_id: str):
    """The agency's provider by name."""
    if name == "stripe":
        return Stripe(agency_id)
    return _sandbox()
