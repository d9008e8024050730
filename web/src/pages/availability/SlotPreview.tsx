/** What clients see: a worker's open slots, four weeks at a time, on each site's wall clock. */

import { useMemo, useState } from "preact/hooks";
import { useApp } from "../../context";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import type { AvailabilityType, Settings, Site, Slot } from "../../../shared/api/availability";
import { addDays, formatDate } from "../../../shared/time";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";

export const PREVIEW_DAYS = 28;

/** Slots grouped by their local date, in order. */
export function groupByLocalDate(slots: Slot[]): [string, Slot[]][] {
  const days = new Map<string, Slot[]>();
  for (const slot of [...slots].sort((a, b) => a.start.localeCompare(b.start))) {
    const date = slot.local_start.slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), slot]);
  }
  return [...days.entries()];
}

export function SlotPreview(props: {
  workerId: string;
  settings: Settings;
  types: AvailabilityType[];
  sites: Site[];
  today: string;
  /** Changes whenever something that decides slots changed, to load them again. */
  version: number;
}) {
  const { api } = useApp();
  const { workerId, settings, today } = props;
  const [page, setPage] = useState(0);
  const first = addDays(today, page * PREVIEW_DAYS);
  const last = addDays(first, PREVIEW_DAYS - 1);
  const horizonEnd = addDays(today, settings.horizon_days);
  const answer = useLoad(() => availability.slotAnswer(api, workerId, first, last), [
    workerId,
    first,
    last,
    props.version,
    settings.version,
  ]);
  const slots = { ...answer, data: answer.data?.slots };
  const days = useMemo(() => groupByLocalDate(answer.data?.slots ?? []), [answer.data]);
  const requestsOff = answer.data?.event_requests_enabled === false;
  const siteNames = new Map(props.sites.map((s) => [s.site_id, s.name]));
  const facing = props.types.find((t) => t.type_id === settings.client_facing_type_id);
  const range = `${formatDate(first, { short: true })} to ${formatDate(last, { short: true })}`;

  return (
    <div class="slot-preview">
      <p class="hint">
        Open slots clients can request now: blocks of the client-facing type{" "}
        {facing ? <strong>{facing.name}</strong> : <strong>(none chosen yet)</strong>}, {settings.slot_minutes}{" "}
        minutes each, from {settings.min_notice_hours} hours ahead up to {settings.horizon_days} days ahead, less
        time off and times already held or booked.
      </p>
      <div class="pager" role="group" aria-label="Weeks shown">
        <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>
          Earlier weeks
        </button>
        <span aria-live="polite">{range}</span>
        <button type="button" onClick={() => setPage(page + 1)} disabled={addDays(last, 1) >= horizonEnd}>
          Later weeks
        </button>
      </div>
      {requestsOff && (
        <p class="warning" role="note">
          {answer.data?.notice ?? "Event requests are switched off: clients see no open slots."} The slots below
          are what they will see then.
        </p>
      )}
      {slots.loading && <Loading what="open slots" />}
      {slots.error && !slots.loading && <LoadError error={slots.error} retry={slots.reload} />}
      {!slots.loading && !slots.error && days.length === 0 && (
        <Empty>
          No open slots from {range}.{" "}
          {facing
            ? `Clients see slots only inside blocks of the type ${facing.name}.`
            : "An admin must choose which availability type is client-facing."}
        </Empty>
      )}
      {!slots.loading && days.length > 0 && (
        <>
          <p class="summary">
            {slots.data!.length} open {slots.data!.length === 1 ? "slot" : "slots"} on {days.length}{" "}
            {days.length === 1 ? "day" : "days"}.
          </p>
          <ol class="preview-days" tabIndex={0} aria-label={`Open slots from ${range}`}>
            {days.map(([date, daySlots]) => (
              <li key={date} class="preview-day">
                <h4>{formatDate(date)}</h4>
                <ul class="slot-list" aria-label={`Open slots on ${formatDate(date)}`}>
                  {daySlots.map((slot) => (
                    <li key={slot.start} class="slot">
                      {slot.local_start.slice(11, 16)}
                      {props.sites.length > 1 && <span class="muted"> {siteNames.get(slot.site_id)}</span>}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
