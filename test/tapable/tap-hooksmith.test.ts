// From tapable to hooksmith: tapHooksmith makes a hooksmith hook's implementations run when an
// existing tapable hook is called, answering as each tapable kind expects.

import {
  AsyncParallelBailHook,
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesLoopHook,
  AsyncSeriesWaterfallHook,
  HookMap,
  SyncBailHook,
  SyncHook,
  SyncLoopHook,
  SyncWaterfallHook,
} from "tapable";
import { describe, expect, it } from "vitest";
import { tapHooksmith, tapHooksmithHooks, toTapableHook, untap } from "../../src/tapable/index.ts";
import { createManager, hookimpl, hookspec } from "../support/harness.ts";
import { callbackArgs, flush, recordingInterceptor, type Event } from "./helpers.ts";

describe("tapHooksmith: one tap that runs the hooksmith hook", () => {
  it("SyncHook: calls the hook with the arguments object built from the declared names", () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.register({ compile: hookimpl((args: object) => seen.push(args)) }, "p");
    const compile = new SyncHook<[object, string]>(["params", "mode"]);
    tapHooksmith(pm, "compile", compile);
    expect(compile.call({ entry: "a" }, "dev")).toBeUndefined();
    expect(seen).toEqual([{ params: { entry: "a" }, mode: "dev" }]);
  });

  it("appears in the tapable hook as a tap named after the project, or as asked, with its stage and before", () => {
    const { pm } = createManager();
    const compile = new SyncHook<[object]>(["params"]);
    compile.tap("Other", () => {});
    tapHooksmith(pm, "compile", compile);
    tapHooksmith(pm, "compile2", compile, { name: "Hooksmith", stage: 10 });
    tapHooksmith(pm, "compile3", compile, { name: "First", before: "Other" });
    expect(compile.taps.map((tap) => [tap.name, tap.stage, tap.type])).toEqual([
      ["First", undefined, "sync"],
      ["Other", undefined, "sync"],
      ["example", undefined, "sync"],
      ["Hooksmith", 10, "sync"],
    ]);
  });

  it("runs the plugins registered when the tapable hook is called, not when it was tapped", () => {
    const { pm } = createManager();
    const done = new SyncHook<[string]>(["stats"]);
    tapHooksmith(pm, "done", done);
    const seen: string[] = [];
    done.call("before any plugin");
    pm.register({ done: hookimpl(({ stats }: { stats: string }) => seen.push(stats)) }, "late");
    done.call("after");
    expect(seen).toEqual(["after"]);
  });

  it("keeps hooksmith's semantics inside the call: wrappers, tryfirst and trylast", () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ build: hookimpl({ trylast: true })(() => log.push("last")) }, "last");
    pm.register({ build: hookimpl(() => log.push("plain")) }, "plain");
    pm.register({ build: hookimpl({ tryfirst: true })(() => log.push("first")) }, "first");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
          log.push("wrapper in");
          const result = yield;
          log.push("wrapper out");
          return result;
        }),
      },
      "wrapper",
    );
    const build = new SyncHook<[]>([]);
    build.tap("Before", () => log.push("tapable before"));
    tapHooksmith(pm, "build", build);
    build.tap("After", () => log.push("tapable after"));
    build.call();
    expect(log).toEqual(["tapable before", "wrapper in", "first", "plain", "last", "wrapper out", "tapable after"]);
  });

  it("SyncBailHook: bails with the first result in call order, or lets later taps run", () => {
    const { pm } = createManager();
    const shouldEmit = new SyncBailHook<[object], boolean>(["compilation"]);
    tapHooksmith(pm, "shouldEmit", shouldEmit);
    shouldEmit.tap("Fallback", () => true);
    expect(shouldEmit.call({})).toBe(true);
    pm.register({ shouldEmit: hookimpl(() => false) }, "older");
    pm.register({ shouldEmit: hookimpl(() => null) }, "newer");
    expect(shouldEmit.call({})).toBeNull();
  });

  it("SyncBailHook: uses the result of a firstresult hook as it is, even an array", () => {
    const { pm } = createManager();
    pm.addHookspecs({ pick: hookspec({ firstresult: true })(({ id }: { id: number }) => [id]) });
    pm.register({ pick: hookimpl(({ id }: { id: number }) => [id, id]) }, "p");
    const pick = new SyncBailHook<[number], number[]>(["id"]);
    tapHooksmith(pm, "pick", pick);
    expect(pick.call(2)).toEqual([2, 2]);
  });

  it("SyncWaterfallHook: threads the value through tapable taps and hooksmith implementations", () => {
    const { pm } = createManager();
    pm.register({ assetPath: hookimpl(({ path }: { path: string }) => `${path}/older`) }, "older");
    pm.register({ assetPath: hookimpl(({ path, data }: { path: string; data: string }) => `${path}/newer-${data}`) }, "newer");
    pm.register({ assetPath: hookimpl(() => undefined) }, "abstains");
    const assetPath = new SyncWaterfallHook<[string, string]>(["path", "data"]);
    assetPath.tap("Before", (path) => `${path}/before`);
    tapHooksmith(pm, "assetPath", assetPath);
    assetPath.tap("After", (path, data) => `${path}/after-${data}`);
    expect(assetPath.call("root", "d")).toBe("root/before/newer-d/older/after-d");
  });

  it("SyncLoopHook: runs again while an implementation answers, and the loop interceptor sees each round", () => {
    const { pm } = createManager();
    let remaining = 2;
    pm.register({ optimize: hookimpl(() => (remaining-- > 0 ? true : undefined)) }, "p");
    const optimize = new SyncLoopHook<[string]>(["chunks"]);
    const log: Event[] = [];
    optimize.intercept(recordingInterceptor(log));
    tapHooksmith(pm, "optimize", optimize);
    optimize.call("c");
    expect(log).toEqual([
      ["call", "c"],
      ["loop", "c"],
      ["tap", "example"],
      ["loop", "c"],
      ["tap", "example"],
      ["loop", "c"],
      ["tap", "example"],
      ["done"],
    ]);
  });

  it("AsyncSeriesHook: awaits async implementations one after the other, through promise and callAsync", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    for (const name of ["a", "b"]) {
      pm.register(
        {
          emit: hookimpl(async () => {
            log.push(`${name} start`);
            await flush();
            log.push(`${name} end`);
          }),
        },
        name,
      );
    }
    const emit = new AsyncSeriesHook<[object]>(["compilation"]);
    tapHooksmith(pm, "emit", emit);
    emit.tapPromise("After", async () => {
      log.push("tapable after");
    });
    await emit.promise({});
    expect(log).toEqual(["b start", "b end", "a start", "a end", "tapable after"]);
    expect(await callbackArgs((callback) => emit.callAsync({}, callback))).toEqual([]);
  });

  it("AsyncSeriesBailHook and AsyncSeriesWaterfallHook answer with the bail value and the threaded value", async () => {
    const { pm } = createManager();
    pm.register({ resolve: hookimpl(async ({ request }: { request: string }) => `/abs/${request}`) }, "resolver");
    pm.register({ transform: hookimpl(async ({ source }: { source: string }) => `${source};`) }, "semicolon");
    pm.register({ transform: hookimpl(({ source }: { source: string }) => source.trim()) }, "trim");
    const resolve = new AsyncSeriesBailHook<[string], string>(["request"]);
    const transform = new AsyncSeriesWaterfallHook<[string]>(["source"]);
    tapHooksmith(pm, "resolve", resolve);
    tapHooksmith(pm, "transform", transform);
    await expect(resolve.promise("a.js")).resolves.toBe("/abs/a.js");
    await expect(transform.promise("  x  ")).resolves.toBe("x;");
    expect(await callbackArgs((callback) => transform.callAsync(" y ", callback))).toEqual([null, "y;"]);
  });

  it("AsyncSeriesLoopHook: loops while an implementation answers", async () => {
    const { pm } = createManager();
    let rounds = 0;
    pm.register({ settle: hookimpl(async () => (++rounds < 3 ? "again" : undefined)) }, "p");
    const settle = new AsyncSeriesLoopHook<[]>([]);
    tapHooksmith(pm, "settle", settle);
    await settle.promise();
    expect(rounds).toBe(3);
  });

  it("AsyncParallelHook and AsyncParallelBailHook start the implementations together (callParallel)", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    for (const name of ["a", "b"]) {
      pm.register(
        {
          make: hookimpl(async () => {
            log.push(`${name} start`);
            await flush();
            log.push(`${name} end`);
            return name === "a" ? `${name} result` : undefined;
          }),
        },
        name,
      );
    }
    const make = new AsyncParallelHook<[object]>(["compilation"]);
    tapHooksmith(pm, "make", make);
    await make.promise({});
    expect(log).toEqual(["b start", "a start", "b end", "a end"]);
    const makeBail = new AsyncParallelBailHook<[object], string>(["compilation"]);
    tapHooksmith(pm, "make", makeBail);
    await expect(makeBail.promise({})).resolves.toBe("a result");
  });

  it("passes an implementation's error object unchanged to tapable's caller", async () => {
    const { pm } = createManager();
    const failure = new Error("boom");
    pm.register(
      {
        compile: hookimpl(() => {
          throw failure;
        }),
        emit: hookimpl(async () => Promise.reject(failure)),
      },
      "broken",
    );
    const compile = new SyncHook<[]>([]);
    const emit = new AsyncSeriesHook<[]>([]);
    tapHooksmith(pm, "compile", compile);
    tapHooksmith(pm, "emit", emit);
    expect(() => compile.call()).toThrow(failure);
    await expect(emit.promise()).rejects.toBe(failure);
    expect(await callbackArgs((callback) => emit.callAsync(callback))).toEqual([failure]);
  });

  it("lets the tapable hook's interceptors see and wrap the bridge's tap", () => {
    const { pm } = createManager();
    pm.register({ compile: hookimpl(() => "hooksmith") }, "p");
    const compile = new SyncBailHook<[], string>([]);
    compile.intercept({ register: (tap) => ({ ...tap, fn: () => `wrapped ${String((tap.fn as () => string)())}` }) });
    tapHooksmith(pm, "compile", compile);
    expect(compile.call()).toBe("wrapped hooksmith");
  });

  it("takes the argument names from args when the tapable hook does not declare them", () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.register({ compile: hookimpl((args: object) => seen.push(args)) }, "p");
    const undeclared = new SyncHook<[string]>(["hidden"]);
    // A hook object that keeps no argument names (tapable keeps them in a private field).
    delete (undeclared as unknown as { _args?: unknown })._args;
    expect(() => tapHooksmith(pm, "compile", undeclared)).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmith for hook 'compile': the tapable hook does not tell its argument names; pass them, e.g. { args: ["compilation"] }]`,
    );
    const named = new SyncHook<[string]>(["ignored"]);
    tapHooksmith(pm, "compile", named, { args: ["renamed"] });
    named.call("value");
    expect(seen).toEqual([{ renamed: "value" }]);
  });
});

describe("tapHooksmith: untap", () => {
  it("removes the tap and returns whether it was still there", () => {
    const { pm } = createManager();
    const seen: string[] = [];
    pm.register({ done: hookimpl(() => seen.push("hooksmith")) }, "p");
    const done = new SyncHook<[]>([]);
    const untapDone = tapHooksmith(pm, "done", done);
    done.call();
    expect(untapDone()).toBe(true);
    expect(untapDone()).toBe(false);
    expect(done.taps).toEqual([]);
    done.call();
    expect(seen).toEqual(["hooksmith"]);
  });

  it("stops running the hook even when a register interceptor replaced the tap's function", () => {
    const { pm } = createManager();
    const seen: string[] = [];
    pm.register({ done: hookimpl(() => seen.push("hooksmith")) }, "p");
    const done = new SyncHook<[]>([]);
    done.intercept({ register: (tap) => ({ ...tap, fn: (...args: unknown[]) => (tap.fn as Function)(...args) }) });
    const untapDone = tapHooksmith(pm, "done", done);
    expect(untapDone()).toBe(true);
    done.call();
    expect(seen).toEqual([]);
  });

  it("of a tap into a view removes the plugin the view registered for it", () => {
    const { pm } = createManager();
    const other = createManager().pm;
    const view = toTapableHook(other, "relay", { args: ["value"] });
    const seen: number[] = [];
    pm.register({ source: hookimpl(({ value }: { value: number }) => seen.push(value)) }, "p");
    const untapView = tapHooksmith(pm, "source", view, { name: "Relay" });
    view.tap("Relay", () => "a tap of the same name");
    expect(other.hasPlugin("Relay")).toBe(true);
    expect(other.hook["relay"]!({ value: 1 })).toEqual(["a tap of the same name"]);
    expect(seen).toEqual([1]);
    expect(untapView()).toBe(true);
    expect(other.hook["relay"]!({ value: 2 })).toEqual(["a tap of the same name"]);
    expect(seen).toEqual([1]);
    untap(view, "Relay");
    expect(other.hasPlugin("Relay")).toBe(false);
  });
});

describe("tapHooksmith: refusals", () => {
  it("refuses what is not a tapable hook of a known kind", () => {
    const { pm } = createManager();
    expect(() => tapHooksmith(pm, "x", new HookMap(() => new SyncHook<[]>([])) as never)).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmith for hook 'x': expected a tapable hook (SyncHook, SyncBailHook, SyncWaterfallHook, SyncLoopHook or an Async* hook), got a HookMap; tap one of its hooks, hookMap.for(key)]`,
    );
    expect(() => tapHooksmith(pm, "x", {} as never)).toThrow(/expected a tapable hook .*, got an object/);
  });

  it("refuses names that do not fit the hook's spec, and historic hooks", () => {
    const { pm } = createManager();
    pm.addHookspecs({
      compile: hookspec(({ params }: { params: object }) => params),
      configure: hookspec({ historic: true })(({ config }: { config: object }) => config),
    });
    expect(() => tapHooksmith(pm, "compile", new SyncHook<[object]>(["compilation"]))).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmith for hook 'compile': argument(s) 'compilation' are not in the hook's spec, which takes 'params']`,
    );
    expect(() => tapHooksmith(pm, "compile", new SyncHook<[]>([]))).toThrow(
      "tapHooksmith for hook 'compile': the hook's spec requires argument(s) 'params', missing from the positional names []",
    );
    expect(() => tapHooksmith(pm, "configure", new SyncHook<[object]>(["config"]))).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmith for hook 'configure': the hook is historic and can only be called with callHistoric]`,
    );
  });

  it("refuses to thread a waterfall through a firstresult hook", () => {
    const { pm } = createManager();
    pm.addHookspecs({ assetPath: hookspec({ firstresult: true })(({ path }: { path: string }) => path) });
    expect(() => tapHooksmith(pm, "assetPath", new SyncWaterfallHook<[string]>(["path"]))).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmith for hook 'assetPath': a SyncWaterfallHook runs every tap on the value, but the hook is firstresult, which stops at the first result]`,
    );
  });

  it("refuses to tap a view with the hook it views", () => {
    const { pm } = createManager();
    const view = toTapableHook(pm, "compile", { args: ["params"] });
    expect(() => tapHooksmith(pm, "compile", view)).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmith: the tapable hook is the view of hook 'compile' itself; tapping it would call the hook from inside its own call]`,
    );
  });

  it("refuses unknown options", () => {
    const { pm } = createManager();
    expect(() => tapHooksmith(pm, "compile", new SyncHook<[]>([]), { stag: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmith for hook 'compile': unknown option 'stag'; known options: name, stage, stages, before, args, mapArgs, context]`,
    );
  });
});

