import type { ImportPluginOptions } from "../core/plugin-loading.ts";
import type { LoadEntrypointsOptions, PluginModuleOptions } from "../core/plugin-loading.ts";
import { defaultWarn, toDirectoryPath } from "../core/runtime.ts";
import type { PluginLoadError } from "../core/plugin-loading.ts";
import { PluginManager } from "../core/plugin-manager.ts";
import { collectStages, type StageContributorSource } from "../stages/collect-stages.ts";
import { describeValue } from "../core/describe.ts";
import { reportWarnings } from "../stages/stage-warning.ts";
import { NebariHookspecs } from "./hookspecs.ts";
import { NEBARI_PROJECT } from "./markers.ts";
import { NebariStageSnapshot, type NebariConfigOptions } from "./stage-snapshot.ts";
import {
  collectSubcommands,
  type CollectSubcommandsOptions,
  type SubcommandCli,
  type SubcommandRegistry,
} from "./subcommands.ts";

/**
 * The host's own plugins, registered as built-in: a record of name to plugin (in insertion
 * order), or `[name, plugin]` pairs (an array or a `Map`).
 *
 * @example
 * ```ts
 * import type { NebariDefaultPlugins } from "hooksmith/nebari";
 * import * as bootstrap from "./stages/bootstrap.js";
 * import * as deployCommand from "./commands/deploy.js";
 *
 * const defaults: NebariDefaultPlugins = { "builtin:bootstrap": bootstrap, "builtin:deploy": deployCommand };
 * ```
 */
export type NebariDefaultPlugins = Readonly<Record<string, object>> | Iterable<readonly [name: string, plugin: object]>;

/**
 * Options of a {@link NebariPluginManager}.
 *
 * @example
 * ```ts
 * import type { NebariPluginManagerOptions } from "hooksmith/nebari";
 *
 * const options: NebariPluginManagerOptions = {
 *   defaultPlugins: { "builtin:stages": builtinStages, "builtin:commands": builtinCommands },
 *   config: { knownKeys: ["project_name"], unknownKeys: "warn" },
 *   warn: (warning) => console.warn(`warning: ${warning.message}`),
 * };
 * ```
 */
export interface NebariPluginManagerOptions {
  /**
   * The host's built-in plugins (its stages and its own subcommands), registered first, in this
   * order, and recorded as built-in: `excludeDefaultStages` leaves their stages out, and
   * `listPlugins` shows them with source `"builtin"`.
   */
  readonly defaultPlugins?: NebariDefaultPlugins;
  /**
   * The directory entry points are searched from and `--import-plugin` paths are resolved
   * against; default `process.cwd()` when the manager is created.
   */
  readonly cwd?: string | URL;
  /**
   * Receives every warning: the plugin manager's, stage-plan warnings (an exclusion that
   * matched nothing), config warnings, and installed plugins that failed to load. Default
   * `process.emitWarning`.
   */
  readonly warn?: (warning: Error) => void;
  /** How `snapshot.validateConfig` checks a config: host owners, known keys, unknown-keys policy. */
  readonly config?: NebariConfigOptions;
}

/**
 * Options of `NebariPluginManager.loadPlugins`.
 *
 * @example
 * ```ts
 * import type { NebariLoadPluginsOptions } from "hooksmith/nebari";
 *
 * const options: NebariLoadPluginsOptions = { entryPoints: process.env["NEBARI_NO_PLUGINS"] === undefined, importPlugins: ["./my-stage.ts"] };
 * ```
 */
export interface NebariLoadPluginsOptions extends PluginModuleOptions {
  /** Load the installed plugins of entry point group `"nebari"`; default `true`. */
  readonly entryPoints?: boolean;
  /** Plugins to import (`--import-plugin` values): file paths or package specifiers, in order. */
  readonly importPlugins?: readonly string[];
}

/**
 * What `NebariPluginManager.loadPlugins` did.
 *
 * @example
 * ```ts
 * import { NebariPluginManager } from "hooksmith/nebari";
 *
 * const report = await new NebariPluginManager().loadPlugins();
 * for (const failure of report.failures) console.error(`skipped broken plugin ${failure.pluginName}: ${failure.message}`);
 * ```
 */
export interface NebariLoadReport {
  /** Names of the installed plugins registered from entry points, in load order. */
  readonly entryPoints: readonly string[];
  /** The registered name of each `importPlugins` value, in the same order. */
  readonly imported: readonly string[];
  /** Installed plugins that failed to load and were skipped (also passed to `warn`). */
  readonly failures: readonly PluginLoadError[];
}

