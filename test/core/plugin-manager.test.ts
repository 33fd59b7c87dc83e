// Counterparts of pluggy's testing/test_pluginmanager.py, through hooksmith's public API.
// Each `it` names the pluggy test it ports in a `// pluggy: test_name` comment. Tests whose subject
// is what a hook call returns or runs are run under both call modes (the sync call and callAsync;
// for historic hooks callHistoric/register and callHistoricAsync/registerAsync).

import { mkdtemp, mkdir, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  HookArgumentsWarning,
  HookCallError,
  HookCaller,
  HookspecError,
  PluginManager,
  PluginRegistrationError,
  PluginValidationError,
  Result,
  type CallHistoricOptions,
  type HookImpl,
} from "../../src/index.ts";
import {
  callHook,
  callModes,
  createManager,
  errorOf,
  hookimpl,
  hookOf,
  hookspec,
  rejectionOf,
  type CallMode,
} from "../support/harness.ts";

/** Asserts that the manager's registered plugins are exactly `expected` (by identity). */
function expectPlugins(pm: PluginManager, expected: readonly object[]): void {
  const plugins = pm.getPlugins();
  expect(plugins.size).toBe(expected.length);
  for (const plugin of expected) expect(plugins.has(plugin)).toBe(true);
}

/** A historic call in the given mode: `callHistoric`, or `callHistoricAsync` awaited. */
async function callHistoricIn(mode: CallMode, caller: HookCaller, options: CallHistoricOptions): Promise<void> {
  if (mode === "sync") caller.callHistoric(options);
  else await caller.callHistoricAsync(options);
}

/** A registration in the given mode: `register`, or `registerAsync` (which awaits historic replays). */
async function registerIn(mode: CallMode, pm: PluginManager, plugin: object, name?: string): Promise<string | undefined> {
  return mode === "sync" ? pm.register(plugin, name) : pm.registerAsync(plugin, name);
}

/** `callExtra` in the given mode: the sync call, or `callExtraAsync` awaited. */
async function callExtraIn(
  mode: CallMode,
  caller: HookCaller,
  methods: Function[],
  args: Record<string, unknown>,
): Promise<unknown> {
  return mode === "sync" ? caller.callExtra(methods, args) : caller.callExtraAsync(methods, args);
}

class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}

class ValueError extends Error {
  override name = "ValueError";
}

// pluggy's `he_pm` fixture: a manager with the spec `he_method1(arg)`, added once as a class and
// once as an instance.
class HeHooks {
  @hookspec
  he_method1({ arg }: { arg: number }): number {
    return arg + 1;
  }
}

const specForms = [
  ["spec-is-class", (): object => HeHooks],
  ["spec-is-instance", (): object => new HeHooks()],
] as const;

function createHePm(form: () => object): ReturnType<typeof createManager> {
  const created = createManager();
  created.pm.addHookspecs(form());
  return created;
}

