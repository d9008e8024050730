import { describe, expect, it } from "vitest";
import { Api, ApiError, NETWORK, withQuery } from "../shared/http";
import { SessionExpired } from "../shared/auth/session";

function tokens(renewed = "token-2") {
  const log: string[] = [];
  return {
    log,
    source: {
      idToken: async () => "token-1",
      renewAfterRejection: async (rejected: string) => {
        log.push(`renew:${rejected}`);
        return renewed;
      },
      expire: () => {
        log.push("expire");
        return new SessionExpired();
      },
    },
  };
}

function respond(...answers: [number, unknown][]) {
  const seen: { url: string; init: RequestInit }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    const [status, body] = answers.shift()!;
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { seen, fetchFn };
}

describe("the API client", () => {
  it("sends the ID token and JSON, and returns the answer", async () => {
    const { source } = tokens();
    const { seen, fetchFn } = respond([201, { calendar_id: "c1" }]);
    const api = new Api("http://api.test", source, fetchFn);
    expect(await api.post("/availability/workers/w1/calendars", { name: "Summer" })).toEqual({ calendar_id: "c1" });
    expect(seen[0].url).toBe("http://api.test/availability/workers/w1/calendars");
    expect(seen[0].init.headers).toMatchObject({ Authorization: "token-1", "Content-Type": "application/json" });
    expect(seen[0].init.body).toBe('{"name":"Summer"}');
  });

  it("renews a rejected token once and repeats the call", async () => {
    const { source, log } = tokens();
    const { seen, fetchFn } = respond([401, { error: { code: "unauthorized" } }], [200, { ok: true }]);
    const api = new Api("", source, fetchFn);
    expect(await api.get("/availability/settings")).toEqual({ ok: true });
    expect(log).toEqual(["renew:token-1"]);
    expect((seen[1].init.headers as Record<string, string>).Authorization).toBe("token-2");
  });

  it("ends the session when the renewed token is rejected too", async () => {
    const { source, log } = tokens();
    const { fetchFn } = respond([401, {}], [401, {}]);
    const api = new Api("", source, fetchFn);
    await expect(api.get("/availability/settings")).rejects.toBeInstanceOf(SessionExpired);
    expect(log).toEqual(["renew:token-1", "expire"]);
  });

  it("turns the API's error body into an ApiError naming the field", async () => {
    const { source } = tokens();
    const body = { error: { code: "invalid_field", message: "slot_minutes must be ...", field: "slot_minutes" } };
    const { fetchFn } = respond([400, body]);
    const error = (await new Api("", source, fetchFn).put("/availability/settings", {}).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.field]).toEqual([400, "invalid_field", "slot_minutes"]);
  });

  it("says the server cannot be reached when fetch fails", async () => {
    const { source } = tokens();
    const fetchFn = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const error = (await new Api("", source, fetchFn).get("/x").catch((e) => e)) as ApiError;
    expect([error.status, error.code]).toEqual([0, NETWORK]);
  });

  it("returns nothing for 204", async () => {
    const { source } = tokens();
    const { fetchFn } = respond([204, undefined]);
    expect(await new Api("", source, fetchFn).delete("/x")).toBeUndefined();
  });

  it("builds query strings without empty values", () => {
    expect(withQuery("/p", { role: "worker", cursor: undefined, limit: 200 })).toBe("/p?role=worker&limit=200");
  });
});
