"""Messaging's rules for discussions, called directly (no AWS): what a new discussion, a message and a page accept
(schemas.py), who takes part and reads, whose a new discussion is, when someone may write (discussions off, a closed
service, the three-message rule), who follows a message, and what an inbox line and an email of it say."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.messaging import domain as d
from chalicelib.messaging import schemas as s
from chalicelib.messaging.domain import ADMIN, CLIENT, WORKER
from portalkit.schema import decode_body, decode_query
from tests.domain.refusals import body_refusal, query_refusal

SERVICE = d.ServiceFile("s1", "Counselling", "open", frozenset({"w1", "w2"}), frozenset({"c1", "c2"}), 1)
CLOSED = d.ServiceFile("s1", "Counselling", "closed", frozenset({"w1", "w2"}), frozenset({"c1", "c2"}), 2)
ON, OFF = d.AgencySettings(), d.AgencySettings(discussions_enabled=False)


def refused(model, body) -> tuple:
    """What a route answers for this body: the refusal's field, code and message."""
    error = body_refusal(model, body)
    return error.field, error.code, error.message


def refused_query(model, params) -> tuple:
    error = query_refusal(model, params)
    return error.field, error.code, error.message


# -- what a new discussion and a message accept ------------------------------------------------------------------

START = {"service_id": "s1", "subject": "Next week", "message": "Can we move Tuesday?"}


@pytest.mark.parametrize(("body", "said"), [
    pytest.param({**START, "subject": ""}, ("subject", "invalid_field", "subject must not be empty."), id="no-subject"),
    pytest.param({**START, "subject": "   "}, ("subject", "invalid_field", "subject must not be empty."),
                 id="blank-subject"),
    pytest.param({**START, "subject": "\u200b"}, ("subject", "invalid_field", "subject must not be empty."),
                 id="invisible-subject"),
    pytest.param({**START, "subject": "x" * 201},
                 ("subject", "invalid_field", "subject must be at most 200 characters."), id="subject-201"),
    pytest.param({**START, "subject": 7}, ("subject", "invalid_field", "subject must be a string."),
                 id="subject-not-text"),
    pytest.param({**START, "message": ""}, ("message", "invalid_field", "message must not be empty."), id="no-message"),
    pytest.param({**START, "message": "\n\t "}, ("message", "invalid_field", "message must not be empty."),
                 id="blank-message"),
    pytest.param({**START, "message": "x" * 5001},
                 ("message", "invalid_field", "message must be at most 5000 characters."), id="message-5001"),
    pytest.param({"service_id": "s1", "message": "Hi"}, ("subject", "missing_field", "subject is required."),
                 id="subject-missing"),
    pytest.param({"subject": "Hi", "message": "Hi"}, ("service_id", "missing_field", "service_id is required."),
                 id="service-missing"),
    pytest.param({**START, "service_id": ""}, ("service_id", "invalid_field", "service_id must not be empty."),
                 id="service-empty"),
    pytest.param({**START, "service_id": "s" * 129},
                 ("service_id", "invalid_field", "service_id must be at most 128 characters."), id="service-id-129"),
    pytest.param({**START, "client_id": "c2"}, ("client_id", "unknown_field", "client_id is not a known field."),
                 id="client-names-a-client"),
])
def test_a_clients_new_discussion_needs_a_service_a_subject_of_1_to_200_and_a_message_of_1_to_5000(body, said):
    assert refused(s.NewDiscussionWithProviders, body) == said


@pytest.mark.parametrize(("subject", "message"), [
    pytest.param("x", "m", id="shortest"),
    pytest.param("s" * d.MAX_SUBJECT, "m" * d.MAX_MESSAGE, id="longest"),
    pytest.param("é" * 200, "✓" * 5000, id="longest-in-characters-not-bytes"),
    pytest.param("  Next week  ", "Line one\n\nLine two", id="text-as-written"),
])
def test_subjects_and_messages_within_their_bounds_are_taken_as_written(subject, message):
    body = decode_body(json.dumps({"service_id": "s1", "subject": subject, "message": message}),
                       s.NewDiscussionWithProviders)
    assert (body.subject, body.message) == (subject, message)


def test_staff_name_the_client_of_their_new_discussion_and_a_message_alone_needs_its_text():
    assert refused(s.NewDiscussionWithClient, START) == ("client_id", "missing_field", "client_id is required.")
    assert decode_body(json.dumps({**START, "client_id": "c2"}), s.NewDiscussionWithClient).client_id == "c2"
    assert refused(s.NewMessage, {}) == ("message", "missing_field", "message is required.")
    assert refused(s.NewMessage, {"message": ""}) == ("message", "invalid_field", "message must not be empty.")
    assert refused(s.NewMessage, {"message": "m" * 5001})[:2] == ("message", "invalid_field")
    assert refused(s.NewMessage, {"message": "Hi", "subject": "Re"})[:2] == ("subject", "unknown_field")
    assert decode_body(json.dumps({"message": "m" * 5000}), s.NewMessage).message == "m" * 5000


