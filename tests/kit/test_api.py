from types import SimpleNamespace

import pytest

from portalkit.api import Call, Fields, decode_cursor, encode_cursor
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
    assert decode_cursor(encode_cursor(key)) == key
    assert encode_cursor(None) is None
    with pytest.raises(BadRequest) as caught:
        decode_cursor("not-a-cursor!")
    assert caught.value.field == "cursor"


def test_domain_errors_carry_status_and_code():
    assert NotFound("x").status == 404
    error = Conflict("Wait for a reply.", code="message_limit_reached")
    assert error.status == 409
    assert error.body() == {"error": {"code": "message_limit_reached", "message": "Wait for a reply."}}
