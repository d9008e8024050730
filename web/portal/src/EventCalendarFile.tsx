/** An event card's "Add to calendar" on the Calendar screen: the event's file, saved for the client's own calendar. */

import type { ClientEvent } from "../../shared/api/requests";
import { AddToCalendar } from "../../shared/ui/AddToCalendar";
import { portalApi } from "./api";
import { usePortal } from "./context";

export function EventCalendarFile(props: { event: Pick<ClientEvent, "event_id" | "start">; describedBy: string }) {
  const { api } = usePortal();
  return (
    <AddToCalendar
      load={() => portalApi.eventCalendarFile(api, props.event.event_id)}
      start={props.event.start}
      describedBy={props.describedBy}
    />
  );
}