@pytest.mark.parametrize(("model", "params", "said"), [
    pytest.param(s.MessagePage, {"limit": "0"}, ("limit", "invalid_field", "limit must be at least 1."),
                 id="messages-0"),
    pytest.param(s.MessagePage, {"limit": "201"}, ("limit", "invalid_field", "limit must be at most 200."),
                 id="messages-201"),
    pytest.param(s.DiscussionsOfService, {}, ("service_id", "missing_field", "service_id is required."),
                 id="service-list-without-service"),
    pytest.param(s.DiscussionsOfService, {"service_id": "s1", "limit": "201"},
                 ("limit", "invalid_field", "limit must be at most 200."), id="service-list-201"),
    pytest.param(s.InboxPage, {"limit": "0"}, ("limit", "invalid_field", "limit must be at least 1."), id="inbox-0"),
    pytest.param(s.InboxPage, {"limit": "101"}, ("limit", "invalid_field", "limit must be at most 100."),
                 id="inbox-101"),
    pytest.param(s.InboxPage, {"unread": "yes"}, ("unread", "invalid_field", "unread must be true or false."),
                 id="inbox-unread-not-a-boolean"),
    pytest.param(s.InboxPage, {"service_id": ""}, ("service_id", "invalid_field", "service_id must not be empty."),
                 id="inbox-empty-service"),
    pytest.param(s.InboxPage, {"cursor": ""}, ("cursor", "invalid_field", "cursor must not be empty."),
                 id="inbox-empty-cursor"),
    pytest.param(s.InboxPage, {"cursor": "c" * 4097},
                 ("cursor", "invalid_field", "cursor must be at most 4096 characters."), id="inbox-cursor-4097"),
    pytest.param(s.InboxPage, {"sort": "oldest"}, ("sort", "unknown_field", "sort is not a known query parameter."),
                 id="inbox-unknown-parameter"),
])
def test_pages_are_1_to_200_messages_or_discussions_and_1_to_100_inbox_items(model, params, said):
    assert refused_query(model, params) == said


def test_the_largest_pages_and_an_unread_filter_are_taken():
    assert decode_query({"limit": "200"}, s.MessagePage).limit == 200
    assert decode_query({"service_id": "s1", "limit": "200"}, s.DiscussionsOfService).limit == 200
    page = decode_query({"limit": "100", "unread": "true", "service_id": "s1"}, s.InboxPage)
    assert (page.limit, page.unread, page.service_id) == (100, True, "s1")
    assert decode_query({}, s.InboxPage).unread is False


# -- who takes part and reads ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "person", "service", "takes_part"), [
    pytest.param(CLIENT, "c1", SERVICE, True, id="client-of-the-service"),
    pytest.param(CLIENT, "c3", SERVICE, False, id="client-of-another-service"),
    pytest.param(CLIENT, "w1", SERVICE, False, id="a-providers-id-as-client"),
    pytest.param(WORKER, "w2", SERVICE, True, id="a-provider"),
    pytest.param(WORKER, "w3", SERVICE, False, id="worker-who-does-not-provide-it"),
    pytest.param(WORKER, "c1", SERVICE, False, id="a-clients-id-as-worker"),
    pytest.param(ADMIN, "admin-1", SERVICE, True, id="admin-any-service"),
    pytest.param(ADMIN, "admin-1", None, False, id="admin-unknown-service"),
    pytest.param(CLIENT, "c1", None, False, id="client-unknown-service"),
    pytest.param("system", "w1", SERVICE, False, id="no-such-role"),
    pytest.param(CLIENT, "c1", CLOSED, True, id="closed-service-still-theirs"),
])
def test_a_client_takes_part_in_their_services_a_worker_in_those_they_provide_an_admin_in_all(role, person, service,
                                                                                                 takes_part):
    assert d.takes_part(role, person, service) is takes_part


@pytest.mark.parametrize(("role", "person", "client", "may"), [
    pytest.param(CLIENT, "c1", "c1", True, id="its-client"),
    pytest.param(CLIENT, "c2", "c1", False, id="another-client-of-the-service"),
    pytest.param(CLIENT, "c3", "c3", False, id="its-client-who-left-the-service"),
    pytest.param(WORKER, "w1", "c1", True, id="a-provider"),
    pytest.param(WORKER, "w2", "c3", True, id="a-provider-whatever-the-client"),
    pytest.param(WORKER, "w3", "c1", False, id="another-services-worker"),
    pytest.param(ADMIN, "admin-1", "c1", True, id="an-admin"),
])
def test_a_discussion_is_read_by_its_client_while_in_the_service_and_by_the_services_staff(role, person, client, may):
    assert d.may_read(role, person, client, SERVICE) is may


