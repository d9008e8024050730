/** Paying an invoice in full or in part by card: the sandbox's test card form or Stripe's Payment Element. */

import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import type { Account, Invoice, Payment } from "../../../shared/api/billing";
import { plainMessage } from "../../../shared/errors";
import { ApiError } from "../../../shared/http";
import { useKeyKeeper } from "../../../shared/idempotency";
import { formatMoney, parseMoney, toDecimal } from "../../../shared/money";
import { now } from "../../../shared/clock";
import { LoadError, Loading } from "../../../shared/ui/states";
import { FormAlert, TextField } from "../../../shared/ui/forms";
import { amountDue, type CardInput, checkTestCard } from "../account";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { strings } from "../strings";

const text = strings.accountHistory;

export type Outcome = { kind: "succeeded" | "pending"; text: string } | { kind: "failed"; text: string };

/**
 * Paying: the amount (the whole amount due, or part of it) and the card, in the sandbox's test form or Stripe's
 * Payment Element. One Idempotency-Key per payment attempt, kept for a retry of the same attempt (a lost answer, a
 * network error) and dropped once the server has answered; the Pay button is disabled while the call is in flight,
 * and a second submit meanwhile is ignored.
 */
export function PayPanel(props: {
  invoice: Invoice;
  account: Account;
  onStart: () => void;
  onOutcome: (outcome: Outcome) => void;
}) {
  const { api } = usePortal();
  const { invoice, account } = props;
  const due = amountDue(invoice);
  const [amount, setAmount] = useState(toDecimal(due, invoice.currency));
  const [card, setCard] = useState<CardInput>({ number: "", expiry: "", cvc: "" });
  const [errors, setErrors] = useState<Partial<Record<"amount" | keyof CardInput, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const keeper = useKeyKeeper();
  const form = useRef<HTMLFormElement>(null);
  const stripe = useRef<{ token: () => Promise<string>; setAmount: (n: number) => void } | null>(null);
  const heading = useId();
  const sandbox = account.provider !== "stripe";
  const parsed = parseMoney(amount, invoice.currency);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (inFlight.current) return; // a double click: the first submit is under way
    const found: typeof errors = {};
    if (!parsed.ok) found.amount = parsed.error;
    else if (parsed.amount > due) found.amount = text.amountTooMuch(formatMoney(due, invoice.currency));
    let token: string | undefined;
    if (sandbox) {
      const checked = checkTestCard(card, now());
      if (checked.ok) token = checked.token;
      else Object.assign(found, checked.errors);
    }
    setErrors(found);
    props.onStart();
    setFormError(undefined);
    if (Object.keys(found).length || !parsed.ok) return;
    inFlight.current = true;
    setBusy(true);
    try {
      if (!sandbox) {
        if (!stripe.current) return;
        token = await stripe.current.token();
      }
      const body = { amount: parsed.amount, payment_token: token!, currency: invoice.currency };
      const key = keeper.keyFor({ invoice: invoice.invoice_id, ...body });
      let payment: Payment;
      try {
        payment = await portalApi.pay(api, invoice.invoice_id, body, key);
      } catch (error) {
        // No answer, or the server failed: the same key goes with a retry. A refusal (4xx) ends the attempt.
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) keeper.done();
        throw error;
      }
      keeper.done();
      const money = formatMoney(payment.amount, payment.currency);
      props.onOutcome(
        payment.status === "succeeded"
          ? { kind: "succeeded", text: text.paid_(money) }
          : payment.status === "pending"
            ? { kind: "pending", text: text.pending(money) }
            : { kind: "failed", text: payment.failure_message ?? payment.failure_code ?? "" },
      );
    } catch (error) {
      const fields = { amount: { control: "amount", label: text.amount } };
      const stripeSaid = !(error instanceof ApiError) && error instanceof Error && error.message;
      setFormError(stripeSaid || plainMessage(error, fields));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  // One object per submit's findings: FormAlert moves focus to the first wrong field when they change, not as the
  // client types into another field.
  const shown = useMemo(() => ({ form: formError, fields: errors as Record<string, string> }), [formError, errors]);
  const payLabel = parsed.ok ? text.pay(formatMoney(parsed.amount, invoice.currency)) : text.payNothing;
  return (
    <section class="pay card" aria-labelledby={heading}>
      <h3 id={heading}>{text.payTitle}</h3>
      <form ref={form} onSubmit={submit} noValidate>
        <FormAlert errors={shown} formRef={form} />
        <TextField
          label={text.amount}
          name="amount"
          value={amount}
          onValue={setAmount}
          inputMode="decimal"
          autoComplete="off"
          error={errors.amount}
          hint={text.amountHint(formatMoney(due, invoice.currency))}
        />
        {sandbox ? (
          <TestCardFields card={card} setCard={setCard} errors={errors} />
        ) : account.publishable_key ? (
          <StripeCard
            publishableKey={account.publishable_key}
            amount={parsed.ok ? parsed.amount : due}
            currency={invoice.currency}
            onReady={(handle) => (stripe.current = handle)}
          />
        ) : (
          <p class="note">{text.notSetUp}</p>
        )}
        <button
          type="submit"
          class="primary pay-button"
          disabled={busy || (!sandbox && !account.publishable_key)}
          aria-busy={busy}
        >
          {busy ? text.paying : payLabel}
        </button>
      </form>
    </section>
  );
}

