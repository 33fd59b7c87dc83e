// Every case of the benchmark, in the order they run and appear in the table.

import type { BenchCase, TimedCase } from "../harness.ts";
import { asyncCallCase } from "./async-calls.ts";
import { discoveryCase } from "./discovery.ts";
import { profiledAsyncCallCase, profiledWrappersCase, watchedSyncCallCase } from "./observability.ts";
import { callHookCase, callHookMatrix, wrappersCase } from "./pluggy-matrix.ts";
import { memoryCase } from "./memory.ts";
import { registrationCase } from "./registration.ts";
import { startupCase } from "./startup.ts";
import { firstResultCase, syncCallCase } from "./sync-calls.ts";

/**
 * The cases of issue 8: plain calls, `firstresult`, pluggy's matrix, `callAsync`, registration and
 * discovery; and startup (issue 18).
 *
 * @returns A fresh list of cases.
 */
export function allCases(): BenchCase[] {
  return [
    syncCallCase(1),
    syncCallCase(10),
    syncCallCase(100),
    firstResultCase(),
    ...[10, 100].flatMap((hooks) => [10, 100].map((wrappers) => wrappersCase(hooks, wrappers))),
    ...callHookMatrix.map(([plugins, wrappers, nesting]) => callHookCase(plugins, wrappers, nesting)),
    asyncCallCase(20),
    registrationCase(1000),
    registrationCase(10_000),
    memoryCase(),
    discoveryCase(1000),
    startupCase(),
    // Observation on (issue 17): compare with the cases above.
    watchedSyncCallCase(10, "observer"),
    watchedSyncCallCase(10, "profiler"),
    profiledWrappersCase(),
    profiledAsyncCallCase(20),
  ];
}

/** The suffix of the cases measured in a process where code generation is forbidden. */
export const noCodegenSuffix = " (no code generation)";

/**
 * The cases of issue 18 measured again in a process run with
 * `--disallow-code-generation-from-strings` (as in Cloudflare Workers and under a Content Security
 * Policy without 'unsafe-eval'), where every call takes the call loop: plain calls with 1, 10 and
 * 100 implementations, `firstresult` and 10 wrappers, against the same baselines.
 *
 * @returns A fresh list of cases, named with {@link noCodegenSuffix}.
 */
export function noCodegenCases(): BenchCase[] {
  // pluggy has no such mode (its numbers are in the cases measured with code generation), and
  // tapable cannot run there at all: it builds every hook's call with new Function.
  return [syncCallCase(1), syncCallCase(10), syncCallCase(100), firstResultCase(), wrappersCase(10, 10)].map(
    (benchCase): TimedCase => {
      const timed = benchCase as TimedCase;
      return {
        name: `${timed.name}${noCodegenSuffix}`,
        async prepare() {
          const prepared = await timed.prepare();
          return { ...prepared, subjects: prepared.subjects.filter((subject) => subject.subject !== "tapable") };
        },
      };
    },
  );
}
