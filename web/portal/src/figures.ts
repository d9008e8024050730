/** The portal's own arithmetic, kept pure for tests: My Services' filters and the Home tiles' figures. */

import type { Account } from "../../shared/api/billing";
import type { ClientEvent, MyService } from "../../shared/api/requests";

/** "Show Options" of My Services: one service or all, and open services only or open and closed ones. */
export interface ServiceFilter {
  serviceId: string | null;
  scope: "open" | "all";
}

export const DEFAULT_FILTER: ServiceFilter = { serviceId: null, scope: "open" };

export function filterServices(services: MyService[], filter: ServiceFilter): MyService[] {
  return services.filter(
    (s) => (filter.scope === "all" || s.status === "open") && (filter.serviceId === null || s.service_id === filter.serviceId),
  );
}

/** The filter a route's query names (`?service=<id>&show=all`), defaults for what it does not say. */
export function filterOf(query: Record<string, string>): ServiceFilter {
  return { serviceId: query.service || null, scope: query.show === "all" ? "all" : "open" };
}

/** The query that names a filter (nothing for the defaults), so a filtered view can be linked to. */
export function queryOf(filter: ServiceFilter): Record<string, string> {
  return {
    ...(filter.serviceId ? { service: filter.serviceId } : {}),
    ...(filter.scope === "all" ? { show: "all" } : {}),
  };
}

/** The My Services tile: how many services are open. */
export function openServiceCount(services: MyService[]): number {
  return services.filter((s) => s.status === "open").length;
}

/** The Calendar tile: the soonest upcoming event over every service (each service names its next one). */
export function nextEvent(services: MyService[]): ClientEvent | null {
  let soonest: ClientEvent | null = null;
  for (const service of services) {
    const event = service.next_event;
    if (event && (soonest === null || Date.parse(event.start) < Date.parse(soonest.start))) soonest = event;
  }
  return soonest;
}

/** The Account History tile: what the client owes (positive), is owed (in credit, negative) or neither. */
export function balanceState(account: Account): "owing" | "in-credit" | "settled" {
  return account.balance > 0 ? "owing" : account.balance < 0 ? "in-credit" : "settled";
}
