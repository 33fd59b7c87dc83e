import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { HookArgumentsWarning, HookimplMarker, HookspecMarker, PluginManager, PluginValidationError } from "hooksmith";
import { hookimpl as nebariHookimpl, NebariPluginManager, NebariStage } from "hooksmith/nebari";
import {
  createTestNebariPluginManager,
  createTestPluginManager,
  TestHarnessError,
  TestNebariPluginManager,
  TestPluginManager,
} from "hooksmith/testing";
import { makeTree, removeTrees } from "./helpers.ts";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

const deprecated = new Error("greetOld is deprecated");
class Specs {
  @hookspec
  greet({ name }: { name: string }): string {
    return name;
  }
  @hookspec({ warnOnImpl: deprecated })
  greetOld(): string {
    return "";
  }
}

const early = { greet: hookimpl(({ name }: { name: string }) => `early ${name}`) };
const late = { greet: hookimpl(({ name }: { name: string }) => `late ${name}`) };

afterAll(removeTrees);
afterEach(() => {
  vi.restoreAllMocks();
});

describe("createTestPluginManager", () => {
  it("adds the specs and registers the plugins in order, under the names given", () => {
    const pm = createTestPluginManager<Specs>("example", { specs: Specs, plugins: [early, ["late", late]] });
    expect(pm).toBeInstanceOf(TestPluginManager);
    expect(pm).toBeInstanceOf(PluginManager);
    expect(pm.hook.greet.hasSpec()).toBe(true);
    expect(pm.hook.greet({ name: "Ada" })).toEqual(["late Ada", "early Ada"]);
    expect(pm.listNamePlugin().map(([name]) => name)).toEqual([pm.getCanonicalName(early), "late"]);
  });

  it("takes a record of name to plugin, and a list of spec namespaces", () => {
    const pm = createTestPluginManager<Specs>("example", {
      specs: [Specs, { extra: hookspec(() => {}) }],
      plugins: { first: early, second: late },
    });
    expect(pm.listNamePlugin()).toEqual([
      ["first", early],
      ["second", late],
    ]);
    expect(pm.hook.greet.hasSpec() && (pm.hook as Record<string, { hasSpec(): boolean }>)["extra"]!.hasSpec()).toBe(true);
  });

  it("collects warnings instead of emitting them to the process", () => {
    const emitted = vi.spyOn(process, "emitWarning");
    const pm = createTestPluginManager<Specs>("example", {
      specs: Specs,
      plugins: { old: { greetOld: hookimpl(() => "hi") }, anonymous: { greet: hookimpl(() => "hello, whoever you are") } },
    });
    expect(pm.warnings).toEqual([deprecated]);
    expect((pm.hook.greet as unknown as (args: object) => unknown)({})).toEqual(["hello, whoever you are"]);
    expect(pm.warnings).toHaveLength(2);
    expect(pm.warnings[1]).toBeInstanceOf(HookArgumentsWarning);
    expect(emitted).not.toHaveBeenCalled();
  });

  it("empties its warnings on clearWarnings, returning them", () => {
    const pm = createTestPluginManager<Specs>("example", { specs: Specs, plugins: [{ greetOld: hookimpl(() => "hi") }] });
    const list = pm.warnings;
    expect(pm.clearWarnings()).toEqual([deprecated]);
    expect(pm.warnings).toEqual([]);
    expect(list).toBe(pm.warnings);
  });

  it("rejects a plugin implementing an unknown hook, unless checkPending is off", () => {
    const typo = { greeet: hookimpl(() => "hi") };
    expect(() => createTestPluginManager("example", { specs: Specs, plugins: { typo } })).toThrow(PluginValidationError);
    expect(() => createTestPluginManager("example", { specs: Specs, plugins: { typo } })).toThrow("unknown hook 'greeet'");
    const pm = createTestPluginManager("example", { specs: Specs, plugins: { typo }, checkPending: false });
    expect(pm.hasPlugin("typo")).toBe(true);
  });

  it("refuses to discover installed plugins", async () => {
    const pm = createTestPluginManager("example");
    await expect(pm.loadEntrypoints("example")).rejects.toThrow(TestHarnessError);
    await expect(pm.loadEntrypoints("example")).rejects.toMatchObject({ code: "HOOKSMITH_DISCOVERY_DISABLED" });
  });

  it("imports an explicit plugin file", async () => {
    const root = await makeTree({
      "plugin.mjs": `export const greet = (({ name }) => "file " + name);\ngreet[Symbol.for("example.hookimpl")] = {};\n`,
    });
    const pm = createTestPluginManager<Specs>("example", { specs: Specs });
    await pm.importPlugin("./plugin.mjs", "file", { cwd: root });
    expect(pm.hook.greet({ name: "Ada" })).toEqual(["file Ada"]);
  });

  it.each([
    ["a module-like single plugin", Object.assign(Object.create(null) as object, { [Symbol.toStringTag]: "Module" })],
    ["a string entry", ["greeter"]],
    ["a malformed pair", [["only-name"]]],
    ["a record with a non-object", { greeter: 3 }],
  ])("rejects a malformed plugin list: %s", (_label, plugins) => {
    expect(() => createTestPluginManager("example", { plugins: plugins as never })).toThrow(TestHarnessError);
  });

  it("keeps managers apart: plugins of one are unknown to another", () => {
    const one = createTestPluginManager<Specs>("example", { specs: Specs, plugins: { early } });
    const two = createTestPluginManager<Specs>("example", { specs: Specs });
    expect(one.hook.greet({ name: "x" })).toEqual(["early x"]);
    expect(two.hook.greet({ name: "x" })).toEqual([]);
  });
});

