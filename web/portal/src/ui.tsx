/** The portal's own small parts: a screen's title (the page's title too, and where focus lands on arrival). */

import { useEffect } from "preact/hooks";
import { strings } from "./strings";

export const TITLE_ID = "screen-title";

export function ScreenTitle(props: { title: string }) {
  useEffect(() => {
    document.title = `${props.title} · ${strings.appName}`;
  }, [props.title]);
  useEffect(() => {
    // A screen loaded on its first visit shows its title after the shell moved focus to <main>: the title takes it.
    if (document.activeElement?.id === "main") document.getElementById(TITLE_ID)?.focus();
  }, []);
  return (
    <h1 id={TITLE_ID} tabIndex={-1}>
      {props.title}
    </h1>
  );
}
