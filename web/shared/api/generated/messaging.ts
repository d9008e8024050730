// Generated from services/messaging/openapi.json by openapi-typescript: do not edit.
// Refresh with `make openapi` (or `npm run types` in web/); a Vitest test fails when this file is stale.

export interface paths {
    "/messaging/discussions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service's discussions, newest activity first.
         * @description Roles: worker, admin.
         */
        get: operations["list_discussions"];
        put?: never;
        /**
         * Start a discussion with a client of a service you provide.
         * @description Roles: worker, admin.
         */
        post: operations["start_discussion_with_client"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/discussions/{discussion_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A discussion with a page of its messages, oldest first, and whether you may post now.
         * @description Roles: worker, admin.
         */
        get: operations["read_discussions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/discussions/{discussion_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Post a message in a discussion.
         * @description Roles: worker, admin.
         */
        post: operations["post_discussions_messages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/events/{event_id}/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event's reminders: on or off, which were sent (to whom, when), which are still due.
         * @description Roles: worker, admin.
         */
        get: operations["get_event_reminders"];
        /**
         * Turn an event's reminders off or back on (its worker or an admin).
         * @description Roles: worker, admin.
         */
        put: operations["set_event_reminders"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/health": {
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
    "/messaging/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your inbox: discussions you follow and notifications, newest activity first, with unread counts.
         * @description Roles: worker, admin.
         */
        get: operations["inbox_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/inbox/{item_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an inbox item read.
         * @description Roles: worker, admin.
         */
        post: operations["mark_read_inbox_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/me/discussions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a discussion with the providers of one of your services.
         * @description Roles: client.
         */
        post: operations["start_discussion_with_provider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/me/discussions/{discussion_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A discussion with a page of its messages, oldest first, and whether you may post now.
         * @description Roles: client.
         */
        get: operations["read_me_discussions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/me/discussions/{discussion_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Post a message in a discussion.
         * @description Roles: client.
         */
        post: operations["post_me_discussions_messages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/me/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your inbox: discussions you follow and notifications, newest activity first, with unread counts.
         * @description Roles: client.
         */
        get: operations["inbox_me_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/me/inbox/{item_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an inbox item read.
         * @description Roles: client.
         */
        post: operations["mark_read_me_inbox_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your email choices, and what reaches you by email once the agency and your consent are counted.
         * @description Roles: client, worker, admin.
         */
        get: operations["get_preferences"];
        /**
         * Choose which kinds of notification also reach you by email, and how much your emails say.
         * @description Roles: client, worker, admin.
         */
        put: operations["update_preferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/me/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the agency's messaging settings let you do: whether discussions are on (the full settings are admins').
         * @description Roles: client, worker, admin.
         */
        get: operations["get_client_settings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messaging/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's messaging settings.
         * @description Roles: admin.
         */
        get: operations["get_settings"];
        /**
         * Change the agency's messaging settings on the version read.
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ClientSettings
         * @description What the agency's messaging settings let anyone signed in do (the portal hides what is off; posts are still refused by the server).
         */
        ClientSettings: {
            /** @description Clients may start discussions and write in them (staff still reply when off). */
            discussions_enabled: boolean;
        };
        /**
         * Discussion
         * @description A discussion with a page of its messages (oldest first) and whether the caller may post now.
         */
        Discussion: {
            can_post: boolean;
            cannot_post_message: string | null;
            cannot_post_reason: string | null;
            client_id: string;
            cursor: string | null;
            discussion_id: string;
            discussions_enabled: boolean;
            messages: components["schemas"]["Message"][];
            /** @default null */
            messages_left?: number | null;
            service_id: string;
            service_name: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            started_at: string;
            started_by: string;
            /** @enum {unknown} */
            started_by_role: "admin" | "client" | "worker";
            subject: string;
        };
        /** DiscussionSummary */
        DiscussionSummary: {
            client_id: string;
            discussion_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            last_message_at: string;
            message_count: number;
            /** @description A UTC instant, RFC 3339 with Z. */
            started_at: string;
            subject: string;
        };
        /** Discussions */
        Discussions: {
            cursor: string | null;
            discussions: components["schemas"]["DiscussionSummary"][];
            service_id: string;
            service_name: string;
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
         * EventReminders
         * @description An event's reminders: the current time's first (longest lead time first), then those of earlier times.
         */
        EventReminders: {
            agency_enabled: boolean;
            changed_at: string | null;
            /** @description Who last turned them off or on (a person id). */
            changed_by: string | null;
            /** @description Staff have not turned this event's reminders off. */
            enabled: boolean;
            event_id: string;
            /** @description The lead times of the agency's reminders, at most 3, each once; the longest first. */
            reminder_hours: number[];
            reminders: components["schemas"]["Reminder"][];
            start: string;
            /** @description The event's status as messaging last heard it. */
            status: string;
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
        /** Inbox */
        Inbox: {
            cursor: string | null;
            items: components["schemas"]["InboxItem"][];
            unread: number;
            unread_by_service: {
                [key: string]: number;
            };
            /** @default null */
            unread_in_service?: number | null;
        };
        /**
         * InboxItem
         * @description A discussion the person follows, or a notification.
         */
        InboxItem: {
            /** @description A UTC instant, RFC 3339 with Z. */
            at: string;
            body: string | null;
            discussion_id: string | null;
            from_name: string | null;
            item_id: string;
            /** @enum {unknown} */
            kind: "attendee_left" | "event_cancelled" | "event_reminder" | "event_requested" | "event_rescheduled" | "event_scheduled" | "invoice_issued" | "message" | "payment_failed" | "payment_received" | "proposal_failed" | "request_awaiting_response" | "request_confirmed" | "request_declined" | "request_expired" | "request_withdrawn" | "service_approved" | "service_declined" | "time_proposed" | "video_link";
            read: boolean;
            reason: string | null;
            refs: {
                [key: string]: string;
            };
            service_id: string | null;
            subject: string;
            /** @enum {unknown} */
            type: "discussion" | "notification";
            unread: number;
        };
        /** Message */
        Message: {
            author_id: string;
            author_name: string | null;
            /** @enum {unknown} */
            author_role: "admin" | "client" | "worker";
            body: string;
            message_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            posted_at: string;
        };
        /**
         * NewDiscussionWithClient
         * @description A provider's (or admin's) new discussion with a client of a service.
         */
        NewDiscussionWithClient: {
            client_id: string;
            message: string;
            service_id: string;
            subject: string;
        };
        /**
         * NewDiscussionWithProviders
         * @description A client's new discussion with the providers of one of their services.
         */
        NewDiscussionWithProviders: {
            message: string;
            service_id: string;
            subject: string;
        };
        /** NewMessage */
        NewMessage: {
            message: string;
        };
        /**
         * Posted
         * @description A message stored (with its discussion, when it started one).
         */
        Posted: {
            discussion_id: string;
            message_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            posted_at: string;
        };
        /** Preferences */
        Preferences: {
            agency_allows_email: boolean;
            delivered_by_email: {
                [key: string]: boolean;
            };
            /** @description What the person's email of each kind says: the more private of theirs and the agency's. */
            delivered_detail: {
                [key: string]: "full" | "subject_only";
            };
            email: {
                [key: string]: boolean;
            };
            email_address: string | null;
            email_consent: boolean;
            /**
             * @description The person's own detail level.
             * @enum {unknown}
             */
            email_detail: "full" | "subject_only";
            /** @description The lead times of the agency's reminders, at most 3, each once; the longest first. */
            reminder_hours: number[];
            /** @description The agency sends reminders of upcoming events (by email, to those who want `event_reminder`). */
            reminders_enabled: boolean;
        };
        /**
         * PreferencesChange
         * @description Which kinds of notification the person also wants by email (kinds not named keep their choice), and how much their emails say; at least one of the two.
         */
        PreferencesChange: {
            /** @default null */
            email?: {
                [key: string]: boolean;
            } | null;
            /** @default null */
            email_detail?: ("full" | "subject_only") | null;
        };
        /**
         * Reminder
         * @description One reminder of an event at one of its times: due, sent (to whom, when), not sent (why), or not planned (the lead time had passed when the event was booked at that time).
         */
        Reminder: {
            /** @description A UTC instant, RFC 3339 with Z. */
            due_at: string;
            hours: number;
            not_sent_to: components["schemas"]["ReminderNotSent"][];
            reason: ("agency_off" | "booked_late" | "event_cancelled" | "event_moved" | "lead_time_removed" | "nobody_consented" | "started" | "superseded" | "turned_off") | null;
            /** @description When it was sent (or dropped). */
            sent_at: string | null;
            sent_to: components["schemas"]["ReminderRecipient"][];
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
            /** @enum {unknown} */
            status: "due" | "not_planned" | "not_sent" | "sent";
        };
        /**
         * ReminderNotSent
         * @description A participant the reminder did not reach by email, and why.
         */
        ReminderNotSent: {
            person_id: string;
            /** @enum {unknown} */
            reason: "agency_email_off" | "no_consent" | "no_email" | "opted_out" | "unknown_person";
            /** @enum {unknown} */
            role: "client" | "worker";
        };
        /** ReminderRecipient */
        ReminderRecipient: {
            person_id: string;
            /** @enum {unknown} */
            role: "client" | "worker";
        };
        /**
         * RemindersSwitch
         * @description Turn an event's reminders off, or back on (reminders still due follow the switch when they come due).
         */
        RemindersSwitch: {
            enabled: boolean;
        };
        /** Settings */
        Settings: {
            client_delivery_enabled: boolean;
            discussions_enabled: boolean;
            email_detail: {
                [key: string]: "full" | "subject_only";
            };
            /** @description The lead times of the agency's reminders, at most 3, each once; the longest first. */
            reminder_hours: number[];
            /** @description Reminders of upcoming events go by email to each participant who consented (off: none at all). */
            reminders_enabled: boolean;
            version: number;
        };
        /**
         * SettingsChange
         * @description The agency's messaging settings, changed on the version read.
         */
        SettingsChange: {
            /** @default null */
            client_delivery_enabled?: boolean | null;
            /** @default null */
            discussions_enabled?: boolean | null;
            /** @default null */
            email_detail?: {
                [key: string]: "full" | "subject_only";
            } | null;
            /** @default null */
            reminder_hours?: number[] | null;
            /** @default null */
            reminders_enabled?: boolean | null;
            version: number;
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
    list_discussions: {
        parameters: {
            query: {
                service_id: string;
                cursor?: string | null;
                limit?: number | null;
            };
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
                    "application/json": components["schemas"]["Discussions"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    start_discussion_with_client: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDiscussionWithClient"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posted"];
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
    read_discussions: {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number | null;
            };
            header?: never;
            path: {
                discussion_id: string;
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
                    "application/json": components["schemas"]["Discussion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    post_discussions_messages: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path: {
                discussion_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMessage"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posted"];
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
    get_event_reminders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_id: string;
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
                    "application/json": components["schemas"]["EventReminders"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    set_event_reminders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RemindersSwitch"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventReminders"];
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
    inbox_inbox: {
        parameters: {
            query?: {
                service_id?: string | null;
                unread?: boolean;
                cursor?: string | null;
                limit?: number | null;
            };
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
                    "application/json": components["schemas"]["Inbox"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    mark_read_inbox_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                item_id: string;
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
                    "application/json": components["schemas"]["InboxItem"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    start_discussion_with_provider: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDiscussionWithProviders"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posted"];
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
    read_me_discussions: {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number | null;
            };
            header?: never;
            path: {
                discussion_id: string;
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
                    "application/json": components["schemas"]["Discussion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    post_me_discussions_messages: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key answers what the first call did; the same key with another body answers 409 `idempotency_key_reused`. */
                "Idempotency-Key"?: string;
            };
            path: {
                discussion_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMessage"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posted"];
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
    inbox_me_inbox: {
        parameters: {
            query?: {
                service_id?: string | null;
                unread?: boolean;
                cursor?: string | null;
                limit?: number | null;
            };
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
                    "application/json": components["schemas"]["Inbox"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    mark_read_me_inbox_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                item_id: string;
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
                    "application/json": components["schemas"]["InboxItem"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    get_preferences: {
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
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    update_preferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PreferencesChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
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
    get_client_settings: {
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
                    "application/json": components["schemas"]["ClientSettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
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
}
