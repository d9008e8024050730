/** The availability service's API (`/availability`), typed as the service answers. */

import type { Api } from "../api";
import type { Day } from "../time";

export interface Settings {
  timezone: string;
  client_facing_type_id: string | null;
  slot_minutes: number;
  min_notice_hours: number;
  horizon_days: number;
  hold_minutes: number;
  version: number;
}

export type SettingsChanges = Partial<Omit<Settings, "version">>;

export interface AvailabilityType {
  type_id: string;
  name: string;
  color: string;
}

export interface Site {
  site_id: string;
  name: string;
  timezone: string;
}

export interface CalendarSummary {
  calendar_id: string;
  name: string;
  start_date: string;
  in_effect: boolean;
  block_count?: number;
}

export interface BlockFields {
  day: Day;
  from: string;
  to: string;
  type_id: string;
  site_id: string;
}

export interface Block extends BlockFields {
  block_id: string;
}

export interface TimeOff {
  time_off_id: string;
  start: string;
  end: string;
  reason: string | null;
}

export interface Slot {
  start: string;
  end: string;
  site_id: string;
  /** The slot's start on the site's wall clock, with its offset: "2026-01-13T09:00:00-05:00". */
  local_start: string;
}

/** The longest range one slots query may cover. */
export const MAX_SLOT_RANGE_DAYS = 31;

const worker = (workerId: string) => `/availability/workers/${encodeURIComponent(workerId)}`;
const calendar = (workerId: string, calendarId: string) =>
  `${worker(workerId)}/calendars/${encodeURIComponent(calendarId)}`;

export const availability = {
  settings: (api: Api) => api.get<Settings>("/availability/settings"),
  updateSettings: (api: Api, changes: SettingsChanges, version: number) =>
    api.put<Settings>("/availability/settings", { ...changes, version }),

  types: (api: Api) => api.get<{ types: AvailabilityType[] }>("/availability/types").then((r) => r.types),
  addType: (api: Api, name: string, color: string) =>
    api.post<AvailabilityType>("/availability/types", { name, color }),

  sites: (api: Api) => api.get<{ sites: Site[] }>("/availability/sites").then((r) => r.sites),
  addSite: (api: Api, name: string, timezone: string) =>
    api.post<Site>("/availability/sites", { name, timezone }),

  calendars: (api: Api, workerId: string) =>
    api.get<{ calendars: CalendarSummary[] }>(`${worker(workerId)}/calendars`).then((r) => r.calendars),
  addCalendar: (api: Api, workerId: string, body: { name: string; start_date: string; copy_from?: string }) =>
    api.post<CalendarSummary>(`${worker(workerId)}/calendars`, body),
  deleteCalendar: (api: Api, workerId: string, calendarId: string) => api.delete(calendar(workerId, calendarId)),

  blocks: (api: Api, workerId: string, calendarId: string) =>
    api.get<{ blocks: Block[] }>(`${calendar(workerId, calendarId)}/blocks`).then((r) => r.blocks),
  addBlock: (api: Api, workerId: string, calendarId: string, fields: BlockFields) =>
    api.post<Block>(`${calendar(workerId, calendarId)}/blocks`, fields),
  replaceBlock: (api: Api, workerId: string, calendarId: string, blockId: string, fields: BlockFields) =>
    api.put<Block>(`${calendar(workerId, calendarId)}/blocks/${encodeURIComponent(blockId)}`, fields),
  deleteBlock: (api: Api, workerId: string, calendarId: string, blockId: string) =>
    api.delete(`${calendar(workerId, calendarId)}/blocks/${encodeURIComponent(blockId)}`),

  timeOff: (api: Api, workerId: string) =>
    api.get<{ time_off: TimeOff[] }>(`${worker(workerId)}/time-off`).then((r) => r.time_off),
  addTimeOff: (api: Api, workerId: string, body: { start: string; end: string; reason?: string }) =>
    api.post<TimeOff>(`${worker(workerId)}/time-off`, body),
  deleteTimeOff: (api: Api, workerId: string, timeOffId: string) =>
    api.delete(`${worker(workerId)}/time-off/${encodeURIComponent(timeOffId)}`),

  slots: (api: Api, workerId: string, from: string, to: string) =>
    api.get<{ slots: Slot[] }>(`${worker(workerId)}/slots`, { from, to }).then((r) => r.slots),
};
