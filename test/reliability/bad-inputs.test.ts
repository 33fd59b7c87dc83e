// The catalogue of bad inputs: one test per misuse a host or a plugin can commit, each asserting
// the error's class, its stable `code` and its exact message (which must say what was wrong and
// where: plugin, hook, stage, file). Registrations that fail are also checked to leave no trace.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  collectStages,
  deployStages,
  destroyStages,
  HookCallError,
  HookimplMarker,
  HookMarkerError,
  HookspecError,
  HookspecMarker,
  lockOutputDirectory,
  NebariStage,
  PluginHookError,
  PluginLoadError,
  PluginManager,
  PluginRegistrationError,
  PluginValidationError,
  RENDER_MANIFEST_FILE,
  renderStages,
  resolveStages,
  StageConfigError,
  StageDefinitionError,
  StageExcludePatternError,
  StageLockError,
  StageRenderManifestError,
  StageRenderPathError,
  validateStageConfig,
  WrapperError,
  type HookCaller,
  type HooksmithError,
  type StageClass,
} from "hooksmith";
import { NebariPluginManager, hookimpl as nebariHookimpl } from "hooksmith/nebari";
import { z } from "zod";

const hookspec = HookspecMarker("bad");
const hookimpl = HookimplMarker("bad");

type ErrorClass = abstract new (...args: never[]) => HooksmithError;

/**
 * Runs `run`, which must throw (or reject) an instance of `errorClass` with `code`.
 *
 * @param run - The misuse.
 * @param errorClass - The expected class.
 * @param code - The expected code.
 * @returns The error, for the message assertion.
 */
async function failure(run: () => unknown, errorClass: ErrorClass, code: string): Promise<HooksmithError> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the misuse to throw").toBeInstanceOf(errorClass);
  const error = caught as HooksmithError;
  expect(error.code).toBe(code);
  return error;
}

/** A manager of project "bad" with specs `h({ x })` and `hist` (historic), collecting warnings. */
function manager(): { pm: PluginManager; warnings: Error[] } {
  const warnings: Error[] = [];
  const pm = new PluginManager("bad", { warn: (warning) => warnings.push(warning) });
  pm.addHookspecs({
    h: hookspec(({ x }: { x: number }) => x),
    hist: hookspec({ historic: true })(({ x }: { x: number }) => x),
  });
  return { pm, warnings };
}

/** What a manager shows: names, plugins, hooks and their implementations. */
function observe(pm: PluginManager): unknown {
  const hooks = pm.hook as Readonly<Record<string, HookCaller>>;
  return {
    names: pm.listNamePlugin(),
    plugins: [...pm.getPlugins()],
    hooks: Object.fromEntries(Object.entries(hooks).map(([name, caller]) => [name, caller.getHookimpls()])),
  };
}

/**
 * Asserts that a failed `register` left the manager as it was: the name is free, no
 * implementation was added and no hook caller it created remains.
 *
 * @param pm - The manager.
 * @param before - `observe(pm)` before the failed registration.
 * @param plugin - The refused plugin.
 * @param name - The name it was to be registered under.
 */
function expectNoTrace(pm: PluginManager, before: unknown, plugin: unknown, name: string): void {
  expect(observe(pm)).toEqual(before);
  expect(pm.hasPlugin(name)).toBe(false);
  if ((typeof plugin === "object" && plugin !== null) || typeof plugin === "function") {
    expect(pm.isRegistered(plugin)).toBe(false);
    expect(pm.getHookcallers(plugin)).toBeUndefined();
  }
  // The name is free again.
  expect(pm.register({}, name)).toBe(name);
}

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** A fresh temporary directory. */
async function temporaryDirectory(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "hooksmith-bad-inputs-"));
  roots.push(root);
  return root;
}

/** A stage class named `stageName` at `priority`, rendering `files`. */
function stage(stageName: unknown, priority: unknown, files: Record<string, string> = {}): StageClass {
  return class extends NebariStage {
    static override stageName = stageName as string;
    static override priority = priority as number;
    override render() {
      return files;
    }
  };
}

describe("Registering something that is not a plugin", () => {
  it.each([
    ["null", null, "Cannot register null as plugin 'p': a plugin is an object, a class instance, a class or a module namespace"],
    [
      "a number",
      42,
      "Cannot register the number 42 as plugin 'p': a plugin is an object, a class instance, a class or a module namespace",
    ],
    [
      "a string",
      "my-plugin",
      `Cannot register the string "my-plugin" as plugin 'p': a plugin is an object, a class instance, a class or a module namespace`,
    ],
  ])("refuses %s, naming the plugin and leaving no trace", async (_, value, message) => {
    const { pm } = manager();
    const before = observe(pm);
    const error = await failure(
      () => pm.register(value as unknown as object, "p"),
      PluginRegistrationError,
      "HOOKSMITH_INVALID_PLUGIN",
    );
    expect(error.message).toBe(message);
    expect((error as PluginRegistrationError).plugin).toBe(value);
    expect((error as PluginRegistrationError).pluginName).toBe("p");
    expectNoTrace(pm, before, value, "p");
  });

  it("refuses a function with no hooks, leaving no trace", async () => {
    const { pm } = manager();
    const before = observe(pm);
    function helper(): void {}
    const error = await failure(() => pm.register(helper), PluginRegistrationError, "HOOKSMITH_PLUGIN_WITHOUT_HOOKS");
    expect({ message: error.message, pluginName: (error as PluginRegistrationError).pluginName }).toMatchInlineSnapshot(`
      {
        "message": "Cannot register <function helper> as plugin 'helper': it has no static hook implementations (did you mean to register an instance, new helper()?)",
        "pluginName": "helper",
      }
    `);
    expectNoTrace(pm, before, helper, "helper");
  });

  it("refuses a class with no static hooks, hinting at an instance", async () => {
    const { pm } = manager();
    const before = observe(pm);
    class Plugin {
      @hookimpl
      h({ x }: { x: number }) {
        return x;
      }
    }
    const error = await failure(() => pm.register(Plugin), PluginRegistrationError, "HOOKSMITH_PLUGIN_WITHOUT_HOOKS");
    expect(error.message).toMatchInlineSnapshot(
      `"Cannot register <class Plugin> as plugin 'Plugin': it has no static hook implementations (did you mean to register an instance, new Plugin()?)"`,
    );
    expectNoTrace(pm, before, Plugin, "Plugin");
  });

  it("refuses a name that is not a string", async () => {
    const { pm } = manager();
    const before = observe(pm);
    const plugin = {};
    const error = await failure(
      () => pm.register(plugin, 7 as unknown as string),
      PluginRegistrationError,
      "HOOKSMITH_INVALID_PLUGIN_NAME",
    );
    expect(error.message).toMatchInlineSnapshot(`"A plugin name must be a string, got the number 7"`);
    expect(observe(pm)).toEqual(before);
  });
});

