// Per-implementation instrumentation: observers added with `observeHooks(pm, observer)` see every
// hook call, and inside it every implementation call and every wrapper's setup and teardown, with
// their timing, outcome and nesting. Off by default and free while off: a call only takes this
// path when an observer is installed (the check is the one that already routes calls through the
// monitors), and a program that never observes does not even carry this module: the manager's
// calls reach it through the function observeHooks installs. While on, the call runs views of its
// implementations that report each step.

import type { HookImpl } from "./hook-impl.ts";
import { callEnvironmentOf } from "./plugin-manager.ts";
import { describeValue } from "./describe.ts";
import { nodeBuiltin } from "./runtime.ts";
import { HooksmithWarning } from "./warnings.ts";

/** How a hook was called. */
export type ObservedCallKind = "plain" | "firstresult" | "historic";

/** Whether a hook call ran synchronously, awaited each implementation, or started them together. */
export type ObservedCallMode = "sync" | "async" | "parallel";

/** What an observed step of an implementation was: a plain call, or a wrapper's setup or teardown. */
export type ObservedStepPhase = "call" | "setup" | "teardown";

/** An outcome: a result, or an error. Filled when the call or step ends. */
export interface ObservedOutcome {
  /** When it ended (`performance.now()`), `undefined` while it runs. */
  readonly end: number | undefined;
  /** Whether it threw or rejected. */
  readonly failed: boolean;
  /** What it returned or resolved to (a wrapper's setup: `undefined`). */
  readonly result: unknown;
  /** What it threw or rejected with. */
  readonly error: unknown;
}

/** One hook call, as observers see it. The same object is given at its start and at its end. */
export interface ObservedHookCall extends ObservedOutcome {
  /** Unique among the calls of this process. */
  readonly id: number;
  /** The hook called. */
  readonly hookName: string;
  /** `firstresult`, `historic` (a historic call or a replay of one), or a plain call. */
  readonly kind: ObservedCallKind;
  /** Synchronous, awaited (`callAsync`) or concurrent (`callParallel`). */
  readonly mode: ObservedCallMode;
  /** The arguments object. */
  readonly args: object;
  /** The implementations called, in pluggy's storage order (call order is the reverse). */
  readonly impls: readonly HookImpl[];
  /** The implementation step this call was made from, when it was made from one. */
  readonly parent: ObservedImplStep | undefined;
  /** When it started (`performance.now()`). */
  readonly start: number;
}

/** One step of an implementation inside an observed call. */
export interface ObservedImplStep extends ObservedOutcome {
  /** Unique among the steps of this process. */
  readonly id: number;
  /** The call it belongs to. */
  readonly call: ObservedHookCall;
  /** The implementation. */
  readonly impl: HookImpl;
  /** The name its plugin is registered under (`"<temp>"` for `callExtra` functions). */
  readonly pluginName: string;
  /** A plain call, or a wrapper's setup (up to its `yield`) or teardown (after it). */
  readonly phase: ObservedStepPhase;
  /** Whether the step returned a promise, its end being when that settled. */
  readonly async: boolean;
  /** When it started (`performance.now()`). */
  readonly start: number;
}

/**
 * Sees every hook call of a manager and each step of its implementations; every method is
 * optional. An observer must not change what it is given; one that throws is reported through
 * the manager's `warn` and does not affect the call.
 */
export interface HookObserver {
  /** A hook call starts. */
  callStart?(call: ObservedHookCall): void;
  /** A hook call ended (after its wrappers' teardown, and once settled for an async call). */
  callEnd?(call: ObservedHookCall): void;
  /** An implementation step starts. */
  stepStart?(step: ObservedImplStep): void;
  /** An implementation step ended (once settled when it returned a promise). */
  stepEnd?(step: ObservedImplStep): void;
}

/** Where an observed call reports to. */
interface Observation {
  readonly observers: readonly HookObserver[];
  readonly warn: (warning: Error) => void;
}

let nextId = 1;

class Outcome {
  end: number | undefined = undefined;
  failed: boolean = false;
  result: unknown = undefined;
  error: unknown = undefined;

  succeed(result: unknown): void {
    this.end = performance.now();
    this.result = result;
  }

  fail(error: unknown): void {
    this.end = performance.now();
    this.failed = true;
    this.error = error;
  }
}

class Call extends Outcome implements ObservedHookCall {
  readonly id: number = nextId++;
  readonly start: number = performance.now();
  readonly hookName: string;
  readonly kind: ObservedCallKind;
  readonly mode: ObservedCallMode;
  readonly args: object;
  readonly impls: readonly HookImpl[];
  readonly parent: ObservedImplStep | undefined;

  constructor(
    hookName: string,
    kind: ObservedCallKind,
    mode: ObservedCallMode,
    args: object,
    impls: readonly HookImpl[],
    parent: ObservedImplStep | undefined,
  ) {
    super();
    this.hookName = hookName;
    this.kind = kind;
    this.mode = mode;
    this.args = args;
    this.impls = impls;
    this.parent = parent;
  }
}

