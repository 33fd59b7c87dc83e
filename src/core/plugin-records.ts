import type { PluginHost } from "./plugin-loading.ts";

/**
 * How a plugin came to be registered: `"entrypoint"` by `loadEntrypoints` (an installed package),
 * `"import"` by `importPlugin` (a file or a package specifier), `"register"` directly by `register`.
 */
export type PluginSource = "entrypoint" | "import" | "register";

/**
 * What hooksmith remembers about a plugin it loaded itself.
 *
 * Records are kept per manager and per plugin object; a plugin registered directly with `register`
 * has none.
 */
export interface PluginRecord {
  /** The name the plugin was registered under. */
  readonly name: string;
  /** How the plugin was loaded. */
  readonly source: PluginSource;
  /** The npm package the plugin module belongs to (its package.json `name`), when there is one. */
  readonly packageName?: string | undefined;
  /** That package's `version`, when it has one. */
  readonly version?: string | undefined;
  /** The real path of that package's folder (where its package.json is), when there is one. */
  readonly packageDir?: string | undefined;
  /** The absolute real path of the plugin module file. */
  readonly path?: string | undefined;
  /** The entry point group, for entry point plugins. */
  readonly group?: string | undefined;
  /** What was asked for: the `importPlugin` specifier as given, or the entry point's declared value. */
  readonly specifier?: string | undefined;
}

/**
 * The description of one registered plugin returned by `listPluginDistinfo()`, pluggy's
 * `DistFacade` extended to every plugin.
 *
 * `name` is the distribution name as pluggy's `project_name`: the package name when the plugin
 * comes from a package, otherwise the name it is registered under. `pluginName` is always the
 * registration name.
 */
export interface PluginDistInfo {
  /** The package name when known (pluggy's `project_name`), otherwise the registration name. */
  readonly name: string;
  /** The name the plugin is registered under. */
  readonly pluginName: string;
  /** How the plugin was loaded. */
  readonly source: PluginSource;
  /** The npm package the plugin module belongs to, when there is one. */
  readonly packageName: string | undefined;
  /** That package's version, when known. */
  readonly version: string | undefined;
  /**
   * The real path of that package's folder, when known: where a plugin ships its own files
   * (datasette serves a plugin's `static/` folder from it).
   */
  readonly packageDir: string | undefined;
  /** The absolute real path of the plugin module file, when it was loaded from a file. */
  readonly path: string | undefined;
  /** The entry point group, for entry point plugins. */
  readonly group: string | undefined;
  /** The `importPlugin` specifier as given, or the entry point's declared value. */
  readonly specifier: string | undefined;
}

/**
 * Remembers how `plugin` was loaded into `manager`, for `listPluginDistinfo()`.
 *
 * Loaders call it right after a successful `register`. The record lives as long as the plugin
 * object (it is kept in a `WeakMap`) and is ignored once the plugin is unregistered or registered
 * again under another name.
 *
 * @param manager - The manager the plugin is registered with.
 * @param plugin - The registered plugin object.
 * @param record - Its name, source, package, version and file.
 * @internal
 */
export function recordPlugin(manager: PluginHost, plugin: object, record: PluginRecord): void {
  let byPlugin = records.get(manager);
  if (byPlugin === undefined) {
    byPlugin = new WeakMap();
    records.set(manager, byPlugin);
  }
  byPlugin.set(plugin, Object.freeze({ ...record }));
}

/**
 * Returns the record of a plugin currently registered with `manager`, or `undefined` when the
 * plugin is not registered, was registered directly, or was re-registered under another name.
 *
 * @param manager - The manager to look in.
 * @param plugin - A plugin object.
 * @returns The record, or `undefined`.
 * @example
 * ```ts
 * import { getPluginRecord, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * await pm.importPlugin("./plugins/local.js");
 * console.log(getPluginRecord(pm, pm.getPlugin("./plugins/local.js")!)?.path);
 * ```
 */
export function getPluginRecord(manager: PluginHost, plugin: object): PluginRecord | undefined {
  if (!manager.isRegistered(plugin)) return undefined;
  const record = records.get(manager)?.get(plugin);
  if (record === undefined || record.name !== manager.getName(plugin)) return undefined;
  return record;
}

/**
 * Lists every registered plugin with its distribution info, in the manager's plugin order
 * (pluggy's `list_plugin_distinfo`, extended to all plugins).
 *
 * Plugins loaded by `loadEntrypoints` or `importPlugin` carry their package, version and file;
 * plugins registered directly have source `"register"` and no package info. Unregistered plugins
 * are not listed.
 *
 * @param manager - The manager to list.
 * @returns `[plugin, info]` pairs.
 * @example
 * ```ts
 * import { PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * await pm.loadEntrypoints("example");
 * for (const [, info] of pm.listPluginDistinfo()) console.log(info.name, info.version ?? "-");
 * ```
 */
export function listPluginDistinfo(manager: PluginHost): Array<[plugin: object, info: PluginDistInfo]> {
  const listing: Array<[plugin: object, info: PluginDistInfo]> = [];
  for (const plugin of manager.getPlugins()) {
    if (typeof plugin !== "object" && typeof plugin !== "function") continue;
    if (plugin === null) continue;
    const pluginName = manager.getName(plugin);
    if (pluginName === undefined) continue;
    const record = getPluginRecord(manager, plugin);
    listing.push([
      plugin,
      Object.freeze({
        name: record?.packageName ?? pluginName,
        pluginName,
        source: record?.source ?? "register",
        packageName: record?.packageName,
        version: record?.version,
        packageDir: record?.packageDir,
        path: record?.path,
        group: record?.group,
        specifier: record?.specifier,
      }),
    ]);
  }
  return listing;
}

// --- internal helpers ---

// Keyed by manager, then by plugin object: records vanish with either.
const records = new WeakMap<object, WeakMap<object, PluginRecord>>();
