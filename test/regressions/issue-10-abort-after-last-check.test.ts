// Issue 10 (reliability), found by test/reliability/wrapper-abort.test.ts: `callAsync` checks its
// signal only before starting each wrapper and implementation, so an abort after the last check
// goes unnoticed: the call resolves, and the entered wrappers are resumed normally instead of
// having the reason thrown in. docs/async.md ("Cancellation") promises that once aborted the
// reason is thrown into the entered wrappers and the call rejects with it, and its own example
// (abort right after starting a call of one async implementation) resolves today. `callParallel`
// rejects in the same situations, so the two calls disagree.
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

function manager(): { pm: PluginManager; build: HookCaller } {
  const pm = new PluginManager("example");
  pm.addHookspecs({ build: hookspec(({ target }: { target: string }) => target) });
  return { pm, build: (pm.hook as Readonly<Record<string, HookCaller>>)["build"]! };
}

const later = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("callAsync with a signal aborted after its last check", () => {
  it("rejects when the signal aborts while the last implementation runs (the docs/async.md example)", async () => {
    const { pm, build } = manager();
    pm.register({ build: hookimpl(async ({ target }: { target: string }) => (await later(), target)) }, "web");
    const controller = new AbortController();
    const reason = new Error("user pressed Ctrl-C");
    const pending = build.callAsync({ target: "web" }, { signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("rejects when the signal is already aborted and the hook has no implementation", async () => {
    const { build } = manager();
    const reason = new Error("aborted before the call");
    await expect(build.callParallel({ target: "web" }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(build.callAsync({ target: "web" }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it("throws the reason into the entered wrappers when the innermost wrapper aborts and no implementation follows", async () => {
    const { pm, build } = manager();
    const controller = new AbortController();
    const reason = new Error("abort in the innermost wrapper");
    const seen: unknown[] = [];
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* inner(): Generator<undefined, unknown, unknown> {
          controller.abort(reason);
          return yield;
        }),
      },
      "inner",
    );
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* outer(): Generator<undefined, unknown, unknown> {
          try {
            return yield;
          } catch (error) {
            seen.push(error);
            throw error;
          }
        }),
      },
      "outer",
    );
    await expect(build.callAsync({ target: "web" }, { signal: controller.signal })).rejects.toBe(reason);
    expect(seen).toEqual([reason]);
  });
});
