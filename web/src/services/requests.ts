/**
 * The requests service's API (`/requests`): the roster, the agency's settings, service files, event
 * requests, events and requests for a new service, typed as the service answers.
 */

import { allPages, type Api } from "../api";

export interface Person {
  person_id: string;
  name: string;
  email: string;
  role: "admin" | "worker" | "client";
  version: number;
}

export interface RequestSettings {
  event_requests_enabled: boolean;
  request_messages_enabled: boolean;
  video_sessions_enabled: boolean;
  service_requests_enabled: boolean;
  max_open_requests: number;
  cancellation_window_hours: number;
  version: number;
}

export interface ServiceFile {
  service_id: string;
  name: string;
  status: "open" | "closed";
  provider_ids: string[];
  participant_ids: string[];
  open_date: string;
  close_date: string | null;
  version: number;
}

export type RequestStatus =
  | "pending"
  | "awaiting_response"
  | "proposed"
  | "confirmed"
  | "declined"
  | "withdrawn"
  | "expired";

/** A worker's proposal while availability checks it, or the last one it could not hold and why. */
export type Proposal =
  | { start: string; status: "checking"; note: string }
  | { start: string; status: "failed"; reason: string; reason_text: string; failed_at: string };

export interface EventRequest {
  request_id: string;
  service_id: string;
  client_id: string;
  worker_id: string;
  /** The time asked for (held once availability answers), UTC. */
  start: string;
  end: string | null;
  requested_start: string;
  created_at: string;
  attendee_ids: string[];
  video_session: boolean;
  message: string | null;
  status: RequestStatus;
  /** The start on the site's wall clock, with its offset: "2026-12-02T09:00:00-05:00". */
  local_start: string | null;
  site_id: string | null;
  hold_expires_at: string | null;
  /** A time the worker proposed that availability has not answered yet. */
  proposed_start: string | null;
  /** Staff only: the proposal being checked, or the last one that failed (until the request's next change). */
  proposal?: Proposal | null;
  /** A code from availability (`slot_taken`, ...) or the worker's or client's words. */
  reason: string | null;
  /** The reason as a sentence a person reads. */
  reason_text: string | null;
  declined_by: "availability" | "worker" | "client" | null;
  event_id: string | null;
  video_link: string | null;
  awaiting_video_link: boolean;
  version: number;
}

export type EventStatus = "scheduled" | "attended" | "no_show" | "cancelled";

export interface PortalEvent {
  event_id: string;
  service_id: string;
  worker_id: string;
  client_ids: string[];
  start: string;
  end: string;
  duration_minutes: number;
  created_at: string;
  created_by: string;
  request_id: string | null;
  /** The client whose request became this event; null when staff created it. */
  requested_by: string | null;
  local_start: string | null;
  site_id: string | null;
  status: EventStatus;
  video_session: boolean;
  video_link: string | null;
  awaiting_video_link: boolean;
  /** Cancelled inside the agency's cancellation window. */
  late: boolean | null;
  /** A late-cancellation fee is owed (the client cancelled late, or staff chose to charge it). */
  late_fee: boolean | null;
  cancelled_by: "worker" | "admin" | "client" | "availability" | null;
  cancelled_by_id: string | null;
  reason: string | null;
  attendance_confirmed_by: string[];
  /** Invited clients who cancelled their own attendance: they left, the others kept the event. */
  left_ids: string[];
  version: number;
}

export interface NewEvent {
  service_id: string;
  worker_id?: string;
  client_ids: string[];
  start: string;
  end: string;
  video_session?: boolean;
  video_link?: string;
  site_id?: string;
}

export interface ServiceRequest {
  service_request_id: string;
  client_id: string;
  name: string;
  message: string | null;
  created_at: string;
  status: "pending" | "approved" | "declined";
  service_id: string | null;
  reason: string | null;
}

const MAX = 200;
const id = encodeURIComponent;