class HelloStage extends NebariStage {
  static override stageName: string = "hello";
  static override priority: number = 10;
}
const helloPlugin = { nebari_stage: nebariHookimpl(() => [HelloStage]) };

describe("createTestNebariPluginManager", () => {
  it("is a NebariPluginManager with the given plugins after the built-ins", () => {
    const nebari = createTestNebariPluginManager({ defaultPlugins: { "builtin:none": {} }, plugins: { hello: helloPlugin } });
    expect(nebari).toBeInstanceOf(TestNebariPluginManager);
    expect(nebari).toBeInstanceOf(NebariPluginManager);
    expect(nebari.listPlugins().map(({ name, source }) => [name, source])).toEqual([
      ["builtin:none", "builtin"],
      ["hello", "register"],
    ]);
  });

  it("never loads installed plugins, even where some are installed", async () => {
    const root = await makeTree({
      "node_modules/installed-stage/package.json": {
        name: "installed-stage",
        version: "1.0.0",
        type: "module",
        entryPoints: { nebari: { "installed-stage": "./index.js" } },
      },
      "node_modules/installed-stage/index.js": "export const id = 'installed';\n",
    });
    expect(await new NebariPluginManager({ cwd: root, warn: () => {} }).loadEntrypoints("nebari")).toBe(1);

    const nebari = createTestNebariPluginManager({ cwd: root });
    expect(await nebari.loadPlugins()).toEqual({ entryPoints: [], imported: [], failures: [] });
    expect(nebari.hasPlugin("installed-stage")).toBe(false);
    await expect(nebari.loadPlugins({ entryPoints: true })).rejects.toMatchObject({ code: "HOOKSMITH_DISCOVERY_DISABLED" });
    await expect(nebari.loadEntrypoints("nebari")).rejects.toMatchObject({ code: "HOOKSMITH_DISCOVERY_DISABLED" });
  });

  it("imports the plugins it is asked to import", async () => {
    const root = await makeTree({ "extra.mjs": "export const id = 'extra';\n" });
    const nebari = createTestNebariPluginManager({ cwd: root });
    expect(await nebari.loadPlugins({ importPlugins: ["./extra.mjs"] })).toEqual({
      entryPoints: [],
      imported: ["./extra.mjs"],
      failures: [],
    });
  });

  it("collects the warnings of stage plans", async () => {
    const emitted = vi.spyOn(process, "emitWarning");
    const nebari = createTestNebariPluginManager({ plugins: { hello: helloPlugin } });
    const run = await nebari.snapshotStages({ excludeStages: ["nothing-matches"] });
    expect(run.plan.order.map(({ name }) => name)).toEqual(["hello"]);
    expect(nebari.warnings.map((warning) => warning.message)).toEqual([expect.stringContaining("nothing-matches")]);
    expect(emitted).not.toHaveBeenCalled();
  });

  it("rejects a plugin implementing a misspelt nebari hook", () => {
    expect(() => createTestNebariPluginManager({ plugins: { typo: { nebari_stages: nebariHookimpl(() => []) } } })).toThrow(
      "unknown hook 'nebari_stages'",
    );
  });
});
