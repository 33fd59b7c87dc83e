// Internal: runs what `deploy` / `destroy` return as a context manager, the way Python's
// `contextlib.contextmanager` does under an `ExitStack`, for sync and async generators alike.
import { isThenable } from "../core/multicall.ts";
import { StageContractError } from "./errors.ts";

/** A sync or async generator, seen through the methods both have. */
export interface GeneratorLike {
  next(value?: unknown): IteratorResult<unknown> | PromiseLike<IteratorResult<unknown>>;
  throw(error: unknown): IteratorResult<unknown> | PromiseLike<IteratorResult<unknown>>;
  return(value?: unknown): IteratorResult<unknown> | PromiseLike<IteratorResult<unknown>>;
}

/** An entered context: the code after its `yield` has not run yet. */
export interface EnteredContext {
  /**
   * Resumes the context after its `yield`: normally, or by throwing `error` in at the `yield`
   * (so only its `catch` / `finally` code runs). Called at most once.
   *
   * @throws the error its code raised, unless it is `error` itself coming back out.
   */
  exit(thrown?: { readonly error: unknown }): Promise<void>;
}

/**
 * Tells whether a function is a generator or async generator function (also across realms).
 *
 * @param fn - A function.
 * @returns `true` for `function*` and `async function*`, including methods.
 */
export function isGeneratorFunction(fn: unknown): boolean {
  if (typeof fn !== "function") return false;
  const tag = (fn as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  return tag === "GeneratorFunction" || tag === "AsyncGeneratorFunction";
}

/**
 * Runs what a `deploy` or `destroy` call returned up to its `yield`.
 *
 * A generator runs to its first `yield`; one that finishes without yielding had no teardown.
 * A promise is awaited (and, should it resolve to a generator, that runs too). Anything else
 * means the work is done and there is no teardown.
 *
 * @param result - The return value of the method.
 * @param stage - The stage's name, for contract errors.
 * @param method - The method's name, for contract errors.
 * @returns The entered context, or `undefined` when there is nothing to resume.
 * @throws whatever the setup code throws.
 */
export async function enterContext(
  result: unknown,
  stage: string,
  method: "deploy" | "destroy",
): Promise<EnteredContext | undefined> {
  let value = result;
  if (isThenable(value)) value = await value;
  if (!isGenerator(value)) return undefined;
  const generator = value;
  const first = await generator.next();
  if (first.done === true) return undefined;
  let exited = false;
  return {
    async exit(thrown) {
      if (exited) throw new Error(`unreachable: the ${method} context of stage "${stage}" was exited twice`);
      exited = true;
      let step: IteratorResult<unknown>;
      if (thrown === undefined) {
        step = await generator.next();
      } else {
        try {
          step = await generator.throw(thrown.error);
        } catch (error) {
          if (error === thrown.error) return;
          throw error;
        }
      }
      if (step.done === true) return;
      // It yielded again: close it so its `finally` blocks run, then report the misuse.
      let closeError: unknown;
      try {
        await generator.return(undefined);
      } catch (error) {
        closeError = error;
      }
      throw new StageContractError(
        stage,
        method,
        "yielded more than once; it must yield exactly once (setup before, teardown after)",
        closeError,
      );
    },
  };
}

/**
 * Runs what a plain (non-generator) `destroy` returned to completion, or a generator through
 * its setup and teardown at once.
 *
 * @param result - The return value of the method.
 * @param stage - The stage's name.
 * @returns When the work is done.
 */
export async function runToCompletion(result: unknown, stage: string): Promise<void> {
  const context = await enterContext(result, stage, "destroy");
  await context?.exit();
}

/**
 * @param value - Anything.
 * @returns `true` for a sync or async generator object (or any object with their three methods).
 */
export function isGenerator(value: unknown): value is GeneratorLike {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate["next"] === "function" &&
    typeof candidate["throw"] === "function" &&
    typeof candidate["return"] === "function"
  );
}
