// Type tests pinning the async call signatures: callAsync, callParallel, callExtraAsync,
// callHistoricAsync, registerAsync and the `{ signal }` option.

import { describe, expectTypeOf, it } from "vitest";
import {
  HookimplMarker,
  PluginManager,
  type CallOptions,
  type FirstResult,
  type Historic,
  type HookCaller,
  type Plugin,
} from "../../src/index.ts";

const hookimpl = HookimplMarker("example");

interface Specs {
  greet(args: { name: string }): string;
  load(args: { path: string }): Promise<number>;
  either(args: { path: string }): number | Promise<number>;
  maybe(args: { path: string }): Promise<string | undefined>;
  pick: FirstResult<(args: { id: number }) => Promise<string>>;
  pickSync: FirstResult<(args: { id: number }) => string>;
  ready(): Promise<void>;
  configure: Historic<(args: { config: object }) => Promise<number>>;
}

const pm = new PluginManager<Specs>("example");
const signal = new AbortController().signal;

describe("HookCaller.callAsync types", () => {
  it("resolves to the awaited results, without undefined", () => {
    expectTypeOf(pm.hook.greet.callAsync({ name: "x" })).toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(pm.hook.load.callAsync({ path: "p" })).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(pm.hook.either.callAsync({ path: "p" })).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(pm.hook.maybe.callAsync({ path: "p" })).toEqualTypeOf<Promise<string[]>>();
  });

  it("resolves a firstresult hook to one awaited result or undefined", () => {
    expectTypeOf(pm.hook.pick.callAsync({ id: 1 })).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(pm.hook.pickSync.callAsync({ id: 1 })).toEqualTypeOf<Promise<string | undefined>>();
  });

  it("keeps the synchronous call's result unawaited", () => {
    expectTypeOf(pm.hook.load({ path: "p" })).toEqualTypeOf<Array<Promise<number>>>();
    expectTypeOf(pm.hook.pickSync({ id: 1 })).toEqualTypeOf<string | undefined>();
  });

  it("checks the arguments object as the synchronous call does", () => {
    // @ts-expect-error: path must be a string
    void pm.hook.load.callAsync({ path: 1 });
    // @ts-expect-error: the arguments object is required when it has required keys
    void pm.hook.load.callAsync();
    // @ts-expect-error: unknown hook name
    void pm.hook.lod?.callAsync({ path: "p" });
    void pm.hook.ready.callAsync({});
  });

  it("lets a hook without arguments be called without an arguments object", () => {
    // API.md: "the object may be omitted when a hook has no arguments".
    expectTypeOf(pm.hook.ready.callAsync()).toEqualTypeOf<Promise<never[]>>();
    void pm.hook.ready.callAsync(undefined, { signal });
    void pm.hook.ready.callParallel();
  });

  it("accepts a signal as the second argument, and nothing else there", () => {
    expectTypeOf(pm.hook.load.callAsync).parameter(1).toEqualTypeOf<CallOptions | undefined>();
    expectTypeOf<CallOptions["signal"]>().toEqualTypeOf<AbortSignal | undefined>();
    void pm.hook.load.callAsync({ path: "p" }, { signal });
    void pm.hook.ready.callAsync({}, { signal });
    // @ts-expect-error: signal must be an AbortSignal
    void pm.hook.load.callAsync({ path: "p" }, { signal: "abort" });
    // @ts-expect-error: unknown option
    void pm.hook.load.callAsync({ path: "p" }, { timeout: 1 });
  });

  it("cannot call a historic hook", () => {
    // @ts-expect-error: historic hooks are called with callHistoric / callHistoricAsync
    void pm.hook.configure.callAsync({ config: {} });
    // @ts-expect-error: likewise in parallel
    void pm.hook.configure.callParallel({ config: {} });
  });
});

describe("HookCaller.callParallel types", () => {
  it("has the signature of callAsync", () => {
    expectTypeOf(pm.hook.load.callParallel({ path: "p" })).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(pm.hook.pick.callParallel({ id: 1 }, { signal })).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf<Parameters<typeof pm.hook.load.callParallel>>().toEqualTypeOf<Parameters<typeof pm.hook.load.callAsync>>();
    // @ts-expect-error: path must be a string
    void pm.hook.load.callParallel({ path: 1 });
  });
});

describe("HookCaller.callExtraAsync types", () => {
  it("resolves like callAsync and takes a signal", () => {
    expectTypeOf(pm.hook.load.callExtraAsync([async () => 1], { path: "p" })).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(pm.hook.pick.callExtraAsync([], { id: 1 }, { signal })).toEqualTypeOf<Promise<string | undefined>>();
    // @ts-expect-error: path must be a string
    void pm.hook.load.callExtraAsync([], { path: 1 });
  });
});

describe("HookCaller.callHistoricAsync and PluginManager.registerAsync types", () => {
  it("return promises and take a signal", () => {
    expectTypeOf(pm.hook.configure.callHistoricAsync({ kwargs: { config: {} }, signal })).toEqualTypeOf<Promise<void>>();
    expectTypeOf(pm.registerAsync({}, "p")).toEqualTypeOf<Promise<string | undefined>>();
    // @ts-expect-error: config must be an object
    void pm.hook.configure.callHistoricAsync({ kwargs: { config: 1 } });
  });

  it("give the result callback the awaited result", () => {
    // callHistoricAsync awaits each implementation before calling back (docs/async.md).
    void pm.hook.configure.callHistoricAsync({
      kwargs: { config: {} },
      resultCallback: (result) => {
        expectTypeOf(result).toEqualTypeOf<number>();
      },
    });
  });
});

describe("Plugin<Specs> with async implementations", () => {
  it("accepts async implementations and async generator wrappers of sync hooks", () => {
    const plugin = {
      load: hookimpl(async ({ path }: { path: string }) => path.length),
      greet: hookimpl({ wrapper: true })(async function* (_args: { name: string }): AsyncGenerator<unknown, string[], string[]> {
        return yield;
      }),
    } satisfies Plugin<Specs>;
    expectTypeOf(plugin.load).returns.toEqualTypeOf<Promise<number>>();
  });

  it("types an async generator wrapper of an async hook with the awaited results it receives", () => {
    // Under callAsync a wrapper of `load` (Promise<number>) receives and returns number[].
    const plugin = {
      load: hookimpl({ wrapper: true })(async function* (_args: { path: string }): AsyncGenerator<unknown, number[], number[]> {
        return yield;
      }),
    } satisfies Plugin<Specs>;
    expectTypeOf(plugin).toBeObject();
  });
});

describe("untyped managers", () => {
  it("call a hook of unknown arguments with or without an arguments object", () => {
    // API.md: the call is `(args?)` and `callAsync(args?)`.
    const untyped = new PluginManager("example");
    const hook = untyped.hook["anything"] as HookCaller;
    expectTypeOf(hook.callAsync({ a: 1 })).toEqualTypeOf<Promise<unknown[]>>();
    void hook.callAsync();
    void hook.callParallel();
    void hook();
  });
});
