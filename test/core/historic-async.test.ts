// Historic hooks with async implementations: callHistoricAsync, and replays awaited by registerAsync.

import { describe, expect, it } from "vitest";
import { AsyncHookWarning, HookCallError } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { flush, unhandledRejectionsDuring } from "./async-helpers.ts";

function historicManager() {
  const created = createManager();
  created.pm.addHookspecs({ configure: hookspec({ historic: true })(({ value }: { value: number }): unknown => value) });
  return { ...created, hook: hookOf(created.pm, "configure") };
}

describe("HookCaller.callHistoricAsync", () => {
  it("awaits each implementation in call order, then each callback, one at a time", async () => {
    const { pm, hook } = historicManager();
    const log: string[] = [];
    pm.register({ configure: hookimpl(async ({ value }: { value: number }) => (log.push("impl 1"), value * 10)) }, "p1");
    pm.register(
      {
        configure: hookimpl(async ({ value }: { value: number }) => {
          await flush();
          log.push("impl 2");
          return value * 20;
        }),
      },
      "p2",
    );
    await hook.callHistoricAsync({
      kwargs: { value: 1 },
      resultCallback: async (result) => {
        log.push(`callback ${String(result)} start`);
        await flush();
        log.push(`callback ${String(result)} end`);
      },
    });
    expect(log).toEqual(["impl 2", "impl 1", "callback 20 start", "callback 20 end", "callback 10 start", "callback 10 end"]);
  });

  it("rejects with HookCallError on a hook that is not historic", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ plain: hookspec(() => undefined) });
    const call = hookOf(pm, "plain").callHistoricAsync({});
    await expect(call).rejects.toThrow(HookCallError);
    await expect(call).rejects.toMatchObject({ code: "HOOKSMITH_NOT_HISTORIC" });
  });

  it("rejects with an implementation's rejection", async () => {
    const { pm, hook } = historicManager();
    const error = new Error("historic impl failed");
    pm.register({ configure: hookimpl(() => Promise.reject(error)) }, "p");
    await expect(hook.callHistoricAsync({ kwargs: { value: 1 } })).rejects.toBe(error);
  });
});

describe("PluginManager.registerAsync", () => {
  it("replays every recorded call to the new plugin, awaiting the implementation and the callback", async () => {
    const { pm, hook } = historicManager();
    const results: unknown[] = [];
    const callback = async (result: unknown) => {
      await flush();
      results.push(result);
    };
    await hook.callHistoricAsync({ kwargs: { value: 1 }, resultCallback: callback });
    await hook.callHistoricAsync({ kwargs: { value: 2 }, resultCallback: callback });
    expect(results).toEqual([]);
    const name = await pm.registerAsync(
      {
        configure: hookimpl(async ({ value }: { value: number }) => {
          await flush();
          return value * 30;
        }),
      },
      "late",
    );
    expect(name).toBe("late");
    expect(results).toEqual([30, 60]);
    await hook.callHistoricAsync({ kwargs: { value: 3 }, resultCallback: callback });
    expect(results).toEqual([30, 60, 90]);
  });

  it("leaves no trace of a plugin whose replay rejects", async () => {
    const { pm, hook } = historicManager();
    await hook.callHistoricAsync({ kwargs: { value: 1 } });
    const error = new Error("replay failed");
    const plugin = { configure: hookimpl(async () => Promise.reject(error)) };
    await expect(pm.registerAsync(plugin, "broken")).rejects.toBe(error);
    expect(pm.isRegistered(plugin)).toBe(false);
    expect(pm.hasPlugin("broken")).toBe(false);
    expect(hook.getHookimpls()).toEqual([]);
  });

  it("registers a plugin without historic hooks like register does", async () => {
    const { pm } = createManager();
    await expect(pm.registerAsync({ h: hookimpl(() => 1) }, "p")).resolves.toBe("p");
    expect(hookOf(pm, "h")({})).toEqual([1]);
  });

  it("returns undefined for a blocked name", async () => {
    const { pm } = createManager();
    pm.setBlocked("blocked");
    await expect(pm.registerAsync({ h: hookimpl(() => 1) }, "blocked")).resolves.toBeUndefined();
  });
});

describe("PluginManager.register replaying history to an async implementation", () => {
  it("emits AsyncHookWarning naming the plugin and the hook, and passes the promise on unawaited", async () => {
    const { pm, warnings, hook } = historicManager();
    const results: unknown[] = [];
    hook.callHistoric({ kwargs: { value: 1 }, resultCallback: (result) => results.push(result) });
    pm.register({ configure: hookimpl(async ({ value }: { value: number }) => value * 2) }, "async-plugin");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(AsyncHookWarning);
    expect(warnings[0]).toMatchObject({ pluginName: "async-plugin", hookName: "configure" });
    expect(warnings[0]?.message).toMatch(/registerAsync/);
    expect(results).toHaveLength(1);
    expect(results[0]).toBeInstanceOf(Promise);
    await expect(results[0]).resolves.toBe(2);
  });

  it("does not warn for a synchronous implementation", () => {
    const { pm, warnings, hook } = historicManager();
    hook.callHistoric({ kwargs: { value: 1 } });
    pm.register({ configure: hookimpl(({ value }: { value: number }) => value) }, "sync-plugin");
    expect(warnings).toEqual([]);
  });

  it("reports a rejection no callback takes as a second AsyncHookWarning, not an unhandled rejection", async () => {
    // Nobody receives the promise, so its rejection must not crash the process (Node's default for
    // an unhandled rejection); it is reported as a warning whose cause is the rejection reason.
    const { pm, warnings, hook } = historicManager();
    hook.callHistoric({ kwargs: { value: 1 } });
    const error = new Error("replay rejected");
    const reasons = await unhandledRejectionsDuring(async () => {
      pm.register({ configure: hookimpl(async () => Promise.reject(error)) }, "rejecting");
    });
    expect(reasons).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(warnings.every((warning) => warning instanceof AsyncHookWarning)).toBe(true);
    expect(warnings[1]).toMatchObject({ pluginName: "rejecting", hookName: "configure", cause: error });
    expect(warnings[1]?.message).toMatch(/replay rejected/);
  });
});
