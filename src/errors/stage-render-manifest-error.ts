import { HooksmithError } from "./hooksmith-error.ts";

/**
 * The render manifest (`.hooksmith-render.json` in the output directory, read by
 * `renderStages` with `prune: true`) is not valid: not JSON, not of the expected shape, or
 * listing a path that leaves the output directory. Nothing is written or deleted when it is
 * thrown. Delete the file to start over (files it listed are then no longer pruned).
 *
 * @example
 * ```ts
 * import { renderStages, StageRenderManifestError } from "hooksmith";
 *
 * try {
 *   await renderStages(stages, { config, outputDirectory: "out", prune: true });
 * } catch (error) {
 *   if (error instanceof StageRenderManifestError) console.error(`fix or delete ${error.file}`);
 * }
 * ```
 */
export class StageRenderManifestError extends HooksmithError {
  /** The error class name, `"StageRenderManifestError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageRenderManifestError";
  /** The absolute path of the manifest file. */
  readonly file: string;

  /**
   * @param file - The absolute path of the manifest file.
   * @param problem - What is wrong with it.
   * @param cause - The underlying error, e.g. a `SyntaxError` from `JSON.parse`.
   */
  constructor(file: string, problem: string, cause?: unknown) {
    super(`Invalid render manifest ${JSON.stringify(file)}: ${problem}`, { code: "HOOKSMITH_INVALID_RENDER_MANIFEST", cause });
    this.file = file;
  }
}
