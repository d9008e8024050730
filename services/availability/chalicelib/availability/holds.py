"""The event-request flow on availability's side: hold, book, move and release a worker's time; sweep expired holds."""

# A lock item per worker per 5-minute granule, written with a condition, is what makes double booking
# impossible; reservation items (holds and bookings) are what slot queries read; a Ref item maps a request
# or event id to its reservation, so a repeated or re-sent message finds its work done.

from __future__ import annotations

import logging
import uuid

from msgspec import Struct

from portalkit import clock, store, times
from portalkit.envelope import Envelope
from portalkit.schema import Published
from portalkit.store import Transaction, failed_conditions

from . import domain, models
from .models import LOCK_SK, SERVICE, LockItem, RefItem, ReservationItem, lock_pk, reservation_sk, worker_pk
from .schemas import SlotBooked, SlotHeld, SlotReleased, SlotUnavailable

LOCK_TTL_SECONDS = domain.DAY_SECONDS  # a lock outlives what it protects by a day, then TTL removes it
SWEEP_LIMIT = 200  # holds released per sweep run; the next minute's run takes the rest
RELEASE_REASONS = {"declined", "withdrawn", "expired"}
ENDED_TTL_SECONDS = 15 * domain.DAY_SECONDS  # as long as an inbox marker: longer than SQS keeps a message

log = logging.getLogger(__name__)


class Worker(Struct, frozen=True):
    """Whose time: an agency's worker, and the keys of their partition and locks."""

    agency_id: str
    worker_id: str

    @property
    def pk(self) -> str:
        return worker_pk(self.agency_id, self.worker_id)

    def lock(self, minute: int) -> LockItem:
        return LockItem(lock_pk(self.agency_id, self.worker_id, minute), LOCK_SK)

    def ref_key(self, ref_id: str) -> tuple[str, str]:
        return RefItem.key(self.agency_id, self.worker_id, ref_id)

    def item(self, reservation: domain.Reservation) -> ReservationItem:
        return ReservationItem.of(self.agency_id, self.worker_id, reservation)

    def sk(self, reservation: domain.Reservation) -> str:
        return reservation_sk(reservation.start, reservation.reservation_id)


def when(data: dict, name: str) -> int | None:
    """An instant of a consumed message's data; None when its text, though well-formed, names no time (30 February)."""
    try:
        return times.instant(data[name])
    except (ValueError, OverflowError):
        return None


# -- consumers of requests' messages ----------------------------------------------------------------


def hold_requested(message: Envelope, tx: Transaction) -> None:
    """A client asked for a time: hold it until the worker answers, or say why it cannot be had."""
    data = message.data
    worker = Worker(message.agency_id, data["worker_id"])
    request_id = data["request_id"]
    if _ref(worker, request_id) is not None:
        return  # this request already holds its time, or has ended: a re-sent or late submission changes nothing
    start, now = when(data, "start"), clock.now()
    if reason := domain.out_of_reach(start, now):
        _unavailable(tx, message, worker, request_id, None, reason, request_id=request_id)
        return
    settings, schedule = _schedule(worker, start)
    reason = domain.why_unavailable(schedule, start, now)
    if reason:
        _unavailable(tx, message, worker, request_id, start, reason, request_id=request_id)
        return
    hold = domain.Reservation(
        _new_reservation_id(), domain.HOLD, start, start + settings.slot_minutes * 60,
        expires_at=now + settings.hold_minutes * 60, request_id=request_id, client_id=data["client_id"],
        service_id=data["service_id"], source_version=message.subject_version)
    _hold(tx, message, worker, hold, now, domain.slot_starting(schedule, start))


def hold_proposed(message: Envelope, tx: Transaction) -> None:
    """The worker proposed another time: hold it and release the old hold together, or keep the old one."""
    data = message.data
    worker = Worker(message.agency_id, data["worker_id"])
    request_id = data["request_id"]
    start, now = when(data, "start"), clock.now()
    ref, old = _lookup(worker, request_id)
    if ref is not None and ref.ended:
        return  # the request is over; this proposal arrived after its end
    if old is not None and old.ignores_proposal(start, message.subject_version):
        return  # already booked, already held at this time (a repeated proposal), or an older proposal
    if reason := domain.out_of_reach(start, now):
        _unavailable(tx, message, worker, request_id, None, reason, request_id=request_id, proposal=True)
        return
    settings, schedule = _schedule(worker, start, without=old)
    end = start + settings.slot_minutes * 60
    reason = domain.why_unavailable(schedule, start, now)
    if not reason and old is not None and not domain.move_fits_a_transaction(start, end, refs=1):
        reason = domain.OUTSIDE_AVAILABILITY
    if reason:
        if old is not None:
            _keep_locks(tx, worker, old, start, end, now, refs=1)
        _unavailable(tx, message, worker, request_id, start, reason, request_id=request_id, proposal=True)
        return
    slot = domain.slot_starting(schedule, start)
    expires_at = now + settings.hold_minutes * 60
    if old is None:
        hold = domain.Reservation(_new_reservation_id(), domain.HOLD, start, end, expires_at=expires_at,
                                  request_id=request_id, source_version=message.subject_version)
        _hold(tx, message, worker, hold, now, slot, proposal=True)
        return
    new = _move(tx, worker, old, old.moved(start, end, expires_at=expires_at, source_version=message.subject_version),
                now, refs=[request_id])
    _publish(tx, message, request_id, _held(worker, new, slot, proposal=True))
    _publish(tx, message, request_id, _released(worker, old, "replaced"))