describe("Registering twice", () => {
  it("refuses a second plugin under a taken name, naming both and keeping the first", async () => {
    const { pm } = manager();
    const first = { h: hookimpl(({ x }: { x: number }) => x) };
    pm.register(first, "taken");
    const before = observe(pm);
    class Second {
      @hookimpl
      h({ x }: { x: number }) {
        return -x;
      }
    }
    const second = new Second();
    const error = await failure(() => pm.register(second, "taken"), PluginRegistrationError, "HOOKSMITH_DUPLICATE_PLUGIN_NAME");
    expect({ message: error.message, pluginName: (error as PluginRegistrationError).pluginName }).toMatchInlineSnapshot(`
      {
        "message": "Plugin name already registered: taken=<Second object>
      registered plugins: { "taken": <object> }",
        "pluginName": "taken",
      }
    `);
    expect(observe(pm)).toEqual(before);
    expect(pm.getPlugin("taken")).toBe(first);
    expect(pm.isRegistered(second)).toBe(false);
  });

  it("refuses the same object under a second name, keeping the first registration", async () => {
    const { pm } = manager();
    const plugin = { h: hookimpl(({ x }: { x: number }) => x) };
    pm.register(plugin, "first");
    const before = observe(pm);
    const error = await failure(() => pm.register(plugin, "second"), PluginRegistrationError, "HOOKSMITH_DUPLICATE_PLUGIN");
    expect({ message: error.message, pluginName: (error as PluginRegistrationError).pluginName }).toMatchInlineSnapshot(`
      {
        "message": "Plugin already registered under a different name: second=<object>
      registered plugins: { "first": <object> }",
        "pluginName": "second",
      }
    `);
    expect(observe(pm)).toEqual(before);
    expect(pm.hasPlugin("second")).toBe(false);
    expect(pm.getName(plugin)).toBe("first");
  });
});

describe("A plugin that fails validation", () => {
  it("leaves no trace when a later member fails: earlier implementations and created hooks are gone", async () => {
    const { pm } = manager();
    const before = observe(pm);
    const plugin = {
      // Sorted member order: "a_new_hook" (creates hook "fresh"), "h" (fine), "hist" (a wrapper on a historic hook).
      a_new_hook: hookimpl({ specname: "fresh" })(() => 1),
      h: hookimpl(({ x }: { x: number }) => x),
      hist: hookimpl({ wrapper: true })(function* hist(): Generator<undefined, unknown, unknown> {
        return yield;
      }),
    };
    const error = await failure(() => pm.register(plugin, "half"), PluginValidationError, "HOOKSMITH_HISTORIC_WRAPPER");
    expect({
      message: error.message,
      pluginName: (error as PluginValidationError).pluginName,
      hookName: (error as PluginValidationError).hookName,
    }).toMatchInlineSnapshot(`
      {
        "hookName": "hist",
        "message": "Plugin 'half' for hook 'hist'
      hookimpl definition: hist()
      A historic hook cannot have wrappers (wrapper: true or hookwrapper: true)",
        "pluginName": "half",
      }
    `);
    expect((error as PluginValidationError).plugin).toBe(plugin);
    expectNoTrace(pm, before, plugin, "half");
    expect(pm.hook["fresh"]).toBeUndefined();
  });

  it("leaves no trace when a historic replay throws after other implementations were added", async () => {
    const { pm } = manager();
    pm.hook["hist"]!.callHistoric({ kwargs: { x: 1 } });
    const before = observe(pm);
    const boom = new Error("replay failed");
    const plugin = {
      a_new_hook: hookimpl({ specname: "fresh" })(() => 1),
      h: hookimpl(({ x }: { x: number }) => x),
      hist: hookimpl(() => {
        throw boom;
      }),
    };
    expect(() => pm.register(plugin, "replayed")).toThrow(boom);
    expectNoTrace(pm, before, plugin, "replayed");
    expect(pm.hook["fresh"]).toBeUndefined();
  });

  it("refuses an implementation argument the spec lacks", async () => {
    const { pm } = manager();
    const before = observe(pm);
    const plugin = { h: hookimpl(({ x, nope }: { x: number; nope: number }) => x + nope) };
    const error = await failure(() => pm.register(plugin, "typo"), PluginValidationError, "HOOKSMITH_ARGUMENT_NOT_IN_SPEC");
    expect(error.message).toMatchInlineSnapshot(`
      "Plugin 'typo' for hook 'h'
      hookimpl definition: (anonymous)({ x, nope })
      Argument(s) ["nope"] are declared in the hookimpl but can not be found in the hookspec"
    `);
    expectNoTrace(pm, before, plugin, "typo");
  });

  it("refuses a wrapper that is not a generator function, even without a spec", async () => {
    const { pm } = manager();
    const before = observe(pm);
    const plugin = { unspecified: hookimpl({ wrapper: true })(function notAGenerator() {}) };
    const error = await failure(() => pm.register(plugin, "flat"), PluginValidationError, "HOOKSMITH_WRAPPER_NOT_GENERATOR");
    expect(error.message).toMatchInlineSnapshot(`
      "Plugin 'flat' for hook 'unspecified'
      hookimpl definition: notAGenerator()
      Declared with wrapper: true, but the function is not a generator function (function* or async function*)"
    `);
    expectNoTrace(pm, before, plugin, "flat");
    expect(pm.hook["unspecified"]).toBeUndefined();
  });

  it("refuses a parseHookimplOpts override that throws, naming the plugin and the member", async () => {
    class StrictManager extends PluginManager {
      override parseHookimplOpts(plugin: object, name: string) {
        if (name === "legacy") throw new Error("legacy hooks are not supported");
        return super.parseHookimplOpts(plugin, name);
      }
    }
    const pm = new StrictManager("bad");
    pm.addHookspecs({ h: hookspec(({ x }: { x: number }) => x) });
    const before = observe(pm);
    const plugin = { h: hookimpl(({ x }: { x: number }) => x), legacy() {} };
    const error = await failure(() => pm.register(plugin, "old"), PluginRegistrationError, "HOOKSMITH_INVALID_PLUGIN");
    expect({ message: error.message, cause: error.cause }).toMatchInlineSnapshot(`
      {
        "cause": [Error: legacy hooks are not supported],
        "message": "Reading member 'legacy' of plugin 'old' threw: Error: legacy hooks are not supported",
      }
    `);
    expectNoTrace(pm, before, plugin, "old");
  });
});