/**
 * Options of `NebariPluginManager.snapshotStages`: the exclusions of one run.
 *
 * @example
 * ```ts
 * import type { NebariSnapshotOptions } from "hooksmith/nebari";
 *
 * const options: NebariSnapshotOptions = { excludeStages: [".*kuberhealthy.*"], excludeDefaultStages: false };
 * ```
 */
export interface NebariSnapshotOptions {
  /** Stage names to leave out: whole-name regular expressions (`--exclude-stage`). */
  readonly excludeStages?: readonly (string | RegExp)[];
  /** Leave out every stage of the built-in plugins (`--exclude-default-stages`). */
  readonly excludeDefaultStages?: boolean;
  /** Leave out every stage of these plugins (by registration name). */
  readonly excludePlugins?: readonly string[];
  /** Cancels the collection between plugins. */
  readonly signal?: AbortSignal;
}

/**
 * One registered plugin, for a `plugin list` or `info` command.
 *
 * @example
 * ```ts
 * import { NebariPluginManager } from "hooksmith/nebari";
 *
 * console.table(new NebariPluginManager().listPlugins().map(({ name, source, version, path }) => ({ name, source, version, path })));
 * ```
 */
export interface NebariPluginInfo {
  /** The name it is registered under. */
  readonly name: string;
  /** `"builtin"`, `"entrypoint"` (installed), `"import"` (`--import-plugin`) or `"register"`. */
  readonly source: StageContributorSource;
  /** Its npm package, when it was loaded from one (also for a file inside a package). */
  readonly packageName: string | undefined;
  /** That package's version, when known (file plugins too: the nearest package.json). */
  readonly version: string | undefined;
  /** The real path of its module file, when it was loaded from a file or package. */
  readonly path: string | undefined;
  /** The `--import-plugin` value or the entry point's declared value. */
  readonly specifier: string | undefined;
  /** The hooks it implements, in hook creation order. */
  readonly hooks: readonly string[];
}

/**
 * One hook with the plugins implementing it, for an `info` command.
 *
 * @example
 * ```ts
 * import { NebariPluginManager } from "hooksmith/nebari";
 *
 * for (const { name, plugins } of new NebariPluginManager().listHooks()) console.log(name, plugins.join(", "));
 * ```
 */
export interface NebariHookInfo {
  /** The hook name. */
  readonly name: string;
  /** Whether it has a specification (a hook without one is a typo unless `optionalhook`). */
  readonly hasSpec: boolean;
  /** The plugins implementing it, in registration order. */
  readonly plugins: readonly string[];
}

/**
 * The host side of the `hooksmith/nebari` preset: a plugin manager of project `"nebari"` that
 * does in one place what Nebari's `NebariPluginManager` did, with its flaws fixed.
 *
 * - **Not a singleton.** Each instance has its own plugins; creating one scans nothing and
 *   imports nothing, so tests build managers freely.
 * - **Built-in plugins** (`defaultPlugins`) are registered first, and remembered as built-in.
 * - **`loadPlugins()`** loads installed plugins (entry point group `"nebari"`; a broken one is
 *   skipped and reported, so `--version` and `--help` keep working; switch discovery off with
 *   `entryPoints: false`), then imports the `--import-plugin` values in order (a missing or
 *   broken one rejects with a `PluginLoadError` naming it; importing a plugin that is already
 *   registered does nothing).
 * - **`checkPending()`** (inherited) reports implementations of unknown hooks, i.e. typos such
 *   as `nebari_stages`; call it once everything is loaded.
 * - **`snapshotStages()`** collects the stages **once** and returns a {@link NebariStageSnapshot}
 *   that checks the config and runs render, deploy and destroy with exactly those stages.
 *   `excludeDefaultStages` filters the built-in plugins' stages by source, whenever they were
 *   registered.
 * - **`collectSubcommands()`** lets every plugin add subcommands through a framework-neutral
 *   registry and reports name collisions (see {@link SubcommandRegistry}).
 * - **`listPlugins()`** / **`listHooks()`** give a `plugin list` / `info` command its data.
 *
 * Candidate stages are ordered by plugin registration (built-ins, then installed plugins, then
 * imported ones), first registered first.
 *
 * @typeParam Cli - The type of `cli` in `nebari_subcommand({ cli })`; with `collectSubcommands`,
 *   a {@link SubcommandCli} of the host framework's command type.
 * @example
 * ```ts
 * import { NebariPluginManager, scanStartupArgs, type SubcommandCli } from "hooksmith/nebari";
 * import { Command } from "commander";
 * import * as builtinStages from "./stages.js";
 * import * as builtinCommands from "./commands.js";
 *
 * const startup = scanStartupArgs(process.argv.slice(2));
 * const nebari = new NebariPluginManager<SubcommandCli<Command>>({
 *   defaultPlugins: { "builtin:stages": builtinStages, "builtin:commands": builtinCommands },
 * });
 * await nebari.loadPlugins({ importPlugins: startup.importPlugins });
 * nebari.checkPending();
 *
 * const program = new Command("mini-nebari").option("--import-plugin <plugin>", "import a plugin");
 * (await nebari.collectSubcommands()).mount(program);
 * await program.parseAsync();
 * ```
 */
