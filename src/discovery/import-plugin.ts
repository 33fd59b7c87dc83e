import { stat, realpath } from "node:fs/promises";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  loadPluginModule,
  moduleLoadOptions,
  pluginFileExtensions,
  pluginLoadError,
  throwIfAborted,
  type ModuleContext,
} from "./load-module.ts";
import { describeError, findNearestManifest, ManifestParseError } from "./package-json.ts";
import { recordPlugin } from "../core/plugin-records.ts";
import { isFile, resolveBareSpecifier, ResolveError } from "./resolve-package.ts";
import { toDirectoryPath } from "../core/runtime.ts";
import type { PluginLoadError } from "../core/plugin-loading.ts";
import type { ImportPluginOptions, PluginHost } from "../core/plugin-loading.ts";

/**
 * Imports a plugin module by file path or package specifier and registers its module namespace
 * object (Nebari's `--import-plugin`). Backs `PluginManager.importPlugin`.
 *
 * A specifier is a file path when it starts with `./`, `../` or `/`, is a `file:` URL, or ends
 * with `.js`, `.mjs`, `.cjs`, `.ts`, `.mts` or `.cts` and names an existing file; relative paths
 * are resolved from `options.cwd`. Every spelling of a file (`./p.js`, `p.js`, its absolute path,
 * a symlink to it) resolves to the same real file URL, hence the same module. TypeScript files
 * are loaded with `tsx`, an optional peer dependency. Anything else is a package specifier (`pkg`,
 * `@scope/pkg/sub`) resolved from `options.cwd` as Node resolves it (`node_modules` lookup,
 * `exports` with the `import` condition).
 *
 * The plugin is registered under `name`, by default the specifier as given. When the module is
 * already registered, under any name, nothing happens and its existing name is returned. When
 * `name` is blocked, nothing is resolved or imported and `name` is returned; `pm.hasPlugin(name)`
 * tells the two apart.
 *
 * @param manager - The manager to register with.
 * @param specifier - A file path or a package specifier.
 * @param name - The name to register under; default `specifier`.
 * @param options - `cwd`.
 * @returns The name the plugin is registered under.
 * @throws {PluginLoadError} (as a rejection) When the file or package is missing
 *   (`HOOKSMITH_PLUGIN_NOT_FOUND`), the module throws while loading (`HOOKSMITH_PLUGIN_IMPORT_FAILED`),
 *   exports nothing (`HOOKSMITH_PLUGIN_EMPTY`), needs `tsx` (`HOOKSMITH_TS_LOADER_MISSING`), or
 *   `register` refuses it (`HOOKSMITH_PLUGIN_REGISTER_FAILED`, `cause` is the original error).
 * @example
 * ```ts
 * import { PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * await pm.importPlugin("./plugins/audit.ts");
 * await pm.importPlugin("@acme/example-plugin/extra", "acme-extra");
 * ```
 */
export async function importPlugin(
  manager: PluginHost,
  specifier: string,
  name?: string,
  options?: ImportPluginOptions,
): Promise<string> {
  const pluginName = name ?? specifier;
  const context: ModuleContext = { pluginName };
  if (typeof specifier !== "string" || specifier === "") {
    throw pluginLoadError("HOOKSMITH_PLUGIN_NOT_FOUND", "the specifier must be a non-empty string", undefined, {
      pluginName: String(pluginName),
    });
  }
  const cwd = toDirectoryPath(options?.cwd);
  const loadOptions = moduleLoadOptions("importPlugin", options);
  // A blocked name means "do not load": not even a missing file is reported.
  if (manager.isBlocked(pluginName)) return pluginName;
  throwIfAborted(loadOptions.signal, undefined, context);
  const target = await locate(specifier, cwd, context);
  const located: ModuleContext = { pluginName, packageName: target.packageName };

  const { plugin } = await loadPluginModule(target.file, located, loadOptions);
  const existing = manager.isRegistered(plugin) ? manager.getName(plugin) : undefined;
  if (existing !== undefined) return existing;

  let registered: string | undefined;
  try {
    registered = manager.register(plugin, pluginName);
  } catch (error) {
    throw pluginLoadError(
      "HOOKSMITH_PLUGIN_REGISTER_FAILED",
      `register refused it: ${describeError(error)}`,
      target.file,
      located,
      error,
    );
  }
  if (registered === undefined) return pluginName;
  recordPlugin(manager, plugin, {
    name: registered,
    source: "import",
    packageName: target.packageName,
    version: target.version,
    packageDir: target.packageDir,
    path: target.file,
    specifier,
  });
  return registered;
}

