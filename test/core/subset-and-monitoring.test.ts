// Subset callers, monitoring and tracing around async calls.

import { describe, expect, it } from "vitest";
import { HookImpl, Result } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { flush } from "./async-helpers.ts";

class Plugin {
  readonly label: string;
  constructor(label: string) {
    this.label = label;
  }

  @hookimpl
  async h() {
    await flush();
    return this.label;
  }
}

describe("subset hook callers, called asynchronously", () => {
  it("leave out the removed plugins' implementations under callAsync and callParallel", async () => {
    const { pm } = createManager();
    const [p1, p2, p3] = [new Plugin("p1"), new Plugin("p2"), new Plugin("p3")];
    pm.register(p1, "p1");
    pm.register(p2, "p2");
    pm.register(p3, "p3");
    const subset = pm.subsetHookCaller("h", [p2]);
    await expect(subset.callAsync({})).resolves.toEqual(["p3", "p1"]);
    await expect(subset.callParallel({})).resolves.toEqual(["p3", "p1"]);
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["p3", "p2", "p1"]);
  });

  it("show later registrations and unregistrations (a live view)", async () => {
    const { pm } = createManager();
    const [p1, p2, p3] = [new Plugin("p1"), new Plugin("p2"), new Plugin("p3")];
    pm.register(p1, "p1");
    pm.register(p2, "p2");
    const subset = pm.subsetHookCaller("h", [p1]);
    await expect(subset.callAsync({})).resolves.toEqual(["p2"]);
    pm.register(p3, "p3");
    pm.unregister(p2);
    await expect(subset.callAsync({})).resolves.toEqual(["p3"]);
  });

  it("support callExtraAsync without the removed plugins", async () => {
    const { pm } = createManager();
    const [p1, p2] = [new Plugin("p1"), new Plugin("p2")];
    pm.register(p1, "p1");
    pm.register(p2, "p2");
    const subset = pm.subsetHookCaller("h", [p2]);
    await expect(subset.callExtraAsync([async () => "extra"], {})).resolves.toEqual(["extra", "p1"]);
  });

  it("share the historic call history, so registerAsync replays a call made through the subset", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ configure: hookspec({ historic: true })(() => undefined) });
    const make = (value: number) => ({ configure: hookimpl(async () => value) });
    const removed = make(10);
    pm.register(removed, "removed");
    pm.register(make(1), "kept");
    const results: unknown[] = [];
    await pm.subsetHookCaller("configure", [removed]).callHistoricAsync({ resultCallback: (result) => results.push(result) });
    expect(results).toEqual([1]);
    await pm.registerAsync(make(5), "late");
    expect(results).toEqual([1, 5]);
  });
});

