"""Typed contracts: what a route accepts and answers, declared once as msgspec Structs.

A service declares its bodies, queries and replies in `chalicelib/<service>/schemas.py` with the bases and
field types here. The same classes validate input (`decode_body`, `decode_query`), check replies in tests
(`check_reply`), and become the JSON Schemas of the service's OpenAPI document (infra/openapi.py). Every
refusal is a `BadRequest` naming the field, in the API's words, whatever msgspec said.

Rules beyond msgspec's own constraints ride in `Meta(extra=...)` and are checked after decoding:
`visible` (text with a character a person can see), `year_range` (dates, months and instants the system computes
with), `zone` (a canonical IANA time zone), `message` (the sentence for a pattern that did not match). A pattern
that ends in `$` matches the whole text: Python's `$` would also let a last newline through.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal

import msgspec
import msgspec.inspect as mi
from msgspec import Meta, Struct

from portalkit.errors import BadRequest

MAX_ID = 128  # an id in a path, a body, a list or an event (the event contracts say 128 too)
MAX_DEPTH = 16  # how deep a body may nest: ours nest 3 levels at most; DynamoDB stores 32
MAX_NAME = 128  # a field name
# Dates and instants the API accepts: far beyond any appointment, invoice or calendar an agency keeps, and every
# instant in them is a valid date in every time zone, so no consumer meets a year it cannot compute with.
FIRST_YEAR, LAST_YEAR = 2000, 2099
YEARS = {"year_range": (FIRST_YEAR, LAST_YEAR)}


class Body(Struct, forbid_unknown_fields=True, kw_only=True):
    """A request body: unknown fields are refused (a typo should not be silently ignored)."""


class Query(Struct, forbid_unknown_fields=True, kw_only=True):
    """A route's query parameters, read from strings ("5", "true") into their types."""


class Reply(Struct, forbid_unknown_fields=True, kw_only=True):
    """A reply (or part of one): its schema lists every field, so a field the code adds must be declared."""


class Health(Reply):
    """The service answers: GET /<service>/health."""

    service: str
    status: Literal["ok"]


class Published(Struct, kw_only=True, omit_defaults=True):
    """The data of an event a service publishes; `event_type` and `version` name its contract (contracts/*.json,
    generated from the class; its docstring is the contract's description)."""

    event_type: ClassVar[str]
    version: ClassVar[int] = 1

    @classmethod
    def of(cls, data: dict) -> Published:
        """The payload from the dict a domain object gives (validated: a field the contract lacks is a bug)."""
        unknown = sorted(set(data) - set(cls.__struct_encode_fields__))  # msgspec would drop it from the payload
        if unknown:
            raise msgspec.ValidationError(f"{cls.event_type} has no field `{unknown[0]}`: declare it in the payload")
        return msgspec.convert(data, type=cls)

    def envelope(self, *, agency_id: str, subject_id: str, subject_version: int, cause=None):
        """This payload in a new event envelope, ready to publish through the outbox."""
        from portalkit.envelope import new_message

        return new_message(self.event_type, agency_id=agency_id, subject_id=subject_id,
                         subject_version=subject_version, data=msgspec.to_builtins(self), version=self.version,
                         cause=cause)


# -- field types -----------------------------------------------------------------------------------------------

Id = Annotated[str, Meta(min_length=1, max_length=MAX_ID, extra={"visible": True})]


def text(max_length: int, min_length: int = 1, **meta) -> Any:
    """A string of at most `max_length` characters; unless `min_length` is 0, with something visible in it."""
    extra = {"visible": True} if min_length else {}
    return Annotated[str, Meta(min_length=min_length, max_length=max_length, extra=extra, **meta)]


def pattern(regex: str, message: str, **meta) -> Any:
    """A string matching `regex`; `message` says what was expected ("must be a date like 2026-12-03")."""
    return Annotated[str, Meta(pattern=regex, extra={"message": message}, **meta)]


IN_YEARS = f"in the years {FIRST_YEAR} to {LAST_YEAR}"  # the documents say the range the checks keep
Date = Annotated[dt.date, Meta(extra=YEARS, description=f"A date, YYYY-MM-DD, {IN_YEARS}.")]
Instant = Annotated[dt.datetime, Meta(tz=True, extra=YEARS,
                                      description=f"An RFC 3339 instant with its offset, {IN_YEARS} (UTC).")]
