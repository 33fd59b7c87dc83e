// Port of pluggy's testing/test_multicall.py. pluggy's tests call the private call loop
// (`_multicall`) on a hand-built list of implementations; here each listed function becomes one
// plugin registered in list order, so the hook's storage order is the list and its call order the
// reverse, exactly as in pluggy's `MC(methods, kwargs, firstresult)`. Every test runs under the
// synchronous call and again under `callAsync`.

import { describe, expect, it } from "vitest";
import { HookCallError, PluginValidationError, WrapperError, type Result } from "../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf, hookspec, type CallMode } from "../support/harness.ts";

// Makes a generator whose only `yield` never runs (pluggy's `if False: yield`).
const never = false as boolean;

// pluggy's MC(): registers `methods` in order on hook "foo" (a firstresult spec when asked) and
// calls it with `kwargs` in `mode`.
async function mc(methods: readonly Function[], kwargs: object, mode: CallMode, firstresult = false): Promise<unknown> {
  const { pm } = createManager();
  if (firstresult) pm.addHookspecs({ foo: hookspec({ firstresult: true })((_args: object): unknown => undefined) });
  for (const method of methods) pm.register({ foo: method });
  const hook = hookOf(pm, "foo");
  // The port is faithful only if the storage order is the list pluggy's MC() hands to the loop.
  expect(hook.getHookimpls().map((impl) => impl.function)).toEqual(methods);
  return callHook(hook, kwargs, mode);
}

