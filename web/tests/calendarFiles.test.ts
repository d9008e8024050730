import { describe, expect, it } from "vitest";
import type { CalendarFeedLink } from "../shared/api/requests";
import { calendarFileName, copyText, feedLinks, saveFile } from "../shared/calendarFiles";
import { Api, ApiError } from "../shared/http";

const SECRET = "A".repeat(43);

function link(changes: Partial<CalendarFeedLink> = {}): CalendarFeedLink {
  return {
    url: `https://portal.example.org/requests/feeds/${SECRET}.ics`,
    webcal_url: `webcal://portal.example.org/requests/feeds/${SECRET}.ics`,
    path: `/requests/feeds/${SECRET}.ics`,
    created_at: "2026-11-23T12:00:00Z",
    ...changes,
  };
}

describe("a calendar feed's links", () => {
  it("are the API's when it wrote them", () => {
    expect(feedLinks(link(), "http://other.test")).toEqual({
      https: `https://portal.example.org/requests/feeds/${SECRET}.ics`,
      webcal: `webcal://portal.example.org/requests/feeds/${SECRET}.ics`,
    });
  });

  it("join the path to this page's origin when the API named no host", () => {
    expect(feedLinks(link({ url: null, webcal_url: null }), "http://127.0.0.1:8000")).toEqual({
      https: `http://127.0.0.1:8000/requests/feeds/${SECRET}.ics`,
      webcal: `webcal://127.0.0.1:8000/requests/feeds/${SECRET}.ics`,
    });
  });
});

describe("saving an event's calendar file", () => {
  it("names it after the event's day", () => {
    expect(calendarFileName("2026-11-25T15:00:00Z")).toBe("appointment-2026-11-25.ics");
    expect(calendarFileName("soon")).toBe("appointment.ics");
  });

  it("clicks a hidden download link to a Blob URL, takes it away and revokes the URL later", async () => {
    const log: string[] = [];
    const anchor = {
      href: "",
      download: "",
      rel: "",
      hidden: false,
      click: () => log.push(`click ${anchor.href} ${anchor.download} hidden=${anchor.hidden}`),
      remove: () => log.push("removed"),
    };
    const doc = {
      createElement: (tag: string) => (tag === "a" ? anchor : null),
      body: { appendChild: () => log.push("added") },
    } as unknown as Document;
    let blob: Blob | null = null;
    const urls = {
      createObjectURL: (b: Blob) => {
        blob = b;
        return "blob:local/1";
      },
      revokeObjectURL: (url: string) => log.push(`revoked ${url}`),
    };
    let later: (() => void) | null = null;
    saveFile("BEGIN:VCALENDAR\r\n", "appointment-2026-11-25.ics", doc, urls, (run) => (later = run));
    expect(log).toEqual(["added", "click blob:local/1 appointment-2026-11-25.ics hidden=true", "removed"]);
    expect(blob!.type).toBe("text/calendar;charset=utf-8");
    expect(await blob!.text()).toBe("BEGIN:VCALENDAR\r\n");
    later!();
    expect(log.at(-1)).toBe("revoked blob:local/1");
  });

  it("fetches the file with the token in a header, never in the URL, and refuses in the API's words", async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const answers = [
      new Response("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", { status: 200, headers: { "Content-Type": "text/calendar" } }),
      new Response(JSON.stringify({ error: { code: "not_found", message: "No event e2." } }), { status: 404 }),
    ];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return answers.shift()!;
    }) as unknown as typeof fetch;
    const tokens = { idToken: async () => "token-1", renewAfterRejection: async () => "token-2", expire: () => new Error() };
    const api = new Api("", tokens as never, fetchFn);
    expect(await api.text("/requests/me/events/e1/calendar-file")).toContain("BEGIN:VCALENDAR");
    expect(seen[0].url).toBe("/requests/me/events/e1/calendar-file");
    expect(seen[0].init.headers).toMatchObject({ Authorization: "token-1" });
    const refused = await api.text("/requests/me/events/e2/calendar-file").catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toBe("No event e2.");
  });
});

describe("copying the link", () => {
  it("says whether the clipboard took it", async () => {
    const taken: string[] = [];
    expect(await copyText("https://x", { writeText: async (t: string) => void taken.push(t) })).toBe(true);
    expect(taken).toEqual(["https://x"]);
    expect(await copyText("https://x", { writeText: async () => Promise.reject(new Error("denied")) })).toBe(false);
    expect(await copyText("https://x", undefined)).toBe(false);
  });
});
