/**
 * "Subscribe to your calendar", in both web apps: get a private link to your appointments for a calendar app, copy
 * it or open it as webcal://, get a new one, stop sharing. The link is shown once (the server keeps only a hash of
 * its secret) and lives only in this component's memory: never in storage, never in the app's own URL.
 */

import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { CalendarFeed as FeedState, CalendarFeedLink } from "../api/requests";
import { copyText, feedLinks, type FeedLinks } from "../calendarFiles";
import { plainMessage } from "../errors";
import { useLoad } from "../hooks";
import { sharedStrings } from "../strings";
import { Pending } from "./states";

/** The calls behind the panel (each app's own API module). */
export interface FeedActions {
  status: () => Promise<FeedState>;
  newLink: () => Promise<CalendarFeedLink>;
  stop: () => Promise<void>;
}

type Asking = "new" | "stop" | null;

export function CalendarFeed(props: {
  actions: FeedActions;
  /** Whose words on privacy: a client's entries never name anyone, staff's may name clients. */
  audience: "client" | "staff";
  /** An instant as the app writes it ("Wed 25 Nov 2026, 10:00 AM"). */
  when: (instant: string) => string;
  /** This page's origin, for a link the API gave only as a path. */
  origin?: string;
}) {
  const text = sharedStrings().calendarFeed;
  const actions = useRef(props.actions);
  actions.current = props.actions;
  const loaded = useLoad(() => actions.current.status(), []);
  const [state, setState] = useState<FeedState | null>(null);
  const [fresh, setFresh] = useState<FeedLinks | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false); // a double click sends once, before the button re-renders disabled
  const [error, setError] = useState("");
  const [said, setSaid] = useState("");
  const heading = useId();
  const linkField = useRef<HTMLInputElement>(null);
  const askHeading = useRef<HTMLParagraphElement>(null);
  const mainButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (fresh) linkField.current?.focus();
  }, [fresh]);
  useEffect(() => {
    if (asking) askHeading.current?.focus();
  }, [asking]);

  const feed = state ?? loaded.data;

  const run = async (action: () => Promise<void>) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError("");
    setSaid("");
    try {
      await action();
    } catch (e) {
      setError(plainMessage(e));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const makeLink = () =>
    run(async () => {
      const link = await actions.current.newLink();
      setAsking(null);
      setFresh(feedLinks(link, props.origin ?? window.location.origin));
      setState({ active: true, created_at: link.created_at, last_fetched_at: null });
      setSaid(text.made);
    });

  const stopSharing = () =>
    run(async () => {
      await actions.current.stop();
      setAsking(null);
      setFresh(null);
      setState({ active: false, created_at: null, last_fetched_at: null });
      setSaid(text.stopped);
      setTimeout(() => mainButton.current?.focus());
    });

  const ask = (what: Asking) => () => {
    setError("");
    setAsking(what);
  };
  const closeAsk = () => {
    const back = asking === "stop" ? stopButton : mainButton; // the button that asked, drawn again
    setAsking(null);
    setTimeout(() => back.current?.focus());
  };

  const copy = async () => {
    if (!fresh) return;
    const done = await copyText(fresh.https);
    if (!done) linkField.current?.select();
    setSaid(done ? text.copied : text.copyFailed);
  };

  return (
    <section class="calendar-feed card" aria-labelledby={heading}>
      <h2 id={heading}>{text.title}</h2>
      <p>{text.intro}</p>
      <p class="hint">{props.audience === "client" ? text.privacyClient : text.privacyStaff}</p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
      {feed === undefined ? (
        <Pending state={loaded} what={text.loading} />
      ) : (
        <>
          {!feed.active && !fresh && <p>{text.notShared}</p>}
          {feed.active && !fresh && (
            <>
              <p>
                {feed.created_at && text.sharedSince(props.when(feed.created_at))}{" "}
                {feed.last_fetched_at ? text.lastFetched(props.when(feed.last_fetched_at)) : text.neverFetched}
              </p>
              <p class="hint">{text.notShownAgain}</p>
            </>
          )}
          {fresh && (
            <div class="feed-link">
              <label for={`${heading}-link`}>{text.linkLabel}</label>
              <input
                id={`${heading}-link`}
                ref={linkField}
                type="text"
                readOnly
                value={fresh.https}
                autoComplete="off"
                spellcheck={false}
                aria-describedby={`${heading}-once`}
                onFocus={(event) => (event.currentTarget as HTMLInputElement).select()}
              />
              <p class="hint" id={`${heading}-once`}>
                {text.shownOnce}
              </p>
              <div class="actions">
                <button type="button" class="primary" onClick={copy}>
                  {text.copy}
                </button>
                <a class="button-link" href={fresh.webcal}>
                  {text.open}
                </a>
              </div>
              <p class="hint">{text.howTo}</p>
            </div>
          )}
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          {asking ? (
            <div
              class="feed-ask"
              role="group"
              aria-labelledby={`${heading}-ask`}
              onKeyDown={(event) => {
                if (event.key === "Escape" && !busy) closeAsk();
              }}
            >
              <p id={`${heading}-ask`} ref={askHeading} tabIndex={-1}>
                <strong>{asking === "new" ? text.newLinkAsk : text.stopAsk}</strong>
              </p>
              <div class="actions">
                <button
                  type="button"
                  class={asking === "new" ? "primary" : "danger"}
                  onClick={asking === "new" ? makeLink : stopSharing}
                  disabled={busy}
                  aria-busy={busy}
                >
                  {busy ? sharedStrings().states.saving : asking === "new" ? text.yesNewLink : text.yesStop}
                </button>
                <button type="button" onClick={closeAsk} disabled={busy}>
                  {text.keep}
                </button>
              </div>
            </div>
          ) : (
            <div class="actions">
              {feed.active || fresh ? (
                <>
                  <button type="button" ref={mainButton} onClick={ask("new")}>
                    {text.newLink}
                  </button>
                  <button type="button" ref={stopButton} class="danger" onClick={ask("stop")}>
                    {text.stop}
                  </button>
                </>
              ) : (
                <button type="button" ref={mainButton} class="primary" onClick={makeLink} disabled={busy} aria-busy={busy}>
                  {busy ? text.gettingLink : text.getLink}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
