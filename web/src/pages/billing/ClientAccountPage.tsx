/** One client's account: balances, invoices (with their lines and actions) and transactions (refunds). */

import { useState } from "preact/hooks";
import { ApiError } from "../../../shared/http";
import { useApp } from "../../context";
import { type Directory, useDirectory } from "../../directory";
import { usePaged, useLoad } from "../../../shared/hooks";
import { formatMoney } from "../../../shared/money";
import { href } from "../../../shared/router";
import { billing } from "../../services/billing";
import type { Account, Invoice, Transaction } from "../../../shared/api/billing";
import { formatDay, formatInstant } from "../../../shared/time";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { CreditForm, IssueInvoiceForm, PaymentForm, RefundForm, VoidForm } from "./MoneyForms";

const STATUS_LABELS: Record<Invoice["status"], string> = {
  open: "Open",
  partially_paid: "Partly paid",
  paid: "Paid",
  void: "Void",
};

const TRANSACTION_LABELS: Record<string, string> = {
  payment: "Payment",
  credit: "Credit",
  refund: "Refund",
};

const METHOD_LABELS: Record<string, string> = {
  cash: "cash",
  cheque: "cheque",
  transfer: "bank transfer",
  other: "other",
  card: "card",
};

export function ClientAccountPage(props: { clientId: string }) {
  const { api } = useApp();
  const { clientId } = props;
  const { directory, error: directoryError, refresh } = useDirectory(api);
  const account = useLoad(() => billing.account(api, clientId), [clientId]);
  const invoices = usePaged((cursor) => billing.invoices(api, clientId, cursor), [clientId]);
  const transactions = usePaged((cursor) => billing.transactions(api, clientId, cursor), [clientId]);
  const [notice, setNotice] = useState("");
  const [issuing, setIssuing] = useState(false);
  const [crediting, setCrediting] = useState(false);

  if (directoryError && !directory) return <LoadError error={directoryError} retry={refresh} />;
  if (account.error && !account.data) {
    if (account.error instanceof ApiError && account.error.status === 404) {
      return <NotAClient name={directory?.name(clientId) ?? clientId} retry={account.reload} />;
    }
    return <LoadError error={account.error} retry={account.reload} />;
  }
  if (!directory || !account.data) return <Loading what="the account" />;
  const a = account.data;
  const name = directory.name(clientId);
  const services = [...directory.services.values()].filter((s) => s.participant_ids.includes(clientId));

  const changed = (message: string) => {
    setNotice(message);
    setIssuing(false);
    setCrediting(false);
    account.reload();
    invoices.reload();
    transactions.reload();
  };
  const open = invoices.items.filter((i) => i.status === "open" || i.status === "partially_paid");

  return (
    <div class="account-page">
      <p class="breadcrumb">
        <a href={href("/billing")}>Clients</a> <span aria-hidden="true">›</span> <span aria-current="page">{name}</span>
      </p>
      <Balances account={a} name={name} />
      {notice && (
        <p class="status-line" role="status">
          {notice}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" aria-expanded={issuing} onClick={() => (setIssuing(!issuing), setCrediting(false))}>
          Issue an invoice
        </button>
        <button type="button" aria-expanded={crediting} onClick={() => (setCrediting(!crediting), setIssuing(false))}>
          Give a credit
        </button>
      </div>
      {issuing && (
        <IssueInvoiceForm
          clientId={clientId}
          currency={a.currency}
          services={services}
          onDone={changed}
          onCancel={() => setIssuing(false)}
        />
      )}
      {crediting && <CreditForm clientId={clientId} currency={a.currency} openInvoices={open} onDone={changed} />}

      <section class="panel" aria-labelledby="invoices-title">
        <h2 id="invoices-title">Invoices</h2>
        <InvoiceTable invoices={invoices.items} directory={directory} clientId={clientId} onChanged={changed} />
        {invoices.loading && <Loading what="invoices" />}
        {invoices.error && !invoices.loading && <LoadError error={invoices.error} retry={invoices.reload} />}
        {!invoices.loading && !invoices.error && invoices.items.length === 0 && <Empty>No invoices yet.</Empty>}
        {invoices.more && !invoices.loading && (
          <button type="button" onClick={invoices.loadMore}>
            Show older invoices
          </button>
        )}
      </section>

      <section class="panel" aria-labelledby="transactions-title">
        <h2 id="transactions-title">Payments, credits and refunds</h2>
        <TransactionTable transactions={transactions.items} timeZone={directory.timeZone} onChanged={changed} />
        {transactions.loading && <Loading what="transactions" />}
        {transactions.error && !transactions.loading && <LoadError error={transactions.error} retry={transactions.reload} />}
        {!transactions.loading && !transactions.error && transactions.items.length === 0 && (
          <Empty>No payments, credits or refunds yet.</Empty>
        )}
        {transactions.more && !transactions.loading && (
          <button type="button" onClick={transactions.loadMore}>
            Show older transactions
          </button>
        )}
      </section>
    </div>
  );
}

/** Billing keeps accounts of the agency's clients only, and learns of them from the roster moments after a change. */
function NotAClient(props: { name: string; retry: () => void }) {
  return (
    <div class="account-page">
      <p class="breadcrumb">
        <a href={href("/billing")}>Clients</a> <span aria-hidden="true">›</span>{" "}
        <span aria-current="page">{props.name}</span>
      </p>
      <div class="load-error" role="alert">
        <p>
          Billing has no client {props.name}: only the agency's clients have accounts. Someone added to the roster (or
          made a client) a moment ago reaches billing within a few seconds.
        </p>
        <button type="button" onClick={props.retry}>
          Try again
        </button>
      </div>
    </div>
  );
}

function Balances(props: { account: Account; name: string }) {
  const { account: a } = props;
  const money = (minor: number) => formatMoney(minor, a.currency);
  const owed = a.balance > 0 ? "owes" : a.balance < 0 ? "is in credit by" : "owes nothing";
  return (
    <section class="balances card" aria-labelledby="balance-title">
      <h2 id="balance-title">
        {props.name} {owed}
        {a.balance !== 0 && <> {money(Math.abs(a.balance))}</>}
      </h2>
      <dl class="figures">
        <div>
          <dt>Balance</dt>
          <dd>{money(a.balance)}</dd>
        </div>
        <div>
          <dt>Invoiced</dt>
          <dd>{money(a.invoiced)}</dd>
        </div>
        <div>
          <dt>Paid</dt>
          <dd>{money(a.paid)}</dd>
        </div>
        <div>
          <dt>Refunded</dt>
          <dd>{money(a.refunded)}</dd>
        </div>
        <div>
          <dt>Credited</dt>
          <dd>{money(a.credited)}</dd>
        </div>
        <div>
          <dt>Credit available</dt>
          <dd>{money(a.credit_available)}</dd>
        </div>
      </dl>
      <p class="hint">
        In {a.currency}. {a.payments_enabled ? "The client can pay online." : "Online payment is off: record payments here."}
      </p>
    </section>
  );
}

function InvoiceTable(props: { invoices: Invoice[]; directory: Directory; clientId: string; onChanged: (m: string) => void }) {
  const [openId, setOpenId] = useState<string | null>(null);
  if (props.invoices.length === 0) return null;
  return (
    <table class="invoices">
      <caption class="visually-hidden">Invoices</caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Issued</th>
          <th scope="col">Service</th>
          <th scope="col" class="amount">
            Total
          </th>
          <th scope="col" class="amount">
            Due
          </th>
          <th scope="col">Status</th>
          <th scope="col">
            <span class="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.invoices.map((invoice) => [
          <tr key={invoice.invoice_id} class={openId === invoice.invoice_id ? "selected" : ""}>
            <td>{invoice.number}</td>
            <td class="nowrap">{formatDay(invoice.issued_at, props.directory.timeZone)}</td>
            <td>{props.directory.serviceName(invoice.service_id) || "—"}</td>
            <td class="amount">{formatMoney(invoice.total, invoice.currency)}</td>
            <td class="amount">{formatMoney(invoice.balance, invoice.currency)}</td>
            <td>
              <span class={`badge invoice-${invoice.status}`}>{STATUS_LABELS[invoice.status]}</span>
              {invoice.payment_pending > 0 && <span class="badge muted">payment pending</span>}
            </td>
            <td class="row-actions">
              <button
                type="button"
                class="small"
                aria-expanded={openId === invoice.invoice_id}
                onClick={() => setOpenId(openId === invoice.invoice_id ? null : invoice.invoice_id)}
              >
                {openId === invoice.invoice_id ? "Hide" : "Details"}
                <span class="visually-hidden"> of {invoice.number}</span>
              </button>
            </td>
          </tr>,
          openId === invoice.invoice_id && (
            <tr key={`${invoice.invoice_id}-detail`} class="detail-row">
              <td colSpan={7}>
                <InvoiceDetail invoice={invoice} clientId={props.clientId} onChanged={props.onChanged} />
              </td>
            </tr>
          ),
        ])}
      </tbody>
    </table>
  );
}

