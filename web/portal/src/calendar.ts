/**
 * The Calendar screen's own logic, kept out of the component so it is tested alone: the 92-day windows the events
 * are read in (the API's limit), upcoming and past, grouped by the agency's day, and what cancelling an event costs
 * under the agency's policy (the server decides and refuses; this only says it beforehand in the same terms).
 */

import type { CalendarEvent, ClientEvent } from "../../shared/api/requests";
import { browserZone, dateIn, formatInstant } from "../../shared/time";
import { strings } from "./strings";

/** The API reads at most this many days at once (`GET /requests/me/events`). */
export const WINDOW_DAYS = 92;
const DAY_MS = 86_400_000;

export type AnyEvent = CalendarEvent | ClientEvent;

export interface Window {
  from: string;
  to: string;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The `index`-th window of 92 days: 0 reaches from a day before now (an event under way is still upcoming) to 91
 * days ahead; each next one ("Earlier events") the 92 days before the last.
 */
export function windowOf(nowMs: number, index: number): Window {
  const to = nowMs + (WINDOW_DAYS - 1) * DAY_MS - index * WINDOW_DAYS * DAY_MS;
  return { from: isoSeconds(to - WINDOW_DAYS * DAY_MS), to: isoSeconds(to) };
}

/** Events read in several windows or pages, once each (a window's ends are inclusive), the newest copy kept, by start. */
export function mergeEvents<T extends AnyEvent>(...lists: T[][]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) {
    for (const event of list) {
      const known = byId.get(event.event_id);
      if (!known || event.version >= known.version) byId.set(event.event_id, event);
    }
  }
  return [...byId.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.event_id.localeCompare(b.event_id));
}

/** Upcoming: not yet ended (by start, soonest first); past: ended (most recent first). */
export function splitByNow<T extends AnyEvent>(events: T[], nowMs: number): { upcoming: T[]; past: T[] } {
  const sorted = mergeEvents(events);
  return {
    upcoming: sorted.filter((e) => Date.parse(e.end) > nowMs),
    past: sorted.filter((e) => Date.parse(e.end) <= nowMs).reverse(),
  };
}

export interface DayGroup<T> {
  /** The agency's date, "2026-03-08". */
  day: string;
  events: T[];
}

/** Consecutive events of one day on the agency's clock, in the order given. */
export function groupByDay<T extends AnyEvent>(events: T[], zone: string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const event of events) {
    const day = dateIn(zone, Date.parse(event.start));
    const last = groups[groups.length - 1];
    if (last?.day === day) last.events.push(event);
    else groups.push({ day, events: [event] });
  }
  return groups;
}

/**
 * What cancelling now means, as the server decides it: `free` until the window opens (`deadline`: the event's start
 * less the window's hours, an instant whatever the clocks did in between), then `late` (the client can no longer
 * cancel here; a fee may apply), `started` once it began; `closed` when it is no longer scheduled.
 */
export type CancelTerms =
  | { kind: "free"; deadline: string }
  | { kind: "late"; deadline: string }
  | { kind: "started" }
  | { kind: "closed" };

export function cancelTerms(event: AnyEvent, windowHours: number, nowMs: number): CancelTerms {
  if (event.status !== "scheduled" || event.left) return { kind: "closed" };
  const start = Date.parse(event.start);
  if (start <= nowMs) return { kind: "started" };
  const deadline = start - windowHours * 3_600_000;
  // The server: late when now > start - window.
  return nowMs > deadline ? { kind: "late", deadline: isoSeconds(deadline) } : { kind: "free", deadline: isoSeconds(deadline) };
}

/**
 * What the confirmation step says of cancelling now: not late (no fee) and until when, on the agency's clock; or
 * late, to be asked of the provider, with the late-cancellation fee (`fee`, formatted) when the agency set one.
 */
export function termsText(
  terms: CancelTerms,
  windowHours: number,
  fee: string | null,
  zone: string | null,
  viewer: string = browserZone(),
): string {
  const text = strings.calendar;
  switch (terms.kind) {
    case "free":
      return text.freeUntil(formatInstant(terms.deadline, zone ?? viewer, viewer));
    case "late":
      return fee ? `${text.lateNow(windowHours)} ${text.lateFee(fee)}` : text.lateNow(windowHours);
    case "started":
      return text.startedNow;
    default:
      return "";
  }
}

/** The client's cancel ends the event for everyone when they asked for it or are its only client; else they leave it. */
export function cancelsForEveryone(event: AnyEvent, clientId: string): boolean {
  return event.requested_by === clientId || (event.client_ids.length === 1 && event.client_ids[0] === clientId);
}

/** May still say they will attend: scheduled, not started, not said yet. */
export function mayConfirm(event: AnyEvent, nowMs: number): boolean {
  return event.status === "scheduled" && !event.left && !event.attendance_confirmed && Date.parse(event.start) > nowMs;
}

/** A video link the portal shows as a link: http(s) only (anything else is shown as text, never followed). */
export function safeLink(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
