/**
 * Requests awaiting the worker's answer (any worker's, for admins): confirm, decline with a reason, or
 * propose another of the worker's open slots. The list polls while the page is visible, so a client's new
 * request shows up within seconds without a reload, and so does a proposal availability could not hold (with
 * why, in words). Declined requests say why too.
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { useApp } from "../../context";
import { type Directory, useDirectory } from "../../directory";
import { plainMessage } from "../../../shared/errors";
import { usePoll } from "../../../shared/hooks";
import { href } from "../../../shared/router";
import { requests } from "../../services/requests";
import type { RequestStatus, StaffEventRequest } from "../../../shared/api/requests";
import { dateIn, formatInstant, formatLocalStart } from "../../../shared/time";
import { SelectField } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { DeclineForm, ProposeForm } from "./RequestForms";

/** How often the list asks for news while the page is visible (one Query of the requests index). */
export const REQUESTS_POLL_MS = 4000;

const TABS: { status: RequestStatus; label: string; empty: string }[] = [
  { status: "awaiting_response", label: "Awaiting your answer", empty: "No requests are waiting for an answer." },
  {
    status: "proposed",
    label: "Other time proposed",
    empty: "No proposed times are waiting for a client's answer.",
  },
  { status: "pending", label: "Being checked", empty: "No requests are being checked against availability." },
  { status: "declined", label: "Declined", empty: "No declined requests." },
];

interface Notice {
  text: string;
  link?: { href: string; label: string };
}

