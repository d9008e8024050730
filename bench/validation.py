"""Validation cost of a request body: the typed path (`portalkit.schema.decode_body`) against the hand-written one.

The old path is the kit's `Fields` getters as they were before routes were typed (kit/portalkit/api.py before
commit 10ba4a8), kept here so the comparison outlives them, applied to each body with the rules its route had:
`call.body()` parsed the bytes with the kit's `parse_json` (depth and Unicode checks), then the route read each
field with a getter. The new path decodes the same bytes into the route's Struct and checks the kit's extra rules.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT / "kit", ROOT / "services" / "messaging"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from msgspec import Meta, Struct  # noqa: E402

from chalicelib.messaging import domain, schemas  # noqa: E402
from portalkit.errors import BadRequest  # noqa: E402
from portalkit.schema import (  # noqa: E402
    FIRST_YEAR,
    LAST_YEAR,
    MAX_ID,
    Body,
    Date,
    Id,
    decode_body,
    parse_json,
    shown,
    text,
    visible,
)

RUNS = 7
NUMBER = 2000  # bodies per timed batch: a batch takes a few milliseconds, far above the clock's resolution
BUDGET = 1.0  # the issue: typed validation costs no more than the hand-written one
COLUMNS = ("body", "bytes", "old µs", "new µs", "new/old", "budget", "within budget")
# requests' limits for a service file (services/requests/chalicelib/requests/domain.py), as its route applied them.
MAX_PROVIDERS, MAX_PARTICIPANTS = 10, 25


# -- the old path: the kit's Fields getters before types -------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MISSING = object()


class Fields:
    """The getters the routes read their bodies with before types (only the ones these bodies need)."""

    def __init__(self, data: dict):
        self.data = data

    def _get(self, name, required, default):
        value = self.data.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                raise BadRequest(name, f"{name} is required.", code="missing_field")
            return _MISSING if default is None else default
        return value

    def only(self, *names: str) -> Fields:
        for name in self.data:
            if name not in names:
                raise BadRequest(shown(name), f"{shown(name)} is not a known field.", code="unknown_field")
        return self

    def str(self, name: str, *, required=True, default=None, max_len: int | None = None, min_len: int = 1):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            raise BadRequest(name, f"{name} must be a string.")
        if min_len and not visible(value):
            raise BadRequest(name, f"{name} must not be empty.")
        if len(value.strip()) < min_len:
            raise BadRequest(name, f"{name} must be at least {min_len} characters.")
        if max_len is not None and len(value) > max_len:
            raise BadRequest(name, f"{name} must be at most {max_len} characters.")
        return value

    def int(self, name: str, *, required=True, default=None, minimum=None, maximum=None):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadRequest(name, f"{name} must be an integer.")
        if minimum is not None and value < minimum:
            raise BadRequest(name, f"{name} must be at least {minimum}.")
        if maximum is not None and value > maximum:
            raise BadRequest(name, f"{name} must be at most {maximum}.")
        return value

    def bool(self, name: str, *, required=True, default=None):
        value = self._get(name, required, default)
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            raise BadRequest(name, f"{name} must be true or false.")
        return value

    def str_list(self, name: str, *, required=True, max_items: int = 100, max_len: int = MAX_ID):
        value = self._get(name, required, None)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(
                isinstance(v, str) and len(v) <= max_len and visible(v) for v in value):
            raise BadRequest(name, f"{name} must be a list of strings of 1 to {max_len} characters.")
        if len(value) > max_items:
            raise BadRequest(name, f"{name} must have at most {max_items} items.")
        return value

    def date(self, name: str, *, required=True) -> date | None:
        value = self._get(name, required, None)
        if value is _MISSING:
            return None
        try:
            if not isinstance(value, str) or not _DATE.match(value):
                raise ValueError
            day = date.fromisoformat(value)
        except ValueError:
            raise BadRequest(name, f"{name} must be a date like 2026-12-03.") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise BadRequest(name, f"{name} must be a date in the years {FIRST_YEAR} to {LAST_YEAR}.")
        return day


def _body(raw: bytes) -> Fields:
    """`Call.body()`: the bytes parsed by the kit, refused unless a JSON object."""
    data = parse_json(raw) if raw else None
    if not isinstance(data, dict):
        raise BadRequest(None, "The body must be a JSON object.", code="invalid_json")
    return Fields(data)


def start_discussion_by_hand(raw: bytes) -> tuple:
    """messaging's POST /me/discussions before types."""
    body = _body(raw).only("service_id", "subject", "message")
    return (body.str("service_id", max_len=128), body.str("subject", max_len=domain.MAX_SUBJECT),
            body.str("message", max_len=domain.MAX_MESSAGE))


def settings_by_hand(raw: bytes) -> tuple:
    """messaging's PUT /settings before types."""
    body = _body(raw).only("discussions_enabled", "client_delivery_enabled", "email_detail", "version")
    changes = {name: body.bool(name, required=False) for name in ("discussions_enabled", "client_delivery_enabled")}
    detail = body.data.get("email_detail")
    if detail is None:
        detail = {}
    elif not isinstance(detail, dict):
        raise BadRequest("email_detail", "email_detail must be an object.")
    for kind, level in detail.items():
        if kind not in domain.KINDS:
            raise BadRequest(f"email_detail.{kind}", f"{kind} is not a kind of notification; "
                                                      f"choose among: {', '.join(domain.KINDS)}.")
        if level not in domain.DETAIL_LEVELS:
            raise BadRequest(f"email_detail.{kind}", f"email_detail.{kind} must be one of: "
                                                      f"{', '.join(domain.DETAIL_LEVELS)}.")
    return changes, detail, body.int("version", minimum=0)


