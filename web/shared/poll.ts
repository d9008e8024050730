/**
 * Polling that stays cheap: one call at a time, the next one `interval` after the last answer, none at
 * all while the page is hidden (a background tab costs nothing), one at once when it is shown again, and
 * a growing pause after failures (a server in trouble is not hammered).
 */

export interface Visibility {
  visible(): boolean;
  /** Calls `listener` when visibility changes; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const documentVisibility: Visibility = {
  visible: () => document.visibilityState !== "hidden",
  onChange(listener) {
    document.addEventListener("visibilitychange", listener);
    return () => document.removeEventListener("visibilitychange", listener);
  },
};

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The longest pause after repeated failures. */
export const MAX_BACKOFF_MS = 60_000;

export class Poller {
  private timer: unknown = null;
  private running = false;
  private again = false;
  private stopped = true;
  private failures = 0;
  private unsubscribe: (() => void) | null = null;

  /** `tick` resolves true when the call succeeded, false when it failed (it reports errors itself). */
  constructor(
    private readonly tick: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly visibility: Visibility = documentVisibility,
    private readonly timers: Timers = realTimers,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.visibility.onChange(() => {
      if (this.visibility.visible()) this.now();
      else this.cancelTimer();
    });
    if (this.visibility.visible()) this.now();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Poll at once (after a change the user made); a call in flight is followed by one more. */
  now(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.cancelTimer();
    this.running = true;
    this.again = false;
    this.tick().then(
      (ok) => this.done(ok),
      () => this.done(false),
    );
  }

  /** The pause before the next call: the interval, doubled for each failure in a row, at most MAX_BACKOFF_MS. */
  get delayMs(): number {
    return this.failures === 0 ? this.intervalMs : Math.min(this.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
  }

  private done(ok: boolean): void {
    this.running = false;
    this.failures = ok ? 0 : this.failures + 1;
    if (this.stopped) return;
    if (this.again) return this.now();
    if (this.visibility.visible()) this.timer = this.timers.set(() => this.now(), this.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
