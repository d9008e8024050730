import { describe, expect, it } from "vitest";
import { Directory } from "../src/directory";
import { KeyKeeper } from "../shared/idempotency";
import { instantOf, toCalendarEvent, wallParts } from "../src/pages/calendar/calendarEvents";
import type { StaffEvent } from "../shared/api/requests";
import { formatLocalStart, formatRange, wallClock } from "../shared/time";

const directory = new Directory(
  [
    { person_id: "c1", name: "Cleo Client", email: "c@x.test", email_consent: false, role: "client", version: 1 },
    { person_id: "w1", name: "Wes Worker", email: "w@x.test", email_consent: false, role: "worker", version: 1 },
  ],
  [
    {
      service_id: "s1",
      name: "Counselling",
      status: "open",
      provider_ids: ["w1"],
      participant_ids: ["c1"],
      open_date: "2026-01-05",
      close_date: null,
      version: 1,
    },
  ],
  "America/New_York",
);

function event(overrides: Partial<StaffEvent> = {}): StaffEvent {
  return {
    event_id: "e1",
    service_id: "s1",
    worker_id: "w1",
    client_ids: ["c1"],
    start: "2026-03-08T14:00:00Z",
    end: "2026-03-08T15:00:00Z",
    duration_minutes: 60,
    created_at: "2026-03-01T00:00:00Z",
    created_by: "w1",
    request_id: null,
    requested_by: null,
    local_start: null,
    site_id: null,
    status: "scheduled",
    video_session: false,
    video_link: null,
    awaiting_video_link: false,
    late: null,
    late_fee: null,
    cancelled_by: null,
    cancelled_by_id: null,
    reason: null,
    attendance_confirmed_by: [],
    left_ids: [],
    previous_start: null,
    previous_end: null,
    updated_at: null,
    version: 1,
    ...overrides,
  };
}

describe("events on the agency's wall clock", () => {
  it("draws an event at its New York time, whatever the browser's zone, across the DST change", () => {
    // 8 March 2026 is spring-forward day in New York: 14:00Z is 10:00 EDT (UTC-4).
    const drawn = toCalendarEvent(event(), directory, Date.parse("2026-03-01T00:00:00Z"));
    expect(drawn).toMatchObject({ start: "2026-03-08T10:00:00", end: "2026-03-08T11:00:00", editable: true });
    expect(drawn.title).toBe("Cleo Client · Counselling");
    expect(wallClock("2026-03-07T15:00:00Z", "America/New_York")).toBe("2026-03-07T10:00:00"); // EST the day before
  });

  it("reads a selection or a drag back as the instant on the agency's clock", () => {
    const wall = new Date("2026-03-08T10:00:00Z"); // FullCalendar in UTC, standing for 10:00 in New York
    expect(instantOf(wall, "America/New_York")).toBe("2026-03-08T14:00:00Z");
    expect(wallParts(wall)).toEqual({ date: "2026-03-08", time: "10:00" });
  });

  it("makes events awaiting a video link stand out, and past or ended ones fixed", () => {
    const waiting = toCalendarEvent(event({ video_session: true, awaiting_video_link: true }), directory, 0);
    expect(waiting.classNames).toContain("event-awaiting-video");
    expect(waiting.title).toBe("Video link needed: Cleo Client · Counselling");
    const attended = toCalendarEvent(event({ status: "attended" }), directory, 0);
    expect(attended).toMatchObject({ title: "Attended: Cleo Client · Counselling", editable: false });
    const begun = toCalendarEvent(event(), directory, Date.parse("2026-03-08T14:30:00Z"));
    expect(begun.editable).toBe(false);
  });

  it("shows a request's time as the site's clock reads it", () => {
    const newYork = "America/New_York"; // the browser's zone, here
    expect(formatLocalStart("2026-12-02T09:00:00-05:00", "2026-12-02T15:00:00Z", newYork, newYork)).toBe(
      "Wed, 2 Dec 2026, 09:00–10:00",
    );
    expect(formatLocalStart("2026-12-02T09:30:00+01:00", null, undefined, "Europe/Paris")).toBe(
      "Wed, 2 Dec 2026, 09:30",
    );
    expect(formatRange("2026-12-02T14:00:00Z", "2026-12-02T15:00:00Z", newYork, newYork)).toBe(
      "Wed, 2 Dec 2026, 09:00–10:00",
    );
  });
});

describe("idempotency keys", () => {
  it("repeats the key while the same request is retried, and makes a new one for a changed or new request", () => {
    let n = 0;
    const keys = new KeyKeeper(() => `k${++n}`);
    expect(keys.keyFor({ amount: 3050 })).toBe("k1");
    expect(keys.keyFor({ amount: 3050 })).toBe("k1"); // a retry after a lost answer
    expect(keys.keyFor({ amount: 3000 })).toBe("k2"); // the request changed
    keys.done();
    expect(keys.keyFor({ amount: 3000 })).toBe("k3"); // succeeded: the next identical one is a new payment
  });
});