# ASCII digits: in a pattern, \d also matches other scripts' digits ("٢٠٢٦-12"), which int() reads.
Month = Annotated[str, Meta(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", description=f"A month, YYYY-MM, {IN_YEARS}.",
                            extra={"message": "must be a month like 2026-12", **YEARS})]
Zone = Annotated[str, Meta(min_length=1, max_length=64, extra={"zone": True},
                           description="A canonical IANA time zone, like America/New_York.")]
Ids = Annotated[list[Id], Meta(max_length=100)]

# What replies carry: plain JSON, so their schemas say exactly what a client reads.
UtcInstant = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$",
                                 description="A UTC instant, RFC 3339 with Z.")]
LocalInstant = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$",
                                   description="A wall-clock time with its UTC offset.")]
DateText = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}-\d{2}$", description="A date, YYYY-MM-DD.")]
Cursor = Annotated[str, Meta(min_length=1, max_length=4096, description="Where the next page starts (opaque).")]


# -- decoding --------------------------------------------------------------------------------------------------


def decode_body(raw: bytes | str | None, model: type[Struct]) -> Struct:
    """A request body as `model`, or a BadRequest naming the field (with a sentence, never the raw input)."""
    if not raw:
        raw = b"{}" if not _required_fields(model) else b""
    if not raw:
        raise BadRequest(None, "The body must be a JSON object.", code="invalid_json")
    try:
        value = msgspec.json.decode(raw, type=model)
    except msgspec.ValidationError as error:
        message = re.sub(r" - at `key` in `\$([^`]*)`$", r" - at `$\1[...]`", str(error))
        if "[...]" in message:  # msgspec does not say which key of a mapping: find it
            message = _locate_in_mapping(message, json.loads(raw), model)
        raise _bad_request(message, model) from None
    except (msgspec.DecodeError, RecursionError):
        # msgspec says only where in the bytes: the kit's plain parser names the field (deep or invalid text).
        parse_json(raw)
        raise BadRequest(None, "The body is not valid JSON.", code="invalid_json") from None
    check(value, model)
    return value


def decode_query(params: dict | None, model: type[Struct]) -> Struct:
    """Query parameters (all strings) as `model`: "5" is read as 5 and "true" as true where the type says so."""
    try:
        value = msgspec.convert(dict(params or {}), type=model, strict=False)
    except msgspec.ValidationError as error:
        raise _bad_request(str(error), model, where="query parameter") from None
    check(value, model)
    return value


def check_reply(value: Any, model: Any) -> None:
    """Raise AssertionError unless `value` (what a view returned) is an instance of the declared reply (tests)."""
    try:
        msgspec.convert(msgspec.to_builtins(value), type=model, strict=True)
    except msgspec.ValidationError as error:
        raise AssertionError(f"reply breaks its declared schema ({_name(model)}): {error}") from None


def to_builtins(value: Any) -> Any:
    """A reply as plain JSON values (Structs, dates and instants as strings)."""
    return msgspec.to_builtins(value)


# -- text and JSON as sent ---------------------------------------------------------------------------------------