def book_confirmed(message: Envelope, tx: Transaction) -> None:
    """The worker confirmed: the request's hold becomes the event's booking (even if just expired, while still free)."""
    data = message.data
    worker = Worker(message.agency_id, data["worker_id"])
    request_id, event_id, now = data["request_id"], data["event_id"], clock.now()
    ref, event_ref = _ref(worker, request_id), _ref(worker, event_id)
    if ref is not None and ref.ended:
        return  # the request ended (declined or withdrawn) before this confirmation arrived
    if ref is None:  # the hold is gone (swept after expiry): book the time afresh if it is free
        if event_ref is None:  # (an ended event_ref: the event was cancelled before this arrived)
            _book_new(tx, message, worker, when(data, "start"), when(data, "end"), now,
                      subject_id=request_id, event_id=event_id, request_id=request_id)
        return
    start = models.reservation_start(ref.reservation_sk)
    nearby = _nearby(worker, start - domain.MAX_SECONDS, start + domain.MAX_SECONDS)
    hold = next((r for r in nearby if worker.sk(r) == ref.reservation_sk), None)
    if hold is None:
        log.warning("request %s refers to a missing reservation %s", request_id, ref.reservation_sk)
        return
    if hold.kind != domain.HOLD:
        return  # already booked: a repeated confirmation changes nothing
    if event_ref is not None and event_ref.ended:
        _release(tx, message, worker, hold, "cancelled", request_id)  # the event was cancelled before this arrived
        return
    if domain.taken(nearby, hold.start, hold.end, now, without=hold):
        _unavailable(tx, message, worker, request_id, hold.start, domain.SLOT_TAKEN,
                     request_id=request_id, event_id=event_id)
        return
    _take_locks(tx, worker, hold.reservation_id, hold.start, hold.end, now, own=True)
    tx.update(
        worker.item(hold),
        actions=[
            ReservationItem.kind.set(domain.BOOKING), ReservationItem.event_id.set(event_id),
            ReservationItem.hold_expires.remove(), ReservationItem.gsi1pk.remove(), ReservationItem.gsi1sk.remove(),
            ReservationItem.source_version.remove(),  # from here on, the event's versions count
            ReservationItem.version.add(1),
        ],
        condition=(ReservationItem.kind == domain.HOLD) & (ReservationItem.version == hold.version),
    )
    tx.save(RefItem(*worker.ref_key(event_id), reservation_sk=worker.sk(hold)),
            condition=RefItem.sk.does_not_exist())
    _publish(tx, message, event_id, _booked(worker, hold.booked(event_id)))


def release_request(message: Envelope, tx: Transaction) -> None:
    """The request was declined, withdrawn or expired: give its held time back, if it still holds any."""
    reason = message.event_type.rsplit(".", 1)[1]
    if reason not in RELEASE_REASONS:
        raise ValueError(f"no release reason for {message.event_type}")
    data = message.data
    worker = Worker(message.agency_id, data["worker_id"])
    ref, hold = _lookup(worker, data["request_id"])
    if ref is not None and ref.ended:
        return  # released before
    if hold is None:
        _end(tx, worker, data["request_id"], reason, ref)  # before its submission arrived: it never takes time
        return
    if hold.kind != domain.HOLD:
        return  # booked: only the event's cancellation releases it
    _release(tx, message, worker, hold, reason, data["request_id"])


def book_scheduled(message: Envelope, tx: Transaction) -> None:
    """A staff-created event takes the worker's time through the same locks; one from a request was booked already."""
    data = message.data
    if data.get("request_id"):
        return  # the request's confirmation booked it
    worker = Worker(message.agency_id, data["worker_id"])
    event_id = data["event_id"]
    if _ref(worker, event_id) is not None:
        return  # already booked (a re-sent message), or cancelled before this arrived
    _book_new(tx, message, worker, when(data, "start"), when(data, "end"), clock.now(),
              subject_id=event_id, event_id=event_id, request_id=None)


