/** One service file: its participants, added and removed, and closing it. */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import { type Directory, useDirectory } from "../../directory";
import type { FieldMap } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { href } from "../../../shared/router";
import { requests } from "../../services/requests";
import type { ServiceFile } from "../../../shared/api/requests";
import { dateIn, formatDay } from "../../../shared/time";
import { SelectField, SubmitButton, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";

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
        <Participants
          service={s}
          directory={directory}
          mayChange={open && mayChange}
          busy={busy}
          onRemove={(id, name) => void act(() => requests.removeParticipant(api, s.service_id, id), `${name} removed.`)}
        />
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

/** The file's participants: each with a link to their billing, and while it is open, a message and removing them. */
function Participants(props: {
  service: ServiceFile;
  directory: Directory;
  mayChange: boolean;
  busy: boolean;
  onRemove: (clientId: string, name: string) => void;
}) {
  const { service: s, directory } = props;
  if (s.participant_ids.length === 0) return <Empty>No participants yet.</Empty>;
  return (
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
                {props.mayChange && (
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
                      disabled={props.busy}
                      onClick={() => {
                        if (window.confirm(`Remove ${name} from ${s.name}? They keep their history.`)) props.onRemove(id, name);
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
  );
}
