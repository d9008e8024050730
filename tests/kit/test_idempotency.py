"""Idempotency keys: one effect and one answer per key, 409 for a reused key with another body, races included."""

from __future__ import annotations

import pytest
from pynamodb.attributes import UnicodeAttribute

from portalkit.errors import Conflict
from portalkit.idempotency import Idempotent
from portalkit.identity import Identity
from portalkit.store import TableModel, table_meta

CLIENT = Identity(agency_id="a", person_id="c1", role="client")
OTHER = Identity(agency_id="a", person_id="c2", role="client")


class Thing(TableModel):
    Meta = table_meta("requests")
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


def things() -> list[str]:
    return sorted(t.sk for t in Thing.query("THINGS"))


def create(who, key, body, name, inside=None):
    def write(tx):
        if inside:
            inside()
        tx.save(Thing("THINGS", name), condition=Thing.pk.does_not_exist())
        return 201, {"name": name, **body}

    return Idempotent("requests", who, "create-thing", key, body).run(write)


def test_without_a_key_every_call_writes(system):
    create(CLIENT, None, {"x": 1}, "t1")
    create(CLIENT, None, {"x": 1}, "t2")
    assert things() == ["t1", "t2"]


def test_a_retried_key_writes_once_and_answers_the_same(system):
    first = create(CLIENT, "k1", {"x": 1}, "t1")
    again = [create(CLIENT, "k1", {"x": 1}, f"t{n}") for n in range(2, 7)]
    assert things() == ["t1"]
    assert first == (201, {"name": "t1", "x": 1})
    assert again == [first] * 5


def test_a_key_reused_with_another_body_is_a_conflict(system):
    create(CLIENT, "k1", {"x": 1}, "t1")
    with pytest.raises(Conflict) as caught:
        create(CLIENT, "k1", {"x": 2}, "t2")
    assert caught.value.code == "idempotency_key_reused"
    assert things() == ["t1"]


def test_keys_belong_to_their_caller(system):
    create(CLIENT, "k1", {"x": 1}, "t1")
    assert create(OTHER, "k1", {"x": 1}, "t2") == (201, {"name": "t2", "x": 1})
    assert things() == ["t1", "t2"]


def test_two_calls_racing_with_one_key_commit_once_and_answer_alike(system):
    racer = []

    def the_other_call_commits_first():
        racer.append(create(CLIENT, "k1", {"x": 1}, "t-racer"))

    answer = create(CLIENT, "k1", {"x": 1}, "t-late", inside=the_other_call_commits_first)
    assert things() == ["t-racer"]
    assert answer == racer[0] == (201, {"name": "t-racer", "x": 1})


def test_a_failed_write_stores_nothing_so_a_retry_can_succeed(system):
    Thing("THINGS", "t1").save()
    with pytest.raises(Exception):  # noqa: B017  - the write's own condition fails
        create(CLIENT, "k1", {"x": 1}, "t1")
    assert create(CLIENT, "k1", {"x": 1}, "t2") == (201, {"name": "t2", "x": 1})
