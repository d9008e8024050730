/** Email preferences' rules, pure for tests (the portal's and the staff app's): what a change sends, and why email does not reach the person. */

import type { DetailLevel, NotificationKind, Preferences, PreferencesChange } from "./api/messaging";

export interface PreferencesDraft {
  email: Record<string, boolean>;
  detail: DetailLevel;
}

export function draftOf(saved: Preferences): PreferencesDraft {
  return { email: { ...saved.email }, detail: saved.email_detail };
}

/** Only what changed (the API keeps what a change does not name, so another device's choices are not undone); null for nothing. */
export function changeOf(saved: Preferences, draft: PreferencesDraft): PreferencesChange | null {
  const email: Record<string, boolean> = {};
  for (const [kind, wanted] of Object.entries(draft.email)) {
    if (saved.email[kind] !== wanted) email[kind] = wanted;
  }
  const change: PreferencesChange = {};
  if (Object.keys(email).length) change.email = email;
  if (draft.detail !== saved.email_detail) change.email_detail = draft.detail;
  return Object.keys(change).length ? change : null;
}

/** Why no email reaches the person now, whatever they tick (the first reason that holds), or null when email can. */
export function emailBlocked(saved: Preferences): "noAddress" | "noConsent" | "agencyOff" | null {
  if (!saved.email_address) return "noAddress";
  if (!saved.email_consent) return "noConsent";
  if (!saved.agency_allows_email) return "agencyOff";
  return null;
}

/** The kinds for which the agency sends less than the person's `full`: their emails say the subject only anyway. */
export function agencyKeepsShort(saved: Preferences): NotificationKind[] {
  return (Object.keys(saved.delivered_detail) as NotificationKind[]).filter(
    (kind) => saved.delivered_detail[kind] === "subject_only" && saved.email_detail === "full",
  );
}
