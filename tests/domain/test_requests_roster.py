"""The roster and service files of the requests service: who manages whom, and what a service file allows (pure)."""

from __future__ import annotations

import pytest

from chalicelib.requests import domain as d
from portalkit.identity import Identity

WORKER, OTHER_WORKER = Identity("a", "w1", "worker"), Identity("a", "w2", "worker")
ADMIN, CLIENT = Identity("a", "a1", "admin"), Identity("a", "c1", "client")


def service(**changes) -> d.ServiceFile:
    values = {"service_id": "s1", "name": "Counselling", "open_date": "2026-11-02", "provider_ids": ("w1",),
              "participant_ids": ("c1", "c2"), **changes}
    return d.ServiceFile(**values)


def ids(n: int, prefix: str) -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


# -- people ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("actor, role, allowed", [
    pytest.param(WORKER, "client", True, id="worker-manages-a-client"),
    pytest.param(WORKER, "worker", False, id="worker-not-a-worker"),
    pytest.param(WORKER, "admin", False, id="worker-not-an-admin"),
    pytest.param(ADMIN, "client", True, id="admin-manages-a-client"),
    pytest.param(ADMIN, "worker", True, id="admin-manages-a-worker"),
    pytest.param(ADMIN, "admin", True, id="admin-manages-an-admin"),
    pytest.param(CLIENT, "worker", False, id="client-never-staff"),
])
def test_workers_add_and_change_clients_and_only_admins_staff(actor, role, allowed):
    if allowed:
        assert d.may_manage(actor, role) is None
        return
    with pytest.raises(d.AdminOnly) as error:
        d.may_manage(actor, role)
    assert (error.value.status, error.value.code) == (403, "forbidden")


@pytest.mark.parametrize("person_id, valid", [
    pytest.param("c", True, id="one-character"),
    pytest.param("a" * 64, True, id="64-characters"),
    pytest.param("Casey_Doe-2", True, id="letters-digits-underscore-dash"),
    pytest.param("", False, id="empty"),
    pytest.param("a" * 65, False, id="65-characters"),
    pytest.param("_c1", False, id="starting-with-underscore"),
    pytest.param("c.1", False, id="with-a-dot"),
    pytest.param("ç1", False, id="non-ascii-letter"),
])
def test_a_person_id_is_1_to_64_letters_digits_dashes_or_underscores_starting_with_a_letter_or_digit(person_id,
                                                                                                     valid):
    if valid:
        assert d.check_person_id(person_id) == person_id
        return
    with pytest.raises(d.InvalidPersonId) as error:
        d.check_person_id(person_id, "provider_ids")
    assert (error.value.field, error.value.message) == (
        "provider_ids", "provider_ids must be 1 to 64 letters, digits, '-' or '_'.")


def test_an_email_is_kept_in_lower_case_and_one_without_a_domain_refused():
    assert d.check_email("Casey.Doe@Example.ORG") == "casey.doe@example.org"
    for bad in ("casey", "casey@", "@example.org", "casey@example", "ca sey@example.org", "a@b@c.org"):
        with pytest.raises(d.InvalidEmail) as error:
            d.check_email(bad)
        assert (error.value.field, error.value.code) == ("email", "invalid_field"), bad


def _someone(role: str) -> d.Person:
    return d.Person(person_id="p1", name="P", email="p1@a.test", role=role, email_consent=False)


@pytest.mark.parametrize("actor, role, changes, allowed", [
    pytest.param(WORKER, "client", {"name": "Casey Roe"}, True, id="worker-renames-a-client"),
    pytest.param(WORKER, "client", {"role": "client"}, True, id="worker-keeps-a-client-a-client"),
    pytest.param(WORKER, "client", {"role": "admin"}, False, id="worker-promotes-a-client"),
    pytest.param(WORKER, "worker", {"name": "W"}, False, id="worker-renames-a-worker"),
    pytest.param(ADMIN, "client", {"role": "worker"}, True, id="admin-makes-a-client-a-worker"),
    pytest.param(ADMIN, "admin", {"role": "client"}, True, id="admin-makes-an-admin-a-client"),
])
def test_a_worker_changes_a_client_and_keeps_them_a_client_an_admin_changes_anyone(actor, role, changes, allowed):
    if allowed:
        assert d.may_change_person(actor, _someone(role), changes) is None
        return
    with pytest.raises(d.AdminOnly, match="Only an admin can add or change workers and admins"):
        d.may_change_person(actor, _someone(role), changes)


def test_a_change_to_a_person_bumps_their_version_and_keeps_what_it_does_not_name():
    person = d.Person(person_id="c1", name="Casey", email="c1@a.test", role="client", email_consent=False)
    changed = d.updated(person, {"name": "Casey Roe"})
    assert (changed.name, changed.email, changed.role, changed.version) == ("Casey Roe", "c1@a.test", "client", 2)
    assert d.updated(changed, {"role": "worker", "email_consent": True}).version == 3
    assert "version" not in person.event_data() and person.event_data()["email_consent"] is False


