// Generated from services/availability/openapi.json by openapi-typescript: do not edit.
// Refresh with `make openapi` (or `npm run types` in web/); a Vitest test fails when this file is stale.

export interface paths {
    "/availability/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service answers.
         * @description Public: no sign-in.
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's scheduling settings: time zone, client-facing type, slot length, notice, horizon and holds.
         * @description Roles: worker, admin.
         */
        get: operations["get_settings"];
        /**
         * Change the agency's scheduling settings on the version read.
         * @description Roles: admin.
         */
        put: operations["update_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's sites by name, retired ones included.
         * @description Roles: worker, admin.
         */
        get: operations["list_sites"];
        put?: never;
        /**
         * Add a site in its time zone, with its address if given.
         * @description Roles: admin.
         */
        post: operations["add_site"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/sites/{site_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rename, retire or bring back a site or change its address, on the version read (its time zone cannot
         * @description change).
         *
         *     Roles: admin.
         */
        put: operations["update_site"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's availability types by name, retired ones included.
         * @description Roles: worker, admin.
         */
        get: operations["list_types"];
        put?: never;
        /**
         * Add an availability type, under a name no other type of the agency has.
         * @description Roles: admin.
         */
        post: operations["add_type"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/types/{type_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rename, recolour, retire or bring back an availability type, on the version read.
         * @description Roles: admin.
         */
        put: operations["update_type"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A worker's calendars by start date, with the one in effect and how many blocks each has.
         * @description Roles: worker, admin.
         */
        get: operations["list_calendars"];
        put?: never;
        /**
         * Add a calendar from a start date on: a new blank one, or a copy of another calendar's blocks.
         * @description Roles: worker, admin.
         */
        post: operations["add_calendar"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/calendars/{calendar_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rename a calendar, or move an upcoming calendar's start date, on the version read.
         * @description Roles: worker, admin.
         */
        put: operations["update_calendar"];
        post?: never;
        /**
         * Delete an upcoming or replaced calendar with its blocks (not the one in effect).
         * @description Roles: worker, admin.
         */
        delete: operations["delete_calendar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/calendars/{calendar_id}/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A calendar's weekly blocks, by day and time.
         * @description Roles: worker, admin.
         */
        get: operations["list_blocks"];
        put?: never;
        /**
         * Add a weekly block to a calendar: a day, from and to, its availability type and site.
         * @description Roles: worker, admin.
         */
        post: operations["add_block"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/calendars/{calendar_id}/blocks/{block_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change a weekly block's day, times, type or site.
         * @description Roles: worker, admin.
         */
        put: operations["replace_block"];
        post?: never;
        /**
         * Delete a weekly block.
         * @description Roles: worker, admin.
         */
        delete: operations["delete_block"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Each date of a month, or from one date to another, with the number of the worker's open slots on it.
         * @description Roles: client, worker, admin.
         */
        get: operations["list_days"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The worker's open slots on a date, or from one date to another: the times a client can request.
         * @description Roles: client, worker, admin.
         */
        get: operations["list_slots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/time-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A worker's time off, earliest first.
         * @description Roles: worker, admin.
         */
        get: operations["list_time_off"];
        put?: never;
        /**
         * Add time off: no slot is open while it lasts.
         * @description Roles: worker, admin.
         */
        post: operations["add_time_off"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability/workers/{worker_id}/time-off/{time_off_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete time off.
         * @description Roles: worker, admin.
         */
        delete: operations["delete_time_off"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * AvailabilityType
         * @description A type of availability (one of them is client-facing); a retired one is offered for no new block.
         */
        AvailabilityType: {
            color: string;
            name: string;
            retired: boolean;
            type_id: string;
            version: number;
        };
        /**
         * Block
         * @description A weekly block: a day, from and to on the site's clock, its availability type and site.
         */
        Block: {
            block_id: string;
            /** @enum {unknown} */
            day: "friday" | "monday" | "saturday" | "sunday" | "thursday" | "tuesday" | "wednesday";
            from: string;
            site_id: string;
            to: string;
            type_id: string;
        };
        /**
         * Blocks
         * @description A calendar's weekly blocks, by day and time.
         */
        Blocks: {
            blocks: components["schemas"]["Block"][];
        };
        /**
         * Calendar
         * @description A worker's calendar and where it stands today: upcoming, in effect, or replaced by a later one.
         */
        Calendar: {
            calendar_id: string;
            in_effect: boolean;
            name: string;
            /** @description A date, YYYY-MM-DD. */
            start_date: string;
            /** @enum {unknown} */
            status: "in_effect" | "replaced" | "upcoming";
            version: number;
        };
        /**
         * CalendarChange
         * @description Rename a calendar, or move an upcoming one's start date, on the version read.
         */
        CalendarChange: {
            /** @default null */
            name?: string | null;
            /** @default null */
            start_date?: string | null;
            /** @description The version read: the change is made on it, or answers 409. */
            version: number;
        };
        /**
         * Calendars
         * @description A worker's calendars by start date.
         */
        Calendars: {
            calendars: components["schemas"]["ListedCalendar"][];
        };
        /**
         * DayCount
         * @description A date and the number of open slots on it.
         */
        DayCount: {
            /** @description A date, YYYY-MM-DD. */
            date: string;
            open_slots: number;
        };
        /**
         * Days
         * @description Each date of the month or range with its number of open slots (a green circle where it is not 0; a slot counts on its date at its site), the agency's time zone, and when slots can be requested (no day outside has any).
         */
        Days: {
            days: components["schemas"]["DayCount"][];
            event_requests_enabled: boolean;
            /** @default null */
            notice?: string | null;
            /** @description The earliest a slot can start: now + notice (UTC). */
            requestable_from: string;
            /** @description Slots start before this: now + horizon (UTC). */
            requestable_until: string;
            /** @description The agency's time zone (a calendar's today is the date there). */
            timezone: string;
        };
        Error: {
            error: {
                code: string;
                /** @description The field, parameter or header at fault. */
                field?: string;
                message: string;
            };
        };
        /**
         * Health
         * @description The service answers: GET /<service>/health.
         */
        Health: {
            service: string;
            /** @enum {unknown} */
            status: "ok";
        };
        /**
         * ListedCalendar
         * @description A calendar in a worker's list, with how many weekly blocks it has.
         */
        ListedCalendar: {
            block_count: number;
            calendar_id: string;
            in_effect: boolean;
            name: string;
            /** @description A date, YYYY-MM-DD. */
            start_date: string;
            /** @enum {unknown} */
            status: "in_effect" | "replaced" | "upcoming";
            version: number;
        };
        /**
         * NewCalendar
         * @description A worker's calendar from its start date on: empty, or a copy of another calendar's blocks.
         */
        NewCalendar: {
            /** @default null */
            copy_from?: string | null;
            name: string;
            /**
             * Format: date
             * @description A date, YYYY-MM-DD, in the years 2000 to 2099.
             */
            start_date: string;
        };
        /**
         * NewSite
         * @description A new site, its time zone (which cannot change later) and, if given, its address.
         */
        NewSite: {
            /** @default null */
            address?: string | null;
            name: string;
            /** @description A canonical IANA time zone, like America/New_York. */
            timezone: string;
        };
        /**
         * NewTimeOff
         * @description Time the worker is away, from start to end (at most a year), and why.
         */
        NewTimeOff: {
            /**
             * Format: date-time
             * @description An RFC 3339 instant with its offset, in the years 2000 to 2099 (UTC).
             */
            end: string;
            /** @default null */
            reason?: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 instant with its offset, in the years 2000 to 2099 (UTC).
             */
            start: string;
        };
        /**
         * NewType
         * @description A new availability type: its name (no other type of the agency has it) and colour.
         */
        NewType: {
            /** @description A colour, #RRGGBB. */
            color: string;
            name: string;
        };
        /**
         * Settings
         * @description The agency's scheduling settings, and their version (a change is made on it).
         */
        Settings: {
            client_facing_type_id: string | null;
            /** @description How long a requested time is held for the worker's answer before it is given back. */
            hold_minutes: number;
            /** @description How far ahead slots can be requested. */
            horizon_days: number;
            /** @description How long before its start a slot can be requested. */
            min_notice_hours: number;
            /** @description How long a slot is. */
            slot_minutes: number;
            /** @description A canonical IANA time zone, like America/New_York. */
            timezone: string;
            version: number;
        };
        /**
         * SettingsChange
         * @description Some of the agency's scheduling settings, changed on the version read (those not given keep their value).
         */
        SettingsChange: {
            /** @default null */
            client_facing_type_id?: string | null;
            /** @default null */
            hold_minutes?: number | null;
            /** @default null */
            horizon_days?: number | null;
            /** @default null */
            min_notice_hours?: number | null;
            /** @default null */
            slot_minutes?: number | null;
            /** @default null */
            timezone?: string | null;
            /** @description The version read: the change is made on it, or answers 409. */
            version: number;
        };
        /**
         * Site
         * @description Where a worker meets clients, in its time zone; a retired one is offered for no new block.
         */
        Site: {
            address: string | null;
            name: string;
            retired: boolean;
            site_id: string;
            timezone: string;
            version: number;
        };
        /**
         * SiteChange
         * @description Rename, retire or bring back a site or change its address, on the version read; its time zone stays what it was.
         */
        SiteChange: {
            /** @default null */
            address?: string | null;
            /** @default null */
            name?: string | null;
            /** @default null */
            retired?: boolean | null;
            /** @default null */
            timezone?: string | null;
            /** @description The version read: the change is made on it, or answers 409. */
            version: number;
        };
        /**
         * Sites
         * @description The agency's sites by name, retired ones included.
         */
        Sites: {
            sites: components["schemas"]["Site"][];
        };
        /**
         * Slot
         * @description An open slot: its start and end in UTC, its site, and its start on the site's clock.
         */
        Slot: {
            /** @description A UTC instant, RFC 3339 with Z. */
            end: string;
            /** @description A wall-clock time with its UTC offset. */
            local_start: string;
            site_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
        };
        /**
         * Slots
         * @description The open slots, earliest first.
         */
        Slots: {
            event_requests_enabled: boolean;
            /** @default null */
            notice?: string | null;
            slots: components["schemas"]["Slot"][];
        };
        /**
         * TimeOff
         * @description Time the worker is away: no slot is open from start to end.
         */
        TimeOff: {
            /** @description A UTC instant, RFC 3339 with Z. */
            end: string;
            reason: string | null;
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
            time_off_id: string;
        };
        /**
         * TimeOffList
         * @description A worker's time off, earliest first.
         */
        TimeOffList: {
            time_off: components["schemas"]["TimeOff"][];
        };
        /**
         * TypeChange
         * @description Rename, recolour, retire or bring back a type, on the version read.
         */
        TypeChange: {
            /** @default null */
            color?: string | null;
            /** @default null */
            name?: string | null;
            /** @default null */
            retired?: boolean | null;
            /** @description The version read: the change is made on it, or answers 409. */
            version: number;
        };
        /**
         * Types
         * @description The agency's availability types by name, retired ones included.
         */
        Types: {
            types: components["schemas"]["AvailabilityType"][];
        };
        /**
         * WeeklyBlock
         * @description A weekly block of a calendar: a day, from and to (wall-clock times at the site), its type and site.
         */
        WeeklyBlock: {
            /** @description A day of the week, monday to sunday. */
            day: string;
            /** @description A wall-clock time at the site, 00:00 to 24:00, on a 5-minute boundary. */
            from: string;
            site_id: string;
            /** @description A wall-clock time at the site, 00:00 to 24:00, on a 5-minute boundary. */
            to: string;
            type_id: string;
        };
    };
    responses: {
        /** @description Invalid input; `error.field` names the field (`invalid_field`, `missing_field`, `unknown_field`, `invalid_json`, or a code of the service). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A rule, a version or a concurrent change says no (`conflict`, or a code of the service). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The caller's role, or their relation to the data, does not allow this (`forbidden`). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource, or none the caller may see (`not_found`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid ID token (`unauthorized`). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body was not sent as `application/json` (`unsupported_media_type`). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    get_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    update_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    list_sites: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sites"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    add_site: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSite"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    update_site: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                site_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    list_types: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Types"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    add_type: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewType"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AvailabilityType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    update_type: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TypeChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AvailabilityType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    list_calendars: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendars"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    add_calendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCalendar"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendar"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    update_calendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
                calendar_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalendarChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Calendar"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    delete_calendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
                calendar_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    list_blocks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
                calendar_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Blocks"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    add_block: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
                calendar_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WeeklyBlock"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    replace_block: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
                calendar_id: string;
                block_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WeeklyBlock"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    delete_block: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
                calendar_id: string;
                block_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    list_days: {
        parameters: {
            query?: {
                month?: string | null;
                from?: string | null;
                to?: string | null;
            };
            header?: never;
            path: {
                worker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Days"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    list_slots: {
        parameters: {
            query?: {
                date?: string | null;
                from?: string | null;
                to?: string | null;
            };
            header?: never;
            path: {
                worker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Slots"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    list_time_off: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeOffList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    add_time_off: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTimeOff"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeOff"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    delete_time_off: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                worker_id: string;
                time_off_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
}
