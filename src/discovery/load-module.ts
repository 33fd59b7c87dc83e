import { extname } from "node:path";
import { pathToFileURL } from "node:url";
import { PluginLoadError } from "../core/plugin-loading.ts";
import { describeError } from "./package-json.ts";

/** The file extensions loaded through the TypeScript loader (`tsx`). @internal */
export const typeScriptExtensions: ReadonlySet<string> = new Set([".ts", ".mts", ".cts"]);

/** The file extensions `importPlugin` recognises as plugin files. @internal */
export const pluginFileExtensions: ReadonlySet<string> = new Set([".js", ".mjs", ".cjs", ...typeScriptExtensions]);

/** Who a module is loaded for, to name it in errors. @internal */
export interface ModuleContext {
  /** The entry point name, or the name the plugin is to be registered under. */
  readonly pluginName: string;
  /** The package the module belongs to, when known. */
  readonly packageName?: string | undefined;
  /** The entry point group, for entry point plugins. */
  readonly group?: string | undefined;
}

/**
 * Loads a plugin module from an absolute, real file path with a real `import()` of its `file:` URL
 * (TypeScript files through `tsx`) and returns its module namespace object.
 *
 * @throws {PluginLoadError} `HOOKSMITH_PLUGIN_IMPORT_FAILED` when the module throws while loading,
 *   `HOOKSMITH_TS_LOADER_MISSING` when a TypeScript file needs `tsx` and it is not installed,
 *   `HOOKSMITH_PLUGIN_EMPTY` when the module exports nothing.
 * @internal
 */
export async function loadPluginModule(file: string, context: ModuleContext): Promise<object> {
  const url = pathToFileURL(file).href;
  const importTs = typeScriptExtensions.has(extname(file).toLowerCase()) ? await typeScriptImporter(file, context) : undefined;
  let namespace: unknown;
  try {
    namespace = importTs === undefined ? await import(url) : await importTs(url);
  } catch (error) {
    throw pluginLoadError(
      "HOOKSMITH_PLUGIN_IMPORT_FAILED",
      `the module threw while loading: ${describeError(error)}`,
      file,
      context,
      error,
    );
  }
  if (isEmptyModule(namespace)) {
    throw pluginLoadError(
      "HOOKSMITH_PLUGIN_EMPTY",
      "the module exports nothing (a plugin module exports its hook implementations by name)",
      file,
      context,
    );
  }
  return pluginOf(namespace as object);
}

/**
 * The plugin a module provides: its namespace, or, when `default` is its only export (a CommonJS
 * `module.exports = plugin` whose names Node cannot see, or an ESM `export default plugin`), that
 * default export, so that its hook implementations are found.
 */
function pluginOf(namespace: object): object {
  const keys = Object.keys(namespace).filter((key) => key !== "module.exports");
  if (keys.length !== 1 || keys[0] !== "default") return namespace;
  const fallback: unknown = (namespace as { default?: unknown }).default;
  return (typeof fallback === "object" || typeof fallback === "function") && fallback !== null ? fallback : namespace;
}

/**
 * Builds a {@link PluginLoadError} whose message names the plugin, its package and its file.
 * @internal
 */
export function pluginLoadError(
  code: PluginLoadError["code"],
  detail: string,
  file: string | undefined,
  context: ModuleContext,
  cause?: unknown,
): PluginLoadError {
  let subject = `Cannot load plugin "${context.pluginName}"`;
  if (context.packageName !== undefined) subject += ` from package "${context.packageName}"`;
  if (file !== undefined) subject += ` (${file})`;
  return new PluginLoadError(`${subject}: ${detail}`, {
    code,
    pluginName: context.pluginName,
    packageName: context.packageName,
    file,
    group: context.group,
    cause,
  });
}

// --- internal helpers ---

type UrlImporter = (url: string) => Promise<unknown>;

let tsImporter: Promise<UrlImporter> | undefined;

/**
 * One tsx registration (ESM and CommonJS hooks under a private namespace) shared by every
 * TypeScript plugin, created on first use. `tsImport` would register new hooks under a fresh
 * namespace on each call, so the same file imported twice would give two different modules and a
 * plugin imported again would not be recognised as already registered.
 */
function typeScriptImporter(file: string, context: ModuleContext): Promise<UrlImporter> {
  tsImporter ??= createTypeScriptImporter().catch((error: unknown) => {
    tsImporter = undefined;
    throw error;
  });
  return tsImporter.catch((error: unknown) => {
    throw isMissingTsx(error)
      ? pluginLoadError(
          "HOOKSMITH_TS_LOADER_MISSING",
          "TypeScript plugins are loaded with tsx, an optional peer dependency of hooksmith that is not installed; run `npm install -D tsx`",
          file,
          context,
          error,
        )
      : pluginLoadError(
          "HOOKSMITH_PLUGIN_IMPORT_FAILED",
          `the TypeScript loader tsx failed to start: ${describeError(error)}`,
          file,
          context,
          error,
        );
  });
}

async function createTypeScriptImporter(): Promise<UrlImporter> {
  const [esm, cjs] = await Promise.all([
    importAtRunTime("tsx/esm/api") as Promise<typeof import("tsx/esm/api")>,
    importAtRunTime("tsx/cjs/api") as Promise<typeof import("tsx/cjs/api")>,
  ]);
  const namespace = "hooksmith";
  // A `.ts` file outside a `"type": "module"` package is CommonJS to tsx: its own imports go
  // through the require hook, which must share the namespace.
  cjs.register({ namespace });
  const api = esm.register({ namespace });
  const parentURL = import.meta.url;
  return (url) => api.import(url, parentURL) as Promise<unknown>;
}

function isMissingTsx(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    typeof message === "string" &&
    /['"]tsx['"/]/.test(message)
  );
}

function isEmptyModule(namespace: unknown): boolean {
  if (typeof namespace !== "object" || namespace === null) return namespace === undefined || namespace === null;
  const keys = Object.keys(namespace).filter((key) => key !== "module.exports");
  if (keys.length === 0) return true;
  if (keys.length !== 1 || keys[0] !== "default") return false;
  // A CommonJS `module.exports = {}` or an ESM `export default {}` exports nothing usable either.
  const fallback: unknown = (namespace as { default?: unknown }).default;
  if (fallback === undefined || fallback === null) return true;
  return isPlainObject(fallback) && Reflect.ownKeys(fallback).length === 0;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// tsx is an optional peer dependency: its specifier reaches `import()` as a parameter, so that
// bundlers leave it to be resolved at run time (a bundler folds a constant held in a local
// variable back into `import("tsx/esm/api")`, and then fails where tsx is not installed).
function importAtRunTime(specifier: string): Promise<unknown> {
  return import(specifier);
}
