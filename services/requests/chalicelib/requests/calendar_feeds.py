"""Calendar subscription feeds and "Add to calendar" files: a person's events as iCalendar (`portalkit.ics`).

A feed's URL carries a secret of 32 random bytes (url-safe); the table keeps only its SHA-256, as the feed item's
key, so a read of the table reveals no link, and the link is shown once. A new link and "Stop sharing" delete the
old feed item in the same transaction, so the old link answers 404 at once. Serving a feed needs no sign-in (the
secret is the credential): one UpdateItem finds the feed and counts the fetch against the window's limit, one
BatchGetItem reads the agency's settings and horizon, one Query the person's events (the client's partition, or
the worker's index), and, only where the agency lets a worker's entries name clients, one BatchGetItem of names.
No secret is ever logged: log lines name the route, never the path.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from portalkit import clock, ics, times
from portalkit.errors import changed
from portalkit.identity import CLIENT, Identity
from portalkit.store import Transaction, commit

from . import domain, models
from .agency_settings import settings_of
from .agency_zone import scheduling_of
from .models import (
    FETCHED,
    NEW_WINDOW,
    NO_FEED,
    SCHEDULE,
    SERVICE,
    AgencyZoneItem,
    EventItem,
    FeedItem,
    FeedOwnerItem,
    Item,
    SettingsItem,
    client_pk,
    count_feed_fetch,
    start_feed_window,
)

FEED_PATH = "/requests/feeds/"
NO_SUCH_FEED = "No such calendar feed: it was replaced or turned off. Ask for a new link in the portal."
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$")
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$")
_LOOPBACK = ("127.0.0.1", "localhost")


def digest(secret: str) -> str:
    """The feed's key: SHA-256 of its secret (32 random bytes need no slow hash: nothing to guess from)."""
    return hashlib.sha256(secret.encode()).hexdigest()


# -- the person's own feed: made, replaced, turned off ----------------------------------------------------


def _owner(who: Identity) -> FeedOwnerItem | None:
    return models.load_feed_owner(who.agency_id, who.person_id)


def feed_status(who: Identity) -> dict:
    """Whether the caller has a feed, since when, and when a calendar app last fetched it (never its link)."""
    owner = _owner(who)
    feed = models.load_feed(owner.digest) if owner is not None else None
    if feed is None:
        return {"active": False, "created_at": None, "last_fetched_at": None}
    return {"active": True, "created_at": feed.created_at, "last_fetched_at": feed.last_fetched_at}


def new_feed(who: Identity, origin: str | None) -> dict:
    """A new secret link to the caller's events; the link they had before (if any) stops working in the same write.

    The answer is the only place the secret ever appears: no Idempotency-Key (its stored reply would keep it)."""
    owner = _owner(who)
    secret = secrets.token_urlsafe(32)
    made = clock.now_iso()
    key = FeedOwnerItem.key(who.agency_id, who.person_id)

    def write(tx: Transaction) -> None:
        if owner is not None:
            tx.delete(FeedItem(*FeedItem.key(owner.digest)))
        tx.save(FeedItem(*FeedItem.key(digest(secret)), agency_id=who.agency_id, person_id=who.person_id,
                         role=who.role, created_at=made), condition=FeedItem.pk.does_not_exist())
        version = 1 if owner is None else int(owner.version) + 1
        unchanged = FeedOwnerItem.pk.does_not_exist() if owner is None else FeedOwnerItem.version == owner.version
        tx.save(FeedOwnerItem(*key, digest=digest(secret), created_at=made, version=version), condition=unchanged)

    commit(SERVICE, write, changed("calendar feed"))
    path = f"{FEED_PATH}{secret}{domain.FEED_SUFFIX}"
    return {"url": f"{origin}{path}" if origin else None,
            "webcal_url": "webcal://" + origin.split("://", 1)[1] + path if origin else None,
            "path": path, "created_at": made}


def stop_feed(who: Identity) -> None:
    """Turn the caller's feed off: its link answers 404 from now on (nothing to do if there is none)."""
    owner = _owner(who)
    if owner is None:
        return

    def write(tx: Transaction) -> None:
        tx.delete(FeedItem(*FeedItem.key(owner.digest)))
        tx.delete(FeedOwnerItem(*FeedOwnerItem.key(who.agency_id, who.person_id)),
                  condition=FeedOwnerItem.version == owner.version)

    commit(SERVICE, write, changed("calendar feed"))


def public_origin(headers: dict) -> str | None:
    """Where the caller reached the API, to write the feed's URL with: the browser's Origin (CloudFront passes it
    on; the API Gateway host behind it is not the portal's), else the Host; None when neither is a plain origin."""
    origin = headers.get("origin")
    if origin and _ORIGIN.match(origin):
        return origin
    host = headers.get("host")
    if host and _HOST.match(host):
        return ("http" if host.rsplit(":", 1)[0] in _LOOPBACK else "https") + "://" + host
    return None


