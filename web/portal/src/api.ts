/** The calls the client portal makes, each typed with the API's generated schemas (web/shared/api/). */

import type { Days, Slots } from "../../shared/api/availability";
import type {
  Account,
  CardPayment,
  Fees,
  History,
  Invoices,
  InvoiceWithLines,
  Payment,
} from "../../shared/api/billing";
import type {
  ClientSettings,
  Discussion,
  Inbox,
  InboxItem,
  NewDiscussionWithProviders,
  NewMessage,
  Posted,
  Preferences,
  PreferencesChange,
} from "../../shared/api/messaging";
import type {
  CalendarFeed,
  CalendarFeedLink,
  ClientEvent,
  ClientEventRequest,
  ClientEventRequests,
  ClientEvents,
  ClientRequestsQuery,
  MyServices,
  NewEventRequest,
  NewServiceRequest,
  ProposalAnswer,
  ServiceRequest,
  ServiceRequests,
  Settings as RequestSettings,
  Timeline,
} from "../../shared/api/requests";
import type { Api } from "../../shared/http";

export const portalApi = {
  /** My Services: every service the client takes or took part in (open and closed), with the agency's zone. */
  myServices: (api: Api) => api.get<MyServices>("/requests/me/services", { status: "all" }),
  /** The inbox's unread count (one item is enough: the count covers the whole inbox). */
  inboxCounts: (api: Api) => api.get<Inbox>("/messaging/me/inbox", { limit: 1 }),
  account: (api: Api) => api.get<Account>("/billing/me/account"),
  /** The agency's settings for requests and events (which of them are switched on, the cancellation window). */
  requestSettings: (api: Api) => api.get<RequestSettings>("/requests/settings"),

  // Request an Event, and the client's event requests.
  /** Each date from `from` to `to` with the worker's open slots on it, the agency's zone and the requestable window. */
  workerDays: (api: Api, workerId: string, from: string, to: string) =>
    api.get<Days>(`/availability/workers/${encodeURIComponent(workerId)}/days`, { from, to }),
  /** The worker's open slots on one date (the Available Appts). */
  workerSlots: (api: Api, workerId: string, date: string) =>
    api.get<Slots>(`/availability/workers/${encodeURIComponent(workerId)}/slots`, { date }),
  /** Request an event; the same key sends it once however often it is retried. */
  requestEvent: (api: Api, body: NewEventRequest, key: string) =>
    api.post<ClientEventRequest>("/requests/me/event-requests", body, { "Idempotency-Key": key }),
  myEventRequests: (api: Api, query: ClientRequestsQuery = {}) =>
    api.get<ClientEventRequests>("/requests/me/event-requests", {
      status: query.status,
      service_id: query.service_id ?? undefined,
      cursor: query.cursor ?? undefined,
      limit: query.limit,
    }),
  withdrawRequest: (api: Api, id: string) =>
    api.post<ClientEventRequest>(`/requests/me/event-requests/${encodeURIComponent(id)}/withdraw`, undefined),
  acceptProposal: (api: Api, id: string) =>
    api.post<ClientEventRequest>(`/requests/me/event-requests/${encodeURIComponent(id)}/accept-proposal`, undefined),
  declineProposal: (api: Api, id: string, body: ProposalAnswer) =>
    api.post<ClientEventRequest>(`/requests/me/event-requests/${encodeURIComponent(id)}/decline-proposal`, body),
  /** Calendar: your events starting from `from` to `to` (at most 92 days), one page. */
  myEvents: (api: Api, from: string, to: string, cursor?: string) =>
    api.get<ClientEvents>("/requests/me/events", { from, to, limit: 200, cursor }),
  /** Calendar: every event of one of your services, one page (by start). */
  myServiceEvents: (api: Api, serviceId: string, cursor?: string) =>
    api.get<ClientEvents>("/requests/me/events", { service_id: serviceId, limit: 200, cursor }),
  confirmAttendance: (api: Api, eventId: string) =>
    api.post<ClientEvent>(`/requests/me/events/${encodeURIComponent(eventId)}/confirm-attendance`, undefined),
  cancelMyEvent: (api: Api, eventId: string) =>
    api.post<ClientEvent>(`/requests/me/events/${encodeURIComponent(eventId)}/cancel`, {}),
  /** The fees one of your services charges (the late-cancel fee stated before you cancel). */
  myFees: (api: Api, serviceId: string) => api.get<Fees>(`/billing/me/services/${encodeURIComponent(serviceId)}/fees`),
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
  /** Account History: a page of entries, newest first, each with the balance after it (one service's, if named). */
  history: (api: Api, serviceId?: string, cursor?: string) =>
    api.get<History>("/billing/me/history", { service_id: serviceId, cursor }),
  /** A page of the client's invoices, newest first (one service's, if named). */
  invoices: (api: Api, serviceId?: string, cursor?: string) =>
    api.get<Invoices>("/billing/me/invoices", { service_id: serviceId, cursor }),
  invoice: (api: Api, invoiceId: string) =>
    api.get<InvoiceWithLines>(`/billing/me/invoices/${encodeURIComponent(invoiceId)}`),
  /** Pay (part of) an invoice by card; the same key for a retry of the same attempt, so it is charged once. */
  pay: (api: Api, invoiceId: string, body: CardPayment, key: string) =>
    api.post<Payment>(`/billing/me/invoices/${encodeURIComponent(invoiceId)}/payments`, body, { "Idempotency-Key": key }),
  /** A page of one service's timeline (requests), newest first. */
  timeline: (api: Api, serviceId: string, cursor?: string) =>
    api.get<Timeline>(`/requests/me/services/${encodeURIComponent(serviceId)}/timeline`, { cursor }),
  /** A page of the inbox about one service (its discussions and notifications), newest activity first. */
  serviceInbox: (api: Api, serviceId: string, cursor?: string) =>
    api.get<Inbox>("/messaging/me/inbox", { service_id: serviceId, cursor }),
  /** The client's requests for a new service, newest first, a page at a time. */
  myServiceRequests: (api: Api, cursor?: string) =>
    api.get<ServiceRequests>("/requests/me/service-requests", { cursor, limit: 20 }),
  /** Ask for a new service; the same key sends it once however often it is retried. */
  requestService: (api: Api, body: NewServiceRequest, key: string) =>
    api.post<ServiceRequest>("/requests/me/service-requests", body, { "Idempotency-Key": key }),
  /** Which notifications also come by email, and how much those emails say. */
  preferences: (api: Api) => api.get<Preferences>("/messaging/me/preferences"),
  savePreferences: (api: Api, change: PreferencesChange) => api.put<Preferences>("/messaging/me/preferences", change),
  /** Whether the client shares their calendar with a calendar app (never the link: it is shown only when made). */
  calendarFeed: (api: Api) => api.get<CalendarFeed>("/requests/me/calendar-feed"),
  /** A new private calendar link (the old one stops working); no Idempotency-Key: its stored reply would keep it. */
  newCalendarFeed: (api: Api) => api.post<CalendarFeedLink>("/requests/me/calendar-feed", undefined),
  stopCalendarFeed: (api: Api) => api.delete("/requests/me/calendar-feed"),
  /** One event as a calendar file (Add to calendar). */
  eventCalendarFile: (api: Api, eventId: string) =>
    api.text(`/requests/me/events/${encodeURIComponent(eventId)}/calendar-file`),
};
