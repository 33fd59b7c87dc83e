import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { HookimplMarker, PluginLoadError, PluginManager, type HookCaller } from "../../src/index.ts";
import { cjsPlugin, esmPlugin, loadLog, makeTree, pluginPackage, removeTrees, resetLoadLog } from "./fixtures.ts";

afterAll(removeTrees);
beforeEach(resetLoadLog);

function idOf(pm: PluginManager, name: string): unknown {
  return (pm.getPlugin(name) as { id?: unknown } | undefined)?.id;
}

async function loadError(promise: Promise<unknown>): Promise<PluginLoadError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PluginLoadError);
  return error as PluginLoadError;
}

describe("PluginManager.importPlugin", () => {
  it("imports a file relative to options.cwd and registers it under the specifier as given", async () => {
    const root = await makeTree({ "plugins/local.mjs": esmPlugin("local") });
    const pm = new PluginManager("example");

    await expect(pm.importPlugin("./plugins/local.mjs", undefined, { cwd: root })).resolves.toBe("./plugins/local.mjs");
    expect(idOf(pm, "./plugins/local.mjs")).toBe("local");
  });

  it("registers under the name given as second argument", async () => {
    const root = await makeTree({ "p.mjs": esmPlugin("named") });
    const pm = new PluginManager("example");

    await expect(pm.importPlugin("./p.mjs", "my-name", { cwd: root })).resolves.toBe("my-name");
    expect(idOf(pm, "my-name")).toBe("named");
  });

  it("resolves relative paths from process.cwd() by default", async () => {
    const root = await makeTree({ "here.mjs": esmPlugin("here") });
    const pm = new PluginManager("example");
    const previous = process.cwd();
    process.chdir(root);
    try {
      await expect(pm.importPlugin("./here.mjs")).resolves.toBe("./here.mjs");
    } finally {
      process.chdir(previous);
    }
    expect(idOf(pm, "./here.mjs")).toBe("here");
  });

  it("treats every spelling of one file as the same plugin and returns the name it already has", async () => {
    const root = await makeTree({
      "p.js": esmPlugin("p"),
      "package.json": { name: "spellings", version: "3.1.4", type: "module" },
      "linked/p.js": { symlink: "../p.js" },
    });
    const pm = new PluginManager("example");
    const absolute = join(root, "p.js");

    await expect(pm.importPlugin("./p.js", undefined, { cwd: root })).resolves.toBe("./p.js");
    for (const spelling of [
      "p.js",
      absolute,
      pathToFileURL(absolute).href,
      "./linked/p.js",
      `../${relative(join(root, ".."), absolute)}`,
    ]) {
      await expect(pm.importPlugin(spelling, `other name for ${spelling}`, { cwd: root })).resolves.toBe("./p.js");
    }
    expect(pm.getPlugins().size).toBe(1);
    expect(loadLog()).toEqual(["p"]);
  });

  it("imports CommonJS files", async () => {
    const root = await makeTree({ "plugin.cjs": cjsPlugin("cjs") });
    const pm = new PluginManager("example");

    await pm.importPlugin("./plugin.cjs", "cjs", { cwd: root });
    expect(idOf(pm, "cjs")).toBe("cjs");
  });

  it.each([
    ["plugin.ts", `import { base } from "./helper.ts";\nexport const id: string = base + "-ts";\n`],
    ["plugin.mts", `import { base } from "./helper.ts";\nexport const id: string = base + "-mts";\n`],
    ["plugin.cts", `const { base } = require("./helper.ts") as { base: string };\nexport const id: string = base + "-cts";\n`],
  ])("imports the TypeScript file %s through tsx", async (file, source) => {
    const root = await makeTree({ [file]: source, "helper.ts": `export const base: string = "typed";\n` });
    const pm = new PluginManager("example");

    await pm.importPlugin(`./${file}`, "ts", { cwd: root });
    expect(idOf(pm, "ts")).toBe(`typed-${file.split(".")[1]}`);
  });

  it("imports a TypeScript file once, however often it is asked for", async () => {
    const root = await makeTree({
      "once.ts": `(globalThis as { hooksmithLoadLog?: string[] }).hooksmithLoadLog?.push("once");\nexport const id = "once";\n`,
    });
    const pm = new PluginManager("example");

    const first = await pm.importPlugin("./once.ts", undefined, { cwd: root });
    const second = await pm.importPlugin(join(root, "once.ts"), "again", { cwd: root });

    expect([first, second]).toEqual(["./once.ts", "./once.ts"]);
    expect(loadLog()).toEqual(["once"]);
  });

  it("resolves package specifiers from options.cwd through the package's exports", async () => {
    const root = await makeTree({
      "app/node_modules/@acme/kit/package.json": {
        name: "@acme/kit",
        version: "2.3.0",
        type: "module",
        exports: { ".": "./index.js", "./sub": { import: "./sub.js", require: "./sub.cjs" } },
      },
      "app/node_modules/@acme/kit/index.js": esmPlugin("kit"),
      "app/node_modules/@acme/kit/sub.js": esmPlugin("kit-sub"),
      "app/node_modules/@acme/kit/sub.cjs": cjsPlugin("kit-sub-cjs"),
      "node_modules/far/package.json": { name: "far", version: "0.1.0", main: "main.js", type: "module" },
      "node_modules/far/main.js": esmPlugin("far"),
    });
    const pm = new PluginManager("example");
    const cwd = join(root, "app");

    await expect(pm.importPlugin("@acme/kit/sub", undefined, { cwd })).resolves.toBe("@acme/kit/sub");
    await expect(pm.importPlugin("@acme/kit", undefined, { cwd })).resolves.toBe("@acme/kit");
    await expect(pm.importPlugin("far", undefined, { cwd })).resolves.toBe("far");
    expect([idOf(pm, "@acme/kit/sub"), idOf(pm, "@acme/kit"), idOf(pm, "far")]).toEqual(["kit-sub", "kit", "far"]);
  });

  it("returns the entry point name when the package module was loaded by loadEntrypoints", async () => {
    const root = await makeTree({
      "node_modules/ep/package.json": pluginPackage("ep", { "ep-entry": "./index.js" }, { exports: { ".": "./index.js" } }),
      "node_modules/ep/index.js": esmPlugin("ep"),
    });
    const pm = new PluginManager("example");
    await pm.loadEntrypoints("example", undefined, { cwd: root });

    await expect(pm.importPlugin("ep", undefined, { cwd: root })).resolves.toBe("ep-entry");
    await expect(pm.importPlugin("./node_modules/ep/index.js", undefined, { cwd: root })).resolves.toBe("ep-entry");
    expect(pm.getPlugins().size).toBe(1);
  });

  it("neither resolves nor imports a plugin whose name is blocked, and resolves with that name", async () => {
    const root = await makeTree({ "blocked.mjs": esmPlugin("blocked") });
    const pm = new PluginManager("example");
    pm.setBlocked("./blocked.mjs");

    await expect(pm.importPlugin("./blocked.mjs", undefined, { cwd: root })).resolves.toBe("./blocked.mjs");
    pm.setBlocked("gone");
    await expect(pm.importPlugin("./does-not-exist.mjs", "gone", { cwd: root })).resolves.toBe("gone");
    expect(pm.hasPlugin("./blocked.mjs")).toBe(false);
    expect(loadLog()).toEqual([]);
  });
});

