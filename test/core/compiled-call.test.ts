// The compiled synchronous path (compileCall, used once a plan has been called often enough) must
// behave exactly as the call loop: same results, same order, same `this`, same errors, same
// fallback when an argument is missing. Hooks in the rest of the suite are called a few times
// each, so they only exercise the loop; these tests compare the two directly.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HookCallError, HookImpl, type HookimplOpts, type Result } from "../../src/index.ts";
import { compileCall, specializeCall } from "../../src/core/compile-call.ts";
import { multicall } from "../../src/core/multicall.ts";
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

type WrapperBehaviour =
  | "pass"
  | "extend"
  | "recover"
  | "throwBefore"
  | "throwAfter"
  | "noYield"
  | "secondYield"
  | "this"
  | "oldPass"
  | "oldForce"
  | "oldThrow";

function makeWrapper(index: number, behaviour: WrapperBehaviour, calls: string[]): HookImpl {
  const plugin = { id: `wrapper-${index}` };
  const log = (what: string): void => {
    calls.push(`w${index} ${what}`);
  };
  const fn = function* (this: { id: string }): Generator<unknown, unknown, unknown> {
    log("enter");
    switch (behaviour) {
      case "pass":
        return yield;
      case "extend": {
        const result = yield;
        return Array.isArray(result) ? [...(result as unknown[]), `w${index}`] : result;
      }
      case "recover":
        try {
          return yield;
        } catch (error) {
          log(`caught ${(error as Error).message}`);
          return "recovered";
        }
      case "throwBefore":
        throw new Error(`before ${index}`);
      case "throwAfter":
        yield;
        throw new Error(`after ${index}`);
      case "noYield":
        return "none";
      case "secondYield":
        try {
          yield;
          yield;
        } finally {
          log("finally");
        }
        return undefined;
      case "this": {
        yield;
        return this.id;
      }
      case "oldPass": {
        const outcome = (yield) as Result<unknown>;
        log(`old sees ${outcome.exception === undefined ? "result" : "error"}`);
        return undefined;
      }
      case "oldForce": {
        const outcome = (yield) as Result<unknown>;
        outcome.forceResult(`forced ${index}`);
        return undefined;
      }
      case "oldThrow":
        yield;
        throw new Error(`old after ${index}`);
    }
  };
  const old = behaviour.startsWith("old");
  return new HookImpl(plugin, `w${index}`, fn, { ...opts, wrapper: !old, hookwrapper: old });
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
  const plain = Array.isArray(value)
    ? value.map((v) => (v instanceof Promise ? "<promise>" : v))
    : value instanceof Promise
      ? "<promise>"
      : value;
  return result.ok
    ? { ok: true, value: plain }
    : { ok: false, name: (result.error as Error).name, message: (result.error as Error).message };
}

const behaviours: Behaviour[] = ["value", "undefined", "zero", "null", "throw", "promise", "this"];
const wrapperBehaviours: WrapperBehaviour[] = [
  "pass",
  "extend",
  "recover",
  "throwBefore",
  "throwAfter",
  "noYield",
  "secondYield",
  "this",
  "oldPass",
  "oldForce",
  "oldThrow",
];
const noWarn = (): void => {};

// The generated code, and the closures that stand for it where code generation is forbidden.
describe.each([
  ["compileCall (generated code)", compileCall],
  ["specializeCall (closures, without code generation)", specializeCall],
] as const)("%s", (_name, compile) => {
  it("returns what the call loop returns, calling the same implementations and wrappers in the same order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...behaviours), { minLength: 0, maxLength: 12 }),
        fc.array(fc.constantFrom(...wrapperBehaviours), { minLength: 0, maxLength: 5 }),
        fc.boolean(),
        fc.constantFrom<readonly string[]>([], ["x"], ["x", "y"]),
        fc.record({ x: fc.integer() }, { requiredKeys: [] }),
        (kinds, wrapperKinds, firstresult, required, args) => {
          fc.pre(kinds.length + wrapperKinds.length > 0);
          const build = (calls: string[]): HookImpl[] => [
            ...kinds.map((kind, i) => makeImpl(i, kind, calls)),
            ...wrapperKinds.map((kind, i) => makeWrapper(kinds.length + i, kind, calls)),
          ];
          const loopCalls: string[] = [];
          const compiledCalls: string[] = [];
          const loopWarnings: string[] = [];
          const compiledWarnings: string[] = [];
          const loopImpls = build(loopCalls);
          const compiledImpls = build(compiledCalls);
          const allPresent = required.every((name) => name in args);
          const expected = outcome(() =>
            multicall("h", loopImpls, args, firstresult, (warning) => loopWarnings.push(warning.message), allPresent),
          );
          let fellBack = false;
          const warn = (warning: Error): number => compiledWarnings.push(warning.message);
          const compiled = compile(
            "h",
            compiledImpls,
            required,
            firstresult,
            (fallbackArgs) => {
              fellBack = true;
              return multicall("h", compiledImpls, fallbackArgs, firstresult, warn, false);
            },
            warn,
          );
          expect(compiled).not.toBeNull();
          const actual = outcome(() => compiled!(args));
          expect(fellBack).toBe(!allPresent);
          expect(comparable(actual)).toEqual(comparable(expected));
          expect(compiledCalls).toEqual(loopCalls);
          expect(compiledWarnings).toEqual(loopWarnings);
        },
      ),
      { numRuns: 500 },
    );
  });

  // A plan of one implementation has a path of its own; the random plans above seldom draw it.
  it.each(behaviours)("calls a plan of one implementation (%s) as the loop does", (behaviour) => {
    for (const firstresult of [false, true]) {
      for (const args of [{ x: 5 }, {}]) {
        const loopCalls: string[] = [];
        const compiledCalls: string[] = [];
        const expected = outcome(() =>
          multicall("h", [makeImpl(0, behaviour, loopCalls)], args, firstresult, noWarn, "x" in args),
        );
        const compiledImpls = [makeImpl(0, behaviour, compiledCalls)];
        const compiled = compile(
          "h",
          compiledImpls,
          ["x"],
          firstresult,
          (fallbackArgs) => multicall("h", compiledImpls, fallbackArgs, firstresult, noWarn, false),
          noWarn,
        )!;
        expect(comparable(outcome(() => compiled(args)))).toEqual(comparable(expected));
        expect(compiledCalls).toEqual(loopCalls);
      }
    }
  });

  it("throws the implementation's own error object", () => {
    const error = new Error("mine");
    const impl = new HookImpl(
      {},
      "p",
      () => {
        throw error;
      },
      opts,
    );
    const compiled = compile("h", [impl], [], false, () => undefined, noWarn)!;
    expect(() => compiled({})).toThrow(error);
  });

  it("leaves plans without implementations, and async generator wrappers, to the loop", () => {
    const wrapper = new HookImpl(
      {},
      "w",
      async function* (): AsyncGenerator<unknown, unknown, unknown> {
        return yield;
      },
      { ...opts, wrapper: true },
    );
    expect(compile("h", [makeImpl(0, "value", []), wrapper], [], false, () => undefined, noWarn)).toBeNull();
    expect(compile("h", [], [], false, () => undefined, noWarn)).toBeNull();
  });

  it("quotes argument names, whatever they contain", () => {
    const names = ['a"b', "c\\d", "e\nf", "</script>", "g\u2028h"];
    const compiled = compile("h", [makeImpl(1, "value", [])], names, false, () => "fallback", noWarn)!;
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
    expect(warnings.map((w) => w.message)).toEqual([
      "Hook 'h' was called without argument(s) [\"b\"], which its hookspec declares",
    ]);
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
