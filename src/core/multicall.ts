// The synchronous call loop: pluggy's `_multicall`, with a fast path for hooks without wrappers.

import { HookCallError } from "./errors.ts";
import { WrapperError } from "./errors.ts";
import type { HookImpl } from "./hook-impl.ts";
import { Result } from "./result.ts";
import { HooksmithWarning, TeardownRaisedWarning } from "./warnings.ts";

/** A wrapper entered by a call, waiting for its teardown. */
export interface Teardown {
  readonly impl: HookImpl;
  readonly generator: Generator<unknown, unknown, unknown>;
}

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
  // Wrappers are the tail of the storage order (called first). Find where they start, and refuse
  // before anything runs when one is an async generator, which cannot be driven synchronously.
  const count = impls.length;
  let firstWrapper = count;
  let oldStyle = false;
  while (firstWrapper > 0) {
    const impl = impls[firstWrapper - 1]!;
    if (impl.hookwrapper) oldStyle = true;
    else if (!impl.wrapper) break;
    if (impl.kind === "async-generator") throw asyncWrapperInSyncCall(impl, hookName);
    firstWrapper--;
  }
  const results: unknown[] = [];
  // The entered wrappers, outermost first: generators[k] belongs to impls[count - 1 - k].
  const generators: Array<Generator<unknown, unknown, unknown>> = [];
  let exception: unknown;
  let failed = false;
  try {
    let i = count - 1;
    for (; i >= firstWrapper; i--) {
      const impl = impls[i]!;
      if (!argsChecked) checkArguments(impl, args, hookName);
      generators.push(enterWrapper(impl, args, hookName) as Generator<unknown, unknown, unknown>);
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
  } catch (error) {
    exception = error;
    failed = true;
  }
  return finishWrappers(hookName, impls, generators, firstresult ? results[0] : results, exception, failed, oldStyle, warn);
}

/**
 * The second half of a call with wrappers (pluggy's teardown loop): resumes the entered wrappers
 * innermost first with the result, or throws the error into them; what a wrapper returns or
 * throws replaces the result or the error. `generators[k]` belongs to `impls[impls.length - 1 - k]`;
 * `oldStyle` says whether any of them is an old-style `hookwrapper`.
 */
function finishWrappers(
  hookName: string,
  impls: readonly HookImpl[],
  generators: ReadonlyArray<Generator<unknown, unknown, unknown>>,
  result: unknown,
  exception: unknown,
  failed: boolean,
  oldStyle: boolean,
  warn: (warning: Error) => void,
): unknown {
  const count = impls.length;
  for (let i = generators.length - 1; i >= 0; i--) {
    const generator = generators[i]!;
    if (oldStyle && impls[count - 1 - i]!.hookwrapper) {
      const impl = impls[count - 1 - i]!;
      const outcome = new Result<unknown>(result, exception, failed);
      let step: IteratorResult<unknown, unknown>;
      try {
        step = generator.next(outcome);
      } catch (error) {
        warn(teardownRaisedWarning(impl, hookName, error));
        exception = error;
        failed = true;
        continue;
      }
      if (!step.done) {
        closeQuietly(generator, warn, hookName);
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
      step = failed ? generator.throw(exception) : generator.next(result);
      if (!step.done) generator.return(undefined);
    } catch (error) {
      exception = error;
      failed = true;
      continue;
    }
    if (!step.done) {
      // pluggy raises at once: the outer wrappers are not resumed, but their `finally` blocks run.
      for (let j = i - 1; j >= 0; j--) closeQuietly(generators[j]!, warn, hookName);
      throw wrapFail(impls[count - 1 - i]!, hookName, "has second yield");
    }
    result = step.value;
    exception = undefined;
    failed = false;
  }
  if (failed) throw exception;
  return result;
}

/** Calls a wrapper and runs it up to its first `yield`; returns the suspended generator. */
export function enterWrapper(impl: HookImpl, args: object, hookName: string): Iterator<unknown, unknown, unknown> {
  const generator: unknown = impl.function.call(impl.plugin, args);
  if (typeof (generator as { next?: unknown } | null)?.next !== "function") throw notGeneratorError(impl, hookName, generator);
  const step = (generator as Generator<unknown, unknown, unknown>).next();
  if (step.done) throw wrapFail(impl, hookName, "did not yield");
  return generator as Generator<unknown, unknown, unknown>;
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
      "For more information see https://pluggy.readthedocs.io/en/stable/api_reference.html#pluggy.PluggyTeardownRaisedWarning",
    impl.pluginName,
    hookName,
  );
}

