import { StageAbortError } from "./errors.ts";
import { StageError } from "./errors.ts";
import type { NebariStage } from "./nebari-stage.ts";
import { enterContext, isGeneratorFunction, runToCompletion, type EnteredContext } from "./stage-context.ts";
import { assertStageList } from "./stage-definition.ts";
import { lockForFlow, withLock } from "./lock.ts";
import { createStepRunner, type StepRunner } from "./stage-progress.ts";
import type { DestroyReport, StageClass, StageInit, StageOutputs, StageProgressEvent, StageStatus } from "./stage-types.ts";

/**
 * Options of `destroyStages`.
 *
 * @example
 * ```ts
 * import type { DestroyStagesOptions } from "hooksmith";
 *
 * const options: DestroyStagesOptions = { config: {}, outputDirectory: "." };
 * ```
 */
export interface DestroyStagesOptions {
  /** The configuration every stage is constructed with. */
  readonly config: unknown;
  /** The directory every stage is constructed with. */
  readonly outputDirectory: string;
  /**
   * Take the output directory's exclusive lock for the destroy, as `deployStages` does; default:
   * where the runtime can. `true` requires it, `false` when you hold it yourself.
   */
  readonly lock?: boolean;
  /**
   * Stops the destroy between steps: no further stage is prepared or destroyed, and the stages
   * prepared but not yet destroyed are unwound with a `StageAbortError` thrown in at their
   * `yield` (only their `catch` / `finally` code runs; they are not destroyed).
   */
  readonly signal?: AbortSignal;
  /** Called as each step of each stage starts, finishes or fails. */
  readonly onProgress?: (event: StageProgressEvent) => void;
}

/**
 * Destroys stages: prepares them in ascending order, then destroys them in descending order,
 * and reports which were destroyed, which failed and which were skipped.
 *
 * Pass the stages in run order (as for a deploy). Each stage is constructed with
 * `{ outputDirectory, config }` and its `destroy(stageOutputs, status)` called:
 * - a generator method runs up to its `yield` in ascending order (the *prepare* step, e.g.
 *   refreshing outputs later stages need), and after its `yield` in descending order (the
 *   *destroy* step);
 * - a plain or async method is the destroy step only, run in descending order.
 *
 * Failure semantics:
 * - stage *k* fails to prepare (its constructor or its code before `yield`): stages after *k*
 *   are never prepared and are listed in `skipped`; *k* is `false`; the stages before *k* are
 *   still destroyed, in descending order;
 * - stage *j* fails to destroy: *j* is `false`, and the stages before *j* are still destroyed
 *   (each one is resumed normally, not with *j*'s error).
 *
 * `status` maps each stage name to `true` (destroyed) or `false` (failed); the flow writes it
 * as each stage finishes, so a stage may read it to see which later stages are gone. When any
 * stage failed, the call rejects with the `StageError` of the first failure, whose `report` is
 * the `DestroyReport` and whose `otherErrors` are the other failures; otherwise it resolves
 * with the report.
 *
 * `signal` is checked before each step, as `deployStages` does: once it is aborted no further
 * stage is prepared or destroyed; every stage prepared and not yet destroyed has the
 * `StageAbortError` thrown in at its `yield`, last prepared first, so only its `catch` /
 * `finally` code runs and it is *not* destroyed (stopping means "leave the rest standing", and
 * a later destroy starts over). The call rejects with that `StageAbortError`: `stage` is the
 * step that would have run next, `completed` the stages destroyed before the abort, and
 * `otherErrors` the failures of the run, including unwinds that raised a new error. `status`
 * keeps `true` / `false` for the stages destroyed or failed before the abort; the others have
 * no entry.
 *
 * The output directory's exclusive lock is taken first and released at the end, as
 * `deployStages` does (see the `lock` option).
 *
 * @param stages - Stage classes in run order (ascending); names must be unique.
 * @param options - `config`, `outputDirectory`, and optionally `lock`, `signal` and `onProgress`.
 * @returns `{ status, skipped }`.
 * @throws {@link StageDefinitionError} (before anything runs) for an invalid stage list.
 * @throws {@link hooksmith!StageLockError} (before anything runs) when another run holds the lock.
 * @throws {@link StageError} with `report` when any stage failed.
 * @throws {@link StageAbortError} when `signal` aborts the destroy.
 * @example
 * ```ts
 * import { destroyStages, StageError } from "hooksmith";
 *
 * try {
 *   const { status } = await destroyStages(stages, { config, outputDirectory: "." });
 *   console.log("destroyed", Object.keys(status));
 * } catch (error) {
 *   if (error instanceof StageError && error.report) console.error(error.report.status, error.report.skipped);
 * }
 * ```
 */
