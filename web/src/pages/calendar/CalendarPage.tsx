/**
 * A worker's events by day, week or month (any worker's, for admins): create, open, reschedule by
 * dragging or with the form, cancel, add the video link, mark attendance. The list beside the grid
 * offers the same with the keyboard.
 */

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { now as clockNow } from "../../../shared/clock";
import { useApp } from "../../context";
import { useDirectory } from "../../directory";
import { plainMessage } from "../../../shared/errors";
import { useLoad, usePoll } from "../../../shared/hooks";
import { currentQuery } from "../../../shared/router";
import { availability } from "../../services/availability";
import { requests } from "../../services/requests";
import type { StaffEvent } from "../../../shared/api/requests";
import { dateIn, formatRange, wallClock } from "../../../shared/time";
import { SelectField } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { eventTitle, instantOf, STATUS_LABELS, toCalendarEvent, wallParts } from "./calendarEvents";
import { CalendarSubscription } from "./CalendarSubscription";
import { EventCalendar } from "./EventCalendar";
import { EventPanel } from "./EventPanel";
import { NewEventForm, type Prefill } from "./NewEventForm";

/** The calendar reloads its events this often while visible (clients' confirmations and cancellations). */
export const CALENDAR_POLL_MS = 60_000;
/** After a change availability answers (a booking it cannot make), look again this soon. */
const RECHECK_MS = 3000;

