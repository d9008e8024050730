"""Input no client should send, through the gateway code the local stack serves: each is a 4xx in the documented
shape naming what is wrong, never a 500, and no message echoes unbounded input back."""

from __future__ import annotations

import json
import re

import pytest

from infra.local.system import load_app
from portalkit.api import encode_cursor

SERVICES = ("availability", "requests", "messaging", "billing")
LONG = "x" * 30_000


def assert_refused(reply, field: str | None = None, status: int = 400):
    """A 4xx in the documented shape, naming `field`, with a message a person can read (short, no echo)."""
    assert reply.status == status, (reply.status, reply.body[:300])
    error = reply.json["error"]
    assert set(error) <= {"code", "message", "field"} and error["code"] and error["message"]
    assert len(reply.body) < 600, reply.body[:300]
    if field is not None:
        assert error.get("field") == field, error
    return error


def raw(system, method: str, path: str, token: str, body: bytes | str | None):
    if isinstance(body, str):
        body = body.encode()
    headers = {"Authorization": token, "Content-Type": "application/json"}
    return system.api.request_raw(method, path, headers=headers, body=body)


# -- bodies -------------------------------------------------------------------------------------------------

WRITES = [
    ("POST", "/requests/people"),
    ("POST", "/billing/invoices"),
    ("PUT", "/availability/settings"),
    ("PUT", "/requests/settings"),
    ("POST", "/messaging/discussions"),
    ("PUT", "/billing/fees"),
]