describe.each(callModes)("the call loop (%s call)", (mode) => {
  // pluggy: test_keyword_args
  it("passes every implementation the arguments it destructures, plugin methods included", async () => {
    const f = hookimpl(({ x }: { x: number }) => x + 1);
    class A {
      @hookimpl
      foo({ x, y }: { x: number; y: number }) {
        return x + y;
      }
    }
    const { pm } = createManager();
    pm.register({ foo: f });
    pm.register(new A());
    await expect(callHook(hookOf(pm, "foo"), { x: 23, y: 24 }, mode)).resolves.toEqual([24 + 23, 24]);
  });

  // pluggy: test_keyword_args_with_defaultargs
  it("leaves a destructured key with a default to its default when the call lacks it", async () => {
    // pluggy never passes a defaulted parameter, even when the call has it; with one arguments
    // object the implementation reads what the call gives, so only the "call lacks it" half ports.
    const f = hookimpl(({ x, z = 1 }: { x: number; z?: number }) => x + z);
    await expect(mc([f], { x: 23, y: 24 }, mode)).resolves.toEqual([24]);
  });

  // pluggy: test_tags_call_error
  it("throws HookCallError when an implementation needs an argument the call lacks", async () => {
    const f = hookimpl(({ x }: { x: number }) => x);
    const call = mc([f], {}, mode);
    await expect(call).rejects.toThrow(HookCallError);
    await expect(call).rejects.toMatchObject({ code: "HOOKSMITH_MISSING_HOOK_ARGUMENT", argument: "x" });
  });

  // pluggy: test_call_none_is_no_result
  it("treats undefined as no result, for firstresult and plain hooks", async () => {
    const m1 = hookimpl(() => 1);
    const m2 = hookimpl(() => undefined);
    await expect(mc([m1, m2], {}, mode, true)).resolves.toBe(1);
    await expect(mc([m1, m2], {}, mode, false)).resolves.toEqual([1]);
  });

  // pluggy: test_hookwrapper
  it("runs an old-style hookwrapper around the implementations, for plain and firstresult hooks", async () => {
    const out: string[] = [];
    const m1 = hookimpl({ hookwrapper: true })(function* m1() {
      out.push("m1 init");
      yield undefined;
      out.push("m1 finish");
    });
    const m2 = hookimpl(() => {
      out.push("m2");
      return 2;
    });
    await expect(mc([m2, m1], {}, mode)).resolves.toEqual([2]);
    expect(out).toEqual(["m1 init", "m2", "m1 finish"]);
    out.length = 0;
    await expect(mc([m2, m1], {}, mode, true)).resolves.toBe(2);
    expect(out).toEqual(["m1 init", "m2", "m1 finish"]);
  });

  // pluggy: test_hookwrapper_two_yields
  it("fails an old-style hookwrapper that yields twice with 'has second yield'", async () => {
    const m = hookimpl({ hookwrapper: true })(function* m() {
      yield;
      yield;
    });
    const call = mc([m], {}, mode);
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow(/has second yield/);
  });

  // pluggy: test_wrapper
  it("makes a new-style wrapper's return value the result, for plain and firstresult hooks", async () => {
    const out: string[] = [];
    const m1 = hookimpl({ wrapper: true })(function* m1(): Generator<unknown, unknown, number[] | number> {
      out.push("m1 init");
      const result = yield;
      out.push("m1 finish");
      return Array.isArray(result) ? [...result, ...result] : result * 2;
    });
    const m2 = hookimpl(() => {
      out.push("m2");
      return 2;
    });
    await expect(mc([m2, m1], {}, mode)).resolves.toEqual([2, 2]);
    expect(out).toEqual(["m1 init", "m2", "m1 finish"]);
    out.length = 0;
    await expect(mc([m2, m1], {}, mode, true)).resolves.toBe(4);
    expect(out).toEqual(["m1 init", "m2", "m1 finish"]);
  });

  // pluggy: test_wrapper_two_yields
  it("fails a new-style wrapper that yields twice with 'has second yield'", async () => {
    const m = hookimpl({ wrapper: true })(function* m() {
      yield;
      yield;
    });
    const call = mc([m], {}, mode);
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow(/has second yield/);
  });

  // pluggy: test_hookwrapper_order
  it("enters mixed old- and new-style wrappers in call order and tears them down in reverse", async () => {
    const out: string[] = [];
    const m1 = hookimpl({ hookwrapper: true })(function* m1() {
      out.push("m1 init");
      yield 1;
      out.push("m1 finish");
    });
    const m2 = hookimpl({ wrapper: true })(function* m2(): Generator<unknown, unknown, unknown> {
      out.push("m2 init");
      const result = yield 2;
      out.push("m2 finish");
      return result;
    });
    const m3 = hookimpl({ hookwrapper: true })(function* m3() {
      out.push("m3 init");
      yield 3;
      out.push("m3 finish");
    });
    const m4 = hookimpl({ hookwrapper: true })(function* m4() {
      out.push("m4 init");
      yield 4;
      out.push("m4 finish");
    });
    await expect(mc([m4, m3, m2, m1], {}, mode)).resolves.toEqual([]);
    expect(out).toEqual(["m1 init", "m2 init", "m3 init", "m4 init", "m4 finish", "m3 finish", "m2 finish", "m1 finish"]);
  });

  // pluggy: test_hookwrapper_yield_not_executed
  it("fails an old-style hookwrapper that returns without yielding with 'did not yield'", async () => {
    const m1 = hookimpl({ hookwrapper: true })(function* m1() {
      if (never) yield;
    });
    const call = mc([m1], {}, mode);
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow(/did not yield/);
  });

  // pluggy: test_hookwrapper_too_many_yield
  it("names the old-style hookwrapper that yielded twice", async () => {
    // A declaration keeps its name: esbuild renames `const m1 = f(function* m1() {})` to `m12`.
    function* m1() {
      yield 1;
      yield 2;
    }
    hookimpl({ hookwrapper: true })(m1);
    // pluggy also puts the wrapper's file and line in the message; not applicable: a JS function
    // exposes no source location, so the message names the plugin and hook instead.
    await expect(mc([m1], {}, mode)).rejects.toThrow(/wrap_controller at 'm1'.*has second yield/);
  });

  // pluggy: test_wrapper_yield_not_executed
  it("fails a new-style wrapper that returns without yielding with 'did not yield'", async () => {
    const m1 = hookimpl({ wrapper: true })(function* m1() {
      if (never) yield;
    });
    const call = mc([m1], {}, mode);
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow(/did not yield/);
  });

  // pluggy: test_wrapper_too_many_yield
  it("names the new-style wrapper that yielded twice and runs its finally block before throwing", async () => {
    const out: string[] = [];
    function* m1() {
      try {
        yield 1;
        yield 2;
      } finally {
        out.push("cleanup");
      }
    }
    hookimpl({ wrapper: true })(m1);
    // pluggy also asserts the file and line; not applicable: a JS function exposes no source location.
    await expect(
      mc([m1], {}, mode).finally(() => {
        out.push("finally");
      }),
    ).rejects.toThrow(/wrap_controller at 'm1'.*has second yield/);
    expect(out).toEqual(["cleanup", "finally"]);
  });

  // pluggy: test_hookwrapper_exception
  it.each([
    ["an Error", new RangeError("boom")],
    ["a value that is not an Error", { exitCode: 3 }],
    ["undefined", undefined],
  ])("shows an old-style hookwrapper the thrown value (%s) and rethrows it", async (_label, thrown) => {
    // pluggy parametrises over ValueError and SystemExit (a BaseException): JS can throw anything,
    // so the counterpart is an Error, a non-Error value and undefined itself.
    const out: string[] = [];
    const seen: Array<Result<unknown>> = [];
    const m1 = hookimpl({ hookwrapper: true })(function* m1(): Generator<unknown, void, Result<unknown>> {
      out.push("m1 init");
      const result = yield;
      seen.push(result);
      out.push("m1 finish");
    });
    const m2 = hookimpl(() => {
      throw thrown;
    });
    await expect(mc([m2, m1], {}, mode)).rejects.toBe(thrown);
    expect(out).toEqual(["m1 init", "m1 finish"]);
    expect(seen[0]?.failed).toBe(true);
    expect(seen[0]?.exception).toBe(thrown);
  });

  // pluggy: test_hookwrapper_force_exception
  it("lets old-style hookwrappers replace the error with forceException, innermost first", async () => {
    const out: string[] = [];
    const m1 = hookimpl({ hookwrapper: true })(function* m1(): Generator<unknown, void, Result<unknown>> {
      out.push("m1 init");
      const result = yield;
      try {
        result.getResult();
      } catch (error) {
        result.forceException(error);
      }
      out.push("m1 finish");
    });
    const m2 = hookimpl({ hookwrapper: true })(function* m2(): Generator<unknown, void, Result<unknown>> {
      out.push("m2 init");
      const result = yield;
      try {
        result.getResult();
      } catch (error) {
        result.forceException(new Error("m2", { cause: error }));
      }
      out.push("m2 finish");
    });
    const m3 = hookimpl({ hookwrapper: true })(function* m3() {
      out.push("m3 init");
      yield;
      out.push("m3 finish");
    });
    const m4 = hookimpl(() => {
      throw new RangeError("m4");
    });
    const error: unknown = await mc([m4, m3, m2, m1], {}, mode).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("m2");
    expect(out).toEqual(["m1 init", "m2 init", "m3 init", "m3 finish", "m2 finish", "m1 finish"]);
    expect((error as Error).cause).toBeInstanceOf(RangeError);
    expect(((error as Error).cause as Error).message).toBe("m4");
  });

  // pluggy: test_wrapper_exception
  it.each([
    ["an Error", new RangeError("boom")],
    ["a value that is not an Error", { exitCode: 3 }],
  ])("throws the error (%s) into a new-style wrapper, which may rethrow it", async (_label, thrown) => {
    const out: string[] = [];
    const caughtInWrapper: unknown[] = [];
    const m1 = hookimpl({ wrapper: true })(function* m1(): Generator<unknown, unknown, unknown> {
      out.push("m1 init");
      let result: unknown;
      try {
        result = yield;
      } catch (error) {
        caughtInWrapper.push(error);
        throw error;
      } finally {
        out.push("m1 finish");
      }
      return result;
    });
    const m2 = hookimpl(() => {
      out.push("m2 init");
      throw thrown;
    });
    await expect(mc([m2, m1], {}, mode)).rejects.toBe(thrown);
    expect(out).toEqual(["m1 init", "m2 init", "m1 finish"]);
    expect(caughtInWrapper).toEqual([thrown]);
    expect(caughtInWrapper[0]).toBe(thrown);
  });

  // pluggy: test_wrapper_exception_chaining
  it("passes each new-style wrapper the error the inner one threw, so causes chain outwards", async () => {
    const m1 = hookimpl(() => {
      throw new Error("m1");
    });
    const m2 = hookimpl({ wrapper: true })(function* m2() {
      try {
        yield;
      } catch (error) {
        // Python chains the "m1" error as the implicit __context__; JS has no implicit context, so
        // the wrapper records it as the cause.
        throw new Error("m2", { cause: error });
      }
    });
    const m3 = hookimpl({ wrapper: true })(function* m3() {
      yield;
      return 10;
    });
    const m4 = hookimpl({ wrapper: true })(function* m4() {
      try {
        yield;
      } catch (error) {
        throw new Error("m4", { cause: error });
      }
    });
    const error: unknown = await mc([m1, m2, m3, m4], {}, mode).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe("m4");
    const cause = (error as Error).cause as Error;
    expect(cause.message).toBe("m2");
    expect((cause.cause as Error).message).toBe("m1");
  });

  // pluggy: test_unwind_inner_wrapper_teardown_exc
  it("throws an inner wrapper's teardown error into the outer wrapper", async () => {
    const out: string[] = [];
    const m1 = hookimpl({ wrapper: true })(function* m1() {
      out.push("m1 init");
      try {
        yield;
        out.push("m1 unreachable");
      } catch (error) {
        out.push("m1 teardown");
        throw error;
      } finally {
        out.push("m1 cleanup");
      }
    });
    const thrown = new RangeError("m2");
    const m2 = hookimpl({ wrapper: true })(function* m2() {
      out.push("m2 init");
      yield;
      out.push("m2 raise");
      throw thrown;
    });
    await expect(
      mc([m2, m1], {}, mode).finally(() => {
        out.push("finally");
      }),
    ).rejects.toBe(thrown);
    expect(out).toEqual(["m1 init", "m2 init", "m2 raise", "m1 teardown", "m1 cleanup", "finally"]);
  });

  // pluggy: test_wrapper_stopiteration_passtrough
  it.each([
    ["an old-style", { hookwrapper: true }],
    ["a new-style", { wrapper: true }],
  ])("passes any thrown value through %s inner wrapper and a new-style outer one unchanged", async (_label, options) => {
    // pluggy's concern is StopIteration, which Python turns into RuntimeError when thrown into a
    // generator; JS has no such conversion, so the counterpart is that an arbitrary thrown value
    // (here a sentinel object) crosses both wrapper kinds as the same object.
    const out: string[] = [];
    const wrap = hookimpl({ wrapper: true })(function* wrap() {
      out.push("wrap");
      try {
        yield;
      } finally {
        out.push("wrap done");
      }
    });
    const wrapPath2 = hookimpl(options)(function* wrap_path2() {
      yield;
    });
    const sentinel = { stop: true };
    const stop = hookimpl(() => {
      out.push("stop");
      throw sentinel;
    });
    await expect(
      mc([stop, wrap, wrapPath2], {}, mode).finally(() => {
        out.push("finally");
      }),
    ).rejects.toBe(sentinel);
    expect(out).toEqual(["wrap", "stop", "wrap done", "finally"]);
  });

  // pluggy: test_suppress_inner_wrapper_teardown_exc
  it("lets an outer wrapper suppress an inner wrapper's teardown error by returning a result", async () => {
    const out: string[] = [];
    const m1 = hookimpl({ wrapper: true })(function* m1(): Generator<unknown, unknown, unknown> {
      out.push("m1 init");
      const result = yield;
      out.push("m1 finish");
      return result;
    });
    const m2 = hookimpl({ wrapper: true })(function* m2() {
      out.push("m2 init");
      try {
        yield;
        out.push("m2 unreachable");
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        out.push("m2 suppress");
        return 22;
      }
      return undefined;
    });
    const m3 = hookimpl({ wrapper: true })(function* m3() {
      out.push("m3 init");
      yield;
      out.push("m3 raise");
      throw new RangeError();
    });
    await expect(mc([m3, m2, m1], {}, mode)).resolves.toBe(22);
    expect(out).toEqual(["m1 init", "m2 init", "m3 init", "m3 raise", "m2 suppress", "m1 finish"]);
  });
});

describe("PluginManager.register with wrappers", () => {
  // pluggy: test_hookwrapper_not_yield
  it("rejects a hookwrapper that is not a generator function, even for a hook without a spec", () => {
    // pluggy only notices at call time (TypeError from next()) when the hook has no spec; hooksmith
    // checks every wrapper at registration (documented in plugin-manager.ts), so no call can meet one.
    const { pm } = createManager();
    const m1 = hookimpl({ hookwrapper: true })(function m1() {});
    expect(() => pm.register({ foo: m1 }, "p")).toThrow(PluginValidationError);
    expect(() => pm.register({ foo: m1 }, "p")).toThrow(/not a generator function/);
    expect(pm.hasPlugin("p")).toBe(false);
  });
});
