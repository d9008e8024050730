/**
 * The agency's availability types (which one is client-facing) and sites (each with its time zone and, if given, the
 * address reminders and calendar files say): adding, renaming, recolouring a type, changing a site's address, and
 * retiring one (offered for no new block; blocks that have it keep it).
 */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import { type FieldMap, plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import type { AvailabilityType, Site, TypeChange } from "../../../shared/api/availability";
import { timeZones } from "../../../shared/time";
import { FormActions, FormAlert, StatusLine, SubmitButton, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";

const TYPE_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  color: { control: "color", label: "Colour" },
};
const SITE_FIELDS: FieldMap = {
  name: { control: "name", label: "Name" },
  timezone: { control: "timezone", label: "Time zone" },
  address: { control: "address", label: "Address" },
};
const ADDRESS_HINT = "Where clients go, as on an envelope: reminder emails and calendar files say it. Optional.";

/** A site's address, the same in the add and the edit form. */
function AddressField(props: { value: string; onValue: (value: string) => void; error?: string }) {
  return (
    <TextField
      label="Address"
      name="address"
      value={props.value}
      onValue={props.onValue}
      maxLength={300}
      autoComplete="off"
      error={props.error}
      hint={ADDRESS_HINT}
    />
  );
}

export function TypesSitesPage() {
  const { api } = useApp();
  const loaded = useLoad(
    () => Promise.all([availability.types(api), availability.sites(api), availability.settings(api)]),
    [],
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  if (loaded.error && !loaded.data) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading what="types and sites" />;
  const [types, sites, settings] = loaded.data;

  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
    loaded.reload();
  };
  const retire = async (what: string, change: () => Promise<unknown>, retired: boolean) => {
    setNotice("");
    try {
      await change();
      done(retired ? `${what} retired: offered for no new block; blocks that have it keep it.` : `${what} is back.`);
    } catch (error) {
      setNotice(plainMessage(error));
      loaded.reload();
    }
  };

  return (
    <>
      {notice && <StatusLine text={notice} />}
      <div class="two-columns">
        <section class="panel" aria-labelledby="types-title">
          <h2 id="types-title">Availability types</h2>
          <p class="hint">
            Workers mark each weekly block with a type. Clients see slots only in blocks of the client-facing type,
            chosen in Agency settings. A retired type is offered for no new block; blocks that have it keep it. The
            client-facing type cannot be retired.
          </p>
          {types.length === 0 ? (
            <Empty>No types yet.</Empty>
          ) : (
            <ul class="plain-list managed-list" aria-label="Types">
              {types.map((t) => {
                const facing = t.type_id === settings.client_facing_type_id;
                return (
                  <li key={t.type_id} class={t.retired ? "retired" : ""}>
                    <div class="managed-row">
                      <span class="swatch" style={{ background: t.color }} aria-hidden="true" />
                      <span class="managed-name">{t.name}</span>
                      {facing && <span class="badge">client-facing</span>}
                      {t.retired && <span class="badge muted">Retired</span>}
                      <span class="row-actions">
                        <button
                          type="button"
                          class="small"
                          aria-expanded={editing === t.type_id}
                          aria-label={`Edit type ${t.name}`}
                          onClick={() => setEditing(editing === t.type_id ? null : t.type_id)}
                        >
                          Edit
                        </button>
                        {!facing && (
                          <button
                            type="button"
                            class={t.retired ? "small" : "small danger"}
                            aria-label={`${t.retired ? "Bring back" : "Retire"} type ${t.name}`}
                            onClick={() =>
                              void retire(
                                `Type ${t.name}`,
                                () => availability.updateType(api, t, { retired: !t.retired }),
                                !t.retired,
                              )
                            }
                          >
                            {t.retired ? "Bring back" : "Retire"}
                          </button>
                        )}
                      </span>
                    </div>
                    {editing === t.type_id && (
                      <EditTypeForm
                        type={t}
                        facing={facing}
                        onDone={(saved) => (saved ? done(`Type ${saved.name} saved.`) : setEditing(null))}
                      />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <AddTypeForm onAdded={loaded.reload} />
        </section>
        <section class="panel" aria-labelledby="sites-title">
          <h2 id="sites-title">Sites</h2>
          <p class="hint">
            Where workers see clients. A block's times are wall-clock times in its site's time zone, so a site's zone
            is fixed once it is added: for another zone, add a site and retire this one. A retired site is offered for
            no new block; blocks that have it keep it.
          </p>
          {sites.length === 0 ? (
            <Empty>No sites yet.</Empty>
          ) : (
            <ul class="plain-list managed-list" aria-label="Sites">
              {sites.map((s) => (
                <li key={s.site_id} class={s.retired ? "retired" : ""}>
                  <div class="managed-row">
                    <span class="managed-name">{s.name}</span> <span class="muted">{s.timezone}</span>
                    {s.address && <span class="muted site-address">{s.address}</span>}
                    {s.retired && <span class="badge muted">Retired</span>}
                    <span class="row-actions">
                      <button
                        type="button"
                        class="small"
                        aria-expanded={editing === s.site_id}
                        aria-label={`Edit site ${s.name}`}
                        onClick={() => setEditing(editing === s.site_id ? null : s.site_id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        class={s.retired ? "small" : "small danger"}
                        aria-label={`${s.retired ? "Bring back" : "Retire"} site ${s.name}`}
                        onClick={() =>
                          void retire(
                            `Site ${s.name}`,
                            () => availability.updateSite(api, s, { retired: !s.retired }),
                            !s.retired,
                          )
                        }
                      >
                        {s.retired ? "Bring back" : "Retire"}
                      </button>
                    </span>
                  </div>
                  {editing === s.site_id && (
                    <EditSiteForm
                      site={s}
                      onDone={(saved) => (saved ? done(`Site ${saved.name} saved.`) : setEditing(null))}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          <AddSiteForm defaultZone={settings.timezone} onAdded={loaded.reload} />
        </section>
      </div>
    </>
  );
}

function EditTypeForm(props: {
  type: AvailabilityType;
  facing: boolean;
  onDone: (saved: AvailabilityType | null) => void;
}) {
  const { api } = useApp();
  const { type } = props;
  const [name, setName] = useState(type.name);
  const [color, setColor] = useState(type.color);
  const { errors, busy, form, run } = useAction(TYPE_FIELDS);
  const submit = (event: Event) => {
    event.preventDefault();
    const changes: Pick<TypeChange, "name" | "color"> = {};
    if (name.trim() !== type.name) changes.name = name.trim();
    if (color.toUpperCase() !== type.color) changes.color = color;
    if (Object.keys(changes).length === 0) return props.onDone(null);
    void run(async () => props.onDone(await availability.updateType(api, type, changes)));
  };
  const title = `edit-type-${type.type_id}`;
  return (
    <form ref={form} class="inline-form" onSubmit={submit} noValidate aria-labelledby={title}>
      <h4 id={title}>Edit {type.name}</h4>
      <FormAlert errors={errors} formRef={form} />
      <div class="row">
        <TextField label="Name" name="name" value={name} onValue={setName} maxLength={60} error={errors.fields.name} />
        <TextField label="Colour" name="color" type="color" value={color} onValue={setColor} error={errors.fields.color} />
      </div>
      {props.facing && (
        <p class="hint">The client-facing type cannot be retired; choose another in Agency settings first.</p>
      )}
      <FormActions busy={busy} label="Save type" cancel={{ label: "Cancel", onClick: () => props.onDone(null) }} />
    </form>
  );
}

function EditSiteForm(props: { site: Site; onDone: (saved: Site | null) => void }) {
  const { api } = useApp();
  const { site } = props;
  const [name, setName] = useState(site.name);
  const [address, setAddress] = useState(site.address ?? "");
  const { errors, busy, form, run } = useAction(SITE_FIELDS);
  const submit = (event: Event) => {
    event.preventDefault();
    const changes: { name?: string; address?: string } = {};
    if (name.trim() !== site.name) changes.name = name.trim();
    if (address.trim() !== (site.address ?? "")) changes.address = address.trim(); // empty: no address
    if (!Object.keys(changes).length) return props.onDone(null);
    void run(async () => props.onDone(await availability.updateSite(api, site, changes)));
  };
  const title = `edit-site-${site.site_id}`;
  return (
    <form ref={form} class="inline-form" onSubmit={submit} noValidate aria-labelledby={title}>
      <h4 id={title}>Edit {site.name}</h4>
      <FormAlert errors={errors} formRef={form} />
      <TextField label="Name" name="name" value={name} onValue={setName} maxLength={100} error={errors.fields.name} />
      <AddressField value={address} onValue={setAddress} error={errors.fields.address} />
      <FormActions busy={busy} label="Save site" cancel={{ label: "Cancel", onClick: () => props.onDone(null) }} />
    </form>
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
  const [address, setAddress] = useState("");
  const { errors, busy, status, setStatus, form, run } = useAction(SITE_FIELDS);
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const added = await availability.addSite(api, name.trim(), zone.trim(), address.trim() || null);
      setName("");
      setAddress("");
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
          hint="Fixed once the site is added."
        />
        <datalist id="site-time-zones">
          {timeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <AddressField value={address} onValue={setAddress} error={errors.fields.address} />
      <SubmitButton busy={busy} label="Add site" busyLabel="Adding…" />
      {status && <StatusLine text={status} />}
    </form>
  );
}
