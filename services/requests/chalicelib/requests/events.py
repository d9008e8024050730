"""Events (appointments) and their attendance: what staff and clients do, and availability's failed bookings.

An event lives in its own item (the worker's calendar is its gsi1) and in one copy per client in the client's
partition (their calendar and My Services), all written in one transaction conditional on the event's version.
A client who leaves an event they were invited to loses their copy in that same transaction.
"""

from __future__ import annotations

import logging

from msgspec.structs import replace

from portalkit import clock, times
from portalkit.api import between, decode_cursor, encode_cursor, starting
from portalkit.envelope import Envelope
from portalkit.errors import changed
from portalkit.identity import CLIENT, Identity
from portalkit.store import Transaction, commit, new_id

from . import domain, models, timeline
from . import schemas as s
from .agency_settings import settings_of
from .agency_zone import agency_zone, zone_of
from .models import (
    SCHEDULE,
    SERVICE,
    AgencyZoneItem,
    EventItem,
    Item,
    MembershipItem,
    RequestItem,
    ServiceItem,
    SettingsItem,
    client_pk,
)

log = logging.getLogger(__name__)


def event_message(payload: type[s.EventState], agency_id: str, event: domain.Event, cause: Envelope | None = None,
                  **extra):
    return payload.of(event.event_data(**extra)).envelope(agency_id=agency_id, subject_id=event.event_id,
                                                          subject_version=event.version, cause=cause)


def write_event(tx: Transaction, agency_id: str, old: domain.Event | None, new: domain.Event) -> None:
    """The event and each client's copy (moved when its start moves, gone when the client left), on condition of
    the version read."""
    condition = EventItem.pk.does_not_exist() if old is None else EventItem.version == old.version
    tx.save(EventItem.of(agency_id, new), condition=condition)
    for client_id in old.client_ids if old is not None else ():
        if client_id not in new.client_ids or old.start != new.start:
            tx.delete(EventItem(*EventItem.copy_key(agency_id, client_id, old)))
    for client_id in new.client_ids:
        tx.save(EventItem.client_copy(agency_id, client_id, new))


def _load_with_settings(agency_id: str, event_id: str) -> tuple[domain.Event | None, domain.Settings]:
    """The event and the agency's settings with one BatchGetItem."""
    item, settings = models.read((EventItem, EventItem.key(agency_id, event_id)),
                                 (SettingsItem, SettingsItem.key(agency_id)))
    return item.to_domain() if item else None, settings_of(settings)


def _visible(who: Identity, event_id: str) -> domain.Event:
    """The event as the caller reaches it (one GetItem)."""
    return domain.visible_event(who, models.load_event(who.agency_id, event_id), event_id)


def _change(who: Identity, old: domain.Event, new: domain.Event, payload: type[s.EventState], **extra) -> domain.Event:
    def write(tx: Transaction) -> None:
        write_event(tx, who.agency_id, old, new)
        if payload is s.EventAttended:
            for client_id in new.client_ids:
                tx.update(MembershipItem.at(who.agency_id, client_id, new.service_id),
                          actions=[MembershipItem.events_attended.add(1)])
        timeline.publish(tx, event_message(payload, who.agency_id, new, **extra))

    commit(SERVICE, write, changed("event"))
    return new


# -- staff -----------------------------------------------------------------------------------------------


def create_event(who: Identity, service_id: str, worker_id: str | None, client_ids: list[str] | None, start: int,
                 end: int, video_session: bool, video_link: str | None, site_id: str | None) -> dict:
    """A worker's event with clients of a service; availability books its time or says why it cannot."""
    service_item, settings, zone = models.read((ServiceItem, ServiceItem.key(who.agency_id, service_id)),
                                               (SettingsItem, SettingsItem.key(who.agency_id)),
                                               (AgencyZoneItem, AgencyZoneItem.key(who.agency_id)))
    if service_item is None:
        raise domain.ServiceNotFound(f"No service {service_id}.")
    service = service_item.to_domain()
    domain.may_act_on(who, service)
    worker_id, clients = domain.event_people(who, service, worker_id, client_ids)
    if video_session or video_link:
        domain.check_video_sessions(settings_of(settings), "video_link" if video_link else "video_session")
    moment = clock.now()
    domain.check_times(start, end, moment, past_days=domain.RECORD_PAST_DAYS)
    local_start = domain.local_time(start, zone_of(zone))
    event = domain.Event(
        event_id=new_id(), service_id=service_id, worker_id=worker_id, client_ids=tuple(clients),
        start=times.iso(start), end=times.iso(end), created_at=times.iso(moment), created_by=who.person_id,
        updated_at=times.iso(moment), site_id=site_id, video_session=video_session or bool(video_link),
        video_link=video_link, local_start=local_start,
    )

    def write(tx: Transaction) -> None:
        write_event(tx, who.agency_id, None, event)
        timeline.publish(tx, event_message(s.EventScheduled, who.agency_id, event))

    commit(SERVICE, write, domain.IdTaken("The event id is taken; try again."))
    return event.view()


