// Counterparts of pluggy's testing/test_hookcaller.py, through hooksmith's public API.
// pluggy's `addmeth` fixture inserts bare HookImpl objects with the private `_add_hookimpl`; here
// each function is registered as its own one-hook plugin, which inserts it the same way.

import { describe, expect, it } from "vitest";
import {
  HookMarkerError,
  HookspecError,
  PluginManager,
  PluginRegistrationError,
  PluginValidationError,
  type HookCaller,
  type HookImpl,
  type HookimplOptions,
} from "../../src/index.ts";
import { callHook, callModes, createManager, errorOf, hookimpl, hookOf, hookspec, type CallMode } from "../support/harness.ts";

/** pluggy's `hc` and `addmeth` fixtures: the caller of spec `he_method1(arg)` and a way to add implementations to it. */
function createHookCaller(): {
  pm: PluginManager;
  hc: HookCaller;
  addmeth: (options?: HookimplOptions) => <Fn extends Function>(fn: Fn) => Fn;
} {
  const { pm } = createManager();
  class Hooks {
    @hookspec
    he_method1({ arg }: { arg: unknown }): void {
      void arg;
    }
  }
  pm.addHookspecs(Hooks);
  let count = 0;
  const addmeth =
    (options: HookimplOptions = {}) =>
    <Fn extends Function>(fn: Fn): Fn => {
      hookimpl(options)(fn);
      pm.register({ he_method1: fn }, `addmeth-${(count += 1)}`);
      return fn;
    };
  return { pm, hc: hookOf(pm, "he_method1"), addmeth };
}

