import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Turns a `cwd` option (a path, a `file:` URL string or a `URL`) into an absolute path; the
 * default is `process.cwd()`.
 * @internal
 */
export function toDirectoryPath(cwd: string | URL | undefined): string {
  if (cwd === undefined) return process.cwd();
  if (cwd instanceof URL) return fileURLToPath(cwd);
  if (typeof cwd !== "string" || cwd === "") {
    throw new TypeError(`the cwd option must be a path or a file URL, got ${JSON.stringify(cwd)}`);
  }
  return resolve(cwd.startsWith("file:") ? fileURLToPath(cwd) : cwd);
}
