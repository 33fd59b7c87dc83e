// tapHooksmith's mapArgs: the arguments object built by a function of the tap's positional
// arguments and a context, for tapable hooks whose arguments are not the hook's (webpack's
// processAssets passes `assets`, a hooksmith implementation also wants the compilation).

import { AsyncSeriesWaterfallHook, SyncHook, SyncWaterfallHook } from "tapable";
import { describe, expect, it } from "vitest";
import { tapHooksmith, tapHooksmithHooks, TapableBridgeError } from "hooksmith/tapable";
import { createManager, errorOf, hookimpl, hookspec } from "../support/harness.ts";

describe("tapHooksmith: mapArgs", () => {
  it("builds the arguments object from the tap's arguments and the context", () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.register({ optimize: hookimpl((args: object) => seen.push(args)) }, "p");
    const owner = { name: "compilation-1" };
    const optimize = new SyncHook<[string[], number]>(["chunks", "pass"]);
    tapHooksmith(pm, "optimize", optimize, {
      context: owner,
      mapArgs: ([chunks, pass], compilation) => ({ chunks, pass, compilation }),
    });
    optimize.call(["main"], 2);
    expect(seen).toEqual([{ chunks: ["main"], pass: 2, compilation: owner }]);
  });

  it("lets the implementations' argument checks apply to the mapped object", () => {
    const { pm } = createManager();
    pm.addHookspecs({ optimize: hookspec((_args: { chunks: string[]; compilation: object }) => undefined) });
    pm.register({ optimize: hookimpl(({ compilation }: { compilation: object }) => compilation) }, "p");
    const optimize = new SyncHook<[string[]]>(["chunks"]);
    tapHooksmith(pm, "optimize", optimize, { mapArgs: ([chunks]) => ({ chunks }) as never });
    expect(() => optimize.call(["main"])).toThrow("hook call must provide argument 'compilation'");
  });

  it("threads a waterfall through the first named argument of the mapped object", async () => {
    const { pm } = createManager();
    pm.register(
      { render: hookimpl(({ source, chunk }: { source: string; chunk: { name: string } }) => `${source}//${chunk.name}`) },
      "p",
    );
    const owner = { name: "main" };
    const render = new SyncWaterfallHook<[string]>(["source"]);
    render.tap("Upper", (source) => source.toUpperCase());
    tapHooksmith(pm, "render", render, { context: owner, mapArgs: ([source], chunk) => ({ source, chunk }) });
    expect(render.call("code")).toBe("CODE//main");

    const asyncRender = new AsyncSeriesWaterfallHook<[string]>(["source"]);
    tapHooksmith(pm, "render", asyncRender, {
      args: ["source"],
      context: owner,
      mapArgs: ([source], chunk) => ({ source, chunk }),
    });
    expect(await asyncRender.promise("code")).toBe("code//main");
  });

  it("refuses a waterfall whose threaded argument is not in the spec", () => {
    const { pm } = createManager();
    pm.addHookspecs({ render: hookspec(({ code }: { code: string }) => code) });
    const render = new SyncWaterfallHook<[string]>(["source"]);
    const error = errorOf(() => tapHooksmith(pm, "render", render, { mapArgs: ([source]) => ({ code: source }) }));
    expect(error).toMatchObject({ code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES" });
    expect((error as Error).message).toContain("threads its value through argument 'source'");
    // Naming the threaded argument as the spec does fixes it.
    tapHooksmith(pm, "render", render, { args: ["code"], mapArgs: ([source]) => ({ code: source }) });
  });

  it("wraps an error thrown by mapArgs, naming the hook, with the original as cause", () => {
    const { pm } = createManager();
    pm.register({ compile: hookimpl(() => undefined) }, "p");
    const original = new Error("no compilation yet");
    const compile = new SyncHook<[object]>(["params"]);
    tapHooksmith(pm, "compile", compile, {
      mapArgs: () => {
        throw original;
      },
    });
    const error = errorOf(() => compile.call({}));
    expect(error).toBeInstanceOf(TapableBridgeError);
    expect(error).toMatchObject({ code: "HOOKSMITH_TAPABLE_MAP_ARGS_FAILED", hookName: "compile", cause: original });
    expect((error as Error).message).toBe("tapHooksmith for hook 'compile': mapArgs threw: no compilation yet");
  });

  it.each([
    ["null", null],
    ["an array", [1]],
    ["a string", "args"],
  ])("refuses a mapArgs result that is %s", async (_label, result) => {
    const { pm } = createManager();
    pm.register({ compile: hookimpl(() => undefined) }, "p");
    const compile = new SyncHook<[object]>(["params"]);
    tapHooksmith(pm, "compile", compile, { mapArgs: () => result as never });
    expect(errorOf(() => compile.call({}))).toMatchObject({ code: "HOOKSMITH_TAPABLE_MAP_ARGS_RESULT" });
  });

  it("refuses a waterfall mapArgs result without the threaded argument", () => {
    const { pm } = createManager();
    pm.register({ render: hookimpl(() => undefined) }, "p");
    const render = new SyncWaterfallHook<[string]>(["source"]);
    tapHooksmith(pm, "render", render, { mapArgs: ([source]) => ({ code: source }) as never });
    const error = errorOf(() => render.call("x"));
    expect(error).toMatchObject({ code: "HOOKSMITH_TAPABLE_MAP_ARGS_RESULT" });
    expect((error as Error).message).toContain("mapArgs returned no 'source', the argument the waterfall threads");
  });

  it("rejects an async tap's call instead of throwing when mapArgs fails", async () => {
    const { pm } = createManager();
    pm.register({ render: hookimpl(() => undefined) }, "p");
    const render = new AsyncSeriesWaterfallHook<[string]>(["source"]);
    tapHooksmith(pm, "render", render, { mapArgs: () => null as never });
    await expect(render.promise("x")).rejects.toMatchObject({ code: "HOOKSMITH_TAPABLE_MAP_ARGS_RESULT" });
  });

  it("refuses args next to mapArgs on a hook that is no waterfall, and a mapArgs that is no function", () => {
    const { pm } = createManager();
    const compile = new SyncHook<[object]>(["params"]);
    expect(
      errorOf(() => tapHooksmith(pm, "compile", compile, { args: ["params"], mapArgs: ([params]) => ({ params }) })),
    ).toMatchObject({
      code: "HOOKSMITH_TAPABLE_INVALID_OPTIONS",
    });
    expect(errorOf(() => tapHooksmith(pm, "compile", compile, { mapArgs: "params" as never }))).toMatchObject({
      code: "HOOKSMITH_TAPABLE_INVALID_OPTIONS",
    });
    expect(compile.taps).toEqual([]);
  });

  it("leaves the tapable hook's argument names out when mapArgs builds the object", () => {
    const { pm } = createManager();
    pm.addHookspecs({ done: hookspec(({ stats }: { stats: string }) => stats) });
    const seen: unknown[] = [];
    pm.register({ done: hookimpl((args: object) => seen.push(args)) }, "p");
    const done = new SyncHook<[string]>(["s"]);
    expect(() => tapHooksmith(pm, "done", done)).toThrow("argument(s) 's' are not in the hook's spec");
    tapHooksmith(pm, "done", done, { mapArgs: ([stats]) => ({ stats }) });
    done.call("ok");
    expect(seen).toEqual([{ stats: "ok" }]);
  });
});

describe("tapHooksmithHooks: mapArgs per hook", () => {
  it("maps the hooks that need it, with one context for all", async () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.register(
      {
        processAssets: hookimpl((args: object) => seen.push(["processAssets", args])),
        seal: hookimpl((args: object) => seen.push(["seal", args])),
      },
      "p",
    );
    const compilation = { name: "c1" };
    const hooks = { processAssets: new SyncHook<[object]>(["assets"]), seal: new SyncHook<[]>([]) };
    tapHooksmithHooks(pm, hooks, {
      context: compilation,
      mapArgs: { processAssets: ([assets], owner) => ({ assets, compilation: owner }) },
    });
    hooks.processAssets.call({ "a.js": "" });
    hooks.seal.call();
    expect(seen).toEqual([
      ["processAssets", { assets: { "a.js": "" }, compilation }],
      ["seal", {}],
    ]);
  });

  it("refuses a mapArgs entry for a hook it does not tap, and taps nothing", () => {
    const { pm } = createManager();
    const hooks = { seal: new SyncHook<[]>([]) };
    const error = errorOf(() => tapHooksmithHooks(pm, hooks, { mapArgs: { sael: () => ({}) } as never }));
    expect(error).toMatchObject({ code: "HOOKSMITH_TAPABLE_INVALID_OPTIONS", hookName: "sael" });
    expect(hooks.seal.taps).toEqual([]);
  });
});
