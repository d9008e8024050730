import { describe, expect, it } from "vitest";
import type { CalendarEvent } from "../../shared/api/requests";
import { formatMoney } from "../../shared/money";
import {
  cancelsForEveryone,
  cancelTerms,
  groupByDay,
  mayConfirm,
  mergeEvents,
  safeLink,
  splitByNow,
  termsText,
  WINDOW_DAYS,
  windowOf,
} from "../src/calendar";

const NY = "America/New_York";
const DAY = 86_400_000;

function ev(id: string, start: string, minutes = 60, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    event_id: id,
    service_id: "s1",
    worker_id: "w1",
    client_ids: ["c1"],
    start,
    end,
    status: "scheduled",
    version: 1,
    left: false,
    attendance_confirmed: false,
    requested_by: null,
    video_session: false,
    video_link: null,
    awaiting_video_link: false,
    ...extra,
  } as CalendarEvent;
}

describe("the Calendar's 92-day windows", () => {
  const now = Date.parse("2026-03-08T06:30:00Z"); // 01:30 EST, half an hour before New York springs forward

  it("reads from a day before now to 91 days ahead, then 92 days at a time back, each touching the next", () => {
    const first = windowOf(now, 0);
    expect(first.from).toBe("2026-03-07T06:30:00Z");
    for (const index of [0, 1, 2, 5]) {
      const window = windowOf(now, index);
      expect(Date.parse(window.to) - Date.parse(window.from)).toBe(WINDOW_DAYS * DAY); // the API's most
      expect(windowOf(now, index + 1).to).toBe(window.from);
    }
  });

  it("keeps one copy of an event read twice (window ends are inclusive), the newest version", () => {
    const old = ev("e1", "2026-03-07T06:30:00Z");
    const newer = { ...old, version: 2, status: "cancelled" as const };
    const merged = mergeEvents([ev("e2", "2026-03-09T15:00:00Z"), newer], [old]);
    expect(merged.map((e) => [e.event_id, e.version])).toEqual([
      ["e1", 2],
      ["e2", 1],
    ]);
  });

  it("puts an event under way with the upcoming ones, ended ones in the past newest first", () => {
    const events = [
      ev("ended", "2026-03-07T20:00:00Z"),
      ev("earlier", "2026-03-01T15:00:00Z"),
      ev("under-way", "2026-03-08T06:00:00Z"),
      ev("next", "2026-03-08T14:00:00Z"),
    ];
    const { upcoming, past } = splitByNow(events, now);
    expect(upcoming.map((e) => e.event_id)).toEqual(["under-way", "next"]);
    expect(past.map((e) => e.event_id)).toEqual(["ended", "earlier"]);
  });

  it("groups by the agency's day across the spring-forward change, not by the UTC day", () => {
    const events = [
      ev("est", "2026-03-08T06:30:00Z"), // 01:30 EST
      ev("edt", "2026-03-08T07:30:00Z"), // 03:30 EDT, an hour of wall clock skipped between
      ev("late-evening", "2026-03-09T03:30:00Z"), // 23:30 EDT on the 8th, the 9th in UTC
      ev("next-day", "2026-03-09T04:30:00Z"), // 00:30 EDT on the 9th
    ];
    expect(groupByDay(events, NY).map((g) => [g.day, g.events.map((e) => e.event_id)])).toEqual([
      ["2026-03-08", ["est", "edt", "late-evening"]],
      ["2026-03-09", ["next-day"]],
    ]);
    expect(groupByDay(events, "UTC").map((g) => g.day)).toEqual(["2026-03-08", "2026-03-09"]);
    expect(groupByDay(events, "UTC")[1].events.map((e) => e.event_id)).toEqual(["late-evening", "next-day"]);
  });
});

describe("what cancelling says, under a 24-hour window across the spring-forward change", () => {
  // 09:00 EDT on Sunday 8 March 2026; 24 hours before is 08:00 EST on Saturday (the clocks moved in between).
  const event = ev("e1", "2026-03-08T13:00:00Z");
  const deadline = Date.parse("2026-03-07T13:00:00Z");
  const fee = formatMoney(2500, "USD");

  it("is free until the window opens, said on the agency's clock with its zone named", () => {
    const terms = cancelTerms(event, 24, deadline - 60_000);
    expect(terms).toEqual({ kind: "free", deadline: "2026-03-07T13:00:00Z" });
    expect(termsText(terms, 24, fee, NY, "UTC")).toBe(
      "Cancelling now is not late: no fee applies. You can cancel until Sat, 7 Mar 2026, 08:00 EST.",
    );
    expect(termsText(terms, 24, fee, NY, NY)).toContain("until Sat, 7 Mar 2026, 08:00.");
  });

  it("is still free at the deadline itself and late a second after, as the server decides (now > start - window)", () => {
    expect(cancelTerms(event, 24, deadline).kind).toBe("free");
    const late = cancelTerms(event, 24, deadline + 1000);
    expect(late.kind).toBe("late");
    expect(termsText(late, 24, fee, NY, "UTC")).toBe(
      "This event starts in less than 24 hours: cancelling now is a late cancellation, which can no longer be done " +
        `here. Contact your provider to cancel. A late-cancellation fee of ${fee} may apply.`,
    );
    expect(termsText(late, 24, null, NY, "UTC")).not.toContain("fee");
  });

  it("counts the window in hours of time, not of wall clock, over the fall-back change", () => {
    // 09:00 EST on Sunday 1 November 2026; 24 hours before is 10:00 EDT on Saturday.
    const november = ev("e2", "2026-11-01T14:00:00Z");
    const terms = cancelTerms(november, 24, Date.parse("2026-10-30T12:00:00Z"));
    expect(termsText(terms, 24, null, NY, "UTC")).toContain("until Sat, 31 Oct 2026, 10:00 EDT.");
  });

  it("cannot be cancelled once started or no longer scheduled", () => {
    expect(cancelTerms(event, 24, Date.parse(event.start))).toEqual({ kind: "started" });
    expect(cancelTerms({ ...event, status: "cancelled" }, 24, 0)).toEqual({ kind: "closed" });
    expect(cancelTerms({ ...event, left: true }, 24, 0)).toEqual({ kind: "closed" });
    expect(cancelTerms(event, 0, Date.parse(event.start) - 1000).kind).toBe("free");
  });

  it("cancels for everyone when the client asked for the event or is its only client; else they leave it", () => {
    expect(cancelsForEveryone(event, "c1")).toBe(true);
    const group = { ...event, client_ids: ["c1", "c2"] };
    expect(cancelsForEveryone(group, "c1")).toBe(false);
    expect(cancelsForEveryone({ ...group, requested_by: "c1" }, "c1")).toBe(true);
  });

  it("offers to confirm attendance only before an event scheduled and not yet confirmed", () => {
    const before = Date.parse(event.start) - 1000;
    expect(mayConfirm(event, before)).toBe(true);
    expect(mayConfirm({ ...event, attendance_confirmed: true }, before)).toBe(false);
    expect(mayConfirm(event, Date.parse(event.start))).toBe(false);
    expect(mayConfirm({ ...event, status: "cancelled" }, before)).toBe(false);
  });
});

describe("a video session's link", () => {
  it("is a link only when it is http(s)", () => {
    expect(safeLink("https://meet.example.test/abc")).toBe("https://meet.example.test/abc");
    expect(safeLink("http://meet.example.test/abc")).toBe("http://meet.example.test/abc");
    expect(safeLink("javascript:alert(1)")).toBeNull();
    expect(safeLink("ftp://files.example.test")).toBeNull();
    expect(safeLink("not a link")).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});
