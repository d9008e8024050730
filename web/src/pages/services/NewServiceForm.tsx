/** A new service file: its name, open date, providers and participants (clients found by name or email). */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import type { Directory } from "../../directory";
import type { FieldMap } from "../../../shared/errors";
import { requests } from "../../services/requests";
import type { ServiceFile } from "../../../shared/api/requests";
import { dateIn } from "../../../shared/time";
import { CheckboxGroup, FormActions, FormAlert, TextField, useAction } from "../../../shared/ui/forms";

const SERVICE_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  open_date: { control: "open_date", label: "Open date" },
  provider_ids: { control: "provider_ids", label: "Providers" },
  participant_ids: { control: "participant_ids", label: "Participants" },
};

export function NewServiceForm(props: { directory: Directory; onOpened: (s: ServiceFile) => void; onCancel: () => void }) {
  const { api, user } = useApp();
  const { directory } = props;
  const [name, setName] = useState("");
  const [openDate, setOpenDate] = useState(dateIn(directory.timeZone));
  const [providers, setProviders] = useState<string[]>(user.role === "worker" ? [user.personId] : []);
  const [participants, setParticipants] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const { errors, setErrors, busy, form, send } = useAction(SERVICE_FIELDS);
  const words = filter.trim().toLowerCase();
  const clients = directory.clients.filter(
    (c) => participants.includes(c.person_id) || !words || `${c.name} ${c.email}`.toLowerCase().includes(words),
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setErrors({ fields: { name: "Name the service." } });
    await send(async () => {
      const opened = await requests.openService(api, {
        name: name.trim(),
        open_date: openDate,
        provider_ids: providers,
        participant_ids: participants,
      });
      props.onOpened(opened);
    });
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
      <FormActions
        busy={busy}
        label="Open service"
        busyLabel="Opening…"
        cancel={{ label: "Cancel", onClick: props.onCancel }}
      />
    </form>
  );
}
