import { createHash } from "node:crypto";
import { mkdir, readdir, realpath, rm, rmdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { StageAbortError } from "../errors.ts";
import { StageContractError } from "../errors.ts";
import { StageError } from "../errors.ts";
import { StageRenderConflictError } from "../errors.ts";
import { StageRenderManifestError } from "../errors.ts";
import { StageRenderPathError } from "../errors.ts";
import { describeValue, messageOf } from "../../core/describe.ts";
import type { NebariStage } from "../nebari-stage.ts";
import { ancestorsOf, isReservedPath, normalizeRenderPath } from "./render-paths.ts";
import {
  inspectPath,
  lstatOrUndefined,
  makeDirectories,
  PathRefusal,
  readRegularFile,
  writeFileReplacing,
  type PathState,
} from "./safe-files.ts";
import { assertStageList } from "../stage-definition.ts";
import { createStepRunner } from "../stage-progress.ts";
import { lockForFlow, withLock } from "../lock.ts";
import { RENDER_MANIFEST_FILE, type RenderStagesOptions } from "../render.ts";
import type { RenderReport, StageClass, StageInit } from "../stage-types.ts";

/** A rendered file: the stage that rendered it and its bytes. */
interface RenderedFile {
  readonly stage: string;
  readonly bytes: Uint8Array;
}

/** A file of the render manifest: the stage that rendered it and the SHA-256 of what was written. */
interface ManifestEntry {
  readonly stage: string;
  /** Absent in a version 1 manifest. */
  readonly sha256?: string;
}

/** The render manifest's content (version 1 manifests are read into this shape). */
interface Manifest {
  readonly version: 2;
  readonly files: Record<string, ManifestEntry>;
}

/** A manifest larger than this is refused rather than read. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const defaultIgnore = (path: string, isDirectory: boolean): boolean =>
  isDirectory && /(?:^|\/)(?:\.git|node_modules)$/.test(path);

/** Renders the stages into files on disk: `renderStages` under Node. */
export async function renderStagesOnDisk(stages: readonly StageClass[], options: RenderStagesOptions): Promise<RenderReport> {
  const list = assertStageList(stages, "renderStages");
  const files = await renderInMemory(list, options);
  // The disk is read and written under the lock. A dry run writes nothing, not even the lock
  // (nor the output directory it would live in).
  const lock = await lockForFlow(options.dryRun === true ? false : (options.lock ?? true), options.outputDirectory, "render");
  return withLock(lock, () => writeRendered(list, files, options));
}

/**
 * Runs every stage's `render` and checks the paths, touching no file.
 *
 * @param list - The validated stage list.
 * @param options - The options of `renderStages`.
 * @returns Canonical path to rendered file.
 */
async function renderInMemory(list: readonly StageClass[], options: RenderStagesOptions): Promise<Map<string, RenderedFile>> {
  const init: StageInit = { outputDirectory: options.outputDirectory, config: options.config };
  const steps = createStepRunner("render", list.length, options.onProgress);
  const files = new Map<string, RenderedFile>();
  const directories = new Map<string, string>();
  const completed: string[] = [];

  for (const [index, stage] of list.entries()) {
    const name = stage.stageName;
    if (options.signal?.aborted === true) {
      throw new StageAbortError({ flow: "render", stage: name, completed, reason: options.signal.reason });
    }
    let rendered: unknown;
    const error = await steps.run(name, index, "render", async () => {
      const instance = new (stage as unknown as new (init: StageInit) => NebariStage<unknown>)(init);
      rendered = typeof instance.render === "function" ? await instance.render() : {};
    });
    if (error !== undefined) throw error;
    for (const [raw, bytes] of checkRenderedFiles(name, rendered)) {
      addFile(files, directories, normalizeRenderPath(name, raw), { stage: name, bytes });
    }
    completed.push(name);
  }
  if (steps.callbackErrors.length > 0) {
    const [first, ...rest] = steps.callbackErrors;
    if (first !== undefined)
      throw new StageError({ stage: first.stage, phase: "progress", cause: first.cause, otherErrors: rest });
  }
  return files;
}

/**
 * Compares the rendered files with the disk, prunes, writes, and reports.
 *
 * @param list - The validated stage list.
 * @param files - What the stages rendered.
 * @param options - The options of `renderStages`.
 * @returns The report.
 */
async function writeRendered(
  list: readonly StageClass[],
  files: ReadonlyMap<string, RenderedFile>,
  options: RenderStagesOptions,
): Promise<RenderReport> {
  const root = resolve(options.outputDirectory);
  const dryRun = options.dryRun === true;
  const rootStats = await stat(root).catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error)));
  if (rootStats !== undefined && !rootStats.isDirectory()) {
    throw new StageError({
      stage: list[0]?.stageName ?? "(none)",
      phase: "write",
      cause: new Error(`the output directory ${JSON.stringify(root)} is not a directory`),
    });
  }
  if (!dryRun) await mkdir(root, { recursive: true });
  // Links in the output directory's own path are the user's choice; below it none is followed.
  const realRoot = dryRun && rootStats === undefined ? undefined : await realpath(root);

  const report: RenderReport = { new: [], updated: [], unchanged: [], untracked: [], kept: [] };
  const writes: [string, RenderedFile, number | undefined][] = [];
  for (const [path, file] of [...files].sort(([a], [b]) => compare(a, b))) {
    let existing: Uint8Array | undefined;
    let mode: number | undefined;
    if (realRoot !== undefined) {
      try {
        const state = await inspectPath(realRoot, path);
        if (state.kind === "file") {
          existing = await readRegularFile(join(realRoot, ...path.split("/")));
          mode = state.stats.mode & 0o7777;
        }
      } catch (error) {
        if (error instanceof PathRefusal) throw new StageRenderPathError(file.stage, path, error.problem, error.cause);
        throw new StageError({ stage: file.stage, phase: "write", cause: error });
      }
    }
    if (existing === undefined) report.new.push(path);
    else if (Buffer.compare(existing, file.bytes) !== 0) report.updated.push(path);
    else {
      report.unchanged.push(path);
      continue;
    }
    writes.push([path, file, mode]);
  }

  const ignore = options.ignore ?? defaultIgnore;
  let pruned: string[] | undefined;
  let manifest: Manifest | undefined;
  if (options.prune === true) {
    pruned = [];
    const manifestFile = join(realRoot ?? root, RENDER_MANIFEST_FILE);
    const previous = realRoot === undefined ? emptyManifest() : await readManifest(manifestFile);
    for (const path of Object.keys(previous.files).sort(compare)) {
      if (files.has(path) || realRoot === undefined) continue;
      const entry = previous.files[path];
      const verdict = await pruneVerdict(realRoot, path, entry, ignore);
      if (verdict === "prune") pruned.push(path);
      else if (verdict === "keep") report.kept.push(path);
    }
    manifest = {
      version: 2,
      files: Object.fromEntries(
        [...files]
          .sort(([a], [b]) => compare(a, b))
          .map(([path, file]) => [path, { stage: file.stage, sha256: sha256(file.bytes) }]),
      ),
    };
    report.pruned = pruned;
  }

  if (!dryRun && realRoot !== undefined) {
    // Prune first: a stale file may stand where a directory of a new file must go.
    for (const path of pruned ?? []) {
      await rm(join(realRoot, ...path.split("/")), { force: true });
      await removeEmptyDirectories(realRoot, ancestorsOf(path).reverse());
    }
    for (const [path, file, mode] of writes) {
      try {
        await makeDirectories(realRoot, ancestorsOf(path).at(-1) ?? "");
        await writeFileReplacing(join(realRoot, ...path.split("/")), file.bytes, mode);
      } catch (error) {
        if (error instanceof PathRefusal) throw new StageRenderPathError(file.stage, path, error.problem, error.cause);
        throw new StageError({ stage: file.stage, phase: "write", cause: error });
      }
    }
    if (manifest !== undefined) {
      const manifestFile = join(realRoot, RENDER_MANIFEST_FILE);
      const text = `${JSON.stringify(manifest, null, 2)}\n`;
      const current = await readRegularFile(manifestFile).catch(() => undefined);
      if (current?.toString("utf8") !== text) await writeFileReplacing(manifestFile, Buffer.from(text, "utf8"));
    }
  }

  if (realRoot !== undefined) {
    const prunedSet = new Set(pruned);
    const keptSet = new Set(report.kept);
    for (const path of await listFiles(realRoot, ignore)) {
      if (!files.has(path) && !prunedSet.has(path) && !keptSet.has(path) && !isReservedPath(path)) report.untracked.push(path);
    }
  }
  for (const list of [report.new, report.updated, report.unchanged, report.untracked, report.kept]) list.sort(compare);
  return report;
}

