/** The calls the client portal makes, each typed with the API's generated schemas (web/shared/api/). */

import type { Account } from "../../shared/api/billing";
import type { Inbox } from "../../shared/api/messaging";
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
};
