import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** Lints a component as if it were a file of the staff app, with the project's eslint.config.js. */
async function rulesBroken(source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });
  const [result] = await eslint.lintText(source, { filePath: "src/pages/Example.tsx" });
  return result.messages.map((m) => `${m.severity === 2 ? "error" : "warning"} ${m.ruleId}`);
}

// Loading the config and the TypeScript parser takes seconds on a busy machine.
describe("ESLint's hooks rules (npm run lint, in make test)", { timeout: 30_000 }, () => {
  it("refuse a hook called under a condition", async () => {
    const source = `
      import { useState } from "preact/hooks";
      export function Example(props: { on: boolean }) {
        if (props.on) useState(0);
        return null;
      }`;
    expect(await rulesBroken(source)).toEqual(["error react-hooks/rules-of-hooks"]);
  });

  it("refuse an effect that reads what its dependency list leaves out", async () => {
    const source = `
      import { useEffect } from "preact/hooks";
      export function Example(props: { id: string; onOpen: (id: string) => void }) {
        useEffect(() => props.onOpen(props.id), [props.id]);
        return null;
      }`;
    expect(await rulesBroken(source)).toEqual(["error react-hooks/exhaustive-deps"]);
  });

  it("pass an effect with its whole list", async () => {
    const source = `
      import { useEffect } from "preact/hooks";
      export function Example(props: { id: string; onOpen: (id: string) => void }) {
        const { id, onOpen } = props;
        useEffect(() => onOpen(id), [id, onOpen]);
        return null;
      }`;
    expect(await rulesBroken(source)).toEqual([]);
  });
});
