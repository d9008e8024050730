/**
 * One event: its facts (who requested it, who left it, who cancelled it and whether a late fee is owed), and what
 * its worker (or an admin) can do with it: link (while the agency offers video sessions), reschedule, cancel
 * (charging the late-cancellation fee only by choice), attendance; its reminders (EventReminders).
 */

import { useState } from "preact/hooks";
import { now } from "../../../shared/clock";
import { useApp } from "../../context";
import type { Directory } from "../../directory";
import type { FieldMap } from "../../../shared/errors";
import type { Site } from "../../../shared/api/availability";
import { requests } from "../../services/requests";
import type { Settings as RequestSettings, StaffEvent } from "../../../shared/api/requests";
import { dateIn, formatLocalStart, formatRange, wallClock, zonedToUtc } from "../../../shared/time";
import { CheckboxField, FormAlert, SubmitButton, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";
import { STATUS_LABELS } from "./calendarEvents";
import { EventCalendarFile } from "./EventCalendarFile";
import { EventReminders } from "./EventReminders";

const LINK_FIELDS: FieldMap = { url: { control: "url", label: "Video link" } };
const RESCHEDULE_FIELDS: FieldMap = {
  start: { control: "date", label: "New start" },
  end: { control: "duration", label: "Length" },
};
const CANCEL_FIELDS: FieldMap = {
  reason: { control: "reason", label: "Reason" },
  charge_late_fee: { control: "charge_late_fee", label: "Charge the late-cancellation fee" },
};

/** Who cancelled an event and what it costs, in words: "by Wes Worker, late (no fee): I am unwell." */
export function cancellationText(event: StaffEvent, directory: Directory): string {
  const by =
    event.cancelled_by === "availability"
      ? "availability (the time could not be booked)"
      : event.cancelled_by_id
        ? directory.name(event.cancelled_by_id)
        : (event.cancelled_by ?? "");
  const fee = event.late ? (event.late_fee ? ", late (late-cancellation fee charged)" : ", late (no fee)") : "";
  return `by ${by}${fee}${event.reason ? `: ${event.reason}` : ""}`;
}
const ATTENDANCE_FIELDS: FieldMap = { status: { control: "status", label: "Attendance" } };

export function EventPanel(props: {
  event: StaffEvent;
  directory: Directory;
  settings: RequestSettings | undefined;
  sites: Site[];
  canChange: boolean;
  onChanged: (event: StaffEvent, message: string) => void;
  onClose: () => void;
}) {
  const { event, directory } = props;
  const zone = directory.timeZone;
  const clients = event.client_ids.map((id) => directory.name(id));
  const videoOff = props.settings?.video_sessions_enabled === false;
  const site = props.sites.find((s) => s.site_id === event.site_id);
  const started = Date.parse(event.start) <= now();
  const scheduled = event.status === "scheduled";
  const titleId = `event-${event.event_id}-title`;

  return (
    <section class="panel event-panel" aria-labelledby={titleId}>
      <div class="panel-head">
        <h2 id={titleId}>{directory.serviceName(event.service_id) || "Event"}</h2>
        <button type="button" class="small" onClick={props.onClose}>
          Close<span class="visually-hidden"> the event's details</span>
        </button>
      </div>
      {event.awaiting_video_link && (
        <p class="warning" role="note">
          <strong>Awaiting video session link.</strong> The client asked for a video session; they see no link yet.
        </p>
      )}
      <dl class="facts">
        <div>
          <dt>When</dt>
          <dd>{formatRange(event.start, event.end, zone)}</dd>
        </div>
        {event.local_start && site && site.timezone !== zone && (
          <div>
            <dt>At {site.name}</dt>
            <dd>{formatLocalStart(event.local_start, event.end, site.timezone)}</dd>
          </div>
        )}
        {site && (
          <div>
            <dt>Site</dt>
            <dd>{site.name}</dd>
          </div>
        )}
        <div>
          <dt>{clients.length === 1 ? "Client" : "Clients"}</dt>
          <dd>{clients.join(", ")}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span class={`badge status-${event.status}`}>{STATUS_LABELS[event.status]}</span>
            {event.status === "cancelled" && <span class="muted"> {cancellationText(event, directory)}</span>}
          </dd>
        </div>
        {event.left_ids.length > 0 && (
          <div>
            <dt>Cancelled their attendance</dt>
            <dd>{event.left_ids.map((id) => directory.name(id)).join(", ")}</dd>
          </div>
        )}
        {event.attendance_confirmed_by.length > 0 && (
          <div>
            <dt>Said they will come</dt>
            <dd>{event.attendance_confirmed_by.map((id) => directory.name(id)).join(", ")}</dd>
          </div>
        )}
        <div>
          <dt>Video</dt>
          <dd>
            {event.video_link ? (
              <a href={event.video_link} target="_blank" rel="noopener noreferrer">
                {event.video_link}
              </a>
            ) : event.video_session ? (
              "A video session, no link yet"
            ) : (
              "In person"
            )}
          </dd>
        </div>
        {event.request_id && (
          <div>
            <dt>Booked</dt>
            <dd>At {event.requested_by ? `${directory.name(event.requested_by)}'s` : "the client's"} request</dd>
          </div>
        )}
      </dl>
      <EventCalendarFile event={event} describedBy={titleId} />
      <EventReminders event={event} directory={directory} canChange={props.canChange} />
      {!props.canChange && scheduled && <p class="hint">Only the event's worker or an admin changes it.</p>}
      {props.canChange && scheduled && (
        <>
          {videoOff ? (
            event.video_session && (
              <p class="hint">Video sessions are turned off in the agency's settings: no link can be added.</p>
            )
          ) : (
            <VideoLinkForm event={event} onChanged={props.onChanged} />
          )}
          {started ? (
            <AttendanceForm event={event} onChanged={props.onChanged} />
          ) : (
            <RescheduleForm event={event} timeZone={zone} onChanged={props.onChanged} />
          )}
          <CancelForm event={event} settings={props.settings} onChanged={props.onChanged} />
        </>
      )}
    </section>
  );
}

type Changed = (event: StaffEvent, message: string) => void;

function VideoLinkForm(props: { event: StaffEvent; onChanged: Changed }) {
  const { api } = useApp();
  const [url, setUrl] = useState(props.event.video_link ?? "");
  const action = useAction(LINK_FIELDS);
  const has = Boolean(props.event.video_link);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!url.trim()) return action.setErrors({ fields: { url: "Paste the session's https:// link." } });
    void action.run(async () => {
      const saved = await requests.setVideoLink(api, props.event.event_id, url.trim());
      props.onChanged(saved, has ? "Video link changed; the clients are told." : "Video link added; the clients are told.");
    });
  };
  return (
    <form ref={action.form} class="inline-form" onSubmit={submit} noValidate aria-label="Video session link">
      <FormAlert errors={action.errors} formRef={action.form} />
      <TextField
        label="Video link"
        name="url"
        type="url"
        inputMode="url"
        placeholder="https://"
        value={url}
        onValue={setUrl}
        maxLength={2000}
        error={action.errors.fields.url}
      />
      <SubmitButton busy={action.busy} label={has ? "Change link" : "Add link"} class={has ? "" : "primary"} />
    </form>
  );
}