/**
 * Decides what prune does with a file the previous manifest lists and no stage renders now.
 * It deletes only a regular file, reached without a link, outside ignored directories, whose
 * content still hashes to what the manifest recorded; anything else that exists is kept.
 *
 * @param root - The real output directory.
 * @param path - The canonical path from the manifest.
 * @param entry - Its manifest entry.
 * @param ignore - The `ignore` option: a path it filters (or inside a directory it filters) is never deleted.
 * @returns `"prune"`, `"keep"`, or `"absent"` when nothing is there.
 */
async function pruneVerdict(
  root: string,
  path: string,
  entry: ManifestEntry | undefined,
  ignore: (path: string, isDirectory: boolean) => boolean,
): Promise<"prune" | "keep" | "absent"> {
  let state: PathState;
  try {
    state = await inspectPath(root, path);
  } catch {
    // A link, a pipe, a directory or an unusable path: never ours to delete.
    return (await lstatOrUndefined(join(root, ...path.split("/"))).catch(() => undefined)) === undefined ? "absent" : "keep";
  }
  if (state.kind !== "file") return "absent";
  if (entry?.sha256 === undefined) return "keep";
  if (ancestorsOf(path).some((directory) => ignore(directory, true)) || ignore(path, false)) return "keep";
  try {
    return sha256(await readRegularFile(join(root, ...path.split("/")))) === entry.sha256 ? "prune" : "keep";
  } catch {
    return "keep";
  }
}