def move_event(message: Envelope, tx: Transaction) -> None:
    """An event was rescheduled: take the new time and give back the old in one go, or keep the old."""
    data = message.data
    worker = Worker(message.agency_id, data["worker_id"])
    event_id, now = data["event_id"], clock.now()
    start, end = when(data, "start"), when(data, "end")
    ref, booking = _lookup(worker, event_id)
    if ref is not None and ref.ended:
        return  # cancelled before this reschedule arrived
    if booking is None:  # the event never got its time: try the new one as a fresh booking
        _book_new(tx, message, worker, start, end, now, subject_id=event_id, event_id=event_id, request_id=None)
        return
    if booking.ignores_reschedule(start, end, message.subject_version):
        return  # already there (a repeated reschedule), or an older reschedule than the one applied
    refs = [event_id] + ([booking.request_id] if booking.request_id else [])
    if reason := domain.cannot_book(start, end, now, refs=len(refs), moving=True):
        _unavailable(tx, message, worker, event_id, None, reason, request_id=booking.request_id, event_id=event_id)
        return
    if domain.taken(_nearby(worker, start - domain.MAX_SECONDS, end), start, end, now, without=booking):
        _keep_locks(tx, worker, booking, start, end, now, refs=len(refs))
        _unavailable(tx, message, worker, event_id, start, domain.SLOT_TAKEN, request_id=booking.request_id,
                     event_id=event_id)
        return
    new = _move(tx, worker, booking,
                booking.moved(start, end, expires_at=None, source_version=message.subject_version), now, refs=refs)
    _publish(tx, message, event_id, _booked(worker, new))
    _publish(tx, message, event_id, _released(worker, booking, "rescheduled"))


def release_event(message: Envelope, tx: Transaction) -> None:
    """An event was cancelled: give its booked time back."""
    data = message.data
    worker = Worker(message.agency_id, data["worker_id"])
    ref, booking = _lookup(worker, data["event_id"])
    if ref is not None and ref.ended:
        return  # released before
    if booking is None or booking.kind != domain.BOOKING:
        _end(tx, worker, data["event_id"], "cancelled", ref)  # before it was booked: it never takes time
        return
    _release(tx, message, worker, booking, "cancelled", data["event_id"])


# -- the expiry sweep -------------------------------------------------------------------------------


def expire_holds(now: int, limit: int = SWEEP_LIMIT) -> int:
    """Release holds whose time ran out (each once, even beside a racing confirmation); returns how many."""
    released = 0
    for agency_id, worker_id, hold in models.holds_expired_by(now, limit):
        if hold.has_expired(now):
            released += _expire(Worker(agency_id, worker_id), hold, now)
    return released


def _expire(worker: Worker, hold: domain.Reservation, now: int) -> int:
    """Release one expired hold unless a confirmation or another sweep got there first; 1 if released."""
    _free_locks(worker, hold.reservation_id, hold.granules(), expired_by=now)
    try:
        with Transaction(SERVICE) as tx:
            tx.delete(worker.item(hold), condition=(ReservationItem.kind == domain.HOLD)
                      & (ReservationItem.hold_expires <= now) & (ReservationItem.version == hold.version))
            if hold.request_id:
                tx.delete(RefItem(*worker.ref_key(hold.request_id)))
            _publish(tx, None, hold.request_id or hold.reservation_id, _released(worker, hold, "expired"),
                     agency_id=worker.agency_id, subject_version=hold.version)
    except store.TransactionCancelled as error:
        if error.cause_response_code == "TransactionCanceledException":
            log.info("hold %s changed meanwhile (%s); not released", worker.sk(hold), failed_conditions(error))
            return 0
        raise
    return 1


# -- taking and giving back time --------------------------------------------------------------------


def _new_reservation_id() -> str:
    return str(uuid.uuid4())


def _hold(tx: Transaction, message: Envelope, worker: Worker, hold: domain.Reservation, now: int,
          slot: domain.Slot, *, proposal: bool = False) -> None:
    """Take the time for a request until the agency's hold period ends."""
    _take_locks(tx, worker, hold.reservation_id, hold.start, hold.end, now, hold_expires=hold.expires_at)
    tx.save(worker.item(hold), condition=ReservationItem.sk.does_not_exist())
    tx.save(RefItem(*worker.ref_key(hold.request_id), reservation_sk=worker.sk(hold)),
            condition=RefItem.sk.does_not_exist())
    _publish(tx, message, hold.request_id, _held(worker, hold, slot, proposal=proposal))


