/** The calls the client portal makes, each typed with the API's generated schemas (web/shared/api/). */

import type { Account } from "../../shared/api/billing";
import type { Inbox, Preferences, PreferencesChange } from "../../shared/api/messaging";
import type {
  MyServices,
  NewServiceRequest,
  ServiceRequest,
  ServiceRequests,
  Settings as RequestSettings,
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
  /** The client's requests for a new service, newest first, a page at a time. */
  myServiceRequests: (api: Api, cursor?: string) =>
    api.get<ServiceRequests>("/requests/me/service-requests", { cursor, limit: 20 }),
  /** Ask for a new service; the same key sends it once however often it is retried. */
  requestService: (api: Api, body: NewServiceRequest, key: string) =>
    api.post<ServiceRequest>("/requests/me/service-requests", body, { "Idempotency-Key": key }),
  /** Which notifications also come by email, and how much those emails say. */
  preferences: (api: Api) => api.get<Preferences>("/messaging/me/preferences"),
  savePreferences: (api: Api, change: PreferencesChange) => api.put<Preferences>("/messaging/me/preferences", change),
};