def parse_json(raw: bytes | str) -> object:
    """A request body as JSON, refused unless it nests at most MAX_DEPTH levels and all its text is valid Unicode."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise BadRequest(None, f"The body nests deeper than {MAX_DEPTH} levels.", code="invalid_json") from None
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(None, "The body is not valid JSON.", code="invalid_json") from None
    pending = [(data, None, 0)]  # a loop, not recursion: the depth is what is being checked
    while pending:
        value, path, depth = pending.pop()
        if isinstance(value, dict | list) and depth >= MAX_DEPTH:
            raise BadRequest(None, f"The body nests deeper than {MAX_DEPTH} levels.", code="invalid_json")
        if isinstance(value, dict):
            for name, item in value.items():
                place = None if path is None else shown(path, 80)
                check_text(name, "A field name is not valid Unicode text.", place)
                if len(name) > MAX_NAME:
                    raise BadRequest(place, f"A field name is longer than {MAX_NAME} characters.")
                pending.append((item, name if path is None else f"{path}.{name}", depth + 1))
        elif isinstance(value, list):
            pending.extend((item, f"{path or ''}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str) and not encodable(value):
            place = None if path is None else shown(path, 80)
            raise BadRequest(place, f"{place or 'The body'} is not valid Unicode text.", code="invalid_text")
    return data


def check_text(value: str, message: str, field: str | None) -> str:
    """Refuse text that is not valid Unicode: a lone surrogate (`"\\ud800"`) cannot be stored or sent on."""
    if not encodable(value):
        raise BadRequest(field, message, code="invalid_text")
    return value


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf"}  # whitespace, controls and format characters (zero-width space, BOM)


def visible(text: str) -> bool:
    """Whether `text` has a character a person can see: a name of zero-width spaces is as empty as one of spaces."""
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in text)


def shown(text: str, limit: int = 40) -> str:
    """A value as a message may quote it: never more than `limit` characters of what a client sent."""
    return text if len(text) <= limit else text[:limit] + "…"


# -- the rules msgspec has no constraint for -------------------------------------------------------------------


def check(value: Struct, model: type[Struct]) -> None:
    """The `extra` rules of every field of a decoded value (visible text, year ranges, time zones)."""
    rules = _checker(model)
    if rules is not None:
        rules(value, "")


Checker = Callable[[Any, str], None]


@functools.cache
def _checker(model: type[Struct]) -> Checker | None:
    """The model's extra rules as one function, made once per model: each body then visits only the fields that have
    a rule (msgspec's `type_info` costs more than decoding a body, so it is not read per request)."""
    return _compile(mi.type_info(model))


def _compile(info: Any) -> Checker | None:
    """A function checking the rules of a value of type `info` at a path, or None when nothing in it has one."""
    if isinstance(info, mi.Metadata):
        inner, extra = _compile(info.type), info.extra
        if _whole(info.type):  # checked with the field's own words (`message`)
            inner, extra = None, {**(extra or {}), "whole": True}
        if not extra:
            return inner

        def metadata(value: Any, path: str) -> None:
            if value is not None:
                _rules(value, extra, path)
                if inner is not None:
                    inner(value, path)
        return metadata
    if _whole(info):
        return lambda value, path: _rules(value, {"whole": True}, path)
    if isinstance(info, mi.StructType):
        return _struct_checker(info.cls)
    if isinstance(info, mi.UnionType):
        members = [(member, _compile(member)) for member in info.types]
        if all(rules is None for _, rules in members):
            return None

        def union(value: Any, path: str) -> None:
            for member, rules in members:
                if value is not None and _matches(value, member):
                    if rules is not None:
                        rules(value, path)
                    return
        return union
    if isinstance(info, mi.ListType | mi.SetType | mi.FrozenSetType | mi.VarTupleType):
        item = _compile(info.item_type)
        if item is None:
            return None

        def items(value: Any, path: str) -> None:
            for i, element in enumerate(value or ()):
                item(element, f"{path}[{i}]")
        return items
    if isinstance(info, mi.DictType):
        entry = _compile(info.value_type)
        if entry is None:
            return None

        def entries(value: Any, path: str) -> None:
            for key, element in (value or {}).items():
                entry(element, f"{path}.{key}")
        return entries
    return None


def _whole(info: Any) -> bool:
    """A string whose pattern ends in `$`, so must match to the end (see `_rules`)."""
    return isinstance(info, mi.StrType) and (info.pattern or "").endswith("$")


_COMPILING: dict[type, list[Checker | None]] = {}  # a Struct that holds itself refers to its checker-to-be


def _struct_checker(cls: type) -> Checker | None:
    if cls in _COMPILING:
        pending = _COMPILING[cls]
        return lambda value, path: pending[0] and pending[0](value, path)
    _COMPILING[cls] = slot = [None]
    try:
        fields = [(field.name, field.encode_name, rules) for field in mi.type_info(cls).fields
                  if (rules := _compile(field.type)) is not None]
    finally:
        del _COMPILING[cls]
    if not fields:
        return None

    def struct(value: Any, path: str) -> None:
        if value is None:
            return
        for name, sent_as, rules in fields:  # named as the client wrote it (`from`, for a field declared `from_`)
            element = getattr(value, name)
            if element is not None:
                rules(element, f"{path}.{sent_as}" if path else sent_as)
    slot[0] = struct
    return struct


def _matches(value: Any, info: Any) -> bool:
    """Whether a decoded value is of one member of a union (to check that member's rules)."""
    base = info.type if isinstance(info, mi.Metadata) else info
    if isinstance(base, mi.StructType):
        return isinstance(value, base.cls)
    if isinstance(base, mi.BoolType):
        return isinstance(value, bool)
    if isinstance(base, mi.IntType):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(base, mi.DateTimeType):
        return isinstance(value, dt.datetime)
    if isinstance(base, mi.DateType):
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    kind = {mi.StrType: str, mi.ListType: list, mi.DictType: dict}.get(type(base))
    return kind is not None and isinstance(value, kind)


def _pattern_words(extra: dict) -> str:
    """What a refusal says of a text its pattern did not match: the field's own `message`, else a plain sentence."""
    return extra.get("message", "is not in the expected form")


def _rules(value: Any, extra: dict, path: str) -> None:
    name = path or None
    # A pattern's `$` also matches before a last newline in Python (msgspec), not in the documents' JSON Schema:
    # "#1E90FF\n" or "2026-12\n" would pass and be stored with the newline.
    if extra.get("whole") and isinstance(value, str) and value.endswith("\n"):
        raise BadRequest(name, f"{path} {_pattern_words(extra)}.")
    if extra.get("visible") and isinstance(value, str) and not visible(value):
        raise BadRequest(name, f"{path} must not be empty.")
    if "year_range" in extra and isinstance(value, dt.date | str):
        first, last = extra["year_range"]
        try:
            year = (int(value[:4]) if isinstance(value, str)  # a month, 2026-12 (its pattern matched)
                    else value.astimezone(dt.UTC).year if isinstance(value, dt.datetime) else value.year)
        except OverflowError:  # 0001-01-01T00:00:00+01:00 is before the first instant Python can hold in UTC
            year = first - 1
        if not first <= year <= last:
            kind = "a month" if isinstance(value, str) else "an instant" if isinstance(value, dt.datetime) else "a date"
            raise BadRequest(name, f"{path} must be {kind} in the years {first} to {last}.")
    if extra.get("zone") and isinstance(value, str):
        from portalkit.zones import check_timezone

        check_timezone(value, path)


# -- msgspec's complaints in the API's words ---------------------------------------------------------------------

_AT = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_TYPES = {"str": "a string", "int": "an integer", "float": "a number", "bool": "true or false", "array": "a list",
          "object": "an object", "null": "null"}


def _bad_request(message: str, model: type, where: str = "field") -> BadRequest:
    at = _AT.search(message)
    path = at.group("path").lstrip(".") if at else ""
    text = message[: at.start()] if at else message
    if found := re.fullmatch(r"Object missing required field `(?P<name>.+)`", text):
        field = _join(path, found["name"])
        return BadRequest(field, f"{field} is required.", code="missing_field")
    if found := re.fullmatch(r"Object contains unknown field `(?P<name>.+)`", text):
        field = shown(_join(path, found["name"]), 80)
        return BadRequest(field, f"{field} is not a known {where}.", code="unknown_field")
    if not path:
        return BadRequest(None, "The body must be a JSON object.", code="invalid_json")
    if text.startswith("is not a known key"):
        return BadRequest(path, f"{path} {text}.")
    return BadRequest(path, f"{path} {_sentence(text, model, path)}.")


def _sentence(text: str, model: type, path: str) -> str:
    if found := re.fullmatch(r"Expected `str` of length >= (\d+)", text):
        return "must not be empty" if found[1] == "1" else f"must be at least {found[1]} characters"
    if found := re.fullmatch(r"Expected `str` of length <= (\d+)", text):
        return f"must be at most {found[1]} characters"
    if found := re.fullmatch(r"Expected `(?:int|float)` (>=|<=|>|<) (\S+)", text):
        bound = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}[found[1]]
        return f"must be {bound} {found[2]}"
    if found := re.fullmatch(r"Expected `(?:int|float)` that's a multiple of (\S+)", text):
        return f"must be a multiple of {found[1]}"
    if found := re.fullmatch(r"Expected `(?:array|object)` of length <= (\d+)", text):
        return f"must have at most {found[1]} items"
    if found := re.fullmatch(r"Expected `(?:array|object)` of length >= (\d+)", text):
        return f"must have at least {found[1]} item{'s' if found[1] != '1' else ''}"
    if text.startswith("Invalid enum value") or (text.startswith("Expected `str`") and _options(model, path)):
        options = _options(model, path)
        return f"must be one of: {', '.join(map(str, options))}" if options else "is not one of the values allowed"
    if text.startswith("Expected `str` matching regex"):
        return _pattern_words(_extra(model, path))
    if "datetime" in text:
        return "must be an RFC 3339 time with its offset, like 2026-12-03T14:00:00Z"
    if "encoded date" in text or "`date`" in text:
        return "must be a date like 2026-12-03"
    if found := re.fullmatch(r"Expected `(?P<want>[^`]+)`(, got `[^`]+`)?", text):
        wanted = [_TYPES.get(w.strip(), w.strip()) for w in found["want"].split("|") if w.strip() != "null"]
        return "must be " + " or ".join(wanted)
    return "is not valid"


