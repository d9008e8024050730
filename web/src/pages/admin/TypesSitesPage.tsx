/** The agency's availability types (which one is client-facing) and sites (each with its time zone). */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import type { FieldMap } from "../../errors";
import { useLoad } from "../../hooks";
import { availability } from "../../services/availability";
import { timeZones } from "../../time";
import { FormAlert, StatusLine, SubmitButton, TextField, useAction } from "../../ui/forms";
import { Empty, LoadError, Loading } from "../../ui/states";

const TYPE_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  color: { control: "color", label: "Colour" },
};
const SITE_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  timezone: { control: "timezone", label: "Time zone" },
};

export function TypesSitesPage() {
  const { api } = useApp();
  const loaded = useLoad(
    () => Promise.all([availability.types(api), availability.sites(api), availability.settings(api)]),
    [],
  );
  if (loaded.error && !loaded.data) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading what="types and sites" />;
  const [types, sites, settings] = loaded.data;
  return (
    <div class="two-columns">
      <section class="panel" aria-labelledby="types-title">
        <h2 id="types-title">Availability types</h2>
        <p class="hint">
          Workers mark each weekly block with a type. Clients see slots only in blocks of the client-facing type,
          chosen in Agency settings.
        </p>
        {types.length === 0 ? (
          <Empty>No types yet.</Empty>
        ) : (
          <ul class="plain-list">
            {types.map((t) => (
              <li key={t.type_id}>
                <span class="swatch" style={{ background: t.color }} aria-hidden="true" />
                {t.name}
                {t.type_id === settings.client_facing_type_id && <span class="badge">client-facing</span>}
              </li>
            ))}
          </ul>
        )}
        <AddTypeForm onAdded={loaded.reload} />
      </section>
      <section class="panel" aria-labelledby="sites-title">
        <h2 id="sites-title">Sites</h2>
        <p class="hint">Where workers see clients. A block's times are wall-clock times in its site's time zone.</p>
        {sites.length === 0 ? (
          <Empty>No sites yet.</Empty>
        ) : (
          <ul class="plain-list">
            {sites.map((s) => (
              <li key={s.site_id}>
                {s.name} <span class="muted">{s.timezone}</span>
              </li>
            ))}
          </ul>
        )}
        <AddSiteForm defaultZone={settings.timezone} onAdded={loaded.reload} />
      </section>
    </div>
  );
}

function AddTypeForm(props: { onAdded: () => void }) {
  const { api } = useApp();
  const [name, setName] = useState("");
  const [color, setColor] = useState("#1E90FF");
  const { errors, busy, status, setStatus, form, run } = useAction(TYPE_FIELDS);
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const added = await availability.addType(api, name.trim(), color);
      setName("");
      setStatus(`Type ${added.name} added.`);
      props.onAdded();
    });
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="add-type-title">
      <h3 id="add-type-title">Add a type</h3>
      <FormAlert errors={errors} formRef={form} />
      <div class="row">
        <TextField label="Name" name="name" value={name} onValue={setName} maxLength={60} error={errors.fields.name} />
        <TextField label="Colour" name="color" type="color" value={color} onValue={setColor} error={errors.fields.color} />
      </div>
      <SubmitButton busy={busy} label="Add type" busyLabel="Adding…" />
      {status && <StatusLine text={status} />}
    </form>
  );
}

function AddSiteForm(props: { defaultZone: string; onAdded: () => void }) {
  const { api } = useApp();
  const [name, setName] = useState("");
  const [zone, setZone] = useState(props.defaultZone);
  const { errors, busy, status, setStatus, form, run } = useAction(SITE_FIELDS);
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const added = await availability.addSite(api, name.trim(), zone.trim());
      setName("");
      setStatus(`Site ${added.name} added.`);
      props.onAdded();
    });
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="add-site-title">
      <h3 id="add-site-title">Add a site</h3>
      <FormAlert errors={errors} formRef={form} />
      <div class="row">
        <TextField label="Name" name="name" value={name} onValue={setName} maxLength={100} error={errors.fields.name} />
        <TextField
          label="Time zone"
          name="timezone"
          value={zone}
          onValue={setZone}
          list="site-time-zones"
          autoComplete="off"
          error={errors.fields.timezone}
        />
        <datalist id="site-time-zones">
          {timeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <SubmitButton busy={busy} label="Add site" busyLabel="Adding…" />
      {status && <StatusLine text={status} />}
    </form>
  );
}