/** Whether a value is a promise or another thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

// A synchronous firstresult call cannot know whether a promise will resolve to "no result", so it
// cannot decide where to stop: refuse instead of returning a promise that may mean nothing.
function checkFirstResult(result: unknown, impl: HookImpl, hookName: string): unknown {
  if (!isThenable(result)) return result;
  // The call fails with a clear error; the promise's own outcome is no longer observed.
  Promise.resolve(result).catch(() => undefined);
  throw new HookCallError(
    `firstresult hook '${hookName}' got a promise from plugin '${impl.pluginName}' in a synchronous call: use callAsync() to await implementations`,
    { code: "HOOKSMITH_ASYNC_IN_SYNC_CALL", hookName, pluginName: impl.pluginName },
  );
}

/** A call plan's compiled synchronous path: takes the normalized arguments, returns the result. */
export type CompiledCall = (args: object) => unknown;

/** Plans with more implementations than this keep the loop: the code would be too large to pay off. */
const maxCompiledImpls = 256;

// Whether `new Function` works here; set to false the first time it throws (a Content Security
// Policy, or node --disallow-code-generation-from-strings), after which the loop is always used.
let codegenAllowed = true;

/**
 * Turns the compiled path off (or back on) for plans compiled from now on, as an environment that
 * forbids `new Function` does; the benchmark's BENCH_NO_EVAL=1 measures the loop this way.
 *
 * @internal
 */
export function setCodegenAllowed(allowed: boolean): void {
  codegenAllowed = allowed;
}

/**
 * Compiles the synchronous call of a plan into a function specialised to its implementations, as
 * tapable compiles its hooks: every implementation and wrapper gets its own call site, so the
 * engine sees one target per site and can inline it, where the generic loop's single call site
 * sees every implementation of every hook. The compiled function does exactly what `multicall`
 * does for a call whose arguments are all present: it checks `required` (and hands the call to
 * `fallback`, the generic path, when one is missing), enters the wrappers (bound to their plugin
 * once, here) with the same checks as `enterWrapper`, calls the implementations in call order with
 * the plugin as `this`, collects the results (or stops at the first, through the same promise
 * check), and finishes the wrappers with the loop's own {@link finishWrappers}. The source holds
 * nothing but indices and the JSON-quoted argument names.
 *
 * @returns The compiled call, or `null` when the plan has no or too many implementations, an async
 *   generator wrapper (the loop refuses the call), or the environment forbids generating code (the
 *   loop then serves every call).
 */
