"""Identity through the gateway code path the local stack serves: 401 for bad tokens, 403 for wrong roles."""

from __future__ import annotations

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from portalkit.testing.tokens import TokenIssuer

PEOPLE = "/requests/people"
NEW_PERSON = {"person_id": "c1", "name": "Casey", "email": "casey@a.test", "role": "client"}


@pytest.mark.parametrize("service", ["availability", "requests", "messaging", "billing"])
def test_health_needs_no_token(system, service):
    assert system.api.get(f"/{service}/health").status == 200


def test_a_valid_token_of_the_right_role_gets_in(system):
    assert system.api.get(PEOPLE, token=system.token("admin")).status == 200


def test_the_bearer_prefix_is_accepted(system):
    assert system.api.get(PEOPLE, token="Bearer " + system.token("worker")).status == 200


def other_key_token(system):
    return system.issuer.token("admin", key=rsa.generate_private_key(public_exponent=65537, key_size=2048))


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda s: None, id="missing"),
        pytest.param(lambda s: "not-a-jwt", id="malformed"),
        pytest.param(lambda s: "a.b.c", id="garbage-segments"),
        pytest.param(lambda s: s.token("admin", expires_in=-5), id="expired"),
        pytest.param(other_key_token, id="wrong-signature"),
        pytest.param(lambda s: s.token("admin", kid="rotated-away"), id="unknown-key"),
        pytest.param(lambda s: s.token("admin", audience="another-app-client"), id="wrong-client"),
        pytest.param(lambda s: TokenIssuer(issuer="https://evil.example/pool").token("admin"), id="wrong-issuer"),
        pytest.param(lambda s: s.token("admin", token_use="access"), id="access-token"),
        pytest.param(
            lambda s: jwt.encode({"sub": "x", "custom:agency_id": "a"}, key=None, algorithm="none"), id="alg-none"
        ),
    ],
)
def test_bad_tokens_get_401(system, make_token):
    reply = system.api.get(PEOPLE, token=make_token(system))
    assert reply.status == 401, reply.body
    assert reply.error_code() == "unauthorized"


def test_a_token_without_a_group_is_401(system):
    reply = system.api.get(PEOPLE, token=system.token("strangers"))
    assert reply.status == 401 and reply.error_code() == "unauthorized"


def test_a_valid_token_of_the_wrong_role_gets_403(system):
    reply = system.api.post(PEOPLE, token=system.token("client"), json=NEW_PERSON)
    assert reply.status == 403, reply.body
    assert reply.error_code() == "forbidden"


def test_identity_comes_from_the_token_not_the_body(system):
    token = system.token("admin", agency_id="agency-b")
    assert system.api.post(PEOPLE, token=token, json={**NEW_PERSON}).status == 201
    assert system.api.get(f"{PEOPLE}/c1", token=system.token("admin", agency_id="agency-a")).status == 404
    assert system.api.get(f"{PEOPLE}/c1", token=token).status == 200


def test_an_unknown_route_is_a_json_404(system):
    reply = system.api.get("/requests/nothing-here", token=system.token("admin"))
    assert reply.status == 404 and reply.error_code() == "not_found"
    assert system.api.get("/nowhere").status == 404
