/** Above the calendar: whose calendar (admins choose the worker), New event, and the zone the times are in. */

import type { Person } from "../../../shared/api/requests";
import { SelectField } from "../../../shared/ui/forms";

export function CalendarToolbar(props: {
  /** Offered to admins only: a worker sees their own calendar. */
  workers: Person[] | null;
  workerId: string;
  onWorker: (workerId: string) => void;
  zone: string;
  onNewEvent: () => void;
}) {
  return (
    <div class="toolbar">
      {props.workers && (
        <SelectField
          label="Worker"
          name="worker_id"
          class="compact"
          value={props.workerId}
          onValue={props.onWorker}
          options={props.workers.map((w) => ({ value: w.person_id, label: w.name }))}
        />
      )}
      <button type="button" class="primary" onClick={props.onNewEvent}>
        New event
      </button>
      <p class="hint">Times in {props.zone}. Select a stretch of the week or day grid to create an event there; drag one to move it.</p>
    </div>
  );
}