function AttendanceForm(props: { event: StaffEvent; onChanged: Changed }) {
  const { api } = useApp();
  const [status, setStatus] = useState<"attended" | "no_show" | "">("");
  const action = useAction(ATTENDANCE_FIELDS);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!status) return action.setErrors({ fields: { status: "Choose whether the client came." } });
    void action.run(async () => {
      const marked = await requests.markAttendance(api, props.event.event_id, status);
      props.onChanged(marked, status === "attended" ? "Marked attended." : "Marked as a no-show.");
    });
  };
  const error = action.errors.fields.status;
  return (
    <form ref={action.form} class="inline-form" onSubmit={submit} noValidate aria-label="Attendance">
      <FormAlert errors={action.errors} formRef={action.form} />
      <fieldset
        class="field"
        tabIndex={error ? -1 : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby="attendance-hint"
      >
        <legend>Attendance</legend>
        <label class="check">
          <input type="radio" name="status" checked={status === "attended"} onChange={() => setStatus("attended")} />{" "}
          Attended
        </label>
        <label class="check">
          <input type="radio" name="status" checked={status === "no_show"} onChange={() => setStatus("no_show")} />{" "}
          No-show
        </label>
        <p class="hint" id="attendance-hint">
          Recorded once, for good: billing invoices the fee it calls for.
        </p>
        {error && <p class="field-error">{error}</p>}
      </fieldset>
      <SubmitButton busy={action.busy} label="Record attendance" busyLabel="Recording…" />
    </form>
  );
}

