import type { StageClass } from "../stages/stage-types.ts";
import { describeClass } from "../stages/describe.ts";
import { HooksmithError } from "./hooksmith-error.ts";

/** One of the two stages of a {@link StageConflictError}. */
export interface ConflictingStage {
  /** The stage class. */
  readonly stage: StageClass;
  /** Its position in the candidate list. */
  readonly index: number;
  /** The plugin (or other source) that contributed it, when known. */
  readonly source?: string;
}

/**
 * Two different stage classes claim the same name at the same priority, so neither can
 * override the other: `resolveStages` and `planStages` throw it instead of picking one by
 * accident.
 *
 * Fix it by giving the stage that should win a higher priority, or by removing one.
 *
 * @example
 * ```ts
 * import { resolveStages, StageConflictError } from "hooksmith";
 *
 * try {
 *   resolveStages([InfraA, InfraB]);
 * } catch (error) {
 *   if (error instanceof StageConflictError) console.error(error.stageName, error.first.source, error.second.source);
 * }
 * ```
 */
export class StageConflictError extends HooksmithError {
  /** The error class name, `"StageConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageConflictError";
  /** The name both stages claim. */
  readonly stageName: string;
  /** The priority both stages have. */
  readonly priority: number;
  /** The candidate that comes first in the input. */
  readonly first: ConflictingStage;
  /** The candidate that comes later in the input. */
  readonly second: ConflictingStage;

  /**
   * @param first - The earlier candidate.
   * @param second - The later candidate.
   */
  constructor(first: ConflictingStage, second: ConflictingStage) {
    const { stageName, priority } = first.stage;
    super(
      `Stage conflict: two stages named ${JSON.stringify(stageName)} have priority ${priority}: ` +
        `${describeClass(first.stage, first)} and ${describeClass(second.stage, second)}; ` +
        `give the one that should win a higher priority, or remove one`,
      { code: "HOOKSMITH_STAGE_CONFLICT" },
    );
    this.stageName = stageName;
    this.priority = priority;
    this.first = first;
    this.second = second;
  }
}
