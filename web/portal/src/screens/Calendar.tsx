/**
 * Calendar: the client's events, upcoming and past, by day on the agency's clock; per event its service, provider,
 * other attendees, place or video session (a Join link once the provider added it) and status; confirm attendance;
 * cancel after reading the agency's cancellation policy and fee. `?service=<id>` (My Services' "Show Events in your
 * Calendar") shows one service's events. Past events are read 92 days at a time ("Earlier events").
 */

import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import type { Fees } from "../../../shared/api/billing";
import type { ClientEvent, MyService } from "../../../shared/api/requests";
import { now } from "../../../shared/clock";
import { plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { allPages } from "../../../shared/http";
import { formatMoney } from "../../../shared/money";
import { browserZone, formatDate, formatDay } from "../../../shared/time";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { portalApi } from "../api";
import {
  type AnyEvent,
  cancelsForEveryone,
  cancelTerms,
  groupByDay,
  mayConfirm,
  mergeEvents,
  safeLink,
  splitByNow,
  termsText,
  windowOf,
} from "../calendar";
import { CalendarSubscription } from "../CalendarSubscription";
import { usePortal } from "../context";
import { EventCalendarFile } from "../EventCalendarFile";
import { hrefOf, type ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";
import { eventTime } from "../when";

const text = strings.calendar;

interface Read {
  events: AnyEvent[];
  /** Windows read so far (0: upcoming and the last day); null in the one-service form (all read at once). */
  windows: number | null;
}

export function Calendar(props: ScreenProps) {
  const { api, features } = usePortal();
  const serviceId = props.query.service || null;
  const nowMs = useMemo(() => now(), []);
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const first = useLoad<Read>(
    async () =>
      serviceId
        ? { events: await allPages<AnyEvent>((c) => portalApi.myServiceEvents(api, serviceId, c), "events"), windows: null }
        : { events: await readWindow(0), windows: 1 },
    [api, serviceId],
  );
  const [earlier, setEarlier] = useState<{ events: AnyEvent[]; windows: number }>({ events: [], windows: 1 });
  const [earlierState, setEarlierState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const [changed, setChanged] = useState<Record<string, ClientEvent>>({});
  const [said, setSaid] = useState("");

  useEffect(() => setEarlier({ events: [], windows: 1 }), [serviceId, first.data]);

  function readWindow(index: number): Promise<AnyEvent[]> {
    const window = windowOf(nowMs, index);
    return allPages<AnyEvent>((c) => portalApi.myEvents(api, window.from, window.to, c), "events");
  }

  const reading = useRef(false);
  const loadEarlier = async () => {
    if (reading.current) return; // a double click reads once (before the button re-renders disabled)
    reading.current = true;
    setEarlierState({ busy: true, error: null });
    try {
      const events = await readWindow(earlier.windows);
      setEarlier({ events: [...earlier.events, ...events], windows: earlier.windows + 1 });
      setEarlierState({ busy: false, error: null });
    } catch (error) {
      setEarlierState({ busy: false, error });
    } finally {
      reading.current = false;
    }
  };

  const onChange = (event: ClientEvent, message: string) => {
    setChanged({ ...changed, [event.event_id]: event });
    setSaid(message);
  };

  const title = <ScreenTitle title={strings.screens.calendar} />;
  // The agency's settings too: the cancellation window is stated from them, never guessed.
  if (first.data === undefined || services.data === undefined || features.data === undefined) {
    const failed = [first, services, features].find((state) => state.error && state.data === undefined);
    return (
      <>
        {title}
        {failed ? (
          <LoadError error={failed.error} retry={failed.reload} />
        ) : (
          <Loading what={text.loading} />
        )}
      </>
    );
  }

  const zone = services.data.timezone;
  const dayZone = zone ?? browserZone();
  const read = mergeEvents(first.data.events, earlier.events).map((e) =>
    changed[e.event_id] ? { ...e, ...changed[e.event_id] } : e,
  );
  const { upcoming, past } = splitByNow(read, nowMs);
  const service = serviceId ? services.data.services.find((s) => s.service_id === serviceId) : undefined;
  const windowsRead = first.data.windows === null ? null : earlier.windows;
  const oldestOpen = services.data.services.reduce<string | null>(
    (oldest, s) => (oldest === null || s.open_date < oldest ? s.open_date : oldest),
    null,
  );
  const readSince = windowsRead === null ? null : windowOf(nowMs, windowsRead - 1).from;
  const moreEarlier = readSince !== null && oldestOpen !== null && readSince.slice(0, 10) > oldestOpen;
  const allHref = hrefOf("calendar");
  const context: Shared = {
    zone,
    services: services.data.services,
    nowMs,
    windowHours: features.data.cancellationWindowHours,
    onChange,
  };

  return (
    <>
      {title}
      {serviceId && (
        <p class="calendar-filter">
          {text.filteredTo(service?.name ?? serviceId)}{" "}
          {allHref && <a href={allHref}>{text.showAll}</a>}
        </p>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
      <section aria-labelledby="calendar-upcoming">
        <h2 id="calendar-upcoming" class="tab-title">
          {text.upcoming}
        </h2>
        {upcoming.length === 0 ? <Empty>{text.noUpcoming}</Empty> : <Days events={upcoming} zone={dayZone} shared={context} />}
      </section>
      {!serviceId && <CalendarSubscription zone={zone} />}
      <section aria-labelledby="calendar-past">
        <h2 id="calendar-past" class="tab-title">
          {text.past}
        </h2>
        {readSince && <p class="muted">{text.pastSince(formatDay(readSince, dayZone))}</p>}
        {past.length === 0 ? <Empty>{text.noPast}</Empty> : <Days events={past} zone={dayZone} shared={context} />}
        {serviceId && <p class="muted">{text.allLoaded}</p>}
        {earlierState.error !== null && <LoadError error={earlierState.error} />}
        {moreEarlier && (
          <button type="button" class="earlier" onClick={loadEarlier} disabled={earlierState.busy} aria-busy={earlierState.busy}>
            {earlierState.busy ? text.loadingEarlier : text.earlier}
          </button>
        )}
      </section>
    </>
  );
}

interface Shared {
  zone: string | null;
  services: MyService[];
  nowMs: number;
  /** The agency's cancellation window (hours before an event's start). */
  windowHours: number;
  onChange: (event: ClientEvent, message: string) => void;
}

function Days(props: { events: AnyEvent[]; zone: string; shared: Shared }) {
  return (
    <ol class="event-days">
      {groupByDay(props.events, props.zone).map((group) => (
        <li key={group.day}>
          <h3 class="event-day">{formatDate(group.day, { year: true })}</h3>
          <ul class="event-list">
            {group.events.map((event) => (
              <EventCard key={event.event_id} event={event} shared={props.shared} />
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function EventCard(props: { event: AnyEvent; shared: Shared }) {
  const { event, shared } = props;
  const { api, user } = usePortal();
  const heading = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false); // a double click sends once, before the button re-renders disabled
  const [error, setError] = useState("");
  const service = shared.services.find((s) => s.service_id === event.service_id);
  const when = eventTime(event as ClientEvent, shared.zone);
  const providerName =
    ("worker_name" in event ? event.worker_name : null) ??
    service?.providers.find((p) => p.worker_id === event.worker_id)?.name ??
    text.unnamed;
  const others = event.client_ids
    .filter((id) => id !== user.personId)
    .map((id) => service?.participants.find((p) => p.client_id === id)?.name ?? text.anotherClient);
  const terms = cancelTerms(event, shared.windowHours, shared.nowMs);

  const confirm = async () => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError("");
    try {
      shared.onChange(await portalApi.confirmAttendance(api, event.event_id), text.confirmedNow(when));
    } catch (e) {
      setError(plainMessage(e));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const closeAsk = () => {
    setAsking(false);
    setTimeout(() => cancelButton.current?.focus());
  };

  const doCancel = async () => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError("");
    try {
      const done = await portalApi.cancelMyEvent(api, event.event_id);
      setAsking(false);
      shared.onChange(done, done.left ? text.leftNow(when) : text.cancelledNow(when));
      setTimeout(() => headingRef.current?.focus());
    } catch (e) {
      setError(plainMessage(e));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <li class="event card">
      <article aria-labelledby={heading}>
        <h4 id={heading} ref={headingRef} tabIndex={-1} class="event-time">
          {when}
        </h4>
        <dl class="facts">
          <div>
            <dt>{text.service}</dt>
            <dd>{service?.name ?? event.service_id}</dd>
          </div>
          <div>
            <dt>{text.provider}</dt>
            <dd>{providerName}</dd>
          </div>
          {others.length > 0 && (
            <div>
              <dt>{text.others}</dt>
              <dd>{others.join(", ")}</dd>
            </div>
          )}
          <div>
            <dt>{text.where}</dt>
            <dd>
              {event.video_session ? <Video event={event} /> : event.site_id ? text.atSite(event.site_id) : text.inPerson}
            </dd>
          </div>
          <div>
            <dt>{text.status}</dt>
            <dd>
              <Status event={event} />
            </dd>
          </div>
        </dl>
        {error && (
          <p class="event-error" role="alert">
            {error}
          </p>
        )}
        {!asking && (mayConfirm(event, shared.nowMs) || terms.kind === "free" || terms.kind === "late") && (
          <div class="event-actions">
            {mayConfirm(event, shared.nowMs) && (
              <button type="button" class="primary" onClick={confirm} disabled={busy} aria-busy={busy}>
                {busy ? text.confirming : text.confirm}
              </button>
            )}
            <button
              type="button"
              ref={cancelButton}
              onClick={() => {
                setError("");
                setAsking(true);
              }}
            >
              {text.cancel}
            </button>
          </div>
        )}
        {!asking && !event.left && (
          <div class="event-actions">
            <EventCalendarFile event={event} describedBy={heading} />
          </div>
        )}
        {asking && (
          <CancelAsk
            event={event}
            terms={terms}
            hours={shared.windowHours}
            everyone={cancelsForEveryone(event, user.personId)}
            zone={shared.zone}
            busy={busy}
            onConfirm={doCancel}
            onClose={closeAsk}
          />
        )}
      </article>
    </li>
  );
}

function Video(props: { event: AnyEvent }) {
  const { event } = props;
  if (event.awaiting_video_link || !event.video_link) return <>{`${text.video}: ${text.awaitingLink}`}</>;
  const link = safeLink(event.video_link);
  return link ? (
    <>
      {text.video}:{" "}
      <a class="join" href={link} target="_blank" rel="noopener noreferrer">
        {text.join}
      </a>
    </>
  ) : (
    <>{text.linkNotWeb(event.video_link)}</>
  );
}

function Status(props: { event: AnyEvent }) {
  const { event } = props;
  if (event.left) return <>{text.youLeft}</>;
  if (event.status === "cancelled") {
    return (
      <>
        {(event.cancelled_by && text.cancelledBy[event.cancelled_by]) || text.statuses.cancelled}
        {event.late_fee && <> · {text.lateFeeOwed}</>}
      </>
    );
  }
  if (event.status === "scheduled" && event.attendance_confirmed) {
    return (
      <>
        {text.statuses.scheduled} · {text.confirmed}
      </>
    );
  }
  return <>{text.statuses[event.status] ?? event.status}</>;
}

/** The confirmation step: the agency's policy, whether cancelling now is late and its fee, then Yes / Keep. */
function CancelAsk(props: {
  event: AnyEvent;
  terms: ReturnType<typeof cancelTerms>;
  hours: number;
  everyone: boolean;
  zone: string | null;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { api } = usePortal();
  const { terms, hours } = props;
  const heading = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fees = useLoad<Fees>(() => portalApi.myFees(api, props.event.service_id), [api, props.event.service_id]);
  useEffect(() => headingRef.current?.focus(), []);
  const fee = fees.data?.late_cancel_fee ? formatMoney(fees.data.late_cancel_fee, fees.data.currency) : null;
  const feeText =
    fees.data === undefined ? (fees.error ? text.feeUnknown : text.feeLoading) : fee ? text.feeIs(fee) : text.noFee;

  return (
    <section
      class="cancel-ask"
      role="region"
      aria-labelledby={heading}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !props.busy) props.onClose();
      }}
    >
      <h5 id={heading} ref={headingRef} tabIndex={-1}>
        {text.cancelTitle}
      </h5>
      <p>{text.policy(hours)}</p>
      <p aria-live="polite">{feeText}</p>
      <p class={`cancel-terms ${terms.kind === "free" ? "" : "late"}`}>{termsText(terms, hours, fee, props.zone)}</p>
      {terms.kind === "free" && <p>{props.everyone ? text.forEveryone : text.youWillLeave}</p>}
      <div class="event-actions">
        {terms.kind === "free" && (
          <button type="button" class="danger" onClick={props.onConfirm} disabled={props.busy} aria-busy={props.busy}>
            {props.busy ? text.cancelling : props.everyone ? text.yesCancel : text.yesLeave}
          </button>
        )}
        <button type="button" onClick={props.onClose} disabled={props.busy}>
          {terms.kind === "free" ? text.keep : text.close}
        </button>
      </div>
    </section>
  );
}
