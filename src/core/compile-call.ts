// The compiled synchronous path of a call plan: the call loop of ./multicall.ts specialised to one
// plan's implementations, with `new Function` where the runtime allows generating code, and with
// closures over the plan's functions where it does not (Workers, a Content Security Policy
// without 'unsafe-eval', node --disallow-code-generation-from-strings).

import type { HookImpl } from "./hook-impl.ts";
import { checkFirstResult } from "./multicall.ts";
import {
  CallOutcome,
  finishWrappers,
  firstWrapperIndex,
  notGeneratorError,
  unclosedWrappers,
  wrapFail,
  type WrapperGenerator,
} from "./wrappers.ts";

/** A call plan's compiled synchronous path: takes the normalized arguments, returns the result. */
export type CompiledCall = (args: object) => unknown;

/** Plans with more implementations than this keep the loop: the code would be too large to pay off. */
const maxCompiledImpls = 256;

// Whether `new Function` works here; set to false the first time it throws, after which plans are
// specialised with closures.
let codegenAllowed = true;

/**
 * Compiles the synchronous call of a plan into a function specialised to its implementations, as
 * tapable compiles its hooks: every implementation and wrapper gets its own call site, so the
 * engine sees one target per site and can inline it, where the generic loop's single call site
 * sees every implementation of every hook. The compiled function does exactly what `multicall`
 * does for a call whose arguments are all present: it checks `required` (and hands the call to
 * `fallback`, the generic path, when one is missing), enters the wrappers (bound to their plugin
 * once, here) with the same checks as the loop, calls the implementations in call order with
 * the plugin as `this`, collects the results (or stops at the first, through the same promise
 * check), and finishes the wrappers with the loop's own {@link finishWrappers}. The source holds
 * nothing but indices and the JSON-quoted argument names.
 *
 * Where generating code is forbidden, the plan is specialised with {@link specializeCall} instead.
 *
 * @returns The compiled call, or `null` when the plan has no or too many implementations, or an
 *   async generator wrapper (the loop refuses the call).
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
  if (count === 0 || count > maxCompiledImpls) return null;
  if (!codegenAllowed) return specializeCall(hookName, impls, required, firstresult, fallback, warn);
  let firstWrapper: number;
  try {
    firstWrapper = firstWrapperIndex(impls, hookName, true);
  } catch {
    // An async generator wrapper: the loop refuses such calls, with its error.
    return null;
  }
  // The wrappers outermost first, as the teardown loop takes them.
  const wrappers = impls.slice(firstWrapper).reverse();
  const names: string[] = ["fallback", "first", "finish", "notGenerator", "didNotYield", "unclosed"];
  const values: unknown[] = [
    fallback,
    (result: unknown, index: number) => checkFirstResult(result, impls[index]!, hookName),
    (generators: WrapperGenerator[], result: unknown, exception: unknown, failed: boolean) =>
      finishWrappers(hookName, wrappers, generators, new CallOutcome(result, exception, failed), warn),
    (index: number, generator: unknown) => {
      throw notGeneratorError(impls[index]!, hookName, generator);
    },
    (index: number) => {
      throw wrapFail(impls[index]!, hookName, "did not yield");
    },
    unclosedWrappers,
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
        "generators[generators.length] = generator;",
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
    // When calling finish overflows the stack, the wrappers are queued to be closed later, with
    // plain assignments (see unclosedWrappers).
    lines.push(
      "try {",
      `return finish(generators, ${firstresult ? "results[0]" : "results"}, exception, failed);`,
      "} catch (error) {",
      "if (error instanceof RangeError) for (let j = generators.length - 1; j >= 0; j--) unclosed[unclosed.length] = generators[j];",
      "throw error;",
      "}",
    );
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
    return specializeCall(hookName, impls, required, firstresult, fallback, warn);
  }
  return factory(...values);
}

/**
 * The call of a plan specialised without generating code: what {@link compileCall}'s code does,
 * as closures over the plan's functions and plugins taken out of their implementations once. It
 * skips the generic path's layers (the argument check per call, the monitors' dispatch, the call
 * loop's reads of each implementation), which is most of a call's cost when the implementations
 * are cheap.
 *
 * @returns The specialised call, or `null` for a plan without implementations or with an async
 *   generator wrapper.
 */
