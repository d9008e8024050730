/**
 * "Add to calendar", in both web apps: one event's `.ics`, fetched with the ID token and saved as a file (a Blob URL
 * behind `<a download>`: no token in any URL). Opened, it adds the event to the person's calendar, or updates the
 * entry already there (same UID, higher SEQUENCE).
 */

import { useRef, useState } from "preact/hooks";
import { calendarFileName, saveFile } from "../calendarFiles";
import { plainMessage } from "../errors";
import { sharedStrings } from "../strings";

export function AddToCalendar(props: {
  /** The event's file as text (each app's own API module). */
  load: () => Promise<string>;
  /** The event's start (UTC), naming the file. */
  start: string;
  /** The element that says which event (its heading or time), for screen readers. */
  describedBy?: string;
  class?: string;
}) {
  const text = sharedStrings().addToCalendar;
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const [error, setError] = useState("");
  const sending = useRef(false);

  const save = async () => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setSaid("");
    setError("");
    try {
      saveFile(await props.load(), calendarFileName(props.start));
      setSaid(text.done);
    } catch (e) {
      setError(text.failed(plainMessage(e)));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <span class="add-to-calendar">
      <button
        type="button"
        class={props.class ?? ""}
        onClick={save}
        disabled={busy}
        aria-busy={busy}
        aria-describedby={props.describedBy}
      >
        {busy ? text.busy : text.label}
      </button>
      <span class="visually-hidden" role="status" aria-live="polite">
        {said}
      </span>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
