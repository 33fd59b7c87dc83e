// Implementations and baselines shared by the call cases.

import { answering, answeringAsync, silent } from "./compute-impls.generated.ts";
import { HookimplMarker, HookspecMarker } from "../../src/index.ts";

/** The project name of every benchmark manager. */
export const project = "bench";
/** The markers of {@link project}. */
export const hookspec: ReturnType<typeof HookspecMarker> = HookspecMarker(project);
export const hookimpl: ReturnType<typeof HookimplMarker> = HookimplMarker(project);

/** The arguments object of the `compute` hook. */
export interface ComputeArgs {
  readonly a: number;
  readonly b: number;
}

/** The arguments every `compute` call passes. */
export const computeArgs: ComputeArgs = Object.freeze({ a: 1, b: 2 });

/** A sync implementation of `compute`. */
export type ComputeImpl = (args: ComputeArgs) => number | undefined;
/** An async implementation of `compute`. */
export type AsyncComputeImpl = (args: ComputeArgs) => Promise<number>;

/** The spec of `compute`, for `pm.addHookspecs`. */
export const computeSpecs: { compute: (args: ComputeArgs) => number } = {
  compute: hookspec(function compute({ a, b }: ComputeArgs): number {
    return a + b;
  }),
};

/** The same spec with `firstresult`. */
export const computeFirstSpecs: { compute: (args: ComputeArgs) => number } = {
  compute: hookspec({ firstresult: true })(function compute({ a, b }: ComputeArgs): number {
    return a + b;
  }),
};

/**
 * `count` implementations of `compute`, each its own function: in a host every implementation
 * comes from a different plugin, so no two of them share code, and a generic call loop sees as
 * many call targets as there are implementations. Implementation `i` returns `a + b + i`, or
 * `undefined` when `answers(i)` is false. They are written out in compute-impls.generated.ts
 * (not built with `new Function`, so that the benchmark runs where code generation is forbidden).
 *
 * @param count - How many (at most 100).
 * @param answers - Which of them return a value (all by default).
 * @returns The functions, in registration order.
 */
export function distinctImpls(count: number, answers: (index: number) => boolean = () => true): ComputeImpl[] {
  return Array.from({ length: count }, (_, i) => (answers(i) ? answering[i] : silent[i])!);
}

/** As {@link distinctImpls}, with async functions that resolve to `a + b + i`. */
export function distinctAsyncImpls(count: number): AsyncComputeImpl[] {
  return answeringAsync.slice(0, count);
}

/**
 * The hand-written baseline of a plain call: calls each function with the arguments object, most
 * recently registered first as hooksmith does, and collects the results that are not `undefined`
 * into a new array.
 */
export function callLoop(fns: readonly ComputeImpl[], args: ComputeArgs): number[] {
  const results: number[] = [];
  for (let i = fns.length - 1; i >= 0; i--) {
    const result = fns[i]!(args);
    if (result !== undefined) results.push(result);
  }
  return results;
}

/** The hand-written baseline of a `firstresult` call: the first result that is not `undefined`. */
export function firstResultLoop(fns: readonly ComputeImpl[], args: ComputeArgs): number | undefined {
  for (let i = fns.length - 1; i >= 0; i--) {
    const result = fns[i]!(args);
    if (result !== undefined) return result;
  }
  return undefined;
}

/** The hand-written baseline of an async call: awaits each function in turn and collects. */
export async function awaitLoop(fns: readonly AsyncComputeImpl[], args: ComputeArgs): Promise<number[]> {
  const results: number[] = [];
  for (let i = fns.length - 1; i >= 0; i--) {
    const result = await fns[i]!(args);
    if (result !== undefined) results.push(result);
  }
  return results;
}

/** A new-style wrapper generator function, as the baseline nest calls it. */
export type WrapperFunction<A, R> = (args: A) => Generator<unknown, R, R>;

/**
 * The hand-written baseline of a call with wrappers: a nest of generators. Each wrapper (in call
 * order) is started and run to its `yield`, then the implementations run as in
 * {@link callLoop}, then the wrappers are resumed innermost first with the result, and what each
 * returns becomes the result.
 */
export function callNest<A, R>(
  wrappers: ReadonlyArray<WrapperFunction<A, R>>,
  impls: ReadonlyArray<(args: A) => unknown>,
  args: A,
): R {
  const entered: Array<Generator<unknown, R, R>> = [];
  for (let i = wrappers.length - 1; i >= 0; i--) {
    const generator = wrappers[i]!(args);
    generator.next();
    entered.push(generator);
  }
  const results: unknown[] = [];
  for (let i = impls.length - 1; i >= 0; i--) {
    const result = impls[i]!(args);
    if (result !== undefined) results.push(result);
  }
  let result = results as R;
  for (let i = entered.length - 1; i >= 0; i--) result = entered[i]!.next(result).value as R;
  return result;
}

/** Registers each function as its own plugin, `{ compute: fn }`, under `p<i>`. */
export function computePlugins(fns: ReadonlyArray<Function>): Array<Record<string, Function>> {
  return fns.map((fn) => ({ compute: hookimpl(fn) }));
}

/** The expected result of a `compute` call over `count` answering implementations. */
export function expectedResults(count: number, answers: (index: number) => boolean = () => true): number[] {
  const results: number[] = [];
  for (let i = count - 1; i >= 0; i--) if (answers(i)) results.push(computeArgs.a + computeArgs.b + i);
  return results;
}