@pytest.mark.parametrize("method, path", WRITES)
@pytest.mark.parametrize("nested", ["[" * 5000 + "]" * 5000, '{"name": ' + "[" * 100_000 + "]" * 100_000 + "}",
                                    '{"name": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}"])
def test_deeply_nested_json_is_refused(system, method, path, nested):
    """Refused as JSON too deep, or (a route declared with types) for the field whose type it breaks, found first."""
    error = assert_refused(raw(system, method, path, system.token("admin"), nested))
    assert error["code"] == "invalid_json" or (error["code"] in ("unknown_field", "invalid_field")
                                               and error["field"] == "name"), error


@pytest.mark.parametrize("method, path, body, field", [
    ("POST", "/requests/people", {"person_id": "c9", "name": "\ud800", "email": "c9@a.test", "role": "client"},
     "name"),
    ("POST", "/billing/invoices", {"client_id": "c1", "lines": [{"description": "Session \udfff", "amount": 100}]},
     "lines[0].description"),
    ("POST", "/messaging/discussions", {"service_id": "s", "client_id": "c1", "subject": "Hi",
                                        "message": "a\ud83d"}, "message"),
    ("PUT", "/availability/settings", {"timezone": "\udc00"}, "timezone"),
])
def test_a_lone_surrogate_in_a_string_is_refused_naming_the_field(system, method, path, body, field):
    error = assert_refused(raw(system, method, path, system.token("admin"), json.dumps(body)), field)
    assert "Unicode" in error["message"]


def test_a_lone_surrogate_in_a_field_name_is_refused(system):
    body = json.dumps({"name\ud800": "x"})
    assert_refused(raw(system, "POST", "/requests/people", system.token("admin"), body))


@pytest.mark.parametrize("name", ["\u200b", " \u200b\u00a0\t", "\u2060\ufeff", "\u3000"])
def test_a_name_of_invisible_characters_is_empty(system, name):
    body = {"person_id": "c9", "name": name, "email": "c9@a.test", "role": "client"}
    assert_refused(system.api.post("/requests/people", token=system.token("admin"), json=body), "name")
    invoice = {"client_id": "c1", "lines": [{"description": name, "amount": 100}]}
    assert_refused(system.api.post("/billing/invoices", token=system.token("admin"), json=invoice),
                   "lines[0].description")


def test_an_unknown_field_with_a_huge_name_is_not_echoed(system):
    body = {"person_id": "c9", "name": "Casey", "email": "c9@a.test", "role": "client", "n" * 100_000: 1}
    assert_refused(system.api.post("/requests/people", token=system.token("admin"), json=body))
    params = "&".join(f"{name}=1" for name in ("role", "r" * 100_000))
    assert_refused(system.api.get(f"/requests/people?{params}", token=system.token("admin")))


@pytest.mark.parametrize("method, path, body, field", [
    ("POST", "/requests/events", {"service_id": "s", "client_ids": ["c" * 100_000], "start": "2026-11-25T15:00:00Z",
                                  "end": "2026-11-25T16:00:00Z"}, "client_ids[0]"),
    ("POST", "/requests/services", {"name": "Counselling", "open_date": "2026-11-02", "provider_ids": ["w" * 129]},
     "provider_ids[0]"),  # a typed body names the item
])
def test_ids_in_a_list_are_bounded_and_not_echoed(system, method, path, body, field):
    assert_refused(system.api.request(method, path, token=system.token("admin"), json=body), field)


def test_a_wrong_currency_is_not_echoed(system):
    body = {"client_id": "c1", "lines": [{"description": "Session", "amount": 100}], "currency": "X" * 100_000}
    assert_refused(system.api.post("/billing/invoices", token=system.token("admin"), json=body), "currency")


def test_attendee_ids_are_bounded(system):
    body = {"worker_id": "w1", "start": "2026-11-25T15:00:00Z", "attendee_ids": ["c" * 100_000]}
    assert_refused(system.api.post("/requests/me/event-requests", token=system.token("client", person_id="c1"),
                                   json=body), "attendee_ids[0]")


# -- dates and instants ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role, method, path, body, field", [
    ("client", "GET", "/requests/me/events?from=9999-12-31&to=9999-12-31", None, "from"),
    ("client", "GET", "/requests/me/events?from=1999-12-31&to=2000-01-02", None, "from"),
    ("admin", "GET", "/requests/events?worker_id=w1&from=0001-01-01T00:00:00%2B01:00&to=2026-01-01T00:00:00Z", None,
     "from"),
    ("admin", "GET", "/requests/events?worker_id=w1&from=9999-12-31T00:00:00Z&to=9999-12-31T23:59:59-01:00", None,
     "from"),
    ("client", "POST", "/requests/me/event-requests", {"worker_id": "w1", "start": "9999-12-31T23:59:59Z"}, "start"),
    ("client", "POST", "/requests/me/event-requests", {"worker_id": "w1", "start": "0001-01-01T00:00:00+01:00"},
     "start"),
    ("admin", "POST", "/requests/events", {"service_id": "s", "start": "0001-01-01T00:00:00+01:00",
                                           "end": "0001-01-01T01:00:00+01:00"}, "start"),
    ("admin", "POST", "/availability/workers/w1/time-off", {"start": "0001-01-01T00:00:00+01:00",
                                                            "end": "0001-01-02T00:00:00+01:00"}, "start"),
    ("admin", "POST", "/availability/workers/w1/time-off", {"start": "2099-12-31T00:00:00Z",
                                                            "end": "9999-12-31T23:59:59-14:00"}, "end"),
    ("admin", "POST", "/availability/workers/w1/calendars", {"name": "Old", "start_date": "0001-01-01"},
     "start_date"),
    ("admin", "GET", "/availability/workers/w1/slots?date=9999-12-31", None, "date"),
    ("admin", "GET", "/availability/workers/w1/slots?from=9999-12-30&to=9999-12-31", None, "from"),
    ("admin", "GET", "/availability/workers/w1/days?month=9999-12", None, "month"),
    ("admin", "GET", "/availability/workers/w1/days?month=0001-01", None, "month"),
    ("admin", "POST", "/billing/invoices", {"client_id": "c1", "lines": [{"description": "x", "amount": 1}],
                                            "due_date": "9999-12-31"}, "due_date"),
    ("admin", "POST", "/requests/services", {"name": "Counselling", "open_date": "0001-01-01",
                                             "provider_ids": ["w1"]}, "open_date"),
])
def test_dates_and_instants_outside_the_supported_years_are_refused(system, role, method, path, body, field):
    token = system.token(role, person_id="c1" if role == "client" else None)
    error = assert_refused(system.api.request(method, path, token=token, json=body), field)
    assert "2000" in error["message"] and "2099" in error["message"]


# -- path parameters ---------------------------------------------------------------------------------------


def _routes_with_parameters():
    for service in SERVICES:
        for path, methods in load_app(service).app.routes.items():
            for method in methods:
                for name in re.findall(r"{(\w+)}", path):
                    yield pytest.param(method, path, name, id=f"{method} {path} {name}")


