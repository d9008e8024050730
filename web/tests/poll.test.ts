import { describe, expect, it } from "vitest";
import { MAX_BACKOFF_MS, Poller, type Timers, type Visibility } from "../shared/poll";

/** A page whose visibility the test flips, and timers the test fires. */
function harness(answers: boolean[] = []) {
  let visible = true;
  const listeners = new Set<() => void>();
  const visibility: Visibility = {
    visible: () => visible,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set(callback, ms) {
      pending.set(++next, { callback, ms });
      return next;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  const calls: { resolve: (ok: boolean) => void }[] = [];
  const tick = () =>
    new Promise<boolean>((resolve) => {
      calls.push({ resolve });
      if (answers.length) resolve(answers.shift()!);
    });
  return {
    calls,
    pending,
    tick,
    visibility,
    timers,
    setVisible(value: boolean) {
      visible = value;
      listeners.forEach((listener) => listener());
    },
    listeners,
    /** Fire the one waiting timer; returns its delay. */
    fire() {
      const [[handle, timer]] = [...pending.entries()];
      pending.delete(handle);
      timer.callback();
      return timer.ms;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the poller", () => {
  it("calls at once, then once per interval after each answer, never two at a time", async () => {
    const h = harness();
    const poller = new Poller(h.tick, 4000, h.visibility, h.timers);
    poller.start();
    expect(h.calls).toHaveLength(1);
    poller.now(); // a change meanwhile: one more call after this one, not a second in parallel
    expect(h.calls).toHaveLength(1);
    h.calls[0].resolve(true);
    await settle();
    expect(h.calls).toHaveLength(2);
    h.calls[1].resolve(true);
    await settle();
    expect(h.pending.size).toBe(1);
    expect(h.fire()).toBe(4000);
    expect(h.calls).toHaveLength(3);
  });

  it("stops while the page is hidden and calls at once when it is shown", async () => {
    const h = harness([true]);
    const poller = new Poller(h.tick, 4000, h.visibility, h.timers);
    poller.start();
    await settle();
    expect(h.pending.size).toBe(1);
    h.setVisible(false);
    expect(h.pending.size).toBe(0); // nothing runs in a background tab
    h.setVisible(true);
    expect(h.calls).toHaveLength(2);
  });

  it("does not start hidden, waits longer after each failure, and recovers", async () => {
    const h = harness([false, false, false, false, false, false, true]);
    h.setVisible(false);
    const poller = new Poller(h.tick, 5000, h.visibility, h.timers);
    poller.start();
    expect(h.calls).toHaveLength(0);
    h.setVisible(true);
    await settle();
    const delays = [];
    for (let i = 0; i < 6; i++) {
      delays.push(h.fire());
      await settle();
    }
    expect(delays).toEqual([10000, 20000, 40000, MAX_BACKOFF_MS, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    expect(h.fire()).toBe(5000); // the seventh call succeeded
  });

  it("stops for good: no timer, no listener, an answer in flight schedules nothing", async () => {
    const h = harness();
    const poller = new Poller(h.tick, 4000, h.visibility, h.timers);
    poller.start();
    poller.stop();
    h.calls[0].resolve(true);
    await settle();
    expect(h.pending.size).toBe(0);
    expect(h.listeners.size).toBe(0);
    poller.now();
    expect(h.calls).toHaveLength(1);
  });
});