# -- serving a feed --------------------------------------------------------------------------------------


def serve_feed(path_value: str) -> str:
    """The feed whose secret is in the path, as iCalendar text; 404 for any other (forged, short, absurd, revoked,
    replaced) and 429 with Retry-After past the window's limit of fetches."""
    secret = domain.feed_secret(path_value)
    if secret is None:
        raise domain.FeedNotFound(NO_SUCH_FEED)
    now = clock.now()
    feed = _count_fetch(digest(secret), now)
    agency_id, person_id, role = feed.agency_id, feed.person_id, feed.role
    settings_item, zone = models.read((SettingsItem, SettingsItem.key(agency_id)),
                                      (AgencyZoneItem, AgencyZoneItem.key(agency_id)))
    settings = settings_of(settings_item)
    low, high = domain.feed_span(now, scheduling_of(zone).horizon_days)
    events = [e for e in _events_of(agency_id, person_id, role, low, high) if domain.in_feed(e, now)]
    names = _names(agency_id, events, role, settings)
    entries = [domain.calendar_entry(e, _summary(e, role, settings, names)) for e in events]
    return ics.calendar(entries, name=domain.feed_name(settings.agency_name),
                        refresh_minutes=domain.FEED_REFRESH_MINUTES)


def _count_fetch(key: str, now: int) -> FeedItem:
    """The feed item, this fetch counted (else FeedNotFound, FeedFetchLimit): one UpdateItem, two at a window's
    first fetch."""
    window = now // domain.FEED_WINDOW_SECONDS
    fetched_at = times.iso(now)
    for _ in range(3):  # a window started by a concurrent fetch: count again
        outcome, item = count_feed_fetch(key, window, domain.FEED_FETCHES_PER_WINDOW, fetched_at)
        if outcome == NEW_WINDOW:
            outcome, item = start_feed_window(key, window, fetched_at)
            if outcome == NEW_WINDOW:
                continue
        if outcome == FETCHED:
            return item
        if outcome == NO_FEED:
            raise domain.FeedNotFound(NO_SUCH_FEED)
        break
    retry = (window + 1) * domain.FEED_WINDOW_SECONDS - now
    said = (f"This calendar feed was fetched {domain.FEED_FETCHES_PER_WINDOW} times in the last "
            f"{domain.FEED_WINDOW_SECONDS // 60} minutes; try again in {retry} seconds.")
    raise domain.FeedFetchLimit(said, retry)


def _events_of(agency_id: str, person_id: str, role: str, low: int, high: int) -> list[domain.Event]:
    """The person's events starting in [low, high], by start: a client's copies (one Query of their partition), or
    a worker's or admin's own events (one Query of the workers' index)."""
    if role == CLIENT:
        condition = Item.sk.between(SCHEDULE + times.iso(low), SCHEDULE + times.iso(high) + "~")
        return models.query_all(EventItem, client_pk(agency_id, person_id), condition)
    index_pk = EventItem.index_pk(agency_id, person_id)
    between = EventItem.gsi1sk.between(times.iso(low), times.iso(high) + "~")
    return [item.to_domain() for item in EventItem.by_worker.query(index_pk, between)]


def _names(agency_id: str, events: list[domain.Event], role: str, settings: domain.Settings) -> dict[str, str]:
    """Clients' names, read only for a staff member's entries of an agency that lets them name clients."""
    if role == CLIENT or not settings.feed_client_names:
        return {}
    people = models.load_people(agency_id, sorted({c for e in events for c in e.client_ids}))
    return {p.person_id: p.name for p in people.values()}


def _summary(event: domain.Event, role: str, settings: domain.Settings, names: dict[str, str]) -> str:
    return domain.entry_summary(settings.agency_name, domain.names_shown(event, role, settings, names))


# -- one event's file ("Add to calendar") ----------------------------------------------------------------


def event_file(who: Identity, event_id: str) -> str:
    """One event as a calendar file, for its clients and its worker only (anyone else: 404, as a missing one).
    A cancelled event's file says CANCELLED with a higher SEQUENCE: opened, it updates the entry already held."""
    item, settings_item = models.read((EventItem, EventItem.key(who.agency_id, event_id)),
                                      (SettingsItem, SettingsItem.key(who.agency_id)))
    event = domain.file_reach(who, item.to_domain() if item else None, event_id)
    settings = settings_of(settings_item)
    names = _names(who.agency_id, [event], who.role, settings)
    return ics.calendar([domain.calendar_entry(event, _summary(event, who.role, settings, names))])
