import { describe, expect, it } from "vitest";
import { addDays, dateIn, weekdayIndex, zonedToUtc } from "../src/time";

describe("wall-clock times in a zone", () => {
  it("converts an ordinary local time to UTC", () => {
    expect(zonedToUtc("2026-01-12T09:00", "America/New_York")).toBe("2026-01-12T14:00:00Z");
    expect(zonedToUtc("2026-07-13T09:00", "America/New_York")).toBe("2026-07-13T13:00:00Z");
    expect(zonedToUtc("2026-07-13T09:00", "Australia/Lord_Howe")).toBe("2026-07-12T22:30:00Z");
  });

  it("moves a time skipped by spring-forward past the gap", () => {
    // 2026-03-08 02:00 EST becomes 03:00 EDT: 02:30 does not exist; 03:30 EDT is 07:30Z.
    expect(zonedToUtc("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00Z");
  });

  it("takes the first of a repeated fall-back time", () => {
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(zonedToUtc("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00Z");
  });

  it("knows today's date in the agency's zone, not the browser's", () => {
    const instant = Date.parse("2026-01-13T03:00:00Z");
    expect(dateIn("America/New_York", instant)).toBe("2026-01-12");
    expect(dateIn("Asia/Tokyo", instant)).toBe("2026-01-13");
  });

  it("does date arithmetic on ISO dates", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(weekdayIndex("2026-01-12")).toBe(0);
    expect(weekdayIndex("2026-01-18")).toBe(6);
  });
});
