import { describe, expect, it } from "vitest";
import type { Reminder } from "../shared/api/messaging";
import { leadBoxes, leadTimes, parseLeadTimes, reminderWords } from "../src/reminders";
import { withLeadTimes } from "../src/pages/admin/ReminderSettings";
import type { Settings } from "../shared/api/messaging";
import { remindersNote } from "../shared/ui/EmailPreferences";
import { STAFF_PREFERENCES } from "../src/pages/preferences/PreferencesPage";

function reminder(extra: Partial<Reminder>): Reminder {
  return {
    hours: 48,
    start: "2026-11-25T15:00:00Z",
    due_at: "2026-11-23T15:00:00Z",
    status: "due",
    reason: null,
    sent_at: null,
    sent_to: [],
    not_sent_to: [],
    ...extra,
  };
}

describe("the agency's lead times", () => {
  it("reads them as people say them", () => {
    expect(leadTimes([48, 2])).toBe("48 hours and 2 hours");
    expect(leadTimes([72, 24, 1])).toBe("72 hours, 24 hours and 1 hour");
    expect(leadTimes([24])).toBe("24 hours");
  });

  it("takes the boxes as typed, the longest first, empty boxes being none", () => {
    expect(leadBoxes([48, 2])).toEqual(["48", "2", ""]);
    expect(parseLeadTimes(["2", "", " 48 "])).toEqual({ hours: [48, 2] });
  });

  it("names the box that is wrong before sending", () => {
    expect(parseLeadTimes(["48", "0", ""])).toEqual({ errors: { "reminder_hours.1": "Enter whole hours from 1 to 336." } });
    expect(parseLeadTimes(["337", "", ""])).toEqual({ errors: { "reminder_hours.0": "Enter whole hours from 1 to 336." } });
    expect(parseLeadTimes(["1.5", "", ""])).toHaveProperty("errors.reminder_hours\\.0");
    expect(parseLeadTimes(["24", "24", ""])).toEqual({ errors: { "reminder_hours.1": "This lead time is there already." } });
    expect(parseLeadTimes(["", "", ""])).toHaveProperty("errors");
  });

  it("sends the lead times only when they changed", () => {
    const saved = { reminder_hours: [48, 2] } as Settings;
    expect(withLeadTimes({ discussions_enabled: false }, saved, ["2", "48", ""])).toEqual({ discussions_enabled: false });
    expect(withLeadTimes({}, saved, ["24", "", ""])).toEqual({ reminder_hours: [24] });
    expect(withLeadTimes({}, saved, ["x", "", ""])).toHaveProperty("fields");
  });
});

describe("an event's reminders in words", () => {
  const name = (id: string) => ({ c1: "Cleo Client", c2: "Cal Client", w1: "Wes Worker" })[id] ?? id;
  const when = (iso: string) => `at ${iso}`;

  it("says to whom a reminder went, and who did not get it and why", () => {
    const sent = reminder({
      status: "sent",
      sent_at: "2026-11-23T15:00:00Z",
      sent_to: [
        { person_id: "c1", role: "client" },
        { person_id: "w1", role: "worker" },
      ],
      not_sent_to: [{ person_id: "c2", role: "client", reason: "no_consent" }],
    });
    expect(reminderWords(sent, name, when)).toEqual({
      title: "48 hours before",
      state: "Sent",
      detail: "at 2026-11-23T15:00:00Z to Cleo Client, Wes Worker. Not to Cal Client (has not agreed to email).",
    });
  });

  it("says when one is due and why one was not sent or planned", () => {
    expect(reminderWords(reminder({ hours: 2, due_at: "2026-11-25T13:00:00Z" }), name, when)).toEqual({
      title: "2 hours before",
      state: "Due",
      detail: "at 2026-11-25T13:00:00Z.",
    });
    expect(reminderWords(reminder({ status: "not_sent", reason: "turned_off" }), name, when).detail).toBe(
      "Turned off for this event.",
    );
    expect(reminderWords(reminder({ status: "not_planned", reason: "booked_late" }), name, when).state).toBe("Not planned");
  });
});

describe("Email preferences (staff): event reminders", () => {
  it("say in the staff's words when the agency sends reminders, or that it sends none now", () => {
    const words = STAFF_PREFERENCES.reminders;
    expect(remindersNote({ reminders_enabled: true, reminder_hours: [48, 2] }, words)).toBe(
      "The agency sends reminders 48 hours and 2 hours before each event. They come by email only.",
    );
    expect(remindersNote({ reminders_enabled: true, reminder_hours: [1] }, words)).toContain("reminders 1 hour before");
    expect(remindersNote({ reminders_enabled: false, reminder_hours: [24] }, words)).toBe(
      "The agency does not send event reminders now. Your choice is kept for when it does.",
    );
  });
});
