/**
 * Account History's own arithmetic, kept pure for tests: the balance in words (as Home words it), and the sandbox's
 * card form (Stripe's documented test card numbers mapped to the sandbox's tokens, a card number's Luhn check, the
 * expiry and the CVC).
 */

import type { Invoice } from "../../shared/api/billing";
import { formatMoney } from "../../shared/money";
import { strings } from "./strings";

/** What the client owes (positive), is owed (in credit, negative) or neither. */
export type BalanceState = "owing" | "in-credit" | "settled";

export function stateOf(balance: number): BalanceState {
  return balance > 0 ? "owing" : balance < 0 ? "in-credit" : "settled";
}

/** "$40.00 you owe", "$5.00 in credit", "$0.00 nothing owed": a balance as Home's tile words it. */
export function balanceWords(balance: number, currency: string): string {
  const words = { owing: strings.home.owing, "in-credit": strings.home.inCredit, settled: strings.home.settled };
  return `${formatMoney(Math.abs(balance), currency)} ${words[stateOf(balance)]}`;
}

/** An invoice the client can still pay: open or partly paid, with something due beyond what is being paid. */
export function payable(invoice: Invoice): boolean {
  return (invoice.status === "open" || invoice.status === "partially_paid") && amountDue(invoice) > 0;
}

/** What is left to pay on an invoice, less what a pending payment is already paying. */
export function amountDue(invoice: Invoice): number {
  return Math.max(0, invoice.balance - (invoice.payment_pending ?? 0));
}

// -- the sandbox's card form ------------------------------------------------------------------------------------

/** The sandbox's test tokens (services/billing/chalicelib/billing/providers.py), as Stripe names them. */
export type TestToken = "tok_visa" | "tok_chargeDeclined" | "tok_async";

/**
 * Stripe's documented test card numbers, each the token the sandbox takes for it: 4242… succeeds, 4000…0002 is
 * declined, and 4000 0025 0000 3155 (Stripe's card that needs the customer's authentication, which leaves the
 * payment waiting) stays pending until the provider confirms it.
 */
export const TEST_CARDS: Record<string, TestToken> = {
  "4242424242424242": "tok_visa",
  "4000000000000002": "tok_chargeDeclined",
  "4000002500003155": "tok_async",
};

/** The digits of a typed card number ("4242 4242-4242 4242" -> "4242424242424242"); spaces and dashes allowed. */
export function cardDigits(typed: string): string | null {
  const text = typed.replace(/[\s-]/g, "");
  return /^\d+$/.test(text) ? text : null;
}

/** The Luhn check every card number passes (a typo in one digit, or two swapped, fails it). */
export function luhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** "MM/YY" (or "MM / YYYY") as a month and year; null when it is not a date like that. */
export function parseExpiry(typed: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(typed);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

/** A card is good until the end of its expiry month (UTC: the card networks' month, not the browser's). */
export function expired(expiry: { month: number; year: number }, nowMs: number): boolean {
  const now = new Date(nowMs);
  return expiry.year * 12 + expiry.month - 1 < now.getUTCFullYear() * 12 + now.getUTCMonth();
}

export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
}

export type CardCheck = { ok: true; token: TestToken } | { ok: false; errors: Partial<Record<keyof CardInput, string>> };

/**
 * The sandbox's card form: the test token for a test card, or what is wrong with each field. A real card number is
 * refused: in test mode no real card is ever taken.
 */
export function checkTestCard(card: CardInput, nowMs: number): CardCheck {
  const text = strings.accountHistory.card;
  const errors: Partial<Record<keyof CardInput, string>> = {};
  const digits = cardDigits(card.number);
  if (!card.number.trim()) errors.number = text.numberMissing;
  else if (!digits || !luhn(digits)) errors.number = text.numberInvalid;
  else if (!TEST_CARDS[digits]) errors.number = text.numberNotTest;
  const expiry = parseExpiry(card.expiry);
  if (!card.expiry.trim()) errors.expiry = text.expiryMissing;
  else if (!expiry) errors.expiry = text.expiryInvalid;
  else if (expired(expiry, nowMs)) errors.expiry = text.expiryPast;
  if (!/^\d{3,4}$/.test(card.cvc.trim())) errors.cvc = text.cvcInvalid;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, token: TEST_CARDS[digits!] };
}
