import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { Poller } from "./poll";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Load again (after a change); the old data stays on screen meanwhile. */
  reload: () => void;
}

/** Load data when `deps` change; an answer to an older load never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => ticket === latest.current && setState({ data, loading: false }),
      (error) => ticket === latest.current && setState((previous) => ({ ...previous, error, loading: false })),
    );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, passed on as useEffect's own
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * Load data now and again every `intervalMs` while the page is visible (see `Poller`): the list keeps
 * itself current without a reload. `reload()` polls at once. New `deps` start afresh.
 */
export function usePoll<T>(load: () => Promise<T>, intervalMs: number, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const poller = useRef<Poller | null>(null);
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    const current = new Poller(async () => {
      try {
        const data = await loadRef.current();
        if (live) setState({ data, loading: false });
        return true;
      } catch (error) {
        if (live) setState((previous) => ({ ...previous, error, loading: false }));
        return false;
      }
    }, intervalMs);
    poller.current = current;
    current.start();
    return () => {
      live = false;
      current.stop();
    };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, passed on as useEffect's own
  }, deps);
  const reload = useCallback(() => poller.current?.now(), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface Paged<T> {
  items: T[];
  /** More pages after these. */
  more: boolean;
  error: unknown;
  loading: boolean;
  loadMore: () => void;
  /** Start again from the first page (after a change). */
  reload: () => void;
}

/** A cursor-paged list shown a page at a time ("Show more"); answers to an older load are dropped. */
export function usePaged<T>(
  fetchPage: (cursor?: string) => Promise<{ items: T[]; cursor: string | null }>,
  deps: unknown[],
): Paged<T> {
  const [state, setState] = useState<{ items: T[]; cursor: string | null; error?: unknown; loading: boolean }>({
    items: [],
    cursor: null,
    loading: true,
  });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = (cursor: string | undefined, append: boolean) => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    fetchRef.current(cursor).then(
      (page) =>
        ticket === latest.current &&
        setState((previous) => ({
          items: append ? [...previous.items, ...page.items] : page.items,
          cursor: page.cursor,
          loading: false,
        })),
      (error) => ticket === latest.current && setState((previous) => ({ ...previous, error, loading: false })),
    );
  };

  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, passed on as useEffect's own
  useEffect(() => load(undefined, false), [...deps, round]);
  return {
    items: state.items,
    more: Boolean(state.cursor),
    error: state.error,
    loading: state.loading,
    loadMore: () => state.cursor && load(state.cursor, true),
    reload: useCallback(() => setRound((n) => n + 1), []),
  };
}
