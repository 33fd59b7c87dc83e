import { describeValue } from "../core/describe.ts";
import { isThenable } from "../core/multicall.ts";
import { isGenerator, type GeneratorLike } from "./stage-context.ts";
import type { StageLifecycle } from "./stage-types.ts";

/** An error on its way out of the contexts; `undefined` when there is none. */
type Pending = { readonly error: unknown } | undefined;

/**
 * Runs several generator contexts as one: enters them in order, yields once, and exits them in
 * reverse order, with the rules of Python's `contextlib.ExitStack`. It is how a stage runs its
 * parent's deploy context around its own, as Nebari's stages do with
 * `with super().deploy(stage_outputs, disable_prompt): with kubernetes_provider_context(...): yield`:
 *
 * ```ts
 * override async *deploy(stageOutputs: StageOutputs, options: StageRunOptions) {
 *   yield* nestContexts(super.deploy(stageOutputs, options), kubernetesProviderContext(credentials));
 * }
 * ```
 *
 * - Each context is what a `deploy` or `destroy` method returns (a sync or async generator, a
 *   promise, or nothing) or any generator: a generator runs up to its `yield`; a promise is
 *   awaited (a plain async `deploy` of the parent has no teardown); nothing is skipped. A
 *   generator that returns without yielding has nothing to exit.
 * - An error while entering context *k* is thrown in at the `yield` of the contexts entered
 *   before it, innermost first; nothing is yielded.
 * - An error thrown in at this generator's `yield` (a later stage failed) is thrown in at the
 *   innermost context's `yield`. A context that catches it and returns handles it: the contexts
 *   around it then exit normally. One that lets it through, or raises another error, passes
 *   that error on to the next context out. The error left at the end is thrown.
 * - Exiting normally, a context that raises an error starts the same propagation outward.
 * - Closing this generator (`return()`) closes each context, innermost first, so their
 *   `finally` blocks run.
 *
 * @param contexts - The contexts, outermost first.
 * @returns An async generator that yields once; use it with `yield*` in an `async *deploy` or
 *   `async *destroy` method.
 * @throws {TypeError} for a context that is not a generator, a promise or nothing, or one that
 *   yields a second time (it is closed first).
 * @throws whatever error is left after the contexts exited.
 * @example
 * ```ts
 * import { NebariStage, nestContexts, type StageOutputs, type StageRunOptions } from "hooksmith";
 *
 * function* providerContext(credentials: string): Generator<void, void, unknown> {
 *   process.env["KUBECONFIG"] = credentials;
 *   try {
 *     yield;
 *   } finally {
 *     delete process.env["KUBECONFIG"];
 *   }
 * }
 *
 * class InfrastructureStage extends NebariStage {
 *   static override stageName = "02-infrastructure";
 *   static override priority = 20;
 * }
 *
 * class LocalInfrastructureStage extends InfrastructureStage {
 *   static override priority = 25;
 *   override async *deploy(stageOutputs: StageOutputs, options: StageRunOptions) {
 *     yield* nestContexts(super.deploy(stageOutputs, options), providerContext("/tmp/kubeconfig"));
 *   }
 * }
 * ```
 */
export async function* nestContexts(...contexts: StageLifecycle[]): AsyncGenerator<void, void, unknown> {
  const entered: { readonly position: number; readonly generator: GeneratorLike }[] = [];
  let pending: Pending;
  for (const [position, context] of contexts.entries()) {
    try {
      const generator = await asGenerator(context, position);
      if (generator === undefined) continue;
      const first = await generator.next();
      if (first.done !== true) entered.push({ position, generator });
    } catch (error) {
      pending = { error };
      break;
    }
  }

  if (pending === undefined) {
    let closed = true;
    try {
      yield;
      closed = false;
    } catch (error) {
      closed = false;
      pending = { error };
    } finally {
      // return() was called at the yield: close every context, innermost first.
      if (closed) await closeAll(entered);
    }
  }

  for (const { position, generator } of [...entered].reverse()) pending = await exitOne(generator, position, pending);
  if (pending !== undefined) throw pending.error;
}

/**
 * Exits one entered context: resumes it, or throws the pending error in at its `yield`.
 *
 * @param generator - The context.
 * @param position - Its position, for messages.
 * @param pending - The error on its way out.
 * @returns The error left after it: `undefined` when it exited normally or handled the error.
 */
async function exitOne(generator: GeneratorLike, position: number, pending: Pending): Promise<Pending> {
  let step: IteratorResult<unknown>;
  try {
    step = pending === undefined ? await generator.next() : await generator.throw(pending.error);
  } catch (error) {
    return { error };
  }
  if (step.done === true) return undefined;
  try {
    await generator.return(undefined);
  } catch {
    // The misuse below is the news; its own cleanup error would only hide it.
  }
  return {
    error: new TypeError(
      `nestContexts: context ${position} yielded more than once; a context must yield exactly once (setup before, teardown after)`,
    ),
  };
}

/**
 * Closes the entered contexts, innermost first, when this generator is closed at its `yield`.
 *
 * @param entered - The entered contexts, in order.
 * @throws the first error a context raised while closing, after closing all of them.
 */
async function closeAll(entered: readonly { readonly generator: GeneratorLike }[]): Promise<void> {
  let failure: Pending;
  for (const { generator } of [...entered].reverse()) {
    try {
      await generator.return(undefined);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}

/**
 * Turns a context argument into a generator: awaits a promise, skips nothing.
 *
 * @param context - What was given.
 * @param position - Its position, for messages.
 * @returns The generator, or `undefined` for nothing to enter.
 * @throws {TypeError} for anything else.
 */
async function asGenerator(context: unknown, position: number): Promise<GeneratorLike | undefined> {
  let value = context;
  if (isThenable(value)) value = await value;
  if (value === undefined) return undefined;
  if (isGenerator(value)) return value;
  throw new TypeError(
    `nestContexts: context ${position} is ${describeValue(value)}, not a generator: pass what a deploy or destroy method returns, or a generator`,
  );
}
