import { HooksmithError } from "../core/errors.ts";

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
 * - `HOOKSMITH_TAPABLE_MAP_ARGS_FAILED`: the `mapArgs` function of a `tapHooksmith` tap threw;
 *   `cause` is its error.
 * - `HOOKSMITH_TAPABLE_MAP_ARGS_RESULT`: `mapArgs` returned something that is not an arguments
 *   object, or one without the argument a waterfall threads.
 * - `HOOKSMITH_TAPABLE_INVALID_STAGE`: a `stage` resolver gave an implementation a stage that is not
 *   a number.
 * - `HOOKSMITH_TAPABLE_STAGE_NOT_TAPPED`: an implementation's stage has no tap of the bridge (it was
 *   registered after `tapHooksmith` with a stage nobody tapped).
 * - `HOOKSMITH_TAPABLE_STAGE_SPLIT`: one plugin implements a hook at two stages.
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
  | "HOOKSMITH_TAPABLE_WATERFALL_WRAPPER"
  | "HOOKSMITH_TAPABLE_MAP_ARGS_FAILED"
  | "HOOKSMITH_TAPABLE_MAP_ARGS_RESULT"
  | "HOOKSMITH_TAPABLE_INVALID_STAGE"
  | "HOOKSMITH_TAPABLE_STAGE_NOT_TAPPED"
  | "HOOKSMITH_TAPABLE_STAGE_SPLIT";

/** Context of a {@link TapableBridgeError}. */
export interface TapableBridgeErrorOptions {
  /** The stable code of the failure. */
  code: TapableBridgeErrorCode;
  /** The hooksmith hook concerned. */
  hookName: string;
  /** The tap concerned, when there is one (the bridge's own tap in a tapable hook). */
  tapName?: string | undefined;
  /** The hooksmith plugin concerned, when there is one (an implementation's stage). */
  pluginName?: string | undefined;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * Bridging a hooksmith hook and a tapable hook was refused: a `toTapableHook` view or a
 * `tapHooksmith` tap cannot be set up as asked (argument names, hook kind, options), a waterfall
 * call meets a plugin shape it cannot thread, or a `tapHooksmith` tap cannot serve a call (its
 * `mapArgs` failed, an implementation's stage has no tap). The message names the hook and, when
 * there is one, the tap and the plugin.
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
export class TapableBridgeError extends HooksmithError<TapableBridgeErrorCode> {
  /** The error class name, `"TapableBridgeError"` (printed by `toString()` and in stack traces). */
  override name: string = "TapableBridgeError";
  /** The hooksmith hook concerned. */
  readonly hookName: string;
  /** The tap concerned, when there is one. */
  readonly tapName: string | undefined;
  /** The hooksmith plugin concerned, when there is one. */
  readonly pluginName: string | undefined;

  /**
   * @param message - What was refused, naming the hook and the tap.
   * @param options - The code, the hook, the tap and the plugin concerned.
   */
  constructor(message: string, options: TapableBridgeErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.hookName = options.hookName;
    this.tapName = options.tapName;
    this.pluginName = options.pluginName;
  }
}

/**
 * The stable codes of {@link TapableTapError}.
 *
 * - `HOOKSMITH_TAPABLE_INVALID_TAP`: the tap has no name, its options are not an object, or its
 *   function is not a function.
 * - `HOOKSMITH_TAPABLE_UNSUPPORTED_TAP_OPTION`: a tap option has no hooksmith meaning (tapable's
 *   deprecated `context`, `type` or `fn` given as options, or a key the view was not told to accept)
 *   or an invalid value (a `stage` that is not a number, a malformed `before`).
 * - `HOOKSMITH_TAPABLE_TAP_TYPE`: `tapAsync` or `tapPromise` on a synchronous view.
 * - `HOOKSMITH_TAPABLE_ORDER_CONFLICT`: hooksmith's call order would run the tap against its
 *   `stage` or a `before` constraint.
 * - `HOOKSMITH_TAPABLE_NAME_TAKEN`: the tap name is the name of a hooksmith plugin the bridge did
 *   not register.
 * - `HOOKSMITH_TAPABLE_NOT_A_PROMISE`: a `tapPromise` function returned something that is not a
 *   promise.
 * - `HOOKSMITH_TAPABLE_FALSY_REJECTION`: a `tapPromise` function rejected with a falsy value.
 */
export type TapableTapErrorCode =
  | "HOOKSMITH_TAPABLE_INVALID_TAP"
  | "HOOKSMITH_TAPABLE_UNSUPPORTED_TAP_OPTION"
  | "HOOKSMITH_TAPABLE_TAP_TYPE"
  | "HOOKSMITH_TAPABLE_ORDER_CONFLICT"
  | "HOOKSMITH_TAPABLE_NAME_TAKEN"
  | "HOOKSMITH_TAPABLE_NOT_A_PROMISE"
  | "HOOKSMITH_TAPABLE_FALSY_REJECTION";

/** Context of a {@link TapableTapError}. */
export interface TapableTapErrorOptions {
  /** The stable code of the failure. */
  code: TapableTapErrorCode;
  /** The hooksmith hook the tap is on. */
  hookName: string;
  /** The tap's name (the hooksmith plugin name), or `undefined` when the tap has none. */
  tapName: string | undefined;
  /** The other tap involved in an order conflict, if any. */
  otherTapName?: string | undefined;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * One tap made through a tapable view of a hooksmith hook was refused or failed the tapable
 * contract: a missing name, an option hooksmith cannot honour, an order that hooksmith's call order
 * would break, a name already used by a hooksmith plugin, or a `tapPromise` function that did not
 * return a promise. The message names the hook and the tap.
 *
 * @example
 * ```ts
 * import { HookspecMarker, PluginManager } from "hooksmith";
 * import { TapableTapError, toTapableHook } from "hooksmith/tapable";
 *
 * const hookspec = HookspecMarker("example");
 * const pm = new PluginManager("example");
 * pm.addHookspecs({ compile: hookspec(({ params }: { params: object }) => params) });
 * const compile = toTapableHook(pm, "compile");
 * try {
 *   compile.tap({ name: "Legacy", context: true } as never, () => {});
 * } catch (error) {
 *   if (error instanceof TapableTapError) console.log(error.code, error.tapName);
 *   // HOOKSMITH_TAPABLE_UNSUPPORTED_TAP_OPTION Legacy
 * }
 * ```
 */
export class TapableTapError extends HooksmithError<TapableTapErrorCode> {
  /** The error class name, `"TapableTapError"` (printed by `toString()` and in stack traces). */
  override name: string = "TapableTapError";
  /** The hooksmith hook the tap is on. */
  readonly hookName: string;
  /** The tap's name, or `undefined` when the tap has none. */
  readonly tapName: string | undefined;
  /** The other tap involved in an order conflict, if any. */
  readonly otherTapName: string | undefined;

  /**
   * @param message - What was refused, naming the hook and the tap.
   * @param options - The code, the hook and the taps concerned.
   */
  constructor(message: string, options: TapableTapErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.hookName = options.hookName;
    this.tapName = options.tapName;
    this.otherTapName = options.otherTapName;
  }
}
