import { HooksmithError } from "./hooksmith-error.ts";
import type { StageError } from "./stage-error.ts";

/**
 * A stage broke the contract of one of its methods: a `deploy` or `destroy` generator yielded
 * more than once, or `render` returned something other than an object of path to
 * `string | Uint8Array`. It is the `cause` of the {@link StageError} of that stage.
 *
 * @example
 * ```ts
 * import { deployStages, StageContractError, StageError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError && error.cause instanceof StageContractError) console.error(error.cause.method);
 * }
 * ```
 */
export class StageContractError extends HooksmithError {
  /** The error class name, `"StageContractError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageContractError";
  /** The stage at fault. */
  readonly stage: string;
  /** The method that broke its contract. */
  readonly method: "deploy" | "destroy" | "render";

  /**
   * @param stage - The stage at fault.
   * @param method - The method that broke its contract.
   * @param problem - What it did, e.g. `yielded more than once`.
   * @param cause - An error raised while closing it, if any.
   */
  constructor(stage: string, method: "deploy" | "destroy" | "render", problem: string, cause?: unknown) {
    super(`The ${method} method of stage ${JSON.stringify(stage)} ${problem}`, {
      code: "HOOKSMITH_STAGE_CONTRACT",
      cause,
    });
    this.stage = stage;
    this.method = method;
  }
}
