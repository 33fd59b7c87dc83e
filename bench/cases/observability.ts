// What observation costs: the call cases again, with an empty hook observer (the core's
// observation path alone) and with the profiler running (that path plus its recording). Without
// an observer the call cases above take their fast path; these cases measure the path taken
// while someone is watching, and docs/benchmarks.md derives the overhead per implementation call.

import { observeHooks } from "../../src/index.ts";
import { PluginManager, profileHooks, type HookProfiler } from "../../src/index.ts";
import { expectValue, type BenchCase, type PreparedCase, type Subject } from "../harness.ts";
import {
  computeArgs,
  computePlugins,
  computeSpecs,
  distinctAsyncImpls,
  distinctImpls,
  expectedResults,
  hookimpl,
  hookspec,
  project,
} from "./fixtures.ts";

/** Operations between two restarts of the profiler, so that its recording stays small. */
const RESTART_EVERY = 1000;

type Watch = "observer" | "profiler";

/**
 * Runs `call` with the manager watched: an empty observer, or a profiler restarted every
 * {@link RESTART_EVERY} operations (the stop and restart are part of the measured cost).
 */
function watched(pm: PluginManager<object>, watch: Watch, call: () => unknown): { run: () => unknown; dispose: () => void } {
  if (watch === "observer") {
    const remove = observeHooks(pm, {});
    return { run: call, dispose: remove };
  }
  let profiler: HookProfiler = profileHooks(pm);
  let calls = 0;
  return {
    run: () => {
      if (++calls === RESTART_EVERY) {
        calls = 0;
        profiler.stop();
        profiler = profileHooks(pm);
      }
      return call();
    },
    dispose: () => void profiler.stop(),
  };
}

/**
 * `pm.hook.compute({ a, b })` with `count` implementations, watched: compare with `sync call,
 * <count> impls`.
 *
 * @param count - The number of implementations.
 * @param watch - An empty observer, or the profiler.
 * @returns The case.
 */
export function watchedSyncCallCase(count: number, watch: Watch): BenchCase {
  return {
    name: `sync call, ${count} impls, ${watch === "observer" ? "empty observer" : "profiled"}`,
    prepare(): PreparedCase {
      const pm = new PluginManager<typeof computeSpecs>(project);
      pm.addHookspecs(computeSpecs);
      computePlugins(distinctImpls(count)).forEach((plugin, i) => pm.register(plugin, `p${i}`));
      const args = computeArgs;
      const { run, dispose } = watched(pm as PluginManager<object>, watch, () => pm.hook.compute(args));
      const subject: Subject = { subject: "hooksmith", run, verify: expectValue(expectedResults(count)) };
      return { subjects: [subject], dispose };
    },
  };
}

/**
 * `pm.hook.compute.callAsync({ a, b })` over `count` async implementations, profiled: compare
 * with `callAsync, <count> async impls`.
 *
 * @param count - The number of implementations.
 * @returns The case.
 */
export function profiledAsyncCallCase(count: number): BenchCase {
  return {
    name: `callAsync, ${count} async impls, profiled`,
    prepare(): PreparedCase {
      const pm = new PluginManager<typeof computeSpecs>(project);
      pm.addHookspecs(computeSpecs);
      computePlugins(distinctAsyncImpls(count)).forEach((plugin, i) => pm.register(plugin, `p${i}`));
      const args = computeArgs;
      const { run, dispose } = watched(pm as PluginManager<object>, "profiler", () => pm.hook.compute.callAsync(args));
      return { subjects: [{ subject: "hooksmith", async: true, run, verify: expectValue(expectedResults(count)) }], dispose };
    },
  };
}

const funSpecs = { fun: hookspec(({ arg }: { arg: number }): number => arg) };

/**
 * 10 implementations inside 10 new-style wrappers, profiled (each wrapper is two steps, its
 * setup and its teardown): compare with `hooks=10 wrappers=10`, whose implementations return
 * arrays instead.
 *
 * @returns The case.
 */
export function profiledWrappersCase(): BenchCase {
  return {
    name: "hooks=10 wrappers=10, profiled",
    prepare(): PreparedCase {
      const pm = new PluginManager<typeof funSpecs>(project);
      pm.addHookspecs(funSpecs);
      for (let i = 0; i < 10; i++) pm.register({ fun: hookimpl(({ arg }: { arg: number }) => arg + i) }, `hook_${i}`);
      for (let i = 0; i < 10; i++) {
        pm.register(
          {
            fun: hookimpl({ wrapper: true })(function* (): Generator<unknown, number[], number[]> {
              return yield;
            }),
          },
          `wrapper_${i}`,
        );
      }
      const args = { arg: 1 };
      const { run, dispose } = watched(pm as PluginManager<object>, "profiler", () => pm.hook.fun(args));
      return {
        subjects: [{ subject: "hooksmith", run, verify: expectValue(Array.from({ length: 10 }, (_, i) => 10 - i)) }],
        dispose,
      };
    },
  };
}
