/**
 * The agency's settings owned by the requests, messaging and billing services: each section loads its
 * service's settings, sends only what changed with the version it read, and says so when someone else
 * saved in between.
 */

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../shared/http";
import { useApp } from "../../context";
import { type FieldMap, type FormErrors, NO_ERRORS } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { formatMoney, parseMoney, toDecimal } from "../../../shared/money";
import { billing } from "../../services/billing";
import type { Fees, FeesChange, Settings as BillingSettings } from "../../../shared/api/billing";
import { KIND_LABELS, messaging } from "../../services/messaging";
import { requests } from "../../services/requests";
import type { Settings as RequestSettings } from "../../../shared/api/requests";
import { CheckboxField, FormActions, FormAlert, SelectField, StatusLine, SubmitButton, TextField, useAction } from "../../../shared/ui/forms";
import { LoadError, Loading } from "../../../shared/ui/states";
import { MoneyField } from "../billing/MoneyForms";
import { FeedPrivacyField } from "./FeedPrivacyField";
import type { Settings as MessagingSettings } from "../../../shared/api/messaging";
import { leadBoxes } from "../../reminders";
import { ReminderFields, REMINDER_FIELDS, withLeadTimes } from "./ReminderSettings";

/** Only the keys whose values differ. */
export function changesOf<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changes[key] = after[key];
  }
  return changes;
}

/** A settings form: the loaded value, the draft, save with the version read, and a stale-version way out. */
function useSettingsForm<S extends { version: number }>(
  load: () => Promise<S>,
  save: (changes: Partial<Omit<S, "version">>, version: number) => Promise<S>,
  fields: FieldMap,
) {
  const loaded = useLoad(load, []);
  const [saved, setSaved] = useState<S | null>(null);
  const [draft, setDraft] = useState<S | null>(null);
  const { errors, setErrors, busy, status, setStatus, form, run } = useAction(fields);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setSaved(loaded.data);
      setDraft(loaded.data);
      setStale(false);
    }
  }, [loaded.data]);

  /** Saves what changed; `check` may refuse the draft (errors) or adjust what is sent. */
  const submit = async (event: Event, check?: SettingsCheck<S>) => {
    event.preventDefault();
    if (!saved || !draft) return;
    setErrors(NO_ERRORS);
    setStatus("");
    let changes = changesOf(saved, draft) as Partial<Omit<S, "version">>;
    delete (changes as Partial<S>).version;
    if (check) {
      const checked = check(changes, saved, draft);
      if (checked && "fields" in checked) return setErrors(checked as FormErrors);
      if (checked) changes = checked as Partial<Omit<S, "version">>;
    }
    if (Object.keys(changes).length === 0) return setStatus("Nothing to save: no setting was changed.");
    await run(async () => {
      const now = await save(changes, saved.version).catch((error: unknown) => {
        setStale(error instanceof ApiError && error.code === "version_conflict");
        throw error;
      });
      setSaved(now);
      setDraft(now);
      setStatus("Settings saved.");
    });
  };
  const set = <K extends keyof S>(key: K) => (value: S[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));
  return { loaded, saved, draft, setDraft, errors, setErrors, busy, status, stale, form, submit, set };
}

type SettingsCheck<S> = (
  changes: Partial<Omit<S, "version">>,
  saved: S,
  draft: S,
) => FormErrors | Partial<Omit<S, "version">> | null;

/** A section's form around its fields: title, alert, the way out of a stale version, save button and status. */
function SettingsFrame<S extends { version: number }>(props: {
  form: ReturnType<typeof useSettingsForm<S>>;
  id: string;
  title: string;
  check?: SettingsCheck<S>;
  children: ComponentChildren;
}) {
  const s = props.form;
  return (
    <form ref={s.form} class="settings-form card" onSubmit={(e) => void s.submit(e, props.check)} noValidate aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <FormAlert errors={s.errors} formRef={s.form} />
      {s.stale && (
        <button type="button" onClick={s.loaded.reload}>
          Load the current settings
        </button>
      )}
      {props.children}
      <FormActions busy={s.busy} label="Save settings" />
      {s.status && <StatusLine text={s.status} />}
    </form>
  );
}

