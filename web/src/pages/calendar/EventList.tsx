/** The events the calendar shows, as a table beside the grid: each opens in the panel, with the keyboard too. */

import type { StaffEvent } from "../../../shared/api/requests";
import { formatRange } from "../../../shared/time";
import { Empty, Loading } from "../../../shared/ui/states";
import type { Directory } from "../../directory";
import { eventTitle, STATUS_LABELS } from "./calendarEvents";

export function EventList(props: {
  events: StaffEvent[];
  /** False until the grid has said which days it shows. */
  ranged: boolean;
  /** The first answer for these days has not come yet. */
  loading: boolean;
  /** An answer has come (no "No events" before). */
  loaded: boolean;
  directory: Directory;
  zone: string;
  selectedId: string | null;
  onOpen: (eventId: string) => void;
}) {
  const { events, directory, zone } = props;
  return (
    <section class="event-list" aria-labelledby="event-list-title">
      <h2 id="event-list-title">Events shown</h2>
      {(!props.ranged || props.loading) && <Loading what="events" />}
      {props.ranged && props.loaded && events.length === 0 && <Empty>No events in these days.</Empty>}
      {events.length > 0 && (
        <table>
          <caption class="visually-hidden">Events in the days shown</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">With</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.event_id} class={e.event_id === props.selectedId ? "selected" : ""}>
                <td class="nowrap">{formatRange(e.start, e.end, zone)}</td>
                <td>{eventTitle(e, directory)}</td>
                <td>
                  <span class={`badge status-${e.status}`}>{STATUS_LABELS[e.status]}</span>
                  {e.awaiting_video_link && <span class="badge video-needed">Video link needed</span>}
                </td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="small"
                    onClick={() => props.onOpen(e.event_id)}
                    aria-label={`Open ${eventTitle(e, directory)}, ${formatRange(e.start, e.end, zone)}`}
                  >
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
