// Wrappers under callAsync: async generator functions (`async *`), new style and old style, with
// the protocol errors, error propagation and teardown order of the synchronous call.

import { describe, expect, it } from "vitest";
import { TeardownRaisedWarning, WrapperError, type Result } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { flush } from "./async-helpers.ts";

// Makes a generator whose only `yield` never runs.
const never = false as boolean;

describe("HookCaller.callAsync with async generator wrappers", () => {
  it("awaits a new-style async wrapper's setup before the implementations and makes its return value the result", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(async () => (log.push("impl"), "r")) }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* wrap(): AsyncGenerator<unknown, unknown, string[]> {
          log.push("setup start");
          await flush();
          log.push("setup end");
          const results = yield;
          await flush();
          log.push(`teardown ${JSON.stringify(results)}`);
          return [...results, "wrapped"];
        }),
      },
      "wrap",
    );
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["r", "wrapped"]);
    expect(log).toEqual(["setup start", "setup end", "impl", 'teardown ["r"]']);
  });

  it("gives an old-style async wrapper a Result it can read and force", async () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(async () => 1) }, "impl");
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(async function* wrap(): AsyncGenerator<unknown, void, Result<unknown>> {
          const outcome = yield;
          await flush();
          seen.push(outcome.getResult(), outcome.exception, outcome.failed);
          outcome.forceResult([...(outcome.getResult() as number[]), 2]);
        }),
      },
      "wrap",
    );
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual([1, 2]);
    expect(seen).toEqual([[1], undefined, false]);
  });

  it("lets an old-style async wrapper replace the outcome with forceException", async () => {
    const { pm } = createManager();
    const replacement = new Error("replaced");
    pm.register({ h: hookimpl(async () => 1) }, "impl");
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(async function* wrap(): AsyncGenerator<unknown, void, Result<unknown>> {
          const outcome = yield;
          outcome.forceException(replacement);
        }),
      },
      "wrap",
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(replacement);
  });

  it("enters sync and async wrappers of both styles in call order and tears them down in reverse", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(async () => (log.push("impl"), "r")) }, "impl");
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(function* syncOld() {
          log.push("sync old init");
          yield;
          log.push("sync old finish");
        }),
      },
      "sync-old",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true, trylast: true })(async function* asyncNewLast(): AsyncGenerator<unknown, unknown, unknown> {
          log.push("async new trylast init");
          const result = yield;
          await flush();
          log.push("async new trylast finish");
          return result;
        }),
      },
      "async-new-last",
    );
    pm.register(
      {
        h: hookimpl({ hookwrapper: true, tryfirst: true })(async function* asyncOldFirst() {
          log.push("async old tryfirst init");
          await flush();
          yield;
          log.push("async old tryfirst finish");
        }),
      },
      "async-old-first",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(function* syncNew(): Generator<unknown, unknown, unknown> {
          log.push("sync new init");
          const result = yield;
          log.push("sync new finish");
          return result;
        }),
      },
      "sync-new",
    );
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["r"]);
    expect(log).toEqual([
      "async old tryfirst init",
      "sync new init",
      "sync old init",
      "async new trylast init",
      "impl",
      "async new trylast finish",
      "sync old finish",
      "sync new finish",
      "async old tryfirst finish",
    ]);
  });

  it("throws an async implementation's rejection into a new-style async wrapper, which may recover", async () => {
    const { pm } = createManager();
    const error = new RangeError("rejected");
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(() => Promise.reject(error)) }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* wrap(): AsyncGenerator<unknown, unknown, unknown> {
          try {
            return yield;
          } catch (caught) {
            await flush();
            seen.push(caught);
            return ["recovered"];
          }
        }),
      },
      "wrap",
    );
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["recovered"]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(error);
  });

  it("shows every nested wrapper a rejection, innermost first, and rejects the call with the same object", async () => {
    const { pm } = createManager();
    const error = new RangeError("deep");
    const log: string[] = [];
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(() => log.push("not reached")) }, "later");
    pm.register(
      {
        h: hookimpl(async () => {
          log.push("impl");
          await flush();
          throw error;
        }),
      },
      "impl",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* inner(): AsyncGenerator<unknown, unknown, unknown> {
          try {
            return yield;
          } catch (caught) {
            log.push("inner async new-style");
            seen.push(caught);
            await flush();
            throw caught;
          }
        }),
      },
      "inner",
    );
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(async function* middle(): AsyncGenerator<unknown, void, Result<unknown>> {
          const outcome = yield;
          log.push("middle async old-style");
          seen.push(outcome.exception);
        }),
      },
      "middle",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(function* outer(): Generator<unknown, unknown, unknown> {
          try {
            return yield;
          } catch (caught) {
            log.push("outer sync new-style");
            seen.push(caught);
            throw caught;
          }
        }),
      },
      "outer",
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(error);
    expect(log).toEqual(["impl", "inner async new-style", "middle async old-style", "outer sync new-style"]);
    expect(seen).toEqual([error, error, error]);
    expect(seen.every((caught) => caught === error)).toBe(true);
  });

  it("throws an inner async wrapper's teardown error into the outer wrappers", async () => {
    const { pm } = createManager();
    const teardownError = new Error("inner teardown");
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(() => "r") }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* inner() {
          yield;
          await flush();
          throw teardownError;
        }),
      },
      "inner",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* outer(): AsyncGenerator<unknown, unknown, unknown> {
          try {
            return yield;
          } catch (caught) {
            seen.push(caught);
            return ["suppressed"];
          }
        }),
      },
      "outer",
    );
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["suppressed"]);
    expect(seen).toEqual([teardownError]);
  });

  it("stops the call when an async wrapper's setup rejects: inner ones never run, outer ones see the error", async () => {
    const { pm } = createManager();
    const error = new Error("setup failed");
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("impl")) }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* inner() {
          log.push("inner init");
          yield;
          log.push("inner finish");
        }),
      },
      "inner",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* failing() {
          log.push("failing init");
          await flush();
          if (!never) throw error;
          yield;
        }),
      },
      "failing",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* outer(): AsyncGenerator<unknown, unknown, unknown> {
          log.push("outer init");
          try {
            return yield;
          } catch (caught) {
            log.push(caught === error ? "outer saw the error" : "outer saw something else");
            throw caught;
          }
        }),
      },
      "outer",
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(error);
    expect(log).toEqual(["outer init", "failing init", "outer saw the error"]);
  });

  it("warns with TeardownRaisedWarning when an old-style async wrapper throws after yield, and propagates the error", async () => {
    const { pm, warnings } = createManager();
    const error = new TypeError("teardown broke");
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(() => "r") }, "impl");
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(async function* broken() {
          yield;
          await flush();
          throw error;
        }),
      },
      "broken",
    );
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(async function* outer(): AsyncGenerator<unknown, void, Result<unknown>> {
          const outcome = yield;
          seen.push(outcome.exception);
        }),
      },
      "outer",
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(error);
    expect(seen).toEqual([error]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(TeardownRaisedWarning);
    expect(warnings[0]).toMatchObject({ pluginName: "broken", hookName: "h" });
    expect(warnings[0]?.message).toBe(
      "A plugin raised an exception during an old-style hookwrapper teardown.\n" +
        "Plugin: broken, Hook: h\n" +
        "TypeError: teardown broke\n" +
        "Old-style wrappers must not raise after their yield: set outcome.forceException(error) instead, or use a new-style wrapper (wrapper: true).",
    );
  });

  it("gives a firstresult hook's async wrappers the single value", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(async () => 2) }, "impl");
    pm.register(
      {
        pick: hookimpl({ wrapper: true })(async function* double(): AsyncGenerator<unknown, unknown, number> {
          return (yield) * 2;
        }),
      },
      "double",
    );
    await expect(hookOf(pm, "pick").callAsync({})).resolves.toBe(4);
  });
});

