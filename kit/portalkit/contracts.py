"""JSON Schemas of published events: `services/<producer>/contracts/<event_type>.v<N>.json`.

Each schema describes the event's `data`. The in-process pump checks every event a test produces
against its producer's schema, and contract tests check the schemas themselves. Lambda never loads
this module, so `jsonschema` is a test and local-stack dependency only.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from portalkit.envelope import Envelope, UnknownMessageVersion


class ContractViolation(ValueError):
    """An event whose data does not match its producer's schema."""


class Contracts:
    def __init__(self, directories: dict[str, Path]):
        """`directories`: producer service name -> its contracts folder."""
        self.directories = directories

    def schema_path(self, event_type: str, version: int) -> Path:
        producer = event_type.split(".", 1)[0]
        if producer not in self.directories:
            raise UnknownMessageVersion(f"no producer named {producer!r} publishes {event_type}")
        return self.directories[producer] / f"{event_type}.v{version}.json"

    def published(self) -> list[tuple[str, int]]:
        found = []
        for folder in self.directories.values():
            for path in sorted(folder.glob("*.v*.json")):
                event_type, _, version = path.name[: -len(".json")].rpartition(".v")
                found.append((event_type, int(version)))
        return found

    def validate(self, envelope: Envelope) -> None:
        path = self.schema_path(envelope.event_type, envelope.event_version)
        if not path.exists():
            raise UnknownMessageVersion(
                f"{envelope.event_type} v{envelope.event_version} has no schema at {path}"
            )
        errors = sorted(_validator(str(path)).iter_errors(envelope.data), key=lambda e: list(e.path))
        if errors:
            first = errors[0]
            where = "data" + "".join(f"[{p!r}]" for p in first.path)
            raise ContractViolation(
                f"{envelope.event_type} v{envelope.event_version}: {where}: {first.message}"
            )


@cache
def _validator(path: str):
    import jsonschema

    schema = json.loads(Path(path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
