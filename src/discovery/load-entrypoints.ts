import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { realpathSync } from "node:fs";
import { PluginLoadError } from "../core/plugin-loading.ts";
import type { DeclaredEntrypoint, ListEntrypointsOptions, LoadEntrypointsOptions, PluginHost } from "../core/plugin-loading.ts";
import { describeValue } from "../core/describe.ts";
import { compareNames, findInstalledPackages, type InstalledPackage } from "./find-packages.ts";
import { loadPluginModule, moduleLoadOptions, pluginLoadError, throwIfAborted, type ModuleContext } from "./load-module.ts";
import { describeError, isRecord, ManifestParseError, ownValue, parseManifest, type PackageManifest } from "./package-json.ts";
import { recordPlugin } from "../core/plugin-records.ts";
import { isFile, parseBareSpecifier, resolveInsidePackage, ResolveError } from "./resolve-package.ts";
import { toDirectoryPath } from "../core/runtime.ts";

/**
 * Loads and registers the plugins that installed npm packages declare for `group` in their
 * package.json `entryPoints` field (pluggy's `load_setuptools_entrypoints`). Backs
 * `PluginManager.loadEntrypoints`.
 *
 * Packages are found as Node resolves them from `options.cwd`: `node_modules` of that directory and
 * of every ancestor, scoped packages, symlinked packages (npm workspaces, `npm link`, pnpm), the
 * nearest folder winning for a name. A package declares
 * `"entryPoints": { "<group>": { "<name>": "./dist/plugin.js" } }`, where the value is a path inside
 * the package, `"."` or a specifier of the package's own exports (`"my-plugin/hooks"`). Each module
 * is loaded with `import()` and its namespace object registered under `<name>`, in the order of
 * package name, then entry name. Names already registered or blocked are skipped without loading,
 * as is a module already registered under another name.
 *
 * @param manager - The manager to register with.
 * @param group - The entry point group, usually the project name.
 * @param name - Load only the entry point with this name.
 * @param options - `cwd`, and how broken plugins are handled.
 * @returns The number of plugins this call registered.
 * @throws {PluginLoadError} (as a rejection) For the first broken plugin, unless `onError` is `"skip"`.
 * @example
 * ```ts
 * import { PluginManager, type PluginLoadError } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * const failures: PluginLoadError[] = [];
 * const count = await pm.loadEntrypoints("example", undefined, {
 *   onError: "skip",
 *   onFailure: (error) => failures.push(error),
 * });
 * console.log(`${count} plugins loaded, ${failures.length} broken`);
 * ```
 */
export async function loadEntrypoints(
  manager: PluginHost,
  group: string,
  name?: string,
  options?: LoadEntrypointsOptions,
): Promise<number> {
  checkGroup("loadEntrypoints", group);
  const loadOptions = moduleLoadOptions("loadEntrypoints", options);
  const fail = failureHandler(options);
  let count = 0;
  for (const declared of collectDeclarations(group, options, fail)) {
    if (declared instanceof PluginLoadError) {
      fail(declared);
      continue;
    }
    for (const [entryName, value] of declared.entries) {
      if (name !== undefined && entryName !== name) continue;
      if (manager.hasPlugin(entryName) || manager.isBlocked(entryName)) continue;
      const context: ModuleContext = { pluginName: entryName, packageName: declared.packageName, group };
      throwIfAborted(loadOptions.signal, undefined, context);
      try {
        const file = await resolveEntrypoint(declared.manifest, value, context);
        const { plugin } = await loadPluginModule(file, context, loadOptions);
        // The module may be registered already (through importPlugin, or another entry point), and
        // the name may have been taken while the module loaded.
        if (manager.isRegistered(plugin) || manager.hasPlugin(entryName) || manager.isBlocked(entryName)) continue;
        let registered: string | undefined;
        try {
          registered = manager.register(plugin, entryName);
        } catch (error) {
          throw pluginLoadError(
            "HOOKSMITH_PLUGIN_REGISTER_FAILED",
            `register refused it: ${describeError(error)}`,
            file,
            context,
            error,
          );
        }
        if (registered === undefined) continue;
        recordPlugin(manager, plugin, {
          name: registered,
          source: "entrypoint",
          packageName: declared.packageName,
          version: declared.manifest.version,
          packageDir: declared.manifest.dir,
          path: file,
          group,
          specifier: typeof value === "string" ? value : undefined,
        });
        count += 1;
      } catch (error) {
        // An abort stops the whole load: it is not a broken plugin to skip.
        if (!(error instanceof PluginLoadError) || error.code === "HOOKSMITH_PLUGIN_IMPORT_ABORTED") throw error;
        fail(error);
      }
    }
  }
  return count;
}

/**
 * Lists the entry points installed packages declare for `group`, resolved to their files, without
 * importing anything. Backs `listEntrypoints`.
 *
 * @param group - The entry point group.
 * @param options - `cwd`, `packages`, `onError`, `onFailure`.
 * @returns The declared entry points, in load order.
 * @throws {PluginLoadError} (as a rejection) For the first broken declaration, unless `onError` is `"skip"`.
 * @internal
 */
