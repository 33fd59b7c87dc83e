// The observation cases of the benchmark run, check their results, and leave no observer behind.
import { describe, expect, it } from "vitest";
import { measureCase, quickSettings } from "../../bench/index.ts";
import { profiledAsyncCallCase, profiledWrappersCase, watchedSyncCallCase } from "../../bench/cases/observability.ts";

describe("the observation cases of the benchmark", () => {
  it.each([
    watchedSyncCallCase(10, "observer"),
    watchedSyncCallCase(10, "profiler"),
    profiledWrappersCase(),
    profiledAsyncCallCase(20),
  ])("$name measures hooksmith", async (benchCase) => {
    const [measurement, ...others] = await measureCase(benchCase, quickSettings);
    expect(others).toEqual([]);
    expect(measurement).toMatchObject({ case: benchCase.name, subject: "hooksmith" });
    expect(measurement!.nsPerOp).toBeGreaterThan(0);
  });
});
