/**
 * API errors in plain words, placed next to the form control they are about.
 *
 * The API names the offending field (`slot_minutes`, `from`, `type_id`); a form declares which of its
 * controls each API field maps to and what the control is called on screen. An error whose field the
 * form does not show (or that has none) is shown for the whole form.
 */

import { ApiError, NETWORK } from "./http";
import { CognitoUnreachable } from "./auth/cognito";
import { SessionExpired } from "./auth/session";
import { sharedStrings } from "./strings";

export interface FieldMap {
  /** API field name -> the form's control name and its on-screen label. */
  [apiField: string]: { control: string; label: string };
}

export interface FormErrors {
  /** About the whole form (no field, or a field the form does not show). */
  form?: string;
  /** Control name -> message. */
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { fields: {} };

export function formErrors(error: unknown, fields: FieldMap = {}): FormErrors {
  const text = plainMessage(error, fields);
  if (error instanceof ApiError && error.field && fields[error.field]) {
    return { fields: { [fields[error.field].control]: text } };
  }
  return { form: text, fields: {} };
}

/** The message a person should read: API field names replaced by the labels they see. */
export function plainMessage(error: unknown, fields: FieldMap = {}): string {
  const text = sharedStrings().errors;
  if (error instanceof SessionExpired || error instanceof CognitoUnreachable) return error.message;
  if (!(error instanceof ApiError)) return text.pageFailed;
  if (error.code === NETWORK) return error.message;
  if (error.status >= 500) return text.serverFailed;
  if (error.status === 403 && !error.message) return text.notAllowed;
  if (error.code === "unknown_field" || error.code === "invalid_json") return text.notAccepted(error.message);
  return withLabels(error.message, fields);
}

function withLabels(message: string, fields: FieldMap): string {
  let text = message;
  // Validation messages start with the field's name ("from must be ...", "name is required.").
  const first = /^([a-z][a-z_]*)\b/.exec(message)?.[1];
  if (first && fields[first]) text = fields[first].label + text.slice(first.length);
  // snake_case names cannot be ordinary words: replace them wherever else they appear.
  for (const [name, { label }] of Object.entries(fields)) {
    if (name.includes("_")) text = text.replace(new RegExp(`\\b${name}\\b`, "g"), lower(label));
  }
  // Any other API name still reads better as words.
  text = text.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (name) => name.replace(/_/g, " "));
  return capitalise(text);
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
