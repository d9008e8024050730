/**
 * One calendar's weekly blocks: the week grid, the block form (add or edit) and the list of blocks. This holds the
 * draft and the changes (add, save, move, delete); BlockForm and BlockList show them.
 */

import { useMemo, useState } from "preact/hooks";
import { useApp } from "../../context";
import { formErrors, NO_ERRORS, plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import type { AvailabilityType, Block, BlockFields, Calendar, Site } from "../../../shared/api/availability";
import { DAY_LABELS } from "../../../shared/time";
import { useAction } from "../../../shared/ui/forms";
import { LoadError, Loading } from "../../../shared/ui/states";
import { BLOCK_FIELDS, BlockForm, type Draft, draftOf, fieldsOf } from "./BlockForm";
import { BlockList, TypeLegend } from "./BlockList";
import { blockToEvent, sortBlocks, timeInputValue } from "./blocks";
import { WeekGrid } from "./WeekGrid";

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
    setDraft(draftOf(block));
    setErrors(NO_ERRORS);
    setStatus("");
    form.current?.querySelector<HTMLElement>("select, input")?.focus();
  };

  const changed = (message: string) => {
    setStatus(message);
    blocks.reload();
    props.onChanged();
  };

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

  // A retired type or site is offered for no new block; the block being edited may keep its own.
  const kept = draft.blockId !== null ? blocks.data?.find((b) => b.block_id === draft.blockId) : undefined;

  return (
    <div class="week-editor">
      <div class="week-grid-wrap">
        {blocks.error && !blocks.data ? (
          <LoadError error={blocks.error} retry={blocks.reload} />
        ) : (
          <>
            {blocks.loading && !blocks.data && <Loading what="blocks" />}
            <TypeLegend types={types} blocks={blocks.data} clientFacingTypeId={clientFacingTypeId} />
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

      <BlockForm
        draft={draft}
        onDraft={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        types={types}
        sites={sites}
        clientFacingTypeId={clientFacingTypeId}
        kept={kept}
        errors={errors}
        busy={busy}
        status={status}
        form={form}
        onSubmit={save}
        onDelete={() => {
          const block = blocks.data?.find((b) => b.block_id === draft.blockId);
          if (block) void remove(block);
        }}
        onCancel={() => (setDraft(blank()), setErrors(NO_ERRORS))}
      />

      <BlockList
        calendarName={calendar.name}
        loaded={blocks.data !== undefined}
        blocks={sorted}
        typeMap={typeMap}
        siteMap={siteMap}
        sites={sites}
        clientFacingTypeId={clientFacingTypeId}
        selectedId={draft.blockId}
        onEdit={edit}
        onDelete={(block) => void remove(block)}
      />
    </div>
  );
}
