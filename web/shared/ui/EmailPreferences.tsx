/**
 * Email preferences, the portal's and the staff app's: which kinds of notification also come by email, a reminder
 * before each event (email only, at the agency's lead times), and how much those emails say. What stops email
 * reaching the person (no address, no consent, the agency's switch) is said above the choices; the server decides
 * what is sent. Each app passes its own words (`PreferencesWords`) and its own API call.
 */

import { useEffect, useId, useState } from "preact/hooks";
import type { DetailLevel, Preferences, PreferencesChange } from "../api/messaging";
import type { FieldMap } from "../errors";
import { agencyKeepsShort, changeOf, draftOf, emailBlocked, type PreferencesDraft } from "../preferences";
import { FormAlert, StatusLine, SubmitButton, useAction } from "./forms";

export const REMINDER_KIND = "event_reminder";
const LEVELS: DetailLevel[] = ["full", "subject_only"];

export interface ReminderWords {
  section: string;
  choice: string;
  sends: (when: string) => string;
  off: string;
  hours: (hours: number[]) => string;
}

export interface PreferencesWords {
  title: string;
  emailSection: string;
  address: string;
  noneOnFile: string;
  noAddress: string;
  noConsent: string;
  agencyOff: string;
  alsoEmail: string;
  inboxAlways: string;
  detailSection: string;
  detailLegend: string;
  full: string;
  subjectOnly: string;
  detailHint: string;
  agencyShort: string;
  save: string;
  saving: string;
  saved: string;
  unchanged: string;
  kinds: Partial<Record<string, string>>;
  reminders: ReminderWords;
}

/** What the form says of the agency's reminders. */
export function remindersNote(saved: Pick<Preferences, "reminders_enabled" | "reminder_hours">, words: ReminderWords): string {
  return saved.reminders_enabled ? words.sends(words.hours(saved.reminder_hours)) : words.off;
}

function fieldsOf(saved: Preferences, words: PreferencesWords): FieldMap {
  const fields: FieldMap = {
    email: { control: "email", label: words.alsoEmail },
    email_detail: { control: "detail", label: words.detailLegend },
  };
  for (const kind of Object.keys(saved.email)) fields[`email.${kind}`] = { control: "email", label: words.alsoEmail };
  return fields;
}

export function EmailPreferencesForm(props: {
  saved: Preferences;
  words: PreferencesWords;
  save: (change: PreferencesChange) => Promise<Preferences>;
}) {
  const words = props.words;
  const [saved, setSaved] = useState<Preferences>(props.saved);
  const [draft, setDraft] = useState<PreferencesDraft>(draftOf(props.saved));
  const action = useAction(fieldsOf(props.saved, words));
  const emailLegend = useId();
  const detailHint = useId();
  const blocked = emailBlocked(saved);
  const keptShort = agencyKeepsShort(saved);

  useEffect(() => {
    setSaved(props.saved);
    setDraft(draftOf(props.saved));
  }, [props.saved]);

  const save = (event: Event) => {
    event.preventDefault();
    if (action.busy) return;
    const change = changeOf(saved, draft);
    if (!change) {
      action.setStatus(words.unchanged);
      return;
    }
    void action.run(async () => {
      const answer = await props.save(change);
      setSaved(answer);
      setDraft(draftOf(answer));
      action.setStatus(words.saved);
    });
  };

  return (
    <form ref={action.form} class="preferences" aria-label={words.title} onSubmit={save} noValidate>
      <FormAlert errors={action.errors} formRef={action.form} />
      <section class="card" aria-labelledby={emailLegend}>
        <h2 id={emailLegend} class="section-title">
          {words.emailSection}
        </h2>
        <dl class="facts">
          <div>
            <dt>{words.address}</dt>
            <dd>{saved.email_address ?? words.noneOnFile}</dd>
          </div>
        </dl>
        {blocked && <p class="notice">{words[blocked]}</p>}
        <fieldset
          class="choices"
          aria-invalid={action.errors.fields.email ? "true" : undefined}
          tabIndex={action.errors.fields.email ? -1 : undefined}
        >
          <legend>{words.alsoEmail}</legend>
          <p class="hint">{words.inboxAlways}</p>
          {Object.keys(draft.email).filter((kind) => kind !== REMINDER_KIND).map((kind) => (
            <label key={kind} class="choice">
              <input
                type="checkbox"
                name="email"
                value={kind}
                checked={draft.email[kind]}
                onChange={(e) =>
                  setDraft({ ...draft, email: { ...draft.email, [kind]: (e.target as HTMLInputElement).checked } })
                }
              />
              {words.kinds[kind] ?? kind}
            </label>
          ))}
          {action.errors.fields.email && <p class="field-error">{action.errors.fields.email}</p>}
        </fieldset>
      </section>
      {REMINDER_KIND in draft.email && (
        <ReminderPreference
          saved={saved}
          words={words.reminders}
          checked={draft.email[REMINDER_KIND]}
          onChange={(checked) => setDraft({ ...draft, email: { ...draft.email, [REMINDER_KIND]: checked } })}
        />
      )}
      <section class="card" aria-labelledby={`${emailLegend}-detail`}>
        <h2 id={`${emailLegend}-detail`} class="section-title">
          {words.detailSection}
        </h2>
        <fieldset
          class="choices"
          aria-describedby={detailHint}
          aria-invalid={action.errors.fields.detail ? "true" : undefined}
          tabIndex={action.errors.fields.detail ? -1 : undefined}
        >
          <legend>{words.detailLegend}</legend>
          <p class="hint" id={detailHint}>
            {words.detailHint}
          </p>
          {LEVELS.map((level) => (
            <label key={level} class="choice">
              <input
                type="radio"
                name="email_detail"
                value={level}
                checked={draft.detail === level}
                onChange={() => setDraft({ ...draft, detail: level })}
              />
              {level === "full" ? words.full : words.subjectOnly}
            </label>
          ))}
          {action.errors.fields.detail && <p class="field-error">{action.errors.fields.detail}</p>}
        </fieldset>
        {keptShort.length > 0 && <p class="hint">{words.agencyShort}</p>}
      </section>
      <SubmitButton busy={action.busy} label={words.save} busyLabel={words.saving} />
      {action.status && <StatusLine text={action.status} />}
    </form>
  );
}

/** The reminder choice, with when the agency sends them (or that it sends none now). */
function ReminderPreference(props: {
  saved: Preferences;
  words: ReminderWords;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const title = useId();
  const note = useId();
  return (
    <section class="card" aria-labelledby={title}>
      <h2 id={title} class="section-title">
        {props.words.section}
      </h2>
      <p class="hint" id={note}>
        {remindersNote(props.saved, props.words)}
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
        {props.words.choice}
      </label>
    </section>
  );
}
