"""Every AWS resource the system needs, as plain data: one declaration for the local stack and CDK.

`declare(stage)` is the single source: `provision()` creates it on any endpoint (in-process moto,
the local moto server), and the CDK stacks read the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portalkit.settings import bus_name, table_name
from portalkit.store import OUTBOX_PREFIX

SERVICES = ("availability", "requests", "messaging", "billing")

# What each service consumes: the event types its rule routes to its queue, exactly those its consumer handles
# (a test checks both ways), so no queue is sent an event it would only acknowledge and drop (DESIGN.md section 2).
CONSUMES: dict[str, tuple[str, ...]] = {
    "availability": (
        "requests.event.cancelled", "requests.event.rescheduled", "requests.event.scheduled",
        "requests.event_request.confirmed", "requests.event_request.declined", "requests.event_request.expired",
        "requests.event_request.proposed", "requests.event_request.submitted", "requests.event_request.withdrawn",
        "requests.service.closed", "requests.service.opened", "requests.service.participant_added",
        "requests.service.participant_removed", "requests.settings.updated",
    ),
    "requests": (
        "availability.settings.updated", "availability.slot.held", "availability.slot.released",
        "availability.slot.unavailable",
    ),
    "messaging": (
        "availability.settings.updated", "availability.site.updated", "billing.invoice.issued",
        "billing.payment.failed", "billing.payment.received", "requests.event.attendee_left",
        "requests.event.cancelled", "requests.event.rescheduled", "requests.event.scheduled",
        "requests.event.video_link_added",
        "requests.event_request.confirmed", "requests.event_request.declined", "requests.event_request.expired",
        "requests.event_request.held", "requests.event_request.proposal_failed",
        "requests.event_request.proposal_offered", "requests.event_request.withdrawn", "requests.person.registered",
        "requests.person.updated", "requests.service.closed", "requests.service.opened",
        "requests.service.participant_added", "requests.service.participant_removed",
        "requests.service_request.approved", "requests.service_request.declined", "requests.settings.updated",
    ),
    "billing": (
        "requests.event.attended", "requests.event.attendee_left", "requests.event.cancelled",
        "requests.event.no_show", "requests.person.registered", "requests.person.updated",
        "requests.service.closed", "requests.service.opened", "requests.service.participant_added",
        "requests.service.participant_removed",
    ),
}

# The items whose INSERTs each table's stream hands to its service's relay (a filter on the event source
# mapping in AWS, applied by the pump locally): outbox events everywhere, and messaging's emails.
RELAYED_PREFIXES: dict[str, tuple[str, ...]] = {s: (OUTBOX_PREFIX,) for s in SERVICES} | {
    "messaging": (OUTBOX_PREFIX, "EMAIL#"),
}

CONSUMER_TIMEOUT_SECONDS = 30
RELAY_TIMEOUT_SECONDS = 30
# API Gateway gives up on an integration after 29 s: the API function must answer (even 500) before that.
API_TIMEOUT_SECONDS = 25
MAX_RECEIVE_COUNT = 5

# Every function runs on Graviton (arm64); the packages are built for it (`infra.function_packages`).
ARCHITECTURE = "arm64"

# Requirements a service ships in a Lambda layer beside its package instead of in it: big dependencies it
# imports lazily (billing's Stripe SDK, only for agencies on Stripe), so each function's own zip stays small.
# Each names a distribution of the service's requirements.txt; what it needs (and the rest of the package
# does not) goes with it. The layer is built with the package (`infra.function_packages`) and attached to every
# function of the service by its stack.
LAYERS: dict[str, tuple[str, ...]] = {"billing": ("stripe",)}

# Routes that answer without a token. API Gateway's Cognito authorizer is on every other route: a route
# made public in an app but not listed here fails the synth (and the tests).
PUBLIC_ROUTES: dict[str, tuple[str, ...]] = {s: (f"/{s}/health",) for s in SERVICES}
# Payment providers call billing's webhook with no token; its body's signature is what authenticates it.
PUBLIC_ROUTES["billing"] += ("/billing/webhooks/{provider}",)
# Calendar apps fetch a subscription feed with no token; the long secret in its path is what authenticates it.
PUBLIC_ROUTES["requests"] += ("/requests/feeds/{feed}",)

# What a service's function reaches beyond what its kind needs (api, consumer, schedule: the service's table;
# relay: its stream and the bus), by function kind: messaging's relay sends the email items its stream hands it
# (it reads and marks them in its table, and sends through SES from the declared sender, given as SENDER_EMAIL);
# billing's API and sweep call agencies' payment providers with keys kept in Secrets Manager under
# `secrets_prefix(stage, "billing")`.
TABLE, SES, SECRETS = "table", "ses", "secrets"
GRANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "messaging": {"relay": (TABLE, SES)},
    "billing": {"api": (SECRETS,), "schedule": (SECRETS,)},
}


def grants(service: str, kind: str) -> tuple[str, ...]:
    return GRANTS.get(service, {}).get(kind, ())


def secrets_prefix(stage: str, service: str) -> str:
    """Where a service's secrets live in Secrets Manager (billing: `<prefix>/<agency_id>/stripe`)."""
    return f"portal/{stage}/{service}"


