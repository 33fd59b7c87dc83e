// The wrapper protocol (pluggy's `_multicall` around its wrappers), once for synchronous and
// asynchronous calls. A call enters its wrappers outermost first, runs the other implementations,
// then resumes the wrappers innermost first with the result, or throws the error into them. The
// decisions of every step live here; the two loops (finishWrappers and finishWrappersAsync) only
// differ in awaiting what a step returns, as tapable builds its sync and async hooks from one
// code factory.

import { HookCallError, WrapperError } from "./errors.ts";
import type { HookImpl } from "./hook-impl.ts";
import { Result } from "./result.ts";
import { HooksmithWarning, TeardownRaisedWarning } from "./warnings.ts";

/** A wrapper's generator, entered and suspended at its `yield`. */
export type WrapperGenerator = Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>;

/** Where warnings go. */
type Warn = (warning: Error) => void;

/**
 * The index (in storage order) of the first wrapper of `impls`: wrappers are the tail of the
 * storage order, called first. A synchronous call refuses an async generator wrapper before
 * anything runs, as it cannot drive it.
 */
export function firstWrapperIndex(impls: readonly HookImpl[], hookName: string, sync: boolean): number {
  let index = impls.length;
  while (index > 0) {
    const impl = impls[index - 1]!;
    if (!impl.wrapper && !impl.hookwrapper) break;
    if (sync && impl.kind === "async-generator") throw asyncWrapperInSyncCall(impl, hookName);
    index--;
  }
  return index;
}

/** Calls a wrapper function and checks that it returned a generator (not yet started). */
export function startWrapper(impl: HookImpl, args: object, hookName: string): WrapperGenerator {
  const generator: unknown = impl.function.call(impl.plugin, args);
  if (typeof (generator as { next?: unknown } | null)?.next !== "function") throw notGeneratorError(impl, hookName, generator);
  return generator as WrapperGenerator;
}

/** Checks the first step of a wrapper: it must stop at a `yield`. */
export function checkEntered(impl: HookImpl, hookName: string, step: IteratorResult<unknown, unknown>): void {
  if (step.done) throw wrapFail(impl, hookName, "did not yield");
}

/**
 * The outcome a call carries through its wrappers' teardown: the result, or the error. Each
 * wrapper resumed with it may replace one by the other.
 */
export class CallOutcome {
  /**
   * One object of each shape a call makes and drops: an outcome, and the `Result` of an old-style
   * wrapper. V8 keeps the hidden class of an object's complete shape alive only through live
   * objects of that shape: at each full garbage collection it was collected, and with it the
   * optimised code of every function that used it (the compiled calls, the teardown loop), so that
   * a call with wrappers ran 4 to 7 times slower until V8 optimised it again. Kept for the class's
   * life, they keep the shapes, and the code.
   */
  static readonly keptShapes: readonly object[] = [
    new CallOutcome(undefined, undefined, false),
    new Result<unknown>(undefined, undefined, false),
  ];

  result: unknown;
  exception: unknown;
  failed: boolean;
  /** The Result handed to the old-style wrapper being resumed, read back when it returns. */
  sent: Result<unknown> | undefined = undefined;

  constructor(result: unknown, exception: unknown, failed: boolean) {
    this.result = result;
    this.exception = exception;
    this.failed = failed;
  }

  /**
   * Resumes a wrapper with the outcome: an old-style wrapper receives a `Result`; a new-style one
   * receives the result, or has the error thrown in. Returns the wrapper's step (a promise of it
   * for an async generator).
   */
  resume(
    generator: WrapperGenerator,
    impl: HookImpl,
  ): IteratorResult<unknown, unknown> | Promise<IteratorResult<unknown, unknown>> {
    if (impl.hookwrapper) return generator.next((this.sent = new Result<unknown>(this.result, this.exception, this.failed)));
    this.sent = undefined;
    return this.failed ? generator.throw(this.exception) : generator.next(this.result);
  }

  /** The wrapper returned: a new-style wrapper's return value is the result; an old-style one's `Result` is read back. */
  returned(impl: HookImpl, value: unknown): void {
    const sent = this.sent;
    if (impl.hookwrapper && sent !== undefined) {
      if (sent.failed) this.fail(sent.exception);
      else this.succeed(sent.getResult());
      return;
    }
    this.succeed(value);
  }

  /** The wrapper threw while being resumed: its error replaces the outcome (an old-style wrapper also warns, as pluggy does). */
  threw(impl: HookImpl, error: unknown, warn: Warn, hookName: string): void {
    if (impl.hookwrapper) warn(teardownRaisedWarning(impl, hookName, error));
    this.fail(error);
  }

