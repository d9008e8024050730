/**
 * The staff inbox (discussions they follow and notifications, with unread counts), one discussion with its
 * messages and a reply, and a new discussion with a client of a service. The inbox polls while visible.
 */

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError } from "../../../shared/http";
import { useApp } from "../../context";
import { type Directory, useDirectory } from "../../directory";
import { type FieldMap, formErrors, plainMessage } from "../../../shared/errors";
import { useLoad, usePoll } from "../../../shared/hooks";
import { useKeyKeeper } from "../../../shared/idempotency";
import { currentQuery, href, navigate } from "../../../shared/router";
import { KIND_LABELS, messaging } from "../../services/messaging";
import { formatInstant } from "../../../shared/time";
import { CheckboxField, FormAlert, SelectField, SubmitButton, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import type { InboxItem, NewDiscussionWithClient } from "../../../shared/api/messaging";

/** The inbox asks for news this often while the page is visible (two Queries). */
export const INBOX_POLL_MS = 10_000;
const PAGE = 20;
const MAX_PAGE = 100;

export function DiscussionsPage(props: { discussionId?: string }) {
  const { api } = useApp();
  const { directory, error: directoryError, refresh } = useDirectory(api);
  const [serviceId, setServiceId] = useState("");
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const inbox = usePoll(
    () => messaging.inbox(api, { service_id: serviceId || undefined, unread: unreadOnly, limit }),
    INBOX_POLL_MS,
    [serviceId, unreadOnly, limit],
  );
  const [notice, setNotice] = useState("");

  if (directoryError && !directory) return <LoadError error={directoryError} retry={refresh} />;
  if (!directory) return <Loading what="discussions" />;

  const data = inbox.data;
  const current = props.discussionId;
  const item = data?.items.find((i) => i.discussion_id === current);
  const servicesWithCounts = [...directory.services.values()]
    .filter((s) => s.status === "open" || data?.unread_by_service[s.service_id])
    .sort((a, b) => a.name.localeCompare(b.name));

  const markRead = async (target: InboxItem) => {
    try {
      await messaging.markRead(api, target.item_id);
      inbox.reload();
    } catch (error) {
      setNotice(plainMessage(error));
    }
  };

  return (
    <div class="discussions-layout">
      <section class="panel inbox-panel" aria-labelledby="inbox-title">
        <div class="panel-head">
          <h2 id="inbox-title">
            Inbox{" "}
            {data && (
              <span class={`badge ${data.unread ? "unread" : "muted"}`}>
                {data.unread} unread
              </span>
            )}
          </h2>
          <a class="button-link" href={href("/discussions/new")}>
            Start a discussion
          </a>
        </div>
        <div class="row">
          <SelectField
            label="Service"
            name="service_id"
            value={serviceId}
            onValue={(value) => (setServiceId(value), setLimit(PAGE))}
            placeholder="All services"
            options={servicesWithCounts.map((s) => {
              const unread = data?.unread_by_service[s.service_id] ?? 0;
              return { value: s.service_id, label: unread ? `${s.name} (${unread} unread)` : s.name };
            })}
          />
        </div>
        <CheckboxField label="Unread only" name="unread" checked={unreadOnly} onValue={(v) => (setUnreadOnly(v), setLimit(PAGE))} />
        {notice && (
          <p class="form-error" role="alert">
            {notice}
          </p>
        )}
        {inbox.loading && !data && <Loading what="the inbox" />}
        {inbox.error && !data && <LoadError error={inbox.error} retry={inbox.reload} />}
        {data && data.items.length === 0 && (
          <Empty>{unreadOnly ? "Nothing unread." : "No discussions or notifications yet."}</Empty>
        )}
        {data && data.items.length > 0 && (
          <ul class="inbox-list" aria-label="Inbox">
            {data.items.map((entry) => (
              <li key={entry.item_id} class={entry.unread ? "unread" : ""}>
                <InboxEntry item={entry} directory={directory} current={current} onRead={() => void markRead(entry)} />
              </li>
            ))}
          </ul>
        )}
        {data?.cursor && limit < MAX_PAGE && (
          <button type="button" class="wide" onClick={() => setLimit(Math.min(limit + PAGE, MAX_PAGE))}>
            Show more
          </button>
        )}
      </section>
      <section class="panel thread-panel" aria-label="Discussion">
        {current === "new" ? (
          <NewDiscussionForm
            directory={directory}
            onStarted={(id) => {
              inbox.reload();
              navigate(`/discussions/${encodeURIComponent(id)}`);
            }}
          />
        ) : current ? (
          <Thread
            key={current}
            discussionId={current}
            directory={directory}
            inboxItem={item}
            onRead={() => inbox.reload()}
          />
        ) : (
          <Empty>Choose a discussion in the inbox, or start one.</Empty>
        )}
      </section>
    </div>
  );
}

function notificationLink(item: InboxItem): string | null {
  if (item.refs.event_id) return href(`/calendar?event=${encodeURIComponent(item.refs.event_id)}`);
  if (item.refs.request_id) return href("/requests");
  return null;
}

function InboxEntry(props: { item: InboxItem; directory: Directory; current?: string; onRead: () => void }) {
  const { item, directory } = props;
  const zone = directory.timeZone;
  const service = directory.serviceName(item.service_id);
  if (item.type === "discussion" && item.discussion_id) {
    return (
      <a
        class="inbox-entry"
        href={href(`/discussions/${encodeURIComponent(item.discussion_id)}`)}
        aria-current={item.discussion_id === props.current ? "page" : undefined}
      >
        <span class="entry-top">
          <strong class="entry-subject">{item.subject}</strong>
          {item.unread > 0 && (
            <span class="badge unread">
              {item.unread} new<span class="visually-hidden"> {item.unread === 1 ? "message" : "messages"}</span>
            </span>
          )}
        </span>
        <span class="entry-meta">
          {item.from_name ?? "Someone"}
          {service && ` · ${service}`} · {formatInstant(item.at, zone)}
        </span>
        {item.body && <span class="entry-preview">{item.body}</span>}
      </a>
    );
  }
  const link = notificationLink(item);
  return (
    <div class="inbox-entry notification">
      <span class="entry-top">
        <span class="badge muted">{KIND_LABELS[item.kind] ?? item.kind}</span>
        <strong class="entry-subject">
          {link ? (
            <a href={link} onClick={() => item.unread > 0 && props.onRead()}>
              {item.subject}
            </a>
          ) : (
            item.subject
          )}
        </strong>
      </span>
      <span class="entry-meta">{formatInstant(item.at, zone)}</span>
      {item.body && <span class="entry-preview">{item.body}</span>}
      {item.unread > 0 && (
        <button type="button" class="small" onClick={props.onRead}>
          Mark read<span class="visually-hidden">: {item.subject}</span>
        </button>
      )}
    </div>
  );
}

const REPLY_FIELDS: FieldMap = { message: { control: "message", label: "Reply" } };

function Thread(props: { discussionId: string; directory: Directory; inboxItem?: InboxItem; onRead: () => void }) {
  const { api, user } = useApp();
  const { directory, inboxItem } = props;
  const discussion = useLoad(() => messaging.discussion(api, props.discussionId), [props.discussionId]);
  const [reply, setReply] = useState("");
  const { errors, setErrors, busy, status, setStatus, form, run } = useAction(REPLY_FIELDS);
  const keys = useKeyKeeper();
  const end = useRef<HTMLLIElement>(null);
  const lastActivity = useRef(inboxItem?.at);

  // New activity in the inbox while the discussion is open: show it.
  const activity = inboxItem?.at;
  const { reload } = discussion;
  useEffect(() => {
    if (activity && lastActivity.current && activity !== lastActivity.current) reload();
    lastActivity.current = activity;
  }, [activity, reload]);

  // What is on screen has been read.
  const markRead = useRef(() => {});
  markRead.current = () => {
    if (!inboxItem || inboxItem.unread > 0) {
      messaging.markRead(api, inboxItem?.item_id ?? props.discussionId).then(props.onRead, () => undefined);
    }
  };
  useEffect(() => {
    if (discussion.data) markRead.current();
  }, [discussion.data, inboxItem?.unread]);

  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [discussion.data?.messages.length]);

  if (discussion.error && !discussion.data) return <LoadError error={discussion.error} retry={discussion.reload} />;
  if (!discussion.data) return <Loading what="the discussion" />;
  const d = discussion.data;
  const zone = directory.timeZone;

  const send = (event: Event) => {
    event.preventDefault();
    const text = reply.trim();
    if (!text) return setErrors({ fields: { message: "Write your reply first." } });
    void run(async () => {
      await messaging.post(api, d.discussion_id, text, keys.keyFor({ discussion: d.discussion_id, text }));
      keys.done();
      setReply("");
      setStatus("Reply sent.");
      discussion.reload();
      props.onRead();
    });
  };

  return (
    <div class="thread">
      <p class="breadcrumb">
        <a href={href("/discussions")}>Inbox</a> <span aria-hidden="true">›</span> <span aria-current="page">{d.subject}</span>
      </p>
      <h2>{d.subject}</h2>
      <p class="subtitle">
        With {directory.name(d.client_id)} · {d.service_name} · started {formatInstant(d.started_at, zone)}
      </p>
      <ol class="messages" aria-label={`Messages of ${d.subject}`}>
        {d.messages.map((m) => (
          <li key={m.message_id} class={`message ${m.author_id === user.personId ? "mine" : m.author_role === "client" ? "client" : ""}`}>
            <p class="message-meta">
              <strong>{m.author_id === user.personId ? "You" : m.author_name ?? directory.name(m.author_id)}</strong>
              {m.author_role === "client" ? " (client)" : ""} · <time dateTime={m.posted_at}>{formatInstant(m.posted_at, zone)}</time>
            </p>
            <p class="message-body">{m.body}</p>
          </li>
        ))}
        <li ref={end} class="visually-hidden" aria-hidden="true" />
      </ol>
      {d.can_post ? (
        <form ref={form} onSubmit={send} noValidate aria-label="Reply to the discussion">
          <FormAlert errors={errors} formRef={form} />
          {!d.discussions_enabled && (
            <p class="notice">
              The agency has turned discussions off: you can still reply here, but {directory.name(d.client_id)} cannot
              write back.
            </p>
          )}
          <TextAreaField
            label="Reply"
            name="message"
            rows={4}
            value={reply}
            onValue={setReply}
            maxLength={5000}
            error={errors.fields.message}
            hint={
              d.discussions_enabled
                ? `${directory.name(d.client_id)} and the service's providers see it. A reply lets the client write again.`
                : `${directory.name(d.client_id)} and the service's providers see it.`
            }
          />
          <SubmitButton busy={busy} label="Send reply" busyLabel="Sending…" />
          {status && (
            <p class="status-line" role="status">
              {status}
            </p>
          )}
        </form>
      ) : (
        <p class="notice">{d.cannot_post_message ?? "This discussion takes no new messages."}</p>
      )}
    </div>
  );
}

