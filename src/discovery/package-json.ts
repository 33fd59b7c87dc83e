import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The fields of a package.json that discovery and resolution read. */
export interface PackageManifest {
  /** The directory holding the package.json (a real path when the caller passed one). */
  readonly dir: string;
  /** The absolute path of the package.json file. */
  readonly file: string;
  /** `name`, when it is a string. */
  readonly name: string | undefined;
  /** `version`, when it is a string. */
  readonly version: string | undefined;
  /** The whole parsed object. */
  readonly json: Record<string, unknown>;
}

/** Why a package.json could not be used. */
export class ManifestParseError extends Error {
  override name: string = "ManifestParseError";
  /** The absolute path of the broken package.json. */
  readonly file: string;

  constructor(file: string, cause: unknown) {
    super(`${file} is not valid JSON: ${describeError(cause)}`, { cause });
    this.file = file;
  }
}

/**
 * Reads the text of `<dir>/package.json`, or returns `undefined` when there is none (missing,
 * unreadable, or `dir` is not a directory), as Node resolution treats such a folder.
 *
 * Discovery reads the file system synchronously, as Node's own resolution does: each of these
 * small reads takes microseconds, where an asynchronous one waits for a turn of the thread pool
 * and of the event loop (three of them per plugin doubled the time of loading 100 entry points).
 */
export function readManifestTextSync(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, "package.json"), "utf8");
  } catch (error) {
    if (isFsMissError(error)) return undefined;
    throw error;
  }
}

/** {@link readManifestTextSync}, as a promise (a read that throws rejects). */
export async function readManifestText(dir: string): Promise<string | undefined> {
  return readManifestTextSync(dir);
}

/**
 * Parses the text of a package.json.
 *
 * @throws {ManifestParseError} When the text is not JSON or not a JSON object.
 */
export function parseManifest(dir: string, text: string): PackageManifest {
  const file = join(dir, "package.json");
  let json: unknown;
  try {
    // A UTF-8 byte order mark is tolerated by Node's own package.json reader.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ManifestParseError(file, error);
  }
  if (!isRecord(json)) throw new ManifestParseError(file, new Error("the top level is not an object"));
  const name = json["name"];
  const version = json["version"];
  return {
    dir,
    file,
    name: typeof name === "string" ? name : undefined,
    version: typeof version === "string" ? version : undefined,
    json,
  };
}

/**
 * Reads and parses `<dir>/package.json`; `undefined` when there is none.
 *
 * @throws {ManifestParseError} When it exists but is not valid JSON.
 */
export async function readManifest(dir: string): Promise<PackageManifest | undefined> {
  const text = await readManifestText(dir);
  return text === undefined ? undefined : parseManifest(dir, text);
}

/**
 * Finds the nearest package.json in `dir` or one of its ancestors (Node's package scope), for
 * metadata only: a broken one is passed over and the search goes on upwards.
 */
export async function findNearestManifest(dir: string): Promise<PackageManifest | undefined> {
  for (let current = dir; ;) {
    // A folder the runtime's permissions hide (an ancestor outside Deno's --allow-read=.) holds
    // no metadata we can use: go on upwards, as for an unreadable one.
    const text = await readManifestText(current).catch((error: unknown) => {
      if (isAccessDenied(error)) return undefined;
      throw error;
    });
    if (text !== undefined) {
      try {
        return parseManifest(current, text);
      } catch {
        // Metadata is best effort; Node reports a broken package scope itself when importing.
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Tells whether `value` is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value of `record`'s own property `key`, or `undefined`: an inherited member
 * (`constructor`, `toString`, `__proto__`) never answers for a key a package or a user chose.
 */
export function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Tells whether a file-system error means "nothing usable here" rather than a real failure. */
export function isFsMissError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR" || code === "EACCES" || code === "EPERM" || code === "ELOOP"
  );
}

/**
 * Tells whether an error is a denial by the runtime's permissions rather than by the file system:
 * Node's permission model (`--permission`, `ERR_ACCESS_DENIED`) or Deno's (`--allow-read`,
 * `Deno.errors.NotCapable`, called `PermissionDenied` before Deno 2).
 */
export function isAccessDenied(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return code === "ERR_ACCESS_DENIED" || name === "NotCapable" || name === "PermissionDenied";
}

/** The message of an error, or the value as a string. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