export function compileCall(
  hookName: string,
  impls: readonly HookImpl[],
  required: readonly string[],
  firstresult: boolean,
  fallback: CompiledCall,
  warn: (warning: Error) => void,
): CompiledCall | null {
  const count = impls.length;
  if (!codegenAllowed || count === 0 || count > maxCompiledImpls) return null;
  let firstWrapper = count;
  let oldStyle = false;
  while (firstWrapper > 0) {
    const impl = impls[firstWrapper - 1]!;
    if (impl.hookwrapper) oldStyle = true;
    else if (!impl.wrapper) break;
    if (impl.kind === "async-generator") return null;
    firstWrapper--;
  }
  const names: string[] = ["fallback", "first", "finish", "notGenerator", "didNotYield"];
  const values: unknown[] = [
    fallback,
    (result: unknown, index: number) => checkFirstResult(result, impls[index]!, hookName),
    (generators: Array<Generator<unknown, unknown, unknown>>, result: unknown, exception: unknown, failed: boolean) =>
      finishWrappers(hookName, impls, generators, result, exception, failed, oldStyle, warn),
    (index: number, generator: unknown) => {
      throw notGeneratorError(impls[index]!, hookName, generator);
    },
    (index: number) => {
      throw wrapFail(impls[index]!, hookName, "did not yield");
    },
  ];
  for (let i = 0; i < count; i++) {
    const impl = impls[i]!;
    // A wrapper is called through a bound function: V8 inlines `f.call(p, args)` of a plain
    // function, but not of a generator function.
    names.push(`f${i}`, `p${i}`);
    values.push(i < firstWrapper ? impl.function : impl.function.bind(impl.plugin), impl.plugin);
  }
  const lines = ['"use strict";', "return function compiledCall(args) {"];
  if (required.length > 0) {
    lines.push(`if (!(${required.map((name) => `${JSON.stringify(name)} in args`).join(" && ")})) return fallback(args);`);
  }
  const order = Array.from({ length: firstWrapper }, (_, k) => firstWrapper - 1 - k);
  if (firstWrapper < count) {
    lines.push("const generators = [];", "const results = [];", "let exception, failed = false, generator, result;", "try {");
    for (let i = count - 1; i >= firstWrapper; i--) {
      lines.push(
        `generator = f${i}(args);`,
        `if (typeof generator?.next !== "function") notGenerator(${i}, generator);`,
        `if (generator.next().done) didNotYield(${i});`,
        "generators.push(generator);",
      );
    }
    lines.push("calls: {");
    for (const i of order) {
      lines.push(
        firstresult
          ? `if ((result = f${i}.call(p${i}, args)) !== undefined) { results.push(first(result, ${i})); break calls; }`
          : `if ((result = f${i}.call(p${i}, args)) !== undefined) results.push(result);`,
      );
    }
    lines.push("}", "} catch (error) {", "exception = error;", "failed = true;", "}");
    lines.push(`return finish(generators, ${firstresult ? "results[0]" : "results"}, exception, failed);`);
  } else if (firstresult) {
    lines.push("let result;");
    for (const i of order) lines.push(`if ((result = f${i}.call(p${i}, args)) !== undefined) return first(result, ${i});`);
    lines.push("return undefined;");
  } else {
    for (const i of order) lines.push(`const r${i} = f${i}.call(p${i}, args);`);
    // Usually every implementation answers: then one array literal holds the results.
    lines.push(`if (${order.map((i) => `r${i} !== undefined`).join(" && ")}) return [${order.map((i) => `r${i}`).join(", ")}];`);
    lines.push("const results = [];");
    for (const i of order) lines.push(`if (r${i} !== undefined) results.push(r${i});`);
    lines.push("return results;");
  }
  lines.push("};");
  let factory: (...values: unknown[]) => CompiledCall;
  try {
    factory = new Function(...names, lines.join("\n")) as typeof factory;
  } catch {
    codegenAllowed = false;
    return null;
  }
  return factory(...values);
}

function notGeneratorError(impl: HookImpl, hookName: string, generator: unknown): TypeError {
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

// Finishes a generator that will not be resumed, so that its `finally` blocks run; an error raised
// while closing is reported as a warning because the call is already failing with another one.
function closeQuietly(generator: Iterator<unknown, unknown, unknown>, warn: (warning: Error) => void, hookName: string): void {
  try {
    generator.return?.(undefined);
  } catch (error) {
    const warning = new HooksmithWarning(
      `A wrapper of hook '${hookName}' threw while being closed after a wrapper protocol error`,
    );
    warning.cause = error;
    warn(warning);
  }
}