/**
 * @param bytes - Contents.
 * @returns Their SHA-256, in hexadecimal.
 */
function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A manifest with no files. */
function emptyManifest(): Manifest {
  return { version: 2, files: {} };
}

/**
 * Checks what a stage's `render` returned.
 *
 * @param stage - The stage's name.
 * @param rendered - The value `render` returned (awaited).
 * @returns The entries as `[path, bytes]`.
 * @throws {@link StageError} (phase `render`) wrapping a {@link StageContractError}.
 */
function checkRenderedFiles(stage: string, rendered: unknown): [string, Uint8Array][] {
  const fail = (problem: string): never => {
    throw new StageError({ stage, phase: "render", cause: new StageContractError(stage, "render", problem) });
  };
  if (typeof rendered !== "object" || rendered === null || Array.isArray(rendered)) {
    fail(`returned ${describeValue(rendered)}; it must return an object of relative path to string or Uint8Array`);
  }
  return Object.entries(rendered as Record<string, unknown>).map(([path, contents]): [string, Uint8Array] => {
    if (typeof contents === "string") return [path, Buffer.from(contents, "utf8")];
    if (contents instanceof Uint8Array) return [path, contents];
    return fail(`returned ${describeValue(contents)} for ${JSON.stringify(path)}; contents must be a string or a Uint8Array`);
  });
}

/**
 * Adds a file to the merged map, rejecting a path another stage rendered, or one that is a
 * file and a directory at once.
 *
 * @param files - Canonical path to rendered file.
 * @param directories - Directory path to the first file path inside it.
 * @param path - The canonical path.
 * @param file - The file.
 */
function addFile(files: Map<string, RenderedFile>, directories: Map<string, string>, path: string, file: RenderedFile): void {
  const same = files.get(path);
  if (same !== undefined) throw new StageRenderConflictError([same.stage, file.stage], [path, path]);
  const inside = directories.get(path);
  if (inside !== undefined) {
    throw new StageRenderConflictError([files.get(inside)?.stage ?? file.stage, file.stage], [inside, path]);
  }
  const ancestors = ancestorsOf(path);
  for (const ancestor of ancestors) {
    const blocking = files.get(ancestor);
    if (blocking !== undefined) throw new StageRenderConflictError([blocking.stage, file.stage], [ancestor, path]);
  }
  files.set(path, file);
  for (const ancestor of ancestors) if (!directories.has(ancestor)) directories.set(ancestor, path);
}

