import { describePlugin, describeRegistry } from "./describe.ts";
import { listPluginDistinfo, type PluginDistInfo } from "./plugin-records.ts";
import { HookCallError } from "./errors.ts";
import { HookspecError } from "./errors.ts";
import { PluginRegistrationError } from "./errors.ts";
import { PluginValidationError } from "./errors.ts";
import { HookCaller, replayHistory, replayHistoryAsync } from "./hook-caller.ts";
import { HookCore, type CallEnvironment, type HookcallAfter, type HookcallBefore } from "./hook-core.ts";
import { HookImpl } from "./hook-impl.ts";
import { HookSpec } from "./hook-spec.ts";
import { memberNames, memberReadError, specMember, specMemberNames } from "./plugin-members.ts";
import { checkWrapperShape, verifyImpl } from "./verify-impl.ts";
import { ensureHookspecOpts, isNormalizedOpts, markKey, normalizeHookimplOpts } from "./marker-options.ts";
import { describeValue } from "./describe.ts";
import { TagTracer, type TagTracerSub } from "./tracing.ts";
import type { HookimplOptions, HookimplOpts, HookNames, HookOf, HookspecOptions, HookspecOpts, UntypedSpecs } from "./types.ts";
import type { CheckPlugin } from "./types.ts";
import type { ImportPluginOptions, LoadEntrypointsOptions, LoadingPlatform, PluginLoadError } from "./plugin-loading.ts";
import { defaultWarn, loadPlatform } from "./runtime.ts";

/** Options of a {@link PluginManager}. */
export interface PluginManagerOptions {
  /**
   * Receives every warning the manager emits (missing call arguments, `warnOnImpl`, old-style
   * wrapper teardown errors). Defaults to `process.emitWarning` where the runtime has it (Node,
   * Deno, Bun), `console.warn` elsewhere.
   */
  readonly warn?: ((warning: Error) => void) | undefined;
}

/** `pm.hook`: one {@link HookCaller} per hook name. */
export type HookRelay<Specs> = { readonly [Name in HookNames<Specs>]: HookCaller<HookOf<Specs, Name>> };

// A registration under way: the plugin's implementations, and what has been done so far, so that
// a failure part way leaves no trace.
interface Registration {
  readonly plugin: object;
  readonly name: string;
  readonly entries: readonly RegistrationEntry[];
  /** The hooks the plugin has implementations in (kept as the plugin's list once registered). */
  readonly cores: HookCore[];
  /** The hooks this registration created. */
  readonly created: HookCore[];
  /** How many entries are attached. */
  attached: number;
}

interface RegistrationEntry {
  readonly hookName: string;
  readonly impl: HookImpl;
  /** The spec the implementation was verified against before anything was attached. */
  readonly verifiedSpec: HookSpec | undefined;
  core: HookCore | undefined;
}

const canonicalIds = new WeakMap<object, number>();
// Each manager's call environment, for the optional layers built on the core (observeHooks) that
// need it without being methods of the manager.
const environments = new WeakMap<object, CallEnvironment>();

/**
 * The call environment of a manager: where its warnings go, its monitors and observers.
 *
 * @internal
 */
export function callEnvironmentOf(manager: object): CallEnvironment | undefined {
  return environments.get(manager);
}
let nextCanonicalId = 1;

/**
 * Registers plugins and calls their hooks with pluggy's semantics (pluggy's `PluginManager`).
 *
 * Add hook specifications with {@link PluginManager.addHookspecs}, register plugins (objects,
 * class instances, classes with static hooks, or module namespaces) with
 * {@link PluginManager.register}, and call hooks through `pm.hook.<name>(args)`. Type the manager
 * with a spec map (`PluginManager<Specs>`) to have every hook call checked.
 *
 * Registration is atomic: a plugin that fails validation, or whose historic replay throws, leaves
 * no trace (pluggy leaves it half-registered).
 *
 * @typeParam Specs - The spec map: hook name to hook function type. Untyped by default.
 * @example
 * ```ts
 * import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";
 *
 * const hookspec = HookspecMarker("eggsample");
 * const hookimpl = HookimplMarker("eggsample");
 *
 * class Specs {
 *   @hookspec
 *   addIngredients({ ingredients }: { ingredients: string[] }): string[] {
 *     return ingredients;
 *   }
 * }
 *
 * class Spam {
 *   @hookimpl
 *   addIngredients({ ingredients }: { ingredients: string[] }) {
 *     return ingredients.includes("egg") ? ["lovely spam"] : ["spam"];
 *   }
 * }
 *
 * const pm = new PluginManager<Specs>("eggsample");
 * pm.addHookspecs(Specs);
 * pm.register(new Spam());
 * console.log(pm.hook.addIngredients({ ingredients: ["egg"] })); // [["lovely spam"]]
 * ```
 */
