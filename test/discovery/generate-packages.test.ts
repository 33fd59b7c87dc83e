import { afterAll, describe, expect, it } from "vitest";
import { PluginManager } from "../../src/index.ts";
import { generatePackages, type GeneratedPackages } from "../../bench/fixtures/generate-packages.ts";

const trees: GeneratedPackages[] = [];
afterAll(() => Promise.all(trees.map((tree) => tree.remove())));

describe("PluginManager.loadEntrypoints over the generated benchmark tree", () => {
  it("registers exactly the plugins the generator reports, from every kind of location, and none of the hidden ones", async () => {
    const tree = await generatePackages({ count: 1000 });
    trees.push(tree);
    const pm = new PluginManager(tree.group);

    const count = await pm.loadEntrypoints(tree.group, undefined, { cwd: tree.cwd });

    expect(tree.entrypointCount).toBe(100);
    expect(count).toBe(tree.entrypointCount);
    const paths = pm.listPluginDistinfo().map(([, info]) => info.path!.slice(tree.root.length));
    expect(paths.some((path) => path.startsWith("/app/node_modules/@scope-"))).toBe(true);
    expect(paths.some((path) => path.startsWith("/app/node_modules/.pnpm/"))).toBe(true);
    expect(paths.some((path) => path.startsWith("/packages/"))).toBe(true);
    expect(paths.some((path) => path.startsWith("/node_modules/"))).toBe(true);
    expect([...pm.getPlugins()].some((plugin) => (plugin as { kind?: unknown }).kind === "hidden")).toBe(false);
    const hook = (pm.hook as unknown as Record<string, () => unknown[]>)["describePlugin"]!;
    expect(hook()).toHaveLength(count);
  });
});