describe("Hostile plugin objects (issue 14)", () => {
  it("refuses a Proxy whose traps throw, naming the plugin and keeping the trap's error as cause", async () => {
    const { pm } = manager();
    const before = observe(pm);
    const trapError = new Error("ownKeys trap refused");
    const plugin = new Proxy(
      {},
      {
        ownKeys() {
          throw trapError;
        },
      },
    );
    const error = await failure(() => pm.register(plugin, "trapped"), PluginRegistrationError, "HOOKSMITH_INVALID_PLUGIN");
    expect(error.message).toMatchInlineSnapshot(`"Cannot list the members of plugin 'trapped': Error: ownKeys trap refused"`);
    expect(error.cause).toBe(trapError);
    expectNoTrace(pm, before, plugin, "trapped");
  });

  it("refuses a revoked Proxy with a coded error instead of a raw TypeError", async () => {
    const { pm } = manager();
    const before = observe(pm);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const error = await failure(() => pm.register(proxy, "revoked"), PluginRegistrationError, "HOOKSMITH_INVALID_PLUGIN");
    expect(error.message).toMatch(/^Cannot list the members of plugin 'revoked': TypeError: /);
    expect(error.cause).toBeInstanceOf(TypeError);
    expectNoTrace(pm, before, proxy, "revoked");
  });

  it("names a plugin with a throwing constructor getter by a canonical name, and registers its hooks", async () => {
    const { pm } = manager();
    const plugin = Object.defineProperty({ h: hookimpl(({ x }: { x: number }) => x * 2) }, "constructor", {
      get() {
        throw new Error("no constructor for you");
      },
    });
    const name = pm.register(plugin);
    expect(name).toMatch(/^plugin@\d+$/);
    expect(pm.hook["h"]!({ x: 2 })).toEqual([4]);
  });

  it("registers an implementation of a hook named constructor instead of dropping it", async () => {
    const pm = new PluginManager("bad");
    pm.addHookspecs({ constructor: hookspec(({ x }: { x: number }) => x) });
    pm.register({ constructor: hookimpl(({ x }: { x: number }) => x + 1) }, "odd");
    const caller = (pm.hook as Readonly<Record<string, HookCaller>>)["constructor"]!;
    expect(caller.hasSpec()).toBe(true);
    expect(caller({ x: 1 })).toEqual([2]);
    expect(caller.getHookimpls().map((impl) => impl.pluginName)).toEqual(["odd"]);
  });

  it("does not take a class instance's constructor for a hook", async () => {
    const pm = new PluginManager("bad");
    pm.addHookspecs({ h: hookspec(({ x }: { x: number }) => x) });
    class Plugin {
      h({ x }: { x: number }) {
        return x;
      }
    }
    hookimpl(Plugin.prototype.h);
    pm.register(new Plugin(), "instance");
    expect((pm.hook as Readonly<Record<string, HookCaller>>)["constructor"]).toBeUndefined();
  });
});

describe("Calling a hook with something other than one arguments object", () => {
  it.each([
    ["a number", 42, "the number 42"],
    ["a string", "x", 'the string "x"'],
    ["an array", [1], "an array"],
    ["null", null, "null"],
  ])("refuses %s in a call, callAsync, callHistoric and callExtra, naming the hook", async (_, value, got) => {
    const { pm } = manager();
    pm.register({ h: hookimpl(({ x }: { x: number }) => x) }, "p");
    const h = pm.hook["h"]!;
    const bad = value as unknown as Record<string, unknown>;
    const message = (hook: string) =>
      `hook '${hook}' must be called with one arguments object, e.g. pm.hook.${hook}({ name: value }); got ${got}`;
    const sync = await failure(() => h(bad), HookCallError, "HOOKSMITH_INVALID_HOOK_ARGUMENTS");
    expect({ message: sync.message, hookName: (sync as HookCallError).hookName }).toEqual({
      message: message("h"),
      hookName: "h",
    });
    const async = await failure(() => h.callAsync(bad), HookCallError, "HOOKSMITH_INVALID_HOOK_ARGUMENTS");
    expect(async.message).toBe(message("h"));
    const historic = await failure(
      () => pm.hook["hist"]!.callHistoric({ kwargs: bad }),
      HookCallError,
      "HOOKSMITH_INVALID_HOOK_ARGUMENTS",
    );
    expect(historic.message).toBe(message("hist"));
    const extra = await failure(() => h.callExtra([() => 1], bad), HookCallError, "HOOKSMITH_INVALID_HOOK_ARGUMENTS");
    expect(extra.message).toBe(message("h"));
    // Nothing was recorded for the refused historic call: a later registration replays nothing.
    let replayed = false;
    pm.register({ hist: hookimpl(() => ((replayed = true), 1)) }, "late");
    expect(replayed).toBe(false);
  });
});