  /** The outcome as the call's return value: the result, or the error thrown. */
  settle(): unknown {
    if (this.failed) throw this.exception;
    return this.result;
  }

  fail(error: unknown): void {
    this.result = undefined;
    this.exception = error;
    this.failed = true;
  }

  succeed(result: unknown): void {
    this.result = result;
    this.exception = undefined;
    this.failed = false;
  }
}

/**
 * The synchronous teardown loop: resumes `generators` (outermost first, `wrappers[k]` owning
 * `generators[k]`) innermost first. A new-style wrapper that yields a second time is closed and
 * the call fails at once with pluggy's error, the outer wrappers only closed; an old-style one
 * makes that error the outcome and the loop goes on.
 *
 * Near the stack limit a wrapper may be impossible to resume, and even the bookkeeping of that
 * failure may overflow: the wrappers not torn down are then queued (with plain assignments, which
 * need no stack frame) and closed from a shallower frame, so that every entered wrapper's
 * `finally` runs. A caller whose call to the loop throws a RangeError queues all its wrappers (the
 * loop may never have started); closing one that was torn down already does nothing.
 */
export function finishWrappers(
  hookName: string,
  wrappers: readonly HookImpl[],
  generators: readonly WrapperGenerator[],
  outcome: CallOutcome,
  warn: Warn,
): unknown {
  let k = generators.length - 1;
  try {
    for (; k >= 0; k--) {
      const generator = generators[k] as Generator<unknown, unknown, unknown>;
      const impl = wrappers[k]!;
      let step: IteratorResult<unknown, unknown>;
      try {
        step = outcome.resume(generator, impl) as IteratorResult<unknown, unknown>;
        if (!step.done && !impl.hookwrapper) generator.return(undefined);
      } catch (error) {
        if (error instanceof RangeError) unclosed[unclosed.length] = generator;
        outcome.threw(impl, error, warn, hookName);
        continue;
      }
      if (step.done) {
        outcome.returned(impl, step.value);
      } else if (impl.hookwrapper) {
        closeQuietly(generator, warn, hookName);
        outcome.fail(wrapFail(impl, hookName, "has second yield"));
      } else {
        closeAll(generators, k, warn, hookName);
        k = -1;
        throw wrapFail(impl, hookName, "has second yield");
      }
    }
  } finally {
    for (; k >= 0; k--) unclosed[unclosed.length] = generators[k]!;
  }
  if (unclosed.length > 0) closeUnclosed(warn);
  return outcome.settle();
}

/** The asynchronous teardown loop: {@link finishWrappers}, awaiting each step. */
export async function finishWrappersAsync(
  hookName: string,
  wrappers: readonly HookImpl[],
  generators: readonly WrapperGenerator[],
  outcome: CallOutcome,
  warn: Warn,
): Promise<unknown> {
  let k = generators.length - 1;
  try {
    for (; k >= 0; k--) {
      const generator = generators[k]!;
      const impl = wrappers[k]!;
      let step: IteratorResult<unknown, unknown>;
      try {
        step = await outcome.resume(generator, impl);
        if (!step.done && !impl.hookwrapper) await generator.return(undefined);
      } catch (error) {
        if (error instanceof RangeError) unclosed[unclosed.length] = generator;
        outcome.threw(impl, error, warn, hookName);
        continue;
      }
      if (step.done) {
        outcome.returned(impl, step.value);
      } else if (impl.hookwrapper) {
        await closeQuietly(generator, warn, hookName);
        outcome.fail(wrapFail(impl, hookName, "has second yield"));
      } else {
        await closeAll(generators, k, warn, hookName);
        k = -1;
        throw wrapFail(impl, hookName, "has second yield");
      }
    }
  } finally {
    for (; k >= 0; k--) unclosed[unclosed.length] = generators[k]!;
  }
  if (unclosed.length > 0) closeUnclosed(warn);
  return outcome.settle();
}

/** The wrapper protocol error, with pluggy's `wrap_controller at '<fn>' … <msg>` text. */
export function wrapFail(impl: HookImpl, hookName: string, message: "did not yield" | "has second yield"): WrapperError {
  return new WrapperError(
    `wrap_controller at '${impl.function.name}' (plugin '${impl.pluginName}', hook '${hookName}') ${message}`,
    {
      code: message === "did not yield" ? "HOOKSMITH_WRAPPER_DID_NOT_YIELD" : "HOOKSMITH_WRAPPER_SECOND_YIELD",
      hookName,
      pluginName: impl.pluginName,
    },
  );
}

