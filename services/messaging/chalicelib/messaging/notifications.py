"""Notifications: a message from requests or billing in, the inbox items, counts and emails it causes out.

Who is told what, and in what words, is `domain.NOTICES` (one table keyed by the message type). The consumer's
transaction (with the kit's inbox marker) writes each person's inbox item, their unread counts, an email item when
they get one, and `messaging.notification.sent`; so a redelivered message changes nothing, and the email item is
sent by the stream relay once it exists (`emails.py`). Confirmation, change and cancellation emails carry the
event's calendar file (`domain.calendar_file`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from portalkit import clock, times, wallclock
from portalkit.envelope import Envelope
from portalkit.identity import CLIENT
from portalkit.store import Transaction

from . import domain
from .inbox import add_unread
from .models import (
    EmailItem,
    EntryItem,
    agency_from,
    agency_key,
    batch_get,
    contact_from,
    contact_key,
    entry_key,
    inbox_pk,
    place_from,
    service_from,
    service_key,
    settings_from,
    settings_key,
    site_key,
    zone_from,
    zone_key,
)
from .schemas import NotificationSent

log = logging.getLogger("messaging.notifications")

EMAIL_TTL_SECONDS = 90 * 24 * 3600  # a record of what was sent, for support; SES keeps its own
REFS = ("request_id", "event_id", "invoice_id", "payment_id")


def notify(message: Envelope, tx: Transaction) -> None:
    """Tell each person the message concerns: one BatchGetItem, then writes in the consumer's transaction.

    What messaging cannot resolve (a person or service it has not heard of, a time it cannot read) is worded with
    fallbacks, never raised on."""
    planned = domain.plan(message.event_type, message.data)
    if not planned:
        return
    data, agency = message.data, message.agency_id
    service_id = data.get("service_id")
    people = sorted({p.person_id for p in planned} | domain.people_named(data))
    site_id = data.get("site_id") if isinstance(data.get("site_id"), str) and data.get("site_id") else None
    keys = [settings_key(agency), zone_key(agency), agency_key(agency), *(contact_key(agency, p) for p in people)]
    if service_id:
        keys.append(service_key(agency, service_id))
    if site_id:
        keys.append(site_key(agency, site_id))
    found = batch_get(keys)
    settings, zone = settings_from(found.get(keys[0])), zone_from(found.get(keys[1]))
    facts = agency_from(found.get(keys[2]))
    place = place_from(found.get(site_key(agency, site_id))) if site_id else None
    contacts = {p: contact_from(found.get(contact_key(agency, p))) for p in people}
    service = service_from(found.get(service_key(agency, service_id))) if service_id else None
    names = domain.Names(service=service.name if service else None,
                         people={p: c.name for p, c in contacts.items() if c is not None})
    moment = occurred(message)
    at, order = times.iso(int(moment.timestamp())), domain.moment_key(moment)
    refs = {name: data[name] for name in REFS if data.get(name)}
    reason = domain.reason_code(message.event_type, data)
    for p in planned:
        words = domain.render(p, message.event_type, data, names, zone)
        notification_id = domain.notification_id(message.event_id, p.person_id)
        entry = EntryItem(*entry_key(agency, p.person_id, notification_id), item_type="notification", kind=p.kind,
                          service_id=service_id, subject=words.subject, body=words.body, refs=refs or None,
                          reason=reason, at=at, unread=1, gsi1pk=inbox_pk(agency, p.person_id),
                          gsi1sk=f"{order}#{notification_id}")
        tx.save(entry, condition=EntryItem.pk.does_not_exist())
        add_unread(tx, agency, p.person_id, service_id, 1)
        contact = contacts.get(p.person_id)
        by_email = domain.email_allowed(settings, contact, p.audience, p.kind)
        if by_email:
            detail = domain.email_detail(settings, contact, p.kind)
            calendar = domain.calendar_file(p.kind, message.event_type, data, message.subject_version, facts, place,
                                            detail, int(moment.timestamp()))
            tx.save(email_item(notification_id, agency, p.person_id, contact.email, words, detail, p.kind, at,
                               calendar), condition=EmailItem.pk.does_not_exist())
        sent = NotificationSent(
            notification_id=notification_id, person_id=p.person_id,
            audience="client" if p.audience == CLIENT else "staff", kind=p.kind, service_id=service_id,
            channels=["inbox", "email"] if by_email else ["inbox"], cause_event_id=message.event_id,
            cause_event_type=message.event_type, reason=reason or None)
        tx.publish(sent.envelope(agency_id=agency, subject_id=notification_id, subject_version=1, cause=message))


def occurred(message: Envelope) -> datetime:
    """When what the message tells happened, for the inbox's order and reminders' lead times; a message whose
    `occurred_at` is no instant (or one the inbox cannot sort) is placed at its arrival instead."""
    moment = wallclock.parse(message.occurred_at)
    try:
        moment = moment.astimezone(UTC) if moment is not None else None
    except OverflowError:  # the year 1 or 9999 moved across midnight
        moment = None
    if moment is None or not 1970 <= moment.year <= 9998:
        log.warning("%s %s: occurred_at %r is no instant; ordered by arrival", message.event_type, message.event_id,
                    message.occurred_at)
        return datetime.fromtimestamp(clock.now(), UTC)
    return moment


def email_item(email_id: str, agency_id: str, person_id: str, address: str, words: domain.Text, detail: str,
               kind: str, created_at: str, calendar_file: str | None = None) -> EmailItem:
    """An email for the stream relay to send: the subject always, the body only at the `full` detail level, and
    the calendar file to attach, if any."""
    return EmailItem(*EmailItem.key(email_id), agency_id=agency_id, person_id=person_id, to=address,
                     subject=words.subject, body=words.email_body(detail), kind=kind, created_at=created_at,
                     expires_at=clock.now() + EMAIL_TTL_SECONDS, calendar_file=calendar_file)
