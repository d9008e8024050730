/**
 * A worker's or an admin's own email preferences: which notices also come by email (a client's request, a proposal
 * that could not be held, a message...), a reminder before each of their events, and how much the emails say. The
 * form is the portal's (shared/ui/EmailPreferences) in staff words; the API is the same `/messaging/me/preferences`.
 */

import { useLoad } from "../../../shared/hooks";
import { EmailPreferencesForm, type PreferencesWords } from "../../../shared/ui/EmailPreferences";
import { Pending } from "../../../shared/ui/states";
import { useApp } from "../../context";
import { leadTimes } from "../../reminders";
import { messaging } from "../../services/messaging";

export const STAFF_PREFERENCES: PreferencesWords = {
  title: "Email preferences",
  emailSection: "Email notifications",
  address: "Email address",
  noneOnFile: "None on file",
  noAddress: "The agency has no email address for you, so no notice reaches you by email. Ask an admin to add one.",
  noConsent: "You have not agreed to receive email from the agency, so no notice reaches you by email. Ask an admin to change this.",
  agencyOff: "The agency sends no notices by email now. Your choices below are kept for when it does.",
  alsoEmail: "Email me when",
  inboxAlways: "Every notice is in the inbox on the Discussions page; these also come by email.",
  detailSection: "Detail level",
  detailLegend: "What your emails say",
  full: "Full details (as much as the agency allows)",
  subjectOnly: "Just a notice to sign in (the subject only)",
  detailHint: "Choose the notice if someone else can read your email.",
  agencyShort: "The agency sends some notices with the subject only, whatever you choose.",
  save: "Save preferences",
  saving: "Saving…",
  saved: "Your preferences are saved.",
  unchanged: "Nothing to save: you have not changed anything.",
  kinds: {
    message: "a client writes in a discussion",
    event_requested: "a client requests an event",
    proposal_failed: "a time you proposed could not be held",
    request_withdrawn: "a client withdraws an event request",
    request_confirmed: "a client accepts a time you proposed",
    event_cancelled: "an event of yours is cancelled",
    attendee_left: "a client will not attend an event",
  },
  reminders: {
    section: "Event reminders",
    choice: "Email me a reminder before each of my events",
    sends: (when) => `The agency sends reminders ${when} before each event. They come by email only.`,
    off: "The agency does not send event reminders now. Your choice is kept for when it does.",
    hours: leadTimes,
  },
};

export function PreferencesPage() {
  const { api } = useApp();
  const loaded = useLoad(() => messaging.preferences(api), [api]);
  return loaded.data === undefined ? (
    <Pending state={loaded} what="your email preferences" />
  ) : (
    <EmailPreferencesForm
      saved={loaded.data}
      words={STAFF_PREFERENCES}
      save={(change) => messaging.savePreferences(api, change)}
    />
  );
}
