/** An event's date and time as the client reads it: on the agency's clock, its zone named when not the browser's. */

import type { ClientEvent } from "../../shared/api/requests";
import { browserZone, formatLocalStart, formatRange } from "../../shared/time";

export function eventTime(event: ClientEvent, agencyZone: string | null, viewer: string = browserZone()): string {
  if (agencyZone) return formatRange(event.start, event.end, agencyZone, viewer);
  // No zone known yet: the site's clock the event carries, or else the browser's own.
  if (event.local_start) return formatLocalStart(event.local_start, event.end, undefined, viewer);
  return formatRange(event.start, event.end, viewer, viewer);
}
