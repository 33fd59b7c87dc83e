// The `#platform` binding used outside Node (browsers, workerd): every Node-only feature rejects
// with HOOKSMITH_UNSUPPORTED_RUNTIME naming itself. The real runtimes are exercised by
// `npm run test:runtimes`; this pins the binding's contract inside the unit suite.
import { describe, expect, it } from "vitest";
import * as fallback from "../../src/platform/default.ts";
import * as node from "../../src/platform/node.ts";
import { HooksmithError } from "hooksmith";

describe("the default #platform binding", () => {
  it("exports the same features as the Node binding", () => {
    expect(Object.keys(fallback).sort()).toEqual(Object.keys(node).sort());
  });

  it.each(Object.entries(fallback))("rejects %s with HOOKSMITH_UNSUPPORTED_RUNTIME", async (_name, feature) => {
    const error: unknown = await (feature as (...args: unknown[]) => Promise<unknown>)().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HooksmithError);
    expect((error as HooksmithError).code).toBe("HOOKSMITH_UNSUPPORTED_RUNTIME");
    expect((error as HooksmithError).message).toMatch(/needs Node\.js \(or Deno or Bun\)/);
  });

  it("names the feature that needs Node", async () => {
    await expect(fallback.loadEntrypoints({} as never, "example")).rejects.toThrowErrorMatchingInlineSnapshot(
      `[HooksmithError: PluginManager.loadEntrypoints needs Node.js (or Deno or Bun): it reads files or loads modules, which this runtime cannot do]`,
    );
  });
});
