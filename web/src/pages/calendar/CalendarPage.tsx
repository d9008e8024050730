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
import { useLoad } from "../../../shared/hooks";
import { currentQuery } from "../../../shared/router";
import { availability } from "../../services/availability";
import { requests } from "../../services/requests";
import type { StaffEvent } from "../../../shared/api/requests";
import { dateIn, formatRange, wallClock } from "../../../shared/time";
import { LoadError, Loading } from "../../../shared/ui/states";
import { instantOf, toCalendarEvent, wallParts } from "./calendarEvents";
import { CalendarSubscription } from "./CalendarSubscription";
import { CalendarToolbar } from "./CalendarToolbar";
import { EventCalendar } from "./EventCalendar";
import { EventList } from "./EventList";
import { EventPanel } from "./EventPanel";
import { NewEventForm, type Prefill } from "./NewEventForm";
import { useShownEvents } from "./shownEvents";

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

  const shown = useShownEvents(api, workerId, range);
  const { answer: events, list } = shown;
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
    shown.changed(event);
    setNotice(message);
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
      <CalendarToolbar
        workers={user.role === "admin" ? workers : null}
        workerId={workerId}
        onWorker={(value) => {
          setWorkerId(value);
          setSelectedId(null);
          setCreating(null);
        }}
        zone={zone}
        onNewEvent={() => {
          const now = wallClock(clockNow(), zone);
          const hour = Math.min(Number(now.slice(11, 13)) + 1, 23);
          setSelectedId(null);
          setCreating({ date: now.slice(0, 10), time: `${String(hour).padStart(2, "0")}:00` });
        }}
      />
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
      <EventList
        events={list}
        ranged={range !== null}
        loading={events.loading && !events.data}
        loaded={events.data !== undefined}
        directory={directory}
        zone={zone}
        selectedId={selectedId}
        onOpen={(id) => {
          setCreating(null);
          setSelectedId(id);
        }}
      />
      <CalendarSubscription timeZone={zone} />
    </div>
  );
}
