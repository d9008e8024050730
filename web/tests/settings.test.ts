import { describe, expect, it } from "vitest";
import { settingsChanges } from "../src/pages/admin/SchedulingSettings";
import type { Settings } from "../shared/api/availability";

const settings: Settings = {
  timezone: "America/New_York",
  client_facing_type_id: "t1",
  slot_minutes: 60,
  min_notice_hours: 24,
  horizon_days: 60,
  hold_minutes: 2880,
  version: 3,
};
const form = {
  timezone: "America/New_York",
  client_facing_type_id: "t1",
  slot_minutes: "60",
  min_notice_hours: "24",
  horizon_days: "60",
  hold_minutes: "2880",
};

describe("the settings form", () => {
  it("sends only what changed, numbers as numbers", () => {
    expect(settingsChanges(settings, { ...form, slot_minutes: "30", client_facing_type_id: "t2" })).toEqual({
      slot_minutes: 30,
      client_facing_type_id: "t2",
    });
    expect(settingsChanges(settings, form)).toEqual({});
  });

  it("sends what is not a number as typed, for the API to name the field", () => {
    expect(settingsChanges(settings, { ...form, horizon_days: "soon" })).toEqual({ horizon_days: "soon" });
  });
});
