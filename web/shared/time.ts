/**
 * Dates and wall-clock times in a named (IANA) zone, with only `Intl`: the agency's or a site's zone
 * decides what "today" is and what a time-off entry's "09:00" means, whatever the browser's zone. What people
 * read is written in the string catalog's locale (shared/strings.ts: `locale`).
 */

export const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Day = (typeof DAYS)[number];
export const DAY_LABELS: Record<Day, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

import { now } from "./clock";
import { sharedStrings } from "./strings";

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at an instant, as if it were UTC (epoch ms). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function offsetMs(instantMs: number, timeZone: string): number {
  return wallClockMs(instantMs, timeZone) - Math.floor(instantMs / 1000) * 1000;
}

/** "2026-03-08" in the zone at an instant. */
export function dateIn(timeZone: string, instantMs: number = now()): string {
  return new Date(wallClockMs(instantMs, timeZone)).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayIndex(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The instant (ISO, `Z`) at which the wall clock in `timeZone` reads `local` ("2026-03-08T09:30").
 * A time skipped by a spring-forward change is moved forward by the gap; a repeated one (fall-back)
 * means its first occurrence, as the availability service reads block times.
 */
export function zonedToUtc(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new RangeError(`not a local time: ${local}`);
  const [, y, mo, d, h, mi] = match.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const before = offsetMs(wall - DAY_MS / 2, timeZone);
  const after = offsetMs(wall + DAY_MS / 2, timeZone);
  const valid = [wall - before, wall - after]
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const instant = valid.length ? valid[0] : wall - before;
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** How a day and time are written: "Mon 12 Jan 2026, 09:30". */
const DAY_AND_TIME: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for people to read, in the catalog's locale (`sharedStrings().locale`), kept per locale and options. */
function display(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = sharedStrings().locale;
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    displayFormatters.set(key, formatter);
  }
  return formatter;
}

/** The browser's own zone: a time shown on another zone's clock says which zone. */
export function browserZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

function canonicalZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  } catch {
    return timeZone;
  }
}

/** Locales whose short zone names are tzdata's letters for the zones agencies are in ("EST", "CET", "AEST", "IST"). */
const NAME_LOCALES = ["en-US", "en-GB", "en-AU", "en-NZ", "en-IN", "en-ZA"];
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

/** "UTC" for no offset, else "UTC+05:30" / "UTC-05:00". */
export function offsetName(minutes: number): string {
  if (!minutes) return "UTC";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * The zone's name at an instant, as the services write it in notifications and emails (portalkit.wallclock): its
 * abbreviation in letters ("EST", "CEST"), else its offset ("UTC+05:45") where the zone has none.
 */
export function zoneName(instantMs: number, timeZone: string): string {
  for (const locale of NAME_LOCALES) {
    const key = `${locale}|${timeZone}`;
    let formatter = nameFormatters.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" });
      nameFormatters.set(key, formatter);
    }
    const name = formatter.formatToParts(new Date(instantMs)).find((p) => p.type === "timeZoneName")?.value ?? "";
    if (/^[A-Za-z]+$/.test(name) && (name === "GMT" || !name.startsWith("GMT"))) return name;
  }
  return offsetName(Math.round(offsetMs(instantMs, timeZone) / 60_000));
}

/** " EST" when the zone is not the browser's (so a time on the agency's clock says so), else nothing. */
function zoneSuffix(instantMs: number, timeZone: string, viewer: string): string {
  return canonicalZone(timeZone) === canonicalZone(viewer) ? "" : ` ${zoneName(instantMs, timeZone)}`;
}

/** "Mon 12 Jan 2026, 09:30" in the zone, with the zone named ("... 09:30 EST") when it is not the browser's. */
export function formatInstant(iso: string, timeZone: string, viewer: string = browserZone()): string {
  const text = display({ timeZone, ...DAY_AND_TIME }).format(new Date(iso));
  return text + zoneSuffix(Date.parse(iso), timeZone, viewer);
}

