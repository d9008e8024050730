/**
 * Money as the billing API keeps it: an integer of minor units (cents) in an ISO 4217 currency. Amounts
 * are formatted and parsed with integer and string arithmetic only, never through a float, so what staff
 * type is exactly what the API receives, and what it answers is exactly what they read.
 */

import { sharedStrings } from "./strings";

/** The largest amount the billing API accepts (minor units). */
export const MAX_AMOUNT = 10_000_000_000;

const digitsCache = new Map<string, number>();

/** How many decimals the currency has (USD 2, JPY 0, KWD 3), from the browser's ISO 4217 data. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2; // not a code the browser knows: the common case
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** "8000" in USD -> "80.00"; "-150" -> "-1.50". The exact decimal text of an amount of minor units. */
export function toDecimal(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a whole number of minor units: ${minor}`);
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "$80.00", "€1,234.50", "¥800": for people to read, in the string catalog's locale (shared/strings.ts). */
export function formatMoney(minor: number, currency: string): string {
  const locale = sharedStrings().locale;
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = minorDigits(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3): no float is ever made of the amount.
  return formatter.format(toDecimal(minor, currency) as unknown as number);
}

export type Parsed = { ok: true; amount: number } | { ok: false; error: string };

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const PLAIN = /^\d*(\.\d*)?$/;

/**
 * What staff typed ("45", "45.5", "1,234.50", "$45.00") as minor units of the currency, exactly; or why not.
 * The decimal separator is a point; commas may only group thousands ("45,50" is refused, not guessed).
 */
export function parseMoney(typed: string, currency: string, options: { allowZero?: boolean } = {}): Parsed {
  const digits = minorDigits(currency);
  let text = typed.replace(/[\s\u00a0\u202f_]/g, "");
  text = text.replace(new RegExp(`^${currency}|${currency}$`, "i"), "").replace(/^\p{Sc}|\p{Sc}$/u, "");
  if (text === "") return { ok: false, error: "Enter an amount." };
  if (text.startsWith("-")) return { ok: false, error: "Enter an amount more than zero." };
  if (/^\d+,\d{1,2}$/.test(text)) {
    return { ok: false, error: `Use a point for decimals, like ${example(currency)}.` };
  }
  if (!GROUPED.test(text) && !(PLAIN.test(text) && /\d/.test(text))) {
    return { ok: false, error: `Enter an amount like ${example(currency)}.` };
  }
  const [whole, fraction = ""] = text.replace(/,/g, "").split(".");
  if (fraction.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? `${currency} amounts are whole numbers.` : `${currency} amounts have at most ${digits} decimals.`,
    };
  }
  const minor = BigInt(whole || "0") * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  if (minor === 0n && !options.allowZero) return { ok: false, error: "Enter an amount more than zero." };
  if (minor > BigInt(MAX_AMOUNT)) return { ok: false, error: `Enter at most ${formatMoney(MAX_AMOUNT, currency)}.` };
  return { ok: true, amount: Number(minor) };
}

function example(currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? "4500" : `45.${"5".padEnd(digits, "0")}`;
}