def _book_new(tx: Transaction, message: Envelope, worker: Worker, start: int, end: int, now: int, *, subject_id: str,
              event_id: str, request_id: str | None) -> None:
    """Book time no hold prepared: only overlap with active holds and bookings decides (staff are not held to slots)."""
    if reason := domain.cannot_book(start, end, now, refs=len([r for r in (event_id, request_id) if r])):
        _unavailable(tx, message, worker, subject_id, None, reason, request_id=request_id, event_id=event_id)
        return
    if domain.taken(_nearby(worker, start - domain.MAX_SECONDS, end), start, end, now):
        _unavailable(tx, message, worker, subject_id, start, domain.SLOT_TAKEN, request_id=request_id,
                     event_id=event_id)
        return
    booking = domain.Reservation(_new_reservation_id(), domain.BOOKING, start, end, request_id=request_id,
                                 event_id=event_id, source_version=None if request_id else message.subject_version)
    _take_locks(tx, worker, booking.reservation_id, start, end, now)
    tx.save(worker.item(booking), condition=ReservationItem.sk.does_not_exist())
    for ref_id in filter(None, (event_id, request_id)):
        tx.save(RefItem(*worker.ref_key(ref_id), reservation_sk=worker.sk(booking)),
                condition=RefItem.sk.does_not_exist())
    _publish(tx, message, event_id, _booked(worker, booking))


def _move(tx: Transaction, worker: Worker, old: domain.Reservation, new: domain.Reservation, now: int, *,
          refs: list[str]) -> domain.Reservation:
    """Move a reservation (same id) to a new time: new locks, old-only locks freed, refs repointed, one transaction."""
    rid = old.reservation_id
    new_minutes = set(new.granules())
    old_only = [m for m in old.granules() if m not in new_minutes]
    in_tx = domain.move_frees_old_locks_inside(old, new.start, new.end, now, len(refs))
    if not in_tx:  # an expired hold's locks may be someone else's now; or too many items for one transaction
        _free_locks(worker, rid, old_only)
    _take_locks(tx, worker, rid, new.start, new.end, now, hold_expires=new.expires_at, own=True)
    if in_tx:
        for minute in old_only:
            tx.delete(worker.lock(minute), condition=LockItem.holder == rid)
    old_sk, new_sk = worker.sk(old), worker.sk(new)
    if new_sk == old_sk:
        tx.save(worker.item(new), condition=ReservationItem.version == old.version)
    else:
        tx.delete(worker.item(old), condition=ReservationItem.version == old.version)
        tx.save(worker.item(new), condition=ReservationItem.sk.does_not_exist())
    for ref_id in refs:
        tx.save(RefItem(*worker.ref_key(ref_id), reservation_sk=new_sk), condition=RefItem.reservation_sk == old_sk)
    return new


def _keep_locks(tx: Transaction, worker: Worker, old: domain.Reservation, start: int, end: int, now: int,
                refs: int) -> None:
    """A move that turned out impossible keeps the old time: re-take old locks an earlier attempt may have freed."""
    if old.is_active(now) and not domain.move_frees_old_locks_inside(old, start, end, now, refs):
        hold_expires = old.expires_at if old.kind == domain.HOLD else None
        _take_locks(tx, worker, old.reservation_id, old.start, old.end, now, hold_expires=hold_expires, own=True)


def _release(tx: Transaction, message: Envelope, worker: Worker, reservation: domain.Reservation, reason: str,
             subject_id: str) -> None:
    """Give a reservation's time back: its own locks first (a taken-over lock is someone else's), then the rest."""
    _free_locks(worker, reservation.reservation_id, reservation.granules())
    tx.delete(worker.item(reservation), condition=ReservationItem.version == reservation.version)
    for ref_id in filter(None, (reservation.request_id, reservation.event_id)):
        _end(tx, worker, ref_id, reason, ref=True)
    _publish(tx, message, subject_id, _released(worker, reservation, reason))


def _end(tx: Transaction, worker: Worker, ref_id: str, reason: str, ref) -> None:
    """Remember that a request or event is over (replacing its ref, or claiming the id if it had none)."""
    ended = RefItem(*worker.ref_key(ref_id), ended=reason, expires_at=clock.now() + ENDED_TTL_SECONDS)
    tx.save(ended, condition=RefItem.sk.exists() if ref is not None else RefItem.sk.does_not_exist())