def open_service_by_hand(raw: bytes) -> tuple:
    """requests' POST /services before types."""
    body = _body(raw).only("name", "open_date", "provider_ids", "participant_ids")
    return (body.str("name", max_len=200), body.date("open_date").isoformat(),
            body.str_list("provider_ids", max_items=MAX_PROVIDERS),
            body.str_list("participant_ids", required=False, max_items=MAX_PARTICIPANTS))


class OpenService(Body):
    """requests' POST /services body as a type, with the rules its route had (requests is not typed here yet)."""

    name: text(200)
    open_date: Date
    provider_ids: Annotated[list[Id], Meta(max_length=MAX_PROVIDERS)]
    participant_ids: Annotated[list[Id], Meta(max_length=MAX_PARTICIPANTS)] | None = None


# -- the bodies ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A body as a client sends it, the route's hand-written validation, its typed model, and a refused variant."""

    label: str
    raw: bytes
    by_hand: Callable[[bytes], object]
    model: type[Struct]
    refused: bytes  # the same body with one field broken: both paths refuse it naming `refused_field`
    refused_field: str


def _json(value: dict) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-01JF3Q8Z{i:04d}K7W2N5X9RT" for i in range(count)]


_DISCUSSION = {"service_id": "svc-01JF3Q8Z4K7W2N5X9RTBC", "subject": "Moving Thursday's session",
               "message": "Hello, I start a new job next week and can no longer come on Thursday mornings. "
                          "Could we move our sessions to Thursday afternoons, or to Friday? Thank you. " * 2}
_SETTINGS = {"version": 7, "discussions_enabled": True, "client_delivery_enabled": False,
             "email_detail": {kind: domain.DETAIL_LEVELS[i % 2] for i, kind in enumerate(domain.KINDS)}}
_SERVICE = {"name": "Family counselling, Smith household", "open_date": "2026-12-03",
            "provider_ids": _ids("worker", MAX_PROVIDERS), "participant_ids": _ids("client", MAX_PARTICIPANTS)}

CASES = (
    Case("start a discussion (messaging)", _json(_DISCUSSION), start_discussion_by_hand,
         schemas.NewDiscussionWithProviders, _json({**_DISCUSSION, "subject": "x" * (domain.MAX_SUBJECT + 1)}),
         "subject"),
    Case(f"settings, {len(domain.KINDS)} kinds' email detail (messaging)", _json(_SETTINGS), settings_by_hand,
         schemas.SettingsChange, _json({**_SETTINGS, "version": -1}), "version"),
    Case(f"open a service, {MAX_PROVIDERS}+{MAX_PARTICIPANTS} ids (requests' rules)", _json(_SERVICE),
         open_service_by_hand, OpenService, _json({**_SERVICE, "participant_ids": ["ok", " "]}), "participant_ids"),
)

NOTES = (
    "µs per body, median of batches run in turns (old, new, old, new, ...); each path parses the bytes itself.",
    "old: the kit's Fields getters before types (kit/portalkit/api.py before 10ba4a8: parse_json, then a getter per",
    "  field), as each route applied them. new: portalkit.schema.decode_body into the route's Struct (msgspec, then",
    "  the kit's extra rules: visible text, years). The requests body's Struct is bench-local, with the rules",
    "  requests' route had (requests is being typed separately).",
    f"budget: new/old at most {BUDGET:.1f} (issue 14). Both paths refuse each body's broken variant naming the same",
    "  field (tests/infra/test_bench.py).",
)


def refused_field(check: Callable[[bytes], object], raw: bytes) -> str | None:
    """The field a path names when it refuses `raw` (None if it accepts it)."""
    try:
        check(raw)
    except BadRequest as error:
        return error.field or "(body)"
    return None


def _per_body_us(check: Callable[[bytes], object], raw: bytes, number: int) -> float:
    started = time.perf_counter()
    for _ in range(number):
        check(raw)
    return (time.perf_counter() - started) / number * 1e6


def figures(runs: int = RUNS, number: int = NUMBER) -> list[tuple]:
    """One row per body: bytes, old and new µs per body (medians), their ratio against the budget."""
    rows = []
    for case in CASES:
        typed = lambda raw, model=case.model: decode_body(raw, model)  # noqa: E731
        paths = (case.by_hand, typed)
        for check in paths:
            check(case.raw)  # warm-up, not counted
        samples = [[_per_body_us(check, case.raw, number) for check in paths] for _ in range(runs)]
        old, new = (statistics.median(column) for column in zip(*samples, strict=True))
        ratio = new / old
        rows.append((case.label, len(case.raw), old, new, ratio, f"≤ {BUDGET:.1f}x",
                     "yes" if ratio <= BUDGET else "OVER"))
    return rows
