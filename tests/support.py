"""Helpers the tests share: the provisioned system, an API client through the real gateway code, and events
published from producers' outboxes to a few services."""

from __future__ import annotations

import json as jsonlib
import os
from dataclasses import dataclass

from hypothesis import settings as hypothesis_settings

from infra.declaration import declare
from infra.local.clock import parse_instant
from infra.local.gateway import Gateway, TokenVerifier
from infra.local.scheduler import jobs_of, scheduled_event
from infra.local.system import apps, contracts, load_app, make_pump, openapi_routes, wirings
from infra.provision import provision
from portalkit.envelope import Envelope, new_message
from portalkit.store import Transaction
from portalkit.testing.pump import Pump

# The instant the suite runs at: the local stack of the e2e tests starts its clock there, and every in-process test
# that does not set the clock itself stands on it. PORTAL_TEST_NOW=2026-03-08T01:55 runs the suite at another
# (a time without an offset is the demo agency's wall clock, America/New_York).
DEFAULT_TEST_NOW = "2026-06-10T09:30-04:00"  # a Wednesday morning in New York, far from DST changes and midnight
TEST_NOW = parse_instant(os.environ.get("PORTAL_TEST_NOW") or DEFAULT_TEST_NOW)


def examples(count: int) -> int:
    """A property test's example count under the loaded Hypothesis profile: `count` in `make test`, more in fuzzing."""
    return count * hypothesis_settings.default.max_examples // 100


def sent_emails() -> list[dict]:
    """What in-process moto's SES accepted, oldest first, read as `make emails` reads it: to, subject, body,
    attachments (infra.local.emails.read_raw)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import RawMessage, ses_backends

    from infra.local.emails import read_raw

    found = []
    for message in ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages:
        if isinstance(message, RawMessage):
            found.append(read_raw(message.raw_data))
        else:
            found.append({"to": message.destinations["ToAddresses"], "subject": message.subject,
                          "body": message.body, "attachments": []})
    return found


def run_scheduled(service: str, name: str, at: float) -> object:
    """One of a service's scheduled functions, called once as EventBridge calls it at `at` (and with its role)."""
    (job,) = [job for job in jobs_of(service, load_app(service)) if job.name == name]
    return job.run(scheduled_event(at))


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def json(self):
        return jsonlib.loads(self.body) if self.body else None

    def error_code(self) -> str | None:
        return (self.json or {}).get("error", {}).get("code")


class ApiClient:
    def __init__(self, gateway: Gateway):
        self.gateway = gateway

    def request(self, method, path, *, token=None, json=None, headers=None) -> Reply:
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = token
        body = None
        if json is not None:
            body = jsonlib.dumps(json).encode()
            headers.setdefault("Content-Type", "application/json")
        return self.request_raw(method, path, headers=headers, body=body)

    def request_raw(self, method, path, *, headers=None, body: bytes | None = None) -> Reply:
        """Exactly these headers and body bytes, as a client that builds its own request sends them."""
        status, response_headers, payload = self.gateway.handle(method, path, dict(headers or {}), body)
        return Reply(status, response_headers, payload)

    def get(self, path, **kw) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path, **kw) -> Reply:
        return self.request("POST", path, **kw)

    def put(self, path, **kw) -> Reply:
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw) -> Reply:
        return self.request("DELETE", path, **kw)


class System:
    def __init__(self, clients, issuer, declaration, provisioned):
        self.clients = clients
        self.issuer = issuer
        self.declaration = declaration
        self.resources = provisioned
        verifier = TokenVerifier(issuer.jwks, issuer.issuer, {issuer.client_id})
        self.api = ApiClient(Gateway(apps(declaration), verifier, extra_routes=openapi_routes(declaration.services)))

    @classmethod
    def provision(cls, clients, issuer, region) -> System:
        declaration = declare("test")
        return cls(clients, issuer, declaration, provision(declaration, clients, region))

    def token(self, role: str, agency_id: str = "agency-a", person_id: str | None = None, **kw) -> str:
        return self.issuer.token(role, agency_id, person_id, **kw)

    def pump(self, **options):
        return make_pump(self.declaration, self.resources, self.clients, **options)

    def dlq_bodies(self, service: str) -> list[str]:
        sqs = self.clients("sqs")
        url = self.resources.dlq_urls[service]
        bodies = []
        while True:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
            if not got:
                return bodies
            bodies += [m["Body"] for m in got]


