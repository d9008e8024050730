"""The event-request saga on availability's side: hold, book, move and release a worker's time; sweep expired holds."""

# A lock item per worker per 5-minute granule, written with a condition, is what makes double booking
# impossible; reservation items (holds and bookings) are what slot queries read; a Ref item maps a request
# or event id to its reservation, so a repeated or re-sent event finds its work done.

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime, timedelta

from msgspec import Struct
from pynamodb.exceptions import DeleteError, DoesNotExist, TransactWriteError, UpdateError

from portalkit import clock, times
from portalkit.envelope import Envelope
from portalkit.schema import Published
from portalkit.store import Transaction, failed_conditions, newer_than_stored

from . import domain, handlers
from .models import (
    LockItem,
    MemberItem,
    RefItem,
    RequestSettingsItem,
    ReservationItem,
    ServiceItem,
    lock_pk,
    reservation_sk,
    worker_pk,
)
from .schemas import SlotBooked, SlotHeld, SlotReleased, SlotUnavailable

SERVICE = "availability"
HOLDS = "HOLDS"  # gsi1pk of every hold: the sweep's Query
LOCK_SK = "LOCK"
LINKS_PER_TRANSACTION = 90  # client-worker links a service's change writes per transaction (beside its own items)
LOCK_TTL_SECONDS = domain.DAY_SECONDS  # a lock outlives what it protects by a day, then TTL removes it
MAX_SECONDS = domain.MAX_SLOT_MINUTES * 60  # no reservation is longer, so overlaps are found in a bounded window
MAX_TRANSACT_ITEMS = 100
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


def when(data: dict, name: str) -> int | None:
    """An instant of a consumed event's data; None when its text, though well-formed, names no time (30 February)."""
    try:
        return times.instant(data[name])
    except (ValueError, OverflowError):
        return None


def reservation_id(item: ReservationItem) -> str:
    return item.sk.rsplit("#", 1)[1]


def is_active(item: ReservationItem, now: int) -> bool:
    return item.kind == domain.BOOKING or (item.hold_expires is not None and int(item.hold_expires) > now)


# -- consumers of requests' events ------------------------------------------------------------------


def hold_requested(event: Envelope, tx: Transaction) -> None:
    """A client asked for a time: hold it until the worker answers, or say why it cannot be had."""
    data = event.data
    worker = Worker(event.agency_id, data["worker_id"])
    request_id = data["request_id"]
    if _ref(worker, request_id) is not None:
        return  # this request already holds its time, or has ended: a re-sent or late submission changes nothing
    start, now = when(data, "start"), clock.now()
    if reason := domain.out_of_reach(start, now):
        _unavailable(tx, event, worker, request_id, None, reason, request_id=request_id)
        return
    settings, schedule = _schedule(worker, start)
    reason = domain.why_unavailable(schedule, start, now)
    if reason:
        _unavailable(tx, event, worker, request_id, start, reason, request_id=request_id)
        return
    _hold(tx, event, worker, request_id, start, start + settings.slot_minutes * 60, now, settings,
          domain.slot_starting(schedule, start), client_id=data["client_id"], service_id=data["service_id"])


def hold_proposed(event: Envelope, tx: Transaction) -> None:
    """The worker proposed another time: hold it and release the old hold together, or keep the old one."""
    data = event.data
    worker = Worker(event.agency_id, data["worker_id"])
    request_id = data["request_id"]
    start, now = when(data, "start"), clock.now()
    ref, old = _lookup(worker, request_id)
    if ref is not None and ref.ended:
        return  # the request is over; this proposal arrived after its end
    if old is not None and (old.kind != domain.HOLD or int(old.start) == start or _stale(old, event)):
        return  # already booked, already held at this time (a repeated proposal), or an older proposal
    if reason := domain.out_of_reach(start, now):
        _unavailable(tx, event, worker, request_id, None, reason, request_id=request_id, proposal=True)
        return
    settings, schedule = _schedule(worker, start, without=old)
    end = start + settings.slot_minutes * 60
    reason = domain.why_unavailable(schedule, start, now)
    if not reason and old is not None and not _move_fits_a_transaction(old, start, end, refs=1):
        reason = domain.OUTSIDE_AVAILABILITY
    if reason:
        if old is not None:
            _keep_locks(tx, worker, old, start, end, now, refs=1)
        _unavailable(tx, event, worker, request_id, start, reason, request_id=request_id, proposal=True)
        return
    slot = domain.slot_starting(schedule, start)
    if old is None:
        _hold(tx, event, worker, request_id, start, end, now, settings, slot, proposal=True)
        return
    hold_expires = now + settings.hold_minutes * 60
    new = _move(tx, worker, old, start, end, now, hold_expires=hold_expires, refs=[request_id],
                source_version=event.subject_version)
    _publish(tx, event, request_id, _held(worker, new, slot, proposal=True))
    _publish(tx, event, request_id, _released(worker, old, "replaced"))


