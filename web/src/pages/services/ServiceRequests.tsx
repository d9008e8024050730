/** Clients' requests for a new service: approve one (which opens a file with the client) or decline it with a reason. */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import type { Directory } from "../../directory";
import type { FieldMap } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { requests } from "../../services/requests";
import type { ServiceRequest } from "../../../shared/api/requests";
import { dateIn, formatDay } from "../../../shared/time";
import { FormAlert, SelectField, SubmitButton, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";

export function ServiceRequestsPanel(props: { directory: Directory; onApproved: (name: string) => void }) {
  const { api } = useApp();
  const list = useLoad(() => requests.serviceRequests(api, "pending"), []);
  const [notice, setNotice] = useState("");
  return (
    <section class="panel" aria-labelledby="service-requests-title">
      <h2 id="service-requests-title">Requests for a new service</h2>
      {list.loading && !list.data && <Loading what="requests for a new service" />}
      {list.error && !list.data && <LoadError error={list.error} retry={list.reload} />}
      {notice && (
        <p class="status-line" role="status">
          {notice}
        </p>
      )}
      {list.data && list.data.length === 0 && <Empty>No client is waiting for an answer about a new service.</Empty>}
      {list.data && list.data.length > 0 && (
        <ul class="plain-list">
          {list.data.map((r) => (
            <li key={r.service_request_id}>
              <ServiceRequestEntry
                request={r}
                directory={props.directory}
                onDone={(message, openedName) => {
                  setNotice(message);
                  list.reload();
                  if (openedName) props.onApproved(openedName);
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const ANSWER_FIELDS: FieldMap = {
  name: { control: "name", label: "Service name" },
  open_date: { control: "open_date", label: "Open date" },
  provider_ids: { control: "provider_ids", label: "Provider" },
  reason: { control: "reason", label: "Reason" },
};

function ServiceRequestEntry(props: {
  request: ServiceRequest;
  directory: Directory;
  onDone: (message: string, openedName?: string) => void;
}) {
  const { api, user } = useApp();
  const { request, directory } = props;
  const [open, setOpen] = useState<"approve" | "decline" | null>(null);
  const [name, setName] = useState(request.name);
  const [openDate, setOpenDate] = useState(dateIn(directory.timeZone));
  const [providerId, setProviderId] = useState(user.role === "worker" ? user.personId : "");
  const [reason, setReason] = useState("");
  const { errors, setErrors, busy, form, send } = useAction(ANSWER_FIELDS);
  const client = directory.name(request.client_id);

  const run = (event: Event, action: () => Promise<void>) => {
    event.preventDefault();
    return send(action);
  };

  return (
    <article aria-labelledby={`sr-${request.service_request_id}`}>
      <h3 id={`sr-${request.service_request_id}`}>
        {client} asks for “{request.name}”
      </h3>
      <p class="muted">Asked on {formatDay(request.created_at, directory.timeZone)}</p>
      {request.message && <blockquote class="request-message">{request.message}</blockquote>}
      <div class="actions">
        <button type="button" aria-expanded={open === "approve"} onClick={() => setOpen(open === "approve" ? null : "approve")}>
          Approve…
        </button>
        <button type="button" aria-expanded={open === "decline"} onClick={() => setOpen(open === "decline" ? null : "decline")}>
          Decline…
        </button>
      </div>
      {open === "approve" && (
        <form
          ref={form}
          class="inline-form"
          noValidate
          aria-label={`Approve ${client}'s request`}
          onSubmit={(event) =>
            void run(event, async () => {
              await requests.approveServiceRequest(api, request.service_request_id, {
                name: name.trim() || undefined,
                open_date: openDate,
                provider_ids: providerId ? [providerId] : undefined,
              });
              props.onDone(`Approved: ${client} now takes part in ${name.trim() || request.name}.`, name.trim() || request.name);
            })
          }
        >
          <FormAlert errors={errors} formRef={form} />
          <div class="row">
            <TextField label="Service name" name="name" value={name} onValue={setName} maxLength={200} error={errors.fields.name} />
            <TextField label="Open date" name="open_date" type="date" value={openDate} onValue={setOpenDate} error={errors.fields.open_date} />
          </div>
          <SelectField
            label="Provider"
            name="provider_ids"
            value={providerId}
            onValue={setProviderId}
            placeholder="Choose the provider"
            options={directory.staff.map((p) => ({ value: p.person_id, label: p.name }))}
            error={errors.fields.provider_ids}
          />
          <SubmitButton busy={busy} label="Approve and open the service" busyLabel="Opening…" />
        </form>
      )}
      {open === "decline" && (
        <form
          ref={form}
          class="inline-form"
          noValidate
          aria-label={`Decline ${client}'s request`}
          onSubmit={(event) => {
            if (!reason.trim()) {
              event.preventDefault();
              return setErrors({ fields: { reason: "Give the client a reason." } });
            }
            void run(event, async () => {
              await requests.declineServiceRequest(api, request.service_request_id, reason.trim());
              props.onDone(`Declined ${client}'s request for “${request.name}”.`);
            });
          }}
        >
          <FormAlert errors={errors} formRef={form} />
          <TextAreaField label="Reason" name="reason" value={reason} onValue={setReason} maxLength={1000} error={errors.fields.reason} hint="The client sees it." />
          <SubmitButton busy={busy} label="Decline request" busyLabel="Declining…" class="danger" />
        </form>
      )}
    </article>
  );
}
