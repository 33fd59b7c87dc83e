import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { compileFunction } from "node:vm";
import { describeValue } from "../core/describe.ts";
import { PluginLoadError, type PluginModuleOptions } from "../core/plugin-loading.ts";
import {
  afterLoaderRegistered,
  defaultHostUrl,
  hostSharingSpecifier,
  isInsideNodeModules,
  hostUrlOf,
  shareWithRequire,
  type HostShare,
} from "./host-packages.ts";
import { describeError, findNearestManifest } from "./package-json.ts";
import { parseBareSpecifier } from "./resolve-package.ts";

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

/** How a plugin module is loaded: the limits of its loading, and what it shares with the host. @internal */
export interface ModuleLoadOptions {
  /** The longest time, in milliseconds, the module may take to load. */
  readonly timeout?: number | undefined;
  /** Aborts the loading. */
  readonly signal?: AbortSignal | undefined;
  /** What a plugin file outside node_modules gets from the host. */
  readonly share?: HostShare | undefined;
}

/** A loaded plugin, boxed: a module namespace that exports `then` must never meet `await`. @internal */
export interface LoadedPlugin {
  /** The plugin to register: the module namespace, or its only export `default`. */
  readonly plugin: object;
}

/**
 * Loads a plugin module from an absolute, real file path (TypeScript files through `tsx`) and
 * returns what it exports, boxed: its module namespace object for an ES module, its
 * `module.exports` for a CommonJS module.
 *
 * An ES module is imported through a one-line wrapper module (`import * as plugin from "<file>"`),
 * so that the promise of the import resolves with the wrapper's namespace: a plugin module
 * exporting a function named `then` is a thenable, and resolving a promise with it would call that
 * `then` instead (a hang when it never calls back). Its `then` stays an ordinary member. A
 * CommonJS module is loaded with `require`, which is synchronous: a CommonJS module that throws
 * while imported by another module leaves an unhandled rejection behind on Node 20
 * (nodejs/node#51603). A file outside node_modules gets hooksmith, and the packages
 * `options.share` names, from the host.
 *
 * @throws {PluginLoadError} `HOOKSMITH_PLUGIN_IMPORT_FAILED` when the module throws while loading,
 *   `HOOKSMITH_PLUGIN_IMPORT_TIMEOUT` when it does not finish within `options.timeout`,
 *   `HOOKSMITH_PLUGIN_IMPORT_ABORTED` when `options.signal` aborts first,
 *   `HOOKSMITH_TS_LOADER_MISSING` when a TypeScript file needs `tsx` and it is not installed,
 *   `HOOKSMITH_PLUGIN_EMPTY` when the module exports nothing.
 * @internal
 */
export async function loadPluginModule(
  file: string,
  context: ModuleContext,
  options: ModuleLoadOptions = {},
): Promise<LoadedPlugin> {
  throwIfAborted(options.signal, file, context);
  const typeScript = typeScriptExtensions.has(extname(file).toLowerCase());
  // Sources run through a TypeScript loader (this repository's tests and tools): plugin files go
  // through tsx as well, so that they resolve `hooksmith` the way the sources do.
  const loader = typeScript
    ? await typeScriptLoader(file, context)
    : runningFromSources
      ? await typeScriptLoader(file, context).catch(() => undefined)
      : undefined;
  const share = options.share !== undefined && !isInsideNodeModules(file) ? options.share : undefined;
  let exported: unknown;
  if ((await moduleFormat(file, typeScript)) === "commonjs") {
    if (share !== undefined) shareWithRequire(file, share);
    try {
      exported = exportsOf(loader === undefined ? createRequire(import.meta.url)(file) : loader.require(file));
    } catch (error) {
      throw importFailed(error, file, context);
    }
  } else {
    const url = pathToFileURL(file).href;
    const target = share === undefined ? url : hostSharingSpecifier(file, url, share);
    // Base64, not percent-encoded: Bun reads a percent-encoded data: URL as text, not as a module.
    const wrapper = `data:text/javascript;base64,${Buffer.from(`import * as plugin from ${JSON.stringify(target)};\nexport { plugin };\n`).toString("base64")}`;
    const loading = (loader === undefined ? import(wrapper) : loader.import(wrapper)) as Promise<{ plugin: unknown }>;
    exported = (await settleWithin(loading, file, context, options)).plugin;
  }
  if (isEmpty(exported)) {
    throw pluginLoadError(
      "HOOKSMITH_PLUGIN_EMPTY",
      "the module exports nothing (a plugin module exports its hook implementations by name)",
      file,
      context,
    );
  }
  return { plugin: pluginOf(exported as object) };
}

/**
 * Checks the module options of a loading function (`timeout`, `signal`, `hostPackages`,
 * `hostModule`) and turns them into {@link ModuleLoadOptions}.
 *
 * @throws {TypeError} When `timeout` is not a positive number of milliseconds, `signal` is not an
 *   `AbortSignal`, `hostPackages` is not an array of package names or `hostModule` not a path or URL.
 * @internal
 */