# -- service files: who is in them -------------------------------------------------------------------------------


@pytest.mark.parametrize("providers, participants, refused, field", [
    pytest.param([], ["c1"], d.NoProvider, "provider_ids", id="no-provider"),
    pytest.param(["w1", "w1"], [], d.ListedTwice, "provider_ids", id="provider-twice"),
    pytest.param(["w1"], ["c1", "c2", "c1"], d.ListedTwice, "participant_ids", id="participant-twice"),
    pytest.param(ids(d.MAX_PROVIDERS + 1, "w"), [], d.TooManyPeople, "provider_ids", id="11-providers"),
    pytest.param(["w1"], ids(d.MAX_PARTICIPANTS + 1, "c"), d.TooManyPeople, "participant_ids",
                 id="26-participants"),
    pytest.param(["w 1"], [], d.InvalidPersonId, "provider_ids", id="provider-id-not-an-id"),
    pytest.param(["w1"], ["c/1"], d.InvalidPersonId, "participant_ids", id="participant-id-not-an-id"),
])
def test_a_service_files_people_lists_are_refused_naming_the_list(providers, participants, refused, field):
    with pytest.raises(refused) as error:
        d.check_people_lists(providers, participants)
    assert (error.value.status, error.value.field) == (400, field)


@pytest.mark.parametrize("providers, participants", [
    pytest.param(["w1"], [], id="one-provider-no-participant"),
    pytest.param(ids(d.MAX_PROVIDERS, "w"), ids(d.MAX_PARTICIPANTS, "c"), id="10-providers-25-participants"),
])
def test_a_service_file_with_one_to_ten_providers_and_up_to_25_participants_is_accepted(providers, participants):
    assert d.check_people_lists(providers, participants) is None


def test_a_service_files_event_data_names_the_participant_concerned_only_when_there_is_one():
    data = service().event_data()
    assert data == {"service_id": "s1", "name": "Counselling", "status": "open", "provider_ids": ["w1"],
                    "participant_ids": ["c1", "c2"], "open_date": "2026-11-02", "close_date": None}
    assert service().event_data("c2")["client_id"] == "c2"
    assert service(version=3).view()["version"] == 3


ROSTER = {p.person_id: p for p in (
    d.Person(person_id="w1", name="W", email="w1@a.test", role="worker", email_consent=False),
    d.Person(person_id="a1", name="A", email="a1@a.test", role="admin", email_consent=False),
    d.Person(person_id="c1", name="C", email="c1@a.test", role="client", email_consent=False),
)}


@pytest.mark.parametrize("providers, participants, field, said", [
    pytest.param(["c1"], [], "provider_ids", "c1 is not a worker of this agency.", id="a-client-providing"),
    pytest.param(["nobody"], [], "provider_ids", "nobody is not a worker of this agency.", id="unknown-provider"),
    pytest.param(["w1"], ["w1"], "participant_ids", "w1 is not a client of this agency.", id="a-worker-taking-part"),
    pytest.param(["w1"], ["a1"], "participant_ids", "a1 is not a client of this agency.", id="an-admin-taking-part"),
    pytest.param(["w1"], ["nobody"], "participant_ids", "nobody is not a client of this agency.",
                 id="unknown-participant"),
])
def test_providers_are_staff_and_participants_clients_of_the_roster(providers, participants, field, said):
    with pytest.raises(d.NotOnRoster) as error:
        d.check_roster(ROSTER, providers, participants)
    assert (error.value.status, error.value.field, error.value.message) == (400, field, said)


def test_a_worker_and_an_admin_both_provide():
    assert d.check_roster(ROSTER, ["w1", "a1"], ["c1"]) is None


@pytest.mark.parametrize("who, providers, allowed", [
    pytest.param(WORKER, ["w1"], True, id="worker-providing-it"),
    pytest.param(WORKER, ["w2", "w1"], True, id="worker-among-its-providers"),
    pytest.param(WORKER, ["w2"], False, id="worker-opening-one-for-another"),
    pytest.param(ADMIN, ["w2"], True, id="admin-for-any-worker"),
])
def test_a_worker_opens_only_service_files_they_provide(who, providers, allowed):
    if allowed:
        assert d.check_opener(who, providers) is None
        return
    with pytest.raises(d.MustProvide) as error:
        d.check_opener(who, providers)
    assert (error.value.status, error.value.field, error.value.message) == (
        400, "provider_ids", "Workers open service files they provide: include yourself.")


# -- service files: who acts on them ------------------------------------------------------------------------------


