// Property test: whatever stages do (fail in setup or check, fail or swallow in teardown, yield
// twice, abort the run), every entered deploy is unwound exactly once and nothing runs after the
// stopping point. Fixed seed and bounded runs; HOOKSMITH_PROPERTY_RUNS=5000 runs longer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deployStages, NebariStage, StageAbortError, StageError, type StageClass } from "../../src/index.ts";

type Setup = "generator" | "plain" | "no-yield" | "throw";
type Check = "pass" | "false" | "throw";
type Teardown = "ok" | "throw-new" | "swallow" | "yield-twice";

interface Spec {
  readonly setup: Setup;
  readonly check: Check;
  readonly teardown: Teardown;
}

interface Counters {
  started: number;
  finally: number;
}

const runs = Number(process.env["HOOKSMITH_PROPERTY_RUNS"] ?? 150);

function build(
  index: number,
  spec: Spec,
  counters: Counters[],
  abortAt: number | undefined,
  controller: AbortController,
): StageClass {
  const count = (counters[index] = { started: 0, finally: 0 });
  const abortHere = () => {
    if (abortAt === index) controller.abort(new Error("stop"));
  };
  class Generated extends NebariStage {
    static override stageName = `s${index}`;
    static override priority = index;
    override check() {
      if (spec.check === "false") return false;
      if (spec.check === "throw") throw new Error(`check ${index}`);
      return true;
    }
  }
  const deploys: Record<Setup, () => unknown> = {
    plain() {
      count.started += 1;
      abortHere();
    },
    throw: function* () {
      count.started += 1;
      abortHere();
      throw new Error(`setup ${index}`);
    },
    "no-yield": function* () {
      count.started += 1;
      abortHere();
    },
    generator: function* () {
      count.started += 1;
      abortHere();
      if (spec.teardown === "yield-twice") {
        try {
          yield;
          yield;
        } finally {
          count.finally += 1;
        }
        return;
      }
      let failed = false;
      try {
        yield;
      } catch (error) {
        failed = true;
        if (spec.teardown !== "swallow" && spec.teardown !== "throw-new") throw error;
      } finally {
        count.finally += 1;
      }
      if (spec.teardown === "throw-new") throw new Error(`teardown ${index} (after failure: ${failed})`);
    },
  };
  Object.defineProperty(Generated.prototype, "deploy", { value: deploys[spec.setup] });
  return Generated;
}

const specArbitrary = fc.record<Spec>({
  setup: fc.constantFrom<Setup>("generator", "generator", "plain", "no-yield", "throw"),
  check: fc.constantFrom<Check>("pass", "pass", "pass", "false", "throw"),
  teardown: fc.constantFrom<Teardown>("ok", "ok", "throw-new", "swallow", "yield-twice"),
});

describe("deployStages resource safety", () => {
  it("unwinds every entered deploy exactly once and starts nothing after a stop", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArbitrary, { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat({ max: 5 }), { nil: undefined }),
        fc.boolean(),
        async (specs, abortAt, disableChecks) => {
          const controller = new AbortController();
          const counters: Counters[] = [];
          const stages = specs.map((spec, index) => build(index, spec, counters, abortAt, controller));

          // The model: where the run stops, and how.
          let stop: { index: number; kind: "fail" | "abort" } | undefined;
          for (const [index, spec] of specs.entries()) {
            if (spec.setup === "throw" || (!disableChecks && spec.check !== "pass")) {
              stop = { index, kind: "fail" };
              break;
            }
            if (abortAt === index && index < specs.length - 1) {
              stop = { index, kind: "abort" };
              break;
            }
          }
          const lastStarted = stop?.index ?? specs.length - 1;
          const entered = (index: number) => index <= lastStarted && specs[index]?.setup === "generator";
          const teardownFails = specs.some(
            (spec, index) => entered(index) && (spec.teardown === "throw-new" || spec.teardown === "yield-twice"),
          );

          let outcome: unknown;
          let resolved = false;
          try {
            await deployStages(stages, {
              config: {},
              outputDirectory: ".",
              lock: false,
              signal: controller.signal,
              disableChecks,
            });
            resolved = true;
          } catch (error) {
            outcome = error;
          }

          for (const [index, counter] of counters.entries()) {
            expect(counter.started).toBe(index <= lastStarted ? 1 : 0);
            expect(counter.finally).toBe(entered(index) ? 1 : 0);
          }
          expect(resolved).toBe(stop === undefined && !teardownFails);
          if (stop?.kind === "fail") {
            expect(outcome).toBeInstanceOf(StageError);
            expect((outcome as StageError).stage).toBe(`s${stop.index}`);
            expect(["deploy", "check"]).toContain((outcome as StageError).phase);
          } else if (stop?.kind === "abort") {
            expect(outcome).toBeInstanceOf(StageAbortError);
            expect((outcome as StageAbortError).stage).toBe(`s${stop.index + 1}`);
          } else if (teardownFails) {
            expect(outcome).toBeInstanceOf(StageError);
            expect((outcome as StageError).phase).toBe("teardown");
          }
        },
      ),
      { seed: 20261125, numRuns: runs },
    );
  });
});
