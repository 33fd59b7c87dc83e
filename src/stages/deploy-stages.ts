import { StageAbortError } from "./errors.ts";
import { StageCheckError } from "./errors.ts";
import { StageError } from "./errors.ts";
import { StageOutputError } from "./errors.ts";
import type { NebariStage } from "./nebari-stage.ts";
import { enterContext, type EnteredContext } from "./stage-context.ts";
import { assertStageList } from "./stage-definition.ts";
import { createStepRunner } from "./stage-progress.ts";
import type { StageClass, StageInit, StageOutputs, StageProgressEvent, StageRunOptions } from "./stage-types.ts";
import { ownValue, runSchema } from "./standard-schema.ts";

/**
 * Options of `deployStages`.
 *
 * @example
 * ```ts
 * import type { DeployStagesOptions } from "hooksmith";
 *
 * const options: DeployStagesOptions = { config: {}, outputDirectory: ".", disablePrompt: true };
 * ```
 */
export interface DeployStagesOptions {
  /** The configuration every stage is constructed with. */
  readonly config: unknown;
  /** The directory every stage is constructed with. */
  readonly outputDirectory: string;
  /** Passed to `deploy` and `check` as `disablePrompt`; default `false`. */
  readonly disablePrompt?: boolean;
  /** Skip every stage's `check`; default `false`. */
  readonly disableChecks?: boolean;
  /** Stops the deploy between stages; entered stages are still unwound. */
  readonly signal?: AbortSignal;
  /** Called as each step of each stage starts, finishes or fails. */
  readonly onProgress?: (event: StageProgressEvent) => void;
}

/**
 * Deploys stages in order, keeping each stage's deploy open until the whole run is done, and
 * returns the outputs the stages shared.
 *
 * For each stage in the given order: construct it with `{ outputDirectory, config }`, run its
 * `deploy(stageOutputs, { disablePrompt, signal })` up to its `yield` (a plain method runs to
 * its end), validate `stageOutputs[stage.name]` with its `outputSchema` when it declares one,
 * then run `check` unless `disableChecks` (throwing, or returning `false`, fails). When every
 * stage has deployed, the entered deploys are resumed after their `yield`, last stage first.
 *
 * When stage *k* fails (its constructor, deploy setup, output validation or check), no later
 * stage runs; the `StageError` the call rejects with (`stage` = *k*'s name, `cause` = the
 * original error) is thrown in at the `yield` of every entered deploy, *k* included when its
 * check failed, last entered first, so their `catch` / `finally` code runs; code after `yield`
 * outside `finally` does not. A teardown cannot swallow the failure. A teardown that raises a
 * new error has it kept in `otherErrors`. On an otherwise successful run, the first teardown
 * that fails makes the call reject with a `StageError` of phase `teardown`, and the error is
 * thrown into the remaining contexts likewise.
 *
 * `signal` is checked before each stage: once aborted, no further stage starts, the entered
 * deploys are unwound with a `StageAbortError` thrown in, and the call rejects with it. Every
 * entered teardown runs exactly once in every case.
 *
 * @param stages - Stage classes in run order (from `resolveStages`); names must be unique.
 * @param options - `config`, `outputDirectory`, and optionally `disablePrompt`,
 *   `disableChecks`, `signal`, `onProgress`.
 * @returns The shared `stageOutputs`, keyed by stage name.
 * @throws {@link StageDefinitionError} (before anything runs) for an invalid stage list.
 * @throws {@link StageError} when a stage fails; `cause` is the original error.
 * @throws {@link StageAbortError} when `signal` aborts the run.
 * @example
 * ```ts
 * import { deployStages, resolveStages } from "hooksmith";
 *
 * const stageOutputs = await deployStages(resolveStages(candidates), {
 *   config,
 *   outputDirectory: process.cwd(),
 *   onProgress: (event) => {
 *     if (event.type === "finish") console.log(`${event.stage} ${event.phase}: ${Math.round(event.durationMs)} ms`);
 *   },
 * });
 * ```
 */
export async function deployStages(stages: readonly StageClass[], options: DeployStagesOptions): Promise<StageOutputs> {
  const list = assertStageList(stages, "deployStages");
  const signal = options.signal ?? new AbortController().signal;
  const runOptions: StageRunOptions = { disablePrompt: options.disablePrompt ?? false, signal };
  const init: StageInit = { outputDirectory: options.outputDirectory, config: options.config };
  const stageOutputs: StageOutputs = {};
  const steps = createStepRunner("deploy", list.length, options.onProgress);
  const entered: { name: string; index: number; context: EnteredContext }[] = [];
  const otherErrors: StageError[] = [];
  const completed: string[] = [];
  let failure: StageError | StageAbortError | undefined;

  for (const [index, stage] of list.entries()) {
    const name = stage.stageName;
    if (signal.aborted) {
      failure = new StageAbortError({ flow: "deploy", stage: name, completed, reason: signal.reason, otherErrors });
      break;
    }
    let instance: NebariStage<unknown> | undefined;
    const withOthers = (phase: "deploy" | "check") => (cause: unknown) =>
      new StageError({ stage: name, phase, cause, otherErrors });
    failure = await steps.run(
      name,
      index,
      "deploy",
      async () => {
        instance = new (stage as unknown as new (init: StageInit) => NebariStage<unknown>)(init);
        const context = await enterContext(instance.deploy(stageOutputs, runOptions), name, "deploy");
        if (context !== undefined) entered.push({ name, index, context });
        if (stage.outputSchema !== undefined) {
          const outcome = await runSchema(stage.outputSchema, ownValue(stageOutputs, name));
          if (!outcome.ok) throw new StageOutputError(name, outcome.issues);
        }
      },
      withOthers("deploy"),
    );
    if (failure !== undefined) break;
    if (options.disableChecks !== true && instance !== undefined) {
      const checked = instance;
      failure = await steps.run(
        name,
        index,
        "check",
        async () => {
          if ((await checked.check(stageOutputs, runOptions)) === false) throw new StageCheckError(name);
        },
        withOthers("check"),
      );
      if (failure !== undefined) break;
    }
    completed.push(name);
  }

  for (const { name, index, context } of entered.reverse()) {
    const thrown = failure;
    const error = await steps.run(
      name,
      index,
      "teardown",
      () => context.exit(thrown === undefined ? undefined : { error: thrown }),
      (cause) => new StageError({ stage: name, phase: "teardown", cause, otherErrors }),
    );
    if (error === undefined) continue;
    if (failure === undefined) failure = error;
    else otherErrors.push(error);
  }

  if (failure === undefined && steps.callbackErrors.length > 0) {
    const [first, ...rest] = steps.callbackErrors;
    if (first !== undefined)
      throw new StageError({ stage: first.stage, phase: "progress", cause: first.cause, otherErrors: rest });
  }
  if (failure !== undefined) {
    otherErrors.push(...steps.callbackErrors);
    throw failure;
  }
  return stageOutputs;
}
