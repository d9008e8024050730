/**
 * The client's event requests, newest first, each with where it stands in plain words (sent, held for the provider,
 * confirmed, declined with the reason, another time proposed, withdrawn, expired) and what the client can do now:
 * accept or decline a proposed time, withdraw before it is confirmed. While a request still moves without the client
 * the list is polled, so "held" and then "confirmed" appear without a reload. `?sent=<id>` after Send says it is sent;
 * `?service=<id>` shows one service's.
 */

import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { ClientEventRequest, ClientEventRequests, MyService } from "../../../shared/api/requests";
import { plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { Poller } from "../../../shared/poll";
import { browserZone, formatInstant, formatRange } from "../../../shared/time";
import { TextAreaField } from "../../../shared/ui/forms";
import { Empty, Pending } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { canAnswer, canWithdraw, isMoving, statusWords } from "../requestState";
import type { ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

/** How often the list is asked for while a request is still moving (and the page is visible). */
const POLL_MS = 3_000;

/**
 * The requests, polled every POLL_MS while any of them is in a moving state; `reload()` asks at once. Once none moves
 * the poller keeps its rhythm but asks nothing (a hidden page, not even that).
 */
function useRequests(load: () => Promise<ClientEventRequests>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: ClientEventRequests; error?: unknown }>({});
  const loadRef = useRef(load);
  loadRef.current = load;
  const poller = useRef<Poller | null>(null);
  const moving = useRef(true);
  const forced = useRef(true);
  useEffect(() => {
    let live = true;
    forced.current = true;
    const current = new Poller(async () => {
      if (!forced.current && !moving.current) return true;
      forced.current = false;
      try {
        const data = await loadRef.current();
        moving.current = data.event_requests.some(isMoving);
        if (live) setState({ data });
        return true;
      } catch (error) {
        if (live) setState((previous) => ({ ...previous, error }));
        return false;
      }
    }, POLL_MS);
    poller.current = current;
    current.start();
    return () => {
      live = false;
      current.stop();
    };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, passed on as useEffect's own
  }, deps);
  const reload = () => {
    forced.current = true;
    poller.current?.now();
  };
  return { ...state, reload };
}

export function EventRequests(props: ScreenProps) {
  const { api } = usePortal();
  const text = strings.eventRequests;
  const serviceId = props.query.service;
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const requests = useRequests(
    () => portalApi.myEventRequests(api, { status: "all", ...(serviceId ? { service_id: serviceId } : {}) }),
    [api, serviceId],
  );
  const [said, setSaid] = useState(props.query.sent ? text.sent : "");
  const list = requests.data?.event_requests ?? [];

  return (
    <>
      <ScreenTitle title={strings.screens.eventRequests} />
      <p class="status-line" role="status">
        {said}
      </p>
      {requests.data === undefined ? (
        <Pending state={requests} what={text.loading} />
      ) : list.length === 0 ? (
        <Empty>{text.none}</Empty>
      ) : (
        <ul class="request-list">
          {list.map((request) => (
            <RequestCard
              key={request.request_id}
              request={request}
              services={services.data?.services ?? []}
              zone={services.data?.timezone ?? null}
              sent={request.request_id === props.query.sent}
              changed={(words) => {
                setSaid(words);
                requests.reload();
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function timeOf(start: string, end: string | null, zone: string | null): string {
  const clock = zone ?? browserZone();
  return end ? formatRange(start, end, clock) : formatInstant(start, clock);
}

type Asking = null | "withdraw" | "decline";

function RequestCard(props: {
  request: ClientEventRequest;
  services: MyService[];
  zone: string | null;
  sent: boolean;
  changed: (words: string) => void;
}) {
  const { api } = usePortal();
  const text = strings.eventRequests;
  const { request } = props;
  const words = statusWords(request);
  const service = props.services.find((s) => s.service_id === request.service_id);
  const provider = service?.providers.find((p) => p.worker_id === request.worker_id)?.name ?? strings.actions.yourProvider;
  const heading = useId();
  const question = useId();
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const withdrawRef = useRef<HTMLButtonElement>(null);
  const declineRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const time = timeOf(request.start, request.end, props.zone);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const close = () => {
    const back = asking === "withdraw" ? withdrawRef : declineRef;
    setAsking(null);
    setReason("");
    // Back to the button that asked, once it is shown again.
    setTimeout(() => back.current?.focus());
  };

  const act = async (call: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError("");
    try {
      await call();
      setAsking(null);
      props.changed(done);
      setTimeout(() => headingRef.current?.focus());
    } catch (failure) {
      setError(plainMessage(failure, { reason: { control: "reason", label: text.declineReason } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`request card${props.sent ? " just-sent" : ""}`} data-request={request.request_id}>
      <article aria-labelledby={heading}>
        <h2 id={heading} ref={headingRef} tabIndex={-1} class="request-title">
          {text.request(time)}
        </h2>
        <p class="request-status" role="status">
          <span class={`badge status-${request.status}`}>{words.label}</span> {words.explain}
        </p>
        {words.reason && (
          <p class="request-reason">
            <strong>{text.reason}:</strong> {words.reason}
          </p>
        )}
        <dl class="facts">
          {service && (
            <div>
              <dt>{text.service}</dt>
              <dd>{service.name}</dd>
            </div>
          )}
          <div>
            <dt>{text.with}</dt>
            <dd>{provider}</dd>
          </div>
          <div>
            <dt>{request.status === "proposed" ? text.proposedTime : text.time}</dt>
            <dd>{time}</dd>
          </div>
          {request.requested_start !== request.start && (
            <div>
              <dt>{text.requestedTime}</dt>
              <dd>{timeOf(request.requested_start, null, props.zone)}</dd>
            </div>
          )}
          {request.video_session && (
            <div>
              <dt>{text.videoSession}</dt>
              <dd>
                {request.video_link ? (
                  <a href={request.video_link} rel="noopener noreferrer" target="_blank">
                    {text.joinVideo}
                  </a>
                ) : request.awaiting_video_link ? (
                  text.awaitingVideo
                ) : (
                  "—"
                )}
              </dd>
            </div>
          )}
          {request.message && (
            <div>
              <dt>{text.message}</dt>
              <dd class="message-text">{request.message}</dd>
            </div>
          )}
        </dl>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {asking === null && (canAnswer(request) || canWithdraw(request)) && (
          <div class="actions request-actions">
            {canAnswer(request) && (
              <>
                <button
                  type="button"
                  class="primary"
                  disabled={busy}
                  aria-busy={busy}
                  onClick={() => void act(() => portalApi.acceptProposal(api, request.request_id), text.accepted)}
                >
                  {busy ? text.working : text.accept}
                </button>
                <button type="button" ref={declineRef} disabled={busy} onClick={() => setAsking("decline")}>
                  {text.decline}
                </button>
              </>
            )}
            {canWithdraw(request) && (
              <button type="button" ref={withdrawRef} disabled={busy} onClick={() => setAsking("withdraw")}>
                {text.withdraw}
              </button>
            )}
          </div>
        )}
        {asking !== null && (
          <div class="confirm-step" role="group" aria-labelledby={question}>
            <p id={question}>{asking === "withdraw" ? text.withdrawQuestion : text.declineQuestion}</p>
            {asking === "decline" && (
              <TextAreaField label={text.declineReason} name="reason" value={reason} onValue={setReason} maxLength={1000} />
            )}
            <div class="actions">
              <button
                type="button"
                ref={confirmRef}
                class="danger"
                disabled={busy}
                aria-busy={busy}
                onClick={() =>
                  void (asking === "withdraw"
                    ? act(() => portalApi.withdrawRequest(api, request.request_id), text.withdrawn)
                    : act(
                        () =>
                          portalApi.declineProposal(api, request.request_id, reason.trim() ? { reason: reason.trim() } : {}),
                        text.declined,
                      ))
                }
              >
                {busy ? text.working : asking === "withdraw" ? text.withdrawConfirm : text.declineConfirm}
              </button>
              <button type="button" disabled={busy} onClick={close}>
                {text.keep}
              </button>
            </div>
          </div>
        )}
      </article>
    </li>
  );
}
