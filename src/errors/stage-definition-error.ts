import { describeStage, type StageOrigin } from "../stages/describe.ts";
import { HooksmithError } from "./hooksmith-error.ts";

/**
 * A value given as a stage is not a valid stage class: not a class, a missing or empty
 * `stageName`, a `priority` that is not a finite number, malformed `after` / `before` /
 * `configKey` / `configKeys` / schemas, or two stages of one name where a flow needs unique
 * names.
 *
 * It names the stage (by `stageName` or class name), the plugin it came from and its position
 * when known, and the property at fault.
 *
 * @example
 * ```ts
 * import { resolveStages, StageDefinitionError } from "hooksmith";
 *
 * try {
 *   resolveStages([BrokenStage]);
 * } catch (error) {
 *   if (error instanceof StageDefinitionError) console.error(error.property, error.message);
 * }
 * ```
 */
export class StageDefinitionError extends HooksmithError {
  /** The error class name, `"StageDefinitionError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageDefinitionError";
  /** The value given as a stage. */
  readonly stage: unknown;
  /** The property at fault, e.g. `"priority"`; `undefined` when the value is not a class. */
  readonly property: string | undefined;
  /** Its position in the input list, when known. */
  readonly index: number | undefined;
  /** The plugin (or other source) that contributed it, when known. */
  readonly source: string | undefined;

  /**
   * @param stage - The offending value.
   * @param problem - What is wrong, e.g. `priority must be a finite number, got NaN`.
   * @param details - The property at fault and where the stage came from; `subject` replaces
   *   the description of the stage in the message (e.g. `"list passed to deployStages"`).
   */
  constructor(
    stage: unknown,
    problem: string,
    details: StageOrigin & { property?: string | undefined; subject?: string | undefined } = {},
  ) {
    super(`Invalid stage ${details.subject ?? describeStage(stage, details)}: ${problem}`, { code: "HOOKSMITH_INVALID_STAGE" });
    this.stage = stage;
    this.property = details.property;
    this.index = details.index;
    this.source = details.source;
  }
}