def _take_locks(tx: Transaction, worker: Worker, rid: str, start: int, end: int, now: int, *,
                hold_expires: int | None = None, own: bool = False) -> None:
    """One lock per granule: free, or a hold's that has expired (or, when moving, already this reservation's)."""
    expires_at = (hold_expires if hold_expires is not None else end) + LOCK_TTL_SECONDS
    for minute in domain.granules(start, end):
        condition = LockItem.pk.does_not_exist() | (LockItem.hold_expires <= now)
        if own:
            condition = condition | (LockItem.holder == rid)
        lock = worker.lock(minute)
        lock.holder, lock.hold_expires, lock.expires_at = rid, hold_expires, expires_at
        tx.save(lock, condition=condition)


def _free_locks(worker: Worker, rid: str, minutes: list[int], expired_by: int | None = None) -> None:
    """Delete the reservation's own locks one by one, outside any transaction; a lock no longer its own stays."""
    for minute in minutes:
        condition = LockItem.holder == rid
        if expired_by is not None:
            condition = condition & (LockItem.hold_expires <= expired_by)
        store.delete_if(worker.lock(minute), condition)


# -- loading ----------------------------------------------------------------------------------------


def _ref(worker: Worker, ref_id: str) -> RefItem | None:
    return models.load_ref(worker.agency_id, worker.worker_id, ref_id)


def _lookup(worker: Worker, ref_id: str) -> tuple[RefItem | None, domain.Reservation | None]:
    """A request's or event's ref and the reservation it holds, if any (one or two GetItems)."""
    ref = _ref(worker, ref_id)
    if ref is None or ref.ended:
        return ref, None
    return ref, models.load_reservation(worker.agency_id, worker.worker_id, ref.reservation_sk)


def _nearby(worker: Worker, first_start: int, last_start: int) -> list[domain.Reservation]:
    """Reservations starting in [first_start, last_start): one Query."""
    return models.load_reservations(worker.agency_id, worker.worker_id, first_start, last_start,
                                    including_last=False)


def _schedule(worker: Worker, start: int, without: domain.Reservation | None = None):
    """The agency's settings and the worker's schedule around `start` (three Queries), minus one reservation."""
    settings, schedule = models.load_schedule_around(worker.agency_id, worker.worker_id, start)
    if without is not None:
        schedule.reservations = [r for r in schedule.reservations if r.reservation_id != without.reservation_id]
    return settings, schedule


# -- the messages it publishes ----------------------------------------------------------------------


def _held(worker: Worker, hold: domain.Reservation, slot: domain.Slot, proposal: bool = False) -> SlotHeld:
    """The held time, with the slot's site and its local start (what the client and worker are shown)."""
    return SlotHeld(request_id=hold.request_id, worker_id=worker.worker_id, start=times.iso(hold.start),
                    end=times.iso(hold.end), hold_expires_at=times.iso(hold.expires_at),
                    proposal=proposal, site_id=slot.site_id, local_start=slot.view()["local_start"])


def _booked(worker: Worker, booking: domain.Reservation) -> SlotBooked:
    return SlotBooked(event_id=booking.event_id, request_id=booking.request_id, worker_id=worker.worker_id,
                      start=times.iso(booking.start), end=times.iso(booking.end))


def _released(worker: Worker, reservation: domain.Reservation, reason: str) -> SlotReleased:
    return SlotReleased(request_id=reservation.request_id, event_id=reservation.event_id, worker_id=worker.worker_id,
                        start=times.iso(reservation.start), end=times.iso(reservation.end), reason=reason)


def _unavailable(tx: Transaction, message: Envelope, worker: Worker, subject_id: str, start: int | None, reason: str,
                 *, request_id: str | None = None, event_id: str | None = None, proposal: bool = False) -> None:
    """The time asked for cannot be had, and why; `start` None: the message's own text (a time that cannot be
    computed with is told back as it was given)."""
    shown = times.iso(start) if start is not None else message.data["start"]
    _publish(tx, message, subject_id, SlotUnavailable(request_id=request_id or None, event_id=event_id or None,
                                                      worker_id=worker.worker_id, start=shown, reason=reason,
                                                      proposal=proposal))


def _publish(tx: Transaction, cause: Envelope | None, subject_id: str, payload: Published, *,
             agency_id: str | None = None, subject_version: int | None = None) -> None:
    """An availability.slot.* message about the subject of the consumed one (its version and correlation carried
    on)."""
    tx.publish(payload.envelope(
        agency_id=agency_id or cause.agency_id,
        subject_id=subject_id,
        subject_version=subject_version if subject_version is not None else cause.subject_version,
        cause=cause,
    ))