def _locate_in_mapping(message: str, data: Any, model: type) -> str:
    """msgspec's complaint about a mapping's key or value (`$.email_detail[...]`), told of that very key."""
    at = _AT.search(message)
    prefix = at.group("path").lstrip(".").partition("[...]")[0]
    mapping = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", prefix):
        mapping = mapping[int(part[1:-1])] if part.startswith("[") else mapping.get(part)
    info = _info_at(model, prefix)
    while isinstance(info, mi.Metadata | mi.UnionType):
        info = info.type if isinstance(info, mi.Metadata) else next(
            t for t in info.types if not isinstance(t, mi.NoneType))
    key_type, value_type = (_python_type(info.key_type), _python_type(info.value_type))
    for key, value in mapping.items():
        place = f"{prefix}.{shown(str(key), 80)}"
        try:
            msgspec.convert(key, type=key_type, strict=False)
        except msgspec.ValidationError:
            options = getattr(info.key_type, "values", None)
            allowed = f"; choose among: {', '.join(map(str, options))}" if options else ""
            return f"is not a known key{allowed} - at `$.{place}`"
        try:
            msgspec.convert(value, type=value_type)
        except msgspec.ValidationError as error:
            inner = _AT.search(str(error))
            text = str(error)[: inner.start()] if inner else str(error)
            return f"{text} - at `$.{place}{inner.group('path') if inner else ''}`"
    return message


