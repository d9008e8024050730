/** Billing: choose a client, then their account, invoices and transactions, and what staff do with money. */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import { useDirectory } from "../../directory";
import { href } from "../../../shared/router";
import { TextField } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { CheckboxField } from "../../../shared/ui/forms";

export function BillingPage() {
  const { api, user } = useApp();
  const { directory, error, refresh } = useDirectory(api);
  const [filter, setFilter] = useState("");
  const [mine, setMine] = useState(user.role === "worker");
  if (error && !directory) return <LoadError error={error} retry={refresh} />;
  if (!directory) return <Loading what="clients" />;

  const myServices = directory.servicesOf(user.personId);
  const myClients = new Set(myServices.flatMap((s) => s.participant_ids));
  const words = filter.trim().toLowerCase();
  const clients = directory.clients.filter(
    (c) => (!mine || myClients.has(c.person_id)) && (!words || `${c.name} ${c.email}`.toLowerCase().includes(words)),
  );
  const servicesOf = (clientId: string) =>
    [...directory.services.values()].filter((s) => s.participant_ids.includes(clientId)).map((s) => s.name);

  return (
    <div class="billing-page">
      <div class="row filters">
        <TextField
          label="Find a client"
          name="filter"
          type="search"
          class="compact"
          value={filter}
          onValue={setFilter}
          hint="By name or email."
        />
      </div>
      {user.role === "worker" && (
        <CheckboxField label="Only clients of my services" name="mine" checked={mine} onValue={setMine} />
      )}
      {clients.length === 0 ? (
        <Empty>{words ? "No client matches." : "No clients here yet."}</Empty>
      ) : (
        <table class="clients">
          <caption class="visually-hidden">Clients</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Email</th>
              <th scope="col">Services</th>
              <th scope="col">
                <span class="visually-hidden">Account</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.person_id}>
                <td>{c.name}</td>
                <td>{c.email}</td>
                <td>{servicesOf(c.person_id).join(", ")}</td>
                <td class="row-actions">
                  <a href={href(`/billing/${encodeURIComponent(c.person_id)}`)}>
                    Account<span class="visually-hidden"> of {c.name}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