const REQUEST_FIELDS: FieldMap = {
  agency_name: { control: "agency_name", label: "Agency name" },
  max_open_requests: { control: "max_open_requests", label: "Most open requests per client" },
  cancellation_window_hours: { control: "cancellation_window_hours", label: "Cancellation window (hours)" },
};

const CLIENTS_MAY = [
  ["event_requests_enabled", "Request events in open slots"],
  ["request_messages_enabled", "Write a message with a request"],
  ["request_messages_required", "Must write a message with a request"],
  ["video_sessions_enabled", "Ask for video sessions"],
  ["service_requests_enabled", "Request a new service"],
] as const;

export function RequestSettingsSection() {
  const { api } = useApp();
  const s = useSettingsForm<RequestSettings>(
    () => requests.settings(api),
    (changes, version) => requests.updateSettings(api, changes, version),
    REQUEST_FIELDS,
  );
  const [numbers, setNumbers] = useState({ max: "", window: "" });
  useEffect(() => {
    if (s.saved) setNumbers({ max: String(s.saved.max_open_requests), window: String(s.saved.cancellation_window_hours) });
  }, [s.saved]);
  if (s.loaded.error && !s.loaded.data) return <LoadError error={s.loaded.error} retry={s.loaded.reload} />;
  if (!s.draft || !s.saved) return <Loading what="settings" />;
  const d = s.draft;

  const check: SettingsCheck<RequestSettings> = (changes, saved) => {
    // Numbers as numbers; anything else is sent as typed for the API to name the field.
    for (const [key, text, before] of [
      ["max_open_requests", numbers.max, saved.max_open_requests],
      ["cancellation_window_hours", numbers.window, saved.cancellation_window_hours],
    ] as const) {
      const trimmed = text.trim();
      if (trimmed === String(before)) continue;
      (changes as Record<string, unknown>)[key] = /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
    }
    return changes;
  };

  return (
    <SettingsFrame form={s} id="requests-settings-title" title="Requests and events" check={check}>
      <TextField
        label="Agency name"
        name="agency_name"
        value={d.agency_name ?? ""}
        onValue={(v) => s.set("agency_name")(v.trim() === "" && !s.saved?.agency_name ? null : v)}
        error={s.errors.fields.agency_name}
        maxLength={200}
        hint="As clients read it: calendar files and emails say “Appointment with” this name. Leave empty to say “Appointment” only."
      />
      <fieldset class="toggles">
        <legend>Clients may</legend>
        {CLIENTS_MAY.map(([name, label]) => (
          <CheckboxField key={name} label={label} name={name} checked={d[name]} onValue={s.set(name)} />
        ))}
        <p class="hint">Video sessions off: staff cannot create video events or add links either.</p>
      </fieldset>
      <FeedPrivacyField checked={d.feed_client_names} onValue={s.set("feed_client_names")} />
      <div class="row">
        <TextField
          label="Cancellation window (hours)"
          name="cancellation_window_hours"
          type="number"
          inputMode="numeric"
          min={0}
          max={336}
          value={numbers.window}
          onValue={(v) => setNumbers({ ...numbers, window: v })}
          error={s.errors.fields.cancellation_window_hours}
          hint="Closer to the start than this, clients cannot cancel themselves and a cancellation is late: staff cancelling then choose whether the client pays the late-cancellation fee."
        />
        <TextField
          label="Most open requests per client"
          name="max_open_requests"
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          value={numbers.max}
          onValue={(v) => setNumbers({ ...numbers, max: v })}
          error={s.errors.fields.max_open_requests}
          hint="Requests not yet confirmed, declined or withdrawn, from 1 to 20."
        />
      </div>
    </SettingsFrame>
  );
}

const MESSAGING_FIELDS: FieldMap = { ...REMINDER_FIELDS };

