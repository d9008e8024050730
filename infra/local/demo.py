"""Demo data for the local stack, as plain data: agencies and their users, seeded at start.

Each user gets a Cognito sign-in (email, password, agency and person ids, group) and a place in
the requests service's roster; the pump then carries `requests.person.registered` to the others.
Each agency also gets availability settings, types and a site, and each worker a weekly calendar; service
files (requests), whose `requests.service.opened` events tell availability which clients may see and
request which workers' slots; and the demo agency billing settings (USD, the sandbox provider, online
payments on) and default fees. Extend the data here and the seeding that goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from portalkit.identity import ADMIN, GROUP_ROLES, WORKER, Identity

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
class DemoBlock:
    day: str
    start: str  # wall clock at the agency's main site
    end: str
    client_facing: bool = True


@dataclass(frozen=True)
class DemoService:
    """A service file: its providers (workers) and participants (clients), by person id."""

    name: str
    provider_ids: tuple[str, ...]
    participant_ids: tuple[str, ...]


@dataclass(frozen=True)
class DemoBilling:
    """Billing settings and the agency's default fees (minor units), which every service without its own takes."""

    currency: str = "USD"
    payments_enabled: bool = True
    provider: str = "sandbox"
    event_fee: int | None = None
    no_show_fee: int | None = None
    late_cancel_fee: int | None = None


@dataclass(frozen=True)
class DemoAgency:
    agency_id: str
    name: str
    time_zone: str
    users: tuple[DemoUser, ...]
    # Every worker's weekly availability in one calendar, in effect from the day the stack starts.
    week: tuple[DemoBlock, ...] = ()
    billing: DemoBilling | None = None
    services: tuple[DemoService, ...] = ()
    site_address: str | None = None  # the main site's, said in reminder emails and calendar files


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
        week=(
            *(DemoBlock(day, "09:00", "12:00") for day in ("monday", "tuesday", "wednesday", "thursday", "friday")),
            DemoBlock("tuesday", "13:00", "17:00"),
            DemoBlock("thursday", "13:00", "17:00"),
            DemoBlock("friday", "13:00", "16:00", client_facing=False),
        ),
        # The demo's "Counselling" sessions cost 80.00, a no-show 40.00, a late cancellation 25.00.
        billing=DemoBilling(event_fee=8000, no_show_fee=4000, late_cancel_fee=2500),
        services=(DemoService("Counselling", ("demo-worker",), ("demo-client", "demo-client2")),),
        site_address="12 Main Street, Springfield",
    ),
    DemoAgency(
        agency_id="other",
        name="Other agency",
        time_zone="America/Chicago",
        users=(
            DemoUser("client@other.test", "Olive Other", "clients", "other-client"),
            DemoUser("worker@other.test", "Otto Other", "workers", "other-worker"),
        ),
        services=(DemoService("Counselling", ("other-worker",), ("other-client",)),),
    ),
)

# Who seeds the rosters: an admin of each agency that is no demo user.
SEEDER_PERSON_ID = "seed"
SERVICES_OPENED = date(2026, 1, 5)  # a Monday; a stack whose clock starts earlier opens them that week


def services_opened(today: date) -> date:
    """When the demo's service files start: SERVICES_OPENED, or the Monday of an earlier `today`."""
    return min(SERVICES_OPENED, today - timedelta(days=today.weekday()))


def seed(cognito, user_pool_id: str, agencies: tuple[DemoAgency, ...] = AGENCIES) -> None:
    """Create every demo sign-in, register every demo person and set up scheduling; the apps must be loaded."""
    from chalicelib.requests import agency_settings, domain, people
    from portalkit import clock

    opened = services_opened(datetime.fromtimestamp(clock.now(), UTC).date() - timedelta(days=1))
    for agency in agencies:
        seeder = Identity(agency_id=agency.agency_id, person_id=SEEDER_PERSON_ID, role=ADMIN)
        for user in agency.users:
            _create_sign_in(cognito, user_pool_id, agency, user)
            person = domain.Person(
                person_id=user.person_id, name=user.name, email=user.email, role=user.role,
                email_consent=user.email_consent,
            )
            people.register_person(seeder, person)
        # calendar files say the agency's name
        agency_settings.update_settings(seeder, {"agency_name": agency.name}, expected_version=0)
        _seed_availability(seeder, agency)
        _seed_billing(seeder, agency)
        _seed_services(seeder, agency, opened)


def _seed_availability(seeder: Identity, agency: DemoAgency) -> None:
    """The agency's zone, a client-facing and an internal availability type, one site, each worker's week."""
    from chalicelib.availability import availability_types, blocks, calendars, domain, models, settings, sites

    facing = availability_types.add_type(seeder, "Client sessions", "#2E8B57")["type_id"]
    internal = availability_types.add_type(seeder, "Admin time", "#A9A9A9")["type_id"]
    site = sites.add_site(seeder, "Main office", agency.time_zone, agency.site_address)["site_id"]
    settings.update_settings(seeder, {"timezone": agency.time_zone, "client_facing_type_id": facing},
                             expected_version=0)
    today = calendars.today(models.load_agency(agency.agency_id).settings)  # a calendar starts today or later
    for user in agency.users:
        if user.role != WORKER or not agency.week:
            continue
        calendar = calendars.add_calendar(seeder, user.person_id, "Regular week", today, None)
        for block in agency.week:
            fields = {"day": domain.parse_day(block.day), "start": domain.parse_clock(block.start, "from"),
                      "end": domain.parse_clock(block.end, "to"), "site_id": site,
                      "type_id": facing if block.client_facing else internal}
            blocks.save_block(seeder, user.person_id, calendar["calendar_id"], None, fields)


def _seed_billing(seeder: Identity, agency: DemoAgency) -> None:
    """The agency's currency and payment provider, and its default fee schedule."""
    if agency.billing is None:
        return
    from chalicelib.billing import domain, fees, settings

    b = agency.billing
    settings.update_settings(seeder, {"currency": b.currency, "payments_enabled": b.payments_enabled,
                                      "provider": b.provider}, expected_version=0)
    schedule = domain.Fees(event_fee=b.event_fee, no_show_fee=b.no_show_fee, late_cancel_fee=b.late_cancel_fee)
    fees.set_fees(seeder, None, schedule, b.currency)


def _seed_services(seeder: Identity, agency: DemoAgency, opened: date) -> None:
    """Open each service file; its event tells availability whose slots its clients may see and request."""
    from chalicelib.requests import service_files

    for service in agency.services:
        service_files.open_service(seeder, service.name, opened.isoformat(), list(service.provider_ids),
                                   list(service.participant_ids))


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
