import { formatPath } from "../stages/standard-schema.ts";
import { HooksmithError } from "./hooksmith-error.ts";
import type { StageError } from "./stage-error.ts";

/** One problem the `outputSchema` of a stage found. */
export interface StageOutputIssue {
  /** Where in `stageOutputs[stage]`; empty for the value itself. */
  readonly path: readonly PropertyKey[];
  /** What is wrong. */
  readonly message: string;
}

/**
 * What a stage put into `stageOutputs` under its name does not pass its `static outputSchema`.
 * It is the `cause` of the {@link StageError} (phase `deploy`) the deploy rejects with.
 *
 * @example
 * ```ts
 * import { deployStages, StageError, StageOutputError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError && error.cause instanceof StageOutputError) console.error(error.cause.issues);
 * }
 * ```
 */
export class StageOutputError extends HooksmithError {
  /** The error class name, `"StageOutputError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageOutputError";
  /** The stage whose outputs are invalid. */
  readonly stage: string;
  /** Every issue, with paths inside `stageOutputs[stage]`. */
  readonly issues: readonly StageOutputIssue[];

  /**
   * @param stage - The stage whose outputs are invalid.
   * @param issues - What its output schema reported.
   */
  constructor(stage: string, issues: readonly StageOutputIssue[]) {
    const list = issues.map((issue) => `at ${formatPath(issue.path)}: ${issue.message}`).join("; ");
    super(`Invalid outputs of stage ${JSON.stringify(stage)} (stageOutputs[${JSON.stringify(stage)}]): ${list}`, {
      code: "HOOKSMITH_INVALID_STAGE_OUTPUT",
    });
    this.stage = stage;
    this.issues = issues;
  }
}
