import type { StageFlow } from "../stages/stage-types.ts";
import { messageOf } from "../stages/describe.ts";
import type { StageError } from "./stage-error.ts";
import { HooksmithError } from "./hooksmith-error.ts";

/** What a {@link StageAbortError} is built from. */
export interface StageAbortErrorOptions {
  /** The flow that stopped. */
  flow: StageFlow;
  /** The stage that would have run next. */
  stage: string;
  /** The stages that had run before the abort. */
  completed: string[];
  /** `signal.reason`. */
  reason: unknown;
  /** Teardown failures while the run unwound (kept by reference). */
  otherErrors?: StageError[];
}

/**
 * A flow stopped because its `AbortSignal` was aborted. The signal is checked between stages:
 * the stage running at that moment finishes, no further stage starts, and (for a deploy) every
 * entered stage is unwound once, with this error thrown in at its `yield`.
 *
 * `cause` is `signal.reason`; `otherErrors` keeps teardowns that failed while unwinding.
 *
 * @example
 * ```ts
 * import { deployStages, StageAbortError } from "hooksmith";
 *
 * const controller = new AbortController();
 * process.once("SIGINT", () => controller.abort());
 * try {
 *   await deployStages(stages, { config, outputDirectory: ".", signal: controller.signal });
 * } catch (error) {
 *   if (error instanceof StageAbortError) console.error(`stopped before ${error.stage}`);
 * }
 * ```
 */
export class StageAbortError extends HooksmithError {
  /** The error class name, `"StageAbortError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageAbortError";
  /** The flow that stopped. */
  readonly flow: StageFlow;
  /** The stage that would have run next (it did not start). */
  readonly stage: string;
  /** The stages that had run before the abort, in run order. */
  readonly completed: readonly string[];
  /** Teardowns that failed while the aborted run unwound; empty when none. */
  readonly otherErrors: readonly StageError[];

  /**
   * @param options - The flow, the next stage, the completed stages and the abort reason.
   */
  constructor(options: StageAbortErrorOptions) {
    const flow = options.flow.charAt(0).toUpperCase() + options.flow.slice(1);
    super(`${flow} aborted before stage ${JSON.stringify(options.stage)}: ${messageOf(options.reason)}`, {
      code: "HOOKSMITH_STAGE_ABORTED",
      cause: options.reason,
    });
    this.flow = options.flow;
    this.stage = options.stage;
    this.completed = options.completed;
    this.otherErrors = options.otherErrors ?? [];
  }
}