def book_confirmed(event: Envelope, tx: Transaction) -> None:
    """The worker confirmed: the request's hold becomes the event's booking (even if just expired, while still free)."""
    data = event.data
    worker = Worker(event.agency_id, data["worker_id"])
    request_id, event_id, now = data["request_id"], data["event_id"], clock.now()
    ref, event_ref = _ref(worker, request_id), _ref(worker, event_id)
    if ref is not None and ref.ended:
        return  # the request ended (declined or withdrawn) before this confirmation arrived
    if ref is None:  # the hold is gone (swept after expiry): book the time afresh if it is free
        if event_ref is None:  # (an ended event_ref: the event was cancelled before this arrived)
            _book_new(tx, event, worker, when(data, "start"), when(data, "end"), now,
                      subject_id=request_id, event_id=event_id, request_id=request_id)
        return
    start = _start_of(ref.reservation_sk)
    nearby = _nearby(worker, start - MAX_SECONDS, start + MAX_SECONDS)
    hold = next((r for r in nearby if r.sk == ref.reservation_sk), None)
    if hold is None:
        log.warning("request %s refers to a missing reservation %s", request_id, ref.reservation_sk)
        return
    if hold.kind != domain.HOLD:
        return  # already booked: a repeated confirmation changes nothing
    if event_ref is not None and event_ref.ended:
        _release(tx, event, worker, hold, "cancelled", request_id)  # the event was cancelled before this arrived
        return
    if _taken(nearby, int(hold.start), int(hold.end), now, without=hold):
        _unavailable(tx, event, worker, request_id, int(hold.start), domain.SLOT_TAKEN,
                     request_id=request_id, event_id=event_id)
        return
    _take_locks(tx, worker, reservation_id(hold), int(hold.start), int(hold.end), now, own=True)
    tx.update(
        hold,
        actions=[
            ReservationItem.kind.set(domain.BOOKING), ReservationItem.event_id.set(event_id),
            ReservationItem.hold_expires.remove(), ReservationItem.gsi1pk.remove(), ReservationItem.gsi1sk.remove(),
            ReservationItem.source_version.remove(),  # from here on, the event's versions count
            ReservationItem.version.add(1),
        ],
        condition=(ReservationItem.kind == domain.HOLD) & (ReservationItem.version == hold.version),
    )
    tx.save(RefItem(*worker.ref_key(event_id), reservation_sk=hold.sk), condition=RefItem.sk.does_not_exist())
    hold.event_id = event_id
    _publish(tx, event, event_id, _booked(worker, hold))


def release_request(event: Envelope, tx: Transaction) -> None:
    """The request was declined, withdrawn or expired: give its held time back, if it still holds any."""
    reason = event.event_type.rsplit(".", 1)[1]
    if reason not in RELEASE_REASONS:
        raise ValueError(f"no release reason for {event.event_type}")
    data = event.data
    worker = Worker(event.agency_id, data["worker_id"])
    ref, hold = _lookup(worker, data["request_id"])
    if ref is not None and ref.ended:
        return  # released before
    if hold is None:
        _end(tx, worker, data["request_id"], reason, ref)  # before its submission arrived: it never takes time
        return
    if hold.kind != domain.HOLD:
        return  # booked: only the event's cancellation releases it
    _release(tx, event, worker, hold, reason, data["request_id"])


