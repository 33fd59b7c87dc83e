// tapable interceptors on a view: for the same taps, a view and a plain tapable hook of the same
// class report the same events (call, tap, result, error, done) and return the same results.

import * as tapable from "tapable";
import { describe, expect, it } from "vitest";
import type { PluginManager } from "../../src/index.ts";
import { TapableBridgeError, toTapableHook, type TapableHookOptions } from "../../src/tapable/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { callbackArgs, recordingInterceptor, type Event } from "./helpers.ts";

type TapType = "sync" | "async" | "promise";
type CallType = "call" | "callAsync" | "promise";

interface AnyHook {
  tap(options: unknown, fn: Function): void;
  tapAsync(options: unknown, fn: Function): void;
  tapPromise(options: unknown, fn: Function): void;
  intercept(interceptor: object): void;
  call(...args: unknown[]): unknown;
  callAsync(...args: unknown[]): void;
  promise(...args: unknown[]): Promise<unknown>;
}

interface Kind {
  readonly className: keyof typeof tapable;
  readonly hookName: "plain" | "pick";
  readonly options: TapableHookOptions;
  readonly tapTypes: readonly TapType[];
  readonly callTypes: readonly CallType[];
}

const syncCalls: readonly CallType[] = ["call", "callAsync", "promise"];
const asyncCalls: readonly CallType[] = ["callAsync", "promise"];

const kinds: readonly Kind[] = [
  { className: "SyncHook", hookName: "plain", options: {}, tapTypes: ["sync"], callTypes: syncCalls },
  { className: "SyncBailHook", hookName: "pick", options: {}, tapTypes: ["sync"], callTypes: syncCalls },
  { className: "SyncWaterfallHook", hookName: "plain", options: { waterfall: true }, tapTypes: ["sync"], callTypes: syncCalls },
  {
    className: "AsyncSeriesHook",
    hookName: "plain",
    options: { async: true },
    tapTypes: ["sync", "async", "promise"],
    callTypes: asyncCalls,
  },
  {
    className: "AsyncSeriesBailHook",
    hookName: "pick",
    options: { async: true },
    tapTypes: ["sync", "async", "promise"],
    callTypes: asyncCalls,
  },
  {
    className: "AsyncSeriesWaterfallHook",
    hookName: "plain",
    options: { async: true, waterfall: true },
    tapTypes: ["sync", "async", "promise"],
    callTypes: asyncCalls,
  },
  {
    className: "AsyncParallelHook",
    hookName: "plain",
    options: { async: "parallel" },
    tapTypes: ["promise"],
    callTypes: asyncCalls,
  },
  {
    className: "AsyncParallelBailHook",
    hookName: "pick",
    options: { async: "parallel" },
    tapTypes: ["promise"],
    callTypes: asyncCalls,
  },
];

function managerWithSpecs(): PluginManager {
  const { pm } = createManager();
  pm.addHookspecs({
    plain: hookspec(({ value, extra }: { value: number; extra: string }) => [value, extra]),
    pick: hookspec({ firstresult: true })(({ value, extra }: { value: number; extra: string }) => [value, extra]),
  });
  return pm;
}

// Makes a tap of the given type whose body logs and returns `answer(value)`.
function tapFn(type: TapType, name: string, log: Event[], answer: (value: number) => unknown): Function {
  const body = (value: number) => {
    log.push(["run", name, value]);
    return answer(value);
  };
  if (type === "sync") return body;
  if (type === "promise") return async (value: number) => body(value);
  return (value: number, _extra: string, callback: (error: unknown, result?: unknown) => void) => {
    const result = body(value);
    setTimeout(() => callback(null, result), 1);
  };
}

function failingFn(type: TapType, failure: Error): Function {
  if (type === "sync") {
    return () => {
      throw failure;
    };
  }
  if (type === "promise") return async () => Promise.reject(failure);
  return (_value: number, _extra: string, callback: (error: unknown) => void) => callback(failure);
}

function tapWith(hook: AnyHook, type: TapType, name: string, fn: Function): void {
  if (type === "sync") hook.tap(name, fn);
  else if (type === "async") hook.tapAsync(name, fn);
  else hook.tapPromise(name, fn);
}

async function callWith(hook: AnyHook, type: CallType): Promise<unknown> {
  if (type === "call") return hook.call(1, "x");
  if (type === "promise") return hook.promise(1, "x");
  return callbackArgs((callback) => hook.callAsync(1, "x", callback));
}

function makePair(kind: Kind): { real: AnyHook; view: AnyHook; realLog: Event[]; viewLog: Event[] } {
  const Class = tapable[kind.className] as unknown as new (args: string[]) => AnyHook;
  const real = new Class(["value", "extra"]);
  const view = toTapableHook(managerWithSpecs(), kind.hookName, {
    ...kind.options,
    args: ["value", "extra"],
  }) as unknown as AnyHook;
  const realLog: Event[] = [];
  const viewLog: Event[] = [];
  real.intercept(recordingInterceptor(realLog));
  view.intercept(recordingInterceptor(viewLog));
  return { real, view, realLog, viewLog };
}

const cases = kinds.flatMap((kind) =>
  kind.tapTypes.flatMap((tapType) => kind.callTypes.map((callType) => [kind.className, tapType, callType, kind] as const)),
);

