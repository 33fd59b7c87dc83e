// profileHooks: what a profile records and the figures of its report (issue 17, item 2).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deployStages, HookProfile, NebariStage, profileHooks, type ProfileStats } from "hooksmith";
import { hookimpl, manager, tick, useFakeClock, useRealClock } from "./helpers.ts";

beforeEach(useFakeClock);
afterEach(useRealClock);

/** The figures of a row without the name fields, rounded against float noise. */
function figures(row: ProfileStats | undefined): Record<string, number> {
  if (row === undefined) return {};
  const round = (value: number): number => Math.round(value * 1e6) / 1e6;
  return {
    calls: row.calls,
    totalMs: round(row.totalMs),
    selfMs: round(row.selfMs),
    meanMs: round(row.meanMs),
    p95Ms: round(row.p95Ms),
    errors: row.errors,
    failed: row.failed,
    unfinished: row.unfinished,
  };
}

describe("profileHooks", () => {
  it("times each hook, plugin and implementation, with self time excluding nested calls and wrapped implementations", () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => void tick(4)) }, "leafy");
    pm.register(
      {
        build: hookimpl(() => {
          tick(1);
          hook["leaf"]!({ n: 1 });
          tick(2);
          return "a";
        }),
      },
      "a",
    );
    pm.register({ build: hookimpl(() => void tick(5)) }, "b");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
          tick(1);
          const result = yield;
          tick(2);
          return result;
        }),
      },
      "w",
    );
    const profiler = profileHooks(pm);
    hook["build"]!({ target: "web" });
    const report = profiler.stop();

    const hooks = Object.fromEntries(report.hooks.map((row) => [row.hook, figures(row)]));
    // build: 1 (w setup) + 5 (b) + 1 + 4 + 2 (a, with leaf) + 2 (w teardown) = 15; leaf's 4 are not its own.
    expect(hooks).toEqual({
      build: { calls: 1, totalMs: 15, selfMs: 11, meanMs: 15, p95Ms: 15, errors: 0, failed: 0, unfinished: 0 },
      leaf: { calls: 1, totalMs: 4, selfMs: 4, meanMs: 4, p95Ms: 4, errors: 0, failed: 0, unfinished: 0 },
    });
    const implementations = Object.fromEntries(
      report.implementations.map((row) => [`${row.hook} ${row.plugin}${row.wrapper ? " w" : ""}`, figures(row)]),
    );
    expect(implementations).toEqual({
      "build w w": { calls: 1, totalMs: 15, selfMs: 3, meanMs: 15, p95Ms: 15, errors: 0, failed: 0, unfinished: 0 },
      "build a": { calls: 1, totalMs: 7, selfMs: 3, meanMs: 7, p95Ms: 7, errors: 0, failed: 0, unfinished: 0 },
      "build b": { calls: 1, totalMs: 5, selfMs: 5, meanMs: 5, p95Ms: 5, errors: 0, failed: 0, unfinished: 0 },
      "leaf leafy": { calls: 1, totalMs: 4, selfMs: 4, meanMs: 4, p95Ms: 4, errors: 0, failed: 0, unfinished: 0 },
    });
    // Rows come by self time, largest first; the self times of the implementations add up to the plugin code.
    expect(report.implementations.map((row) => row.plugin)).toEqual(["b", "leafy", "a", "w"]);
    expect(report.plugins.map((row) => [row.plugin, row.selfMs])).toEqual([
      ["b", 5],
      ["leafy", 4],
      ["a", 3],
      ["w", 3],
    ]);
    expect(report.hooks.reduce((sum, row) => sum + row.selfMs, 0)).toBe(15);
  });

  it("gives the mean and the nearest-rank 95th percentile of one call's time", () => {
    const { pm, hook } = manager();
    let next = 0;
    pm.register({ leaf: hookimpl(() => void tick(++next)) }, "steady");
    const profiler = profileHooks(pm);
    for (let i = 0; i < 20; i++) hook["leaf"]!({ n: i });
    const [row] = profiler.stop().implementations;
    expect(figures(row)).toMatchObject({ calls: 20, totalMs: 210, meanMs: 10.5, p95Ms: 19 });
  });

  it("counts an error where it was raised, not where it passed through", () => {
    const { pm, hook } = manager();
    const failure = new Error("disk full");
    pm.register(
      {
        leaf: hookimpl(() => {
          throw failure;
        }),
      },
      "broken",
    );
    pm.register({ build: hookimpl(() => hook["leaf"]!({ n: 1 })) }, "caller");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* guard(): Generator<undefined, unknown, unknown> {
          return yield;
        }),
      },
      "guard",
    );
    const profiler = profileHooks(pm);
    expect(() => hook["build"]!({ target: "web" })).toThrow(failure);
    const report = profiler.stop();
    const errors = Object.fromEntries(report.implementations.map((row) => [row.plugin, [row.errors, row.failed]]));
    expect(errors).toEqual({ broken: [1, 1], caller: [0, 1], guard: [0, 1] });
    expect(Object.fromEntries(report.hooks.map((row) => [row.hook, [row.errors, row.failed]]))).toEqual({
      build: [1, 1],
      leaf: [1, 1],
    });
    expect(report.steps.find((step) => step.pluginName === "broken")).toMatchObject({ failed: true, error: "Error: disk full" });
  });

  it("counts an error a wrapper raises itself in its teardown", () => {
    const { pm, hook } = manager();
    pm.register({ build: hookimpl(() => "ok") }, "impl");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
          yield;
          throw new TypeError("rejected the result");
        }),
      },
      "strict",
    );
    const profiler = profileHooks(pm);
    expect(() => hook["build"]!({ target: "web" })).toThrow("rejected the result");
    const strict = profiler.stop().implementations.find((row) => row.plugin === "strict");
    expect([strict?.calls, strict?.errors, strict?.failed]).toEqual([1, 1, 1]);
  });

  it("times async steps until they settle, and nests calls made after an await", async () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(async () => void tick(3)) }, "leafy");
    pm.register(
      {
        build: hookimpl(async () => {
          tick(1);
          await Promise.resolve();
          await hook["leaf"]!.callAsync({ n: 1 });
          tick(2);
          return "done";
        }),
      },
      "remote",
    );
    const profiler = profileHooks(pm);
    await hook["build"]!.callAsync({ target: "web" });
    const report = profiler.stop();
    expect(report.calls.map((call) => [call.hookName, call.mode, call.parentStep !== undefined])).toEqual([
      ["build", "async", false],
      ["leaf", "async", true],
    ]);
    const remote = report.steps.find((step) => step.pluginName === "remote")!;
    expect([remote.async, remote.end - remote.start]).toEqual([true, 6]);
    expect(report.calls[1]!.parentStep).toBe(remote.id);
    expect(figures(report.implementations.find((row) => row.plugin === "remote"))).toMatchObject({ totalMs: 6, selfMs: 3 });
  });

  it("records calls of every kind: firstresult, historic calls and replays, parallel calls", async () => {
    const { pm, hook } = manager();
    pm.register({ pick: hookimpl(() => 1) }, "picker");
    const profiler = profileHooks(pm);
    hook["pick"]!({ n: 1 });
    hook["configure"]!.callHistoric({ kwargs: { level: 1 } });
    pm.register({ configure: hookimpl(() => 2), build: hookimpl(async () => "x") }, "late");
    await hook["build"]!.callParallel({ target: "web" });
    const report = profiler.stop();
    expect(report.calls.map((call) => [call.hookName, call.kind, call.mode])).toEqual([
      ["pick", "firstresult", "sync"],
      ["configure", "historic", "sync"],
      ["configure", "historic", "sync"],
      ["build", "plain", "parallel"],
    ]);
    expect(report.steps.map((step) => [step.hookName, step.pluginName])).toEqual([
      ["pick", "picker"],
      ["configure", "late"],
      ["build", "late"],
    ]);
  });

  it("marks what still runs when it stops, timed until then", async () => {
    const { pm, hook } = manager();
    let release!: () => void;
    pm.register({ build: hookimpl(() => new Promise<string>((resolve) => (release = () => resolve("late")))) }, "hanging");
    const profiler = profileHooks(pm);
    const running = hook["build"]!.callAsync({ target: "web" });
    tick(7);
    const report = profiler.stop();
    expect(report.calls[0]).toMatchObject({ unfinished: true, failed: false });
    expect(report.calls[0]!.end - report.calls[0]!.start).toBe(7);
    expect(figures(report.implementations[0])).toMatchObject({ calls: 1, totalMs: 7, unfinished: 1 });
    expect(report.toTable({ summary: false })).toMatchInlineSnapshot(`
      "hook   plugin   calls    total     self     mean      p95  errors  running
      build  hanging      1  7.00 ms  7.00 ms  7.00 ms  7.00 ms       0        1
      "
    `);
    release();
    await running;
    expect(report.calls[0]!.unfinished).toBe(true);
  });

  it("stops once: the same report, no more recording, and the fast path back", () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => 1) }, "one");
    const profiler = profileHooks(pm);
    hook["leaf"]!({ n: 1 });
    expect(profiler.active).toBe(true);
    const report = profiler.stop();
    expect(profiler.active).toBe(false);
    hook["leaf"]!({ n: 2 });
    expect(profiler.stop()).toBe(report);
    expect(report).toBeInstanceOf(HookProfile);
    expect(report.calls).toHaveLength(1);
    {
      using scoped = profileHooks(pm);
      hook["leaf"]!({ n: 3 });
      expect(scoped.active).toBe(true);
    }
  });

  it("records only the hooks asked for, and at most maxEvents", () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => 1), build: hookimpl(() => "b") }, "both");
    const only = profileHooks(pm, { hooks: ["leaf"] });
    hook["build"]!({ target: "x" });
    hook["leaf"]!({ n: 1 });
    expect(only.stop().calls.map((call) => call.hookName)).toEqual(["leaf"]);

    const bounded = profileHooks(pm, { maxEvents: 3 });
    for (let i = 0; i < 5; i++) hook["leaf"]!({ n: i });
    const report = bounded.stop();
    // Two calls with their steps fill three events: the second call keeps its step.
    expect([report.calls.length, report.steps.length, report.droppedHookCalls]).toEqual([2, 2, 3]);
    expect(report.toTable().split("\n")[0]).toBe(
      "hooksmith profile: 0 recorded, 2 hook calls, 2 implementation steps, 3 left out (maxEvents reached)",
    );
  });

  it("puts the steps of a real deploy in the profile through onStageProgress", async () => {
    useRealClock();
    const outputDirectory = await mkdtemp(join(tmpdir(), "hooksmith-profile-"));
    try {
      class Network extends NebariStage {
        static override stageName = "network";
        static override priority = 10;
        override async *deploy() {
          yield;
        }
      }
      class Apps extends NebariStage {
        static override stageName = "apps";
        static override priority = 20;
        override deploy(): void {
          throw new Error("no capacity");
        }
      }
      const { pm } = manager();
      const profiler = profileHooks(pm);
      await expect(
        deployStages([Network, Apps], { config: {}, outputDirectory, onProgress: profiler.onStageProgress }),
      ).rejects.toThrow();
      const report = profiler.stop();
      expect(report.stageSteps.map((step) => [step.flow, step.stage, step.phase, step.failed])).toEqual([
        ["deploy", "network", "deploy", false],
        ["deploy", "network", "check", false],
        ["deploy", "apps", "deploy", true],
        ["deploy", "network", "teardown", false],
      ]);
      expect(report.stages.find((row) => row.stage === "apps")).toMatchObject({ phase: "deploy", calls: 1, errors: 1 });
      expect(report.stageSteps[2]!.error).toBe("Error: no capacity");
    } finally {
      await rm(outputDirectory, { recursive: true, force: true });
    }
  });

  it("refuses what it cannot profile", () => {
    const { pm } = manager();
    expect(() => profileHooks({} as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: profileHooks needs a PluginManager, got an object]`,
    );
    expect(() => profileHooks(pm, { maxEvents: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: profileHooks: maxEvents must be a positive whole number or Infinity, got the number 0]`,
    );
    expect(() => profileHooks(pm, { hooks: "leaf" as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: profileHooks: hooks must be an array of hook names, got the string "leaf"]`,
    );
  });
});
