// From hooksmith to tapable: toTapableHook returns a real tapable hook whose taps become hooksmith
// implementations and whose calls run the hooksmith call.

import {
  AsyncParallelBailHook,
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from "tapable";
import { describe, expect, it } from "vitest";
import { TapableTapError, toTapableHook, toTapableHooks, type TapableHookOptions } from "../../src/tapable/index.ts";
import type { PluginManager } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { callbackArgs, flush } from "./helpers.ts";

const specs = {
  compile: hookspec(({ params }: { params: object }): unknown => params),
  emit: hookspec(({ compilation }: { compilation: { assets: string[] } }): unknown => compilation),
  shouldEmit: hookspec({ firstresult: true })(({ compilation }: { compilation: object }): boolean => compilation !== null),
  make: hookspec(({ compilation, params }: { compilation: object; params: object }): unknown => [compilation, params]),
};

function managerWithSpecs() {
  const { pm, warnings } = createManager<typeof specs>();
  pm.addHookspecs(specs);
  return { pm, warnings, untyped: pm as unknown as PluginManager };
}

describe("toTapableHook: the tapable class of a view", () => {
  it.each([
    ["compile", {}, SyncHook],
    ["shouldEmit", {}, SyncBailHook],
    ["compile", { async: true }, AsyncSeriesHook],
    ["compile", { async: "series" }, AsyncSeriesHook],
    ["shouldEmit", { async: true }, AsyncSeriesBailHook],
    ["compile", { async: "parallel" }, AsyncParallelHook],
    ["shouldEmit", { async: "parallel" }, AsyncParallelBailHook],
    ["compile", { waterfall: true }, SyncWaterfallHook],
    ["compile", { waterfall: true, async: true }, AsyncSeriesWaterfallHook],
  ] as const)("views %s with %o as a real tapable instance", (name, options, Class) => {
    const { untyped } = managerWithSpecs();
    const view = toTapableHook(untyped, name, options as TapableHookOptions);
    expect(view.constructor).toBe(Class);
    expect(view.name).toBe(name);
    expect(typeof view.intercept).toBe("function");
    expect(typeof view.withOptions).toBe("function");
  });

  it("leaves call undefined on asynchronous views, as tapable's async classes do", () => {
    const { pm } = managerWithSpecs();
    expect((toTapableHook(pm, "emit", { async: true }) as unknown as { call: unknown }).call).toBeUndefined();
  });

  it("accepts the hook caller instead of its name, and a tapable name", () => {
    const { pm } = managerWithSpecs();
    const view = toTapableHook(pm, pm.hook.compile, { name: "Compiler.compile" });
    expect(view.name).toBe("Compiler.compile");
    view.tap("P", () => {});
    expect(pm.hook.compile.getHookimpls().map((impl) => impl.pluginName)).toEqual(["P"]);
  });

  it("reads the positional order from the spec, or from args", () => {
    const { pm } = managerWithSpecs();
    const seen: unknown[] = [];
    toTapableHook(pm, "make").tap("A", (...args: unknown[]) => seen.push(args));
    toTapableHook(pm, "make", { args: ["params", "compilation"] }).tap("B", (...args: unknown[]) => seen.push(args));
    pm.hook.make({ compilation: { c: 1 }, params: { p: 1 } });
    expect(seen).toEqual([
      [{ p: 1 }, { c: 1 }],
      [{ c: 1 }, { p: 1 }],
    ]);
  });

  it("views a hook that has no spec and no implementation yet, given args", () => {
    const { pm } = createManager();
    const done = toTapableHook(pm, "done", { args: ["stats"] });
    expect(done.call({ ok: true })).toBeUndefined();
    done.tap("Logger", (stats) => stats);
    expect(hookOf(pm, "done")({ stats: 1 })).toEqual([1]);
  });
});

describe("toTapableHook: tap, tapAsync and tapPromise", () => {
  it("register a hooksmith plugin named after the tap, which a hooksmith call runs", () => {
    const { pm } = managerWithSpecs();
    const compile = toTapableHook(pm, "compile");
    const seen: unknown[] = [];
    compile.tap("MyPlugin", (params) => {
      seen.push(params);
      return "from tap";
    });
    expect(pm.hasPlugin("MyPlugin")).toBe(true);
    const [impl] = pm.hook.compile.getHookimpls();
    expect(impl?.pluginName).toBe("MyPlugin");
    expect(impl?.argnames).toEqual(["params"]);
    expect(pm.hook.compile({ params: { entry: "a" } })).toEqual(["from tap"]);
    expect(seen).toEqual([{ entry: "a" }]);
  });

  it("gathers every tap of one name, on any hook, into one plugin", () => {
    const { pm } = managerWithSpecs();
    const hooks = toTapableHooks(pm, { compile: {}, emit: { async: true } });
    hooks.compile.tap("MyPlugin", () => "compile");
    hooks.emit.tapPromise("MyPlugin", async () => {});
    hooks.compile.tap({ name: "MyPlugin" }, () => "compile again");
    const plugin = pm.getPlugin("MyPlugin")!;
    expect(pm.getHookcallers(plugin)?.map((caller) => caller.name)).toEqual(["compile", "emit"]);
    expect(pm.hook.compile({ params: {} })).toEqual(["compile again", "compile"]);
    expect(pm.listNamePlugin().map(([name]) => name)).toEqual(["MyPlugin"]);
  });

  it("mixes taps and hooksmith implementations in hooksmith's call order", () => {
    const { pm } = managerWithSpecs();
    const compile = toTapableHook(pm, "compile");
    pm.register({ compile: hookimpl(() => "native plain") }, "native");
    pm.register({ compile: hookimpl({ trylast: true })(() => "native last") }, "last");
    compile.tap("A", () => "A");
    compile.tap({ name: "Early", stage: -10 }, () => "Early");
    compile.tap("B", () => "B");
    compile.tap({ name: "Late", stage: 10 }, () => "Late");
    pm.register({ compile: hookimpl({ tryfirst: true })(() => "native first") }, "first");
    expect(pm.hook.compile({ params: {} })).toEqual(["native first", "Early", "B", "A", "native plain", "native last", "Late"]);
    expect(compile.taps.map((tap) => tap.name)).toEqual(["Early", "B", "A", "Late"]);
  });

  it("keeps the tap descriptor as tapable shapes it, with the options a view accepts", () => {
    const { pm } = managerWithSpecs();
    const compile = toTapableHook(pm, "compile", { tapOptions: ["additionalAssets"] });
    const fn = () => {};
    compile.tap({ name: " Spaced ", stage: -1, additionalAssets: true } as never, fn);
    expect(compile.taps).toEqual([{ type: "sync", fn, name: "Spaced", stage: -1, additionalAssets: true }]);
  });

  it("supports withOptions, which merges options into each tap", () => {
    const { pm } = managerWithSpecs();
    const compile = toTapableHook(pm, "compile");
    compile.withOptions({ stage: -5 }).tap("Early", () => "early");
    compile.tap("Plain", () => "plain");
    expect(pm.hook.compile({ params: {} })).toEqual(["early", "plain"]);
    expect(compile.taps[0]?.stage).toBe(-5);
  });

  it("awaits tapAsync callbacks and tapPromise promises in a hooksmith callAsync", async () => {
    const { pm } = managerWithSpecs();
    const emit = toTapableHook(pm, "emit", { async: true });
    const log: string[] = [];
    emit.tapAsync("Callback", (compilation, callback) => {
      setTimeout(() => {
        log.push(`callback ${compilation.assets.length}`);
        callback();
      }, 5);
    });
    emit.tapPromise("Promise", async (compilation) => {
      await flush();
      log.push(`promise ${compilation.assets.length}`);
    });
    emit.tap("Sync", () => {
      log.push("sync");
    });
    await pm.hook.emit.callAsync({ compilation: { assets: ["a"] } });
    expect(log).toEqual(["sync", "promise 1", "callback 1"]);
  });

  it("passes a tapAsync callback's result, and its error object unchanged", async () => {
    const { pm } = managerWithSpecs();
    const shouldEmit = toTapableHook(pm, "shouldEmit", { async: true });
    shouldEmit.tapAsync("Answer", (_compilation, callback) => callback(null, false));
    await expect(pm.hook.shouldEmit.callAsync({ compilation: {} })).resolves.toBe(false);
    const failure = new Error("no");
    shouldEmit.tapAsync("Fails", (_compilation, callback) => callback(failure));
    await expect(shouldEmit.promise({})).rejects.toBe(failure);
  });

  it("refuses tapAsync and tapPromise on a synchronous view, naming the hook and the tap", () => {
    const { pm } = managerWithSpecs();
    const compile = toTapableHook(pm, "compile") as unknown as AsyncSeriesHook<[object]>;
    expect(() => compile.tapPromise("Later", async () => {})).toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: tapPromise is not supported on hook 'compile' (tap 'Later'): its view is a synchronous SyncHook; create the view with toTapableHook(pm, "compile", { async: true }) to accept asynchronous taps]`,
    );
    expect(() => compile.tapAsync({ name: "Later" }, (_params, callback) => callback())).toThrow(TapableTapError);
    expect(pm.hasPlugin("Later")).toBe(false);
  });

  it("fails a call whose tapPromise function returns no promise", async () => {
    const { pm } = managerWithSpecs();
    const emit = toTapableHook(pm, "emit", { async: true });
    emit.tapPromise("Broken", (() => 42) as never);
    await expect(emit.promise({ assets: [] })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Tap 'Broken' on hook 'emit' was made with tapPromise but returned the number 42, not a promise]`,
    );
  });
});

