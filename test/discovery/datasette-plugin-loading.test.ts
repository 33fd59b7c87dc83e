// Issue 16, item 6: what datasette's plugin loading (datasette/plugins.py and
// datasette/app.py's get_plugins, ported here from their Python) needs from discovery. datasette
// loads every installed plugin unless DATASETTE_LOAD_PLUGINS lists package names, in which case it
// loads the "datasette" entry points of those distributions only (a name another package also
// declares must not come from that package); and it serves each plugin's `static/` folder from the
// plugin's distribution folder. The port below is written for these tests.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { HookspecMarker, listEntrypoints, PluginManager } from "hooksmith";
import { loadLog, makeTree, removeTrees, resetLoadLog, type Tree } from "./fixtures.ts";

afterAll(removeTrees);
beforeEach(resetLoadLog);

const hookspec = HookspecMarker("datasette");

/** A slice of datasette's hookspecs. */
const DatasetteSpecs = {
  extra_css_urls: hookspec((_args: { template: string }): unknown => undefined),
};

/** datasette's plugins.py: the manager, then entry points, or only those of DATASETTE_LOAD_PLUGINS. */
async function loadDatasettePlugins(
  env: Record<string, string | undefined>,
  cwd: string,
  stderr: string[],
): Promise<PluginManager> {
  const pm = new PluginManager("datasette");
  pm.addHookspecs(DatasetteSpecs);
  const load = env["DATASETTE_LOAD_PLUGINS"];
  if (load === undefined) {
    await pm.loadEntrypoints("datasette", undefined, { cwd });
    return pm;
  }
  for (const packageName of load.split(",").filter((name) => name.trim() !== "")) {
    await pm.loadEntrypoints("datasette", undefined, {
      cwd,
      packages: [packageName],
      onError: "skip",
      onFailure: (failure) => {
        if (failure.code === "HOOKSMITH_PLUGIN_NOT_FOUND" && failure.pluginName === undefined) {
          stderr.push(`Plugin ${packageName} could not be found`);
        } else {
          throw failure;
        }
      },
    });
  }
  return pm;
}

/** datasette's app.py get_plugins(): name, version, static path and hooks of every plugin. */
function getPlugins(
  pm: PluginManager,
): Array<{ name: string; version: string | undefined; staticPath: string | undefined; hooks: string[] }> {
  return pm.listPluginDistinfo().map(([plugin, info]) => {
    const staticDir = info.packageDir === undefined ? undefined : join(info.packageDir, "static");
    return {
      name: info.name,
      version: info.version,
      staticPath: staticDir !== undefined && existsSync(staticDir) ? staticDir : undefined,
      hooks: (pm.getHookcallers(plugin) ?? []).map((caller) => caller.name),
    };
  });
}

/** A datasette plugin distribution declaring entry point `entry` in group "datasette". */
function distribution(name: string, entry: string, extra: Tree = {}): Tree {
  const hookimpl = `(fn) => { fn[Symbol.for("datasette.hookimpl")] = {}; return fn; }`;
  return {
    [`node_modules/${name}/package.json`]: {
      name,
      version: "0.3.1",
      type: "module",
      entryPoints: { datasette: { [entry]: "./plugin.js" } },
    },
    [`node_modules/${name}/plugin.js`]: `(globalThis.hooksmithLoadLog ??= []).push(${JSON.stringify(name)});
export const extra_css_urls = (${hookimpl})(() => ["/-/static-plugins/${name}/app.css"]);
`,
    ...extra,
  };
}

describe("datasette's DATASETTE_LOAD_PLUGINS (datasette/plugins.py)", () => {
  const installed = {
    ...distribution("datasette-cluster-map", "cluster_map", { "node_modules/datasette-cluster-map/static/app.css": "" }),
    ...distribution("datasette-vega", "vega"),
    // Another distribution declares the same entry point name as datasette-vega.
    ...distribution("datasette-fork-of-vega", "vega"),
  };

  it("loads only the entry points of the listed packages, never a same-named one of another package", async () => {
    const root = await makeTree(installed);
    const stderr: string[] = [];

    const pm = await loadDatasettePlugins({ DATASETTE_LOAD_PLUGINS: "datasette-vega" }, root, stderr);

    expect(loadLog()).toEqual(["datasette-vega"]);
    expect(pm.listPluginDistinfo().map(([, info]) => [info.pluginName, info.packageName])).toEqual([["vega", "datasette-vega"]]);
    expect(stderr).toEqual([]);
  });

  it("loads every installed plugin without the variable, the first package winning a shared name", async () => {
    const root = await makeTree(installed);

    const pm = await loadDatasettePlugins({}, root, []);

    expect(pm.listPluginDistinfo().map(([, info]) => info.packageName)).toEqual([
      "datasette-cluster-map",
      "datasette-fork-of-vega",
    ]);
  });

  it("loads no plugin when the variable is empty, and reports a listed package that is not installed", async () => {
    const root = await makeTree(installed);
    const stderr: string[] = [];

    expect((await loadDatasettePlugins({ DATASETTE_LOAD_PLUGINS: "" }, root, stderr)).getPlugins().size).toBe(0);
    const pm = await loadDatasettePlugins({ DATASETTE_LOAD_PLUGINS: "datasette-nope,datasette-cluster-map" }, root, stderr);

    expect(stderr).toEqual(["Plugin datasette-nope could not be found"]);
    expect(pm.listPluginDistinfo().map(([, info]) => info.packageName)).toEqual(["datasette-cluster-map"]);
  });

  it("serves a plugin's static/ folder from its package folder (get_plugins in datasette/app.py)", async () => {
    const root = await makeTree(installed);

    const pm = await loadDatasettePlugins({ DATASETTE_LOAD_PLUGINS: "datasette-cluster-map,datasette-vega" }, root, []);

    expect(getPlugins(pm)).toEqual([
      {
        name: "datasette-cluster-map",
        version: "0.3.1",
        staticPath: join(root, "node_modules/datasette-cluster-map/static"),
        hooks: ["extra_css_urls"],
      },
      { name: "datasette-vega", version: "0.3.1", staticPath: undefined, hooks: ["extra_css_urls"] },
    ]);
  });

  it("answers importlib.metadata.entry_points(group='datasette') without importing a plugin", async () => {
    const root = await makeTree(installed);

    const entryPoints = await listEntrypoints("datasette", { cwd: root });

    expect(entryPoints.map((entry) => [entry.name, entry.packageName, entry.packageDir])).toEqual([
      ["cluster_map", "datasette-cluster-map", join(root, "node_modules/datasette-cluster-map")],
      ["vega", "datasette-fork-of-vega", join(root, "node_modules/datasette-fork-of-vega")],
      ["vega", "datasette-vega", join(root, "node_modules/datasette-vega")],
    ]);
    expect(loadLog()).toEqual([]);
  });
});