/**
 * Reads the render manifest, or an empty one when there is none. A version 1 manifest (written
 * by hooksmith 0.1, without hashes) is read too: its files are kept, never pruned.
 *
 * @param file - The manifest's absolute path.
 * @returns The manifest.
 * @throws {@link StageRenderManifestError} when it is not valid.
 */
async function readManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = (await readRegularFile(file, MAX_MANIFEST_BYTES)).toString("utf8");
  } catch (error) {
    if (isMissing(error)) return emptyManifest();
    if (error instanceof PathRefusal) {
      const problem =
        error.problem === "symlink"
          ? "it is a symbolic link, which renderStages never follows"
          : error.problem === "not-regular"
            ? "it is not a regular file"
            : `it cannot be used (${messageOf(error.cause)})`;
      throw new StageRenderManifestError(file, problem, error.cause);
    }
    throw new StageRenderManifestError(file, "it cannot be read", error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StageRenderManifestError(file, "it is not valid JSON", error);
  }
  const version = (data as { version?: unknown } | null)?.version;
  const files = (data as { files?: unknown } | null)?.files;
  if ((version !== 1 && version !== 2) || typeof files !== "object" || files === null || Array.isArray(files)) {
    throw new StageRenderManifestError(file, 'expected { "version": 2, "files": { path: { "stage": name, "sha256": hash } } }');
  }
  const entries: Record<string, ManifestEntry> = {};
  for (const [path, value] of Object.entries(files)) {
    const entry = version === 1 ? (typeof value === "string" ? { stage: value } : undefined) : manifestEntry(value);
    if (entry === undefined) {
      throw new StageRenderManifestError(
        file,
        `the entry ${JSON.stringify(path)} is not ${version === 1 ? "a stage name" : "{ stage, sha256 }"}`,
      );
    }
    let canonical: string;
    try {
      canonical = normalizeRenderPath(entry.stage, path);
    } catch (error) {
      throw new StageRenderManifestError(file, `it lists ${JSON.stringify(path)}, which is not a valid render path`, error);
    }
    if (canonical !== path) {
      throw new StageRenderManifestError(file, `the entry ${JSON.stringify(path)} is not a canonical path`);
    }
    Object.defineProperty(entries, path, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return { version: 2, files: entries };
}

/**
 * @param value - An entry of a version 2 manifest.
 * @returns The entry, or `undefined` when it is not `{ stage, sha256 }`.
 */
function manifestEntry(value: unknown): ManifestEntry | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { stage, sha256: hash } = value as { stage?: unknown; sha256?: unknown };
  if (typeof stage !== "string" || typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) return undefined;
  return { stage, sha256: hash };
}

/**
 * Removes directories that are empty, innermost first, stopping at the first that is not.
 *
 * @param root - The output directory.
 * @param directories - Canonical directory paths, innermost first.
 */
async function removeEmptyDirectories(root: string, directories: readonly string[]): Promise<void> {
  for (const directory of directories) {
    const absolute = join(root, ...directory.split("/"));
    const entries = await readdir(absolute).catch(() => undefined);
    if (entries === undefined || entries.length > 0) return;
    await rmdir(absolute);
  }
}

/**
 * Lists the files under a directory, recursively, as canonical relative paths.
 *
 * @param root - The directory.
 * @param ignore - Tells which paths to leave out (a directory is then not entered).
 * @returns The paths, unsorted.
 */
async function listFiles(root: string, ignore: (path: string, isDirectory: boolean) => boolean): Promise<string[]> {
  const found: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const absolute = join(directory, entry.name);
      const path = relative(root, absolute).split(sep).join("/");
      const isDirectory = entry.isDirectory();
      if (ignore(path, isDirectory)) continue;
      if (isDirectory) await walk(absolute);
      else found.push(path);
    }
  };
  await walk(root);
  return found;
}

/**
 * @param error - A caught error.
 * @returns `true` for a "no such file" error.
 */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * Orders paths by UTF-16 code units, the same on every machine.
 *
 * @param a - A path.
 * @param b - Another path.
 * @returns Negative, zero or positive.
 */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
