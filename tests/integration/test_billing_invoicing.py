"""Invoicing from requests' events via outbox, bus and queue, delivered once or twice shuffled: each client of an
event is invoiced once for the fee its outcome calls for, numbered without gaps."""

from __future__ import annotations

import pytest

from tests.billing_support import AGENCY, Billing, books
from tests.support import EventFlow

DELIVERIES = {
    "once": {},
    "twice-shuffled-1": {"duplicate": True, "shuffle": True, "seed": 1},
    "twice-shuffled-2": {"duplicate": True, "shuffle": True, "seed": 2},
    "twice-shuffled-3": {"duplicate": True, "shuffle": True, "seed": 3},
}
START, END = "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"


def service(verb, version, participants, name="Counselling"):
    data = {"service_id": "s1", "name": name, "status": "open", "provider_ids": ["w1"],
            "participant_ids": list(participants), "open_date": "2026-01-05"}
    return f"requests.service.{verb}", "s1", data, version


def outcome(verb, event_id, clients, version=2, late=None, **more):
    data = {"event_id": event_id, "service_id": "s1", "worker_id": "w1", "client_ids": list(clients),
            "start": START, "end": END, "local_start": "2026-11-25T10:00:00-05:00", "status": verb}
    if verb == "cancelled":
        data |= {"late": bool(late), "cancelled_by": "client"}
    if verb == "attendee_left":
        data |= {"status": "scheduled", "late": bool(late)}
    return f"requests.event.{verb}", event_id, data | more, version


def person(person_id, role="client", version=1):
    verb = "registered" if version == 1 else "updated"
    return f"requests.person.{verb}", person_id, {"person_id": person_id, "name": f"Name {person_id}",
                                                  "email": f"{person_id}@a.test", "role": role,
                                                  "email_consent": True}, version


class Flow(EventFlow):
    def __init__(self, system, delivery: dict):
        self.bill = Billing(system)
        super().__init__(system, producers=("requests",), consumers=("billing",), **delivery)

    def send(self, *events) -> list:
        """Publish requests' events, each in its own transaction, deliver everything; billing's events out."""
        for event_type, subject_id, data, version in events:
            self.publish("requests", event_type, subject_id, data, version, agency_id=AGENCY)
        return sorted((e.event_type, e.data.get("client_id"), e.data.get("total")) for e in self.deliver()
                      if e.event_type.startswith("billing."))

    def invoices(self, client_id: str) -> list[tuple]:
        found = self.bill.api.get("/billing/me/invoices", token=self.bill.client(client_id)).json["invoices"]
        return sorted((i["number"], i["event_id"], i["total"], i["status"]) for i in found)

    def lines(self, client_id: str, invoice_number: str) -> list[str]:
        found = self.bill.api.get("/billing/me/invoices", token=self.bill.client(client_id)).json["invoices"]
        invoice = next(i for i in found if i["number"] == invoice_number)
        got = self.bill.api.get(f"/billing/me/invoices/{invoice['invoice_id']}", token=self.bill.client(client_id))
        return [line["description"] for line in got.json["lines"]]


@pytest.fixture(params=list(DELIVERIES))
def flow(request, system) -> Flow:
    flow = Flow(system, DELIVERIES[request.param])
    flow.bill.api.put("/billing/services/s1/fees", token=flow.bill.worker,
                      json={"event_fee": 8000, "late_cancel_fee": 2500})
    return flow


def test_each_client_of_an_attended_event_is_invoiced_once(flow):
    flow.send(service("opened", 1, ["c1"]), service("participant_added", 2, ["c1", "c2"]))
    events = flow.send(outcome("attended", "e1", ["c1", "c2"]))
    assert events == [("billing.invoice.issued", "c1", 8000), ("billing.invoice.issued", "c2", 8000)]
    assert flow.send(outcome("attended", "e1", ["c1", "c2"])) == []  # re-sent (a new event id): nothing new
    numbers = {n for client in ("c1", "c2") for n, *_ in flow.invoices(client)}
    assert numbers == {"INV-000001", "INV-000002"}
    assert flow.invoices("c1")[0][1:] == ("e1", 8000, "open")
    number = flow.invoices("c1")[0][0]
    assert flow.lines("c1", number) == ["Session: Counselling, 2026-11-25"]

    events = flow.send(outcome("no_show", "e2", ["c1"]), outcome("cancelled", "e3", ["c1"], late=False),
                       outcome("cancelled", "e4", ["c2"], late=True))
    assert events == [("billing.invoice.issued", "c2", 2500)]  # no no-show fee is set; e3 was not late
    assert [i[1:] for i in flow.invoices("c2")] == [("e1", 8000, "open"), ("e4", 2500, "open")]
    assert {n for client in ("c1", "c2") for n, *_ in flow.invoices(client)} == {
        "INV-000001", "INV-000002", "INV-000003"}
    books(AGENCY, "c1"), books(AGENCY, "c2")


def test_a_corrected_outcome_replaces_the_unpaid_invoice_whatever_the_order(flow):
    """The worker marked a no-show, then corrected it to attended: the newest version's fee is what is owed."""
    flow.bill.api.put("/billing/services/s1/fees", token=flow.bill.worker,
                      json={"event_fee": 8000, "no_show_fee": 4000})
    flow.send(outcome("attended", "e1", ["c1"], version=3), outcome("no_show", "e1", ["c1"], version=2))
    owed = [i[1:] for i in flow.invoices("c1") if i[3] != "void"]
    assert owed == [("e1", 8000, "open")]
    assert flow.send(outcome("no_show", "e1", ["c1"], version=2)) == []  # stale
    account = flow.bill.api.get("/billing/me/account", token=flow.bill.client("c1")).json
    assert (account["balance"], account["invoiced"]) == (8000, 8000)
    books(AGENCY, "c1")