describe("PluginManager.addHookcallMonitoring around async calls", () => {
  it("calls before ahead of every implementation and after once the call settled, with the awaited outcome", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    const outcomes: Array<Result<unknown>> = [];
    pm.register({ h: hookimpl(async () => (await flush(), log.push("impl"), "r")) }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* wrap(): AsyncGenerator<unknown, unknown, unknown> {
          const result = yield;
          await flush();
          log.push("wrapper teardown");
          return result;
        }),
      },
      "wrap",
    );
    pm.addHookcallMonitoring(
      (hookName, impls, kwargs) => {
        log.push(`before ${hookName} ${impls.length} ${JSON.stringify(kwargs)}`);
        expect(impls.every((impl) => impl instanceof HookImpl)).toBe(true);
      },
      (outcome, hookName) => {
        log.push(`after ${hookName}`);
        outcomes.push(outcome);
      },
    );
    await expect(hookOf(pm, "h").callAsync({ x: 1 })).resolves.toEqual(["r"]);
    expect(log).toEqual(['before h 2 {"x":1}', "impl", "wrapper teardown", "after h"]);
    expect(outcomes[0]).toBeInstanceOf(Result);
    expect(outcomes[0]?.getResult()).toEqual(["r"]);
    expect(outcomes[0]?.failed).toBe(false);
  });

  it("shows after the rejection reason, and lets it force a result instead", async () => {
    const { pm } = createManager();
    const error = new Error("rejected");
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(() => Promise.reject(error)) }, "impl");
    pm.addHookcallMonitoring(
      () => undefined,
      (outcome) => {
        seen.push(outcome.failed, outcome.exception);
        outcome.forceResult(["rescued"]);
      },
    );
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["rescued"]);
    expect(seen).toEqual([true, error]);
  });

  it("lets after replace a successful async outcome with forceResult or forceException", async () => {
    const { pm } = createManager();
    pm.register({ h: hookimpl(async () => 1) }, "impl");
    const undo = pm.addHookcallMonitoring(
      () => undefined,
      (outcome) => outcome.forceResult([...(outcome.getResult() as number[]), 2]),
    );
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual([1, 2]);
    undo();
    const replacement = new Error("forced");
    pm.addHookcallMonitoring(
      () => undefined,
      (outcome) => outcome.forceException(replacement),
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(replacement);
  });

  it("nests several monitors around an async call, the latest added outermost", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(async () => (log.push("impl"), 1)) }, "impl");
    pm.addHookcallMonitoring(
      () => log.push("before 1"),
      () => log.push("after 1"),
    );
    pm.addHookcallMonitoring(
      () => log.push("before 2"),
      () => log.push("after 2"),
    );
    await hookOf(pm, "h").callAsync({});
    expect(log).toEqual(["before 2", "before 1", "impl", "after 1", "after 2"]);
  });

  it("rejects the call, running no implementation, when before throws", async () => {
    const { pm } = createManager();
    const error = new Error("before failed");
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("impl")) }, "impl");
    pm.addHookcallMonitoring(
      () => {
        throw error;
      },
      () => log.push("after"),
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(error);
    expect(log).toEqual([]);
  });

  it("covers callParallel, callExtraAsync, callHistoricAsync and the replays of registerAsync", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ configure: hookspec({ historic: true })(() => undefined) });
    pm.register({ h: hookimpl(async () => "h") }, "h-plugin");
    pm.register({ configure: hookimpl(async () => "first") }, "first");
    const calls: Array<[string, string[], unknown]> = [];
    pm.addHookcallMonitoring(
      () => undefined,
      (outcome, hookName, impls) => calls.push([hookName, impls.map((impl) => impl.pluginName), outcome.getResult()]),
    );
    await hookOf(pm, "h").callParallel({});
    await hookOf(pm, "h").callExtraAsync([async () => "extra"], {});
    await hookOf(pm, "configure").callHistoricAsync({});
    await pm.registerAsync({ configure: hookimpl(async () => "late") }, "late");
    expect(calls).toEqual([
      ["h", ["h-plugin"], ["h"]],
      ["h", ["h-plugin", "<temp>"], ["extra", "h"]],
      ["configure", ["first"], ["first"]],
      ["configure", ["late"], ["late"]],
    ]);
  });

  it("stops monitoring async calls after undo", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(async () => 1) }, "impl");
    const undo = pm.addHookcallMonitoring(
      () => log.push("before"),
      () => log.push("after"),
    );
    undo();
    await hookOf(pm, "h").callAsync({});
    expect(log).toEqual([]);
  });
});

describe("PluginManager.enableTracing around async calls", () => {
  it("traces nested async calls with their indent and the resolved result", async () => {
    const { pm } = createManager();
    const lines: string[] = [];
    pm.trace.root.setWriter((line) => lines.push(line));
    pm.addHookspecs({
      h: hookspec(({ a }: { a: number }): unknown => a),
      fr: hookspec({ firstresult: true })(({ a }: { a: number }): unknown => a),
    });
    pm.register(
      {
        h: hookimpl(async ({ a }: { a: number }) => {
          await hookOf(pm, "fr").callAsync({ a });
          return a + 1;
        }),
        fr: hookimpl(async () => {
          await flush();
          return "f";
        }),
      },
      "p",
    );
    const undo = pm.enableTracing();
    await expect(hookOf(pm, "h").callAsync({ a: 1 })).resolves.toEqual([2]);
    expect(lines).toEqual([
      "  h [hook]\n      a: 1\n",
      "    fr [hook]\n        a: 1\n",
      "    finish fr --> f [hook]\n",
      "  finish h --> [2] [hook]\n",
    ]);
    expect(pm.trace.root.indent).toBe(0);
    undo();
    await hookOf(pm, "h").callAsync({ a: 1 });
    expect(lines).toHaveLength(4);
  });

  it("writes only the call line for a rejected async call and restores the indent", async () => {
    const { pm } = createManager();
    const lines: string[] = [];
    pm.trace.root.setWriter((line) => lines.push(line));
    const error = new Error("failed");
    pm.register({ h: hookimpl(async () => Promise.reject(error)) }, "p");
    pm.enableTracing();
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(error);
    expect(lines).toEqual(["  h [hook]\n"]);
    expect(pm.trace.root.indent).toBe(0);
  });
});
