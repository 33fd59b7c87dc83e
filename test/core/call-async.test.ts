// callAsync: the synchronous call plan, awaiting each implementation in call order.

import { describe, expect, it } from "vitest";
import { HookCallError } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { deferred, flush } from "./async-helpers.ts";

describe("HookCaller.callAsync", () => {
  it("awaits each implementation in call order, mixing sync and async ones", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    const step = (name: string, async: boolean) =>
      async
        ? async () => {
            log.push(`${name} start`);
            await flush();
            log.push(`${name} end`);
            return name;
          }
        : () => {
            log.push(name);
            return name;
          };
    pm.register({ h: hookimpl(step("a", false)) }, "a");
    pm.register({ h: hookimpl({ trylast: true })(step("last", true)) }, "last");
    pm.register({ h: hookimpl(step("b", true)) }, "b");
    pm.register({ h: hookimpl({ tryfirst: true })(step("first", true)) }, "first");
    pm.register({ h: hookimpl(step("c", false)) }, "c");
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["first", "c", "b", "a", "last"]);
    expect(log).toEqual(["first start", "first end", "c", "b start", "b end", "a", "last start", "last end"]);
  });

  it("does not start the next implementation before the previous one's promise settles", async () => {
    const { pm } = createManager();
    const gate = deferred<string>();
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("second")) }, "second");
    pm.register({ h: hookimpl(() => gate.promise) }, "first");
    const call = hookOf(pm, "h").callAsync({});
    await flush();
    expect(log).toEqual([]);
    gate.resolve("first");
    await expect(call).resolves.toEqual(["first", 1]);
    expect(log).toEqual(["second"]);
  });

  it("resolves to the awaited values and drops implementations that resolve to undefined", async () => {
    const { pm } = createManager();
    pm.register({ h: hookimpl(async () => 1) }, "one");
    pm.register({ h: hookimpl(async () => undefined) }, "none");
    pm.register({ h: hookimpl(async () => null) }, "null");
    pm.register({ h: hookimpl(() => Promise.resolve(0)) }, "zero");
    const results = await hookOf(pm, "h").callAsync({});
    expect(results).toEqual([0, null, 1]);
    expect((results as unknown[]).some((result) => result instanceof Promise)).toBe(false);
  });

  it("awaits thenables that are not native promises", async () => {
    const { pm } = createManager();
    const thenable = { then: (resolve: (value: string) => void) => resolve("from thenable") };
    pm.register({ h: hookimpl(() => thenable) }, "p");
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["from thenable"]);
  });

  it("passes the arguments object to sync and async implementations alike", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ add: hookspec(({ a, b }: { a: number; b: number }): number => a + b) });
    pm.register({ add: hookimpl(({ a, b }: { a: number; b: number }) => a + b) }, "sync");
    pm.register({ add: hookimpl(async ({ a, b }: { a: number; b: number }) => a * b) }, "async");
    await expect(hookOf(pm, "add").callAsync({ a: 2, b: 3 })).resolves.toEqual([6, 5]);
  });

  it("rejects with the object an async implementation rejected with, and runs no implementation after it", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    const error = new RangeError("rejected");
    pm.register({ h: hookimpl(() => log.push("after")) }, "after");
    pm.register({ h: hookimpl(() => Promise.reject(error)) }, "failing");
    pm.register({ h: hookimpl(async () => log.push("before")) }, "before");
    await expect(hookOf(pm, "h").callAsync({})).rejects.toBe(error);
    expect(log).toEqual(["before"]);
  });

  it("returns a rejected promise instead of throwing, for a throwing implementation and for misuse", async () => {
    const { pm } = createManager();
    const error = new Error("sync throw");
    pm.register(
      {
        h: hookimpl(() => {
          throw error;
        }),
      },
      "p",
    );
    pm.addHookspecs({ hist: hookspec({ historic: true })(() => undefined) });
    let call: Promise<unknown> | undefined;
    expect(() => {
      call = hookOf(pm, "h").callAsync({});
    }).not.toThrow();
    await expect(call).rejects.toBe(error);
    let historic: Promise<unknown> | undefined;
    expect(() => {
      historic = hookOf(pm, "hist").callAsync({});
    }).not.toThrow();
    await expect(historic).rejects.toThrow(HookCallError);
    await expect(historic).rejects.toMatchObject({ code: "HOOKSMITH_HISTORIC_DIRECT_CALL" });
  });

  it("throws HookCallError into entered wrappers when an implementation needs a missing argument", async () => {
    const { pm, warnings } = createManager();
    const seen: unknown[] = [];
    pm.register({ h: hookimpl(({ x }: { x: number }) => x) }, "needs-x");
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* wrap(): AsyncGenerator<unknown, unknown, unknown> {
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
    const call = hookOf(pm, "h").callAsync({});
    await expect(call).rejects.toThrow(HookCallError);
    await expect(call).rejects.toMatchObject({ code: "HOOKSMITH_MISSING_HOOK_ARGUMENT", argument: "x" });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(HookCallError);
    expect(warnings).toEqual([]);
  });

  it("warns once about spec arguments the call lacks, as the sync call does", async () => {
    const { pm, warnings } = createManager();
    pm.addHookspecs({ h: hookspec(({ a, b }: { a: number; b: number }) => a + b) });
    pm.register({ h: hookimpl(() => "ran") }, "p");
    await expect(hookOf(pm, "h").callAsync({ a: 1 })).resolves.toEqual(["ran"]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      "Hook 'h' was called without argument(s) [\"b\"], which its hookspec declares",
    ]);
  });
});

describe("HookCaller.callAsync on a firstresult hook", () => {
  it("stops at the first implementation whose resolved value is not undefined", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(() => log.push("never")) }, "late");
    pm.register({ pick: hookimpl(async () => (log.push("found"), "found")) }, "found");
    pm.register({ pick: hookimpl(() => (log.push("sync none"), undefined)) }, "sync-none");
    pm.register({ pick: hookimpl(async () => (log.push("async none"), undefined)) }, "async-none");
    await expect(hookOf(pm, "pick").callAsync({})).resolves.toBe("found");
    expect(log).toEqual(["async none", "sync none", "found"]);
  });

  it.each([
    ["null", null],
    ["0", 0],
    ["an empty string", ""],
    ["false", false],
  ])("counts a promise resolving to %s as a result", async (_label, value) => {
    const { pm } = createManager();
    let laterRan = false;
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(() => (laterRan = true)) }, "later");
    pm.register({ pick: hookimpl(async () => value) }, "falsy");
    await expect(hookOf(pm, "pick").callAsync({})).resolves.toBe(value);
    expect(laterRan).toBe(false);
  });

  it("resolves to undefined when every implementation resolves to undefined", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(async () => undefined) }, "a");
    pm.register({ pick: hookimpl(() => Promise.resolve(undefined)) }, "b");
    await expect(hookOf(pm, "pick").callAsync({})).resolves.toBeUndefined();
  });

  it("gives wrappers the single resolved value, not a list or a promise", async () => {
    const { pm } = createManager();
    const seen: unknown[] = [];
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(async () => 7) }, "p");
    pm.register(
      {
        pick: hookimpl({ wrapper: true })(async function* wrap(): AsyncGenerator<unknown, unknown, unknown> {
          const result = yield;
          seen.push(result);
          return result;
        }),
      },
      "w",
    );
    await expect(hookOf(pm, "pick").callAsync({})).resolves.toBe(7);
    expect(seen).toEqual([7]);
  });
});
