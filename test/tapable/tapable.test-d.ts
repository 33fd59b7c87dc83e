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
  type TapableAsyncParallelBailHook,
  type TapableAsyncParallelHook,
  type TapableAsyncSeriesBailHook,
  type TapableAsyncSeriesHook,
  type TapableAsyncSeriesWaterfallHook,
  type TapableHookArgs,
  type TapableHookLike,
  type TapableSyncBailHook,
  type TapableSyncHook,
  type TapableSyncWaterfallHook,
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
    expectTypeOf(compile).toEqualTypeOf<TapableSyncHook<[Params]>>();
    compile.tap("P", (params) => {
      expectTypeOf(params).toEqualTypeOf<Params>();
    });
    expectTypeOf(toTapableHook(pm, "ready")).toEqualTypeOf<TapableSyncHook<[]>>();
  });

  it("types the positional tuple from args, in the order given", () => {
    expectTypeOf(toTapableHook(pm, "make", { args: ["params", "compilation"] })).toEqualTypeOf<
      TapableSyncHook<[Params, Compilation]>
    >();
    // Several arguments and no args: the order is unknown at compile time.
    expectTypeOf(toTapableHook(pm, "make")).toEqualTypeOf<TapableSyncHook<unknown[]>>();
    // @ts-expect-error: 'stats' is not an argument of hook 'make'
    toTapableHook(pm, "make", { args: ["stats"] });
  });

  it("picks the tapable class from firstresult, async and waterfall", () => {
    expectTypeOf(toTapableHook(pm, "shouldEmit")).toEqualTypeOf<TapableSyncBailHook<[Compilation], boolean | undefined>>();
    expectTypeOf(toTapableHook(pm, "shouldEmit", { async: true })).toEqualTypeOf<
      TapableAsyncSeriesBailHook<[Compilation], boolean | undefined>
    >();
    expectTypeOf(toTapableHook(pm, "shouldEmit", { async: "parallel" })).toEqualTypeOf<
      TapableAsyncParallelBailHook<[Compilation], boolean | undefined>
    >();
    expectTypeOf(toTapableHook(pm, "compile", { async: "series" })).toEqualTypeOf<TapableAsyncSeriesHook<[Params]>>();
    expectTypeOf(toTapableHook(pm, "compile", { async: "parallel" })).toEqualTypeOf<TapableAsyncParallelHook<[Params]>>();
    expectTypeOf(toTapableHook(pm, "assetPath", { args: ["path", "data"], waterfall: true })).toEqualTypeOf<
      TapableSyncWaterfallHook<[string, { hash: string }]>
    >();
    expectTypeOf(toTapableHook(pm, "assetPath", { args: ["path"], waterfall: true, async: true })).toEqualTypeOf<
      TapableAsyncSeriesWaterfallHook<[string]>
    >();
  });

  it("accepts the hook caller in place of the name", () => {
    expectTypeOf(toTapableHook(pm, pm.hook.shouldEmit)).toEqualTypeOf<TapableSyncBailHook<[Compilation], boolean | undefined>>();
  });

  it("refuses hook names the spec map does not have", () => {
    // @ts-expect-error: no hook 'emitted' in the specs
    toTapableHook(pm, "emitted");
  });

  it("types an untyped manager's views loosely", () => {
    const untyped = new PluginManager("bundler");
    expectTypeOf(toTapableHook(untyped, "anything")).toEqualTypeOf<TapableSyncHook<unknown[]>>();
    expectTypeOf(toTapableHook(untyped, "anything", { args: ["a", "b"] })).toEqualTypeOf<TapableSyncHook<[unknown, unknown]>>();
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

describe("the view types and tapable's own classes", () => {
  // hooksmith/tapable writes tapable's class types out (tapable is an optional peer), so a view
  // must fit where tapable's classes are expected, and a tapable hook where a view type is.
  it("are assignable both ways, for every class a view can be", () => {
    expectTypeOf<TapableSyncHook<[Params]>>().toExtend<SyncHook<[Params]>>();
    expectTypeOf<SyncHook<[Params]>>().toExtend<TapableSyncHook<[Params]>>();
    expectTypeOf<TapableSyncHook<unknown[]>>().toExtend<SyncHook<unknown[]>>();
    expectTypeOf<SyncHook<unknown[]>>().toExtend<TapableSyncHook<unknown[]>>();
    expectTypeOf<TapableSyncBailHook<[Compilation], boolean | undefined>>().toExtend<
      SyncBailHook<[Compilation], boolean | undefined>
    >();
    expectTypeOf<SyncBailHook<[Compilation], boolean | undefined>>().toExtend<
      TapableSyncBailHook<[Compilation], boolean | undefined>
    >();
    expectTypeOf<TapableSyncWaterfallHook<[string, number]>>().toExtend<SyncWaterfallHook<[string, number]>>();
    expectTypeOf<SyncWaterfallHook<[string, number]>>().toExtend<TapableSyncWaterfallHook<[string, number]>>();
    expectTypeOf<TapableAsyncSeriesHook<[Params]>>().toExtend<AsyncSeriesHook<[Params]>>();
    expectTypeOf<AsyncSeriesHook<[Params]>>().toExtend<TapableAsyncSeriesHook<[Params]>>();
    expectTypeOf<TapableAsyncSeriesBailHook<[Params], number>>().toExtend<AsyncSeriesBailHook<[Params], number>>();
    expectTypeOf<AsyncSeriesBailHook<[Params], number>>().toExtend<TapableAsyncSeriesBailHook<[Params], number>>();
    expectTypeOf<TapableAsyncSeriesWaterfallHook<[string]>>().toExtend<AsyncSeriesWaterfallHook<[string]>>();
    expectTypeOf<AsyncSeriesWaterfallHook<[string]>>().toExtend<TapableAsyncSeriesWaterfallHook<[string]>>();
    expectTypeOf<TapableAsyncParallelHook<[Params]>>().toExtend<AsyncParallelHook<[Params]>>();
    expectTypeOf<AsyncParallelHook<[Params]>>().toExtend<TapableAsyncParallelHook<[Params]>>();
    expectTypeOf<TapableAsyncParallelBailHook<[Params], number>>().toExtend<AsyncParallelBailHook<[Params], number>>();
    expectTypeOf<AsyncParallelBailHook<[Params], number>>().toExtend<TapableAsyncParallelBailHook<[Params], number>>();
  });

  it("type a view as the tapable class a host declares its hooks with", () => {
    const hooks: { compile: SyncHook<[Params]>; emit: AsyncSeriesHook<[Compilation]> } = {
      compile: toTapableHook(pm, "compile"),
      emit: toTapableHook(pm, "make", { args: ["compilation"], async: true }),
    };
    void hooks;
  });
});

describe("toTapableHooks types", () => {
  it("maps each entry to its view", () => {
    const hooks = toTapableHooks(pm, {
      compile: {},
      shouldEmit: { async: true },
      assetPath: { args: ["path", "data"], waterfall: true },
    });
    expectTypeOf(hooks.compile).toEqualTypeOf<TapableSyncHook<[Params]>>();
    expectTypeOf(hooks.shouldEmit).toEqualTypeOf<TapableAsyncSeriesBailHook<[Compilation], boolean | undefined>>();
    expectTypeOf(hooks.assetPath).toEqualTypeOf<TapableSyncWaterfallHook<[string, { hash: string }]>>();
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
