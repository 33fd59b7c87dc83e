import { readdirSync, realpathSync, type Dirent } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isAccessDenied, isFsMissError, readManifestTextSync } from "./package-json.ts";

/** One package visible from a directory through Node's `node_modules` lookup. @internal */
export interface InstalledPackage {
  /** The name it is installed under (`pkg` or `@scope/pkg`), the folder name in `node_modules`. */
  readonly installName: string;
  /** The real path of the package directory (symlinks resolved). */
  readonly dir: string;
  /** The raw text of its package.json. */
  readonly manifestText: string;
}

/**
 * Lists the packages Node's resolver can see from `cwd`: the `node_modules` folder of `cwd` and of
 * each ancestor, scoped packages included, symlinks followed (npm workspaces, `npm link`, pnpm's
 * top-level links), sorted by install name.
 *
 * A name found in a nearer `node_modules` hides the same name farther up, as in Node resolution;
 * a package reached twice through symlinks (the same real directory) is listed once. Folders
 * whose name starts with `.` (`.bin`, `.pnpm`, `.cache`) are not packages. Only directory listings
 * and package.json files are read, and with `mentioning` set, packages whose package.json text
 * does not contain that string are dropped without being parsed.
 *
 * The file system is read synchronously, as Node's own resolver does: for a thousand packages
 * this is two to three times faster than thousands of small asynchronous reads, and discovery
 * runs once, at start-up.
 *
 * @internal
 */
export function findInstalledPackages(cwd: string, mentioning?: string): InstalledPackage[] {
  const seenNames = new Set<string>();
  const seenDirs = new Set<string>();
  const found: InstalledPackage[] = [];
  let nearest = true;
  for (const folder of nodeModulesFolders(resolve(cwd))) {
    let results: CandidateResult[];
    try {
      const fresh = listCandidates(folder).filter((candidate) => !seenNames.has(candidate.installName));
      results = fresh.map((candidate) => readCandidate(candidate, mentioning));
    } catch (error) {
      // Folders above the project often lie outside what the runtime's permissions allow (Deno's
      // --allow-read=., Node's --permission): they are passed over like folders the file system
      // does not let us read. A denial in the nearest folder still propagates: there it names
      // the permission the program lacks, where passing over would silently find nothing.
      if (nearest || !isAccessDenied(error)) throw error;
      continue;
    } finally {
      nearest = false;
    }
    for (const result of results) {
      // An existing folder hides the same name farther up even when it is not a usable package.
      if (result.exists) seenNames.add(result.installName);
      const installed = result.installed;
      if (installed === undefined || seenDirs.has(installed.dir)) continue;
      seenDirs.add(installed.dir);
      found.push(installed);
    }
  }
  return found.sort((a, b) => compareNames(a.installName, b.installName));
}

/** Code-unit order, the same on every machine and locale. @internal */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- internal helpers ---

interface Candidate {
  readonly installName: string;
  /** The path under `node_modules`, possibly a symlink. */
  readonly path: string;
  /** The real path when it is already known without asking the file system. */
  readonly knownRealPath: string | undefined;
}

function* nodeModulesFolders(start: string): Generator<string> {
  for (let dir = start; ;) {
    if (basename(dir) !== "node_modules") yield join(dir, "node_modules");
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function listCandidates(folder: string): Candidate[] {
  const entries = listDirectory(folder);
  if (entries.length === 0) return [];
  const realFolder = realpathOrUndefined(folder);
  if (realFolder === undefined) return [];
  const candidates: Candidate[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.isFile()) continue;
    if (entry.name.startsWith("@")) {
      candidates.push(...listScope(folder, realFolder, entry));
      continue;
    }
    candidates.push(candidateOf(entry.name, join(folder, entry.name), entry, realFolder));
  }
  return candidates;
}

function listScope(folder: string, realFolder: string, scope: Dirent): Candidate[] {
  const scopePath = join(folder, scope.name);
  const realScope = scope.isDirectory() ? join(realFolder, scope.name) : realpathOrUndefined(scopePath);
  if (realScope === undefined) return [];
  const candidates: Candidate[] = [];
  for (const entry of listDirectory(scopePath)) {
    if (entry.name.startsWith(".") || entry.isFile()) continue;
    candidates.push(candidateOf(`${scope.name}/${entry.name}`, join(scopePath, entry.name), entry, realScope));
  }
  return candidates;
}

function candidateOf(installName: string, path: string, entry: Dirent, realParent: string): Candidate {
  // A plain directory inside a real folder is its own real path; links (and the rare file system
  // that reports no entry type) are resolved when read.
  return { installName, path, knownRealPath: entry.isDirectory() ? join(realParent, entry.name) : undefined };
}

interface CandidateResult {
  readonly installName: string;
  /** Whether the folder exists (a dangling link does not). */
  readonly exists: boolean;
  /** The package, when it has a package.json that passes the `mentioning` filter. */
  readonly installed: InstalledPackage | undefined;
}

function readCandidate(candidate: Candidate, mentioning: string | undefined): CandidateResult {
  const { installName } = candidate;
  const dir = candidate.knownRealPath ?? realpathOrUndefined(candidate.path);
  if (dir === undefined) return { installName, exists: false, installed: undefined };
  const manifestText = readManifestTextSync(dir);
  if (manifestText === undefined || (mentioning !== undefined && !manifestText.includes(mentioning))) {
    return { installName, exists: true, installed: undefined };
  }
  return { installName, exists: true, installed: { installName, dir, manifestText } };
}

function listDirectory(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch (error) {
    if (isFsMissError(error)) return [];
    throw error;
  }
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch (error) {
    if (isFsMissError(error)) return undefined;
    throw error;
  }
}
