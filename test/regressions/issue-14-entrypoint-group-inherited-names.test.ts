// Issue 14 (hardening), item 11: a group is looked up in the package.json `entryPoints` object
// with a plain property read, so an inherited member answers for a group no package declares.
// Loading group "constructor" (or "toString", "hasOwnProperty") finds `Object.prototype`'s
// function in every package that declares entry points and reports each of them as broken.
// Every lookup by a user-given key must read own properties only.
import { afterAll, describe, expect, it } from "vitest";
import { PluginManager, type PluginLoadError } from "hooksmith";
import { esmPlugin, makeTree, pluginPackage, removeTrees } from "../discovery/fixtures.ts";

afterAll(removeTrees);

async function load(root: string, group: string): Promise<{ count: number; failures: string[]; names: string[] }> {
  const pm = new PluginManager("example");
  const failures: PluginLoadError[] = [];
  const count = await pm.loadEntrypoints(group, undefined, {
    cwd: root,
    onError: "skip",
    onFailure: (failure) => failures.push(failure),
  });
  return { count, failures: failures.map((failure) => failure.message), names: pm.listNamePlugin().map(([name]) => name) };
}

describe("an entry point group named like an Object.prototype member", () => {
  it.each(["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"])(
    "loads nothing from packages that do not declare group %j, and reports nothing",
    async (group) => {
      const root = await makeTree({
        "node_modules/plain/package.json": pluginPackage("plain", { plain: "./index.js" }),
        "node_modules/plain/index.js": esmPlugin("plain"),
      });

      await expect(load(root, group)).resolves.toEqual({ count: 0, failures: [], names: [] });
    },
  );

  it.each(["constructor", "__proto__"])("loads the entry points of a package that declares group %j", async (group) => {
    const root = await makeTree({
      // Written as text: JSON.parse makes "__proto__" an own property, as npm would read it.
      "node_modules/odd/package.json": `{ "name": "odd", "type": "module", "entryPoints": { ${JSON.stringify(group)}: { "odd": "./index.js" } } }`,
      "node_modules/odd/index.js": esmPlugin("odd"),
      "node_modules/plain/package.json": pluginPackage("plain", { plain: "./index.js" }),
      "node_modules/plain/index.js": esmPlugin("plain"),
    });

    await expect(load(root, group)).resolves.toEqual({ count: 1, failures: [], names: ["odd"] });
  });
});
