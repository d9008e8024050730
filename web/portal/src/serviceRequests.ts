/** Request a New Service's own rules, pure for tests: what the form sends, what it refuses before sending, each request's state. */

import type { NewServiceRequest, ServiceRequest } from "../../shared/api/requests";

/** The API's limits (services/requests: schemas.MAX_NAME, domain.MAX_MESSAGE); the server enforces them too. */
export const MAX_NAME = 200;
export const MAX_MESSAGE = 2000;

export interface ServiceDraft {
  name: string;
  message: string;
}

export const EMPTY_DRAFT: ServiceDraft = { name: "", message: "" };

/** The body POST /requests/me/service-requests takes: the name trimmed, no message when none was written. */
export function requestBody(draft: ServiceDraft): NewServiceRequest {
  const message = draft.message.trim();
  return { name: draft.name.trim(), message: message || null };
}

/** Which control is wrong before anything is sent (the API's field names), or none. */
export function draftProblem(draft: ServiceDraft): "name" | "message" | null {
  const body = requestBody(draft);
  if (!body.name || body.name.length > MAX_NAME) return "name";
  if (body.message && body.message.length > MAX_MESSAGE) return "message";
  return null;
}

/** A request as the client reads it: waiting, approved with the opened service, or declined with the reason. */
export type RequestState =
  | { state: "pending" }
  | { state: "approved"; serviceId: string | null }
  | { state: "declined"; reason: string | null };

export function stateOf(request: ServiceRequest): RequestState {
  if (request.status === "approved") return { state: "approved", serviceId: request.service_id };
  if (request.status === "declined") return { state: "declined", reason: request.reason };
  return { state: "pending" };
}