// --- internal helpers ---

interface LocatedPlugin {
  /** The real path of the module file. */
  readonly file: string;
  readonly packageName: string | undefined;
  readonly version: string | undefined;
  /** The real path of the folder of the package the file belongs to. */
  readonly packageDir: string | undefined;
}

async function locate(specifier: string, cwd: string, context: ModuleContext): Promise<LocatedPlugin> {
  if (isPathSpecifier(specifier)) {
    return locateFile(specifier.startsWith("file:") ? fileURLToPath(specifier) : resolve(cwd, specifier), context);
  }
  const asFile = resolve(cwd, specifier);
  if (pluginFileExtensions.has(extname(specifier).toLowerCase()) && isFile(asFile)) {
    return locateFile(asFile, context);
  }
  return locatePackage(specifier, cwd, context);
}

async function locateFile(path: string, context: ModuleContext): Promise<LocatedPlugin> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw pluginLoadError("HOOKSMITH_PLUGIN_NOT_FOUND", `file ${path} does not exist`, path, context, error);
  }
  if (!info.isFile()) {
    throw pluginLoadError("HOOKSMITH_PLUGIN_NOT_FOUND", `${path} is not a file`, path, context);
  }
  const file = await realpath(path);
  const manifest = await findNearestManifest(dirname(file));
  return { file, packageName: manifest?.name, version: manifest?.version, packageDir: manifest?.dir };
}

async function locatePackage(specifier: string, cwd: string, context: ModuleContext): Promise<LocatedPlugin> {
  let resolved;
  try {
    resolved = await resolveBareSpecifier(specifier, cwd);
  } catch (error) {
    if (error instanceof ManifestParseError) {
      throw pluginLoadError(
        "HOOKSMITH_INVALID_PACKAGE_JSON",
        `cannot read ${error.file}: ${describeError(error.cause)}`,
        error.file,
        context,
        error.cause,
      );
    }
    if (!(error instanceof ResolveError)) throw error;
    const hint = pluginFileExtensions.has(extname(specifier).toLowerCase())
      ? ` and there is no file ${resolve(cwd, specifier)}`
      : "";
    throw pluginLoadError(
      error.kind === "invalid" ? "HOOKSMITH_INVALID_PACKAGE_JSON" : "HOOKSMITH_PLUGIN_NOT_FOUND",
      `${error.message}${hint}`,
      undefined,
      context,
      error,
    );
  }
  const packageName = resolved.manifest?.name ?? resolved.packageName;
  const located: ModuleContext = { ...context, packageName };
  let file: string;
  try {
    file = await realpath(resolved.file);
  } catch (error) {
    throw pluginLoadError("HOOKSMITH_PLUGIN_NOT_FOUND", `file ${resolved.file} does not exist`, resolved.file, located, error);
  }
  const packageDir = resolved.manifest === undefined ? undefined : await realpath(resolved.manifest.dir);
  return { file, packageName, version: resolved.manifest?.version, packageDir };
}

function isPathSpecifier(specifier: string): boolean {
  return (
    specifier === "." ||
    specifier === ".." ||
    specifier.startsWith("./") ||
    specifier.startsWith("../") ||
    specifier.startsWith(".\\") ||
    specifier.startsWith("..\\") ||
    specifier.startsWith("file:") ||
    isAbsolute(specifier)
  );
}