def book_scheduled(event: Envelope, tx: Transaction) -> None:
    """A staff-created event takes the worker's time through the same locks; one from a request was booked already."""
    data = event.data
    if data.get("request_id"):
        return  # the request's confirmation booked it
    worker = Worker(event.agency_id, data["worker_id"])
    event_id = data["event_id"]
    if _ref(worker, event_id) is not None:
        return  # already booked (a re-sent event), or cancelled before this arrived
    _book_new(tx, event, worker, when(data, "start"), when(data, "end"), clock.now(),
              subject_id=event_id, event_id=event_id, request_id=None)


def move_event(event: Envelope, tx: Transaction) -> None:
    """An event was rescheduled: take the new time and give back the old in one go, or keep the old."""
    data = event.data
    worker = Worker(event.agency_id, data["worker_id"])
    event_id, now = data["event_id"], clock.now()
    start, end = when(data, "start"), when(data, "end")
    ref, booking = _lookup(worker, event_id)
    if ref is not None and ref.ended:
        return  # cancelled before this reschedule arrived
    if booking is None:  # the event never got its time: try the new one as a fresh booking
        _book_new(tx, event, worker, start, end, now, subject_id=event_id, event_id=event_id, request_id=None)
        return
    if (int(booking.start), int(booking.end)) == (start, end) or _stale(booking, event):
        return  # already there (a repeated reschedule), or an older reschedule than the one applied
    refs = [event_id] + ([booking.request_id] if booking.request_id else [])
    if reason := _cannot_book(start, end, now, refs=len(refs), moving=booking):
        _unavailable(tx, event, worker, event_id, None, reason, request_id=booking.request_id, event_id=event_id)
        return
    if _taken(_nearby(worker, start - MAX_SECONDS, end), start, end, now, without=booking):
        _keep_locks(tx, worker, booking, start, end, now, refs=len(refs))
        _unavailable(tx, event, worker, event_id, start, domain.SLOT_TAKEN, request_id=booking.request_id,
                     event_id=event_id)
        return
    new = _move(tx, worker, booking, start, end, now, hold_expires=None, refs=refs,
                source_version=event.subject_version)
    _publish(tx, event, event_id, _booked(worker, new))
    _publish(tx, event, event_id, _released(worker, booking, "rescheduled"))


def release_event(event: Envelope, tx: Transaction) -> None:
    """An event was cancelled: give its booked time back."""
    data = event.data
    worker = Worker(event.agency_id, data["worker_id"])
    ref, booking = _lookup(worker, data["event_id"])
    if ref is not None and ref.ended:
        return  # released before
    if booking is None or booking.kind != domain.BOOKING:
        _end(tx, worker, data["event_id"], "cancelled", ref)  # before it was booked: it never takes time
        return
    _release(tx, event, worker, booking, "cancelled", data["event_id"])


def project_service(event: Envelope, tx: Transaction) -> None:
    """Keep the newest state of a service file and the client-worker links it makes (open services only)."""
    data = event.data
    agency_id, service_id, version = event.agency_id, data["service_id"], event.subject_version
    key = ServiceItem.key(agency_id, service_id)
    try:
        stored = ServiceItem.get(*key, consistent_read=True)
    except DoesNotExist:
        stored = None
    if stored is not None and (int(stored.version or 0) >= version or int(stored.applying or 0) > version):
        return  # an older or repeated version, or a newer one being applied
    old = _links(stored.status, stored.provider_ids, stored.participant_ids) if stored else set()
    # A version applied in part left some of its links: those it aimed at may be set or not.
    aimed = {tuple(p) for p in json.loads(stored.applying_links)} if stored and stored.applying else old
    new = _links(data["status"], data["provider_ids"], data["participant_ids"])
    changes = [(w, c, True) for w, c in sorted(new - (old & aimed))] + [
        (w, c, False) for w, c in sorted((old | aimed) - new)]
    item = ServiceItem(*key, status=data["status"], provider_ids=set(data["provider_ids"]),
                       participant_ids=set(data["participant_ids"]), version=version)
    unclaimed = ServiceItem.applying.does_not_exist() | (ServiceItem.applying <= version)
    if len(changes) > LINKS_PER_TRANSACTION:
        if not _claim_service(key, version, new, unclaimed):
            return  # a newer version was applied, or is being applied, meanwhile
        last = (len(changes) - 1) // LINKS_PER_TRANSACTION * LINKS_PER_TRANSACTION
        for n in range(0, last, LINKS_PER_TRANSACTION):
            with Transaction(SERVICE) as part:  # each part only while this version still holds the claim
                part.condition_check(ServiceItem, *key, condition=ServiceItem.applying == version)
                _link(part, agency_id, service_id, changes[n:n + LINKS_PER_TRANSACTION])
        _link(tx, agency_id, service_id, changes[last:])
        tx.save(item, condition=ServiceItem.applying == version)
        return
    _link(tx, agency_id, service_id, changes)
    tx.save(item, condition=newer_than_stored(ServiceItem, version) & unclaimed)


