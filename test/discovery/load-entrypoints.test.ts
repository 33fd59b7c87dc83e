import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginLoadError, PluginManager, isPluginLoadError } from "../../src/index.ts";
import { cjsPlugin, esmPlugin, loadLog, makeTree, pluginPackage, removeTrees, resetLoadLog } from "./fixtures.ts";

afterAll(removeTrees);
beforeEach(resetLoadLog);

/** The `id` export of the plugin registered under `name`. */
function idOf(pm: PluginManager, name: string): unknown {
  return (pm.getPlugin(name) as { id?: unknown } | undefined)?.id;
}

describe("PluginManager.loadEntrypoints", () => {
  it("registers the module namespace of each declared entry point under the entry point name", async () => {
    const root = await makeTree({
      "node_modules/hello-plugin/package.json": pluginPackage("hello-plugin", { hello: "./dist/plugin.js" }),
      "node_modules/hello-plugin/dist/plugin.js": esmPlugin("hello"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);

    const plugin = pm.getPlugin("hello") as Record<string, unknown>;
    expect(plugin).toBeDefined();
    expect(Object.prototype.toString.call(plugin)).toBe("[object Module]");
    expect(plugin["id"]).toBe("hello");
    expect(pm.getName(plugin)).toBe("hello");
    expect(loadLog()).toEqual(["hello"]);
  });

  it("searches options.cwd as a path or a file URL, and process.cwd() by default", async () => {
    const root = await makeTree({
      "node_modules/p/package.json": pluginPackage("p", { p: "./p.js" }),
      "node_modules/p/p.js": esmPlugin("p"),
    });
    const byUrl = new PluginManager("example");
    await expect(byUrl.loadEntrypoints("example", undefined, { cwd: new URL(`file://${root}/`) })).resolves.toBe(1);

    const byDefault = new PluginManager("example");
    const previous = process.cwd();
    process.chdir(root);
    try {
      await expect(byDefault.loadEntrypoints("example")).resolves.toBe(1);
    } finally {
      process.chdir(previous);
    }
    expect(byDefault.getPlugin("p")).toBe(byUrl.getPlugin("p"));
  });

  it("finds scoped packages", async () => {
    const root = await makeTree({
      "node_modules/@acme/tools/package.json": pluginPackage("@acme/tools", { "acme-tools": "./index.js" }),
      "node_modules/@acme/tools/index.js": esmPlugin("acme-tools"),
      "node_modules/@acme/unrelated/package.json": { name: "@acme/unrelated", version: "2.0.0" },
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);
    expect(idOf(pm, "acme-tools")).toBe("acme-tools");
  });

  it("follows npm workspace links and registers the module of the real file once", async () => {
    const root = await makeTree({
      "packages/ws-plugin/package.json": pluginPackage("ws-plugin", { ws: "./src/plugin.js" }),
      "packages/ws-plugin/src/plugin.js": esmPlugin("ws"),
      "node_modules/ws-plugin": { symlink: "../packages/ws-plugin" },
      // `npm link` style: a second name leading to the same real folder is the same package.
      "node_modules/ws-plugin-alias": { symlink: "../packages/ws-plugin" },
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);
    expect(idOf(pm, "ws")).toBe("ws");
    expect(pm.listPluginDistinfo().map(([, info]) => info.path)).toEqual([join(root, "packages/ws-plugin/src/plugin.js")]);
    expect(loadLog()).toEqual(["ws"]);
  });

  it("loads the packages pnpm links at the top of node_modules, not those hidden in .pnpm", async () => {
    const store = "node_modules/.pnpm";
    const root = await makeTree({
      [`${store}/direct@1.0.0/node_modules/direct/package.json`]: pluginPackage("direct", { direct: "./index.js" }),
      [`${store}/direct@1.0.0/node_modules/direct/index.js`]: esmPlugin("direct"),
      [`${store}/transitive@1.0.0/node_modules/transitive/package.json`]: pluginPackage("transitive", {
        transitive: "./index.js",
      }),
      [`${store}/transitive@1.0.0/node_modules/transitive/index.js`]: esmPlugin("transitive"),
      [`${store}/@scope+deep@1.0.0/node_modules/@scope/deep/package.json`]: pluginPackage("@scope/deep", { deep: "./index.js" }),
      [`${store}/@scope+deep@1.0.0/node_modules/@scope/deep/index.js`]: esmPlugin("deep"),
      "node_modules/direct": { symlink: ".pnpm/direct@1.0.0/node_modules/direct" },
      "node_modules/@scope/deep": { symlink: "../.pnpm/@scope+deep@1.0.0/node_modules/@scope/deep" },
      // No package name starts with a dot; such folders (.bin, .cache, .pnpm) are never packages.
      "node_modules/.hidden/package.json": pluginPackage(".hidden", { hidden: "./index.js" }),
      "node_modules/.hidden/index.js": esmPlugin("hidden"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(2);
    expect([idOf(pm, "direct"), idOf(pm, "deep"), pm.hasPlugin("transitive"), pm.hasPlugin("hidden")]).toEqual([
      "direct",
      "deep",
      false,
      false,
    ]);
  });

  it("reads a package reached through several links once", async () => {
    const root = await makeTree({
      "packages/broken/package.json": `{ "name": "broken", "entryPoints": `,
      "node_modules/broken": { symlink: "../packages/broken" },
      "node_modules/broken-link": { symlink: "../packages/broken" },
      "node_modules/@alias/broken": { symlink: "../../packages/broken" },
    });
    const pm = new PluginManager("example");
    const failures: PluginLoadError[] = [];

    await pm.loadEntrypoints("example", undefined, {
      cwd: root,
      onError: "skip",
      onFailure: (failure) => failures.push(failure),
    });

    expect(failures.map((failure) => [failure.code, failure.file])).toEqual([
      ["HOOKSMITH_INVALID_PACKAGE_JSON", join(root, "packages/broken/package.json")],
    ]);
  });

  it("searches the node_modules of every ancestor, the nearest folder winning for a package name", async () => {
    const root = await makeTree({
      "node_modules/shared/package.json": pluginPackage("shared", { "shared-far": "./index.js" }),
      "node_modules/shared/index.js": esmPlugin("shared-far"),
      "node_modules/far-only/package.json": pluginPackage("far-only", { "far-only": "./index.js" }),
      "node_modules/far-only/index.js": esmPlugin("far-only"),
      "apps/cli/node_modules/shared/package.json": pluginPackage("shared", { "shared-near": "./index.js" }),
      "apps/cli/node_modules/shared/index.js": esmPlugin("shared-near"),
      "apps/cli/src/.keep": "",
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: join(root, "apps/cli/src") })).resolves.toBe(2);
    expect(idOf(pm, "shared-near")).toBe("shared-near");
    expect(idOf(pm, "far-only")).toBe("far-only");
    expect(pm.hasPlugin("shared-far")).toBe(false);
  });

  it("loads in the order of package name, then entry point name, whatever the file system order", async () => {
    const root = await makeTree({
      "node_modules/zeta/package.json": pluginPackage("zeta", { "z-b": "./b.js", "z-a": "./a.js" }),
      "node_modules/zeta/a.js": esmPlugin("z-a"),
      "node_modules/zeta/b.js": esmPlugin("z-b"),
      "node_modules/@scoped/mid/package.json": pluginPackage("@scoped/mid", { mid: "./index.js" }),
      "node_modules/@scoped/mid/index.js": esmPlugin("mid"),
      "node_modules/alpha/package.json": pluginPackage("alpha", { "a-2": "./2.js", "a-10": "./10.js" }),
      "node_modules/alpha/2.js": esmPlugin("a-2"),
      "node_modules/alpha/10.js": esmPlugin("a-10"),
      "node_modules/Beta/package.json": pluginPackage("Beta", { beta: "./index.js" }),
      "node_modules/Beta/index.js": esmPlugin("beta"),
    });
    const pm = new PluginManager("example");

    await pm.loadEntrypoints("example", undefined, { cwd: root });

    const expected = ["mid", "beta", "a-10", "a-2", "z-a", "z-b"];
    expect(loadLog()).toEqual(expected);
    expect([...pm.getPlugins()].map((plugin) => pm.getName(plugin))).toEqual(expected);
  });

  it("resolves an entry point written as the package's own export through its exports map", async () => {
    const root = await makeTree({
      "node_modules/exp/package.json": pluginPackage(
        "exp",
        { main: ".", sub: "exp/hooks", dotted: "./extra", pattern: "exp/features/one" },
        {
          exports: {
            ".": { require: "./main.cjs", import: "./main.js" },
            "./hooks": { types: "./hooks.d.ts", node: { import: "./hooks.js", default: "./hooks.cjs" } },
            "./extra": "./lib/extra.js",
            "./features/*": "./lib/features/*.js",
          },
        },
      ),
      "node_modules/exp/main.js": esmPlugin("exp-main"),
      "node_modules/exp/main.cjs": cjsPlugin("exp-main-cjs"),
      "node_modules/exp/hooks.js": esmPlugin("exp-hooks"),
      "node_modules/exp/hooks.cjs": cjsPlugin("exp-hooks-cjs"),
      "node_modules/exp/lib/extra.js": esmPlugin("exp-extra"),
      "node_modules/exp/lib/features/one.js": esmPlugin("exp-one"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(4);
    expect([idOf(pm, "main"), idOf(pm, "sub"), idOf(pm, "dotted"), idOf(pm, "pattern")]).toEqual([
      "exp-main",
      "exp-hooks",
      "exp-extra",
      "exp-one",
    ]);
  });

  it('loads a package\'s main module for the entry point "." when it has no exports map', async () => {
    const root = await makeTree({
      "node_modules/legacy/package.json": pluginPackage("legacy", { legacy: "." }, { main: "lib/entry" }),
      "node_modules/legacy/lib/entry.js": esmPlugin("legacy"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);
    expect(idOf(pm, "legacy")).toBe("legacy");
  });

  it("loads CommonJS entry points", async () => {
    const root = await makeTree({
      "node_modules/cjs-plugin/package.json": pluginPackage(
        "cjs-plugin",
        { cjs: "./index.cjs", js: "./index.js" },
        { type: "commonjs" },
      ),
      "node_modules/cjs-plugin/index.cjs": cjsPlugin("cjs"),
      "node_modules/cjs-plugin/index.js": cjsPlugin("js"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(2);
    expect([idOf(pm, "cjs"), idOf(pm, "js")]).toEqual(["cjs", "js"]);
  });

  it("loads a TypeScript entry point through tsx", async () => {
    const root = await makeTree({
      "node_modules/ts-plugin/package.json": pluginPackage("ts-plugin", { ts: "./src/plugin.ts" }),
      "node_modules/ts-plugin/src/plugin.ts": `import { suffix } from "./helper.ts";\nexport const id: string = \`ts-\${suffix}\`;\n`,
      "node_modules/ts-plugin/src/helper.ts": `export const suffix: string = "plugin";\n`,
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);
    expect(idOf(pm, "ts")).toBe("ts-plugin");
  });

  it("skips names already registered or blocked without importing their modules", async () => {
    const root = await makeTree({
      "node_modules/several/package.json": pluginPackage("several", {
        taken: "./taken.js",
        blocked: "./blocked.js",
        free: "./free.js",
      }),
      "node_modules/several/taken.js": esmPlugin("taken"),
      "node_modules/several/blocked.js": esmPlugin("blocked"),
      "node_modules/several/free.js": esmPlugin("free"),
    });
    const pm = new PluginManager("example");
    const mine = { mine: true };
    pm.register(mine, "taken");
    pm.setBlocked("blocked");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);
    expect(pm.getPlugin("taken")).toBe(mine);
    expect(pm.hasPlugin("blocked")).toBe(false);
    expect(loadLog()).toEqual(["free"]);
  });

  it("loads only the entry point named by the name argument", async () => {
    const root = await makeTree({
      "node_modules/two/package.json": pluginPackage("two", { first: "./first.js", second: "./second.js" }),
      "node_modules/two/first.js": esmPlugin("first"),
      "node_modules/two/second.js": esmPlugin("second"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", "second", { cwd: root })).resolves.toBe(1);
    expect([pm.hasPlugin("first"), pm.hasPlugin("second")]).toEqual([false, true]);
  });

  it("ignores entry points of other groups and counts only the plugins registered by this call", async () => {
    const root = await makeTree({
      "node_modules/multi/package.json": {
        name: "multi",
        version: "1.0.0",
        type: "module",
        entryPoints: { example: { mine: "./mine.js" }, other: { theirs: "./theirs.js" } },
      },
      "node_modules/multi/mine.js": esmPlugin("mine"),
      "node_modules/multi/theirs.js": esmPlugin("theirs"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);
    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(0);
    expect(pm.hasPlugin("theirs")).toBe(false);
    expect(loadLog()).toEqual(["mine"]);
  });

  it("skips a module that is already registered under another name", async () => {
    const root = await makeTree({
      "node_modules/dup/package.json": pluginPackage("dup", { "dup-entry": "./index.js" }),
      "node_modules/dup/index.js": esmPlugin("dup"),
    });
    const pm = new PluginManager("example");
    const imported = await pm.importPlugin("dup", "imported-first", { cwd: root });

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(0);
    expect(imported).toBe("imported-first");
    expect(pm.hasPlugin("dup-entry")).toBe(false);
  });

  it("never parses the package.json of a package that does not mention entryPoints", async () => {
    const root = await makeTree({
      "node_modules/corrupt-unrelated/package.json": `{ "name": "corrupt-unrelated", `,
      "node_modules/ok/package.json": pluginPackage("ok", { ok: "./index.js" }),
      "node_modules/ok/index.js": esmPlugin("ok"),
    });
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root })).resolves.toBe(1);
  });
});

describe("PluginManager.loadEntrypoints with broken plugins", () => {
  const broken = {
    "node_modules/a-good/package.json": pluginPackage("a-good", { good: "./index.js" }),
    "node_modules/a-good/index.js": esmPlugin("good"),
    "node_modules/b-bad-json/package.json": `{ "name": "b-bad-json", "entryPoints": { "example": { "x": "./x.js" } `,
    "node_modules/c-missing/package.json": pluginPackage("c-missing", { missing: "./dist/plugin.js" }),
    "node_modules/d-throws/package.json": pluginPackage("d-throws", { throws: "./index.js" }),
    "node_modules/d-throws/index.js": `throw new Error("boom from d-throws");\n`,
    "node_modules/e-escapes/package.json": pluginPackage("e-escapes", { escapes: "../a-good/index.js", absolute: "/etc/passwd" }),
    "node_modules/f-empty/package.json": pluginPackage("f-empty", { empty: "./index.js", "empty-cjs": "./index.cjs" }),
    "node_modules/f-empty/index.js": "// nothing exported\n",
    "node_modules/f-empty/index.cjs": "module.exports = {};\n",
    "node_modules/g-invalid/package.json": pluginPackage("g-invalid", { number: 42, foreign: "a-good/index.js" }),
    "node_modules/h-bad-shape/package.json": { name: "h-bad-shape", entryPoints: { example: ["./index.js"] } },
    "node_modules/z-last/package.json": pluginPackage("z-last", { last: "./index.js" }),
    "node_modules/z-last/index.js": esmPlugin("last"),
  };

  it("rejects with a PluginLoadError naming the first broken plugin and keeps the plugins registered before it", async () => {
    const root = await makeTree(broken);
    const pm = new PluginManager("example");

    const error: unknown = await pm.loadEntrypoints("example", undefined, { cwd: root }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PluginLoadError);
    expect(isPluginLoadError(error)).toBe(true);
    const loadError = error as PluginLoadError;
    expect(loadError.code).toBe("HOOKSMITH_INVALID_PACKAGE_JSON");
    expect(loadError.packageName).toBe("b-bad-json");
    expect(loadError.file).toBe(join(root, "node_modules/b-bad-json/package.json"));
    expect(loadError.cause).toBeInstanceOf(SyntaxError);
    expect(loadError.message).toContain(`Cannot read the package.json of package "b-bad-json" (${loadError.file}): `);
    expect(pm.hasPlugin("good")).toBe(true);
    expect(pm.hasPlugin("last")).toBe(false);
    expect(pm.listPluginDistinfo()).toHaveLength(1);
  });

  it('skips broken plugins with onError: "skip" and reports each failure, in load order, to onFailure', async () => {
    const root = await makeTree(broken);
    const pm = new PluginManager("example");
    const failures: PluginLoadError[] = [];

    const count = await pm.loadEntrypoints("example", undefined, {
      cwd: root,
      onError: "skip",
      onFailure: (failure) => failures.push(failure),
    });

    expect(count).toBe(2);
    expect([pm.hasPlugin("good"), pm.hasPlugin("last")]).toEqual([true, true]);
    const pkg = (name: string): string => join(root, "node_modules", name);
    expect(failures.map((failure) => [failure.code, failure.pluginName, failure.packageName, failure.file])).toEqual([
      ["HOOKSMITH_INVALID_PACKAGE_JSON", undefined, "b-bad-json", join(pkg("b-bad-json"), "package.json")],
      ["HOOKSMITH_PLUGIN_NOT_FOUND", "missing", "c-missing", join(pkg("c-missing"), "dist/plugin.js")],
      ["HOOKSMITH_PLUGIN_IMPORT_FAILED", "throws", "d-throws", join(pkg("d-throws"), "index.js")],
      ["HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE", "absolute", "e-escapes", undefined],
      ["HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE", "escapes", "e-escapes", join(pkg("a-good"), "index.js")],
      ["HOOKSMITH_PLUGIN_EMPTY", "empty", "f-empty", join(pkg("f-empty"), "index.js")],
      ["HOOKSMITH_PLUGIN_EMPTY", "empty-cjs", "f-empty", join(pkg("f-empty"), "index.cjs")],
      ["HOOKSMITH_INVALID_ENTRYPOINT", "foreign", "g-invalid", join(pkg("g-invalid"), "package.json")],
      ["HOOKSMITH_INVALID_ENTRYPOINT", "number", "g-invalid", join(pkg("g-invalid"), "package.json")],
      ["HOOKSMITH_INVALID_ENTRYPOINT", undefined, "h-bad-shape", join(pkg("h-bad-shape"), "package.json")],
    ]);
    expect(failures.every((failure) => failure.group === "example")).toBe(true);
  });

  it("names the plugin, its package and its file in each message", async () => {
    const root = await makeTree(broken);
    const pm = new PluginManager("example");
    const messages: string[] = [];

    await pm.loadEntrypoints("example", undefined, {
      cwd: root,
      onError: "skip",
      onFailure: (failure) => messages.push(failure.message),
    });

    const text = messages.join("\n").replaceAll(root, "<root>");
    expect(text).toContain(
      `Cannot load plugin "missing" from package "c-missing" (<root>/node_modules/c-missing/dist/plugin.js): file <root>/node_modules/c-missing/dist/plugin.js does not exist`,
    );
    expect(text).toContain(
      `Cannot load plugin "throws" from package "d-throws" (<root>/node_modules/d-throws/index.js): the module threw while loading: boom from d-throws`,
    );
    expect(text).toContain(
      `Cannot load plugin "escapes" from package "e-escapes" (<root>/node_modules/a-good/index.js): entry point "../a-good/index.js" is outside the package directory <root>/node_modules/e-escapes`,
    );
    expect(text).toContain(
      `Cannot load plugin "empty" from package "f-empty" (<root>/node_modules/f-empty/index.js): the module exports nothing (a plugin module exports its hook implementations by name)`,
    );
    expect(text).toContain(
      `Invalid "entryPoints" in the package.json of package "h-bad-shape" (<root>/node_modules/h-bad-shape/package.json): group "example" must be an object`,
    );
  });

  it("keeps the original error as the cause of a module that throws while loading", async () => {
    const root = await makeTree({
      "node_modules/thrower/package.json": pluginPackage("thrower", { thrower: "./index.js" }),
      "node_modules/thrower/index.js": `export class Boom extends Error {}\nthrow Object.assign(new Boom("exploded"), { detail: 7 });\n`,
    });
    const pm = new PluginManager("example");

    const error = (await pm
      .loadEntrypoints("example", undefined, { cwd: root })
      .catch((caught: unknown) => caught)) as PluginLoadError;

    expect(error.code).toBe("HOOKSMITH_PLUGIN_IMPORT_FAILED");
    expect((error.cause as Error).message).toBe("exploded");
    expect((error.cause as { detail?: unknown }).detail).toBe(7);
    expect(pm.getPlugins().size).toBe(0);
  });

  it("attributes a PluginLoadError thrown by a plugin's own top-level code to that plugin", async () => {
    (globalThis as { hooksmithTestPluginLoadError?: unknown }).hooksmithTestPluginLoadError = PluginLoadError;
    const root = await makeTree({
      "node_modules/outer/package.json": pluginPackage("outer", { outer: "./index.js" }),
      "node_modules/outer/index.js": `throw new globalThis.hooksmithTestPluginLoadError("inner failed", { code: "HOOKSMITH_PLUGIN_NOT_FOUND", pluginName: "inner" });\n`,
    });
    const pm = new PluginManager("example");

    const error = (await pm
      .loadEntrypoints("example", undefined, { cwd: root })
      .catch((caught: unknown) => caught)) as PluginLoadError;

    expect([error.code, error.pluginName, error.packageName]).toEqual(["HOOKSMITH_PLUGIN_IMPORT_FAILED", "outer", "outer"]);
    expect((error.cause as PluginLoadError).pluginName).toBe("inner");
  });

  it("calls onFailure with the failure that it then rejects with in the default mode", async () => {
    const root = await makeTree({
      "node_modules/missing/package.json": pluginPackage("missing", { missing: "./nope.js" }),
    });
    const pm = new PluginManager("example");
    const seen: PluginLoadError[] = [];

    const error = await pm
      .loadEntrypoints("example", undefined, { cwd: root, onFailure: (failure) => seen.push(failure) })
      .catch((caught: unknown) => caught);

    expect(seen).toEqual([error]);
    expect((error as PluginLoadError).code).toBe("HOOKSMITH_PLUGIN_NOT_FOUND");
  });

  it("reports a plugin that register refuses, with the validation error as the cause", async () => {
    const hookspec = HookspecMarker("example");
    const hookimpl = HookimplMarker("example");
    (globalThis as { hooksmithTestHookimpl?: unknown }).hooksmithTestHookimpl = hookimpl;
    const root = await makeTree({
      "node_modules/typo/package.json": pluginPackage("typo", { typo: "./index.js" }),
      "node_modules/typo/index.js": `export const greet = globalThis.hooksmithTestHookimpl(({ nam }) => nam);\n`,
      "node_modules/valid/package.json": pluginPackage("valid", { valid: "./index.js" }),
      "node_modules/valid/index.js": `export const greet = globalThis.hooksmithTestHookimpl(({ name }) => \`hello \${name}\`);\n`,
    });
    const pm = new PluginManager("example");
    pm.addHookspecs({ greet: hookspec({ argnames: ["name"] })((_args: { name: string }) => {}) });
    const failures: PluginLoadError[] = [];

    await expect(
      pm.loadEntrypoints("example", undefined, { cwd: root, onError: "skip", onFailure: (f) => failures.push(f) }),
    ).resolves.toBe(1);

    expect(failures.map((failure) => [failure.code, failure.pluginName])).toEqual([["HOOKSMITH_PLUGIN_REGISTER_FAILED", "typo"]]);
    expect((failures[0]!.cause as Error).name).toBe("PluginValidationError");
    expect(pm.hasPlugin("typo")).toBe(false);
    expect((pm.hook as unknown as Record<string, (args: object) => unknown>)["greet"]!({ name: "ada" })).toEqual(["hello ada"]);
  });

  it("rejects a group that is not a non-empty string", async () => {
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("")).rejects.toThrow(TypeError);
  });
});

describe("PluginManager.loadEntrypoints with options.packages", () => {
  const tree = {
    "node_modules/a-first/package.json": pluginPackage("a-first", { same: "./index.js", only: "./only.js" }),
    "node_modules/a-first/index.js": esmPlugin("a-first"),
    "node_modules/a-first/only.js": esmPlugin("a-only"),
    "node_modules/b-second/package.json": pluginPackage("b-second", { same: "./index.js" }),
    "node_modules/b-second/index.js": esmPlugin("b-second"),
    "node_modules/c-plain/package.json": { name: "c-plain", version: "1.0.0" },
    "node_modules/d-broken/package.json": `{ "name": "d-broken", "entryPoints": `,
  };

  it("loads the entry points of the named packages only, also with a name filter", async () => {
    const root = await makeTree(tree);
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", "same", { cwd: root, packages: ["b-second"] })).resolves.toBe(1);

    expect(loadLog()).toEqual(["b-second"]);
    expect(pm.listPluginDistinfo().map(([, info]) => [info.pluginName, info.packageName])).toEqual([["same", "b-second"]]);
  });

  it("loads nothing for an empty list, and ignores a broken package that was not asked for", async () => {
    const root = await makeTree(tree);
    const pm = new PluginManager("example");

    await expect(pm.loadEntrypoints("example", undefined, { cwd: root, packages: [] })).resolves.toBe(0);
    await expect(pm.loadEntrypoints("example", undefined, { cwd: root, packages: ["a-first"] })).resolves.toBe(2);
    expect(loadLog()).toEqual(["a-only", "a-first"]);
  });

  it("rejects before importing anything when a named package is missing or declares nothing for the group", async () => {
    const root = await makeTree(tree);
    const pm = new PluginManager("example");

    const error = (await pm
      .loadEntrypoints("example", undefined, { cwd: root, packages: ["a-first", "c-plain"] })
      .catch((caught: unknown) => caught)) as PluginLoadError;

    expect(loadLog()).toEqual([]);
    expect([error.code, error.packageName, error.pluginName, error.file, error.group]).toEqual([
      "HOOKSMITH_PLUGIN_NOT_FOUND",
      "c-plain",
      undefined,
      join(root, "node_modules/c-plain/package.json"),
      "example",
    ]);
    expect(error.message).toBe(
      'Cannot load the plugins of package "c-plain" named in the packages option: it declares no entry point of group "example"',
    );

    const failures: string[] = [];
    await pm.loadEntrypoints("example", undefined, {
      cwd: root,
      packages: ["nowhere", "a-first", "d-broken"],
      onError: "skip",
      onFailure: (failure) => failures.push(`${failure.code} ${failure.message.replaceAll(root, "<root>")}`),
    });
    expect(failures).toEqual([
      'HOOKSMITH_PLUGIN_NOT_FOUND Cannot load the plugins of package "nowhere" named in the packages option: it is not installed in <root> or its ancestors',
      expect.stringMatching(/^HOOKSMITH_INVALID_PACKAGE_JSON Cannot read the package\.json of package "d-broken"/),
    ]);
    expect(pm.hasPlugin("same")).toBe(true);
  });

  it("rejects a packages option that is not an array of names", async () => {
    const pm = new PluginManager("example");
    await expect(
      pm.loadEntrypoints("example", undefined, { packages: "a-first" as unknown as string[] }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TypeError: the packages option must be an array of package names, got the string "a-first"]`,
    );
  });
});
