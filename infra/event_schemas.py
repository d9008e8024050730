"""The JSON Schemas of the events each service publishes (services/<service>/contracts/), generated from the
payload types its `schemas.py` declares (`portalkit.schema.Published`): `make openapi` writes both these and the
OpenAPI documents. A build-time tool: no Lambda function imports it.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "kit") not in sys.path:
    sys.path.insert(0, str(ROOT / "kit"))

import msgspec  # noqa: E402

from infra.declaration import SERVICES  # noqa: E402
from infra.local.system import load_app  # noqa: E402
from portalkit.schema import Published  # noqa: E402

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def payloads(service: str) -> list[type[Published]]:
    """The payload types a service declares, in the order its schemas module declares them."""
    load_app(service)
    module = sys.modules.get(f"chalicelib.{service}.schemas")
    if module is None:
        return []
    found = [v for v in vars(module).values()
             if inspect.isclass(v) and issubclass(v, Published) and v is not Published and hasattr(v, "event_type")]
    return sorted(found, key=lambda cls: (cls.event_type, cls.version))


def prose(text: str | None) -> str:
    """A docstring as one paragraph per blank-line-separated block."""
    blocks = inspect.cleandoc(text or "").split("\n\n")
    return "\n\n".join(" ".join(block.split()) for block in blocks)


def contract(payload: type[Published]) -> dict:
    """One contract: the payload's schema, open to fields added later (consumers ignore what they do not know)."""
    refs, defs = msgspec.json.schema_components([payload], ref_template="#/$defs/{name}")
    name = refs[0]["$ref"].rsplit("/", 1)[1]
    body = defs.pop(name)
    body.pop("title", None)
    body.pop("description", None)
    schema = {"$schema": DRAFT, "title": f"{payload.event_type} v{payload.version}",
              "description": prose(payload.__doc__), **body, "additionalProperties": True}
    if defs:
        schema["$defs"] = defs
    return tidy(schema)


def tidy(value):
    """Descriptions as prose (docstrings are indented), everywhere in a schema."""
    if isinstance(value, dict):
        return {k: prose(v) if k == "description" and isinstance(v, str) else tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tidy(v) for v in value]
    return value


def path_of(service: str, payload: type[Published]) -> Path:
    return ROOT / "services" / service / "contracts" / f"{payload.event_type}.v{payload.version}.json"


def render(payload: type[Published]) -> str:
    return json.dumps(contract(payload), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    for service in SERVICES:
        for payload in payloads(service):
            path = path_of(service, payload)
            path.write_text(render(payload))
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