export function moduleLoadOptions(caller: string, options: PluginModuleOptions | undefined): ModuleLoadOptions {
  const timeout: unknown = options?.timeout;
  if (timeout !== undefined && (typeof timeout !== "number" || Number.isNaN(timeout) || timeout <= 0)) {
    throw new TypeError(`${caller}: the timeout option must be a positive number of milliseconds, got ${describeValue(timeout)}`);
  }
  const signal: unknown = options?.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${caller}: the signal option must be an AbortSignal, got ${describeValue(signal)}`);
  }
  const packages: unknown = options?.hostPackages ?? [];
  if (
    !Array.isArray(packages) ||
    packages.some((name) => typeof name !== "string" || parseBareSpecifier(name)?.subpath !== ".")
  ) {
    throw new TypeError(`${caller}: the hostPackages option must be an array of package names, got ${describeValue(packages)}`);
  }
  const hostModule: unknown = options?.hostModule;
  if (hostModule !== undefined && !(hostModule instanceof URL) && (typeof hostModule !== "string" || hostModule === "")) {
    throw new TypeError(`${caller}: the hostModule option must be a file path or URL, got ${describeValue(hostModule)}`);
  }
  return {
    timeout: timeout as number | undefined,
    signal: signal as AbortSignal | undefined,
    share: {
      packages: packages as string[],
      hostUrl: hostModule === undefined ? defaultHostUrl() : hostUrlOf(hostModule as string | URL),
    },
  };
}

/**
 * Rejects with `HOOKSMITH_PLUGIN_IMPORT_ABORTED` when `signal` is already aborted.
 *
 * @throws {PluginLoadError} When it is.
 * @internal
 */
export function throwIfAborted(signal: AbortSignal | undefined, file: string | undefined, context: ModuleContext): void {
  if (signal?.aborted === true) throw abortError(signal, file, context);
}

/**
 * The plugin a module provides: its namespace, or, when `default` is its only export (an ESM
 * `export default plugin`, or a CommonJS module whose names Node cannot see), that default export,
 * so that its hook implementations are found. A CommonJS module provides its `module.exports`.
 */
function pluginOf(exported: object): object {
  if (!isModuleNamespace(exported) && !isExportView(exported)) return exported;
  const keys = Object.keys(exported).filter((key) => key !== "module.exports");
  if (keys.length !== 1 || keys[0] !== "default") return exported;
  const fallback: unknown = (exported as { default?: unknown }).default;
  return (typeof fallback === "object" || typeof fallback === "function") && fallback !== null ? fallback : exported;
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

const runningFromSources = import.meta.url.endsWith(".ts");

/**
 * Waits for `loading` within `options.timeout` and until `options.signal` aborts. An ES module
 * whose evaluation never ends cannot be cancelled: on a timeout or an abort the promise rejects at
 * once, and whatever the module does later is ignored (a late failure is caught, a late success
 * registers nothing).
 */
function settleWithin<T>(loading: Promise<T>, file: string, context: ModuleContext, options: ModuleLoadOptions): Promise<T> {
  const { timeout, signal } = options;
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      settle();
    };
    const onAbort = (): void => finish(() => reject(abortError(signal!, file, context)));
    if (timeout !== undefined && timeout !== Infinity) {
      // Not unref'd: a module awaiting something that never settles leaves nothing else to keep
      // the process alive until the timeout reports it.
      timer = setTimeout(
        () =>
          finish(() =>
            reject(
              pluginLoadError(
                "HOOKSMITH_PLUGIN_IMPORT_TIMEOUT",
                `the module did not finish loading within ${timeout} ms (does its top-level code await something that never settles?)`,
                file,
                context,
              ),
            ),
          ),
        Math.min(timeout, maxTimerDelay),
      );
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    loading.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(importFailed(error, file, context))),
    );
  });
}

function importFailed(error: unknown, file: string, context: ModuleContext): PluginLoadError {
  return pluginLoadError(
    "HOOKSMITH_PLUGIN_IMPORT_FAILED",
    `the module threw while loading: ${describeError(error)}`,
    file,
    context,
    error,
  );
}

/**
 * Whether Node (or tsx, for TypeScript) runs `file` as an ES module or as CommonJS: by its
 * extension, then by the `type` of its package; a `.js` file in no typed package is an ES module
 * when it uses module syntax (Node 20.19's detection), a `.ts` file is CommonJS (tsx's rule).
 */
async function moduleFormat(file: string, typeScript: boolean): Promise<"module" | "commonjs"> {
  const extension = extname(file).toLowerCase();
  if (extension === ".mjs" || extension === ".mts") return "module";
  if (extension === ".cjs" || extension === ".cts") return "commonjs";
  if (extension !== ".js" && !typeScript) return "module";
  const type = (await findNearestManifest(dirname(file)))?.json["type"];
  if (type === "module") return "module";
  if (type === "commonjs" || typeScript) return "commonjs";
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return "module";
  }
  return hasModuleSyntax(source) ? "module" : "commonjs";
}

// The syntax errors that make Node 20.19+ run a file of an untyped package as an ES module: it
// compiles the file as a CommonJS function body and retries as a module on these (the second set
// are declarations that only clash with CommonJS's own parameters, and a top-level await).
const moduleSyntaxErrors: ReadonlySet<string> = new Set([
  "Cannot use import statement outside a module",
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
  "Identifier 'module' has already been declared",
  "Identifier 'exports' has already been declared",
  "Identifier 'require' has already been declared",
  "Identifier '__filename' has already been declared",
  "Identifier '__dirname' has already been declared",
  "await is only valid in async functions and the top level bodies of modules",
]);

function hasModuleSyntax(source: string): boolean {
  try {
    compileFunction(source.replace(/^\uFEFF?#![^\n]*/, ""), ["exports", "require", "module", "__filename", "__dirname"]);
    return false;
  } catch (error) {
    return error instanceof SyntaxError && moduleSyntaxErrors.has(error.message);
  }
}

// setTimeout fires at once for delays above 2^31 - 1 ms.
const maxTimerDelay = 2 ** 31 - 1;

function abortError(signal: AbortSignal, file: string | undefined, context: ModuleContext): PluginLoadError {
  return pluginLoadError(
    "HOOKSMITH_PLUGIN_IMPORT_ABORTED",
    `loading was aborted: ${describeError(signal.reason)}`,
    file,
    context,
    signal.reason,
  );
}

/** tsx under hooksmith's own namespace: an `import()` and a `require` that go through it. */
interface TypeScriptLoader {
  import(url: string): Promise<unknown>;
  require(file: string): unknown;
}

let tsLoader: Promise<TypeScriptLoader> | undefined;

/**
 * One tsx registration (ESM and CommonJS hooks under a private namespace) shared by every
 * TypeScript plugin, created on first use. `tsImport` would register new hooks under a fresh
 * namespace on each call, so the same file imported twice would give two different modules and a
 * plugin imported again would not be recognised as already registered.
 */
function typeScriptLoader(file: string, context: ModuleContext): Promise<TypeScriptLoader> {
  tsLoader ??= createTypeScriptLoader().catch((error: unknown) => {
    tsLoader = undefined;
    throw error;
  });
  return tsLoader.catch((error: unknown) => {
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

async function createTypeScriptLoader(): Promise<TypeScriptLoader> {
  const [esm, cjs] = await Promise.all([
    importAtRunTime("tsx/esm/api") as Promise<typeof import("tsx/esm/api")>,
    importAtRunTime("tsx/cjs/api") as Promise<typeof import("tsx/cjs/api")>,
  ]);
  const namespace = "hooksmith";
  // A `.ts` file outside a `"type": "module"` package is CommonJS to tsx: it is required, and its
  // own imports go through the require hook, under the same namespace.
  const cjsLoader = cjs.register({ namespace });
  const esmLoader = esm.register({ namespace });
  afterLoaderRegistered();
  const parentURL = import.meta.url;
  return {
    import: (url) => esmLoader.import(url, parentURL) as Promise<unknown>,
    require: (file) => cjsLoader.require(file, parentURL) as unknown,
  };
}

function isMissingTsx(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    typeof message === "string" &&
    /['"]tsx['"/]/.test(message)
  );
}

/**
 * What a CommonJS module exports, as a plugin: a function or a class instance as it is; a plain
 * `module.exports` object as one object holding the values of its names, read once, as Node's
 * module namespace of a CommonJS module holds them (the same object for every load of the
 * module). Transpiled modules (tsx, tsc) export their names as getters, which registration never
 * runs.
 */
function exportsOf(moduleExports: unknown): unknown {
  if (!isPlainObject(moduleExports)) return moduleExports;
  let view = exportViews.get(moduleExports);
  if (view === undefined) {
    // Tagged as a module, as the namespace Node would have made of it, so that messages name it so.
    const values = Object.create(null, { [Symbol.toStringTag]: { value: "Module" } }) as Record<string, unknown>;
    for (const key of Object.keys(moduleExports)) values[key] = (moduleExports as Record<string, unknown>)[key];
    view = Object.freeze(values);
    exportViews.set(moduleExports, view);
    views.add(view);
  }
  return view;
}

const exportViews = new WeakMap<object, object>();
const views = new WeakSet<object>();

/** Whether a module exports nothing usable: no named export, and no default or an empty one. */
function isEmpty(exported: unknown): boolean {
  if (typeof exported === "function") return false;
  if (typeof exported !== "object" || exported === null) return true;
  if (!isModuleNamespace(exported) && !isExportView(exported)) return false;
  const keys = Object.keys(exported).filter((key) => key !== "module.exports");
  if (keys.length === 0) return true;
  if (keys.length !== 1 || keys[0] !== "default") return false;
  // An ESM `export default {}` exports nothing usable either.
  const fallback: unknown = (exported as { default?: unknown }).default;
  if (fallback === undefined || fallback === null) return true;
  return isPlainObject(fallback) && Reflect.ownKeys(fallback).length === 0;
}

function isModuleNamespace(value: object): boolean {
  return Object.prototype.toString.call(value) === "[object Module]";
}

function isExportView(value: object): boolean {
  return views.has(value);
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
