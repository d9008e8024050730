/**
 * Hash routes (`#/availability`): the page is always index.html, so a reload, a bookmark or a static
 * host (S3 + CloudFront, any prefix) needs no rewrite rule, and page names never collide with the
 * API's base paths at the same origin.
 */

import { useEffect, useState } from "preact/hooks";

export function currentPath(): string {
  let path = location.hash.replace(/^#/, "");
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape: match the path as typed.
  }
  return path.startsWith("/") ? path : "/";
}

export function href(path: string): string {
  return `#${path}`;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    history.replaceState(history.state, "", href(path));
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    location.hash = path;
  }
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return path;
}

/** `/workers/:workerId` against `/workers/w-1` -> `{workerId: "w-1"}`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("?")[0].split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** The query of the current route (`#/calendar?date=2026-12-02&event=e1` -> {date, event}). */
export function currentQuery(): Record<string, string> {
  const hash = location.hash;
  const at = hash.indexOf("?");
  if (at < 0) return {};
  return Object.fromEntries(new URLSearchParams(hash.slice(at + 1)).entries());
}
