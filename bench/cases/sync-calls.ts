// Plain synchronous calls: 1, 10 and 100 implementations without wrappers, and `firstresult`.

import { createHooks } from "hookable";
import { SyncBailHook, SyncHook } from "tapable";
import { PluginManager } from "../../src/index.ts";
import { expectValue, type BenchCase, type PreparedCase } from "../harness.ts";
import {
  callLoop,
  computeArgs,
  computeFirstSpecs,
  computePlugins,
  computeSpecs,
  distinctImpls,
  expectedResults,
  firstResultLoop,
  project,
  type ComputeArgs,
  type ComputeImpl,
} from "./fixtures.ts";

type ComputeSpecs = typeof computeSpecs;

/**
 * `pm.hook.compute({ a, b })` with `count` implementations and no wrappers, beside the baseline
 * loop, tapable's `SyncHook` with as many taps (it discards results) and hookable's `callHook`
 * (it discards results too).
 *
 * @param count - The number of implementations.
 * @returns The case.
 */
export function syncCallCase(count: number): BenchCase {
  return {
    name: `sync call, ${count} impl${count === 1 ? "" : "s"}`,
    pluggy: { kind: "sync", impls: count },
    prepare(): PreparedCase {
      const fns = distinctImpls(count);
      const pm = new PluginManager<ComputeSpecs>(project);
      pm.addHookspecs(computeSpecs);
      computePlugins(fns).forEach((plugin, i) => pm.register(plugin, `p${i}`));
      const tapableHook = new SyncHook<[ComputeArgs]>(["args"]);
      fns.forEach((fn, i) => tapableHook.tap(`p${i}`, fn));
      const hookable = createHooks<{ compute: (args: ComputeArgs) => void }>();
      fns.forEach((fn) => hookable.hook("compute", fn));
      const args = computeArgs;
      return {
        subjects: [
          { subject: "hooksmith", run: () => pm.hook.compute(args), verify: expectValue(expectedResults(count)) },
          { subject: "baseline", run: () => callLoop(fns, args), verify: expectValue(expectedResults(count)) },
          { subject: "tapable", run: () => tapableHook.call(args), verify: expectValue(undefined) },
          { subject: "hookable", run: () => hookable.callHook("compute", args), verify: expectValue(undefined) },
        ],
      };
    },
  };
}

/**
 * A `firstresult` call over 10 implementations where only the last one called answers, so every
 * implementation runs; beside the baseline loop and tapable's `SyncBailHook`, which has the same
 * semantics (the first non-`undefined` result stops the call and is returned).
 *
 * @returns The case.
 */
export function firstResultCase(): BenchCase {
  const count = 10;
  // Registered first, so called last.
  const answers = (index: number): boolean => index === 0;
  return {
    name: `firstresult, ${count} impls (the last one answers)`,
    pluggy: { kind: "firstresult", impls: count },
    prepare(): PreparedCase {
      const fns: ComputeImpl[] = distinctImpls(count, answers);
      const pm = new PluginManager<typeof computeFirstSpecs>(project);
      pm.addHookspecs(computeFirstSpecs);
      computePlugins(fns).forEach((plugin, i) => pm.register(plugin, `p${i}`));
      const bail = new SyncBailHook<[ComputeArgs], number | undefined>(["args"]);
      // tapable calls taps in tap order: tap in hooksmith's call order.
      for (let i = count - 1; i >= 0; i--) bail.tap(`p${i}`, fns[i]!);
      const args = computeArgs;
      const expected = expectValue(expectedResults(count, answers)[0]);
      return {
        subjects: [
          { subject: "hooksmith", run: () => pm.hook.compute(args), verify: expected },
          { subject: "baseline", run: () => firstResultLoop(fns, args), verify: expected },
          { subject: "tapable", run: () => bail.call(args), verify: expected },
        ],
      };
    },
  };
}
