// tapHooksmith with a tapable stage per implementation: one bridge tap per stage in use, each
// running its stage's implementations as one hooksmith call, in tapable's order between stages and
// pluggy's order within one.

import { AsyncSeriesBailHook, SyncBailHook, SyncHook, SyncWaterfallHook } from "tapable";
import { describe, expect, it } from "vitest";
import { HookimplMarker, type HookImpl } from "hooksmith";
import { tapableStage, tapHooksmith, tapHooksmithHooks, TapableBridgeError } from "hooksmith/tapable";
import { createManager, errorOf, hookimpl, hookspec } from "../support/harness.ts";

describe("tapableStage", () => {
  it("marks a function, or a method as a decorator, before or after @hookimpl", () => {
    const { pm } = createManager();
    class Plugin {
      @tapableStage(-5)
      @hookimpl
      early() {
        return "early";
      }
      @hookimpl
      @tapableStage(5)
      late() {
        return "late";
      }
    }
    const plain = tapableStage(1)(hookimpl(() => "plain"));
    pm.register({ compile: plain }, "plain");
    pm.register({ compile: new Plugin().late }, "late");
    pm.register({ compile: new Plugin().early }, "early");
    const compile = new SyncHook<[]>([]);
    tapHooksmith(pm, "compile", compile);
    expect(compile.taps.map((tap) => tap.stage)).toEqual([-5, undefined, 1, 5]);
  });

  it.each([["400"], [Number.NaN], [undefined]])("refuses the stage %s", (stage) => {
    expect(errorOf(() => tapableStage(stage as number))).toMatchObject({
      name: "HookMarkerError",
      code: "HOOKSMITH_INVALID_MARKER_OPTION",
    });
  });

  it("refuses to mark something that is not a function", () => {
    expect(errorOf(() => tapableStage(1)("nope" as never))).toMatchObject({ code: "HOOKSMITH_INVALID_MARKER_TARGET" });
  });
});

