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
  const slashed = raw.replaceAll("\\", "/");
  if (slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) throw new StageRenderPathError(stage, raw, "absolute");
  if (slashed.endsWith("/")) throw new StageRenderPathError(stage, raw, "not-a-file");
  const normalized = posix.normalize(slashed);
  if (normalized === "." || normalized.endsWith("/.")) throw new StageRenderPathError(stage, raw, "not-a-file");
  if (normalized === ".." || normalized.startsWith("../")) throw new StageRenderPathError(stage, raw, "escapes");
  if (normalized === RENDER_MANIFEST_FILE) throw new StageRenderPathError(stage, raw, "reserved");
  return normalized;
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
