/**
 * The availability service's API (`/availability`): the agency's settings, types and sites, workers' calendars, weekly
 * blocks, time off and open slots. Its types are those generated from availability's OpenAPI document
 * (`shared/api/availability.ts`).
 */

import type { Api } from "../../shared/http";
import type {
  AvailabilityType,
  Block,
  BlockFields,
  Blocks,
  Calendar,
  CalendarChange,
  Calendars,
  NewCalendar,
  NewSite,
  NewTimeOff,
  NewType,
  Settings,
  SettingsChange,
  Site,
  SiteChange,
  Sites,
  Slots,
  TimeOff,
  TimeOffList,
  TypeChange,
  Types,
  WeeklyBlock,
} from "../../shared/api/availability";

/** The longest range one slots query may cover. */
export const MAX_SLOT_RANGE_DAYS = 31;

const worker = (workerId: string) => `/availability/workers/${encodeURIComponent(workerId)}`;
const calendar = (workerId: string, calendarId: string) =>
  `${worker(workerId)}/calendars/${encodeURIComponent(calendarId)}`;

export const availability = {
  settings: (api: Api) => api.get<Settings>("/availability/settings"),
  updateSettings: (api: Api, changes: Omit<SettingsChange, "version">, version: number) =>
    api.put<Settings>("/availability/settings", { ...changes, version } satisfies SettingsChange),

  types: (api: Api) => api.get<Types>("/availability/types").then((r) => r.types),
  addType: (api: Api, name: string, color: string) =>
    api.post<AvailabilityType>("/availability/types", { name, color } satisfies NewType),
  updateType: (api: Api, type: AvailabilityType, changes: Pick<TypeChange, "name" | "color" | "retired">) =>
    api.put<AvailabilityType>(`/availability/types/${encodeURIComponent(type.type_id)}`, {
      ...changes,
      version: type.version,
    } satisfies TypeChange),

  sites: (api: Api) => api.get<Sites>("/availability/sites").then((r) => r.sites),
  addSite: (api: Api, name: string, timezone: string, address: string | null = null) =>
    api.post<Site>("/availability/sites", { name, timezone, address } satisfies NewSite),
  /** A site's time zone is fixed once it is added: its name, address (empty: none) and whether it is retired change. */
  updateSite: (api: Api, site: Site, changes: Pick<SiteChange, "name" | "retired" | "address">) =>
    api.put<Site>(`/availability/sites/${encodeURIComponent(site.site_id)}`, {
      ...changes,
      version: site.version,
    } satisfies SiteChange),

  calendars: (api: Api, workerId: string) =>
    api.get<Calendars>(`${worker(workerId)}/calendars`).then((r) => r.calendars),
  addCalendar: (api: Api, workerId: string, body: NewCalendar) =>
    api.post<Calendar>(`${worker(workerId)}/calendars`, body),
  updateCalendar: (api: Api, workerId: string, summary: Calendar, changes: Omit<CalendarChange, "version">) =>
    api.put<Calendar>(calendar(workerId, summary.calendar_id), {
      ...changes,
      version: summary.version,
    } satisfies CalendarChange),
  deleteCalendar: (api: Api, workerId: string, calendarId: string) => api.delete(calendar(workerId, calendarId)),

  blocks: (api: Api, workerId: string, calendarId: string) =>
    api.get<Blocks>(`${calendar(workerId, calendarId)}/blocks`).then((r) => r.blocks),
  addBlock: (api: Api, workerId: string, calendarId: string, fields: BlockFields) =>
    api.post<Block>(`${calendar(workerId, calendarId)}/blocks`, fields satisfies WeeklyBlock),
  replaceBlock: (api: Api, workerId: string, calendarId: string, blockId: string, fields: BlockFields) =>
    api.put<Block>(
      `${calendar(workerId, calendarId)}/blocks/${encodeURIComponent(blockId)}`,
      fields satisfies WeeklyBlock,
    ),
  deleteBlock: (api: Api, workerId: string, calendarId: string, blockId: string) =>
    api.delete(`${calendar(workerId, calendarId)}/blocks/${encodeURIComponent(blockId)}`),

  timeOff: (api: Api, workerId: string) =>
    api.get<TimeOffList>(`${worker(workerId)}/time-off`).then((r) => r.time_off),
  addTimeOff: (api: Api, workerId: string, body: NewTimeOff) => api.post<TimeOff>(`${worker(workerId)}/time-off`, body),
  deleteTimeOff: (api: Api, workerId: string, timeOffId: string) =>
    api.delete(`${worker(workerId)}/time-off/${encodeURIComponent(timeOffId)}`),

  slots: (api: Api, workerId: string, from: string, to: string) =>
    api.get<Slots>(`${worker(workerId)}/slots`, { from, to }).then((r) => r.slots),
  /** The slots with whether clients can request events now (an admin's switch in requests) and why not. */
  slotAnswer: (api: Api, workerId: string, from: string, to: string) =>
    api.get<Slots>(`${worker(workerId)}/slots`, { from, to }),
};
