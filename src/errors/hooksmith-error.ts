const brand: unique symbol = Symbol.for("hooksmith.error");

/** Options every hooksmith error accepts. */
export interface HooksmithErrorOptions {
  /** The stable machine-readable code, e.g. `HOOKSMITH_DUPLICATE_PLUGIN_NAME`. */
  code: string;
  /** The underlying error, when this one wraps another. */
  cause?: unknown;
}

/**
 * The base class of every error hooksmith throws.
 *
 * Each error carries a stable `code` (listed in `docs/errors.md`) so that hosts can branch on
 * the kind of failure without parsing messages, plus the context its subclass documents
 * (plugin, hook, stage, file).
 *
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
export class HooksmithError extends Error {
  /** The error class name, `"HooksmithError"` (printed by `toString()` and in stack traces). */
  override name: string = "HooksmithError";
  /** The stable code of this failure (see `docs/errors.md`). */
  readonly code: string;

  /**
   * @param message - What failed, naming the input that caused it.
   * @param options - The stable `code`, and the `cause` when wrapping another error.
   */
  constructor(message: string, options: HooksmithErrorOptions) {
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
