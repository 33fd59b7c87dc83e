// The synchronous call loop: pluggy's `_multicall`, with a fast path for hooks without wrappers.
// The wrapper protocol itself lives in ./wrappers.ts, shared with the asynchronous loops.

import { HookCallError } from "./errors.ts";
import type { HookImpl } from "./hook-impl.ts";
import {
  CallOutcome,
  finishWrappers,
  firstWrapperIndex,
  startWrapper,
  unclosedWrappers,
  wrapFail,
  type WrapperGenerator,
} from "./wrappers.ts";

/**
 * Runs `impls` (storage order, so iterated in reverse) with `args`: wrappers enclose the
 * non-wrappers, non-`undefined` results are collected, `firstresult` stops at the first one, and an
 * error stops the loop and is thrown into every entered wrapper, innermost first.
 *
 * `argsChecked` says the caller already verified that every required argument is present, which
 * skips the per-implementation check.
 */
export function multicall(
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  warn: (warning: Error) => void,
  argsChecked: boolean,
): unknown {
  let i = impls.length - 1;
  const last = impls[i];
  if (last === undefined) return firstresult ? undefined : [];
  if (last.wrapper || last.hookwrapper) return multicallWithWrappers(hookName, impls, args, firstresult, warn, argsChecked);
  if (firstresult) {
    for (; i >= 0; i--) {
      const impl = impls[i]!;
      if (!argsChecked) checkArguments(impl, args, hookName);
      const result: unknown = impl.function.call(impl.plugin, args);
      if (result !== undefined) return checkFirstResult(result, impl, hookName);
    }
    return undefined;
  }
  const results: unknown[] = [];
  for (; i >= 0; i--) {
    const impl = impls[i]!;
    if (!argsChecked) checkArguments(impl, args, hookName);
    const result: unknown = impl.function.call(impl.plugin, args);
    if (result !== undefined) results.push(result);
  }
  return results;
}

function multicallWithWrappers(
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  warn: (warning: Error) => void,
  argsChecked: boolean,
): unknown {
  const firstWrapper = firstWrapperIndex(impls, hookName, true);
  // The entered wrappers, outermost first, and their implementations.
  const wrappers: HookImpl[] = [];
  const generators: WrapperGenerator[] = [];
  try {
    const results: unknown[] = [];
    const outcome = new CallOutcome(undefined, undefined, false);
    try {
      let i = impls.length - 1;
      for (; i >= firstWrapper; i--) {
        const impl = impls[i]!;
        if (!argsChecked) checkArguments(impl, args, hookName);
        const generator = startWrapper(impl, args, hookName) as Generator<unknown, unknown, unknown>;
        if (generator.next().done) throw wrapFail(impl, hookName, "did not yield");
        // Assignments, not push(): near the stack limit nothing may come between entering a
        // wrapper and recording it.
        wrappers[wrappers.length] = impl;
        generators[generators.length] = generator;
      }
      for (; i >= 0; i--) {
        const impl = impls[i]!;
        if (!argsChecked) checkArguments(impl, args, hookName);
        const result: unknown = impl.function.call(impl.plugin, args);
        if (result !== undefined) {
          if (firstresult) {
            results.push(checkFirstResult(result, impl, hookName));
            break;
          }
          results.push(result);
        }
      }
      outcome.succeed(firstresult ? results[0] : results);
    } catch (error) {
      outcome.fail(error);
    }
    return finishWrappers(hookName, wrappers, generators, outcome, warn);
  } catch (error) {
    // The stack overflowed before the teardown loop could take the wrappers: queue them to be
    // closed from a shallower frame, without calling anything.
    if (error instanceof RangeError)
      for (let j = generators.length - 1; j >= 0; j--) unclosedWrappers[unclosedWrappers.length] = generators[j]!;
    throw error;
  }
}

/** Throws `HookCallError` when `args` lacks an argument `impl` requires (pluggy's KeyError check). */
export function checkArguments(impl: HookImpl, args: object, hookName: string): void {
  const names = impl.argnames;
  if (names === undefined) return;
  for (const name of names) {
    if (!(name in args)) {
      throw new HookCallError(`hook call must provide argument '${name}' (hook '${hookName}', plugin '${impl.pluginName}')`, {
        code: "HOOKSMITH_MISSING_HOOK_ARGUMENT",
        hookName,
        pluginName: impl.pluginName,
        argument: name,
      });
    }
  }
}

/** Whether a value is a promise or another thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * A synchronous firstresult call cannot know whether a promise will resolve to "no result", so it
 * cannot decide where to stop: refuse instead of returning a promise that may mean nothing.
 */
export function checkFirstResult(result: unknown, impl: HookImpl, hookName: string): unknown {
  if (!isThenable(result)) return result;
  // The call fails with a clear error; the promise's own outcome is no longer observed.
  Promise.resolve(result).catch(() => undefined);
  throw new HookCallError(
    `firstresult hook '${hookName}' got a promise from plugin '${impl.pluginName}' in a synchronous call: use callAsync() to await implementations`,
    { code: "HOOKSMITH_ASYNC_IN_SYNC_CALL", hookName, pluginName: impl.pluginName },
  );
}