export function RequestsPage() {
  const { api, user } = useApp();
  const { directory, error: directoryError, refresh } = useDirectory(api);
  const [status, setStatus] = useState<RequestStatus>("awaiting_response");
  const [workerId, setWorkerId] = useState(user.role === "worker" ? user.personId : "");
  const list = usePoll(() => requests.eventRequests(api, status, workerId || undefined), REQUESTS_POLL_MS, [
    status,
    workerId,
  ]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [arrivals, setArrivals] = useState("");
  const seen = useRef<Set<string> | null>(null);
  const refreshedFor = useRef("");
  const shownStatus = useRef(status);
  shownStatus.current = status;

  // Announce requests that arrived while the page was open (screen readers hear it; nothing moves focus).
  useEffect(() => {
    const items = list.data;
    if (!items) return;
    const ids = new Set(items.map((r) => r.request_id));
    if (seen.current && shownStatus.current === "awaiting_response") {
      const fresh = items.filter((r) => !seen.current!.has(r.request_id));
      if (fresh.length) {
        setArrivals(
          fresh.length === 1
            ? `New request from ${directory?.name(fresh[0].client_id) ?? "a client"}.`
            : `${fresh.length} new requests.`,
        );
      }
    }
    seen.current = ids;
    // A client or service added since the names were loaded: load them again (once per unknown set).
    if (directory) {
      const unknown = items.filter((r) => !directory.knows([r.client_id, ...r.attendee_ids], [r.service_id]));
      const key = unknown.map((r) => r.request_id).join();
      if (key && key !== refreshedFor.current) {
        refreshedFor.current = key;
        refresh();
      }
    }
  }, [list.data, directory, refresh]);

  useEffect(() => {
    seen.current = null;
  }, [status, workerId]);

  if (directoryError && !directory) return <LoadError error={directoryError} retry={refresh} />;
  if (!directory) return <Loading what="requests" />;

  const tab = TABS.find((t) => t.status === status)!;
  const labelOf = (t: (typeof TABS)[number]) =>
    user.role === "admin" && t.status === "awaiting_response" ? "Awaiting an answer" : t.label;
  const items = list.data ?? [];
  const workers = directory.staff.filter((p) => p.role === "worker");

  return (
    <div class="requests-page">
      <div class="toolbar">
        <nav class="subnav" aria-label="Requests by status">
          <ul>
            {TABS.map((t) => (
              <li key={t.status}>
                <a
                  href={href("/requests")}
                  aria-current={t.status === status ? "page" : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    setStatus(t.status);
                    setNotice(null);
                  }}
                >
                  {labelOf(t)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {user.role === "admin" && (
          <SelectField
            label="Worker"
            name="worker_id"
            class="compact"
            value={workerId}
            onValue={setWorkerId}
            placeholder="All workers"
            options={workers.map((w) => ({ value: w.person_id, label: w.name }))}
          />
        )}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {arrivals}
      </p>
      {notice && (
        <p class="status-line" role="status">
          {notice.text} {notice.link && <a href={notice.link.href}>{notice.link.label}</a>}
        </p>
      )}
      {list.loading && !list.data && <Loading what="requests" />}
      {list.error && !list.data && <LoadError error={list.error} retry={list.reload} />}
      {list.error && list.data && (
        <p class="warning" role="note">
          The list could not be updated: {plainMessage(list.error)} It tries again by itself.
        </p>
      )}
      {list.data && items.length === 0 && <Empty>{tab.empty}</Empty>}
      {items.length > 0 && (
        <ul class="request-list" aria-label={labelOf(tab)}>
          {items.map((request) => (
            <li key={request.request_id}>
              <RequestCard
                request={request}
                directory={directory}
                showWorker={user.role === "admin"}
                onDone={(message) => {
                  setNotice(message);
                  list.reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Why a declined request was declined, in words: availability's reason as a sentence, or a person's. */
export function declinedText(request: StaffEventRequest, client: string, workerIsReader: boolean): string {
  const why = request.reason_text ?? request.reason ?? "";
  if (request.declined_by === "availability") return `The time could not be held. ${why}`;
  if (request.declined_by === "client") return `${client} declined the proposed time: “${why}”`;
  return `${workerIsReader ? "You declined it" : "The worker declined it"}: “${why}”`;
}

/** When the request is for, as the client asked: on the site's wall clock when it is known. */
export function requestTime(request: StaffEventRequest, timeZone: string): string {
  if (request.local_start) return formatLocalStart(request.local_start, request.end, timeZone);
  return formatInstant(request.start, timeZone);
}

function RequestCard(props: {
  request: StaffEventRequest;
  directory: Directory;
  showWorker: boolean;
  onDone: (notice: Notice) => void;
}) {
  const { api, user } = useApp();
  const { request, directory } = props;
  const [open, setOpen] = useState<"decline" | "propose" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const client = directory.name(request.client_id);
  const when = requestTime(request, directory.timeZone);
  const titleId = `request-${request.request_id}`;
  const awaiting = request.status === "awaiting_response";
  const proposal = request.proposal;

  const confirm = async () => {
    setBusy(true);
    setError("");
    try {
      const confirmed = await requests.confirm(api, request.request_id);
      const date = dateIn(directory.timeZone, Date.parse(confirmed.start));
      props.onDone({
        text: `Confirmed: ${client}, ${when}.${request.video_session ? " It is a video session: add its link." : ""}`,
        link: confirmed.event_id
          ? { href: href(`/calendar?date=${date}&event=${confirmed.event_id}`), label: "Open it in the calendar" }
          : undefined,
      });
    } catch (caught) {
      setError(plainMessage(caught));
      setBusy(false);
    }
  };

  return (
    <article class="request card" aria-labelledby={titleId}>
      <header class="request-head">
        <h2 id={titleId}>
          {client} <span class="subtitle">· {directory.serviceName(request.service_id)}</span>
        </h2>
        {request.video_session && <span class="badge video">Video session</span>}
      </header>
      <dl class="facts">
        <div>
          <dt>When</dt>
          <dd>{when}</dd>
        </div>
        {props.showWorker && (
          <div>
            <dt>Worker</dt>
            <dd>{directory.name(request.worker_id)}</dd>
          </div>
        )}
        <div>
          <dt>Attendees</dt>
          <dd>
            {[client, ...request.attendee_ids.map((id) => directory.name(id))].join(", ")}
          </dd>
        </div>
        <div>
          <dt>Video</dt>
          <dd>{request.video_session ? "Yes, a video session" : "No, in person"}</dd>
        </div>
        {request.hold_expires_at && awaiting && (
          <div>
            <dt>Held until</dt>
            <dd>{formatInstant(request.hold_expires_at, directory.timeZone)}</dd>
          </div>
        )}
        {request.requested_start !== request.start && (
          <div>
            <dt>First asked for</dt>
            <dd>{formatInstant(request.requested_start, directory.timeZone)}</dd>
          </div>
        )}
      </dl>
      {request.message ? (
        <blockquote class="request-message">
          <span class="visually-hidden">Message from {client}: </span>
          {request.message}
        </blockquote>
      ) : (
        <p class="muted">No message.</p>
      )}
      {proposal?.status === "checking" && (
        <p class="notice">
          You proposed {formatInstant(proposal.start, directory.timeZone)}; availability is checking that it is open.
          The client is asked once it is held.
        </p>
      )}
      {proposal?.status === "failed" && awaiting && (
        <p class="warning" role="note">
          <strong>Your proposal of {formatInstant(proposal.start, directory.timeZone)} could not be held.</strong>{" "}
          {proposal.reason_text} The client was not asked. Confirm the time they asked for, decline, or propose
          another time.
        </p>
      )}
      {request.status === "declined" && (
        <p class="notice">{declinedText(request, client, user.role === "worker")}</p>
      )}
      {request.status === "proposed" && (
        <p class="notice">Waiting for {client} to accept or decline this time.</p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {awaiting && (
        <div class="actions">
          <button
            type="button"
            class="primary"
            disabled={busy || proposal?.status === "checking"}
            aria-busy={busy}
            onClick={() => void confirm()}
            aria-label={`Confirm the request from ${client}`}
          >
            {busy ? "Confirming…" : "Confirm"}
          </button>
          <button
            type="button"
            aria-expanded={open === "decline"}
            onClick={() => setOpen(open === "decline" ? null : "decline")}
            aria-label={`Decline the request from ${client}`}
          >
            Decline…
          </button>
          <button
            type="button"
            aria-expanded={open === "propose"}
            disabled={proposal?.status === "checking"}
            onClick={() => setOpen(open === "propose" ? null : "propose")}
            aria-label={`Propose another time to ${client}`}
          >
            Propose another time…
          </button>
        </div>
      )}
      {awaiting && open === "decline" && (
        <DeclineForm
          request={request}
          client={client}
          onCancel={() => setOpen(null)}
          onDone={(reason) => props.onDone({ text: `Declined the request from ${client}. They are told: “${reason}”` })}
        />
      )}
      {awaiting && open === "propose" && (
        <ProposeForm
          request={request}
          client={client}
          timeZone={directory.timeZone}
          onCancel={() => setOpen(null)}
          onDone={(label) =>
            props.onDone({
              text:
                `Proposed ${label} to ${client}. Availability is checking that it is open: once it is held, the ` +
                "request waits for their answer; if it cannot be, the request says why.",
            })
          }
        />
      )}
    </article>
  );
}
