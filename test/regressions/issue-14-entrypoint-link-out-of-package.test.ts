// Issue 14 (hardening), item 3: an entry point is checked against its package directory before
// symbolic links are resolved, so a file or a folder of the package that is a link to somewhere
// else loads a module from outside the package. docs/errors.md promises
// HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE for "a symbolic link out of it": the real path of the entry
// file must lie inside the real path of its package.
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PluginManager, type PluginLoadError } from "hooksmith";
import { esmPlugin, loadLog, makeTree, pluginPackage, removeTrees, resetLoadLog } from "../discovery/fixtures.ts";

afterAll(removeTrees);
beforeEach(resetLoadLog);

/** Loads group "example" from `root`, skipping failures; returns the failures and what was registered. */
async function load(root: string): Promise<{ failures: PluginLoadError[]; names: string[] }> {
  const pm = new PluginManager("example");
  const failures: PluginLoadError[] = [];
  await pm.loadEntrypoints("example", undefined, { cwd: root, onError: "skip", onFailure: (failure) => failures.push(failure) });
  return { failures, names: pm.listNamePlugin().map(([name]) => name) };
}

describe("an entry point reached through a symbolic link", () => {
  it("refuses a file link leading out of the package, without importing the target", async () => {
    const root = await makeTree({
      "outside/secret.js": esmPlugin("secret"),
      "node_modules/evil/package.json": pluginPackage("evil", { evil: "./plugin.js" }),
      "node_modules/evil/plugin.js": { symlink: "../../outside/secret.js" },
    });

    const { failures, names } = await load(root);

    expect(names).toEqual([]);
    expect(loadLog()).toEqual([]);
    expect(failures.map((failure) => [failure.code, failure.pluginName, failure.file])).toEqual([
      ["HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE", "evil", join(root, "outside/secret.js")],
    ]);
    expect(failures[0]!.message.replaceAll(root, "<root>")).toBe(
      'Cannot load plugin "evil" from package "evil" (<root>/outside/secret.js): entry point "./plugin.js" leads out of the package directory <root>/node_modules/evil through a symbolic link (it is <root>/outside/secret.js)',
    );
  });

  it("refuses a folder link leading out of the package", async () => {
    const root = await makeTree({
      "outside/plugin.js": esmPlugin("outside"),
      "node_modules/evil/package.json": pluginPackage("evil", { evil: "./dist/plugin.js" }),
      "node_modules/evil/dist": { symlink: "../../outside" },
    });

    const { failures, names } = await load(root);

    expect(names).toEqual([]);
    expect(loadLog()).toEqual([]);
    expect(failures.map((failure) => [failure.code, failure.file])).toEqual([
      ["HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE", join(root, "outside/plugin.js")],
    ]);
  });

  it("refuses an exports target that is a link leading out of the package", async () => {
    const root = await makeTree({
      "outside/plugin.js": esmPlugin("outside"),
      "node_modules/evil/package.json": pluginPackage(
        "evil",
        { main: ".", sub: "evil/sub" },
        { exports: { ".": "./lib/plugin.js", "./sub": "./lib/plugin.js" } },
      ),
      "node_modules/evil/lib": { symlink: "../../outside" },
    });

    const { failures } = await load(root);

    expect(failures.map((failure) => [failure.code, failure.pluginName])).toEqual([
      ["HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE", "main"],
      ["HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE", "sub"],
    ]);
  });

  it("loads a link that stays inside the package, and a package that is itself a link (a workspace)", async () => {
    const root = await makeTree({
      "packages/ws/package.json": pluginPackage("ws", { ws: "./plugin.js" }),
      "packages/ws/plugin.js": { symlink: "./src/plugin.js" },
      "packages/ws/src/plugin.js": esmPlugin("ws"),
      "node_modules/ws": { symlink: "../packages/ws" },
    });

    const { failures, names } = await load(root);

    expect(failures).toEqual([]);
    expect(names).toEqual(["ws"]);
  });
});
