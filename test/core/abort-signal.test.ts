// Cancellation: `{ signal }` stops an async call between implementations with the signal's reason.

import { describe, expect, it } from "vitest";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { deferred, flush } from "./async-helpers.ts";

// A new-style wrapper that records what is thrown into it and rethrows it.
function recordingWrapper(seen: unknown[], log: string[]) {
  return hookimpl({ wrapper: true })(function* wrap(): Generator<unknown, unknown, unknown> {
    log.push("wrapper init");
    try {
      return yield;
    } catch (error) {
      seen.push(error);
      throw error;
    } finally {
      log.push("wrapper finally");
    }
  });
}

describe("HookCaller.callAsync with an AbortSignal", () => {
  it("stops before the next implementation once aborted, and rejects with the signal's reason", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("stop now");
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("third")) }, "third");
    pm.register({ h: hookimpl(() => log.push("second")) }, "second");
    pm.register(
      {
        h: hookimpl(() => {
          log.push("first");
          controller.abort(reason);
          return "first";
        }),
      },
      "first",
    );
    await expect(hookOf(pm, "h").callAsync({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(log).toEqual(["first"]);
  });

  it("lets the running implementation finish, then runs nothing after it", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("cancelled while running");
    const gate = deferred();
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("second")) }, "second");
    pm.register(
      {
        h: hookimpl(async () => {
          log.push("first start");
          await gate.promise;
          log.push("first end");
        }),
      },
      "first",
    );
    const call = hookOf(pm, "h").callAsync({}, { signal: controller.signal });
    await flush();
    controller.abort(reason);
    gate.resolve();
    await expect(call).rejects.toBe(reason);
    expect(log).toEqual(["first start", "first end"]);
  });

  it("throws the reason into the wrappers already entered, which see it and clean up", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = { cancelled: true };
    const seen: unknown[] = [];
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("not run")) }, "later");
    pm.register({ h: hookimpl(() => controller.abort(reason)) }, "aborting");
    pm.register({ h: recordingWrapper(seen, log) }, "wrap");
    await expect(hookOf(pm, "h").callAsync({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(seen).toEqual([reason]);
    expect(seen[0]).toBe(reason);
    expect(log).toEqual(["wrapper init", "wrapper finally"]);
  });

  it("does not enter the next wrapper once aborted", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("abort in wrapper setup");
    const seen: unknown[] = [];
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("impl")) }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(function* inner(): Generator<unknown, unknown, unknown> {
          log.push("inner init");
          return yield;
        }),
      },
      "inner",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(function* aborting(): Generator<unknown, unknown, unknown> {
          controller.abort(reason);
          return yield;
        }),
      },
      "aborting",
    );
    pm.register({ h: recordingWrapper(seen, log) }, "outer");
    await expect(hookOf(pm, "h").callAsync({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(log).toEqual(["wrapper init", "wrapper finally"]);
    expect(seen).toEqual([reason]);
  });

  it("runs nothing when the signal is already aborted", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("aborted before the call");
    controller.abort(reason);
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("impl")) }, "impl");
    pm.register({ h: recordingWrapper([], log) }, "wrap");
    await expect(hookOf(pm, "h").callAsync({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(log).toEqual([]);
  });

  it("rejects with the signal's default AbortError reason when aborted without one", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    pm.register({ h: hookimpl(() => "not run") }, "later");
    pm.register({ h: hookimpl(() => controller.abort()) }, "aborting");
    const error: unknown = await hookOf(pm, "h")
      .callAsync({}, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
  });

  it("stops a firstresult call the same way", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("stop");
    let laterRan = false;
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(() => ((laterRan = true), "later")) }, "later");
    pm.register({ pick: hookimpl(async () => void controller.abort(reason)) }, "aborting");
    await expect(hookOf(pm, "pick").callAsync({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(laterRan).toBe(false);
  });

  it("resolves normally when a signal is given but never aborted", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    pm.register({ h: hookimpl(async () => 1) }, "one");
    await expect(hookOf(pm, "h").callAsync({}, { signal: controller.signal })).resolves.toEqual([1]);
  });
});

