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
    // A screen loaded on first visit (`load`) shows its title after the shell moved focus to <main>: take it on.
    if (document.activeElement?.id === "main") heading.current?.focus();
  }, []);
  return (
    <h1 id={TITLE_ID} ref={heading} tabIndex={-1}>
      {props.title}
    </h1>
  );
}