const START_FIELDS: FieldMap = {
  service_id: { control: "service_id", label: "Service" },
  client_id: { control: "client_id", label: "Client" },
  subject: { control: "subject", label: "Subject" },
  message: { control: "message", label: "Message" },
};

function NewDiscussionForm(props: { directory: Directory; onStarted: (discussionId: string) => void }) {
  const { api, user } = useApp();
  const { directory } = props;
  const query = useMemo(currentQuery, []);
  const services = directory.servicesOf(user.role === "admin" ? null : user.personId, true);
  const [serviceId, setServiceId] = useState(
    services.some((s) => s.service_id === query.service) ? query.service : services.length === 1 ? services[0].service_id : "",
  );
  const service = services.find((s) => s.service_id === serviceId);
  // The client stays while they take part in the service chosen; else its only participant, or none yet.
  const clientFor = (id: string, current: string) => {
    const chosen = services.find((s) => s.service_id === id);
    if (!chosen || chosen.participant_ids.includes(current)) return current;
    return chosen.participant_ids.length === 1 ? chosen.participant_ids[0] : "";
  };
  const [clientId, setClientId] = useState(() => clientFor(serviceId, query.client ?? ""));
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const { errors, setErrors, busy, form, send } = useAction(START_FIELDS);
  const keys = useKeyKeeper();

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!serviceId) missing.service_id = "Choose the service.";
    if (!clientId) missing.client_id = "Choose the client.";
    if (!subject.trim()) missing.subject = "Give the discussion a subject.";
    if (!message.trim()) missing.message = "Write the first message.";
    if (Object.keys(missing).length) return setErrors({ fields: missing });
    const body: NewDiscussionWithClient = {
      service_id: serviceId,
      client_id: clientId,
      subject: subject.trim(),
      message: message.trim(),
    };
    await send(
      async () => {
        const started = await messaging.start(api, body, keys.keyFor(body));
        keys.done();
        props.onStarted(started.discussion_id);
      },
      (error) => {
        if (error instanceof ApiError && (error.code === "unknown_service" || error.code === "unknown_client")) {
          // Messages learns of service files from the service that keeps them, seconds after a change.
          const field = error.code === "unknown_service" ? "service_id" : "client_id";
          const who = error.code === "unknown_service" ? `You do not provide ${service?.name ?? "this service"}` : `${directory.name(clientId)} does not take part in ${service?.name ?? "this service"}`;
          return {
            fields: {
              [field]: `${who}, as far as messages know. A change made a moment ago takes a few seconds to reach them: try again in a moment.`,
            },
          };
        }
        return formErrors(error, START_FIELDS);
      },
    );
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="new-discussion-title">
      <h2 id="new-discussion-title">Start a discussion</h2>
      <FormAlert errors={errors} formRef={form} />
      <SelectField
        label="Service"
        name="service_id"
        value={serviceId}
        onValue={(id) => {
          setServiceId(id);
          setClientId(clientFor(id, clientId));
        }}
        placeholder="Choose a service"
        options={services.map((s) => ({ value: s.service_id, label: s.name }))}
        error={errors.fields.service_id}
        hint={services.length === 0 ? "You provide no open service." : undefined}
      />
      <SelectField
        label="Client"
        name="client_id"
        value={clientId}
        onValue={setClientId}
        placeholder={service ? "Choose a client" : "Choose a service first"}
        options={(service?.participant_ids ?? []).map((id) => ({ value: id, label: directory.name(id) }))}
        error={errors.fields.client_id}
      />
      <TextField
        label="Subject"
        name="subject"
        value={subject}
        onValue={setSubject}
        maxLength={200}
        error={errors.fields.subject}
      />
      <TextAreaField
        label="Message"
        name="message"
        rows={5}
        value={message}
        onValue={setMessage}
        maxLength={5000}
        error={errors.fields.message}
        hint="The client and the service's providers follow the discussion."
      />
      <SubmitButton busy={busy} label="Start discussion" busyLabel="Sending…" />
    </form>
  );
}