export class NebariPluginManager<Cli = SubcommandCli> extends PluginManager<NebariHookspecs<Cli>> {
  /** The directory entry points are searched from and relative plugin paths resolved against. */
  readonly cwd: string;
  readonly #builtins = new Set<object>();
  readonly #warn: (warning: Error) => void;
  readonly #config: NebariConfigOptions;

  /**
   * Creates the manager, adds the `nebari` hook specs and registers the built-in plugins.
   *
   * @param options - Built-in plugins, `cwd`, `warn`, config options.
   * @throws {@link hooksmith!PluginRegistrationError} / {@link hooksmith!PluginValidationError} when a built-in
   *   plugin cannot be registered.
   */
  constructor(options: NebariPluginManagerOptions = {}) {
    super(NEBARI_PROJECT, { warn: options.warn });
    this.cwd = toDirectoryPath(options.cwd);
    this.#warn = options.warn ?? defaultWarn;
    this.#config = options.config ?? {};
    this.addHookspecs(NebariHookspecs);
    for (const [name, plugin] of defaultPluginEntries(options.defaultPlugins)) {
      this.register(plugin, name);
      this.#builtins.add(plugin);
    }
  }

  /**
   * Loads the installed plugins, then imports the given ones, in that order (after the
   * built-ins, which the constructor registered): the registration order that orders stage
   * candidates and subcommands.
   *
   * Installed plugins (entry point group `"nebari"`, searched from `cwd`) that fail to load are
   * skipped, listed in `failures` and passed to `warn`, so one broken package never breaks the
   * whole command line. Imported plugins are loaded one by one; the first that fails rejects
   * with its `PluginLoadError`, which names it (plugins imported before it stay registered).
   *
   * @param options - `entryPoints` (default `true`), `importPlugins`, and the module options of
   *   `loadEntrypoints` and `importPlugin` (`timeout`, `signal`, `hostPackages`, `hostModule`),
   *   passed to both. A module that does not finish within `timeout` is a failure like the others.
   * @returns What was loaded and what failed.
   * @throws {@link hooksmith!PluginLoadError} (as a rejection) for an `importPlugins` value that is
   *   missing, throws while loading, or is refused by `register`.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const nebari = new NebariPluginManager();
   * const { entryPoints, imported, failures } = await nebari.loadPlugins({ importPlugins: ["./plugins/mlflow.ts"] });
   * ```
   */
  async loadPlugins(options: NebariLoadPluginsOptions = {}): Promise<NebariLoadReport> {
    const failures: PluginLoadError[] = [];
    const entryPoints: string[] = [];
    const { timeout, signal, hostPackages, hostModule } = options;
    const moduleOptions: PluginModuleOptions = { timeout, signal, hostPackages, hostModule };
    if (options.entryPoints !== false) {
      const before = this.getPlugins();
      await this.loadEntrypoints(NEBARI_PROJECT, undefined, {
        ...moduleOptions,
        onError: "skip",
        onFailure: (failure) => {
          failures.push(failure);
          this.#warn(failure);
        },
      });
      for (const [name, plugin] of this.listNamePlugin()) if (plugin !== undefined && !before.has(plugin)) entryPoints.push(name);
    }
    const imported: string[] = [];
    for (const specifier of options.importPlugins ?? [])
      imported.push(await this.importPlugin(specifier, undefined, moduleOptions));
    return { entryPoints, imported, failures };
  }

  /**
   * `PluginManager.loadEntrypoints`, searching from the manager's `cwd` unless `options.cwd`
   * says otherwise.
   *
   * @param group - The entry point group.
   * @param name - Load only the entry point of this name.
   * @param options - As for `PluginManager.loadEntrypoints`.
   * @returns The number of plugins registered.
   * @throws {@link hooksmith!PluginLoadError} for a broken plugin, unless `onError: "skip"`.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const nebari = new NebariPluginManager({ cwd: "/srv/app" });
   * await nebari.loadEntrypoints("nebari", "nebari-stage-hello-world");
   * ```
   */
  override loadEntrypoints(group: string, name?: string, options: LoadEntrypointsOptions = {}): Promise<number> {
    return super.loadEntrypoints(group, name, { ...options, cwd: options.cwd ?? this.cwd });
  }

