/**
 * What the agency has switched on, as the portal reads it: a screen, tile or link of a feature switched off is not
 * shown (the server refuses the feature anyway; this only keeps the portal from offering it). The shell loads the
 * settings once per sign-in and shares them through the portal's context.
 */

import type { ClientSettings as MessagingSettings } from "../../shared/api/messaging";
import type { Settings as RequestSettings } from "../../shared/api/requests";

export interface Features {
  /** Clients may request events (Request an Event). */
  eventRequests: boolean;
  /** A request may ask for a video session. */
  videoSessions: boolean;
  /** A request may carry a message to the provider. */
  requestMessages: boolean;
  /** Clients may ask for a new service. */
  serviceRequests: boolean;
  /** Hours before an event inside which a client's cancellation is late (a fee may apply). */
  cancellationWindowHours: number;
  /** A request must carry a message (only while `requestMessages`); left out when not required. */
  requestMessagesRequired?: boolean;
  /** Clients may start discussions and write in them (messaging's setting). */
  discussions: boolean;
}

/** A feature that can be switched off: the boolean fields of `Features`. */
export type Feature = { [K in keyof Features]: Features[K] extends boolean ? K : never }[keyof Features];

export function featuresOf(settings: RequestSettings, messaging: MessagingSettings): Features {
  return {
    eventRequests: settings.event_requests_enabled,
    videoSessions: settings.video_sessions_enabled,
    requestMessages: settings.request_messages_enabled,
    serviceRequests: settings.service_requests_enabled,
    cancellationWindowHours: settings.cancellation_window_hours,
    ...(settings.request_messages_enabled && settings.request_messages_required ? { requestMessagesRequired: true } : {}),
    discussions: messaging.discussions_enabled,
  };
}

/** Whether a feature is on; while the settings are unknown (loading, or failed to load) a switchable feature is off. */
export function isOn(features: Features | undefined, feature: Feature | undefined): boolean {
  if (!feature) return true;
  return features?.[feature] ?? false;
}