describe("HookCaller.callAsync wrapper protocol errors", () => {
  it.each([
    ["new-style", { wrapper: true }],
    ["old-style", { hookwrapper: true }],
  ])("fails a %s async wrapper that never yields with 'did not yield'", async (_style, options) => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("impl")) }, "impl");
    async function* wrap() {
      if (never) yield;
    }
    pm.register({ h: hookimpl(options)(wrap) }, "wrap");
    const call = hookOf(pm, "h").callAsync({});
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow("wrap_controller at 'wrap' (plugin 'wrap', hook 'h') did not yield");
    await expect(call).rejects.toMatchObject({ code: "HOOKSMITH_WRAPPER_DID_NOT_YIELD" });
    expect(log).toEqual([]);
  });

  it.each([
    ["new-style", { wrapper: true }],
    ["old-style", { hookwrapper: true }],
  ])("fails a %s async wrapper that yields twice with 'has second yield'", async (_style, options) => {
    const { pm } = createManager();
    async function* wrap() {
      yield;
      yield;
    }
    pm.register({ h: hookimpl(options)(wrap) }, "wrap");
    const call = hookOf(pm, "h").callAsync({});
    await expect(call).rejects.toThrow(WrapperError);
    await expect(call).rejects.toThrow("wrap_controller at 'wrap' (plugin 'wrap', hook 'h') has second yield");
    await expect(call).rejects.toMatchObject({ code: "HOOKSMITH_WRAPPER_SECOND_YIELD" });
  });

  it("closes a new-style async wrapper that yields twice and the outer wrappers, without resuming their teardown", async () => {
    // As pluggy: the error escapes at once, outer wrappers do not see it, but their finally blocks run.
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(() => "r") }, "impl");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* twice() {
          try {
            yield;
            yield;
          } finally {
            log.push("twice finally");
          }
        }),
      },
      "twice",
    );
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* outer(): AsyncGenerator<unknown, unknown, unknown> {
          try {
            const result = yield;
            log.push("outer teardown");
            return result;
          } catch (caught) {
            log.push("outer caught");
            throw caught;
          } finally {
            log.push("outer finally");
          }
        }),
      },
      "outer",
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toThrow(/'twice'.*has second yield/);
    expect(log).toEqual(["twice finally", "outer finally"]);
  });

  it("throws an old-style async wrapper's second-yield error into the outer wrappers", async () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(() => "r") }, "impl");
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(async function* twice() {
          yield;
          yield;
        }),
      },
      "twice",
    );
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(async function* outer(): AsyncGenerator<unknown, void, Result<unknown>> {
          const outcome = yield;
          seen.push(outcome.exception);
        }),
      },
      "outer",
    );
    await expect(hookOf(pm, "h").callAsync({})).rejects.toThrow(/'twice'.*has second yield/);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(WrapperError);
  });
});