# -- whose a new discussion is -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "person", "service", "client", "whose"), [
    pytest.param(CLIENT, "c1", SERVICE, None, "c1", id="client-their-own"),
    pytest.param(CLIENT, "c2", SERVICE, "c1", "c2", id="client-never-someone-elses"),
    pytest.param(WORKER, "w1", SERVICE, "c2", "c2", id="provider-with-a-client-of-the-service"),
    pytest.param(ADMIN, "admin-1", SERVICE, "c1", "c1", id="admin-with-a-client-of-the-service"),
])
def test_a_client_starts_their_own_discussion_and_staff_one_with_a_client_of_the_service(role, person, service,
                                                                                          client, whose):
    assert d.discussion_client(role, person, "s1", service, client) == whose


@pytest.mark.parametrize(("role", "person", "service", "client", "refusal"), [
    pytest.param(CLIENT, "c3", SERVICE, None, (d.UnknownService, "service_id", "unknown_service",
                                               "No service s1 that you take part in."), id="client-not-in-it"),
    pytest.param(CLIENT, "c1", None, None, (d.UnknownService, "service_id", "unknown_service",
                                            "No service s1 that you take part in."), id="client-no-such-service"),
    pytest.param(WORKER, "w3", SERVICE, "c1", (d.UnknownService, "service_id", "unknown_service",
                                               "No service s1 that you provide."), id="worker-not-providing-it"),
    pytest.param(ADMIN, "admin-1", None, "c1", (d.UnknownService, "service_id", "unknown_service",
                                                "No service s1 that you provide."), id="admin-no-such-service"),
    pytest.param(WORKER, "w1", SERVICE, "c3", (d.UnknownClient, "client_id", "unknown_client",
                                               "c3 is not a client of Counselling."), id="not-a-client-of-it"),
    pytest.param(WORKER, "w1", SERVICE, "w2", (d.UnknownClient, "client_id", "unknown_client",
                                               "w2 is not a client of Counselling."), id="a-provider-as-client"),
])
def test_a_new_discussion_names_a_service_the_person_takes_part_in_and_a_client_of_it(role, person, service, client,
                                                                                       refusal):
    error, field, code, message = refusal
    with pytest.raises(error) as raised:
        d.discussion_client(role, person, "s1", service, client)
    assert (raised.value.status, raised.value.field, raised.value.code, raised.value.message) == (
        400, field, code, message)


# -- when someone may write --------------------------------------------------------------------------------------

CLIENT_OFF = ("discussions_disabled", "Discussions are turned off for this agency: you can read your discussions but "
                                      "not start one or write in one.")
STAFF_OFF = ("discussions_disabled", "Discussions are turned off for this agency: nobody can start one; staff can "
                                     "still reply in existing ones.")
CLOSED_SAYS = ("service_closed", "The service Counselling is closed; its discussions can be read but not added to.")
LIMIT_SAYS = ("message_limit_reached", "You have sent 3 messages about Counselling without a reply. Please wait for "
                                       "your provider to reply before you send another.")


@pytest.mark.parametrize(("settings", "service", "role", "starting", "unanswered", "answer"), [
    pytest.param(ON, SERVICE, CLIENT, True, 0, None, id="client-starts"),
    pytest.param(ON, SERVICE, WORKER, True, None, None, id="worker-starts"),
    pytest.param(OFF, SERVICE, CLIENT, True, 0, CLIENT_OFF, id="off-client-starts"),
    pytest.param(OFF, SERVICE, CLIENT, False, 0, CLIENT_OFF, id="off-client-posts"),
    pytest.param(OFF, SERVICE, WORKER, True, None, STAFF_OFF, id="off-worker-starts"),
    pytest.param(OFF, SERVICE, ADMIN, True, None, STAFF_OFF, id="off-admin-starts"),
    pytest.param(OFF, SERVICE, WORKER, False, None, None, id="off-worker-replies"),
    pytest.param(OFF, SERVICE, ADMIN, False, None, None, id="off-admin-replies"),
    pytest.param(ON, CLOSED, CLIENT, False, 0, CLOSED_SAYS, id="closed-client-posts"),
    pytest.param(ON, CLOSED, WORKER, False, None, CLOSED_SAYS, id="closed-worker-replies"),
    pytest.param(ON, CLOSED, ADMIN, True, None, CLOSED_SAYS, id="closed-admin-starts"),
    pytest.param(OFF, CLOSED, CLIENT, False, 0, CLIENT_OFF, id="off-and-closed-client-hears-off"),
    pytest.param(OFF, CLOSED, WORKER, False, None, CLOSED_SAYS, id="off-and-closed-worker-hears-closed"),
    pytest.param(ON, SERVICE, CLIENT, False, 2, None, id="client-third-message"),
    pytest.param(ON, SERVICE, CLIENT, False, 3, LIMIT_SAYS, id="client-fourth-message"),
    pytest.param(ON, SERVICE, CLIENT, True, 3, LIMIT_SAYS, id="client-starts-after-three"),
    pytest.param(ON, SERVICE, CLIENT, False, None, None, id="client-count-unknown"),
    pytest.param(ON, CLOSED, CLIENT, False, 3, CLOSED_SAYS, id="closed-before-the-limit"),
    pytest.param(ON, SERVICE, WORKER, False, 3, None, id="staff-have-no-limit"),
])
def test_who_may_write_now_and_why_not(settings, service, role, starting, unanswered, answer):
    refusal = d.refusal(settings, service, role, starting=starting, unanswered=unanswered)
    assert (None if refusal is None else (refusal.code, refusal.message)) == answer


