import { describe, expect, it } from "vitest";
import { formatMoney, MAX_AMOUNT, minorDigits, parseMoney, toDecimal } from "../shared/money";

const amount = (typed: string, currency = "USD") => {
  const parsed = parseMoney(typed, currency);
  return parsed.ok ? parsed.amount : parsed.error;
};

describe("money in minor units", () => {
  it("knows each currency's decimals", () => {
    expect([minorDigits("USD"), minorDigits("EUR"), minorDigits("JPY"), minorDigits("KWD")]).toEqual([2, 2, 0, 3]);
  });

  it("writes the exact decimal of an amount", () => {
    expect(toDecimal(8000, "USD")).toBe("80.00");
    expect(toDecimal(5, "USD")).toBe("0.05");
    expect(toDecimal(-150, "USD")).toBe("-1.50");
    expect(toDecimal(800, "JPY")).toBe("800");
    expect(toDecimal(1, "KWD")).toBe("0.001");
    expect(toDecimal(MAX_AMOUNT, "USD")).toBe("100000000.00");
  });

  it("formats for people, exactly, in the agency's currency", () => {
    expect(formatMoney(8000, "USD")).toBe("$80.00");
    expect(formatMoney(123456789, "USD")).toBe("$1,234,567.89");
    expect(formatMoney(-2500, "USD")).toBe("-$25.00");
    expect(formatMoney(450, "EUR")).toBe("€4.50");
    expect(formatMoney(800, "JPY")).toBe("¥800");
    // 0.1 + 0.2 style drift is impossible: 1,000,000,000.07 survives whole.
    expect(formatMoney(100000000007, "USD")).toBe("$1,000,000,000.07");
  });

  it("parses what staff type into minor units exactly", () => {
    expect(amount("45")).toBe(4500);
    expect(amount("45.5")).toBe(4550);
    expect(amount("45.50")).toBe(4550);
    expect(amount("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(amount("1,234.56")).toBe(123456);
    expect(amount(" $ 80.00 ")).toBe(8000);
    expect(amount("80.00 USD")).toBe(8000);
    expect(amount(".5")).toBe(50);
    expect(amount("4500", "JPY")).toBe(4500);
    expect(amount("1.234", "KWD")).toBe(1234);
    expect(amount("100000000.00")).toBe(MAX_AMOUNT);
  });

  it("refuses what it would have to guess, in plain words", () => {
    expect(amount("")).toBe("Enter an amount.");
    expect(amount("0")).toBe("Enter an amount more than zero.");
    expect(parseMoney("0", "USD", { allowZero: true })).toEqual({ ok: true, amount: 0 });
    expect(amount("-5")).toBe("Enter an amount more than zero.");
    expect(amount("45.505")).toBe("USD amounts have at most 2 decimals.");
    expect(amount("45.5", "JPY")).toBe("JPY amounts are whole numbers.");
    expect(amount("45,50")).toBe("Use a point for decimals, like 45.50.");
    expect(amount("1,23,456")).toBe("Enter an amount like 45.50.");
    expect(amount("12abc")).toBe("Enter an amount like 45.50.");
    expect(amount("1e3")).toBe("Enter an amount like 45.50.");
    expect(amount(".")).toBe("Enter an amount like 45.50.");
    expect(amount("100000000.01")).toBe("Enter at most $100,000,000.00.");
  });
});
