/** One calendar's weekly blocks: the week grid, the block form (add or edit) and the list of blocks. */

import { useMemo, useState } from "preact/hooks";
import { useApp } from "../../context";
import { type FieldMap, formErrors, NO_ERRORS, plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import type { AvailabilityType, Block, BlockFields, Calendar, Site } from "../../../shared/api/availability";
import { DAY_LABELS, DAYS, type Day } from "../../../shared/time";
import { FormAlert, SelectField, StatusLine, SubmitButton, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { blockToEvent, endClockOf, sortBlocks, timeInputValue } from "./blocks";
import { WeekGrid } from "./WeekGrid";

const BLOCK_FIELDS: FieldMap = {
  day: { control: "day", label: "Day" },
  from: { control: "from", label: "From" },
  to: { control: "to", label: "To" },
  type_id: { control: "type_id", label: "Type" },
  site_id: { control: "site_id", label: "Site" },
};

interface Draft {
  blockId: string | null;
  day: Day;
  from: string;
  to: string;
  typeId: string;
  siteId: string;
}

export function WeekEditor(props: {
  workerId: string;
  calendar: Calendar;
  types: AvailabilityType[];
  sites: Site[];
  clientFacingTypeId: string | null;
  onChanged: () => void;
}) {
  const { api } = useApp();
  const { workerId, calendar, types, sites, clientFacingTypeId } = props;
  const blocks = useLoad(() => availability.blocks(api, workerId, calendar.calendar_id), [
    workerId,
    calendar.calendar_id,
  ]);
  const offeredSites = sites.filter((s) => !s.retired);
  const blank = (): Draft => ({
    blockId: null,
    day: "monday",
    from: "09:00",
    to: "12:00",
    typeId: clientFacingTypeId ?? types.find((t) => !t.retired)?.type_id ?? "",
    siteId: offeredSites.length === 1 ? offeredSites[0].site_id : "",
  });
  const [draft, setDraft] = useState<Draft>(blank);
  const { errors, setErrors, busy, status, setStatus, form, run } = useAction(BLOCK_FIELDS);

  const typeMap = useMemo(() => new Map(types.map((t) => [t.type_id, t])), [types]);
  const siteMap = useMemo(() => new Map(sites.map((s) => [s.site_id, s])), [sites]);
  const sorted = useMemo(() => sortBlocks(blocks.data ?? []), [blocks.data]);
  const events = useMemo(
    () => sorted.map((block) => blockToEvent(block, typeMap, siteMap, clientFacingTypeId)),
    [sorted, typeMap, siteMap, clientFacingTypeId],
  );

  const edit = (block: Block) => {
    setDraft({
      blockId: block.block_id,
      day: block.day,
      from: block.from,
      to: timeInputValue(block.to),
      typeId: block.type_id,
      siteId: block.site_id,
    });
    setErrors(NO_ERRORS);
    setStatus("");
    form.current?.querySelector<HTMLElement>("select, input")?.focus();
  };

  const changed = (message: string) => {
    setStatus(message);
    blocks.reload();
    props.onChanged();
  };

  const fieldsOf = (d: Draft): BlockFields => ({
    day: d.day,
    from: d.from,
    to: endClockOf(d.to),
    type_id: d.typeId,
    site_id: d.siteId,
  });

  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const fields = fieldsOf(draft);
      if (draft.blockId) {
        await availability.replaceBlock(api, workerId, calendar.calendar_id, draft.blockId, fields);
        changed("Block saved.");
      } else {
        await availability.addBlock(api, workerId, calendar.calendar_id, fields);
        changed("Block added.");
      }
      const next = blank();
      setDraft({
        ...next,
        day: draft.day,
        typeId: typeMap.get(draft.typeId)?.retired ? next.typeId : draft.typeId,
        siteId: siteMap.get(draft.siteId)?.retired ? next.siteId : draft.siteId,
      });
    });
  };

  const remove = async (block: Block) => {
    const what = `${DAY_LABELS[block.day]} ${block.from}–${block.to}`;
    if (!window.confirm(`Delete the block ${what}?`)) return;
    setErrors(NO_ERRORS);
    try {
      await availability.deleteBlock(api, workerId, calendar.calendar_id, block.block_id);
      if (draft.blockId === block.block_id) setDraft(blank());
      changed(`Block ${what} deleted.`);
    } catch (error) {
      setErrors(formErrors(error));
    }
  };

  const move = async (block: Block, fields: Pick<BlockFields, "day" | "from" | "to"> | null, revert: () => void) => {
    setStatus("");
    if (!fields) {
      revert();
      setErrors({ form: "A block must start and end on the same day.", fields: {} });
      return;
    }
    try {
      await availability.replaceBlock(api, workerId, calendar.calendar_id, block.block_id, {
        ...fields,
        type_id: block.type_id,
        site_id: block.site_id,
      });
      setErrors(NO_ERRORS);
      changed(`Block moved to ${DAY_LABELS[fields.day]} ${fields.from}–${fields.to}.`);
    } catch (error) {
      revert();
      setErrors({ form: plainMessage(error, BLOCK_FIELDS), fields: {} });
    }
  };

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const editing = draft.blockId !== null;
  // A retired type or site is offered for no new block; the block being edited may keep its own.
  const kept = editing ? blocks.data?.find((b) => b.block_id === draft.blockId) : undefined;

  return (
    <div class="week-editor">
      <div class="week-grid-wrap">
        {blocks.error && !blocks.data ? (
          <LoadError error={blocks.error} retry={blocks.reload} />
        ) : (
          <>
            {blocks.loading && !blocks.data && <Loading what="blocks" />}
            <ul class="legend" aria-label="Availability types">
              {types
                .filter((t) => !t.retired || blocks.data?.some((b) => b.type_id === t.type_id))
                .map((t) => (
                  <li key={t.type_id}>
                    <span class="swatch" style={{ background: t.color }} aria-hidden="true" />
                    {t.name}
                    {t.type_id === clientFacingTypeId && <span class="badge">client-facing</span>}
                    {t.retired && <span class="badge muted">retired</span>}
                  </li>
                ))}
            </ul>
            <WeekGrid
              label={`Week grid of ${calendar.name}`}
              events={events}
              onSelect={(range) => {
                setDraft((d) => ({ ...d, ...range, to: timeInputValue(range.to), blockId: null }));
                setErrors(NO_ERRORS);
                form.current?.querySelector<HTMLElement>("select[name='type_id']")?.focus();
              }}
              onOpen={edit}
              onMove={move}
            />
          </>
        )}
        <p class="hint">
          Select a stretch of the grid to add a block; click a block to edit it, or drag it to move it. Times
          are wall-clock times at the block's site.
        </p>
      </div>

      <form ref={form} class="block-form card" onSubmit={save} noValidate aria-labelledby="block-form-title">
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
          <SubmitButton busy={busy} label={editing ? "Save block" : "Add block"} />
          {editing && (
            <>
              <button
                type="button"
                class="danger"
                onClick={() => {
                  const block = blocks.data?.find((b) => b.block_id === draft.blockId);
                  if (block) void remove(block);
                }}
              >
                Delete block
              </button>
              <button type="button" onClick={() => (setDraft(blank()), setErrors(NO_ERRORS))}>
                Cancel
              </button>
            </>
          )}
        </div>
        {status && <StatusLine text={status} />}
      </form>

      <section class="block-list" aria-labelledby="block-list-title">
        <h3 id="block-list-title">Blocks of {calendar.name}</h3>
        {blocks.data && sorted.length === 0 && (
          <Empty>No blocks yet. Add the times this calendar makes you available.</Empty>
        )}
        {sorted.length > 0 && (
          <table>
            <caption class="visually-hidden">Weekly blocks of {calendar.name}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Time</th>
                <th scope="col">Type</th>
                {sites.length > 1 && <th scope="col">Site</th>}
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((block) => (
                <tr key={block.block_id} class={block.block_id === draft.blockId ? "selected" : ""}>
                  <td>{DAY_LABELS[block.day]}</td>
                  <td class="nowrap">
                    {block.from}–{block.to}
                  </td>
                  <td>
                    <span class="swatch" style={{ background: typeMap.get(block.type_id)?.color }} aria-hidden="true" />
                    {typeMap.get(block.type_id)?.name ?? "Unknown type"}
                    {block.type_id === clientFacingTypeId && <span class="visually-hidden"> (client-facing)</span>}
                  </td>
                  {sites.length > 1 && <td>{siteMap.get(block.site_id)?.name ?? "Unknown site"}</td>}
                  <td class="row-actions">
                    <button
                      type="button"
                      onClick={() => edit(block)}
                      aria-label={`Edit ${DAY_LABELS[block.day]} ${block.from}–${block.to}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="danger"
                      onClick={() => void remove(block)}
                      aria-label={`Delete ${DAY_LABELS[block.day]} ${block.from}–${block.to}`}
                    >
                      Delete
                    </button>
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
