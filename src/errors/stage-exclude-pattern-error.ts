import { describeValue, messageOf } from "../stages/describe.ts";
import { HooksmithError } from "./hooksmith-error.ts";

/**
 * An `excludeStages` entry is not a valid regular expression (or not a string or `RegExp` at
 * all). Thrown before any stage is looked at.
 *
 * @example
 * ```ts
 * import { resolveStages, StageExcludePatternError } from "hooksmith";
 *
 * try {
 *   resolveStages(stages, { excludeStages: ["02-(infra"] });
 * } catch (error) {
 *   if (error instanceof StageExcludePatternError) console.error(`bad pattern: ${String(error.pattern)}`);
 * }
 * ```
 */
export class StageExcludePatternError extends HooksmithError {
  /** The error class name, `"StageExcludePatternError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageExcludePatternError";
  /** The offending entry, as given. */
  readonly pattern: unknown;
  /** Its position in `excludeStages`. */
  readonly index: number;

  /**
   * @param pattern - The offending entry.
   * @param index - Its position in `excludeStages`.
   * @param cause - The `SyntaxError` from the `RegExp` constructor, when there is one.
   */
  constructor(pattern: unknown, index: number, cause?: unknown) {
    const problem = cause === undefined ? `expected a string or a RegExp, got ${describeValue(pattern)}` : messageOf(cause);
    super(`Invalid stage exclusion pattern ${describeValue(pattern)} (excludeStages[${index}]): ${problem}`, {
      code: "HOOKSMITH_INVALID_EXCLUDE_PATTERN",
      cause,
    });
    this.pattern = pattern;
    this.index = index;
  }
}
