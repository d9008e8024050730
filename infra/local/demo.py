"""Demo data for the local stack, as plain data: agencies and their users, seeded at start.

Each user gets a Cognito sign-in (email, password, agency and person ids, group) and a place in
the requests service's roster; the pump then carries `requests.person.registered` to the others.
Extend the data here (settings, services, calendars) and the seeding that goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from portalkit.identity import ADMIN, GROUP_ROLES, Identity

PASSWORD = "demo-password-1"  # noqa: S105  - a local demo sign-in, printed at start


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    group: str  # Cognito group: clients, workers or admins
    person_id: str
    email_consent: bool = True

    @property
    def role(self) -> str:
        return GROUP_ROLES[self.group]


@dataclass(frozen=True)
class DemoAgency:
    agency_id: str
    name: str
    time_zone: str
    users: tuple[DemoUser, ...]


AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency(
        agency_id="demo",
        name="Demo agency",
        time_zone="America/New_York",
        users=(
            DemoUser("admin@demo.test", "Ada Admin", "admins", "demo-admin"),
            DemoUser("worker@demo.test", "Wes Worker", "workers", "demo-worker"),
            DemoUser("client@demo.test", "Cleo Client", "clients", "demo-client"),
            DemoUser("client2@demo.test", "Cal Client", "clients", "demo-client2"),
        ),
    ),
    DemoAgency(
        agency_id="other",
        name="Other agency",
        time_zone="America/Chicago",
        users=(DemoUser("client@other.test", "Olive Other", "clients", "other-client"),),
    ),
)

# Who seeds the rosters: an admin of each agency that is no demo user.
SEEDER_PERSON_ID = "seed"


def seed(cognito, user_pool_id: str, agencies: tuple[DemoAgency, ...] = AGENCIES) -> None:
    """Create every demo sign-in and register every demo person; the apps must be loaded already."""
    from chalicelib.requests import domain, handlers

    for agency in agencies:
        seeder = Identity(agency_id=agency.agency_id, person_id=SEEDER_PERSON_ID, role=ADMIN)
        for user in agency.users:
            _create_sign_in(cognito, user_pool_id, agency, user)
            person = domain.Person(
                person_id=user.person_id, name=user.name, email=user.email, role=user.role,
                email_consent=user.email_consent,
            )
            handlers.register_person(seeder, person)


def _create_sign_in(cognito, user_pool_id: str, agency: DemoAgency, user: DemoUser) -> None:
    cognito.admin_create_user(
        UserPoolId=user_pool_id,
        Username=user.email,
        UserAttributes=[
            {"Name": "email", "Value": user.email},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "name", "Value": user.name},
            {"Name": "custom:agency_id", "Value": agency.agency_id},
            {"Name": "custom:person_id", "Value": user.person_id},
        ],
        MessageAction="SUPPRESS",
    )
    cognito.admin_set_user_password(UserPoolId=user_pool_id, Username=user.email, Password=PASSWORD, Permanent=True)
    cognito.admin_add_user_to_group(UserPoolId=user_pool_id, Username=user.email, GroupName=user.group)


def describe(agencies: tuple[DemoAgency, ...] = AGENCIES) -> list[str]:
    """Lines for the start banner: each agency and its users."""
    lines = []
    for agency in agencies:
        lines.append(f"{agency.name} (agency id {agency.agency_id}, {agency.time_zone})")
        lines += [f"  {user.email:<22} {user.role:<7} person id {user.person_id}" for user in agency.users]
    return lines
