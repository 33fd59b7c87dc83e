// The public surface of `hooksmith/tapable`, and the rule that only this entry point loads tapable.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as api from "../../src/tapable/index.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Every module a source file imports, transitively, by relative path (type-only imports included).
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const source = readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(/^(?:import|export)\b[^;]*?(?:from\s+)?"([^"]+)";/gm)].map((match) => match[1]!);
    graph.set(file, specifiers);
    for (const specifier of specifiers) if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier));
  }
  return graph;
}

describe("hooksmith/tapable", () => {
  it("exports the bridge's functions and errors", () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "TapableBridgeError",
        "TapableTapError",
        "tapHooksmith",
        "tapHooksmithHooks",
        "tapableStage",
        "toTapableHook",
        "toTapableHooks",
        "untap",
      ]
    `);
  });

  it("is the only entry point that imports tapable", () => {
    const rootImports = [...importGraph("src/index.ts")].filter(([, specifiers]) => specifiers.includes("tapable"));
    expect(rootImports.map(([file]) => file)).toEqual([]);
    const bridgeImports = [...importGraph("src/tapable/index.ts")].filter(([, specifiers]) => specifiers.includes("tapable"));
    expect(bridgeImports.length).toBeGreaterThan(0);
    expect(bridgeImports.every(([file]) => file.includes("/src/tapable/"))).toBe(true);
  });
});
