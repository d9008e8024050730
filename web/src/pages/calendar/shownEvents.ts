/** The events of the days the calendar shows: polled, with the changes made here laid over the last answer. */

import { useEffect, useMemo, useState } from "preact/hooks";
import type { StaffEvent } from "../../../shared/api/requests";
import type { Api } from "../../../shared/http";
import { type Loaded, usePoll } from "../../../shared/hooks";
import { requests } from "../../services/requests";

/** The calendar reloads its events this often while visible (clients' confirmations and cancellations). */
export const CALENDAR_POLL_MS = 60_000;
/** After a change availability answers (a booking it cannot make), look again this soon. */
const RECHECK_MS = 3000;

export interface ShownEvents {
  /** The last answer for these days. */
  answer: Loaded<StaffEvent[]>;
  /** What it said, with changes made since laid over it, by start. */
  list: StaffEvent[];
  /** An event changed here: show it so until the next answer, and ask now and again in a moment. */
  changed: (event: StaffEvent) => void;
}

export function useShownEvents(api: Api, workerId: string, range: { from: string; to: string } | null): ShownEvents {
  const answer = usePoll(
    () => (range && workerId ? requests.events(api, workerId, range.from, range.to) : Promise.resolve([])),
    CALENDAR_POLL_MS,
    [range?.from, range?.to, workerId],
  );
  const [changes, setChanges] = useState<Map<string, StaffEvent>>(new Map());
  useEffect(() => setChanges(new Map()), [answer.data]);

  const list = useMemo(() => {
    const byId = new Map((answer.data ?? []).map((e) => [e.event_id, e]));
    for (const [id, e] of changes) byId.set(id, e);
    return [...byId.values()].sort((a, b) => a.start.localeCompare(b.start));
  }, [answer.data, changes]);

  const changed = (event: StaffEvent) => {
    setChanges((previous) => new Map(previous).set(event.event_id, event));
    answer.reload();
    window.setTimeout(answer.reload, RECHECK_MS);
  };
  return { answer, list, changed };
}
