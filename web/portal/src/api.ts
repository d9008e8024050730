/** The calls the client portal makes, each typed with the API's generated schemas (web/shared/api/). */

import type { Account, CardPayment, History, Invoices, InvoiceWithLines, Payment } from "../../shared/api/billing";
import type { Inbox } from "../../shared/api/messaging";
import type { MyServices, Settings as RequestSettings, Timeline } from "../../shared/api/requests";
import type { Api } from "../../shared/http";

export const portalApi = {
  /** My Services: every service the client takes or took part in (open and closed), with the agency's zone. */
  myServices: (api: Api) => api.get<MyServices>("/requests/me/services", { status: "all" }),
  /** The inbox's unread count (one item is enough: the count covers the whole inbox). */
  inboxCounts: (api: Api) => api.get<Inbox>("/messaging/me/inbox", { limit: 1 }),
  account: (api: Api) => api.get<Account>("/billing/me/account"),
  /** The agency's settings for requests and events (which of them are switched on, the cancellation window). */
  requestSettings: (api: Api) => api.get<RequestSettings>("/requests/settings"),
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
};
