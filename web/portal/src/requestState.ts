/** Where a client's event request stands, in plain words (strings.ts), and what the client can do with it now. */

import type { ClientEventRequest, RequestStatus } from "../../shared/api/requests";
import { type Strings, strings } from "./strings";

/** The states a request still moves from without the client (the saga, the provider): the list polls while any is. */
export const MOVING: readonly RequestStatus[] = ["pending", "awaiting_response", "proposed"];

export function isMoving(request: Pick<ClientEventRequest, "status">): boolean {
  return MOVING.includes(request.status);
}

/** Withdrawn before it is confirmed (the API refuses once it is not open). */
export function canWithdraw(request: Pick<ClientEventRequest, "status">): boolean {
  return MOVING.includes(request.status);
}

/** The worker proposed another time, held for the client: accept or decline it. */
export function canAnswer(request: Pick<ClientEventRequest, "status">): boolean {
  return request.status === "proposed";
}

export interface StatusWords {
  /** "Held for your provider". */
  label: string;
  /** A sentence of what it means. */
  explain: string;
  /** Why it was declined: who declined, and the reason in words; null when not declined. */
  reason: string | null;
}

export function statusWords(
  request: Pick<ClientEventRequest, "status" | "declined_by" | "reason_text">,
  text: Strings["eventRequests"] = strings.eventRequests,
): StatusWords {
  const label = text.status[request.status] ?? request.status;
  const explain = text.explain[request.status] ?? "";
  if (request.status !== "declined") return { label, explain, reason: null };
  const who = request.declined_by ? text.declinedBy[request.declined_by] : null;
  const why = request.reason_text?.trim() || null;
  const reason = who && why ? `${who}: ${why}` : (why ?? who);
  return { label, explain, reason };
}
