/**
 * Account History: the balance, the open invoices, and one list of invoices, payments, credits, refunds and voids
 * with the balance after each (newest first, "More" pages on). `?service=<id>` shows one service's entries (the
 * balance stays the account's), `?invoice=<id>` one invoice with its lines and, where the agency takes payments
 * online, paying it in full or in part by card.
 */

import { useId } from "preact/hooks";
import type { Account, HistoryEntry } from "../../../shared/api/billing";
import { useLoad, usePaged } from "../../../shared/hooks";
import { formatMoney } from "../../../shared/money";
import { browserZone, formatInstant } from "../../../shared/time";
import { Empty, LoadError, Loading, Pending } from "../../../shared/ui/states";
import { amountDue, balanceWords, payable } from "../account";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { hrefOf, type ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";
import { InvoiceView } from "./InvoiceView";

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
