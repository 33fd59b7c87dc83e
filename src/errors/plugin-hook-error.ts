import { HooksmithError } from "./hooksmith-error.ts";

/**
 * The stable codes of {@link PluginHookError}.
 *
 * - `HOOKSMITH_PLUGIN_HOOK_FAILED`: the plugin's implementation threw (or rejected); `cause` is
 *   the original error.
 * - `HOOKSMITH_PLUGIN_HOOK_RESULT`: it returned something of the wrong shape, e.g. a stage class
 *   instead of an array of stage classes.
 * - `HOOKSMITH_PLUGIN_HOOK_WRAPPER`: it is a wrapper (`wrapper` / `hookwrapper`), which a hook
 *   collected plugin by plugin cannot honour: it would only ever see its own plugin's results.
 *
 * @example
 * ```ts
 * import type { PluginHookErrorCode } from "hooksmith";
 *
 * const code: PluginHookErrorCode = "HOOKSMITH_PLUGIN_HOOK_RESULT";
 * ```
 */
export type PluginHookErrorCode =
  "HOOKSMITH_PLUGIN_HOOK_FAILED" | "HOOKSMITH_PLUGIN_HOOK_RESULT" | "HOOKSMITH_PLUGIN_HOOK_WRAPPER";

/**
 * Context of a {@link PluginHookError}.
 *
 * @example
 * ```ts
 * import type { PluginHookErrorOptions } from "hooksmith";
 *
 * const options: PluginHookErrorOptions = { code: "HOOKSMITH_PLUGIN_HOOK_FAILED", pluginName: "p", hookName: "nebari_stage" };
 * ```
 */
export interface PluginHookErrorOptions {
  /** The stable code of the failure. */
  code: PluginHookErrorCode;
  /** The name the plugin is registered under. */
  pluginName: string;
  /** The hook being collected. */
  hookName: string;
  /** The plugin object, when known. */
  plugin?: object | undefined;
  /** The original error, for `HOOKSMITH_PLUGIN_HOOK_FAILED`. */
  cause?: unknown;
}

/**
 * One plugin's implementation of a hook that is collected plugin by plugin (`collectStages`,
 * the subcommand hook of `hooksmith/nebari`) failed: it threw, returned something of the wrong
 * shape, or is a wrapper.
 *
 * Unlike a plain hook call, which passes an implementation's error through unchanged, a
 * collecting call names the plugin at fault, because the host reports it to a user who has to
 * know which plugin to fix or remove. `cause` keeps the original error.
 *
 * @example
 * ```ts
 * import { collectStages, PluginHookError } from "hooksmith";
 *
 * try {
 *   await collectStages(pm, "nebari_stage");
 * } catch (error) {
 *   if (error instanceof PluginHookError) console.error(`plugin ${error.pluginName} is broken:`, error.message);
 * }
 * ```
 */
export class PluginHookError extends HooksmithError {
  /** The error class name, `"PluginHookError"` (printed by `toString()` and in stack traces). */
  override name: string = "PluginHookError";
  /** The stable code of the failure. */
  declare readonly code: PluginHookErrorCode;
  /** The name the plugin is registered under. */
  readonly pluginName: string;
  /** The hook being collected. */
  readonly hookName: string;
  /** The plugin object, when known. */
  readonly plugin: object | undefined;

  /**
   * @param message - What failed, naming the plugin and the hook.
   * @param options - The code, the plugin, the hook and the original error.
   */
  constructor(message: string, options: PluginHookErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.pluginName = options.pluginName;
    this.hookName = options.hookName;
    this.plugin = options.plugin;
  }
}
