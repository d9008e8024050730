/**
 * Events as the calendar draws them. FullCalendar runs in UTC and is handed each event's wall-clock time
 * in the agency's zone (as if it were UTC), so a 09:00 session shows at 09:00 whatever the browser's zone,
 * without a time-zone plugin; what the user selects or drags is read back through the same zone.
 */

import type { EventInput } from "@fullcalendar/core";
import { now as clockNow } from "../../../shared/clock";
import type { Directory } from "../../directory";
import type { StaffEvent } from "../../../shared/api/requests";
import { wallClock, zonedToUtc } from "../../../shared/time";

export const STATUS_LABELS: Record<StaffEvent["status"], string> = {
  scheduled: "Scheduled",
  attended: "Attended",
  no_show: "No-show",
  cancelled: "Cancelled",
};

export function eventTitle(event: StaffEvent, directory: Directory): string {
  const clients = event.client_ids.map((id) => directory.name(id)).join(", ");
  const service = directory.serviceName(event.service_id);
  return service ? `${clients} · ${service}` : clients;
}

export function toCalendarEvent(event: StaffEvent, directory: Directory, now: number = clockNow()): EventInput {
  const classNames = [`event-${event.status}`];
  if (event.awaiting_video_link) classNames.push("event-awaiting-video");
  const prefix = event.awaiting_video_link ? "Video link needed: " : event.status === "scheduled" ? "" : `${STATUS_LABELS[event.status]}: `;
  return {
    id: event.event_id,
    title: prefix + eventTitle(event, directory),
    start: wallClock(event.start, directory.timeZone),
    end: wallClock(event.end, directory.timeZone),
    classNames,
    // Only a scheduled event that has not begun can move (a reschedule goes to the future only).
    editable: event.status === "scheduled" && Date.parse(event.start) > now,
  };
}

/** A date FullCalendar handed back (UTC standing for the agency's wall clock) as a UTC instant. */
export function instantOf(wall: Date, timeZone: string): string {
  return zonedToUtc(wall.toISOString().slice(0, 16), timeZone);
}

/** "2026-12-02" and "09:30" of a date FullCalendar handed back. */
export function wallParts(wall: Date): { date: string; time: string } {
  const text = wall.toISOString();
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}
