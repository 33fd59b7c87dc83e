// The contract of plugin loading: what PluginManager.loadEntrypoints and importPlugin accept, the
// error they reject with, and the few manager members a loader uses. The Node binding of
// `#platform` implements it with src/discovery/; elsewhere the methods reject with
// HOOKSMITH_UNSUPPORTED_RUNTIME.

import { HooksmithError, isHooksmithError } from "./errors.ts";
import { loadPlatform } from "./runtime.ts";

/**
 * What a plugin loader needs from a manager: the members of `PluginManager` it calls, so
 * that loading code depends on these and not on the whole class.
 */
export interface PluginHost {
  /** The project name. */
  readonly projectName: string;
  /** Registers a plugin; see `PluginManager.register`. */
  register(plugin: object, name?: string): string | undefined;
  /** Whether the plugin object is registered. */
  isRegistered(plugin: object): boolean;
  /** The name a plugin is registered under. */
  getName(plugin: object): string | undefined;
  /** Whether a plugin is registered under the name. */
  hasPlugin(name: string): boolean;
  /** Whether the name is blocked. */
  isBlocked(name: string): boolean;
  /** The registered plugins. */
  getPlugins(): Set<object>;
}

/**
 * Options of `listEntrypoints`: where to look, which packages, and what a broken declaration does.
 */
export interface ListEntrypointsOptions {
  /**
   * The directory whose `node_modules` folder, and those of its ancestors, are searched.
   * Default: `process.cwd()`.
   */
  cwd?: string | URL | undefined;
  /**
   * Only the entry points of these packages (their package.json `name`, or the folder name they
   * are installed under), as datasette's `DATASETTE_LOAD_PLUGINS`. A named package that is not
   * installed, or declares no entry point of the group, is a failure
   * (`HOOKSMITH_PLUGIN_NOT_FOUND`) reported before anything is imported. Default: every package.
   */
  packages?: readonly string[] | undefined;
  /**
   * What a broken plugin does: `"throw"` (default) rejects with its `PluginLoadError`; `"skip"`
   * leaves it out and goes on.
   */
  onError?: "throw" | "skip" | undefined;
  /** Called with each failure, in load order, before it is thrown or skipped. */
  onFailure?: ((error: PluginLoadError) => void) | undefined;
}

/**
 * The options of `loadEntrypoints` and `importPlugin` that bound the loading of a module and say
 * what plugin files get from the host.
 */
export interface PluginModuleOptions {
  /**
   * The longest time, in milliseconds, a plugin module may take to load (to be imported and
   * evaluated, with its own imports). A module still loading then, such as one whose top-level
   * `await` never settles, fails with `HOOKSMITH_PLUGIN_IMPORT_TIMEOUT` and is not registered;
   * for `loadEntrypoints` the limit applies to each module. Default: no limit.
   */
  timeout?: number | undefined;
  /**
   * Aborts the loading: the promise rejects at once with a `PluginLoadError` of code
   * `HOOKSMITH_PLUGIN_IMPORT_ABORTED` whose `cause` is the signal's reason, and nothing more is
   * loaded or registered (`loadEntrypoints` stops even with `onError: "skip"`).
   */
  signal?: AbortSignal | undefined;
  /**
   * Packages that plugin files get from the host, as hooksmith itself: a plugin file outside
   * `node_modules` that imports one of them (or a subpath) gets the copy the host resolves from
   * `hostModule`, not one installed next to the plugin. See docs/hosts-loading-plugins.md.
   */
  hostPackages?: readonly string[] | undefined;
  /**
   * The host module `hostPackages` are resolved from: a file path or URL, usually the host's
   * `import.meta.url`. Default: the process's main script.
   */
  hostModule?: string | URL | undefined;
}

/**
 * Options of `loadEntrypoints`.
 *
 * By default the first broken plugin stops the load and the promise rejects with its
 * {@link PluginLoadError} (plugins registered before it stay registered). With
 * `onError: "skip"` broken plugins are left out and the others still load; `onFailure` receives
 * every failure in both modes, so a host can report them. A module that does not finish loading
 * within `timeout` is a broken plugin like the others; an aborted `signal` stops the whole load.
 */
export interface LoadEntrypointsOptions extends ListEntrypointsOptions, PluginModuleOptions {}