def get_event(who: Identity, event_id: str) -> dict:
    return _visible(who, event_id).view()


def list_events(who: Identity, worker_id: str | None, start: int, end: int, cursor: str | None, limit: int) -> dict:
    """A worker's events starting in [start, end), by start (one Query of gsi1)."""
    worker_id = domain.calendar_worker(who, worker_id)
    index_pk, low, high = EventItem.index_pk(who.agency_id, worker_id), times.iso(start), times.iso(end)
    start_key = decode_cursor(cursor, {"pk": None, "sk": None, "gsi1pk": index_pk, "gsi1sk": between(low, high)})
    page = EventItem.by_worker.query(index_pk, EventItem.gsi1sk.between(low, high), limit=limit,
                                     last_evaluated_key=start_key)
    events = [item.to_domain().view() for item in page]
    return {"events": events, "cursor": encode_cursor(page.last_evaluated_key)}


def worker_events(agency_id: str, worker_id: str, start: int, end: int) -> list[domain.Event]:
    """The worker's events that may overlap [start, end): those starting in it or up to the longest event before."""
    page = EventItem.by_worker.query(
        EventItem.index_pk(agency_id, worker_id),
        EventItem.gsi1sk.between(times.iso(start - domain.MAX_EVENT_MINUTES * 60), times.iso(end)),
    )
    return [item.to_domain() for item in page]


def _for_change(who: Identity, event_id: str) -> tuple[domain.Event, domain.Settings]:
    event, settings = _load_with_settings(who.agency_id, event_id)
    event = domain.visible_event(who, event, event_id)
    if who.role != CLIENT:
        domain.may_change_event(who, event)
    return event, settings


def reschedule(who: Identity, event_id: str, start: int, end: int | None) -> dict:
    """Move the event (keeping its length unless `end` is given); availability moves the booking or puts it back."""
    event = _visible(who, event_id)
    domain.may_change_event(who, event)
    moved = domain.reschedule(event, start, domain.rescheduled_end(event, start, end), clock.now())
    moved = replace(moved, local_start=domain.local_time(start, agency_zone(who.agency_id)))
    return _change(who, event, moved, s.EventRescheduled).view()


def cancel(who: Identity, event_id: str, reason: str | None, charge_late_fee: bool = False) -> dict:
    """Cancel for everyone (staff, or the client who requested it or is its only client); an invited client leaves."""
    event, settings = _for_change(who, event_id)
    if who.role == CLIENT and not domain.cancels_for_everyone(event, who.person_id):
        return _leave(who, event, reason, settings)
    cancelled = domain.cancel(event, who, reason, settings, clock.now(), charge_late_fee=charge_late_fee)
    return _change(who, event, cancelled, s.EventCancelled).view(who.person_id if who.role == CLIENT else None)


def _leave(who: Identity, event: domain.Event, reason: str | None, settings: domain.Settings) -> dict:
    """The client leaves the event (their copy goes); the others keep it, and are told with attendee_left."""
    departure = domain.leave(event, who.person_id, settings, clock.now())
    _change(who, event, departure.event, s.EventAttendeeLeft, client_id=who.person_id, late=departure.late,
            late_fee=departure.late_fee, reason=reason)
    return departure.event.view(who.person_id)