function InvoiceDetail(props: { invoice: Invoice; clientId: string; onChanged: (m: string) => void }) {
  const { api } = useApp();
  const full = useLoad(() => billing.invoice(api, props.invoice.invoice_id), [props.invoice.invoice_id, props.invoice.balance]);
  const invoice = props.invoice;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const payable = invoice.status === "open" || invoice.status === "partially_paid";
  return (
    <div class="invoice-detail" aria-label={`Invoice ${invoice.number}`} role="group">
      {full.loading && !full.data && <Loading what="the invoice's lines" />}
      {full.error && !full.data && <LoadError error={full.error} retry={full.reload} />}
      {full.data?.lines && (
        <table class="lines">
          <caption class="visually-hidden">Lines of {invoice.number}</caption>
          <tbody>
            {full.data.lines.map((line, i) => (
              <tr key={i}>
                <td>{line.description}</td>
                <td class="amount">{money(line.amount)}</td>
              </tr>
            ))}
            <tr class="total">
              <th scope="row">Total</th>
              <td class="amount">{money(invoice.total)}</td>
            </tr>
            {invoice.paid > 0 && (
              <tr>
                <td>Paid</td>
                <td class="amount">{money(-invoice.paid)}</td>
              </tr>
            )}
            {invoice.credited > 0 && (
              <tr>
                <td>Credited</td>
                <td class="amount">{money(-invoice.credited)}</td>
              </tr>
            )}
            <tr class="total">
              <th scope="row">Due</th>
              <td class="amount">{money(invoice.balance)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {invoice.due_date && <p class="hint">Due by {formatDay(invoice.due_date)}.</p>}
      {invoice.status === "void" && (
        <p class="notice">
          Voided{invoice.voided_at ? ` on ${formatDay(invoice.voided_at)}` : ""}
          {invoice.void_reason ? `: ${invoice.void_reason}` : "."}
        </p>
      )}
      {payable && (
        // Keyed by the invoice's money: after a change each form starts again from what is now due.
        <div class="invoice-actions" key={`${invoice.balance}-${invoice.paid}-${invoice.credited}-${invoice.status}`}>
          <PaymentForm invoice={invoice} onDone={props.onChanged} />
          <CreditForm clientId={props.clientId} currency={invoice.currency} invoice={invoice} onDone={props.onChanged} />
          <VoidForm invoice={invoice} onDone={props.onChanged} />
        </div>
      )}
    </div>
  );
}

function TransactionTable(props: { transactions: Transaction[]; timeZone: string; onChanged: (m: string) => void }) {
  const [refunding, setRefunding] = useState<string | null>(null);
  if (props.transactions.length === 0) return null;
  return (
    <table class="transactions">
      <caption class="visually-hidden">Payments, credits and refunds</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Invoice</th>
          <th scope="col" class="amount">
            Amount
          </th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.transactions.map((t) => [
          <tr key={t.transaction_id}>
            <td class="nowrap">{formatInstant(t.at, props.timeZone)}</td>
            <td>
              {TRANSACTION_LABELS[t.type] ?? t.type}
              {t.method && <span class="muted"> by {METHOD_LABELS[t.method] ?? t.method}</span>}
              {t.note && <span class="muted"> · {t.note}</span>}
            </td>
            <td>{t.invoice_number ?? "—"}</td>
            <td class="amount">{formatMoney(t.amount, t.currency)}</td>
            <td class="row-actions">
              {t.type === "payment" && t.payment_id && (
                <button
                  type="button"
                  class="small"
                  aria-expanded={refunding === t.transaction_id}
                  onClick={() => setRefunding(refunding === t.transaction_id ? null : t.transaction_id)}
                >
                  Refund…<span class="visually-hidden"> the payment of {formatMoney(t.amount, t.currency)}</span>
                </button>
              )}
            </td>
          </tr>,
          refunding === t.transaction_id && (
            <tr key={`${t.transaction_id}-refund`} class="detail-row">
              <td colSpan={5}>
                <RefundForm
                  payment={t}
                  onDone={(message) => (setRefunding(null), props.onChanged(message))}
                  onCancel={() => setRefunding(null)}
                />
              </td>
            </tr>
          ),
        ])}
      </tbody>
    </table>
  );
}