def test_an_outcome_corrected_while_the_client_pays_by_card_leaves_the_invoice_for_staff(flow):
    """The invoice a pending card payment holds cannot be voided, and the payment may yet succeed: it stands, as a
    paid one does, nothing new is invoiced, and the message is handled (not retried into the DLQ)."""
    flow.bill.settings()  # clients pay online
    flow.bill.api.put("/billing/services/s1/fees", token=flow.bill.worker,
                      json={"event_fee": 8000, "no_show_fee": 4000})
    flow.send(outcome("no_show", "e1", ["c1"], version=2))
    client = flow.bill.client("c1")
    (invoice,) = flow.bill.api.get("/billing/me/invoices", token=client).json["invoices"]
    paying = flow.bill.pay(client, invoice["invoice_id"], 4000, payment_token="tok_async", key="async-1").json
    assert paying["status"] == "pending"
    assert flow.send(outcome("attended", "e1", ["c1"], version=3)) == []
    assert owed(flow, "c1") == [("e1", 4000)]
    books(AGENCY, "c1")


def owed(flow, client_id: str) -> list[tuple]:
    """(event, total) of the client's invoices still owed."""
    return [(event_id, total) for _, event_id, total, status in flow.invoices(client_id) if status != "void"]


def test_an_outcome_is_invoiced_before_billing_hears_of_the_client_and_staff_bill_them_once_it_does(flow):
    """Requests puts only its roster's clients on events, so an outcome never waits for the person's event."""
    staff, line = flow.bill.worker, [{"description": "Workbook", "amount": 1200}]

    def bill(client_id: str) -> int:
        return flow.bill.api.post("/billing/invoices", token=staff, json={"client_id": client_id, "lines": line}
                                  ).status

    flow.send(outcome("attended", "e1", ["c7"]))
    assert owed(flow, "c7") == [("e1", 8000)]
    assert flow.bill.api.get("/billing/clients/c7/account", token=staff).json["balance"] == 8000  # in sight
    assert bill("c7") == 400  # staff bill the clients billing has heard of
    flow.send(person("c7"))
    assert bill("c7") == 201
    flow.send(outcome("attended", "e2", ["c8"]), person("c8"))  # both at once, in any order: the same outcome
    assert owed(flow, "c8") == [("e2", 8000)]
    flow.send(person("c8", role="worker", version=2))  # the roster's newest word decides
    assert bill("c8") == 400
    assert flow.bill.api.get("/billing/clients/c8/invoices", token=staff).json["invoices"][0]["event_id"] == "e2"
    assert flow.bill.api.get("/billing/clients/c9/account", token=staff).status == 404  # nobody billing knows


def test_a_late_cancellation_is_charged_to_the_client_who_cancelled_never_for_the_workers(flow):
    """Who owes a late cancellation's fee in every case (the worker's, waived, events from before late_fee):
    tests/domain/test_billing_charges.py; here, each kind of payer through the bus."""
    late = {"late": True}
    flow.send(
        # the client who requested it cancelled it late for everyone: only they owe the fee
        outcome("cancelled", "e2", ["c1", "c2"], **late, cancelled_by="client", cancelled_by_id="c2",
                requested_by="c2", late_fee=True),
        # staff chose to charge it: every client owes it
        outcome("cancelled", "e3", ["c1", "c2"], **late, cancelled_by="admin", cancelled_by_id="a1", late_fee=True),
        # an event from before late_fee: late and cancelled by a client (who, it cannot say)
        outcome("cancelled", "e5", ["c1"], **late),
        # the worker cancelled inside the window: nobody owes anything
        outcome("cancelled", "e1", ["c1", "c2"], **late, cancelled_by="worker", cancelled_by_id="w1", late_fee=False),
    )
    assert sorted(owed(flow, "c1")) == [("e3", 2500), ("e5", 2500)]
    assert sorted(owed(flow, "c2")) == [("e2", 2500), ("e3", 2500)]
    books(AGENCY, "c1"), books(AGENCY, "c2")


def test_an_attendee_who_leaves_late_owes_the_fee_alone_and_the_others_keep_the_event(flow):
    events = flow.send(outcome("attendee_left", "e1", ["c1"], version=3, late=True, late_fee=True, client_id="c2"),
                       outcome("attendee_left", "e2", ["c1"], version=3, late=True, late_fee=False, client_id="c2"),
                       outcome("attended", "e1", ["c1"], version=5))
    assert events == [("billing.invoice.issued", "c1", 8000), ("billing.invoice.issued", "c2", 2500)]
    assert owed(flow, "c1") == [("e1", 8000)]
    assert owed(flow, "c2") == [("e1", 2500)]
    # staff cancel what is left of e2 later, with no fee: the one who left is neither charged again nor let off
    assert flow.send(outcome("cancelled", "e2", ["c1"], version=4, late=True, cancelled_by="admin",
                             cancelled_by_id="a1", late_fee=False)) == []
    assert flow.send(outcome("attendee_left", "e1", ["c1"], version=3, late=True, late_fee=True,
                             client_id="c2")) == []  # the same leave again (a new event id): charged once
    assert owed(flow, "c2") == [("e1", 2500)]
    books(AGENCY, "c1"), books(AGENCY, "c2")