@dataclass(frozen=True)
class FunctionSettings:
    """How one kind of function runs in AWS: memory (CPU grows with it) and timeout."""

    memory_mb: int
    timeout_seconds: int


# By kind, as the CDK stacks find them in each Chalice app: the API handler, the relay (the table's
# stream), the consumer (the queue), scheduled functions, and any other plain function.
FUNCTIONS: dict[str, FunctionSettings] = {
    "api": FunctionSettings(memory_mb=1024, timeout_seconds=API_TIMEOUT_SECONDS),
    "consumer": FunctionSettings(memory_mb=1024, timeout_seconds=CONSUMER_TIMEOUT_SECONDS),
    "relay": FunctionSettings(memory_mb=512, timeout_seconds=RELAY_TIMEOUT_SECONDS),
    "schedule": FunctionSettings(memory_mb=512, timeout_seconds=50),
    "function": FunctionSettings(memory_mb=512, timeout_seconds=30),
}


@dataclass(frozen=True)
class Index:
    name: str
    hash_key: str
    range_key: str


@dataclass(frozen=True)
class Table:
    service: str
    name: str
    hash_key: str = "pk"
    range_key: str = "sk"
    indexes: tuple[Index, ...] = (Index("gsi1", "gsi1pk", "gsi1sk"),)
    stream_view: str = "NEW_IMAGE"
    ttl_attribute: str = "expires_at"
    relayed_prefixes: tuple[str, ...] = (OUTBOX_PREFIX,)  # see RELAYED_PREFIXES


@dataclass(frozen=True)
class Queue:
    service: str
    name: str
    dlq_name: str
    max_receive_count: int = MAX_RECEIVE_COUNT
    # AWS asks for at least six times the consumer's timeout, so a slow batch is not handed out twice.
    visibility_timeout: int = 6 * CONSUMER_TIMEOUT_SECONDS
    retention_seconds: int = 4 * 24 * 3600
    dlq_retention_seconds: int = 14 * 24 * 3600


@dataclass(frozen=True)
class Rule:
    service: str
    name: str
    detail_types: tuple[str, ...]
    queue_name: str

    @property
    def event_pattern(self) -> dict:
        return {"detail-type": list(self.detail_types)}


@dataclass(frozen=True)
class Archive:
    """The bus's event archive: every event the services publish, kept so that a time window can be replayed to a
    consumer added or fixed later (`make replay`).

    Kept 14 days: less than an inbox marker lives (`portalkit.store.INBOX_TTL_SECONDS`, 15 days), so every archived
    event a consumer applied still has its marker and a replay applies nothing twice; as long as a DLQ keeps a
    message.
    """

    name: str
    source_prefix: str = "portal."  # the relay publishes each event with source `portal.<producer>`
    retention_days: int = 14

    @property
    def event_pattern(self) -> dict:
        return {"source": [{"prefix": self.source_prefix}]}


@dataclass(frozen=True)
class UserPool:
    name: str
    client_name: str
    groups: tuple[str, ...] = ("clients", "workers", "admins")
    # Set by staff through the admin API only; the app client cannot write them.
    custom_attributes: tuple[str, ...] = ("agency_id", "person_id")
    auth_flows: tuple[str, ...] = ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
    write_attributes: tuple[str, ...] = ("email", "name")
    # Length over composition (NIST SP 800-63B): at least 12 characters, no character-class rules.
    min_password_length: int = 12


@dataclass(frozen=True)
class Declaration:
    stage: str
    bus_name: str
    tables: tuple[Table, ...]
    queues: tuple[Queue, ...]
    rules: tuple[Rule, ...]
    user_pool: UserPool
    archive: Archive
    sender_email: str
    services: tuple[str, ...] = field(default=SERVICES)

    def table(self, service: str) -> Table:
        return next(t for t in self.tables if t.service == service)

    def queue(self, service: str) -> Queue:
        return next(q for q in self.queues if q.service == service)

    def rule(self, service: str) -> Rule:
        return next(r for r in self.rules if r.service == service)


def declare(stage: str, sender_email: str = "notifications@portal.example") -> Declaration:
    prefix = f"portal-{stage}"
    queues = tuple(
        Queue(service=s, name=f"{prefix}-{s}-events", dlq_name=f"{prefix}-{s}-events-dlq") for s in SERVICES
    )
    rules = tuple(
        Rule(service=q.service, name=f"{prefix}-to-{q.service}", detail_types=CONSUMES[q.service],
             queue_name=q.name)
        for q in queues
    )
    return Declaration(
        stage=stage,
        bus_name=bus_name(stage),
        tables=tuple(Table(service=s, name=table_name(stage, s), relayed_prefixes=RELAYED_PREFIXES[s])
                     for s in SERVICES),
        queues=queues,
        rules=rules,
        user_pool=UserPool(name=f"{prefix}-users", client_name=f"{prefix}-web"),
        archive=Archive(name=f"{prefix}-events"),
        sender_email=sender_email,
    )