/** Options of `importPlugin`. */
export interface ImportPluginOptions extends PluginModuleOptions {
  /**
   * The directory relative file paths and package specifiers are resolved from.
   * Default: `process.cwd()`.
   */
  cwd?: string | URL | undefined;
}

/**
 * One entry point an installed package declares, as `listEntrypoints` reports it: nothing is
 * imported to find it (Python's `importlib.metadata.entry_points(group=...)`).
 */
export interface DeclaredEntrypoint {
  /** The entry point group. */
  readonly group: string;
  /** The entry point name: the name `loadEntrypoints` registers the plugin under. */
  readonly name: string;
  /** The package that declares it (its package.json `name`, or its folder name). */
  readonly packageName: string;
  /** That package's `version`, when it has one. */
  readonly version: string | undefined;
  /** The real path of the package's folder (where its package.json and its own files are). */
  readonly packageDir: string;
  /** The real path of the module file the entry point names. */
  readonly file: string;
  /** The declared value, as written in package.json (`"./dist/plugin.js"`, `"."`, `"pkg/sub"`). */
  readonly value: string;
}

/**
 * The stable codes of {@link PluginLoadError}, one per kind of broken plugin.
 *
 * - `HOOKSMITH_PLUGIN_NOT_FOUND`: the file or package does not exist, or the package does not
 *   export the subpath.
 * - `HOOKSMITH_PLUGIN_IMPORT_FAILED`: the module threw while loading (syntax error, a failing
 *   top-level statement, a missing dependency of its own). `cause` is the original error.
 * - `HOOKSMITH_PLUGIN_IMPORT_TIMEOUT`: the module did not finish loading within the `timeout`
 *   option (a top-level `await` that never settles). It is not registered, even if it finishes later.
 * - `HOOKSMITH_PLUGIN_IMPORT_ABORTED`: the `signal` option aborted the loading. `cause` is the
 *   signal's reason.
 * - `HOOKSMITH_PLUGIN_EMPTY`: the module exports nothing at all.
 * - `HOOKSMITH_PLUGIN_REGISTER_FAILED`: the module loaded but `register` refused it (for example a
 *   `PluginValidationError`). `cause` is the original error.
 * - `HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE`: an entry point path leaves its package directory.
 * - `HOOKSMITH_INVALID_ENTRYPOINT`: the package.json `entryPoints` field is malformed, or an entry
 *   point names something other than a path inside its package or its own exports.
 * - `HOOKSMITH_INVALID_PACKAGE_JSON`: a package.json that declares entry points (or the one of a
 *   package being imported) is not valid JSON, or its `exports` map is malformed.
 * - `HOOKSMITH_TS_LOADER_MISSING`: a TypeScript plugin needs the optional peer dependency `tsx`.
 */
export type PluginLoadErrorCode =
  | "HOOKSMITH_PLUGIN_NOT_FOUND"
  | "HOOKSMITH_PLUGIN_IMPORT_FAILED"
  | "HOOKSMITH_PLUGIN_IMPORT_TIMEOUT"
  | "HOOKSMITH_PLUGIN_IMPORT_ABORTED"
  | "HOOKSMITH_PLUGIN_EMPTY"
  | "HOOKSMITH_PLUGIN_REGISTER_FAILED"
  | "HOOKSMITH_ENTRYPOINT_OUTSIDE_PACKAGE"
  | "HOOKSMITH_INVALID_ENTRYPOINT"
  | "HOOKSMITH_INVALID_PACKAGE_JSON"
  | "HOOKSMITH_TS_LOADER_MISSING";

