/** The portal tests' agency: every feature on (spread and override one to switch it off). */

import type { Features } from "../src/features";

export const ALL_ON: Features = {
  eventRequests: true,
  videoSessions: true,
  requestMessages: true,
  serviceRequests: true,
  cancellationWindowHours: 24,
  discussions: true,
};
