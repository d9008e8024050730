/** The agency's scheduling settings: time zone, client-facing type, slot length, notice, horizon, hold time. */

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../shared/http";
import { useApp } from "../../context";
import { type FieldMap, NO_ERRORS } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import type { Settings, SettingsChange } from "../../../shared/api/availability";
import { timeZones } from "../../../shared/time";
import { FormActions, FormAlert, SelectField, StatusLine, TextField, useAction } from "../../../shared/ui/forms";
import { LoadError, Loading } from "../../../shared/ui/states";

export const SETTINGS_FIELDS: FieldMap = {
  timezone: { control: "timezone", label: "Time zone" },
  client_facing_type_id: { control: "client_facing_type_id", label: "Client-facing type" },
  slot_minutes: { control: "slot_minutes", label: "Slot length (minutes)" },
  min_notice_hours: { control: "min_notice_hours", label: "Minimum notice (hours)" },
  horizon_days: { control: "horizon_days", label: "Booking horizon (days)" },
  hold_minutes: { control: "hold_minutes", label: "Hold time (minutes)" },
};

/** A settings change without its version (the one read is sent with it). */
type Changes = Omit<SettingsChange, "version">;
type Form = Record<keyof Changes, string>;

function formOf(settings: Settings): Form {
  return {
    timezone: settings.timezone,
    client_facing_type_id: settings.client_facing_type_id ?? "",
    slot_minutes: String(settings.slot_minutes),
    min_notice_hours: String(settings.min_notice_hours),
    horizon_days: String(settings.horizon_days),
    hold_minutes: String(settings.hold_minutes),
  };
}

/** Only what changed, numbers as numbers ("abc" is sent as is, for the API to name the field). */
export function settingsChanges(settings: Settings, form: Form): Changes {
  const before = formOf(settings);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(form) as (keyof Form)[]) {
    if (form[key] === before[key]) continue;
    const text = form[key].trim();
    changes[key] = key === "timezone" || key === "client_facing_type_id" ? text : /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return changes as Changes;
}

function duration(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return "";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(" ");
}

export function SchedulingSettings() {
  const { api } = useApp();
  const loaded = useLoad(() => Promise.all([availability.settings(api), availability.types(api)]), []);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const { errors, setErrors, busy, status, setStatus, form: formRef, run } = useAction(SETTINGS_FIELDS);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setSettings(loaded.data[0]);
      setForm(formOf(loaded.data[0]));
      setStale(false);
    }
  }, [loaded.data]);

  if (loaded.error && !loaded.data) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!settings || !form || !loaded.data) return <Loading what="settings" />;
  const types = loaded.data[1];
  const set = (key: keyof Form) => (value: string) => setForm({ ...form, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    setStatus("");
    const changes = settingsChanges(settings, form);
    if (Object.keys(changes).length === 0) return setStatus("Nothing to save: no setting was changed.");
    await run(async () => {
      const saved = await availability.updateSettings(api, changes, settings.version).catch((error: unknown) => {
        setStale(error instanceof ApiError && error.code === "version_conflict");
        throw error;
      });
      setSettings(saved);
      setForm(formOf(saved));
      setStatus("Settings saved. Open slots follow them at once.");
    });
  };

  const zones = timeZones();
  return (
    <form ref={formRef} class="settings-form card" onSubmit={submit} noValidate aria-labelledby="scheduling-title">
      <h2 id="scheduling-title">Scheduling</h2>
      <FormAlert errors={errors} formRef={formRef} />
      {stale && (
        <button type="button" onClick={loaded.reload}>
          Load the current settings
        </button>
      )}
      <TextField
        label="Time zone"
        name="timezone"
        value={form.timezone}
        onValue={set("timezone")}
        list="time-zones"
        autoComplete="off"
        error={errors.fields.timezone}
        hint="Decides the agency's dates: which calendar is in effect today, and time off."
      />
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <SelectField
        label="Client-facing type"
        name="client_facing_type_id"
        value={form.client_facing_type_id}
        onValue={set("client_facing_type_id")}
        placeholder={settings.client_facing_type_id ? undefined : "None yet: choose one"}
        options={types
          .filter((t) => !t.retired || t.type_id === settings.client_facing_type_id)
          .map((t) => ({ value: t.type_id, label: t.name }))}
        error={errors.fields.client_facing_type_id}
        hint="Clients can request times only inside blocks of this type."
      />
      <div class="row">
        <TextField
          label="Slot length (minutes)"
          name="slot_minutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={480}
          step={5}
          value={form.slot_minutes}
          onValue={set("slot_minutes")}
          error={errors.fields.slot_minutes}
          hint="A multiple of 5, up to 480."
        />
        <TextField
          label="Minimum notice (hours)"
          name="min_notice_hours"
          type="number"
          inputMode="numeric"
          min={0}
          value={form.min_notice_hours}
          onValue={set("min_notice_hours")}
          error={errors.fields.min_notice_hours}
          hint="How far ahead a client must ask."
        />
      </div>
      <div class="row">
        <TextField
          label="Booking horizon (days)"
          name="horizon_days"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          value={form.horizon_days}
          onValue={set("horizon_days")}
          error={errors.fields.horizon_days}
          hint="How far ahead clients can see and ask."
        />
        <TextField
          label="Hold time (minutes)"
          name="hold_minutes"
          type="number"
          inputMode="numeric"
          min={5}
          step={5}
          value={form.hold_minutes}
          onValue={set("hold_minutes")}
          error={errors.fields.hold_minutes}
          hint={`How long a requested slot waits for the worker's answer${
            duration(Number(form.hold_minutes)) ? ` (${duration(Number(form.hold_minutes))})` : ""
          }.`}
        />
      </div>
      <FormActions
        busy={busy}
        label="Save settings"
        cancel={{ label: "Undo changes", onClick: () => (setForm(formOf(settings)), setErrors(NO_ERRORS), setStatus("")) }}
      />
      {status && <StatusLine text={status} />}
    </form>
  );
}
