"""AWS calls per API operation, counted on in-process moto: `python -m bench.calls` prints JSON rows.

Run in its own interpreter because it sets up a fake AWS environment (as the test suite does).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "kit"), str(ROOT)]
os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1",  # noqa: S106
                  AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled", STAGE="test")
for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "TABLE_NAME", "BUS_NAME"):
    os.environ.pop(name, None)

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

import portalkit.testing.calls  # noqa: E402, F401  - the hook precedes every client
from portalkit.testing.calls import AwsCalls  # noqa: E402
from portalkit.testing.tokens import TokenIssuer  # noqa: E402
from tests.support import System  # noqa: E402

NOW = int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp())


def counted(calls: AwsCalls, label: str, action) -> dict:
    calls.reset()
    reply = action()
    status = getattr(reply, "status", None)
    return {"operation": label, "status": status, "dynamodb": calls.count("dynamodb"),
            "by_operation": dict(calls.by_operation("dynamodb")), "other": calls.count() - calls.count("dynamodb")}


def main() -> None:
    session = boto3.session.Session()
    client = functools.cache(lambda name: session.client(name, region_name="us-east-1"))  # one client per service

    rows = []
    with mock_aws(), AwsCalls() as calls:
        system = System.provision(client, TokenIssuer(), "us-east-1")
        from portalkit import clock

        clock.set_now(NOW)
        api = system.api
        admin = system.token("admin", "a", "admin-1")
        worker = system.token("worker", "a", "w1")
        base = "/availability"
        run = lambda label, action: rows.append(counted(calls, label, action))  # noqa: E731

        run("POST /requests/people", lambda: api.post("/requests/people", token=admin, json={
            "person_id": "c1", "name": "Casey", "email": "c1@a.test", "role": "client"}))
        run("GET /requests/people (a page)", lambda: api.get("/requests/people", token=admin))
        type_id = api.post(f"{base}/types", token=admin, json={"name": "Clients", "color": "#00AA00"}).json["type_id"]
        run("POST /availability/types", lambda: api.post(f"{base}/types", token=admin,
                                                         json={"name": "Admin", "color": "#AA0000"}))
        site_id = api.post(f"{base}/sites", token=admin, json={"name": "Main", "timezone": "America/New_York"}
                           ).json["site_id"]
        run("PUT /availability/settings", lambda: api.put(f"{base}/settings", token=admin, json={
            "timezone": "America/New_York", "client_facing_type_id": type_id, "version": 0}))
        run("GET /availability/settings", lambda: api.get(f"{base}/settings", token=worker))
        calendar = api.post(f"{base}/workers/w1/calendars", token=worker,
                            json={"name": "Main", "start_date": "2026-11-23"}).json["calendar_id"]
        run("POST .../calendars", lambda: api.post(f"{base}/workers/w1/calendars", token=worker,
                                                   json={"name": "Next", "start_date": "2027-01-01"}))
        for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
            api.post(f"{base}/workers/w1/calendars/{calendar}/blocks", token=worker,
                     json={"day": day, "from": "09:00", "to": "12:00", "type_id": type_id, "site_id": site_id})
        run("POST .../blocks", lambda: api.post(f"{base}/workers/w1/calendars/{calendar}/blocks", token=worker, json={
            "day": "saturday", "from": "09:00", "to": "12:00", "type_id": type_id, "site_id": site_id}))
        run("POST .../time-off", lambda: api.post(f"{base}/workers/w1/time-off", token=worker, json={
            "start": "2026-12-24T00:00:00Z", "end": "2026-12-27T00:00:00Z"}))
        run("GET .../slots?date= (one day)", lambda: api.get(f"{base}/workers/w1/slots?date=2026-12-03", token=worker))
        run("GET .../slots?from=&to= (two weeks)",
            lambda: api.get(f"{base}/workers/w1/slots?from=2026-12-01&to=2026-12-14", token=worker))
        run("GET .../days?month= (a month)", lambda: api.get(f"{base}/workers/w1/days?month=2026-12", token=worker))
        run("GET .../days?from=&to= (92 dates)",
            lambda: api.get(f"{base}/workers/w1/days?from=2026-11-23&to=2027-02-22", token=worker))

        client = system.token("client", "a", "c1")
        system.pump().drain()  # billing learns of c1 (requests.person.registered) before it invoices them
        run("PUT /billing/settings", lambda: api.put("/billing/settings", token=admin, json={
            "payments_enabled": True, "version": 0}))
        run("PUT /billing/services/{id}/fees", lambda: api.put("/billing/services/s1/fees", token=worker,
                                                               json={"event_fee": 8000}))
        lines = [{"description": "Session", "amount": 8000}, {"description": "Materials", "amount": 1500}]
        run("POST /billing/invoices (2 lines)", lambda: api.post("/billing/invoices", token=worker,
                                                                 json={"client_id": "c1", "lines": lines}))
        invoice = api.post("/billing/invoices", token=worker, json={"client_id": "c1", "lines": lines}).json
        run("POST /billing/invoices/{id}/payments (cash)", lambda: api.post(
            f"/billing/invoices/{invoice['invoice_id']}/payments", token=worker,
            json={"amount": 1500, "method": "cash"}))
        run("POST /billing/me/invoices/{id}/payments (sandbox card)", lambda: api.post(
            f"/billing/me/invoices/{invoice['invoice_id']}/payments", token=client, headers={"Idempotency-Key": "b1"},
            json={"amount": 1000, "payment_token": "tok_visa"}))
        run("  the same, retried with its key", lambda: api.post(
            f"/billing/me/invoices/{invoice['invoice_id']}/payments", token=client, headers={"Idempotency-Key": "b1"},
            json={"amount": 1000, "payment_token": "tok_visa"}))
        run("POST /billing/clients/{id}/credits", lambda: api.post("/billing/clients/c1/credits", token=worker,
                                                                   json={"amount": 500, "reason": "Goodwill"}))
        run("GET /billing/me/account", lambda: api.get("/billing/me/account", token=client))
        run("GET /billing/me/invoices (a page)", lambda: api.get("/billing/me/invoices", token=client))
        run("GET /billing/me/invoices/{id}", lambda: api.get(f"/billing/me/invoices/{invoice['invoice_id']}",
                                                            token=client))
        run("GET /billing/me/transactions (a page)", lambda: api.get("/billing/me/transactions", token=client))
        run("GET /billing/me/history (a page)", lambda: api.get("/billing/me/history", token=client))
        billing_sweep_rows(api, run, invoice["invoice_id"], client)
        messaging_rows(system, run)
        reminder_rows(system, run)
        rows += requests_rows(api, system, calls)
    print(json.dumps(rows))


def billing_sweep_rows(api, run, invoice_id: str, client: str) -> None:
    """Billing's scheduled sweep of pending payments: a run with nothing due, then one giving up a payment."""
    from infra.local.scheduler import scheduled_event
    from infra.local.system import load_app
    from portalkit import clock

    app = load_app("billing")
    clock.set_now(NOW)
    api.post(f"/billing/me/invoices/{invoice_id}/payments", token=client, headers={"Idempotency-Key": "b2"},
             json={"amount": 500, "payment_token": "tok_async"})  # waits for a webhook that never comes
    run("sweep_payments (nothing due)", lambda: app.sweep_payments(scheduled_event(NOW), None))
    clock.set_now(NOW + 3600)
    run("sweep_payments (one payment expired)", lambda: app.sweep_payments(scheduled_event(NOW + 3600), None))
    clock.set_now(NOW)


