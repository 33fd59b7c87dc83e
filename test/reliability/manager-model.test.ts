// Model-based property tests of the plugin manager: random plugin pools and random sequences of
// register (sync and async), unregister, setBlocked, unblock, hook calls (sync, callAsync, hot
// enough to be compiled), historic calls with replays, and misuse, checked after every operation
// against the reference model of model.ts: what each operation returned or threw, what every
// implementation, wrapper and callback logged (so call order and the "ongoing call is
// unaffected" rule of re-entrant registration are checked), and the manager's whole observable
// state (listNamePlugin, getPlugins, getHookcallers, the hook relay, each hook's getHookimpls).
//
// Fixed seed and bounded runs in `npm test`; HOOKSMITH_PROPERTY_RUNS=5000 (the variable the stage
// property test reads) runs longer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runArbitrary, type Profile } from "./arbitraries.ts";
import { ManagerModel, maskUnspecified, type Op, type PluginDef } from "./model.ts";
import { World } from "./world.ts";

const runs = Number(process.env["HOOKSMITH_PROPERTY_RUNS"] ?? 100);
const seed = 20261126;
// A long run (HOOKSMITH_PROPERTY_RUNS=5000) takes longer than vitest's default 5 s per test.
const timeout = Math.max(30_000, runs * 40);

/**
 * Runs `ops` against the library and the model, comparing after every operation.
 *
 * @param pool - The plugins.
 * @param ops - The operations.
 */
export async function checkAgainstModel(pool: readonly PluginDef[], ops: readonly Op[]): Promise<void> {
  const world = new World(pool);
  const model = new ManagerModel(pool);
  expect(world.state()).toEqual(model.state());
  for (const [step, op] of ops.entries()) {
    const where = `step ${step}: ${JSON.stringify(op)}`;
    world.log.length = 0;
    model.log.length = 0;
    const actual = { outcomes: await world.apply(op), log: world.log };
    const expected = { outcomes: model.apply(op), log: model.log };
    expect({ where, ...maskUnspecified(actual, expected) }).toEqual({ where, ...expected });
    expect({ where, state: world.state() }).toEqual({ where, state: model.state() });
    expect({ where, violations: world.invariantViolations() }).toEqual({ where, violations: [] });
  }
}

describe.each<Profile>(["mixed", "hostile", "wrappers", "reentrant", "hot"])(
  "PluginManager against the reference model (%s plugins)",
  (profile) => {
    it("matches the model after every operation", { timeout }, async () => {
      await fc.assert(
        fc.asyncProperty(runArbitrary(profile), async ({ pool, ops }) => {
          await checkAgainstModel(pool, ops);
        }),
        { seed, numRuns: runs },
      );
    });
  },
);
