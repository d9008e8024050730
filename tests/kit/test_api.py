from types import SimpleNamespace

import pytest

from portalkit.api import Call, Fields, between, decode_cursor, encode_cursor, parse_json, starting, visible
from portalkit.errors import BadRequest, Conflict, NotFound


def complaint(call):
    with pytest.raises(BadRequest) as caught:
        call()
    return caught.value.body()["error"]


def test_missing_field_is_named():
    assert complaint(lambda: Fields({}).str("name")) == {
        "code": "missing_field", "message": "name is required.", "field": "name",
    }


@pytest.mark.parametrize(
    "read, field",
    [
        (lambda f: f.str("name"), "name"),
        (lambda f: f.str("long", max_len=3), "long"),
        (lambda f: f.str("blank"), "blank"),
        (lambda f: f.int("count"), "count"),
        (lambda f: f.int("small", minimum=5), "small"),
        (lambda f: f.bool("flag"), "flag"),
        (lambda f: f.choice("role", ("client",)), "role"),
        (lambda f: f.str_list("ids"), "ids"),
        (lambda f: f.date("day"), "day"),
        (lambda f: f.instant("start"), "start"),
        (lambda f: f.only("name"), "long"),
    ],
)
def test_bad_values_name_their_field(read, field):
    data = {"name": 5, "long": "abcd", "blank": "  ", "count": "3", "small": 1, "flag": "yes", "role": "boss",
            "ids": [1], "day": "2026-13-01", "start": "2026-12-03 14:00"}
    assert complaint(lambda: read(Fields(data)))["field"] == field


def test_good_values_are_read():
    fields = Fields({"n": 3, "b": True, "d": "2026-12-03", "t": "2026-12-03T09:00:00-05:00", "l": ["a"]})
    assert fields.int("n", minimum=1) == 3
    assert fields.bool("b") is True
    assert str(fields.date("d")) == "2026-12-03"
    assert fields.instant("t").isoformat() == "2026-12-03T14:00:00+00:00"
    assert fields.str_list("l") == ["a"]
    assert fields.str("absent", required=False) is None
    assert fields.int("absent", required=False, default=7) == 7


def test_an_optional_body_may_be_left_out_but_not_malformed():
    def body(raw):
        return Call(SimpleNamespace(raw_body=raw), None).body(optional=True)

    assert body(None).data == {} and body(b"").data == {}
    assert body(b'{"reason": "Ill"}').str("reason") == "Ill"
    assert complaint(lambda: body(b"[1]"))["code"] == "invalid_json"
    assert complaint(lambda: Call(SimpleNamespace(raw_body=None), None).body())["code"] == "invalid_json"


def test_query_parameters_are_strings_converted():
    params = Fields({"limit": "20", "unread": "true"}, where="query parameter")
    assert params.int("limit") == 20 and params.bool("unread") is True


def test_cursor_round_trip_and_tampering():
    key = {"pk": {"S": "AGENCY#a"}, "sk": {"S": "PERSON#p"}}
    assert decode_cursor(encode_cursor(key), {"pk": "AGENCY#a", "sk": starting("PERSON#")}) == key
    assert decode_cursor(None, {"pk": "AGENCY#a", "sk": None}) is None
    assert encode_cursor(None) is None
    with pytest.raises(BadRequest) as caught:
        decode_cursor("not-a-cursor!", {"pk": "AGENCY#a", "sk": None})
    assert caught.value.field == "cursor"


@pytest.mark.parametrize("cursor", [
    "eyJhIjogMX0",  # {"a": 1}
    "eyJwayI6ICJ4In0",  # {"pk": "x"}
    encode_cursor({"pk": {"S": "AGENCY#b"}, "sk": {"S": "EVENT#2026"}}),  # another partition
    encode_cursor({"pk": {"S": "AGENCY#a"}, "sk": {"S": "EVENT#2031"}}),  # outside the query's range
    encode_cursor({"pk": {"S": "AGENCY#a"}, "sk": {"S": "PERSON#2026"}}),  # another kind of item
    encode_cursor({"pk": {"S": "AGENCY#a"}, "sk": {"N": "1"}}),
    encode_cursor({"pk": {"S": "AGENCY#a"}, "sk": {"S": "EVENT#2026"}, "gsi1pk": {"S": "x"}}),
    encode_cursor({"pk": {"S": "AGENCY#a"}, "sk": {"S": "EVENT#2026\ud800"}}),
    "A" * 5000,
])
def test_a_cursor_is_refused_unless_its_key_fits_the_list(cursor):
    with pytest.raises(BadRequest) as caught:
        decode_cursor(cursor, {"pk": "AGENCY#a", "sk": between("EVENT#2026", "EVENT#2027")})
    assert caught.value.field == "cursor" and len(caught.value.message) < 100


