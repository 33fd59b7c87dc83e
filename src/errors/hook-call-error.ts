import { HooksmithError } from "./hooksmith-error.ts";

/** Where a {@link HookCallError} happened. */
export interface HookCallErrorOptions {
  /** The stable code, e.g. `HOOKSMITH_MISSING_HOOK_ARGUMENT`. */
  code: string;
  /** The hook being called. */
  hookName: string;
  /** The plugin whose implementation could not be called, when one is concerned. */
  pluginName?: string | undefined;
  /** The missing argument, for `HOOKSMITH_MISSING_HOOK_ARGUMENT`. */
  argument?: string | undefined;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * A hook was called in a way it cannot be: an implementation needs an argument the call did not
 * provide (pluggy's `HookCallError`), a historic hook was called directly, the arguments were not
 * an object, or an asynchronous implementation met a synchronous call.
 *
 * Codes: `HOOKSMITH_MISSING_HOOK_ARGUMENT`, `HOOKSMITH_HISTORIC_DIRECT_CALL`,
 * `HOOKSMITH_NOT_HISTORIC`, `HOOKSMITH_INVALID_HOOK_ARGUMENTS`, `HOOKSMITH_ASYNC_IN_SYNC_CALL`.
 *
 * @example
 * ```ts
 * import { HookCallError, HookimplMarker, PluginManager } from "hooksmith";
 *
 * const hookimpl = HookimplMarker("example");
 * const pm = new PluginManager("example");
 * pm.register({ greet: hookimpl(({ name }: { name: string }) => `hi ${name}`) }, "greeter");
 * try {
 *   pm.hook["greet"]!({});
 * } catch (error) {
 *   if (error instanceof HookCallError) console.log(error.message);
 *   // hook call must provide argument 'name' (hook 'greet', plugin 'greeter')
 * }
 * ```
 */
export class HookCallError extends HooksmithError {
  /** The error class name, `"HookCallError"` (printed by `toString()` and in stack traces). */
  override name: string = "HookCallError";
  /** The hook being called. */
  readonly hookName: string;
  /** The plugin whose implementation could not be called, when one is concerned. */
  readonly pluginName: string | undefined;
  /** The missing argument, for `HOOKSMITH_MISSING_HOOK_ARGUMENT`. */
  readonly argument: string | undefined;

  /**
   * @param message - What failed.
   * @param options - The code and the hook, plugin and argument concerned.
   */
  constructor(message: string, options: HookCallErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.hookName = options.hookName;
    this.pluginName = options.pluginName;
    this.argument = options.argument;
  }
}
