import { HooksmithError } from "./hooksmith-error.ts";

/** Context of a {@link HookMarkerError}. */
export interface HookMarkerErrorOptions {
  /** The stable code, e.g. `HOOKSMITH_INVALID_MARKER_OPTION`. */
  code: string;
  /** The option concerned, when there is one. */
  option?: string | undefined;
}

/**
 * A `HookspecMarker` / `HookimplMarker` was given options it does not know, options of the wrong
 * type (`tryfirst: "yes"`), contradicting options (`tryfirst` with `trylast`), or was applied to
 * something that is not a function or method. Thrown when marking, so the mistake points at the
 * plugin's source rather than at a later registration.
 *
 * Codes: `HOOKSMITH_INVALID_MARKER_OPTION`, `HOOKSMITH_CONFLICTING_MARKER_OPTIONS`,
 * `HOOKSMITH_INVALID_MARKER_TARGET`.
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
export class HookMarkerError extends HooksmithError {
  /** The error class name, `"HookMarkerError"` (printed by `toString()` and in stack traces). */
  override name: string = "HookMarkerError";
  /** The option concerned, when there is one. */
  readonly option: string | undefined;

  /**
   * @param message - What is wrong with the marker's use.
   * @param options - The code and option concerned.
   */
  constructor(message: string, options: HookMarkerErrorOptions) {
    super(message, { code: options.code });
    this.option = options.option;
  }
}
