"""Discussions between a client and their service's providers: start, post, read; the three-message rule.

A message is one transaction: the message (a record), the discussion's listing, the client's count of
unanswered messages (a client's message adds one on condition that fewer than three are unanswered; a
provider's reply sets it to zero), every follower's inbox item and unread counts, the emails to send, and
what it publishes on the bus. Concurrent sends can therefore never store a fourth unanswered message.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from msgspec import Struct

from portalkit import clock
from portalkit.api import encode_cursor
from portalkit.errors import NotFound
from portalkit.idempotency import Idempotent
from portalkit.identity import CLIENT, WORKER, Identity
from portalkit.store import Transaction, TransactionCancelled, lost_race

from . import domain
from .inbox import add_unread
from .models import (
    SERVICE,
    CounterItem,
    DiscussionItem,
    DiscussionRefItem,
    EmailItem,
    EntryItem,
    MessageItem,
    batch_get,
    contact_from,
    contact_key,
    discussion_pk,
    entry_key,
    get_discussion,
    get_unanswered,
    inbox_pk,
    load,
    page_of,
    page_start,
    service_from,
    service_key,
    service_pk,
    settings_from,
    settings_key,
    unanswered_key,
)
from .notifications import email_item
from .schemas import DiscussionStarted, MessagePosted

ATTEMPTS = 4  # each lost race means another message committed; a client can only win three before the limit
PAGE = 50
MAX_PAGE = 200


def new_id() -> str:
    """Ids that sort by creation (the clock's nanoseconds), so messages of one second keep their order."""
    return f"{clock.now_ns():016x}{secrets.token_hex(4)}"


class Thread(Struct, frozen=True):
    """The discussion a message goes into (new or existing) and the service it belongs to."""

    discussion_id: str
    client_id: str
    subject: str
    started_at: str
    service: domain.ServiceFile
    settings: domain.AgencySettings
    is_new: bool


# -- starting and posting ---------------------------------------------------------------------------------


def start_discussion(who: Identity, service_id: str, client_id: str | None, subject: str, body: str,
                     idempotency_key: str | None) -> tuple[int, dict]:
    """A client with their service's providers, or a provider with a client of the service."""
    keys = [settings_key(who.agency_id), service_key(who.agency_id, service_id)]
    found = batch_get(keys)
    settings, service = settings_from(found.get(keys[0])), service_from(found.get(keys[1]))
    client_id = domain.discussion_client(who.role, who.person_id, service_id, service, client_id)
    thread = Thread(discussion_id=new_id(), client_id=client_id, subject=subject, started_at=clock.now_iso(),
                    service=service, settings=settings, is_new=True)
    request = {"service_id": service_id, "client_id": client_id, "subject": subject, "message": body}
    return _send(who, thread, body, Idempotent(SERVICE, who, "start_discussion", idempotency_key, request))


def post_message(who: Identity, discussion_id: str, body: str, idempotency_key: str | None) -> tuple[int, dict]:
    header, service, settings, _ = _readable(who, discussion_id)
    thread = Thread(discussion_id=discussion_id, client_id=header.client_id, subject=header.subject,
                    started_at=header.started_at, service=service, settings=settings, is_new=False)
    request = {"discussion_id": discussion_id, "message": body}
    return _send(who, thread, body, Idempotent(SERVICE, who, "post_message", idempotency_key, request))


def _send(who: Identity, thread: Thread, body: str, idempotent: Idempotent) -> tuple[int, dict]:
    """Load the followers, decide, commit; a lost race decides again, a full count answers 409."""
    followers = domain.followers(who.person_id, thread.client_id, thread.service)
    for _ in range(ATTEMPTS):
        people = _people(who, thread, followers)
        try:
            return idempotent.run(lambda tx: _write(tx, who, thread, body, followers, people))  # noqa: B023
        except TransactionCancelled as error:
            if not lost_race(error):
                raise
            if who.role == CLIENT and _unanswered(who, thread) >= domain.UNANSWERED_LIMIT:
                raise domain.MessageLimitReached(domain.limit_message(thread.service)) from None
    raise domain.Busy("The discussion is busy; send the message again.")


@dataclass
class People:
    contacts: dict[str, domain.Contact | None]
    author_unread: int  # the author's unread messages in this discussion: their post reads them


def _people(who: Identity, thread: Thread, followers: list[str]) -> People:
    """The followers' contacts and the author's inbox item of the discussion: one BatchGetItem."""
    keys = [contact_key(who.agency_id, p) for p in followers]
    author_entry = entry_key(who.agency_id, who.person_id, thread.discussion_id)
    found = batch_get([*keys, author_entry])
    entry = load(EntryItem, found.get(author_entry))
    return People(contacts={p: contact_from(found.get(k)) for p, k in zip(followers, keys, strict=True)},
                  author_unread=int(entry.unread or 0) if entry else 0)


def _write(tx: Transaction, who: Identity, thread: Thread, body: str, followers: list[str],
           people: People) -> tuple[int, dict]:
    domain.check_may_write(thread.settings, thread.service, who.role, starting=thread.is_new)
    agency, service = who.agency_id, thread.service
    message_id, posted_at = new_id(), clock.now_iso()
    author = people.contacts.get(who.person_id)
    author_name = author.name if author else None
    pk = discussion_pk(agency, thread.discussion_id)
    ref_key = (service_pk(agency, service.service_id), f"DISC#{thread.started_at}#{thread.discussion_id}")

    if thread.is_new:
        tx.save(DiscussionItem(pk, "DISC", service_id=service.service_id, client_id=thread.client_id,
                               subject=thread.subject, started_by=who.person_id, started_by_role=who.role,
                               started_at=thread.started_at), condition=DiscussionItem.pk.does_not_exist())
        tx.save(DiscussionRefItem(*ref_key, discussion_id=thread.discussion_id, client_id=thread.client_id,
                                  subject=thread.subject, started_at=thread.started_at, last_message_at=posted_at,
                                  message_count=1))
    else:
        tx.update(DiscussionRefItem(*ref_key), actions=[DiscussionRefItem.last_message_at.set(posted_at),
                                                        DiscussionRefItem.message_count.add(1)])
    tx.save(MessageItem(pk, f"MSG#{domain.sort_key(posted_at)}#{message_id}", message_id=message_id,
                        author_id=who.person_id, author_role=who.role, author_name=author_name, body=body,
                        posted_at=posted_at), condition=MessageItem.pk.does_not_exist())

    unanswered = CounterItem(*unanswered_key(agency, service.service_id, thread.client_id))
    if who.role == CLIENT:
        tx.update(unanswered, actions=[CounterItem.count.add(1)],
                  condition=CounterItem.count.does_not_exist() | (CounterItem.count < domain.UNANSWERED_LIMIT))
    else:
        tx.update(unanswered, actions=[CounterItem.count.set(0)])  # any provider's reply

    words = domain.message_text(author_name or ("Your client" if who.role == CLIENT else "Your provider"),
                                thread.subject, body)
    recipients = [p for p in followers if p != who.person_id]
    for person_id in followers:
        mine = person_id == who.person_id
        _touch_entry(tx, agency, person_id, thread, body, author_name, posted_at, message_id,
                     author_unread=people.author_unread if mine else None)
    if people.author_unread:
        add_unread(tx, agency, who.person_id, service.service_id, -people.author_unread)
    for person_id in recipients:
        add_unread(tx, agency, person_id, service.service_id, 1)
        audience = CLIENT if person_id == thread.client_id else WORKER
        contact = people.contacts.get(person_id)
        if domain.email_allowed(thread.settings, contact, audience, domain.MESSAGE):
            email_id = domain.notification_id(message_id, person_id)
            tx.save(email_item(email_id, agency, person_id, contact.email, words,
                               thread.settings.detail(domain.MESSAGE), domain.MESSAGE, posted_at),
                    condition=EmailItem.pk.does_not_exist())

    if thread.is_new:
        started = DiscussionStarted(discussion_id=thread.discussion_id, service_id=service.service_id,
                                    client_id=thread.client_id, started_by=who.person_id,
                                    started_by_role=who.role, started_at=thread.started_at)
        tx.publish(started.envelope(agency_id=agency, subject_id=thread.discussion_id, subject_version=1))
    posted = MessagePosted(message_id=message_id, discussion_id=thread.discussion_id, service_id=service.service_id,
                           client_id=thread.client_id, author_id=who.person_id, author_role=who.role,
                           posted_at=posted_at, recipient_ids=recipients)
    tx.publish(posted.envelope(agency_id=agency, subject_id=message_id, subject_version=1))
    answer = {"discussion_id": thread.discussion_id, "message_id": message_id, "posted_at": posted_at}
    return 201, answer


def _touch_entry(tx: Transaction, agency: str, person_id: str, thread: Thread, body: str, author_name: str | None,
                 posted_at: str, message_id: str, author_unread: int | None) -> None:
    """Bring the discussion to the top of a follower's inbox: one more unread message for the others, none for
    the author (on condition that their unread count is still the one read, so the counts stay exact)."""
    entry = EntryItem(*entry_key(agency, person_id, thread.discussion_id))
    actions = [
        EntryItem.item_type.set("discussion"), EntryItem.kind.set(domain.MESSAGE),
        EntryItem.service_id.set(thread.service.service_id), EntryItem.discussion_id.set(thread.discussion_id),
        EntryItem.subject.set(thread.subject), EntryItem.body.set(domain.preview(body)), EntryItem.at.set(posted_at),
        EntryItem.gsi1pk.set(inbox_pk(agency, person_id)),
        EntryItem.gsi1sk.set(f"{domain.sort_key(posted_at)}#{message_id}"),  # message ids order one second
    ]
    if author_name:
        actions.append(EntryItem.from_name.set(author_name))
    if author_unread is None:
        tx.update(entry, actions=[*actions, EntryItem.unread.add(1)])
    else:
        tx.update(entry, actions=[*actions, EntryItem.unread.set(0)],
                  condition=EntryItem.unread.does_not_exist() | (EntryItem.unread == author_unread))


def _unanswered(who: Identity, thread: Thread) -> int:
    return get_unanswered(who.agency_id, thread.service.service_id, thread.client_id)


# -- reading ---------------------------------------------------------------------------------------------


def _readable(who: Identity, discussion_id: str, with_counter: bool = False):
    """The discussion, its service, the agency's settings (and the client's unanswered count), or 404 for anyone
    who may not read it."""
    header = get_discussion(who.agency_id, discussion_id)
    if header is None:
        raise NotFound(f"No discussion {discussion_id}.")
    keys = [settings_key(who.agency_id), service_key(who.agency_id, header.service_id),
            unanswered_key(who.agency_id, header.service_id, header.client_id)]
    found = batch_get(keys if with_counter else keys[:2])
    service = service_from(found.get(keys[1]))
    if not domain.may_read(who.role, who.person_id, header.client_id, service):
        raise NotFound(f"No discussion {discussion_id}.")
    counter = load(CounterItem, found.get(keys[2]))
    return header, service, settings_from(found.get(keys[0])), int(counter.count or 0) if counter else 0


def read_discussion(who: Identity, discussion_id: str, cursor: str | None, limit: int | None) -> dict:
    """The discussion and a page of its messages, oldest first: a GetItem, a BatchGetItem and a Query."""
    pk = discussion_pk(who.agency_id, discussion_id)
    start = page_start(cursor, ("pk", pk), "MSG#")
    header, service, settings, unanswered = _readable(who, discussion_id, with_counter=who.role == CLIENT)
    messages, last = page_of(MessageItem, pk, MessageItem.sk.startswith("MSG#"), limit=limit or PAGE,
                             start_key=start)
    refused = domain.refusal(settings, service, who.role, unanswered=unanswered if who.role == CLIENT else None)
    view = {**header.view(), "service_name": service.name,
            "messages": [message.view() for message in messages],
            "cursor": encode_cursor(last),
            "discussions_enabled": settings.discussions_enabled,  # off: staff may reply, the client cannot
            "can_post": refused is None,
            "cannot_post_reason": refused.code if refused else None,  # the code a post would answer
            "cannot_post_message": refused.message if refused else None}
    if who.role == CLIENT:
        view["messages_left"] = max(0, domain.UNANSWERED_LIMIT - unanswered)
    return view


def list_discussions(who: Identity, service_id: str, cursor: str | None, limit: int | None) -> dict:
    """A service's discussions, newest first (staff who provide it, and admins)."""
    pk = service_pk(who.agency_id, service_id)
    start = page_start(cursor, ("pk", pk), "DISC#")
    service = service_from(batch_get([service_key(who.agency_id, service_id)]).get(service_key(who.agency_id,
                                                                                               service_id)))
    if not domain.takes_part(who.role, who.person_id, service):
        raise NotFound(f"No service {service_id}.")
    refs, last = page_of(DiscussionRefItem, pk, DiscussionRefItem.sk.startswith("DISC#"), limit=limit or PAGE,
                         start_key=start, forward=False)
    return {"service_id": service_id, "service_name": service.name,
            "discussions": [ref.view() for ref in refs],
            "cursor": encode_cursor(last)}
