/** FullCalendar with the views the events calendar uses (month, week, day), in one chunk loaded on first use. */

export { Calendar } from "@fullcalendar/core";
export { default as dayGridPlugin } from "@fullcalendar/daygrid";
export { default as interactionPlugin } from "@fullcalendar/interaction";
export { default as timeGridPlugin } from "@fullcalendar/timegrid";
