// Resource safety of the stage flows, beyond test/stages/deploy-resource-safety.test.ts: an
// AbortSignal fired in the middle of a stage's async setup (between two awaits), stages that
// watch the signal and give up, teardowns that throw, and the same for destroyStages (abort while
// preparing or while destroying, destroy steps that throw). Whatever happens, every generator a
// flow started has its `finally` run exactly once, the code after `yield` runs at most once, and
// nothing starts after the stopping point.
//
// Fixed seed and bounded runs; HOOKSMITH_PROPERTY_RUNS=5000 runs longer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deployStages,
  destroyStages,
  NebariStage,
  StageAbortError,
  StageError,
  type StageClass,
  type StageRunOptions,
} from "../../src/index.ts";

const runs = Number(process.env["HOOKSMITH_PROPERTY_RUNS"] ?? 100);
const timeout = Math.max(30_000, runs * 20);

/** Lets other promise jobs run, as real asynchronous setup code does. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Counters {
  /** The generator started. */
  started: number;
  /** It reached its `yield` (entered). */
  entered: number;
  /** Code after its `yield` ran (resumed normally). */
  after: number;
  /** Its outer `finally` ran. */
  finally: number;
}

const counters = (): Counters => ({ started: 0, entered: 0, after: 0, finally: 0 });

interface DeploySpec {
  /** Setup throws after its awaits. */
  readonly setupThrows: boolean;
  /** Setup gives up with `signal.reason` when it sees the signal aborted. */
  readonly watchesSignal: boolean;
  /** The teardown (code after `yield` or its `finally`) throws a new error. */
  readonly teardownThrows: boolean;
}

const deploySpec = fc.record<DeploySpec>({
  setupThrows: fc.constantFrom(false, false, false, true),
  watchesSignal: fc.boolean(),
  teardownThrows: fc.constantFrom(false, false, true),
});

function deployStage(
  index: number,
  spec: DeploySpec,
  count: Counters,
  abortAt: number | undefined,
  controller: AbortController,
): StageClass {
  return class extends NebariStage {
    static override stageName = `s${index}`;
    static override priority = index;
    override async *deploy(_outputs: unknown, { signal }: StageRunOptions) {
      count.started += 1;
      try {
        await tick();
        // The abort fires in the middle of this stage's asynchronous setup.
        if (abortAt === index) controller.abort(new Error(`abort in s${index}`));
        await tick();
        if (spec.watchesSignal) signal.throwIfAborted();
        if (spec.setupThrows) throw new Error(`setup s${index}`);
        count.entered += 1;
        try {
          yield;
          count.after += 1;
        } catch (error) {
          // Unwound with the run's failure thrown in: only this cleanup code runs.
          if (spec.teardownThrows) throw new Error(`teardown s${index}`, { cause: error });
          throw error;
        }
        if (spec.teardownThrows) throw new Error(`teardown s${index}`);
      } finally {
        count.finally += 1;
      }
    }
  };
}

interface DestroySpec {
  /** The code before `yield` (prepare) throws. */
  readonly prepareThrows: boolean;
  /** The code after `yield` (destroy) throws. */
  readonly destroyThrows: boolean;
}

const destroySpec = fc.record<DestroySpec>({
  prepareThrows: fc.constantFrom(false, false, false, true),
  destroyThrows: fc.constantFrom(false, false, true),
});

type DestroyAbort = { readonly phase: "prepare" | "destroy"; readonly index: number } | undefined;