function focusOn(event: StaffEvent, timeZone: string): { date: string; time: string } {
  const wall = wallClock(event.start, timeZone);
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

export function CalendarPage() {
  const { api, user } = useApp();
  const { directory, error: directoryError, refresh } = useDirectory(api);
  const extras = useLoad(() => Promise.all([availability.sites(api), requests.settings(api)]), []);
  const query = useMemo(currentQuery, []);
  const [workerId, setWorkerId] = useState(user.role === "worker" ? user.personId : "");
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(query.event ?? null);
  const [creating, setCreating] = useState<Prefill | null>(null);
  const [focus, setFocus] = useState<{ date: string } | null>(null);
  const [notice, setNotice] = useState("");

  // Admins look at one worker's calendar at a time: the first, until they choose.
  useEffect(() => {
    if (!workerId && directory) {
      const first = directory.staff.find((p) => p.role === "worker");
      if (first) setWorkerId(first.person_id);
    }
  }, [directory, workerId]);

  useEffect(() => {
    if (directory && !focus) setFocus({ date: /^\d{4}-\d{2}-\d{2}$/.test(query.date ?? "") ? query.date : dateIn(directory.timeZone) });
  }, [directory, focus, query.date]);

  const events = usePoll(
    () => (range && workerId ? requests.events(api, workerId, range.from, range.to) : Promise.resolve([])),
    CALENDAR_POLL_MS,
    [range?.from, range?.to, workerId],
  );
  const [changed, setChanged] = useState<Map<string, StaffEvent>>(new Map());
  useEffect(() => setChanged(new Map()), [events.data]);

  // What the last answer said, with changes made since laid over it.
  const list = useMemo(() => {
    const byId = new Map((events.data ?? []).map((e) => [e.event_id, e]));
    for (const [id, e] of changed) byId.set(id, e);
    return [...byId.values()].sort((a, b) => a.start.localeCompare(b.start));
  }, [events.data, changed]);
  const calendarEvents = useMemo(
    () => (directory ? list.map((e) => toCalendarEvent(e, directory)) : []),
    [list, directory],
  );

  // A linked event outside the range loaded: fetch it alone.
  const linked = useLoad(
    () => (selectedId && !list.some((e) => e.event_id === selectedId) ? requests.event(api, selectedId) : Promise.resolve(null)),
    [selectedId, events.data === undefined],
  );
  const selected = list.find((e) => e.event_id === selectedId) ?? (linked.data?.event_id === selectedId ? linked.data : null);

  // Opened from a link to one event: show its day at its time, once.
  const linkedShown = useRef(false);
  useEffect(() => {
    if (selected && directory && query.event === selected.event_id && !linkedShown.current) {
      linkedShown.current = true;
      setFocus(focusOn(selected, directory.timeZone));
    }
  }, [selected, directory, query.event]);

  if (directoryError && !directory) return <LoadError error={directoryError} retry={refresh} />;
  if (!directory || !focus) return <Loading what="the calendar" />;
  const zone = directory.timeZone;
  const sites = extras.data?.[0] ?? [];
  const workers = directory.staff.filter((p) => p.role === "worker");
  const canChange = (e: StaffEvent) => user.role === "admin" || e.worker_id === user.personId;

  const afterChange = (event: StaffEvent, message: string) => {
    setChanged((previous) => new Map(previous).set(event.event_id, event));
    setNotice(message);
    events.reload();
    window.setTimeout(events.reload, RECHECK_MS);
  };

  const move = async (eventId: string, start: Date, end: Date, revert: () => void) => {
    setNotice("");
    try {
      const moved = await requests.reschedule(api, eventId, instantOf(start, zone), instantOf(end, zone));
      setSelectedId(eventId);
      afterChange(moved, `Rescheduled to ${formatRange(moved.start, moved.end, zone)}; the clients are told.`);
    } catch (error) {
      revert();
      setNotice(`Not moved: ${plainMessage(error, { start: { control: "start", label: "The new start" } })}`);
    }
  };

  return (
    <div class="calendar-page">
      <div class="toolbar">
        {user.role === "admin" && (
          <SelectField
            label="Worker"
            name="worker_id"
            class="compact"
            value={workerId}
            onValue={(value) => {
              setWorkerId(value);
              setSelectedId(null);
              setCreating(null);
            }}
            options={workers.map((w) => ({ value: w.person_id, label: w.name }))}
          />
        )}
        <button
          type="button"
          class="primary"
          onClick={() => {
            const now = wallClock(clockNow(), zone);
            const hour = Math.min(Number(now.slice(11, 13)) + 1, 23);
            setSelectedId(null);
            setCreating({ date: now.slice(0, 10), time: `${String(hour).padStart(2, "0")}:00` });
          }}
        >
          New event
        </button>
        <p class="hint">Times in {zone}. Select a stretch of the week or day grid to create an event there; drag one to move it.</p>
      </div>
      {notice && (
        <p class="status-line" role="status">
          {notice}
        </p>
      )}
      {events.error && (
        <p class="warning" role="note">
          The events could not be loaded: {plainMessage(events.error)}{" "}
          <button type="button" class="small" onClick={events.reload}>
            Try again
          </button>
        </p>
      )}
      <div class={`calendar-layout ${selected || creating ? "with-panel" : ""}`}>
        <div class="calendar-main">
          <EventCalendar
            label={`Calendar of ${directory.name(workerId)}`}
            events={calendarEvents}
            timeZone={zone}
            focus={focus}
            layout={selected || creating ? "with-panel" : "alone"}
            onRange={(start, end) => setRange({ from: instantOf(start, zone), to: instantOf(end, zone) })}
            onOpen={(id) => {
              setCreating(null);
              setSelectedId(id);
            }}
            onSelect={(start, end) => {
              const { date, time } = wallParts(start);
              setSelectedId(null);
              setCreating({ date, time, minutes: Math.round((end.getTime() - start.getTime()) / 60_000) });
            }}
            onMove={(id, start, end, revert) => void move(id, start, end, revert)}
          />
        </div>
        {creating && workerId && (
          <NewEventForm
            workerId={workerId}
            directory={directory}
            sites={sites}
            settings={extras.data?.[1]}
            prefill={creating}
            onCancel={() => setCreating(null)}
            onCreated={(event) => {
              setCreating(null);
              setSelectedId(event.event_id);
              setFocus(focusOn(event, zone));
              afterChange(event, `Event created for ${formatRange(event.start, event.end, zone)}; the clients are told.`);
            }}
          />
        )}
        {selected && !creating && (
          <EventPanel
            key={`${selected.event_id}-${selected.version}`}
            event={selected}
            directory={directory}
            settings={extras.data?.[1]}
            sites={sites}
            canChange={canChange(selected)}
            onChanged={afterChange}
            onClose={() => setSelectedId(null)}
          />
        )}
      </div>
      <section class="event-list" aria-labelledby="event-list-title">
        <h2 id="event-list-title">Events shown</h2>
        {(!range || (events.loading && !events.data)) && <Loading what="events" />}
        {range && events.data && list.length === 0 && <Empty>No events in these days.</Empty>}
        {list.length > 0 && (
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
              {list.map((e) => (
                <tr key={e.event_id} class={e.event_id === selectedId ? "selected" : ""}>
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
                      onClick={() => {
                        setCreating(null);
                        setSelectedId(e.event_id);
                      }}
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
      <CalendarSubscription timeZone={zone} />
    </div>
  );
}
