"""Routes of the messaging service: what each accepts and answers (schemas.py), and the one handler it calls."""

from __future__ import annotations

from chalice import Blueprint

from portalkit.api import Api
from portalkit.identity import ADMIN, ANYONE, CLIENT, STAFF

from . import contacts, discussions, inbox, reminders, settings
from . import schemas as s

blueprint = Blueprint(__name__)
api = Api(blueprint, "/messaging")
api.health("messaging")

ME_DISCUSSION = "/me/discussions/{discussion_id}"
DISCUSSION = "/discussions/{discussion_id}"
CLIENTS = (CLIENT,)


# -- discussions ---------------------------------------------------------------------------------------------


@api.route("/me/discussions", methods=["POST"], roles=CLIENTS, body=s.NewDiscussionWithProviders, returns=s.Posted,
           status=201, errors=(403, 409), idempotent=True)
def start_discussion_with_provider(call, body: s.NewDiscussionWithProviders):
    """Start a discussion with the providers of one of your services."""
    return discussions.start_discussion(call.who, body.service_id, None, body.subject, body.message,
                                        call.idempotency_key)


@api.route("/discussions", methods=["POST"], roles=STAFF, body=s.NewDiscussionWithClient, returns=s.Posted,
           status=201, errors=(403, 409), idempotent=True)
def start_discussion_with_client(call, body: s.NewDiscussionWithClient):
    """Start a discussion with a client of a service you provide."""
    return discussions.start_discussion(call.who, body.service_id, body.client_id, body.subject, body.message,
                                        call.idempotency_key)


def _post(call, discussion_id, body: s.NewMessage):
    """Post a message in a discussion."""
    return discussions.post_message(call.who, discussion_id, body.message, call.idempotency_key)


def _read(call, discussion_id, query: s.MessagePage):
    """A discussion with a page of its messages, oldest first, and whether you may post now."""
    return discussions.read_discussion(call.who, discussion_id, query.cursor, query.limit)


POST = {"methods": ["POST"], "body": s.NewMessage, "returns": s.Posted, "status": 201, "errors": (403, 409),
        "idempotent": True}
api.route(ME_DISCUSSION + "/messages", roles=CLIENTS, **POST)(_post)
api.route(DISCUSSION + "/messages", roles=STAFF, **POST)(_post)
api.route(ME_DISCUSSION, roles=CLIENTS, query=s.MessagePage, returns=s.Discussion)(_read)
api.route(DISCUSSION, roles=STAFF, query=s.MessagePage, returns=s.Discussion)(_read)


@api.route("/discussions", roles=STAFF, query=s.DiscussionsOfService, returns=s.Discussions)
def list_discussions(call, query: s.DiscussionsOfService):
    """A service's discussions, newest activity first."""
    return discussions.list_discussions(call.who, query.service_id, query.cursor, query.limit)


# -- inboxes -------------------------------------------------------------------------------------------------


def _inbox(call, query: s.InboxPage):
    """Your inbox: discussions you follow and notifications, newest activity first, with unread counts."""
    return inbox.inbox(call.who, query.service_id, query.unread, query.cursor, query.limit)


def _mark_read(call, item_id):
    """Mark an inbox item read."""
    return inbox.mark_read(call.who, item_id)


api.route("/me/inbox", roles=CLIENTS, query=s.InboxPage, returns=s.Inbox)(_inbox)
api.route("/inbox", roles=STAFF, query=s.InboxPage, returns=s.Inbox)(_inbox)
api.route("/me/inbox/{item_id}/read", methods=["POST"], roles=CLIENTS, returns=s.InboxItem)(_mark_read)
api.route("/inbox/{item_id}/read", methods=["POST"], roles=STAFF, returns=s.InboxItem)(_mark_read)


# -- preferences and settings --------------------------------------------------------------------------------


@api.route("/me/preferences", roles=ANYONE, returns=s.Preferences)
def get_preferences(call):
    """Your email choices, and what reaches you by email once the agency and your consent are counted."""
    return contacts.get_preferences(call.who)


@api.route("/me/preferences", methods=["PUT"], roles=ANYONE, body=s.PreferencesChange, returns=s.Preferences)
def update_preferences(call, body: s.PreferencesChange):
    """Choose which kinds of notification also reach you by email, and how much your emails say."""
    return contacts.update_preferences(call.who, body.email, body.email_detail)


@api.route("/settings", roles=(ADMIN,), returns=s.Settings)
def get_settings(call):
    """The agency's messaging settings."""
    return settings.get_settings(call.who)


@api.route("/settings", methods=["PUT"], roles=(ADMIN,), body=s.SettingsChange, returns=s.Settings)
def update_settings(call, body: s.SettingsChange):
    """Change the agency's messaging settings on the version read."""
    changes = {"discussions_enabled": body.discussions_enabled,
               "client_delivery_enabled": body.client_delivery_enabled, "reminders_enabled": body.reminders_enabled,
               "reminder_hours": body.reminder_hours}
    return settings.update_settings(call.who, {k: v for k, v in changes.items() if v is not None},
                                    body.email_detail or {}, body.version)


@api.route("/me/settings", roles=ANYONE, returns=s.ClientSettings)
def get_client_settings(call):
    """What the agency's messaging settings let you do: whether discussions are on (the full settings are admins')."""
    return settings.get_client_settings(call.who)


# -- reminders of an event -----------------------------------------------------------------------------------


@api.route("/events/{event_id}/reminders", roles=STAFF, returns=s.EventReminders)
def get_event_reminders(call, event_id):
    """An event's reminders: on or off, which were sent (to whom, when), which are still due."""
    return reminders.event_reminders(call.who, event_id)


@api.route("/events/{event_id}/reminders", methods=["PUT"], roles=STAFF, body=s.RemindersSwitch,
           returns=s.EventReminders, errors=(403,))
def set_event_reminders(call, event_id, body: s.RemindersSwitch):
    """Turn an event's reminders off or back on (its worker or an admin)."""
    return reminders.set_event_reminders(call.who, event_id, body.enabled)
