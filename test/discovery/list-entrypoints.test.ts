import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { listEntrypoints, PluginLoadError, PluginManager, type DeclaredEntrypoint } from "hooksmith";
import { esmPlugin, loadLog, makeTree, pluginPackage, removeTrees, resetLoadLog } from "./fixtures.ts";

afterAll(removeTrees);
beforeEach(resetLoadLog);

describe("listEntrypoints", () => {
  it("lists the declared entry points of a group, resolved to their files, without importing any", async () => {
    const root = await makeTree({
      "node_modules/b-plugin/package.json": pluginPackage("b-plugin", { zeta: "./z.js", alpha: "./a.js" }, { version: "2.0.0" }),
      "node_modules/b-plugin/a.js": esmPlugin("alpha"),
      "node_modules/b-plugin/z.js": esmPlugin("zeta"),
      "packages/a/package.json": pluginPackage("@acme/a", { acme: "@acme/a/plugin" }, { exports: { "./plugin": "./lib/p.js" } }),
      "packages/a/lib/p.js": esmPlugin("acme"),
      "node_modules/@acme/a": { symlink: "../../packages/a" },
      "node_modules/other-group/package.json": pluginPackage("other-group", { other: "./o.js" }, {}, "elsewhere"),
      "node_modules/unversioned/package.json": { name: "unversioned", entryPoints: { example: { bare: "./index.js" } } },
      "node_modules/unversioned/index.js": esmPlugin("bare"),
    });

    const listing = await listEntrypoints("example", { cwd: root });

    expect(listing).toEqual([
      {
        group: "example",
        name: "acme",
        packageName: "@acme/a",
        version: "1.0.0",
        packageDir: join(root, "packages/a"),
        file: join(root, "packages/a/lib/p.js"),
        value: "@acme/a/plugin",
      },
      {
        group: "example",
        name: "alpha",
        packageName: "b-plugin",
        version: "2.0.0",
        packageDir: join(root, "node_modules/b-plugin"),
        file: join(root, "node_modules/b-plugin/a.js"),
        value: "./a.js",
      },
      {
        group: "example",
        name: "zeta",
        packageName: "b-plugin",
        version: "2.0.0",
        packageDir: join(root, "node_modules/b-plugin"),
        file: join(root, "node_modules/b-plugin/z.js"),
        value: "./z.js",
      },
      {
        group: "example",
        name: "bare",
        packageName: "unversioned",
        version: undefined,
        packageDir: join(root, "node_modules/unversioned"),
        file: join(root, "node_modules/unversioned/index.js"),
        value: "./index.js",
      },
    ] satisfies DeclaredEntrypoint[]);
    expect(loadLog()).toEqual([]);
    expect(Object.isFrozen(listing[0])).toBe(true);
  });

  it("lists every declaration of a name that several packages declare, in the order loadEntrypoints meets them", async () => {
    const root = await makeTree({
      "node_modules/first/package.json": pluginPackage("first", { shared: "./index.js" }),
      "node_modules/first/index.js": esmPlugin("first"),
      "node_modules/second/package.json": pluginPackage("second", { shared: "./index.js" }),
      "node_modules/second/index.js": esmPlugin("second"),
    });

    const listing = await listEntrypoints("example", { cwd: root });
    expect(listing.map((entry) => `${entry.packageName}:${entry.name}`)).toEqual(["first:shared", "second:shared"]);

    const pm = new PluginManager("example");
    await pm.loadEntrypoints("example", undefined, { cwd: root });
    expect(pm.listPluginDistinfo().map(([, info]) => info.packageName)).toEqual(["first"]);
  });

  it("limits the listing to the packages named in options.packages", async () => {
    const root = await makeTree({
      "node_modules/first/package.json": pluginPackage("first", { one: "./index.js" }),
      "node_modules/first/index.js": esmPlugin("first"),
      "node_modules/second/package.json": pluginPackage("second", { two: "./index.js" }),
      "node_modules/second/index.js": esmPlugin("second"),
    });

    const listing = await listEntrypoints("example", { cwd: root, packages: ["second"] });

    expect(listing.map((entry) => entry.name)).toEqual(["two"]);
  });

  it("rejects on the first broken declaration, or reports each one with onError: skip", async () => {
    const root = await makeTree({
      "node_modules/a-missing/package.json": pluginPackage("a-missing", { gone: "./gone.js" }),
      "node_modules/b-broken/package.json": `{ "name": "b-broken", "entryPoints": `,
      "node_modules/c-good/package.json": pluginPackage("c-good", { good: "./index.js" }),
      "node_modules/c-good/index.js": esmPlugin("good"),
    });

    const error: unknown = await listEntrypoints("example", { cwd: root }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PluginLoadError);
    expect((error as PluginLoadError).code).toBe("HOOKSMITH_PLUGIN_NOT_FOUND");

    const failures: PluginLoadError[] = [];
    const listing = await listEntrypoints("example", {
      cwd: root,
      onError: "skip",
      onFailure: (failure) => failures.push(failure),
    });
    expect(listing.map((entry) => entry.name)).toEqual(["good"]);
    expect(failures.map((failure) => [failure.code, failure.packageName])).toEqual([
      ["HOOKSMITH_PLUGIN_NOT_FOUND", "a-missing"],
      ["HOOKSMITH_INVALID_PACKAGE_JSON", "b-broken"],
    ]);
  });

  it("rejects a group that is not a non-empty string", async () => {
    await expect(listEntrypoints("")).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TypeError: listEntrypoints: the group must be a non-empty string, got ""]`,
    );
  });
});