describe("PluginManager.importPlugin failures", () => {
  it("rejects a missing file with HOOKSMITH_PLUGIN_NOT_FOUND naming the plugin and the file", async () => {
    const root = await makeTree({ "present.mjs": esmPlugin("present") });
    const pm = new PluginManager("example");

    const error = await loadError(pm.importPlugin("./absent.mjs", undefined, { cwd: root }));

    expect(error.code).toBe("HOOKSMITH_PLUGIN_NOT_FOUND");
    expect(error.pluginName).toBe("./absent.mjs");
    expect(error.file).toBe(join(root, "absent.mjs"));
    expect(error.message.replaceAll(root, "<root>")).toBe(
      `Cannot load plugin "./absent.mjs" (<root>/absent.mjs): file <root>/absent.mjs does not exist`,
    );
  });

  it("rejects a directory given as a file path", async () => {
    const root = await makeTree({ "dir/index.mjs": esmPlugin("dir") });
    const pm = new PluginManager("example");

    const error = await loadError(pm.importPlugin("./dir", undefined, { cwd: root }));

    expect(error.code).toBe("HOOKSMITH_PLUGIN_NOT_FOUND");
    expect(error.message).toContain("is not a file");
  });

  it("rejects a package that is not installed, or a subpath it does not export", async () => {
    const root = await makeTree({
      "node_modules/closed/package.json": { name: "closed", version: "1.0.0", exports: { ".": "./index.js" } },
      "node_modules/closed/index.js": esmPlugin("closed"),
      "node_modules/closed/private.js": esmPlugin("private"),
    });
    const pm = new PluginManager("example");

    const missing = await loadError(pm.importPlugin("not-installed", undefined, { cwd: root }));
    const hidden = await loadError(pm.importPlugin("closed/private.js", undefined, { cwd: root }));

    expect(missing.code).toBe("HOOKSMITH_PLUGIN_NOT_FOUND");
    expect(missing.message).toContain(`package "not-installed" is not installed in ${root}`);
    expect(hidden.code).toBe("HOOKSMITH_PLUGIN_NOT_FOUND");
    expect(hidden.message).toContain(`subpath "./private.js" is not exported by package "closed"`);
    expect(loadLog()).toEqual([]);
  });

  it("rejects a module that throws while loading with HOOKSMITH_PLUGIN_IMPORT_FAILED and the original cause", async () => {
    const root = await makeTree({ "throws.mjs": `throw new RangeError("plugin exploded");\n` });
    const pm = new PluginManager("example");

    const error = await loadError(pm.importPlugin("./throws.mjs", undefined, { cwd: root }));

    expect(error.code).toBe("HOOKSMITH_PLUGIN_IMPORT_FAILED");
    expect(error.cause).toBeInstanceOf(RangeError);
    expect(error.message).toContain("the module threw while loading: plugin exploded");
    expect(pm.getPlugins().size).toBe(0);
  });

  it("rejects a module that exports nothing with HOOKSMITH_PLUGIN_EMPTY", async () => {
    const root = await makeTree({ "empty.mjs": `globalThis.hooksmithLoadLog?.push("empty");\n` });
    const pm = new PluginManager("example");

    const error = await loadError(pm.importPlugin("./empty.mjs", undefined, { cwd: root }));

    expect(error.code).toBe("HOOKSMITH_PLUGIN_EMPTY");
    expect(loadLog()).toEqual(["empty"]);
    expect(pm.hasPlugin("./empty.mjs")).toBe(false);
  });

  it("rejects a name taken by another plugin with HOOKSMITH_PLUGIN_REGISTER_FAILED", async () => {
    const root = await makeTree({ "p.mjs": esmPlugin("p") });
    const pm = new PluginManager("example");
    pm.register({ other: true }, "taken");

    const error = await loadError(pm.importPlugin("./p.mjs", "taken", { cwd: root }));

    expect(error.code).toBe("HOOKSMITH_PLUGIN_REGISTER_FAILED");
    expect((error.cause as Error).name).toBe("PluginRegistrationError");
    expect(pm.getPlugins().size).toBe(1);
  });

  it("rejects an empty specifier", async () => {
    const pm = new PluginManager("example");

    const error = await loadError(pm.importPlugin(""));

    expect(error.code).toBe("HOOKSMITH_PLUGIN_NOT_FOUND");
  });
});

