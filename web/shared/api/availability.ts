/**
 * The availability service's API types by short names, for the staff web client and the client portal alike: each is
 * the schema of availability's OpenAPI document as generated in `./generated/availability.ts` (never written by hand
 * here).
 */

import type { components, paths } from "./generated/availability";

type Schemas = components["schemas"];

// Replies.
export type Settings = Schemas["Settings"];
export type AvailabilityType = Schemas["AvailabilityType"];
export type Types = Schemas["Types"];
export type Site = Schemas["Site"];
export type Sites = Schemas["Sites"];
export type Calendar = Schemas["Calendar"];
export type ListedCalendar = Schemas["ListedCalendar"];
export type Calendars = Schemas["Calendars"];
export type Block = Schemas["Block"];
export type Blocks = Schemas["Blocks"];
export type TimeOff = Schemas["TimeOff"];
export type TimeOffList = Schemas["TimeOffList"];
export type Slot = Schemas["Slot"];
export type Slots = Schemas["Slots"];
export type DayCount = Schemas["DayCount"];
export type Days = Schemas["Days"];

// Request bodies.
export type SettingsChange = Schemas["SettingsChange"];
export type NewType = Schemas["NewType"];
export type TypeChange = Schemas["TypeChange"];
export type NewSite = Schemas["NewSite"];
export type SiteChange = Schemas["SiteChange"];
export type NewCalendar = Schemas["NewCalendar"];
export type CalendarChange = Schemas["CalendarChange"];
export type WeeklyBlock = Schemas["WeeklyBlock"];
export type NewTimeOff = Schemas["NewTimeOff"];

// Query parameters.
export type SlotsQuery = NonNullable<paths["/availability/workers/{worker_id}/slots"]["get"]["parameters"]["query"]>;
export type DaysQuery = paths["/availability/workers/{worker_id}/days"]["get"]["parameters"]["query"];

/**
 * Where a calendar stands on the agency's today: `upcoming` (starts later: its name and start date can change, and it
 * can be deleted), `in_effect` (decides today's slots: it can be renamed, not deleted) or `replaced` (a later calendar
 * is in effect: it can be renamed or deleted).
 */
export type CalendarStatus = Calendar["status"];
/** A weekly block's fields as a reply has them (its day one of the seven), which a `WeeklyBlock` body takes. */
export type BlockFields = Omit<Block, "block_id">;
