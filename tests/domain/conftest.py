"""Domain tests import a service's pure rules directly (no AWS)."""

from infra.local.system import load_app

for service in ("availability", "requests", "messaging", "billing"):
    load_app(service)  # puts every service's chalicelib on the path
