// Port of pluggy's testing/test_invocations.py: calling hooks through a PluginManager with specs,
// class plugins and both wrapper styles. Every test that calls a hook runs under the synchronous
// call and again under `callAsync`.

import { describe, expect, it } from "vitest";
import { HookCallError, PluginValidationError, WrapperError, type Result } from "../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";

// Makes a generator whose only `yield` never runs (pluggy's `if False: yield`).
const never = false as boolean;

class Api {
  @hookspec
  hello({ arg }: { arg: number }): unknown {
    return arg;
  }
}

class FirstResultApi {
  @hookspec({ firstresult: true })
  hello({ arg }: { arg: number }): unknown {
    return arg;
  }
}

describe("PluginManager.register", () => {
  // pluggy: test_argmismatch
  it("rejects an implementation that destructures an argument its spec lacks, naming it", () => {
    const { pm } = createManager();
    pm.addHookspecs(Api);
    class Plugin {
      @hookimpl
      hello({ argwrong }: { argwrong: number }) {
        return argwrong;
      }
    }
    expect(() => pm.register(new Plugin())).toThrow(PluginValidationError);
    expect(() => pm.register(new Plugin())).toThrow(/argwrong/);
  });
});

describe.each(callModes)("calling hooks (%s call)", (mode) => {
  // pluggy: test_only_kwargs
  it("refuses arguments that are not one arguments object", async () => {
    // pluggy's TypeError is about positional arguments; its counterpart is a call with a value that
    // is not an object, refused at compile time and with HookCallError at run time.
    const { pm } = createManager<Api>();
    pm.addHookspecs(Api);
    const call =
      mode === "sync"
        ? (async () =>
            // @ts-expect-error: a hook takes one arguments object
            pm.hook.hello(3))()
        : // @ts-expect-error: a hook takes one arguments object
          pm.hook.hello.callAsync(3);
    await expect(call).rejects.toThrow(HookCallError);
    await expect(call).rejects.toMatchObject({ code: "HOOKSMITH_INVALID_HOOK_ARGUMENTS" });
    await expect(call).rejects.toThrow(/one arguments object/);
  });

  // pluggy: test_opt_in_args
  it("lets implementations destructure different subsets of the spec's arguments", async () => {
    class OptInApi {
      @hookspec
      hello({ arg1, arg2, common_arg }: { arg1: number; arg2: number; common_arg: number }): number {
        return arg1 + arg2 + common_arg;
      }
    }
    class Plugin1 {
      @hookimpl
      hello({ arg1, common_arg }: { arg1: number; common_arg: number }) {
        return arg1 + common_arg;
      }
    }
    class Plugin2 {
      @hookimpl
      hello({ arg2, common_arg }: { arg2: number; common_arg: number }) {
        return arg2 + common_arg;
      }
    }
    const { pm } = createManager<OptInApi>();
    pm.addHookspecs(OptInApi);
    pm.register(new Plugin1());
    pm.register(new Plugin2());
    await expect(callHook(pm.hook.hello, { arg1: 1, arg2: 2, common_arg: 0 }, mode)).resolves.toEqual([2, 1]);
  });

  // pluggy: test_call_order
  it("calls the latest registered first and shows both wrapper styles the same result list", async () => {
    const seen: unknown[] = [];
    class Plugin1 {
      @hookimpl
      hello(_: { arg: number }) {
        return 1;
      }
    }
    class Plugin2 {
      @hookimpl
      hello(_: { arg: number }) {
        return 2;
      }
    }
    class Plugin3 {
      @hookimpl
      hello(_: { arg: number }) {
        return 3;
      }
    }
    class Plugin4 {
      @hookimpl({ hookwrapper: true })
      *hello({ arg }: { arg: number }): Generator<unknown, void, Result<unknown>> {
        seen.push(["Plugin4 arg", arg]);
        const outcome = yield;
        seen.push(["Plugin4 result", outcome.getResult(), outcome.exception, outcome.failed]);
      }
    }
    class Plugin5 {
      @hookimpl({ wrapper: true })
      *hello({ arg }: { arg: number }): Generator<unknown, unknown, unknown> {
        seen.push(["Plugin5 arg", arg]);
        const result = yield;
        seen.push(["Plugin5 result", result]);
        return result;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Api);
    pm.register(new Plugin1());
    pm.register(new Plugin2());
    pm.register(new Plugin3());
    pm.register(new Plugin4()); // the hookwrapper gets the same list result
    pm.register(new Plugin5()); // so does the new-style wrapper
    await expect(callHook(hookOf(pm, "hello"), { arg: 0 }, mode)).resolves.toEqual([3, 2, 1]);
    expect(seen).toEqual([
      ["Plugin5 arg", 0],
      ["Plugin4 arg", 0],
      ["Plugin4 result", [3, 2, 1], undefined, false],
      ["Plugin5 result", [3, 2, 1]],
    ]);
  });

  // pluggy: test_firstresult_definition
  it("returns the first non-undefined result of a firstresult hook, not a list, to wrappers and caller", async () => {
    const seen: unknown[] = [];
    class Plugin1 {
      @hookimpl
      hello({ arg }: { arg: number }) {
        seen.push("Plugin1 called");
        return arg + 1;
      }
    }
    class Plugin2 {
      @hookimpl
      hello({ arg }: { arg: number }) {
        return arg - 1;
      }
    }
    class Plugin3 {
      @hookimpl
      hello(_: { arg: number }) {
        return undefined;
      }
    }
    class Plugin4 {
      @hookimpl({ wrapper: true })
      *hello({ arg }: { arg: number }): Generator<unknown, unknown, unknown> {
        seen.push(["Plugin4 arg", arg]);
        const outcome = yield;
        seen.push(["Plugin4 result", outcome]);
        return outcome;
      }
    }
    class Plugin5 {
      @hookimpl({ hookwrapper: true })
      *hello({ arg }: { arg: number }): Generator<unknown, void, Result<unknown>> {
        seen.push(["Plugin5 arg", arg]);
        const outcome = yield;
        seen.push(["Plugin5 result", outcome.getResult()]);
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(FirstResultApi);
    pm.register(new Plugin1()); // discarded: not the last registered plugin
    pm.register(new Plugin2()); // used as result
    pm.register(new Plugin3()); // undefined is ignored
    pm.register(new Plugin4()); // the wrapper gets the same non-list result
    pm.register(new Plugin5()); // so does the hookwrapper
    await expect(callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).resolves.toBe(2);
    expect(seen).toEqual([
      ["Plugin5 arg", 3],
      ["Plugin4 arg", 3],
      ["Plugin4 result", 2],
      ["Plugin5 result", 2],
    ]);
  });

  // pluggy: test_firstresult_force_result_hookwrapper
  it("lets an old-style hookwrapper force a firstresult hook's result, which stays a single value", async () => {
    const seen: unknown[] = [];
    class Plugin1 {
      @hookimpl
      hello({ arg }: { arg: number }) {
        return arg + 1;
      }
    }
    class Plugin2 {
      @hookimpl({ hookwrapper: true })
      *hello({ arg }: { arg: number }): Generator<unknown, void, Result<unknown>> {
        seen.push(arg);
        const outcome = yield;
        seen.push(outcome.getResult());
        outcome.forceResult(0);
      }
    }
    class Plugin3 {
      @hookimpl
      hello(_: { arg: number }) {
        return undefined;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(FirstResultApi);
    pm.register(new Plugin1());
    pm.register(new Plugin2()); // wrapper
    pm.register(new Plugin3()); // ignored since it returns undefined
    await expect(callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).resolves.toBe(0);
    expect(seen).toEqual([3, 4]);
  });

  // pluggy: test_firstresult_force_result
  it("lets a new-style wrapper replace a firstresult hook's result by returning another value", async () => {
    const seen: unknown[] = [];
    class Plugin1 {
      @hookimpl
      hello({ arg }: { arg: number }) {
        return arg + 1;
      }
    }
    class Plugin2 {
      @hookimpl({ wrapper: true })
      *hello({ arg }: { arg: number }): Generator<unknown, unknown, unknown> {
        seen.push(arg);
        seen.push(yield);
        return 0;
      }
    }
    class Plugin3 {
      @hookimpl
      hello(_: { arg: number }) {
        return undefined;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(FirstResultApi);
    pm.register(new Plugin1());
    pm.register(new Plugin2()); // wrapper
    pm.register(new Plugin3()); // ignored since it returns undefined
    await expect(callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).resolves.toBe(0);
    expect(seen).toEqual([3, 4]);
  });

  // pluggy: test_firstresult_returns_none
  it("returns undefined from a firstresult hook whose implementations all return undefined", async () => {
    class Plugin1 {
      @hookimpl
      hello(_: { arg: number }) {
        return undefined;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(FirstResultApi);
    pm.register(new Plugin1());
    await expect(callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).resolves.toBeUndefined();
  });

  // pluggy: test_firstresult_no_plugin
  it("returns undefined from a firstresult hook without implementations", async () => {
    const { pm } = createManager();
    pm.addHookspecs(FirstResultApi);
    await expect(callHook(hookOf(pm, "hello"), { arg: 3 }, mode)).resolves.toBeUndefined();
  });

  // pluggy: test_no_hookspec
  it("calls a hook that has implementations but no spec, ignoring extra arguments", async () => {
    class Plugin {
      @hookimpl
      hello(_: { arg: number }) {
        return "Plugin.hello";
      }
    }
    const { pm } = createManager();
    pm.register(new Plugin());
    await expect(callHook(hookOf(pm, "hello"), { arg: 10, extra: 20 }, mode)).resolves.toEqual(["Plugin.hello"]);
  });

  // pluggy: test_non_wrapper_generator
  it("collects the generator a non-wrapper generator implementation returns, with or without a wrapper", async () => {
    class GeneratorApi {
      @hookspec
      hello(): Iterable<number> {
        return [];
      }
    }
    class Plugin1 {
      @hookimpl
      *hello() {
        yield 1;
      }
    }
    class Plugin2 {
      @hookimpl
      *hello() {
        yield 2;
        yield 3;
      }
    }
    class Plugin3 {
      @hookimpl({ wrapper: true })
      *hello(): Generator<unknown, unknown, unknown> {
        return yield;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(GeneratorApi);
    pm.register(new Plugin1());
    pm.register(new Plugin2());
    const flatten = (results: unknown): number[] => (results as Array<Iterable<number>>).flatMap((result) => [...result]);
    expect(flatten(await callHook(hookOf(pm, "hello"), undefined, mode))).toEqual([2, 3, 1]);
    pm.register(new Plugin3());
    expect(flatten(await callHook(hookOf(pm, "hello"), undefined, mode))).toEqual([2, 3, 1]);
  });

  // pluggy: test_wrappers_yield_twice_fails
  it.each([
    ["wrapper", hookimpl({ wrapper: true })],
    ["legacy-wrapper", hookimpl({ hookwrapper: true })],
  ])("fails a %s that yields twice with 'wrap_controller at ... has second yield'", async (_kind, kind) => {
    class Plugin {
      @kind
      *wrap() {
        yield;
        yield;
      }
    }
    const { pm } = createManager();
    pm.register(new Plugin());
    const call = callHook(hookOf(pm, "wrap"), undefined, mode);
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow(/wrap_controller at 'wrap'.* has second yield/);
  });

  // pluggy: test_wrappers_yield_never_fails
  it.each([
    ["wrapper", hookimpl({ wrapper: true })],
    ["legacy-wrapper", hookimpl({ hookwrapper: true })],
  ])("fails a %s that never yields with 'wrap_controller at ... did not yield'", async (_kind, kind) => {
    class Plugin {
      @kind
      *wrap() {
        if (never) yield;
      }
    }
    const { pm } = createManager();
    pm.register(new Plugin());
    const call = callHook(hookOf(pm, "wrap"), undefined, mode);
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow(/wrap_controller at 'wrap'.* did not yield/);
  });
});
