/** The calls the client portal makes, each typed with the API's generated schemas (web/shared/api/). */

import type { Account } from "../../shared/api/billing";
import type {
  ClientSettings,
  Discussion,
  Inbox,
  InboxItem,
  NewDiscussionWithProviders,
  NewMessage,
  Posted,
} from "../../shared/api/messaging";
import type { MyServices, Settings as RequestSettings } from "../../shared/api/requests";
import type { Api } from "../../shared/http";

export const portalApi = {
  /** My Services: every service the client takes or took part in (open and closed), with the agency's zone. */
  myServices: (api: Api) => api.get<MyServices>("/requests/me/services", { status: "all" }),
  /** The inbox's unread count (one item is enough: the count covers the whole inbox). */
  inboxCounts: (api: Api) => api.get<Inbox>("/messaging/me/inbox", { limit: 1 }),
  account: (api: Api) => api.get<Account>("/billing/me/account"),
  /** The agency's settings for requests and events (which of them are switched on, the cancellation window). */
  requestSettings: (api: Api) => api.get<RequestSettings>("/requests/settings"),
  /** Whether the agency lets clients start and write in discussions (messaging's settings, as a client may read them). */
  messagingSettings: (api: Api) => api.get<ClientSettings>("/messaging/me/settings"),
  /** A page of the inbox, newest activity first, of one service or all; `cursor` from the previous page. */
  inbox: (api: Api, query: { serviceId?: string | null; cursor?: string; limit?: number } = {}) =>
    api.get<Inbox>("/messaging/me/inbox", {
      service_id: query.serviceId ?? undefined,
      cursor: query.cursor,
      limit: query.limit,
    }),
  markRead: (api: Api, itemId: string) =>
    api.post<InboxItem>(`/messaging/me/inbox/${encodeURIComponent(itemId)}/read`, {}),
  /** A page of a discussion's messages, oldest first, and whether (and how many more times) the client may post. */
  discussion: (api: Api, discussionId: string, cursor?: string) =>
    api.get<Discussion>(`/messaging/me/discussions/${encodeURIComponent(discussionId)}`, { cursor, limit: 100 }),
  postMessage: (api: Api, discussionId: string, message: string, key: string) =>
    api.post<Posted>(
      `/messaging/me/discussions/${encodeURIComponent(discussionId)}/messages`,
      { message } satisfies NewMessage,
      { "Idempotency-Key": key },
    ),
  startDiscussion: (api: Api, body: NewDiscussionWithProviders, key: string) =>
    api.post<Posted>("/messaging/me/discussions", body, { "Idempotency-Key": key }),
};