const temporaryRoots: string[] = [];
afterAll(async () => {
  await Promise.all(temporaryRoots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

describe("PluginManager: registering plugins", () => {
  it("refuses to register the same plugin object twice, under the same name or another one", () => {
    // pluggy: test_plugin_double_register
    // pluggy registers the int 42; a hooksmith plugin is an object, so an empty object stands in.
    const { pm } = createManager();
    const plugin = {};
    pm.register(plugin, "abc");

    const sameName = errorOf(() => pm.register(plugin, "abc"));
    expect(sameName).toBeInstanceOf(PluginRegistrationError);
    expect(sameName).toMatchObject({ code: "HOOKSMITH_DUPLICATE_PLUGIN_NAME", pluginName: "abc", plugin });
    expect(() => pm.register(plugin, "abc")).toThrowErrorMatchingInlineSnapshot(`
      [PluginRegistrationError: Plugin name already registered: abc=<object>
      registered plugins: { "abc": <object> }]
    `);

    const otherName = errorOf(() => pm.register(plugin, "def"));
    expect(otherName).toBeInstanceOf(PluginRegistrationError);
    expect(otherName).toMatchObject({ code: "HOOKSMITH_DUPLICATE_PLUGIN", pluginName: "def", plugin });
    expect(() => pm.register(plugin, "def")).toThrowErrorMatchingInlineSnapshot(`
      [PluginRegistrationError: Plugin already registered under a different name: def=<object>
      registered plugins: { "abc": <object> }]
    `);
    expect(pm.listNamePlugin()).toEqual([["abc", plugin]]);
  });

  it("refuses a value that is not an object, a class or a module namespace as a plugin", () => {
    // pluggy: test_plugin_double_register (pluggy accepts the int 42 as a plugin; hooksmith refuses primitives)
    const { pm } = createManager();
    const error = errorOf(() => pm.register(42 as unknown as object, "abc"));
    expect(error).toBeInstanceOf(PluginRegistrationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_INVALID_PLUGIN" });
    expect(() => pm.register(42 as unknown as object, "abc")).toThrowErrorMatchingInlineSnapshot(
      `[PluginRegistrationError: Cannot register the number 42 as plugin 'abc': a plugin is an object, a class instance, a class or a module namespace]`,
    );
    expect(pm.hasPlugin("abc")).toBe(false);
  });

  it("registers objects with and without a name, lists them, and forgets them when unregistered", () => {
    // pluggy: test_pm
    class A {}
    const { pm } = createManager();
    const a1 = new A();
    const a2 = new A();
    pm.register(a1);
    expect(pm.isRegistered(a1)).toBe(true);
    pm.register(a2, "hello");
    expect(pm.isRegistered(a2)).toBe(true);
    const out = pm.getPlugins();
    expect(out.has(a1)).toBe(true);
    expect(out.has(a2)).toBe(true);
    expect(pm.getPlugin("hello")).toBe(a2);
    expect(pm.unregister(a1)).toBe(a1);
    expect(pm.isRegistered(a1)).toBe(false);

    const out2 = pm.listNamePlugin();
    expect(out2).toHaveLength(1);
    expect(out2[0]![0]).toBe("hello");
    expect(out2[0]![1]).toBe(a2);
  });

  it("knows a plugin by its name once registered", () => {
    // pluggy: test_has_plugin
    class A {}
    const { pm } = createManager();
    const a1 = new A();
    pm.register(a1, "hello");
    expect(pm.isRegistered(a1)).toBe(true);
    expect(pm.hasPlugin("hello")).toBe(true);
  });

  describe.each(specForms)("with the he_method1 spec added as in pluggy's he_pm[%s]", (_form, spec) => {
    it("registers an object that answers every property read, finding no hook implementation in it", () => {
      // pluggy: test_register_dynamic_attr
      // Python's __getattr__ becomes a Proxy whose `get` answers 42 for any name not starting with "_".
      class A {}
      const { pm } = createHePm(spec);
      const a = new Proxy(new A(), {
        get: (target, key, receiver) =>
          typeof key === "string" && !key.startsWith("_") ? 42 : Reflect.get(target, key, receiver),
      });
      expect((a as unknown as Record<string, unknown>)["test"]).toBe(42);

      pm.register(a);
      expect(pm.getHookcallers(a)).toEqual([]);
    });

    it("reports an implementation of an unknown hook in checkPending, with the offending plugin", () => {
      // pluggy: test_register_mismatch_method
      class hello {
        @hookimpl
        he_method_notexists(): void {}
      }
      const { pm } = createHePm(spec);
      const plugin = new hello();
      pm.register(plugin);

      const error = errorOf(() => pm.checkPending());
      expect(error).toBeInstanceOf(PluginValidationError);
      expect(error).toMatchObject({ code: "HOOKSMITH_UNKNOWN_HOOK", hookName: "he_method_notexists" });
      expect((error as PluginValidationError).plugin).toBe(plugin);
    });

    it("rejects an implementation that asks for an argument its spec does not declare, with the offending plugin", () => {
      // pluggy: test_register_mismatch_arg
      class hello {
        @hookimpl
        he_method1({ qlwkje }: { qlwkje: unknown }): unknown {
          return qlwkje;
        }
      }
      const { pm } = createHePm(spec);
      const plugin = new hello();

      const error = errorOf(() => pm.register(plugin, "hello"));
      expect(error).toBeInstanceOf(PluginValidationError);
      expect(error).toMatchObject({ code: "HOOKSMITH_ARGUMENT_NOT_IN_SPEC", pluginName: "hello", hookName: "he_method1" });
      expect((error as PluginValidationError).plugin).toBe(plugin);
      expect(error.message).toMatchInlineSnapshot(`
        "Plugin 'hello' for hook 'he_method1'
        hookimpl definition: he_method1({ qlwkje })
        Argument(s) ["qlwkje"] are declared in the hookimpl but can not be found in the hookspec"
      `);
    });

    it("rejects an old-style wrapper that is not a generator function", () => {
      // pluggy: test_register_hookwrapper_not_a_generator_function
      class hello {
        @hookimpl({ hookwrapper: true })
        he_method1(): void {}
      }
      const { pm } = createHePm(spec);
      const plugin = new hello();

      const error = errorOf(() => pm.register(plugin, "hello"));
      expect(error).toBeInstanceOf(PluginValidationError);
      expect(error.message).toMatch(/generator function/);
      expect(error).toMatchObject({ code: "HOOKSMITH_WRAPPER_NOT_GENERATOR" });
      expect((error as PluginValidationError).plugin).toBe(plugin);
    });

    it("rejects an implementation marked both wrapper and hookwrapper", () => {
      // pluggy: test_register_both_wrapper_and_hookwrapper
      class hello {
        @hookimpl({ wrapper: true, hookwrapper: true })
        *he_method1(): Generator<void, void, unknown> {
          yield;
        }
      }
      const { pm } = createHePm(spec);
      const plugin = new hello();

      const error = errorOf(() => pm.register(plugin, "hello"));
      expect(error).toBeInstanceOf(PluginValidationError);
      expect(error.message).toMatch(/wrapper.*hookwrapper.*mutually exclusive/);
      expect(error).toMatchObject({ code: "HOOKSMITH_CONFLICTING_WRAPPER_FLAGS" });
      expect((error as PluginValidationError).plugin).toBe(plugin);
    });

    describe.each(callModes)("calling hooks (%s)", (mode) => {
      it("runs a monitor's before and after around every call until it is undone", async () => {
        // pluggy: test_add_tracefuncs
        const { pm } = createHePm(spec);
        const out: unknown[] = [];

        class api1 {
          @hookimpl
          he_method1(): void {
            out.push("he_method1-api1");
          }
        }
        class api2 {
          @hookimpl
          he_method1(): void {
            out.push("he_method1-api2");
          }
        }
        pm.register(new api1());
        pm.register(new api2());

        const undo = pm.addHookcallMonitoring(
          (hookName, hookImpls, kwargs) => {
            out.push([hookName, [...hookImpls], kwargs]);
          },
          (outcome, hookName, hookImpls, kwargs) => {
            out.push([outcome, hookName, [...hookImpls], kwargs]);
          },
        );

        await callHook(hookOf(pm, "he_method1"), { arg: 1 }, mode);
        expect(out).toHaveLength(4);
        const before = out[0] as [string, HookImpl[], object];
        expect(before[0]).toBe("he_method1");
        expect(before[1]).toHaveLength(2);
        expect(before[2]).toEqual({ arg: 1 });
        expect(out[1]).toBe("he_method1-api2");
        expect(out[2]).toBe("he_method1-api1");
        const after = out[3] as [Result<unknown>, string, HookImpl[], object];
        expect(after).toHaveLength(4);
        expect(after[0]).toBeInstanceOf(Result);
        expect(after[0].getResult()).toEqual([]);
        expect(after[1]).toBe(before[0]);

        undo();
        await callHook(hookOf(pm, "he_method1"), { arg: 1 }, mode);
        expect(out).toHaveLength(4 + 2);
      });

      it("traces hook calls with indentation and restores the indent when an implementation throws", async () => {
        // pluggy: test_hook_tracing
        const { pm } = createHePm(spec);
        const saveindent: number[] = [];

        class api1 {
          @hookimpl
          he_method1(): void {
            saveindent.push(pm.trace.root.indent);
          }
        }
        class api2 {
          @hookimpl
          he_method1(): void {
            saveindent.push(pm.trace.root.indent);
            throw new ValueError();
          }
        }
        pm.register(new api1());
        const out: string[] = [];
        pm.trace.root.setWriter((line) => out.push(line));
        const undo = pm.enableTracing();
        try {
          const indent = pm.trace.root.indent;
          await callHook(hookOf(pm, "he_method1"), { arg: 1 }, mode);
          expect(pm.trace.root.indent).toBe(indent);
          expect(out).toHaveLength(2);
          expect(out[0]).toContain("he_method1");
          expect(out[1]).toContain("finish");

          out.length = 0;
          pm.register(new api2());

          await expect(callHook(hookOf(pm, "he_method1"), { arg: 1 }, mode)).rejects.toBeInstanceOf(ValueError);
          expect(pm.trace.root.indent).toBe(indent);
          expect(saveindent[0]).toBeGreaterThan(indent);
        } finally {
          undo();
        }
      });
    });
  });

  it("names a plugin on registration, frees the name on unregistration, and unregisters by name", () => {
    // pluggy: test_pm_name
    class A {}
    const { pm } = createManager();
    const a1 = new A();
    const name = pm.register(a1, "hello");
    expect(name).toBe("hello");
    pm.unregister(a1);
    expect(pm.getPlugin("hello")).toBeUndefined();
    expect(pm.isRegistered(a1)).toBe(false);
    expect(pm.getPlugins().size).toBe(0);
    const name2 = pm.register(a1, "hello");
    expect(name2).toBe(name);
    pm.unregister(undefined, "hello");
    expect(pm.getPlugin("hello")).toBeUndefined();
    expect(pm.isRegistered(a1)).toBe(false);
    expect(pm.getPlugins().size).toBe(0);
  });

  it("blocks names: unregisters the plugin under it, skips later registrations, and unblocks", () => {
    // pluggy: test_set_blocked
    class A {}
    const { pm } = createManager();
    const a1 = new A();
    const name = pm.register(a1);
    expect(name).toBeDefined();
    expect(pm.isRegistered(a1)).toBe(true);
    expect(pm.isBlocked(name!)).toBe(false);
    expectPlugins(pm, [a1]);

    pm.setBlocked(name!);
    expect(pm.isBlocked(name!)).toBe(true);
    expect(pm.isRegistered(a1)).toBe(false);
    expectPlugins(pm, []);

    pm.setBlocked("somename");
    expect(pm.isBlocked("somename")).toBe(true);
    expect(pm.register(new A(), "somename")).toBeUndefined();
    expect(pm.unregister(undefined, "somename")).toBeUndefined();
    expect(pm.isBlocked("somename")).toBe(true);
    expectPlugins(pm, []);

    // Unblock.
    expect(pm.unblock("someothername")).toBe(false);
    expect(pm.unblock("somename")).toBe(true);
    expect(pm.isBlocked("somename")).toBe(false);
    expect(pm.unblock("somename")).toBe(false);
    expect(pm.register(new A(), "somename")).toBe("somename");
  });

  it("registers and unregisters instances, and refuses to unregister a plugin that is not registered", () => {
    // pluggy: test_register
    class MyPlugin {
      @hookimpl
      he_method1(): void {}
    }
    const { pm } = createManager();
    const my = new MyPlugin();
    pm.register(my);
    expectPlugins(pm, [my]);
    const my2 = new MyPlugin();
    pm.register(my2);
    expectPlugins(pm, [my, my2]);

    expect(pm.isRegistered(my)).toBe(true);
    expect(pm.isRegistered(my2)).toBe(true);
    pm.unregister(my);
    expect(pm.isRegistered(my)).toBe(false);
    expectPlugins(pm, [my2]);

    const error = errorOf(() => pm.unregister(my));
    expect(error).toBeInstanceOf(PluginRegistrationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_PLUGIN_NOT_REGISTERED", plugin: my });
    expect(error.message).toMatch(/not registered/);
  });

  it("lets a plugin be unregistered under a blocked name any number of times", () => {
    // pluggy: test_unregister_blocked
    class Plugin {}
    const { pm } = createManager();
    const p = new Plugin();
    pm.setBlocked("error");
    expect(pm.register(p, "error")).toBeUndefined();
    // blocked plugins can be unregistered many times
    expect(pm.unregister(p, "error")).toBe(p);
    expect(pm.unregister(p, "error")).toBe(p);
    expect(pm.isBlocked("error")).toBe(true);
  });

  it("refuses to unregister with neither a plugin nor a name", () => {
    // pluggy: test_register (pluggy's `unregister()` AssertionError "one of name or plugin needs to be specified")
    const { pm } = createManager();
    const error = errorOf(() => pm.unregister());
    expect(error).toBeInstanceOf(PluginRegistrationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_UNREGISTER_ARGUMENTS" });
    expect(() => pm.unregister()).toThrowErrorMatchingInlineSnapshot(
      `[PluginRegistrationError: one of name or plugin needs to be specified]`,
    );
  });

  describe.each(callModes)("calling hooks (%s)", (mode) => {
    it("validates and calls implementations registered before their spec was added", async () => {
      // pluggy: test_register_unknown_hooks
      class Plugin1 {
        @hookimpl
        he_method1({ arg }: { arg: number }): number {
          return arg + 1;
        }
      }
      const { pm } = createManager();
      const pname = pm.register(new Plugin1());
      expect(pname).toBeDefined();

      class Hooks {
        @hookspec
        he_method1({ arg }: { arg: number }): void {
          void arg;
        }
      }
      pm.addHookspecs(Hooks);
      expect(await callHook(hookOf(pm, "he_method1"), { arg: 1 }, mode)).toEqual([2]);
      const hookcallers = pm.getHookcallers(pm.getPlugin(pname!)!);
      expect(hookcallers).toBeDefined();
      expect(hookcallers).toHaveLength(1);
    });

    it("replays historic calls to plugins registered later, before they see new calls", async () => {
      // pluggy: test_register_historic
      class Hooks {
        @hookspec({ historic: true })
        he_method1({ arg }: { arg: number }): void {
          void arg;
        }
      }
      const { pm } = createManager();
      pm.addHookspecs(Hooks);

      await callHistoricIn(mode, hookOf(pm, "he_method1"), { kwargs: { arg: 1 } });
      const out: number[] = [];

      class Plugin {
        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          out.push(arg);
        }
      }
      await registerIn(mode, pm, new Plugin());
      expect(out).toEqual([1]);

      class Plugin2 {
        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          out.push(arg * 10);
        }
      }
      await registerIn(mode, pm, new Plugin2());
      expect(out).toEqual([1, 10]);
      await callHistoricIn(mode, hookOf(pm, "he_method1"), { kwargs: { arg: 12 } });
      expect(out).toEqual([1, 10, 120, 12]);
    });

    it("records a historic call made through a subset caller for every later registration", async () => {
      // pluggy: test_historic_with_subset_hook_caller
      class Hooks {
        @hookspec({ historic: true })
        he_method1({ arg }: { arg: number }): void {
          void arg;
        }
      }
      const { pm } = createManager();
      pm.addHookspecs(Hooks);

      const out: number[] = [];

      class Plugin {
        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          out.push(arg);
        }
      }
      const plugin = new Plugin();
      pm.register(plugin);

      class Plugin2 {
        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          out.push(arg * 10);
        }
      }
      const shc = pm.subsetHookCaller("he_method1", [plugin]);
      await callHistoricIn(mode, shc, { kwargs: { arg: 1 } });

      await registerIn(mode, pm, new Plugin2());
      expect(out).toEqual([10]);

      await registerIn(mode, pm, new Plugin());
      expect(out).toEqual([10, 1]);
    });

    it.each([true, false])(
      "hands each replayed historic result to the result callback when there is one (callback: %s)",
      async (resultCallback) => {
        // pluggy: test_with_result_memorized
        const out: unknown[] = [];
        const callback = resultCallback ? (res: unknown): void => void out.push(res) : undefined;

        class Hooks {
          @hookspec({ historic: true })
          he_method1({ arg }: { arg: number }): void {
            void arg;
          }
        }
        const { pm } = createManager();
        pm.addHookspecs(Hooks);

        class Plugin1 {
          @hookimpl
          he_method1({ arg }: { arg: number }): number {
            return arg * 10;
          }
        }
        pm.register(new Plugin1());

        const he_method1 = hookOf(pm, "he_method1");
        await callHistoricIn(mode, he_method1, { resultCallback: callback, kwargs: { arg: 1 } });

        class Plugin2 {
          @hookimpl
          he_method1({ arg }: { arg: number }): number {
            return arg * 10;
          }
        }
        await registerIn(mode, pm, new Plugin2());
        expect(out).toEqual(resultCallback ? [10, 10] : []);
      },
    );

    it("calls the historic result callback at once for present plugins, and on registration for later ones", async () => {
      // pluggy: test_with_callbacks_immediately_executed
      class Hooks {
        @hookspec({ historic: true })
        he_method1({ arg }: { arg: number }): void {
          void arg;
        }
      }
      const { pm } = createManager();
      pm.addHookspecs(Hooks);

      class Plugin1 {
        @hookimpl
        he_method1({ arg }: { arg: number }): number {
          return arg * 10;
        }
      }
      class Plugin2 {
        @hookimpl
        he_method1({ arg }: { arg: number }): number {
          return arg * 20;
        }
      }
      class Plugin3 {
        @hookimpl
        he_method1({ arg }: { arg: number }): number {
          return arg * 30;
        }
      }

      const out: unknown[] = [];
      pm.register(new Plugin1());
      pm.register(new Plugin2());

      const he_method1 = hookOf(pm, "he_method1");
      await callHistoricIn(mode, he_method1, { resultCallback: (res) => out.push(res), kwargs: { arg: 1 } });
      expect(out).toEqual([20, 10]);
      await registerIn(mode, pm, new Plugin3());
      expect(out).toEqual([20, 10, 30]);
    });

    it("calls extra functions passed to callExtra along with the implementations", async () => {
      // pluggy: test_call_extra
      class Hooks {
        @hookspec
        he_method1({ arg }: { arg: number }): void {
          void arg;
        }
      }
      const { pm } = createManager();
      pm.addHookspecs(Hooks);

      function he_method1({ arg }: { arg: number }): number {
        return arg * 10;
      }
      const out = await callExtraIn(mode, hookOf(pm, "he_method1"), [he_method1], { arg: 1 });
      expect(out).toEqual([10]);
    });

    it("lets an implementation's error reach the caller, and throws HookCallError with a warning when arguments are missing", async () => {
      // pluggy: test_call_with_too_few_args
      class Hooks {
        @hookspec
        he_method1({ arg }: { arg: unknown }): void {
          void arg;
        }
      }
      const { pm, warnings } = createManager();
      pm.addHookspecs(Hooks);

      const thrown = new ZeroDivisionError();
      class Plugin1 {
        @hookimpl
        he_method1({ arg }: { arg: unknown }): void {
          void arg;
          throw thrown;
        }
      }
      pm.register(new Plugin1());
      await expect(callHook(hookOf(pm, "he_method1"), { arg: "works" }, mode)).rejects.toBe(thrown);
      expect(warnings).toEqual([]);

      const error = await rejectionOf(callHook(hookOf(pm, "he_method1"), undefined, mode));
      expect(error).toBeInstanceOf(HookCallError);
      expect(error).toMatchObject({ code: "HOOKSMITH_MISSING_HOOK_ARGUMENT", argument: "arg" });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toBeInstanceOf(HookArgumentsWarning);
    });

    it("calls a subset of the implementations through subsetHookCaller, as a live view", async () => {
      // pluggy: test_subset_hook_caller
      class Hooks {
        @hookspec
        he_method1({ arg }: { arg: number }): void {
          void arg;
        }
      }
      const { pm } = createManager();
      pm.addHookspecs(Hooks);

      const out: number[] = [];

      class Plugin1 {
        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          out.push(arg);
        }
      }
      class Plugin2 {
        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          out.push(arg * 10);
        }
      }
      class PluginNo {}

      const plugin1 = new Plugin1();
      const plugin2 = new Plugin2();
      const plugin3 = new PluginNo();
      pm.register(plugin1);
      pm.register(plugin2);
      pm.register(plugin3);
      await callHook(hookOf(pm, "he_method1"), { arg: 1 }, mode);
      expect(out).toEqual([10, 1]);
      out.length = 0;

      let hc = pm.subsetHookCaller("he_method1", [plugin1]);
      await callHook(hc, { arg: 2 }, mode);
      expect(out).toEqual([20]);
      out.length = 0;

      hc = pm.subsetHookCaller("he_method1", [plugin2]);
      await callHook(hc, { arg: 2 }, mode);
      expect(out).toEqual([2]);
      out.length = 0;

      pm.unregister(plugin1);
      await callHook(hc, { arg: 2 }, mode);
      expect(out).toEqual([]);
      out.length = 0;

      await callHook(hookOf(pm, "he_method1"), { arg: 1 }, mode);
      expect(out).toEqual([10]);

      // pluggy renders `<_SubsetHookCaller 'he_method1'>`; hooksmith's class has no underscore.
      expect(String(hc)).toBe("<SubsetHookCaller 'he_method1'>");
    });

    it.each([false, true])(
      "runs a call on the implementations present when it started; historic calls reach plugins registered during them (historic: %s)",
      async (historic) => {
        // pluggy: test_register_while_calling
        const { pm } = createManager();

        class Hooks {
          @hookspec({ historic })
          configure(): number {
            throw new Error("not implemented");
          }
        }
        class Plugin1 {
          @hookimpl
          configure(): number {
            return 1;
          }
        }
        class Plugin2 {
          alreadyRegistered = false;

          @hookimpl
          configure(): number {
            if (!this.alreadyRegistered) {
              pm.register(new Plugin4());
              pm.register(new Plugin5());
              pm.register(new Plugin6());
              this.alreadyRegistered = true;
            }
            return 2;
          }
        }
        class Plugin3 {
          @hookimpl
          configure(): number {
            return 3;
          }
        }
        class Plugin4 {
          @hookimpl({ tryfirst: true })
          configure(): number {
            return 4;
          }
        }
        class Plugin5 {
          @hookimpl({})
          configure(): number {
            return 5;
          }
        }
        class Plugin6 {
          @hookimpl({ trylast: true })
          configure(): number {
            return 6;
          }
        }

        pm.addHookspecs(Hooks);
        pm.register(new Plugin1());
        pm.register(new Plugin2());
        pm.register(new Plugin3());

        const configure = hookOf(pm, "configure");
        if (!historic) {
          expect(await callHook(configure, undefined, mode)).toEqual([3, 2, 1]);
          expect(await callHook(configure, undefined, mode)).toEqual([4, 5, 3, 2, 1, 6]);
        } else {
          let result: unknown[] = [];
          await callHistoricIn(mode, configure, { resultCallback: (value) => result.push(value) });
          expect(result).toEqual([4, 5, 6, 3, 2, 1]);
          result = [];
          await callHistoricIn(mode, configure, { resultCallback: (value) => result.push(value) });
          expect(result).toEqual([4, 5, 3, 2, 1, 6]);
        }
      },
    );

    it("skips hooks whose name starts with an underscore in checkPending", async () => {
      // pluggy: test_check_pending_skips_underscore
      class Plugin {
        @hookimpl
        _problem(): void {}
      }
      const { pm } = createManager();
      pm.register(new Plugin());
      expect(await callHook(hookOf(pm, "_problem"), undefined, mode)).toEqual([]);
      expect(() => pm.checkPending()).not.toThrow();
    });

    it("lets an optionalhook implementation without a spec pass checkPending", async () => {
      // pluggy: test_check_pending_optionalhook
      class Plugin {
        @hookimpl({ optionalhook: true })
        a_hook({ param }: { param: unknown }): void {
          void param;
        }
      }
      const { pm } = createManager();
      pm.register(new Plugin());
      expect(await callHook(hookOf(pm, "a_hook"), { param: 1 }, mode)).toEqual([]);
      expect(() => pm.checkPending()).not.toThrow();
    });

    it("checks the arguments of a hook without a spec at call time, and reports the hook in checkPending", async () => {
      // pluggy: test_check_pending_nonspec_hook
      class Plugin {
        @hookimpl
        a_hook({ param }: { param: unknown }): void {
          void param;
        }
      }
      const { pm, warnings } = createManager();
      const plugin = new Plugin();
      pm.register(plugin);
      const callError = await rejectionOf(callHook(hookOf(pm, "a_hook"), undefined, mode));
      expect(callError).toBeInstanceOf(HookCallError);
      expect(callError).toMatchObject({ code: "HOOKSMITH_MISSING_HOOK_ARGUMENT", argument: "param" });
      expect((callError as HookCallError).message).toMatch(/^hook call must provide argument 'param'/);
      // With no spec there is no spec argument to warn about.
      expect(warnings).toEqual([]);

      const error = errorOf(() => pm.checkPending());
      expect(error).toBeInstanceOf(PluginValidationError);
      expect(error.message).toMatch(/unknown hook 'a_hook' in plugin .*/);
      expect((error as PluginValidationError).plugin).toBe(plugin);
    });

    it("calls and unregisters every implementation of a plugin with several on one hook (specname)", async () => {
      // pluggy: test_unregister_plugin_with_multi_hookimpls
      class Api {
        @hookspec
        hello({ arg }: { arg: number }): unknown {
          return arg;
        }
      }
      const { pm } = createManager();
      pm.addHookspecs(Api);

      class Plugin {
        @hookimpl
        hello({ arg }: { arg: number }): number {
          return arg + 1;
        }

        @hookimpl({ specname: "hello" })
        hello_again({ arg }: { arg: number }): number {
          return arg + 100;
        }
      }
      const plugin = new Plugin();
      pm.register(plugin);

      // Both implementations should be registered.
      expect(hookOf(pm, "hello").getHookimpls()).toHaveLength(2);

      // Both implementations should run.
      const out = (await callHook(hookOf(pm, "hello"), { arg: 3 }, mode)) as number[];
      expect([...out].sort((a, b) => a - b)).toEqual([4, 103]);

      // After unregister, no implementations should remain.
      pm.unregister(plugin);
      expect(await callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).toEqual([]);
      expect(hookOf(pm, "hello").getHookimpls()).toEqual([]);
    });
  });

  it("rejects an old-style wrapper on a historic hook", () => {
    // pluggy: test_register_historic_incompat_hookwrapper
    class Hooks {
      @hookspec({ historic: true })
      he_method1({ arg }: { arg: unknown }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Hooks);

    const out: unknown[] = [];
    class Plugin {
      @hookimpl({ hookwrapper: true })
      *he_method1({ arg }: { arg: unknown }): Generator<void, void, unknown> {
        out.push(arg);
        yield;
      }
    }
    const error = errorOf(() => pm.register(new Plugin(), "Plugin"));
    expect(error).toBeInstanceOf(PluginValidationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_HISTORIC_WRAPPER" });
    expect(() => pm.register(new Plugin(), "Plugin")).toThrowErrorMatchingInlineSnapshot(`
      [PluginValidationError: Plugin 'Plugin' for hook 'he_method1'
      hookimpl definition: he_method1({ arg })
      A historic hook cannot have wrappers (wrapper: true or hookwrapper: true)]
    `);
    expect(out).toEqual([]);
  });

  it("rejects a new-style wrapper on a historic hook", () => {
    // pluggy: test_register_historic_incompat_wrapper
    class Hooks {
      @hookspec({ historic: true })
      he_method1({ arg }: { arg: unknown }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Hooks);

    class Plugin {
      @hookimpl({ wrapper: true })
      *he_method1({ arg }: { arg: unknown }): Generator<void, void, unknown> {
        void arg;
        yield;
      }
    }
    const error = errorOf(() => pm.register(new Plugin()));
    expect(error).toBeInstanceOf(PluginValidationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_HISTORIC_WRAPPER" });
  });

  it("lists a hook's implementations in registration (storage) order", () => {
    // pluggy: test_get_hookimpls
    class Hooks {
      @hookspec
      he_method1({ arg }: { arg: unknown }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Hooks);
    expect(hookOf(pm, "he_method1").getHookimpls()).toEqual([]);

    class Plugin1 {
      @hookimpl
      he_method1({ arg }: { arg: unknown }): void {
        void arg;
      }
    }
    class Plugin2 {
      @hookimpl
      he_method1({ arg }: { arg: unknown }): void {
        void arg;
      }
    }
    class PluginNo {}

    const plugin1 = new Plugin1();
    const plugin2 = new Plugin2();
    const plugin3 = new PluginNo();
    pm.register(plugin1);
    pm.register(plugin2);
    pm.register(plugin3);

    const hookPlugins = hookOf(pm, "he_method1")
      .getHookimpls()
      .map((item) => item.plugin);
    expect(hookPlugins).toHaveLength(2);
    expect(hookPlugins[0]).toBe(plugin1);
    expect(hookPlugins[1]).toBe(plugin2);
  });

  it("lists the hook callers a plugin implements, and undefined for an unregistered object", () => {
    // pluggy: test_get_hookcallers
    class Hooks {
      @hookspec
      he_method1(): void {}

      @hookspec
      he_method2(): void {}
    }
    const { pm } = createManager();
    pm.addHookspecs(Hooks);

    class Plugin1 {
      @hookimpl
      he_method1(): void {}

      @hookimpl
      he_method2(): void {}
    }
    class Plugin2 {
      @hookimpl
      he_method1(): void {}
    }
    class Plugin3 {
      @hookimpl
      he_method2(): void {}
    }

    const plugin1 = new Plugin1();
    pm.register(plugin1);
    const plugin2 = new Plugin2();
    pm.register(plugin2);
    const plugin3 = new Plugin3();
    pm.register(plugin3);

    const hookcallers1 = pm.getHookcallers(plugin1);
    expect(hookcallers1).toHaveLength(2);
    const hookcallers2 = pm.getHookcallers(plugin2);
    expect(hookcallers2).toHaveLength(1);
    const hookcallers3 = pm.getHookcallers(plugin3);
    expect(hookcallers3).toHaveLength(1);
    const joined = [...hookcallers2!, ...hookcallers3!];
    expect(hookcallers1![0]).toBe(joined[0]);
    expect(hookcallers1![1]).toBe(joined[1]);
    expect(hookcallers1![0]).toBe(pm.hook["he_method1"]);

    expect(pm.getHookcallers({})).toBeUndefined();
  });

  it("refuses a spec namespace without any hookspec", () => {
    // pluggy: test_add_hookspecs_nohooks
    class NoHooks {}
    const { pm } = createManager();
    const error = errorOf(() => pm.addHookspecs(NoHooks));
    expect(error).toBeInstanceOf(HookspecError);
    expect(error).toMatchObject({ code: "HOOKSMITH_NO_HOOKSPECS" });
    expect(() => pm.addHookspecs(NoHooks)).toThrowErrorMatchingInlineSnapshot(
      `[HookspecError: did not find any 'example' hooks in <class NoHooks>]`,
    );
  });

  it("loads entry point plugins of installed packages once, and lists where they came from", async () => {
    // pluggy: test_load_setuptools_instantiation
    // pluggy monkeypatches importlib.metadata.distributions(); hooksmith reads the package.json
    // `entryPoints` of installed packages, so a real node_modules tree stands in for the mock.
    // The last assertion of the pluggy test (list_plugin_distributions, unreleased pluggy 1.7, raw
    // importlib distributions) has no counterpart: hooksmith has no distribution objects.
    const root = await realpath(await mkdtemp(join(tmpdir(), "hooksmith-pluggy-")));
    temporaryRoots.push(root);
    const packageDir = join(root, "node_modules", "pseudo-plugin");
    await mkdir(packageDir, { recursive: true });
    await writeFile(
      join(packageDir, "package.json"),
      JSON.stringify({
        name: "pseudo-plugin",
        version: "1.2.3",
        type: "module",
        entryPoints: { hello: { myname: "./plugin.js" } },
      }),
    );
    await writeFile(join(packageDir, "plugin.js"), "export const x = 42;\n");

    const { pm } = createManager();
    const num = await pm.loadEntrypoints("hello", undefined, { cwd: root });
    expect(num).toBe(1);
    const plugin = pm.getPlugin("myname") as { x?: unknown } | undefined;
    expect(plugin).toBeDefined();
    expect(plugin!.x).toBe(42);
    const ret = pm.listPluginDistinfo();
    expect(ret).toHaveLength(1);
    expect(ret[0]).toHaveLength(2);
    expect(ret[0]![0]).toBe(plugin);
    expect(ret[0]![1]).toMatchObject({ name: "pseudo-plugin", version: "1.2.3", pluginName: "myname", source: "entrypoint" });
    const again = await pm.loadEntrypoints("hello", undefined, { cwd: root });
    expect(again).toBe(0); // no plugin loaded by this call
  });

  it("gives each plugin with several implementations of one hook its hook callers once", () => {
    // pluggy: test_get_hookcallers_no_duplicates
    class Api {
      @hookspec
      hello({ arg }: { arg: number }): unknown {
        return arg;
      }

      @hookspec
      goodbye({ arg }: { arg: number }): unknown {
        return arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Api);

    class Plugin {
      @hookimpl
      hello({ arg }: { arg: number }): number {
        return arg + 1;
      }

      @hookimpl({ specname: "hello" })
      hello_again({ arg }: { arg: number }): number {
        return arg + 100;
      }

      @hookimpl
      goodbye({ arg }: { arg: number }): number {
        return arg + 200;
      }
    }
    const plugin = new Plugin();
    pm.register(plugin);

    const hookcallers = pm.getHookcallers(plugin);
    // Should return 2 unique callers (hello + goodbye), not 3.
    expect(hookcallers).toHaveLength(2);
    expect(new Set(hookcallers!.map((hc) => hc.name))).toEqual(new Set(["hello", "goodbye"]));
  });
});

describe("PluginManager: where hooksmith deliberately differs from pluggy", () => {
  it("leaves no trace of a registration that fails validation (pluggy keeps it half-registered)", () => {
    class Hooks {
      @hookspec
      he_method1({ arg }: { arg: number }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Hooks);

    // Members are scanned in sorted order: `a_first` (a new hook without spec) is accepted before
    // `he_method1` fails.
    class Broken {
      @hookimpl
      a_first(): number {
        return 1;
      }

      @hookimpl
      he_method1({ wrong }: { wrong: number }): number {
        return wrong;
      }
    }
    const broken = new Broken();
    expect(() => pm.register(broken, "broken")).toThrow(PluginValidationError);

    expect(pm.isRegistered(broken)).toBe(false);
    expect(pm.hasPlugin("broken")).toBe(false);
    expect(pm.getName(broken)).toBeUndefined();
    expect(pm.listNamePlugin()).toEqual([]);
    expect(pm.getHookcallers(broken)).toBeUndefined();
    expect(pm.hook["a_first"]).toBeUndefined();
    expect(hookOf(pm, "he_method1").getHookimpls()).toEqual([]);

    // The name is free again.
    class Fixed {
      @hookimpl
      he_method1({ arg }: { arg: number }): number {
        return arg;
      }
    }
    expect(pm.register(new Fixed(), "broken")).toBe("broken");
    expect(hookOf(pm, "he_method1")({ arg: 5 })).toEqual([5]);
  });

  describe.each(callModes)("historic replays (%s)", (mode) => {
    it("leaves no trace of a registration whose historic replay throws, and keeps the history", async () => {
      class Hooks {
        @hookspec({ historic: true })
        he_method1({ arg }: { arg: number }): void {
          void arg;
        }
      }
      const { pm } = createManager();
      pm.addHookspecs(Hooks);
      const seen: number[] = [];
      await callHistoricIn(mode, hookOf(pm, "he_method1"), { kwargs: { arg: 1 } });
      await callHistoricIn(mode, hookOf(pm, "he_method1"), { kwargs: { arg: 2 } });

      const boom = new ValueError("boom");
      class Failing {
        @hookimpl
        a_first(): void {}

        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          if (arg === 2) throw boom;
          seen.push(arg);
        }
      }
      const failing = new Failing();
      await expect(registerIn(mode, pm, failing, "failing")).rejects.toBe(boom);
      expect(seen).toEqual([1]);
      expect(pm.isRegistered(failing)).toBe(false);
      expect(pm.hasPlugin("failing")).toBe(false);
      expect(pm.hook["a_first"]).toBeUndefined();
      expect(hookOf(pm, "he_method1").getHookimpls()).toEqual([]);

      class Good {
        @hookimpl
        he_method1({ arg }: { arg: number }): void {
          seen.push(arg * 10);
        }
      }
      expect(await registerIn(mode, pm, new Good(), "failing")).toBe("failing");
      expect(seen).toEqual([1, 10, 20]);
    });
  });

  it("throws when unregister is given a plugin and a name that disagree, and changes nothing (pluggy corrupts its state)", () => {
    class T {
      @hookimpl
      h(): string {
        return this.label;
      }

      readonly label: string;

      constructor(label: string) {
        this.label = label;
      }
    }
    const { pm } = createManager();
    const t1 = new T("t1");
    const t2 = new T("t2");
    pm.register(t1, "t1");
    pm.register(t2, "t2");

    const error = errorOf(() => pm.unregister(t1, "t2"));
    expect(error).toBeInstanceOf(PluginRegistrationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_UNREGISTER_MISMATCH", plugin: t1, pluginName: "t2" });
    expect(pm.getPlugin("t1")).toBe(t1);
    expect(pm.getPlugin("t2")).toBe(t2);
    expect(hookOf(pm, "h")({})).toEqual(["t2", "t1"]);

    expect(pm.unregister(t1, "t1")).toBe(t1);
    expect(hookOf(pm, "h")({})).toEqual(["t2"]);
  });

  it("validates the wrapper shape at register even when the hook has no spec yet", () => {
    const { pm } = createManager();
    const notGenerator = { h: hookimpl({ wrapper: true })(() => 1) };
    const notGeneratorError = errorOf(() => pm.register(notGenerator, "p"));
    expect(notGeneratorError).toBeInstanceOf(PluginValidationError);
    expect(notGeneratorError).toMatchObject({ code: "HOOKSMITH_WRAPPER_NOT_GENERATOR", plugin: notGenerator });

    const oldStyle = { h: hookimpl({ hookwrapper: true })(function h() {}) };
    expect(errorOf(() => pm.register(oldStyle, "p"))).toMatchObject({ code: "HOOKSMITH_WRAPPER_NOT_GENERATOR" });

    const bothFlags = {
      h: hookimpl({ wrapper: true, hookwrapper: true })(function* h() {
        yield;
      }),
    };
    expect(errorOf(() => pm.register(bothFlags, "p"))).toMatchObject({ code: "HOOKSMITH_CONFLICTING_WRAPPER_FLAGS" });

    expect(pm.hasPlugin("p")).toBe(false);
    expect(pm.hook["h"]).toBeUndefined();
  });

  it("removes plugins implementing the hook through specname from a subset caller (pluggy PR #695)", () => {
    class Hooks {
      @hookspec
      he_method1({ arg }: { arg: number }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Hooks);
    class ByName {
      @hookimpl
      he_method1({ arg }: { arg: number }): number {
        return arg;
      }
    }
    class BySpecname {
      @hookimpl({ specname: "he_method1" })
      foo({ arg }: { arg: number }): number {
        return arg * 10;
      }
    }
    class Unrelated {}
    const byName = new ByName();
    const bySpecname = new BySpecname();
    const unrelated = new Unrelated();
    pm.register(byName);
    pm.register(bySpecname);
    pm.register(unrelated);

    expect(pm.subsetHookCaller("he_method1", [bySpecname])({ arg: 1 })).toEqual([1]);
    expect(pm.subsetHookCaller("he_method1", [byName, bySpecname])({ arg: 1 })).toEqual([]);
    // As in pluggy, removing only plugins that do not implement the hook gives the original caller.
    expect(pm.subsetHookCaller("he_method1", [unrelated])).toBe(pm.hook["he_method1"]);
  });

  it("throws HookCallError from subsetHookCaller for an unknown hook name (pluggy: AttributeError)", () => {
    const { pm } = createManager();
    const error = errorOf(() => pm.subsetHookCaller("nope", []));
    expect(error).toBeInstanceOf(HookCallError);
    expect(error).toMatchObject({ code: "HOOKSMITH_UNKNOWN_HOOK_NAME" });
  });

  it("names a plugin by its own non-empty string name, otherwise '<ConstructorName>@<n>' (pluggy: __name__ or id())", () => {
    const { pm } = createManager();
    class Named {
      static seen = hookimpl(() => "static");
    }
    function namedFunction(): void {}
    class Anonymous {}

    expect(pm.getCanonicalName(Named)).toBe("Named");
    expect(pm.getCanonicalName(namedFunction)).toBe("namedFunction");
    expect(pm.getCanonicalName({ name: "by-property" })).toBe("by-property");

    const first = new Anonymous();
    const second = new Anonymous();
    expect(pm.getCanonicalName(first)).toMatch(/^Anonymous@\d+$/);
    expect(pm.getCanonicalName(first)).toBe(pm.getCanonicalName(first));
    expect(pm.getCanonicalName(second)).not.toBe(pm.getCanonicalName(first));
    expect(pm.getCanonicalName({ name: "" })).toMatch(/^plugin@\d+$/);
    expect(pm.getCanonicalName({})).toMatch(/^plugin@\d+$/);

    expect(pm.register(Named)).toBe("Named");
    expect(pm.register(first)).toBe(pm.getCanonicalName(first));
    // An empty name means the canonical name, as in pluggy.
    expect(pm.register(second, "")).toBe(pm.getCanonicalName(second));
  });

  it("skips accessor properties while scanning a plugin, so registering never runs a getter", () => {
    let getterRuns = 0;
    class Plugin {
      get he_method1(): () => number {
        getterRuns += 1;
        return hookimpl(() => 1);
      }

      get broken(): never {
        getterRuns += 1;
        throw new Error("can't touch me");
      }

      @hookimpl
      other(): number {
        return 2;
      }
    }
    const { pm } = createManager();
    pm.register(new Plugin(), "plugin");
    expect(getterRuns).toBe(0);
    expect(pm.hook["he_method1"]).toBeUndefined();
    expect(hookOf(pm, "other")({})).toEqual([2]);
  });

  it("adds nothing from a spec namespace when one of its specs conflicts (pluggy adds the specs before the conflict)", () => {
    class First {
      @hookspec
      h(): void {}
    }
    class Second {
      @hookspec({ firstresult: true })
      fr(): void {}

      @hookspec
      h(): void {}

      @hookspec({ historic: true })
      hist(): void {}
    }
    const { pm } = createManager();
    pm.addHookspecs(First);
    const error = errorOf(() => pm.addHookspecs(Second));
    expect(error).toBeInstanceOf(HookspecError);
    expect(error).toMatchObject({ code: "HOOKSMITH_SPEC_CONFLICT", hookName: "h" });
    expect(pm.hook["fr"]).toBeUndefined();
    expect(pm.hook["hist"]).toBeUndefined();
    expect(hookOf(pm, "h").spec?.namespace).toBe(First);
  });

  it("adds nothing from a spec namespace when an implementation registered earlier does not fit one of its specs", () => {
    const { pm } = createManager();
    pm.register({ h: hookimpl(({ wrong }: { wrong: number }) => wrong) }, "early");
    const specs = {
      a: hookspec(() => undefined),
      h: hookspec(({ arg }: { arg: number }) => arg),
    };
    expect(errorOf(() => pm.addHookspecs(specs))).toMatchObject({ code: "HOOKSMITH_ARGUMENT_NOT_IN_SPEC" });
    expect(pm.hook["a"]).toBeUndefined();
    expect(hookOf(pm, "h").hasSpec()).toBe(false);
  });
});

describe("PluginManager: the hook relay", () => {
  it("has no caller for a hook nobody specified or implemented (pluggy: AttributeError)", () => {
    const { pm } = createManager();
    expect(pm.hook["nope"]).toBeUndefined();
    expect("nope" in pm.hook).toBe(false);
  });

  it("keeps a caller in the relay after all its implementations are unregistered", () => {
    const { pm } = createManager();
    const plugin = { h: hookimpl(() => 1) };
    pm.register(plugin, "p");
    const caller = hookOf(pm, "h");
    pm.unregister(plugin);
    expect(pm.hook["h"]).toBe(caller);
    expect(caller).toBeInstanceOf(HookCaller);
    expect(caller({})).toEqual([]);
  });

  it("warns about missing spec arguments even when the hook has no implementation", () => {
    const { pm, warnings } = createManager();
    pm.addHookspecs({ h: hookspec(({ a }: { a: number }) => a) });
    expect(hookOf(pm, "h")({})).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(HookArgumentsWarning);
  });
});

describe("PluginManager: further pluggy behaviours (pluggy-semantics.md, no pluggy test of their own)", () => {
  it("lists blocked names with no plugin in listNamePlugin, and lets a blocked plugin register under another name", () => {
    const { pm } = createManager();
    const plugin = {};
    pm.register(plugin, "x");
    pm.setBlocked("x");
    expect(pm.listNamePlugin()).toEqual([["x", undefined]]);
    expect(pm.register(plugin, "y")).toBe("y");
    expect(pm.getName(plugin)).toBe("y");
    expect(pm.listNamePlugin()).toEqual([
      ["x", undefined],
      ["y", plugin],
    ]);
  });

  describe.each(callModes)("historic hooks (%s)", (mode) => {
    it("hands a replayed result to the callback only when the implementation returned one", async () => {
      const { pm } = createManager();
      pm.addHookspecs({ h: hookspec({ historic: true })(({ a }: { a: number }) => a) });
      const out: unknown[] = [];
      await callHistoricIn(mode, hookOf(pm, "h"), { kwargs: { a: 1 }, resultCallback: (result) => out.push(result) });
      await registerIn(mode, pm, { h: hookimpl(({ a }: { a: number }) => void a) }, "nothing");
      await registerIn(mode, pm, { h: hookimpl(({ a }: { a: number }) => a + 1) }, "something");
      expect(out).toEqual([2]);
    });

    it("refuses a direct call, callAsync or callExtra of a historic hook with pluggy's message", async () => {
      const { pm } = createManager();
      pm.addHookspecs({ h: hookspec({ historic: true })(({ a }: { a: number }) => a) });
      const error = await rejectionOf(callHook(hookOf(pm, "h"), { a: 1 }, mode));
      expect(error).toBeInstanceOf(HookCallError);
      expect(error).toMatchObject({ code: "HOOKSMITH_HISTORIC_DIRECT_CALL", hookName: "h" });
      expect((error as Error).message).toMatchInlineSnapshot(
        `"Cannot call historic hook 'h' directly: use callHistoric() (or callHistoricAsync()) instead"`,
      );
      const extra = await rejectionOf(callExtraIn(mode, hookOf(pm, "h"), [], { a: 1 }));
      expect(extra).toMatchObject({ code: "HOOKSMITH_HISTORIC_DIRECT_CALL" });
    });

    it("refuses callHistoric on a hook that is not historic", async () => {
      const { pm } = createManager();
      pm.addHookspecs({ h: hookspec(({ a }: { a: number }) => a) });
      const error = await rejectionOf(callHistoricIn(mode, hookOf(pm, "h"), { kwargs: { a: 1 } }));
      expect(error).toBeInstanceOf(HookCallError);
      expect(error).toMatchObject({ code: "HOOKSMITH_NOT_HISTORIC", hookName: "h" });
    });
  });
});
