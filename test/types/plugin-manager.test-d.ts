// Type tests: what a user's editor shows for a typed PluginManager, its hook callers, the spec
// brands (FirstResult, Historic, and `hookspec({ firstresult: true })(fn)`), and Plugin<Specs>.

import { describe, expectTypeOf, it } from "vitest";
import {
  HookimplMarker,
  HookspecMarker,
  PluginManager,
  type FirstResult,
  type HookCaller,
  type HookimplMark,
  type Historic,
  type Plugin,
  type Result,
} from "../../src/index.ts";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

interface Specs {
  greet(args: { name: string }): string;
  pick: FirstResult<(args: { id: number }) => string>;
  configure: Historic<(args: { config: Record<string, unknown> }) => number>;
  ready(): void;
  load(args: { path: string }): Promise<number>;
  tune(args: { level?: number }): string | undefined;
}

const pm = new PluginManager<Specs>("example");

describe("PluginManager<Specs>: calling hooks", () => {
  it("returns R[] from a plain hook, checking its arguments", () => {
    expectTypeOf(pm.hook.greet({ name: "x" })).toEqualTypeOf<string[]>();
    expectTypeOf(pm.hook.greet).parameters.toEqualTypeOf<[args: { name: string }]>();
    expectTypeOf(pm.hook.greet).toEqualTypeOf<HookCaller<Specs["greet"]>>();
  });

  it("leaves `undefined` (no result) out of R", () => {
    expectTypeOf(pm.hook.tune({ level: 1 })).toEqualTypeOf<string[]>();
    expectTypeOf(pm.hook.ready({})).toEqualTypeOf<never[]>();
  });

  it("returns R | undefined from a FirstResult hook", () => {
    expectTypeOf(pm.hook.pick({ id: 1 })).toEqualTypeOf<string | undefined>();
  });

  it("resolves callAsync to the awaited results, or the first one for a FirstResult hook", () => {
    expectTypeOf(pm.hook.load.callAsync({ path: "p" })).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(pm.hook.load({ path: "p" })).toEqualTypeOf<Promise<number>[]>();
    expectTypeOf(pm.hook.greet.callAsync({ name: "x" })).toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(pm.hook.pick.callAsync({ id: 1 })).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(pm.hook.load.callParallel({ path: "p" })).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(pm.hook.greet.callAsync({ name: "x" }, { signal: new AbortController().signal })).toEqualTypeOf<
      Promise<string[]>
    >();
  });

  it("lets a hook whose arguments are all optional be called without arguments", () => {
    expectTypeOf(pm.hook.tune()).toEqualTypeOf<string[]>();
    expectTypeOf(pm.hook.tune.callAsync()).toEqualTypeOf<Promise<string[]>>();
  });

  it("lets a hook without arguments be called without arguments", () => {
    pm.hook.ready();
    void pm.hook.ready.callAsync();
    void pm.hook.ready.callParallel();
    expectTypeOf(pm.hook.ready({})).toEqualTypeOf<never[]>();
  });

  it("refuses wrong hook names, missing required arguments and wrong argument types", () => {
    // @ts-expect-error -- no hook named 'nope'
    void pm.hook.nope;
    // @ts-expect-error -- misspelt hook name
    pm.hook.gret({ name: "x" });
    // @ts-expect-error -- the arguments object is required
    pm.hook.greet();
    // @ts-expect-error -- 'name' is missing
    pm.hook.greet({});
    // @ts-expect-error -- 'name' must be a string
    pm.hook.greet({ name: 1 });
    // @ts-expect-error -- an unknown argument in an object literal
    pm.hook.greet({ name: "x", extra: 1 });
    // @ts-expect-error -- 'id' must be a number
    void pm.hook.pick.callAsync({ id: "1" });
    // @ts-expect-error -- pluggy's keyword arguments are one object, not positional arguments
    pm.hook.greet("x");
    // @ts-expect-error -- no hook named 'nope'
    pm.subsetHookCaller("nope", []);
  });

  it("refuses a direct call of a Historic hook, and type-checks callHistoric", () => {
    // @ts-expect-error -- a historic hook is called with callHistoric
    pm.hook.configure({ config: {} });
    // @ts-expect-error -- nor with callAsync
    void pm.hook.configure.callAsync({ config: {} });
    pm.hook.configure.callHistoric({
      kwargs: { config: {} },
      resultCallback: (result) => {
        expectTypeOf(result).toEqualTypeOf<number>();
      },
    });
    expectTypeOf(pm.hook.configure.callHistoricAsync({ kwargs: { config: {} } })).toEqualTypeOf<Promise<void>>();
    // @ts-expect-error -- 'config' must be an object
    pm.hook.configure.callHistoric({ kwargs: { config: 1 } });
  });

  it("types callExtra and subset callers like the hook itself", () => {
    expectTypeOf(pm.hook.greet.callExtra([() => "extra"], { name: "x" })).toEqualTypeOf<string[]>();
    expectTypeOf(pm.hook.pick.callExtra([], { id: 1 })).toEqualTypeOf<string | undefined>();
    const subset = pm.subsetHookCaller("greet", []);
    expectTypeOf(subset({ name: "x" })).toEqualTypeOf<string[]>();
    expectTypeOf(pm.subsetHookCaller("pick", [])({ id: 1 })).toEqualTypeOf<string | undefined>();
  });
});

