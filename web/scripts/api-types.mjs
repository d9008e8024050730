/**
 * The TypeScript types of each service's API, generated from its OpenAPI document (`services/<service>/openapi.json`)
 * with openapi-typescript into `web/shared/api/generated/<service>.ts`: `npm run types` (`make openapi` runs it).
 *
 * Plain JavaScript so that Node runs it as is; the Vitest check (`tests/generated.test.ts`) imports `generate` to
 * compare each committed file with what this writes now.
 */

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SERVICES_DIR = resolve(WEB, "../services");
export const GENERATED = join(WEB, "shared/api/generated");

// Optional fields with a default (`messages_left`, a settings change's fields) stay optional: a request may leave
// them out, and a reply is not promised to carry them.
const OPTIONS = { defaultNonNullable: false };

/** The services that have an OpenAPI document, by name. */
export function services() {
  return readdirSync(SERVICES_DIR)
    .filter((name) => existsSync(join(SERVICES_DIR, name, "openapi.json")))
    .sort();
}

/** What the generator writes for a service now. */
export async function generate(service) {
  const document = JSON.parse(readFileSync(join(SERVICES_DIR, service, "openapi.json"), "utf8"));
  const types = astToString(await openapiTS(document, OPTIONS));
  return (
    `// Generated from services/${service}/openapi.json by openapi-typescript: do not edit.\n` +
    "// Refresh with `make openapi` (or `npm run types` in web/); a Vitest test fails when this file is stale.\n\n" +
    types
  );
}

/** The committed file of a service, or null. */
export function committed(service) {
  const path = join(GENERATED, `${service}.ts`);
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

/** The generated files that no service's document accounts for (a removed service). */
export function orphans() {
  const names = new Set(services().map((service) => `${service}.ts`));
  return existsSync(GENERATED) ? readdirSync(GENERATED).filter((name) => !names.has(name)).sort() : [];
}

async function main() {
  mkdirSync(GENERATED, { recursive: true });
  for (const name of orphans()) rmSync(join(GENERATED, name));
  for (const service of services()) {
    const path = join(GENERATED, `${service}.ts`);
    writeFileSync(path, await generate(service));
    console.log(`wrote ${relative(resolve(WEB, ".."), path)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
