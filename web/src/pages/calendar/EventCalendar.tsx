/** FullCalendar's month, week and day views of a worker's events, on the agency's wall clock. */

import type { Calendar, EventInput } from "@fullcalendar/core";
import { useEffect, useRef, useState } from "preact/hooks";
import { wallClock } from "../../time";
import { LoadError, Loading } from "../../ui/states";

export interface EventCalendarProps {
  events: EventInput[];
  timeZone: string;
  /** The date (and time, "09:30") to show first, and later to move to (a new event, a link to one): a new object moves. */
  focus: { date: string; time?: string };
  /** The days shown changed: [start, end) as wall-clock dates. */
  onRange: (start: Date, end: Date) => void;
  onOpen: (eventId: string) => void;
  /** A stretch of time was selected: offer a new event there. */
  onSelect: (start: Date, end: Date) => void;
  /** An event was dragged or resized; `revert` puts it back if the change fails. */
  onMove: (eventId: string, start: Date, end: Date, revert: () => void) => void;
  label: string;
  /** Changes when the space around the calendar changes (a side panel opens), so it measures itself again. */
  layout?: string;
}

export function EventCalendar(props: EventCalendarProps) {
  const element = useRef<HTMLDivElement>(null);
  const calendar = useRef<Calendar | null>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let grid: Calendar | null = null;
    let unmounted = false;
    void import("./fullcalendar").then(({ Calendar, dayGridPlugin, timeGridPlugin, interactionPlugin }) => {
      if (unmounted) return;
      const narrow = window.matchMedia("(max-width: 700px)").matches;
      grid = new Calendar(element.current!, {
        plugins: [dayGridPlugin, timeGridPlugin, interactionPlugin],
        initialView: narrow ? "timeGridDay" : "timeGridWeek",
        initialDate: props.focus.date,
        timeZone: "UTC",
        // "Now" and "today" are the agency's, not the browser's.
        now: () => wallClock(Date.now(), handlers.current.timeZone),
        firstDay: 1,
        headerToolbar: { left: "prev,next today", center: "title", right: "dayGridMonth,timeGridWeek,timeGridDay" },
        buttonText: { today: "Today", month: "Month", week: "Week", day: "Day" },
        buttonHints: { prev: "Previous $0", next: "Next $0", today: "This $0" },
        titleFormat: { year: "numeric", month: "long", day: "numeric" },
        dayHeaderFormat: { weekday: "short", day: "numeric", month: "numeric", omitCommas: true },
        views: { dayGridMonth: { dayHeaderFormat: { weekday: "short" } } },
        nowIndicator: true,
        allDaySlot: false,
        slotDuration: "00:30:00",
        snapDuration: "00:05:00",
        slotLabelFormat: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
        eventTimeFormat: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
        scrollTime: "08:00:00",
        height: 640,
        dayMaxEvents: true,
        selectable: true,
        selectMirror: true,
        editable: true,
        eventInteractive: true,
        selectLongPressDelay: 300,
        eventLongPressDelay: 300,
        datesSet: (info) => handlers.current.onRange(info.start, info.end),
        select: (info) => {
          grid!.unselect();
          handlers.current.onSelect(info.start, info.end);
        },
        eventClick: (info) => {
          info.jsEvent.preventDefault();
          handlers.current.onOpen(info.event.id);
        },
        eventDrop: (info) => handlers.current.onMove(info.event.id, info.event.start!, info.event.end!, info.revert),
        eventResize: (info) => handlers.current.onMove(info.event.id, info.event.start!, info.event.end!, info.revert),
      });
      grid.render();
      calendar.current = grid;
      setReady(true);
    }, () => setFailed(true));
    return () => {
      unmounted = true;
      grid?.destroy();
      calendar.current = null;
    };
  }, []);

  useEffect(() => {
    const grid = calendar.current;
    if (!grid) return;
    grid.batchRendering(() => {
      grid.getEventSources().forEach((source) => source.remove());
      grid.addEventSource(props.events);
    });
  }, [props.events, ready]);

  useEffect(() => {
    calendar.current?.updateSize();
  }, [props.layout]);

  useEffect(() => {
    const grid = calendar.current;
    if (!grid) return;
    grid.gotoDate(props.focus.date);
    // An hour before the time asked for, so what leads up to it shows too.
    if (props.focus.time) grid.scrollToTime(`${String(Math.max(0, Number(props.focus.time.slice(0, 2)) - 1)).padStart(2, "0")}:00`);
  }, [props.focus, ready]);

  return (
    <div role="region" aria-label={props.label} aria-busy={!ready && !failed}>
      {!ready && !failed && <Loading what="the calendar" />}
      {failed && <LoadError error={new Error("chunk")} retry={() => location.reload()} />}
      {/* FullCalendar owns this element's content; Preact never renders into it. */}
      <div class="event-grid" ref={element} />
    </div>
  );
}
