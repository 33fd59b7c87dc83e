// What a synchronous call does when it meets async implementations or wrappers (docs/async.md,
// "Mixing sync and async"). The AsyncHookWarning of a sync register() replay is tested in
// historic-async.test.ts.

import { describe, expect, it } from "vitest";
import { HookCallError, PluginValidationError } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { unhandledRejectionsDuring } from "./async-helpers.ts";

function syncCall(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("the synchronous call did not throw");
}

describe("a synchronous call meeting an async generator wrapper", () => {
  it.each([
    ["new-style", { wrapper: true }],
    ["old-style", { hookwrapper: true }],
  ])("throws HookCallError HOOKSMITH_ASYNC_IN_SYNC_CALL for a %s one before anything runs", (_style, options) => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("impl")) }, "impl");
    pm.register(
      {
        h: hookimpl(options)(async function* asyncWrap() {
          log.push("async wrapper");
          yield;
        }),
      },
      "async-wrapper",
    );
    // A sync wrapper called before the async one must not be entered either.
    pm.register(
      {
        h: hookimpl({ wrapper: true })(function* syncWrap(): Generator<unknown, unknown, unknown> {
          log.push("sync wrapper");
          return yield;
        }),
      },
      "sync-wrapper",
    );
    const error = syncCall(() => hookOf(pm, "h")({}));
    expect(error).toBeInstanceOf(HookCallError);
    expect(error).toMatchObject({ code: "HOOKSMITH_ASYNC_IN_SYNC_CALL", hookName: "h", pluginName: "async-wrapper" });
    expect((error as Error).message).toMatch(/callAsync/);
    expect(log).toEqual([]);
  });

  it("refuses it through callExtra and a subset caller too, and callAsync runs the same hook", async () => {
    const { pm } = createManager();
    const other = { h: hookimpl(() => "other") };
    pm.register(other, "other");
    pm.register({ h: hookimpl(() => "impl") }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* asyncWrap(): AsyncGenerator<unknown, unknown, unknown> {
          return yield;
        }),
      },
      "async-wrapper",
    );
    expect(syncCall(() => hookOf(pm, "h").callExtra([() => "extra"], {}))).toMatchObject({
      code: "HOOKSMITH_ASYNC_IN_SYNC_CALL",
    });
    expect(syncCall(() => pm.subsetHookCaller("h", [other])({}))).toMatchObject({ code: "HOOKSMITH_ASYNC_IN_SYNC_CALL" });
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["impl", "other"]);
  });

  it("rejects an async function that is not a generator as a wrapper when it is registered", () => {
    const { pm } = createManager();
    const notAGenerator = hookimpl({ wrapper: true })(async function wrap() {});
    expect(() => pm.register({ h: notAGenerator }, "p")).toThrow(PluginValidationError);
    expect(() => pm.register({ h: notAGenerator }, "p")).toThrow(/not a generator function/);
  });
});

describe("a synchronous firstresult call meeting a promise", () => {
  it("throws HookCallError HOOKSMITH_ASYNC_IN_SYNC_CALL naming the plugin, and runs nothing after it", () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(() => (log.push("later"), "later")) }, "later");
    pm.register({ pick: hookimpl(async () => (log.push("async"), "async")) }, "async-plugin");
    pm.register({ pick: hookimpl(() => (log.push("none"), undefined)) }, "none");
    const error = syncCall(() => hookOf(pm, "pick")({}));
    expect(error).toBeInstanceOf(HookCallError);
    expect(error).toMatchObject({ code: "HOOKSMITH_ASYNC_IN_SYNC_CALL", hookName: "pick", pluginName: "async-plugin" });
    expect(log).toEqual(["none", "async"]);
  });

  it("throws the error into the wrappers already entered", () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(async () => "async") }, "async-plugin");
    pm.register(
      {
        pick: hookimpl({ wrapper: true })(function* wrap(): Generator<unknown, unknown, unknown> {
          try {
            return yield;
          } catch (error) {
            seen.push(error);
            throw error;
          }
        }),
      },
      "wrap",
    );
    const error = syncCall(() => hookOf(pm, "pick")({}));
    expect(seen).toEqual([error]);
    expect(error).toMatchObject({ code: "HOOKSMITH_ASYNC_IN_SYNC_CALL" });
  });

  it("does not leave the refused promise's rejection unhandled", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(() => Promise.reject(new Error("never observed"))) }, "rejecting");
    const reasons = await unhandledRejectionsDuring(() => {
      expect(syncCall(() => hookOf(pm, "pick")({}))).toMatchObject({ code: "HOOKSMITH_ASYNC_IN_SYNC_CALL" });
    });
    expect(reasons).toEqual([]);
  });

  it("refuses a thenable that is not a native promise the same way", () => {
    const { pm } = createManager();
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(() => ({ then: (resolve: (value: number) => void) => resolve(1) })) }, "thenable");
    expect(syncCall(() => hookOf(pm, "pick")({}))).toMatchObject({ code: "HOOKSMITH_ASYNC_IN_SYNC_CALL" });
  });

  it("is not refused by callAsync, which awaits the promise", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(async () => "async") }, "async-plugin");
    await expect(hookOf(pm, "pick").callAsync({})).resolves.toBe("async");
  });
});

describe("a synchronous call (not firstresult) meeting promises", () => {
  it("collects the promises as results, unawaited", async () => {
    const { pm } = createManager();
    pm.register({ h: hookimpl(async () => 1) }, "async-plugin");
    pm.register({ h: hookimpl(() => 2) }, "sync-plugin");
    const results = hookOf(pm, "h")({}) as unknown[];
    expect(results[0]).toBe(2);
    expect(results[1]).toBeInstanceOf(Promise);
    await expect(Promise.all(results)).resolves.toEqual([2, 1]);
  });
});
