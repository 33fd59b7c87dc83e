import type { LoadEntrypointsOptions } from "../core/plugin-loading.ts";
import { TestHarnessError } from "./errors.ts";
import { PluginManager } from "../core/plugin-manager.ts";
import type { NoInference, UntypedSpecs } from "../core/types.ts";
import { pluginEntries, type TestPlugins } from "./plugin-list.ts";

/**
 * Options of {@link createTestPluginManager}.
 *
 * @example
 * ```ts
 * import type { TestPluginManagerOptions } from "hooksmith/testing";
 * import { Specs } from "./specs.ts";
 * import * as greeter from "./plugin.ts";
 *
 * const options: TestPluginManagerOptions = { specs: [Specs], plugins: { greeter }, checkPending: true };
 * ```
 */
export interface TestPluginManagerOptions<Specs = UntypedSpecs> {
  /** Spec namespaces (classes, objects, module namespaces) to add, in order: one or a list. */
  readonly specs?: object | readonly object[];
  /** Plugins to register, in order, after the specs; checked against `Specs` when the manager is typed. */
  readonly plugins?: TestPlugins<NoInference<Specs, UntypedSpecs>>;
  /**
   * Call `checkPending()` once the plugins are registered, so that an implementation of a hook
   * without a spec (a typo) fails at once, as in a host that checks; default `true`.
   */
  readonly checkPending?: boolean;
}

/**
 * A {@link PluginManager} for tests: it only knows the specs and plugins given to it (discovery
 * of installed plugins is off), and it collects its warnings in {@link TestPluginManager.warnings}
 * instead of sending them to the process.
 *
 * Everything else is the plain manager: register more plugins, call hooks, subset callers,
 * monitoring, tracing, `importPlugin` of an explicit file.
 *
 * @typeParam Specs - The spec map, as for `PluginManager`.
 * @example
 * ```ts
 * import { HookimplMarker, HookspecMarker } from "hooksmith";
 * import { TestPluginManager } from "hooksmith/testing";
 *
 * const hookspec = HookspecMarker("example");
 * const hookimpl = HookimplMarker("example");
 * const specs = { greet: hookspec((_args: { name: string }): string => "") };
 *
 * const pm = new TestPluginManager<typeof specs>("example", {
 *   specs,
 *   plugins: { greeter: { greet: hookimpl(({ name }: { name: string }) => `Hello ${name}`) } },
 * });
 * console.log(pm.hook.greet({ name: "Ada" }), pm.warnings.length); // ["Hello Ada"] 0
 * ```
 */
export class TestPluginManager<Specs extends object = UntypedSpecs> extends PluginManager<Specs> {
  readonly #warnings: Error[];

  /**
   * Creates the manager, adds the specs, registers the plugins and (by default) checks for
   * implementations of unknown hooks.
   *
   * @param projectName - The project name shared with the markers.
   * @param options - Specs, plugins, `checkPending`.
   * @throws {@link hooksmith!HookspecError} / {@link hooksmith!PluginRegistrationError} / {@link hooksmith!PluginValidationError}
   *   as `addHookspecs`, `register` and `checkPending` do.
   * @throws {@link TestHarnessError} `HOOKSMITH_INVALID_HARNESS_INPUT` for a malformed plugin list.
   */
  constructor(projectName: string, options: TestPluginManagerOptions<Specs> = {}) {
    const warnings: Error[] = [];
    super(projectName, { warn: (warning) => warnings.push(warning) });
    this.#warnings = warnings;
    const specs = options.specs;
    for (const namespace of specs === undefined ? [] : Array.isArray(specs) ? (specs as readonly object[]) : [specs]) {
      this.addHookspecs(namespace);
    }
    for (const [name, plugin] of pluginEntries(options.plugins, "TestPluginManager plugins")) this.register(plugin, name);
    if (options.checkPending !== false) this.checkPending();
  }

  /**
   * The warnings the manager emitted so far, oldest first (missing call arguments,
   * `warnOnImpl`, old-style wrapper teardown errors…): a live list.
   */
  get warnings(): readonly Error[] {
    return this.#warnings;
  }

  /**
   * Empties {@link TestPluginManager.warnings}.
   *
   * @returns The warnings it held.
   * @example
   * ```ts
   * import { createTestPluginManager } from "hooksmith/testing";
   *
   * const pm = createTestPluginManager("example");
   * const earlier = pm.clearWarnings();
   * ```
   */
  clearWarnings(): Error[] {
    return this.#warnings.splice(0);
  }

  /**
   * Refuses to discover installed plugins: a test manager only knows the plugins it is given.
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
 * Creates a {@link TestPluginManager}: a fresh manager with the given specs and plugins,
 * discovery off, and warnings collected in `pm.warnings`.
 *
 * @typeParam Specs - The spec map, as for `PluginManager`.
 * @param projectName - The project name shared with the markers.
 * @param options - Specs, plugins, `checkPending` (default `true`).
 * @returns The manager.
 * @throws As the {@link TestPluginManager} constructor.
 * @example
 * ```ts
 * import { createTestPluginManager } from "hooksmith/testing";
 * import { Specs } from "./specs.ts";
 * import * as greeter from "./plugin.ts";
 *
 * const pm = createTestPluginManager<Specs>("example", { specs: Specs, plugins: { greeter } });
 * console.log(pm.hook.greet({ name: "Ada" }), pm.warnings);
 * ```
 */
export function createTestPluginManager<Specs extends object = UntypedSpecs>(
  projectName: string,
  options?: TestPluginManagerOptions<Specs>,
): TestPluginManager<Specs> {
  return new TestPluginManager<Specs>(projectName, options);
}

/**
 * The error of a test manager asked to discover plugins.
 *
 * @returns The error.
 */
export function discoveryDisabled(): TestHarnessError {
  return new TestHarnessError(
    "Test managers do not discover installed plugins (entry points): pass the plugins to test explicitly (the plugins option, register, or importPlugin of a file)",
    "HOOKSMITH_DISCOVERY_DISABLED",
  );
}
