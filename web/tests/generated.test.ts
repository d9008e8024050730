import { describe, expect, it } from "vitest";
import { committed, generate, orphans, services } from "../scripts/api-types.mjs";

const STALE = "is not what the generator writes from the service's openapi.json now: run `make openapi` and commit it.";

describe("the API types generated from the OpenAPI documents", () => {
  it("cover the four services", () => {
    expect(services()).toEqual(["availability", "billing", "messaging", "requests"]);
  });

  it.each(services())("of %s are what the generator writes now", async (service) => {
    const file = committed(service);
    expect(file, `web/shared/api/generated/${service}.ts is missing: run \`make openapi\`.`).not.toBeNull();
    expect(file, `web/shared/api/generated/${service}.ts ${STALE}`).toBe(await generate(service));
  });

  it("have no file left from a service without a document", () => {
    expect(orphans()).toEqual([]);
  });
});
