// callExtraAsync: callExtra's temporary implementations, awaited as callAsync does.

import { describe, expect, it } from "vitest";
import { HookCallError } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { flush } from "./async-helpers.ts";

describe("HookCaller.callExtraAsync", () => {
  it("runs the extras after the tryfirst implementations and before the others, the last extra first, inside the wrappers", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    const impl = (name: string) =>
      async function impl() {
        await flush();
        log.push(name);
        return name;
      };
    const wrapper = (name: string) =>
      async function* wrap(): AsyncGenerator<unknown, unknown, unknown> {
        log.push(`${name} init`);
        const result = yield;
        log.push(`${name} finish`);
        return result;
      };
    pm.register({ h: hookimpl({ tryfirst: true })(impl("1")) }, "p1");
    pm.register({ h: hookimpl(impl("2")) }, "p2");
    pm.register({ h: hookimpl({ trylast: true })(impl("3")) }, "p3");
    pm.register({ h: hookimpl({ wrapper: true, tryfirst: true })(wrapper("w4")) }, "p4");
    pm.register({ h: hookimpl({ wrapper: true })(wrapper("w5")) }, "p5");
    pm.register({ h: hookimpl({ wrapper: true, trylast: true })(wrapper("w6")) }, "p6");
    const extra1 = async () => (log.push("extra1"), "extra1");
    const extra2 = () => (log.push("extra2"), "extra2");
    await expect(hookOf(pm, "h").callExtraAsync([extra1, extra2], {})).resolves.toEqual(["1", "extra2", "extra1", "2", "3"]);
    expect(log).toEqual([
      "w4 init",
      "w5 init",
      "w6 init",
      "1",
      "extra2",
      "extra1",
      "2",
      "3",
      "w6 finish",
      "w5 finish",
      "w4 finish",
    ]);
  });

  it("passes the arguments object to the extras and does not keep them", async () => {
    const { pm } = createManager();
    pm.register({ h: hookimpl(({ x }: { x: number }) => x) }, "p");
    const extra = async ({ x }: { x: number }) => x * 100;
    await expect(hookOf(pm, "h").callExtraAsync([extra], { x: 2 })).resolves.toEqual([200, 2]);
    expect(
      hookOf(pm, "h")
        .getHookimpls()
        .map((impl) => impl.pluginName),
    ).toEqual(["p"]);
    await expect(hookOf(pm, "h").callAsync({ x: 2 })).resolves.toEqual([2]);
  });

  it("stops a firstresult hook at the first resolved non-undefined value, an extra's included", async () => {
    const { pm } = createManager();
    let laterRan = false;
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(() => ((laterRan = true), "plugin")) }, "p");
    const none = async () => undefined;
    const found = async () => "extra";
    await expect(hookOf(pm, "pick").callExtraAsync([found, none], {})).resolves.toBe("extra");
    expect(laterRan).toBe(false);
  });

  it("rejects, rather than throws, on a historic hook and on functions that are not an array", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ hist: hookspec({ historic: true })(() => undefined), h: hookspec(() => undefined) });
    let historic: Promise<unknown> | undefined;
    expect(() => {
      historic = hookOf(pm, "hist").callExtraAsync([], {});
    }).not.toThrow();
    await expect(historic).rejects.toMatchObject({ code: "HOOKSMITH_HISTORIC_DIRECT_CALL" });
    let invalid: Promise<unknown> | undefined;
    expect(() => {
      invalid = hookOf(pm, "h").callExtraAsync((() => 1) as unknown as Function[], {});
    }).not.toThrow();
    await expect(invalid).rejects.toThrow(HookCallError);
    await expect(invalid).rejects.toMatchObject({ code: "HOOKSMITH_INVALID_HOOK_ARGUMENTS" });
  });
});