def messaging_rows(system, run) -> None:
    """Discussions and inboxes: a service with two providers and a client, fed to messaging as requests would."""
    from infra.local.system import load_app
    from portalkit.testing.messages import new_queue_message

    consumer = load_app("messaging").consumers.consumer

    def feed(event_type, subject_id, data):
        consumer.handle_message(new_queue_message(event_type, agency_id="a", subject_id=subject_id, subject_version=1,
                                            data=data))

    for person_id, role in (("c1", "client"), ("w1", "worker"), ("w2", "worker")):
        feed("requests.person.registered", person_id, {"person_id": person_id, "name": person_id, "role": role,
                                                       "email": f"{person_id}@a.test", "email_consent": True})
    feed("requests.service.opened", "s1", {"service_id": "s1", "name": "Counselling", "status": "open",
                                           "provider_ids": ["w1", "w2"], "participant_ids": ["c1"],
                                           "open_date": "2026-01-05"})
    api, base = system.api, "/messaging"
    client, worker = system.token("client", "a", "c1"), system.token("worker", "a", "w1")
    started = {}

    def start():
        reply = api.post(f"{base}/me/discussions", token=client, json={"service_id": "s1", "subject": "Hello",
                                                                       "message": "First message"})
        started.update(reply.json)
        return reply

    run("POST /messaging/me/discussions", start)
    discussion = f"{base}/me/discussions/{started['discussion_id']}"
    run("POST /messaging/me/discussions/{id}/messages",
        lambda: api.post(f"{discussion}/messages", token=client, json={"message": "Second"}))
    run("POST /messaging/discussions/{id}/messages (provider reply)",
        lambda: api.post(f"{base}/discussions/{started['discussion_id']}/messages", token=worker,
                         json={"message": "Reply"}))
    run("GET /messaging/me/discussions/{id}", lambda: api.get(discussion, token=client))
    run("GET /messaging/inbox (a page)", lambda: api.get(f"{base}/inbox", token=worker))
    run("GET /messaging/inbox?unread=true&service_id=", lambda: api.get(f"{base}/inbox?unread=true&service_id=s1",
                                                                        token=worker))
    run("POST /messaging/inbox/{item_id}/read", lambda: api.post(f"{base}/inbox/{started['discussion_id']}/read",
                                                                 token=system.token("worker", "a", "w2")))


