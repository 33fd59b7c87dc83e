// The core's errors. Every hooksmith error class extends HooksmithError<Code>, whose type parameter
// is the union of the codes that class throws: hosts branch on `code`, and a new failure gets a new
// code rather than a new class. docs/errors.md lists every code.

const brand: unique symbol = Symbol.for("hooksmith.error");

/** Options every hooksmith error accepts. */
export interface HooksmithErrorOptions<Code extends string = string> {
  /** The stable machine-readable code, e.g. `HOOKSMITH_DUPLICATE_PLUGIN_NAME`. */
  code: Code;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * The base class of every error hooksmith throws. Each carries a stable `code` (listed in
 * `docs/errors.md`), typed as the union of its class's codes, plus the context its subclass
 * documents (plugin, hook, stage, file); a wrapped failure is kept as `cause`.
 *
 * @typeParam Code - The codes this class throws.
 * @example
 * ```ts
 * import { HooksmithError, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * try {
 *   pm.register({}, "a");
 *   pm.register({}, "a");
 * } catch (error) {
 *   if (error instanceof HooksmithError) console.log(error.code); // HOOKSMITH_DUPLICATE_PLUGIN_NAME
 * }
 * ```
 */
export class HooksmithError<Code extends string = string> extends Error {
  /** The error class name (printed by `toString()` and in stack traces). */
  override name: string = "HooksmithError";
  /** The stable code of this failure (see `docs/errors.md`). */
  readonly code: Code;

  /**
   * @param message - What failed, naming the input that caused it.
   * @param options - The stable `code`, and the `cause` when wrapping another error.
   */
  constructor(message: string, options: HooksmithErrorOptions<Code>) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
  }
}

// Marks instances for isHooksmithError across realms and duplicated package copies.
Object.defineProperty(HooksmithError.prototype, brand, { value: true });

/**
 * Tells whether a value is a hooksmith error, also across realms or duplicated package copies
 * where `instanceof` fails.
 *
 * @param value - Anything caught.
 * @returns `true` when `value` is a {@link HooksmithError}.
 * @example
 * ```ts
 * import { isHooksmithError } from "hooksmith";
 *
 * try {
 *   run();
 * } catch (error) {
 *   if (isHooksmithError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export function isHooksmithError(value: unknown): value is HooksmithError {
  return typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/** The codes of {@link HookCallError}. */
export type HookCallErrorCode =
  | "HOOKSMITH_MISSING_HOOK_ARGUMENT"
  | "HOOKSMITH_HISTORIC_DIRECT_CALL"
  | "HOOKSMITH_NOT_HISTORIC"
  | "HOOKSMITH_INVALID_HOOK_ARGUMENTS"
  | "HOOKSMITH_ASYNC_IN_SYNC_CALL"
  | "HOOKSMITH_UNKNOWN_HOOK_NAME";

/** Where a {@link HookCallError} happened. */
export interface HookCallErrorOptions extends HooksmithErrorOptions<HookCallErrorCode> {
  /** The hook being called. */
  hookName: string;
  /** The plugin whose implementation could not be called, when one is concerned. */
  pluginName?: string | undefined;
  /** The missing argument, for `HOOKSMITH_MISSING_HOOK_ARGUMENT`. */
  argument?: string | undefined;
}

/**
 * A hook was called in a way it cannot be: an implementation needs an argument the call did not
 * provide (pluggy's `HookCallError`), a historic hook was called directly, the arguments were not
 * an object, or an asynchronous implementation met a synchronous call.
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
export class HookCallError extends HooksmithError<HookCallErrorCode> {
  /** The error class name, `"HookCallError"`. */
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
    super(message, options);
    this.hookName = options.hookName;
    this.pluginName = options.pluginName;
    this.argument = options.argument;
  }
}

/** The codes of {@link HookMarkerError}. */
export type HookMarkerErrorCode =
  "HOOKSMITH_INVALID_MARKER_OPTION" | "HOOKSMITH_CONFLICTING_MARKER_OPTIONS" | "HOOKSMITH_INVALID_MARKER_TARGET";