describe("tapHooksmithHooks", () => {
  it("taps every hook of a hooks object with the hooksmith hook of the same name, and untaps them all", async () => {
    const { pm } = createManager();
    const hooks = {
      compile: new SyncHook<[object]>(["params"]),
      emit: new AsyncSeriesHook<[object]>(["compilation"]),
    };
    const log: string[] = [];
    pm.register(
      {
        compile: hookimpl(() => log.push("compile")),
        emit: hookimpl(async () => log.push("emit")),
      },
      "p",
    );
    const untapAll = tapHooksmithHooks(pm, hooks, { name: "Bridge" });
    hooks.compile.call({});
    await hooks.emit.promise({});
    expect(log).toEqual(["compile", "emit"]);
    expect(hooks.emit.taps.map((tap) => tap.name)).toEqual(["Bridge"]);
    untapAll();
    expect(hooks.compile.isUsed() || hooks.emit.isUsed()).toBe(false);
  });

  it("taps only the hooks listed, and refuses a value that is not a hook otherwise", () => {
    const { pm } = createManager();
    const hooks = { compile: new SyncHook<[]>([]), statsPrinter: new HookMap(() => new SyncHook<[]>([])) };
    expect(() => tapHooksmithHooks(pm, hooks)).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: tapHooksmithHooks: 'statsPrinter' is not a tapable hook (HookMap); list the hooks to tap in only]`,
    );
    expect(hooks.compile.isUsed()).toBe(false);
    tapHooksmithHooks(pm, hooks, { only: ["compile"] });
    expect(hooks.compile.isUsed()).toBe(true);
    expect(() => tapHooksmithHooks(pm, hooks, { only: ["missing"] })).toThrow(
      "tapHooksmithHooks: 'missing' is missing; list the hooks to tap in only",
    );
  });
});
