/** A FullCalendar made once its chunk has loaded (it is most of the bundle), in a region that says while it loads. */

import type { Calendar, CalendarOptions, EventInput } from "@fullcalendar/core";
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { LoadError, Loading } from "../../shared/ui/states";

export interface LazyCalendar {
  element: RefObject<HTMLDivElement>;
  /** The calendar, once made (null before its chunk has loaded and after unmounting). */
  calendar: RefObject<Calendar>;
  ready: boolean;
  failed: boolean;
}

/**
 * Loads the chunk, makes the calendar on `element` with the options `options(chunk)` gives (read once, so their
 * callbacks should read what changes through a ref), and keeps the events it shows those given.
 */
export function useLazyCalendar<Chunk extends { Calendar: typeof Calendar }>(
  load: () => Promise<Chunk>,
  options: (chunk: Chunk) => CalendarOptions,
  events: EventInput[],
): LazyCalendar {
  const element = useRef<HTMLDivElement>(null);
  const calendar = useRef<Calendar>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const once = useRef({ load, options });

  useEffect(() => {
    let grid: Calendar | null = null;
    let unmounted = false;
    const { load, options } = once.current;
    void load().then((chunk) => {
      if (unmounted) return;
      grid = new chunk.Calendar(element.current!, options(chunk));
      grid.render();
      calendar.current = grid;
      setReady(true);
    }, () => setFailed(true));
    return () => {
      unmounted = true;
      grid?.destroy();
      calendar.current = null;
    };
  }, []);

  useEffect(() => {
    const grid = calendar.current;
    if (!grid) return;
    grid.batchRendering(() => {
      grid.getEventSources().forEach((source) => source.remove());
      grid.addEventSource(events);
    });
  }, [events, ready]);

  return { element, calendar, ready, failed };
}

/** The calendar's labelled region: a loading line until it is ready, a way to retry if its chunk failed. */
export function CalendarRegion(props: { of: LazyCalendar; label: string; what: string; class: string }) {
  const { element, ready, failed } = props.of;
  return (
    <div role="region" aria-label={props.label} aria-busy={!ready && !failed}>
      {!ready && !failed && <Loading what={props.what} />}
      {failed && <LoadError error={new Error("chunk")} retry={() => location.reload()} />}
      {/* FullCalendar owns this element's content; Preact never renders into it. */}
      <div class={props.class} ref={element} />
    </div>
  );
}