export function specializeCall(
  hookName: string,
  impls: readonly HookImpl[],
  required: readonly string[],
  firstresult: boolean,
  fallback: CompiledCall,
  warn: (warning: Error) => void,
): CompiledCall | null {
  if (impls.length === 0) return null;
  let firstWrapper: number;
  try {
    firstWrapper = firstWrapperIndex(impls, hookName, true);
  } catch {
    return null;
  }
  // The non-wrappers in call order, with their functions and plugins.
  const order = impls.slice(0, firstWrapper).reverse();
  const fns = order.map((impl) => impl.function);
  const plugins = order.map((impl) => impl.plugin);
  const count = fns.length;
  const lacks = missingArgumentCheck(required);
  if (firstWrapper === impls.length) {
    if (firstresult) {
      return (args) => {
        if (lacks(args)) return fallback(args);
        for (let i = 0; i < count; i++) {
          const result: unknown = fns[i]!.call(plugins[i], args);
          if (result !== undefined) return checkFirstResult(result, order[i]!, hookName);
        }
        return undefined;
      };
    }
    if (count === 1) {
      // One implementation, the commonest plan: no loop, and the results in an array literal.
      const fn = fns[0]!;
      const plugin = plugins[0];
      return (args) => {
        if (lacks(args)) return fallback(args);
        const result: unknown = fn.call(plugin, args);
        return result === undefined ? [] : [result];
      };
    }
    return (args) => {
      if (lacks(args)) return fallback(args);
      const results: unknown[] = [];
      for (let i = 0; i < count; i++) {
        const result: unknown = fns[i]!.call(plugins[i], args);
        if (result !== undefined) results.push(result);
      }
      return results;
    };
  }
  // The wrappers outermost first, as they are entered and as the teardown loop takes them.
  const wrappers = impls.slice(firstWrapper).reverse();
  const wrapperFns = wrappers.map((impl) => impl.function);
  const wrapperPlugins = wrappers.map((impl) => impl.plugin);
  return (args) => {
    if (lacks(args)) return fallback(args);
    const generators: WrapperGenerator[] = [];
    try {
      const outcome = new CallOutcome(undefined, undefined, false);
      try {
        for (let k = 0; k < wrappers.length; k++) {
          const generator: unknown = wrapperFns[k]!.call(wrapperPlugins[k], args);
          if (typeof (generator as { next?: unknown } | null)?.next !== "function") {
            throw notGeneratorError(wrappers[k]!, hookName, generator);
          }
          if ((generator as Generator<unknown, unknown, unknown>).next().done)
            throw wrapFail(wrappers[k]!, hookName, "did not yield");
          generators[generators.length] = generator as Generator<unknown, unknown, unknown>;
        }
        const results: unknown[] = [];
        for (let i = 0; i < count; i++) {
          const result: unknown = fns[i]!.call(plugins[i], args);
          if (result === undefined) continue;
          if (firstresult) {
            results.push(checkFirstResult(result, order[i]!, hookName));
            break;
          }
          results.push(result);
        }
        outcome.succeed(firstresult ? results[0] : results);
      } catch (error) {
        outcome.fail(error);
      }
      return finishWrappers(hookName, wrappers, generators, outcome, warn);
    } catch (error) {
      // As in the call loop: wrappers the teardown loop could not take are queued, without a call.
      if (error instanceof RangeError)
        for (let j = generators.length - 1; j >= 0; j--) unclosedWrappers[unclosedWrappers.length] = generators[j]!;
      throw error;
    }
  };
}

// Whether a call lacks one of `required`: the names unrolled into a closure for up to three of
// them, which the engine checks as fast as constant names (a loop over the array is three times
// slower, and most hooks take one to three arguments).
function missingArgumentCheck(required: readonly string[]): (args: object) => boolean {
  const [first, second, third] = required;
  switch (required.length) {
    case 0:
      return () => false;
    case 1:
      return (args) => !(first! in args);
    case 2:
      return (args) => !(first! in args) || !(second! in args);
    case 3:
      return (args) => !(first! in args) || !(second! in args) || !(third! in args);
    default:
      return (args) => {
        for (const name of required) if (!(name in args)) return true;
        return false;
      };
  }
}
