// renderStages: the public function and its options, in every runtime. Writing files needs Node:
// the work is done by ./node/render-stages.ts, reached through the `#platform` binding.

import { loadPlatform } from "../core/runtime.ts";
import type { LockOutputDirectoryOptions, OutputDirectoryLock } from "./lock.ts";
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
   * the output directory that records each file's SHA-256; default `false`. Only a file whose
   * content still matches the manifest is deleted; one that changed, or that the manifest
   * cannot vouch for, is kept and listed in `kept`.
   */
  readonly prune?: boolean;
  /**
   * Leaves paths out of the `untracked` listing (a matching directory is not entered). Paths
   * are relative, `/`-separated. Default: directories named `.git` or `node_modules`.
   */
  readonly ignore?: (path: string, isDirectory: boolean) => boolean;
  /**
   * Take the output directory's exclusive lock for the render (see `lockOutputDirectory`); a
   * second run then fails at once with `HOOKSMITH_STAGE_LOCKED`. Default `true`; a dry run
   * never locks. Pass `false` when you hold the lock yourself.
   */
  readonly lock?: boolean;
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
  /** Backs `lockOutputDirectory` and the flows' `lock` option. */
  lockOutputDirectory(outputDirectory: string, options: LockOutputDirectoryOptions): Promise<OutputDirectoryLock>;
}

/**
 * Renders the stages' files into the output directory, writing only what is new or changed,
 * and reports new, updated, unchanged and untracked files.
 *
 * Each stage, in order, is constructed with `{ outputDirectory, config }` and its `render()`
 * returns relative path → `string | Uint8Array` (strings are written as UTF-8). The maps are
 * merged in stage order; two stages rendering the same path, or a file where another stage
 * renders a directory, is a `StageRenderConflictError` naming both stages. A path that is
 * empty, absolute, leaves the output directory, goes through a symbolic link (links below the
 * output directory are never followed), stands on something other than a regular file (a named
 * pipe, a socket, a device), cannot be used by the file system, or names one of hooksmith's own
 * files is a `StageRenderPathError`. Every stage renders and every path is checked before the
 * first write, so these errors leave the disk untouched. Each file is written to a temporary
 * file and renamed into place.
 *
 * Files whose bytes equal what is on disk are not rewritten. `untracked` lists files under the
 * output directory that no stage rendered (see `ignore`); they are kept. With `prune: true`,
 * files that a stage rendered on an earlier pruning render, that no stage renders now and whose
 * content is still what was rendered are deleted (with directories left empty by that) and
 * listed in `pruned`; the others are left and listed in `kept`. `dryRun` computes the same
 * report and touches nothing.
 *
 * @param stages - Stage classes in run order; names must be unique.
 * @param options - `config`, `outputDirectory`, and optionally `dryRun`, `prune`, `ignore`,
 *   `signal`, `onProgress`.
 * @returns Sorted, `/`-separated paths relative to the output directory.
 * @throws {@link hooksmith!StageDefinitionError} (before anything runs) for an invalid stage list.
 * @throws {@link hooksmith!StageError} when a stage's `render` fails (phase `render`) or a file cannot
 *   be written (phase `write`).
 * @throws {@link hooksmith!StageRenderPathError} / {@link hooksmith!StageRenderConflictError} for bad paths.
 * @throws {@link hooksmith!StageRenderManifestError} for an unreadable manifest, or one that is a
 *   symbolic link (with `prune`).
 * @throws {@link hooksmith!StageAbortError} when `signal` aborts the render.
 * @throws {@link hooksmith!StageLockError} when another run holds the output directory's lock.
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
