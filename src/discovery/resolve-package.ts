import { statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { findNearestManifest, isRecord, ownValue, readManifest, type PackageManifest } from "./package-json.ts";
import type { ManifestParseError } from "./package-json.ts";

/**
 * The conditions Node's ESM loader matches for `import()` by default (`default` always matches).
 * @internal
 */
export const importConditions: ReadonlySet<string> = new Set(["node", "import", "module-sync"]);

/** A bare specifier split into its package name and its subpath (`.` or `./…`). @internal */
export interface ParsedSpecifier {
  /** `pkg` or `@scope/pkg`. */
  readonly packageName: string;
  /** `.` for the package itself, otherwise `./sub/path`. */
  readonly subpath: string;
}

/** Why a bare specifier could not be resolved. @internal */
export class ResolveError extends Error {
  override name: string = "ResolveError";
  /** `not-found` (no such package, file or export) or `invalid` (a malformed `exports` map). */
  readonly kind: "not-found" | "invalid";

  constructor(kind: "not-found" | "invalid", message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Where a bare specifier resolved to. @internal */
export interface ResolvedPackageFile {
  /** The absolute path of the module file (not yet a real path). */
  readonly file: string;
  /** The package.json of the package that holds the file, when it has one. */
  readonly manifest: PackageManifest | undefined;
  /** The package name from the specifier. */
  readonly packageName: string;
}

/**
 * Splits a bare specifier (`pkg`, `pkg/sub`, `@scope/pkg/sub`) as Node does; `undefined` when it is
 * not a valid package specifier.
 * @internal
 */
export function parseBareSpecifier(specifier: string): ParsedSpecifier | undefined {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  if (parts.length < nameLength) return undefined;
  const nameParts = parts.slice(0, nameLength);
  if (nameParts.some((part) => part === "")) return undefined;
  const packageName = nameParts.join("/");
  if (packageName.startsWith(".") || packageName.includes("\\") || packageName.includes("%")) return undefined;
  const rest = parts.slice(nameLength);
  return { packageName, subpath: rest.length === 0 ? "." : `./${rest.join("/")}` };
}

/**
 * Resolves a bare specifier the way Node's ESM resolver does for an importer located in `fromDir`:
 * the package's self-reference first, then `node_modules/<name>` in `fromDir` and each ancestor;
 * inside the package, its `exports` map with the default import conditions, or its `main` and
 * `index.js` when it has no `exports`.
 *
 * @throws {ResolveError} When there is no such package, file or export, or the `exports` map is malformed.
 * @throws {ManifestParseError} When the package's package.json is not valid JSON.
 * @internal
 */
export async function resolveBareSpecifier(specifier: string, fromDir: string): Promise<ResolvedPackageFile> {
  const parsed = parseBareSpecifier(specifier);
  if (parsed === undefined) throw new ResolveError("not-found", `"${specifier}" is not a valid package specifier`);
  const { packageName, subpath } = parsed;

  const scope = await findNearestManifest(fromDir);
  if (scope !== undefined && scope.name === packageName && scope.json["exports"] !== undefined) {
    return { file: await resolveInsidePackage(scope, subpath, specifier), manifest: scope, packageName };
  }

  for (let dir = fromDir; ;) {
    if (!dir.endsWith(`${sep}node_modules`)) {
      const packageDir = join(dir, "node_modules", packageName);
      if (isDirectory(packageDir)) {
        const manifest = await readManifest(packageDir);
        const file =
          manifest === undefined
            ? await resolveWithoutExports(packageDir, undefined, subpath, specifier)
            : await resolveInsidePackage(manifest, subpath, specifier);
        return { file, manifest, packageName };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ResolveError("not-found", `package "${packageName}" is not installed in ${fromDir} or its ancestors`);
}

/**
 * Resolves `subpath` (`.` or `./…`) inside a package: through its `exports` map when it has one,
 * otherwise as a file (or, for `.`, through `main`).
 *
 * @throws {ResolveError} When nothing matches or the `exports` map is malformed.
 * @internal
 */
export async function resolveInsidePackage(manifest: PackageManifest, subpath: string, specifier: string): Promise<string> {
  const exportsField = manifest.json["exports"];
  if (exportsField === undefined || exportsField === null) {
    return resolveWithoutExports(manifest.dir, manifest, subpath, specifier);
  }
  const target = resolveExports(manifest.dir, subpath, exportsField, specifier);
  if (target === undefined) {
    throw new ResolveError(
      "not-found",
      `subpath "${subpath}" is not exported by package "${manifest.name ?? manifest.dir}" (${manifest.file})`,
    );
  }
  return target;
}

/**
 * Tells whether `path` is an existing file (following symlinks). Synchronous, as discovery's
 * other reads (see readManifestTextSync).
 *
 * @internal
 */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// --- internal helpers ---

async function resolveWithoutExports(
  packageDir: string,
  manifest: PackageManifest | undefined,
  subpath: string,
  specifier: string,
): Promise<string> {
  if (subpath !== ".") {
    const file = join(packageDir, subpath);
    if (isFile(file)) return file;
    throw new ResolveError("not-found", `"${specifier}" resolves to ${file}, which does not exist`);
  }
  const main = manifest?.json["main"];
  const guesses: string[] = [];
  if (typeof main === "string" && main !== "") {
    const base = join(packageDir, main);
    guesses.push(
      base,
      `${base}.js`,
      `${base}.json`,
      `${base}.node`,
      join(base, "index.js"),
      join(base, "index.json"),
      join(base, "index.node"),
    );
  }
  guesses.push(join(packageDir, "index.js"), join(packageDir, "index.json"), join(packageDir, "index.node"));
  for (const guess of guesses) {
    if (isFile(guess)) return guess;
  }
  throw new ResolveError(
    "not-found",
    `package "${specifier}" in ${packageDir} has no main module (no "exports", "main" or index.js)`,
  );
}

/** Node's PACKAGE_EXPORTS_RESOLVE: `undefined` when the subpath is not exported. */
function resolveExports(packageDir: string, subpath: string, exportsField: unknown, specifier: string): string | undefined {
  let map: Record<string, unknown> | undefined;
  if (isRecord(exportsField)) {
    const keys = Object.keys(exportsField);
    const dotted = keys.filter((key) => key.startsWith("."));
    if (dotted.length > 0 && dotted.length !== keys.length) {
      throw new ResolveError("invalid", `the "exports" map of ${packageDir} mixes subpath keys and condition keys`);
    }
    if (dotted.length > 0) map = exportsField;
  }
  if (subpath === ".") {
    const mainExport = map === undefined ? exportsField : ownValue(map, ".");
    if (mainExport === undefined) return undefined;
    return resolveTarget(packageDir, mainExport, undefined, specifier) ?? undefined;
  }
  if (map === undefined) return undefined;
  const direct = ownValue(map, subpath);
  if (direct !== undefined && !subpath.includes("*")) {
    return resolveTarget(packageDir, direct, undefined, specifier) ?? undefined;
  }
  const patterns = Object.keys(map)
    .filter((key) => key.indexOf("*") !== -1 && key.indexOf("*") === key.lastIndexOf("*"))
    .sort(comparePatternKeys);
  for (const key of patterns) {
    const star = key.indexOf("*");
    const base = key.slice(0, star);
    const trailer = key.slice(star + 1);
    if (subpath.startsWith(base) && subpath !== base) {
      if (trailer === "" || (subpath.endsWith(trailer) && subpath.length >= key.length)) {
        const match = subpath.slice(base.length, subpath.length - trailer.length);
        return resolveTarget(packageDir, map[key], match, specifier) ?? undefined;
      }
    }
  }
  return undefined;
}

/**
 * Node's PACKAGE_TARGET_RESOLVE: a path, `null` for an explicit exclusion, `undefined` when no
 * condition matched.
 */
function resolveTarget(
  packageDir: string,
  target: unknown,
  patternMatch: string | undefined,
  specifier: string,
): string | null | undefined {
  if (typeof target === "string") {
    if (!target.startsWith("./")) {
      throw new ResolveError("invalid", `the "exports" target "${target}" of ${packageDir} does not start with "./"`);
    }
    if (hasInvalidSegment(target.slice(2))) {
      throw new ResolveError("invalid", `the "exports" target "${target}" of ${packageDir} leaves the package`);
    }
    if (patternMatch === undefined) return join(packageDir, target);
    if (hasInvalidSegment(patternMatch)) {
      throw new ResolveError(
        "invalid",
        `"${specifier}" matches an "exports" pattern of ${packageDir} with a path that leaves the package`,
      );
    }
    return join(packageDir, target.replaceAll("*", patternMatch));
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastError: unknown;
    for (const candidate of target) {
      let resolved: string | null | undefined;
      try {
        resolved = resolveTarget(packageDir, candidate, patternMatch, specifier);
      } catch (error) {
        lastError = error;
        continue;
      }
      if (resolved === undefined) continue;
      return resolved;
    }
    if (lastError !== undefined) throw lastError;
    return null;
  }
  if (isRecord(target)) {
    for (const [condition, value] of Object.entries(target)) {
      if (condition === "default" || importConditions.has(condition)) {
        const resolved = resolveTarget(packageDir, value, patternMatch, specifier);
        if (resolved === undefined) continue;
        return resolved;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw new ResolveError("invalid", `the "exports" map of ${packageDir} holds an invalid target for "${specifier}"`);
}

/** Node's PATTERN_KEY_COMPARE: longer prefix before the `*` first, then longer key first. */
function comparePatternKeys(a: string, b: string): number {
  const baseA = a.indexOf("*") + 1;
  const baseB = b.indexOf("*") + 1;
  if (baseA !== baseB) return baseB - baseA;
  return b.length - a.length;
}

function hasInvalidSegment(path: string): boolean {
  return path
    .split(/[/\\]/)
    .some((segment) => segment === "" || segment === "." || segment === ".." || segment.toLowerCase() === "node_modules");
}

/** Tells whether `path` is an existing folder (following symlinks). @internal */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
