/** The form of one weekly block, to add or to edit: day, from, to, type and site. */

import type { RefObject } from "preact";
import type { FieldMap, FormErrors } from "../../../shared/errors";
import type { AvailabilityType, Block, BlockFields, Site } from "../../../shared/api/availability";
import { DAY_LABELS, DAYS, type Day } from "../../../shared/time";
import { FormAlert, SelectField, StatusLine, SubmitButton, TextField } from "../../../shared/ui/forms";
import { endClockOf, timeInputValue } from "./blocks";

export const BLOCK_FIELDS: FieldMap = {
  day: { control: "day", label: "Day" },
  from: { control: "from", label: "From" },
  to: { control: "to", label: "To" },
  type_id: { control: "type_id", label: "Type" },
  site_id: { control: "site_id", label: "Site" },
};

/** What the form holds: `blockId` is the block being edited, null for a new one. */
export interface Draft {
  blockId: string | null;
  day: Day;
  from: string;
  to: string;
  typeId: string;
  siteId: string;
}

/** The form's draft of a block to edit. */
export function draftOf(block: Block): Draft {
  return {
    blockId: block.block_id,
    day: block.day,
    from: block.from,
    to: timeInputValue(block.to),
    typeId: block.type_id,
    siteId: block.site_id,
  };
}

/** What the API is sent for a draft (00:00 as the end is midnight at the end of the day). */
export function fieldsOf(d: Draft): BlockFields {
  return { day: d.day, from: d.from, to: endClockOf(d.to), type_id: d.typeId, site_id: d.siteId };
}

export function BlockForm(props: {
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  types: AvailabilityType[];
  sites: Site[];
  clientFacingTypeId: string | null;
  /** The block being edited: a retired type or site is offered for no new block, but it may keep its own. */
  kept: Block | undefined;
  errors: FormErrors;
  busy: boolean;
  status: string;
  form: RefObject<HTMLFormElement>;
  onSubmit: (event: Event) => void;
  onDelete: () => void;
  onCancel: () => void;
}) {
  const { draft, onDraft: set, types, sites, clientFacingTypeId, kept, errors, form } = props;
  const editing = draft.blockId !== null;
  return (
    <form ref={form} class="block-form card" onSubmit={props.onSubmit} noValidate aria-labelledby="block-form-title">
      <h3 id="block-form-title">{editing ? "Edit block" : "Add a block"}</h3>
      <FormAlert errors={errors} formRef={form} />
      <SelectField
        label="Day"
        name="day"
        value={draft.day}
        onValue={(v) => set({ day: v as Day })}
        options={DAYS.map((d) => ({ value: d, label: DAY_LABELS[d] }))}
        error={errors.fields.day}
      />
      <div class="row">
        <TextField
          label="From"
          name="from"
          type="time"
          step={300}
          value={draft.from}
          onValue={(v) => set({ from: v })}
          error={errors.fields.from}
        />
        <TextField
          label="To"
          name="to"
          type="time"
          step={300}
          value={draft.to}
          onValue={(v) => set({ to: v })}
          error={errors.fields.to}
          hint="00:00 is midnight at the end of the day."
        />
      </div>
      <SelectField
        label="Type"
        name="type_id"
        value={draft.typeId}
        onValue={(v) => set({ typeId: v })}
        placeholder="Choose a type"
        options={types
          .filter((t) => !t.retired || t.type_id === kept?.type_id)
          .map((t) => ({
            value: t.type_id,
            label: `${t.name}${t.type_id === clientFacingTypeId ? " (client-facing)" : ""}${t.retired ? " (retired)" : ""}`,
          }))}
        error={errors.fields.type_id}
      />
      <SelectField
        label="Site"
        name="site_id"
        value={draft.siteId}
        onValue={(v) => set({ siteId: v })}
        placeholder="Choose a site"
        options={sites
          .filter((s) => !s.retired || s.site_id === kept?.site_id)
          .map((s) => ({ value: s.site_id, label: `${s.name} (${s.timezone})${s.retired ? " (retired)" : ""}` }))}
        error={errors.fields.site_id}
      />
      <div class="actions">
        <SubmitButton busy={props.busy} label={editing ? "Save block" : "Add block"} />
        {editing && (
          <>
            <button type="button" class="danger" onClick={props.onDelete}>
              Delete block
            </button>
            <button type="button" onClick={props.onCancel}>
              Cancel
            </button>
          </>
        )}
      </div>
      {props.status && <StatusLine text={props.status} />}
    </form>
  );
}
