// The asynchronous call loops: the same call plan as the synchronous loop, awaiting each
// implementation in call order (`callAsync`), or starting every non-wrapper together
// (`callParallel`). Wrappers may be generators or async generators.

import type { HookImpl } from "./hook-impl.ts";
import { checkArguments, isThenable, teardownRaisedWarning, wrapFail } from "./multicall.ts";
import { Result } from "./result.ts";
import { HooksmithWarning } from "./warnings.ts";

/** How the non-wrapper implementations of an async call run. */
export type AsyncCallMode = "sequential" | "parallel";

interface AsyncTeardown {
  readonly impl: HookImpl;
  readonly generator: Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>;
}

/**
 * Runs `impls` (storage order) like the synchronous loop, awaiting each implementation's promise
 * before the next starts. `signal` is checked before each implementation and wrapper starts and
 * once more when the implementations are done; once it is aborted nothing else starts, its reason
 * is thrown into the entered wrappers, and the call rejects with it.
 */
export function multicallAsync(
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  warn: (warning: Error) => void,
  argsChecked: boolean,
  signal: AbortSignal | undefined,
  mode: AsyncCallMode,
): Promise<unknown> {
  const last = impls[impls.length - 1];
  if (last === undefined || last.wrapper || last.hookwrapper || mode === "parallel") {
    return multicallWithWrappersAsync(hookName, impls, args, firstresult, warn, argsChecked, signal, mode);
  }
  // Without wrappers the sequential loop's promise is the call's own: no second async function
  // awaits it (neither function throws synchronously, so nothing escapes as a throw).
  const results = runSequential(hookName, impls, impls.length - 1, args, firstresult, argsChecked, signal);
  return firstresult ? results.then(firstOf) : results;
}

function firstOf(results: readonly unknown[]): unknown {
  return results[0];
}

// Awaits impls[from..0] (call order) one after the other and collects their results; with
// `firstresult`, stops at the first one.
async function runSequential(
  hookName: string,
  impls: readonly HookImpl[],
  from: number,
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let i = from; i >= 0; i--) {
    signal?.throwIfAborted();
    const impl = impls[i]!;
    if (!argsChecked) checkArguments(impl, args, hookName);
    let result: unknown = impl.function.call(impl.plugin, args);
    if (isThenable(result)) result = await result;
    if (result !== undefined) {
      results.push(result);
      if (firstresult) break;
    }
  }
  // An abort while the last implementation ran still cancels the call.
  signal?.throwIfAborted();
  return results;
}

async function multicallWithWrappersAsync(
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  warn: (warning: Error) => void,
  argsChecked: boolean,
  signal: AbortSignal | undefined,
  mode: AsyncCallMode,
): Promise<unknown> {
  let results: unknown[] = [];
  const teardowns: AsyncTeardown[] = [];
  let exception: unknown;
  let failed = false;
  try {
    let i = impls.length - 1;
    for (; i >= 0; i--) {
      const impl = impls[i]!;
      if (!impl.wrapper && !impl.hookwrapper) break;
      signal?.throwIfAborted();
      if (!argsChecked) checkArguments(impl, args, hookName);
      teardowns.push({ impl, generator: await enterWrapperAsync(impl, args, hookName) });
    }
    results =
      mode === "parallel"
        ? await runParallel(hookName, impls, i, args, firstresult, argsChecked, signal)
        : await runSequential(hookName, impls, i, args, firstresult, argsChecked, signal);
  } catch (error) {
    exception = error;
    failed = true;
  }
  let result: unknown = firstresult ? results[0] : results;
  for (let i = teardowns.length - 1; i >= 0; i--) {
    const { impl, generator } = teardowns[i]!;
    if (impl.hookwrapper) {
      const outcome = new Result<unknown>(result, exception, failed);
      let step: IteratorResult<unknown, unknown>;
      try {
        step = await generator.next(outcome);
      } catch (error) {
        warn(teardownRaisedWarning(impl, hookName, error));
        exception = error;
        failed = true;
        continue;
      }
      if (!step.done) {
        await closeQuietly(generator, warn, hookName);
        exception = wrapFail(impl, hookName, "has second yield");
        failed = true;
        continue;
      }
      if (outcome.failed) {
        exception = outcome.exception;
        failed = true;
      } else {
        result = outcome.getResult();
        exception = undefined;
        failed = false;
      }
      continue;
    }
    let step: IteratorResult<unknown, unknown>;
    try {
      step = await (failed ? generator.throw(exception) : generator.next(result));
      if (!step.done) await generator.return(undefined);
    } catch (error) {
      exception = error;
      failed = true;
      continue;
    }
    if (!step.done) {
      for (let j = i - 1; j >= 0; j--) await closeQuietly(teardowns[j]!.generator, warn, hookName);
      throw wrapFail(impl, hookName, "has second yield");
    }
    result = step.value;
    exception = undefined;
    failed = false;
  }
  if (failed) throw exception;
  return result;
}

// Starts impls[from..0] (call order) together and collects their results in call order. One
// failure is thrown as it is; several become an AggregateError, in call order.
async function runParallel(
  hookName: string,
  impls: readonly HookImpl[],
  from: number,
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  signal?.throwIfAborted();
  const pending: Array<Promise<unknown>> = [];
  for (let i = from; i >= 0; i--) {
    // An implementation may abort the signal synchronously: then nothing else starts.
    if (signal?.aborted === true) break;
    const impl = impls[i]!;
    try {
      if (!argsChecked) checkArguments(impl, args, hookName);
      pending.push(Promise.resolve(impl.function.call(impl.plugin, args)));
    } catch (error) {
      pending.push(Promise.reject(error));
    }
  }
  const settled = await untilSettledOrAborted(Promise.allSettled(pending), signal);
  const errors: unknown[] = [];
  const results: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.status === "rejected") errors.push(outcome.reason);
    else if (outcome.value !== undefined && !(firstresult && results.length > 0)) results.push(outcome.value);
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} implementations of hook '${hookName}' failed`);
  signal?.throwIfAborted();
  return results;
}

function untilSettledOrAborted<T>(settled: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return settled;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    settled.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    }, reject);
  });
}

/** Calls a wrapper (generator or async generator) and runs it up to its first `yield`. */
async function enterWrapperAsync(
  impl: HookImpl,
  args: object,
  hookName: string,
): Promise<Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>> {
  const generator: unknown = impl.function.call(impl.plugin, args);
  if (typeof (generator as { next?: unknown } | null)?.next !== "function") {
    throw new TypeError(
      `The wrapper of plugin '${impl.pluginName}' for hook '${hookName}' returned ${generator === null ? "null" : typeof generator}, not a generator`,
    );
  }
  const wrapper = generator as Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>;
  const step = await wrapper.next();
  if (step.done) throw wrapFail(impl, hookName, "did not yield");
  return wrapper;
}

async function closeQuietly(
  generator: Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>,
  warn: (warning: Error) => void,
  hookName: string,
): Promise<void> {
  try {
    await generator.return(undefined);
  } catch (error) {
    const warning = new HooksmithWarning(
      `A wrapper of hook '${hookName}' threw while being closed after a wrapper protocol error`,
    );
    warning.cause = error;
    warn(warning);
  }
}