export const requests = {
  /** Everyone of a role (or everyone) in the agency, every page of the roster. */
  people: (api: Api, role?: Person["role"]) =>
    allPages<Person>((cursor) => api.get(`/requests/people`, { role, cursor, limit: MAX }), "people"),
  person: (api: Api, personId: string) => api.get<Person>(`/requests/people/${id(personId)}`),

  settings: (api: Api) => api.get<RequestSettings>("/requests/settings"),
  updateSettings: (api: Api, changes: Partial<Omit<RequestSettings, "version">>, version: number) =>
    api.put<RequestSettings>("/requests/settings", { ...changes, version }),

  services: (api: Api, query: { status?: "open" | "closed"; worker_id?: string; client_id?: string } = {}) =>
    allPages<ServiceFile>((cursor) => api.get(`/requests/services`, { ...query, cursor, limit: MAX }), "services"),
  service: (api: Api, serviceId: string) => api.get<ServiceFile>(`/requests/services/${id(serviceId)}`),
  openService: (
    api: Api,
    body: { name: string; open_date: string; provider_ids: string[]; participant_ids: string[] },
  ) => api.post<ServiceFile>("/requests/services", body),
  addParticipant: (api: Api, serviceId: string, clientId: string) =>
    api.post<ServiceFile>(`/requests/services/${id(serviceId)}/participants`, { client_id: clientId }),
  removeParticipant: (api: Api, serviceId: string, clientId: string) =>
    api.request<ServiceFile>("DELETE", `/requests/services/${id(serviceId)}/participants/${id(clientId)}`),
  closeService: (api: Api, serviceId: string, closeDate: string) =>
    api.post<ServiceFile>(`/requests/services/${id(serviceId)}/close`, { close_date: closeDate }),

  /** Requests of one status (awaiting the worker's response by default): the worker's own, or any for admins. */
  eventRequests: (api: Api, status: RequestStatus, workerId?: string) =>
    allPages<EventRequest>(
      (cursor) => api.get(`/requests/event-requests`, { status, worker_id: workerId, cursor, limit: MAX }),
      "event_requests",
      5,
    ),
  confirm: (api: Api, requestId: string) =>
    api.post<EventRequest>(`/requests/event-requests/${id(requestId)}/confirm`, {}),
  decline: (api: Api, requestId: string, reason: string) =>
    api.post<EventRequest>(`/requests/event-requests/${id(requestId)}/decline`, { reason }),
  /** Answered 202: availability checks the time; a failure shows on the request (`proposal`). */
  propose: (api: Api, requestId: string, start: string) =>
    api.post<EventRequest>(`/requests/event-requests/${id(requestId)}/propose`, { start }),

  /** A worker's events starting in [from, to) (at most 92 days). */
  events: (api: Api, workerId: string, from: string, to: string) =>
    allPages<PortalEvent>(
      (cursor) => api.get(`/requests/events`, { worker_id: workerId, from, to, cursor, limit: MAX }),
      "events",
    ),
  event: (api: Api, eventId: string) => api.get<PortalEvent>(`/requests/events/${id(eventId)}`),
  createEvent: (api: Api, body: NewEvent) => api.post<PortalEvent>("/requests/events", body),
  reschedule: (api: Api, eventId: string, start: string, end: string) =>
    api.post<PortalEvent>(`/requests/events/${id(eventId)}/reschedule`, { start, end }),
  /** Cancel for everyone; `chargeLateFee` (only inside the cancellation window) invoices the late-cancellation fee. */
  cancel: (api: Api, eventId: string, reason?: string, chargeLateFee = false) =>
    api.post<PortalEvent>(`/requests/events/${id(eventId)}/cancel`, {
      ...(reason ? { reason } : {}),
      ...(chargeLateFee ? { charge_late_fee: true } : {}),
    }),
  setVideoLink: (api: Api, eventId: string, url: string) =>
    api.put<PortalEvent>(`/requests/events/${id(eventId)}/video-link`, { url }),
  markAttendance: (api: Api, eventId: string, status: "attended" | "no_show") =>
    api.post<PortalEvent>(`/requests/events/${id(eventId)}/attendance`, { status }),

  serviceRequests: (api: Api, status: ServiceRequest["status"] = "pending") =>
    allPages<ServiceRequest>(
      (cursor) => api.get(`/requests/service-requests`, { status, cursor, limit: MAX }),
      "service_requests",
      5,
    ),
  approveServiceRequest: (
    api: Api,
    requestId: string,
    body: { name?: string; open_date?: string; provider_ids?: string[] },
  ) => api.post<ServiceRequest>(`/requests/service-requests/${id(requestId)}/approve`, body),
  declineServiceRequest: (api: Api, requestId: string, reason: string) =>
    api.post<ServiceRequest>(`/requests/service-requests/${id(requestId)}/decline`, { reason }),
};
