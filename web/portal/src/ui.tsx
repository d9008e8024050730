/** The portal's own small parts: a screen's title (the page's title too, and where focus lands on arrival). */

import { useEffect, useRef } from "preact/hooks";
import { strings } from "./strings";

export const TITLE_ID = "screen-title";

export function ScreenTitle(props: { title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ${strings.appName}`;
  }, [props.title]);
  useEffect(() => {
    // A screen loaded on first visit has its title after the shell moved focus to <main>: it moves on to the title.
    if (document.activeElement?.id === "main") heading.current?.focus();
  }, []);
  return (
    <h1 id={TITLE_ID} tabIndex={-1} ref={heading}>
      {props.title}
    </h1>
  );
}
