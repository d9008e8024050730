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

/** The source of each module of web/src/services, by file name. */
const SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>("../src/services/*.ts", { query: "?raw", import: "default", eager: true })).map(
    ([path, source]) => [path.split("/").pop()!, source],
  ),
);

/** Helpers of the client that are no API shape, allowed by name (a cursor page as the pages read it). */
const NOT_API_SHAPES = new Set(["billing.ts: Page"]);

/** The interfaces, object types and string-literal unions a module declares: the shapes an API reply or body has. */
export function declaredShapes(source: string): string[] {
  const shape = /^\s*(?:export\s+)?(?:interface\s+(\w+)|type\s+(\w+)\s*(?:<[^=]*>)?\s*=\s*[|\s]*[{"'])/gm;
  return [...source.matchAll(shape)].map((m) => m[1] ?? m[2]);
}

describe("the service modules of web/src/services", () => {
  const modules = Object.keys(SOURCES).sort();

  it("are the four services'", () => {
    expect(modules).toEqual(services().map((service) => `${service}.ts`));
  });

  it.each(modules)("%s declares no API type of its own: they come from shared/api (generated)", (name) => {
    const declared = declaredShapes(SOURCES[name]).filter((type) => !NOT_API_SHAPES.has(`${name}: ${type}`));
    expect(declared, `name the generated schema in web/shared/api/${name} instead`).toEqual([]);
  });

  it("would be caught declaring one", () => {
    expect(declaredShapes("export interface Person {\n  name: string;\n}")).toEqual(["Person"]);
    expect(declaredShapes("interface Local { a: number }")).toEqual(["Local"]);
    expect(declaredShapes("export type Fees = {\n  currency: string;\n};")).toEqual(["Fees"]);
    expect(declaredShapes('export type Status =\n  | "open"\n  | "closed";')).toEqual(["Status"]);
    expect(declaredShapes("type Kind = 'a' | 'b';")).toEqual(["Kind"]);
    expect(declaredShapes('export type Settings = Schemas["Settings"];')).toEqual([]);
    expect(declaredShapes("export const OFFLINE_METHODS: { value: OfflineMethod }[] = [];")).toEqual([]);
  });
});