  /**
   * `PluginManager.importPlugin`, resolving relative paths and package specifiers from the
   * manager's `cwd` unless `options.cwd` says otherwise.
   *
   * @param specifier - A file path (`.js`, `.mjs`, `.cjs`, `.ts`, `.mts`, `.cts`) or a package
   *   specifier such as `pkg/subpath`.
   * @param name - The name to register under; default the specifier as given.
   * @param options - As for `PluginManager.importPlugin`.
   * @returns The registered name (the existing one when the plugin is already registered).
   * @throws {@link hooksmith!PluginLoadError} naming the plugin when it is missing or broken.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const nebari = new NebariPluginManager();
   * await nebari.importPlugin("./plugins/hello.ts");
   * ```
   */
  override importPlugin(specifier: string, name?: string, options: ImportPluginOptions = {}): Promise<string> {
    return super.importPlugin(specifier, name, { ...options, cwd: options.cwd ?? this.cwd });
  }

  /**
   * Tells whether a plugin (object or registration name) is one of the built-in plugins.
   *
   * @param plugin - A plugin object or a registration name.
   * @returns `true` for a registered built-in plugin.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const nebari = new NebariPluginManager({ defaultPlugins: { core: {} } });
   * nebari.isBuiltin("core"); // true
   * ```
   */
  isBuiltin(plugin: object | string): boolean {
    const object = typeof plugin === "string" ? this.getPlugin(plugin) : plugin;
    return object !== undefined && this.isRegistered(object) && this.#builtins.has(object);
  }

  /**
   * Every registered plugin with where it came from: name, source (`"builtin"`,
   * `"entrypoint"`, `"import"`, `"register"`), package, version, file and the hooks it
   * implements, in registration order. File plugins get the version of their nearest
   * package.json, or none (Nebari's `plugin list` crashed on them).
   *
   * @returns One entry per plugin.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * for (const plugin of new NebariPluginManager().listPlugins()) {
   *   console.log(`${plugin.name}\t${plugin.source}\t${plugin.version ?? "-"}\t${plugin.path ?? ""}`);
   * }
   * ```
   */
  listPlugins(): NebariPluginInfo[] {
    return this.listPluginDistinfo().map(([plugin, info]) =>
      Object.freeze({
        name: info.pluginName,
        source: this.#builtins.has(plugin) ? "builtin" : info.source,
        packageName: info.packageName,
        version: info.version,
        path: info.path,
        specifier: info.specifier,
        hooks: Object.freeze((this.getHookcallers(plugin) ?? []).map((caller) => caller.name)),
      }),
    );
  }

  /**
   * Every hook with the plugins implementing it (registration order), in hook creation order:
   * the preset's specs first, then hooks that only plugins name (typos, unless optional).
   *
   * @returns One entry per hook.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * for (const hook of new NebariPluginManager().listHooks()) console.log(hook.name, hook.hasSpec ? "" : "(no spec)", hook.plugins);
   * ```
   */
  listHooks(): NebariHookInfo[] {
    const registrationOrder = new Map(this.listNamePlugin().map(([name], position) => [name, position]));
    return Object.values(this.hook).map((caller) => {
      const plugins = [...new Set(caller.getHookimpls().map((impl) => impl.pluginName))];
      plugins.sort((a, b) => (registrationOrder.get(a) ?? 0) - (registrationOrder.get(b) ?? 0));
      return Object.freeze({ name: caller.name, hasSpec: caller.hasSpec(), plugins: Object.freeze(plugins) });
    });
  }

