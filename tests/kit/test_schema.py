"""Typed contracts: bodies and queries decode into their Structs, or a 400 names the field in the API's words."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, ClassVar, Literal

import msgspec
import pytest
from msgspec import Meta, Struct, ValidationError

from portalkit import schema as s
from portalkit.errors import BadRequest


class Line(s.Body):
    description: s.text(200)
    amount: Annotated[int, Meta(ge=1)]


class NewThing(s.Body):
    name: s.text(5)
    role: Literal["client", "worker"]
    start: s.Instant | None = None
    day: s.Date | None = None
    month: s.Month | None = None
    zone: s.Zone | None = None
    lines: Annotated[list[Line], Meta(max_length=2)] = []
    ids: s.Ids = []
    note: s.text(10, min_length=0) = ""


class Listing(s.Query):
    limit: Annotated[int, Meta(ge=1, le=200)] = 50
    unread: bool = False
    role: Literal["client", "worker"] | None = None
    cursor: s.Cursor | None = None


LINE = b'{"description": "x", "amount": 1}'


def refusal(raw, model=NewThing) -> BadRequest:
    with pytest.raises(BadRequest) as caught:
        s.decode_body(raw, model)
    return caught.value


def test_a_valid_body_decodes_into_its_struct():
    thing = s.decode_body(b'{"name": "Casey", "role": "client", "start": "2026-12-03T14:00:00-05:00", '
                          b'"lines": [{"description": "Session", "amount": 4500}]}', NewThing)
    assert thing.name == "Casey" and thing.lines[0].amount == 4500
    assert thing.start == dt.datetime(2026, 12, 3, 19, tzinfo=dt.UTC)


@pytest.mark.parametrize("raw, field, code, message", [
    (b'{"role": "client"}', "name", "missing_field", "name is required."),
    (b'{"name": "a", "role": "client", "colour": 1}', "colour", "unknown_field", "colour is not a known field."),
    (b'{"name": 5, "role": "client"}', "name", "invalid_field", "name must be a string."),
    (b'{"name": "abcdef", "role": "client"}', "name", "invalid_field", "name must be at most 5 characters."),
    (b'{"name": "", "role": "client"}', "name", "invalid_field", "name must not be empty."),
    (b'{"name": "\\u200b", "role": "client"}', "name", "invalid_field", "name must not be empty."),
    (b'{"name": "a", "role": "boss"}', "role", "invalid_field", "role must be one of: client, worker."),
    (b'{"name": "a", "role": "client", "start": "2026-12-03T14:00:00"}', "start", "invalid_field",
     "start must be an RFC 3339 time with its offset, like 2026-12-03T14:00:00Z."),
    (b'{"name": "a", "role": "client", "start": "9999-12-31T23:59:59Z"}', "start", "invalid_field",
     "start must be an instant in the years 2000 to 2099."),
    (b'{"name": "a", "role": "client", "start": "0001-01-01T00:00:00+01:00"}', "start", "invalid_field",
     "start must be an instant in the years 2000 to 2099."),
    (b'{"name": "a", "role": "client", "day": "2026-02-30"}', "day", "invalid_field",
     "day must be a date like 2026-12-03."),
    (b'{"name": "a", "role": "client", "month": "2026-13"}', "month", "invalid_field",
     "month must be a month like 2026-12."),
    (b'{"name": "a", "role": "client", "zone": "posixrules"}', "zone", "invalid_field", None),
    (b'{"name": "a", "role": "client", "lines": [{"description": "x", "amount": 0}]}', "lines[0].amount",
     "invalid_field", "lines[0].amount must be at least 1."),
    (b'{"name": "a", "role": "client", "lines": [{"amount": 1}]}', "lines[0].description", "missing_field",
     "lines[0].description is required."),
    (b'{"name": "a", "role": "client", "lines": [' + b", ".join([LINE] * 3) + b"]}", "lines", "invalid_field",
     "lines must have at most 2 items."),
    (b'{"name": "a", "role": "client", "ids": ["' + b"x" * 129 + b'"]}', "ids[0]", "invalid_field",
     "ids[0] must be at most 128 characters."),
    (b'[1]', None, "invalid_json", "The body must be a JSON object."),
    (b'', None, "invalid_json", "The body must be a JSON object."),
    (b'{"name": ', None, "invalid_json", "The body is not valid JSON."),
])
def test_each_refusal_names_the_field_in_the_apis_words(raw, field, code, message):
    error = refusal(raw)
    assert (error.field, error.code) == (field, code)
    if message:
        assert error.message == message


def test_invalid_unicode_and_deep_nesting_are_refused_naming_where():
    assert refusal(b'{"name": "\\ud800", "role": "client"}').field == "name"
    deep = b'{"name": "a", "role": "client", "note": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert refusal(deep).field == "note"  # a list where text belongs, however deep

    class Free(s.Body):
        settings: dict[str, Any] = {}

    deep = b'{"settings": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}"
    assert refusal(deep, Free).code == "invalid_json"


def test_an_unknown_field_is_never_echoed_at_length():
    error = refusal(b'{"name": "a", "role": "client", "' + b"x" * 5000 + b'": 1}')
    assert len(error.message) < 200


def test_a_body_with_no_required_field_may_be_left_out():
    class Optional(s.Body):
        reason: s.text(100) | None = None

    assert s.decode_body(b"", Optional).reason is None


def test_queries_read_their_strings_as_typed_values():
    assert s.decode_query({"limit": "5", "unread": "true"}, Listing) == Listing(limit=5, unread=True)
    with pytest.raises(BadRequest) as caught:
        s.decode_query({"limit": "0"}, Listing)
    assert (caught.value.field, caught.value.message) == ("limit", "limit must be at least 1.")
    with pytest.raises(BadRequest) as caught:
        s.decode_query({"colour": "red"}, Listing)
    assert caught.value.message == "colour is not a known query parameter."
    with pytest.raises(BadRequest) as caught:
        s.decode_query({"limit": "many"}, Listing)
    assert caught.value.message == "limit must be an integer."


def test_a_reply_is_checked_against_its_declared_struct():
    class Person(s.Reply):
        person_id: str
        version: int

    s.check_reply({"person_id": "c1", "version": 1}, Person)
    s.check_reply([{"person_id": "c1", "version": 1}], list[Person])
    with pytest.raises(AssertionError, match="version"):
        s.check_reply({"person_id": "c1"}, Person)
    with pytest.raises(AssertionError, match="email"):
        s.check_reply({"person_id": "c1", "version": 1, "email": "x"}, Person)


def test_structs_are_plain_msgspec():
    assert issubclass(NewThing, Struct)


class Scheduled(s.Published):
    """A test payload."""

    event_type: ClassVar[str] = "test.thing.scheduled"

    thing_id: s.Id
    note: str | None = None


def test_a_payload_from_a_domain_dict_is_checked_against_its_declaration():
    assert Scheduled.of({"thing_id": "t1"}) == Scheduled(thing_id="t1")
    with pytest.raises(ValidationError, match="thing_id"):
        Scheduled.of({"note": "no id"})
    with pytest.raises(ValidationError, match="colour"):  # dropped silently, the payload would lose it
        Scheduled.of({"thing_id": "t1", "colour": "red"})


@pytest.mark.parametrize(("raw", "field"), [
    (b'{"name": "a", "role": "client", "lines": [{"description": "x", "amount": 1}, '
     b'{"description": " ", "amount": 1}]}', "lines[1].description"),
    (b'{"name": "a", "role": "client", "ids": ["x", "\\u200b"]}', "ids[1]"),
])
def test_an_item_of_a_list_with_nothing_visible_is_refused_naming_the_item(raw, field):
    with pytest.raises(BadRequest) as refused:
        s.decode_body(raw, NewThing)
    assert (refused.value.field, refused.value.message) == (field, f"{field} must not be empty.")


class Folder(s.Body):
    name: s.text(20)
    folders: list[Folder] = []


def test_a_model_that_holds_itself_is_checked_at_every_depth():
    raw = b'{"name": "top", "folders": [{"name": "a"}, {"name": "b", "folders": [{"name": " "}]}]}'
    with pytest.raises(BadRequest) as refused:
        s.decode_body(raw, Folder)
    assert refused.value.field == "folders[1].folders[0].name"


def test_a_models_rules_are_read_once_not_for_every_body(monkeypatch):
    """msgspec's type_info costs more than decoding a body: reading it per request made validation 3 to 10x slower."""
    class Visit(s.Body):
        who: s.Id
        day: s.Date

    reads = []
    real = s.mi.type_info
    monkeypatch.setattr(s.mi, "type_info", lambda model: reads.append(model) or real(model))
    s.decode_body(b'{"who": "c1", "day": "2026-12-03"}', Visit)
    first = len(reads)
    for _ in range(3):
        s.decode_body(b'{"who": "c2", "day": "2026-12-04"}', Visit)
    assert len(reads) == first