describe("Adding hook specifications", () => {
  it("refuses a namespace without any spec of the project", async () => {
    const { pm } = manager();
    const other = HookspecMarker("other");
    const error = await failure(
      () => pm.addHookspecs({ h2: other(() => undefined), helper() {} }),
      HookspecError,
      "HOOKSMITH_NO_HOOKSPECS",
    );
    expect(error.message).toMatchInlineSnapshot(`"did not find any 'bad' hooks in <object>"`);
  });

  it("refuses a spec for a hook that already has one, adding nothing", async () => {
    const { pm } = manager();
    class MoreSpecs {
      @hookspec
      fresh(): void {}
      @hookspec
      h({ x }: { x: number }): number {
        return x;
      }
    }
    const error = await failure(() => pm.addHookspecs(MoreSpecs), HookspecError, "HOOKSMITH_SPEC_CONFLICT");
    expect({ message: error.message, hookName: (error as HookspecError).hookName }).toMatchInlineSnapshot(`
      {
        "hookName": "h",
        "message": "Hook 'h' is already registered within namespace <object>",
      }
    `);
    expect(pm.hook["fresh"]).toBeUndefined();
  });

  it("refuses a value that is not a namespace", async () => {
    const { pm } = manager();
    const error = await failure(
      () => pm.addHookspecs(undefined as unknown as object),
      HookspecError,
      "HOOKSMITH_INVALID_SPEC_NAMESPACE",
    );
    expect(error.message).toMatchInlineSnapshot(`"addHookspecs needs a class, an object or a module namespace, got undefined"`);
  });
});

describe("Marker options", () => {
  it("refuses an unknown option, suggesting the right spelling", async () => {
    const error = await failure(() => hookimpl({ tryFirst: true } as never), HookMarkerError, "HOOKSMITH_INVALID_MARKER_OPTION");
    expect({ message: error.message, option: (error as HookMarkerError).option }).toMatchInlineSnapshot(`
      {
        "message": "Unknown hookimpl option 'tryFirst' (did you mean 'tryfirst'?); known options: wrapper, hookwrapper, optionalhook, tryfirst, trylast, specname, argnames",
        "option": "tryFirst",
      }
    `);
  });

  it('refuses a mistyped option (tryfirst: "yes")', async () => {
    const error = await failure(() => hookimpl({ tryfirst: "yes" } as never), HookMarkerError, "HOOKSMITH_INVALID_MARKER_OPTION");
    expect({ message: error.message, option: (error as HookMarkerError).option }).toMatchInlineSnapshot(`
      {
        "message": "Invalid hookimpl option 'tryfirst': must be a boolean, got the string "yes"",
        "option": "tryfirst",
      }
    `);
  });

  it("refuses tryfirst with trylast", async () => {
    const error = await failure(
      () => hookimpl({ tryfirst: true, trylast: true }),
      HookMarkerError,
      "HOOKSMITH_CONFLICTING_MARKER_OPTIONS",
    );
    expect({ message: error.message, option: (error as HookMarkerError).option }).toMatchInlineSnapshot(`
      {
        "message": "Conflicting hookimpl options: 'tryfirst' and 'trylast' cannot both be true; choose one",
        "option": "tryfirst",
      }
    `);
  });

  it("refuses an unknown hookspec option and historic with firstresult", async () => {
    const unknown = await failure(
      () => hookspec({ firstResult: true } as never),
      HookMarkerError,
      "HOOKSMITH_INVALID_MARKER_OPTION",
    );
    expect(unknown.message).toMatchInlineSnapshot(
      `"Unknown hookspec option 'firstResult' (did you mean 'firstresult'?); known options: firstresult, historic, warnOnImpl, warnOnImplArgs, argnames"`,
    );
    const historicFirst = await failure(
      () => hookspec({ historic: true, firstresult: true })(() => undefined),
      HookspecError,
      "HOOKSMITH_HISTORIC_FIRSTRESULT",
    );
    expect(historicFirst.message).toMatchInlineSnapshot(`"cannot have a historic firstresult hook"`);
  });

  it("refuses options returned by a parseHookimplOpts override when they are invalid, naming the plugin and the member", async () => {
    class LooseManager extends PluginManager {
      override parseHookimplOpts(plugin: object, name: string) {
        return name === "h" ? ({ tryfirst: "yes" } as never) : super.parseHookimplOpts(plugin, name);
      }
    }
    const pm = new LooseManager("bad");
    const plugin = { h() {} };
    const error = await failure(() => pm.register(plugin, "loose"), HookMarkerError, "HOOKSMITH_INVALID_MARKER_OPTION");
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid hookimpl option 'tryfirst' for member 'h' of plugin 'loose': must be a boolean, got the string "yes""`,
    );
    expect(pm.getPlugins().size).toBe(0);
  });

  it("refuses marking something that is not a function", async () => {
    const error = await failure(() => hookimpl(42 as never), HookMarkerError, "HOOKSMITH_INVALID_MARKER_TARGET");
    expect(error.message).toMatchInlineSnapshot(`"hookimpl can only mark a function, got number"`);
  });
});