/** Context of a {@link HookMarkerError}. */
export interface HookMarkerErrorOptions extends HooksmithErrorOptions<HookMarkerErrorCode> {
  /** The option concerned, when there is one. */
  option?: string | undefined;
}

/**
 * A `HookspecMarker` / `HookimplMarker` was given options it does not know, options of the wrong
 * type (`tryfirst: "yes"`), contradicting options (`tryfirst` with `trylast`), or was applied to
 * something that is not a function or method. Thrown when marking, so the mistake points at the
 * plugin's source rather than at a later registration.
 *
 * @example
 * ```ts
 * import { HookMarkerError, HookimplMarker } from "hooksmith";
 *
 * const hookimpl = HookimplMarker("example");
 * try {
 *   hookimpl({ tryFirst: true } as never);
 * } catch (error) {
 *   if (error instanceof HookMarkerError) console.log(error.message);
 *   // Unknown hookimpl option 'tryFirst' (did you mean 'tryfirst'?) ...
 * }
 * ```
 */
export class HookMarkerError extends HooksmithError<HookMarkerErrorCode> {
  /** The error class name, `"HookMarkerError"`. */
  override name: string = "HookMarkerError";
  /** The option concerned, when there is one. */
  readonly option: string | undefined;

  /**
   * @param message - What is wrong with the marker's use.
   * @param options - The code and option concerned.
   */
  constructor(message: string, options: HookMarkerErrorOptions) {
    super(message, options);
    this.option = options.option;
  }
}

/** The codes of {@link HookspecError}. */
export type HookspecErrorCode =
  "HOOKSMITH_SPEC_CONFLICT" | "HOOKSMITH_NO_HOOKSPECS" | "HOOKSMITH_HISTORIC_FIRSTRESULT" | "HOOKSMITH_INVALID_SPEC_NAMESPACE";

/** Context of a {@link HookspecError}. */
export interface HookspecErrorOptions extends HooksmithErrorOptions<HookspecErrorCode> {
  /** The hook concerned, when there is one. */
  hookName?: string | undefined;
  /** The namespace that was being added, when there is one. */
  namespace?: unknown;
}

/**
 * A hook specification cannot be added: the hook already has a spec, the namespace holds no spec
 * of this project, or its options contradict each other (`historic` with `firstresult`). Keeps
 * pluggy's `ValueError` texts.
 *
 * @example
 * ```ts
 * import { HookspecError, HookspecMarker, PluginManager } from "hooksmith";
 *
 * const hookspec = HookspecMarker("example");
 * const specs = { ready: hookspec(() => {}) };
 * const pm = new PluginManager("example");
 * pm.addHookspecs(specs);
 * try {
 *   pm.addHookspecs(specs);
 * } catch (error) {
 *   if (error instanceof HookspecError) console.log(error.code); // HOOKSMITH_SPEC_CONFLICT
 * }
 * ```
 */
export class HookspecError extends HooksmithError<HookspecErrorCode> {
  /** The error class name, `"HookspecError"`. */
  override name: string = "HookspecError";
  /** The hook concerned, when there is one. */
  readonly hookName: string | undefined;
  /** The namespace that was being added, when there is one. */
  readonly namespace: unknown;

  /**
   * @param message - What failed.
   * @param options - The code, hook and namespace concerned.
   */
  constructor(message: string, options: HookspecErrorOptions) {
    super(message, options);
    this.hookName = options.hookName;
    this.namespace = options.namespace;
  }
}

/** The codes of {@link PluginRegistrationError}. */
export type PluginRegistrationErrorCode =
  | "HOOKSMITH_INVALID_PLUGIN"
  | "HOOKSMITH_INVALID_PLUGIN_NAME"
  | "HOOKSMITH_PLUGIN_WITHOUT_HOOKS"
  | "HOOKSMITH_DUPLICATE_PLUGIN_NAME"
  | "HOOKSMITH_DUPLICATE_PLUGIN"
  | "HOOKSMITH_UNREGISTER_ARGUMENTS"
  | "HOOKSMITH_PLUGIN_NOT_REGISTERED"
  | "HOOKSMITH_UNREGISTER_MISMATCH";

