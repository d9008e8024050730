/** The portal's own small parts: a screen's title (the page's title too, and where focus lands on arrival). */

import { useEffect, useRef } from "preact/hooks";
import { strings } from "./strings";

export const TITLE_ID = "screen-title";

export function ScreenTitle(props: { title: string }) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ${strings.appName}`;
  }, [props.title]);
  useEffect(() => {
    // A lazily loaded screen: the shell parked focus on <main> while it loaded; it belongs on the title.
    if (document.activeElement?.id === "main") title.current?.focus();
  }, []);
  return (
    <h1 id={TITLE_ID} ref={title} tabIndex={-1}>
      {props.title}
    </h1>
  );
}
