// The compiled synchronous path (compileCall, used once a plan has been called often enough) must
// behave exactly as the call loop: same results, same order, same `this`, same errors, same
// fallback when an argument is missing. Hooks in the rest of the suite are called a few times
// each, so they only exercise the loop; these tests compare the two directly.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HookCallError, HookImpl, type HookimplOpts } from "../../src/index.ts";
import { compileCall, multicall } from "../../src/multicall.ts";
import { createManager, hookimpl, hookspec } from "../support/harness.ts";

type Behaviour = "value" | "undefined" | "zero" | "null" | "throw" | "promise" | "this";

const opts: HookimplOpts = {
  wrapper: false,
  hookwrapper: false,
  optionalhook: false,
  tryfirst: false,
  trylast: false,
  specname: undefined,
  argnames: undefined,
};

function makeImpl(index: number, behaviour: Behaviour, calls: string[]): HookImpl {
  const plugin = { id: `plugin-${index}` };
  const fn = function (this: { id: string }, args: { x?: number }): unknown {
    calls.push(`${index}`);
    switch (behaviour) {
      case "value":
        return (args.x ?? 0) + index;
      case "undefined":
        return undefined;
      case "zero":
        return 0;
      case "null":
        return null;
      case "throw":
        throw new Error(`boom ${index}`);
      case "promise":
        return Promise.resolve(index);
      case "this":
        return this.id;
    }
  };
  return new HookImpl(plugin, `p${index}`, fn, opts);
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

// Promises are compared by what they are, not by identity.
function comparable(result: Outcome): unknown {
  const value = result.ok ? result.value : undefined;
  const plain = Array.isArray(value) ? value.map((v) => (v instanceof Promise ? "<promise>" : v)) : value instanceof Promise ? "<promise>" : value;
  return result.ok
    ? { ok: true, value: plain }
    : { ok: false, name: (result.error as Error).name, message: (result.error as Error).message };
}

const behaviours: Behaviour[] = ["value", "undefined", "zero", "null", "throw", "promise", "this"];

describe("compileCall", () => {
  it("returns what the call loop returns, calling the same implementations in the same order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...behaviours), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom<readonly string[]>([], ["x"], ["x", "y"]),
        fc.record({ x: fc.integer() }, { requiredKeys: [] }),
        (kinds, firstresult, required, args) => {
          const loopCalls: string[] = [];
          const compiledCalls: string[] = [];
          const loopImpls = kinds.map((kind, i) => makeImpl(i, kind, loopCalls));
          const compiledImpls = kinds.map((kind, i) => makeImpl(i, kind, compiledCalls));
          const allPresent = required.every((name) => name in args);
          const expected = outcome(() => multicall("h", loopImpls, args, firstresult, () => {}, allPresent));
          let fellBack = false;
          const compiled = compileCall("h", compiledImpls, required, firstresult, (fallbackArgs) => {
            fellBack = true;
            return multicall("h", compiledImpls, fallbackArgs, firstresult, () => {}, false);
          });
          expect(compiled).not.toBeNull();
          const actual = outcome(() => compiled!(args));
          expect(fellBack).toBe(!allPresent);
          expect(comparable(actual)).toEqual(comparable(expected));
          expect(compiledCalls).toEqual(loopCalls);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("throws the implementation's own error object", () => {
    const error = new Error("mine");
    const impl = new HookImpl({}, "p", () => {
      throw error;
    }, opts);
    const compiled = compileCall("h", [impl], [], false, () => undefined)!;
    expect(() => compiled({})).toThrow(error);
  });

  it("leaves plans with wrappers, and plans without implementations, to the loop", () => {
    const wrapper = new HookImpl({}, "w", function* (): Generator<unknown, unknown, unknown> {
      return yield;
    }, { ...opts, wrapper: true });
    expect(compileCall("h", [makeImpl(0, "value", []), wrapper], [], false, () => undefined)).toBeNull();
    expect(compileCall("h", [], [], false, () => undefined)).toBeNull();
  });

  it("quotes argument names, whatever they contain", () => {
    const names = ['a"b', "c\\d", "e\nf", "</script>", "g\u2028h"];
    const compiled = compileCall("h", [makeImpl(1, "value", [])], names, false, () => "fallback")!;
    expect(compiled(Object.fromEntries(names.map((name) => [name, 1])))).toEqual([1]);
    expect(compiled({ [names[0]!]: 1 })).toBe("fallback");
  });
});

describe("a hook called often enough to be compiled", () => {
  it("keeps giving the loop's results, warnings and errors", () => {
    const { pm, warnings } = createManager();
    pm.addHookspecs({ h: hookspec(({ a, b }: { a: number; b: number }): unknown => a + b) });
    class Plugin {
      offset = 100;
      @hookimpl
      h({ a, b }: { a: number; b: number }) {
        return a + b + this.offset;
      }
    }
    pm.register(new Plugin(), "plugin");
    pm.register({ h: hookimpl(({ a }: { a: number }) => (a > 0 ? a : undefined)) }, "other");
    const hook = pm.hook["h"]!;
    for (let i = 0; i < 300; i++) {
      expect(hook({ a: i % 2, b: 1 })).toEqual(i % 2 ? [1, 102] : [101]);
    }
    // A missing argument still warns, then fails in the implementation that needs it.
    expect(() => hook({ a: 1 })).toThrow(HookCallError);
    expect(warnings.map((w) => w.message)).toEqual(["Argument(s) 'b' which are declared in the hookspec cannot be found in this hook call"]);
    // A registration makes a new plan, which starts on the loop again.
    pm.register({ h: hookimpl(() => "new") }, "third");
    for (let i = 0; i < 300; i++) expect(hook({ a: 1, b: 1 })).toEqual(["new", 1, 102]);
  });

  it("is left for the monitored path while monitoring is on", () => {
    const { pm } = createManager();
    pm.register({ h: hookimpl(() => 1) }, "plugin");
    const hook = pm.hook["h"]!;
    for (let i = 0; i < 300; i++) hook();
    const seen: string[] = [];
    const undo = pm.addHookcallMonitoring(
      (name) => seen.push(`before ${name}`),
      (outcome, name) => seen.push(`after ${name} ${JSON.stringify(outcome.getResult())}`),
    );
    expect(hook()).toEqual([1]);
    undo();
    expect(hook()).toEqual([1]);
    expect(seen).toEqual(["before h", "after h [1]"]);
  });
});