@pytest.mark.parametrize("who, allowed", [
    pytest.param(ADMIN, True, id="admin"),
    pytest.param(WORKER, True, id="a-provider"),
    pytest.param(OTHER_WORKER, False, id="a-worker-not-providing-it"),
    pytest.param(Identity("a", "w1", "client"), False, id="a-client-with-a-providers-id"),
])
def test_a_provider_of_the_service_or_an_admin_acts_on_its_file(who, allowed):
    if allowed:
        assert d.may_act_on(who, service()) is None
        return
    with pytest.raises(d.NotYourService):
        d.may_act_on(who, service())


# -- service files: participants and closing ---------------------------------------------------------------------


def test_a_client_joins_at_the_end_of_the_list_with_the_version_bumped():
    joined = d.add_participant(service(), "c3")
    assert (joined.participant_ids, joined.version, joined.status) == (("c1", "c2", "c3"), 2, d.OPEN)


@pytest.mark.parametrize("file, client_id, refused", [
    pytest.param(service(status=d.CLOSED, close_date="2026-11-20"), "c3", d.ServiceClosed, id="closed"),
    pytest.param(service(), "c1", d.AlreadyParticipant, id="already-taking-part"),
    pytest.param(service(participant_ids=tuple(ids(d.MAX_PARTICIPANTS, "c"))), "x1", d.TooManyParticipants,
                 id="full-at-25"),
])
def test_a_client_joins_only_an_open_service_they_are_not_in_and_not_past_25(file, client_id, refused):
    with pytest.raises(refused) as error:
        d.add_participant(file, client_id)
    assert (error.value.status, error.value.code) == (409, refused.code)


def test_the_24th_participant_still_makes_25():
    full = d.add_participant(service(participant_ids=tuple(ids(d.MAX_PARTICIPANTS - 1, "c"))), "x1")
    assert len(full.participant_ids) == d.MAX_PARTICIPANTS


def test_a_participant_leaves_and_the_others_keep_their_order():
    left = d.remove_participant(service(participant_ids=("c1", "c2", "c3")), "c2")
    assert (left.participant_ids, left.version) == (("c1", "c3"), 2)
    with pytest.raises(d.NotAParticipant) as error:
        d.remove_participant(service(), "c9")
    assert (error.value.status, error.value.field) == (400, "client_id")
    with pytest.raises(d.ServiceClosed):
        d.remove_participant(service(status=d.CLOSED), "c1")


@pytest.mark.parametrize("close_date, outcome", [
    pytest.param("2026-11-01", d.CloseBeforeOpen, id="day-before-it-opened"),
    pytest.param("2026-11-02", "closed", id="the-day-it-opened"),
    pytest.param("2026-12-31", "closed", id="later"),
])
def test_a_service_closes_on_or_after_its_open_date(close_date, outcome):
    if outcome == "closed":
        closed = d.close(service(), close_date)
        assert (closed.status, closed.close_date, closed.version) == (d.CLOSED, close_date, 2)
        return
    with pytest.raises(outcome) as error:
        d.close(service(), close_date)
    assert (error.value.status, error.value.field) == (400, "close_date")


def test_a_closed_service_does_not_close_again():
    with pytest.raises(d.ServiceClosed) as error:
        d.close(service(status=d.CLOSED, close_date="2026-11-20"), "2026-11-30")
    assert (error.value.status, error.value.code) == (409, "service_closed")


# -- My Services -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("file_status, member_status, shown", [
    pytest.param(d.OPEN, d.ACTIVE, d.OPEN, id="open-and-taking-part"),
    pytest.param(d.OPEN, d.LEFT, d.CLOSED, id="left-an-open-service"),
    pytest.param(d.CLOSED, d.ACTIVE, d.CLOSED, id="the-service-closed"),
])
def test_a_service_is_open_to_a_client_only_while_it_is_open_and_they_take_part(file_status, member_status, shown):
    assert d.Membership(service=service(status=file_status), member_status=member_status).status == shown


def test_my_services_of_one_service_is_404_unless_the_client_takes_or_took_part():
    memberships = [d.Membership(service=service()),
                   d.Membership(service=service(service_id="s2"), member_status=d.LEFT)]
    assert d.check_takes_part(memberships, None) is None
    assert d.check_takes_part(memberships, "s2") is None  # left: still theirs to read
    with pytest.raises(d.ServiceNotFound) as error:
        d.check_takes_part(memberships, "s9")
    assert (error.value.status, error.value.message) == (404, "You take part in no service s9.")
    with pytest.raises(d.ServiceNotFound):
        d.check_takes_part([], "s1")


