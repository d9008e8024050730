/** FullCalendar's month, week and day views of a worker's events, on the agency's wall clock. */

import type { EventInput } from "@fullcalendar/core";
import { useEffect, useRef } from "preact/hooks";
import { now } from "../../../shared/clock";
import { wallClock } from "../../../shared/time";
import { CalendarRegion, useLazyCalendar } from "../../ui/calendar";

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
  const handlers = useRef(props);
  handlers.current = props;

  const grid = useLazyCalendar(
    () => import("./fullcalendar"),
    ({ dayGridPlugin, timeGridPlugin, interactionPlugin }) => ({
      plugins: [dayGridPlugin, timeGridPlugin, interactionPlugin],
      initialView: window.matchMedia("(max-width: 700px)").matches ? "timeGridDay" : "timeGridWeek",
      initialDate: props.focus.date,
      timeZone: "UTC",
      // "Now" and "today" are the agency's, not the browser's.
      now: () => wallClock(now(), handlers.current.timeZone),
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
        info.view.calendar.unselect();
        handlers.current.onSelect(info.start, info.end);
      },
      eventClick: (info) => {
        info.jsEvent.preventDefault();
        handlers.current.onOpen(info.event.id);
      },
      eventDrop: (info) => handlers.current.onMove(info.event.id, info.event.start!, info.event.end!, info.revert),
      eventResize: (info) => handlers.current.onMove(info.event.id, info.event.start!, info.event.end!, info.revert),
    }),
    props.events,
  );

  useEffect(() => {
    grid.calendar.current?.updateSize();
  }, [props.layout, grid.calendar]);

  useEffect(() => {
    const calendar = grid.calendar.current;
    if (!calendar) return;
    calendar.gotoDate(props.focus.date);
    // An hour before the time asked for, so what leads up to it shows too.
    if (props.focus.time) calendar.scrollToTime(`${String(Math.max(0, Number(props.focus.time.slice(0, 2)) - 1)).padStart(2, "0")}:00`);
  }, [props.focus, grid.ready, grid.calendar]);

  return <CalendarRegion of={grid} label={props.label} what="the calendar" class="event-grid" />;
}
