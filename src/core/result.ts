/**
 * The outcome of a hook call or of the layers inside an old-style wrapper: a result or an error
 * (pluggy's `Result`). Old-style wrappers receive one at their `yield`; monitoring `after`
 * callbacks receive one for the whole call, and both may change it.
 *
 * @typeParam T - The result type: `R[]`, or `R | undefined` for a `firstresult` hook.
 * @example
 * ```ts
 * import { HookimplMarker, type Result } from "hooksmith";
 *
 * const hookimpl = HookimplMarker("example");
 * export const timing = hookimpl({ hookwrapper: true })(function* () {
 *   const started = performance.now();
 *   const outcome: Result<unknown[]> = yield;
 *   if (outcome.exception === undefined) outcome.forceResult([...outcome.getResult(), performance.now() - started]);
 * });
 * ```
 */
export class Result<T> {
  #value: T | undefined;
  #exception: unknown;
  #failed: boolean;

  /**
   * @param value - The result, when the call succeeded.
   * @param exception - The thrown value, when the call failed.
   * @param failed - Whether the call failed; defaults to `exception !== undefined` (pass it for a
   * thrown `undefined`).
   */
  constructor(value: T | undefined, exception?: unknown, failed: boolean = exception !== undefined) {
    this.#value = failed ? undefined : value;
    this.#exception = failed ? exception : undefined;
    this.#failed = failed;
  }

  /**
   * Runs `fn` and captures what it returns or throws (pluggy's `Result.from_call`).
   *
   * @param fn - The call to run.
   * @returns A result holding the value, or the thrown error.
   * @example
   * ```ts
   * import { Result } from "hooksmith";
   *
   * const outcome = Result.fromCall(() => JSON.parse("{"));
   * console.log(outcome.exception instanceof SyntaxError); // true
   * ```
   */
  static fromCall<T>(fn: () => T): Result<T> {
    try {
      return new Result<T>(fn(), undefined, false);
    } catch (error) {
      return new Result<T>(undefined, error, true);
    }
  }

  /** The error of a failed call, or `undefined` when it succeeded. */
  get exception(): unknown {
    return this.#exception;
  }

  /** Whether the call failed (also true when `undefined` itself was thrown). */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * Returns the result, or throws the error of a failed call (the same object each time).
   *
   * @returns The result.
   * @throws The stored error, when the call failed.
   */
  getResult(): T {
    if (this.#failed) throw this.#exception;
    return this.#value as T;
  }

  /**
   * Replaces the outcome with a result and clears any error.
   *
   * @param value - The new result.
   */
  forceResult(value: T): void {
    this.#value = value;
    this.#exception = undefined;
    this.#failed = false;
  }

  /**
   * Replaces the outcome with an error and clears the result.
   *
   * @param exception - The error the call will throw.
   */
  forceException(exception: unknown): void {
    this.#value = undefined;
    this.#exception = exception;
    this.#failed = true;
  }
}
