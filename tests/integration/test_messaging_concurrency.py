"""Ten simultaneous sends from a client with no unanswered messages store exactly three, against the local stack's
AWS endpoint (moto served one request at a time, so a transaction is atomic as in DynamoDB)."""

# The contest runs in a subprocess (python -m tests.integration.test_messaging_concurrency), so its environment and
# cached AWS clients are its own: it starts the serialized moto server the local stack uses, provisions the
# declaration, feeds messaging the people and the service, and has ten threads send at once through the same
# handler the API route calls. It prints what it found as JSON.

from __future__ import annotations

import json
import sys
from collections import Counter

from tests import contest

AGENCY = "agency-a"
THREADS = 10


def test_ten_simultaneous_messages_store_exactly_three():
    result = contest_in_subprocess()["one_discussion"]
    assert result["errors"] == []
    assert result["outcomes"] == {"posted": 3, "message_limit_reached": THREADS - 3}
    assert result["client_messages"] == 3
    assert result["unanswered"] == 3
    assert result["worker_unread"] == 3  # every stored message reached the provider's inbox once


def test_ten_simultaneous_sends_across_discussions_of_one_service_store_exactly_three():
    result = contest_in_subprocess()["new_and_existing"]
    assert result["errors"] == []
    assert result["outcomes"] == {"posted": 3, "message_limit_reached": THREADS - 3}
    assert result["client_messages"] == 3
    assert result["unanswered"] == 3


def contest_in_subprocess() -> dict:
    """The contest, run once per test session (both tests read the same run)."""
    return contest.result_of("tests.integration.test_messaging_concurrency", timeout=120)


# -- the subprocess -------------------------------------------------------------------------------------------


def feed(consumer, event_type: str, subject_id: str, data: dict) -> None:
    from portalkit.testing.messages import new_queue_message

    consumer.handle_message(new_queue_message(event_type, agency_id=AGENCY, subject_id=subject_id, subject_version=1,
                                        data=data))


def race(sends: list) -> tuple[Counter, list[str]]:
    """Run every send from its own thread, all released at once."""
    from portalkit.errors import PortalError

    def outcome(send) -> str:
        try:
            status, _ = send()
            return "posted" if status == 201 else str(status)
        except PortalError as error:
            return error.code

    results = contest.race([lambda send=send: outcome(send) for send in sends])
    return Counter(r for r in results if r and not isinstance(r, Exception)), contest.errors(results)


def client_messages(m, discussion_ids: list[str]) -> set[str]:
    return {item.message_id for d in discussion_ids
            for item in m.models.MessageItem.query(m.models.discussion_pk(AGENCY, d)) if item.author_id == "c1"}


def findings(m, outcomes: Counter, errors: list[str], discussion_ids: list[str], before: set[str]) -> dict:
    """The client's messages stored by the race in the given discussions, their count and the worker's unread."""
    messages = client_messages(m, discussion_ids) - before
    counter = m.models.CounterItem.get(*m.models.unanswered_key(AGENCY, "s1", "c1"), consistent_read=True)
    unread = m.models.CounterItem.get(*m.models.unread_key(AGENCY, "w1"), consistent_read=True)
    return {"outcomes": dict(outcomes), "errors": errors, "client_messages": len(messages),
            "unanswered": int(counter.count), "worker_unread": int(unread.count)}


def main() -> None:
    from types import SimpleNamespace

    from infra.local.system import load_app
    from portalkit.identity import Identity

    with contest.local_stack():
        consumer = load_app("messaging").consumers.consumer
        from chalicelib.messaging import discussions, models

        m = SimpleNamespace(models=models)
        for person_id, role in (("c1", "client"), ("w1", "worker")):
            feed(consumer, "requests.person.registered", person_id, {
                "person_id": person_id, "name": person_id, "email": f"{person_id}@a.test", "role": role,
                "email_consent": True})
        feed(consumer, "requests.service.opened", "s1", {
            "service_id": "s1", "name": "Counselling", "status": "open", "provider_ids": ["w1"],
            "participant_ids": ["c1"], "open_date": "2026-01-05"})
        client = Identity(AGENCY, "c1", "client")
        worker = Identity(AGENCY, "w1", "worker")

        _, started = discussions.start_discussion(worker, "s1", "c1", "Welcome", "Hello", None)
        first = started["discussion_id"]
        sends = [lambda i=i: discussions.post_message(client, first, f"Message {i}", None) for i in range(THREADS)]
        result = {"one_discussion": findings(m, *race(sends), [first], set())}

        discussions.post_message(worker, first, "Thanks, received.", None)
        before = client_messages(m, [first])
        _, other = discussions.start_discussion(worker, "s1", "c1", "Forms", "Please bring the forms", None)
        second = other["discussion_id"]
        mixed = [
            (lambda i=i: discussions.post_message(client, (first, second)[i % 2], f"Again {i}", None)) if i % 3
            else (lambda i=i: discussions.start_discussion(client, "s1", None, f"New {i}", "Hello", None))
            for i in range(THREADS)
        ]
        outcomes, errors = race(mixed)
        started_ids = [r.discussion_id for r in models.DiscussionRefItem.query(
            models.service_pk(AGENCY, "s1"), models.DiscussionRefItem.sk.startswith("DISC#"))]
        result["new_and_existing"] = findings(m, outcomes, errors, started_ids, before)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
    sys.exit(0)
