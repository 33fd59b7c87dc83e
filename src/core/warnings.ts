/**
 * The base class of the warnings hooksmith emits (pluggy's `PluggyWarning`). Warnings go to the
 * manager's `warn` option, or to `process.emitWarning` by default.
 *
 * @example
 * ```ts
 * import { HooksmithWarning, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example", {
 *   warn: (warning) => {
 *     if (warning instanceof HooksmithWarning) console.warn(warning.message);
 *   },
 * });
 * ```
 */
export class HooksmithWarning extends Error {
  /** The warning class name, `"HooksmithWarning"` (printed by `toString()` and in stack traces). */
  override name: string = "HooksmithWarning";
}

/**
 * An old-style hookwrapper (`hookwrapper: true`) threw after its `yield` (pluggy's
 * `PluggyTeardownRaisedWarning`). The error still propagates to the outer wrappers and the caller;
 * the warning tells which plugin raised it, because old-style wrappers should change the outcome
 * with `outcome.forceException()` instead.
 *
 * @example
 * ```ts
 * import { PluginManager, TeardownRaisedWarning } from "hooksmith";
 *
 * const pm = new PluginManager("example", {
 *   warn: (warning) => {
 *     if (warning instanceof TeardownRaisedWarning) console.warn(warning.pluginName, warning.hookName);
 *   },
 * });
 * ```
 */
export class TeardownRaisedWarning extends HooksmithWarning {
  /** The warning class name, `"TeardownRaisedWarning"` (printed by `toString()` and in stack traces). */
  override name: string = "TeardownRaisedWarning";
  /** The plugin whose wrapper raised. */
  readonly pluginName: string;
  /** The hook being called. */
  readonly hookName: string;

  /**
   * @param message - pluggy's teardown warning text.
   * @param pluginName - The plugin whose wrapper raised.
   * @param hookName - The hook being called.
   */
  constructor(message: string, pluginName: string, hookName: string) {
    super(message);
    this.pluginName = pluginName;
    this.hookName = hookName;
  }
}

/**
 * A hook was called without arguments its specification declares (pluggy emits a plain
 * `UserWarning`). The call still runs; an implementation that needs a missing argument throws
 * `HookCallError`.
 *
 * @example
 * ```ts
 * import { HookArgumentsWarning, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example", {
 *   warn: (warning) => {
 *     if (warning instanceof HookArgumentsWarning) console.warn(warning.hookName, warning.missing);
 *   },
 * });
 * ```
 */
export class HookArgumentsWarning extends HooksmithWarning {
  /** The warning class name, `"HookArgumentsWarning"` (printed by `toString()` and in stack traces). */
  override name: string = "HookArgumentsWarning";
  /** The hook being called. */
  readonly hookName: string;
  /** The spec arguments the call lacks, in spec order. */
  readonly missing: readonly string[];

  /**
   * @param hookName - The hook being called.
   * @param missing - The spec arguments the call lacks, in spec order.
   */
  constructor(hookName: string, missing: readonly string[]) {
    super(
      `Hook '${hookName}' was called without argument(s) [${missing.map((name) => JSON.stringify(name)).join(", ")}], which its hookspec declares`,
    );
    this.hookName = hookName;
    this.missing = missing;
  }
}

/**
 * A promise met a synchronous code path that cannot await it: an implementation returned a promise
 * during a historic replay in `register()` (use `registerAsync()` to await replays).
 *
 * @example
 * ```ts
 * import { AsyncHookWarning, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example", {
 *   warn: (warning) => {
 *     if (warning instanceof AsyncHookWarning) console.warn(warning.message);
 *   },
 * });
 * ```
 */
export class AsyncHookWarning extends HooksmithWarning {
  /** The warning class name, `"AsyncHookWarning"` (printed by `toString()` and in stack traces). */
  override name: string = "AsyncHookWarning";
  /** The hook being called. */
  readonly hookName: string;
  /** The plugin whose implementation returned a promise. */
  readonly pluginName: string;

  /**
   * @param message - What was not awaited.
   * @param hookName - The hook being called.
   * @param pluginName - The plugin whose implementation returned a promise.
   */
  constructor(message: string, hookName: string, pluginName: string) {
    super(message);
    this.hookName = hookName;
    this.pluginName = pluginName;
  }
}