describe("interceptors on a view behave as on the same tapable class", () => {
  it.each(cases)("%s, %s taps, %s: taps that answer", async (_className, tapType, callType, kind) => {
    const { real, view, realLog, viewLog } = makePair(kind);
    const taps: Array<[string, (value: number) => unknown]> = [
      ["A", () => undefined],
      ["B", (value) => value + 10],
      ["C", (value) => value * 2],
    ];
    for (const [name, answer] of taps) tapWith(real, tapType, name, tapFn(tapType, name, realLog, answer));
    // hooksmith calls the most recently registered tap first: tap in reverse to get tapable's order.
    for (const [name, answer] of [...taps].reverse()) tapWith(view, tapType, name, tapFn(tapType, name, viewLog, answer));
    const realResult = await callWith(real, callType);
    const viewResult = await callWith(view, callType);
    expect(viewResult).toEqual(realResult);
    // Parallel kinds start every tap before any answers, in the same order on both sides.
    expect(viewLog).toEqual(realLog);
  });

  it.each(cases)("%s, %s taps, %s: no taps", async (_className, _tapType, callType, kind) => {
    const { real, view, realLog, viewLog } = makePair(kind);
    expect(await callWith(view, callType)).toEqual(await callWith(real, callType));
    expect(viewLog).toEqual(realLog);
  });

  it.each(cases)("%s, %s taps, %s: a tap that fails", async (_className, tapType, callType, kind) => {
    const { real, view, realLog, viewLog } = makePair(kind);
    const failure = new Error("boom");
    tapWith(real, tapType, "Fails", failingFn(tapType, failure));
    tapWith(view, tapType, "Fails", failingFn(tapType, failure));
    const outcome = async (hook: AnyHook) => {
      try {
        return ["returned", await callWith(hook, callType)];
      } catch (error) {
        return ["threw", error];
      }
    };
    const viewOutcome = await outcome(view);
    expect(viewOutcome).toEqual(await outcome(real));
    expect(viewOutcome.flat()).toContain(failure);
    expect(viewLog).toEqual(realLog);
  });
});

describe("register interceptors on a view", () => {
  it("rewrite a tap before it is registered, as tapable's do", () => {
    const pm = managerWithSpecs();
    const view = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    view.intercept({
      register: (tap) => ({ ...tap, name: `${tap.name}!`, stage: -1, fn: (value: number) => `wrapped ${value}` }),
    });
    view.tap("Original", () => "original");
    pm.register({ plain: hookimpl(() => "native") }, "native");
    expect(hookOf(pm, "plain")({ value: 1, extra: "" })).toEqual(["wrapped 1", "native"]);
    expect(pm.hasPlugin("Original!")).toBe(true);
    expect(hookOf(pm, "plain").getHookimpls()[1]?.tryfirst).toBe(true);
  });

  it("apply to the taps already made when the interceptor is added, replacing their function", () => {
    const pm = managerWithSpecs();
    const view = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    view.tap("A", (value) => value);
    const seen: string[] = [];
    view.intercept({
      register: (tap) => {
        seen.push(tap.name);
        const fn = tap.fn as (value: number) => number;
        return { ...tap, fn: (value: number) => fn(value) * 100 };
      },
    });
    expect(seen).toEqual(["A"]);
    expect(view.taps.map((tap) => tap.name)).toEqual(["A"]);
    expect(hookOf(pm, "plain")({ value: 2, extra: "" })).toEqual([200]);
  });

  it("may return undefined to keep the tap as it is", () => {
    const pm = managerWithSpecs();
    const view = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    view.intercept({ register: () => undefined as never });
    view.tap("A", (value) => value);
    expect(view.call(3, "")).toBeUndefined();
    expect(hookOf(pm, "plain")({ value: 3, extra: "" })).toEqual([3]);
  });
});

describe("what interceptors of a view see", () => {
  it("the tap interceptor sees taps, not implementations registered as hooksmith plugins", () => {
    const pm = managerWithSpecs();
    const view = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    const log: Event[] = [];
    view.intercept(recordingInterceptor(log));
    view.tap("Tap", () => {});
    pm.register({ plain: hookimpl(() => {}) }, "native");
    view.call(1, "x");
    expect(log).toEqual([["call", 1, "x"], ["tap", "Tap"], ["done"]]);
  });

  it("calls made through the hooksmith caller are not the view's calls", () => {
    const pm = managerWithSpecs();
    const view = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    const log: Event[] = [];
    view.intercept(recordingInterceptor(log));
    view.tap("Tap", () => 1);
    expect(hookOf(pm, "plain")({ value: 1, extra: "x" })).toEqual([1]);
    expect(log).toEqual([]);
  });

  it("a view's interceptors are its own: another view of the same hook does not run them", () => {
    const pm = managerWithSpecs();
    const first = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    const second = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    const log: Event[] = [];
    first.intercept(recordingInterceptor(log));
    second.tap("Tap", () => {});
    second.call(1, "x");
    expect(log).toEqual([]);
    first.call(2, "y");
    expect(log).toEqual([["call", 2, "y"], ["tap", "Tap"], ["done"]]);
  });

  it("refuses an interceptor that asks for tapable's deprecated context", () => {
    const pm = managerWithSpecs();
    const view = toTapableHook(pm, "plain", { args: ["value", "extra"] });
    expect(() => view.intercept({ context: true } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: An interceptor of hook 'plain' asks for tapable's context object, which is deprecated and has no hooksmith equivalent]`,
    );
    expect(() => view.intercept({ context: true } as never)).toThrow(TapableBridgeError);
    expect(view.interceptors).toEqual([]);
  });
});
