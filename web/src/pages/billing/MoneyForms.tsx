/**
 * What staff do with a client's money: issue an invoice, record an offline payment, credit, void, refund.
 * Amounts are typed in the agency's currency and sent as exact minor units; each call that moves money
 * carries an Idempotency-Key kept while the same request is retried, so a lost answer never doubles it.
 */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import type { FieldMap } from "../../../shared/errors";
import { type KeyKeeper, useKeyKeeper } from "../../../shared/idempotency";
import { formatMoney, parseMoney, toDecimal } from "../../../shared/money";
import { billing, OFFLINE_METHODS } from "../../services/billing";
import type {
  Invoice,
  NewCredit,
  NewInvoice,
  NewRefund,
  OfflineMethod,
  OfflinePayment,
  Transaction,
} from "../../../shared/api/billing";
import type { ServiceFile } from "../../../shared/api/requests";
import { FormActions, FormAlert, SelectField, SubmitButton, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";

type Done = (message: string) => void;

/** A form that moves money: its idempotency key is kept for retries until the call has gone through. */
function useMoneyForm(fields: FieldMap) {
  const action = useAction(fields);
  const keys = useKeyKeeper();
  const run = (call: (keys: KeyKeeper) => Promise<void>) =>
    action.run(async () => {
      await call(keys);
      keys.done();
    });
  return { ...action, run };
}

/** A money amount typed by staff, with its currency named beside it. */
export function MoneyField(props: {
  label: string;
  name: string;
  currency: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <TextField
      label={`${props.label} (${props.currency})`}
      name={props.name}
      inputMode="decimal"
      autoComplete="off"
      value={props.value}
      onValue={props.onValue}
      error={props.error}
      hint={props.hint}
      class="money-field"
    />
  );
}

const PAYMENT_FIELDS: FieldMap = {
  amount: { control: "amount", label: "Amount" },
  method: { control: "method", label: "Paid by" },
  reference: { control: "reference", label: "Reference" },
};

export function PaymentForm(props: { invoice: Invoice; onDone: Done }) {
  const { api } = useApp();
  const { invoice } = props;
  const due = invoice.balance - invoice.payment_pending;
  const [amount, setAmount] = useState(due > 0 ? toDecimal(due, invoice.currency) : "");
  const [method, setMethod] = useState<OfflineMethod | "">("");
  const [reference, setReference] = useState("");
  const f = useMoneyForm(PAYMENT_FIELDS);
  const submit = (event: Event) => {
    event.preventDefault();
    const parsed = parseMoney(amount, invoice.currency);
    if (!parsed.ok) return f.setErrors({ fields: { amount: parsed.error } });
    if (!method) return f.setErrors({ fields: { method: "Choose how the client paid." } });
    const body = {
      amount: parsed.amount,
      method,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    } satisfies OfflinePayment;
    void f.run(async (keys) => {
      await billing.recordPayment(api, invoice.invoice_id, body, keys.keyFor({ invoice: invoice.invoice_id, ...body }));
      props.onDone(`Payment of ${formatMoney(parsed.amount, invoice.currency)} recorded on ${invoice.number}.`);
    });
  };
  return (
    <form ref={f.form} class="inline-form" onSubmit={submit} noValidate aria-label={`Record a payment on ${invoice.number}`}>
      <h4>Record a payment</h4>
      <FormAlert errors={f.errors} formRef={f.form} />
      <div class="row">
        <MoneyField
          label="Amount"
          name="amount"
          currency={invoice.currency}
          value={amount}
          onValue={setAmount}
          error={f.errors.fields.amount}
          hint={`${formatMoney(Math.max(due, 0), invoice.currency)} left to pay.`}
        />
        <SelectField
          label="Paid by"
          name="method"
          value={method}
          onValue={(v) => setMethod(OFFLINE_METHODS.find((m) => m.value === v)?.value ?? "")}
          placeholder="Choose how"
          options={OFFLINE_METHODS}
          error={f.errors.fields.method}
        />
        <TextField
          label="Reference (optional)"
          name="reference"
          value={reference}
          onValue={setReference}
          maxLength={100}
          error={f.errors.fields.reference}
          hint="A cheque number, a transfer's reference."
        />
      </div>
      <SubmitButton busy={f.busy} label="Record payment" busyLabel="Recording…" />
    </form>
  );
}

const CREDIT_FIELDS: FieldMap = {
  amount: { control: "amount", label: "Amount" },
  reason: { control: "reason", label: "Reason" },
  invoice_id: { control: "invoice_id", label: "Apply to" },
};

export function CreditForm(props: {
  clientId: string;
  currency: string;
  /** Credit this invoice; else the form offers the client's open invoices. */
  invoice?: Invoice;
  openInvoices?: Invoice[];
  onDone: Done;
}) {
  const { api } = useApp();
  const [amount, setAmount] = useState(props.invoice ? toDecimal(props.invoice.balance, props.currency) : "");
  const [reason, setReason] = useState("");
  const [invoiceId, setInvoiceId] = useState(props.invoice?.invoice_id ?? "");
  const f = useMoneyForm(CREDIT_FIELDS);
  const submit = (event: Event) => {
    event.preventDefault();
    const parsed = parseMoney(amount, props.currency);
    if (!parsed.ok) return f.setErrors({ fields: { amount: parsed.error } });
    if (!reason.trim()) return f.setErrors({ fields: { reason: "Say why: the client sees it on their account." } });
    const body = {
      amount: parsed.amount,
      reason: reason.trim(),
      ...(invoiceId ? { invoice_id: invoiceId } : {}),
    } satisfies NewCredit;
    void f.run(async (keys) => {
      await billing.credit(api, props.clientId, body, keys.keyFor(body));
      props.onDone(`Credit of ${formatMoney(parsed.amount, props.currency)} given.`);
    });
  };
  return (
    <form
      ref={f.form}
      class="inline-form"
      onSubmit={submit}
      noValidate
      aria-label={props.invoice ? `Credit ${props.invoice.number}` : "Give a credit"}
    >
      <h4>{props.invoice ? "Credit this invoice" : "Give a credit"}</h4>
      <FormAlert errors={f.errors} formRef={f.form} />
      <div class="row">
        <MoneyField
          label="Amount"
          name="amount"
          currency={props.currency}
          value={amount}
          onValue={setAmount}
          error={f.errors.fields.amount}
        />
        {!props.invoice && (
          <SelectField
            label="Apply to"
            name="invoice_id"
            value={invoiceId}
            onValue={setInvoiceId}
            placeholder="The oldest open invoices first"
            options={(props.openInvoices ?? []).map((i) => ({
              value: i.invoice_id,
              label: `${i.number} (${formatMoney(i.balance, i.currency)} due)`,
            }))}
            error={f.errors.fields.invoice_id}
            hint="What is left stays on the account for the next invoices."
          />
        )}
      </div>
      <TextAreaField
        label="Reason"
        name="reason"
        rows={2}
        value={reason}
        onValue={setReason}
        maxLength={500}
        error={f.errors.fields.reason}
      />
      <SubmitButton busy={f.busy} label="Give credit" busyLabel="Crediting…" />
    </form>
  );
}

export function VoidForm(props: { invoice: Invoice; onDone: Done }) {
  const { api } = useApp();
  const [reason, setReason] = useState("");
  const f = useMoneyForm({ reason: { control: "reason", label: "Reason" } });
  const { invoice } = props;
  const paid = invoice.paid > 0 || invoice.payment_pending > 0;
  const submit = (event: Event) => {
    event.preventDefault();
    void f.run(async () => {
      await billing.voidInvoice(api, invoice.invoice_id, reason.trim() || undefined);
      props.onDone(`${invoice.number} voided.`);
    });
  };
  return (
    <form ref={f.form} class="inline-form" onSubmit={submit} noValidate aria-label={`Void ${invoice.number}`}>
      <h4>Void</h4>
      <FormAlert errors={f.errors} formRef={f.form} />
      {paid ? (
        <p class="hint">
          Part of it is paid: refund the payments first, or credit what is left instead of voiding.
        </p>
      ) : (
        <>
          <TextField
            label="Reason (optional)"
            name="reason"
            value={reason}
            onValue={setReason}
            maxLength={500}
            error={f.errors.fields.reason}
          />
          <SubmitButton busy={f.busy} label="Void invoice" busyLabel="Voiding…" class="danger" />
        </>
      )}
    </form>
  );
}

export function RefundForm(props: { payment: Transaction; onDone: Done; onCancel: () => void }) {
  const { api } = useApp();
  const { payment } = props;
  const [amount, setAmount] = useState(toDecimal(payment.amount, payment.currency));
  const [reason, setReason] = useState("");
  const f = useMoneyForm({ amount: { control: "amount", label: "Amount" }, reason: { control: "reason", label: "Reason" } });
  const submit = (event: Event) => {
    event.preventDefault();
    const parsed = parseMoney(amount, payment.currency);
    if (!parsed.ok) return f.setErrors({ fields: { amount: parsed.error } });
    const body = { amount: parsed.amount, ...(reason.trim() ? { reason: reason.trim() } : {}) } satisfies NewRefund;
    void f.run(async (keys) => {
      await billing.refund(api, payment.payment_id!, body, keys.keyFor({ payment: payment.payment_id, ...body }));
      props.onDone(`Refund of ${formatMoney(parsed.amount, payment.currency)} made; the invoice is owed again by as much.`);
    });
  };
  return (
    <form ref={f.form} class="inline-form" onSubmit={submit} noValidate aria-label="Refund the payment">
      <FormAlert errors={f.errors} formRef={f.form} />
      <div class="row">
        <MoneyField
          label="Refund"
          name="amount"
          currency={payment.currency}
          value={amount}
          onValue={setAmount}
          error={f.errors.fields.amount}
        />
        <TextField label="Reason (optional)" name="reason" value={reason} onValue={setReason} maxLength={500} />
      </div>
      <FormActions
        busy={f.busy}
        label="Refund"
        busyLabel="Refunding…"
        class="danger"
        cancel={{ label: "Cancel", onClick: props.onCancel }}
      />
    </form>
  );
}

interface LineDraft {
  description: string;
  amount: string;
}

export function IssueInvoiceForm(props: {
  clientId: string;
  currency: string;
  services: ServiceFile[];
  onDone: Done;
  onCancel: () => void;
}) {
  const { api } = useApp();
  const [serviceId, setServiceId] = useState(props.services.length === 1 ? props.services[0].service_id : "");
  const [lines, setLines] = useState<LineDraft[]>([{ description: "", amount: "" }]);
  const [dueDate, setDueDate] = useState("");
  const fields: FieldMap = {
    service_id: { control: "service_id", label: "Service" },
    client_id: { control: "form", label: "Client" },
    due_date: { control: "due_date", label: "Due date" },
    lines: { control: "lines", label: "Lines" },
  };
  lines.forEach((_, i) => {
    fields[`lines[${i}].description`] = { control: `line-${i}-description`, label: `Line ${i + 1} description` };
    fields[`lines[${i}].amount`] = { control: `line-${i}-amount`, label: `Line ${i + 1} amount` };
  });
  const f = useMoneyForm(fields);
  const parsed = lines.map((line) => parseMoney(line.amount, props.currency));
  const total = parsed.reduce((sum, p) => sum + (p.ok ? p.amount : 0), 0);
  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines(lines.map((line, j) => (j === i ? { ...line, ...patch } : line)));

  const submit = (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    lines.forEach((line, i) => {
      if (!line.description.trim()) problems[`line-${i}-description`] = "Describe what is charged.";
      const p = parsed[i];
      if (!p.ok) problems[`line-${i}-amount`] = p.error;
    });
    if (Object.keys(problems).length) return f.setErrors({ fields: problems });
    const body = {
      client_id: props.clientId,
      ...(serviceId ? { service_id: serviceId } : {}),
      lines: lines.map((line, i) => ({
        description: line.description.trim(),
        amount: (parsed[i] as { ok: true; amount: number }).amount,
      })),
      ...(dueDate ? { due_date: dueDate } : {}),
    } satisfies NewInvoice;
    void f.run(async (keys) => {
      const invoice = await billing.issueInvoice(api, body, keys.keyFor(body));
      props.onDone(`Invoice ${invoice.number} issued for ${formatMoney(invoice.total, invoice.currency)}.`);
    });
  };

  return (
    <form ref={f.form} class="inline-form" onSubmit={submit} noValidate aria-labelledby="issue-invoice-title">
      <h3 id="issue-invoice-title">Issue an invoice</h3>
      <FormAlert errors={f.errors} formRef={f.form} />
      <div class="row">
        <SelectField
          label="Service"
          name="service_id"
          value={serviceId}
          onValue={setServiceId}
          placeholder="No particular service"
          options={props.services.map((s) => ({ value: s.service_id, label: s.name }))}
          error={f.errors.fields.service_id}
        />
        <TextField
          label="Due date (optional)"
          name="due_date"
          type="date"
          value={dueDate}
          onValue={setDueDate}
          error={f.errors.fields.due_date}
        />
      </div>
      <fieldset class="lines" aria-describedby={f.errors.fields.lines ? "lines-error" : undefined}>
        <legend>Lines</legend>
        {lines.map((line, i) => (
          <div class="row align-end" key={i}>
            <TextField
              label={`Line ${i + 1} description`}
              name={`line-${i}-description`}
              value={line.description}
              onValue={(v) => setLine(i, { description: v })}
              maxLength={200}
              error={f.errors.fields[`line-${i}-description`]}
            />
            <MoneyField
              label={`Line ${i + 1} amount`}
              name={`line-${i}-amount`}
              currency={props.currency}
              value={line.amount}
              onValue={(v) => setLine(i, { amount: v })}
              error={f.errors.fields[`line-${i}-amount`]}
            />
            {lines.length > 1 && (
              <button type="button" class="small" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                Remove<span class="visually-hidden"> line {i + 1}</span>
              </button>
            )}
          </div>
        ))}
        {f.errors.fields.lines && (
          <p class="field-error" id="lines-error">
            {f.errors.fields.lines}
          </p>
        )}
        <button type="button" class="small" onClick={() => setLines([...lines, { description: "", amount: "" }])}>
          Add a line
        </button>
      </fieldset>
      <p class="summary">Total: {formatMoney(total, props.currency)}</p>
      <FormActions
        busy={f.busy}
        label="Issue invoice"
        busyLabel="Issuing…"
        cancel={{ label: "Cancel", onClick: props.onCancel }}
      />
    </form>
  );
}
