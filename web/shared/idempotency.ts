/**
 * Idempotency keys for calls that create something (an invoice, a payment, a message): the same request
 * sent again (after a lost answer, a double click) carries the same key, so the server does it once; a
 * changed request gets a new key, so it is not refused as a reuse.
 */

import { useRef } from "preact/hooks";

export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class KeyKeeper {
  private last: { body: string; key: string } | null = null;

  constructor(private readonly make: () => string = newKey) {}

  /** The key for this request: the previous one while the request is unchanged and not yet done. */
  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.last?.body !== text) this.last = { body: text, key: this.make() };
    return this.last.key;
  }

  /** The request succeeded: the next one, even if identical, is a new request. */
  done(): void {
    this.last = null;
  }
}

export function useKeyKeeper(): KeyKeeper {
  const keeper = useRef<KeyKeeper | null>(null);
  keeper.current ??= new KeyKeeper();
  return keeper.current;
}
