/**
 * The app's one clock. In AWS it is the browser's. The local stack's clock can be set (`make run NOW=...`), and its
 * /config.json says what time it is there (`now`): the app then runs on from that instant, so "today", what is
 * upcoming and what is a late cancellation are the stack's. Only ages (polling, caches, token renewal) read
 * `Date.now()` directly: they measure time passing, not what time it is.
 */

let offsetMs = 0;

/** Epoch milliseconds: the browser's clock, or the local stack's when its config said what time it is. */
export function now(): number {
  return Date.now() + offsetMs;
}

/** Run on from the server's `serverNowMs`, read at the browser's `receivedAtMs`. */
export function followServerClock(serverNowMs: number, receivedAtMs: number = Date.now()): void {
  offsetMs = serverNowMs - receivedAtMs;
}
