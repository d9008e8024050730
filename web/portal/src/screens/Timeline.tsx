/**
 * Services Timeline: one service's history in order (`?service=<id>`; without it, a chooser of the client's
 * services): its requests timeline, its discussions and its invoices and payments, merged newest first (timeline.ts),
 * each entry with its date on the agency's clock and a link to where it lives (once that screen exists: hrefOf).
 */

import { useId } from "preact/hooks";
import type { HistoryEntry } from "../../../shared/api/billing";
import type { InboxItem } from "../../../shared/api/messaging";
import type { MyService, TimelineEntry } from "../../../shared/api/requests";
import { plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { allPages, type Api } from "../../../shared/http";
import { formatMoney } from "../../../shared/money";
import { browserZone, formatInstant } from "../../../shared/time";
import { Empty, Pending } from "../../../shared/ui/states";
import { balanceWords } from "../account";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { hrefOf, type ScreenProps } from "../routes";
import { strings } from "../strings";
import { mergeTimeline, type TimelineItem } from "../timeline";
import { ScreenTitle } from "../ui";

const text = strings.timeline;
/** At most this many pages of each source (a service's whole history, in practice). */
const MAX_PAGES = 20;

export function Timeline(props: ScreenProps) {
  const { api } = usePortal();
  const serviceId = props.query.service || "";
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const service = services.data?.services.find((s) => s.service_id === serviceId);

  return (
    <>
      <ScreenTitle title={strings.screens.timeline} />
      {services.data === undefined ? (
        <Pending state={services} what={text.loading} />
      ) : !serviceId || !service ? (
        <Chooser services={services.data.services} unknown={Boolean(serviceId)} />
      ) : (
        <ServiceHistory service={service} zone={services.data.timezone ?? browserZone()} />
      )}
    </>
  );
}

function Chooser(props: { services: MyService[]; unknown: boolean }) {
  const heading = useId();
  if (props.services.length === 0) return <Empty>{text.noServices}</Empty>;
  return (
    <nav aria-labelledby={heading}>
      {props.unknown && <p class="note">{text.unknownService}</p>}
      <h2 id={heading}>{text.choose}</h2>
      <ul class="chooser">
        {props.services.map((s) => (
          <li key={s.service_id}>
            <a href={hrefOf("timeline", { service: s.service_id }) ?? "#/timeline"}>{s.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface Sources {
  requests: TimelineEntry[];
  inbox: InboxItem[];
  history: HistoryEntry[];
  /** A source that could not be loaded (the others are still shown). */
  failed: unknown[];
}

async function loadSources(api: Api, serviceId: string): Promise<Sources> {
  const [requests, inbox, history] = await Promise.allSettled([
    allPages<TimelineEntry>((cursor) => portalApi.timeline(api, serviceId, cursor), "entries", MAX_PAGES),
    allPages<InboxItem>((cursor) => portalApi.serviceInbox(api, serviceId, cursor), "items", MAX_PAGES),
    allPages<HistoryEntry>((cursor) => portalApi.history(api, serviceId, cursor), "entries", MAX_PAGES),
  ]);
  // The requests timeline is the service's own: without it there is no timeline to show.
  if (requests.status === "rejected") throw requests.reason;
  const failed = [inbox, history].filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
  return {
    requests: requests.value,
    inbox: inbox.status === "fulfilled" ? inbox.value : [],
    history: history.status === "fulfilled" ? history.value : [],
    failed,
  };
}

function ServiceHistory(props: { service: MyService; zone: string }) {
  const { api } = usePortal();
  const { service } = props;
  const heading = useId();
  const loaded = useLoad(() => loadSources(api, service.service_id), [api, service.service_id]);
  const items = loaded.data
    ? mergeTimeline(service.service_id, loaded.data.requests, loaded.data.inbox, loaded.data.history)
    : [];
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{text.of(service.name)}</h2>
      <p>
        <a href={hrefOf("timeline") ?? "#/timeline"}>{text.otherService}</a>
      </p>
      {loaded.data === undefined ? (
        <Pending state={loaded} what={text.loading} />
      ) : (
        <>
          {loaded.data.failed.map((error, i) => (
            <div key={i} class="load-error" role="alert">
              <p>
                {text.partial} {plainMessage(error)}
              </p>
              <button type="button" onClick={loaded.reload}>
                {strings.shared.states.tryAgain}
              </button>
            </div>
          ))}
          {items.length === 0 ? (
            <Empty>{text.none}</Empty>
          ) : (
            <>
              <p class="muted">{text.newestFirst}</p>
              <ol class="timeline-list">
                {items.map((item) => (
                  <Row key={item.key} item={item} service={service} zone={props.zone} />
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Row(props: { item: TimelineItem; service: MyService; zone: string }) {
  const { item, service } = props;
  const body = item.requests ? (
    <RequestsEntry entry={item.requests} serviceId={service.service_id} />
  ) : item.discussion ? (
    <DiscussionEntry entry={item.discussion} serviceId={service.service_id} />
  ) : (
    <BillingEntry entry={item.billing!} serviceId={service.service_id} />
  );
  return (
    <li class={`timeline-entry card kind-${item.kind}`} data-kind={item.kind} data-at={item.at}>
      <div class="entry-head">
        <strong>{text.kinds[item.kind]}</strong>
        <time class="muted" dateTime={item.at}>
          {formatInstant(item.at, props.zone)}
        </time>
      </div>
      {body}
    </li>
  );
}

function LinkTo(props: { href: string | null; label: string }) {
  return props.href ? (
    <p class="entry-link">
      <a href={props.href}>{props.label}</a>
    </p>
  ) : null;
}

function RequestsEntry(props: { entry: TimelineEntry; serviceId: string }) {
  const { entry } = props;
  return (
    <>
      <p>{entry.text}</p>
      {entry.reason_text && <p class="muted">{entry.reason_text}</p>}
      {entry.event_id && <LinkTo href={hrefOf("calendar", { service: props.serviceId })} label={text.openEvent} />}
    </>
  );
}

function DiscussionEntry(props: { entry: InboxItem; serviceId: string }) {
  const { entry } = props;
  return (
    <>
      <p>{text.discussion(entry.subject)}</p>
      {entry.body && (
        <p class="muted">
          {entry.from_name ? `${entry.from_name}: ` : ""}
          {entry.body}
        </p>
      )}
      <LinkTo href={hrefOf("inbox", { service: props.serviceId })} label={text.openDiscussion} />
    </>
  );
}

function BillingEntry(props: { entry: HistoryEntry; serviceId: string }) {
  const { entry } = props;
  const target = entry.invoice_id
    ? hrefOf("accountHistory", { service: props.serviceId, invoice: entry.invoice_id })
    : hrefOf("accountHistory", { service: props.serviceId });
  return (
    <>
      <p>
        {entry.description} · {entry.amount < 0 ? "−" : "+"}
        {formatMoney(Math.abs(entry.amount), entry.currency)}
      </p>
      <p class="muted">
        {strings.accountHistory.balanceAfter} {balanceWords(entry.balance, entry.currency)}
      </p>
      <LinkTo href={target} label={text.openInvoice} />
    </>
  );
}