export async function listEntrypoints(group: string, options?: ListEntrypointsOptions): Promise<DeclaredEntrypoint[]> {
  checkGroup("listEntrypoints", group);
  const fail = failureHandler(options);
  const listing: DeclaredEntrypoint[] = [];
  for (const declared of collectDeclarations(group, options, fail)) {
    if (declared instanceof PluginLoadError) {
      fail(declared);
      continue;
    }
    for (const [entryName, value] of declared.entries) {
      const context: ModuleContext = { pluginName: entryName, packageName: declared.packageName, group };
      try {
        const file = await resolveEntrypoint(declared.manifest, value, context);
        listing.push(
          Object.freeze({
            group,
            name: entryName,
            packageName: declared.packageName,
            version: declared.manifest.version,
            packageDir: declared.manifest.dir,
            file,
            value: value as string,
          }),
        );
      } catch (error) {
        if (!(error instanceof PluginLoadError)) throw error;
        fail(error);
      }
    }
  }
  return listing;
}

// --- internal helpers ---

interface DeclaredEntrypoints {
  readonly manifest: PackageManifest;
  readonly packageName: string;
  /** `[name, declared value]`, sorted by name. */
  readonly entries: ReadonlyArray<readonly [string, unknown]>;
}

function checkGroup(caller: string, group: unknown): void {
  if (typeof group !== "string" || group === "") {
    throw new TypeError(`${caller}: the group must be a non-empty string, got ${JSON.stringify(group)}`);
  }
}

/** Reports a failure to `onFailure`, then throws it unless the options say to skip. */
function failureHandler(options: ListEntrypointsOptions | undefined): (error: PluginLoadError) => void {
  const skip = options?.onError === "skip";
  return (error) => {
    options?.onFailure?.(error);
    if (!skip) throw error;
  };
}

/**
 * The packages that declare entry points of `group`, in package name order, with
 * `options.packages` applied, and in the same sequence the broken declarations of the packages
 * concerned, so that each is reported at its place in load order. Named packages that are missing
 * or declare nothing for `group` go to `fail` at once, so that a typo in `packages` stops a load
 * before any import.
 */
function collectDeclarations(
  group: string,
  options: ListEntrypointsOptions | undefined,
  fail: (error: PluginLoadError) => void,
): Array<DeclaredEntrypoints | PluginLoadError> {
  const cwd = toDirectoryPath(options?.cwd);
  const wanted = packageFilter(options?.packages);
  // For each name in `packages` found as an installed folder: its package.json.
  const found = new Map<string, string>();
  const sequence: Array<DeclaredEntrypoints | PluginLoadError> = [];
  const declaring = new Set<string>();
  for (const installed of findInstalledPackages(cwd)) {
    const askedByFolder = wanted?.has(installed.installName) ?? true;
    if (wanted !== undefined && askedByFolder) found.set(installed.installName, join(installed.dir, "package.json"));
    // A package.json that does not mention entryPoints declares none: it is not even parsed.
    if (!installed.manifestText.includes('"entryPoints"')) continue;
    let declared: DeclaredEntrypoints | undefined;
    try {
      declared = readDeclaration(installed, group);
    } catch (error) {
      if (!(error instanceof PluginLoadError)) throw error;
      // A package.json that does not parse has no name: it matters when asked for by folder.
      if (askedByFolder || wanted?.has(error.packageName ?? "") === true) {
        sequence.push(error);
        if (error.packageName !== undefined) declaring.add(error.packageName);
        declaring.add(installed.installName);
      }
      continue;
    }
    if (declared === undefined) continue;
    if (!askedByFolder && wanted?.has(declared.packageName) !== true) continue;
    declaring.add(declared.packageName).add(installed.installName);
    sequence.push(declared);
  }
  for (const packageName of wanted ?? []) {
    if (declaring.has(packageName)) continue;
    const manifestFile = found.get(packageName);
    const detail =
      manifestFile === undefined
        ? `it is not installed in ${cwd} or its ancestors`
        : `it declares no entry point of group "${group}"`;
    fail(
      new PluginLoadError(`Cannot load the plugins of package "${packageName}" named in the packages option: ${detail}`, {
        code: "HOOKSMITH_PLUGIN_NOT_FOUND",
        packageName,
        file: manifestFile,
        group,
      }),
    );
  }
  return sequence;
}

function packageFilter(packages: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (packages === undefined) return undefined;
  if (!Array.isArray(packages) || packages.some((name) => typeof name !== "string" || name === "")) {
    throw new TypeError(`the packages option must be an array of package names, got ${describeValue(packages)}`);
  }
  return new Set(packages);
}

