/**
 * The Request an Event calendar's arithmetic, pure for tests: a month as weeks of dates (Monday first, as en-GB
 * writes them), each date with its open slots from availability's day counts (a green circle where there are any) and
 * whether it can be chosen (inside the agency's requestable window, on its clock).
 */

import type { Days } from "../../shared/api/availability";
import { addDays, dateIn, weekdayIndex } from "../../shared/time";

/** "2026-03". */
export type Month = string;

export interface DayCell {
  /** "2026-03-08". */
  date: string;
  /** The date belongs to the month shown (not a neighbour month's filling the first or last week). */
  inMonth: boolean;
  openSlots: number;
  /** Has open slots: marked with a green circle. */
  available: boolean;
  /** Outside the requestable window (or of another month): cannot be chosen. */
  disabled: boolean;
}

/** The dates a client can request on, on the agency's clock: first and last (inclusive). */
export interface Window {
  first: string;
  last: string;
}

export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

export function addMonths(month: Month, count: number): Month {
  const [year, number] = month.split("-").map(Number);
  const index = year * 12 + (number - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function firstOf(month: Month): string {
  return `${month}-01`;
}

export function lastOf(month: Month): string {
  return addDays(firstOf(addMonths(month, 1)), -1);
}

/**
 * The window availability answers with (`requestable_from` .. `requestable_until`, UTC instants, slots starting
 * before the end) as the agency's dates: the date of the first instant and of the last instant before the end.
 */
export function windowOf(days: Pick<Days, "timezone" | "requestable_from" | "requestable_until">): Window {
  return {
    first: dateIn(days.timezone, Date.parse(days.requestable_from)),
    last: dateIn(days.timezone, Date.parse(days.requestable_until) - 1000),
  };
}

/** The month's weeks, Monday to Sunday, each date with its open slots and whether it can be chosen. */
export function monthGrid(month: Month, counts: { date: string; open_slots: number }[], window: Window | null): DayCell[][] {
  const slots = new Map(counts.map((count) => [count.date, count.open_slots]));
  const first = firstOf(month);
  const last = lastOf(month);
  let date = addDays(first, -weekdayIndex(first));
  const weeks: DayCell[][] = [];
  while (date <= last) {
    const week: DayCell[] = [];
    for (let i = 0; i < 7; i++, date = addDays(date, 1)) {
      const inMonth = date >= first && date <= last;
      const openSlots = inMonth ? (slots.get(date) ?? 0) : 0;
      const inWindow = window !== null && date >= window.first && date <= window.last;
      week.push({ date, inMonth, openSlots, available: openSlots > 0 && inWindow, disabled: !inMonth || !inWindow });
    }
    weeks.push(week);
  }
  return weeks;
}

/** The dates of a month marked with a green circle. */
export function circledDates(weeks: DayCell[][]): string[] {
  return weeks.flat().filter((cell) => cell.available).map((cell) => cell.date);
}

/** The month to show first: today's, or the month of the first requestable date when that is later. */
export function openingMonth(today: string, window: Window | null): Month {
  if (window && window.first > today) return monthOf(window.first);
  return monthOf(today);
}
