/** The messaging service's API (`/messaging`): the staff inbox, discussions and the agency's settings. */

import { allPages, type Api } from "../api";

export interface InboxItem {
  item_id: string;
  type: "discussion" | "notification";
  /** `message` for discussions; a notification kind otherwise. */
  kind: string;
  service_id: string | null;
  discussion_id: string | null;
  subject: string;
  body: string | null;
  from_name: string | null;
  refs: Record<string, string>;
  /** Availability's code (`outside_availability`) when the body gives its sentence. */
  reason: string | null;
  at: string;
  unread: number;
  read: boolean;
}

export interface Inbox {
  items: InboxItem[];
  cursor: string | null;
  unread: number;
  unread_by_service: Record<string, number>;
}

export interface Message {
  message_id: string;
  author_id: string;
  author_role: "client" | "worker" | "admin";
  author_name: string | null;
  body: string;
  posted_at: string;
}

export interface Discussion {
  discussion_id: string;
  service_id: string;
  service_name: string;
  client_id: string;
  subject: string;
  started_by: string;
  started_at: string;
  messages: Message[];
  cursor: string | null;
  /** Off: nobody starts a discussion and clients do not write; staff still reply. */
  discussions_enabled: boolean;
  can_post: boolean;
  /** Why the caller cannot post now (the code posting would answer), and the sentence; null when they can. */
  cannot_post_reason: "discussions_disabled" | "service_closed" | "message_limit_reached" | null;
  cannot_post_message: string | null;
}

export interface MessagingSettings {
  discussions_enabled: boolean;
  client_delivery_enabled: boolean;
  email_detail: Record<string, "full" | "subject_only">;
  version: number;
}

/** The notification kinds, as people read them. */
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
};

const id = encodeURIComponent;

export const messaging = {
  inbox: (api: Api, query: { service_id?: string; unread?: boolean; limit?: number } = {}) =>
    api.get<Inbox>("/messaging/inbox", {
      service_id: query.service_id,
      unread: query.unread ? "true" : undefined,
      limit: query.limit,
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
    api.post<{ discussion_id: string; message_id: string; posted_at: string }>(
      `/messaging/discussions/${id(discussionId)}/messages`,
      { message },
      { "Idempotency-Key": key },
    ),
  start: (api: Api, body: { service_id: string; client_id: string; subject: string; message: string }, key: string) =>
    api.post<{ discussion_id: string; message_id: string; posted_at: string }>("/messaging/discussions", body, {
      "Idempotency-Key": key,
    }),

  settings: (api: Api) => api.get<MessagingSettings>("/messaging/settings"),
  updateSettings: (api: Api, changes: Partial<Omit<MessagingSettings, "version">>, version: number) =>
    api.put<MessagingSettings>("/messaging/settings", { ...changes, version }),
};
