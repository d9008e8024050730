/**
 * The Services Timeline's merge, kept pure for tests: one service's requests timeline (opened and closed,
 * participants, event requests, events), its discussions (inbox) and its invoices and payments (Account History) in
 * one list, newest first, ordered by the instant (never by the wall-clock text, which a DST change repeats), ties
 * kept in a fixed order.
 */

import type { HistoryEntry } from "../../shared/api/billing";
import type { InboxItem } from "../../shared/api/messaging";
import type { TimelineEntry } from "../../shared/api/requests";

export type Source = "requests" | "discussion" | "billing";

export interface TimelineItem {
  /** Unique over the merged list. */
  key: string;
  /** A UTC instant. */
  at: string;
  source: Source;
  /** What kind of entry, for its label (strings.timeline.kinds). */
  kind: "service" | "request" | "event" | "discussion" | "invoice" | "payment";
  requests?: TimelineEntry;
  discussion?: InboxItem;
  billing?: HistoryEntry;
}

/** At one instant, the order of the sources: what was booked, then what was said, then what was billed. */
const SOURCE_RANK: Record<Source, number> = { requests: 0, discussion: 1, billing: 2 };

function requestsKind(entry: TimelineEntry): TimelineItem["kind"] {
  if (entry.kind.startsWith("service_") || entry.kind.startsWith("participant_")) return "service";
  if (entry.kind.startsWith("request_") || entry.kind === "proposal_failed") return "request";
  return "event";
}

/**
 * The merged timeline, newest first. Each source's own order (newest first) is kept among its entries at one
 * instant; across sources at one instant, requests, then discussions, then billing. Only discussions come from the
 * inbox (its notifications repeat what the other sources say), only this service's entries from billing.
 */
export function mergeTimeline(
  serviceId: string,
  requests: TimelineEntry[],
  inbox: InboxItem[],
  history: HistoryEntry[],
): TimelineItem[] {
  const items: (TimelineItem & { order: number })[] = [];
  requests.forEach((entry, order) =>
    items.push({ key: `r:${entry.entry_id}`, at: entry.at, source: "requests", kind: requestsKind(entry), requests: entry, order }),
  );
  inbox
    .filter((item) => item.type === "discussion" && item.service_id === serviceId)
    .forEach((item, order) =>
      items.push({ key: `d:${item.item_id}`, at: item.at, source: "discussion", kind: "discussion", discussion: item, order }),
    );
  history
    .filter((entry) => entry.service_id === serviceId)
    .forEach((entry, order) =>
      items.push({
        key: `b:${entry.entry_id}`,
        at: entry.at,
        source: "billing",
        kind: entry.kind === "invoice" || entry.kind === "void" ? "invoice" : "payment",
        billing: entry,
        order,
      }),
    );
  items.sort(
    (a, b) =>
      Date.parse(b.at) - Date.parse(a.at) || SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || a.order - b.order,
  );
  return items.map(({ order: _order, ...item }) => item);
}
