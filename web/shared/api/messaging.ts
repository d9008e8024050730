/**
 * Messaging's API types by short names, for the staff web client and the client portal alike: each is the
 * schema of messaging's OpenAPI document as generated in `./generated/messaging.ts` (never written by hand here).
 */

import type { components, paths } from "./generated/messaging";

type Schemas = components["schemas"];

// Replies.
export type Inbox = Schemas["Inbox"];
export type InboxItem = Schemas["InboxItem"];
export type Discussions = Schemas["Discussions"];
export type DiscussionSummary = Schemas["DiscussionSummary"];
export type Discussion = Schemas["Discussion"];
export type Message = Schemas["Message"];
export type Posted = Schemas["Posted"];
export type Settings = Schemas["Settings"];
export type Preferences = Schemas["Preferences"];
export type ClientSettings = Schemas["ClientSettings"];
export type EventReminders = Schemas["EventReminders"];
export type Reminder = Schemas["Reminder"];

// Request bodies.
export type NewDiscussionWithClient = Schemas["NewDiscussionWithClient"];
export type NewDiscussionWithProviders = Schemas["NewDiscussionWithProviders"];
export type NewMessage = Schemas["NewMessage"];
export type SettingsChange = Schemas["SettingsChange"];
export type PreferencesChange = Schemas["PreferencesChange"];
export type RemindersSwitch = Schemas["RemindersSwitch"];

// Query parameters.
export type InboxQuery = NonNullable<paths["/messaging/inbox"]["get"]["parameters"]["query"]>;
export type MyInboxQuery = NonNullable<paths["/messaging/me/inbox"]["get"]["parameters"]["query"]>;
export type DiscussionsQuery = paths["/messaging/discussions"]["get"]["parameters"]["query"];

/** A notification's kind (`message` for a discussion). */
export type NotificationKind = InboxItem["kind"];

/** How much a person's emails say (`full`, `subject_only`). */
export type DetailLevel = Preferences["email_detail"];
