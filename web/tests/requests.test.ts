import { describe, expect, it } from "vitest";
import { Directory } from "../src/directory";
import { cancellationText } from "../src/pages/calendar/EventPanel";
import { declinedText } from "../src/pages/requests/RequestsPage";
import type { StaffEvent, StaffEventRequest } from "../shared/api/requests";

const directory = new Directory(
  [
    { person_id: "c1", name: "Cleo Client", email: "c@x.test", email_consent: false, role: "client", version: 1 },
    { person_id: "w1", name: "Wes Worker", email: "w@x.test", email_consent: false, role: "worker", version: 1 },
  ],
  [],
  "America/New_York",
);

describe("why a request was declined, in words", () => {
  const declined = { reason: "too_soon", declined_by: "availability" } as StaffEventRequest;
  it("reads availability's code as its sentence", () => {
    const request = { ...declined, reason_text: "That time is too soon: the agency needs more notice." };
    expect(declinedText(request, "Cleo Client", true)).toBe(
      "The time could not be held. That time is too soon: the agency needs more notice.",
    );
  });
  it("quotes a person's reason and says whose it is", () => {
    const byWorker = { ...declined, declined_by: "worker", reason: "Away", reason_text: "Away" } as StaffEventRequest;
    expect(declinedText(byWorker, "Cleo Client", true)).toBe("You declined it: “Away”");
    expect(declinedText(byWorker, "Cleo Client", false)).toBe("The worker declined it: “Away”");
    const byClient = { ...byWorker, declined_by: "client" } as StaffEventRequest;
    expect(declinedText(byClient, "Cleo Client", false)).toBe("Cleo Client declined the proposed time: “Away”");
  });
});

describe("who cancelled an event and what it costs", () => {
  const cancelled = { status: "cancelled", cancelled_by: "worker", cancelled_by_id: "w1", reason: "Ill" } as StaffEvent;
  it("says late cancellations cost the client only when staff charged the fee", () => {
    expect(cancellationText({ ...cancelled, late: true, late_fee: false }, directory)).toBe(
      "by Wes Worker, late (no fee): Ill",
    );
    expect(cancellationText({ ...cancelled, late: true, late_fee: true }, directory)).toBe(
      "by Wes Worker, late (late-cancellation fee charged): Ill",
    );
    expect(cancellationText({ ...cancelled, late: false, late_fee: false, reason: null }, directory)).toBe(
      "by Wes Worker",
    );
  });
  it("names availability when the time could not be booked", () => {
    const unbooked = { ...cancelled, cancelled_by: "availability", cancelled_by_id: "availability", late: false };
    expect(cancellationText(unbooked as StaffEvent, directory)).toMatch(/^by availability \(the time could not/);
  });
});
