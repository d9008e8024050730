/**
 * A worker's calendars: which is in effect, choosing one to edit, adding one (blank or a copy) from today on,
 * renaming any, moving an upcoming one's start date, and deleting an upcoming or a replaced one.
 */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import type { FieldMap } from "../../../shared/errors";
import { availability } from "../../services/availability";
import type {
  Calendar,
  CalendarChange,
  CalendarStatus,
  ListedCalendar,
  NewCalendar,
} from "../../../shared/api/availability";
import { addDays, formatDate } from "../../../shared/time";
import { FormActions, FormAlert, SelectField, StatusLine, SubmitButton, TextField, useAction } from "../../../shared/ui/forms";
import { Empty } from "../../../shared/ui/states";

const CALENDAR_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  start_date: { control: "start_date", label: "Start date" },
  copy_from: { control: "copy_from", label: "Start from" },
};

const BADGES: Record<CalendarStatus, [string, string]> = {
  in_effect: ["In effect", "in-effect"],
  upcoming: ["Upcoming", "upcoming"],
  replaced: ["Replaced", "muted"],
};

/** What the worker reads before a calendar is deleted: what goes, and which calendar decides the days after. */
export function deleteQuestion(calendar: ListedCalendar, calendars: ListedCalendar[]): string {
  const what = calendar.name + withBlocks(calendar.block_count);
  if (calendar.status === "replaced") {
    const later = calendars.find((c) => c.start_date > calendar.start_date && c.status !== "upcoming");
    const by = later
      ? `${later.name} replaced it on ${formatDate(later.start_date, { year: true, short: true })}`
      : "A later calendar replaced it";
    return `Delete the calendar ${what}? ${by}, so it no longer decides any day from today on.`;
  }
  return (
    `Delete the calendar ${what}? It has not started yet ` +
    `(it would from ${formatDate(calendar.start_date, { year: true, short: true })}); ` +
    `the calendar in effect until then keeps deciding those days.`
  );
}

function withBlocks(count: number): string {
  return count === 0 ? "" : ` and its ${count} block${count === 1 ? "" : "s"}`;
}

