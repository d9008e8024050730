import { afterEach, describe, expect, it } from "vitest";
import { loadStripe, STRIPE_JS } from "../src/stripe";

/** A document that records the scripts added to its head (the tests run without a DOM). */
function fakeDocument() {
  const scripts: { src: string; async: boolean; onload?: () => void; onerror?: () => void }[] = [];
  const doc = {
    createElement: () => ({ src: "", async: false }),
    head: { appendChild: (script: (typeof scripts)[number]) => scripts.push(script) },
  };
  return { doc: doc as unknown as Document, scripts };
}

describe("Stripe.js, loaded only for an agency on Stripe", () => {
  afterEach(() => delete (globalThis as { Stripe?: unknown }).Stripe);

  it("adds js.stripe.com's script once, however often it is asked for, and answers its factory", async () => {
    const { doc, scripts } = fakeDocument();
    const first = loadStripe(doc);
    const second = loadStripe(doc);
    expect(scripts.map((s) => s.src)).toEqual([STRIPE_JS]);
    expect(scripts[0].async).toBe(true);
    const factory = () => ({}) as never;
    (globalThis as { Stripe?: unknown }).Stripe = factory;
    scripts[0].onload?.();
    expect(await first).toBe(factory);
    expect(await second).toBe(factory);
    expect(await loadStripe(doc)).toBe(factory); // loaded: no other script
    expect(scripts).toHaveLength(1);
  });
});