def _python_type(info: Any) -> Any:
    """The Python type a msgspec type info stands for (enough for the mapping keys and values we declare)."""
    if isinstance(info, mi.LiteralType):
        return Literal[tuple(info.values)]
    if isinstance(info, mi.Metadata):
        return _python_type(info.type)
    return {mi.StrType: str, mi.IntType: int, mi.BoolType: bool, mi.AnyType: Any}.get(type(info), Any)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _name(model: Any) -> str:
    return getattr(model, "__name__", repr(model))


@functools.cache
def _required_fields(model: type[Struct]) -> bool:
    return any(f.required for f in mi.type_info(model).fields)


def _info_at(model: type, path: str) -> Any:
    """The type info of the field at a msgspec path like `lines[0].amount`."""
    info: Any = mi.type_info(model)
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        while isinstance(info, mi.Metadata | mi.UnionType):
            if isinstance(info, mi.Metadata):
                info = info.type
            else:
                info = next((t for t in info.types if not isinstance(t, mi.NoneType)), info.types[0])
        if part.startswith("["):
            info = getattr(info, "item_type", None)
        elif isinstance(info, mi.StructType):
            info = next((f.type for f in info.fields if f.encode_name == part), None)
        elif isinstance(info, mi.DictType):
            info = info.value_type
        else:
            return None
    return info


def _extra(model: type, path: str) -> dict:
    info = _info_at(model, path)
    extra: dict = {}
    while isinstance(info, mi.Metadata | mi.UnionType):
        if isinstance(info, mi.Metadata):
            extra |= info.extra or {}
            info = info.type
        else:
            info = next((t for t in info.types if not isinstance(t, mi.NoneType)), info.types[0])
    return extra


def _options(model: type, path: str) -> tuple:
    info = _info_at(model, path)
    while isinstance(info, mi.Metadata | mi.UnionType):
        info = info.type if isinstance(info, mi.Metadata) else next(
            (t for t in info.types if not isinstance(t, mi.NoneType)), info.types[0])
    if isinstance(info, mi.LiteralType):
        return tuple(info.values)
    if isinstance(info, mi.EnumType):
        return tuple(member.value for member in info.cls)
    return ()
