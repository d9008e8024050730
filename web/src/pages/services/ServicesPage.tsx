/**
 * Service files: the worker's (or every one, for admins), a new file, and clients' requests for a new
 * service to approve (which opens a file with the client) or decline. One file: its participants, added
 * and removed, and closing it.
 */

import { useRef, useState } from "preact/hooks";
import { useApp } from "../../context";
import { type Directory, useDirectory } from "../../directory";
import { type FieldMap, type FormErrors, formErrors, NO_ERRORS } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { href } from "../../../shared/router";
import { requests } from "../../services/requests";
import type { ServiceFile, ServiceRequest } from "../../../shared/api/requests";
import { dateIn, formatDay } from "../../../shared/time";
import { CheckboxGroup, FormAlert, SelectField, SubmitButton, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";

const SERVICE_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  open_date: { control: "open_date", label: "Open date" },
  provider_ids: { control: "provider_ids", label: "Providers" },
  participant_ids: { control: "participant_ids", label: "Participants" },
};

export function ServicesPage() {
  const { api, user } = useApp();
  const { directory, error, refresh } = useDirectory(api);
  const [scope, setScope] = useState<"mine" | "all">(user.role === "admin" ? "all" : "mine");
  const [status, setStatus] = useState<"open" | "closed" | "">("open");
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");

  if (error && !directory) return <LoadError error={error} retry={refresh} />;
  if (!directory) return <Loading what="services" />;
  const services = directory
    .servicesOf(scope === "mine" ? user.personId : null)
    .filter((s) => !status || s.status === status);

  return (
    <div class="services-page">
      <ServiceRequestsPanel directory={directory} onApproved={(name) => (setNotice(`Service ${name} opened.`), refresh())} />
      <section class="panel" aria-labelledby="files-title">
        <div class="panel-head">
          <h2 id="files-title">Service files</h2>
          <button type="button" class="primary" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            New service
          </button>
        </div>
        {adding && (
          <NewServiceForm
            directory={directory}
            onCancel={() => setAdding(false)}
            onOpened={(service) => {
              setAdding(false);
              setNotice(`Service ${service.name} opened.`);
              refresh();
            }}
          />
        )}
        {notice && (
          <p class="status-line" role="status">
            {notice}
          </p>
        )}
        <div class="row filters">
          <SelectField
            label="Whose"
            name="scope"
            class="compact"
            value={scope}
            onValue={(v) => setScope(v as "mine" | "all")}
            options={[
              { value: "mine", label: "Services I provide" },
              { value: "all", label: "All of the agency's services" },
            ]}
          />
          <SelectField
            label="Status"
            name="status"
            class="compact"
            value={status}
            onValue={(v) => setStatus(v as "open" | "closed" | "")}
            options={[
              { value: "open", label: "Open" },
              { value: "closed", label: "Closed" },
              { value: "", label: "Open and closed" },
            ]}
          />
        </div>
        {services.length === 0 ? (
          <Empty>No service files here.</Empty>
        ) : (
          <table class="services">
            <caption class="visually-hidden">Service files</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Providers</th>
                <th scope="col">Participants</th>
                <th scope="col">Opened</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.service_id}>
                  <td>
                    <a href={href(`/services/${encodeURIComponent(s.service_id)}`)}>{s.name}</a>
                  </td>
                  <td>{s.provider_ids.map((id) => directory.name(id)).join(", ")}</td>
                  <td>{s.participant_ids.length}</td>
                  <td class="nowrap">{formatDay(s.open_date)}</td>
                  <td>
                    <span class={`badge ${s.status === "open" ? "" : "muted"}`}>{s.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function NewServiceForm(props: { directory: Directory; onOpened: (s: ServiceFile) => void; onCancel: () => void }) {
  const { api, user } = useApp();
  const { directory } = props;
  const [name, setName] = useState("");
  const [openDate, setOpenDate] = useState(dateIn(directory.timeZone));
  const [providers, setProviders] = useState<string[]>(user.role === "worker" ? [user.personId] : []);
  const [participants, setParticipants] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const words = filter.trim().toLowerCase();
  const clients = directory.clients.filter(
    (c) => participants.includes(c.person_id) || !words || `${c.name} ${c.email}`.toLowerCase().includes(words),
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setErrors({ fields: { name: "Name the service." } });
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const opened = await requests.openService(api, {
        name: name.trim(),
        open_date: openDate,
        provider_ids: providers,
        participant_ids: participants,
      });
      props.onOpened(opened);
    } catch (error) {
      setErrors(formErrors(error, SERVICE_FIELDS));
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="inline-form" onSubmit={submit} noValidate aria-labelledby="new-service-title">
      <h3 id="new-service-title">New service</h3>
      <FormAlert errors={errors} formRef={form} />
      <div class="row">
        <TextField label="Name" name="name" value={name} onValue={setName} maxLength={200} error={errors.fields.name} />
        <TextField
          label="Open date"
          name="open_date"
          type="date"
          value={openDate}
          onValue={setOpenDate}
          error={errors.fields.open_date}
        />
      </div>
      <CheckboxGroup
        legend="Providers"
        name="provider_ids"
        options={directory.staff.map((p) => ({ value: p.person_id, label: `${p.name} (${p.role})` }))}
        values={providers}
        onValues={setProviders}
        error={errors.fields.provider_ids}
        hint={user.role === "worker" ? "Include yourself: workers open files they provide." : undefined}
      />
      <TextField
        label="Find clients"
        name="client_filter"
        type="search"
        value={filter}
        onValue={setFilter}
        hint="By name or email; chosen clients stay listed."
      />
      <div class="scroll-box">
        <CheckboxGroup
          legend="Participants"
          name="participant_ids"
          options={clients.map((c) => ({ value: c.person_id, label: c.name }))}
          values={participants}
          onValues={setParticipants}
          error={errors.fields.participant_ids}
          empty="No client matches."
        />
      </div>
      <div class="actions">
        <SubmitButton busy={busy} label="Open service" busyLabel="Opening…" />
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ServiceRequestsPanel(props: { directory: Directory; onApproved: (name: string) => void }) {
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
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const client = directory.name(request.client_id);
  const fields: FieldMap = {
    name: { control: "name", label: "Service name" },
    open_date: { control: "open_date", label: "Open date" },
    provider_ids: { control: "provider_ids", label: "Provider" },
    reason: { control: "reason", label: "Reason" },
  };

  const run = async (event: Event, action: () => Promise<void>) => {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action();
    } catch (error) {
      setErrors(formErrors(error, fields));
      setBusy(false);
    }
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

const SERVICE_CHANGE_FIELDS: FieldMap = {
  client_id: { control: "client_id", label: "Client" },
  close_date: { control: "close_date", label: "Close date" },
};

export function ServicePage(props: { serviceId: string }) {
  const { api, user } = useApp();
  const { directory, error: directoryError, refresh } = useDirectory(api);
  const service = useLoad(() => requests.service(api, props.serviceId), [props.serviceId]);
  const [adding, setAdding] = useState("");
  const [closeDate, setCloseDate] = useState("");
  const { errors, setErrors, busy, status: notice, setStatus: setNotice, form, run } = useAction(SERVICE_CHANGE_FIELDS);

  if ((directoryError && !directory) || (service.error && !service.data)) {
    return <LoadError error={service.error ?? directoryError} retry={service.error ? service.reload : refresh} />;
  }
  if (!directory || !service.data) return <Loading what="the service" />;
  const s = service.data;
  const mayChange = user.role === "admin" || s.provider_ids.includes(user.personId);
  const open = s.status === "open";
  const candidates = directory.clients.filter((c) => !s.participant_ids.includes(c.person_id));

  const act = (action: () => Promise<ServiceFile>, message: string) =>
    run(async () => {
      await action();
      setNotice(message);
      service.reload();
      refresh();
    });

  return (
    <div class="service-page">
      <p class="breadcrumb">
        <a href={href("/services")}>Services</a> <span aria-hidden="true">›</span> <span aria-current="page">{s.name}</span>
      </p>
      <section class="panel" aria-labelledby="service-title">
        <h2 id="service-title">
          {s.name} <span class={`badge ${open ? "" : "muted"}`}>{s.status}</span>
        </h2>
        <dl class="facts">
          <div>
            <dt>Opened</dt>
            <dd>{formatDay(s.open_date)}</dd>
          </div>
          {s.close_date && (
            <div>
              <dt>Closed</dt>
              <dd>{formatDay(s.close_date)}</dd>
            </div>
          )}
          <div>
            <dt>Providers</dt>
            <dd>{s.provider_ids.map((id) => directory.name(id)).join(", ")}</dd>
          </div>
        </dl>
        {notice && (
          <p class="status-line" role="status">
            {notice}
          </p>
        )}
        {errors.form && (
          <p class="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <h3>Participants</h3>
        {s.participant_ids.length === 0 ? (
          <Empty>No participants yet.</Empty>
        ) : (
          <table>
            <caption class="visually-hidden">Participants of {s.name}</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Email</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {s.participant_ids.map((id) => {
                const name = directory.name(id);
                return (
                  <tr key={id}>
                    <td>{name}</td>
                    <td>{directory.people.get(id)?.email ?? ""}</td>
                    <td class="row-actions">
                      <a class="button-link small" href={href(`/billing/${encodeURIComponent(id)}`)}>
                        Billing<span class="visually-hidden"> of {name}</span>
                      </a>
                      {open && mayChange && (
                        <>
                          <a
                            class="button-link small"
                            href={href(`/discussions/new?service=${encodeURIComponent(s.service_id)}&client=${encodeURIComponent(id)}`)}
                          >
                            Message<span class="visually-hidden"> {name}</span>
                          </a>
                          <button
                            type="button"
                            class="danger small"
                            disabled={busy}
                            onClick={() => {
                              if (window.confirm(`Remove ${name} from ${s.name}? They keep their history.`)) {
                                void act(() => requests.removeParticipant(api, s.service_id, id), `${name} removed.`);
                              }
                            }}
                          >
                            Remove<span class="visually-hidden"> {name}</span>
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {open && mayChange && (
          <form
            ref={form}
            class="inline-form"
            noValidate
            aria-label="Add a participant"
            onSubmit={(event) => {
              event.preventDefault();
              if (!adding) return setErrors({ fields: { client_id: "Choose a client to add." } });
              const name = directory.name(adding);
              void act(() => requests.addParticipant(api, s.service_id, adding), `${name} added.`).then(() => setAdding(""));
            }}
          >
            <div class="row align-end">
              <SelectField
                label="Client"
                name="client_id"
                value={adding}
                onValue={setAdding}
                placeholder="Choose a client"
                options={candidates.map((c) => ({ value: c.person_id, label: c.name }))}
                error={errors.fields.client_id}
              />
              <SubmitButton busy={busy} label="Add participant" busyLabel="Adding…" />
            </div>
          </form>
        )}
        {open && mayChange && (
          <form
            class="inline-form"
            noValidate
            aria-label="Close the service"
            onSubmit={(event) => {
              event.preventDefault();
              const date = closeDate || dateIn(directory.timeZone);
              if (window.confirm(`Close ${s.name} on ${formatDay(date)}? It takes no new events or messages after.`)) {
                void act(() => requests.closeService(api, s.service_id, date), `${s.name} closed.`);
              }
            }}
          >
            <h3>Close the service</h3>
            <div class="row align-end">
              <TextField
                label="Close date"
                name="close_date"
                type="date"
                value={closeDate || dateIn(directory.timeZone)}
                onValue={setCloseDate}
                error={errors.fields.close_date}
              />
              <SubmitButton busy={busy} label="Close service" busyLabel="Closing…" class="danger" />
            </div>
          </form>
        )}
        {!mayChange && <p class="hint">Only its providers and admins change a service file.</p>}
      </section>
    </div>
  );
}