def set_video_link(who: Identity, event_id: str, url: str) -> dict:
    """Add or change the link of the video session (while the agency offers them); its request shows it too."""
    event, settings = _for_change(who, event_id)
    domain.check_video_sessions(settings, "url")
    linked = domain.set_video_link(event, url, clock.now())

    def write(tx: Transaction) -> None:
        write_event(tx, who.agency_id, event, linked)
        if event.request_id and event.request_created_at and event.requested_by:
            client_id = event.requested_by
            for key in (RequestItem.key(who.agency_id, event.request_id),
                        RequestItem.copy_key(who.agency_id, client_id, event.request_created_at, event.request_id)):
                tx.update(RequestItem(*key), actions=[RequestItem.video_link.set(url)],
                          condition=RequestItem.pk.exists())
        timeline.publish(tx, event_message(s.EventVideoLinkAdded, who.agency_id, linked,
                                           changed=event.video_link is not None))

    commit(SERVICE, write, changed("event"))
    return linked.view()


def mark_attendance(who: Identity, event_id: str, status: str, reason: str | None, charge_late_fee: bool) -> dict:
    """Attended or no-show once the event has started; cancelled is a (late, inside the window) cancellation."""
    if status == domain.CANCELLED:
        return cancel(who, event_id, reason, charge_late_fee)
    domain.check_fee_with(status, charge_late_fee)
    event = _visible(who, event_id)
    domain.may_change_event(who, event)
    marked = domain.mark_attendance(event, status, clock.now())
    payload = s.EventAttended if status == domain.ATTENDED else s.EventNoShow
    return _change(who, event, marked, payload).view()


# -- clients ---------------------------------------------------------------------------------------------


def my_events(who: Identity, start: int | None, end: int | None, service_id: str | None, cursor: str | None,
              limit: int) -> dict:
    """The client's events starting in [start, end) (or all of one service), by start, with their providers' names."""
    pk = client_pk(who.agency_id, who.person_id)
    if start is not None:
        low, high = SCHEDULE + times.iso(start), SCHEDULE + times.iso(end)
        condition, in_range = Item.sk.between(low, high), between(low, high)
    else:
        condition, in_range = Item.sk.startswith(SCHEDULE), starting(SCHEDULE)
    page = EventItem.query(pk, condition,
                           filter_condition=(EventItem.service_id == service_id) if service_id else None,
                           limit=limit, last_evaluated_key=decode_cursor(cursor, {"pk": pk, "sk": in_range}),
                           consistent_read=True)
    events = [item.to_domain() for item in page]
    names = {p.person_id: p.name for p in models.load_people(who.agency_id, {e.worker_id for e in events}).values()}
    views = [{**e.view(who.person_id), "worker_name": names.get(e.worker_id)} for e in events]
    return {"events": views, "cursor": encode_cursor(page.last_evaluated_key)}


def get_my_event(who: Identity, event_id: str) -> dict:
    return _visible(who, event_id).view(who.person_id)


def client_cancel(who: Identity, event_id: str, reason: str | None) -> dict:
    return cancel(who, event_id, reason)


def confirm_attendance(who: Identity, event_id: str) -> dict:
    event = _visible(who, event_id)
    confirmed = domain.confirm_attendance(event, who.person_id, clock.now())
    if confirmed is None:
        return event.view(who.person_id)  # said so before: nothing new to tell
    return _change(who, event, confirmed, s.EventAttendanceConfirmed, client_id=who.person_id).view(who.person_id)


# -- availability's answer for an event's time ------------------------------------------------------------


def on_unbookable(message: Envelope, tx: Transaction) -> None:
    """availability.slot.unavailable with an event_id: put a rescheduled event back, or cancel one never booked."""
    data = message.data
    current = models.load_event(message.agency_id, data["event_id"]) if domain.is_our_id(data["event_id"]) else None
    if current is None:
        log.warning("unavailable for unknown event %.128r; acknowledged", data["event_id"])
        return
    decided = domain.unbookable(current, data["start"], data["reason"], clock.now())
    if decided is None:
        return
    kind, new = decided
    if kind == "reverted":
        new = replace(new, local_start=domain.local_time(times.instant(new.start), agency_zone(message.agency_id)))
    write_event(tx, message.agency_id, current, new)
    if kind == "reverted":
        timeline.publish(tx, event_message(s.EventRescheduled, message.agency_id, new, cause=message,
                                           previous_start=current.start, previous_end=current.end, reverted=True,
                                           reason=data["reason"]))
    else:
        timeline.publish(tx, event_message(s.EventCancelled, message.agency_id, new, cause=message))
