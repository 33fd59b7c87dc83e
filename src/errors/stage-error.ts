import type { DestroyReport, StagePhase } from "../stages/stage-types.ts";
import { messageOf } from "../stages/describe.ts";
import { HooksmithError } from "./hooksmith-error.ts";

/** What a {@link StageError} is built from. */
export interface StageErrorOptions {
  /** The name of the stage that failed. */
  stage: string;
  /** The step of the stage that failed. */
  phase: StagePhase;
  /** The original error. */
  cause: unknown;
  /** For `destroyStages`: the report of the whole run. */
  report?: DestroyReport;
  /** The other failures of the same run (kept by reference: a flow appends while it unwinds). */
  otherErrors?: StageError[];
}

const verbs: Record<StagePhase, string> = {
  deploy: "failed to deploy",
  check: "failed its check",
  teardown: "failed to tear down its deploy",
  prepare: "failed to prepare its destroy",
  destroy: "failed to destroy",
  render: "failed to render",
  write: "failed to write its rendered files",
  progress: "could not be reported: the onProgress callback threw",
};

/**
 * A stage failed during a flow: `deployStages`, `destroyStages` or `renderStages` rejects with
 * it.
 *
 * `stage` is the failing stage's name, `phase` the step that failed, `cause` the original error,
 * unwrapped. No failure of a run is lost: the first one becomes this error and the others
 * (teardowns that failed with a new error while a failed deploy unwound, other stages that
 * failed to destroy, a throwing progress callback) are in `otherErrors`, in the order they
 * happened. `destroyStages` also attaches its `report`.
 *
 * @example
 * ```ts
 * import { deployStages, StageError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError) {
 *     console.error(`stage ${error.stage} failed (${error.phase}):`, error.cause);
 *     for (const other of error.otherErrors) console.error(`also: ${other.message}`);
 *   }
 * }
 * ```
 */
export class StageError extends HooksmithError {
  /** The error class name, `"StageError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageError";
  /** The name of the stage that failed. */
  readonly stage: string;
  /** The step of the stage that failed. */
  readonly phase: StagePhase;
  /** For `destroyStages`: which stages were destroyed, failed, or skipped. */
  readonly report?: DestroyReport;
  /** The other failures of the same run, in the order they happened; empty when none. */
  readonly otherErrors: readonly StageError[];

  /**
   * @param options - The stage, phase, original error, and optionally the destroy report and
   *   the other failures of the run.
   */
  constructor(options: StageErrorOptions) {
    super(`Stage ${JSON.stringify(options.stage)} ${verbs[options.phase]}: ${messageOf(options.cause)}`, {
      code: "HOOKSMITH_STAGE_FAILED",
      cause: options.cause,
    });
    this.stage = options.stage;
    this.phase = options.phase;
    if (options.report !== undefined) this.report = options.report;
    this.otherErrors = options.otherErrors ?? [];
  }
}
