/**
 * The reminder part of the agency's messaging settings: reminders on or off, and up to three lead times in hours
 * (saved with the other messaging settings, on the version read). New lead times apply to every upcoming event.
 */

import type { FieldMap, FormErrors } from "../../../shared/errors";
import type { Settings } from "../../../shared/api/messaging";
import { CheckboxField, TextField } from "../../../shared/ui/forms";
import { leadControl, MAX_HOURS, MAX_REMINDERS, MIN_HOURS, parseLeadTimes } from "../../reminders";

/** Where the API's errors about reminders go. */
export const REMINDER_FIELDS: FieldMap = {
  reminder_hours: { control: leadControl(0), label: "Reminder lead times" },
  reminders_enabled: { control: "reminders_enabled", label: "Reminders" },
  ...Object.fromEntries(
    Array.from({ length: MAX_REMINDERS }, (_, i) => [`reminder_hours[${i}]`, { control: leadControl(i), label: `Reminder ${i + 1}` }]),
  ),
};

/** The settings' changes with the lead times typed in the boxes (only when they differ), or the boxes' errors. */
export function withLeadTimes(
  changes: Partial<Omit<Settings, "version">>,
  saved: Settings,
  boxes: string[],
): FormErrors | Partial<Omit<Settings, "version">> {
  const parsed = parseLeadTimes(boxes);
  if ("errors" in parsed) return { fields: parsed.errors };
  if (JSON.stringify(parsed.hours) !== JSON.stringify(saved.reminder_hours)) return { ...changes, reminder_hours: parsed.hours };
  return changes;
}

export function ReminderFields(props: {
  enabled: boolean;
  onEnabled: (enabled: boolean) => void;
  boxes: string[];
  onBoxes: (boxes: string[]) => void;
  errors: Record<string, string>;
}) {
  return (
    <fieldset class="toggles reminder-settings">
      <legend>Event reminders</legend>
      <CheckboxField label="Email reminders before each event" name="reminders_enabled" checked={props.enabled} onValue={props.onEnabled} />
      <p class="hint">
        Each client and worker of an event who agreed to email and wants reminders gets one at each lead time; staff
        can turn them off for one event in the calendar. Off: no reminders at all.
      </p>
      <div class="row">
        {props.boxes.map((text, index) => (
          <TextField
            key={index}
            label={`Reminder ${index + 1} (hours before)`}
            name={leadControl(index)}
            type="number"
            inputMode="numeric"
            min={MIN_HOURS}
            max={MAX_HOURS}
            value={text}
            onValue={(value) => props.onBoxes(props.boxes.map((old, i) => (i === index ? value : old)))}
            error={props.errors[leadControl(index)]}
            hint={index === 0 ? `Up to ${MAX_REMINDERS}, ${MIN_HOURS} to ${MAX_HOURS} hours; leave a box empty for fewer.` : undefined}
          />
        ))}
      </div>
      <p class="hint">
        New lead times apply to every upcoming event, from when they are saved: a reminder whose moment has passed is
        not sent late.
      </p>
    </fieldset>
  );
}
