/** Every worker of the agency, each a way into their availability; and one worker's availability. */

import { useApp } from "../../context";
import { useLoad } from "../../../shared/hooks";
import { href } from "../../../shared/router";
import { requests } from "../../services/requests";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { AvailabilityPage } from "../availability/AvailabilityPage";

export function WorkersPage() {
  const { api } = useApp();
  const workers = useLoad(() => requests.people(api, "worker"), []);
  if (workers.error && !workers.data) return <LoadError error={workers.error} retry={workers.reload} />;
  if (!workers.data) return <Loading what="workers" />;
  if (workers.data.length === 0) return <Empty>The agency has no workers yet.</Empty>;
  const sorted = [...workers.data].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <table class="workers">
      <caption class="visually-hidden">Workers</caption>
      <thead>
        <tr>
          <th scope="col">Worker</th>
          <th scope="col">Email</th>
          <th scope="col">
            <span class="visually-hidden">Availability</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((worker) => (
          <tr key={worker.person_id}>
            <td>{worker.name}</td>
            <td>{worker.email}</td>
            <td>
              <a href={href(`/admin/workers/${encodeURIComponent(worker.person_id)}`)}>
                Availability<span class="visually-hidden"> of {worker.name}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WorkerAvailabilityPage(props: { workerId: string }) {
  const { api } = useApp();
  const person = useLoad(() => requests.person(api, props.workerId), [props.workerId]);
  return (
    <>
      <p class="breadcrumb">
        <a href={href("/admin/workers")}>All workers</a> <span aria-hidden="true">›</span>{" "}
        <span aria-current="page">{person.data ? person.data.name : props.workerId}</span>
      </p>
      {person.error ? (
        <LoadError error={person.error} retry={person.reload} />
      ) : (
        <AvailabilityPage key={props.workerId} workerId={props.workerId} />
      )}
    </>
  );
}
