import { HooksmithError } from "./hooksmith-error.ts";
import type { StageError } from "./stage-error.ts";

/**
 * A stage's `check` returned `false`. It is the `cause` of the {@link StageError} the deploy
 * rejects with (a check that throws has its own error as the cause instead).
 *
 * @example
 * ```ts
 * import { deployStages, StageCheckError, StageError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError && error.cause instanceof StageCheckError) console.error(`${error.stage} is not healthy`);
 * }
 * ```
 */
export class StageCheckError extends HooksmithError {
  /** The error class name, `"StageCheckError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageCheckError";
  /** The stage whose check failed. */
  readonly stage: string;

  /**
   * @param stage - The stage whose check returned `false`.
   */
  constructor(stage: string) {
    super(`Check of stage ${JSON.stringify(stage)} returned false`, { code: "HOOKSMITH_STAGE_CHECK_FAILED" });
    this.stage = stage;
  }
}