/** The entry points a package declares for `group`, or `undefined` when it declares none. */
function readDeclaration(installed: InstalledPackage, group: string): DeclaredEntrypoints | undefined {
  let manifest: PackageManifest;
  try {
    manifest = parseManifest(installed.dir, installed.manifestText);
  } catch (error) {
    if (!(error instanceof ManifestParseError)) throw error;
    throw new PluginLoadError(
      `Cannot read the package.json of package "${installed.installName}" (${error.file}): ${describeError(error.cause)}`,
      { code: "HOOKSMITH_INVALID_PACKAGE_JSON", packageName: installed.installName, file: error.file, group, cause: error.cause },
    );
  }
  const packageName = manifest.name ?? installed.installName;
  const entryPoints = manifest.json["entryPoints"];
  if (entryPoints === undefined) return undefined;
  const invalid = (detail: string): PluginLoadError =>
    new PluginLoadError(`Invalid "entryPoints" in the package.json of package "${packageName}" (${manifest.file}): ${detail}`, {
      code: "HOOKSMITH_INVALID_ENTRYPOINT",
      packageName,
      file: manifest.file,
      group,
    });
  if (!isRecord(entryPoints)) throw invalid("it must be an object mapping groups to { name: module } objects");
  const declared = ownValue(entryPoints, group);
  if (declared === undefined) return undefined;
  if (!isRecord(declared)) throw invalid(`group "${group}" must be an object mapping entry point names to modules`);
  const entries = Object.entries(declared).sort(([a], [b]) => compareNames(a, b));
  return { manifest, packageName, entries };
}

/** Resolves an entry point's declared value to the real path of its module file. */
async function resolveEntrypoint(manifest: PackageManifest, value: unknown, context: ModuleContext): Promise<string> {
  const packageDir = manifest.dir;
  if (typeof value !== "string" || value === "") {
    throw pluginLoadError(
      "HOOKSMITH_INVALID_ENTRYPOINT",
      `the entry point must be a non-empty string (a path inside the package or a specifier of its own exports), got ${JSON.stringify(value)}`,
      manifest.file,
      context,
    );
  }

  let file: string;
  if (value === "." || value.startsWith("./") || value.startsWith("../")) {
    const candidate = resolve(packageDir, value);
    if (!isInside(packageDir, candidate)) {
      throw pluginLoadError(
        "HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE",
        `entry point "${value}" is outside the package directory ${packageDir}`,
        candidate,
        context,
      );
    }
    // A path is a file of the package; "." and a path that names no file are export subpaths.
    if (value !== "." && isFile(candidate)) {
      file = candidate;
    } else {
      const subpath = value === "." ? "." : `./${relative(packageDir, candidate).split(sep).join("/")}`;
      file = await resolveOwnExport(manifest, subpath, value, context, value === "." ? undefined : candidate);
    }
  } else if (isAbsolute(value) || /^[a-zA-Z][a-zA-Z\d+.-]*:/.test(value) || value.startsWith("\\")) {
    throw pluginLoadError(
      "HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE",
      `entry point "${value}" is an absolute path or URL; it must be a path inside the package directory ${packageDir}`,
      undefined,
      context,
    );
  } else {
    const parsed = parseBareSpecifier(value);
    if (parsed === undefined || parsed.packageName !== manifest.name) {
      throw pluginLoadError(
        "HOOKSMITH_INVALID_ENTRYPOINT",
        `entry point "${value}" must be a path inside the package ("./dist/plugin.js") or a specifier of the package's own exports ("${manifest.name ?? "<name>"}/plugin")`,
        manifest.file,
        context,
      );
    }
    file = await resolveOwnExport(manifest, parsed.subpath, value, context, undefined);
  }
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    throw pluginLoadError("HOOKSMITH_PLUGIN_NOT_FOUND", `file ${file} does not exist`, file, context, error);
  }
  // The declared path was checked as written; a link (the file, or a folder on the way) may still
  // lead elsewhere. `packageDir` is already a real path.
  if (!isInside(packageDir, real)) {
    throw pluginLoadError(
      "HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE",
      `entry point "${value}" leads out of the package directory ${packageDir} through a symbolic link (it is ${real})`,
      real,
      context,
    );
  }
  return real;
}

async function resolveOwnExport(
  manifest: PackageManifest,
  subpath: string,
  value: string,
  context: ModuleContext,
  asFile: string | undefined,
): Promise<string> {
  const hasExports = manifest.json["exports"] !== undefined && manifest.json["exports"] !== null;
  if (asFile !== undefined && !hasExports) {
    throw pluginLoadError("HOOKSMITH_PLUGIN_NOT_FOUND", `file ${asFile} does not exist`, asFile, context);
  }
  try {
    return await resolveInsidePackage(manifest, subpath, value);
  } catch (error) {
    if (!(error instanceof ResolveError)) throw error;
    const detail =
      asFile !== undefined
        ? `file ${asFile} does not exist and ${error.message}`
        : `entry point "${value}" cannot be resolved: ${error.message}`;
    throw pluginLoadError(
      error.kind === "invalid" ? "HOOKSMITH_INVALID_PACKAGE_JSON" : "HOOKSMITH_PLUGIN_NOT_FOUND",
      detail,
      asFile ?? manifest.file,
      context,
      error,
    );
  }
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
