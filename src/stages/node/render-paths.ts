// Internal: validation and normalization of the paths stages render.
import { posix } from "node:path";
import { StageRenderPathError } from "../errors.ts";
import { RENDER_MANIFEST_FILE } from "../render.ts";

/**
 * Turns a rendered path into its canonical form: `/`-separated (a `\` counts as a separator
 * too, so stages render the same on every platform), relative, without `.` or `..` segments.
 *
 * @param stage - The stage that rendered it, for errors.
 * @param raw - The path as rendered.
 * @returns The canonical path, e.g. `"dir/file.txt"`.
 * @throws {@link StageRenderPathError} for an empty, absolute, escaping or reserved path, or
 *   one naming a directory.
 */
export function normalizeRenderPath(stage: string, raw: string): string {
  if (raw === "") throw new StageRenderPathError(stage, raw, "empty");
  // Node refuses a NUL in a path with a raw ERR_INVALID_ARG_VALUE: refuse it first, by name.
  if (raw.includes("\0")) {
    throw new StageRenderPathError(stage, raw, "unusable", new TypeError("the path contains a NUL character"));
  }
  const slashed = raw.replaceAll("\\", "/");
  if (slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) throw new StageRenderPathError(stage, raw, "absolute");
  if (slashed.endsWith("/")) throw new StageRenderPathError(stage, raw, "not-a-file");
  const normalized = posix.normalize(slashed);
  if (normalized === "." || normalized.endsWith("/.")) throw new StageRenderPathError(stage, raw, "not-a-file");
  if (normalized === ".." || normalized.startsWith("../")) throw new StageRenderPathError(stage, raw, "escapes");
  if (isReservedPath(normalized)) throw new StageRenderPathError(stage, raw, "reserved");
  return normalized;
}

/** The name of the lock file `renderStages`, `deployStages` and `destroyStages` keep in the output directory. */
export const LOCK_FILE = ".hooksmith.lock";

/**
 * Tells whether a canonical path is one of hooksmith's own files in the output directory: the
 * render manifest, the lock, and their temporary files.
 *
 * @param path - A canonical path.
 * @returns `true` for a reserved path.
 */
export function isReservedPath(path: string): boolean {
  return path === RENDER_MANIFEST_FILE || path.startsWith(`${RENDER_MANIFEST_FILE}.`) || path.startsWith(LOCK_FILE);
}

/**
 * The directories a canonical path lies in, outermost first.
 *
 * @param path - A canonical path such as `"a/b/c.txt"`.
 * @returns E.g. `["a", "a/b"]`.
 */
export function ancestorsOf(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join("/"));
}