export class PluginManager<Specs extends object = UntypedSpecs> {
  /** The project name: only marks of this project are seen. */
  readonly projectName: string;
  /** The hook relay: `pm.hook.<name>` is the {@link HookCaller} of that hook. */
  readonly hook: HookRelay<Specs>;
  /** The `"pluginmanage"` tracer; `pm.trace.root` is the root {@link TagTracer}. */
  readonly trace: TagTracerSub;
  readonly #registry = new Map<string, object | null>();
  // Each registered plugin: its name, and the hooks it has implementations in (an array, as a
  // plugin implements few hooks and a Set per plugin costs noticeably more to create and keep when
  // thousands of plugins register).
  readonly #plugins = new Map<object, { readonly name: string; readonly cores: HookCore[] }>();
  readonly #cores = new Map<string, HookCore>();
  readonly #callers = new Map<string, HookCaller>();
  readonly #env: CallEnvironment;
  readonly #implKey: symbol;
  readonly #specKey: symbol;
  #coreCount = 0;

  /**
   * @param projectName - The project name shared with the markers.
   * @param options - Where warnings go.
   * @throws {TypeError} When `projectName` is not a non-empty string.
   */
  constructor(projectName: string, options: PluginManagerOptions = {}) {
    if (typeof projectName !== "string" || projectName === "") {
      throw new TypeError(`PluginManager needs a non-empty project name, got ${describeValue(projectName)}`);
    }
    this.projectName = projectName;
    this.hook = Object.create(null) as HookRelay<Specs>;
    this.trace = new TagTracer().get("pluginmanage");
    const warn = options.warn ?? defaultWarn;
    this.#env = { warn, monitors: [], observers: [], observe: undefined, plain: true };
    environments.set(this, this.#env);
    this.#implKey = markKey(projectName, "impl");
    this.#specKey = markKey(projectName, "spec");
  }

  /**
   * Adds the hook specifications found in `namespace`: the members marked with this project's
   * `hookspec` on a class (prototype and static methods), a plain object, or a module namespace.
   * Implementations registered earlier for these hooks are validated against them. Nothing is
   * added when any spec fails.
   *
   * @param namespace - A class, object or module namespace holding marked functions.
   * @throws {HookspecError} When no spec is found, or a hook already has a spec.
   * @throws {PluginValidationError} When an implementation registered earlier does not fit its new spec.
   * @example
   * ```ts
   * import { HookspecMarker, PluginManager } from "hooksmith";
   *
   * const hookspec = HookspecMarker("example");
   * const pm = new PluginManager("example");
   * pm.addHookspecs({ ready: hookspec(() => {}) });
   * ```
   */
  addHookspecs(namespace: object): void {
    if ((typeof namespace !== "object" && typeof namespace !== "function") || namespace === null) {
      throw new HookspecError(`addHookspecs needs a class, an object or a module namespace, got ${describeValue(namespace)}`, {
        code: "HOOKSMITH_INVALID_SPEC_NAMESPACE",
        namespace,
      });
    }
    const found: HookSpec[] = [];
    for (const member of specMemberNames(namespace)) {
      const opts = this.#readMember(namespace, member, "hook specification namespace", () =>
        this.parseHookspecOpts(namespace, member),
      );
      if (opts === undefined || opts === null) continue;
      const normalized = ensureHookspecOpts(opts, ` for hook '${member}' of ${describePlugin(namespace)}`);
      const fn = specMember(namespace, member);
      if (typeof fn !== "function") {
        throw new HookspecError(`Hook specification '${member}' of ${describePlugin(namespace)} is not a function`, {
          code: "HOOKSMITH_INVALID_SPEC_NAMESPACE",
          hookName: member,
          namespace,
        });
      }
      found.push(new HookSpec(namespace, member, fn, normalized));
    }
    if (found.length === 0) {
      throw new HookspecError(`did not find any '${this.projectName}' hooks in ${describePlugin(namespace)}`, {
        code: "HOOKSMITH_NO_HOOKSPECS",
        namespace,
      });
    }
    for (const spec of found) {
      const existing = this.#cores.get(spec.name)?.spec;
      if (existing !== undefined) {
        throw new HookspecError(
          `Hook '${spec.name}' is already registered within namespace ${describePlugin(existing.namespace)}`,
          { code: "HOOKSMITH_SPEC_CONFLICT", hookName: spec.name, namespace },
        );
      }
    }
    for (const spec of found) {
      for (const impl of this.#cores.get(spec.name)?.impls ?? []) verifyImpl(spec.name, spec, impl, this.#env.warn);
    }
    for (const spec of found) (this.#cores.get(spec.name) ?? this.#createCore(spec.name)).setSpec(spec);
  }

  /**
   * Registers a plugin and returns its name: every member marked with this project's `hookimpl`
   * becomes an implementation of the hook it names (or of its `specname`). Members are scanned in
   * sorted name order, along the prototype chain; `this` inside an implementation is the plugin.
   * A historic hook replays its recorded calls to the new implementations.
   *
   * On a typed manager (`PluginManager<Specs>`) the plugin is checked at compile time (see
   * {@link CheckPlugin}): members named after a hook, or marked with a `specname`, must fit that
   * hook's spec, a member marked with `hookimpl` must name a hook unless it is `optionalhook`, and
   * `hookimpl(fn)` written in the call gets its argument types from the spec.
   *
   * @param plugin - A class instance, a plain object, a module namespace, or a class (static members).
   * @param name - The name to register under; defaults to `getCanonicalName(plugin)`.
   * @returns The name, or `undefined` when the name is blocked (or when the plugin unregistered
   * itself while a historic hook replayed its calls to it).
   * @throws {PluginRegistrationError} When the value is not a plugin, or the name or object is already registered.
   * @throws {PluginValidationError} When an implementation does not fit its hook's spec.
   * @example
   * ```ts
   * import { HookimplMarker, PluginManager } from "hooksmith";
   *
   * const hookimpl = HookimplMarker("example");
   * const pm = new PluginManager("example");
   * const name = pm.register({ ready: hookimpl(() => "ok") }, "my-plugin");
   * console.log(name, pm.hook["ready"]!()); // "my-plugin" ["ok"]
   * ```
   */
  register<PluginObject extends object>(plugin: CheckPlugin<Specs, PluginObject>, name?: string): string | undefined {
    const registration = this.#start(plugin, name);
    if (registration === undefined) return undefined;
    const { entries } = registration;
    try {
      for (let i = this.#attachUntilReplay(registration); i < entries.length; i = this.#attachUntilReplay(registration)) {
        replayHistory(entries[i]!.core!, entries[i]!.impl);
        if (this.#unregisteredDuring(registration)) return undefined;
        this.#attachNext(registration);
      }
    } catch (error) {
      this.#rollback(registration);
      throw error;
    }
    return registration.name;
  }

  /**
   * `register`, awaiting historic replays: implementations may be async and result callbacks may
   * return promises. Use it after `callHistoricAsync`. A typed manager checks the plugin as
   * `register` does.
   *
   * @param plugin - As for `register`.
   * @param name - As for `register`.
   * @returns The name, or `undefined` when the name is blocked.
   * @throws As `register`; a replay that rejects unregisters the plugin again.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * await pm.registerAsync(await import("./plugin.js"), "plugin");
   * ```
   */
  async registerAsync<PluginObject extends object>(
    plugin: CheckPlugin<Specs, PluginObject>,
    name?: string,
  ): Promise<string | undefined> {
    const registration = this.#start(plugin, name);
    if (registration === undefined) return undefined;
    const { entries } = registration;
    try {
      for (let i = this.#attachUntilReplay(registration); i < entries.length; i = this.#attachUntilReplay(registration)) {
        await replayHistoryAsync(entries[i]!.core!, entries[i]!.impl);
        if (this.#unregisteredDuring(registration)) return undefined;
        this.#attachNext(registration);
      }
    } catch (error) {
      this.#rollback(registration);
      throw error;
    }
    return registration.name;
  }

  /**
   * Unregisters a plugin and removes all of its implementations; give the plugin, its name, or
   * both (they must agree).
   *
   * @param plugin - The plugin object.
   * @param name - The name it is registered under.
   * @returns The plugin, or `undefined` when `name` designates no registered plugin.
   * @throws {PluginRegistrationError} When neither is given, the plugin is not registered, or they disagree.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * const plugin = {};
   * pm.register(plugin, "p");
   * pm.unregister(plugin); // or pm.unregister(undefined, "p")
   * ```
   */
  unregister(plugin?: object, name?: string): object | undefined {
    if (name === undefined) {
      if (plugin === undefined) {
        throw new PluginRegistrationError("one of name or plugin needs to be specified", {
          code: "HOOKSMITH_UNREGISTER_ARGUMENTS",
        });
      }
      name = this.#plugins.get(plugin)?.name;
      if (name === undefined) {
        throw new PluginRegistrationError(`plugin is not registered: ${describePlugin(plugin)}`, {
          code: "HOOKSMITH_PLUGIN_NOT_REGISTERED",
          plugin,
        });
      }
    } else if (plugin === undefined) {
      const found = this.#registry.get(name);
      if (found === undefined || found === null) return undefined;
      plugin = found;
    } else {
      const found = this.#registry.get(name);
      if (found !== plugin) {
        // pluggy lets a blocked name be "unregistered" with any unregistered plugin: nothing to do.
        if (found === null && !this.#plugins.has(plugin)) return plugin;
        throw new PluginRegistrationError(
          `unregister(plugin, name): ${describePlugin(plugin)} is not registered under the name '${name}'`,
          { code: "HOOKSMITH_UNREGISTER_MISMATCH", plugin, pluginName: name },
        );
      }
    }
    for (const core of this.#plugins.get(plugin)?.cores ?? []) core.removePlugin(plugin);
    if (this.#registry.get(name) === plugin) {
      this.#registry.delete(name);
      this.#plugins.delete(plugin);
    }
    return plugin;
  }

  /**
   * Blocks a name: a plugin registered under it is unregistered, and later registrations under
   * it are skipped (`register` returns `undefined`).
   *
   * @param name - The plugin name to block.
   */
  setBlocked(name: string): void {
    this.unregister(undefined, name);
    this.#registry.set(name, null);
  }

  /**
   * Whether a name is blocked.
   *
   * @param name - The plugin name.
   * @returns `true` when blocked.
   */
  isBlocked(name: string): boolean {
    return this.#registry.get(name) === null;
  }

  /**
   * Unblocks a name.
   *
   * @param name - The plugin name.
   * @returns Whether the name was blocked.
   */
  unblock(name: string): boolean {
    if (this.#registry.get(name) !== null) return false;
    this.#registry.delete(name);
    return true;
  }

  /**
   * The registered plugins.
   *
   * @returns A new set of plugin objects (blocked names are not included).
   */
  getPlugins(): Set<object> {
    return new Set(this.#plugins.keys());
  }

  /**
   * Whether a plugin object is registered.
   *
   * @param plugin - The plugin object.
   * @returns `true` when registered.
   */
  isRegistered(plugin: object): boolean {
    return this.#plugins.has(plugin);
  }

  /**
   * The canonical name of a plugin: its own non-empty string `name` (a class's or function's
   * name, or a `name` property), otherwise a name unique to the object such as `"Plugin@3"`.
   *
   * @param plugin - The plugin object.
   * @returns The name `register` uses when none is given.
   */
  getCanonicalName(plugin: object): string {
    let own: unknown;
    try {
      own = (plugin as { name?: unknown }).name;
    } catch {
      own = undefined;
    }
    if (typeof own === "string" && own !== "") return own;
    let id = canonicalIds.get(plugin);
    if (id === undefined) {
      id = nextCanonicalId++;
      canonicalIds.set(plugin, id);
    }
    let constructorName: unknown;
    try {
      constructorName =
        typeof plugin === "object" ? (plugin as { constructor?: { name?: unknown } }).constructor?.name : undefined;
    } catch {
      // A throwing `constructor` getter, or a Proxy whose traps throw: the name falls back to "plugin@N".
      constructorName = undefined;
    }
    return `${typeof constructorName === "string" && constructorName !== "" && constructorName !== "Object" ? constructorName : "plugin"}@${id}`;
  }

  /**
   * The plugin registered under a name.
   *
   * @param name - The plugin name.
   * @returns The plugin, or `undefined` when none (or the name is blocked).
   */
  getPlugin(name: string): object | undefined {
    return this.#registry.get(name) ?? undefined;
  }

  /**
   * Whether a plugin is registered under a name.
   *
   * @param name - The plugin name.
   * @returns `true` when a plugin is registered under it.
   */
  hasPlugin(name: string): boolean {
    return this.getPlugin(name) !== undefined;
  }

  /**
   * The name a plugin is registered under.
   *
   * @param plugin - The plugin object.
   * @returns The name, or `undefined` when not registered.
   */
  getName(plugin: object): string | undefined {
    return this.#plugins.get(plugin)?.name;
  }

  /**
   * Every name with its plugin, in registration order, including blocked names (with `undefined`).
   *
   * @returns A new array of `[name, plugin]` pairs.
   */
  listNamePlugin(): Array<[string, object | undefined]> {
    return [...this.#registry].map(([name, plugin]) => [name, plugin ?? undefined]);
  }

  /**
   * The hook callers a plugin has implementations in, in the order the hooks were created.
   *
   * @param plugin - The plugin object.
   * @returns The callers, or `undefined` when the plugin is not registered.
   */
  getHookcallers(plugin: object): HookCaller[] | undefined {
    const registered = this.#plugins.get(plugin);
    if (registered === undefined) return undefined;
    return [...registered.cores].sort((a, b) => a.order - b.order).map((core) => this.#callers.get(core.name)!);
  }

  /**
   * Verifies that every implementation of a hook without a spec is marked `optionalhook`
   * (pluggy's `check_pending`); hook names starting with `_` are skipped. Call it after adding all
   * specs to catch misspelt hook names.
   *
   * @throws {PluginValidationError} Naming the first unknown hook and its plugin.
   */
  checkPending(): void {
    for (const [name, core] of this.#cores) {
      if (name.startsWith("_") || core.spec !== undefined) continue;
      for (const impl of core.impls) {
        if (!impl.optionalhook) {
          throw new PluginValidationError(
            impl.plugin,
            `unknown hook '${name}' in plugin ${describePlugin(impl.plugin)} (registered as '${impl.pluginName}')`,
            { code: "HOOKSMITH_UNKNOWN_HOOK", pluginName: impl.pluginName, hookName: name },
          );
        }
      }
    }
  }

  /**
   * Reads the hookimpl options of one member of a plugin, or `undefined` to skip it. Override it
   * in a subclass to recognise implementations differently; returning `{}` makes the member an
   * implementation with default options.
   *
   * @param plugin - The plugin being registered.
   * @param name - The member name.
   * @returns The options, or `undefined`.
   */
  parseHookimplOpts(plugin: object, name: string): HookimplOptions | HookimplOpts | undefined {
    const method = (plugin as Record<string, unknown>)[name];
    if (typeof method !== "function") return undefined;
    const opts = (method as unknown as Record<symbol, unknown>)[this.#implKey];
    return typeof opts === "object" && opts !== null ? (opts as HookimplOpts) : undefined;
  }

  /**
   * Reads the hookspec options of one member of a spec namespace, or `undefined` to skip it.
   * Override it in a subclass to recognise specs differently.
   *
   * @param namespace - The namespace being added.
   * @param name - The member name.
   * @returns The options, or `undefined`.
   */
  parseHookspecOpts(namespace: object, name: string): HookspecOptions | HookspecOpts | undefined {
    const method = specMember(namespace, name);
    if (typeof method !== "function") return undefined;
    const opts = (method as unknown as Record<symbol, unknown>)[this.#specKey];
    return typeof opts === "object" && opts !== null ? (opts as HookspecOpts) : undefined;
  }

  /**
   * Loads the plugins that installed packages declare for `group` (pluggy's
   * `load_setuptools_entrypoints`): every package.json in the `node_modules` folders of
   * `options.cwd` and its ancestors with `"entryPoints": { "<group>": { "<name>": "./plugin.js" } }`
   * is imported and registered under `<name>`. Names already registered or blocked are skipped;
   * order is by package name, then entry name. See docs/hosts-loading-plugins.md.
   *
   * @param group - The entry point group, usually the project name.
   * @param name - Load only the entry point of this name.
   * @param options - Where to look, and whether a broken plugin stops the load or is reported.
   * @returns The number of plugins this call registered.
   * @throws {PluginLoadError} For a broken plugin, unless the options ask to skip and report.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * const loaded = await pm.loadEntrypoints("example");
   * ```
   */
  loadEntrypoints(group: string, name?: string, options?: LoadEntrypointsOptions): Promise<number> {
    return loadPlatform<LoadingPlatform>().then((platform) => platform.loadEntrypoints(this, group, name, options));
  }

  /**
   * Imports a plugin from a file path (`.js`, `.mjs`, `.cjs`, or `.ts` / `.mts` with `tsx`
   * installed) or a package specifier, and registers its module namespace (Nebari's
   * `--import-plugin`). Importing a plugin that is already registered returns its name.
   *
   * @param specifier - A path relative to the working directory, an absolute path, or a package specifier.
   * @param name - The name to register under; defaults to `specifier` as given.
   * @param options - The working directory to resolve from.
   * @returns The registered name.
   * @throws {PluginLoadError} When the module is missing, throws while loading, or cannot be registered.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * await pm.importPlugin("./plugins/hello.ts");
   * ```
   */
  importPlugin(specifier: string, name?: string, options?: ImportPluginOptions): Promise<string> {
    return loadPlatform<LoadingPlatform>().then((platform) => platform.importPlugin(this, specifier, name, options));
  }

  /**
   * Every registered plugin with where it came from (pluggy's `list_plugin_distinfo`, for every
   * plugin rather than entry points only): its name, source, package name and version, and file.
   *
   * @returns `[plugin, info]` pairs in registration order.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * for (const [, info] of pm.listPluginDistinfo()) console.log(info.name, info.version);
   * ```
   */
  listPluginDistinfo(): Array<[plugin: object, info: PluginDistInfo]> {
    return listPluginDistinfo(this);
  }

  /**
   * Calls `before` and `after` around every hook call (pluggy's `add_hookcall_monitoring`),
   * including async calls, historic calls and replays, `callExtra` and subset callers. `after`
   * receives the call's `Result` and may change it. The latest monitor added is the
   * outermost.
   *
   * @param before - Called with the hook name, its implementations and the arguments.
   * @param after - Called with the outcome, then the same arguments.
   * @returns An undo function, which restores the monitors as they were when this one was added.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * const undo = pm.addHookcallMonitoring(
   *   (hookName) => console.time(hookName),
   *   (_outcome, hookName) => console.timeEnd(hookName),
   * );
   * undo();
   * ```
   */
  addHookcallMonitoring(before: HookcallBefore, after: HookcallAfter): () => void {
    if (typeof before !== "function" || typeof after !== "function") {
      throw new TypeError(
        `addHookcallMonitoring needs two functions (before, after), got ${describeValue(before)} and ${describeValue(after)}`,
      );
    }
    const env = this.#env;
    const previous = env.monitors;
    env.monitors = [...previous, { before, after }];
    env.plain = false;
    return () => {
      env.monitors = previous;
      env.plain = env.monitors.length === 0 && env.observers.length === 0;
    };
  }

  /**
   * Traces every hook call to the `"hook"` tracer under `pm.trace.root` (pluggy's
   * `enable_tracing`): the hook name and arguments, then `finish <name> --> <result>`, indented by
   * nesting. Set a writer on `pm.trace.root` to see the lines.
   *
   * @returns An undo function.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * pm.trace.root.setWriter((line) => process.stderr.write(line));
   * const undo = pm.enableTracing();
   * ```
   */
  enableTracing(): () => void {
    const hooktrace = this.trace.root.get("hook");
    return this.addHookcallMonitoring(
      (hookName, _impls, kwargs) => {
        hooktrace.root.indent += 1;
        hooktrace(hookName, kwargs);
      },
      (outcome, hookName) => {
        if (!outcome.failed) hooktrace("finish", hookName, "-->", outcome.getResult());
        hooktrace.root.indent -= 1;
      },
    );
  }

  /**
   * A live view of hook `name` without the implementations of `removePlugins` (pluggy's
   * `subset_hook_caller`): later registrations and unregistrations show through, and historic
   * calls share the original's history. Plugins that implement the hook through `specname` are
   * removed too (a pluggy bug, fixed upstream later). When none of `removePlugins` implements the
   * hook, the original caller itself is returned.
   *
   * @param name - The hook name.
   * @param removePlugins - The plugins to leave out.
   * @returns The view, or the original caller.
   * @throws {HookCallError} When no hook of that name exists.
   */
  subsetHookCaller<Name extends HookNames<Specs>>(name: Name, removePlugins: Iterable<object>): HookCaller<HookOf<Specs, Name>> {
    const core = this.#cores.get(name);
    if (core === undefined) {
      throw new HookCallError(`no hook named '${name}': add its spec or register an implementation first`, {
        code: "HOOKSMITH_UNKNOWN_HOOK_NAME",
        hookName: name,
      });
    }
    const removed = new Set<object>();
    for (const plugin of removePlugins) if (this.#implementsHook(plugin, name, core)) removed.add(plugin);
    const caller = removed.size === 0 ? this.#callers.get(name)! : new HookCaller(core, removed);
    return caller as unknown as HookCaller<HookOf<Specs, Name>>;
  }

  // Checks the plugin and its implementations against the specs known now, then records its name
  // (before any replay runs, as pluggy does, so that a replayed implementation sees its plugin
  // registered). Returns undefined for a blocked name.
  #start(plugin: object, name: string | undefined): Registration | undefined {
    if ((typeof plugin !== "object" && typeof plugin !== "function") || plugin === null) {
      const target = typeof name === "string" && name !== "" ? `plugin '${name}'` : "a plugin";
      throw new PluginRegistrationError(
        `Cannot register ${describeValue(plugin)} as ${target}: a plugin is an object, a class instance, a class or a module namespace`,
        { code: "HOOKSMITH_INVALID_PLUGIN", plugin, pluginName: typeof name === "string" && name !== "" ? name : undefined },
      );
    }
    if (name !== undefined && typeof name !== "string") {
      throw new PluginRegistrationError(`A plugin name must be a string, got ${describeValue(name)}`, {
        code: "HOOKSMITH_INVALID_PLUGIN_NAME",
        plugin,
      });
    }
    const pluginName = name || this.getCanonicalName(plugin);
    if (this.#registry.has(pluginName)) {
      if (this.#registry.get(pluginName) === null) return undefined;
      throw new PluginRegistrationError(
        `Plugin name already registered: ${pluginName}=${describePlugin(plugin)}\n${describeRegistry(this.#registry)}`,
        { code: "HOOKSMITH_DUPLICATE_PLUGIN_NAME", plugin, pluginName },
      );
    }
    if (this.#plugins.has(plugin)) {
      throw new PluginRegistrationError(
        `Plugin already registered under a different name: ${pluginName}=${describePlugin(plugin)}\n${describeRegistry(this.#registry)}`,
        { code: "HOOKSMITH_DUPLICATE_PLUGIN", plugin, pluginName },
      );
    }
    const entries: RegistrationEntry[] = [];
    for (const member of memberNames(plugin, pluginName)) {
      let opts: HookimplOptions | HookimplOpts | undefined;
      try {
        opts = this.parseHookimplOpts(plugin, member);
      } catch (error) {
        throw memberReadError(plugin, member, `plugin '${pluginName}'`, error);
      }
      if (opts === undefined || opts === null) continue;
      const normalized = isNormalizedOpts(opts)
        ? opts
        : normalizeHookimplOpts(opts, ` for member '${member}' of plugin '${pluginName}'`);
      const fn = (plugin as Record<string, unknown>)[member];
      if (typeof fn !== "function") {
        throw new PluginValidationError(plugin, `Plugin '${pluginName}': hook implementation '${member}' is not a function`, {
          code: "HOOKSMITH_INVALID_HOOKIMPL",
          pluginName,
          hookName: normalized.specname ?? member,
        });
      }
      const impl = new HookImpl(plugin, pluginName, fn, normalized);
      const hookName = normalized.specname ?? member;
      const spec = this.#cores.get(hookName)?.spec;
      if (spec === undefined) checkWrapperShape(hookName, impl);
      else verifyImpl(hookName, spec, impl, this.#env.warn);
      entries.push({ hookName, impl, verifiedSpec: spec, core: undefined });
    }
    if (typeof plugin === "function" && entries.length === 0) {
      throw new PluginRegistrationError(
        `Cannot register ${describePlugin(plugin)} as plugin '${pluginName}': it has no static hook implementations (did you mean to register an instance, new ${classNameOf(plugin) ?? "Plugin"}()?)`,
        { code: "HOOKSMITH_PLUGIN_WITHOUT_HOOKS", plugin, pluginName },
      );
    }
    this.#registry.set(pluginName, plugin);
    const cores: HookCore[] = [];
    this.#plugins.set(plugin, { name: pluginName, cores });
    return { plugin, name: pluginName, entries, cores, created: [], attached: 0 };
  }

  // Attaches the next entries up to one whose hook is historic, which must first replay its
  // history to the implementation; returns that entry's index (entries.length when all are
  // attached). Each implementation is verified against the spec its hook has now, as pluggy
  // does: a replay may have added specs (pytest-xdist's pytest_addhooks).
  #attachUntilReplay(registration: Registration): number {
    const { entries } = registration;
    for (; registration.attached < entries.length; registration.attached++) {
      const entry = entries[registration.attached]!;
      let core = this.#cores.get(entry.hookName);
      if (core === undefined) {
        core = this.#createCore(entry.hookName);
        registration.created.push(core);
      }
      entry.core = core;
      if (core.spec !== entry.verifiedSpec && core.spec !== undefined) {
        verifyImpl(entry.hookName, core.spec, entry.impl, this.#env.warn);
      }
      if (core.history !== undefined) return registration.attached;
      this.#attachEntry(registration, entry);
    }
    return entries.length;
  }

  // Attaches the entry whose history was just replayed.
  #attachNext(registration: Registration): void {
    this.#attachEntry(registration, registration.entries[registration.attached]!);
    registration.attached++;
  }

  #attachEntry(registration: Registration, entry: RegistrationEntry): void {
    const core = entry.core!;
    core.addImpl(entry.impl);
    if (!registration.cores.includes(core)) registration.cores.push(core);
  }

  // Undoes a registration that failed part way, so that it leaves no trace.
  #rollback(registration: Registration): void {
    for (const entry of registration.entries) entry.core?.removeImpl(entry.impl);
    for (const core of registration.created) {
      if (core.impls.length === 0 && core.spec === undefined && this.#cores.get(core.name) === core) {
        this.#cores.delete(core.name);
        this.#callers.delete(core.name);
        delete (this.hook as Record<string, unknown>)[core.name];
      }
    }
    // Only this registration's own entries: a replay may have unregistered the plugin and
    // registered it again.
    if (this.#plugins.get(registration.plugin)?.cores === registration.cores) {
      this.#plugins.delete(registration.plugin);
      if (this.#registry.get(registration.name) === registration.plugin) this.#registry.delete(registration.name);
    }
  }

  // A replayed implementation may unregister its own plugin: then the unregister wins, and what
  // this registration attached so far is removed too.
  #unregisteredDuring(registration: Registration): boolean {
    if (this.#plugins.get(registration.plugin)?.cores === registration.cores) return false;
    this.#rollback(registration);
    return true;
  }

  #createCore(name: string): HookCore {
    const core = new HookCore(name, this.#env, this.#coreCount++);
    const caller = new HookCaller(core);
    this.#cores.set(name, core);
    this.#callers.set(name, caller);
    Object.defineProperty(this.hook, name, { value: caller, enumerable: true, configurable: true, writable: false });
    return core;
  }

  // Reads one member through a parse hook, turning a throwing getter, export or override into an
  // error that names the plugin and the member.
  #readMember<T>(owner: object, member: string, what: string, read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw memberReadError(owner, member, what, error);
    }
  }

  #implementsHook(plugin: unknown, name: string, core: HookCore): boolean {
    if ((typeof plugin !== "object" && typeof plugin !== "function") || plugin === null) return false;
    if (name in plugin || core.impls.some((impl) => impl.plugin === plugin)) return true;
    return memberNames(plugin, undefined).some((member) => {
      try {
        const opts = this.parseHookimplOpts(plugin, member);
        return opts !== undefined && opts !== null && opts.specname === name;
      } catch {
        return false;
      }
    });
  }
}

/**
 * Creates a {@link PluginManager}; the same as `new PluginManager(projectName, options)`.
 *
 * @param projectName - The project name shared with the markers.
 * @param options - Where warnings go.
 * @returns The manager.
 * @example
 * ```ts
 * import { createPluginManager } from "hooksmith";
 *
 * const pm = createPluginManager("example", { warn: (warning) => console.warn(warning.message) });
 * ```
 */
export function createPluginManager<Specs extends object = UntypedSpecs>(
  projectName: string,
  options?: PluginManagerOptions,
): PluginManager<Specs> {
  return new PluginManager<Specs>(projectName, options);
}

// A class's name for a hint, or undefined (reading it may throw on a hostile Proxy).
function classNameOf(value: Function): string | undefined {
  try {
    return typeof value.name === "string" && value.name !== "" ? value.name : undefined;
  } catch {
    return undefined;
  }
}