REMINDED_EVENTS = 20  # events starting in the same minute, each with a client and a worker who take reminder emails


def reminder_rows(system, run) -> None:
    """Messaging's every-minute sweep of due reminders: a minute with none due, then a minute in which 20 events'
    reminders come due (40 emails), and the relay sending those emails."""
    from infra.local.scheduler import scheduled_event
    from infra.local.system import load_app
    from portalkit import clock
    from portalkit.testing.messages import new_queue_message

    app = load_app("messaging")
    start = NOW + 10 * 86400

    def feed(event_type, subject_id, data):
        app.consumers.consumer.handle_message(new_queue_message(event_type, agency_id="r", subject_id=subject_id,
                                                          subject_version=1, data=data))

    for person_id, role in (("c1", "client"), ("w1", "worker")):
        feed("requests.person.registered", person_id, {"person_id": person_id, "name": person_id, "role": role,
                                                       "email": f"{person_id}@r.test", "email_consent": True})
    clock.set_now(NOW)
    for i in range(REMINDED_EVENTS):
        feed("requests.event.scheduled", f"e{i}", {
            "event_id": f"e{i}", "service_id": "s1", "worker_id": "w1", "client_ids": ["c1"], "start": _iso(start),
            "end": _iso(start + 3600), "status": "scheduled"})
    due = start - 48 * 3600
    clock.set_now(due - 60)
    run("send_reminders (a minute with none due)", lambda: app.send_reminders(scheduled_event(due - 60), None))
    clock.set_now(due)
    run(f"send_reminders ({REMINDED_EVENTS} events' reminders due, {2 * REMINDED_EVENTS} emails)",
        lambda: app.send_reminders(scheduled_event(due), None))
    records = _reminder_email_records(system)
    run(f"  the relay sending those {len(records)} emails", lambda: app.relay({"Records": records}, None))
    clock.set_now(NOW)


def _reminder_email_records(system) -> list[dict]:
    """The stream records of the reminder emails the sweep wrote, as the relay's event source hands them over."""
    stream, table = system.clients("dynamodbstreams"), system.clients("dynamodb")
    arn = table.describe_table(TableName="portal-test-messaging")["Table"]["LatestStreamArn"]
    found = []
    for shard in stream.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = stream.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                             ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        while iterator:
            page = stream.get_records(ShardIterator=iterator, Limit=1000)
            found += [r for r in page["Records"] if r["eventName"] == "INSERT"
                      and r["dynamodb"]["NewImage"].get("kind", {}).get("S") == "event_reminder"]
            iterator = page.get("NextShardIterator") if page["Records"] else None
    return found


