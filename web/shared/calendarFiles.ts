/**
 * Calendar feeds and files in both web apps: the links a new feed answers, and saving an event's `.ics`.
 *
 * A feed's link carries its secret: it lives in a component's memory only, never in storage or in the app's own URL.
 * An event's file is fetched with the ID token (never a token in a URL) and saved through a Blob URL.
 */

import type { CalendarFeedLink } from "./api/requests";

export interface FeedLinks {
  /** The https (http on the local stack) link to copy into a calendar app. */
  https: string;
  /** The same as webcal://, which opens the device's calendar app. */
  webcal: string;
}

/** The links to show: the API's, or its path joined to this page's origin when the API named no host. */
export function feedLinks(link: CalendarFeedLink, origin: string): FeedLinks {
  const https = link.url ?? `${origin}${link.path}`;
  const webcal = link.webcal_url ?? `webcal://${https.replace(/^https?:\/\//, "")}`;
  return { https, webcal };
}

/** The name an event's file is saved under: its UTC day, so two saved files do not share a name. */
export function calendarFileName(start: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(start)?.[0];
  return day ? `appointment-${day}.ics` : "appointment.ics";
}

/**
 * Save `text` as a file named `name`: a Blob URL behind an `<a download>` clicked once, then let go. The URL is
 * revoked a little later (some browsers start the download after the click returns).
 */
export function saveFile(
  text: string,
  name: string,
  doc: Document = document,
  urls: Pick<typeof URL, "createObjectURL" | "revokeObjectURL"> = URL,
  later: (run: () => void) => void = (run) => setTimeout(run, 10_000),
): void {
  const url = urls.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const anchor = doc.createElement("a");
  anchor.href = url;
  anchor.download = name;
  anchor.rel = "noopener";
  anchor.hidden = true;
  doc.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  later(() => urls.revokeObjectURL(url));
}

/** Put text on the clipboard; false where the browser refuses (then the person selects and copies it). */
export async function copyText(
  text: string,
  clipboard: Pick<Clipboard, "writeText"> | undefined = globalThis.navigator?.clipboard,
): Promise<boolean> {
  if (!clipboard) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
