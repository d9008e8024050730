"""A worker's time off: no slot is open while it lasts."""

from __future__ import annotations

from portalkit import times
from portalkit.errors import NotFound
from portalkit.identity import Identity
from portalkit.store import commit, new_id

from . import domain, models
from .models import SERVICE, TimeOffItem


def _time_off_view(t: domain.TimeOff) -> dict:
    return {"time_off_id": t.time_off_id, "start": times.iso(t.start), "end": times.iso(t.end), "reason": t.reason}


def list_time_off(who: Identity, worker_id: str) -> dict:
    domain.may_manage(who, worker_id)
    time_off = sorted(models.load_worker(who.agency_id, worker_id).time_off, key=lambda t: (t.start, t.time_off_id))
    return {"time_off": [_time_off_view(t) for t in time_off]}


def add_time_off(who: Identity, worker_id: str, start: int, end: int, reason: str | None) -> dict:
    domain.may_manage(who, worker_id)
    time_off = domain.TimeOff(time_off_id=new_id(), start=start, end=end, reason=reason)
    item = TimeOffItem.of(who.agency_id, worker_id, time_off)
    commit(SERVICE, lambda tx: tx.save(item, condition=TimeOffItem.pk.does_not_exist()),
           domain.IdTaken("The id is taken; retry."))
    return _time_off_view(time_off)


def delete_time_off(who: Identity, worker_id: str, time_off_id: str) -> None:
    domain.may_manage(who, worker_id)
    item = TimeOffItem(*TimeOffItem.key(who.agency_id, worker_id, time_off_id))
    commit(SERVICE, lambda tx: tx.delete(item, condition=TimeOffItem.pk.exists()),
           NotFound(f"No time off {time_off_id}."))
