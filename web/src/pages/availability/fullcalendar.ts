/** FullCalendar and the plugins the app uses, in one chunk loaded on first use. */

export { Calendar } from "@fullcalendar/core";
export { default as interactionPlugin } from "@fullcalendar/interaction";
export { default as timeGridPlugin } from "@fullcalendar/timegrid";
