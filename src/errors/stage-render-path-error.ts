import { HooksmithError } from "./hooksmith-error.ts";

/**
 * Why a rendered path was rejected.
 *
 * @example
 * ```ts
 * import type { RenderPathProblem } from "hooksmith";
 *
 * const problem: RenderPathProblem = "escapes";
 * ```
 */
export type RenderPathProblem = "empty" | "absolute" | "escapes" | "not-a-file" | "reserved" | "symlink";

const explanations: Record<RenderPathProblem, string> = {
  empty: "it is empty",
  absolute: "it is absolute; render paths are relative to the output directory",
  escapes: "it leaves the output directory",
  "not-a-file": "it names the output directory itself, not a file in it",
  reserved: "it is reserved for the render manifest",
  symlink: "it goes through a symbolic link that leads out of the output directory",
};

/**
 * A stage rendered a path that `renderStages` refuses to write: empty, absolute, leaving the
 * output directory (`../x`, or through a symbolic link), naming the directory itself, or the
 * render manifest's own file. Nothing is written when it is thrown.
 *
 * @example
 * ```ts
 * import { renderStages, StageRenderPathError } from "hooksmith";
 *
 * try {
 *   await renderStages(stages, { config, outputDirectory: "out" });
 * } catch (error) {
 *   if (error instanceof StageRenderPathError) console.error(error.stage, error.path, error.problem);
 * }
 * ```
 */
export class StageRenderPathError extends HooksmithError {
  /** The error class name, `"StageRenderPathError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageRenderPathError";
  /** The stage that rendered the path. */
  readonly stage: string;
  /** The path as the stage gave it. */
  readonly path: string;
  /** Why it was rejected. */
  readonly problem: RenderPathProblem;

  /**
   * @param stage - The stage that rendered the path.
   * @param path - The path as given.
   * @param problem - Why it is rejected.
   */
  constructor(stage: string, path: string, problem: RenderPathProblem) {
    super(`Invalid render path ${JSON.stringify(path)} from stage ${JSON.stringify(stage)}: ${explanations[problem]}`, {
      code: "HOOKSMITH_INVALID_RENDER_PATH",
    });
    this.stage = stage;
    this.path = path;
    this.problem = problem;
  }
}
