import { describe, expect, it } from "vitest";
import { remindersNote } from "../../shared/ui/EmailPreferences";
import { strings } from "../src/strings";

const words = strings.preferences.reminders;

describe("Preferences: event reminders", () => {
  it("says when the agency sends reminders, or that it sends none now", () => {
    expect(remindersNote({ reminders_enabled: true, reminder_hours: [48, 2] }, words)).toBe(
      "Your agency sends reminders 48 hours and 2 hours before each event: when and where it is, and how to cancel. They come by email only.",
    );
    expect(remindersNote({ reminders_enabled: true, reminder_hours: [1] }, words)).toContain("reminders 1 hour before");
    expect(remindersNote({ reminders_enabled: false, reminder_hours: [48, 2] }, words)).toBe(
      "Your agency does not send event reminders now. Your choice is kept for when it does.",
    );
  });
});
