import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Account } from "../../shared/api/billing";
import type { ClientEvent, MyService } from "../../shared/api/requests";
import { IdleTimer } from "../../shared/auth/idle";
import {
  balanceState,
  DEFAULT_FILTER,
  filterOf,
  filterServices,
  nextEvent,
  openServiceCount,
  queryOf,
} from "../src/figures";
import { featuresOf, type Features, isOn } from "../src/features";
import { hrefOf, type Screen, type ScreenId, SCREENS, serviceActions } from "../src/routes";
import { eventTime } from "../src/when";
import { ALL_ON } from "./features";

function event(start: string, end: string, extra: Partial<ClientEvent> = {}): ClientEvent {
  return { event_id: `e-${start}`, start, end, local_start: null, ...extra } as ClientEvent;
}

function service(id: string, status: "open" | "closed", next: ClientEvent | null = null): MyService {
  return {
    service_id: id,
    name: `Service ${id}`,
    status,
    open_date: "2026-01-05",
    close_date: status === "closed" ? "2026-02-01" : null,
    left_date: null,
    events_attended: 2,
    events_upcoming: next ? 1 : 0,
    next_event: next,
    participants: [],
    providers: [{ worker_id: "w1", name: "Pat Worker" }],
    links: {} as MyService["links"],
  };
}

const SERVICES = [
  service("s1", "open", event("2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z")),
  service("s2", "closed"),
  service("s3", "open", event("2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z")),
];

describe("My Services' Show Options", () => {
  it("shows open services by default", () => {
    expect(filterServices(SERVICES, DEFAULT_FILTER).map((s) => s.service_id)).toEqual(["s1", "s3"]);
  });

  it("shows open and closed services", () => {
    expect(filterServices(SERVICES, { serviceId: null, scope: "all" }).map((s) => s.service_id)).toEqual([
      "s1",
      "s2",
      "s3",
    ]);
  });

  it("shows one service, a closed one only with closed services included", () => {
    expect(filterServices(SERVICES, { serviceId: "s3", scope: "open" }).map((s) => s.service_id)).toEqual(["s3"]);
    expect(filterServices(SERVICES, { serviceId: "s2", scope: "open" })).toEqual([]);
    expect(filterServices(SERVICES, { serviceId: "s2", scope: "all" }).map((s) => s.service_id)).toEqual(["s2"]);
  });

  it("reads and writes the filter in the route's query, defaults left out", () => {
    expect(filterOf({})).toEqual(DEFAULT_FILTER);
    expect(filterOf({ service: "s2", show: "all" })).toEqual({ serviceId: "s2", scope: "all" });
    expect(queryOf(DEFAULT_FILTER)).toEqual({});
    expect(filterOf(queryOf({ serviceId: "s1", scope: "all" }))).toEqual({ serviceId: "s1", scope: "all" });
  });
});

describe("Home's tiles", () => {
  it("count the open services", () => {
    expect(openServiceCount(SERVICES)).toBe(2);
    expect(openServiceCount([])).toBe(0);
  });

  it("take the soonest next event over every service", () => {
    expect(nextEvent(SERVICES)?.start).toBe("2026-03-09T14:00:00Z");
    expect(nextEvent([service("s2", "closed")])).toBeNull();
  });

  it("say whether the balance is owed, in credit or settled", () => {
    const account = (balance: number) => ({ balance, currency: "USD" }) as Account;
    expect([balanceState(account(8000)), balanceState(account(-500)), balanceState(account(0))]).toEqual([
      "owing",
      "in-credit",
      "settled",
    ]);
  });

  it("write the next event on the agency's clock, naming the zone only when it is not the browser's", () => {
    const next = event("2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z");
    expect(eventTime(next, "America/New_York", "America/New_York")).toMatch(/^Mon,? 9 Mar 2026, 10:00–11:00$/);
    expect(eventTime(next, "America/New_York", "Europe/Paris")).toMatch(/^Mon,? 9 Mar 2026, 10:00–11:00 EDT$/);
  });
});


/** Runs `check` with the routes module listing `screen` (added if missing), then puts the list back as it was. */
function withScreen(screen: Screen, check: () => void) {
  const saved = [...SCREENS];
  if (!SCREENS.some((s) => s.id === screen.id)) SCREENS.push(screen);
  try {
    check();
  } finally {
    SCREENS.splice(0, SCREENS.length, ...saved);
  }
}

/** Runs `check` with the routes module lacking the screen `id`, then puts the list back as it was. */
function withoutScreen(id: ScreenId, check: () => void) {
  const saved = [...SCREENS];
  SCREENS.splice(0, SCREENS.length, ...saved.filter((s) => s.id !== id));
  try {
    check();
  } finally {
    SCREENS.splice(0, SCREENS.length, ...saved);
  }
}

const REQUEST_EVENT: Screen = {
  id: "requestEvent",
  path: "/request",
  title: () => "Request an Event",
  feature: "eventRequests",
  component: () => null,
};

