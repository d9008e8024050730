/** A worker's calendars: which is in effect, choosing one to edit, adding (blank or a copy), deleting a future one. */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import type { FieldMap } from "../../errors";
import { availability, type CalendarSummary } from "../../services/availability";
import { addDays, formatDate } from "../../time";
import { FormAlert, SelectField, StatusLine, SubmitButton, TextField, useAction } from "../../ui/forms";
import { Empty } from "../../ui/states";

const CALENDAR_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  start_date: { control: "start_date", label: "Start date" },
  copy_from: { control: "copy_from", label: "Start from" },
};

export function CalendarList(props: {
  calendars: CalendarSummary[];
  selectedId: string | null;
  today: string;
  onSelect: (calendarId: string) => void;
  onDelete: (calendar: CalendarSummary) => void;
}) {
  const { calendars, selectedId, today } = props;
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
        const future = calendar.start_date > today;
        return (
          <li key={calendar.calendar_id} class={selected ? "selected" : ""}>
            <button
              type="button"
              class="calendar-choice"
              aria-pressed={selected}
              onClick={() => props.onSelect(calendar.calendar_id)}
            >
              <span class="calendar-name">{calendar.name}</span>
              <span class="calendar-meta">
                {future ? "Starts" : "Started"} {formatDate(calendar.start_date, { year: true, short: true })}
                {calendar.block_count !== undefined && ` · ${calendar.block_count} blocks`}
              </span>
              {calendar.in_effect && <span class="badge in-effect">In effect</span>}
              {!calendar.in_effect && !future && <span class="badge muted">Replaced</span>}
              {future && <span class="badge upcoming">Upcoming</span>}
            </button>
            {future && (
              <button
                type="button"
                class="danger small"
                onClick={() => props.onDelete(calendar)}
                aria-label={`Delete calendar ${calendar.name}`}
              >
                Delete
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function NewCalendarForm(props: {
  workerId: string;
  calendars: CalendarSummary[];
  today: string;
  onAdded: (calendar: CalendarSummary) => void;
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
    void run(async () => {
      const calendar = await availability.addCalendar(api, props.workerId, {
        name: name.trim(),
        start_date: startDate,
        ...(copyFrom ? { copy_from: copyFrom } : {}),
      });
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
        value={startDate}
        onValue={setStartDate}
        error={errors.fields.start_date}
        hint="It replaces the calendar before it from this date."
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
