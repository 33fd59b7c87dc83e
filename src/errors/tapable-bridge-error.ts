import { HooksmithError } from "./hooksmith-error.ts";

/**
 * The stable codes of {@link TapableBridgeError}.
 *
 * - `HOOKSMITH_TAPABLE_INVALID_OPTIONS`: an option of `toTapableHook` or `tapHooksmith` is invalid,
 *   or two options contradict each other (`waterfall` with `async: "parallel"`).
 * - `HOOKSMITH_TAPABLE_ARGUMENT_NAMES`: the positional argument names are missing, malformed, or do
 *   not fit the hook's spec.
 * - `HOOKSMITH_TAPABLE_HISTORIC_HOOK`: the hook is historic; tapable has no such kind.
 * - `HOOKSMITH_TAPABLE_FIRSTRESULT_WATERFALL`: a waterfall view of a `firstresult` hook was asked for.
 * - `HOOKSMITH_TAPABLE_UNSUPPORTED_HOOK`: the value is not a tapable hook, or a kind of tapable hook
 *   the bridge cannot serve.
 * - `HOOKSMITH_TAPABLE_FOREIGN_CALLER`: the hook caller does not belong to the manager given.
 * - `HOOKSMITH_TAPABLE_BRIDGE_CYCLE`: a tapable view was asked to run the very hook it views.
 * - `HOOKSMITH_TAPABLE_UNSUPPORTED_INTERCEPTOR`: an interceptor asks for tapable's deprecated
 *   `context` object.
 * - `HOOKSMITH_TAPABLE_WATERFALL_WRAPPER`: a plugin has both a wrapper and a plain implementation of
 *   a hook called as a waterfall.
 */
export type TapableBridgeErrorCode =
  | "HOOKSMITH_TAPABLE_INVALID_OPTIONS"
  | "HOOKSMITH_TAPABLE_ARGUMENT_NAMES"
  | "HOOKSMITH_TAPABLE_HISTORIC_HOOK"
  | "HOOKSMITH_TAPABLE_FIRSTRESULT_WATERFALL"
  | "HOOKSMITH_TAPABLE_UNSUPPORTED_HOOK"
  | "HOOKSMITH_TAPABLE_FOREIGN_CALLER"
  | "HOOKSMITH_TAPABLE_BRIDGE_CYCLE"
  | "HOOKSMITH_TAPABLE_UNSUPPORTED_INTERCEPTOR"
  | "HOOKSMITH_TAPABLE_WATERFALL_WRAPPER";

/** Context of a {@link TapableBridgeError}. */
export interface TapableBridgeErrorOptions {
  /** The stable code of the failure. */
  code: TapableBridgeErrorCode;
  /** The hooksmith hook concerned. */
  hookName: string;
  /** The tap concerned, when there is one (the bridge's own tap in a tapable hook). */
  tapName?: string | undefined;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * Bridging a hooksmith hook and a tapable hook was refused: a `toTapableHook` view or a
 * `tapHooksmith` tap cannot be set up as asked (argument names, hook kind, options), or a waterfall
 * call meets a plugin shape it cannot thread. The message names the hook and, when there is one, the
 * tap.
 *
 * @example
 * ```ts
 * import { PluginManager } from "hooksmith";
 * import { TapableBridgeError, toTapableHook } from "hooksmith/tapable";
 *
 * const pm = new PluginManager("example");
 * try {
 *   toTapableHook(pm, "compile"); // no spec to read the argument names from, and no `args`
 * } catch (error) {
 *   if (error instanceof TapableBridgeError) console.log(error.code, error.hookName);
 *   // HOOKSMITH_TAPABLE_ARGUMENT_NAMES compile
 * }
 * ```
 */
export class TapableBridgeError extends HooksmithError {
  /** The error class name, `"TapableBridgeError"` (printed by `toString()` and in stack traces). */
  override name: string = "TapableBridgeError";
  /** The stable code of the failure. */
  declare readonly code: TapableBridgeErrorCode;
  /** The hooksmith hook concerned. */
  readonly hookName: string;
  /** The tap concerned, when there is one. */
  readonly tapName: string | undefined;

  /**
   * @param message - What was refused, naming the hook and the tap.
   * @param options - The code, the hook and the tap concerned.
   */
  constructor(message: string, options: TapableBridgeErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.hookName = options.hookName;
    this.tapName = options.tapName;
  }
}
