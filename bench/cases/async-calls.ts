// `callAsync` with 20 async implementations.

import { createHooks } from "hookable";
import { AsyncSeriesHook } from "tapable";
import { PluginManager } from "../../src/index.ts";
import { expectValue, type BenchCase, type PreparedCase } from "../harness.ts";
import {
  awaitLoop,
  computeArgs,
  computePlugins,
  computeSpecs,
  distinctAsyncImpls,
  expectedResults,
  project,
  type ComputeArgs,
} from "./fixtures.ts";

/**
 * `pm.hook.compute.callAsync({ a, b })` over `count` async implementations, beside the baseline
 * sequential `await` loop, tapable's `AsyncSeriesHook` (`tapPromise` / `promise`, no results) and
 * hookable's `callHook`, which awaits each hook in turn (no results).
 *
 * @param count - The number of implementations.
 * @returns The case.
 */
export function asyncCallCase(count: number): BenchCase {
  return {
    name: `callAsync, ${count} async impls`,
    prepare(): PreparedCase {
      const fns = distinctAsyncImpls(count);
      const pm = new PluginManager<typeof computeSpecs>(project);
      pm.addHookspecs(computeSpecs);
      computePlugins(fns).forEach((plugin, i) => pm.register(plugin, `p${i}`));
      const series = new AsyncSeriesHook<[ComputeArgs]>(["args"]);
      fns.forEach((fn, i) => series.tapPromise(`p${i}`, fn as unknown as (args: ComputeArgs) => Promise<void>));
      const hookable = createHooks<{ compute: (args: ComputeArgs) => Promise<void> }>();
      fns.forEach((fn) => hookable.hook("compute", fn as (args: ComputeArgs) => Promise<never>));
      const args = computeArgs;
      const expected = expectValue(expectedResults(count));
      return {
        subjects: [
          { subject: "hooksmith", async: true, run: () => pm.hook.compute.callAsync(args), verify: expected },
          { subject: "baseline", async: true, run: () => awaitLoop(fns, args), verify: expected },
          { subject: "tapable", async: true, run: () => series.promise(args), verify: expectValue(undefined) },
          { subject: "hookable", async: true, run: () => hookable.callHook("compute", args), verify: expectValue(undefined) },
        ],
      };
    },
  };
}