def _claim_service(key: tuple[str, str], version: int, links: set, unclaimed) -> bool:
    """Claim a service for applying this version in parts (also again, after a failed attempt); False if too old."""
    try:
        ServiceItem(*key).update(
            actions=[ServiceItem.applying.set(version), ServiceItem.applying_links.set(json.dumps(sorted(links)))],
            condition=newer_than_stored(ServiceItem, version) & unclaimed,
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _link(tx: Transaction, agency_id: str, service_id: str, changes: list[tuple[str, str, bool]]) -> None:
    """Add the service to (or take it from) the links between workers and clients."""
    for worker_id, client_id, linked in changes:
        member = MemberItem(*MemberItem.key(agency_id, worker_id, client_id))
        action = MemberItem.service_ids.add if linked else MemberItem.service_ids.delete
        tx.update(member, actions=[action({service_id})])


def project_request_settings(event: Envelope, tx: Transaction) -> None:
    """Keep the newest of requests' settings (by version): slot answers say whether clients can request time."""
    version = event.subject_version
    try:
        stored = RequestSettingsItem.get(*RequestSettingsItem.key(event.agency_id), consistent_read=True)
    except DoesNotExist:
        stored = None
    if stored is not None and int(stored.version) >= version:
        return  # an older or repeated version
    item = RequestSettingsItem(*RequestSettingsItem.key(event.agency_id),
                               event_requests_enabled=event.data["event_requests_enabled"], version=version)
    tx.save(item, condition=newer_than_stored(RequestSettingsItem, version))


# -- the expiry sweep -------------------------------------------------------------------------------


def expire_holds(now: int, limit: int = SWEEP_LIMIT) -> int:
    """Release holds whose time ran out (each once, even beside a racing confirmation); returns how many."""
    index = ReservationItem.by_hold_expiry
    released = 0
    for hold in index.query(HOLDS, ReservationItem.gsi1sk < times.iso(now), limit=limit):
        if hold.kind == domain.HOLD and hold.hold_expires is not None and int(hold.hold_expires) <= now:
            released += _expire(hold, now)
    return released


def _expire(hold: ReservationItem, now: int) -> int:
    """Release one expired hold unless a confirmation or another sweep got there first; 1 if released."""
    agency_id, worker_id = hold.pk.removeprefix("AGENCY#").split("#WORKER#", 1)
    worker = Worker(agency_id, worker_id)
    _free_locks(worker, reservation_id(hold), domain.granules(int(hold.start), int(hold.end)), expired_by=now)
    try:
        with Transaction(SERVICE) as tx:
            tx.delete(hold, condition=(ReservationItem.kind == domain.HOLD) & (ReservationItem.hold_expires <= now)
                      & (ReservationItem.version == hold.version))
            if hold.request_id:
                tx.delete(RefItem(*worker.ref_key(hold.request_id)))
            _publish(tx, None, hold.request_id or reservation_id(hold), _released(worker, hold, "expired"),
                     agency_id=agency_id, subject_version=int(hold.version))
    except TransactWriteError as error:
        if error.cause_response_code == "TransactionCanceledException":
            log.info("hold %s changed meanwhile (%s); not released", hold.sk, failed_conditions(error))
            return 0
        raise
    return 1


# -- taking and giving back time --------------------------------------------------------------------


def _hold(tx: Transaction, event: Envelope, worker: Worker, request_id: str, start: int, end: int, now: int,
          settings: domain.Settings, slot: domain.Slot, *, client_id: str | None = None,
          service_id: str | None = None, proposal: bool = False) -> None:
    """Take the time for a request until the agency's hold period ends."""
    hold_expires = now + settings.hold_minutes * 60
    rid = str(uuid.uuid4())
    _take_locks(tx, worker, rid, start, end, now, hold_expires=hold_expires)
    item = _reservation(worker, rid, domain.HOLD, start, end, hold_expires=hold_expires, request_id=request_id,
                        client_id=client_id, service_id=service_id, source_version=event.subject_version)
    tx.save(item, condition=ReservationItem.sk.does_not_exist())
    tx.save(RefItem(*worker.ref_key(request_id), reservation_sk=item.sk), condition=RefItem.sk.does_not_exist())
    _publish(tx, event, request_id, _held(worker, item, slot, proposal=proposal))


def _book_new(tx: Transaction, event: Envelope, worker: Worker, start: int, end: int, now: int, *, subject_id: str,
              event_id: str, request_id: str | None) -> None:
    """Book time no hold prepared: only overlap with active holds and bookings decides (staff are not held to slots)."""
    if reason := _cannot_book(start, end, now, refs=len([r for r in (event_id, request_id) if r])):
        _unavailable(tx, event, worker, subject_id, None, reason, request_id=request_id, event_id=event_id)
        return
    if _taken(_nearby(worker, start - MAX_SECONDS, end), start, end, now):
        _unavailable(tx, event, worker, subject_id, start, domain.SLOT_TAKEN, request_id=request_id,
                     event_id=event_id)
        return
    rid = str(uuid.uuid4())
    _take_locks(tx, worker, rid, start, end, now)
    item = _reservation(worker, rid, domain.BOOKING, start, end, request_id=request_id, event_id=event_id,
                        source_version=None if request_id else event.subject_version)
    tx.save(item, condition=ReservationItem.sk.does_not_exist())
    for ref_id in filter(None, (event_id, request_id)):
        tx.save(RefItem(*worker.ref_key(ref_id), reservation_sk=item.sk), condition=RefItem.sk.does_not_exist())
    _publish(tx, event, event_id, _booked(worker, item))


def _move(tx: Transaction, worker: Worker, old: ReservationItem, start: int, end: int, now: int, *,
          hold_expires: int | None, refs: list[str], source_version: int) -> ReservationItem:
    """Move a reservation (same id) to a new time: new locks, old-only locks freed, refs repointed, one transaction."""
    rid = reservation_id(old)
    new_minutes = set(domain.granules(start, end))
    old_only = [m for m in domain.granules(int(old.start), int(old.end)) if m not in new_minutes]
    in_tx = _move_fits(old, start, end, now, len(refs))
    if not in_tx:  # an expired hold's locks may be someone else's now; or too many items for one transaction
        _free_locks(worker, rid, old_only)
    _take_locks(tx, worker, rid, start, end, now, hold_expires=hold_expires, own=True)
    if in_tx:
        for minute in old_only:
            tx.delete(worker.lock(minute), condition=LockItem.holder == rid)
    new = _reservation(worker, rid, old.kind, start, end, hold_expires=hold_expires, request_id=old.request_id,
                       event_id=old.event_id, client_id=old.client_id, service_id=old.service_id,
                       version=int(old.version) + 1, source_version=source_version)
    if new.sk == old.sk:
        tx.save(new, condition=ReservationItem.version == old.version)
    else:
        tx.delete(old, condition=ReservationItem.version == old.version)
        tx.save(new, condition=ReservationItem.sk.does_not_exist())
    for ref_id in refs:
        tx.save(RefItem(*worker.ref_key(ref_id), reservation_sk=new.sk), condition=RefItem.reservation_sk == old.sk)
    return new


def _move_fits(old: ReservationItem, start: int, end: int, now: int, refs: int) -> bool:
    """Whether a move frees the old locks inside its transaction: the old ones are surely its own, and all fit."""
    new_minutes = set(domain.granules(start, end))
    old_only = [m for m in domain.granules(int(old.start), int(old.end)) if m not in new_minutes]
    items = len(new_minutes) + len(old_only) + 2 + refs + 3  # reservation out and in, refs, two events, inbox marker
    return is_active(old, now) and items <= MAX_TRANSACT_ITEMS


def _keep_locks(tx: Transaction, worker: Worker, old: ReservationItem, start: int, end: int, now: int,
                refs: int) -> None:
    """A move that turned out impossible keeps the old time: re-take old locks an earlier attempt may have freed."""
    if is_active(old, now) and not _move_fits(old, start, end, now, refs):
        hold_expires = int(old.hold_expires) if old.kind == domain.HOLD else None
        _take_locks(tx, worker, reservation_id(old), int(old.start), int(old.end), now, hold_expires=hold_expires,
                    own=True)


def _release(tx: Transaction, event: Envelope, worker: Worker, item: ReservationItem, reason: str,
             subject_id: str) -> None:
    """Give a reservation's time back: its own locks first (a taken-over lock is someone else's), then the rest."""
    _free_locks(worker, reservation_id(item), domain.granules(int(item.start), int(item.end)))
    tx.delete(item, condition=ReservationItem.version == item.version)
    for ref_id in filter(None, (item.request_id, item.event_id)):
        _end(tx, worker, ref_id, reason, ref=True)
    _publish(tx, event, subject_id, _released(worker, item, reason))


def _end(tx: Transaction, worker: Worker, ref_id: str, reason: str, ref) -> None:
    """Remember that a request or event is over (replacing its ref, or claiming the id if it had none)."""
    ended = RefItem(*worker.ref_key(ref_id), ended=reason, expires_at=clock.now() + ENDED_TTL_SECONDS)
    tx.save(ended, condition=RefItem.sk.exists() if ref is not None else RefItem.sk.does_not_exist())


def _stale(item: ReservationItem, event: Envelope) -> bool:
    """Whether the event is older than the newest one of its subject already applied to the reservation."""
    return item.source_version is not None and event.subject_version <= int(item.source_version)


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
        try:
            worker.lock(minute).delete(condition=condition)
        except DeleteError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise


# -- loading ----------------------------------------------------------------------------------------


def _ref(worker: Worker, ref_id: str) -> RefItem | None:
    try:
        return RefItem.get(*worker.ref_key(ref_id), consistent_read=True)
    except DoesNotExist:
        return None


def _lookup(worker: Worker, ref_id: str) -> tuple[RefItem | None, ReservationItem | None]:
    """A request's or event's ref and the reservation it holds, if any (one or two GetItems)."""
    ref = _ref(worker, ref_id)
    if ref is None or ref.ended:
        return ref, None
    try:
        return ref, ReservationItem.get(worker.pk, ref.reservation_sk, consistent_read=True)
    except DoesNotExist:
        return ref, None


def _nearby(worker: Worker, first_start: int, last_start: int) -> list[ReservationItem]:
    """Reservations starting in [first_start, last_start): one Query (the range key sorts by start)."""
    condition = ReservationItem.sk.between(f"RES#{times.iso(first_start)}", f"RES#{times.iso(last_start)}")
    return list(ReservationItem.query(worker.pk, condition, consistent_read=True))


def _schedule(worker: Worker, start: int, without: ReservationItem | None = None):
    """The agency's settings and the worker's schedule around `start` (three Queries), minus one reservation."""
    agency = handlers.load_agency(worker.agency_id)
    config = handlers.load_worker(worker.agency_id, worker.worker_id)
    day = datetime.fromtimestamp(start, UTC).date()
    schedule = handlers.load_schedule(agency, config, worker.agency_id, worker.worker_id,
                                      day - timedelta(days=1), day + timedelta(days=1))
    if without is not None:
        schedule.reservations = [r for r in schedule.reservations if r.reservation_id != reservation_id(without)]
    return agency.settings, schedule


def _taken(items: list[ReservationItem], start: int, end: int, now: int,
           without: ReservationItem | None = None) -> bool:
    """Whether another active reservation shares a lock granule with [start, end)."""
    mine = set(domain.granules(start, end))
    return any(
        is_active(r, now) and (without is None or r.sk != without.sk)
        and mine.intersection(domain.granules(int(r.start), int(r.end)))
        for r in items
    )


def _cannot_book(start: int | None, end: int | None, now: int, *, refs: int,
                 moving: ReservationItem | None = None) -> str | None:
    """Why a staff event's (or a confirmation's) times can take no time: not real times or too far away, an end not
    after the start, longer than MAX_SLOT_MINUTES, or more locks than one transaction holds beside the rest."""
    if reason := domain.out_of_reach(start, now) or domain.out_of_reach(end, now):
        return reason
    if not 0 < end - start <= MAX_SECONDS:
        return domain.OUTSIDE_AVAILABILITY
    fits = (_move_fits_a_transaction(moving, start, end, refs) if moving is not None
            else len(domain.granules(start, end)) + 1 + refs + 2 <= MAX_TRANSACT_ITEMS)  # + event, inbox marker
    return None if fits else domain.OUTSIDE_AVAILABILITY


def _move_fits_a_transaction(old: ReservationItem, start: int, end: int, refs: int) -> bool:
    """Whether a move's new locks fit one transaction beside its reservation (out and in), refs, two events and the
    inbox marker, when the old locks are freed outside it."""
    return len(domain.granules(start, end)) + 2 + refs + 3 <= MAX_TRANSACT_ITEMS


def _start_of(sk: str) -> int:
    return times.instant(sk.split("#")[1])


def _links(status: str, provider_ids, participant_ids) -> set[tuple[str, str]]:
    if status != "open":
        return set()
    return {(w, c) for w in provider_ids or () for c in participant_ids or ()}


# -- items and events -------------------------------------------------------------------------------


def _reservation(worker: Worker, rid: str, kind: str, start: int, end: int, *, hold_expires: int | None = None,
                 request_id: str | None = None, event_id: str | None = None, client_id: str | None = None,
                 service_id: str | None = None, version: int = 1,
                 source_version: int | None = None) -> ReservationItem:
    item = ReservationItem(worker.pk, reservation_sk(start, rid), kind=kind, start=start, end=end,
                           hold_expires=hold_expires, request_id=request_id, event_id=event_id, client_id=client_id,
                           service_id=service_id, version=version, source_version=source_version)
    if kind == domain.HOLD:
        item.gsi1pk = HOLDS
        item.gsi1sk = f"{times.iso(hold_expires)}#{worker.agency_id}#{worker.worker_id}#{rid}"
    return item


def _held(worker: Worker, item: ReservationItem, slot: domain.Slot, proposal: bool = False) -> SlotHeld:
    """The held time, with the slot's site and its local start (what the client and worker are shown)."""
    return SlotHeld(request_id=item.request_id, worker_id=worker.worker_id, start=times.iso(int(item.start)),
                    end=times.iso(int(item.end)), hold_expires_at=times.iso(int(item.hold_expires)),
                    proposal=proposal, site_id=slot.site_id, local_start=slot.view()["local_start"])


def _booked(worker: Worker, item: ReservationItem) -> SlotBooked:
    return SlotBooked(event_id=item.event_id, request_id=item.request_id, worker_id=worker.worker_id,
                      start=times.iso(int(item.start)), end=times.iso(int(item.end)))


def _released(worker: Worker, item: ReservationItem, reason: str) -> SlotReleased:
    return SlotReleased(request_id=item.request_id, event_id=item.event_id, worker_id=worker.worker_id,
                        start=times.iso(int(item.start)), end=times.iso(int(item.end)), reason=reason)


def _unavailable(tx: Transaction, event: Envelope, worker: Worker, subject_id: str, start: int | None, reason: str, *,
                 request_id: str | None = None, event_id: str | None = None, proposal: bool = False) -> None:
    """The time asked for cannot be had, and why; `start` None: the event's own text (a time that cannot be computed
    with is told back as it was given)."""
    shown = times.iso(start) if start is not None else event.data["start"]
    _publish(tx, event, subject_id, SlotUnavailable(request_id=request_id or None, event_id=event_id or None,
                                                    worker_id=worker.worker_id, start=shown, reason=reason,
                                                    proposal=proposal))


def _publish(tx: Transaction, cause: Envelope | None, subject_id: str, payload: Published, *,
             agency_id: str | None = None, subject_version: int | None = None) -> None:
    """An availability.slot.* event about the subject of the consumed event (its version and correlation carried on)."""
    tx.publish(payload.envelope(
        agency_id=agency_id or cause.agency_id,
        subject_id=subject_id,
        subject_version=subject_version if subject_version is not None else cause.subject_version,
        cause=cause,
    ))
