/**
 * Ends a session after a stretch without activity (a shared phone or library computer left signed in): any key,
 * pointer, touch or scroll counts as activity; the time is checked when it could have run out and whenever the
 * page comes back into view (a phone's timers sleep in the background). Reads `Date.now()`: it measures time
 * passing, as token renewal does, not what time it is.
 */

const ACTIVITY = ["pointerdown", "keydown", "touchstart", "wheel", "scroll"] as const;

export class IdleTimer {
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private target: EventTarget | null = null;
  private visibility: { target: EventTarget; listener: () => void } | null = null;

  constructor(
    /** How long without activity ends the session, in milliseconds. */
    private readonly limitMs: number,
    private readonly onIdle: () => void,
  ) {}

  /** Start counting from now; activity on `target` (the window) starts the count again. */
  start(target: EventTarget = window, page: EventTarget | null = typeof document === "undefined" ? null : document) {
    this.stop();
    this.target = target;
    this.last = Date.now();
    for (const type of ACTIVITY) target.addEventListener(type, this.activity, { passive: true, capture: true });
    if (page) {
      const listener = () => this.check();
      page.addEventListener("visibilitychange", listener);
      this.visibility = { target: page, listener };
    }
    this.schedule(this.limitMs);
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.target) {
      for (const type of ACTIVITY) this.target.removeEventListener(type, this.activity, { capture: true });
    }
    this.target = null;
    if (this.visibility) this.visibility.target.removeEventListener("visibilitychange", this.visibility.listener);
    this.visibility = null;
  }

  /** Something the user did: the count starts again (cheap: the timer is left alone and reads this when it fires). */
  readonly activity = (): void => {
    this.last = Date.now();
  };

  get running(): boolean {
    return this.target !== null;
  }

  /** Time left before the session ends, in milliseconds. */
  remaining(): number {
    return Math.max(0, this.limitMs - (Date.now() - this.last));
  }

  private check(): void {
    if (this.target === null) return;
    const left = this.remaining();
    if (left > 0) return this.schedule(left);
    this.stop();
    this.onIdle();
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.check();
    }, delayMs);
  }
}