@pytest.mark.parametrize(("settings", "service", "role", "starting", "error", "status"), [
    pytest.param(OFF, SERVICE, CLIENT, False, d.DiscussionsDisabled, 403, id="off"),
    pytest.param(ON, CLOSED, WORKER, False, d.ServiceClosed, 409, id="closed"),
])
def test_a_write_that_may_not_be_made_raises_its_refusal(settings, service, role, starting, error, status):
    with pytest.raises(error) as raised:
        d.check_may_write(settings, service, role, starting)
    assert raised.value.status == status
    assert d.check_may_write(ON, SERVICE, role, starting) is None


@given(st.integers(0, 10))
def test_a_client_may_write_exactly_while_fewer_than_three_messages_are_unanswered(unanswered):
    refusal = d.refusal(ON, SERVICE, CLIENT, unanswered=unanswered)
    assert (refusal is None) is (unanswered < d.UNANSWERED_LIMIT)
    if refusal is not None:
        assert isinstance(refusal, d.MessageLimitReached) and refusal.status == 409


# -- who follows a message ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("author", "client", "followers"), [
    pytest.param("c1", "c1", ["c1", "w1", "w2"], id="the-client-writes"),
    pytest.param("admin-1", "c1", ["admin-1", "c1", "w1", "w2"], id="an-admin-writes"),
])
def test_a_message_goes_to_its_author_its_client_and_every_provider_once(author, client, followers):
    assert d.followers(author, client, SERVICE) == followers


@given(st.sets(st.sampled_from([f"w{i}" for i in range(25)]), max_size=25),
       st.sets(st.sampled_from([f"c{i}" for i in range(5)]), max_size=5),
       st.sampled_from(["c0", "w0", "admin-1"]), st.sampled_from(["c0", "c1"]))
def test_followers_start_with_the_author_name_nobody_twice_and_fit_one_transaction(providers, clients, author, client):
    service = d.ServiceFile("s1", "S", "open", frozenset(providers), frozenset(clients), 1)
    followers = d.followers(author, client, service)
    assert followers[0] == author and len(followers) == len(set(followers)) <= d.MAX_RECIPIENTS
    assert set(followers) <= {author, client, *providers}
    if client != author:  # the client comes right after the author while they take part in the service
        assert (followers[1:2] == [client]) is (client in clients)


# -- what an inbox line and an email of a message say ------------------------------------------------------------


@pytest.mark.parametrize(("body", "line"), [
    pytest.param("Hello\n\n  there", "Hello there", id="whitespace-to-one-space"),
    pytest.param("\tIndented\r\nlines ", "Indented lines", id="ends-trimmed"),
    pytest.param("x" * 140, "x" * 140, id="140-kept-whole"),
    pytest.param("x" * 141, "x" * 139 + "…", id="141-cut-to-140"),
    pytest.param("word " * 27 + "longerword", "word " * 27 + "long…", id="cut-inside-a-word"),
    pytest.param("x" * 138 + " yz", "x" * 138 + "…", id="no-space-before-the-ellipsis"),
])
def test_an_inbox_line_is_the_message_on_one_line_of_at_most_140_characters(body, line):
    assert d.preview(body) == line
    assert len(d.preview(body)) <= d.PREVIEW_CHARS


def test_a_message_email_names_its_author_and_the_discussions_subject():
    text = d.message_text("Casey", "About Tuesday", "Could we meet earlier?")
    assert (text.subject, text.body) == ("New message from Casey",
                                         "Casey wrote in “About Tuesday”:\n\nCould we meet earlier?")
    assert text.email_body(d.SUBJECT_ONLY) == d.SUBJECT_ONLY_BODY
    assert d.limit_message(SERVICE) == LIMIT_SAYS[1]
