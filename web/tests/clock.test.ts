import { afterEach, describe, expect, it, vi } from "vitest";
import { followServerClock, now } from "../shared/clock";
import { loadConfig, parseConfig } from "../shared/config";
import { dateIn } from "../shared/time";

const RAW = { api_base: "", region: "us-east-1", cognito: { endpoint: "http://127.0.0.1:4566", client_id: "c1" } };

afterEach(() => {
  followServerClock(0, 0); // the browser's own clock again
  vi.useRealTimers();
});

describe("the app's one clock", () => {
  it("is the browser's when the config says nothing of the time (as in AWS)", () => {
    expect(parseConfig(RAW).now).toBeUndefined();
    vi.useFakeTimers({ now: Date.parse("2026-12-05T14:00:00Z") });
    expect(now()).toBe(Date.parse("2026-12-05T14:00:00Z"));
  });

  it("runs on from the local stack's time, so today is the stack's", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-12-05T14:00:00Z") });
    const served = { ...RAW, now: "2026-03-08T06:55:00.000Z" }; // 01:55 in New York, before it springs forward
    const fetchFn = vi.fn(async () => new Response(JSON.stringify(served)));
    expect((await loadConfig(fetchFn as unknown as typeof fetch)).now).toBe(Date.parse("2026-03-08T06:55:00Z"));
    expect(dateIn("America/New_York")).toBe("2026-03-08");
    vi.advanceTimersByTime(10 * 60_000);
    expect(new Date(now()).toISOString()).toBe("2026-03-08T07:05:00.000Z");
  });

  it("ignores a time it cannot read", () => {
    expect(parseConfig({ ...RAW, now: "soon" }).now).toBeUndefined();
  });
});
