// Every case of the benchmark, in the order they run and appear in the table.

import type { BenchCase } from "../harness.ts";
import { asyncCallCase } from "./async-calls.ts";
import { discoveryCase } from "./discovery.ts";
import { profiledAsyncCallCase, profiledWrappersCase, watchedSyncCallCase } from "./observability.ts";
import { callHookCase, callHookMatrix, wrappersCase } from "./pluggy-matrix.ts";
import { registrationCase } from "./registration.ts";
import { firstResultCase, syncCallCase } from "./sync-calls.ts";

/**
 * The cases of issue 8: plain calls, `firstresult`, pluggy's matrix, `callAsync`, registration and
 * discovery.
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
    discoveryCase(1000),
    // Observation on (issue 17): compare with the cases above.
    watchedSyncCallCase(10, "observer"),
    watchedSyncCallCase(10, "profiler"),
    profiledWrappersCase(),
    profiledAsyncCallCase(20),
  ];
}