function RescheduleForm(props: { event: StaffEvent; timeZone: string; onChanged: Changed }) {
  const { api } = useApp();
  const startWall = wallClock(props.event.start, props.timeZone);
  const [date, setDate] = useState(startWall.slice(0, 10));
  const [time, setTime] = useState(startWall.slice(11, 16));
  const [minutes, setMinutes] = useState(String(props.event.duration_minutes));
  const action = useAction(RESCHEDULE_FIELDS);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
      return action.setErrors({ fields: { date: "Enter the new date and time." } });
    }
    const length = Number(minutes);
    if (!Number.isInteger(length) || length < 5) return action.setErrors({ fields: { duration: "Enter the length in minutes." } });
    const start = zonedToUtc(`${date}T${time}`, props.timeZone);
    const end = new Date(Date.parse(start) + length * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    void action.run(async () => {
      const moved = await requests.reschedule(api, props.event.event_id, start, end);
      props.onChanged(moved, "Rescheduled; the clients are told. Availability books the new time, or puts the event back.");
    });
  };
  return (
    <form ref={action.form} class="inline-form" onSubmit={submit} noValidate aria-label="Reschedule">
      <h3>Reschedule</h3>
      <FormAlert errors={action.errors} formRef={action.form} />
      <div class="row">
        <TextField
          label="New date"
          name="date"
          type="date"
          min={dateIn(props.timeZone)}
          value={date}
          onValue={setDate}
          error={action.errors.fields.date}
        />
        <TextField label="New time" name="time" type="time" step={300} value={time} onValue={setTime} />
        <TextField
          label="Length (minutes)"
          name="duration"
          type="number"
          inputMode="numeric"
          min={5}
          max={480}
          step={5}
          value={minutes}
          onValue={setMinutes}
          error={action.errors.fields.duration}
        />
      </div>
      <SubmitButton busy={action.busy} label="Reschedule" busyLabel="Rescheduling…" />
    </form>
  );
}

function CancelForm(props: { event: StaffEvent; settings: RequestSettings | undefined; onChanged: Changed }) {
  const { api } = useApp();
  const [reason, setReason] = useState("");
  const [charge, setCharge] = useState(false);
  const action = useAction(CANCEL_FIELDS);
  const hours = props.settings?.cancellation_window_hours;
  const late = hours !== undefined && now() > Date.parse(props.event.start) - hours * 3_600_000;
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const cancelled = await requests.cancel(api, props.event.event_id, reason.trim() || undefined, late && charge);
      props.onChanged(
        cancelled,
        cancelled.late_fee
          ? "Cancelled, late: the late-cancellation fee is invoiced; the clients are told."
          : cancelled.late
            ? "Cancelled, late, without a fee; the clients are told."
            : "Cancelled; the clients are told.",
      );
    });
  };
  return (
    <form ref={action.form} class="inline-form" onSubmit={submit} noValidate aria-label="Cancel the event">
      <h3>Cancel</h3>
      <FormAlert errors={action.errors} formRef={action.form} />
      {late && (
        <>
          <p class="warning" role="note">
            This is inside the agency's {hours}-hour cancellation window: it counts as a late cancellation. The client
            pays a late-cancellation fee only if you charge it (when they asked to cancel this late).
          </p>
          <CheckboxField
            label="Charge the late-cancellation fee"
            name="charge_late_fee"
            checked={charge}
            onValue={setCharge}
          />
        </>
      )}
      <TextAreaField
        label="Reason (optional)"
        name="reason"
        rows={2}
        value={reason}
        onValue={setReason}
        maxLength={1000}
        error={action.errors.fields.reason}
        hint="The clients see it."
      />
      <SubmitButton busy={action.busy} label="Cancel event" busyLabel="Cancelling…" class="danger" />
    </form>
  );
}
