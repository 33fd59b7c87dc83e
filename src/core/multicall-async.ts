// The asynchronous call loops: the same call plan as the synchronous loop, awaiting each
// implementation in call order (`callAsync`), or starting every non-wrapper together
// (`callParallel`). Wrappers may be generators or async generators; the wrapper protocol is the
// one of ./wrappers.ts.
//
// Aborting: the signal is checked before each implementation and wrapper starts, and every await
// on plugin code is raced against it, so that an implementation (or a wrapper before its `yield`)
// that never settles cannot keep the call pending. Once aborted, nothing else starts, the reason is
// thrown into the entered wrappers (their `finally` blocks run), and the call rejects with it. The
// abandoned promise is observed, so its later rejection is not reported as unhandled; a wrapper
// abandoned before its `yield` is torn down with the reason when it gets there.

import type { HookImpl } from "./hook-impl.ts";
import { checkArguments, isThenable } from "./multicall.ts";
import { HooksmithWarning } from "./warnings.ts";
import {
  CallOutcome,
  checkEntered,
  finishWrappersAsync,
  firstWrapperIndex,
  startWrapper,
  type WrapperGenerator,
} from "./wrappers.ts";

/** How the non-wrapper implementations of an async call run. */
export type AsyncCallMode = "sequential" | "parallel";

/**
 * Runs `impls` (storage order) like the synchronous loop, awaiting each implementation's promise
 * before the next starts, or (`parallel`) starting the non-wrappers together.
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
    if (isThenable(result)) result = await (signal === undefined ? result : untilSettledOrAborted(result, signal));
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
  const wrappers: HookImpl[] = [];
  const generators: WrapperGenerator[] = [];
  const outcome = new CallOutcome(undefined, undefined, false);
  try {
    const firstWrapper = firstWrapperIndex(impls, hookName, false);
    for (let i = impls.length - 1; i >= firstWrapper; i--) {
      signal?.throwIfAborted();
      const impl = impls[i]!;
      if (!argsChecked) checkArguments(impl, args, hookName);
      const generator = startWrapper(impl, args, hookName);
      checkEntered(impl, hookName, await enter(impl, generator, signal, warn, hookName));
      wrappers[wrappers.length] = impl;
      generators[generators.length] = generator;
    }
    const results =
      mode === "parallel"
        ? await runParallel(hookName, impls, firstWrapper - 1, args, firstresult, argsChecked, signal)
        : await runSequential(hookName, impls, firstWrapper - 1, args, firstresult, argsChecked, signal);
    outcome.succeed(firstresult ? results[0] : results);
  } catch (error) {
    outcome.fail(error);
  }
  return finishWrappersAsync(hookName, wrappers, generators, outcome, warn);
}

// Runs a wrapper up to its `yield`, raced against the signal. A wrapper abandoned by an abort while
// still in its setup is torn down like the others once it reaches its `yield`: the reason is thrown
// into it (or given as a failed Result to an old-style wrapper), so its `catch` and `finally` run.
// The call has already rejected by then, so an error of that late teardown becomes a warning.
async function enter(
  impl: HookImpl,
  generator: WrapperGenerator,
  signal: AbortSignal | undefined,
  warn: (warning: Error) => void,
  hookName: string,
): Promise<IteratorResult<unknown, unknown>> {
  const step = generator.next();
  if (!(step instanceof Promise) || signal === undefined) return step;
  try {
    return await untilSettledOrAborted(step, signal);
  } catch (error) {
    if (signal.aborted && error === signal.reason) {
      step.then(
        (entered) => {
          if (entered.done) return;
          finishWrappersAsync(hookName, [impl], [generator], new CallOutcome(undefined, error, true), warn).catch(
            (late: unknown) => {
              if (late !== error) warn(lateTeardownWarning(impl, hookName, late));
            },
          );
        },
        () => undefined,
      );
    }
    throw error;
  }
}

function lateTeardownWarning(impl: HookImpl, hookName: string, error: unknown): HooksmithWarning {
  const warning = new HooksmithWarning(
    `The wrapper of plugin '${impl.pluginName}' for hook '${hookName}' threw while being torn down after the call was aborted`,
  );
  warning.cause = error;
  return warning;
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

/**
 * Awaits `promise`, or rejects with the signal's reason as soon as it aborts. The abandoned
 * promise is still observed, so its later rejection is not reported as unhandled.
 */
export function untilSettledOrAborted<T>(promise: PromiseLike<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return Promise.resolve(promise);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