/** Context of a {@link PluginLoadError}. */
export interface PluginLoadErrorOptions {
  /** The stable code of the failure. */
  code: PluginLoadErrorCode;
  /** The entry point name or the name the plugin was to be registered under, when known. */
  pluginName?: string | undefined;
  /** The npm package the plugin comes from, when known. */
  packageName?: string | undefined;
  /** The absolute path of the file concerned (the module, or the broken package.json). */
  file?: string | undefined;
  /** The entry point group being loaded, for entry point plugins. */
  group?: string | undefined;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * A plugin could not be loaded: its file or package is missing, its module threw while loading or
 * exports nothing, its entry point declaration is invalid, or `register` refused it.
 *
 * `loadEntrypoints` and `importPlugin` reject with this error; with `onError: "skip"`,
 * `loadEntrypoints` passes each one to `onFailure` instead and keeps loading. The message names the
 * plugin, its package and its file; the same context is available as fields, and `cause` holds the
 * original error when one was thrown.
 *
 * @example
 * ```ts
 * import { PluginLoadError, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * try {
 *   await pm.importPlugin("./plugins/missing.js");
 * } catch (error) {
 *   if (error instanceof PluginLoadError) {
 *     console.error(error.code, error.pluginName, error.file); // HOOKSMITH_PLUGIN_NOT_FOUND ./plugins/missing.js /…/plugins/missing.js
 *   }
 * }
 * ```
 */
export class PluginLoadError extends HooksmithError<PluginLoadErrorCode> {
  /** The error class name, `"PluginLoadError"` (printed by `toString()` and in stack traces). */
  override name: string = "PluginLoadError";
  /** The entry point name or the name the plugin was to be registered under, when known. */
  readonly pluginName: string | undefined;
  /** The npm package the plugin comes from, when known. */
  readonly packageName: string | undefined;
  /** The absolute path of the file concerned, when known. */
  readonly file: string | undefined;
  /** The entry point group being loaded, for entry point plugins. */
  readonly group: string | undefined;

  /**
   * @param message - What failed, naming the plugin, its package and its file.
   * @param options - The code, the context and the original error.
   */
  constructor(message: string, options: PluginLoadErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.pluginName = options.pluginName;
    this.packageName = options.packageName;
    this.file = options.file;
    this.group = options.group;
  }
}

/**
 * Tells whether a value is a {@link PluginLoadError}, also across realms or duplicated package
 * copies where `instanceof` fails.
 *
 * @param value - Anything caught.
 * @returns `true` when `value` is a hooksmith error named `PluginLoadError`.
 * @example
 * ```ts
 * import { isPluginLoadError, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * await pm.importPlugin("./plugin.js").catch((error: unknown) => {
 *   if (isPluginLoadError(error)) console.error(error.code, error.file);
 *   else throw error;
 * });
 * ```
 */
export function isPluginLoadError(value: unknown): value is PluginLoadError {
  return isHooksmithError(value) && value.name === "PluginLoadError";
}

/**
 * The part of the `#platform` binding the core calls.
 *
 * @internal
 */
export interface LoadingPlatform {
  /** Backs {@link listEntrypoints}. */
  listEntrypoints(group: string, options?: ListEntrypointsOptions): Promise<DeclaredEntrypoint[]>;
  /** Backs `PluginManager.loadEntrypoints`. */
  loadEntrypoints(host: PluginHost, group: string, name?: string, options?: LoadEntrypointsOptions): Promise<number>;
  /** Backs `PluginManager.importPlugin`. */
  importPlugin(host: PluginHost, specifier: string, name?: string, options?: ImportPluginOptions): Promise<string>;
}

/**
 * Lists the entry points that installed packages declare for `group`, without importing anything
 * (Python's `importlib.metadata.entry_points(group=...)`).
 *
 * Packages are found exactly as `loadEntrypoints` finds them (the `node_modules` folders of
 * `options.cwd` and its ancestors), and each declared value is resolved to the real path of its
 * module file with the same checks, in the same order: package name, then entry point name. Every
 * declaration is listed, also a name that `loadEntrypoints` would skip because an earlier package
 * took it. Needs Node (or Deno or Bun).
 *
 * @param group - The entry point group, usually the project name.
 * @param options - `cwd`, `packages`, and what a broken declaration does (`onError`, `onFailure`).
 * @returns The declared entry points.
 * @throws {PluginLoadError} (as a rejection) For the first broken declaration (a package.json that
 *   is not JSON, an invalid `entryPoints` field, a file that does not exist or leaves its
 *   package, a package named in `packages` that is not installed), unless `onError` is `"skip"`.
 * @throws {HooksmithError} `HOOKSMITH_UNSUPPORTED_RUNTIME` (as a rejection) outside Node.
 * @example
 * ```ts
 * import { listEntrypoints } from "hooksmith";
 *
 * for (const entry of await listEntrypoints("example")) {
 *   console.log(`${entry.name} from ${entry.packageName}@${entry.version ?? "?"}: ${entry.file}`);
 * }
 * ```
 */
export function listEntrypoints(group: string, options?: ListEntrypointsOptions): Promise<DeclaredEntrypoint[]> {
  return loadPlatform<LoadingPlatform>().then((platform) => platform.listEntrypoints(group, options));
}
