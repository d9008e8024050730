import { describe, expect, it } from "vitest";
import type { ClientEventRequest } from "../../shared/api/requests";
import { formatTimes } from "../../shared/time";
import { addMonths, circledDates, firstOf, lastOf, monthGrid, monthOf, openingMonth, windowOf } from "../src/month";
import { canAnswer, canWithdraw, isMoving, MOVING, statusWords } from "../src/requestState";
import { hrefOf, relatedLinks, screenOf, serviceActions } from "../src/routes";
import { strings } from "../src/strings";
import { featuresOf } from "../src/features";
import type { Settings } from "../../shared/api/requests";
import { ALL_ON as ON } from "./features";

const NY = "America/New_York";

describe("the month grid", () => {
  it("has whole Monday-to-Sunday weeks around the month, the neighbours' dates not in it", () => {
    // March 2026 starts on a Sunday and ends on a Tuesday: six weeks, Monday 23 February to Sunday 5 April.
    const weeks = monthGrid("2026-03", [], { first: "2026-03-01", last: "2026-03-31" });
    expect(weeks).toHaveLength(6);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks[0][0]).toMatchObject({ date: "2026-02-23", inMonth: false, disabled: true });
    expect(weeks[0][6]).toMatchObject({ date: "2026-03-01", inMonth: true });
    expect(weeks[5][1]).toMatchObject({ date: "2026-03-31", inMonth: true });
    expect(weeks[5][6]).toMatchObject({ date: "2026-04-05", inMonth: false });
    expect(weeks.flat().filter((cell) => cell.inMonth)).toHaveLength(31);
  });

  it("starts on the month's first weekday: a Monday-first month has no filler week", () => {
    // June 2026 starts on a Monday; February 2027 starts on a Monday and has exactly four weeks.
    expect(monthGrid("2026-06", [], null)[0][0]).toMatchObject({ date: "2026-06-01", inMonth: true });
    const february = monthGrid("2027-02", [], null);
    expect(february).toHaveLength(4);
    expect(february[3][6].date).toBe("2027-02-28");
  });

  it("knows month arithmetic across years and leap years", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-03", 14)).toBe("2027-05");
    expect(lastOf("2028-02")).toBe("2028-02-29");
    expect(lastOf("2026-02")).toBe("2026-02-28");
    expect(firstOf("2026-11")).toBe("2026-11-01");
    expect(monthOf("2026-11-30")).toBe("2026-11");
  });

  it("circles exactly the requestable days whose count from the API is not 0", () => {
    const counts = [
      { date: "2026-03-02", open_slots: 0 },
      { date: "2026-03-03", open_slots: 4 },
      { date: "2026-03-09", open_slots: 1 },
      { date: "2026-03-10", open_slots: 6 },
      { date: "2026-03-31", open_slots: 2 },
    ];
    const weeks = monthGrid("2026-03", counts, { first: "2026-03-03", last: "2026-03-30" });
    expect(circledDates(weeks)).toEqual(["2026-03-03", "2026-03-09", "2026-03-10"]);
    const cell = (date: string) => weeks.flat().find((c) => c.date === date)!;
    expect(cell("2026-03-02")).toMatchObject({ openSlots: 0, available: false, disabled: true }); // before the window
    expect(cell("2026-03-05")).toMatchObject({ openSlots: 0, available: false, disabled: false }); // none that day
    expect(cell("2026-03-31")).toMatchObject({ openSlots: 2, available: false, disabled: true }); // after the window
  });

  it("disables every day while the requestable window is unknown", () => {
    const weeks = monthGrid("2026-03", [{ date: "2026-03-10", open_slots: 3 }], null);
    expect(weeks.flat().every((cell) => cell.disabled)).toBe(true);
    expect(circledDates(weeks)).toEqual([]);
  });

  it("reads the requestable window on the agency's clock across the spring-forward change in New York", () => {
    // 8 March 2026: clocks go from 02:00 EST to 03:00 EDT. 06:30Z is 01:30 EST on the 8th; 04:30Z on the 10th is
    // 00:30 EDT on the 10th (it would be the 9th on EST's offset); slots start before the end, so an end at midnight
    // EDT on 8 April leaves 7 April the last date.
    expect(windowOf({ timezone: NY, requestable_from: "2026-03-08T06:30:00Z", requestable_until: "2026-03-10T04:30:00Z" }))
      .toEqual({ first: "2026-03-08", last: "2026-03-10" });
    expect(windowOf({ timezone: NY, requestable_from: "2026-03-08T05:00:00Z", requestable_until: "2026-04-08T04:00:00Z" }))
      .toEqual({ first: "2026-03-08", last: "2026-04-07" });
    // 1 November 2026: clocks go back from 02:00 EDT to 01:00 EST; 05:30Z is 00:30 EST on the 2nd.
    expect(windowOf({ timezone: NY, requestable_from: "2026-11-01T05:30:00Z", requestable_until: "2026-11-02T05:30:00Z" }))
      .toEqual({ first: "2026-11-01", last: "2026-11-02" });
  });

  it("circles the DST day itself and its neighbours by the API's dates", () => {
    const counts = ["2026-03-07", "2026-03-08", "2026-03-09"].map((date) => ({ date, open_slots: 2 }));
    const window = windowOf({ timezone: NY, requestable_from: "2026-03-07T05:00:00Z", requestable_until: "2026-04-01T04:00:00Z" });
    const weeks = monthGrid("2026-03", counts, window);
    expect(circledDates(weeks)).toEqual(["2026-03-07", "2026-03-08", "2026-03-09"]);
    expect(weeks[1][6]).toMatchObject({ date: "2026-03-08", available: true }); // Sunday of the second week
  });

  it("opens on today's month, or the first requestable month when that is later", () => {
    expect(openingMonth("2026-03-20", { first: "2026-03-21", last: "2026-05-01" })).toBe("2026-03");
    expect(openingMonth("2026-03-31", { first: "2026-04-02", last: "2026-05-01" })).toBe("2026-04");
    expect(openingMonth("2026-03-31", null)).toBe("2026-03");
  });

  it("writes an Available Appt on the agency's clock, naming its zone only for a browser elsewhere", () => {
    // 9 March 2026 is after the change: 14:00Z is 10:00 EDT.
    expect(formatTimes("2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z", NY, "Europe/London")).toBe("10:00–11:00 EDT");
    expect(formatTimes("2026-03-06T15:00:00Z", "2026-03-06T16:00:00Z", NY, "Europe/London")).toBe("10:00–11:00 EST");
    expect(formatTimes("2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z", NY, NY)).toBe("10:00–11:00");
  });
});