function destroyStage(
  index: number,
  spec: DestroySpec,
  count: Counters,
  abort: DestroyAbort,
  controller: AbortController,
): StageClass {
  const abortIn = (phase: "prepare" | "destroy") => {
    if (abort?.phase === phase && abort.index === index) controller.abort(new Error(`abort in s${index} ${phase}`));
  };
  return class extends NebariStage {
    static override stageName = `s${index}`;
    static override priority = index;
    override async *destroy() {
      count.started += 1;
      try {
        await tick();
        abortIn("prepare");
        await tick();
        if (spec.prepareThrows) throw new Error(`prepare s${index}`);
        count.entered += 1;
        yield;
        count.after += 1;
        await tick();
        abortIn("destroy");
        if (spec.destroyThrows) throw new Error(`destroy s${index}`);
      } finally {
        count.finally += 1;
      }
    }
  };
}

describe("deployStages resource safety with asynchronous setups", () => {
  it(
    "unwinds every entered deploy once when aborted mid-setup or failing, and starts nothing after the stop",
    { timeout },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(deploySpec, { minLength: 1, maxLength: 5 }),
          fc.option(fc.nat({ max: 4 }), { nil: undefined }),
          async (specs, abortAt) => {
            const controller = new AbortController();
            const count = specs.map(counters);
            const stages = specs.map((spec, index) => deployStage(index, spec, count[index]!, abortAt, controller));

            // The model: the stage where the run stops, and how.
            let stop: { index: number; kind: "fail" | "abort" } | undefined;
            for (const [index, spec] of specs.entries()) {
              const aborted = abortAt !== undefined && abortAt <= index;
              if ((aborted && spec.watchesSignal) || spec.setupThrows) {
                stop = { index, kind: "fail" };
                break;
              }
              // The stage that saw the abort fire in its setup finishes it; the next one does not start.
              if (aborted && index < specs.length - 1) {
                stop = { index, kind: "abort" };
                break;
              }
            }
            const lastStarted = stop?.index ?? specs.length - 1;
            const entered = (index: number) => index <= lastStarted && !(stop?.kind === "fail" && stop.index === index);
            const throwingTeardowns = specs.filter((spec, index) => entered(index) && spec.teardownThrows).length;

            const outcome = await deployStages(stages, {
              config: {},
              outputDirectory: ".",
              lock: false,
              signal: controller.signal,
              disableChecks: true,
            }).then(
              () => undefined,
              (error: unknown) => error,
            );

            for (const [index, counter] of count.entries()) {
              const started = index <= lastStarted ? 1 : 0;
              expect({ index, ...counter }).toEqual({
                index,
                started,
                entered: entered(index) ? 1 : 0,
                // A teardown resumes normally only when nothing failed before it: no stop, and no
                // teardown of a later stage (unwound first) threw.
                after:
                  entered(index) &&
                  stop === undefined &&
                  !specs.some((other, later) => later > index && entered(later) && other.teardownThrows)
                    ? 1
                    : 0,
                finally: started,
              });
            }
            if (stop === undefined && throwingTeardowns === 0) {
              expect(outcome).toBeUndefined();
              return;
            }
            if (stop?.kind === "abort") {
              expect(outcome).toBeInstanceOf(StageAbortError);
              const abort = outcome as StageAbortError;
              expect(abort.stage).toBe(`s${stop.index + 1}`);
              expect((abort.cause as Error).message).toBe(`abort in s${abortAt}`);
              expect(abort.otherErrors.map((error) => error.phase)).toEqual(Array(throwingTeardowns).fill("teardown"));
              return;
            }
            expect(outcome).toBeInstanceOf(StageError);
            const failure = outcome as StageError;
            if (stop !== undefined) {
              expect([failure.stage, failure.phase]).toEqual([`s${stop.index}`, "deploy"]);
              const watched = abortAt !== undefined && abortAt <= stop.index && specs[stop.index]!.watchesSignal;
              expect((failure.cause as Error).message).toBe(watched ? `abort in s${abortAt}` : `setup s${stop.index}`);
              expect(failure.otherErrors.map((error) => error.phase)).toEqual(Array(throwingTeardowns).fill("teardown"));
            } else {
              expect(failure.phase).toBe("teardown");
              expect(failure.otherErrors.map((error) => error.phase)).toEqual(Array(throwingTeardowns - 1).fill("teardown"));
            }
          },
        ),
        { seed: 20261127, numRuns: runs },
      );
    },
  );
});

