import { HooksmithError } from "./hooksmith-error.ts";

/** Context of a {@link PluginRegistrationError}. */
export interface PluginRegistrationErrorOptions {
  /** The stable code, e.g. `HOOKSMITH_DUPLICATE_PLUGIN_NAME`. */
  code: string;
  /** The plugin concerned, when there is one. */
  plugin?: unknown;
  /** The plugin name concerned, when there is one. */
  pluginName?: string | undefined;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * Registering or unregistering a plugin was refused: the value is not a plugin, its name or the
 * object is already registered, or `unregister` was called with arguments that do not designate a
 * registered plugin. Where pluggy raises `ValueError` or `AssertionError`, the message keeps
 * pluggy's text. A refused registration leaves no trace in the manager.
 *
 * Codes: `HOOKSMITH_INVALID_PLUGIN`, `HOOKSMITH_INVALID_PLUGIN_NAME`, `HOOKSMITH_PLUGIN_WITHOUT_HOOKS`,
 * `HOOKSMITH_DUPLICATE_PLUGIN_NAME`, `HOOKSMITH_DUPLICATE_PLUGIN`, `HOOKSMITH_UNREGISTER_ARGUMENTS`,
 * `HOOKSMITH_PLUGIN_NOT_REGISTERED`, `HOOKSMITH_UNREGISTER_MISMATCH`.
 *
 * @example
 * ```ts
 * import { PluginManager, PluginRegistrationError } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * pm.register({}, "a");
 * try {
 *   pm.register({}, "a");
 * } catch (error) {
 *   if (error instanceof PluginRegistrationError) console.log(error.code); // HOOKSMITH_DUPLICATE_PLUGIN_NAME
 * }
 * ```
 */
export class PluginRegistrationError extends HooksmithError {
  /** The error class name, `"PluginRegistrationError"` (printed by `toString()` and in stack traces). */
  override name: string = "PluginRegistrationError";
  /** The plugin concerned, when there is one. */
  readonly plugin: unknown;
  /** The plugin name concerned, when there is one. */
  readonly pluginName: string | undefined;

  /**
   * @param message - What was refused and why.
   * @param options - The code and the plugin concerned.
   */
  constructor(message: string, options: PluginRegistrationErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.plugin = options.plugin;
    this.pluginName = options.pluginName;
  }
}
