import { describe, expect, it } from "vitest";
import { blockToEvent, endClockOf, fieldsFromRange, textColorFor } from "../src/pages/availability/blocks";
import type { Block } from "../shared/api/availability";

const types = new Map([["t1", { type_id: "t1", name: "Client sessions", color: "#2E8B57", retired: false, version: 0 }]]);
const sites = new Map([
  ["s1", { site_id: "s1", name: "Main office", timezone: "America/New_York", retired: false, version: 0, address: null }],
]);

describe("blocks on the reference week", () => {
  it("places a block on its weekday at its wall-clock times", () => {
    const block: Block = { block_id: "b1", day: "wednesday", from: "09:00", to: "12:30", type_id: "t1", site_id: "s1" };
    const event = blockToEvent(block, types, sites, "t1");
    expect([event.start, event.end, event.title]).toEqual(["2024-01-03T09:00:00", "2024-01-03T12:30:00", "Client sessions"]);
    expect(event.classNames).toEqual(["block-client-facing"]);
  });

  it("ends a block at midnight on the next day", () => {
    const block: Block = { block_id: "b1", day: "sunday", from: "20:00", to: "24:00", type_id: "t1", site_id: "s1" };
    expect(blockToEvent(block, types, sites, null).end).toBe("2024-01-08T00:00:00");
  });

  it("reads a dragged block back as day, from and to", () => {
    const start = new Date("2024-01-05T13:05:00Z");
    expect(fieldsFromRange(start, new Date("2024-01-05T15:00:00Z"))).toEqual({ day: "friday", from: "13:05", to: "15:00" });
    expect(fieldsFromRange(start, new Date("2024-01-06T00:00:00Z"))).toEqual({ day: "friday", from: "13:05", to: "24:00" });
  });

  it("refuses a block dragged across midnight", () => {
    expect(fieldsFromRange(new Date("2024-01-05T23:00:00Z"), new Date("2024-01-06T01:00:00Z"))).toBeNull();
  });

  it("reads an end of 00:00 as midnight", () => {
    expect(endClockOf("00:00")).toBe("24:00");
    expect(endClockOf("17:00")).toBe("17:00");
  });

  it("picks readable text on a type's colour", () => {
    expect(textColorFor("#FFFF00")).toBe("#000000");
    expect(textColorFor("#1D4ED8")).toBe("#FFFFFF");
  });
});
