import json

import pytest

from portalkit import schema as s
from portalkit.api import _checked_query, between, decode_cursor, encode_cursor, starting
from portalkit.errors import BadRequest, Conflict, NotFound
from portalkit.schema import parse_json, visible


def complaint(call):
    with pytest.raises(BadRequest) as caught:
        call()
    return caught.value.body()["error"]


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
    with pytest.raises(BadRequest) as caught:
        s.decode_query(_checked_query({"q": "\ud800"}), Search)
    assert caught.value.field == "q"


class Search(s.Query):
    q: str | None = None


class Named(s.Body):
    name: s.text(100)


class Dated(s.Body):
    day: s.Date | None = None
    month: s.Month | None = None
    start: s.Instant | None = None


class Listed(s.Body):
    ids: s.Ids


@pytest.mark.parametrize("text, seen", [("Casey", True), ("\u200b", False), (" \u00a0\u2060\ufeff\t", False),
                                        ("\u200bA", True), ("\u0301", True)])
def test_only_text_with_a_visible_character_is_not_empty(text, seen):
    assert visible(text) is seen
    if not seen:
        assert complaint(lambda: s.decode_body(json.dumps({"name": text}), Named))["field"] == "name"


@pytest.mark.parametrize("field, value, ok", [
    ("day", "2000-01-01", True),
    ("day", "2099-12-31", True),
    ("day", "1999-12-31", False),
    ("day", "2100-01-01", False),
    ("month", "2099-12", True),
    ("month", "9999-12", False),
    ("month", "\u0662\u0660\u0662\u0666-12", False),  # 2026 in Arabic-Indic digits
    ("start", "2000-01-01T00:00:00Z", True),
    ("start", "2099-12-31T23:59:59Z", True),
    ("start", "2000-01-01T00:30:00+01:00", False),  # 1999 in UTC
    ("start", "2099-12-31T23:30:00-01:00", False),  # 2100 in UTC
    ("start", "0001-01-01T00:00:00+01:00", False),
    ("start", "9999-12-31T23:59:59-14:00", False),
])
def test_dates_and_instants_are_in_the_years_2000_to_2099(field, value, ok):
    if ok:
        assert getattr(s.decode_body(json.dumps({field: value}), Dated), field) is not None
    else:
        assert complaint(lambda: s.decode_body(json.dumps({field: value}), Dated))["field"] == field


def test_list_items_are_bounded_and_the_complaint_does_not_echo_them():
    assert s.decode_body(json.dumps({"ids": ["a" * 128]}), Listed).ids == ["a" * 128]
    for ids in (["a" * 129], ["\u200b"], [""]):
        error = complaint(lambda ids=ids: s.decode_body(json.dumps({"ids": ids}), Listed))
        assert error["field"] == "ids[0]" and len(error["message"]) < 100


def test_domain_errors_carry_status_and_code():
    assert NotFound("x").status == 404
    error = Conflict("Wait for a reply.", code="message_limit_reached")
    assert error.status == 409
    assert error.body() == {"error": {"code": "message_limit_reached", "message": "Wait for a reply."}}


def test_a_route_may_answer_text_refuse_with_retry_after_and_leave_a_secret_path_parameter_to_its_view():
    """A calendar (`Text`) is answered as the view made it; a 429 says when to ask again; a path parameter named a
    secret is not judged as an id (the view answers 404 for what it does not know)."""
    from chalice import Chalice, Response
    from chalice.test import Client

    from portalkit.api import Api, Text
    from portalkit.errors import TooManyRequests

    app = Chalice("kit-test")
    api = Api(app, "/kit")

    @api.route("/feeds/{feed}", public=True, returns=Text("text/calendar"), secrets=("feed",), errors=(429,))
    def feed(call, feed):
        """A feed."""
        if feed == "busy":
            raise TooManyRequests("Too often; try again later.", 30)
        if feed != "known":
            raise NotFound("No such feed.")
        return Response(body="BEGIN:VCALENDAR\r\n", status_code=200, headers={"Content-Type": "text/calendar"})

    @api.route("/items/{item_id}", public=True)
    def item(call, item_id):
        """An item."""
        return {"item_id": item_id}

    with Client(app) as client:
        known = client.http.get("/kit/feeds/known")
        assert (known.status_code, known.headers["Content-Type"], known.body) == (
            200, "text/calendar", b"BEGIN:VCALENDAR\r\n")
        busy = client.http.get("/kit/feeds/busy")
        assert (busy.status_code, busy.headers["Retry-After"], json.loads(busy.body)["error"]["code"]) == (
            429, "30", "too_many_requests")
        assert client.http.get("/kit/feeds/" + "x" * 500).status_code == 404  # not 400: the view judged it
        assert client.http.get("/kit/items/" + "x" * 500).status_code == 400  # an id is still checked
