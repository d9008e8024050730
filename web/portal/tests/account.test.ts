import { describe, expect, it } from "vitest";
import type { HistoryEntry, Invoice } from "../../shared/api/billing";
import type { InboxItem } from "../../shared/api/messaging";
import type { TimelineEntry } from "../../shared/api/requests";
import { formatInstant } from "../../shared/time";
import {
  amountDue,
  balanceWords,
  cardDigits,
  checkTestCard,
  expired,
  luhn,
  parseExpiry,
  payable,
  stateOf,
  TEST_CARDS,
} from "../src/account";
import { hrefOf, SCREENS } from "../src/routes";
import { mergeTimeline } from "../src/timeline";

const NOW = Date.parse("2026-03-09T12:00:00Z");
const GOOD = { expiry: "12/28", cvc: "123" };

describe("the sandbox's card form", () => {
  it("maps Stripe's documented test card numbers to the sandbox's tokens, spaces and dashes allowed", () => {
    expect(checkTestCard({ number: "4242 4242 4242 4242", ...GOOD }, NOW)).toEqual({ ok: true, token: "tok_visa" });
    expect(checkTestCard({ number: "4000-0000-0000-0002", ...GOOD }, NOW)).toEqual({
      ok: true,
      token: "tok_chargeDeclined",
    });
    expect(checkTestCard({ number: "4000002500003155", ...GOOD }, NOW)).toEqual({ ok: true, token: "tok_async" });
  });

  it("lists only numbers that pass the Luhn check, one per token", () => {
    expect(Object.keys(TEST_CARDS).every(luhn)).toBe(true);
    expect(new Set(Object.values(TEST_CARDS))).toEqual(new Set(["tok_visa", "tok_chargeDeclined", "tok_async"]));
  });

  it("refuses any other card number: a real card, a typo, letters, nothing", () => {
    const refused = (number: string) => {
      const checked = checkTestCard({ number, ...GOOD }, NOW);
      return checked.ok ? null : checked.errors.number;
    };
    expect(refused("5555 5555 5555 4444")).toMatch(/test cards/); // a valid (Luhn) Mastercard: not in test mode
    expect(refused("4242 4242 4242 4241")).toMatch(/not a valid card number/); // one digit wrong
    expect(refused("4242 4242 4242 424a")).toMatch(/not a valid card number/);
    expect(refused("")).toMatch(/Enter the card number/);
  });

  it("checks the Luhn sum, two swapped digits included", () => {
    expect(luhn("4242424242424242")).toBe(true);
    expect(luhn("4242424242424224")).toBe(false);
    expect(luhn("79927398713")).toBe(false); // too short for a card, though its sum is right
    expect(luhn("4000056655665556")).toBe(true);
    expect(cardDigits(" 4242 4242-4242 4242 ")).toBe("4242424242424242");
    expect(cardDigits("4242.4242")).toBeNull();
  });

  it("reads the expiry as MM/YY or MM/YYYY and takes a card until the end of its month", () => {
    expect(parseExpiry("3/26")).toEqual({ month: 3, year: 2026 });
    expect(parseExpiry("03 / 2026")).toEqual({ month: 3, year: 2026 });
    expect(parseExpiry("13/26")).toBeNull();
    expect(parseExpiry("0326")).toBeNull();
    expect(expired({ month: 3, year: 2026 }, NOW)).toBe(false); // this month: still good
    expect(expired({ month: 2, year: 2026 }, NOW)).toBe(true);
    expect(expired({ month: 12, year: 2025 }, Date.parse("2026-01-01T00:00:00Z"))).toBe(true);
    expect(expired({ month: 1, year: 2026 }, Date.parse("2026-01-31T23:59:59Z"))).toBe(false);
  });

  it("names each wrong field: expiry past or malformed, CVC not 3 or 4 digits", () => {
    const checked = checkTestCard({ number: "4242424242424242", expiry: "02/26", cvc: "12" }, NOW);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.errors.expiry).toMatch(/expired/);
      expect(checked.errors.cvc).toMatch(/3 or 4 digits/);
      expect(checked.errors.number).toBeUndefined();
    }
    const malformed = checkTestCard({ number: "4242424242424242", expiry: "next year", cvc: "1234" }, NOW);
    expect(malformed.ok ? null : Object.keys(malformed.errors)).toEqual(["expiry"]);
  });
});

