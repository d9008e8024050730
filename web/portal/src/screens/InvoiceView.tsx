/** Account History's one invoice: its facts and lines and, where the agency takes payments online, the payment form. */

import { useEffect, useRef, useState } from "preact/hooks";
import type { Account, InvoiceWithLines } from "../../../shared/api/billing";
import { useLoad } from "../../../shared/hooks";
import { formatMoney } from "../../../shared/money";
import { formatDay, formatInstant } from "../../../shared/time";
import { LoadError, Loading } from "../../../shared/ui/states";
import { amountDue, payable } from "../account";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { hrefOf } from "../routes";
import { strings } from "../strings";
import { type Outcome, PayPanel } from "./PayPanel";

const text = strings.accountHistory;

export function InvoiceView(props: {
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