class Step extends Outcome implements ObservedImplStep {
  readonly id: number = nextId++;
  readonly start: number = performance.now();
  readonly call: Call;
  readonly impl: HookImpl;
  readonly pluginName: string;
  readonly phase: ObservedStepPhase;
  async: boolean = false;

  constructor(call: Call, impl: HookImpl, phase: ObservedStepPhase) {
    super();
    this.call = call;
    this.impl = impl;
    this.pluginName = impl.pluginName;
    this.phase = phase;
  }
}

/** The observed call in progress, for running implementations and then ending it. */
export interface CallObservation {
  /** Views of the call's implementations that report each step. */
  readonly impls: readonly HookImpl[];
  /** Ends the call with its result. */
  succeed(result: unknown): void;
  /** Ends the call with its error. */
  fail(error: unknown): void;
}

/**
 * Starts observing one hook call: reports its start and returns the implementation views to run
 * and the functions that end it.
 */
export function observeCall(
  observation: Observation,
  hookName: string,
  kind: ObservedCallKind,
  mode: ObservedCallMode,
  args: object,
  impls: readonly HookImpl[],
): CallObservation {
  const call = new Call(hookName, kind, mode, args, impls, currentStep());
  notify(observation, "callStart", call);
  return {
    impls: impls.map((impl) => observedImpl(observation, call, impl)),
    succeed(result) {
      call.succeed(result);
      notify(observation, "callEnd", call);
    },
    fail(error) {
      call.fail(error);
      notify(observation, "callEnd", call);
    },
  };
}

// A view of `impl` whose function reports its steps; every other field is the implementation's own.
function observedImpl(observation: Observation, call: Call, impl: HookImpl): HookImpl {
  const view = Object.create(impl) as HookImpl;
  const wrapper = impl.wrapper || impl.hookwrapper;
  const fn = impl.function;
  // Named as the implementation's function (messages name a wrapper by it) through a computed key:
  // redefining `name` afterwards turns the function's properties into a dictionary, which cost
  // more than the rest of the view.
  const name = fn.name;
  const observed = wrapper
    ? {
        [name](this: unknown, args: object): unknown {
          const generator: unknown = fn.call(this, args);
          return typeof (generator as { next?: unknown } | null)?.next === "function"
            ? observedGenerator(observation, call, impl, generator as Generator<unknown, unknown, unknown>)
            : generator;
        },
      }[name]!
    : {
        [name](this: unknown, args: object): unknown {
          return runStep(
            observation,
            new Step(call, impl, "call"),
            () => fn.call(this, args),
            call.mode !== "sync",
            settledValue,
          );
        },
      }[name]!;
  try {
    // An own property of the view, by assignment: defining it costs more.
    (view as { function: Function }).function = observed;
  } catch {
    // The implementation was frozen (its `function` is read-only, so it cannot be shadowed by
    // assignment): define it instead.
    Object.defineProperty(view, "function", { value: observed, enumerable: true });
  }
  return view;
}

// A generator standing for a wrapper's: its first resumption is the setup step, the others are
// teardown steps. Async generators return promises, which end their step when they settle.
function observedGenerator(
  observation: Observation,
  call: Call,
  impl: HookImpl,
  generator: Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>,
): object {
  let phase: ObservedStepPhase = "setup";
  const resume = (action: () => unknown): unknown => {
    const step = new Step(call, impl, phase);
    phase = "teardown";
    return runStep(observation, step, action, true, stepValue);
  };
  const view = {
    next: (value?: unknown) => resume(() => generator.next(value)),
    throw: (error?: unknown) => resume(() => generator.throw(error)),
    return: (value?: unknown) => resume(() => generator.return(value)),
  };
  const iterator = impl.kind === "async-generator" ? Symbol.asyncIterator : Symbol.iterator;
  return Object.assign(view, { [iterator]: () => view });
}

function settledValue(value: unknown): unknown {
  return value;
}

// What a wrapper step produced: its return value once done, nothing for a `yield`.
function stepValue(step: unknown): unknown {
  const result = step as IteratorResult<unknown, unknown> | undefined;
  return result?.done === true ? result.value : undefined;
}

