/** Time off: whole days or a stretch of hours, entered on the agency's wall clock, removed from the slots. */

import { useState } from "preact/hooks";
import { now } from "../../../shared/clock";
import { useApp } from "../../context";
import { type FieldMap, plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import type { NewTimeOff, TimeOff } from "../../../shared/api/availability";
import { addDays, formatInstant, zonedToUtc } from "../../../shared/time";
import { CheckboxField, FormAlert, StatusLine, SubmitButton, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";

const TIME_OFF_FIELDS: FieldMap = {
  start: { control: "start", label: "Start" },
  end: { control: "end", label: "End" },
  reason: { control: "reason", label: "Reason" },
};

export function TimeOffPanel(props: { workerId: string; timeZone: string; today: string; onChanged: () => void }) {
  const { api } = useApp();
  const { workerId, timeZone, today } = props;
  const list = useLoad(() => availability.timeOff(api, workerId), [workerId]);
  const [allDay, setAllDay] = useState(true);
  const [startDate, setStartDate] = useState(today);
  const [startTime, setStartTime] = useState("09:00");
  const [endDate, setEndDate] = useState(today);
  const [endTime, setEndTime] = useState("17:00");
  const [reason, setReason] = useState("");
  const { errors, setErrors, busy, status, setStatus, form, run } = useAction(TIME_OFF_FIELDS);

  const upcoming = (list.data ?? []).filter((t) => Date.parse(t.end) > now());

  const submit = (event: Event) => {
    event.preventDefault();
    setStatus("");
    if (!startDate) return setErrors({ fields: { start: "Choose the first day." } });
    if (!endDate) return setErrors({ fields: { end: "Choose the last day." } });
    let start: string;
    let end: string;
    try {
      start = zonedToUtc(`${startDate}T${allDay ? "00:00" : startTime}`, timeZone);
      // A whole-day entry ends at midnight after its last day.
      end = allDay ? zonedToUtc(`${addDays(endDate, 1)}T00:00`, timeZone) : zonedToUtc(`${endDate}T${endTime}`, timeZone);
    } catch {
      return setErrors({ form: "Enter dates and times completely.", fields: {} });
    }
    void run(async () => {
      await availability.addTimeOff(api, workerId, {
        start,
        end,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      } satisfies NewTimeOff);
      setReason("");
      setStatus("Time off added.");
      list.reload();
      props.onChanged();
    });
  };

  const remove = async (entry: TimeOff) => {
    if (!window.confirm(`Delete the time off from ${formatInstant(entry.start, timeZone)}?`)) return;
    try {
      await availability.deleteTimeOff(api, workerId, entry.time_off_id);
      setStatus("Time off deleted.");
      list.reload();
      props.onChanged();
    } catch (error) {
      setErrors({ form: plainMessage(error), fields: {} });
    }
  };

  return (
    <div class="time-off">
      {list.loading && !list.data && <Loading what="time off" />}
      {list.error && !list.data && <LoadError error={list.error} retry={list.reload} />}
      {list.data && upcoming.length === 0 && <Empty>No time off planned.</Empty>}
      {upcoming.length > 0 && (
        <ul class="time-off-list">
          {upcoming.map((entry) => (
            <li key={entry.time_off_id}>
              <span>
                {formatInstant(entry.start, timeZone)} – {formatInstant(entry.end, timeZone)}
                {entry.reason && <span class="muted"> · {entry.reason}</span>}
              </span>
              <button
                type="button"
                class="danger small"
                onClick={() => void remove(entry)}
                aria-label={`Delete time off from ${formatInstant(entry.start, timeZone)}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}

      <form ref={form} onSubmit={submit} noValidate aria-labelledby="time-off-title" class="time-off-form">
        <h3 id="time-off-title">Add time off</h3>
        <p class="hint">Dates and times are in the agency's time zone ({timeZone}).</p>
        <FormAlert errors={errors} formRef={form} />
        <CheckboxField label="Whole days" name="all_day" checked={allDay} onValue={setAllDay} />
        <div class="row">
          <TextField
            label={allDay ? "First day" : "Start date"}
            name="start"
            type="date"
            value={startDate}
            onValue={(v) => {
              setStartDate(v);
              if (v > endDate) setEndDate(v);
            }}
            error={errors.fields.start}
          />
          {!allDay && (
            <TextField label="Start time" name="start_time" type="time" step={300} value={startTime} onValue={setStartTime} />
          )}
        </div>
        <div class="row">
          <TextField
            label={allDay ? "Last day" : "End date"}
            name="end"
            type="date"
            value={endDate}
            onValue={setEndDate}
            error={errors.fields.end}
          />
          {!allDay && <TextField label="End time" name="end_time" type="time" step={300} value={endTime} onValue={setEndTime} />}
        </div>
        <TextField
          label="Reason (optional)"
          name="reason"
          value={reason}
          onValue={setReason}
          maxLength={200}
          error={errors.fields.reason}
          hint="Clients never see it."
        />
        <SubmitButton busy={busy} label="Add time off" busyLabel="Adding…" />
        {status && <StatusLine text={status} />}
      </form>
    </div>
  );
}