class EventFlow:
    """Producers' outboxes and a few consumers wired to a pump as in AWS; what they publish, read as it comes."""

    def __init__(self, system, producers: tuple[str, ...], consumers: tuple[str, ...], **delivery):
        wired = {w.service: w for w in wirings(system.declaration, system.resources)}
        for producer in producers:
            wired[producer].consumer = None  # only their outboxes take part
        self.pump = Pump([wired[s] for s in (*producers, *consumers)], system.clients, contracts=contracts(),
                         **delivery)
        self.seen = 0

    @staticmethod
    def publish(producer: str, event_type: str, subject_id: str, data: dict, version: int = 1,
                agency_id: str = "agency-a") -> None:
        """An event from the producer's outbox, in its own transaction as the producer would write it."""
        with Transaction(producer) as tx:
            tx.publish(new_message(event_type, agency_id=agency_id, subject_id=subject_id, subject_version=version,
                                 data=data))

    def deliver(self) -> list[Envelope]:
        """Everything delivered (no consumer failing); the events published since the last look."""
        stats = self.pump.drain()
        assert stats.consumer_failures == 0
        fresh, self.seen = stats.published[self.seen:], len(stats.published)
        return fresh


# -- events a producer's schema admits, for feeding consumers ---------------------------------------------------------


def from_schema(schema: dict, ids, instants):
    """Values a JSON Schema admits (the few keywords producers use): ids drawn often from `ids`, instants often
    from `instants` (to reach deep into a consumer), and otherwise anything the schema allows."""
    from hypothesis import strategies as st

    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:  # a generated contract's optional field: its type or null
        return st.one_of([from_schema(option, ids, instants) for option in schema["anyOf"]])
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    options = []
    for kind in kinds:
        if kind == "null":
            options.append(st.none())
        elif kind == "boolean":
            options.append(st.booleans())
        elif kind == "integer":
            options.append(st.integers(min_value=schema.get("minimum", -(2**31)), max_value=2**40))
        elif kind == "array":
            options.append(st.lists(from_schema(schema["items"], ids, instants), max_size=4))
        elif "pattern" in schema:  # an instant or a date: the pattern with ECMA's ASCII \d
            pattern = schema["pattern"].replace("\\d", "[0-9]")
            anything = st.from_regex(pattern, fullmatch=True)
            options.append(st.one_of(anything, instants) if "T" in pattern and pattern.endswith("Z$") else anything)
        else:
            lengths = {"min_size": schema.get("minLength", 0), "max_size": min(schema.get("maxLength", 20), 20)}
            options.append(st.one_of(st.sampled_from(ids), st.text(**lengths)))
    return st.one_of(options)


def schema_events(service: str, ids, instants):
    """(event_type, data, subject_version) for every type and version a service's consumer handles, the data
    generated from its producer's JSON Schema (required fields always, optional ones sometimes)."""
    from hypothesis import strategies as st

    consumer = load_app(service).consumers.consumer
    options = []
    for event_type, version in sorted(consumer.handlers):
        schema = jsonlib.loads(contracts().schema_path(event_type, version).read_text())
        properties = schema["properties"]
        required = {name: from_schema(properties[name], ids, instants) for name in schema["required"]}
        optional = {name: from_schema(s, ids, instants) for name, s in properties.items() if name not in required}
        data = st.fixed_dictionaries(required, optional=optional)
        options.append(st.tuples(st.just(event_type), data, st.integers(1, 5)))
    return st.one_of(options)
