import { HooksmithError } from "./hooksmith-error.ts";

/** Context of a {@link PluginValidationError}. */
export interface PluginValidationErrorOptions {
  /** The stable code, e.g. `HOOKSMITH_ARGUMENT_NOT_IN_SPEC`. */
  code: string;
  /** The name the plugin was being registered under. */
  pluginName?: string | undefined;
  /** The hook the offending implementation targets. */
  hookName?: string | undefined;
}

/**
 * A plugin's hook implementation does not fit its hook specification (pluggy's
 * `PluginValidationError`). Thrown by `register`, `addHookspecs` (for implementations registered
 * before their spec) and `checkPending`. `plugin` is the offending plugin object.
 *
 * Codes: `HOOKSMITH_ARGUMENT_NOT_IN_SPEC`, `HOOKSMITH_WRAPPER_NOT_GENERATOR`,
 * `HOOKSMITH_CONFLICTING_WRAPPER_FLAGS`, `HOOKSMITH_HISTORIC_WRAPPER`, `HOOKSMITH_UNKNOWN_HOOK`.
 *
 * @example
 * ```ts
 * import { HookimplMarker, HookspecMarker, PluginManager, PluginValidationError } from "hooksmith";
 *
 * const hookspec = HookspecMarker("example");
 * const hookimpl = HookimplMarker("example");
 * const pm = new PluginManager("example");
 * pm.addHookspecs({ greet: hookspec(({ name }: { name: string }) => {}) });
 * try {
 *   pm.register({ greet: hookimpl(({ nam }: { nam: string }) => nam) }, "typo");
 * } catch (error) {
 *   if (error instanceof PluginValidationError) console.log(error.pluginName, error.hookName);
 * }
 * ```
 */
export class PluginValidationError extends HooksmithError {
  /** The error class name, `"PluginValidationError"` (printed by `toString()` and in stack traces). */
  override name: string = "PluginValidationError";
  /** The plugin that failed validation. */
  readonly plugin: unknown;
  /** The name the plugin was being registered under, when known. */
  readonly pluginName: string | undefined;
  /** The hook the offending implementation targets, when one is concerned. */
  readonly hookName: string | undefined;

  /**
   * @param plugin - The plugin that failed validation.
   * @param message - pluggy's message text for this failure.
   * @param options - The code, plugin name and hook name.
   */
  constructor(plugin: unknown, message: string, options: PluginValidationErrorOptions) {
    super(message, { code: options.code });
    this.plugin = plugin;
    this.pluginName = options.pluginName;
    this.hookName = options.hookName;
  }
}
