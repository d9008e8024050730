/**
 * The requests service's API (`/requests`): the roster, the agency's settings, service files, event requests, events
 * and requests for a new service. Its types are those generated from requests' OpenAPI document
 * (`shared/api/requests.ts`).
 */

import { allPages, type Api } from "../../shared/http";
import type {
  Approval,
  CalendarFeed,
  CalendarFeedLink,
  Attendance,
  Cancellation,
  Decline,
  NewEvent,
  NewParticipant,
  NewService,
  NewTime,
  People,
  Person,
  PeopleQuery,
  Proposal,
  RequestStatus,
  ServiceClosing,
  ServiceFile,
  ServiceFiles,
  ServiceRequest,
  ServiceRequests,
  ServicesQuery,
  Settings,
  SettingsChange,
  StaffEvent,
  StaffEventRequest,
  StaffEventRequests,
  StaffEvents,
  VideoLinkChange,
} from "../../shared/api/requests";

const MAX = 200;
const id = encodeURIComponent;

export const requests = {
  /** Everyone of a role (or everyone) in the agency, every page of the roster. */
  people: (api: Api, role?: NonNullable<PeopleQuery["role"]>) =>
    allPages<Person>((cursor) => api.get<People>(`/requests/people`, { role, cursor, limit: MAX }), "people"),
  person: (api: Api, personId: string) => api.get<Person>(`/requests/people/${id(personId)}`),

  settings: (api: Api) => api.get<Settings>("/requests/settings"),
  updateSettings: (api: Api, changes: Omit<SettingsChange, "version">, version: number) =>
    api.put<Settings>("/requests/settings", { ...changes, version } satisfies SettingsChange),

  services: (api: Api, query: Pick<ServicesQuery, "status" | "worker_id" | "client_id"> = {}) =>
    allPages<ServiceFile>(
      (cursor) =>
        api.get<ServiceFiles>(`/requests/services`, {
          status: query.status ?? undefined,
          worker_id: query.worker_id ?? undefined,
          client_id: query.client_id ?? undefined,
          cursor,
          limit: MAX,
        }),
      "services",
    ),
  service: (api: Api, serviceId: string) => api.get<ServiceFile>(`/requests/services/${id(serviceId)}`),
  openService: (api: Api, body: NewService) => api.post<ServiceFile>("/requests/services", body),
  addParticipant: (api: Api, serviceId: string, clientId: string) =>
    api.post<ServiceFile>(`/requests/services/${id(serviceId)}/participants`, {
      client_id: clientId,
    } satisfies NewParticipant),
  removeParticipant: (api: Api, serviceId: string, clientId: string) =>
    api.request<ServiceFile>("DELETE", `/requests/services/${id(serviceId)}/participants/${id(clientId)}`),
  closeService: (api: Api, serviceId: string, closeDate: string) =>
    api.post<ServiceFile>(`/requests/services/${id(serviceId)}/close`, {
      close_date: closeDate,
    } satisfies ServiceClosing),

  /** Requests of one status (awaiting the worker's response by default): the worker's own, or any for admins. */
  eventRequests: (api: Api, status: RequestStatus, workerId?: string) =>
    allPages<StaffEventRequest>(
      (cursor) =>
        api.get<StaffEventRequests>(`/requests/event-requests`, { status, worker_id: workerId, cursor, limit: MAX }),
      "event_requests",
      5,
    ),
  confirm: (api: Api, requestId: string) =>
    api.post<StaffEventRequest>(`/requests/event-requests/${id(requestId)}/confirm`, {}),
  decline: (api: Api, requestId: string, reason: string) =>
    api.post<StaffEventRequest>(`/requests/event-requests/${id(requestId)}/decline`, { reason } satisfies Decline),
  /** Answered 202: availability checks the time; a failure shows on the request (`proposal`). */
  propose: (api: Api, requestId: string, start: string) =>
    api.post<StaffEventRequest>(`/requests/event-requests/${id(requestId)}/propose`, { start } satisfies Proposal),

  /** A worker's events starting in [from, to) (at most 92 days). */
  events: (api: Api, workerId: string, from: string, to: string) =>
    allPages<StaffEvent>(
      (cursor) => api.get<StaffEvents>(`/requests/events`, { worker_id: workerId, from, to, cursor, limit: MAX }),
      "events",
    ),
  event: (api: Api, eventId: string) => api.get<StaffEvent>(`/requests/events/${id(eventId)}`),
  createEvent: (api: Api, body: NewEvent) => api.post<StaffEvent>("/requests/events", body),
  reschedule: (api: Api, eventId: string, start: string, end: string) =>
    api.post<StaffEvent>(`/requests/events/${id(eventId)}/reschedule`, { start, end } satisfies NewTime),
  /** Cancel for everyone; `chargeLateFee` (only inside the cancellation window) invoices the late-cancellation fee. */
  cancel: (api: Api, eventId: string, reason?: string, chargeLateFee = false) =>
    api.post<StaffEvent>(`/requests/events/${id(eventId)}/cancel`, {
      ...(reason ? { reason } : {}),
      ...(chargeLateFee ? { charge_late_fee: true } : {}),
    } satisfies Cancellation),
  setVideoLink: (api: Api, eventId: string, url: string) =>
    api.put<StaffEvent>(`/requests/events/${id(eventId)}/video-link`, { url } satisfies VideoLinkChange),
  /** Attended or no-show once the event started (a cancellation goes through `cancel`). */
  markAttendance: (api: Api, eventId: string, status: Exclude<Attendance["status"], "cancelled">) =>
    api.post<StaffEvent>(`/requests/events/${id(eventId)}/attendance`, { status } satisfies Attendance),

  serviceRequests: (api: Api, status: ServiceRequest["status"] = "pending") =>
    allPages<ServiceRequest>(
      (cursor) => api.get<ServiceRequests>(`/requests/service-requests`, { status, cursor, limit: MAX }),
      "service_requests",
      5,
    ),
  approveServiceRequest: (api: Api, requestId: string, body: Approval) =>
    api.post<ServiceRequest>(`/requests/service-requests/${id(requestId)}/approve`, body),

  /** Whether the signed-in worker or admin shares their calendar with a calendar app (never its link). */
  calendarFeed: (api: Api) => api.get<CalendarFeed>("/requests/me/calendar-feed"),
  /** A new private calendar link, shown once (the old one stops working); no Idempotency-Key: it would be kept. */
  newCalendarFeed: (api: Api) => api.post<CalendarFeedLink>("/requests/me/calendar-feed", undefined),
  stopCalendarFeed: (api: Api) => api.delete("/requests/me/calendar-feed"),
  /** One of your events as a calendar file (Add to calendar: its worker only). */
  eventCalendarFile: (api: Api, eventId: string) => api.text(`/requests/me/events/${id(eventId)}/calendar-file`),
  declineServiceRequest: (api: Api, requestId: string, reason: string) =>
    api.post<ServiceRequest>(`/requests/service-requests/${id(requestId)}/decline`, { reason } satisfies Decline),
};
