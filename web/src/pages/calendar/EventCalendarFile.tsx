/** The event panel's "Add to calendar": the event's file for its own worker (the API answers no one else). */

import { useApp } from "../../context";
import { requests } from "../../services/requests";
import type { StaffEvent } from "../../../shared/api/requests";
import { AddToCalendar } from "../../../shared/ui/AddToCalendar";

export function EventCalendarFile(props: { event: StaffEvent; describedBy: string }) {
  const { api, user } = useApp();
  if (props.event.worker_id !== user.personId) return null;
  return (
    <p class="event-file">
      <AddToCalendar
        load={() => requests.eventCalendarFile(api, props.event.event_id)}
        start={props.event.start}
        describedBy={props.describedBy}
      />
    </p>
  );
}