describe("PluginManager.importPlugin with a module whose only export is default", () => {
  const hooks = HookimplMarker("example");
  const mark = `(fn) => { fn[Symbol.for("example.hookimpl")] = ${JSON.stringify({ ...markOptions() })}; return fn; }`;

  function markOptions(): object {
    const marked = hooks(() => undefined) as unknown as Record<symbol, object>;
    return marked[Symbol.for("example.hookimpl")]!;
  }

  it("registers the object of an ES module's export default", async () => {
    const root = await makeTree({
      "plugin.mjs": `const mark = ${mark};\nexport default { greet: mark(() => "hello from default") };\n`,
    });
    const pm = new PluginManager("example");
    await pm.importPlugin("./plugin.mjs", "esm-default", { cwd: root });
    expect((pm.hook as Record<string, HookCaller>)["greet"]!()).toEqual(["hello from default"]);
  });

  it("keeps the namespace when the module has named exports besides default", async () => {
    const root = await makeTree({
      "plugin.mjs": `const mark = ${mark};\nexport const greet = mark(() => "named");\nexport default { greet: mark(() => "default") };\n`,
    });
    const pm = new PluginManager("example");
    await pm.importPlugin("./plugin.mjs", "both", { cwd: root });
    expect((pm.hook as Record<string, HookCaller>)["greet"]!()).toEqual(["named"]);
  });
});