/** pluggy's `funcs`: the implementation functions (by name) in storage order. */
function funcs(hookimpls: readonly HookImpl[]): string[] {
  return hookimpls.map((hookimpl) => hookimpl.function.name);
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

describe("HookCaller: storage order of implementations", () => {
  it("stores plain implementations in registration order (called in reverse)", () => {
    // pluggy: test_adding_nonwrappers
    const { hc, addmeth } = createHookCaller();
    addmeth()(function he_method1() {});
    addmeth()(function he_method2() {});
    addmeth()(function he_method3() {});
    expect(funcs(hc.getHookimpls())).toEqual(["he_method1", "he_method2", "he_method3"]);
  });

  it("stores a trylast implementation first, before those registered earlier", () => {
    // pluggy: test_adding_nonwrappers_trylast
    const { hc, addmeth } = createHookCaller();
    addmeth()(function he_method1_middle() {});
    addmeth({ trylast: true })(function he_method1() {});
    addmeth()(function he_method1_b() {});
    expect(funcs(hc.getHookimpls())).toEqual(["he_method1", "he_method1_middle", "he_method1_b"]);
  });

  it("stores trylast implementations newest first, so they are called oldest first", () => {
    // pluggy: test_adding_nonwrappers_trylast3
    const { hc, addmeth } = createHookCaller();
    addmeth()(function he_method1_a() {});
    addmeth({ trylast: true })(function he_method1_b() {});
    addmeth()(function he_method1_c() {});
    addmeth({ trylast: true })(function he_method1_d() {});
    expect(funcs(hc.getHookimpls())).toEqual(["he_method1_d", "he_method1_b", "he_method1_a", "he_method1_c"]);
  });

  it("stores a trylast implementation registered last before all the others", () => {
    // pluggy: test_adding_nonwrappers_trylast2
    const { hc, addmeth } = createHookCaller();
    addmeth()(function he_method1_middle() {});
    addmeth()(function he_method1_b() {});
    addmeth({ trylast: true })(function he_method1() {});
    expect(funcs(hc.getHookimpls())).toEqual(["he_method1", "he_method1_middle", "he_method1_b"]);
  });

  it("keeps a tryfirst implementation after plain ones registered later", () => {
    // pluggy: test_adding_nonwrappers_tryfirst
    const { hc, addmeth } = createHookCaller();
    addmeth({ tryfirst: true })(function he_method1() {});
    addmeth()(function he_method1_middle() {});
    addmeth()(function he_method1_b() {});
    expect(funcs(hc.getHookimpls())).toEqual(["he_method1_middle", "he_method1_b", "he_method1"]);
  });

  it("stores wrappers of both styles after every plain implementation, in registration order", () => {
    // pluggy: test_adding_wrappers_ordering
    const { hc, addmeth } = createHookCaller();
    addmeth({ hookwrapper: true })(function* he_method1() {
      yield;
    });
    addmeth({ wrapper: true })(function* he_method1_fun() {
      yield;
    });
    addmeth()(function he_method1_middle() {});
    addmeth({ hookwrapper: true })(function* he_method3_fun() {
      yield;
    });
    addmeth({ hookwrapper: true })(function* he_method3() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual([
      "he_method1_middle",
      "he_method1",
      "he_method1_fun",
      "he_method3_fun",
      "he_method3",
    ]);
  });

  it("orders tryfirst wrappers after plain wrappers, whatever their style", () => {
    // pluggy: test_adding_wrappers_ordering_tryfirst
    const { hc, addmeth } = createHookCaller();
    addmeth({ hookwrapper: true, tryfirst: true })(function* he_method1() {
      yield;
    });
    addmeth({ hookwrapper: true })(function* he_method2() {
      yield;
    });
    addmeth({ wrapper: true, tryfirst: true })(function* he_method3() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual(["he_method2", "he_method1", "he_method3"]);
  });

  it("keeps plain implementations and wrappers in their tryfirst/trylast places through a long mixed sequence", () => {
    // pluggy: test_adding_wrappers_complex
    // pluggy's m4 and m11 are hookwrappers that are not generators (its addmeth skips validation);
    // hooksmith validates the wrapper shape at register, so they are generators here.
    const { hc, addmeth } = createHookCaller();
    expect(funcs(hc.getHookimpls())).toEqual([]);

    addmeth({ hookwrapper: true, trylast: true })(function* m1() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual(["m1"]);

    addmeth()(function m2() {});
    expect(funcs(hc.getHookimpls())).toEqual(["m2", "m1"]);

    addmeth({ trylast: true })(function m3() {});
    expect(funcs(hc.getHookimpls())).toEqual(["m3", "m2", "m1"]);

    addmeth({ hookwrapper: true })(function* m4() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual(["m3", "m2", "m1", "m4"]);

    addmeth({ wrapper: true, tryfirst: true })(function* m5() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual(["m3", "m2", "m1", "m4", "m5"]);

    addmeth({ tryfirst: true })(function m6() {});
    expect(funcs(hc.getHookimpls())).toEqual(["m3", "m2", "m6", "m1", "m4", "m5"]);

    addmeth()(function m7() {});
    expect(funcs(hc.getHookimpls())).toEqual(["m3", "m2", "m7", "m6", "m1", "m4", "m5"]);

    addmeth({ wrapper: true })(function* m8() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual(["m3", "m2", "m7", "m6", "m1", "m4", "m8", "m5"]);

    addmeth({ trylast: true })(function m9() {});
    expect(funcs(hc.getHookimpls())).toEqual(["m9", "m3", "m2", "m7", "m6", "m1", "m4", "m8", "m5"]);

    addmeth({ tryfirst: true })(function m10() {});
    expect(funcs(hc.getHookimpls())).toEqual(["m9", "m3", "m2", "m7", "m6", "m10", "m1", "m4", "m8", "m5"]);

    addmeth({ hookwrapper: true, trylast: true })(function* m11() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual(["m9", "m3", "m2", "m7", "m6", "m10", "m11", "m1", "m4", "m8", "m5"]);

    addmeth({ wrapper: true })(function* m12() {
      yield;
    });
    expect(funcs(hc.getHookimpls())).toEqual(["m9", "m3", "m2", "m7", "m6", "m10", "m11", "m1", "m4", "m8", "m12", "m5"]);

    addmeth()(function m13() {});
    expect(funcs(hc.getHookimpls())).toEqual(["m9", "m3", "m2", "m7", "m13", "m6", "m10", "m11", "m1", "m4", "m8", "m12", "m5"]);
  });
});

describe("HookCaller: specs and markers", () => {
  it("keeps each spec's firstresult option", () => {
    // pluggy: test_hookspec
    class HookSpec {
      @hookspec({})
      he_myhook1({ arg1 }: { arg1: unknown }): void {
        void arg1;
      }

      @hookspec({ firstresult: true })
      he_myhook2({ arg1 }: { arg1: unknown }): void {
        void arg1;
      }

      @hookspec({ firstresult: false })
      he_myhook3({ arg1 }: { arg1: unknown }): void {
        void arg1;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(HookSpec);
    expect(hookOf(pm, "he_myhook1").spec).toBeDefined();
    expect(hookOf(pm, "he_myhook1").spec!.opts.firstresult).toBe(false);
    expect(hookOf(pm, "he_myhook2").spec).toBeDefined();
    expect(hookOf(pm, "he_myhook2").spec!.opts.firstresult).toBe(true);
    expect(hookOf(pm, "he_myhook3").spec).toBeDefined();
    expect(hookOf(pm, "he_myhook3").spec!.opts.firstresult).toBe(false);
  });

  const implOptionNames = ["hookwrapper", "optionalhook", "tryfirst", "trylast"] as const;
  describe.each(implOptionNames)("hookimpl option %s", (name) => {
    it.each([true, false])("is recorded on the marked function as given (%s)", (val) => {
      // pluggy: test_hookimpl
      // pluggy reads the mark from `fn.example_impl`; the public way to read it is parseHookimplOpts.
      const he_myhook1 = hookimpl({ [name]: val })(function* he_myhook1({ arg1 }: { arg1: unknown }) {
        void arg1;
        yield;
      });
      const { pm } = createManager();
      const opts = pm.parseHookimplOpts({ he_myhook1 }, "he_myhook1");
      expect(opts).toBeDefined();
      expect(opts![name]).toBe(val);
      // The mark does not put option-named properties on the function itself.
      expect(Object.prototype.hasOwnProperty.call(he_myhook1, name)).toBe(false);
    });
  });

  it("validates marker options when marking: unknown keys, wrong types, tryfirst with trylast (pluggy accepts them)", () => {
    // hooksmith difference: pluggy's markers do no validation.
    const unknownKey = errorOf(() => hookimpl({ tryFirst: true } as unknown as HookimplOptions));
    expect(unknownKey).toBeInstanceOf(HookMarkerError);
    expect(unknownKey).toMatchObject({ code: "HOOKSMITH_INVALID_MARKER_OPTION", option: "tryFirst" });

    const wrongType = errorOf(() => hookimpl({ tryfirst: "yes" } as unknown as HookimplOptions));
    expect(wrongType).toBeInstanceOf(HookMarkerError);
    expect(wrongType).toMatchObject({ code: "HOOKSMITH_INVALID_MARKER_OPTION", option: "tryfirst" });

    const both = errorOf(() => hookimpl({ tryfirst: true, trylast: true }));
    expect(both).toBeInstanceOf(HookMarkerError);
    expect(both).toMatchObject({ code: "HOOKSMITH_CONFLICTING_MARKER_OPTIONS" });

    const unknownSpecKey = errorOf(() => hookspec({ first_result: true } as never));
    expect(unknownSpecKey).toBeInstanceOf(HookMarkerError);
    expect(unknownSpecKey).toMatchObject({ code: "HOOKSMITH_INVALID_MARKER_OPTION", option: "first_result" });
  });

  it("refuses a second spec for a hook name, naming the namespace that has it", () => {
    // pluggy: test_hook_conflict
    class Api1 {
      @hookspec
      conflict(): void {}
    }
    class Api2 {
      @hookspec
      conflict(): void {}
    }
    const { pm } = createManager();
    pm.addHookspecs(Api1);
    const error = errorOf(() => pm.addHookspecs(Api2));
    expect(error).toBeInstanceOf(HookspecError);
    expect(error).toMatchObject({ code: "HOOKSMITH_SPEC_CONFLICT", hookName: "conflict", namespace: Api2 });
    expect(() => pm.addHookspecs(Api2)).toThrowErrorMatchingInlineSnapshot(
      `[HookspecError: Hook 'conflict' is already registered within namespace <class Api1>]`,
    );
  });
});

describe.each(callModes)("HookCaller: the hook relay (%s)", (mode) => {
  it("creates a caller per spec name on pm.hook, calls it, and keeps it after its plugins are unregistered", async () => {
    // pluggy: test_hookrelay_registry
    class Api {
      @hookspec
      hello({ arg }: { arg: number }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Api);
    const hook = pm.hook;
    expect("hello" in hook).toBe(true);
    expect(String(hook["hello"])).toContain("hello");

    class Plugin {
      @hookimpl
      hello({ arg }: { arg: number }): number {
        return arg + 1;
      }
    }
    const plugin = new Plugin();
    pm.register(plugin);
    const out = await callHook(hookOf(pm, "hello"), { arg: 3 }, mode);
    expect(out).toEqual([4]);
    expect("world" in hook).toBe(false);
    pm.unregister(plugin);
    expect(await callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).toEqual([]);
  });

  it("registers an implementation under its specname instead of its member name", async () => {
    // pluggy: test_hookrelay_registration_by_specname
    class Api {
      @hookspec
      hello({ arg }: { arg: number }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Api);
    expect("hello" in pm.hook).toBe(true);
    expect(hookOf(pm, "hello").getHookimpls()).toHaveLength(0);

    class Plugin {
      @hookimpl({ specname: "hello" })
      foo({ arg }: { arg: number }): number {
        return arg + 1;
      }
    }
    pm.register(new Plugin());
    expect(await callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).toEqual([4]);
    expect(pm.hook["foo"]).toBeUndefined();
  });

  it("calls extra functions after tryfirst implementations and before the others, the last extra first", async () => {
    // pluggy: test_call_extra_hook_order
    const { hc, addmeth } = createHookCaller();
    const order: string[] = [];

    addmeth({ tryfirst: true })(function method1() {
      order.push("1");
      return "1";
    });
    addmeth()(function method2() {
      order.push("2");
      return "2";
    });
    addmeth({ trylast: true })(function method3() {
      order.push("3");
      return "3";
    });
    addmeth({ wrapper: true, tryfirst: true })(function* method4(): Generator<void, unknown, unknown> {
      order.push("4pre");
      const result = yield;
      order.push("4post");
      return result;
    });
    addmeth({ wrapper: true })(function* method5(): Generator<void, unknown, unknown> {
      order.push("5pre");
      const result = yield;
      order.push("5post");
      return result;
    });
    addmeth({ wrapper: true, trylast: true })(function* method6(): Generator<void, unknown, unknown> {
      order.push("6pre");
      const result = yield;
      order.push("6post");
      return result;
    });

    function extra1(): string {
      order.push("extra1");
      return "extra1";
    }
    function extra2(): string {
      order.push("extra2");
      return "extra2";
    }

    const result = await callExtraIn(mode, hc, [extra1, extra2], { arg: "test" });
    expect(order).toEqual(["4pre", "5pre", "6pre", "1", "extra2", "extra1", "2", "3", "6post", "5post", "4post"]);
    expect(result).toEqual(["1", "extra2", "extra1", "2", "3"]);
  });
});

describe("HookCaller: registration checks", () => {
  it("validates an implementation registered under a specname like any other, and reports an unknown specname in checkPending", () => {
    // pluggy: test_hookrelay_registration_by_specname_raises
    class Api {
      @hookspec
      hello({ arg }: { arg: number }): void {
        void arg;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Api);

    // make sure a bad signature still raises an error when using specname
    class Plugin {
      @hookimpl({ specname: "hello" })
      foo({ arg, too, many, args }: { arg: number; too: number; many: number; args: number }): number {
        return arg + too + many + args;
      }
    }
    const error = errorOf(() => pm.register(new Plugin(), "plugin"));
    expect(error).toBeInstanceOf(PluginValidationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_ARGUMENT_NOT_IN_SPEC", hookName: "hello" });
    expect(error.message).toMatchInlineSnapshot(`
      "Plugin 'plugin' for hook 'hello'
      hookimpl definition: foo({ arg, too, many, args })
      Argument(s) ["too", "many", "args"] are declared in the hookimpl but can not be found in the hookspec"
    `);

    // make sure checkPending still fails if specname doesn't have a corresponding spec, EVEN if
    // the function name matches one.
    class Plugin2 {
      @hookimpl({ specname: "bar" })
      hello({ arg }: { arg: number }): number {
        return arg + 1;
      }
    }
    pm.register(new Plugin2());
    const pending = errorOf(() => pm.checkPending());
    expect(pending).toBeInstanceOf(PluginValidationError);
    expect(pending).toMatchObject({ code: "HOOKSMITH_UNKNOWN_HOOK", hookName: "bar" });
  });

  it("refuses to remove a plugin that never registered, leaving the hook's implementations untouched", () => {
    // pluggy: test_remove_plugin_not_found_raises
    // pluggy calls the private HookCaller._remove_plugin (ValueError "plugin <repr> not found"); the
    // public way to remove a plugin is pm.unregister, which throws PluginRegistrationError.
    const { pm, hc } = createHookCaller();
    class Plugin {
      @hookimpl
      he_method1({ arg }: { arg: unknown }): void {
        void arg;
      }
    }
    const plugin = new Plugin();
    pm.register(plugin);
    expect(hc.getHookimpls()).toHaveLength(1);

    const other = new Plugin();
    const error = errorOf(() => pm.unregister(other));
    expect(error).toBeInstanceOf(PluginRegistrationError);
    expect(error).toMatchObject({ code: "HOOKSMITH_PLUGIN_NOT_REGISTERED", plugin: other });
    expect(() => pm.unregister(other)).toThrowErrorMatchingInlineSnapshot(
      `[PluginRegistrationError: plugin is not registered: <Plugin object>]`,
    );

    // the failed removal must not have touched the existing registration
    expect(hc.getHookimpls()).toHaveLength(1);
    pm.unregister(plugin);
    expect(hc.getHookimpls()).toHaveLength(0);
  });
});
