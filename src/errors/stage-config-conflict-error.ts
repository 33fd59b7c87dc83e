import { HooksmithError } from "./hooksmith-error.ts";

/**
 * Two active stages validate the same top-level config key with different schemas (or the same
 * schema in different ways), so it is unclear which one defines it. Stages sharing one schema
 * object for the same keys, or declaring a key without an `inputSchema` to read it, are fine.
 *
 * @example
 * ```ts
 * import { StageConfigConflictError, validateStageConfig } from "hooksmith";
 *
 * try {
 *   await validateStageConfig(stages, config);
 * } catch (error) {
 *   if (error instanceof StageConfigConflictError) console.error(error.key, error.stages);
 * }
 * ```
 */
export class StageConfigConflictError extends HooksmithError {
  /** The error class name, `"StageConfigConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageConfigConflictError";
  /** The top-level key both stages validate. */
  readonly key: string;
  /** The two stages, in stage order. */
  readonly stages: readonly [string, string];

  /**
   * @param key - The contested top-level key.
   * @param stages - The two stages claiming it.
   */
  constructor(key: string, stages: readonly [string, string]) {
    super(
      `Config conflict: stages ${JSON.stringify(stages[0])} and ${JSON.stringify(stages[1])} both validate the ` +
        `top-level key ${JSON.stringify(key)}; let one own it and have the other declare it without an ` +
        `inputSchema, or share one schema object`,
      { code: "HOOKSMITH_CONFIG_KEY_CONFLICT" },
    );
    this.key = key;
    this.stages = stages;
  }
}