describe("destroyStages resource safety", () => {
  it("runs each prepared stage's teardown once when a prepare or destroy throws or the signal aborts", { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(destroySpec, { minLength: 1, maxLength: 5 }),
        fc.option(fc.record({ phase: fc.constantFrom("prepare" as const, "destroy" as const), index: fc.nat({ max: 4 }) }), {
          nil: undefined,
        }),
        async (specs, abort) => {
          const controller = new AbortController();
          const count = specs.map(counters);
          const stages = specs.map((spec, index) => destroyStage(index, spec, count[index]!, abort, controller));

          // The model. Prepares run in ascending order until one throws; an abort while preparing
          // stops the flow before any destroy. Destroys run in descending order; an abort while
          // destroying stage j leaves the stages before j standing (unwound, not destroyed).
          const failedPrepare = specs.findIndex(
            (spec, index) => spec.prepareThrows && !(abort?.phase === "prepare" && abort.index < index),
          );
          // An abort while preparing stops the flow when there is a step left to stop: a later
          // prepare, or the destroy of a stage prepared earlier.
          const abortedPrepare =
            abort?.phase === "prepare" &&
            abort.index < specs.length &&
            (failedPrepare === -1 || abort.index < failedPrepare || (abort.index === failedPrepare && failedPrepare > 0));
          const lastStarted = abortedPrepare ? abort!.index : failedPrepare === -1 ? specs.length - 1 : failedPrepare;
          const prepared = (index: number) => index <= lastStarted && index !== failedPrepare;
          // In descending order, the destroys run until one aborts the signal: the stages left
          // are unwound (an abort during the last destroy stops nothing).
          const destroyed = new Set<number>();
          let abortedDestroy = false;
          if (!abortedPrepare) {
            let signalled = false;
            for (let index = lastStarted; index >= 0; index--) {
              if (!prepared(index)) continue;
              if (signalled) {
                abortedDestroy = true;
                break;
              }
              destroyed.add(index);
              if (abort?.phase === "destroy" && abort.index === index) signalled = true;
            }
          }

          const outcome = await destroyStages(stages, {
            config: {},
            outputDirectory: ".",
            lock: false,
            signal: controller.signal,
          }).then(
            (report) => report,
            (error: unknown) => error,
          );

          for (const [index, counter] of count.entries()) {
            const started = index <= lastStarted ? 1 : 0;
            expect({ index, ...counter }).toEqual({
              index,
              started,
              entered: prepared(index) ? 1 : 0,
              after: destroyed.has(index) ? 1 : 0,
              finally: started,
            });
          }
          const failedDestroys = [...destroyed].filter((index) => specs[index]!.destroyThrows);
          if (abortedPrepare || abortedDestroy) {
            expect(outcome).toBeInstanceOf(StageAbortError);
            expect(((outcome as StageAbortError).cause as Error).message).toBe(`abort in s${abort!.index} ${abort!.phase}`);
            return;
          }
          if (failedPrepare === -1 && failedDestroys.length === 0) {
            expect(outcome).toEqual({ status: Object.fromEntries(specs.map((_, index) => [`s${index}`, true])), skipped: [] });
            return;
          }
          expect(outcome).toBeInstanceOf(StageError);
          const report = (outcome as StageError).report!;
          expect(report.skipped).toEqual(specs.slice(lastStarted + 1).map((_, offset) => `s${lastStarted + 1 + offset}`));
          for (const index of destroyed) expect(report.status[`s${index}`]).toBe(!specs[index]!.destroyThrows);
          if (failedPrepare !== -1) expect(report.status[`s${failedPrepare}`]).toBe(false);
        },
      ),
      { seed: 20261128, numRuns: runs },
    );
  });
});