  /**
   * Collects the stages of one run **once** and returns the snapshot that checks the config and
   * runs the flows with them: every `nebari_stage` implementation runs exactly once, here, and
   * never again for this run.
   *
   * Candidates are ordered by plugin registration (built-ins first); see `collectStages` for
   * validation, deduplication, exclusion and ordering. Plan warnings (an exclusion that matched
   * nothing…) go to `warn` and stay in `snapshot.plan.warnings`.
   *
   * @param options - `excludeStages`, `excludeDefaultStages`, `excludePlugins`, `signal`.
   * @returns The snapshot.
   * @throws {@link hooksmith!StageExcludePatternError} for an invalid pattern, before any hook runs.
   * @throws {@link hooksmith!PluginHookError} / {@link hooksmith!StageDefinitionError} naming a plugin whose hook
   *   throws or returns something invalid.
   * @throws {@link hooksmith!StageConflictError} / {@link hooksmith!StageCycleError} as `planStages`.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const nebari = new NebariPluginManager();
   * const run = await nebari.snapshotStages({ excludeDefaultStages: true, excludeStages: [".*kuberhealthy.*"] });
   * console.log(run.plan.order.map(({ name, priority, source }) => `${priority} ${name} (${source})`));
   * ```
   */
  async snapshotStages(options: NebariSnapshotOptions = {}): Promise<NebariStageSnapshot> {
    const plan = await collectStages(this, "nebari_stage", {
      builtins: this.#builtins,
      excludeBuiltins: options.excludeDefaultStages === true,
      ...(options.excludeStages === undefined ? {} : { excludeStages: options.excludeStages }),
      ...(options.excludePlugins === undefined ? {} : { excludeSources: options.excludePlugins }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    reportWarnings(plan.warnings, this.#warn);
    return new NebariStageSnapshot(plan, { config: this.#config, warn: this.#warn });
  }

  /**
   * Lets every plugin add its subcommands: calls `nebari_subcommand({ cli })` once per plugin,
   * in registration order, each with its own view of a new {@link SubcommandRegistry}, and
   * resolves the registry. Mount the result on the host's program (`registry.mount(program)`)
   * **after** `loadPlugins`, so that imported plugins' subcommands exist.
   *
   * @param options - `signal`, and `expose`: what plugins may add besides commands (nested
   *   groups by default; root options and root callbacks when you say so).
   * @returns The resolved registry.
   * @throws {@link hooksmith!SubcommandConflictError} when plugins claim one name without a single override.
   * @throws {@link hooksmith!PluginHookError} naming the plugin whose implementation threw or misused `cli`.
   * @example
   * ```ts
   * import { NebariPluginManager, type SubcommandCli } from "hooksmith/nebari";
   * import { Command } from "commander";
   *
   * const nebari = new NebariPluginManager<SubcommandCli<Command>>();
   * const program = new Command("mini-nebari");
   * const registry = await nebari.collectSubcommands();
   * registry.mount(program);
   * for (const { name, pluginName } of registry.commands) console.log(`${name} (from ${pluginName})`);
   * ```
   */
  collectSubcommands<Target>(
    this: NebariPluginManager<SubcommandCli<Target>>,
    options: Omit<CollectSubcommandsOptions, "argName"> = {},
  ): Promise<SubcommandRegistry<Target>> {
    return collectSubcommands<Target, NebariHookspecs<SubcommandCli<Target>>>(this, "nebari_subcommand", options);
  }
}

/**
 * Creates a {@link NebariPluginManager}; the same as `new NebariPluginManager(options)`.
 *
 * @param options - Built-in plugins, `cwd`, `warn`, config options.
 * @returns The manager.
 * @throws As the constructor.
 * @example
 * ```ts
 * import { createNebariPluginManager, type SubcommandCli } from "hooksmith/nebari";
 * import type { Command } from "commander";
 *
 * const nebari = createNebariPluginManager<SubcommandCli<Command>>({ defaultPlugins: { "builtin:stages": builtinStages } });
 * ```
 */
export function createNebariPluginManager<Cli = SubcommandCli>(options?: NebariPluginManagerOptions): NebariPluginManager<Cli> {
  return new NebariPluginManager<Cli>(options);
}

/**
 * Lists the default plugins as `[name, plugin]` pairs, checking their shape.
 *
 * @param plugins - The `defaultPlugins` option.
 * @returns The pairs, in order.
 */
function defaultPluginEntries(plugins: NebariDefaultPlugins | undefined): [string, object][] {
  if (plugins === undefined) return [];
  if (typeof plugins !== "object" || plugins === null) {
    throw new TypeError(
      `defaultPlugins must be a record of name to plugin, or [name, plugin] pairs, got ${describeValue(plugins)}`,
    );
  }
  const entries: unknown[] =
    Symbol.iterator in plugins ? [...(plugins as Iterable<unknown>)] : Object.entries(plugins as Record<string, object>);
  return entries.map((entry, position): [string, object] => {
    const [name, plugin] = Array.isArray(entry) ? (entry as unknown[]) : [];
    if (
      typeof name !== "string" ||
      name === "" ||
      (typeof plugin !== "object" && typeof plugin !== "function") ||
      plugin === null
    ) {
      throw new TypeError(`defaultPlugins entry ${position} must be a name and a plugin object, got ${describeValue(entry)}`);
    }
    return [name, plugin];
  });
}
