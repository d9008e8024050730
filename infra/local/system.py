"""The four apps wired to one set of resources: loading, the pump's wiring, the gateway, contracts.

Shared by the local stack (`make run`) and the test suite, so both run the same topology.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache, partial
from pathlib import Path

from infra.declaration import SERVICES, Declaration
from infra.provision import Provisioned
from portalkit.contracts import Contracts
from portalkit.testing.pump import Pump, Wiring

ROOT = Path(__file__).resolve().parents[2]


def service_dir(service: str) -> Path:
    return ROOT / "services" / service


@cache
def load_app(service: str):
    """Import a service's `app.py` under its own module name, so four apps live side by side."""
    for name in SERVICES:  # chalicelib is a namespace package spread over the four apps
        path = str(service_dir(name))
        if path not in sys.path:
            sys.path.append(path)
    module_name = f"portal_{service}_app"
    spec = importlib.util.spec_from_file_location(module_name, service_dir(service) / "app.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def contracts() -> Contracts:
    return Contracts({s: service_dir(s) / "contracts" for s in SERVICES})


def wirings(declaration: Declaration, provisioned: Provisioned) -> list[Wiring]:
    found = []
    for service in declaration.services:
        module = load_app(service)
        found.append(
            Wiring(
                service=service,
                table_name=declaration.table(service).name,
                relay=module.relay,
                queue_url=provisioned.queue_urls[service],
                consumer=module.consumer,
                relayed_prefixes=declaration.table(service).relayed_prefixes,
            )
        )
    return found


def make_pump(declaration: Declaration, provisioned: Provisioned, clients, **options) -> Pump:
    return Pump(wirings(declaration, provisioned), clients, contracts=contracts(), **options)


def openapi_routes(services) -> dict:
    """`GET /<service>/openapi.json` for the gateway, no token: the committed document, read on each call."""

    def serve(service: str):
        return 200, {"Content-Type": "application/json"}, (service_dir(service) / "openapi.json").read_bytes()

    return {f"/{service}/openapi.json": partial(serve, service) for service in services}


def apps(declaration: Declaration) -> dict:
    """Base path segment -> Chalice app."""
    return {service: load_app(service).app for service in declaration.services}