export function CalendarList(props: {
  workerId: string;
  calendars: ListedCalendar[];
  selectedId: string | null;
  today: string;
  onSelect: (calendarId: string) => void;
  onDelete: (calendar: ListedCalendar) => void;
  onChanged: (calendar: Calendar) => void;
}) {
  const { calendars, selectedId, today } = props;
  const [editingId, setEditingId] = useState<string | null>(null);
  if (calendars.length === 0) {
    return (
      <Empty>
        No calendars yet. Add one below: a calendar holds your weekly blocks from its start date until the next
        calendar starts.
      </Empty>
    );
  }
  return (
    <ul class="calendar-list">
      {calendars.map((calendar) => {
        const selected = calendar.calendar_id === selectedId;
        const [badge, badgeClass] = BADGES[calendar.status];
        const editing = calendar.calendar_id === editingId;
        return (
          <li key={calendar.calendar_id} class={selected ? "selected" : ""}>
            <div class="calendar-row">
              <button
                type="button"
                class="calendar-choice"
                aria-pressed={selected}
                onClick={() => props.onSelect(calendar.calendar_id)}
              >
                <span class="calendar-name">{calendar.name}</span>
                <span class="calendar-meta">
                  {calendar.status === "upcoming" ? "Starts" : "Started"}{" "}
                  {formatDate(calendar.start_date, { year: true, short: true })}
                  {` · ${calendar.block_count} blocks`}
                </span>
                <span class={`badge ${badgeClass}`}>{badge}</span>
              </button>
              <button
                type="button"
                class="small"
                aria-expanded={editing}
                onClick={() => setEditingId(editing ? null : calendar.calendar_id)}
                aria-label={`Edit calendar ${calendar.name}`}
              >
                Edit
              </button>
              {calendar.status !== "in_effect" && (
                <button
                  type="button"
                  class="danger small"
                  onClick={() => props.onDelete(calendar)}
                  aria-label={`Delete calendar ${calendar.name}`}
                >
                  Delete
                </button>
              )}
            </div>
            {editing && (
              <EditCalendarForm
                workerId={props.workerId}
                calendar={calendar}
                today={today}
                onDone={(saved) => {
                  setEditingId(null);
                  if (saved) props.onChanged(saved);
                }}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Rename a calendar; an upcoming one's start date can move too (to today or later, a date no other has). */
function EditCalendarForm(props: {
  workerId: string;
  calendar: ListedCalendar;
  today: string;
  onDone: (saved: Calendar | null) => void;
}) {
  const { api } = useApp();
  const { calendar, today } = props;
  const [name, setName] = useState(calendar.name);
  const [startDate, setStartDate] = useState(calendar.start_date);
  const { errors, setErrors, busy, form, run } = useAction(CALENDAR_FIELDS);
  const upcoming = calendar.status === "upcoming";

  const submit = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setErrors({ fields: { name: "Give the calendar a name." } });
    if (upcoming && !startDate) return setErrors({ fields: { start_date: "Choose the date it starts." } });
    if (upcoming && startDate < today) {
      return setErrors({ fields: { start_date: "Choose today or a later date." } });
    }
    const changes: Omit<CalendarChange, "version"> = {};
    if (name.trim() !== calendar.name) changes.name = name.trim();
    if (upcoming && startDate !== calendar.start_date) changes.start_date = startDate;
    if (Object.keys(changes).length === 0) return props.onDone(null);
    void run(async () => props.onDone(await availability.updateCalendar(api, props.workerId, calendar, changes)));
  };

  const title = `edit-calendar-${calendar.calendar_id}`;
  return (
    <form ref={form} class="inline-form" onSubmit={submit} noValidate aria-labelledby={title}>
      <h4 id={title}>Edit {calendar.name}</h4>
      <FormAlert errors={errors} formRef={form} />
      <TextField
        label="Name"
        name="name"
        value={name}
        onValue={setName}
        maxLength={100}
        error={errors.fields.name}
      />
      {upcoming ? (
        <TextField
          label="Start date"
          name="start_date"
          type="date"
          min={today}
          value={startDate}
          onValue={setStartDate}
          error={errors.fields.start_date}
          hint={
            startDate === today
              ? "It takes effect today, at once."
              : "Today or later; no other calendar of yours may start that day."
          }
        />
      ) : (
        <p class="hint">
          {calendar.status === "in_effect"
            ? "It is in effect, so its start date is fixed and it cannot be deleted (the calendar before it, " +
              "or none, would take over). To change your week from a later date, add a new calendar."
            : "A later calendar replaced it, so its start date is fixed; you can delete it."}
        </p>
      )}
      <FormActions busy={busy} label="Save calendar" cancel={{ label: "Cancel", onClick: () => props.onDone(null) }} />
    </form>
  );
}

export function NewCalendarForm(props: {
  workerId: string;
  calendars: ListedCalendar[];
  today: string;
  onAdded: (calendar: Calendar) => void;
}) {
  const { api } = useApp();
  const [name, setName] = useState("");
  const [startDate, setStartDate] = useState(() => addDays(props.today, 7));
  const [copyFrom, setCopyFrom] = useState("");
  const { errors, setErrors, busy, status, setStatus, form, run } = useAction(CALENDAR_FIELDS);

  const submit = (event: Event) => {
    event.preventDefault();
    setStatus("");
    if (!name.trim()) return setErrors({ fields: { name: "Give the calendar a name." } });
    if (!startDate) return setErrors({ fields: { start_date: "Choose the date it starts." } });
    if (startDate < props.today) return setErrors({ fields: { start_date: "Choose today or a later date." } });
    void run(async () => {
      const calendar = await availability.addCalendar(api, props.workerId, {
        name: name.trim(),
        start_date: startDate,
        ...(copyFrom ? { copy_from: copyFrom } : {}),
      } satisfies NewCalendar);
      setName("");
      setStatus(`Calendar ${calendar.name} added.`);
      props.onAdded(calendar);
    });
  };

  return (
    <form ref={form} class="new-calendar" onSubmit={submit} noValidate aria-labelledby="new-calendar-title">
      <h3 id="new-calendar-title">New calendar</h3>
      <FormAlert errors={errors} formRef={form} />
      <TextField
        label="Name"
        name="name"
        value={name}
        onValue={setName}
        maxLength={100}
        placeholder="Summer hours"
        error={errors.fields.name}
      />
      <TextField
        label="Start date"
        name="start_date"
        type="date"
        min={props.today}
        value={startDate}
        onValue={setStartDate}
        error={errors.fields.start_date}
        hint={
          startDate === props.today
            ? "It takes effect today, at once, in place of the calendar in effect."
            : "Today or later. It replaces the calendar before it from this date."
        }
      />
      <SelectField
        label="Start from"
        name="copy_from"
        value={copyFrom}
        onValue={setCopyFrom}
        placeholder="A blank week"
        options={props.calendars.map((c) => ({ value: c.calendar_id, label: `A copy of ${c.name}` }))}
        error={errors.fields.copy_from}
      />
      <SubmitButton busy={busy} label="Add calendar" busyLabel="Adding…" />
      {status && <StatusLine text={status} />}
    </form>
  );
}
