// Counterparts of pluggy's testing/test_details.py, through hooksmith's public API.

import { describe, expect, it } from "vitest";
import {
  HookArgumentsWarning,
  HookCallError,
  HookspecError,
  PluginManager,
  type CallHistoricOptions,
  type HookCaller,
  type HookimplOptions,
  type HookimplOpts,
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

// pluggy: test_dist_facade_list_attributes — not applicable: hooksmith has no DistFacade proxy; listPluginDistinfo returns plain info objects (covered by test_load_setuptools_instantiation in plugin-manager.test.ts).
// pluggy: test_dist_facade_project_name_and_delegation — not applicable: there is no importlib.metadata Distribution to delegate to; PluginDistInfo is a plain object with name and version.
// pluggy: test_dist_facade_identity_equality_and_hash — not applicable: Python __eq__/__hash__ semantics of DistFacade; plain JS objects always compare by identity.
// pluggy: test_dunder_version — not applicable: hooksmith exports no runtime version constant; its version is package.json's (the "hooksmith/package.json" export).
// pluggy: test_dunder_getattr_missing_raises — not applicable: a module's __getattr__ has no ES module counterpart (a missing named import fails at link time, a missing namespace property is undefined).

/** Python's DeprecationWarning: hooksmith warnings are Error objects of any class. */
class DeprecationWarning extends Error {
  override name = "DeprecationWarning";
}

class RuntimeError extends Error {
  override name = "RuntimeError";
}

describe("PluginManager details", () => {
  it("lets a subclass override parseHookimplOpts, with {} meaning default options", () => {
    // pluggy: test_parse_hookimpl_override
    class MyPluginManager extends PluginManager {
      override parseHookimplOpts(plugin: object, name: string): HookimplOptions | HookimplOpts | undefined {
        const opts = super.parseHookimplOpts(plugin, name);
        if (opts === undefined && name.startsWith("x1")) return {};
        return opts;
      }
    }

    class Plugin {
      x1meth(): void {}

      @hookimpl({ hookwrapper: true, tryfirst: true })
      *x1meth2(): Generator<void, void, unknown> {
        yield;
      }

      @hookimpl({ wrapper: true, trylast: true })
      *x1meth3(): Generator<void, unknown, unknown> {
        return yield;
      }
    }

    class Spec {
      @hookspec
      x1meth(): void {}

      @hookspec
      x1meth2(): void {}

      @hookspec
      x1meth3(): void {}
    }

    const pm = new MyPluginManager(hookspec.projectName, { warn: () => {} });
    pm.register(new Plugin());
    pm.addHookspecs(Spec);

    let hookimpls = hookOf(pm, "x1meth").getHookimpls();
    expect(hookimpls).toHaveLength(1);
    expect(hookimpls[0]!.hookwrapper).toBe(false);
    expect(hookimpls[0]!.wrapper).toBe(false);
    expect(hookimpls[0]!.tryfirst).toBe(false);
    expect(hookimpls[0]!.trylast).toBe(false);
    expect(hookimpls[0]!.optionalhook).toBe(false);

    hookimpls = hookOf(pm, "x1meth2").getHookimpls();
    expect(hookimpls).toHaveLength(1);
    expect(hookimpls[0]!.hookwrapper).toBe(true);
    expect(hookimpls[0]!.wrapper).toBe(false);
    expect(hookimpls[0]!.tryfirst).toBe(true);

    hookimpls = hookOf(pm, "x1meth3").getHookimpls();
    expect(hookimpls).toHaveLength(1);
    expect(hookimpls[0]!.hookwrapper).toBe(false);
    expect(hookimpls[0]!.wrapper).toBe(true);
    expect(hookimpls[0]!.tryfirst).toBe(false);
    expect(hookimpls[0]!.trylast).toBe(true);
  });

  it("emits a spec's warnOnImpl warning, the same object, when an implementation registers", () => {
    // pluggy: test_warn_when_deprecated_specified
    // pluggy also checks the warning's file and line (the implementation's); hooksmith's warnings
    // are Error objects handed to the manager's `warn` sink, with no source location to attribute.
    const warning = new DeprecationWarning("foo is deprecated");

    class Spec {
      @hookspec({ warnOnImpl: warning })
      foo(): void {}
    }
    class Plugin {
      @hookimpl
      foo(): void {}
    }

    const { pm, warnings } = createManager();
    pm.addHookspecs(Spec);
    expect(warnings).toEqual([]);

    pm.register(new Plugin());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(warning);
  });

  it("emits a spec's warnOnImpl warning for implementations registered before the spec, when the spec is added", () => {
    // pluggy: test_warn_when_deprecated_specified (the add_hookspecs path of pluggy's _verify_hook)
    const warning = new DeprecationWarning("foo is deprecated");
    const { pm, warnings } = createManager();
    pm.register({ foo: hookimpl(() => undefined) }, "early");
    expect(warnings).toEqual([]);
    pm.addHookspecs({ foo: hookspec({ warnOnImpl: warning })(() => undefined) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(warning);
  });

  it("emits a spec's warnOnImplArgs warnings for the arguments an implementation uses, in the implementation's order", () => {
    // pluggy: test_warn_when_deprecated_args_specified
    // As above, pluggy's file and line checks have no counterpart.
    const warning1 = new DeprecationWarning("old1 is deprecated");
    const warning2 = new DeprecationWarning("old2 is deprecated");

    class Spec {
      @hookspec({ warnOnImplArgs: { old1: warning1, old2: warning2 } })
      foo({ old1, new: fresh, old2 }: { old1: unknown; new: unknown; old2: unknown }): void {
        void [old1, fresh, old2];
        throw new Error("not implemented");
      }
    }
    class Plugin {
      @hookimpl
      foo({ old2, old1, new: fresh }: { old1: unknown; new: unknown; old2: unknown }): void {
        void [old1, fresh, old2];
        throw new Error("not implemented");
      }
    }

    const { pm, warnings } = createManager();
    pm.addHookspecs(Spec);

    pm.register(new Plugin());
    expect(warnings).toHaveLength(2);
    const [record1, record2] = warnings;
    expect(record1).toBe(warning2);
    expect(record2).toBe(warning1);
  });

  it("registers a plugin whose members throw on any property read", () => {
    // pluggy: test_plugin_getattr_raises_errors
    // Python's raising __getattr__ becomes a Proxy whose `get` throws.
    const dontTouchMe = new Proxy(
      {},
      {
        get(): never {
          throw new Error("can't touch me");
        },
      },
    );
    const module = { x: dontTouchMe };
    expect(() => (module.x as Record<string, unknown>)["broken"]).toThrow(/touch me/);

    const pm = new PluginManager(hookspec.projectName);
    // register() would raise an error
    pm.register(module, "donttouch");
    expect(pm.getPlugin("donttouch")).toBe(module);
  });

  describe.each(callModes)("calling hooks (%s)", (mode: CallMode) => {
    /** `callExtra` in this mode. */
    const callExtraIn = async (caller: HookCaller, methods: Function[], args: Record<string, unknown>): Promise<unknown> =>
      mode === "sync" ? caller.callExtra(methods, args) : caller.callExtraAsync(methods, args);
    /** `callHistoric` in this mode. */
    const callHistoricIn = async (caller: HookCaller, options: CallHistoricOptions): Promise<void> => {
      if (mode === "sync") caller.callHistoric(options);
      else await caller.callHistoricAsync(options);
    };

    it("warns when a call lacks arguments its spec declares, naming them in spec order", async () => {
      // pluggy: test_not_all_arguments_are_provided_issues_a_warning
      class Spec {
        @hookspec
        hello({ arg1, arg2 }: { arg1: unknown; arg2: unknown }): void {
          void [arg1, arg2];
        }

        @hookspec({ historic: true })
        herstory({ arg1, arg2 }: { arg1: unknown; arg2: unknown }): void {
          void [arg1, arg2];
        }
      }
      const { pm, warnings } = createManager();
      pm.addHookspecs(Spec);

      /** Runs `call` and returns the one warning it emitted. */
      const warningOf = async (call: () => Promise<unknown>): Promise<HookArgumentsWarning> => {
        const before = warnings.length;
        await call();
        expect(warnings).toHaveLength(before + 1);
        const warning = warnings[before];
        expect(warning).toBeInstanceOf(HookArgumentsWarning);
        return warning as HookArgumentsWarning;
      };

      const none = await warningOf(() => callHook(hookOf(pm, "hello"), undefined, mode));
      expect(none.message).toBe('Hook \'hello\' was called without argument(s) ["arg1", "arg2"], which its hookspec declares');
      expect(none).toMatchObject({ hookName: "hello", missing: ["arg1", "arg2"] });

      const onlyArg1 = await warningOf(() => callHook(hookOf(pm, "hello"), { arg1: 1 }, mode));
      expect(onlyArg1.message).toMatch(/without argument\(s\) \["arg2"\]/);
      expect(onlyArg1.missing).toEqual(["arg2"]);

      const onlyArg2 = await warningOf(() => callHook(hookOf(pm, "hello"), { arg2: 2 }, mode));
      expect(onlyArg2.message).toMatch(/without argument\(s\) \["arg1"\]/);
      expect(onlyArg2.missing).toEqual(["arg1"]);

      const extra = await warningOf(() => callExtraIn(hookOf(pm, "hello"), [], {}));
      expect(extra.message).toMatch(/without argument\(s\) \["arg1", "arg2"\]/);

      const historic = await warningOf(() => callHistoricIn(hookOf(pm, "herstory"), { kwargs: {} }));
      expect(historic.message).toMatch(/without argument\(s\) \["arg1", "arg2"\]/);
      expect(historic.hookName).toBe("herstory");

      // A complete call warns nothing.
      const before = warnings.length;
      await callHook(hookOf(pm, "hello"), { arg1: 1, arg2: 2 }, mode);
      expect(warnings).toHaveLength(before);
    });

    it("calls a hook without a spec, and throws HookCallError when an implementation's argument is missing", async () => {
      // pluggy: test_hook_nonspec_call
      class Plugin {
        @hookimpl
        a_hook({ passed, missing }: { passed: string; missing: unknown }): void {
          void [passed, missing];
        }
      }
      const { pm } = createManager();
      pm.register(new Plugin());
      const error = await rejectionOf(callHook(hookOf(pm, "a_hook"), { passed: "a" }, mode));
      expect(error).toBeInstanceOf(HookCallError);
      expect(error).toMatchObject({ code: "HOOKSMITH_MISSING_HOOK_ARGUMENT", hookName: "a_hook", argument: "missing" });
      expect((error as Error).message).toMatch(/hook call must provide argument 'missing'/);
      expect(await callHook(hookOf(pm, "a_hook"), { passed: "a", missing: "ok" }, mode)).toEqual([]);
    });

    it("lets an implementation's error pass unchanged through a new-style wrapper that does not catch it", async () => {
      // pluggy: test_wrapper_runtimeerror_passtrough
      const personal = new RuntimeError("this is personal");
      class Fail {
        @hookimpl
        fail_late(): void {
          throw personal;
        }
      }
      class Plugin {
        @hookimpl({ wrapper: true })
        *fail_late(): Generator<void, void, unknown> {
          yield;
        }
      }
      const { pm } = createManager();
      pm.register(new Plugin());
      pm.register(new Fail());
      const error = await rejectionOf(callHook(hookOf(pm, "fail_late"), undefined, mode));
      expect(error).toBe(personal);
      expect((error as Error).message).toMatch(/this is personal/);
    });
  });

  it("renders a HookImpl with its plugin name and plugin", () => {
    // pluggy: test_repr
    class Plugin {
      @hookimpl
      myhook(): void {
        throw new Error("not implemented");
      }
    }
    const pm = new PluginManager(hookspec.projectName);
    const plugin = new Plugin();
    const pname = pm.register(plugin);
    expect(String(hookOf(pm, "myhook").getHookimpls()[0])).toBe(`<HookImpl plugin_name='${pname}', plugin=<Plugin object>>`);
  });

  it("refuses a historic firstresult spec when the marker is applied, not when it is built", () => {
    // pluggy: test_hookimpl_disallow_invalid_combination
    const decorator = hookspec({ historic: true, firstresult: true });
    const error = errorOf(() => decorator(function any() {}));
    expect(error).toBeInstanceOf(HookspecError);
    expect(error).toMatchObject({ code: "HOOKSMITH_HISTORIC_FIRSTRESULT" });
    expect(error.message).toMatch(/cannot have a historic firstresult hook/);
    expect(() => decorator(function any() {})).toThrowErrorMatchingInlineSnapshot(
      `[HookspecError: cannot have a historic firstresult hook]`,
    );
  });
});
