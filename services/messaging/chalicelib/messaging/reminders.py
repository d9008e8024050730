"""Reminders of upcoming events: planned from requests' event messages, sent once by a sweep every minute.

Messaging keeps each event as requests' messages last said (`EventItem`, newest version wins) and, beside it, one
item per reminder it plans (`ReminderItem`, keyed by the event's start and the lead time), written in the
consumer's transaction with the event: rescheduling drops the old time's reminders still due and plans the new
time's, cancelling drops them, a lead time that had passed when the event was booked is never planned. A reminder
still due carries the due index's keys (gsi1: `REMINDERS#DUE`, its due instant first), so the sweep
(`app.send_reminders`, every minute) finds the minute's due reminders with one Query, never a Scan.

Each due reminder is claimed and sent in one transaction: its status moves from due to sent (off the index) on the
condition that it is still as the Query saw it, the event is checked to be at the version read, and each consenting
participant's email item is put on the condition that it does not exist (its id is derived from the event, start,
lead time and person). So two sweeps, a retried sweep, or a reminder re-planned after a change never send twice;
the stream relay sends the email items (`emails.py`). Whether one is sent at all is decided when it is due
(`domain.reminder_refusal`): the agency's switch, the staff's switch for the event, the event begun or moved.

A change of the agency's lead times plans its upcoming events again: the settings' transaction writes a REPLAN
item (gsi1 `REMINDERS#REPLAN`), and each sweep goes through a page of the agency's upcoming events (gsi1
`AGENCY#<a>#UPCOMING`, by start) until none is left.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

from portalkit import clock, times
from portalkit.envelope import Envelope
from portalkit.errors import NotFound
from portalkit.identity import Identity
from portalkit.store import Transaction, TransactionCancelled, delete_if, failed_conditions, update_if

from . import domain, notifications
from .models import (
    DUE_REMINDERS,
    REPLANS,
    SERVICE,
    EmailItem,
    EventItem,
    ReminderItem,
    ReplanItem,
    agency_from,
    agency_key,
    batch_get,
    contact_from,
    contact_key,
    event_from,
    event_key,
    place_from,
    reminder_key,
    reminders_of,
    service_from,
    service_key,
    settings_from,
    settings_key,
    site_key,
    upcoming_pk,
    zone_from,
    zone_key,
)

log = logging.getLogger("messaging.reminders")

SWEEP_LIMIT = 100  # due reminders per run (one Query page); the next run takes the rest
REPLAN_AGENCIES, REPLAN_PAGE = 5, 25  # agencies, and upcoming events of each, planned again per run
TIME_BUDGET_SECONDS = 30  # nothing new starts after this (the scheduled function's timeout is 50 s)
KEPT_AFTER_START = 180 * 24 * 3600  # an event and its reminders stay this long after it: staff look back at them


# -- events, from requests' messages -------------------------------------------------------------------------------


def on_event_message(message: Envelope, tx: Transaction) -> None:
    """requests.event.*: tell the people concerned (notifications) and keep the event with its reminders planned."""
    notifications.notify(message, tx)
    project(message, tx)


def project(message: Envelope, tx: Transaction) -> None:
    """Keep the newest state of the event and plan its reminders again (an older message changes nothing but, for
    the message that booked or moved it to its current start, when that happened)."""
    agency, event_id = message.agency_id, message.data["event_id"]
    keys = [event_key(agency, event_id), settings_key(agency)]
    found = batch_get(keys)
    item, stored = event_from(found.get(keys[0]))
    occurred = int(notifications.occurred(message).timestamp())
    new = domain.project_event(stored, message.event_type, message.data, message.subject_version, occurred)
    if new is None:
        return
    existing = reminders_of(agency, event_id) if item is not None else []
    changes = domain.replan_reminders(new, settings_from(found.get(keys[1])), _statuses(existing))
    unchanged = EventItem.version.does_not_exist() if stored is None else EventItem.version == stored.version
    tx.update(EventItem(*keys[0]), actions=EventItem.projection_actions(agency, new, _kept_until(new)),
              condition=unchanged)
    _write_replan(tx, agency, new, changes)


def _statuses(items: list[ReminderItem]) -> dict[tuple[str, int], str]:
    return {(r.start, int(r.hours)): r.status for r in items}


def _kept_until(event: domain.EventCopy) -> int:
    return (event.starts or clock.now()) + KEPT_AFTER_START


def _write_replan(tx: Transaction, agency_id: str, event: domain.EventCopy, changes: domain.Replan) -> None:
    """Drop reminders that no longer apply (only while still due: one being sent stays sent) and plan new ones
    (only where none is: one sent or dropped is never planned again)."""
    for start, hours in changes.drop:
        tx.delete(ReminderItem(*reminder_key(agency_id, event.event_id, start, hours)),
                  condition=ReminderItem.status == domain.DUE)
    for hours, due in sorted(changes.add.items()):
        tx.save(ReminderItem.planned(agency_id, event.event_id, event.start, hours, due, _kept_until(event)),
                condition=ReminderItem.pk.does_not_exist())


# -- the sweep -----------------------------------------------------------------------------------------------------


def sweep(now: int, limit: int = SWEEP_LIMIT, budget: float = TIME_BUDGET_SECONDS) -> dict[str, int]:
    """Plan again the upcoming events of agencies whose lead times changed, then send or drop every reminder due by
    `now`; returns counts of what became of them."""
    counts: Counter = Counter()
    stop_at = time.monotonic() + budget
    replan_agencies(now, counts, stop_at)
    for seen in ReminderItem.due.query(DUE_REMINDERS, ReminderItem.gsi1sk < times.iso(now + 1), limit=limit):
        if time.monotonic() > stop_at:
            counts["deferred"] += 1
            break
        try:
            counts[send(seen, now)] += 1
        except Exception:  # one reminder's trouble must not stop the others
            log.exception("the sweep could not send reminder %s %s", seen.pk, seen.sk)
            counts["errors"] += 1
    return dict(counts)


def send(seen: ReminderItem, now: int) -> str:
    """Send one due reminder to each participant who consented, or drop it (saying why), on the condition that it is
    still due as seen: `sent`, `not_sent`, or `skipped` when another sweep or a change of the event came first."""
    agency, event_id = seen.owner()
    keys = [event_key(agency, event_id), settings_key(agency), zone_key(agency), agency_key(agency)]
    found = batch_get(keys)
    _, event = event_from(found.get(keys[0]))
    settings = settings_from(found.get(keys[1]))
    refusal = domain.reminder_refusal(int(seen.hours), seen.start, event, settings, now)
    if refusal is not None:
        return _drop(seen, refusal, now)
    people = [event.worker_id, *event.client_ids] if event.worker_id else list(event.client_ids)
    more = [*(contact_key(agency, p) for p in people)]
    if event.service_id:
        more.append(service_key(agency, event.service_id))
    if event.site_id:
        more.append(site_key(agency, event.site_id))
    found.update(batch_get(more))
    contacts = {p: contact_from(found.get(contact_key(agency, p))) for p in people}
    recipients = domain.reminder_recipients(event, contacts, settings)
    sending = [r for r in recipients if r.refusal is None]
    not_sent = [{"person_id": r.person_id, "role": r.audience, "reason": r.refusal} for r in recipients if r.refusal]
    if not sending:
        return _drop(seen, domain.NOBODY, now, not_sent)
    service = service_from(found.get(service_key(agency, event.service_id))) if event.service_id else None
    names = domain.Names(service=service.name if service else None,
                         people={p: c.name for p, c in contacts.items() if c is not None})
    zone, facts = zone_from(found.get(keys[2])), agency_from(found.get(keys[3]))
    place = place_from(found.get(site_key(agency, event.site_id))) if event.site_id else None
    sent_at = times.iso(now)

    tx = Transaction(SERVICE)
    try:
        with tx:
            tx.update(seen, actions=[
                ReminderItem.status.set(domain.SENT), ReminderItem.sent_at.set(sent_at),
                ReminderItem.sent_to.set([{"person_id": r.person_id, "role": r.audience} for r in sending]),
                ReminderItem.not_sent_to.set(not_sent), ReminderItem.gsi1pk.remove(), ReminderItem.gsi1sk.remove(),
            ], condition=(ReminderItem.gsi1sk == seen.gsi1sk) & (ReminderItem.status == domain.DUE))
            tx.condition_check(EventItem, *keys[0], condition=EventItem.version == event.version)
            for r in sending:
                contact = contacts[r.person_id]
                words = domain.reminder_text(r.audience, event, names, zone, place, facts, now)
                email_id = domain.reminder_email_id(agency, event_id, seen.start, int(seen.hours), r.person_id)
                tx.save(notifications.email_item(email_id, agency, r.person_id, contact.email, words,
                                                 domain.email_detail(settings, contact, domain.EVENT_REMINDER),
                                                 domain.EVENT_REMINDER, sent_at),
                        condition=EmailItem.pk.does_not_exist())
    except TransactionCancelled as error:
        if any(failed_conditions(error)):
            return "skipped"  # sent by another sweep, or the event changed: the next run decides again
        raise
    return domain.SENT


def _drop(seen: ReminderItem, reason: str, now: int, not_sent: list[dict] | None = None) -> str:
    """A due reminder that will not be sent: off the index, with why (staff see it)."""
    dropped = update_if(seen, [ReminderItem.status.set(domain.NOT_SENT), ReminderItem.reason.set(reason),
                               ReminderItem.not_sent_to.set(not_sent or []), ReminderItem.sent_at.set(times.iso(now)),
                               ReminderItem.gsi1pk.remove(), ReminderItem.gsi1sk.remove()],
                        condition=(ReminderItem.gsi1sk == seen.gsi1sk) & (ReminderItem.status == domain.DUE))
    return domain.NOT_SENT if dropped else "skipped"


def replan_agencies(now: int, counts: Counter, stop_at: float) -> None:
    """Plan again a page of upcoming events of each agency whose lead times changed; its REPLAN item goes with the
    last page (or moves on past the page, on the condition that no newer change restarted it)."""
    for job in ReplanItem.by_change.query(REPLANS, limit=REPLAN_AGENCIES):
        if time.monotonic() > stop_at:
            return
        agency = job.pk.removeprefix("AGENCY#")
        settings = settings_from(batch_get([settings_key(agency)]).get(settings_key(agency)))
        after = max(job.after or "", times.iso(now))
        page = EventItem.upcoming.query(upcoming_pk(agency), EventItem.gsi1sk > after, limit=REPLAN_PAGE)
        last = None
        for item in page:
            last = item.gsi1sk
            event = item.to_domain()
            if event is not None:
                counts["replanned"] += _replan_event(agency, event, settings)
        same = ReplanItem.settings_version == int(job.settings_version)
        # Refused when a newer change restarted the job meanwhile: it goes on from the first event.
        if page.last_evaluated_key is None:
            delete_if(job, same)
        else:
            update_if(job, [ReplanItem.after.set(last)], same)


def _replan_event(agency_id: str, event: domain.EventCopy, settings: domain.AgencySettings) -> int:
    """One event's reminders planned with the agency's lead times now (1 when something changed); an event changed
    meanwhile is left to the consumer, which plans it with the same settings."""
    changes = domain.replan_reminders(event, settings, _statuses(reminders_of(agency_id, event.event_id)))
    if not changes.add and not changes.drop:
        return 0
    tx = Transaction(SERVICE)
    try:
        with tx:
            tx.condition_check(EventItem, *event_key(agency_id, event.event_id),
                               condition=EventItem.version == event.version)
            _write_replan(tx, agency_id, event, changes)
    except TransactionCancelled as error:
        if any(failed_conditions(error)):
            return 0
        raise
    return 1


# -- what staff see and do -----------------------------------------------------------------------------------------


def _load_event(agency_id: str, event_id: str) -> tuple[domain.EventCopy, domain.AgencySettings, EventItem]:
    keys = [event_key(agency_id, event_id), settings_key(agency_id)]
    found = batch_get(keys)
    item, event = event_from(found.get(keys[0]))
    if event is None:
        raise NotFound(f"No event {event_id} yet: messaging learns of an event a moment after it is scheduled.")
    return event, settings_from(found.get(keys[1])), item


def event_reminders(who: Identity, event_id: str) -> dict:
    """An event's reminders: whether they are on (the event's and the agency's switches), each reminder of its
    current time (sent to whom and when, due, dropped and why, or not planned because booked too late) and those
    of its earlier times."""
    event, settings, item = _load_event(who.agency_id, event_id)
    return _view(event, settings, item, reminders_of(who.agency_id, event_id))


def set_event_reminders(who: Identity, event_id: str, enabled: bool) -> dict:
    """Turn an event's reminders off or back on: its worker or an admin (reminders still due follow the switch as
    it is when they come due)."""
    event, _, _ = _load_event(who.agency_id, event_id)
    domain.check_may_switch_reminders(who.role, who.person_id, event)
    EventItem(*event_key(who.agency_id, event_id)).update(actions=[
        EventItem.reminders_off.set(not enabled), EventItem.reminders_changed_by.set(who.person_id),
        EventItem.reminders_changed_at.set(clock.now_iso())], condition=EventItem.version.exists())
    return event_reminders(who, event_id)


def _view(event: domain.EventCopy, settings: domain.AgencySettings, item: EventItem,
          items: list[ReminderItem]) -> dict:
    current = sorted((r for r in items if r.start == event.start), key=lambda r: -int(r.hours))
    earlier = sorted((r for r in items if r.start != event.start), key=lambda r: (r.start, -int(r.hours)),
                     reverse=True)
    unplanned = domain.not_planned(event, settings, {int(r.hours) for r in current})
    views = sorted([*(r.view() for r in current), *unplanned], key=lambda v: -v["hours"])
    return {"event_id": event.event_id, "status": event.status, "start": event.start,
            "enabled": not event.reminders_off, "changed_by": item.reminders_changed_by,
            "changed_at": item.reminders_changed_at, "agency_enabled": settings.reminders_enabled,
            "reminder_hours": list(settings.reminder_hours), "reminders": views + [r.view() for r in earlier]}
