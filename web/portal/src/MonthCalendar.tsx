/**
 * A month calendar to choose a day on (no library: it loads only with Request an Event). Each date is a button named
 * in full ("Tuesday 10 March 2026, available"), so the green circle is never the only cue; dates that cannot be chosen
 * are disabled. Previous and next month move the shown month.
 */

import { useId } from "preact/hooks";
import { DAYS, DAY_LABELS, formatDate, formatMonth } from "../../shared/time";
import type { DayCell, Month } from "./month";
import { strings } from "./strings";

export function MonthCalendar(props: {
  month: Month;
  weeks: DayCell[][];
  selected: string | null;
  onSelect: (date: string) => void;
  onMonth: (step: -1 | 1) => void;
  canPrevious: boolean;
  canNext: boolean;
  /** Labelled by this (the field's legend). */
  labelledBy?: string;
}) {
  const text = strings.requestEvent;
  const caption = useId();
  return (
    <div class="month-calendar">
      <div class="month-bar">
        <button type="button" onClick={() => props.onMonth(-1)} disabled={!props.canPrevious} aria-label={text.previousMonth}>
          <span aria-hidden="true">‹</span>
        </button>
        <h3 id={caption} class="month-title" aria-live="polite">
          {formatMonth(props.month)}
        </h3>
        <button type="button" onClick={() => props.onMonth(1)} disabled={!props.canNext} aria-label={text.nextMonth}>
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table class="month-grid" aria-labelledby={props.labelledBy ? `${props.labelledBy} ${caption}` : caption}>
        <thead>
          <tr>
            {DAYS.map((day) => (
              <th key={day} scope="col" abbr={DAY_LABELS[day]}>
                {DAY_LABELS[day].slice(0, 2)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map((cell) => (
                <td key={cell.date}>
                  {cell.inMonth && (
                    <button
                      type="button"
                      class={`day${cell.available ? " available" : ""}`}
                      data-date={cell.date}
                      disabled={cell.disabled}
                      aria-pressed={props.selected === cell.date}
                      aria-label={text.dayLabel(formatDate(cell.date, { year: true }), cell.available)}
                      onClick={() => props.onSelect(cell.date)}
                    >
                      {Number(cell.date.slice(8))}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