/** "Monday 12 January" for an ISO date. */
export function formatDate(isoDate: string, options: { year?: boolean; short?: boolean } = {}): string {
  return display({
    timeZone: "UTC",
    weekday: options.short ? "short" : "long",
    day: "numeric",
    month: options.short ? "short" : "long",
    ...(options.year ? { year: "numeric" } : {}),
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The zones a browser knows, for pickers; the agency's own first. */
export function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported("timeZone") : ["UTC"];
}

/** "2026-03-08T09:30:00": the wall clock in `timeZone` at an instant (for a calendar drawn in that zone). */
export function wallClock(iso: string | number, timeZone: string): string {
  const instant = typeof iso === "number" ? iso : Date.parse(iso);
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 19);
}

/**
 * A time as written on a site's wall clock, "2026-12-02T09:00:00-05:00", read as it stands (never moved to
 * the browser's zone): "Wed 2 Dec 2026, 09:00"; with `end` (UTC), "Wed 2 Dec 2026, 09:00–10:00". When the
 * browser's clock reads otherwise then, the zone is named: `timeZone`'s name when it is that clock ("... EST"),
 * else the offset ("... UTC-05:00").
 */
export function formatLocalStart(
  localStart: string,
  end?: string | null,
  timeZone?: string,
  viewer: string = browserZone(),
): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(localStart);
  if (!match) return localStart;
  const wall = Date.parse(`${match[1]}:00Z`);
  const offset = match[2] && match[2] !== "Z" ? offsetMinutes(match[2]) : 0;
  let text = display({ timeZone: "UTC", ...DAY_AND_TIME }).format(new Date(wall));
  if (end) {
    const endWall = Date.parse(end) + offset * 60_000;
    text += `–${new Date(endWall).toISOString().slice(11, 16)}`;
  }
  if (!match[2]) return text;
  const instant = wall - offset * 60_000;
  const zoned = timeZone !== undefined && Math.round(offsetMs(instant, timeZone) / 60_000) === offset;
  if (zoned) return text + zoneSuffix(instant, timeZone, viewer);
  return Math.round(offsetMs(instant, viewer) / 60_000) === offset ? text : `${text} ${offsetName(offset)}`;
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith("-") ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(":").map(Number);
  return sign * (hours * 60 + minutes);
}

/**
 * "Wed 2 Dec 2026, 09:00–10:00" for a UTC start and end, on the wall clock of `timeZone`, the zone named once at
 * the end when it is not the browser's.
 */
export function formatRange(start: string, end: string, timeZone: string, viewer: string = browserZone()): string {
  const sameDay = dateIn(timeZone, Date.parse(start)) === dateIn(timeZone, Date.parse(end));
  const endText = sameDay ? wallClock(end, timeZone).slice(11, 16) : formatInstant(end, timeZone, timeZone);
  return `${formatInstant(start, timeZone, timeZone)}–${endText}${zoneSuffix(Date.parse(start), timeZone, viewer)}`;
}

/** "2 Dec 2026" for an ISO date or instant (an instant read in `timeZone`). */
export function formatDay(value: string, timeZone = "UTC"): string {
  const date = value.length === 10 ? value : dateIn(timeZone, Date.parse(value));
  return display({ timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "09:00–10:00" on the wall clock of `timeZone`, the zone named (" EST") when it is not the browser's. */
export function formatTimes(start: string, end: string, timeZone: string, viewer: string = browserZone()): string {
  const text = `${wallClock(start, timeZone).slice(11, 16)}–${wallClock(end, timeZone).slice(11, 16)}`;
  return text + zoneSuffix(Date.parse(start), timeZone, viewer);
}

/** "March 2026" for a month ("2026-03"). */
export function formatMonth(month: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** Whether times on `timeZone`'s clock need its name for a browser in `viewer` (the zones differ). */
export function zoneDiffers(timeZone: string, viewer: string = browserZone()): boolean {
  return canonicalZone(timeZone) !== canonicalZone(viewer);
}
