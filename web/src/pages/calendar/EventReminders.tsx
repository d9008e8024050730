/**
 * An event's reminders in its panel: whether they go (the agency's switch and this event's), each reminder of its
 * time (sent to whom and when, due, or why not), those of its earlier times, and, for the event's worker or an
 * admin, turning them off for this event or back on. Messaging learns of an event a moment after it is scheduled.
 */

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { EventReminders as Reminders } from "../../../shared/api/messaging";
import type { StaffEvent } from "../../../shared/api/requests";
import { plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { ApiError } from "../../../shared/http";
import { formatInstant } from "../../../shared/time";
import { StatusLine } from "../../../shared/ui/forms";
import { LoadError, Loading } from "../../../shared/ui/states";
import { useApp } from "../../context";
import type { Directory } from "../../directory";
import { leadTimes, reminderWords } from "../../reminders";
import { messaging } from "../../services/messaging";

export function EventReminders(props: { event: StaffEvent; directory: Directory; canChange: boolean }) {
  const { api } = useApp();
  const { event, directory } = props;
  const loaded = useLoad(() => messaging.eventReminders(api, event.event_id), [event.event_id, event.version]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [changed, setChanged] = useState<Reminders | null>(null); // the switch's answer, until the next load
  useEffect(() => setChanged(null), [loaded.data]);
  const titleId = `reminders-${event.event_id}`;
  const data = changed ?? loaded.data;

  const section = (body: ComponentChildren) => (
    <section class="event-reminders" aria-labelledby={titleId}>
      <h3 id={titleId}>Reminders</h3>
      {body}
    </section>
  );
  if (!data) {
    if (loaded.error instanceof ApiError && loaded.error.status === 404) {
      return section(
        <p class="hint">
          Reminders show here a moment after the event is scheduled.{" "}
          <button type="button" class="small" onClick={loaded.reload}>
            Look again
          </button>
        </p>,
      );
    }
    if (loaded.error) return section(<LoadError error={loaded.error} retry={loaded.reload} />);
    return section(<Loading what="reminders" />);
  }

  const when = (iso: string) => formatInstant(iso, directory.timeZone);
  const toggle = async () => {
    setBusy(true);
    setStatus("");
    try {
      const answer = await messaging.setEventReminders(api, event.event_id, !data.enabled);
      setChanged(answer);
      setStatus(answer.enabled ? "Reminders are on again for this event." : "Reminders are off for this event.");
    } catch (error) {
      setStatus(plainMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const current = data.reminders.filter((r) => r.start === data.start);
  const earlier = data.reminders.filter((r) => r.start !== data.start);
  const scheduled = data.status === "scheduled";

  return section(
    <>
      <p class="hint">
        {!data.agency_enabled
          ? "The agency's reminders are off (Agency settings, Messages): none are sent."
          : !data.enabled
            ? `Turned off for this event${data.changed_by ? ` by ${directory.name(data.changed_by)}` : ""}${data.changed_at ? ` on ${when(data.changed_at)}` : ""}.`
            : `By email, ${leadTimes(data.reminder_hours)} before, to each participant who takes reminder emails.`}
      </p>
      {current.length > 0 && <ReminderList reminders={current} directory={directory} when={when} label="Reminders of this time" />}
      {earlier.length > 0 && (
        <>
          <h4>Before it moved</h4>
          <ReminderList reminders={earlier} directory={directory} when={when} label="Reminders of earlier times" />
        </>
      )}
      {props.canChange && scheduled && (
        <button type="button" class="small" disabled={busy} aria-pressed={!data.enabled} onClick={() => void toggle()}>
          {data.enabled ? "Turn reminders off for this event" : "Turn reminders back on"}
        </button>
      )}
      {status && <StatusLine text={status} />}
    </>,
  );
}

function ReminderList(props: {
  reminders: Reminders["reminders"];
  directory: Directory;
  when: (iso: string) => string;
  label: string;
}) {
  return (
    <ul class="plain-list reminder-list" aria-label={props.label}>
      {props.reminders.map((r) => {
        const words = reminderWords(r, (id) => props.directory.name(id), props.when);
        return (
          <li key={`${r.start}-${r.hours}`}>
            <strong>{words.title}</strong> <span class={`badge reminder-${r.status}`}>{words.state}</span> {words.detail}
          </li>
        );
      })}
    </ul>
  );
}
