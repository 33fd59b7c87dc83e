// Issue 14 (hardening), item 7: `callAsync` (and a firstresult call) with an AbortSignal stayed
// pending after the abort while an implementation, or an async wrapper before its `yield`, never
// settled; the wrappers already entered never had their `finally` run. The call now rejects
// promptly with the signal's reason, throws it into the entered wrappers, and leaves no unhandled
// rejection when the abandoned implementation settles later.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectStages, HookimplMarker, HookspecMarker, PluginManager, type HookCaller } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

const never = <T>(): Promise<T> => new Promise<T>(() => {});
const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

function manager(firstresult = false): { pm: PluginManager; build: HookCaller } {
  const pm = new PluginManager("example", { warn: () => {} });
  pm.addHookspecs({ build: hookspec({ firstresult })(({ target }: { target: string }) => target) });
  return { pm, build: (pm.hook as Readonly<Record<string, HookCaller>>)["build"]! };
}

/** A new-style wrapper that logs what it saw and when its finally ran. */
function loggingWrapper(log: string[]) {
  return hookimpl({ wrapper: true })(function* outer(): Generator<undefined, unknown, unknown> {
    try {
      return yield;
    } catch (error) {
      log.push(`saw ${(error as Error).message}`);
      throw error;
    } finally {
      log.push("finally");
    }
  });
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

describe("aborting an async call while plugin code never settles", () => {
  beforeEach(() => {
    unhandled.length = 0;
    process.on("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    process.off("unhandledRejection", onUnhandled);
  });

  it.each([false, true])(
    "rejects with the reason while an implementation never settles (firstresult: %s)",
    async (firstresult) => {
      const { pm, build } = manager(firstresult);
      const log: string[] = [];
      pm.register({ build: hookimpl(() => never<string>()) }, "stuck");
      pm.register({ build: loggingWrapper(log) }, "wrapper");
      const controller = new AbortController();
      const pending = build.callAsync({ target: "web" }, { signal: controller.signal });
      await later();
      const reason = new Error("user pressed Ctrl-C");
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
      expect(log).toEqual(["saw user pressed Ctrl-C", "finally"]);
    },
  );

  it("rejects with the reason while an async wrapper never reaches its yield", async () => {
    const { pm, build } = manager();
    const log: string[] = [];
    pm.register({ build: hookimpl(({ target }: { target: string }) => target) }, "impl");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(async function* stuck(): AsyncGenerator<undefined, unknown, unknown> {
          await never<void>();
          return yield;
        }),
      },
      "stuck-wrapper",
    );
    pm.register({ build: loggingWrapper(log) }, "outer");
    const controller = new AbortController();
    const pending = build.callAsync({ target: "web" }, { signal: controller.signal });
    await later();
    const reason = new Error("timed out");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(log).toEqual(["saw timed out", "finally"]);
  });

  it("rejects collectStages with the reason while a plugin's stage hook never settles", async () => {
    const pm = new PluginManager("example", { warn: () => {} });
    pm.addHookspecs({ stages: hookspec(() => [] as unknown[]) });
    pm.register({ stages: hookimpl(() => never<unknown[]>()) }, "stuck-plugin");
    const controller = new AbortController();
    const pending = collectStages(pm, "stages", { signal: controller.signal });
    await later();
    const reason = new Error("collection cancelled");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("leaves no unhandled rejection when the abandoned implementation rejects later", async () => {
    const { pm, build } = manager();
    let fail: (error: Error) => void = () => {};
    pm.register({ build: hookimpl(() => new Promise<string>((_, reject) => (fail = reject))) }, "slow");
    const controller = new AbortController();
    const pending = build.callAsync({ target: "web" }, { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    fail(new Error("failed after the abort"));
    await later();
    await later();
    expect(unhandled).toEqual([]);
  });

  it("tears down a wrapper abandoned in its setup with the reason once it yields", async () => {
    const { pm, build } = manager();
    const log: string[] = [];
    let release: () => void = () => {};
    pm.register({ build: hookimpl(({ target }: { target: string }) => target) }, "impl");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(async function* slow(): AsyncGenerator<undefined, unknown, unknown> {
          await new Promise<void>((resolve) => (release = resolve));
          try {
            return yield;
          } catch (error) {
            log.push(`saw ${(error as Error).message}`);
            throw error;
          } finally {
            log.push("finally");
          }
        }),
      },
      "slow-wrapper",
    );
    const controller = new AbortController();
    const reason = new Error("cancelled");
    const pending = build.callAsync({ target: "web" }, { signal: controller.signal });
    await later();
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(log).toEqual([]);
    release();
    await later();
    expect(log).toEqual(["saw cancelled", "finally"]);
    expect(unhandled).toEqual([]);
  });
});
