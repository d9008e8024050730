"""How each function runs (memory, timeout, architecture) is declared once, in infra/declaration.py: the CDK stacks
apply it to every function (tests/infra/test_stacks.py checks the templates), the local gateway runs the apps with
the API's, and no Chalice config says otherwise."""

from __future__ import annotations

import json

from chalice import Chalice

from infra.declaration import FUNCTIONS, SERVICES
from infra.local.gateway import Gateway, TokenVerifier
from infra.local.system import service_dir

# Chalice's own names for what `FUNCTIONS` and `ARCHITECTURE` declare: a second source if a config sets them.
DECLARED_ELSEWHERE = {"lambda_memory_size", "lambda_timeout", "lambda_architecture"}


def settings_in(config, where: str = "") -> list[str]:
    """`path.key` of every key of a Chalice config, at any depth (stages, lambda_functions), that is declared."""
    found = []
    if isinstance(config, dict):
        for key, value in config.items():
            path = f"{where}.{key}" if where else key
            if key in DECLARED_ELSEWHERE:
                found.append(path)
            found += settings_in(value, path)
    return found


def test_no_chalice_config_sets_memory_timeout_or_architecture():
    for service in SERVICES:
        config = json.loads((service_dir(service) / ".chalice" / "config.json").read_text())
        assert not settings_in(config), (
            f"services/{service}/.chalice/config.json sets {settings_in(config)}: declare them in "
            "infra/declaration.py FUNCTIONS (by kind of function) instead"
        )


def test_the_check_finds_a_setting_in_a_stage_function():
    config = {"lambda_timeout": 25, "stages": {"dev": {"lambda_functions": {"consumer": {"lambda_memory_size": 512}}}}}
    assert settings_in(config) == ["lambda_timeout", "stages.dev.lambda_functions.consumer.lambda_memory_size"]


def test_the_local_gateway_runs_the_apps_with_the_api_functions_declared_memory_and_timeout():
    app = Chalice("probe")

    @app.route("/probe/context")
    def context():
        lambda_context = app.lambda_context
        return {"memory_mb": int(lambda_context.memory_limit_in_mb),
                "remaining_ms": lambda_context.get_remaining_time_in_millis()}

    status, _, body = Gateway({"probe": app}, TokenVerifier({"keys": []}, "issuer", set())).handle(
        "GET", "/probe/context", {}, None)
    assert status == 200, body
    seen = json.loads(body)
    api = FUNCTIONS["api"]
    assert seen["memory_mb"] == api.memory_mb
    assert (api.timeout_seconds - 5) * 1000 < seen["remaining_ms"] <= api.timeout_seconds * 1000
