/**
 * "Start a Discussion with <provider>" (from My Services, `?service=<id>&worker=<id>`): a Subject and a Message, Send,
 * then the new discussion opens. The discussion goes to every provider of the service, as the API keeps it; the
 * provider named is the one the client chose. Sent once whatever the clicks (an Idempotency-Key, the button disabled).
 */

import { useState } from "preact/hooks";
import type { NewDiscussionWithProviders } from "../../../shared/api/messaging";
import type { FieldMap } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { useKeyKeeper } from "../../../shared/idempotency";
import { href, navigate } from "../../../shared/router";
import { FormAlert, SubmitButton, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, Pending } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import type { ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

const text = strings.newDiscussion;
const FIELDS: FieldMap = {
  subject: { control: "subject", label: text.subject },
  message: { control: "message", label: text.message },
};

export function NewDiscussion(props: ScreenProps) {
  const { api, inbox } = usePortal();
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const { errors, setErrors, busy, form, run } = useAction(FIELDS);
  const keys = useKeyKeeper();

  const service = services.data?.services.find((s) => s.service_id === props.query.service && s.status === "open");
  const provider = service?.providers.find((p) => p.worker_id === props.query.worker) ?? service?.providers[0];
  const name = provider?.name ?? strings.actions.yourProvider;

  const send = (event: Event) => {
    event.preventDefault();
    if (busy || !service) return;
    const missing: Record<string, string> = {};
    if (!subject.trim()) missing.subject = text.missingSubject;
    if (!message.trim()) missing.message = text.missingMessage;
    if (Object.keys(missing).length) return setErrors({ fields: missing });
    const body: NewDiscussionWithProviders = {
      service_id: service.service_id,
      subject: subject.trim(),
      message: message.trim(),
    };
    void run(async () => {
      const started = await portalApi.startDiscussion(api, body, keys.keyFor(body));
      keys.done();
      inbox.reload();
      navigate(`/inbox/discussion/${encodeURIComponent(started.discussion_id)}`, { replace: true });
    });
  };

  return (
    <>
      <ScreenTitle title={service ? text.title(name) : strings.screens.newDiscussion} />
      {!services.data ? (
        <Pending state={services} what={text.loading} />
      ) : !service ? (
        <>
          <Empty>{text.noService}</Empty>
          <a href={href("/services")}>{text.toMyServices}</a>
        </>
      ) : (
        <form ref={form} class="new-discussion card" onSubmit={send} noValidate aria-label={text.title(name)}>
          <p class="muted">
            {text.service}: <strong>{service.name}</strong>
          </p>
          <FormAlert errors={errors} formRef={form} />
          <TextField
            label={text.subject}
            name="subject"
            value={subject}
            onValue={setSubject}
            maxLength={200}
            error={errors.fields.subject}
          />
          <TextAreaField
            label={text.message}
            name="message"
            rows={5}
            value={message}
            onValue={setMessage}
            maxLength={5000}
            error={errors.fields.message}
            hint={text.note}
          />
          <SubmitButton busy={busy} label={text.send} busyLabel={text.sending} />
        </form>
      )}
    </>
  );
}
