// Memory: what a registered plugin, and a hook, keep alive. The heap is collected before and after
// registering many of them in this process (npm run bench runs it with --expose-gc), and the
// difference is divided by their number; the median of several tries is reported.

import { createHooks } from "hookable";
import { SyncHook } from "tapable";
import { PluginManager } from "../../src/index.ts";
import type { Measurement, MeasureSettings, ProcessCase } from "../harness.ts";
import { Plugin, Registry, hookNames, specs } from "./registration.ts";
import { hookspec, project } from "./fixtures.ts";

/** The names of the memory cases (bytes, not nanoseconds, in results.json's `nsPerOp`). */
export const memoryCaseNames = {
  plugin: "memory: retained per registered plugin (3 hooks), bytes",
  hook: "memory: retained per hook (spec and caller), bytes",
} as const;

const plugins = 10_000;
const hooks = 2_000;

/**
 * Retained bytes per registered plugin (3 hook implementations, as the registration case), for
 * hooksmith, the hand-written registry, tapable and hookable; and per hook (a spec added, which
 * creates its caller) for hooksmith, against tapable's `SyncHook`.
 *
 * @returns The case.
 */
export function memoryCase(): ProcessCase {
  return {
    name: "memory",
    measure: async (settings: MeasureSettings): Promise<Measurement[]> => {
      const tries = Math.max(3, settings.rounds * 2 - 1);
      const perPlugin = (build: () => unknown): number => retained(build, tries) / plugins;
      const instances = Array.from({ length: plugins }, (_, i) => new Plugin(i));
      const names = instances.map((_, i) => `plugin_${i}`);
      const specNames = Array.from({ length: hooks }, (_, i) => `hook_${i}`);
      return [
        {
          case: memoryCaseNames.plugin,
          subject: "hooksmith",
          nsPerOp: perPlugin(() => {
            const pm = new PluginManager<typeof specs>(project);
            pm.addHookspecs(specs);
            for (let i = 0; i < plugins; i++) pm.register(instances[i]!, names[i]);
            return pm;
          }),
        },
        {
          case: memoryCaseNames.plugin,
          subject: "baseline",
          nsPerOp: perPlugin(() => {
            const registry = new Registry();
            for (let i = 0; i < plugins; i++) registry.register(instances[i]!, names[i]!);
            return registry;
          }),
        },
        {
          case: memoryCaseNames.plugin,
          subject: "tapable",
          nsPerOp: perPlugin(() => {
            const taps = Object.fromEntries(hookNames.map((name) => [name, new SyncHook<[unknown]>(["event"])]));
            for (let i = 0; i < plugins; i++) {
              const plugin = instances[i]!;
              for (const name of hookNames) taps[name]!.tap(names[i]!, plugin[name].bind(plugin) as (event: unknown) => void);
            }
            return taps;
          }),
        },
        {
          case: memoryCaseNames.plugin,
          subject: "hookable",
          nsPerOp: perPlugin(() => {
            const registry = createHooks<Record<(typeof hookNames)[number], (event: unknown) => void>>();
            for (let i = 0; i < plugins; i++) {
              const plugin = instances[i]!;
              for (const name of hookNames) registry.hook(name, plugin[name].bind(plugin) as (event: unknown) => void);
            }
            return registry;
          }),
        },
        {
          case: memoryCaseNames.hook,
          subject: "hooksmith",
          nsPerOp:
            retained(() => {
              const pm = new PluginManager(project);
              pm.addHookspecs(
                Object.fromEntries(specNames.map((name) => [name, hookspec(({ event }: { event: unknown }) => event)])),
              );
              return pm;
            }, tries) / hooks,
        },
        {
          case: memoryCaseNames.hook,
          subject: "tapable",
          nsPerOp: retained(() => specNames.map(() => new SyncHook<[unknown]>(["event"])), tries) / hooks,
        },
      ];
    },
  };
}

// The bytes `build` leaves reachable (through its result), median of `tries`.
function retained(build: () => unknown, tries: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("the memory case needs node --expose-gc (npm run bench passes it)");
  const samples: number[] = [];
  for (let i = 0; i < tries; i++) {
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    held.push(build());
    gc();
    gc();
    samples.push(process.memoryUsage().heapUsed - before);
    held.length = 0;
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

// What a measurement keeps reachable until it has read the heap.
const held: unknown[] = [];
