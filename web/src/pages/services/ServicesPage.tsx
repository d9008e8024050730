/**
 * Service files: the worker's (or every one, for admins), a new file, and clients' requests for a new
 * service to approve (which opens a file with the client) or decline. One file is ServicePage.
 */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import { useDirectory } from "../../directory";
import { href } from "../../../shared/router";
import { formatDay } from "../../../shared/time";
import { SelectField } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { NewServiceForm } from "./NewServiceForm";
import { ServiceRequestsPanel } from "./ServiceRequests";

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