/** Context of a {@link PluginRegistrationError}. */
export interface PluginRegistrationErrorOptions extends HooksmithErrorOptions<PluginRegistrationErrorCode> {
  /** The plugin concerned, when there is one. */
  plugin?: unknown;
  /** The plugin name concerned, when there is one. */
  pluginName?: string | undefined;
}

/**
 * Registering or unregistering a plugin was refused: the value is not a plugin, its name or the
 * object is already registered, or `unregister` was called with arguments that do not designate a
 * registered plugin. Where pluggy raises `ValueError` or `AssertionError`, the message keeps
 * pluggy's meaning. A refused registration leaves no trace in the manager.
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
export class PluginRegistrationError extends HooksmithError<PluginRegistrationErrorCode> {
  /** The error class name, `"PluginRegistrationError"`. */
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
    super(message, options);
    this.plugin = options.plugin;
    this.pluginName = options.pluginName;
  }
}

/** The codes of {@link PluginValidationError}. */
export type PluginValidationErrorCode =
  | "HOOKSMITH_ARGUMENT_NOT_IN_SPEC"
  | "HOOKSMITH_INVALID_HOOKIMPL"
  | "HOOKSMITH_WRAPPER_NOT_GENERATOR"
  | "HOOKSMITH_CONFLICTING_WRAPPER_FLAGS"
  | "HOOKSMITH_HISTORIC_WRAPPER"
  | "HOOKSMITH_UNKNOWN_HOOK";

/** Context of a {@link PluginValidationError}. */
export interface PluginValidationErrorOptions extends HooksmithErrorOptions<PluginValidationErrorCode> {
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
export class PluginValidationError extends HooksmithError<PluginValidationErrorCode> {
  /** The error class name, `"PluginValidationError"`. */
  override name: string = "PluginValidationError";
  /** The plugin that failed validation. */
  readonly plugin: unknown;
  /** The name the plugin was being registered under, when known. */
  readonly pluginName: string | undefined;
  /** The hook the offending implementation targets, when one is concerned. */
  readonly hookName: string | undefined;

  /**
   * @param plugin - The plugin that failed validation.
   * @param message - What does not fit, in pluggy's terms.
   * @param options - The code, plugin name and hook name.
   */
  constructor(plugin: unknown, message: string, options: PluginValidationErrorOptions) {
    super(message, options);
    this.plugin = plugin;
    this.pluginName = options.pluginName;
    this.hookName = options.hookName;
  }
}

/** The codes of {@link WrapperError}. */
export type WrapperErrorCode = "HOOKSMITH_WRAPPER_DID_NOT_YIELD" | "HOOKSMITH_WRAPPER_SECOND_YIELD";

/** Context of a {@link WrapperError}. */
export interface WrapperErrorOptions extends HooksmithErrorOptions<WrapperErrorCode> {
  /** The hook being called. */
  hookName: string;
  /** The plugin whose wrapper broke the protocol. */
  pluginName: string;
}

/**
 * A hook wrapper broke the wrapper protocol: it returned without yielding, or yielded a second
 * time (pluggy raises `RuntimeError` with `wrap_controller at 'fn' did not yield` /
 * `... has second yield`).
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
export class WrapperError extends HooksmithError<WrapperErrorCode> {
  /** The error class name, `"WrapperError"`. */
  override name: string = "WrapperError";
  /** The hook being called. */
  readonly hookName: string;
  /** The plugin whose wrapper broke the protocol. */
  readonly pluginName: string;

  /**
   * @param message - What the wrapper did wrong.
   * @param options - The code, hook and plugin concerned.
   */
  constructor(message: string, options: WrapperErrorOptions) {
    super(message, options);
    this.hookName = options.hookName;
    this.pluginName = options.pluginName;
  }
}