/** The sandbox's card form: test mode said on screen, the test cards listed, the browser's card autofill named. */
function TestCardFields(props: {
  card: CardInput;
  setCard: (card: CardInput) => void;
  errors: Partial<Record<keyof CardInput, string>>;
}) {
  const t = text.card;
  const { card, setCard, errors } = props;
  return (
    <fieldset class="card-fields">
      <legend>{t.legend}</legend>
      <div class="test-mode" role="note">
        <p>{t.testMode}</p>
        <ul>
          {t.testCards.map(([number, what]) => (
            <li key={number}>
              <span class="card-number">{number}</span> {what}
            </li>
          ))}
        </ul>
        <p>{t.testExpiry}</p>
      </div>
      <TextField
        label={t.number}
        name="cardnumber"
        value={card.number}
        onValue={(number) => setCard({ ...card, number })}
        autoComplete="cc-number"
        inputMode="numeric"
        maxLength={23}
        error={errors.number}
      />
      <div class="card-row">
        <TextField
          label={t.expiry}
          name="exp-date"
          value={card.expiry}
          onValue={(expiry) => setCard({ ...card, expiry })}
          autoComplete="cc-exp"
          inputMode="numeric"
          placeholder="MM/YY"
          maxLength={7}
          error={errors.expiry}
        />
        <TextField
          label={t.cvc}
          name="cvc"
          value={card.cvc}
          onValue={(cvc) => setCard({ ...card, cvc })}
          autoComplete="cc-csc"
          inputMode="numeric"
          maxLength={4}
          error={errors.cvc}
        />
      </div>
    </fieldset>
  );
}

/** Stripe's own Payment Element (Stripe.js loaded only now): the card never passes through the portal. */
function StripeCard(props: {
  publishableKey: string;
  amount: number;
  currency: string;
  onReady: (handle: { token: () => Promise<string>; setAmount: (n: number) => void }) => void;
}) {
  const target = useRef<HTMLDivElement>(null);
  const handle = useRef<{ setAmount: (n: number) => void; destroy: () => void } | null>(null);
  const [state, setState] = useState<{ loading: boolean; error?: unknown }>({ loading: true });
  // Mounted once per key, with the amount, currency and onReady of that moment; a later amount goes to setAmount.
  const latest = useRef(props);
  latest.current = props;
  const { publishableKey, amount } = props;
  useEffect(() => {
    let live = true;
    const { amount: first, currency, onReady } = latest.current;
    import("../stripe")
      .then((m) => m.mountPaymentElement(target.current!, publishableKey, first, currency))
      .then(
        (mounted) => {
          if (!live) return mounted.destroy();
          handle.current = mounted;
          onReady(mounted);
          setState({ loading: false });
        },
        (error) => live && setState({ loading: false, error }),
      );
    return () => {
      live = false;
      handle.current?.destroy();
    };
  }, [publishableKey]);
  useEffect(() => handle.current?.setAmount(amount), [amount]);
  return (
    <div class="stripe-card">
      {state.loading && <Loading what={text.loadingStripe} />}
      {state.error !== undefined && <LoadError error={state.error} retry={() => location.reload()} />}
      <div ref={target} />
    </div>
  );
}