describe("tapHooksmith: a stage per implementation", () => {
  it("interleaves hooksmith implementations with tapable taps by stage", () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ compile: tapableStage(-10)(hookimpl(() => log.push("hooksmith -10"))) }, "a");
    pm.register({ compile: hookimpl(() => log.push("hooksmith 0")) }, "b");
    pm.register({ compile: tapableStage(10)(hookimpl(() => log.push("hooksmith 10"))) }, "c");
    const compile = new SyncHook<[]>([]);
    compile.tap({ name: "T-20", stage: -20 }, () => log.push("tapable -20"));
    compile.tap({ name: "T-5", stage: -5 }, () => log.push("tapable -5"));
    compile.tap({ name: "T5", stage: 5 }, () => log.push("tapable 5"));
    tapHooksmith(pm, "compile", compile, { name: "Bridge" });
    compile.tap({ name: "T20", stage: 20 }, () => log.push("tapable 20"));
    compile.call();
    expect(log).toEqual(["tapable -20", "hooksmith -10", "tapable -5", "hooksmith 0", "tapable 5", "hooksmith 10", "tapable 20"]);
  });

  it("keeps pluggy's call order and the stage's wrappers inside one stage, and calls the hook once per stage", () => {
    const { pm } = createManager();
    const log: string[] = [];
    const stage = tapableStage(100);
    pm.register({ build: stage(hookimpl({ trylast: true })(() => log.push("last"))) }, "last");
    pm.register({ build: stage(hookimpl(() => log.push("older"))) }, "older");
    pm.register({ build: stage(hookimpl(() => log.push("newer"))) }, "newer");
    pm.register({ build: stage(hookimpl({ tryfirst: true })(() => log.push("first"))) }, "first");
    pm.register(
      {
        build: stage(
          hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
            log.push("wrapper in");
            const result = yield;
            log.push("wrapper out");
            return result;
          }),
        ),
      },
      "wrapper",
    );
    pm.register({ build: hookimpl(() => log.push("default stage")) }, "default");
    const calls: string[][] = [];
    pm.addHookcallMonitoring(
      (_name, impls) => calls.push(impls.map((impl) => impl.pluginName)),
      () => undefined,
    );
    const build = new SyncHook<[]>([]);
    tapHooksmith(pm, "build", build);
    build.call();
    expect(log).toEqual(["default stage", "wrapper in", "first", "newer", "older", "last", "wrapper out"]);
    expect(calls).toEqual([["default"], ["last", "older", "newer", "first", "wrapper"]]);
  });

  it("lets the host decide the stages with a function, given the stage an implementation declares", () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ compile: hookimpl(() => log.push("minify")) }, "minify");
    pm.register({ compile: hookimpl(() => log.push("report")) }, "report");
    pm.register({ compile: tapableStage(-1)(hookimpl(() => log.push("banner"))) }, "banner");
    const compile = new SyncHook<[]>([]);
    compile.tap({ name: "Tapable", stage: 200 }, () => log.push("tapable 200"));
    const seen: [string, number | undefined][] = [];
    const stages: Readonly<Record<string, number>> = { minify: 100, report: 300, banner: 50 };
    tapHooksmith(pm, "compile", compile, {
      stage: (impl: HookImpl, { declared, hookName }) => {
        seen.push([`${hookName}:${impl.pluginName}`, declared]);
        return impl.pluginName === "banner" ? undefined : stages[impl.pluginName];
      },
    });
    compile.call();
    expect(log).toEqual(["banner", "minify", "tapable 200", "report"]);
    expect(seen).toEqual([
      ["compile:minify", undefined],
      ["compile:report", undefined],
      ["compile:banner", -1],
    ]);
  });

  it("stops a bail hook at the first stage that answers", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ shouldEmit: tapableStage(10)(hookimpl(() => (log.push("late"), true))) }, "late");
    pm.register({ shouldEmit: tapableStage(-10)(hookimpl(() => (log.push("early"), false))) }, "early");
    const shouldEmit = new SyncBailHook<[], boolean | undefined>([]);
    shouldEmit.tap("Middle", () => (log.push("middle"), undefined));
    tapHooksmith(pm, "shouldEmit", shouldEmit);
    expect(shouldEmit.call()).toBe(false);
    expect(log).toEqual(["early"]);

    const asyncBail = new AsyncSeriesBailHook<[], boolean | undefined>([]);
    tapHooksmith(pm, "shouldEmit", asyncBail, { name: "async" });
    log.length = 0;
    expect(await asyncBail.promise()).toBe(false);
    expect(log).toEqual(["early"]);
  });

  it("threads a waterfall through the tapable taps between stages", () => {
    const { pm } = createManager();
    pm.register({ assetPath: tapableStage(-1)(hookimpl(({ path }: { path: string }) => `/static${path}`)) }, "static");
    pm.register({ assetPath: tapableStage(1)(hookimpl(({ path }: { path: string }) => `https://cdn${path}`)) }, "cdn");
    const assetPath = new SyncWaterfallHook<[string]>(["path"]);
    assetPath.tap("Hash", (path) => `${path}?abc`);
    tapHooksmith(pm, "assetPath", assetPath);
    expect(assetPath.call("/main.js")).toBe("https://cdn/static/main.js?abc");
  });

  it("taps a stage nobody uses yet when asked, for a plugin registered later", () => {
    const { pm } = createManager();
    const compile = new SyncHook<[]>([]);
    tapHooksmith(pm, "compile", compile, { stages: [400] });
    expect(compile.taps.map((tap) => tap.stage)).toEqual([undefined, 400]);
    const log: string[] = [];
    compile.tap({ name: "Tapable", stage: 300 }, () => log.push("tapable 300"));
    pm.register({ compile: tapableStage(400)(hookimpl(() => log.push("hooksmith 400"))) }, "late");
    compile.call();
    expect(log).toEqual(["tapable 300", "hooksmith 400"]);
  });

  it("fails the call, before any implementation runs, for a later plugin whose stage has no tap", () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ compile: hookimpl(() => log.push("default")) }, "default");
    const compile = new SyncHook<[]>([]);
    tapHooksmith(pm, "compile", compile, { name: "Bridge" });
    pm.register({ compile: tapableStage(400)(hookimpl(() => log.push("late"))) }, "late");
    const error = errorOf(() => compile.call());
    expect(error).toBeInstanceOf(TapableBridgeError);
    expect(error).toMatchObject({
      code: "HOOKSMITH_TAPABLE_STAGE_NOT_TAPPED",
      hookName: "compile",
      tapName: "Bridge",
      pluginName: "late",
    });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"tapHooksmith for hook 'compile': plugin 'late' runs at stage 400, but the bridge tapped the hook at stage(s) 0 when tapHooksmith was called; register the plugin before tapping, or list the stage in the stages option"`,
    );
    expect(log).toEqual([]);
  });

  it("calls nothing from a tap whose stage has no implementation any more, and follows unregistrations", () => {
    const { pm } = createManager();
    const log: string[] = [];
    const late = { compile: tapableStage(9)(hookimpl(() => log.push("late"))) };
    pm.register(late, "late");
    pm.register({ compile: hookimpl(() => log.push("default")) }, "default");
    let calls = 0;
    pm.addHookcallMonitoring(
      () => calls++,
      () => undefined,
    );
    const compile = new SyncHook<[]>([]);
    tapHooksmith(pm, "compile", compile);
    pm.unregister(late);
    compile.call();
    expect(log).toEqual(["default"]);
    expect(calls).toBe(1);
  });

  it("makes no hooksmith call while the hook has no implementation", () => {
    const { pm } = createManager();
    pm.addHookspecs({ compile: hookspec(() => undefined) });
    let calls = 0;
    pm.addHookcallMonitoring(
      () => calls++,
      () => undefined,
    );
    const compile = new SyncHook<[]>([]);
    tapHooksmith(pm, "compile", compile);
    compile.call();
    expect(calls).toBe(0);
    pm.register({ compile: hookimpl(() => undefined) }, "p");
    compile.call();
    expect(calls).toBe(1);
  });

  it("refuses a plugin that implements one hook at two stages", () => {
    const { pm } = createManager();
    const marker = HookimplMarker("example");
    pm.register(
      {
        early: tapableStage(-1)(marker({ specname: "compile" })(() => undefined)),
        late: tapableStage(1)(marker({ specname: "compile" })(() => undefined)),
      },
      "two-stages",
    );
    const compile = new SyncHook<[]>([]);
    const error = errorOf(() => tapHooksmith(pm, "compile", compile));
    expect(error).toMatchObject({ code: "HOOKSMITH_TAPABLE_STAGE_SPLIT", pluginName: "two-stages" });
    expect((error as Error).message).toContain("split it into one plugin per stage");
    expect(compile.taps).toEqual([]);
  });

  it("refuses a resolver that gives no number, naming the plugin", () => {
    const { pm } = createManager();
    pm.register({ compile: hookimpl(() => undefined) }, "p");
    const error = errorOf(() => tapHooksmith(pm, "compile", new SyncHook<[]>([]), { stage: () => "400" as never }));
    expect(error).toMatchObject({ code: "HOOKSMITH_TAPABLE_INVALID_STAGE", pluginName: "p" });
  });

  it.each([
    ["a NaN stage", { stage: Number.NaN }, "stage must be a number or a function, got the number NaN"],
    ["a string stage", { stage: "1" }, "stage must be a number or a function"],
    ["stages with a string", { stages: [1, "2"] }, "stages must be an array of numbers"],
    ["stages that are no array", { stages: 3 }, "stages must be an array of numbers"],
  ])("refuses %s", (_label, options, message) => {
    const { pm } = createManager();
    const error = errorOf(() => tapHooksmith(pm, "compile", new SyncHook<[]>([]), options as never));
    expect(error).toMatchObject({ code: "HOOKSMITH_TAPABLE_INVALID_OPTIONS" });
    expect((error as Error).message).toContain(message);
  });

  it("removes every tap of the bridge when untapped", () => {
    const { pm } = createManager();
    pm.register({ compile: tapableStage(7)(hookimpl(() => undefined)) }, "p");
    const compile = new SyncHook<[]>([]);
    compile.tap("Other", () => undefined);
    const untap = tapHooksmith(pm, "compile", compile, { stages: [-3] });
    expect(compile.taps.map((tap) => [tap.name, tap.stage])).toEqual([
      ["example", -3],
      ["Other", undefined],
      ["example", undefined],
      ["example", 7],
    ]);
    expect(untap()).toBe(true);
    expect(compile.taps.map((tap) => tap.name)).toEqual(["Other"]);
    expect(untap()).toBe(false);
  });

  it("applies the stage option to every hook of tapHooksmithHooks", () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ compile: hookimpl(() => log.push("compile")), emit: tapableStage(-1)(hookimpl(() => log.push("emit"))) }, "p");
    const hooks = { compile: new SyncHook<[]>([]), emit: new SyncHook<[]>([]) };
    tapHooksmithHooks(pm, hooks, { stage: 5 });
    expect(hooks.compile.taps.map((tap) => tap.stage)).toEqual([5]);
    expect(hooks.emit.taps.map((tap) => tap.stage)).toEqual([-1, 5]);
  });
});
