/** FullCalendar's time grid showing one calendar's weekly blocks; select to add, click to edit, drag to move. */

import type { EventInput } from "@fullcalendar/core";
import { useRef } from "preact/hooks";
import type { Block, BlockFields } from "../../../shared/api/availability";
import { CalendarRegion, useLazyCalendar } from "../../ui/calendar";
import { fieldsFromRange, REFERENCE_END, REFERENCE_MONDAY } from "./blocks";

export interface WeekGridProps {
  events: EventInput[];
  /** A stretch of the grid was selected: offer to add a block there. */
  onSelect: (fields: Pick<BlockFields, "day" | "from" | "to">) => void;
  onOpen: (block: Block) => void;
  /** A block was dragged or resized; `revert` undoes it on the grid if saving fails. */
  onMove: (block: Block, fields: Pick<BlockFields, "day" | "from" | "to"> | null, revert: () => void) => void;
  label: string;
}

export function WeekGrid(props: WeekGridProps) {
  const handlers = useRef(props);
  handlers.current = props;

  const grid = useLazyCalendar(
    () => import("./fullcalendar"),
    ({ timeGridPlugin, interactionPlugin }) => ({
      plugins: [timeGridPlugin, interactionPlugin],
      initialView: "timeGridWeek",
      initialDate: REFERENCE_MONDAY,
      validRange: { start: REFERENCE_MONDAY, end: REFERENCE_END },
      timeZone: "UTC",
      firstDay: 1,
      headerToolbar: false,
      allDaySlot: false,
      nowIndicator: false,
      dayHeaderFormat: { weekday: "short" },
      slotDuration: "00:30:00",
      snapDuration: "00:05:00",
      slotLabelFormat: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
      eventTimeFormat: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
      scrollTime: "07:00:00",
      height: 560,
      expandRows: true,
      selectable: true,
      selectMirror: true,
      selectOverlap: false,
      editable: true,
      eventOverlap: false,
      eventInteractive: true,
      selectLongPressDelay: 300,
      eventLongPressDelay: 300,
      select: (info) => {
        info.view.calendar.unselect();
        const fields = fieldsFromRange(info.start, info.end);
        if (fields) handlers.current.onSelect(fields);
      },
      eventClick: (info) => handlers.current.onOpen(info.event.extendedProps.block as Block),
      eventDrop: (info) =>
        handlers.current.onMove(
          info.event.extendedProps.block as Block,
          fieldsFromRange(info.event.start!, info.event.end!),
          info.revert,
        ),
      eventResize: (info) =>
        handlers.current.onMove(
          info.event.extendedProps.block as Block,
          fieldsFromRange(info.event.start!, info.event.end!),
          info.revert,
        ),
    }),
    props.events,
  );

  // The grid is the pointer's way in; the block list beside it is the keyboard's.
  return <CalendarRegion of={grid} label={props.label} what="the week grid" class="week-grid" />;
}
