import { HooksmithError, isHooksmithError } from "../core/errors.ts";

/**
 * The stable codes of {@link PluginLoadError}, one per kind of broken plugin.
 *
 * - `HOOKSMITH_PLUGIN_NOT_FOUND`: the file or package does not exist, or the package does not
 *   export the subpath.
 * - `HOOKSMITH_PLUGIN_IMPORT_FAILED`: the module threw while loading (syntax error, a failing
 *   top-level statement, a missing dependency of its own). `cause` is the original error.
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