export async function destroyStages(stages: readonly StageClass[], options: DestroyStagesOptions): Promise<DestroyReport> {
  const list = assertStageList(stages, "destroyStages");
  const lock = await lockForFlow(options.lock, options.outputDirectory, "destroy");
  return withLock(lock, () =>
    runDestroy(
      list,
      {
        init: { outputDirectory: options.outputDirectory, config: options.config },
        signal: options.signal,
        stageOutputs: {},
        status: {},
      },
      createStepRunner("destroy", list.length, options.onProgress),
    ),
  );
}

/** How {@link runDestroy} runs. Internal. */
export interface RunDestroyOptions {
  /** What every stage is constructed with. */
  readonly init: StageInit;
  /** Checked between steps. */
  readonly signal: AbortSignal | undefined;
  /** The outputs the stages' `destroy` receives. */
  readonly stageOutputs: StageOutputs;
  /** The status the stages' `destroy` receives; the run fills it in. */
  readonly status: StageStatus;
}

/**
 * The destroy flow: prepare ascending, destroy descending, report. The one destroy path, used
 * by `destroyStages` and by the stage harness. Internal.
 *
 * @param list - The validated stage list.
 * @param options - How to run.
 * @param steps - Runs and reports each step.
 * @returns The report.
 * @throws {@link StageError} with the report, or {@link StageAbortError}.
 */
export async function runDestroy(
  list: readonly StageClass[],
  options: RunDestroyOptions,
  steps: StepRunner,
): Promise<DestroyReport> {
  const { init, signal, stageOutputs, status } = options;
  const skipped: string[] = [];
  const failures: StageError[] = [];
  const destroyed: string[] = [];
  const prepared: { name: string; index: number; context: EnteredContext | undefined; destroy: () => Promise<void> }[] = [];
  let aborted: StageAbortError | undefined;
  const abortBefore = (stage: string): StageAbortError =>
    new StageAbortError({ flow: "destroy", stage, completed: destroyed, reason: signal?.reason, otherErrors: failures });

  for (const [index, stage] of list.entries()) {
    const name = stage.stageName;
    if (signal?.aborted === true) {
      aborted = abortBefore(name);
      break;
    }
    const error = await steps.run(name, index, "prepare", async () => {
      const instance = new (stage as unknown as new (init: StageInit) => NebariStage<unknown>)(init);
      const method = (instance as Partial<NebariStage<unknown>>).destroy;
      if (typeof method !== "function") {
        prepared.push({ name, index, context: undefined, destroy: async () => undefined });
      } else if (isGeneratorFunction(method)) {
        const context = await enterContext(method.call(instance, stageOutputs, status), name, "destroy");
        prepared.push({ name, index, context, destroy: async () => context?.exit() });
      } else {
        prepared.push({
          name,
          index,
          context: undefined,
          destroy: () => runToCompletion(method.call(instance, stageOutputs, status), name),
        });
      }
    });
    if (error !== undefined) {
      status[name] = false;
      failures.push(error);
      skipped.push(...list.slice(index + 1).map((later) => later.stageName));
      break;
    }
  }

  for (const { name, index, context, destroy } of prepared.reverse()) {
    if (aborted === undefined && signal?.aborted === true) aborted = abortBefore(name);
    if (aborted !== undefined) {
      // Unwind without destroying: the abort error is thrown in at the stage's `yield`.
      const thrown = aborted;
      try {
        await context?.exit({ error: thrown });
      } catch (cause) {
        failures.push(new StageError({ stage: name, phase: "destroy", cause }));
      }
      continue;
    }
    const error = await steps.run(name, index, "destroy", destroy);
    status[name] = error === undefined;
    if (error === undefined) destroyed.push(name);
    else failures.push(error);
  }

  if (aborted !== undefined) {
    failures.push(...steps.callbackErrors);
    throw aborted;
  }
  const report: DestroyReport = { status, skipped };
  const [first, ...rest] = [...failures, ...steps.callbackErrors];
  if (first !== undefined) {
    throw new StageError({ stage: first.stage, phase: first.phase, cause: first.cause, report, otherErrors: rest });
  }
  return report;
}
