/**
 * Weekly blocks on FullCalendar's week grid. A block is a weekday and wall-clock times, not a date;
 * the grid shows one fixed reference week in UTC (Monday 2024-01-01 to Sunday 2024-01-07) with the
 * dates hidden, so a block at 09:00 shows at 09:00 whatever the browser's zone.
 */

import type { EventInput } from "@fullcalendar/core";
import type { AvailabilityType, Block, BlockFields, Site } from "../../../shared/api/availability";
import { addDays, DAYS, type Day } from "../../../shared/time";

export const REFERENCE_MONDAY = "2024-01-01";
export const REFERENCE_END = "2024-01-08";

export function blockToEvent(
  block: Block,
  types: Map<string, AvailabilityType>,
  sites: Map<string, Site>,
  clientFacingTypeId: string | null,
): EventInput {
  const date = addDays(REFERENCE_MONDAY, DAYS.indexOf(block.day));
  const end = block.to === "24:00" ? `${addDays(date, 1)}T00:00:00` : `${date}T${block.to}:00`;
  const type = types.get(block.type_id);
  const color = type?.color ?? "#6B7280";
  const site = sites.get(block.site_id);
  const facing = block.type_id === clientFacingTypeId;
  return {
    id: block.block_id,
    start: `${date}T${block.from}:00`,
    end,
    title: [type?.name ?? "Unknown type", sites.size > 1 && site ? site.name : ""].filter(Boolean).join(" · "),
    backgroundColor: color,
    borderColor: color,
    textColor: textColorFor(color),
    classNames: facing ? ["block-client-facing"] : [],
    extendedProps: { block },
  };
}

/** Where a dragged or resized block now lies; null when it no longer fits in one day. */
export function fieldsFromRange(start: Date, end: Date): Pick<BlockFields, "day" | "from" | "to"> | null {
  const startDate = start.toISOString().slice(0, 10);
  const endDate = end.toISOString().slice(0, 10);
  const endClock = end.toISOString().slice(11, 16);
  let to: string;
  if (endDate === startDate) to = endClock;
  else if (endDate === addDays(startDate, 1) && endClock === "00:00") to = "24:00";
  else return null;
  const index = (start.getUTCDay() + 6) % 7;
  return { day: DAYS[index] as Day, from: start.toISOString().slice(11, 16), to };
}

/** The value of an `<input type="time">` for a block's end ("24:00" is midnight, shown as 00:00). */
export function timeInputValue(clock: string): string {
  return clock === "24:00" ? "00:00" : clock;
}

/** An end time entered as 00:00 means midnight at the end of the day. */
export function endClockOf(input: string): string {
  return input === "00:00" ? "24:00" : input;
}

/** Black or white text, whichever reads better on the type's colour (WCAG relative luminance). */
export function textColorFor(hex: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) return "#000000";
  const channel = (offset: number) => {
    const value = parseInt(match[1].slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000000" : "#FFFFFF";
}

export function sortBlocks(blocks: Block[]): Block[] {
  return [...blocks].sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || a.from.localeCompare(b.from));
}