@pytest.mark.parametrize("method, path, name", list(_routes_with_parameters()))
def test_a_path_parameter_longer_than_an_id_is_refused_naming_it(system, method, path, name):
    values = {n: (LONG if n == name else "p1") for n in re.findall(r"{(\w+)}", path)}
    url = path.format(**values)
    token = system.issuer.token("admin") if not path.startswith(("/requests/me", "/billing/me", "/messaging/me")) \
        else system.issuer.token("client")
    reply = system.api.request_raw(method, url, headers={"Authorization": token, "Content-Type": "application/json"},
                                   body=b"{}")
    if (path, name) == ("/requests/feeds/{feed}", "feed"):
        assert_refused(reply, status=404)  # a secret, not an id: whatever no feed was given is not found
        return
    assert_refused(reply, name)


# -- cursors -----------------------------------------------------------------------------------------------

FORGED = [
    "eyJhIjogMX0",  # {"a": 1}
    "eyJwayI6ICJ4In0",  # {"pk": "x"}
    "W10",  # []
    "!!!",
    encode_cursor({"pk": {"S": "AGENCY#other#PEOPLE"}, "sk": {"S": "PERSON#x"}}),
    encode_cursor({"pk": {"S": "x"}, "sk": {"S": "y"}, "gsi1pk": {"S": "z"}, "gsi1sk": {"S": "w"}}),
    encode_cursor({"pk": {"N": "1"}, "sk": {"S": "y"}}),
    encode_cursor({"pk": [], "sk": {"S": "y"}}),
    encode_cursor({"pk": {"S": "x" * 5000}, "sk": {"S": "y"}}),
    "A" * 20_000,
]
LISTS = [
    ("admin", "/requests/people"),
    ("admin", "/requests/services"),
    ("worker", "/requests/event-requests"),
    ("client", "/requests/me/event-requests"),
    ("admin", "/requests/events?worker_id=w1&from=2026-11-01&to=2026-11-30"),
    ("client", "/requests/me/events?from=2026-11-01&to=2026-11-30"),
    ("client", "/requests/me/service-requests"),
    ("admin", "/requests/service-requests"),
    ("worker", "/messaging/discussions?service_id=s1"),
    ("client", "/messaging/me/inbox"),
    ("client", "/billing/me/invoices"),
    ("client", "/billing/me/transactions"),
]


@pytest.mark.parametrize("role, path", LISTS)
def test_a_cursor_this_api_did_not_give_out_is_refused(system, role, path):
    token = system.token(role, person_id={"client": "c1", "worker": "w1"}.get(role))
    for cursor in FORGED:
        url = f"{path}{'&' if '?' in path else '?'}cursor={cursor}"
        assert_refused(system.api.get(url, token=token), "cursor")


def test_a_cursor_a_list_gave_out_takes_the_next_page(system):
    admin = system.token("admin")
    for n in range(3):
        body = {"person_id": f"c{n}", "name": f"Client {n}", "email": f"c{n}@a.test", "role": "client"}
        assert system.api.post("/requests/people", token=admin, json=body).status == 201
    first = system.api.get("/requests/people?limit=2", token=admin).json
    second = system.api.get(f"/requests/people?limit=2&cursor={first['cursor']}", token=admin).json
    names = [p["person_id"] for p in first["people"] + second["people"]]
    assert sorted(names) == ["c0", "c1", "c2"]
    other_agency = system.token("admin", agency_id="agency-b")
    assert_refused(system.api.get(f"/requests/people?cursor={first['cursor']}", token=other_agency), "cursor")


# -- time zones --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "right/UTC", "posix/Europe/Berlin",
                                  "US/Eastern", "EST5EDT", "Etc/GMT+5", "GMT", "europe/berlin", "Europe/Nowhere",
                                  "America/" + "x" * 50])
def test_only_canonical_iana_zone_names_are_time_zones(system, zone):
    admin = system.token("admin")
    # with the version it read: a body missing a required field is refused for that field first
    settings = {"timezone": zone, "version": 0}
    error = assert_refused(system.api.put("/availability/settings", token=admin, json=settings), "timezone")
    assert "America/New_York" in error["message"]
    assert_refused(system.api.post("/availability/sites", token=admin, json={"name": "Main", "timezone": zone}),
                   "timezone")


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires",
                                  "Asia/Calcutta"])
def test_iana_zone_names_of_places_are_accepted(system, zone):
    reply = system.api.post("/availability/sites", token=system.token("admin"), json={"name": "Main",
                                                                                      "timezone": zone})
    assert reply.status == 201, reply.body
