"""The agency's billing settings (currency, online payments, provider), changed only on the version read."""

from __future__ import annotations

from portalkit.errors import changed
from portalkit.identity import Identity
from portalkit.store import Transaction, TransactionCancelled, lost_race

from . import domain, providers
from .ledger import SERVICE
from .models import COUNTER_SK, SETTINGS_SK, CounterItem, SettingsItem, agency_pk, get


def load_settings(agency_id: str) -> domain.Settings:
    item = get(SettingsItem, agency_pk(agency_id), SETTINGS_SK)
    if item is None:
        return domain.Settings()
    return domain.Settings(item.currency, bool(item.payments_enabled), item.provider, int(item.version))


def get_settings(who: Identity) -> dict:
    return load_settings(who.agency_id).view()


def update_settings(who: Identity, changes: dict, expected_version: int) -> dict:
    """Change settings on the version read; the currency only while no invoice exists."""
    if "currency" in changes:
        domain.check_currency_code(changes["currency"])
    current = load_settings(who.agency_id)
    settings = current.change(changes, expected_version)
    if settings.currency != current.currency and get(CounterItem, agency_pk(who.agency_id), COUNTER_SK):
        raise domain.CurrencyLocked("The currency cannot change once invoices exist.")
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
    except TransactionCancelled as error:
        if lost_race(error):
            raise changed("settings") from None
        raise
    return settings.view()


def publishable_key(agency_id: str, settings: domain.Settings) -> str | None:
    """Stripe.js's public key from the agency's Stripe secret (kept a few minutes), only when it pays through Stripe
    online: the portal loads Stripe.js for it, and never for the sandbox."""
    if not settings.offers_stripe:
        return None
    try:
        key = providers.stripe_credentials(agency_id).get("publishable_key")
    except providers.ProviderNotConfigured:
        return None
    return domain.publishable_key(key)