def test_deep_json_is_refused_without_recursing():
    assert parse_json(b'{"a": [[{"b": 1}]]}') == {"a": [[{"b": 1}]]}
    for body in ("[" * 100_000 + "]" * 100_000, "[" * 17 + "]" * 17):
        with pytest.raises(BadRequest) as caught:
            parse_json(body)
        assert caught.value.code == "invalid_json"
    assert parse_json("[" * 16 + "]" * 16) is not None


def test_text_that_is_not_valid_unicode_is_refused_naming_its_place():
    with pytest.raises(BadRequest) as caught:
        parse_json('{"lines": [{"description": "a\\udc00"}]}')
    assert caught.value.field == "lines[0].description" and caught.value.code == "invalid_text"
    assert complaint(lambda: parse_json('"\\ud800"')) == {"code": "invalid_text",
                                                          "message": "The body is not valid Unicode text."}
    deep = "{" + "".join(f'"{"k" * 120}{i}": {{' for i in range(10)) + '"x": "\\ud800"' + "}" * 11
    assert len(complaint(lambda: parse_json(deep))["field"]) <= 81
    call = Call(SimpleNamespace(query_params={"q": "\ud800"}), None)
    with pytest.raises(BadRequest) as caught:
        call.params()
    assert caught.value.field == "q"


@pytest.mark.parametrize("text, seen", [("Casey", True), ("\u200b", False), (" \u00a0\u2060\ufeff\t", False),
                                        ("\u200bA", True), ("\u0301", True)])
def test_only_text_with_a_visible_character_is_not_empty(text, seen):
    assert visible(text) is seen
    if not seen:
        assert complaint(lambda: Fields({"name": text}).str("name"))["message"] == "name must not be empty."


@pytest.mark.parametrize("read, value, ok", [
    (lambda f: f.date("x"), "2000-01-01", True),
    (lambda f: f.date("x"), "2099-12-31", True),
    (lambda f: f.date("x"), "1999-12-31", False),
    (lambda f: f.date("x"), "2100-01-01", False),
    (lambda f: f.month("x"), "2099-12", True),
    (lambda f: f.month("x"), "9999-12", False),
    (lambda f: f.month("x"), "\u0662\u0660\u0662\u0666-12", False),  # 2026 in Arabic-Indic digits
    (lambda f: f.instant("x"), "2000-01-01T00:00:00Z", True),
    (lambda f: f.instant("x"), "2099-12-31T23:59:59Z", True),
    (lambda f: f.instant("x"), "2000-01-01T00:30:00+01:00", False),  # 1999 in UTC
    (lambda f: f.instant("x"), "2099-12-31T23:30:00-01:00", False),  # 2100 in UTC
    (lambda f: f.instant("x"), "0001-01-01T00:00:00+01:00", False),
    (lambda f: f.instant("x"), "9999-12-31T23:59:59-14:00", False),
])
def test_dates_and_instants_are_in_the_years_2000_to_2099(read, value, ok):
    if ok:
        assert read(Fields({"x": value})) is not None
    else:
        assert complaint(lambda: read(Fields({"x": value})))["field"] == "x"


def test_list_items_are_bounded_and_the_complaint_does_not_echo_them():
    assert Fields({"ids": ["a" * 128]}).str_list("ids") == ["a" * 128]
    for ids in (["a" * 129], ["\u200b"], [""]):
        error = complaint(lambda ids=ids: Fields({"ids": ids}).str_list("ids"))
        assert error["field"] == "ids" and len(error["message"]) < 100


def test_domain_errors_carry_status_and_code():
    assert NotFound("x").status == 404
    error = Conflict("Wait for a reply.", code="message_limit_reached")
    assert error.status == 409
    assert error.body() == {"error": {"code": "message_limit_reached", "message": "Wait for a reply."}}