def requests_rows(api, system, calls) -> list[dict]:
    """The requests service: a client in four services with a dozen events; My Services stays two calls."""
    from portalkit import clock

    clock.set_now(NOW)
    rows = []
    run = lambda label, action: rows.append(counted(calls, label, action))  # noqa: E731
    admin, worker = system.token("admin", "a", "admin-1"), system.token("worker", "a", "w1")
    client = system.token("client", "a", "c1")
    for person_id, role in (("w1", "worker"), ("c2", "client")):
        api.post("/requests/people", token=admin, json={"person_id": person_id, "name": person_id,
                                                        "email": f"{person_id}@a.test", "role": role})
    opened = lambda name: api.post("/requests/services", token=worker, json={  # noqa: E731
        "name": name, "open_date": "2026-11-02", "provider_ids": ["w1"], "participant_ids": ["c1", "c2"]})
    run("POST /requests/services", lambda: opened("Counselling"))
    services = [opened(f"Group {i}").json["service_id"] for i in range(3)]
    for i, service_id in enumerate(services * 4):
        start = NOW + 86400 * (2 + i)
        api.post("/requests/events", token=worker, json={
            "service_id": service_id, "start": _iso(start), "end": _iso(start + 3600)})
    run("POST /requests/events", lambda: api.post("/requests/events", token=worker, json={
        "service_id": services[0], "start": _iso(NOW + 86400), "end": _iso(NOW + 90000)}))
    run("GET /requests/me/services (4 services, 13 events)", lambda: api.get("/requests/me/services", token=client))
    run("GET /requests/me/events (a month)",
        lambda: api.get("/requests/me/events?from=2026-11-23&to=2026-12-22", token=client))
    request = {"service_id": services[0], "worker_id": "w1", "start": _iso(NOW + 3 * 86400 + 1800)}
    run("POST /requests/me/event-requests", lambda: api.post("/requests/me/event-requests", token=client,
                                                             json=request))
    run("POST /requests/me/event-requests (Idempotency-Key)", lambda: api.post(
        "/requests/me/event-requests", token=client, headers={"Idempotency-Key": "k1"},
        json={**request, "start": _iso(NOW + 4 * 86400 + 1800)}))
    run("GET /requests/event-requests (worker's awaiting)", lambda: api.get("/requests/event-requests", token=worker))
    rows += feed_rows(api, system, calls, services[0])
    clock.set_now(None)
    return rows


def feed_rows(api, system, calls, service_id: str) -> list[dict]:
    """Calendar feeds: 200 events of a worker with the client, served to each (no token: the secret is the key)."""
    rows = []
    run = lambda label, action: rows.append(counted(calls, label, action))  # noqa: E731
    admin, worker = system.token("admin", "a", "admin-1"), system.token("worker", "a", "w1")
    client = system.token("client", "a", "c1")
    made = api.get("/requests/me/events?from=2026-11-23&to=2027-01-22", token=client).json["events"]
    for i in range(200 - len(made)):  # four a day for 50 days, inside the default 60-day horizon
        start = NOW + 86400 * (2 + i // 4) + 3600 * (i % 4) + 1800
        api.post("/requests/events", token=worker, json={
            "service_id": service_id, "client_ids": ["c1"], "start": _iso(start), "end": _iso(start + 1800)})
    run("POST /requests/me/calendar-feed (a new link)", lambda: api.post("/requests/me/calendar-feed", token=client))
    client_feed = api.post("/requests/me/calendar-feed", token=client).json["path"]
    worker_feed = api.post("/requests/me/calendar-feed", token=worker).json["path"]
    run("GET /requests/feeds/{secret}.ics (a client's, 200 events; the hour's first fetch)",
        lambda: api.get(client_feed))
    run("GET /requests/feeds/{secret}.ics (a client's, 200 events)", lambda: api.get(client_feed))
    api.get(worker_feed)
    run("GET /requests/feeds/{secret}.ics (a worker's, 200 events)", lambda: api.get(worker_feed))
    version = api.get("/requests/settings", token=admin).json["version"]
    api.put("/requests/settings", token=admin, json={"feed_client_names": True, "version": version})
    run("GET /requests/feeds/{secret}.ics (a worker's naming clients)", lambda: api.get(worker_feed))
    run("GET /requests/feeds/{secret}.ics (an unknown secret)", lambda: api.get("/requests/feeds/" + "A" * 43 + ".ics"))
    for feed in (client_feed, worker_feed):
        assert api.get(feed).body.count(b"BEGIN:VEVENT") == 200, feed  # the figure is for 200 events
    return rows


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


if __name__ == "__main__":
    main()