describe("Wrappers that break the protocol", () => {
  const noYield = {
    newStyle: hookimpl({ wrapper: true })(function* quits(): Generator<undefined, unknown, unknown> {
      return [];
    }),
    oldStyle: hookimpl({ hookwrapper: true })(function* quitsToo(): Generator<undefined, void, unknown> {}),
  };
  const twice = {
    newStyle: hookimpl({ wrapper: true })(function* stutters(): Generator<undefined, unknown, unknown> {
      yield;
      return yield;
    }),
    oldStyle: hookimpl({ hookwrapper: true })(function* stuttersToo(): Generator<undefined, void, unknown> {
      yield;
      yield;
    }),
  };

  it.each([
    ["a new-style wrapper", "newStyle", "sync"],
    ["a new-style wrapper", "newStyle", "async"],
    ["an old-style wrapper", "oldStyle", "sync"],
    ["an old-style wrapper", "oldStyle", "async"],
  ] as const)("refuses %s that does not yield (%s, %s call)", async (_, style, mode) => {
    const { pm } = manager();
    pm.register({ h: noYield[style] }, "quitter");
    const h = pm.hook["h"]!;
    const error = await failure(
      () => (mode === "sync" ? h({ x: 1 }) : h.callAsync({ x: 1 })),
      WrapperError,
      "HOOKSMITH_WRAPPER_DID_NOT_YIELD",
    );
    expect({
      message: error.message,
      pluginName: (error as WrapperError).pluginName,
      hookName: (error as WrapperError).hookName,
    }).toEqual({
      message: `wrap_controller at '${noYield[style].name}' (plugin 'quitter', hook 'h') did not yield`,
      pluginName: "quitter",
      hookName: "h",
    });
  });

  it.each([
    ["a new-style wrapper", "newStyle", "sync"],
    ["a new-style wrapper", "newStyle", "async"],
    ["an old-style wrapper", "oldStyle", "sync"],
    ["an old-style wrapper", "oldStyle", "async"],
  ] as const)("refuses %s that yields twice (%s, %s call)", async (_, style, mode) => {
    const { pm } = manager();
    pm.register({ h: twice[style] }, "stutterer");
    const h = pm.hook["h"]!;
    const error = await failure(
      () => (mode === "sync" ? h({ x: 1 }) : h.callAsync({ x: 1 })),
      WrapperError,
      "HOOKSMITH_WRAPPER_SECOND_YIELD",
    );
    expect(error.message).toBe(`wrap_controller at '${twice[style].name}' (plugin 'stutterer', hook 'h') has second yield`);
  });
});

describe("Stages", () => {
  it("refuses a stage without a name, naming its position", async () => {
    const error = await failure(
      () => resolveStages([stage("ok", 1), stage(undefined, 2)]),
      StageDefinitionError,
      "HOOKSMITH_INVALID_STAGE",
    );
    expect({
      message: error.message,
      property: (error as StageDefinitionError).property,
      index: (error as StageDefinitionError).index,
    }).toMatchInlineSnapshot(`
      {
        "index": 1,
        "message": "Invalid stage an anonymous class (index 1): stageName must be a non-empty string, got undefined",
        "property": "stageName",
      }
    `);
  });

  it("refuses a stage with a NaN priority, naming it", async () => {
    const error = await failure(() => resolveStages([stage("nan", Number.NaN)]), StageDefinitionError, "HOOKSMITH_INVALID_STAGE");
    expect({ message: error.message, property: (error as StageDefinitionError).property }).toMatchInlineSnapshot(`
      {
        "message": "Invalid stage "nan" (index 0): priority must be a finite number, got the number NaN",
        "property": "priority",
      }
    `);
  });

  it("refuses the same stage definitions in a flow before anything runs", async () => {
    const error = await failure(
      () => deployStages([stage("nan", Number.NaN)], { config: {}, outputDirectory: "." }),
      StageDefinitionError,
      "HOOKSMITH_INVALID_STAGE",
    );
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid stage "nan" (index 0): priority must be a finite number, got the number NaN"`,
    );
  });

  it("refuses a stage hook returning a non-array, naming the plugin and the hook (collectStages)", async () => {
    const pm = new PluginManager("bad");
    pm.addHookspecs({ bad_stage: hookspec({ argnames: [] })(() => []) });
    const Stage = stage("single", 1);
    const plugin = { bad_stage: hookimpl({ argnames: [] })(() => Stage) };
    pm.register(plugin, "forgot-the-brackets");
    const error = await failure(() => collectStages(pm, "bad_stage"), PluginHookError, "HOOKSMITH_PLUGIN_HOOK_RESULT");
    expect({
      message: error.message,
      pluginName: (error as PluginHookError).pluginName,
      hookName: (error as PluginHookError).hookName,
      plugin: (error as PluginHookError).plugin === plugin,
    }).toMatchInlineSnapshot(`
      {
        "hookName": "bad_stage",
        "message": "Plugin "forgot-the-brackets" returned an anonymous class from hook "bad_stage", expected an array of stage classes (return [TheStage])",
        "plugin": true,
        "pluginName": "forgot-the-brackets",
      }
    `);
  });

  it("refuses a nebari_stage implementation returning a non-array (hooksmith/nebari)", async () => {
    const nebari = new NebariPluginManager({ warn: () => {} });
    nebari.register({ nebari_stage: nebariHookimpl(() => "not stages" as never) }, "broken-stages");
    const error = await failure(() => nebari.snapshotStages(), PluginHookError, "HOOKSMITH_PLUGIN_HOOK_RESULT");
    expect(error.message).toMatchInlineSnapshot(
      `"Plugin "broken-stages" returned the string "not stages" from hook "nebari_stage", expected an array of stage classes"`,
    );
  });

  it("refuses an element of a stage hook's array that is not a stage, naming the plugin and position", async () => {
    const pm = new PluginManager("bad");
    pm.addHookspecs({ bad_stage: hookspec({ argnames: [] })(() => []) });
    pm.register({ bad_stage: hookimpl({ argnames: [] })(() => [stage("fine", 1), stage("", 2)]) }, "half-good");
    const error = await failure(() => collectStages(pm, "bad_stage"), StageDefinitionError, "HOOKSMITH_INVALID_STAGE");
    expect({
      message: error.message,
      source: (error as StageDefinitionError).source,
      index: (error as StageDefinitionError).index,
    }).toMatchInlineSnapshot(`
      {
        "index": 1,
        "message": "Invalid stage an anonymous class (plugin "half-good", index 1): stageName must be a non-empty string, got the string """,
        "source": "half-good",
      }
    `);
  });

  it.each([
    ["an unbalanced group", "(", "Unterminated group"],
    ["a dangling quantifier", "*stage", "Nothing to repeat"],
  ])("refuses an invalid exclusion pattern (%s), naming it and its position", async (_, pattern, problem) => {
    const error = await failure(
      () => resolveStages([stage("a", 1)], { excludeStages: ["fine", pattern] }),
      StageExcludePatternError,
      "HOOKSMITH_INVALID_EXCLUDE_PATTERN",
    );
    expect({ message: error.message, index: (error as StageExcludePatternError).index }).toEqual({
      message: `Invalid stage exclusion pattern "${pattern}" (excludeStages[1]): Invalid regular expression: /${pattern}/: ${problem}`,
      index: 1,
    });
  });

  it("refuses an invalid exclusion pattern in collectStages before any plugin runs", async () => {
    const pm = new PluginManager("bad");
    let called = false;
    pm.register({ bad_stage: hookimpl({ argnames: [] })(() => ((called = true), [])) }, "p");
    await failure(
      () => collectStages(pm, "bad_stage", { excludeStages: ["("] }),
      StageExcludePatternError,
      "HOOKSMITH_INVALID_EXCLUDE_PATTERN",
    );
    expect(called).toBe(false);
  });

  it.each([
    ["a parent path", "../outside.txt", "escapes", "it leaves the output directory"],
    ["a path that climbs out through a folder", "inside/../../outside.txt", "escapes", "it leaves the output directory"],
    ["an absolute path", "/etc/passwd", "absolute", "it is absolute; render paths are relative to the output directory"],
  ])("refuses a render path that leaves the output directory (%s), writing nothing", async (_, path, problem, explanation) => {
    const root = await temporaryDirectory();
    const outputDirectory = join(root, "out");
    const error = await failure(
      () =>
        renderStages([stage("fine", 1, { "ok.txt": "ok" }), stage("escaper", 2, { [path]: "x" })], {
          config: {},
          outputDirectory,
        }),
      StageRenderPathError,
      "HOOKSMITH_INVALID_RENDER_PATH",
    );
    const pathError = error as StageRenderPathError;
    expect({ message: error.message, stage: pathError.stage, path: pathError.path, problem: pathError.problem }).toEqual({
      message: `Invalid render path ${JSON.stringify(path)} from stage "escaper": ${explanation}`,
      stage: "escaper",
      path,
      problem,
    });
    // Nothing was written, not even the valid stage's file.
    await expect(readdir(root)).resolves.toEqual([]);
  });
});

