/**
 * One discussion with the client's providers: its messages oldest first (every page), marked read on arrival, and
 * Reply with how many more messages the client may send before a provider replies, or why none (the API's words).
 */

import { useEffect, useRef, useState } from "preact/hooks";
import type { Discussion as DiscussionData, Message } from "../../../shared/api/messaging";
import type { FieldMap } from "../../../shared/errors";
import type { Api } from "../../../shared/http";
import { useLoad } from "../../../shared/hooks";
import { useKeyKeeper } from "../../../shared/idempotency";
import { FormAlert, SubmitButton, TextAreaField, useAction } from "../../../shared/ui/forms";
import { Pending } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { inboxHref, onAgencyClock, postingOf } from "../inbox";
import type { ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

const MAX_PAGES = 20;
const FIELDS: FieldMap = { message: { control: "message", label: strings.discussion.message } };

/** The discussion with all its messages, oldest first (a page at a time from the API). */
async function wholeDiscussion(api: Api, discussionId: string): Promise<DiscussionData> {
  const first = await portalApi.discussion(api, discussionId);
  const messages: Message[] = [...first.messages];
  let cursor = first.cursor;
  for (let page = 1; cursor && page < MAX_PAGES; page++) {
    const next = await portalApi.discussion(api, discussionId, cursor);
    messages.push(...next.messages);
    cursor = next.cursor;
  }
  return { ...first, messages, cursor: null };
}

export function Discussion(props: ScreenProps) {
  const { api, inbox } = usePortal();
  const text = strings.discussion;
  const id = props.params.id;
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const discussion = useLoad(() => wholeDiscussion(api, id), [api, id]);

  // On screen is read: mark the discussion's inbox item (its id is the discussion's) read, then the counts follow.
  const markRead = useRef(() => {});
  markRead.current = () => void portalApi.markRead(api, id).then(inbox.reload, () => undefined);
  useEffect(() => {
    if (discussion.data) markRead.current();
  }, [discussion.data]);

  // New in the inbox while the discussion is open (the shell polls the count): show what came.
  const unread = inbox.data?.unread;
  const seenUnread = useRef(unread);
  const { reload } = discussion;
  useEffect(() => {
    if (unread !== undefined && seenUnread.current !== undefined && unread > seenUnread.current) reload();
    seenUnread.current = unread;
  }, [unread, reload]);

  const d = discussion.data;
  return (
    <>
      <p class="back-link">
        <a href={inboxHref(d?.service_id ?? null)}>{text.back}</a>
      </p>
      <ScreenTitle title={d ? d.subject : strings.screens.discussion} />
      {!d ? (
        <Pending state={discussion} what={text.loading} />
      ) : (
        <>
          <dl class="facts discussion-facts">
            <div>
              <dt>{text.service}</dt>
              <dd>{d.service_name}</dd>
            </div>
            <div>
              <dt>{text.started}</dt>
              <dd>{onAgencyClock(d.started_at, services.data?.timezone)}</dd>
            </div>
          </dl>
          <h2 class="tab-title">{text.messages}</h2>
          <ol class="messages" aria-label={text.messages}>
            {d.messages.map((m) => (
              <li key={m.message_id} class={`message card ${m.author_role === "client" ? "mine" : ""}`}>
                <p class="message-meta">
                  <strong>{m.author_id === d.client_id ? text.you : (m.author_name ?? text.yourProvider)}</strong>
                  {" · "}
                  <time dateTime={m.posted_at}>{onAgencyClock(m.posted_at, services.data?.timezone)}</time>
                </p>
                <p class="message-body">{m.body}</p>
              </li>
            ))}
          </ol>
          <Reply discussion={d} onSent={discussion.reload} />
        </>
      )}
    </>
  );
}

function Reply(props: { discussion: DiscussionData; onSent: () => void }) {
  const { api } = usePortal();
  const text = strings.discussion;
  const { discussion } = props;
  const posting = postingOf(discussion);
  const [message, setMessage] = useState("");
  const { errors, setErrors, busy, status, setStatus, form, run } = useAction(FIELDS);
  const keys = useKeyKeeper();
  const note = useRef<HTMLParagraphElement>(null);
  const could = useRef(posting.canPost);

  // The form went away (that was the last message allowed): focus the line that says why, not the page's top.
  useEffect(() => {
    if (could.current && !posting.canPost) note.current?.focus();
    could.current = posting.canPost;
  }, [posting.canPost]);

  const send = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const body = message.trim();
    if (!body) return setErrors({ fields: { message: text.missing } });
    void run(async () => {
      try {
        await portalApi.postMessage(api, discussion.discussion_id, body, keys.keyFor({ id: discussion.discussion_id, body }));
      } catch (error) {
        props.onSent(); // refused (the limit, discussions off): show the discussion's state as it is now
        throw error;
      }
      keys.done();
      setMessage("");
      setStatus(text.sent);
      props.onSent();
    });
  };

  return (
    <section class="reply" aria-labelledby="reply-title">
      <h2 id="reply-title" class="tab-title">
        {text.reply}
      </h2>
      <p ref={note} tabIndex={-1} class={posting.canPost ? "messages-left" : "notice"} role="status">
        {posting.note}
      </p>
      {posting.canPost && (
        <form ref={form} onSubmit={send} noValidate aria-labelledby="reply-title">
          <FormAlert errors={errors} formRef={form} />
          <TextAreaField
            label={text.message}
            name="message"
            rows={4}
            value={message}
            onValue={setMessage}
            maxLength={5000}
            error={errors.fields.message}
          />
          <SubmitButton busy={busy} label={text.send} busyLabel={text.sending} />
        </form>
      )}
      {!posting.canPost && errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      {status && (
        <p class="status-line" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
