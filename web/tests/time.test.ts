import { describe, expect, it } from "vitest";
import {
  addDays,
  dateIn,
  formatInstant,
  formatLocalStart,
  formatRange,
  weekdayIndex,
  zonedToUtc,
  zoneName,
} from "../shared/time";

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

describe("zones named as the services name them", () => {
  const at = (iso: string) => Date.parse(iso);

  it("names a zone by its abbreviation, or by its offset where it has none in letters", () => {
    expect(zoneName(at("2026-12-07T14:00:00Z"), "America/New_York")).toBe("EST");
    expect(zoneName(at("2026-07-07T14:00:00Z"), "America/New_York")).toBe("EDT");
    expect(zoneName(at("2026-12-07T14:00:00Z"), "Europe/Berlin")).toBe("CET");
    expect(zoneName(at("2026-12-07T14:00:00Z"), "Europe/London")).toBe("GMT");
    expect(zoneName(at("2026-12-07T14:00:00Z"), "Australia/Sydney")).toBe("AEDT");
    expect(zoneName(at("2026-12-07T14:00:00Z"), "Asia/Kathmandu")).toBe("UTC+05:45");
    expect(zoneName(at("2026-12-07T14:00:00Z"), "America/Sao_Paulo")).toBe("UTC-03:00");
    expect(zoneName(at("2026-12-07T14:00:00Z"), "UTC")).toBe("UTC");
  });

  it("says which zone a time is on when it is not the browser's", () => {
    const nine = "2026-12-07T14:00:00Z";
    expect(formatInstant(nine, "America/New_York", "America/New_York")).toBe("Mon, 7 Dec 2026, 09:00");
    expect(formatInstant(nine, "America/New_York", "Europe/Berlin")).toBe("Mon, 7 Dec 2026, 09:00 EST");
    expect(formatInstant("2026-03-08T07:00:00Z", "America/New_York", "UTC")).toBe("Sun, 8 Mar 2026, 03:00 EDT");
    expect(formatRange(nine, "2026-12-07T15:00:00Z", "America/New_York", "UTC")).toBe(
      "Mon, 7 Dec 2026, 09:00–10:00 EST",
    );
    expect(formatRange(nine, "2026-12-07T15:00:00Z", "America/New_York", "America/New_York")).toBe(
      "Mon, 7 Dec 2026, 09:00–10:00",
    );
  });

  it("names a site's zone, or its offset, when the browser's clock reads otherwise", () => {
    const local = "2026-12-07T09:00:00-05:00";
    const end = "2026-12-07T15:00:00Z";
    expect(formatLocalStart(local, end, "America/New_York", "America/New_York")).toBe("Mon, 7 Dec 2026, 09:00–10:00");
    expect(formatLocalStart(local, end, "America/New_York", "Europe/Berlin")).toBe(
      "Mon, 7 Dec 2026, 09:00–10:00 EST",
    );
    expect(formatLocalStart(local, end, undefined, "Europe/Berlin")).toBe("Mon, 7 Dec 2026, 09:00–10:00 UTC-05:00");
    expect(formatLocalStart(local, end, undefined, "America/Toronto")).toBe("Mon, 7 Dec 2026, 09:00–10:00");
    // a zone whose offset then is not the time's own names nothing it does not match
    expect(formatLocalStart(local, end, "Europe/Berlin", "Europe/Berlin")).toBe(
      "Mon, 7 Dec 2026, 09:00–10:00 UTC-05:00",
    );
    expect(formatLocalStart("2026-12-07T12:05:00+05:45", null, "Asia/Kathmandu", "UTC")).toBe(
      "Mon, 7 Dec 2026, 12:05 UTC+05:45",
    );
  });
});
