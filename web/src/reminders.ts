/**
 * Reminders in the staff app's words, pure for tests: the agency's lead times as typed and read back, and what
 * became of each reminder of an event (sent to whom, due, not sent and why). The server enforces every rule;
 * these checks only say so before a round trip.
 */

import type { Reminder } from "../shared/api/messaging";

export const MAX_REMINDERS = 3;
export const MIN_HOURS = 1;
export const MAX_HOURS = 336;

/** "1 hour", "48 hours". */
export function leadTime(hours: number): string {
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

/** "48 hours and 2 hours", "72 hours, 24 hours and 1 hour". */
export function leadTimes(hours: number[]): string {
  const words = hours.map(leadTime);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** The control of the n-th lead time box (0-based). */
export const leadControl = (index: number) => `reminder_hours.${index}`;

/** The boxes' text as the lead times to send (the longest first), or what is wrong, by box. Empty boxes are none. */
export function parseLeadTimes(texts: string[]): { hours: number[] } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const seen = new Set<number>();
  const hours: number[] = [];
  texts.forEach((text, index) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const value = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || value < MIN_HOURS || value > MAX_HOURS) {
      errors[leadControl(index)] = `Enter whole hours from ${MIN_HOURS} to ${MAX_HOURS}.`;
    } else if (seen.has(value)) {
      errors[leadControl(index)] = "This lead time is there already.";
    } else {
      seen.add(value);
      hours.push(value);
    }
  });
  if (!Object.keys(errors).length && hours.length === 0) {
    errors[leadControl(0)] = "Give at least one lead time, or turn reminders off.";
  }
  return Object.keys(errors).length ? { errors } : { hours: hours.sort((a, b) => b - a) };
}

/** The boxes for the saved lead times (always MAX_REMINDERS of them, the empty ones last). */
export function leadBoxes(hours: number[]): string[] {
  return Array.from({ length: MAX_REMINDERS }, (_, i) => (hours[i] === undefined ? "" : String(hours[i])));
}

/** Why a reminder was not sent (or never planned), as staff read it. */
export const REASONS: Record<string, string> = {
  event_cancelled: "the event was cancelled",
  event_moved: "the event moved",
  started: "the event had begun",
  agency_off: "the agency's reminders were off",
  turned_off: "turned off for this event",
  lead_time_removed: "the agency no longer sends this one",
  superseded: "a nearer reminder was due too",
  nobody_consented: "nobody takes reminder emails",
  booked_late: "the event was booked (or the lead time set) after its moment",
};

/** Why a participant got no reminder email. */
export const NO_EMAIL: Record<string, string> = {
  unknown_person: "not known to messaging yet",
  no_email: "no email address",
  no_consent: "has not agreed to email",
  agency_email_off: "client emails are off",
  opted_out: "turned reminder emails off",
};

/** One reminder in words: its title ("48 hours before") and what became of it. */
export function reminderWords(
  reminder: Reminder,
  name: (personId: string) => string,
  when: (iso: string) => string,
): { title: string; state: string; detail: string } {
  const title = `${leadTime(reminder.hours)} before`;
  const notTo = reminder.not_sent_to.map((p) => `${name(p.person_id)} (${NO_EMAIL[p.reason] ?? p.reason})`);
  const notToText = notTo.length ? ` Not to ${notTo.join(", ")}.` : "";
  switch (reminder.status) {
    case "sent":
      return {
        title,
        state: "Sent",
        detail: `${when(reminder.sent_at ?? reminder.due_at)} to ${reminder.sent_to.map((p) => name(p.person_id)).join(", ")}.${notToText}`,
      };
    case "due":
      return { title, state: "Due", detail: `${when(reminder.due_at)}.` };
    case "not_planned":
      return { title, state: "Not planned", detail: `${capital(REASONS[reminder.reason ?? ""] ?? "")}.` };
    default:
      return {
        title,
        state: "Not sent",
        detail: `${capital(REASONS[reminder.reason ?? ""] ?? reminder.reason ?? "")}.${notToText}`,
      };
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
