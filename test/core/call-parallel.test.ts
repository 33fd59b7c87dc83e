// callParallel: wrappers enclose the call, every non-wrapper implementation starts at once.

import { describe, expect, it } from "vitest";
import { HookCallError } from "../../src/index.ts";
import { createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";
import { deferred, flush, type Deferred } from "./async-helpers.ts";

// Registers implementations "a", "b", "c" (call order a, b, c) that log their start, wait for their
// own gate, then log their end and return their name.
function gatedPlugins(pm: ReturnType<typeof createManager>["pm"], log: string[]): Record<string, Deferred<void>> {
  const gates: Record<string, Deferred<void>> = { a: deferred(), b: deferred(), c: deferred() };
  for (const name of ["c", "b", "a"]) {
    pm.register(
      {
        h: hookimpl(async () => {
          log.push(`start ${name}`);
          await gates[name]!.promise;
          log.push(`end ${name}`);
          return name;
        }),
      },
      name,
    );
  }
  return gates;
}

describe("HookCaller.callParallel", () => {
  it("starts every implementation before any finishes, and returns the results in call order", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    const gates = gatedPlugins(pm, log);
    const call = hookOf(pm, "h").callParallel({});
    await flush();
    // A sequential call would still be waiting for "a" here.
    expect(log).toEqual(["start a", "start b", "start c"]);
    gates["c"]!.resolve();
    await flush();
    gates["b"]!.resolve();
    await flush();
    gates["a"]!.resolve();
    await expect(call).resolves.toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "start b", "start c", "end c", "end b", "end a"]);
  });

  it("encloses the whole parallel run in the wrappers, which receive the result list", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    const gates = gatedPlugins(pm, log);
    pm.register(
      {
        h: hookimpl({ wrapper: true })(async function* wrap(): AsyncGenerator<unknown, unknown, unknown> {
          log.push("wrapper init");
          const results = yield;
          log.push(`wrapper finish ${JSON.stringify(results)}`);
          return results;
        }),
      },
      "wrap",
    );
    pm.register(
      {
        h: hookimpl({ hookwrapper: true })(function* old() {
          log.push("old init");
          yield;
          log.push("old finish");
        }),
      },
      "old",
    );
    const call = hookOf(pm, "h").callParallel({});
    await flush();
    gates["c"]!.resolve();
    gates["a"]!.resolve();
    gates["b"]!.resolve();
    await expect(call).resolves.toEqual(["a", "b", "c"]);
    expect(log[0]).toBe("old init");
    expect(log[1]).toBe("wrapper init");
    expect(log.slice(2, 5)).toEqual(["start a", "start b", "start c"]);
    expect(log.slice(-2)).toEqual(['wrapper finish ["a","b","c"]', "old finish"]);
  });

  it("drops undefined results and keeps falsy ones", async () => {
    const { pm } = createManager();
    pm.register({ h: hookimpl(async () => false) }, "false");
    pm.register({ h: hookimpl(() => undefined) }, "none");
    pm.register({ h: hookimpl(async () => 0) }, "zero");
    await expect(hookOf(pm, "h").callParallel({})).resolves.toEqual([0, false]);
  });

  it("rejects with a single failure as it is, after every implementation settled", async () => {
    const { pm } = createManager();
    const error = new RangeError("only failure");
    const log: string[] = [];
    const gate = deferred();
    pm.register(
      {
        h: hookimpl(async () => {
          await gate.promise;
          log.push("slow done");
          return "slow";
        }),
      },
      "slow",
    );
    pm.register(
      {
        h: hookimpl(() => {
          throw error;
        }),
      },
      "sync-throw",
    );
    const call = hookOf(pm, "h").callParallel({});
    let settled = false;
    void call.catch(() => undefined).finally(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    gate.resolve();
    await expect(call).rejects.toBe(error);
    expect(log).toEqual(["slow done"]);
  });

  it("rejects with an AggregateError holding several failures in call order", async () => {
    const { pm } = createManager();
    const first = new Error("first in call order");
    const second = new Error("second in call order");
    const gate = deferred();
    pm.register({ h: hookimpl(async () => "fine") }, "fine");
    pm.register(
      {
        h: hookimpl(async () => {
          throw second;
        }),
      },
      "second",
    );
    pm.register(
      {
        h: hookimpl(async () => {
          // Rejects after "second" has rejected: the order of the errors is still call order.
          await gate.promise;
          throw first;
        }),
      },
      "first",
    );
    const call = hookOf(pm, "h").callParallel({});
    await flush();
    gate.resolve();
    const error: unknown = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([first, second]);
    expect((error as AggregateError).errors[0]).toBe(first);
    expect((error as AggregateError).message).toMatch(/hook 'h'/);
  });

  it("throws the failure into the wrappers, which may recover", async () => {
    const { pm } = createManager();
    const errors = [new Error("x"), new Error("y")];
    const seen: unknown[] = [];
    for (const [index, error] of errors.entries()) {
      pm.register(
        {
          h: hookimpl(async () => {
            throw error;
          }),
        },
        `failing-${index}`,
      );
    }
    pm.register(
      {
        h: hookimpl({ wrapper: true })(function* wrap(): Generator<unknown, unknown, unknown> {
          try {
            return yield;
          } catch (caught) {
            seen.push(caught);
            return ["recovered"];
          }
        }),
      },
      "wrap",
    );
    await expect(hookOf(pm, "h").callParallel({})).resolves.toEqual(["recovered"]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(AggregateError);
    expect((seen[0] as AggregateError).errors).toEqual([errors[1], errors[0]]);
  });

  it("runs every implementation of a firstresult hook and returns the first non-undefined result in call order", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.addHookspecs({ pick: hookspec({ firstresult: true })((): unknown => undefined) });
    pm.register({ pick: hookimpl(async () => (log.push("third"), "third")) }, "third");
    pm.register({ pick: hookimpl(async () => (log.push("second"), "second")) }, "second");
    pm.register({ pick: hookimpl(async () => (log.push("first"), undefined)) }, "first");
    await expect(hookOf(pm, "pick").callParallel({})).resolves.toBe("second");
    expect(log).toEqual(["first", "second", "third"]);
  });

  it("reports a missing argument as that implementation's failure without stopping the others", async () => {
    const { pm } = createManager();
    const log: string[] = [];
    pm.register({ h: hookimpl(() => log.push("ran")) }, "ran");
    pm.register({ h: hookimpl(({ x }: { x: number }) => x) }, "needs-x");
    const call = hookOf(pm, "h").callParallel({});
    await expect(call).rejects.toThrow(HookCallError);
    await expect(call).rejects.toMatchObject({ code: "HOOKSMITH_MISSING_HOOK_ARGUMENT" });
    expect(log).toEqual(["ran"]);
  });

  it("resolves to an empty list for a hook without implementations", async () => {
    const { pm } = createManager();
    pm.addHookspecs({ h: hookspec(() => undefined) });
    await expect(hookOf(pm, "h").callParallel({})).resolves.toEqual([]);
  });
});