/** pluggy's `PluggyTeardownRaisedWarning` for an old-style wrapper that threw after `yield`. */
export function teardownRaisedWarning(impl: HookImpl, hookName: string, error: unknown): TeardownRaisedWarning {
  const kind = error instanceof Error ? error.name : typeof error;
  const text = error instanceof Error ? error.message : String(error);
  return new TeardownRaisedWarning(
    "A plugin raised an exception during an old-style hookwrapper teardown.\n" +
      `Plugin: ${impl.pluginName}, Hook: ${hookName}\n` +
      `${kind}: ${text}\n` +
      "Old-style wrappers must not raise after their yield: set outcome.forceException(error) instead, or use a new-style wrapper (wrapper: true).",
    impl.pluginName,
    hookName,
  );
}

// Closes generators[0..end-1], innermost first: a promise when one of them is asynchronous.
function closeAll(generators: readonly WrapperGenerator[], end: number, warn: Warn, hookName: string): void | Promise<void> {
  let pending: Promise<void> | undefined;
  for (let j = end - 1; j >= 0; j--) {
    const generator = generators[j]!;
    pending =
      pending === undefined
        ? (closeQuietly(generator, warn, hookName) ?? undefined)
        : pending.then(() => closeQuietly(generator, warn, hookName));
  }
  return pending;
}

// Finishes a generator that will not be resumed, so that its `finally` blocks run; an error raised
// while closing is reported as a warning because the call is already failing with another one.
// Returns a promise for an async generator.
function closeQuietly(generator: WrapperGenerator, warn: Warn, hookName: string): void | Promise<void> {
  const report = (error: unknown): void => {
    const warning = new HooksmithWarning(`A wrapper of hook '${hookName}' threw while being closed`);
    warning.cause = error;
    warn(warning);
  };
  try {
    const closing = generator.return(undefined);
    if (closing instanceof Promise) return closing.then(() => undefined, report);
  } catch (error) {
    if (error instanceof RangeError) unclosed[unclosed.length] = generator;
    else report(error);
  }
  return undefined;
}

// Wrappers that may not have been closed because the stack was exhausted: one whose resumption
// threw a RangeError may have thrown before entering it, still suspended at its `yield`. Closing
// it again is harmless when it ended and runs its `finally` when it did not. Each teardown loop
// retries them when it ends, from a shallower frame than the one that failed; a microtask retries
// what is left once the stack has unwound.
const unclosed: WrapperGenerator[] = [];
let retryScheduled = false;

/**
 * The wrappers waiting to be closed after the stack overflowed. A call whose teardown loop could
 * not even be entered appends its wrappers here itself, with plain assignments in a `catch`, which
 * need no stack frame.
 */
export const unclosedWrappers: WrapperGenerator[] = unclosed;

function closeUnclosed(warn: Warn): void {
  while (unclosed.length > 0) {
    // Removed only once closed: near the stack limit, even putting it back could overflow.
    const generator = unclosed[unclosed.length - 1]!;
    try {
      const closing = generator.return(undefined);
      if (closing instanceof Promise) closing.then(undefined, () => undefined);
    } catch (error) {
      if (error instanceof RangeError) {
        scheduleRetry(warn);
        return;
      }
      unclosed.length--;
      const warning = new HooksmithWarning("A wrapper threw while being closed after the stack overflowed");
      warning.cause = error;
      warn(warning);
      continue;
    }
    unclosed.length--;
  }
}

function scheduleRetry(warn: Warn): void {
  if (retryScheduled) return;
  retryScheduled = true;
  queueMicrotask(() => {
    retryScheduled = false;
    closeUnclosed(warn);
  });
}

/** The error of a wrapper function that did not return a generator. */
export function notGeneratorError(impl: HookImpl, hookName: string, generator: unknown): TypeError {
  return new TypeError(
    `The wrapper of plugin '${impl.pluginName}' for hook '${hookName}' returned ${generator === null ? "null" : typeof generator}, not a generator`,
  );
}

function asyncWrapperInSyncCall(impl: HookImpl, hookName: string): HookCallError {
  return new HookCallError(
    `hook '${hookName}' has an async generator wrapper from plugin '${impl.pluginName}', which a synchronous call cannot run: use callAsync()`,
    { code: "HOOKSMITH_ASYNC_IN_SYNC_CALL", hookName, pluginName: impl.pluginName },
  );
}
