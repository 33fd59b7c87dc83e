// Type tests: callHistoric / callHistoricAsync type-check only on historic hooks (branded
// Historic<F>), with kwargs required when the spec has required arguments; a direct call of a
// historic hook fails with a message saying to use callHistoric; callExtra methods are typed like
// implementations. An untyped manager allows every call, as before.

import { describe, expectTypeOf, it } from "vitest";
import { HookspecMarker, PluginManager, type HookCaller, type Historic } from "hooksmith";

interface Specs {
  greet(args: { name: string }): string;
  load(args: { path: string }): Promise<number>;
  configure: Historic<(args: { config: Record<string, unknown> }) => number>;
  started: Historic<(args: { odometer?: number }) => void>;
  announce: Historic<() => string>;
}

const pm = new PluginManager<Specs>("example");

describe("HookCaller.callHistoric types", () => {
  it("calls a historic hook with its kwargs and a typed result callback", () => {
    pm.hook.configure.callHistoric({
      kwargs: { config: { debug: true } },
      resultCallback: (result) => {
        expectTypeOf(result).toEqualTypeOf<number>();
      },
    });
    expectTypeOf(pm.hook.configure.callHistoricAsync({ kwargs: { config: {} } })).toEqualTypeOf<Promise<void>>();
    void pm.hook.configure.callHistoricAsync({
      kwargs: { config: {} },
      signal: new AbortController().signal,
      resultCallback: async (result) => {
        expectTypeOf(result).toEqualTypeOf<number>();
      },
    });
  });

  it("requires kwargs when the spec has required arguments", () => {
    // @ts-expect-error -- configure requires { config }
    pm.hook.configure.callHistoric();
    // @ts-expect-error -- kwargs is required
    pm.hook.configure.callHistoric({});
    // @ts-expect-error -- kwargs is required
    pm.hook.configure.callHistoric({ resultCallback: () => {} });
    // @ts-expect-error -- config is required in kwargs
    pm.hook.configure.callHistoric({ kwargs: {} });
    // @ts-expect-error -- config must be an object
    pm.hook.configure.callHistoric({ kwargs: { config: 1 } });
    // @ts-expect-error -- likewise for callHistoricAsync
    void pm.hook.configure.callHistoricAsync({});
  });

  it("lets the options be left out when no argument is required", () => {
    pm.hook.started.callHistoric();
    pm.hook.started.callHistoric({ kwargs: { odometer: 1 } });
    pm.hook.announce.callHistoric();
    pm.hook.announce.callHistoric({ resultCallback: (text) => expectTypeOf(text).toEqualTypeOf<string>() });
    void pm.hook.started.callHistoricAsync();
  });

  it("refuses callHistoric on a hook that is not historic", () => {
    // @ts-expect-error -- greet is not historic
    pm.hook.greet.callHistoric({ kwargs: { name: "x" } });
    // @ts-expect-error -- greet is not historic, with or without options
    pm.hook.greet.callHistoric();
    // @ts-expect-error -- likewise for callHistoricAsync
    void pm.hook.load.callHistoricAsync({ kwargs: { path: "p" } });
  });

  it("refuses a direct call of a historic hook, and callAsync, callParallel and callExtra", () => {
    // @ts-expect-error -- a historic hook is called with callHistoric
    pm.hook.configure({ config: {} });
    // @ts-expect-error -- even without arguments
    pm.hook.announce();
    // @ts-expect-error -- nor with callAsync
    void pm.hook.configure.callAsync({ config: {} });
    // @ts-expect-error -- nor with callParallel
    void pm.hook.started.callParallel({});
    // @ts-expect-error -- nor with callExtra
    pm.hook.configure.callExtra([], { config: {} });
  });

  it("brands hookspec({ historic: true })(fn), so a spec object needs no interface", () => {
    const hookspec = HookspecMarker("example");
    const specs = { history: hookspec({ historic: true })((_args: { event: string }): number => 0) };
    const typed = new PluginManager<typeof specs>("example");
    typed.addHookspecs(specs);
    typed.hook.history.callHistoric({ kwargs: { event: "e" } });
    // @ts-expect-error -- kwargs is required
    typed.hook.history.callHistoric();
  });
});

describe("HookCaller.callExtra types", () => {
  it("types the extra implementations like implementations of the hook", () => {
    expectTypeOf(pm.hook.greet.callExtra([({ name }) => `extra ${name}`, () => undefined], { name: "x" })).toEqualTypeOf<
      string[]
    >();
    pm.hook.greet.callExtra(
      [
        ({ name }) => {
          expectTypeOf(name).toEqualTypeOf<string>();
          return name;
        },
      ],
      { name: "x" },
    );
    // @ts-expect-error -- greet's implementations return a string
    pm.hook.greet.callExtra([() => 5], { name: "x" });
    // @ts-expect-error -- name is a string
    pm.hook.greet.callExtra([({ name }: { name: number }) => String(name)], { name: "x" });
  });

  it("lets callExtraAsync take async implementations, which may resolve to undefined", () => {
    expectTypeOf(
      pm.hook.load.callExtraAsync([async ({ path }) => path.length, async () => undefined], { path: "p" }),
    ).toEqualTypeOf<Promise<number[]>>();
    void pm.hook.greet.callExtraAsync([async ({ name }) => name], { name: "x" });
    // @ts-expect-error -- load resolves to a number
    void pm.hook.load.callExtraAsync([async () => "p"], { path: "p" });
  });
});

describe("untyped managers", () => {
  it("allow every call, as before", () => {
    const untyped = new PluginManager("example");
    const hook = untyped.hook["anything"] as HookCaller;
    hook.callHistoric();
    hook.callHistoric({ kwargs: { a: 1 }, resultCallback: (result) => expectTypeOf(result).toEqualTypeOf<unknown>() });
    void hook.callHistoricAsync({ kwargs: {} });
    hook.callExtra([({ a }: { a: number }) => a, () => "x"], { a: 1 });
    void hook.callExtraAsync([async () => 1], {});
  });
});
