"""The agency's roster in the requests service: add, read, update and list people."""

from __future__ import annotations

import pytest

PEOPLE = "/requests/people"


def person(person_id="c1", **overrides):
    return {"person_id": person_id, "name": "Casey Doe", "email": f"{person_id}@a.test", "role": "client",
            **overrides}


def add(system, body, role="admin", agency_id="agency-a"):
    return system.api.post(PEOPLE, token=system.token(role, agency_id), json=body)


def test_staff_add_a_client_and_read_it_back(system):
    reply = add(system, person(email_consent=True), role="worker")
    assert reply.status == 201, reply.body
    expected = {"person_id": "c1", "name": "Casey Doe", "email": "c1@a.test", "role": "client",
                "email_consent": True, "version": 1}
    assert reply.json == expected
    assert system.api.get(f"{PEOPLE}/c1", token=system.token("worker")).json == expected


def test_registering_publishes_an_event_with_the_person(system):
    add(system, person())
    (event,) = system.pump().drain().published
    assert (event.event_type, event.agency_id, event.subject_id, event.subject_version) == (
        "requests.person.registered", "agency-a", "c1", 1,
    )
    assert event.data == {"person_id": "c1", "name": "Casey Doe", "email": "c1@a.test", "role": "client",
                          "email_consent": False}


def test_the_same_person_twice_is_409(system):
    assert add(system, person()).status == 201
    reply = add(system, person(name="Other"))
    assert (reply.status, reply.error_code()) == (409, "person_exists")


@pytest.mark.parametrize(
    "body, code, field",
    [
        ({k: v for k, v in person().items() if k != "name"}, "missing_field", "name"),
        (person(email="not-an-email"), "invalid_field", "email"),
        (person(nickname="C"), "unknown_field", "nickname"),
    ],
)
def test_bad_input_is_400_naming_the_field(system, body, code, field):
    """One body of each refusal; every field's bounds: tests/domain/test_requests_bodies.py."""
    reply = add(system, body)
    assert reply.status == 400, reply.body
    assert (reply.error_code(), reply.json["error"]["field"]) == (code, field)


def test_a_body_that_is_not_a_json_object_is_400(system):
    for raw in (b"{nope", b"[1, 2]"):
        status, _, payload = system.api.gateway.handle(
            "POST", PEOPLE, {"Authorization": system.token("admin"), "Content-Type": "application/json"}, raw
        )
        assert status == 400 and b"invalid_json" in payload


def test_workers_add_clients_but_only_admins_add_staff(system):
    assert add(system, person("w2", role="worker"), role="worker").status == 403
    assert add(system, person("w2", role="worker"), role="admin").status == 201
    assert add(system, person("c2"), role="client").status == 403


def test_another_agencys_person_is_404(system):
    add(system, person())
    assert system.api.get(f"{PEOPLE}/c1", token=system.token("admin", "agency-b")).status == 404
    reply = system.api.put(f"{PEOPLE}/c1", token=system.token("admin", "agency-b"), json={"name": "X"})
    assert reply.status == 404


def test_an_update_bumps_the_version_and_publishes_it(system):
    add(system, person())
    reply = system.api.put(f"{PEOPLE}/c1", token=system.token("worker"), json={"name": "Casey Roe"})
    assert reply.status == 200 and (reply.json["name"], reply.json["version"]) == ("Casey Roe", 2)
    events = system.pump().drain().published
    assert [(e.event_type, e.subject_version) for e in events] == [
        ("requests.person.registered", 1), ("requests.person.updated", 2),
    ]


def test_a_worker_cannot_promote_a_client_or_change_staff(system):
    add(system, person())
    add(system, person("w1", role="worker"))
    assert system.api.put(f"{PEOPLE}/c1", token=system.token("worker"), json={"role": "admin"}).status == 403
    assert system.api.put(f"{PEOPLE}/w1", token=system.token("worker"), json={"name": "W"}).status == 403
    assert system.api.put(f"{PEOPLE}/c1", token=system.token("admin"), json={"role": "worker"}).status == 200


def test_the_list_pages_with_an_opaque_cursor_and_filters_by_role(system):
    for i in range(5):
        add(system, person(f"c{i}"))
    add(system, person("w1", role="worker"))
    add(system, person("x1"), agency_id="agency-b")
    token = system.token("admin")
    seen, cursor = [], None
    while True:
        query = "?limit=2&role=client" + (f"&cursor={cursor}" if cursor else "")
        reply = system.api.get(PEOPLE + query, token=token)
        assert reply.status == 200, reply.body
        seen += [p["person_id"] for p in reply.json["people"]]
        cursor = reply.json["cursor"]
        if not cursor:
            break
    assert seen == [f"c{i}" for i in range(5)]
    assert system.api.get(PEOPLE + "?cursor=garbage", token=token).json["error"]["field"] == "cursor"
    assert system.api.get(PEOPLE + "?limit=0", token=token).json["error"]["field"] == "limit"


def test_calls_per_operation(system, calls):
    token = system.token("admin")
    calls.reset()
    add(system, person())
    assert calls.by_operation() == {"TransactWriteItems": 1}
    calls.reset()
    system.api.get(f"{PEOPLE}/c1", token=token)
    assert calls.by_operation() == {"GetItem": 1}
    calls.reset()
    system.api.put(f"{PEOPLE}/c1", token=token, json={"name": "N"})
    assert calls.by_operation() == {"GetItem": 1, "TransactWriteItems": 1}
    calls.reset()
    system.api.get(PEOPLE, token=token)
    assert calls.by_operation() == {"Query": 1}
