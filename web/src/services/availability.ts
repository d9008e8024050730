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
  /** Offered for no new block; blocks that have it keep it. */
  retired: boolean;
  version: number;
}

export interface Site {
  site_id: string;
  name: string;
  /** Fixed once the site is added. */
  timezone: string;
  /** Offered for no new block; blocks that have it keep it. */
  retired: boolean;
  version: number;
}

/**
 * Where a calendar stands on the agency's today: `upcoming` (starts later: its name and start date can
 * change, and it can be deleted), `in_effect` (decides today's slots: it can be renamed, not deleted) or
 * `replaced` (a later calendar is in effect: it can be renamed or deleted).
 */
export type CalendarStatus = "upcoming" | "in_effect" | "replaced";

export interface CalendarSummary {
  calendar_id: string;
  name: string;
  start_date: string;
  status: CalendarStatus;
  in_effect: boolean;
  version: number;
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

/** A slots or days answer also says whether clients can request events now (an admin's switch in requests). */
export interface SlotAnswer {
  slots: Slot[];
  event_requests_enabled: boolean;
  /** Why clients are offered no slots (or, for staff, that clients see none), while requests are off. */
  notice?: string;
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
  updateType: (
    api: Api,
    type: AvailabilityType,
    changes: Partial<Pick<AvailabilityType, "name" | "color" | "retired">>,
  ) =>
    api.put<AvailabilityType>(`/availability/types/${encodeURIComponent(type.type_id)}`, {
      ...changes,
      version: type.version,
    }),

  sites: (api: Api) => api.get<{ sites: Site[] }>("/availability/sites").then((r) => r.sites),
  addSite: (api: Api, name: string, timezone: string) =>
    api.post<Site>("/availability/sites", { name, timezone }),
  updateSite: (api: Api, site: Site, changes: Partial<Pick<Site, "name" | "retired">>) =>
    api.put<Site>(`/availability/sites/${encodeURIComponent(site.site_id)}`, { ...changes, version: site.version }),

  calendars: (api: Api, workerId: string) =>
    api.get<{ calendars: CalendarSummary[] }>(`${worker(workerId)}/calendars`).then((r) => r.calendars),
  addCalendar: (api: Api, workerId: string, body: { name: string; start_date: string; copy_from?: string }) =>
    api.post<CalendarSummary>(`${worker(workerId)}/calendars`, body),
  updateCalendar: (
    api: Api,
    workerId: string,
    summary: CalendarSummary,
    changes: { name?: string; start_date?: string },
  ) => api.put<CalendarSummary>(calendar(workerId, summary.calendar_id), { ...changes, version: summary.version }),
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
    api.get<SlotAnswer>(`${worker(workerId)}/slots`, { from, to }).then((r) => r.slots),
  slotAnswer: (api: Api, workerId: string, from: string, to: string) =>
    api.get<SlotAnswer>(`${worker(workerId)}/slots`, { from, to }),
};
