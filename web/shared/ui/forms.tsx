/**
 * Form controls that always carry a label, show their error beside them (linked with
 * aria-describedby, marked aria-invalid), and a form-level alert for what no control owns.
 */

import type { ComponentChildren, JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { sharedStrings } from "../strings";
import { type FieldMap, type FormErrors, formErrors, NO_ERRORS } from "../errors";

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: ComponentChildren;
  class?: string;
}

function Described(props: { id: string; error?: string; hint?: ComponentChildren }) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </>
  );
}

function describedBy(id: string, props: { error?: string; hint?: ComponentChildren }): string | undefined {
  const ids = [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "value" | "onInput" | "name" | "label" | "type">;

export function TextField(
  props: FieldProps & InputAttributes & { value: string; onValue: (value: string) => void; type?: string },
) {
  const { label, name, error, hint, value, onValue, class: className, type = "text", ...rest } = props;
  const id = useId();
  return (
    <div class={`field ${className ?? ""}`}>
      <label for={id}>{label}</label>
      <input
        {...rest}
        id={id}
        name={name}
        type={type}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(event) => onValue((event.target as HTMLInputElement).value)}
      />
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldProps & {
    value: string;
    onValue: (value: string) => void;
    options: Option[];
    placeholder?: string;
    disabled?: boolean;
  },
) {
  const { label, name, error, value, onValue, options, placeholder, disabled } = props;
  const id = useId();
  return (
    <div class={`field ${props.class ?? ""}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(event) => onValue((event.target as HTMLSelectElement).value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Described id={id} error={error} hint={props.hint} />
    </div>
  );
}

export function CheckboxField(props: { label: string; name: string; checked: boolean; onValue: (v: boolean) => void }) {
  const id = useId();
  return (
    <div class="field checkbox">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(event) => props.onValue((event.target as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** The form-level error, announced; also moves focus to the first control with an error. */
export function FormAlert(props: { errors: FormErrors; formRef?: { current: HTMLFormElement | null } }) {
  const { errors, formRef } = props;
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const invalid = formRef?.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    if (invalid) invalid.focus();
    else if (errors.form) alertRef.current?.focus();
  }, [errors, formRef]);
  if (!errors.form) return null;
  return (
    <div class="form-error" role="alert" tabIndex={-1} ref={alertRef}>
      {errors.form}
    </div>
  );
}

/** A polite status line ("Saved.") that clears itself. */
export function StatusLine(props: { text: string }) {
  return (
    <p class="status-line" role="status" aria-live="polite">
      {props.text}
    </p>
  );
}

/**
 * A form's sending state. `run(action)` clears what the last try said and shows the form busy while the
 * action runs; an error it throws is shown beside the control `fields` maps it to, or for the whole form.
 * `send(action)` is for a form that closes or moves on once sent: it stays busy after a success (no second
 * send before it goes) and is free again only after an error; `errorsOf` may say an error in other words.
 */
export function useAction(fields: FieldMap = {}) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const attempt = async (action: () => Promise<void>, errorsOf: (error: unknown) => FormErrors, staysBusy: boolean) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    setStatus("");
    try {
      await action();
    } catch (error) {
      setErrors(errorsOf(error));
      setBusy(false);
      return;
    }
    if (!staysBusy) setBusy(false);
  };
  const byField = (error: unknown) => formErrors(error, fields);
  const run = (action: () => Promise<void>) => attempt(action, byField, false);
  const send = (action: () => Promise<void>, errorsOf = byField) => attempt(action, errorsOf, true);
  return { errors, setErrors, busy, status, setStatus, form, run, send };
}

export function SubmitButton(props: { busy: boolean; label: string; busyLabel?: string; class?: string }) {
  return (
    <button type="submit" class={props.class ?? "primary"} disabled={props.busy} aria-busy={props.busy}>
      {props.busy ? (props.busyLabel ?? sharedStrings().states.saving) : props.label}
    </button>
  );
}

/** A form's buttons: send (busy while it sends) and, when given, one that leaves or undoes without sending. */
export function FormActions(props: {
  busy: boolean;
  label: string;
  busyLabel?: string;
  class?: string;
  cancel?: { label: string; onClick: () => void };
}) {
  return (
    <div class="actions">
      <SubmitButton busy={props.busy} label={props.label} busyLabel={props.busyLabel} class={props.class} />
      {props.cancel && (
        <button type="button" onClick={props.cancel.onClick}>
          {props.cancel.label}
        </button>
      )}
    </div>
  );
}

type TextAreaAttributes = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onInput" | "name" | "label">;

export function TextAreaField(
  props: FieldProps & TextAreaAttributes & { value: string; onValue: (value: string) => void },
) {
  const { label, name, error, hint, value, onValue, class: className, ...rest } = props;
  const id = useId();
  return (
    <div class={`field ${className ?? ""}`}>
      <label for={id}>{label}</label>
      <textarea
        rows={3}
        {...rest}
        id={id}
        name={name}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(event) => onValue((event.target as HTMLTextAreaElement).value)}
      />
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

/** Several checkboxes under one legend (clients of an event, providers of a service). */
export function CheckboxGroup(props: {
  legend: string;
  name: string;
  options: Option[];
  values: string[];
  onValues: (values: string[]) => void;
  error?: string;
  hint?: ComponentChildren;
  empty?: string;
}) {
  const id = useId();
  const { values, onValues } = props;
  return (
    <fieldset
      class="field checkbox-group"
      tabIndex={props.error ? -1 : undefined}
      aria-invalid={props.error ? "true" : undefined}
      aria-describedby={describedBy(id, props)}
    >
      <legend>{props.legend}</legend>
      {props.options.length === 0 && <p class="hint">{props.empty ?? sharedStrings().states.nothingToChoose}</p>}
      {props.options.map((option) => (
        <label key={option.value} class="check">
          <input
            type="checkbox"
            name={props.name}
            value={option.value}
            checked={values.includes(option.value)}
            onChange={(event) => {
              const on = (event.target as HTMLInputElement).checked;
              onValues(on ? [...values, option.value] : values.filter((v) => v !== option.value));
            }}
          />{" "}
          {option.label}
        </label>
      ))}
      <Described id={id} error={props.error} hint={props.hint} />
    </fieldset>
  );
}
