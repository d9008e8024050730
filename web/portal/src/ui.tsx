/** The portal's own small parts: a screen's title (the page's title too, and where focus lands on arrival). */

import { useEffect } from "preact/hooks";
import { strings } from "./strings";

export const TITLE_ID = "screen-title";

export function ScreenTitle(props: { title: string }) {
  useEffect(() => {
    document.title = `${props.title} · ${strings.appName}`;
  }, [props.title]);
  useEffect(() => {
    // A screen loaded on first visit arrives after the shell moved focus to <main>: focus moves on to its title.
    if (document.activeElement?.id === "main") document.getElementById(TITLE_ID)?.focus();
  }, []);
  return (
    <h1 id={TITLE_ID} tabIndex={-1}>
      {props.title}
    </h1>
  );
}
