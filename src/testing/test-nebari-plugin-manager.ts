import type { LoadEntrypointsOptions } from "../core/plugin-loading.ts";
import type { NebariLoadPluginsOptions, NebariLoadReport, NebariPluginManagerOptions } from "../nebari/plugin-manager.ts";
import { NebariPluginManager } from "../nebari/plugin-manager.ts";
import type { NoInference } from "../core/types.ts";
import type { NebariHookspecs } from "../nebari/hookspecs.ts";
import type { SubcommandCli } from "../nebari/subcommands.ts";
import { pluginEntries, type TestPlugins } from "./plugin-list.ts";
import { discoveryDisabled } from "./test-plugin-manager.ts";

/**
 * Options of {@link createTestNebariPluginManager}: those of `NebariPluginManager` (except
 * `warn`: warnings are collected), plus the plugins to register.
 *
 * @example
 * ```ts
 * import type { TestNebariPluginManagerOptions } from "hooksmith/testing";
 * import * as hello from "./plugin.ts";
 *
 * const options: TestNebariPluginManagerOptions = { plugins: { "nebari-stage-hello-world": hello }, config: { unknownKeys: "error" } };
 * ```
 */
export interface TestNebariPluginManagerOptions<Cli = SubcommandCli> extends Omit<NebariPluginManagerOptions, "warn"> {
  /**
   * Plugins to register, in order, after the `defaultPlugins` (source `"register"`); each is
   * checked against the preset's specs, `NebariHookspecs<Cli>`.
   */
  readonly plugins?: TestPlugins<NebariHookspecs<NoInference<Cli, SubcommandCli>>>;
  /** Call `checkPending()` once the plugins are registered; default `true`. */
  readonly checkPending?: boolean;
}

/**
 * A `NebariPluginManager` for tests: the built-in plugins and the plugins given to it, no
 * discovery of installed plugins (`loadPlugins()` imports its `importPlugins` and nothing
 * else), and every warning (the manager's, stage plans', configs') collected in
 * {@link TestNebariPluginManager.warnings}.
 *
 * @typeParam Cli - The type of `cli` in `nebari_subcommand({ cli })`, as for `NebariPluginManager`.
 * @example
 * ```ts
 * import { TestNebariPluginManager } from "hooksmith/testing";
 * import * as hello from "./plugin.ts";
 *
 * const nebari = new TestNebariPluginManager({ plugins: { "nebari-stage-hello-world": hello } });
 * const run = await nebari.snapshotStages();
 * console.log(run.plan.order.map(({ name }) => name), nebari.warnings); // ["hello_world"] []
 * ```
 */
export class TestNebariPluginManager<Cli = SubcommandCli> extends NebariPluginManager<Cli> {
  readonly #warnings: Error[];

  /**
   * Creates the manager: the preset's specs, the built-in plugins, then `plugins`, then (by
   * default) `checkPending()`.
   *
   * @param options - As `NebariPluginManager`'s, plus `plugins` and `checkPending`.
   * @throws As the `NebariPluginManager` constructor, `register` and `checkPending`.
   * @throws {@link TestHarnessError} `HOOKSMITH_INVALID_HARNESS_INPUT` for a malformed plugin list.
   */
  constructor(options: TestNebariPluginManagerOptions<Cli> = {}) {
    const warnings: Error[] = [];
    const { plugins, checkPending, ...managerOptions } = options;
    super({ ...managerOptions, warn: (warning) => warnings.push(warning) });
    this.#warnings = warnings;
    for (const [name, plugin] of pluginEntries(plugins, "TestNebariPluginManager plugins")) this.register(plugin, name);
    if (checkPending !== false) this.checkPending();
  }

  /** The warnings emitted so far, oldest first: a live list. */
  get warnings(): readonly Error[] {
    return this.#warnings;
  }

  /**
   * Empties {@link TestNebariPluginManager.warnings}.
   *
   * @returns The warnings it held.
   * @example
   * ```ts
   * import { createTestNebariPluginManager } from "hooksmith/testing";
   *
   * const nebari = createTestNebariPluginManager();
   * const earlier = nebari.clearWarnings();
   * ```
   */
  clearWarnings(): Error[] {
    return this.#warnings.splice(0);
  }

  /**
   * Imports `importPlugins`, never discovering installed plugins.
   *
   * @param options - `importPlugins`; `entryPoints` may be left out or `false`.
   * @returns What was loaded (`entryPoints` is always empty).
   * @throws {@link TestHarnessError} `HOOKSMITH_DISCOVERY_DISABLED` (as a rejection) for `entryPoints: true`.
   * @throws {@link hooksmith!PluginLoadError} as `NebariPluginManager.loadPlugins`.
   * @example
   * ```ts
   * import { createTestNebariPluginManager } from "hooksmith/testing";
   *
   * const nebari = createTestNebariPluginManager();
   * await nebari.loadPlugins({ importPlugins: ["./fixtures/plugin.ts"] });
   * ```
   */
  override loadPlugins(options: NebariLoadPluginsOptions = {}): Promise<NebariLoadReport> {
    if (options.entryPoints === true) return Promise.reject(discoveryDisabled());
    return super.loadPlugins({ ...options, entryPoints: false });
  }

  /**
   * Refuses to discover installed plugins.
   *
   * @param _group - Ignored.
   * @param _name - Ignored.
   * @param _options - Ignored.
   * @returns Never resolves.
   * @throws {@link TestHarnessError} `HOOKSMITH_DISCOVERY_DISABLED`, as a rejection.
   */
  override loadEntrypoints(_group: string, _name?: string, _options?: LoadEntrypointsOptions): Promise<number> {
    return Promise.reject(discoveryDisabled());
  }
}

/**
 * Creates a {@link TestNebariPluginManager}: a `NebariPluginManager` with the given plugins,
 * no discovery, warnings collected in `nebari.warnings`.
 *
 * @typeParam Cli - The type of `cli` in `nebari_subcommand({ cli })`.
 * @param options - As `NebariPluginManager`'s (without `warn`), plus `plugins` and `checkPending`.
 * @returns The manager.
 * @throws As the {@link TestNebariPluginManager} constructor.
 * @example
 * ```ts
 * import { createTestNebariPluginManager } from "hooksmith/testing";
 * import * as hello from "./plugin.ts";
 *
 * const nebari = createTestNebariPluginManager({ plugins: { "nebari-stage-hello-world": hello } });
 * const { plan } = await nebari.snapshotStages();
 * ```
 */
export function createTestNebariPluginManager<Cli = SubcommandCli>(
  options?: TestNebariPluginManagerOptions<Cli>,
): TestNebariPluginManager<Cli> {
  return new TestNebariPluginManager<Cli>(options);
}