describe("toTapableHook: call, callAsync and promise", () => {
  it("call maps positional arguments to the arguments object hooksmith implementations receive", () => {
    const { pm } = managerWithSpecs();
    const seen: unknown[] = [];
    pm.register({ make: hookimpl((args: object) => seen.push(args)) }, "native");
    toTapableHook(pm, "make").call({ id: 1 }, { mode: "dev" });
    expect(seen).toEqual([{ compilation: { id: 1 }, params: { mode: "dev" } }]);
  });

  it("runs hooksmith wrappers around the taps", () => {
    const { pm } = managerWithSpecs();
    const log: string[] = [];
    const compile = toTapableHook(pm, "compile");
    compile.tap("Tap", () => {
      log.push("tap");
    });
    pm.register(
      {
        compile: hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
          log.push("before");
          const result: unknown = yield;
          log.push("after");
          return result;
        }),
      },
      "wrapper",
    );
    expect(compile.call({})).toBeUndefined();
    expect(log).toEqual(["before", "tap", "after"]);
  });

  it("a bail view returns the firstresult result: the first non-undefined one, after wrappers", () => {
    const { pm } = managerWithSpecs();
    const shouldEmit = toTapableHook(pm, "shouldEmit");
    const ran: string[] = [];
    shouldEmit.tap("Never", () => {
      ran.push("Never");
      return true;
    });
    shouldEmit.tap("No", () => {
      ran.push("No");
      return false;
    });
    shouldEmit.tap("Abstains", () => {
      ran.push("Abstains");
      return undefined as unknown as boolean;
    });
    expect(shouldEmit.call({})).toBe(false);
    expect(ran).toEqual(["Abstains", "No"]);
    pm.register(
      {
        shouldEmit: hookimpl({ wrapper: true })(function* (): Generator<undefined, boolean, boolean> {
          const result: boolean = yield;
          return !result;
        }),
      },
      "negate",
    );
    expect(shouldEmit.call({})).toBe(true);
  });

  it("throws an implementation's error object unchanged, from call, promise and callAsync", async () => {
    const { pm } = managerWithSpecs();
    const failure = new Error("boom");
    pm.register(
      {
        compile: hookimpl(() => {
          throw failure;
        }),
      },
      "broken",
    );
    const compile = toTapableHook(pm, "compile");
    expect(() => compile.call({})).toThrow(failure);
    await expect(compile.promise({})).rejects.toBe(failure);
    expect(await callbackArgs((callback) => compile.callAsync({}, callback))).toEqual([failure]);
  });

  it("callAsync calls back with no arguments when done, and with the bail result", async () => {
    const { pm } = managerWithSpecs();
    const emit = toTapableHook(pm, "emit", { async: true });
    emit.tap("A", () => {});
    expect(await callbackArgs((callback) => emit.callAsync({ assets: [] }, callback))).toEqual([]);
    const shouldEmit = toTapableHook(pm, "shouldEmit", { async: true });
    expect(await callbackArgs((callback) => shouldEmit.callAsync({}, callback))).toEqual([]);
    shouldEmit.tapPromise("No", async () => false);
    expect(await callbackArgs((callback) => shouldEmit.callAsync({}, callback))).toEqual([null, false]);
  });

  it("an async series view awaits each implementation in hooksmith's order", async () => {
    const { pm } = managerWithSpecs();
    const emit = toTapableHook(pm, "emit", { async: true });
    const log: string[] = [];
    for (const name of ["A", "B"]) {
      emit.tapPromise(name, async () => {
        log.push(`${name} start`);
        await flush();
        log.push(`${name} end`);
      });
    }
    await emit.promise({ assets: [] });
    expect(log).toEqual(["B start", "B end", "A start", "A end"]);
  });

  it("a parallel view starts the implementations together (callParallel)", async () => {
    const { pm } = managerWithSpecs();
    const emit = toTapableHook(pm, "emit", { async: "parallel" });
    const log: string[] = [];
    for (const name of ["A", "B"]) {
      emit.tapPromise(name, async () => {
        log.push(`${name} start`);
        await flush();
        log.push(`${name} end`);
      });
    }
    await emit.promise({ assets: [] });
    expect(log).toEqual(["B start", "A start", "B end", "A end"]);
    const shouldEmit = toTapableHook(pm, "shouldEmit", { async: "parallel" });
    shouldEmit.tapPromise("Slow", async () => {
      await flush();
      return false;
    });
    shouldEmit.tapPromise("Abstains", async () => undefined as unknown as boolean);
    await expect(shouldEmit.promise({})).resolves.toBe(false);
  });

  it("a waterfall view threads the first argument through taps and hooksmith implementations", () => {
    const { pm } = createManager();
    const assetPath = toTapableHook(pm, "assetPath", { args: ["path", "data"], waterfall: true });
    pm.register(
      { assetPath: hookimpl(({ path, data }: { path: string; data: { hash: string } }) => `${path}?${data.hash}`) },
      "hash",
    );
    assetPath.tap("Cdn", (path) => `/cdn${String(path)}`);
    assetPath.tap("Keep", () => undefined);
    expect(assetPath.call("/main.js", { hash: "abc" })).toBe("/cdn/main.js?abc");
    expect(
      hookOf(pm, "assetPath")
        .getHookimpls()
        .map((impl) => impl.pluginName),
    ).toEqual(["hash", "Cdn", "Keep"]);
    expect(assetPath.call("/x.js", { hash: "1" })).toBe("/cdn/x.js?1");
  });

  it("a waterfall view lets wrappers see and change the final value, and returns the first argument when nothing answers", async () => {
    const { pm } = createManager();
    const assetPath = toTapableHook(pm, "assetPath", { args: ["path"], waterfall: true, async: true });
    await expect(assetPath.promise("/a.js")).resolves.toBe("/a.js");
    assetPath.tapPromise("Min", async (path) => String(path).replace(".js", ".min.js"));
    pm.register(
      {
        assetPath: hookimpl({ wrapper: true })(function* (): Generator<undefined, string[], string[]> {
          const [value]: string[] = yield;
          return [value!.toUpperCase()];
        }),
      },
      "upper",
    );
    await expect(assetPath.promise("/a.js")).resolves.toBe("/A.MIN.JS");
  });

  it("a waterfall checks the arguments each implementation requires, and refuses a plugin that also wraps the hook", () => {
    const { pm } = createManager();
    const assetPath = toTapableHook(pm, "assetPath", { args: ["path"], waterfall: true });
    pm.register({ assetPath: hookimpl(({ path, hash }: { path: string; hash: string }) => `${path}?${hash}`) }, "needsHash");
    expect(() => assetPath.call("/a.js")).toThrowErrorMatchingInlineSnapshot(
      `[HookCallError: hook call must provide argument 'hash' (hook 'assetPath', plugin 'needsHash')]`,
    );
    pm.unregister(undefined, "needsHash");
    pm.register(
      {
        assetPath: hookimpl(({ path }: { path: string }) => path),
        wrapAssetPath: hookimpl({ wrapper: true, specname: "assetPath" })(function* (): Generator<undefined, unknown, unknown> {
          return yield;
        }),
      },
      "both",
    );
    expect(() => assetPath.call("/a.js")).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: hook 'assetPath' is called as a waterfall, but plugin 'both' has both a wrapper and an implementation of it: a waterfall runs the implementations one by one inside the wrappers, so one plugin cannot be on both sides; split it into two plugins]`,
    );
  });

  it("turns a tapPromise rejection with a falsy value into an error naming the hook and the tap", async () => {
    const { pm } = managerWithSpecs();
    const emit = toTapableHook(pm, "emit", { async: true });
    emit.tapPromise("Rejects", () => Promise.reject(null));
    await expect(emit.promise({ assets: [] })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Tap 'Rejects' on hook 'emit' rejected with null]`,
    );
  });

  it("isUsed is true once the hook has an implementation or the view an interceptor", () => {
    const { pm } = managerWithSpecs();
    const compile = toTapableHook(pm, "compile");
    expect(compile.isUsed()).toBe(false);
    pm.register({ compile: hookimpl(() => {}) }, "native");
    expect(compile.isUsed()).toBe(true);
    const emit = toTapableHook(pm, "emit", { async: true });
    emit.intercept({});
    expect(emit.isUsed()).toBe(true);
  });

  it("passes undefined for positional arguments a call leaves out, as tapable does", () => {
    const { pm } = managerWithSpecs();
    const make = toTapableHook(pm, "make");
    const seen: unknown[] = [];
    make.tap("A", (...args: unknown[]) => seen.push(args));
    (make.call as (...args: unknown[]) => void)("only compilation");
    expect(seen).toEqual([["only compilation", undefined]]);
  });
});
