// Issue 14 (hardening), item 9: recursing through a hook with a wrapper until the stack overflows
// closed 1,568 of 1,644 entered wrappers: resuming a wrapper near the stack limit overflowed
// again, and the wrappers that could not be resumed were skipped, their `finally` never run.
// Every entered wrapper is now closed, the ones near the limit from a shallower frame.
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

describe("wrappers entered by a call that overflows the stack", () => {
  it.each(["new", "old"] as const)("all have their finally run (%s-style wrapper)", async (style) => {
    const pm = new PluginManager("example", { warn: () => {} });
    pm.addHookspecs({ recurse: hookspec(({ depth }: { depth: number }) => depth) });
    const recurse = (pm.hook as Readonly<Record<string, HookCaller>>)["recurse"]!;
    let entered = 0;
    let closed = 0;
    pm.register(
      {
        recurse: hookimpl(style === "new" ? { wrapper: true } : { hookwrapper: true })(function* guard(): Generator<
          undefined,
          unknown,
          unknown
        > {
          entered++;
          try {
            return yield;
          } finally {
            closed++;
          }
        }),
      },
      "guard",
    );
    pm.register({ recurse: hookimpl(({ depth }: { depth: number }) => recurse({ depth: depth + 1 })) }, "deeper");
    expect(() => recurse({ depth: 0 })).toThrow(RangeError);
    // What could not be closed at the limit is closed from shallower frames, or in a microtask.
    await Promise.resolve();
    expect(entered).toBeGreaterThan(100);
    expect(closed).toBe(entered);
  });
});
