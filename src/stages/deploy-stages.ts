import { StageAbortError } from "./errors.ts";
import { StageCheckError } from "./errors.ts";
import { StageError } from "./errors.ts";
import { StageOutputError } from "./errors.ts";
import type { NebariStage } from "./nebari-stage.ts";
import { enterContext, type EnteredContext } from "./stage-context.ts";
import { assertStageList } from "./stage-definition.ts";
import { lockForFlow, withLock } from "./lock.ts";
import { createStepRunner, type StepRunner } from "./stage-progress.ts";
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
  /**
   * Take the output directory's exclusive lock for the deploy (see `lockOutputDirectory`); a
   * second run then fails at once with `HOOKSMITH_STAGE_LOCKED`. Default: where the runtime can
   * (Node, Deno, Bun); elsewhere (a browser, a worker) the deploy runs without it. `true`
   * requires it (outside Node: `HOOKSMITH_UNSUPPORTED_RUNTIME`); `false` when you hold it yourself.
   */
  readonly lock?: boolean;
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
 * Before the first stage, the output directory's exclusive lock is taken (under Node; see the
 * `lock` option), and released when the run ends: a second deploy, destroy or render of the same
 * directory fails at once with a `StageLockError` naming this run.
 *
 * @param stages - Stage classes in run order (from `resolveStages`); names must be unique.
 * @param options - `config`, `outputDirectory`, and optionally `disablePrompt`,
 *   `disableChecks`, `lock`, `signal`, `onProgress`.
 * @returns The shared `stageOutputs`, keyed by stage name.
 * @throws {@link StageDefinitionError} (before anything runs) for an invalid stage list.
 * @throws {@link hooksmith!StageLockError} (before anything runs) when another run holds the lock.
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
  const lock = await lockForFlow(options.lock, options.outputDirectory, "deploy");
  return withLock(lock, async () => {
    const signal = options.signal ?? new AbortController().signal;
    const steps = createStepRunner("deploy", list.length, options.onProgress);
    const otherErrors: StageError[] = [];
    let failure: StageError | StageAbortError | undefined;
    let stageOutputs: StageOutputs = {};
    try {
      const run = await enterDeploy(
        list,
        {
          init: { outputDirectory: options.outputDirectory, config: options.config },
          runOptions: { disablePrompt: options.disablePrompt ?? false, signal },
          disableChecks: options.disableChecks === true,
          stop: signal,
          stageOutputs,
        },
        steps,
        otherErrors,
      );
      stageOutputs = run.stageOutputs;
      failure = await run.exit();
    } catch (error) {
      if (!(error instanceof StageError) && !(error instanceof StageAbortError)) throw error;
      failure = error;
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
  });
}

/** How {@link enterDeploy} runs. Internal. */
export interface EnterDeployOptions {
  /** What every stage is constructed with. */
  readonly init: StageInit;
  /** What `deploy` and `check` receive. */
  readonly runOptions: StageRunOptions;
  /** Skip the checks. */
  readonly disableChecks: boolean;
  /** Checked between stages: once aborted, no further stage starts. */
  readonly stop: AbortSignal | undefined;
  /** The object the stages share (written to). */
  readonly stageOutputs: StageOutputs;
}

/** A deploy run up to every stage's `yield`, waiting for its teardown. Internal. */
export interface EnteredDeploy {
  /** The outputs the stages shared. */
  readonly stageOutputs: StageOutputs;
  /** The stage instances, in run order. */
  readonly instances: readonly NebariStage<unknown>[];
  /** Names of the stages whose deploy waits after its `yield`, in run order. */
  readonly pending: readonly string[];
  /**
   * Resumes the waiting deploys, last first. Without `thrown`, normally: the first teardown
   * that fails becomes the result and is thrown in at the `yield` of the ones after it, the
   * later failures go to `otherErrors`. With `thrown`, that error is thrown in at every
   * `yield`, and every failure goes to `otherErrors`. Called at most once.
   *
   * @returns The first teardown failure of a normal exit, or `undefined`.
   */
  exit(thrown?: { readonly error: unknown }): Promise<StageError | undefined>;
}

/**
 * The deploy flow up to the stages' `yield`: for each stage, construct it, enter its deploy,
 * validate its outputs, run its check. On a failure (or a stop) no later stage runs, the
 * entered deploys are unwound with the failure thrown in, and the failure is thrown. This is
 * the one deploy path: `deployStages` exits it at once, the stage harness when the test says.
 * Internal.
 *
 * @param list - The validated stage list.
 * @param options - How to run.
 * @param steps - Runs and reports each step.
 * @param otherErrors - Receives the failures that are not the result (kept by reference in it).
 * @returns The entered deploy.
 * @throws {@link StageError} or {@link StageAbortError}, after unwinding.
 */
export async function enterDeploy(
  list: readonly StageClass[],
  options: EnterDeployOptions,
  steps: StepRunner,
  otherErrors: StageError[],
): Promise<EnteredDeploy> {
  const { init, runOptions, stageOutputs, stop } = options;
  const entered: { name: string; index: number; context: EnteredContext }[] = [];
  const instances: NebariStage<unknown>[] = [];
  const completed: string[] = [];
  let failure: StageError | StageAbortError | undefined;

  for (const [index, stage] of list.entries()) {
    const name = stage.stageName;
    if (stop?.aborted === true) {
      failure = new StageAbortError({ flow: "deploy", stage: name, completed, reason: stop.reason, otherErrors });
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
        instances.push(instance);
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
    if (!options.disableChecks && instance !== undefined) {
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

  let exited = false;
  const exit = async (thrown?: { readonly error: unknown }): Promise<StageError | undefined> => {
    if (exited) throw new Error("unreachable: a deploy was exited twice");
    exited = true;
    let first: StageError | undefined;
    for (const { name, index, context } of [...entered].reverse()) {
      const current = thrown?.error ?? first;
      const error = await steps.run(
        name,
        index,
        "teardown",
        () => context.exit(current === undefined ? undefined : { error: current }),
        (cause) => new StageError({ stage: name, phase: "teardown", cause, otherErrors }),
      );
      if (error === undefined) continue;
      if (thrown === undefined && first === undefined) first = error;
      else otherErrors.push(error);
    }
    return first;
  };

  if (failure !== undefined) {
    await exit({ error: failure });
    throw failure;
  }
  return { stageOutputs, instances, pending: entered.map(({ name }) => name), exit };
}
