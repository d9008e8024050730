/** Loading, empty and failed states, so a page never shows a blank area without saying why. */

import type { ComponentChildren } from "preact";
import { plainMessage } from "../errors";
import { sharedStrings } from "../strings";

export function Loading(props: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {sharedStrings().states.loading(props.what)}
    </p>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="empty">{props.children}</div>;
}

export function LoadError(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="load-error" role="alert">
      <p>{plainMessage(props.error)}</p>
      {props.retry && (
        <button type="button" onClick={props.retry}>
          {sharedStrings().states.tryAgain}
        </button>
      )}
    </div>
  );
}

/** Where data will be once loaded: that it is loading, or why it failed with a way to try again. */
export function Pending(props: { state: { error?: unknown; reload: () => void }; what: string }) {
  const { error, reload } = props.state;
  return error ? <LoadError error={error} retry={reload} /> : <Loading what={props.what} />;
}