describe("the routes module", () => {
  it("links only to screens that exist", () => {
    expect(hrefOf("myServices", { service: "s1" })).toBe("#/services?service=s1");
    withoutScreen("calendar", () => expect(hrefOf("calendar")).toBeNull());
    expect(SCREENS[0].id).toBe("home");
  });

  it("gives a service only the actions whose screen exists", () => {
    const actions = serviceActions(SERVICES[0], ALL_ON);
    const built = new Set(SCREENS.map((s) => s.id as string));
    expect(actions.every((a) => built.has(a.key.split(":")[0]))).toBe(true);
  });

  it("names the provider in a per-provider action", () => {
    withScreen(REQUEST_EVENT, () => {
      const request = serviceActions(SERVICES[0], ALL_ON).filter((a) => a.key.startsWith("requestEvent"));
      expect(request.map((a) => a.label)).toEqual(["Request an Event with Pat Worker"]);
      expect(request[0].href).toMatch(/\?service=s1&worker=w1$/);
    });
  });

  it("leaves out the actions of a feature the agency switched off, and all of them while the settings are unknown", () => {
    withScreen(REQUEST_EVENT, () => {
      const keys = (features: Features | undefined) => serviceActions(SERVICES[0], features).map((a) => a.key);
      expect(keys(ALL_ON)).toContain("requestEvent:w1");
      expect(keys({ ...ALL_ON, eventRequests: false })).not.toContain("requestEvent:w1");
      expect(keys(undefined)).not.toContain("requestEvent:w1");
    });
  });
});

describe("the features the agency switched on", () => {
  it("reads the requests settings and messaging's", () => {
    const settings = {
      event_requests_enabled: true,
      video_sessions_enabled: false,
      request_messages_enabled: true,
      request_messages_required: false,
      service_requests_enabled: false,
      cancellation_window_hours: 48,
      feed_client_names: false,
      max_open_requests: 3,
      agency_name: null,
      version: 2,
    };
    expect(featuresOf(settings, { discussions_enabled: false })).toEqual({
      eventRequests: true,
      videoSessions: false,
      requestMessages: true,
      serviceRequests: false,
      cancellationWindowHours: 48,
      discussions: false,
    });
  });

  it("counts a switchable feature off until the settings are known, and a screen without one always on", () => {
    expect(isOn(undefined, "eventRequests")).toBe(false);
    expect(isOn(ALL_ON, "eventRequests")).toBe(true);
    expect(isOn(undefined, undefined)).toBe(true);
  });
});

describe("the inactivity timer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse("2026-03-09T12:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  const LIMIT = 15 * 60_000;

  it("ends the session once the limit passes without activity", () => {
    const idle = vi.fn();
    new IdleTimer(LIMIT, idle).start(new EventTarget(), null);
    vi.advanceTimersByTime(LIMIT - 1);
    expect(idle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(idle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(LIMIT * 3);
    expect(idle).toHaveBeenCalledTimes(1);
  });

  it("starts counting again at each key, pointer, touch or scroll", () => {
    const idle = vi.fn();
    const target = new EventTarget();
    new IdleTimer(LIMIT, idle).start(target, null);
    vi.advanceTimersByTime(10 * 60_000);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(10 * 60_000);
    expect(idle).not.toHaveBeenCalled();
    target.dispatchEvent(new Event("pointerdown"));
    vi.advanceTimersByTime(LIMIT - 1);
    expect(idle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(idle).toHaveBeenCalledTimes(1);
  });

  it("checks when the page comes back into view, as a sleeping phone's timers may not have fired", () => {
    const idle = vi.fn();
    const page = new EventTarget();
    const timer = new IdleTimer(LIMIT, idle);
    timer.start(new EventTarget(), page);
    vi.setSystemTime(Date.now() + LIMIT + 60_000); // time passed, no timer ran
    page.dispatchEvent(new Event("visibilitychange"));
    expect(idle).toHaveBeenCalledTimes(1);
  });

  it("does nothing once stopped (signed out)", () => {
    const idle = vi.fn();
    const timer = new IdleTimer(LIMIT, idle);
    timer.start(new EventTarget(), null);
    timer.stop();
    vi.advanceTimersByTime(LIMIT * 2);
    expect(idle).not.toHaveBeenCalled();
  });
});

describe("forgot password through Cognito", () => {
  it("asks for a code, then sets the new password with it", async () => {
    const { Cognito } = await import("../../shared/auth/cognito");
    const seen: { target: string; body: Record<string, unknown> }[] = [];
    const fetchFn = (async (_url: string, init: RequestInit) => {
      const target = String((init.headers as Record<string, string>)["X-Amz-Target"]).split(".").pop()!;
      seen.push({ target, body: JSON.parse(String(init.body)) });
      const reply = target === "ForgotPassword" ? { CodeDeliveryDetails: { Destination: "c***@d***" } } : {};
      return new Response(JSON.stringify(reply));
    }) as unknown as typeof fetch;
    const cognito = new Cognito({ endpoint: "http://cognito.test", userPoolId: "p", clientId: "c-1" }, fetchFn);
    expect(await cognito.forgotPassword("client@demo.test")).toBe("c***@d***");
    await cognito.confirmForgotPassword("client@demo.test", "123456", "a new long password");
    expect(seen).toEqual([
      { target: "ForgotPassword", body: { ClientId: "c-1", Username: "client@demo.test" } },
      {
        target: "ConfirmForgotPassword",
        body: { ClientId: "c-1", Username: "client@demo.test", ConfirmationCode: "123456", Password: "a new long password" },
      },
    ]);
  });
});

describe("the portal's session", () => {
  it("lives in memory and, ended for inactivity, says so and revokes the refresh token", async () => {
    const { MemoryStore, Session, STORAGE_KEY } = await import("../../shared/auth/session");
    const { FakeCognito } = await import("../../tests/fakes");
    const cognito = new FakeCognito(() => Date.now());
    const store = new MemoryStore();
    const session = new Session(cognito as never, store);
    await session.signIn("client@demo.test", "right-password");
    expect(session.state.kind).toBe("signed-in");
    await session.signOut("idle");
    expect(session.state).toEqual({ kind: "signed-out", reason: "idle" });
    expect(cognito.revoked).toEqual(["refresh-1"]);
    expect(store.getItem(STORAGE_KEY)).toBeNull();
  });
});
