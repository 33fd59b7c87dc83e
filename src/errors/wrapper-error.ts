import { HooksmithError } from "./hooksmith-error.ts";

/** Context of a {@link WrapperError}. */
export interface WrapperErrorOptions {
  /** The stable code, e.g. `HOOKSMITH_WRAPPER_DID_NOT_YIELD`. */
  code: string;
  /** The hook being called. */
  hookName: string;
  /** The plugin whose wrapper broke the protocol. */
  pluginName: string;
}

/**
 * A hook wrapper broke the wrapper protocol: it returned without yielding, or yielded a second
 * time (pluggy raises `RuntimeError` with these texts:
 * `wrap_controller at 'fn' did not yield` / `... has second yield`).
 *
 * Codes: `HOOKSMITH_WRAPPER_DID_NOT_YIELD`, `HOOKSMITH_WRAPPER_SECOND_YIELD`.
 *
 * @example
 * ```ts
 * import { HookimplMarker, PluginManager, WrapperError } from "hooksmith";
 *
 * const hookimpl = HookimplMarker("example");
 * const pm = new PluginManager("example");
 * pm.register({ run: hookimpl({ wrapper: true })(function* run() { return []; }) }, "broken");
 * try {
 *   pm.hook["run"]!();
 * } catch (error) {
 *   if (error instanceof WrapperError) console.log(error.message);
 *   // wrap_controller at 'run' (plugin 'broken', hook 'run') did not yield
 * }
 * ```
 */
export class WrapperError extends HooksmithError {
  /** The error class name, `"WrapperError"` (printed by `toString()` and in stack traces). */
  override name: string = "WrapperError";
  /** The hook being called. */
  readonly hookName: string;
  /** The plugin whose wrapper broke the protocol. */
  readonly pluginName: string;

  /**
   * @param message - pluggy's wrap_controller message.
   * @param options - The code, hook and plugin concerned.
   */
  constructor(message: string, options: WrapperErrorOptions) {
    super(message, { code: options.code });
    this.hookName = options.hookName;
    this.pluginName = options.pluginName;
  }
}