def test_my_services_lists_newest_first_with_the_next_event_other_participants_and_providers():
    older = d.Membership(service=service(), events_attended=2)
    newer = d.Membership(service=service(service_id="s2", name="Family", open_date="2026-11-20",
                                         provider_ids=("w2", "w1"), participant_ids=("c1",)))
    left = d.Membership(service=service(service_id="s3", open_date="2026-11-22"), member_status=d.LEFT,
                        left_date="2026-11-23")

    def event(event_id, start, **changes):
        values = {"event_id": event_id, "service_id": "s1", "worker_id": "w1", "client_ids": ("c1", "c2"),
                  "start": start, "end": start.replace("T15", "T16"), "created_at": start, "created_by": "w1",
                  **changes}
        return d.Event(**values)

    upcoming = [event("e2", "2026-11-27T15:00:00Z"), event("e1", "2026-11-25T15:00:00Z"),
                event("e3", "2026-11-24T15:00:00Z", status=d.CANCELLED),
                event("e4", "2026-11-24T15:00:00Z", client_ids=("c2",))]
    names = {"c2": "Dana", "w1": "Wanda"}
    entries = d.my_services([older, newer, left], upcoming, "c1", names, "open", None)
    assert [e["service_id"] for e in entries] == ["s2", "s1"]
    family, counselling = entries
    assert (family["events_upcoming"], family["next_event"], family["participants"]) == (0, None, [])
    assert family["providers"] == [{"worker_id": "w2", "name": None}, {"worker_id": "w1", "name": "Wanda"}]
    assert (counselling["events_upcoming"], counselling["next_event"]["event_id"]) == (2, "e1")
    assert counselling["events_attended"] == 2
    assert counselling["participants"] == [{"client_id": "c2", "name": "Dana"}]
    assert counselling["links"]["timeline"] == "/requests/me/services/s1/timeline"
    every = d.my_services([older, newer, left], upcoming, "c1", names, "all", None)
    assert [(e["service_id"], e["status"], e["left_date"]) for e in every] == [
        ("s3", d.CLOSED, "2026-11-23"), ("s2", d.OPEN, None), ("s1", d.OPEN, None)]
    assert [e["service_id"] for e in d.my_services([older, newer, left], [], "c1", {}, "all", "s3")] == ["s3"]
    assert d.my_services([older, newer, left], [], "c1", {}, "open", "s3") == []


# -- requests for a new service -----------------------------------------------------------------------------------


def _asked(**changes) -> d.ServiceRequest:
    values = {"service_request_id": "q1", "client_id": "c1", "name": "Yoga", "created_at": "2026-11-23T12:00:00Z",
              **changes}
    return d.ServiceRequest(**values)


@pytest.mark.parametrize("status, kwargs", [
    pytest.param(d.APPROVED, {"service_id": "s9"}, id="approved-with-its-service"),
    pytest.param(d.DECLINED, {"reason": "Not offered"}, id="declined-with-a-reason"),
])
def test_a_pending_request_for_a_service_is_decided_once_by_whom_and_when(status, kwargs):
    from portalkit import times

    decided = d.decide_service_request(_asked(), status, WORKER, times.instant("2026-11-24T09:00:00Z"), **kwargs)
    assert (decided.status, decided.decided_by, decided.updated_at, decided.version) == (
        status, "w1", "2026-11-24T09:00:00Z", 2)
    assert {k: getattr(decided, k) for k in kwargs} == kwargs
    with pytest.raises(d.ServiceRequestDecided) as error:
        d.decide_service_request(decided, d.DECLINED, ADMIN, 0, reason="No")
    assert (error.value.status, error.value.code, error.value.message) == (
        409, "service_request_decided", f"The request is {status}.")


def test_a_service_requests_event_keeps_a_missing_message_as_null_and_leaves_out_other_empty_fields():
    assert _asked().event_data() == {"service_request_id": "q1", "client_id": "c1", "name": "Yoga",
                                     "created_at": "2026-11-23T12:00:00Z", "message": None, "status": d.PENDING}


def test_clients_ask_for_a_new_service_only_while_the_agency_takes_such_requests():
    assert d.check_service_requests(d.Settings()) is None
    with pytest.raises(d.ServiceRequestsDisabled) as error:
        d.check_service_requests(d.Settings(service_requests_enabled=False))
    assert (error.value.status, error.value.code) == (409, "service_requests_disabled")


@pytest.mark.parametrize("who, named, providers", [
    pytest.param(WORKER, None, ["w1"], id="worker-approving-provides-it"),
    pytest.param(WORKER, ["w2"], ["w2"], id="worker-naming-another"),
    pytest.param(ADMIN, ["w1", "w2"], ["w1", "w2"], id="admin-naming-them"),
    pytest.param(ADMIN, None, d.MissingField, id="admin-naming-nobody"),
])
def test_a_service_opened_on_approval_is_provided_by_those_named_or_the_approving_worker(who, named, providers):
    if providers is d.MissingField:
        with pytest.raises(d.MissingField) as error:
            d.approval_providers(who, named)
        assert (error.value.code, error.value.field) == ("missing_field", "provider_ids")
        return
    assert d.approval_providers(who, named) == providers
