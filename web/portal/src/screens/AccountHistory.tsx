/**
 * Account History: the balance, the open invoices, and one list of invoices, payments, credits, refunds and voids
 * with the balance after each (newest first, "More" pages on). `?service=<id>` shows one service's entries (the
 * balance stays the account's), `?invoice=<id>` one invoice with its lines and, where the agency takes payments
 * online, paying it in full or in part by card.
 */

import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import type { Account, HistoryEntry, Invoice, InvoiceWithLines, Payment } from "../../../shared/api/billing";
import { plainMessage } from "../../../shared/errors";
import { useLoad, usePaged } from "../../../shared/hooks";
import { ApiError } from "../../../shared/http";
import { useKeyKeeper } from "../../../shared/idempotency";
import { formatMoney, parseMoney, toDecimal } from "../../../shared/money";
import { now } from "../../../shared/clock";
import { browserZone, formatDay, formatInstant } from "../../../shared/time";
import { Empty, LoadError, Loading, Pending } from "../../../shared/ui/states";
import { FormAlert, TextField } from "../../../shared/ui/forms";
import { amountDue, balanceWords, type CardInput, checkTestCard, payable } from "../account";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { hrefOf, type ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

const text = strings.accountHistory;

export function AccountHistory(props: ScreenProps) {
  const { api } = usePortal();
  const serviceId = props.query.service || undefined;
  const invoiceId = props.query.invoice || undefined;
  const account = useLoad(() => portalApi.account(api), [api]);
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const zone = services.data?.timezone ?? browserZone();
  const serviceName = services.data?.services.find((s) => s.service_id === serviceId)?.name ?? text.thisService;

  return (
    <>
      <ScreenTitle title={strings.screens.accountHistory} />
      <Balance account={account.data} error={account.error} retry={account.reload} />
      {invoiceId ? (
        <InvoiceView
          invoiceId={invoiceId}
          serviceId={serviceId}
          account={account.data}
          zone={zone}
          onPaid={account.reload}
        />
      ) : (
        <>
          {serviceId && (
            <p class="filter-note">
              {text.forService(serviceName)} <a href={hrefOf("accountHistory") ?? "#/account"}>{text.allEntries}</a>
            </p>
          )}
          <OpenInvoices serviceId={serviceId} />
          <HistoryList serviceId={serviceId} zone={zone} />
        </>
      )}
    </>
  );
}

function Balance(props: { account?: Account; error: unknown; retry: () => void }) {
  if (props.account === undefined) {
    return props.error ? <LoadError error={props.error} retry={props.retry} /> : <Loading what={text.loading} />;
  }
  return (
    <p class="account-balance" aria-live="polite">
      <span class="figure-label">{text.balance}</span>{" "}
      <strong class="figure" data-balance={props.account.balance}>
        {balanceWords(props.account.balance, props.account.currency)}
      </strong>
    </p>
  );
}

function invoiceHref(invoiceId: string, serviceId?: string): string {
  return hrefOf("accountHistory", { ...(serviceId ? { service: serviceId } : {}), invoice: invoiceId }) ?? "#/account";
}

function OpenInvoices(props: { serviceId?: string }) {
  const { api } = usePortal();
  const loaded = useLoad(() => portalApi.invoices(api, props.serviceId), [api, props.serviceId]);
  const heading = useId();
  const open = (loaded.data?.invoices ?? []).filter(payable);
  return (
    <section aria-labelledby={heading} class="open-invoices">
      <h2 id={heading}>{text.openInvoices}</h2>
      {loaded.data === undefined ? (
        <Pending state={loaded} what={text.openInvoices} />
      ) : open.length === 0 ? (
        <Empty>{text.noOpenInvoices}</Empty>
      ) : (
        <ul class="open-invoice-list">
          {open.map((invoice) => (
            <li key={invoice.invoice_id} class="card" data-invoice={invoice.invoice_id}>
              <a href={invoiceHref(invoice.invoice_id, props.serviceId)}>{text.payInvoice(invoice.number)}</a>{" "}
              <span>{text.due(formatMoney(amountDue(invoice), invoice.currency))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function HistoryList(props: { serviceId?: string; zone: string }) {
  const { api } = usePortal();
  const heading = useId();
  const paged = usePaged(
    (cursor) => portalApi.history(api, props.serviceId, cursor).then((page) => ({ items: page.entries, cursor: page.cursor })),
    [api, props.serviceId],
  );
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{text.history}</h2>
      {paged.items.length === 0 ? (
        paged.error ? (
          <LoadError error={paged.error} retry={paged.reload} />
        ) : paged.loading ? (
          <Loading what={text.history} />
        ) : (
          <Empty>{text.none}</Empty>
        )
      ) : (
        <>
          <ol class="history-list">
            {paged.items.map((entry) => (
              <HistoryRow key={entry.entry_id} entry={entry} zone={props.zone} serviceId={props.serviceId} />
            ))}
          </ol>
          {paged.error !== undefined && paged.items.length > 0 && <LoadError error={paged.error} retry={paged.loadMore} />}
          {paged.more && (
            <button type="button" class="more" onClick={paged.loadMore} disabled={paged.loading} aria-busy={paged.loading}>
              {text.more}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function HistoryRow(props: { entry: HistoryEntry; zone: string; serviceId?: string }) {
  const { entry } = props;
  return (
    <li class="history-entry card" data-entry={entry.entry_id} data-kind={entry.kind}>
      <div class="entry-head">
        <strong>{text.kinds[entry.kind] ?? entry.kind}</strong>
        <span class={`entry-amount ${entry.amount < 0 ? "lowers" : ""}`}>
          {entry.amount < 0 ? "−" : "+"}
          {formatMoney(Math.abs(entry.amount), entry.currency)}
        </span>
      </div>
      <div class="muted">
        <time dateTime={entry.at}>{formatInstant(entry.at, props.zone)}</time>
      </div>
      <div>
        {entry.description}
        {entry.invoice_id && entry.invoice_number && (
          <>
            {" · "}
            <a href={invoiceHref(entry.invoice_id, props.serviceId)}>{text.viewInvoice(entry.invoice_number)}</a>
          </>
        )}
      </div>
      <div class="entry-balance" data-balance={entry.balance}>
        <span class="figure-label">{text.balanceAfter}</span> {balanceWords(entry.balance, entry.currency)}
      </div>
    </li>
  );
}

function InvoiceView(props: {
  invoiceId: string;
  serviceId?: string;
  account?: Account;
  zone: string;
  onPaid: () => void;
}) {
  const { api } = usePortal();
  const invoice = useLoad(() => portalApi.invoice(api, props.invoiceId), [api, props.invoiceId]);
  const heading = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const back = hrefOf("accountHistory", props.serviceId ? { service: props.serviceId } : {}) ?? "#/account";
  const shownId = invoice.data?.invoice_id;
  useEffect(() => {
    if (shownId) heading.current?.focus();
  }, [shownId]);

  if (invoice.data === undefined) {
    return (
      <>
        {invoice.error ? <LoadError error={invoice.error} retry={invoice.reload} /> : <Loading what={text.loading} />}
        <a href={back}>{text.back}</a>
      </>
    );
  }
  const data = invoice.data;
  return (
    <section class="invoice" aria-labelledby="invoice-title">
      <h2 id="invoice-title" ref={heading} tabIndex={-1}>
        {text.invoiceNumber(data.number)}
      </h2>
      <InvoiceFacts invoice={data} zone={props.zone} />
      <div role="status" aria-live="polite" class="pay-outcome">
        {outcome && outcome.kind !== "failed" && <p class={`outcome ${outcome.kind}`}>{outcome.text}</p>}
      </div>
      {outcome?.kind === "failed" && (
        <div class="form-error" role="alert">
          {text.declined} {outcome.text}
        </div>
      )}
      {payable(data) &&
        (!props.account ? null : !props.account.payments_enabled ? (
          <p class="note">{text.noPayments}</p>
        ) : (
          <PayPanel
            key={`${data.balance}/${data.payment_pending}`}
            invoice={data}
            account={props.account}
            onStart={() => setOutcome(null)}
            onOutcome={(said) => {
              setOutcome(said);
              invoice.reload();
              props.onPaid();
            }}
          />
        ))}
      <p>
        <a href={back}>{text.back}</a>
      </p>
    </section>
  );
}

function InvoiceFacts(props: { invoice: InvoiceWithLines; zone: string }) {
  const { invoice } = props;
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  return (
    <>
      <dl class="facts">
        <div>
          <dt>{text.status}</dt>
          <dd>{text.statuses[invoice.status] ?? invoice.status}</dd>
        </div>
        <div>
          <dt>{text.issued}</dt>
          <dd>{formatInstant(invoice.issued_at, props.zone)}</dd>
        </div>
        {invoice.due_date && (
          <div>
            <dt>{text.dueDate}</dt>
            <dd>{formatDay(invoice.due_date)}</dd>
          </div>
        )}
      </dl>
      <table class="invoice-lines">
        <caption>{text.lines}</caption>
        <tbody>
          {invoice.lines.map((line, i) => (
            <tr key={i}>
              <th scope="row">{line.description}</th>
              <td>{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{text.total}</th>
            <td>{money(invoice.total)}</td>
          </tr>
          {invoice.paid > 0 && (
            <tr>
              <th scope="row">{text.paid}</th>
              <td>{money(invoice.paid)}</td>
            </tr>
          )}
          {invoice.credited > 0 && (
            <tr>
              <th scope="row">{text.credited}</th>
              <td>{money(invoice.credited)}</td>
            </tr>
          )}
          {invoice.payment_pending > 0 && (
            <tr>
              <th scope="row">{text.pendingPayment}</th>
              <td>{money(invoice.payment_pending)}</td>
            </tr>
          )}
          <tr class="amount-due">
            <th scope="row">{text.amountDue}</th>
            <td data-amount-due={amountDue(invoice)}>{money(amountDue(invoice))}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

type Outcome = { kind: "succeeded" | "pending"; text: string } | { kind: "failed"; text: string };

/**
 * Paying: the amount (the whole amount due, or part of it) and the card, in the sandbox's test form or Stripe's
 * Payment Element. One Idempotency-Key per payment attempt, kept for a retry of the same attempt (a lost answer, a
 * network error) and dropped once the server has answered; the Pay button is disabled while the call is in flight,
 * and a second submit meanwhile is ignored.
 */
function PayPanel(props: {
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