describe("spec maps from marked functions", () => {
  const specs = {
    add: hookspec(({ a, b }: { a: number; b: number }): number => a + b),
    first: hookspec({ firstresult: true })(({ id }: { id: number }): string => String(id)),
    history: hookspec({ historic: true })(({ event }: { event: string }): number => event.length),
  };
  const typed = new PluginManager<typeof specs>("example");
  typed.addHookspecs(specs);

  it("brands hookspec({ firstresult: true })(fn) so that a call returns R | undefined", () => {
    expectTypeOf(typed.hook.add({ a: 1, b: 2 })).toEqualTypeOf<number[]>();
    expectTypeOf(typed.hook.first({ id: 1 })).toEqualTypeOf<string | undefined>();
    expectTypeOf(typed.hook.first.callAsync({ id: 1 })).toEqualTypeOf<Promise<string | undefined>>();
  });

  it("brands hookspec({ historic: true })(fn) so that only callHistoric type-checks", () => {
    // @ts-expect-error -- a historic hook is called with callHistoric
    typed.hook.history({ event: "e" });
    typed.hook.history.callHistoric({ kwargs: { event: "e" } });
  });

  it("returns the marked function with its own type, plus a type-level record of its options", () => {
    const fn = ({ a }: { a: number }): number => a;
    expectTypeOf(hookimpl(fn)).toEqualTypeOf<typeof fn & HookimplMark<Record<never, never>>>();
    expectTypeOf(hookimpl({ tryfirst: true })(fn)).toEqualTypeOf<typeof fn & HookimplMark<{ readonly tryfirst: true }>>();
    expectTypeOf(hookimpl(fn)).toExtend<typeof fn>();
    expectTypeOf(hookimpl(fn)({ a: 1 })).toEqualTypeOf<number>();
  });
});

describe("Plugin<Specs>", () => {
  it("accepts implementations, wrappers of both styles and partial plugins with satisfies", () => {
    const plugin = {
      greet: hookimpl(({ name }: { name: string }) => `hello ${name}`),
      pick: hookimpl(({ id }: { id: number }) => (id > 0 ? String(id) : undefined)),
      ready: hookimpl(() => {}),
    } satisfies Plugin<Specs>;
    expectTypeOf(plugin.greet).returns.toEqualTypeOf<string>();

    const wrappers = {
      greet: hookimpl({ wrapper: true })(function* ({ name }: { name: string }): Generator<unknown, string[], string[]> {
        const results = yield;
        return [...results, name];
      }),
      pick: hookimpl({ hookwrapper: true })(function* (): Generator<unknown, void, Result<string | undefined>> {
        const outcome = yield;
        if (outcome.getResult() === undefined) outcome.forceResult("fallback");
      }),
    } satisfies Plugin<Specs>;
    void wrappers;

    const partial = {} satisfies Plugin<Specs>;
    void partial;
  });

  it("catches a wrong return type, wrong argument types and a misspelt hook with satisfies", () => {
    const wrongReturn = {
      // @ts-expect-error -- greet returns a string
      greet: hookimpl(({ name }: { name: string }) => name.length),
    } satisfies Plugin<Specs>;
    const wrongArgument = {
      // @ts-expect-error -- name is a string
      greet: hookimpl(({ name }: { name: number }) => String(name)),
    } satisfies Plugin<Specs>;
    const misspelt = {
      // @ts-expect-error -- no hook named 'gret'
      gret: hookimpl(({ name }: { name: string }) => name),
    } satisfies Plugin<Specs>;
    const badWrapper = {
      // @ts-expect-error -- a new-style wrapper of greet returns string[]
      greet: hookimpl({ wrapper: true })(function* (): Generator<unknown, number, string[]> {
        const results = yield;
        return results.length;
      }),
    } satisfies Plugin<Specs>;
    void [wrongReturn, wrongArgument, misspelt, badWrapper];
  });

  it("checks a class with implements Plugin<Specs>", () => {
    class Good implements Plugin<Specs> {
      prefix = "hello";

      @hookimpl
      greet({ name }: { name: string }): string {
        return `${this.prefix} ${name}`;
      }

      @hookimpl({ wrapper: true })
      *pick({ id }: { id: number }): Generator<unknown, string | undefined, string | undefined> {
        const result = yield;
        return result ?? String(id);
      }
    }
    expectTypeOf<Good>().toExtend<Plugin<Specs>>();

    class WrongReturn implements Plugin<Specs> {
      @hookimpl
      // @ts-expect-error -- greet returns a string
      greet({ name }: { name: string }): number {
        return name.length;
      }
    }
    class WrongArgument implements Plugin<Specs> {
      @hookimpl
      // @ts-expect-error -- name is a string
      greet({ name }: { name: number }): string {
        return String(name);
      }
    }
    void [WrongReturn, WrongArgument];
  });
});