function request(status: ClientEventRequest["status"], extra: Partial<ClientEventRequest> = {}): ClientEventRequest {
  return { request_id: "r1", status, declined_by: null, reason_text: null, ...extra } as ClientEventRequest;
}

describe("an event request's state in words", () => {
  it("names every status of the API in plain words", () => {
    const words = (status: ClientEventRequest["status"]) => statusWords(request(status)).label;
    expect(words("pending")).toBe("Sent");
    expect(words("awaiting_response")).toBe("Held for your provider");
    expect(words("proposed")).toBe("Another time proposed");
    expect(words("confirmed")).toBe("Confirmed");
    expect(words("declined")).toBe("Declined");
    expect(words("withdrawn")).toBe("Withdrawn");
    expect(words("expired")).toBe("Expired");
    for (const status of Object.keys(strings.eventRequests.status)) {
      expect(strings.eventRequests.explain[status as keyof typeof strings.eventRequests.explain]).toBeTruthy();
    }
  });

  it("says who declined and why", () => {
    expect(statusWords(request("declined", { declined_by: "worker", reason_text: "I am away that week." })).reason)
      .toBe("Your provider declined: I am away that week.");
    expect(statusWords(request("declined", { declined_by: "availability", reason_text: "That time was taken." })).reason)
      .toBe("The time could not be held: That time was taken.");
    expect(statusWords(request("declined", { declined_by: "client", reason_text: null })).reason)
      .toBe("You declined the proposed time");
    expect(statusWords(request("confirmed", { reason_text: "ignored" })).reason).toBeNull();
  });

  it("moves (and is polled) while sent, held or proposed; can be withdrawn only then; answered only when proposed", () => {
    expect(MOVING).toEqual(["pending", "awaiting_response", "proposed"]);
    for (const status of ["pending", "awaiting_response", "proposed"] as const) {
      expect(isMoving(request(status))).toBe(true);
      expect(canWithdraw(request(status))).toBe(true);
    }
    for (const status of ["confirmed", "declined", "withdrawn", "expired"] as const) {
      expect(isMoving(request(status))).toBe(false);
      expect(canWithdraw(request(status))).toBe(false);
    }
    expect(canAnswer(request("proposed"))).toBe(true);
    expect(canAnswer(request("awaiting_response"))).toBe(false);
  });
});


describe("the Request an Event screens' routes", () => {
  it("are lazy, switchable with event requests, and at /request and /requests", () => {
    expect(screenOf("requestEvent")).toMatchObject({ path: "/request", feature: "eventRequests" });
    expect(screenOf("eventRequests")).toMatchObject({ path: "/requests", feature: "eventRequests" });
    expect(screenOf("requestEvent")?.component).toBeUndefined();
    expect(screenOf("requestEvent")?.load).toBeTypeOf("function");
    expect(hrefOf("eventRequests")).toBe("#/requests");
  });

  it("give My Services a Request an Event link per provider, gone while event requests are off", () => {
    const service = {
      service_id: "s1",
      providers: [{ worker_id: "w1", name: "Pat Worker" }],
    } as Parameters<typeof serviceActions>[0];
    const links = serviceActions(service, ON).filter((link) => link.key.startsWith("requestEvent"));
    expect(links).toEqual([
      { key: "requestEvent:w1", label: "Request an Event with Pat Worker", href: "#/request?service=s1&worker=w1" },
    ]);
    expect(serviceActions(service, { ...ON, eventRequests: false }).some((l) => l.key.startsWith("requestEvent"))).toBe(false);
  });

  it("link the Calendar's area to the event requests while they are on", () => {
    expect(relatedLinks("calendar", ON)).toEqual([
      { key: "eventRequests", label: "Your Event Requests", href: "#/requests" },
    ]);
    expect(relatedLinks("calendar", { ...ON, eventRequests: false })).toEqual([]);
    expect(relatedLinks("home", ON)).toEqual([]);
  });
});

describe("a required message", () => {
  const settings: Settings = {
    event_requests_enabled: true,
    request_messages_enabled: true,
    request_messages_required: true,
    video_sessions_enabled: true,
    service_requests_enabled: true,
    max_open_requests: 3,
    cancellation_window_hours: 24,
    agency_name: null,
    feed_client_names: false,
    version: 1,
  };

  const MESSAGING = { discussions_enabled: true };

  it("is asked for while the agency requires one and takes messages with requests", () => {
    expect(featuresOf(settings, MESSAGING).requestMessagesRequired).toBe(true);
    expect(featuresOf({ ...settings, request_messages_enabled: false }, MESSAGING).requestMessagesRequired).toBeUndefined();
    expect(featuresOf({ ...settings, request_messages_required: false }, MESSAGING).requestMessagesRequired).toBeUndefined();
  });
});
