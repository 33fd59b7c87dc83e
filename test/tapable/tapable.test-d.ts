import {
  AsyncParallelBailHook,
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesLoopHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncLoopHook,
  SyncWaterfallHook,
} from "tapable";
import { describe, expectTypeOf, it } from "vitest";
import { HookspecMarker, PluginManager, type HookImpl } from "../../src/index.ts";
import {
  tapableStage,
  tapHooksmith,
  tapHooksmithHooks,
  toTapableHook,
  toTapableHooks,
  type TapableArgs,
  type TapableHookArgs,
  type TapableHookLike,
} from "../../src/tapable/index.ts";

interface Params {
  entry: string;
}
interface Compilation {
  assets: string[];
}

const hookspec = HookspecMarker("bundler");
const specs = {
  compile: hookspec((_args: { params: Params }): void => undefined),
  make: hookspec((_args: { compilation: Compilation; params: Params }): void => undefined),
  shouldEmit: hookspec({ firstresult: true })((_args: { compilation: Compilation }): boolean => true),
  assetPath: hookspec((_args: { path: string; data: { hash: string } }): string => ""),
  ready: hookspec((): void => undefined),
};
const pm = new PluginManager<typeof specs>("bundler");
pm.addHookspecs(specs);

describe("toTapableHook types", () => {
  it("types a one-argument hook's view from its spec", () => {
    const compile = toTapableHook(pm, "compile");
    expectTypeOf(compile).toEqualTypeOf<SyncHook<[Params]>>();
    compile.tap("P", (params) => {
      expectTypeOf(params).toEqualTypeOf<Params>();
    });
    expectTypeOf(toTapableHook(pm, "ready")).toEqualTypeOf<SyncHook<[]>>();
  });

  it("types the positional tuple from args, in the order given", () => {
    expectTypeOf(toTapableHook(pm, "make", { args: ["params", "compilation"] })).toEqualTypeOf<SyncHook<[Params, Compilation]>>();
    // Several arguments and no args: the order is unknown at compile time.
    expectTypeOf(toTapableHook(pm, "make")).toEqualTypeOf<SyncHook<unknown[]>>();
    // @ts-expect-error: 'stats' is not an argument of hook 'make'
    toTapableHook(pm, "make", { args: ["stats"] });
  });

  it("picks the tapable class from firstresult, async and waterfall", () => {
    expectTypeOf(toTapableHook(pm, "shouldEmit")).toEqualTypeOf<SyncBailHook<[Compilation], boolean | undefined>>();
    expectTypeOf(toTapableHook(pm, "shouldEmit", { async: true })).toEqualTypeOf<
      AsyncSeriesBailHook<[Compilation], boolean | undefined>
    >();
    expectTypeOf(toTapableHook(pm, "shouldEmit", { async: "parallel" })).toEqualTypeOf<
      AsyncParallelBailHook<[Compilation], boolean | undefined>
    >();
    expectTypeOf(toTapableHook(pm, "compile", { async: "series" })).toEqualTypeOf<AsyncSeriesHook<[Params]>>();
    expectTypeOf(toTapableHook(pm, "compile", { async: "parallel" })).toEqualTypeOf<AsyncParallelHook<[Params]>>();
    expectTypeOf(toTapableHook(pm, "assetPath", { args: ["path", "data"], waterfall: true })).toEqualTypeOf<
      SyncWaterfallHook<[string, { hash: string }]>
    >();
    expectTypeOf(toTapableHook(pm, "assetPath", { args: ["path"], waterfall: true, async: true })).toEqualTypeOf<
      AsyncSeriesWaterfallHook<[string]>
    >();
  });

  it("accepts the hook caller in place of the name", () => {
    expectTypeOf(toTapableHook(pm, pm.hook.shouldEmit)).toEqualTypeOf<SyncBailHook<[Compilation], boolean | undefined>>();
  });

  it("refuses hook names the spec map does not have", () => {
    // @ts-expect-error: no hook 'emitted' in the specs
    toTapableHook(pm, "emitted");
  });

  it("types an untyped manager's views loosely", () => {
    const untyped = new PluginManager("bundler");
    expectTypeOf(toTapableHook(untyped, "anything")).toEqualTypeOf<SyncHook<unknown[]>>();
    expectTypeOf(toTapableHook(untyped, "anything", { args: ["a", "b"] })).toEqualTypeOf<SyncHook<[unknown, unknown]>>();
  });

  it("types async taps of an async view", () => {
    const make = toTapableHook(pm, "make", { args: ["compilation", "params"], async: true });
    make.tapAsync("P", (compilation, params, callback) => {
      expectTypeOf(compilation).toEqualTypeOf<Compilation>();
      expectTypeOf(params).toEqualTypeOf<Params>();
      callback();
    });
    expectTypeOf(make.promise).returns.toEqualTypeOf<Promise<void>>();
  });
});

