import { HooksmithWarning } from "../core/warnings.ts";
import { defaultWarn } from "../core/runtime.ts";

/**
 * The codes of {@link StageWarning}.
 *
 * - `HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN`: an `excludeStages` pattern matched no stage;
 * - `HOOKSMITH_UNMATCHED_EXCLUDE_SOURCE`: an `excludeSources` name given to `collectStages`
 *   names no plugin contributing stages;
 * - `HOOKSMITH_UNKNOWN_STAGE_REFERENCE`: an `after` / `before` entry names no known stage;
 * - `HOOKSMITH_UNKNOWN_CONFIG_KEY`: a top-level config key is owned by no active stage
 *   (`unknownKeys: "warn"`).
 *
 * @example
 * ```ts
 * import type { StageWarningCode } from "hooksmith";
 *
 * const code: StageWarningCode = "HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN";
 * ```
 */
export type StageWarningCode =
  | "HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN"
  | "HOOKSMITH_UNMATCHED_EXCLUDE_SOURCE"
  | "HOOKSMITH_UNKNOWN_STAGE_REFERENCE"
  | "HOOKSMITH_UNKNOWN_CONFIG_KEY";

/** Context of a {@link StageWarning}. */
export interface StageWarningDetails {
  /** The stage concerned, if any. */
  readonly stage?: string;
  /** The exclusion pattern concerned, if any. */
  readonly pattern?: string | RegExp;
  /** The referenced stage name or config key concerned, if any. */
  readonly reference?: string;
}

/**
 * Something suspicious that does not stop a run: an exclusion pattern that matched nothing, an
 * ordering constraint naming an unknown stage, a config key no active stage owns.
 *
 * `planStages` and `validateStageConfig` return them; `resolveStages` and `validateStageConfig`
 * also pass them to the `warn` option, or to `process.emitWarning` when none is given. Like every
 * {@link HooksmithWarning} it is an `Error` that is never thrown.
 *
 * @example
 * ```ts
 * import { planStages } from "hooksmith";
 *
 * const plan = planStages(stages, { excludeStages: ["infra"] });
 * for (const warning of plan.warnings) console.warn(`${warning.code}: ${warning.message}`);
 * ```
 */
export class StageWarning extends HooksmithWarning {
  override name: string = "StageWarning";
  /** The stable code of this warning. */
  readonly code: StageWarningCode;
  /** The stage concerned, if any. */
  readonly stage: string | undefined;
  /** The exclusion pattern concerned, if any. */
  readonly pattern: string | RegExp | undefined;
  /** The referenced stage name or config key concerned, if any. */
  readonly reference: string | undefined;

  /**
   * @param code - The stable code.
   * @param message - What is suspicious, naming the input.
   * @param details - The stage, pattern or reference concerned.
   */
  constructor(code: StageWarningCode, message: string, details: StageWarningDetails = {}) {
    super(message);
    this.code = code;
    this.stage = details.stage;
    this.pattern = details.pattern;
    this.reference = details.reference;
  }
}

/**
 * Reports warnings to a `warn` callback, or to the default (`process.emitWarning`, or
 * `console.warn` outside Node). Internal.
 *
 * @param warnings - The warnings to report.
 * @param warn - The host's callback, if any.
 */
export function reportWarnings(warnings: readonly StageWarning[], warn: ((warning: Error) => void) | undefined): void {
  for (const warning of warnings) {
    if (warn !== undefined) warn(warning);
    else defaultWarn(warning);
  }
}
