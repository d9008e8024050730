import pytest

from portalkit.errors import Unauthorized
from portalkit.identity import identity_from_claims, parse_groups

CLAIMS = {"custom:agency_id": "a", "custom:person_id": "p", "email": "p@a.test"}


@pytest.mark.parametrize(
    "value, groups",
    [
        (["admins", "workers"], ["admins", "workers"]),
        ("admins", ["admins"]),
        ("admins,workers", ["admins", "workers"]),
        ("[admins workers]", ["admins", "workers"]),
        (None, []),
    ],
)
def test_groups_arrive_as_list_or_string(value, groups):
    assert parse_groups(value) == groups


@pytest.mark.parametrize(
    "groups, role", [("clients", "client"), ("workers", "worker"), ("admins", "admin"), ("workers,admins", "admin")]
)
def test_role_comes_from_the_strongest_group(groups, role):
    who = identity_from_claims({**CLAIMS, "cognito:groups": groups})
    assert (who.role, who.agency_id, who.person_id, who.email) == (role, "a", "p", "p@a.test")
    assert who.is_staff == (role != "client")


@pytest.mark.parametrize(
    "claims",
    [
        None,
        {},
        {**CLAIMS},  # no group
        {**CLAIMS, "cognito:groups": "strangers"},
        {"custom:person_id": "p", "cognito:groups": "clients"},
        {"custom:agency_id": "a", "cognito:groups": "clients"},
    ],
)
def test_claims_without_agency_person_or_role_are_unauthorized(claims):
    with pytest.raises(Unauthorized):
        identity_from_claims(claims)