// Runs one step: reports its start, runs it as the current step (so that hook calls made from it
// name it as their parent), and reports its end, when the promise it returned settles if
// `awaitPromise`.
function runStep(
  observation: Observation,
  step: Step,
  action: () => unknown,
  awaitPromise: boolean,
  valueOf: (value: unknown) => unknown,
): unknown {
  notify(observation, "stepStart", step);
  const parent = current;
  current = step;
  // Only the steps of async calls need the storage: a synchronous call's nested calls are seen
  // through `current`, and what runs after its step returned is not inside the step.
  const stored = step.call.mode === "sync" ? undefined : storage;
  let value: unknown;
  try {
    if (stored === undefined) {
      value = action();
    } else {
      storedSteps++;
      value = stored.run(step, action);
    }
  } catch (error) {
    if (stored !== undefined) leaveStorage();
    step.fail(error);
    notify(observation, "stepEnd", step);
    throw error;
  } finally {
    current = parent;
  }
  if (awaitPromise && value instanceof Promise) {
    step.async = true;
    return value.then(
      (settled: unknown) => {
        if (stored !== undefined) leaveStorage();
        step.succeed(valueOf(settled));
        notify(observation, "stepEnd", step);
        return settled;
      },
      (error: unknown) => {
        if (stored !== undefined) leaveStorage();
        step.fail(error);
        notify(observation, "stepEnd", step);
        throw error;
      },
    );
  }
  if (stored !== undefined) leaveStorage();
  step.succeed(valueOf(value));
  notify(observation, "stepEnd", step);
  return value;
}

// The step running now: synchronously tracked, and across awaits where the runtime has
// AsyncLocalStorage (Node, Deno, Bun), so that a hook called after an await still names its parent.
let current: Step | undefined;

interface StepStorage {
  run<R>(store: Step, callback: () => R): R;
  getStore(): Step | undefined;
  disable?(): void;
}

let storage: StepStorage | undefined;
let storageChecked = false;

// Node 20's AsyncLocalStorage tracks contexts with promise hooks, which every promise of the
// process pays for (a `callAsync` over 20 async implementations takes twice as long) from the
// first `run()` until `disable()`. So the storage is disabled again once no observed step runs
// or awaits; the next `run()` enables it. Disabling costs about a microsecond, so it waits for a
// timer: a burst of observed calls enables the tracking once, not once per call.
let storedSteps = 0;
let releaseScheduled = false;

function leaveStorage(): void {
  if (--storedSteps > 0 || releaseScheduled || typeof storage?.disable !== "function") return;
  releaseScheduled = true;
  const timer: unknown = setTimeout(() => {
    releaseScheduled = false;
    if (storedSteps === 0) storage?.disable?.();
  }, 0);
  // Node, Bun: the timer must not keep the process alive.
  (timer as { unref?: () => void } | null)?.unref?.();
}

function currentStep(): Step | undefined {
  if (!storageChecked) {
    storageChecked = true;
    const hooks = nodeBuiltin<{ AsyncLocalStorage?: new () => StepStorage }>("node:async_hooks");
    if (hooks?.AsyncLocalStorage !== undefined) storage = new hooks.AsyncLocalStorage();
  }
  return current ?? storage?.getStore();
}

function notify<Event extends keyof HookObserver>(
  observation: Observation,
  event: Event,
  subject: Parameters<NonNullable<HookObserver[Event]>>[0],
): void {
  for (const observer of observation.observers) {
    const method = observer[event] as ((subject: unknown) => void) | undefined;
    if (method === undefined) continue;
    try {
      method.call(observer, subject);
    } catch (error) {
      const warning = new HooksmithWarning(`A hook observer threw in ${event}: ${String(error)}`);
      warning.cause = error;
      observation.warn(warning);
    }
  }
}

/**
 * Adds an observer of every hook call of `manager` and of each step of its implementations: each
 * implementation call, and each wrapper's setup (up to its `yield`) and teardown (after it), with
 * its plugin, timing, result or error, whether it returned a promise, and the step a nested hook
 * call was made from. Sync and async calls, historic calls and replays, `callExtra` and subset
 * callers are all observed. Observation is off until an observer is added and costs nothing while
 * off; the profiler (`profileHooks`), the testing recorder and the OpenTelemetry integration are
 * built on it.
 *
 * @param manager - The plugin manager to observe.
 * @param observer - The callbacks; each is optional. One that throws is reported through `warn`.
 * @returns A function that removes the observer.
 * @throws {TypeError} When `manager` is not a `PluginManager` or `observer` not an object.
 * @example
 * ```ts
 * import { observeHooks, PluginManager } from "hooksmith";
 *
 * const pm = new PluginManager("example");
 * const stop = observeHooks(pm, {
 *   stepEnd: (step) => console.log(step.call.hookName, step.pluginName, step.phase, step.end! - step.start),
 * });
 * stop();
 * ```
 */
export function observeHooks(manager: object, observer: HookObserver): () => void {
  const env = callEnvironmentOf(manager);
  if (env === undefined) throw new TypeError("observeHooks needs a PluginManager");
  if (typeof observer !== "object" || observer === null) {
    throw new TypeError(`observeHooks needs an observer object, got ${describeValue(observer)}`);
  }
  env.observe ??= observeCall;
  env.observers = [...env.observers, observer];
  env.plain = false;
  return () => {
    const index = env.observers.indexOf(observer);
    if (index === -1) return;
    env.observers = env.observers.filter((_, position) => position !== index);
    env.plain = env.monitors.length === 0 && env.observers.length === 0;
  };
}
