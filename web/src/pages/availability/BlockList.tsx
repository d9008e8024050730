/** One calendar's weekly blocks as a table (edit or delete each with the keyboard), and the legend of their types. */

import type { AvailabilityType, Block, Site } from "../../../shared/api/availability";
import { DAY_LABELS } from "../../../shared/time";
import { Empty } from "../../../shared/ui/states";

/** The types the grid shows, each with its colour; a retired one while a block still has it. */
export function TypeLegend(props: { types: AvailabilityType[]; blocks: Block[] | undefined; clientFacingTypeId: string | null }) {
  const { blocks, clientFacingTypeId } = props;
  return (
    <ul class="legend" aria-label="Availability types">
      {props.types
        .filter((t) => !t.retired || blocks?.some((b) => b.type_id === t.type_id))
        .map((t) => (
          <li key={t.type_id}>
            <span class="swatch" style={{ background: t.color }} aria-hidden="true" />
            {t.name}
            {t.type_id === clientFacingTypeId && <span class="badge">client-facing</span>}
            {t.retired && <span class="badge muted">retired</span>}
          </li>
        ))}
    </ul>
  );
}

export function BlockList(props: {
  calendarName: string;
  /** False until the blocks have loaded (no "No blocks yet" before). */
  loaded: boolean;
  blocks: Block[];
  typeMap: Map<string, AvailabilityType>;
  siteMap: Map<string, Site>;
  sites: Site[];
  clientFacingTypeId: string | null;
  selectedId: string | null;
  onEdit: (block: Block) => void;
  onDelete: (block: Block) => void;
}) {
  const { calendarName, blocks, typeMap, siteMap, sites, clientFacingTypeId } = props;
  return (
    <section class="block-list" aria-labelledby="block-list-title">
      <h3 id="block-list-title">Blocks of {calendarName}</h3>
      {props.loaded && blocks.length === 0 && <Empty>No blocks yet. Add the times this calendar makes you available.</Empty>}
      {blocks.length > 0 && (
        <table>
          <caption class="visually-hidden">Weekly blocks of {calendarName}</caption>
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
            {blocks.map((block) => (
              <tr key={block.block_id} class={block.block_id === props.selectedId ? "selected" : ""}>
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
                    onClick={() => props.onEdit(block)}
                    aria-label={`Edit ${DAY_LABELS[block.day]} ${block.from}–${block.to}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => props.onDelete(block)}
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
  );
}
