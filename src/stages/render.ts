// renderStages: the public function and its options, in every runtime. Writing files needs Node:
// the work is done by ./node/render-stages.ts, reached through the `#platform` binding.

import { loadPlatform } from "../core/runtime.ts";
import type { RenderReport, StageClass, StageProgressEvent } from "./stage-types.ts";

/**
 * The name of the manifest file `renderStages` keeps in the output directory when asked to
 * prune: which stage rendered which file on the last render.
 *
 * @example
 * ```ts
 * import { RENDER_MANIFEST_FILE } from "hooksmith";
 *
 * console.log(RENDER_MANIFEST_FILE); // ".hooksmith-render.json"
 * ```
 */
export const RENDER_MANIFEST_FILE = ".hooksmith-render.json" as const;

/**
 * Options of `renderStages`.
 *
 * @example
 * ```ts
 * import type { RenderStagesOptions } from "hooksmith";
 *
 * const options: RenderStagesOptions = { config: {}, outputDirectory: "out", dryRun: true };
 * ```
 */
export interface RenderStagesOptions {
  /** The configuration every stage is constructed with. */
  readonly config: unknown;
  /** The directory to render into (created when missing); every stage is constructed with it. */
  readonly outputDirectory: string;
  /** Compute the report without writing or deleting anything; default `false`. */
  readonly dryRun?: boolean;
  /**
   * Delete files that a stage rendered on an earlier pruning render but no stage renders now
   * (e.g. after a plugin was removed), tracked by a manifest file `.hooksmith-render.json` in
   * the output directory; default `false`. Files nobody rendered are never deleted.
   */
  readonly prune?: boolean;
  /**
   * Leaves paths out of the `untracked` listing (a matching directory is not entered). Paths
   * are relative, `/`-separated. Default: directories named `.git` or `node_modules`.
   */
  readonly ignore?: (path: string, isDirectory: boolean) => boolean;
  /** Stops the render between stages, before anything is written. */
  readonly signal?: AbortSignal;
  /** Called as each stage's render starts, finishes or fails. */
  readonly onProgress?: (event: StageProgressEvent) => void;
}

/**
 * The part of the `#platform` binding the stage flows call.
 *
 * @internal
 */
export interface StagesPlatform {
  /** Backs {@link renderStages}. */
  renderStages(stages: readonly StageClass[], options: RenderStagesOptions): Promise<RenderReport>;
}

/**
 * Renders the stages' files into the output directory, writing only what is new or changed,
 * and reports new, updated, unchanged and untracked files.
 *
 * Each stage, in order, is constructed with `{ outputDirectory, config }` and its `render()`
 * returns relative path → `string | Uint8Array` (strings are written as UTF-8). The maps are
 * merged in stage order; two stages rendering the same path, or a file where another stage
 * renders a directory, is a `StageRenderConflictError` naming both stages. A path that is
 * empty, absolute, leaves the output directory (also through a symbolic link), or names the
 * render manifest is a `StageRenderPathError`. Every stage renders and every path is checked
 * before the first write, so these errors leave the disk untouched.
 *
 * Files whose bytes equal what is on disk are not rewritten. `untracked` lists files under the
 * output directory that no stage rendered (see `ignore`); they are kept. With `prune: true`,
 * files that a stage rendered on an earlier pruning render and that no stage renders now are
 * deleted (with directories left empty by that) and listed in `pruned`. `dryRun` computes the
 * same report and touches nothing.
 *
 * @param stages - Stage classes in run order; names must be unique.
 * @param options - `config`, `outputDirectory`, and optionally `dryRun`, `prune`, `ignore`,
 *   `signal`, `onProgress`.
 * @returns Sorted, `/`-separated paths relative to the output directory.
 * @throws {@link hooksmith!StageDefinitionError} (before anything runs) for an invalid stage list.
 * @throws {@link hooksmith!StageError} when a stage's `render` fails (phase `render`) or a file cannot
 *   be written (phase `write`).
 * @throws {@link hooksmith!StageRenderPathError} / {@link hooksmith!StageRenderConflictError} for bad paths.
 * @throws {@link hooksmith!StageRenderManifestError} for an unreadable manifest (with `prune`).
 * @throws {@link hooksmith!StageAbortError} when `signal` aborts the render.
 * @example
 * ```ts
 * import { renderStages } from "hooksmith";
 *
 * const report = await renderStages(stages, { config, outputDirectory: "./out", prune: true });
 * console.log(`new: ${report.new.join(", ")}; changed: ${report.updated.join(", ")}`);
 * ```
 */
export async function renderStages(stages: readonly StageClass[], options: RenderStagesOptions): Promise<RenderReport> {
  return (await loadPlatform<StagesPlatform>()).renderStages(stages, options);
}
