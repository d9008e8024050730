// Generated from services/requests/openapi.json by openapi-typescript: do not edit.
// Refresh with `make openapi` (or `npm run types` in web/); a Vitest test fails when this file is stale.

export interface paths {
    "/requests/event-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Event requests by status (awaiting your response by default): a worker's own, or any worker's for admins.
         * @description Roles: worker, admin.
         */
        get: operations["staff_event_requests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/event-requests/{request_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event request addressed to you (any, for admins).
         * @description Roles: worker, admin.
         */
        get: operations["staff_event_request"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/event-requests/{request_id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm an event request: the event is scheduled at the held time.
         * @description Roles: worker, admin.
         */
        post: operations["confirm_event_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/event-requests/{request_id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an event request, with a reason the client reads.
         * @description Roles: worker, admin.
         */
        post: operations["decline_event_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/event-requests/{request_id}/propose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose another time (answered 202: availability checks it is open before the client is asked).
         * @description Roles: worker, admin.
         */
        post: operations["propose_time"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A worker's events starting from `from` to `to` (at most 92 days), by start.
         * @description Roles: worker, admin.
         */
        get: operations["list_events"];
        put?: never;
        /**
         * Schedule an event with clients of a service (all its participants when none are named).
         * @description Roles: worker, admin.
         */
        post: operations["create_event"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/events/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event.
         * @description Roles: worker, admin.
         */
        get: operations["get_event"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/events/{event_id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an event attended or a no-show once it has started, or cancelled (late).
         * @description Roles: worker, admin.
         */
        post: operations["mark_attendance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/events/{event_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an event for everyone (a late-cancel fee only inside the cancellation window).
         * @description Roles: worker, admin.
         */
        post: operations["cancel_event"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/events/{event_id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move an event to a new time (it keeps its length unless an end is given).
         * @description Roles: worker, admin.
         */
        post: operations["reschedule_event"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/events/{event_id}/video-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add or change an event's video session link (its clients see it).
         * @description Roles: worker, admin.
         */
        put: operations["set_video_link"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/feeds/{feed}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A calendar subscription feed: the person's events from 30 days back to the agency's horizon.
         * @description No sign-in: the secret in the path is the credential (`<secret>.ics`, from `POST /requests/me/calendar-feed`). An unknown, replaced or turned-off secret answers 404; more fetches than the feed's limit per hour 429.
         *
         *     Public: no sign-in.
         */
        get: operations["calendar_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/health": {
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
    "/requests/me/calendar-feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether you share your events as a calendar subscription feed (its link is shown only when made).
         * @description Roles: client, worker, admin.
         */
        get: operations["my_calendar_feed"];
        put?: never;
        /**
         * Get a private link to subscribe to your events from a calendar app; a link you had before stops working.
         * @description Roles: client, worker, admin.
         */
        post: operations["new_calendar_feed"];
        /**
         * Stop sharing: your calendar link answers 404 from now on.
         * @description Roles: client, worker, admin.
         */
        delete: operations["stop_calendar_feed"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/event-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your event requests, newest first: open ones, one status, or all.
         * @description Roles: client.
         */
        get: operations["my_event_requests"];
        put?: never;
        /**
         * Request an event with a provider at one of their open times (pending until the time is held).
         * @description Roles: client.
         */
        post: operations["submit_event_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/event-requests/{request_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your event requests.
         * @description Roles: client.
         */
        get: operations["my_event_request"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/event-requests/{request_id}/accept-proposal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept the time the worker proposed: the event is scheduled.
         * @description Roles: client.
         */
        post: operations["accept_proposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/event-requests/{request_id}/decline-proposal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline the time the worker proposed (the request ends).
         * @description Roles: client.
         */
        post: operations["decline_proposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/event-requests/{request_id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw your event request before it is confirmed.
         * @description Roles: client.
         */
        post: operations["withdraw_event_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your events from `from` to `to` (at most 92 days), or every event of one of your services, by start.
         * @description Roles: client.
         */
        get: operations["my_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/events/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your events.
         * @description Roles: client.
         */
        get: operations["my_event"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/events/{event_id}/calendar-file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Add to calendar: one of your events as a calendar file (its clients and its worker only).
         * @description Roles: client, worker, admin.
         */
        get: operations["event_calendar_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/events/{event_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel your attendance: the event is cancelled, or you leave it when other clients attend too.
         * @description Roles: client.
         */
        post: operations["cancel_my_event"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/events/{event_id}/confirm-attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Say you will attend an upcoming event.
         * @description Roles: client.
         */
        post: operations["confirm_attendance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/service-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your requests for a new service, newest first.
         * @description Roles: client.
         */
        get: operations["my_service_requests"];
        put?: never;
        /**
         * Ask the agency for a new service.
         * @description Roles: client.
         */
        post: operations["request_service"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My Services: the services you take part in, with their next event and providers.
         * @description Roles: client.
         */
        get: operations["my_services"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/me/services/{service_id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Services Timeline: one of your services' history, newest first (what concerns you).
         * @description Roles: client.
         */
        get: operations["my_service_timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's roster, a page at a time, of one role if you choose.
         * @description Roles: worker, admin.
         */
        get: operations["list_people"];
        put?: never;
        /**
         * Add someone to the agency's roster (workers add clients; admins add anyone).
         * @description Roles: worker, admin.
         */
        post: operations["add_person"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/people/{person_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person of the agency's roster.
         * @description Roles: worker, admin.
         */
        get: operations["get_person"];
        /**
         * Change a person's name, email, role or email consent (fields left out keep their value).
         * @description Roles: worker, admin.
         */
        put: operations["update_person"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/service-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Clients' requests for a new service, pending ones by default.
         * @description Roles: worker, admin.
         */
        get: operations["service_requests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/service-requests/{service_request_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a request for a new service: its service file opens with the client.
         * @description Roles: worker, admin.
         */
        post: operations["approve_service_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/service-requests/{service_request_id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a request for a new service, with a reason the client reads.
         * @description Roles: worker, admin.
         */
        post: operations["decline_service_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's service files, a page at a time: open or closed, of one worker or one client.
         * @description Roles: worker, admin.
         */
        get: operations["list_services"];
        put?: never;
        /**
         * Open a service file with its providers (workers) and participants (clients).
         * @description Roles: worker, admin.
         */
        post: operations["open_service"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/services/{service_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service file.
         * @description Roles: worker, admin.
         */
        get: operations["get_service"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/services/{service_id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a service file, on a date or today.
         * @description Roles: worker, admin.
         */
        post: operations["close_service"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/services/{service_id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a client to a service as a participant.
         * @description Roles: worker, admin.
         */
        post: operations["add_participant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/services/{service_id}/participants/{client_id}": {
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
         * Remove a participant from a service (their past stays in the file).
         * @description Roles: worker, admin.
         */
        delete: operations["remove_participant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/services/{service_id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A service's timeline, newest first: opened, participants, closed, its event requests and events.
         * @description Roles: worker, admin.
         */
        get: operations["service_timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's settings for requests and events.
         * @description Roles: client, worker, admin.
         */
        get: operations["get_settings"];
        /**
         * Change the agency's settings for requests and events on the version read.
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
         * Approval
         * @description Open the service the client asked for (named as asked, from today, with the approving worker, unless given).
         */
        Approval: {
            /** @default null */
            name?: string | null;
            /** @default null */
            open_date?: string | null;
            /** @default null */
            provider_ids?: string[] | null;
        };
        /**
         * Attendance
         * @description Attended or no-show once the event has started; cancelled is a (late) cancellation.
         */
        Attendance: {
            /** @default null */
            charge_late_fee?: boolean | null;
            /** @default null */
            reason?: string | null;
            /** @enum {unknown} */
            status: "attended" | "cancelled" | "no_show";
        };
        /** CalendarEvent */
        CalendarEvent: {
            /** @description You said you will attend. */
            attendance_confirmed: boolean;
            awaiting_video_link: boolean;
            cancelled_by: ("admin" | "availability" | "client" | "worker") | null;
            cancelled_by_id: string | null;
            client_ids: string[];
            /** @description A UTC instant, RFC 3339 with Z. */
            created_at: string;
            created_by: string;
            duration_minutes: number;
            /** @description A UTC instant, RFC 3339 with Z. */
            end: string;
            event_id: string;
            /** @description Cancelled inside the agency's cancellation window. */
            late: boolean | null;
            /** @description A late-cancellation fee is owed. */
            late_fee: boolean | null;
            /** @description You cancelled your own attendance; the others kept the event. */
            left: boolean;
            local_start: string | null;
            previous_end: string | null;
            previous_start: string | null;
            reason: string | null;
            request_id: string | null;
            /** @description The client whose request became this event; null when staff created it. */
            requested_by: string | null;
            service_id: string;
            site_id: string | null;
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
            /** @enum {unknown} */
            status: "attended" | "cancelled" | "no_show" | "scheduled";
            updated_at: string | null;
            version: number;
            video_link: string | null;
            video_session: boolean;
            worker_id: string;
            worker_name: string | null;
        };
        /**
         * CalendarFeed
         * @description Whether you share your events as a calendar subscription feed. Its link is shown once, when it is made: only a hash of its secret is kept.
         */
        CalendarFeed: {
            active: boolean;
            /** @description When the current link was made. */
            created_at: string | null;
            /** @description When a calendar app last fetched the feed. */
            last_fetched_at: string | null;
        };
        /**
         * CalendarFeedLink
         * @description Your new private calendar link, shown this once; any link you had before stops working at once.
         */
        CalendarFeedLink: {
            /** @description A UTC instant, RFC 3339 with Z. */
            created_at: string;
            /** @description The feed's path: /requests/feeds/<secret>.ics. */
            path: string;
            /** @description The feed over https (http on the local stack); null when the request named no host: join `path` to the portal's address. */
            url: string | null;
            /** @description The same feed as webcal://, which opens a calendar app. */
            webcal_url: string | null;
        };
        /** Cancellation */
        Cancellation: {
            /** @default null */
            charge_late_fee?: boolean | null;
            /** @default null */
            reason?: string | null;
        };
        /** ClientCancellation */
        ClientCancellation: {
            /** @default null */
            reason?: string | null;
        };
        /** ClientEvent */
        ClientEvent: {
            /** @description You said you will attend. */
            attendance_confirmed: boolean;
            awaiting_video_link: boolean;
            cancelled_by: ("admin" | "availability" | "client" | "worker") | null;
            cancelled_by_id: string | null;
            client_ids: string[];
            /** @description A UTC instant, RFC 3339 with Z. */
            created_at: string;
            created_by: string;
            duration_minutes: number;
            /** @description A UTC instant, RFC 3339 with Z. */
            end: string;
            event_id: string;
            /** @description Cancelled inside the agency's cancellation window. */
            late: boolean | null;
            /** @description A late-cancellation fee is owed. */
            late_fee: boolean | null;
            /** @description You cancelled your own attendance; the others kept the event. */
            left: boolean;
            local_start: string | null;
            previous_end: string | null;
            previous_start: string | null;
            reason: string | null;
            request_id: string | null;
            /** @description The client whose request became this event; null when staff created it. */
            requested_by: string | null;
            service_id: string;
            site_id: string | null;
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
            /** @enum {unknown} */
            status: "attended" | "cancelled" | "no_show" | "scheduled";
            updated_at: string | null;
            version: number;
            video_link: string | null;
            video_session: boolean;
            worker_id: string;
        };
        /**
         * ClientEventRequest
         * @description An event request as its client sees it.
         */
        ClientEventRequest: {
            attendee_ids: string[];
            awaiting_video_link: boolean;
            client_id: string;
            confirmed_by: ("client" | "worker") | null;
            /** @description A UTC instant, RFC 3339 with Z. */
            created_at: string;
            declined_by: ("availability" | "client" | "worker") | null;
            end: string | null;
            event_id: string | null;
            hold_expires_at: string | null;
            /** @description The start on the site's wall clock. */
            local_start: string | null;
            message: string | null;
            /** @description A time the worker proposed that availability has not answered yet. */
            proposed_start: string | null;
            /** @description A code of availability (`slot_taken`, ...), or the worker's or client's words. */
            reason: string | null;
            /** @description The reason as a sentence a person reads. */
            reason_text: string | null;
            request_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            requested_start: string;
            service_id: string;
            site_id: string | null;
            /** @description The time asked for (held once availability answers). */
            start: string;
            /** @enum {unknown} */
            status: "awaiting_response" | "confirmed" | "declined" | "expired" | "pending" | "proposed" | "withdrawn";
            updated_at: string | null;
            version: number;
            video_link: string | null;
            video_session: boolean;
            worker_id: string;
        };
        /** ClientEventRequests */
        ClientEventRequests: {
            cursor: string | null;
            event_requests: components["schemas"]["ClientEventRequest"][];
        };
        /** ClientEvents */
        ClientEvents: {
            cursor: string | null;
            events: components["schemas"]["CalendarEvent"][];
        };
        /** Decline */
        Decline: {
            reason: string;
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
        /** MyService */
        MyService: {
            close_date: string | null;
            events_attended: number;
            events_upcoming: number;
            left_date: string | null;
            links: components["schemas"]["ServiceLinks"];
            name: string;
            next_event: components["schemas"]["ClientEvent"] | null;
            /** @description A date, YYYY-MM-DD. */
            open_date: string;
            /** @description The other clients taking part. */
            participants: components["schemas"]["Participant"][];
            providers: components["schemas"]["Provider"][];
            service_id: string;
            /**
             * @description closed once the service closed or you left it.
             * @enum {unknown}
             */
            status: "closed" | "open";
        };
        /** MyServices */
        MyServices: {
            services: components["schemas"]["MyService"][];
            /** @description The agency's IANA time zone, to show times on its clock; null until availability has told it. */
            timezone: string | null;
        };
        /**
         * NewEvent
         * @description A worker's event with clients of a service (all its participants when client_ids is left out).
         */
        NewEvent: {
            /** @default null */
            client_ids?: string[] | null;
            /**
             * Format: date-time
             * @description An RFC 3339 instant with its offset, in the years 2000 to 2099 (UTC).
             */
            end: string;
            service_id: string;
            /** @default null */
            site_id?: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 instant with its offset, in the years 2000 to 2099 (UTC).
             */
            start: string;
            /** @default null */
            video_link?: string | null;
            /** @default null */
            video_session?: boolean | null;
            /** @default null */
            worker_id?: string | null;
        };
        /**
         * NewEventRequest
         * @description A client's request for an event with a provider at one of their open times.
         */
        NewEventRequest: {
            /** @default null */
            attendee_ids?: string[] | null;
            /** @default null */
            message?: string | null;
            /** @default null */
            service_id?: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 instant with its offset, in the years 2000 to 2099 (UTC).
             */
            start: string;
            /** @default null */
            video_session?: boolean | null;
            worker_id: string;
        };
        /** NewParticipant */
        NewParticipant: {
            client_id: string;
        };
        /**
         * NewPerson
         * @description Someone to add to the agency's roster; person_id is the `custom:person_id` of their sign-in.
         */
        NewPerson: {
            email: string;
            /** @default null */
            email_consent?: boolean | null;
            name: string;
            person_id: string;
            /** @enum {unknown} */
            role: "admin" | "client" | "worker";
        };
        /**
         * NewService
         * @description A service file: who provides it (workers of the agency) and who takes part (its clients).
         */
        NewService: {
            name: string;
            /**
             * Format: date
             * @description A date, YYYY-MM-DD, in the years 2000 to 2099.
             */
            open_date: string;
            /** @default null */
            participant_ids?: string[] | null;
            provider_ids: string[];
        };
        /**
         * NewServiceRequest
         * @description A client's request for a new service.
         */
        NewServiceRequest: {
            /** @default null */
            message?: string | null;
            /** @description What the client asks for. */
            name: string;
        };
        /** NewTime */
        NewTime: {
            /** @default null */
            end?: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 instant with its offset, in the years 2000 to 2099 (UTC).
             */
            start: string;
        };
        /** Participant */
        Participant: {
            client_id: string;
            name: string | null;
        };
        /** People */
        People: {
            cursor: string | null;
            people: components["schemas"]["Person"][];
        };
        /** Person */
        Person: {
            email: string;
            email_consent: boolean;
            name: string;
            person_id: string;
            /** @enum {unknown} */
            role: "admin" | "client" | "worker";
            version: number;
        };
        /**
         * PersonChange
         * @description What changes of a person (fields not sent keep their value).
         */
        PersonChange: {
            /** @default null */
            email?: string | null;
            /** @default null */
            email_consent?: boolean | null;
            /** @default null */
            name?: string | null;
            /** @default null */
            role?: ("admin" | "client" | "worker") | null;
        };
        /** Proposal */
        Proposal: {
            /**
             * Format: date-time
             * @description An RFC 3339 instant with its offset, in the years 2000 to 2099 (UTC).
             */
            start: string;
        };
        /** ProposalAnswer */
        ProposalAnswer: {
            /** @default null */
            reason?: string | null;
        };
        /**
         * ProposalChecking
         * @description The worker's proposal while availability checks that it is open.
         */
        ProposalChecking: {
            note: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
            /** @enum {unknown} */
            status: "checking";
        };
        /**
         * ProposalFailed
         * @description The last proposal availability could not hold, and why (until the request's next change).
         */
        ProposalFailed: {
            /** @description A UTC instant, RFC 3339 with Z. */
            failed_at: string;
            reason: string;
            reason_text: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
            /** @enum {unknown} */
            status: "failed";
        };
        /** Provider */
        Provider: {
            name: string | null;
            worker_id: string;
        };
        /** ServiceClosing */
        ServiceClosing: {
            /** @default null */
            close_date?: string | null;
        };
        /** ServiceFile */
        ServiceFile: {
            close_date: string | null;
            name: string;
            /** @description A date, YYYY-MM-DD. */
            open_date: string;
            participant_ids: string[];
            provider_ids: string[];
            service_id: string;
            /** @enum {unknown} */
            status: "closed" | "open";
            version: number;
        };
        /** ServiceFiles */
        ServiceFiles: {
            cursor: string | null;
            services: components["schemas"]["ServiceFile"][];
        };
        /**
         * ServiceLinks
         * @description Where the portal finds the service's timeline, calendar, requests, discussions and invoices.
         */
        ServiceLinks: {
            discussions: string;
            event_requests: string;
            events: string;
            invoices: string;
            timeline: string;
        };
        /** ServiceRequest */
        ServiceRequest: {
            client_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            created_at: string;
            decided_by: string | null;
            message: string | null;
            name: string;
            reason: string | null;
            /** @description The service file opened on approval. */
            service_id: string | null;
            service_request_id: string;
            /** @enum {unknown} */
            status: "approved" | "declined" | "pending";
            updated_at: string | null;
            version: number;
        };
        /** ServiceRequests */
        ServiceRequests: {
            cursor: string | null;
            service_requests: components["schemas"]["ServiceRequest"][];
        };
        /** Settings */
        Settings: {
            /** @description The agency's name as clients read it; null until set. */
            agency_name: string | null;
            cancellation_window_hours: number;
            event_requests_enabled: boolean;
            /** @description A worker's calendar feed and calendar files name the event's clients (off: they say "Appointment with <agency>"). */
            feed_client_names: boolean;
            max_open_requests: number;
            request_messages_enabled: boolean;
            /** @description A request must carry a message (while messages with requests are enabled). */
            request_messages_required: boolean;
            service_requests_enabled: boolean;
            /** @description 0 until an admin first changes them (the defaults). */
            version: number;
            video_sessions_enabled: boolean;
        };
        /**
         * SettingsChange
         * @description Some of the agency's settings, changed on the version read (settings not sent keep their value).
         */
        SettingsChange: {
            /** @default null */
            agency_name?: string | null;
            /** @default null */
            cancellation_window_hours?: number | null;
            /** @default null */
            event_requests_enabled?: boolean | null;
            /** @default null */
            feed_client_names?: boolean | null;
            /** @default null */
            max_open_requests?: number | null;
            /** @default null */
            request_messages_enabled?: boolean | null;
            /** @default null */
            request_messages_required?: boolean | null;
            /** @default null */
            service_requests_enabled?: boolean | null;
            version: number;
            /** @default null */
            video_sessions_enabled?: boolean | null;
        };
        /** StaffEvent */
        StaffEvent: {
            attendance_confirmed_by: string[];
            awaiting_video_link: boolean;
            cancelled_by: ("admin" | "availability" | "client" | "worker") | null;
            cancelled_by_id: string | null;
            client_ids: string[];
            /** @description A UTC instant, RFC 3339 with Z. */
            created_at: string;
            created_by: string;
            duration_minutes: number;
            /** @description A UTC instant, RFC 3339 with Z. */
            end: string;
            event_id: string;
            /** @description Cancelled inside the agency's cancellation window. */
            late: boolean | null;
            /** @description A late-cancellation fee is owed. */
            late_fee: boolean | null;
            /** @description Invited clients who cancelled their own attendance. */
            left_ids: string[];
            local_start: string | null;
            previous_end: string | null;
            previous_start: string | null;
            reason: string | null;
            request_id: string | null;
            /** @description The client whose request became this event; null when staff created it. */
            requested_by: string | null;
            service_id: string;
            site_id: string | null;
            /** @description A UTC instant, RFC 3339 with Z. */
            start: string;
            /** @enum {unknown} */
            status: "attended" | "cancelled" | "no_show" | "scheduled";
            updated_at: string | null;
            version: number;
            video_link: string | null;
            video_session: boolean;
            worker_id: string;
        };
        /**
         * StaffEventRequest
         * @description An event request as the worker it is addressed to (or an admin) sees it.
         */
        StaffEventRequest: {
            attendee_ids: string[];
            awaiting_video_link: boolean;
            client_id: string;
            confirmed_by: ("client" | "worker") | null;
            /** @description A UTC instant, RFC 3339 with Z. */
            created_at: string;
            declined_by: ("availability" | "client" | "worker") | null;
            end: string | null;
            event_id: string | null;
            hold_expires_at: string | null;
            /** @description The start on the site's wall clock. */
            local_start: string | null;
            message: string | null;
            proposal: (components["schemas"]["ProposalChecking"] | components["schemas"]["ProposalFailed"]) | null;
            /** @description A time the worker proposed that availability has not answered yet. */
            proposed_start: string | null;
            /** @description A code of availability (`slot_taken`, ...), or the worker's or client's words. */
            reason: string | null;
            /** @description The reason as a sentence a person reads. */
            reason_text: string | null;
            request_id: string;
            /** @description A UTC instant, RFC 3339 with Z. */
            requested_start: string;
            service_id: string;
            site_id: string | null;
            /** @description The time asked for (held once availability answers). */
            start: string;
            /** @enum {unknown} */
            status: "awaiting_response" | "confirmed" | "declined" | "expired" | "pending" | "proposed" | "withdrawn";
            updated_at: string | null;
            version: number;
            video_link: string | null;
            video_session: boolean;
            worker_id: string;
        };
        /** StaffEventRequests */
        StaffEventRequests: {
            cursor: string | null;
            event_requests: components["schemas"]["StaffEventRequest"][];
        };
        /** StaffEvents */
        StaffEvents: {
            cursor: string | null;
            events: components["schemas"]["StaffEvent"][];
        };
        /** Timeline */
        Timeline: {
            cursor: string | null;
            entries: components["schemas"]["TimelineEntry"][];
        };
        /**
         * TimelineEntry
         * @description One change in a service's history: when (`at`), what (`kind`), what to link to, and a sentence.
         */
        TimelineEntry: {
            /** @description A UTC instant, RFC 3339 with Z. */
            at: string;
            /** @description The client concerned: who asked, was added or removed, or left the event. */
            client_id: string | null;
            /** @description Stable: the id of the event that recorded the change. */
            entry_id: string;
            /** @description The event (appointment) to link to, if any. */
            event_id: string | null;
            /** @enum {unknown} */
            kind: "attendee_left" | "event_attended" | "event_cancelled" | "event_no_show" | "event_rescheduled" | "event_scheduled" | "participant_added" | "participant_removed" | "proposal_failed" | "request_confirmed" | "request_declined" | "request_expired" | "request_held" | "request_proposed" | "request_sent" | "request_withdrawn" | "service_closed" | "service_opened";
            local_start: string | null;
            /** @description Why, in words: a decline, a cancellation, a time that could not be booked. */
            reason_text: string | null;
            /** @description The event request to link to, if any. */
            request_id: string | null;
            service_id: string;
            /** @description The time of the event or request. */
            start: string | null;
            /** @description The change as a sentence, on the agency's clock. */
            text: string;
            /** @description The provider of the event or request. */
            worker_id: string | null;
        };
        /** VideoLinkChange */
        VideoLinkChange: {
            url: string;
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
        /** @description Asked more often than the route allows (`too_many_requests`); `Retry-After` says in how many seconds to ask again. */
        TooManyRequests: {
            headers: {
                /** @description Seconds until the route answers this caller again. */
                "Retry-After": string;
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
    staff_event_requests: {
        parameters: {
            query?: {
                status?: "awaiting_response" | "confirmed" | "declined" | "expired" | "pending" | "proposed" | "withdrawn";
                worker_id?: string | null;
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["StaffEventRequests"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    staff_event_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
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
                    "application/json": components["schemas"]["StaffEventRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    confirm_event_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
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
                    "application/json": components["schemas"]["StaffEventRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    decline_event_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Decline"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffEventRequest"];
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
    propose_time: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Proposal"];
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffEventRequest"];
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
    list_events: {
        parameters: {
            query?: {
                from?: string | null;
                to?: string | null;
                worker_id?: string | null;
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["StaffEvents"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    create_event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewEvent"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffEvent"];
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
    get_event: {
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
                    "application/json": components["schemas"]["StaffEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    mark_attendance: {
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
                "application/json": components["schemas"]["Attendance"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffEvent"];
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
    cancel_event: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Cancellation"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffEvent"];
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
    reschedule_event: {
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
                "application/json": components["schemas"]["NewTime"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffEvent"];
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
    set_video_link: {
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
                "application/json": components["schemas"]["VideoLinkChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffEvent"];
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
    calendar_feed: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the feed last fetched: 304 while it is unchanged. */
                "If-None-Match"?: string;
            };
            path: {
                feed: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The feed (RFC 5545, times in UTC). */
            200: {
                headers: {
                    /** @description private, no-cache: no shared cache keeps it, and apps ask again (a 304) before reusing it. */
                    "Cache-Control": string;
                    /** @description The feed's version: send it back in If-None-Match to be answered 304 while it is unchanged. */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Not modified: the `ETag` sent in `If-None-Match` is still current (no body). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
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
    my_calendar_feed: {
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
                    "application/json": components["schemas"]["CalendarFeed"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    new_calendar_feed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
        };
    };
    stop_calendar_feed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
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
            409: components["responses"]["Conflict"];
        };
    };
    my_event_requests: {
        parameters: {
            query?: {
                status?: "all" | "awaiting_response" | "confirmed" | "declined" | "expired" | "open" | "pending" | "proposed" | "withdrawn";
                service_id?: string | null;
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["ClientEventRequests"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    submit_event_request: {
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
                "application/json": components["schemas"]["NewEventRequest"];
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientEventRequest"];
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
    my_event_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
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
                    "application/json": components["schemas"]["ClientEventRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    accept_proposal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
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
                    "application/json": components["schemas"]["ClientEventRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    decline_proposal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProposalAnswer"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientEventRequest"];
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
    withdraw_event_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
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
                    "application/json": components["schemas"]["ClientEventRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    my_events: {
        parameters: {
            query?: {
                from?: string | null;
                to?: string | null;
                service_id?: string | null;
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["ClientEvents"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    my_event: {
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
                    "application/json": components["schemas"]["ClientEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    event_calendar_file: {
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
            /** @description One event as a calendar file (RFC 5545, times in UTC), to open or import. */
            200: {
                headers: {
                    /** @description attachment; filename="appointment.ics" */
                    "Content-Disposition": string;
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    cancel_my_event: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ClientCancellation"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientEvent"];
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
    confirm_attendance: {
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
                    "application/json": components["schemas"]["ClientEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    my_service_requests: {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["ServiceRequests"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    request_service: {
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
                "application/json": components["schemas"]["NewServiceRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceRequest"];
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
    my_services: {
        parameters: {
            query?: {
                status?: "all" | "open";
                service_id?: string | null;
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
                    "application/json": components["schemas"]["MyServices"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    my_service_timeline: {
        parameters: {
            query?: {
                from?: string | null;
                to?: string | null;
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path: {
                service_id: string;
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
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    list_people: {
        parameters: {
            query?: {
                role?: ("admin" | "client" | "worker") | null;
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["People"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    add_person: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPerson"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Person"];
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
    get_person: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                person_id: string;
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
                    "application/json": components["schemas"]["Person"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    update_person: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                person_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PersonChange"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Person"];
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
    service_requests: {
        parameters: {
            query?: {
                status?: "approved" | "declined" | "pending";
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["ServiceRequests"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    approve_service_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_request_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Approval"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceRequest"];
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
    decline_service_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_request_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Decline"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceRequest"];
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
    list_services: {
        parameters: {
            query?: {
                status?: ("closed" | "open") | null;
                worker_id?: string | null;
                client_id?: string | null;
                cursor?: string | null;
                limit?: number;
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
                    "application/json": components["schemas"]["ServiceFiles"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    open_service: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewService"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceFile"];
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
    get_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: string;
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
                    "application/json": components["schemas"]["ServiceFile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    close_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ServiceClosing"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceFile"];
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
    add_participant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewParticipant"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceFile"];
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
    remove_participant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service_id: string;
                client_id: string;
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
                    "application/json": components["schemas"]["ServiceFile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    service_timeline: {
        parameters: {
            query?: {
                from?: string | null;
                to?: string | null;
                cursor?: string | null;
                limit?: number;
            };
            header?: never;
            path: {
                service_id: string;
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
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
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