class Range(s.Query):
    """Fields named as the client writes them, though Python reserves the word (`from`, `class`)."""

    from_: s.Date | None = msgspec.field(default=None, name="from")
    kind: Literal["open", "booked"] | None = msgspec.field(default=None, name="class")


@pytest.mark.parametrize("params, field, message", [
    ({"from": "9999-01-01"}, "from", "from must be a date in the years 2000 to 2099."),
    ({"class": "closed"}, "class", "class must be one of: booked, open."),
])
def test_a_field_declared_under_another_name_is_named_as_the_client_wrote_it(params, field, message):
    with pytest.raises(BadRequest) as caught:
        s.decode_query(params, Range)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert s.decode_query({"from": "2026-12-01"}, Range).from_ == dt.date(2026, 12, 1)


class Period(s.Query):
    month: s.Month | None = None


@pytest.mark.parametrize("month, message", [
    ("9999-12", "month must be a month in the years 2000 to 2099."),
    ("1999-12", "month must be a month in the years 2000 to 2099."),
    ("\u0662\u0660\u0662\u0666-12", "month must be a month like 2026-12."),  # 2026 in Arabic-Indic digits
    ("2026-12\n", "month must be a month like 2026-12."),  # Python's `$` matches before a last newline
])
def test_a_month_is_in_ascii_digits_and_the_years_the_system_computes_with(month, message):
    with pytest.raises(BadRequest) as caught:
        s.decode_query({"month": month}, Period)
    assert (caught.value.field, caught.value.message) == ("month", message)
    assert s.decode_query({"month": "2099-12"}, Period).month == "2099-12"


