import { HooksmithError } from "./hooksmith-error.ts";

/**
 * Two stages render the same path, or one renders a file where another renders a directory
 * (`a` and `a/b`). Later stages never silently overwrite earlier ones; nothing is written when
 * it is thrown.
 *
 * @example
 * ```ts
 * import { renderStages, StageRenderConflictError } from "hooksmith";
 *
 * try {
 *   await renderStages(stages, { config, outputDirectory: "out" });
 * } catch (error) {
 *   if (error instanceof StageRenderConflictError) console.error(error.stages, error.paths);
 * }
 * ```
 */
export class StageRenderConflictError extends HooksmithError {
  /** The error class name, `"StageRenderConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageRenderConflictError";
  /** The two stages, earlier one first (the same name twice when one stage renders both). */
  readonly stages: readonly [string, string];
  /** The two normalized paths, in the same order (equal for a same-file conflict). */
  readonly paths: readonly [string, string];

  /**
   * @param stages - The earlier and the later stage.
   * @param paths - Their paths, normalized.
   */
  constructor(stages: readonly [string, string], paths: readonly [string, string]) {
    const [first, second] = stages.map((stage) => JSON.stringify(stage));
    const message =
      paths[0] === paths[1]
        ? `Render conflict: stages ${first} and ${second} both render ${JSON.stringify(paths[0])}`
        : `Render conflict: stage ${first} renders ${JSON.stringify(paths[0])} and stage ${second} renders ` +
          `${JSON.stringify(paths[1])}; one path is a directory of the other`;
    super(message, { code: "HOOKSMITH_RENDER_CONFLICT" });
    this.stages = stages;
    this.paths = paths;
  }
}
