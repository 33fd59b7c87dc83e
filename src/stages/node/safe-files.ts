// Internal: the file operations of renderStages, which never follow a symbolic link below the
// output directory and never open anything but a regular file (a named pipe would block a read
// forever). Paths are canonical render paths (`a/b.txt`) below a real root directory.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { lstat, mkdir, open, rename, rm } from "node:fs/promises";
import type { Stats } from "node:fs";
import { join } from "node:path";

/** Why a path cannot be used: the problem of a `StageRenderPathError`, with the file system's error. */
export class PathRefusal extends Error {
  /** The problem. */
  readonly problem: "symlink" | "not-regular" | "unusable";

  /**
   * @param problem - The problem.
   * @param cause - The file system's error, if any.
   */
  constructor(problem: "symlink" | "not-regular" | "unusable", cause?: unknown) {
    super(problem, cause === undefined ? undefined : { cause });
    this.problem = problem;
  }
}

/** What is at a path below the root. */
export type PathState =
  | { readonly kind: "missing" }
  | { readonly kind: "blocked" } // an ancestor is not a directory: nothing can be there yet
  | { readonly kind: "file"; readonly stats: Stats };

// O_NOFOLLOW makes open() fail on a final symbolic link; O_NONBLOCK keeps open() of a named pipe
// from waiting for a writer. Windows has neither: there lstat() beforehand is the check.
const noFollow = constants.O_NOFOLLOW ?? 0;
const noBlock = constants.O_NONBLOCK ?? 0;

/**
 * Looks at a path below `root` without following links: every existing ancestor must be a real
 * directory, and the path itself missing or a regular file.
 *
 * @param root - The real output directory.
 * @param path - A canonical render path.
 * @returns What is there.
 * @throws {@link PathRefusal} for a symbolic link, a non-regular file, or an unusable path.
 */
export async function inspectPath(root: string, path: string): Promise<PathState> {
  const parts = path.split("/");
  let current = root;
  for (const [index, part] of parts.entries()) {
    current = join(current, part);
    const stats = await lstatOrUndefined(current);
    if (stats === undefined) return { kind: "missing" };
    if (stats.isSymbolicLink()) throw new PathRefusal("symlink");
    const last = index === parts.length - 1;
    if (!last) {
      if (!stats.isDirectory()) return { kind: "blocked" };
      continue;
    }
    if (!stats.isFile()) throw new PathRefusal("not-regular");
    return { kind: "file", stats };
  }
  return { kind: "missing" };
}

/**
 * Reads a regular file without following a final symbolic link and without blocking on a
 * named pipe swapped in after it was inspected.
 *
 * @param file - The absolute path.
 * @param maxBytes - Refuse a larger file (`unusable`).
 * @returns Its bytes.
 * @throws {@link PathRefusal} when it is a link or not a regular file; the file system's error otherwise.
 */
export async function readRegularFile(file: string, maxBytes: number = Number.POSITIVE_INFINITY): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | noFollow | noBlock);
  } catch (error) {
    if (codeOf(error) === "ELOOP") throw new PathRefusal("symlink", error);
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new PathRefusal("not-regular");
    if (stats.size > maxBytes) throw new PathRefusal("unusable", new RangeError(`it is larger than ${maxBytes} bytes`));
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file by writing a temporary file beside it and renaming it over the target: a rename
 * replaces a symbolic link or a named pipe standing there instead of writing through it, and a
 * crash never leaves half a file. The mode of the file it replaces is kept.
 *
 * @param file - The absolute path.
 * @param bytes - The contents.
 * @param mode - The mode of the file it replaces, if any.
 */
export async function writeFileReplacing(file: string, bytes: Uint8Array, mode?: number): Promise<void> {
  const temporary = `${file}.hooksmith-${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow, mode ?? 0o666);
  try {
    try {
      await handle.writeFile(bytes);
      if (mode !== undefined) await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates the directories of a canonical path below `root`, one by one, refusing a symbolic
 * link among them.
 *
 * @param root - The real output directory.
 * @param directory - A canonical directory path (`a/b`), or `""` for the root itself.
 * @throws {@link PathRefusal} for a link; the file system's error when a part is a file.
 */
export async function makeDirectories(root: string, directory: string): Promise<void> {
  if (directory === "") return;
  let current = root;
  for (const part of directory.split("/")) {
    current = join(current, part);
    const stats = await lstatOrUndefined(current);
    if (stats === undefined) {
      try {
        await mkdir(current);
      } catch (error) {
        if (codeOf(error) !== "EEXIST") throw error;
        const again = await lstat(current);
        if (again.isSymbolicLink()) throw new PathRefusal("symlink");
      }
      continue;
    }
    if (stats.isSymbolicLink()) throw new PathRefusal("symlink");
  }
}

/**
 * @param path - A path.
 * @returns Its `lstat`, or `undefined` when it does not exist.
 */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    const code = codeOf(error);
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") return undefined;
    if (code === "ENAMETOOLONG" || code === "ERR_INVALID_ARG_VALUE" || code === "ELOOP") throw new PathRefusal("unusable", error);
    throw error;
  }
}

/**
 * @param error - A caught error.
 * @returns Its `code`, when it has a string one.
 */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
