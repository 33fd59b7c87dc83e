import { lstat, mkdir, readdir, readFile, realpath, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { StageAbortError } from "../errors.ts";
import { StageContractError } from "../errors.ts";
import { StageError } from "../errors.ts";
import { StageRenderConflictError } from "../errors.ts";
import { StageRenderManifestError } from "../errors.ts";
import { StageRenderPathError } from "../errors.ts";
import { describeValue } from "../../core/describe.ts";
import type { NebariStage } from "../nebari-stage.ts";
import { ancestorsOf, normalizeRenderPath } from "./render-paths.ts";
import { assertStageList } from "../stage-definition.ts";
import { createStepRunner } from "../stage-progress.ts";
import { RENDER_MANIFEST_FILE, type RenderStagesOptions } from "../render.ts";
import type { RenderReport, StageClass, StageInit } from "../stage-types.ts";

/** A rendered file: the stage that rendered it and its bytes. */
interface RenderedFile {
  readonly stage: string;
  readonly bytes: Uint8Array;
}

/** The render manifest's content. */
interface Manifest {
  readonly version: 1;
  readonly files: Record<string, string>;
}

const defaultIgnore = (path: string, isDirectory: boolean): boolean =>
  isDirectory && /(?:^|\/)(?:\.git|node_modules)$/.test(path);

/** Renders the stages into files on disk: `renderStages` under Node. */
export async function renderStagesOnDisk(stages: readonly StageClass[], options: RenderStagesOptions): Promise<RenderReport> {
  const list = assertStageList(stages, "renderStages");
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

  const root = resolve(options.outputDirectory);
  const dryRun = options.dryRun === true;
  if (!dryRun) await mkdir(root, { recursive: true });
  const realRoot = await realpathOrUndefined(root);

  const report: RenderReport = { new: [], updated: [], unchanged: [], untracked: [] };
  const writes: [string, RenderedFile][] = [];
  for (const [path, file] of [...files].sort(([a], [b]) => compare(a, b))) {
    const target = join(root, ...path.split("/"));
    await assertInside(realRoot, root, target, () => new StageRenderPathError(file.stage, path, "symlink"));
    let existing: Uint8Array | undefined;
    try {
      existing = await readFile(target);
    } catch (error) {
      if (!isMissing(error)) throw new StageError({ stage: file.stage, phase: "write", cause: error });
    }
    if (existing === undefined) report.new.push(path);
    else if (Buffer.compare(existing, file.bytes) !== 0) report.updated.push(path);
    else {
      report.unchanged.push(path);
      continue;
    }
    writes.push([target, file]);
  }

  let pruned: string[] | undefined;
  let manifest: Manifest | undefined;
  const manifestFile = join(root, RENDER_MANIFEST_FILE);
  if (options.prune === true) {
    const previous = await readManifest(manifestFile);
    pruned = [];
    for (const path of Object.keys(previous.files).sort(compare)) {
      if (files.has(path)) continue;
      const target = join(root, ...path.split("/"));
      await assertInside(
        realRoot,
        root,
        target,
        () =>
          new StageRenderManifestError(
            manifestFile,
            `the path ${JSON.stringify(path)} leads out of the output directory through a symbolic link`,
          ),
      );
      const stats = await lstat(target).catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error)));
      if (stats !== undefined && !stats.isDirectory()) pruned.push(path);
    }
    manifest = {
      version: 1,
      files: Object.fromEntries(
        [...files].map(([path, file]) => [path, file.stage]).sort(([a], [b]) => compare(a ?? "", b ?? "")),
      ),
    };
    report.pruned = pruned;
  }

  if (!dryRun) {
    // Prune first: a stale file may stand where a directory of a new file must go.
    for (const path of pruned ?? []) {
      await rm(join(root, ...path.split("/")), { force: true });
      await removeEmptyDirectories(root, ancestorsOf(path).reverse());
    }
    for (const [target, file] of writes) {
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.bytes);
      } catch (error) {
        throw new StageError({ stage: file.stage, phase: "write", cause: error });
      }
    }
    if (manifest !== undefined) {
      const text = `${JSON.stringify(manifest, null, 2)}\n`;
      const current = await readFile(manifestFile, "utf8").catch(() => undefined);
      if (current !== text) await writeFile(manifestFile, text);
    }
  }

  const prunedSet = new Set(pruned);
  const ignore = options.ignore ?? defaultIgnore;
  if (realRoot !== undefined) {
    for (const path of await listFiles(root, ignore)) {
      if (!files.has(path) && !prunedSet.has(path) && path !== RENDER_MANIFEST_FILE) report.untracked.push(path);
    }
  }
  for (const list of [report.new, report.updated, report.unchanged, report.untracked]) list.sort(compare);
  return report;
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
 * Checks that a path inside the output directory does not lead out of it through a symbolic
 * link: the deepest part of it that exists must resolve inside the real output directory.
 *
 * @param realRoot - The output directory, symbolic links resolved; `undefined` when missing.
 * @param root - The output directory.
 * @param target - An absolute path inside `root`.
 * @param makeError - Builds the error to throw.
 */
async function assertInside(realRoot: string | undefined, root: string, target: string, makeError: () => Error): Promise<void> {
  if (realRoot === undefined) return;
  let current = target;
  while (current !== root) {
    const real = await realpathOrUndefined(current);
    if (real !== undefined) {
      if (real !== realRoot && !real.startsWith(realRoot + sep)) throw makeError();
      return;
    }
    // A dangling symbolic link has no realpath but still leads somewhere: refuse it.
    const stats = await lstat(current).catch(() => undefined);
    if (stats?.isSymbolicLink() === true) throw makeError();
    current = dirname(current);
  }
}

/**
 * Reads the render manifest, or an empty one when there is none.
 *
 * @param file - The manifest's absolute path.
 * @returns The manifest.
 * @throws {@link StageRenderManifestError} when it is not valid.
 */
async function readManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return { version: 1, files: {} };
    throw new StageRenderManifestError(file, "it cannot be read", error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StageRenderManifestError(file, "it is not valid JSON", error);
  }
  const files = (data as { files?: unknown } | null)?.files;
  if (
    (data as { version?: unknown } | null)?.version !== 1 ||
    typeof files !== "object" ||
    files === null ||
    Array.isArray(files)
  ) {
    throw new StageRenderManifestError(file, 'expected { "version": 1, "files": { path: stage } }');
  }
  for (const [path, stage] of Object.entries(files)) {
    let canonical: string;
    try {
      canonical = normalizeRenderPath(String(stage), path);
    } catch (error) {
      throw new StageRenderManifestError(file, `it lists ${JSON.stringify(path)}, which is not a valid render path`, error);
    }
    if (canonical !== path || typeof stage !== "string") {
      throw new StageRenderManifestError(file, `the entry ${JSON.stringify(path)} is not a canonical path with a stage name`);
    }
  }
  return { version: 1, files: files as Record<string, string> };
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
 * @param path - A path.
 * @returns Its realpath, or `undefined` when it does not exist.
 */
async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
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