describe("HookCaller.callParallel with an AbortSignal", () => {
  it("rejects with the reason as soon as the signal aborts, without waiting, and throws it into the wrappers", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("parallel cancelled");
    const gate = deferred();
    const seen: unknown[] = [];
    const log: string[] = [];
    pm.register(
      {
        h: hookimpl(async () => {
          await gate.promise;
          log.push("slow finished");
          // Rejects after the call has already settled: must not surface as an unhandled rejection.
          throw new Error("late failure");
        }),
      },
      "slow",
    );
    pm.register({ h: recordingWrapper(seen, log) }, "wrap");
    const call = hookOf(pm, "h").callParallel({}, { signal: controller.signal });
    await flush();
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(seen).toEqual([reason]);
    expect(log).toEqual(["wrapper init", "wrapper finally"]);
    gate.resolve();
    await flush();
    expect(log).toEqual(["wrapper init", "wrapper finally", "slow finished"]);
  });

  it("rejects with the reason when an implementation aborts the signal while the implementations start", async () => {
    // The abort happens in the synchronous part of an implementation, before the call waits for
    // them; docs/async.md: "callParallel rejects as soon as the signal aborts".
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("aborted during start");
    const seen: unknown[] = [];
    const log: string[] = [];
    pm.register({ h: hookimpl(async () => "second") }, "second");
    pm.register(
      {
        h: hookimpl(async () => {
          controller.abort(reason);
          return "first";
        }),
      },
      "first",
    );
    pm.register({ h: recordingWrapper(seen, log) }, "wrap");
    await expect(hookOf(pm, "h").callParallel({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(seen).toEqual([reason]);
  });

  it("starts no further implementation once one has aborted the signal", async () => {
    // CallOptions.signal: "checked before each implementation and wrapper starts; once aborted,
    // nothing else starts".
    const { pm } = createManager();
    const controller = new AbortController();
    const log: string[] = [];
    pm.register({ h: hookimpl(async () => log.push("second")) }, "second");
    pm.register({ h: hookimpl(async () => (log.push("first"), controller.abort())) }, "first");
    await hookOf(pm, "h")
      .callParallel({}, { signal: controller.signal })
      .catch(() => undefined);
    expect(log).toEqual(["first"]);
  });

  it("starts nothing when the signal is already aborted", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("already");
    controller.abort(reason);
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("impl")) }, "impl");
    await expect(hookOf(pm, "h").callParallel({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(log).toEqual([]);
  });
});

describe("HookCaller.callExtraAsync and callHistoricAsync with an AbortSignal", () => {
  it("stops callExtraAsync before the next function once aborted", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("extra cancelled");
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("plugin")) }, "plugin");
    const extra = () => {
      log.push("extra");
      controller.abort(reason);
    };
    await expect(hookOf(pm, "h").callExtraAsync([extra], {}, { signal: controller.signal })).rejects.toBe(reason);
    expect(log).toEqual(["extra"]);
  });

  it("stops callHistoricAsync before the next implementation once aborted, and calls back nothing", async () => {
    const { pm } = createManager();
    const controller = new AbortController();
    const reason = new Error("historic cancelled");
    const log: string[] = [];
    const results: unknown[] = [];
    pm.addHookspecs({ configure: hookspec({ historic: true })(() => undefined) });
    pm.register({ configure: hookimpl(() => (log.push("second"), "second")) }, "second");
    pm.register({ configure: hookimpl(() => (controller.abort(reason), "first")) }, "first");
    await expect(
      hookOf(pm, "configure").callHistoricAsync({ resultCallback: (result) => results.push(result), signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(log).toEqual([]);
    expect(results).toEqual([]);
  });
});