class Tagged(s.Body):
    code: s.pattern(r"^[A-Z]{3}$", "must be three capitals")
    codes: list[Annotated[str, Meta(pattern=r"^[A-Z]{3}$")]] = []
    prefix: Annotated[str, Meta(pattern=r"^https://")] = "https://x"


@pytest.mark.parametrize("body, field, message", [
    ({"code": "USD\n"}, "code", "code must be three capitals."),
    ({"code": "USD", "codes": ["EUR", "GBP\n"]}, "codes[1]", "codes[1] is not in the expected form."),
], ids=["with its own words", "in a list, without"])
def test_a_pattern_that_ends_in_a_dollar_matches_the_whole_text_not_up_to_a_last_newline(body, field, message):
    with pytest.raises(BadRequest) as caught:
        s.decode_body(json.dumps(body).encode(), Tagged)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert s.decode_body(b'{"code": "USD", "codes": ["EUR"], "prefix": "https://a\\n"}', Tagged).prefix == "https://a\n"


class Length(s.Body):
    minutes: Annotated[int, Meta(ge=5, le=480, multiple_of=5)]


def test_a_multiple_of_constraint_is_said_in_words():
    with pytest.raises(BadRequest) as caught:
        s.decode_body(b'{"minutes": 7}', Length)
    assert (caught.value.field, caught.value.message) == ("minutes", "minutes must be a multiple of 5.")


@pytest.mark.parametrize("kind", [s.Date, s.Instant, s.Month])
def test_the_years_a_date_month_or_instant_may_have_are_in_its_schema(kind):
    """The OpenAPI documents are made from these schemas: a client reads there the range the checks keep."""
    assert "in the years 2000 to 2099" in msgspec.json.schema(kind)["description"]