export function MessagingSettingsSection() {
  const { api } = useApp();
  const s = useSettingsForm<MessagingSettings>(
    () => messaging.settings(api),
    (changes, version) => messaging.updateSettings(api, changes, version),
    MESSAGING_FIELDS,
  );
  const [boxes, setBoxes] = useState<string[]>([]);
  useEffect(() => {
    if (s.saved) setBoxes(leadBoxes(s.saved.reminder_hours));
  }, [s.saved]);
  if (s.loaded.error && !s.loaded.data) return <LoadError error={s.loaded.error} retry={s.loaded.reload} />;
  if (!s.draft || !s.saved) return <Loading what="settings" />;
  const d = s.draft;
  const kinds = Object.keys(d.email_detail);
  // Only the kinds whose level changed are sent (the API merges them); the lead times as typed in their boxes.
  const check: SettingsCheck<MessagingSettings> = (changes, saved, draft) => {
    if (changes.email_detail) changes.email_detail = changesOf(saved.email_detail, draft.email_detail) as MessagingSettings["email_detail"];
    return withLeadTimes(changes, saved, boxes);
  };
  return (
    <SettingsFrame form={s} id="messaging-settings-title" title="Messages" check={check}>
      <CheckboxField
        label="Discussions between clients and their providers"
        name="discussions_enabled"
        checked={d.discussions_enabled}
        onValue={s.set("discussions_enabled")}
      />
      <p class="hint">
        Off: nobody starts a discussion and clients cannot write; staff can still reply in existing ones, and
        everything stays readable.
      </p>
      <CheckboxField
        label="Email notifications to clients"
        name="client_delivery_enabled"
        checked={d.client_delivery_enabled}
        onValue={s.set("client_delivery_enabled")}
      />
      <p class="hint">Off: clients find notifications in their portal inbox only. Staff emails follow their own choices.</p>
      <ReminderFields
        enabled={d.reminders_enabled}
        onEnabled={s.set("reminders_enabled")}
        boxes={boxes}
        onBoxes={setBoxes}
        errors={s.errors.fields}
      />
      <table class="detail-levels">
        <caption>How much an email says</caption>
        <thead>
          <tr>
            <th scope="col">Notification</th>
            <th scope="col">Email carries</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => (
            <tr key={kind}>
              <th scope="row" id={`detail-${kind}`}>
                {KIND_LABELS[kind] ?? kind}
              </th>
              <td>
                <select
                  aria-labelledby={`detail-${kind}`}
                  name={`email_detail.${kind}`}
                  value={d.email_detail[kind]}
                  onChange={(event) =>
                    s.setDraft({
                      ...d,
                      email_detail: {
                        ...d.email_detail,
                        [kind]: (event.target as HTMLSelectElement).value as "full" | "subject_only",
                      },
                    })
                  }
                >
                  <option value="full">The whole text</option>
                  <option value="subject_only">The subject only (sign in to read)</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SettingsFrame>
  );
}

const BILLING_FIELDS: FieldMap = {
  currency: { control: "currency", label: "Currency" },
  payments_enabled: { control: "payments_enabled", label: "Online payments" },
  provider: { control: "provider", label: "Payment provider" },
};

export function BillingSettingsSection() {
  const { api } = useApp();
  const s = useSettingsForm<BillingSettings>(
    () => billing.settings(api),
    (changes, version) => billing.updateSettings(api, changes, version),
    BILLING_FIELDS,
  );
  if (s.loaded.error && !s.loaded.data) return <LoadError error={s.loaded.error} retry={s.loaded.reload} />;
  if (!s.draft || !s.saved) return <Loading what="settings" />;
  const d = s.draft;
  return (
    <>
      <SettingsFrame form={s} id="billing-settings-title" title="Payments">
        <CheckboxField
          label="Clients may pay invoices online"
          name="payments_enabled"
          checked={d.payments_enabled}
          onValue={s.set("payments_enabled")}
        />
        <div class="row">
          <SelectField
            label="Payment provider"
            name="provider"
            value={d.provider}
            onValue={(v) => s.set("provider")(v as BillingSettings["provider"])}
            options={[
              { value: "sandbox", label: "Sandbox (test payments, nobody is charged)" },
              { value: "stripe", label: "Stripe" },
            ]}
            error={s.errors.fields.provider}
            hint="Stripe needs the agency's keys stored by an operator first."
          />
          <TextField
            label="Currency"
            name="currency"
            value={d.currency}
            onValue={(v) => s.set("currency")(v.trim().toUpperCase())}
            maxLength={3}
            autoComplete="off"
            error={s.errors.fields.currency}
            hint="An ISO 4217 code (USD, CAD, EUR). It cannot change once an invoice is issued."
          />
        </div>
      </SettingsFrame>
      <FeesForm currency={s.saved.currency} />
    </>
  );
}

const FEE_KINDS = [
  { key: "event_fee", label: "Session", hint: "Invoiced when an event is marked attended." },
  { key: "no_show_fee", label: "No-show", hint: "Invoiced when a client does not come." },
  { key: "late_cancel_fee", label: "Late cancellation", hint: "Inside the cancellation window." },
] as const;

type FeeKey = (typeof FEE_KINDS)[number]["key"];
const FEE_FIELDS: FieldMap = Object.fromEntries(FEE_KINDS.map((k) => [k.key, { control: k.key, label: `${k.label} fee` }]));

function FeesForm(props: { currency: string }) {
  const { api } = useApp();
  const fees = useLoad(() => billing.fees(api), []);
  const [draft, setDraft] = useState<Record<FeeKey, string> | null>(null);
  const { errors, setErrors, busy, status, setStatus, form, run } = useAction(FEE_FIELDS);
  const text = (f: Fees, key: FeeKey) => (f[key] ? toDecimal(f[key]!, f.currency) : "");

  useEffect(() => {
    const f = fees.data;
    if (f) setDraft({ event_fee: text(f, "event_fee"), no_show_fee: text(f, "no_show_fee"), late_cancel_fee: text(f, "late_cancel_fee") });
  }, [fees.data]);
  if (fees.error && !fees.data) return <LoadError error={fees.error} retry={fees.reload} />;
  if (!draft || !fees.data) return <Loading what="fees" />;
  const currency = fees.data.currency ?? props.currency;

  const submit = (event: Event) => {
    event.preventDefault();
    setStatus("");
    const body: FeesChange = {};
    const problems: Record<string, string> = {};
    for (const { key } of FEE_KINDS) {
      if (!draft[key].trim()) {
        body[key] = null;
        continue;
      }
      const parsed = parseMoney(draft[key], currency, { allowZero: true });
      if (parsed.ok) body[key] = parsed.amount || null;
      else problems[key] = parsed.error;
    }
    if (Object.keys(problems).length) return setErrors({ fields: problems });
    void run(async () => {
      await billing.setFees(api, body);
      setStatus("Fees saved. Events from now on are invoiced with them.");
      fees.reload();
    });
  };

  return (
    <form ref={form} class="settings-form card" onSubmit={submit} noValidate aria-labelledby="fees-title">
      <h2 id="fees-title">Default fees</h2>
      <p class="hint">What each outcome of an event costs, for services without fees of their own. Empty: no fee.</p>
      <FormAlert errors={errors} formRef={form} />
      <div class="row">
        {FEE_KINDS.map((k) => (
          <MoneyField
            key={k.key}
            label={`${k.label} fee`}
            name={k.key}
            currency={currency}
            value={draft[k.key]}
            onValue={(v) => setDraft({ ...draft, [k.key]: v })}
            error={errors.fields[k.key]}
            hint={fees.data![k.key] ? `${k.hint} Now ${formatMoney(fees.data![k.key]!, currency)}.` : k.hint}
          />
        ))}
      </div>
      <SubmitButton busy={busy} label="Save fees" />
      {status && <StatusLine text={status} />}
    </form>
  );
}