describe("toTapableHooks types", () => {
  it("maps each entry to its view", () => {
    const hooks = toTapableHooks(pm, {
      compile: {},
      shouldEmit: { async: true },
      assetPath: { args: ["path", "data"], waterfall: true },
    });
    expectTypeOf(hooks.compile).toEqualTypeOf<SyncHook<[Params]>>();
    expectTypeOf(hooks.shouldEmit).toEqualTypeOf<AsyncSeriesBailHook<[Compilation], boolean | undefined>>();
    expectTypeOf(hooks.assetPath).toEqualTypeOf<SyncWaterfallHook<[string, { hash: string }]>>();
    // @ts-expect-error: only the hooks asked for are there
    void hooks.make;
  });
});

describe("tapHooksmith types", () => {
  it("accepts every tapable hook class and returns an untap function", () => {
    const hooks: TapableHookLike[] = [
      new SyncHook<[string]>(["a"]),
      new SyncBailHook<[string], number>(["a"]),
      new SyncWaterfallHook<[string]>(["a"]),
      new SyncLoopHook<[string]>(["a"]),
      new AsyncSeriesHook<[string]>(["a"]),
      new AsyncSeriesBailHook<[string], number>(["a"]),
      new AsyncSeriesWaterfallHook<[string]>(["a"]),
      new AsyncSeriesLoopHook<[string]>(["a"]),
      new AsyncParallelHook<[string]>(["a"]),
      new AsyncParallelBailHook<[string], number>(["a"]),
    ];
    expectTypeOf(tapHooksmith(pm, "compile", hooks[0]!)).toEqualTypeOf<() => boolean>();
    expectTypeOf(tapHooksmithHooks(pm, { compile: hooks[0]! })).toEqualTypeOf<() => void>();
    // @ts-expect-error: no hook 'emitted' in the specs
    tapHooksmith(pm, "emitted", hooks[0]!);
  });

  it("types mapArgs from the tapable hook's arguments, the context and the hook's arguments object", () => {
    const emit = new AsyncSeriesHook<[Compilation]>(["compilation"]);
    const owner = { name: "web", params: { entry: "main.js" } };
    tapHooksmith(pm, "make", emit, {
      context: owner,
      mapArgs: (tapArgs, context) => {
        expectTypeOf(tapArgs).toEqualTypeOf<[Compilation]>();
        expectTypeOf(context).toEqualTypeOf<{ name: string; params: { entry: string } }>();
        return { compilation: tapArgs[0], params: context.params };
      },
    });
    // @ts-expect-error: the hook's arguments object needs params
    tapHooksmith(pm, "make", emit, { mapArgs: ([compilation]) => ({ compilation }) });
    tapHooksmith(pm, "compile", emit, {
      mapArgs: (_tapArgs, context) => {
        expectTypeOf(context).toEqualTypeOf<undefined>();
        return { params: { entry: "" } };
      },
    });
    tapHooksmithHooks(
      pm,
      { make: emit, compile: new SyncHook<[string]>(["entry"]) },
      {
        context: owner,
        mapArgs: {
          make: ([compilation], context) => ({ compilation, params: context.params }),
          compile: ([entry]) => {
            expectTypeOf(entry).toEqualTypeOf<string>();
            return { params: { entry } };
          },
        },
      },
    );
  });

  it("types stage as a number or a resolver", () => {
    const compile = new SyncHook<[Params]>(["params"]);
    tapHooksmith(pm, "compile", compile, { stage: 100, stages: [-1] });
    tapHooksmith(pm, "compile", compile, {
      stage: (impl, { declared, hookName }) => {
        expectTypeOf(impl).toEqualTypeOf<HookImpl>();
        expectTypeOf(declared).toEqualTypeOf<number | undefined>();
        expectTypeOf(hookName).toEqualTypeOf<string>();
        return impl.pluginName === "late" ? 10 : undefined;
      },
    });
    // @ts-expect-error: a stage is a number
    tapHooksmith(pm, "compile", compile, { stage: "100" });
    const marked: () => number = tapableStage(400)(() => 1);
    void marked;
    expectTypeOf<TapableHookArgs<SyncWaterfallHook<[string, number]>>>().toEqualTypeOf<[string, number]>();
  });

  it("computes positional tuples", () => {
    expectTypeOf<TapableArgs<(args: { a: number; b: string }) => void, readonly ["b", "a"]>>().toEqualTypeOf<[string, number]>();
    expectTypeOf<TapableArgs<(args: { a: number }) => void, readonly string[]>>().toEqualTypeOf<[number]>();
  });
});