describe("Hostile stage names, schemas, render paths and concurrent runs (issue 14)", () => {
  it("refuses a stage named __proto__, naming the rule", async () => {
    const error = await failure(() => resolveStages([stage("__proto__", 1)]), StageDefinitionError, "HOOKSMITH_INVALID_STAGE");
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid stage "__proto__" (index 0): stageName must start with a letter or a digit and contain only letters, digits, "_", "-" and "." (at most 128 characters), got the string "__proto__""`,
    );
  });

  it("names the plugin of a stage whose stageName getter throws (collectStages)", async () => {
    const pm = new PluginManager("bad");
    pm.addHookspecs({ bad_stage: hookspec({ argnames: [] })(() => []) });
    class Getter extends NebariStage {
      static override priority = 1;
      static override get stageName(): string {
        throw new Error("getter broke");
      }
    }
    pm.register({ bad_stage: hookimpl({ argnames: [] })(() => [Getter]) }, "getter-plugin");
    const error = await failure(() => collectStages(pm, "bad_stage"), StageDefinitionError, "HOOKSMITH_INVALID_STAGE");
    expect({ message: error.message, cause: (error.cause as Error).message }).toMatchInlineSnapshot(`
      {
        "cause": "getter broke",
        "message": "Invalid stage class Getter (plugin "getter-plugin", index 0): reading stageName threw: getter broke",
      }
    `);
  });

  it("reports a schema that overflows the stack as a StageConfigError of its stage", async () => {
    const Tree: z.ZodType = z.lazy(() => z.array(Tree));
    let deep: unknown[] = [];
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    const error = await failure(
      () => validateStageConfig([{ stageName: "tree", configKey: "tree", inputSchema: Tree }], { tree: deep }),
      StageConfigError,
      "HOOKSMITH_INVALID_CONFIG",
    );
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid config (1 issue):
        - stage "tree" at tree: its inputSchema threw: Maximum call stack size exceeded"
    `);
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it.each([
    ["a NUL character", "a\0b.txt", "unusable", "the file system cannot use it (the path contains a NUL character)"],
    ["an over-long name", `${"n".repeat(300)}.txt`, "unusable", "the file system cannot use it (ENAMETOOLONG"],
    ["a named pipe", "pipe.txt", "not-regular", "something other than a regular file is there"],
    ["a symbolic link", "link/file.txt", "symlink", "it goes through a symbolic link, which renderStages never follows"],
  ])("refuses a render path with %s, with a coded error and nothing written", async (_, path, problem, explanation) => {
    const outputDirectory = await temporaryDirectory();
    execFileSync("mkfifo", [join(outputDirectory, "pipe.txt")]);
    await symlink(outputDirectory, join(outputDirectory, "link"));
    const error = await failure(
      () =>
        renderStages([stage("fine", 1, { "ok.txt": "ok" }), stage("hostile", 2, { [path]: "x" })], {
          config: {},
          outputDirectory,
        }),
      StageRenderPathError,
      "HOOKSMITH_INVALID_RENDER_PATH",
    );
    expect(error.message).toContain(`from stage "hostile": ${explanation}`);
    expect((error as StageRenderPathError).problem).toBe(problem);
    expect((await readdir(outputDirectory)).sort()).toEqual(["link", "pipe.txt"]);
  });

  it("refuses a render manifest that is a symbolic link", async () => {
    const outputDirectory = await temporaryDirectory();
    await symlink(join(outputDirectory, "elsewhere.json"), join(outputDirectory, RENDER_MANIFEST_FILE));
    const error = await failure(
      () => renderStages([], { config: {}, outputDirectory, prune: true }),
      StageRenderManifestError,
      "HOOKSMITH_INVALID_RENDER_MANIFEST",
    );
    expect(error.message).toBe(
      `Invalid render manifest ${JSON.stringify(join(outputDirectory, RENDER_MANIFEST_FILE))}: it is a symbolic link, which renderStages never follows`,
    );
  });

  it("refuses a second run on a locked output directory, naming the holder", async () => {
    const outputDirectory = await temporaryDirectory();
    const lock = await lockOutputDirectory(outputDirectory, { flow: "deploy" });
    try {
      const error = await failure(
        () => destroyStages([], { config: {}, outputDirectory }),
        StageLockError,
        "HOOKSMITH_STAGE_LOCKED",
      );
      expect(error.message).toBe(
        `The output directory is locked by a deploy run: process ${process.pid} on host ${JSON.stringify(hostname())} since ${lock.holder.since} (${JSON.stringify(lock.file)}); wait for it to finish, or delete that file if that process is gone`,
      );
    } finally {
      await lock.release();
    }
  });

  it("reports a lock file that cannot be created", async () => {
    const root = await temporaryDirectory();
    await writeFile(join(root, "file"), "not a directory");
    const error = await failure(
      () => deployStages([], { config: {}, outputDirectory: join(root, "file", "out") }),
      StageLockError,
      "HOOKSMITH_STAGE_LOCK_FAILED",
    );
    expect(error.message).toMatch(
      /^Cannot lock the output directory: creating ".+\/file\/out\/\.hooksmith\.lock" failed: ENOTDIR/,
    );
  });
});

describe("Plugin files (importPlugin)", () => {
  it("refuses a missing file, naming it, leaving the name free", async () => {
    const root = await temporaryDirectory();
    const { pm } = manager();
    const before = observe(pm);
    const error = await failure(
      () => pm.importPlugin("./missing.mjs", undefined, { cwd: root }),
      PluginLoadError,
      "HOOKSMITH_PLUGIN_NOT_FOUND",
    );
    const loadError = error as PluginLoadError;
    expect({ pluginName: loadError.pluginName, file: loadError.file }).toEqual({
      pluginName: "./missing.mjs",
      file: join(root, "missing.mjs"),
    });
    expect(error.message.replaceAll(root, "<root>")).toMatchInlineSnapshot(
      `"Cannot load plugin "./missing.mjs" (<root>/missing.mjs): file <root>/missing.mjs does not exist"`,
    );
    expect(observe(pm)).toEqual(before);
  });

  it("refuses a file that throws while loading, keeping the original error as cause", async () => {
    const root = await temporaryDirectory();
    await writeFile(join(root, "throws.mjs"), 'throw new Error("plugin exploded at import");\n');
    const { pm } = manager();
    const before = observe(pm);
    const error = await failure(
      () => pm.importPlugin("./throws.mjs", "exploder", { cwd: root }),
      PluginLoadError,
      "HOOKSMITH_PLUGIN_IMPORT_FAILED",
    );
    expect((error as PluginLoadError).file).toBe(join(root, "throws.mjs"));
    expect((error.cause as Error).message).toBe("plugin exploded at import");
    expect(error.message.replaceAll(root, "<root>")).toMatchInlineSnapshot(
      `"Cannot load plugin "exploder" (<root>/throws.mjs): the module threw while loading: plugin exploded at import"`,
    );
    expect(observe(pm)).toEqual(before);
  });

  it("refuses a file that exports nothing", async () => {
    const root = await temporaryDirectory();
    await writeFile(join(root, "empty.mjs"), "// a plugin that forgot its exports\n");
    const { pm } = manager();
    const before = observe(pm);
    const error = await failure(
      () => pm.importPlugin("./empty.mjs", "empty", { cwd: root }),
      PluginLoadError,
      "HOOKSMITH_PLUGIN_EMPTY",
    );
    expect((error as PluginLoadError).file).toBe(join(root, "empty.mjs"));
    expect(error.message.replaceAll(root, "<root>")).toMatchInlineSnapshot(
      `"Cannot load plugin "empty" (<root>/empty.mjs): the module exports nothing (a plugin module exports its hook implementations by name)"`,
    );
    expect(observe(pm)).toEqual(before);
  });

  it("refuses a file whose hooks fail validation, leaving no trace", async () => {
    const root = await temporaryDirectory();
    await writeFile(
      join(root, "invalid.mjs"),
      'export function h({ x, nope }) { return x + nope; }\nh[Symbol.for("bad.hookimpl")] = { wrapper: false, hookwrapper: false, optionalhook: false, tryfirst: false, trylast: false };\n',
    );
    const { pm } = manager();
    const before = observe(pm);
    const error = await failure(
      () => pm.importPlugin("./invalid.mjs", "invalid", { cwd: root }),
      PluginLoadError,
      "HOOKSMITH_PLUGIN_REGISTER_FAILED",
    );
    expect(error.cause).toBeInstanceOf(PluginValidationError);
    expect(error.message.replaceAll(root, "<root>")).toMatchInlineSnapshot(`
      "Cannot load plugin "invalid" (<root>/invalid.mjs): register refused it: Plugin 'invalid' for hook 'h'
      hookimpl definition: h({ x, nope })
      Argument(s) ["nope"] are declared in the hookimpl but can not be found in the hookspec"
    `);
    expect(observe(pm)).toEqual(before);
  });

  it("does not hang on a module that exports then: it is registered, then is a member", async () => {
    const root = await temporaryDirectory();
    await writeFile(join(root, "thenable.mjs"), "export function then() {}\nexport const id = 1;\n");
    const { pm } = manager();
    await expect(pm.importPlugin("./thenable.mjs", "thenable", { cwd: root })).resolves.toBe("thenable");
    expect(Object.keys(pm.getPlugin("thenable")!)).toEqual(["id", "then"]);
  });

  it("refuses a module that never finishes loading once the timeout has passed, leaving no trace", async () => {
    const root = await temporaryDirectory();
    await writeFile(join(root, "forever.mjs"), "await new Promise(() => {});\nexport const id = 1;\n");
    const { pm } = manager();
    const before = observe(pm);
    const error = await failure(
      () => pm.importPlugin("./forever.mjs", "forever", { cwd: root, timeout: 100 }),
      PluginLoadError,
      "HOOKSMITH_PLUGIN_IMPORT_TIMEOUT",
    );
    expect(error.message.replaceAll(root, "<root>")).toMatchInlineSnapshot(
      `"Cannot load plugin "forever" (<root>/forever.mjs): the module did not finish loading within 100 ms (does its top-level code await something that never settles?)"`,
    );
    expect(observe(pm)).toEqual(before);
  });

  it("refuses to load with an aborted signal, keeping its reason as cause", async () => {
    const root = await temporaryDirectory();
    await writeFile(join(root, "plain.mjs"), "export const id = 1;\n");
    const { pm } = manager();
    const reason = new Error("shutting down");
    const error = await failure(
      () => pm.importPlugin("./plain.mjs", "plain", { cwd: root, signal: AbortSignal.abort(reason) }),
      PluginLoadError,
      "HOOKSMITH_PLUGIN_IMPORT_ABORTED",
    );
    expect(error.cause).toBe(reason);
    expect(error.message).toMatchInlineSnapshot(`"Cannot load plugin "plain": loading was aborted: shutting down"`);
    expect(pm.hasPlugin("plain")).toBe(false);
  });

  it.each([
    [{ timeout: -1 }, "importPlugin: the timeout option must be a positive number of milliseconds, got the number -1"],
    [{ signal: "abort" }, 'importPlugin: the signal option must be an AbortSignal, got the string "abort"'],
    [
      { hostPackages: ["ok", "./relative"] },
      "importPlugin: the hostPackages option must be an array of package names, got an array",
    ],
    [{ hostModule: 42 }, "importPlugin: the hostModule option must be a file path or URL, got the number 42"],
  ])("refuses the option %j with a TypeError", async (options, message) => {
    const { pm } = manager();
    await expect(pm.importPlugin("./p.mjs", undefined, options as object)).rejects.toThrow(new TypeError(message));
  });
});

describe("Installed plugins (loadEntrypoints)", () => {
  it("refuses an entry point that leaves its package through a symbolic link, without importing it", async () => {
    const root = await temporaryDirectory();
    await mkdir(join(root, "outside"));
    await writeFile(join(root, "outside/secret.mjs"), "globalThis.hooksmithSecretLoaded = true;\nexport const id = 1;\n");
    await mkdir(join(root, "node_modules/linker"), { recursive: true });
    await writeFile(
      join(root, "node_modules/linker/package.json"),
      JSON.stringify({ name: "linker", entryPoints: { bad: { linker: "./plugin.mjs" } } }),
    );
    await symlink("../../outside/secret.mjs", join(root, "node_modules/linker/plugin.mjs"));
    const { pm } = manager();
    const before = observe(pm);
    const error = await failure(
      () => pm.loadEntrypoints("bad", undefined, { cwd: root }),
      PluginLoadError,
      "HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE",
    );
    expect(error.message.replaceAll(root, "<root>")).toMatchInlineSnapshot(
      `"Cannot load plugin "linker" from package "linker" (<root>/outside/secret.mjs): entry point "./plugin.mjs" leads out of the package directory <root>/node_modules/linker through a symbolic link (it is <root>/outside/secret.mjs)"`,
    );
    expect((globalThis as { hooksmithSecretLoaded?: boolean }).hooksmithSecretLoaded).toBeUndefined();
    expect(observe(pm)).toEqual(before);
  });

  it("reads a group named like an Object.prototype member (constructor) as any other", async () => {
    const root = await temporaryDirectory();
    await mkdir(join(root, "node_modules/plain"), { recursive: true });
    await writeFile(
      join(root, "node_modules/plain/package.json"),
      JSON.stringify({ name: "plain", entryPoints: { bad: { p: "./p.mjs" } } }),
    );
    const { pm } = manager();
    await expect(pm.loadEntrypoints("constructor", undefined, { cwd: root })).resolves.toBe(0);
  });

  it("refuses a package named in options.packages that is not installed, before importing anything", async () => {
    const root = await temporaryDirectory();
    const { pm } = manager();
    const error = await failure(
      () => pm.loadEntrypoints("bad", undefined, { cwd: root, packages: ["bad-plugin-typo"] }),
      PluginLoadError,
      "HOOKSMITH_PLUGIN_NOT_FOUND",
    );
    expect(error.message.replaceAll(root, "<root>")).toMatchInlineSnapshot(
      `"Cannot load the plugins of package "bad-plugin-typo" named in the packages option: it is not installed in <root> or its ancestors"`,
    );
  });
});