describe("the balance in words", () => {
  it("says owing, in credit or settled as Home's tile does", () => {
    expect(balanceWords(4000, "USD")).toBe("$40.00 you owe");
    expect(balanceWords(-500, "USD")).toBe("$5.00 in credit");
    expect(balanceWords(0, "USD")).toBe("$0.00 nothing owed");
    expect(balanceWords(1, "EUR")).toBe("€0.01 you owe");
    expect([stateOf(1), stateOf(-1), stateOf(0)]).toEqual(["owing", "in-credit", "settled"]);
  });

  it("offers to pay only what is still due, less a payment being processed", () => {
    const invoice = (status: string, balance: number, pending = 0) =>
      ({ status, balance, payment_pending: pending }) as Invoice;
    expect(payable(invoice("open", 4000))).toBe(true);
    expect(payable(invoice("partially_paid", 1500))).toBe(true);
    expect(amountDue(invoice("open", 4000, 1000))).toBe(3000);
    expect(payable(invoice("open", 4000, 4000))).toBe(false); // all of it is being paid
    expect(payable(invoice("paid", 0))).toBe(false);
    expect(payable(invoice("void", 0))).toBe(false);
  });
});

function requestsEntry(id: string, at: string, kind: TimelineEntry["kind"] = "event_scheduled"): TimelineEntry {
  return { entry_id: id, at, kind, service_id: "s1", text: id, event_id: "e1" } as TimelineEntry;
}
function discussion(id: string, at: string, service = "s1", type: InboxItem["type"] = "discussion"): InboxItem {
  return { item_id: id, at, type, kind: "message", service_id: service, subject: id } as InboxItem;
}
function billing(id: string, at: string, service: string | null = "s1", kind = "invoice"): HistoryEntry {
  return { entry_id: id, at, kind, service_id: service, amount: 100, balance: 100, currency: "USD" } as HistoryEntry;
}

describe("the Services Timeline's merge", () => {
  it("merges the three sources newest first, keeping only the service's discussions and billing entries", () => {
    const merged = mergeTimeline(
      "s1",
      [requestsEntry("r2", "2026-03-05T10:00:00Z"), requestsEntry("r1", "2026-03-01T10:00:00Z", "service_opened")],
      [
        discussion("d1", "2026-03-03T09:00:00Z"),
        discussion("d-other", "2026-03-04T09:00:00Z", "s2"),
        discussion("n1", "2026-03-04T09:00:00Z", "s1", "notification"),
      ],
      [billing("b1", "2026-03-06T00:00:00Z"), billing("b-other", "2026-03-02T00:00:00Z", "s2"), billing("b0", "2026-03-02T00:00:00Z", null)],
    );
    expect(merged.map((i) => i.key)).toEqual(["b:b1", "r:r2", "d:d1", "r:r1"]);
    expect(merged.map((i) => i.kind)).toEqual(["invoice", "event", "discussion", "service"]);
  });

  it("orders ties by source (booked, said, billed), then each source's own order", () => {
    const at = "2026-03-05T10:00:00Z";
    const merged = mergeTimeline(
      "s1",
      [requestsEntry("r-late", at), requestsEntry("r-early", at)],
      [discussion("d", at)],
      [billing("pay", at, "s1", "payment"), billing("inv", at)],
    );
    expect(merged.map((i) => i.key)).toEqual(["r:r-late", "r:r-early", "d:d", "b:pay", "b:inv"]);
    // The same input in another order of sources' arrival gives the same list.
    const again = mergeTimeline("s1", [requestsEntry("r-late", at), requestsEntry("r-early", at)], [discussion("d", at)], [
      billing("pay", at, "s1", "payment"),
      billing("inv", at),
    ]);
    expect(again).toEqual(merged);
  });

  it("orders by the instant across a DST change, where the wall clock repeats an hour", () => {
    // New York, 1 Nov 2026: 01:30 EDT (05:30Z) comes before 01:15 EST (06:15Z), though its wall clock reads later.
    const edt = requestsEntry("first", "2026-11-01T05:30:00Z");
    const est = discussion("second", "2026-11-01T06:15:00Z");
    const merged = mergeTimeline("s1", [edt], [est], []);
    expect(merged.map((i) => i.key)).toEqual(["d:second", "r:first"]);
    const zone = "America/New_York";
    expect(formatInstant(merged[0].at, zone, zone)).toMatch(/01:15$/);
    expect(formatInstant(merged[1].at, zone, zone)).toMatch(/01:30$/);
    // Offsets other than Z are read as instants too.
    const offset = mergeTimeline("s1", [requestsEntry("x", "2026-11-01T01:30:00-04:00")], [est], []);
    expect(offset.map((i) => i.key)).toEqual(["d:second", "r:x"]);
  });
});

describe("the screens of this area", () => {
  it("are listed, Account History in the nav, both loaded on first visit", () => {
    const account = SCREENS.find((s) => s.id === "accountHistory");
    const timeline = SCREENS.find((s) => s.id === "timeline");
    expect(account?.nav).toBe(true);
    expect(timeline?.nav).toBeFalsy();
    expect(account?.component ?? timeline?.component).toBeUndefined();
    expect(hrefOf("accountHistory", { service: "s1" })).toBe("#/account?service=s1");
    expect(hrefOf("timeline", { service: "s1" })).toBe("#/timeline?service=s1");
  });
});
