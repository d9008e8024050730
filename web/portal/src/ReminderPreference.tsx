/**
 * Preferences' event reminders: whether the client wants a reminder email before each of their events, and when the
 * agency sends them (its lead times), or that it sends none now. Saved with the other email choices (the
 * `event_reminder` kind); what stops email reaching the client is said above, in the email section.
 */

import { useId } from "preact/hooks";
import type { Preferences } from "../../shared/api/messaging";
import { strings } from "./strings";

export const REMINDER_KIND = "event_reminder";
const text = strings.preferences.reminders;

/** What the screen says of the agency's reminders. */
export function remindersNote(saved: Pick<Preferences, "reminders_enabled" | "reminder_hours">): string {
  return saved.reminders_enabled ? text.sends(text.hours(saved.reminder_hours)) : text.off;
}

export function ReminderPreference(props: { saved: Preferences; checked: boolean; onChange: (checked: boolean) => void }) {
  const title = useId();
  const note = useId();
  return (
    <section class="card" aria-labelledby={title}>
      <h2 id={title} class="section-title">
        {text.section}
      </h2>
      <p class="hint" id={note}>
        {remindersNote(props.saved)}
      </p>
      <label class="choice">
        <input
          type="checkbox"
          name="email"
          value={REMINDER_KIND}
          aria-describedby={note}
          checked={props.checked}
          onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
        />
        {text.choice}
      </label>
    </section>
  );
}
