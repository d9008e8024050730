/**
 * Preferences: which kinds of notification also come by email (each is always in the Inbox), and the detail level of
 * those emails (full details as the agency allows, or just a notice to sign in). What stops email reaching the client
 * (no address, no consent, the agency's switch) is said above the choices; the server decides what is sent. Event
 * reminders (email only) have a section of their own (ReminderPreference).
 */

import { useEffect, useId, useState } from "preact/hooks";
import type { DetailLevel, NotificationKind, Preferences as Saved } from "../../../shared/api/messaging";
import { useLoad } from "../../../shared/hooks";
import type { FieldMap } from "../../../shared/errors";
import { FormAlert, StatusLine, SubmitButton, useAction } from "../../../shared/ui/forms";
import { Pending } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { agencyKeepsShort, changeOf, draftOf, emailBlocked, type PreferencesDraft } from "../preferences";
import { REMINDER_KIND, ReminderPreference } from "../ReminderPreference";
import type { ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

const text = strings.preferences;
const LEVELS: DetailLevel[] = ["full", "subject_only"];

export function Preferences(_props: ScreenProps) {
  const { api } = usePortal();
  const loaded = useLoad(() => portalApi.preferences(api), [api]);
  return (
    <>
      <ScreenTitle title={text.title} />
      {loaded.data === undefined ? (
        <Pending state={loaded} what={text.loading} />
      ) : (
        <PreferencesForm saved={loaded.data} />
      )}
    </>
  );
}

function fieldsOf(saved: Saved): FieldMap {
  const fields: FieldMap = {
    email: { control: "email", label: text.alsoEmail },
    email_detail: { control: "detail", label: text.detailLegend },
  };
  for (const kind of Object.keys(saved.email)) fields[`email.${kind}`] = { control: "email", label: text.alsoEmail };
  return fields;
}

function PreferencesForm(props: { saved: Saved }) {
  const { api } = usePortal();
  const [saved, setSaved] = useState<Saved>(props.saved);
  const [draft, setDraft] = useState<PreferencesDraft>(draftOf(props.saved));
  const action = useAction(fieldsOf(props.saved));
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
      action.setStatus(text.unchanged);
      return;
    }
    void action.run(async () => {
      const answer = await portalApi.savePreferences(api, change);
      setSaved(answer);
      setDraft(draftOf(answer));
      action.setStatus(text.saved);
    });
  };

  return (
    <form ref={action.form} class="preferences" aria-label={text.title} onSubmit={save} noValidate>
      <FormAlert errors={action.errors} formRef={action.form} />
      <section class="card" aria-labelledby={emailLegend}>
        <h2 id={emailLegend} class="section-title">
          {text.emailSection}
        </h2>
        <dl class="facts">
          <div>
            <dt>{text.address}</dt>
            <dd>{saved.email_address ?? text.noneOnFile}</dd>
          </div>
        </dl>
        {blocked && <p class="notice">{text[blocked]}</p>}
        <fieldset
          class="choices"
          aria-invalid={action.errors.fields.email ? "true" : undefined}
          tabIndex={action.errors.fields.email ? -1 : undefined}
        >
          <legend>{text.alsoEmail}</legend>
          <p class="hint">{text.inboxAlways}</p>
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
              {text.kinds[kind as NotificationKind] ?? kind}
            </label>
          ))}
          {action.errors.fields.email && <p class="field-error">{action.errors.fields.email}</p>}
        </fieldset>
      </section>
      {REMINDER_KIND in draft.email && (
        <ReminderPreference
          saved={saved}
          checked={draft.email[REMINDER_KIND]}
          onChange={(checked) => setDraft({ ...draft, email: { ...draft.email, [REMINDER_KIND]: checked } })}
        />
      )}
      <section class="card" aria-labelledby={`${emailLegend}-detail`}>
        <h2 id={`${emailLegend}-detail`} class="section-title">
          {text.detailSection}
        </h2>
        <fieldset
          class="choices"
          aria-describedby={detailHint}
          aria-invalid={action.errors.fields.detail ? "true" : undefined}
          tabIndex={action.errors.fields.detail ? -1 : undefined}
        >
          <legend>{text.detailLegend}</legend>
          <p class="hint" id={detailHint}>
            {text.detailHint}
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
              {level === "full" ? text.full : text.subjectOnly}
            </label>
          ))}
          {action.errors.fields.detail && <p class="field-error">{action.errors.fields.detail}</p>}
        </fieldset>
        {keptShort.length > 0 && <p class="hint">{text.agencyShort}</p>}
      </section>
      <SubmitButton busy={action.busy} label={text.save} busyLabel={text.saving} />
      {action.status && <StatusLine text={action.status} />}
    </form>
  );
}
