/**
 * The messaging service's API (`/messaging`): the staff inbox, discussions and the agency's settings. Its types are
 * those generated from messaging's OpenAPI document (`shared/api/messaging.ts`).
 */

import { allPages, type Api } from "../../shared/http";
import type {
  Discussion,
  EventReminders,
  Inbox,
  InboxItem,
  InboxQuery,
  Message,
  NewDiscussionWithClient,
  NewMessage,
  NotificationKind,
  Posted,
  Preferences,
  PreferencesChange,
  RemindersSwitch,
  Settings,
  SettingsChange,
} from "../../shared/api/messaging";

/** The notification kinds, as people read them (every kind of the API: the compiler checks). */
export const KIND_LABELS: Record<string, string> = {
  message: "Messages",
  event_requested: "Event requested",
  request_awaiting_response: "Request received",
  request_declined: "Request declined",
  request_confirmed: "Request confirmed",
  time_proposed: "Another time proposed",
  proposal_failed: "Proposed time not available",
  request_expired: "Request expired",
  request_withdrawn: "Request withdrawn",
  event_scheduled: "Added to an event",
  video_link: "Video link added",
  event_rescheduled: "Event rescheduled",
  event_cancelled: "Event cancelled",
  attendee_left: "Attendee cancelled",
  invoice_issued: "Invoice issued",
  payment_received: "Payment received",
  payment_failed: "Payment failed",
  service_approved: "New service approved",
  service_declined: "New service declined",
  event_reminder: "Event reminder",
} satisfies Record<NotificationKind, string>;

const id = encodeURIComponent;

export const messaging = {
  inbox: (api: Api, query: Pick<InboxQuery, "service_id" | "unread" | "limit"> = {}) =>
    api.get<Inbox>("/messaging/inbox", {
      service_id: query.service_id ?? undefined,
      unread: query.unread ? "true" : undefined,
      limit: query.limit ?? undefined,
    }),
  markRead: (api: Api, itemId: string) => api.post<InboxItem>(`/messaging/inbox/${id(itemId)}/read`, {}),

  /** A discussion with all its messages, oldest first. */
  async discussion(api: Api, discussionId: string): Promise<Discussion> {
    let first: Discussion | undefined;
    const messages = await allPages<Message>(async (cursor) => {
      const page = await api.get<Discussion>(`/messaging/discussions/${id(discussionId)}`, { cursor, limit: 100 });
      first ??= page;
      return page as unknown as { cursor?: string | null } & Record<string, unknown>;
    }, "messages");
    return { ...first!, messages, cursor: null };
  },
  post: (api: Api, discussionId: string, message: string, key: string) =>
    api.post<Posted>(`/messaging/discussions/${id(discussionId)}/messages`, { message } satisfies NewMessage, {
      "Idempotency-Key": key,
    }),
  start: (api: Api, body: NewDiscussionWithClient, key: string) =>
    api.post<Posted>("/messaging/discussions", body, { "Idempotency-Key": key }),

  /** An event's reminders: on or off, sent (to whom, when), still due. */
  eventReminders: (api: Api, eventId: string) => api.get<EventReminders>(`/messaging/events/${id(eventId)}/reminders`),
  setEventReminders: (api: Api, eventId: string, enabled: boolean) =>
    api.put<EventReminders>(`/messaging/events/${id(eventId)}/reminders`, { enabled } satisfies RemindersSwitch),

  /** The signed-in worker's or admin's own email choices (which notices also come by email, how much they say). */
  preferences: (api: Api) => api.get<Preferences>("/messaging/me/preferences"),
  savePreferences: (api: Api, change: PreferencesChange) => api.put<Preferences>("/messaging/me/preferences", change),

  settings: (api: Api) => api.get<Settings>("/messaging/settings"),
  updateSettings: (api: Api, changes: Omit<SettingsChange, "version">, version: number) =>
    api.put<Settings>("/messaging/settings", { ...changes, version } satisfies SettingsChange),
};
