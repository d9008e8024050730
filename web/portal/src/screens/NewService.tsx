/**
 * Request a New Service: a name and an optional message, sent once however often Send is pressed (an Idempotency-Key,
 * the button disabled in flight); below, the client's requests with their state: pending, approved (a link to the
 * opened service in My Services) or declined with the reason. Shown while the agency takes such requests.
 */

import { useId, useState } from "preact/hooks";
import type { ServiceRequest, ServiceRequests } from "../../../shared/api/requests";
import { usePaged } from "../../../shared/hooks";
import { useKeyKeeper } from "../../../shared/idempotency";
import { browserZone, formatDay } from "../../../shared/time";
import { FormAlert, StatusLine, SubmitButton, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { hrefOf, type ScreenProps } from "../routes";
import { draftProblem, EMPTY_DRAFT, MAX_MESSAGE, MAX_NAME, requestBody, type ServiceDraft, stateOf } from "../serviceRequests";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

const text = strings.newService;

export function NewService(_props: ScreenProps) {
  const { api } = usePortal();
  const requests = usePaged(
    (cursor) =>
      portalApi.myServiceRequests(api, cursor).then((page: ServiceRequests) => ({
        items: page.service_requests,
        cursor: page.cursor,
      })),
    [api],
  );

  return (
    <>
      <ScreenTitle title={text.title} />
      <p>{text.intro}</p>
      <RequestForm onSent={requests.reload} />
      <section aria-labelledby="your-service-requests">
        <h2 id="your-service-requests" class="tab-title">
          {text.yours}
        </h2>
        {requests.items.length === 0 ? (
          requests.error ? (
            <LoadError error={requests.error} retry={requests.reload} />
          ) : requests.loading ? (
            <Loading what={text.loading} />
          ) : (
            <Empty>{text.none}</Empty>
          )
        ) : (
          <>
            <ul class="service-requests">
              {requests.items.map((request) => (
                <RequestCard key={request.service_request_id} request={request} />
              ))}
            </ul>
            {requests.error !== undefined && <LoadError error={requests.error} retry={requests.loadMore} />}
            {requests.more && (
              <button type="button" onClick={requests.loadMore} disabled={requests.loading}>
                {text.more}
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}

function RequestForm(props: { onSent: () => void }) {
  const { api } = usePortal();
  const [draft, setDraft] = useState<ServiceDraft>(EMPTY_DRAFT);
  const keys = useKeyKeeper();
  const action = useAction({
    name: { control: "name", label: text.name },
    message: { control: "message", label: text.message },
  });

  const send = (event: Event) => {
    event.preventDefault();
    if (action.busy) return;
    const problem = draftProblem(draft);
    if (problem) {
      const body = requestBody(draft);
      action.setStatus("");
      action.setErrors({
        fields: {
          [problem]: problem === "name" && !body.name ? text.missingName : text.tooLong(problem === "name" ? MAX_NAME : MAX_MESSAGE),
        },
      });
      return;
    }
    const body = requestBody(draft);
    void action.run(async () => {
      const sent = await portalApi.requestService(api, body, keys.keyFor(body));
      keys.done();
      setDraft(EMPTY_DRAFT);
      action.setStatus(text.sent(sent.name));
      props.onSent();
    });
  };

  return (
    <form ref={action.form} class="card new-service-form" aria-label={text.title} onSubmit={send} noValidate>
      <FormAlert errors={action.errors} formRef={action.form} />
      <TextField
        label={text.name}
        name="name"
        value={draft.name}
        onValue={(name) => setDraft({ ...draft, name })}
        error={action.errors.fields.name}
        hint={text.nameHint}
        maxLength={MAX_NAME}
        required
        autoComplete="off"
      />
      <TextAreaField
        label={text.message}
        name="message"
        value={draft.message}
        onValue={(message) => setDraft({ ...draft, message })}
        error={action.errors.fields.message}
        hint={text.messageHint}
        maxLength={MAX_MESSAGE}
        rows={4}
      />
      <SubmitButton busy={action.busy} label={text.send} busyLabel={text.sending} />
      {action.status && <StatusLine text={action.status} />}
    </form>
  );
}

function RequestCard(props: { request: ServiceRequest }) {
  const { request } = props;
  const heading = useId();
  const state = stateOf(request);
  const serviceLink = state.state === "approved" && state.serviceId ? hrefOf("myServices", { service: state.serviceId }) : null;
  return (
    <li class="card service-request" data-state={state.state}>
      <article aria-labelledby={heading}>
        <h3 id={heading} class="service-name">
          {request.name}{" "}
          <span class={`badge ${state.state === "pending" ? "muted" : state.state === "declined" ? "declined" : ""}`}>
            {text[state.state]}
          </span>
        </h3>
        <p class="muted">{text.sentOn(formatDay(request.created_at, browserZone()))}</p>
        {state.state === "pending" && <p>{text.pendingNote}</p>}
        {state.state === "approved" && (
          <p>
            {text.approvedNote} {serviceLink && <a href={serviceLink}>{text.showService(request.name)}</a>}
          </p>
        )}
        {state.state === "declined" && (
          <p>
            <strong>{text.reason}:</strong> {state.reason ?? text.noReason}
          </p>
        )}
      </article>
    </li>
  );
}
