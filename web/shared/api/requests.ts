/**
 * The requests service's API types by short names, for the staff web client and the client portal alike: each is
 * the schema of requests' OpenAPI document as generated in `./generated/requests.ts` (never written by hand here).
 */

import type { components, paths } from "./generated/requests";

type Schemas = components["schemas"];

// Replies: staff's.
export type Person = Schemas["Person"];
export type People = Schemas["People"];
export type Settings = Schemas["Settings"];
export type ServiceFile = Schemas["ServiceFile"];
export type ServiceFiles = Schemas["ServiceFiles"];
export type StaffEventRequest = Schemas["StaffEventRequest"];
export type StaffEventRequests = Schemas["StaffEventRequests"];
export type ProposalChecking = Schemas["ProposalChecking"];
export type ProposalFailed = Schemas["ProposalFailed"];
export type StaffEvent = Schemas["StaffEvent"];
export type StaffEvents = Schemas["StaffEvents"];
export type ServiceRequest = Schemas["ServiceRequest"];
export type ServiceRequests = Schemas["ServiceRequests"];

// Replies: a client's.
export type ClientEventRequest = Schemas["ClientEventRequest"];
export type ClientEventRequests = Schemas["ClientEventRequests"];
export type ClientEvent = Schemas["ClientEvent"];
export type CalendarEvent = Schemas["CalendarEvent"];
export type ClientEvents = Schemas["ClientEvents"];
export type MyService = Schemas["MyService"];
export type MyServices = Schemas["MyServices"];
/** A service's timeline (a page of it, newest first) and one of its entries. */
export type Timeline = Schemas["Timeline"];
export type TimelineEntry = Schemas["TimelineEntry"];

// Calendar feeds: whether one is shared (its link only when made).
export type CalendarFeed = Schemas["CalendarFeed"];
export type CalendarFeedLink = Schemas["CalendarFeedLink"];

// Request bodies.
export type NewPerson = Schemas["NewPerson"];
export type PersonChange = Schemas["PersonChange"];
export type SettingsChange = Schemas["SettingsChange"];
export type NewService = Schemas["NewService"];
export type NewParticipant = Schemas["NewParticipant"];
export type ServiceClosing = Schemas["ServiceClosing"];
export type Decline = Schemas["Decline"];
/** A worker's proposed time for an event request (the body of `propose`). */
export type Proposal = Schemas["Proposal"];
export type NewEvent = Schemas["NewEvent"];
export type NewTime = Schemas["NewTime"];
export type Cancellation = Schemas["Cancellation"];
export type VideoLinkChange = Schemas["VideoLinkChange"];
export type Attendance = Schemas["Attendance"];
export type Approval = Schemas["Approval"];
export type NewEventRequest = Schemas["NewEventRequest"];
export type ProposalAnswer = Schemas["ProposalAnswer"];
export type ClientCancellation = Schemas["ClientCancellation"];
export type NewServiceRequest = Schemas["NewServiceRequest"];

// Query parameters.
export type PeopleQuery = NonNullable<paths["/requests/people"]["get"]["parameters"]["query"]>;
export type ServicesQuery = NonNullable<paths["/requests/services"]["get"]["parameters"]["query"]>;
export type EventRequestsQuery = NonNullable<paths["/requests/event-requests"]["get"]["parameters"]["query"]>;
export type EventsQuery = NonNullable<paths["/requests/events"]["get"]["parameters"]["query"]>;
export type ServiceRequestsQuery = NonNullable<paths["/requests/service-requests"]["get"]["parameters"]["query"]>;
/** A client's own event requests: open ones, one status or all, of one service. */
export type ClientRequestsQuery = NonNullable<paths["/requests/me/event-requests"]["get"]["parameters"]["query"]>;

/** An event request's status (`awaiting_response`, `confirmed`, ...). */
export type RequestStatus = StaffEventRequest["status"];
/** An event's status (`scheduled`, `attended`, `no_show`, `cancelled`). */
export type EventStatus = StaffEvent["status"];
