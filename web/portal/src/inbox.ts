/** The Inbox's own rules, kept pure for tests: which items are unread, the service filter, what a client may still send. */

import type { Discussion, InboxItem } from "../../shared/api/messaging";
import type { MyService } from "../../shared/api/requests";
import { href } from "../../shared/router";
import { browserZone, formatInstant } from "../../shared/time";
import { type Strings, strings } from "./strings";

/** The service the Inbox is filtered to (`#/inbox?service=<id>`, My Services' "Show Discussions in your Inbox"). */
export function serviceFilterOf(query: Record<string, string>): string | null {
  return query.service || null;
}

/** The link to one discussion (its route has a parameter, which `hrefOf` does not build). */
export function discussionHref(discussionId: string): string {
  return href(`/inbox/discussion/${encodeURIComponent(discussionId)}`);
}

/** The link to the Inbox, of one service or all. */
export function inboxHref(serviceId: string | null = null): string {
  return href(serviceId ? `/inbox?service=${encodeURIComponent(serviceId)}` : "/inbox");
}

/** Unread: a discussion with messages not yet seen, a notification not yet opened; `readHere` are read since loaded. */
export function isUnread(item: InboxItem, readHere: ReadonlySet<string> = new Set()): boolean {
  return item.unread > 0 && !readHere.has(item.item_id);
}

/** What marks an item unread in words (never by colour alone): "2 new messages" for a discussion, "Unread" else. */
export function unreadMark(item: InboxItem, readHere: ReadonlySet<string> = new Set(), text: Strings = strings): string | null {
  if (!isUnread(item, readHere)) return null;
  return item.type === "discussion" ? text.inbox.newMessages(item.unread) : text.inbox.unread;
}

/** Pages joined in order, an item met twice (moved up by new activity while paging) kept where it was first seen. */
export function joinPages(items: InboxItem[]): InboxItem[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.item_id) && (seen.add(item.item_id), true));
}

/** Only the items of one service (the API filters too; this keeps a page shown consistent with the filter). */
export function ofService(items: InboxItem[], serviceId: string | null): InboxItem[] {
  return serviceId === null ? items : items.filter((item) => item.service_id === serviceId);
}

/** Who an item is from: a message's author, else the agency (notifications are the agency's). */
export function fromOf(item: InboxItem, text: Strings = strings): string {
  if (item.from_name) return item.from_name;
  return item.type === "discussion" ? text.inbox.someone : text.inbox.yourAgency;
}

/** An instant on the agency's clock (the zone named when not the browser's); the browser's clock while it is unknown. */
export function onAgencyClock(iso: string, agencyZone: string | null | undefined, viewer: string = browserZone()): string {
  return formatInstant(iso, agencyZone || viewer, viewer);
}

/** The service's name for an item, when the client's services name it. */
export function serviceName(services: MyService[] | undefined, serviceId: string | null): string | null {
  if (!serviceId) return null;
  return services?.find((s) => s.service_id === serviceId)?.name ?? null;
}

export interface Posting {
  canPost: boolean;
  /** How many more messages the client may send before a provider replies, or why none (the API's words). */
  note: string | null;
}

/** Whether the client may post in a discussion now, and the line that says how many more times or why not. */
export function postingOf(discussion: Discussion, text: Strings = strings): Posting {
  const words = text.discussion;
  if (!discussion.can_post) {
    const reason = discussion.cannot_post_reason;
    const fallback = (reason && words.reasons[reason]) || words.cannotPost;
    return { canPost: false, note: discussion.cannot_post_message || fallback };
  }
  const left = discussion.messages_left;
  return { canPost: true, note: left === null || left === undefined ? null : words.left(left) };
}
