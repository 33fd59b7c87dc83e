import type { HookImpl } from "../core/hook-impl.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import type { Result } from "../core/result.ts";
import type { HookArgs, HookNames, HookOf, HookWrapperResult, UntypedSpecs } from "../core/types.ts";

/**
 * One implementation that ran during a recorded hook call.
 *
 * @example
 * ```ts
 * import type { RecordedImplementation } from "hooksmith/testing";
 *
 * const describe = ({ pluginName, wrapper }: RecordedImplementation) => `${pluginName}${wrapper ? " (wrapper)" : ""}`;
 * ```
 */
export interface RecordedImplementation {
  /** The name its plugin is registered under (`"<temp>"` for a `callExtra` function). */
  readonly pluginName: string;
  /** Its plugin (`undefined` for a `callExtra` function). */
  readonly plugin: object | undefined;
  /** The implementation function, as the plugin defined it. */
  readonly function: Function;
  /** The registered implementation (options, argument names, flags). */
  readonly hookImpl: HookImpl;
  /** Whether it is a wrapper (`wrapper` or `hookwrapper`): it ran when the call entered it. */
  readonly wrapper: boolean;
}

/**
 * Where a recorded call stands: running (an async call not settled yet), returned, or threw.
 *
 * @example
 * ```ts
 * import type { HookCallStatus } from "hooksmith/testing";
 *
 * const done = (status: HookCallStatus) => status !== "pending";
 * ```
 */
export type HookCallStatus = "pending" | "returned" | "threw";

/**
 * One recorded hook call: its arguments, the implementations that ran in order, and how it
 * ended. The record is updated in place while the call runs.
 *
 * @typeParam Args - The hook's arguments object.
 * @typeParam Result - What the call returns (for an async call, what it resolves to).
 * @typeParam Name - The hook's name.
 * @example
 * ```ts
 * import type { RecordedHookCall } from "hooksmith/testing";
 *
 * const summary = (call: RecordedHookCall) => `${call.hookName}(${JSON.stringify(call.args)}) by ${call.ran.map((impl) => impl.pluginName).join(", ")}`;
 * const greeted = (call: RecordedHookCall<{ name: string }, string[]>) => call.args.name;
 * ```
 */
export interface RecordedHookCall<Args = Record<string, unknown>, Result = unknown, Name extends string = string> {
  /** The hook name. */
  readonly hookName: Name;
  /** The arguments object of the call (the object itself, not a copy). */
  readonly args: Args;
  /**
   * The implementations the call was made with, in storage order (call order is the reverse);
   * with `callExtra` the extra functions are included, for a historic replay only the new one.
   */
  readonly hookImpls: readonly HookImpl[];
  /**
   * The implementations that ran, in the order they were called (wrappers when entered). A
   * `firstresult` call that stopped early, or a call that failed, lists only those that ran.
   */
  readonly ran: readonly RecordedImplementation[];
  /** `"pending"` until the call settles. */
  readonly status: HookCallStatus;
  /** The call's result, once it returned (what the caller received; awaited for async calls). */
  readonly result: Result | undefined;
  /** The error the call threw (or rejected with), once it threw. */
  readonly error: unknown;
}

/**
 * A recorded call of any hook of `Specs`: a union discriminated by `hookName`.
 *
 * @typeParam Specs - The manager's spec map.
 * @example
 * ```ts
 * import type { AnyRecordedHookCall } from "hooksmith/testing";
 *
 * interface Specs { greet(args: { name: string }): string }
 * const names = (calls: readonly AnyRecordedHookCall<Specs>[]) => calls.map((call) => call.args.name);
 * ```
 */
export type AnyRecordedHookCall<Specs> = {
  [Name in HookNames<Specs>]: RecordedHookCallOf<Specs, Name>;
}[HookNames<Specs>];

/**
 * The recorded call of hook `Name` of `Specs`: its arguments and result types come from the spec.
 *
 * @typeParam Specs - The manager's spec map.
 * @typeParam Name - The hook's name.
 * @example
 * ```ts
 * import type { RecordedHookCallOf } from "hooksmith/testing";
 *
 * interface Specs { greet(args: { name: string }): string }
 * const name = (call: RecordedHookCallOf<Specs, "greet">): string => call.args.name;
 * ```
 */
export type RecordedHookCallOf<Specs, Name extends HookNames<Specs>> = RecordedHookCall<
  HookArgs<HookOf<Specs, Name>>,
  HookWrapperResult<HookOf<Specs, Name>>,
  Name
>;

/**
 * Options of {@link recordHookCalls}.
 *
 * @typeParam Specs - The manager's spec map.
 * @example
 * ```ts
 * import type { RecordHookCallsOptions } from "hooksmith/testing";
 *
 * const options: RecordHookCallsOptions = { hooks: ["nebari_stage"] };
 * ```
 */
export interface RecordHookCallsOptions<Specs = UntypedSpecs> {
  /** Record only the calls of these hooks; default: every hook. */
  readonly hooks?: readonly HookNames<Specs>[];
}

interface MutableCall {
  readonly hookName: string;
  readonly args: object;
  readonly hookImpls: readonly HookImpl[];
  readonly ran: RecordedImplementation[];
  status: HookCallStatus;
  result: unknown;
  error: unknown;
}

interface Instrumentation {
  readonly original: Function;
  readonly instrumented: Function;
  readonly descriptor: PropertyDescriptor;
  users: number;
}

/**
 * Records the hook calls of a manager while it is active: every call with its arguments, the
 * implementations that ran, in order, and its result or error. Create it with
 * {@link recordHookCalls}; stop it with `stop()` or by leaving a `using` block, which restores
 * the manager.
 *
 * How it knows what ran: it monitors the manager (`addHookcallMonitoring`) and, for the
 * duration of each call, routes each implementation of that call through a recording function
 * (the implementation's `function` is swapped and restored when no recorded call uses it any
 * more). A call of an implementation is attributed to the innermost running call of its hook
 * with the same arguments object that has not run it yet, so nested calls are told apart;
 * concurrent async calls of one hook with the very same arguments object cannot be.
 *
 * @typeParam Specs - The manager's spec map.
 * @example
 * ```ts
 * import { recordHookCalls } from "hooksmith/testing";
 *
 * using recorder = recordHookCalls(pm);
 * pm.hook.greet({ name: "Ada" });
 * const [call] = recorder.callsOf("greet");
 * console.log(call?.ran.map(({ pluginName }) => pluginName), call?.result);
 * ```
 */
export class HookCallRecorder<Specs extends object = UntypedSpecs> {
  readonly #calls: MutableCall[] = [];
  readonly #running: MutableCall[] = [];
  readonly #instrumented = new Map<HookImpl, Instrumentation>();
  readonly #hooks: ReadonlySet<string> | undefined;
  #undo: (() => void) | undefined;

  /**
   * Starts recording the calls of `pm`.
   *
   * @param pm - The manager to record.
   * @param options - `hooks`, to record only some hooks.
   * @throws {TypeError} When `pm` has no `addHookcallMonitoring`.
   */
  constructor(pm: PluginManager<Specs>, options: RecordHookCallsOptions<Specs> = {}) {
    if (typeof (pm as { addHookcallMonitoring?: unknown } | null)?.addHookcallMonitoring !== "function") {
      throw new TypeError("recordHookCalls needs a PluginManager");
    }
    this.#hooks = options.hooks === undefined ? undefined : new Set<string>(options.hooks);
    this.#undo = pm.addHookcallMonitoring(
      (hookName, hookImpls, kwargs) => this.#before(hookName, hookImpls, kwargs),
      (outcome, hookName, hookImpls, kwargs) => this.#after(outcome, hookName, hookImpls, kwargs),
    );
  }

  /** Every recorded call, in the order the calls started. */
  get calls(): readonly AnyRecordedHookCall<Specs>[] {
    return this.#calls as unknown as readonly AnyRecordedHookCall<Specs>[];
  }

  /** Whether the recorder is still recording. */
  get active(): boolean {
    return this.#undo !== undefined;
  }

  /**
   * The recorded calls of one hook, in the order they started.
   *
   * @param hookName - The hook name.
   * @returns A new array.
   * @example
   * ```ts
   * import { recordHookCalls } from "hooksmith/testing";
   *
   * using recorder = recordHookCalls(pm);
   * await pm.hook.build.callAsync({ target: "web" });
   * const [build] = recorder.callsOf("build");
   * ```
   */
  callsOf<Name extends HookNames<Specs>>(hookName: Name): RecordedHookCallOf<Specs, Name>[] {
    return this.#calls.filter((call) => call.hookName === hookName) as unknown as RecordedHookCallOf<Specs, Name>[];
  }

  /**
   * Forgets the calls recorded so far (calls still running stay recorded where they are).
   *
   * @example
   * ```ts
   * import { recordHookCalls } from "hooksmith/testing";
   *
   * using recorder = recordHookCalls(pm);
   * pm.hook.setup();
   * recorder.clear();
   * ```
   */
  clear(): void {
    this.#calls.length = 0;
  }

  /**
   * Stops recording and restores the manager: removes the monitoring and every swapped
   * implementation function. Idempotent. The monitoring is undone as `addHookcallMonitoring`
   * undoes it (the monitors are put back as they were when the recorder started), so stop
   * recorders, and undo other monitoring added after one, in reverse order; `using` does.
   *
   * @example
   * ```ts
   * import { recordHookCalls } from "hooksmith/testing";
   *
   * const recorder = recordHookCalls(pm);
   * try {
   *   pm.hook.setup();
   * } finally {
   *   recorder.stop();
   * }
   * ```
   */
  stop(): void {
    const undo = this.#undo;
    if (undo === undefined) return;
    this.#undo = undefined;
    undo();
    for (const [impl, state] of this.#instrumented) restore(impl, state);
    this.#instrumented.clear();
    this.#running.length = 0;
  }

  /** Same as `stop()`: lets `using recorder = recordHookCalls(pm)` restore the manager. */
  [Symbol.dispose](): void {
    this.stop();
  }

  #before(hookName: string, hookImpls: readonly HookImpl[], args: object): void {
    if (this.#undo === undefined || (this.#hooks !== undefined && !this.#hooks.has(hookName))) return;
    const call: MutableCall = { hookName, args, hookImpls, ran: [], status: "pending", result: undefined, error: undefined };
    this.#calls.push(call);
    this.#running.push(call);
    for (const impl of hookImpls) this.#instrument(impl);
  }

  #after(outcome: Result<unknown>, hookName: string, hookImpls: readonly HookImpl[], args: object): void {
    if (this.#undo === undefined) return;
    let index = this.#running.length - 1;
    while (index >= 0) {
      const call = this.#running[index]!;
      if (call.hookName === hookName && call.hookImpls === hookImpls && call.args === args) break;
      index--;
    }
    if (index < 0) return;
    const [call] = this.#running.splice(index, 1) as [MutableCall];
    if (outcome.failed) {
      call.status = "threw";
      call.error = outcome.exception;
    } else {
      call.status = "returned";
      call.result = outcome.getResult();
    }
    for (const impl of hookImpls) this.#release(impl);
  }

  #instrument(impl: HookImpl): void {
    const existing = this.#instrumented.get(impl);
    if (existing !== undefined) {
      existing.users++;
      return;
    }
    const descriptor = Object.getOwnPropertyDescriptor(impl, "function");
    if (descriptor === undefined || !("value" in descriptor) || descriptor.configurable !== true) return;
    const original = descriptor.value as Function;
    const ran = (args: unknown): void => this.#ran(impl, original, args);
    const instrumented = function (this: unknown, ...args: unknown[]): unknown {
      ran(args[0]);
      return Reflect.apply(original, this, args);
    };
    // Error messages of the call loop name the implementation by its function's name.
    Object.defineProperty(instrumented, "name", { value: original.name, configurable: true });
    Object.defineProperty(impl, "function", { ...descriptor, value: instrumented });
    this.#instrumented.set(impl, { original, instrumented, descriptor, users: 1 });
  }

  #release(impl: HookImpl): void {
    const state = this.#instrumented.get(impl);
    if (state === undefined || --state.users > 0) return;
    this.#instrumented.delete(impl);
    restore(impl, state);
  }

  #ran(impl: HookImpl, original: Function, args: unknown): void {
    for (let index = this.#running.length - 1; index >= 0; index--) {
      const call = this.#running[index]!;
      if (call.args !== args || !call.hookImpls.includes(impl) || call.ran.some((entry) => entry.hookImpl === impl)) continue;
      call.ran.push(
        Object.freeze({
          pluginName: impl.pluginName,
          plugin: impl.plugin,
          function: original,
          hookImpl: impl,
          wrapper: impl.wrapper || impl.hookwrapper,
        }),
      );
      return;
    }
  }
}

/**
 * Records the hook calls of a manager: every call (plain, `callAsync`, `callParallel`,
 * historic calls and their replays, `callExtra`, subset callers) with its arguments, the
 * implementations that ran in order (plugin name and function), and its result or error.
 *
 * The recorder is disposable: `using recorder = recordHookCalls(pm)` stops it and restores the
 * manager when the block ends (or call `recorder.stop()`).
 *
 * @typeParam Specs - The manager's spec map.
 * @param pm - The manager to record.
 * @param options - `hooks`, to record only some hooks.
 * @returns The recorder.
 * @throws {TypeError} When `pm` is not a plugin manager.
 * @example
 * ```ts
 * import { createTestPluginManager, recordHookCalls } from "hooksmith/testing";
 *
 * const pm = createTestPluginManager<Specs>("example", { specs: Specs, plugins: [early, late] });
 * using recorder = recordHookCalls(pm);
 * pm.hook.greet({ name: "Ada" });
 * const [call] = recorder.callsOf("greet");
 * console.log(call?.args, call?.ran.map(({ pluginName }) => pluginName), call?.status, call?.result);
 * ```
 */
export function recordHookCalls<Specs extends object>(
  pm: PluginManager<Specs>,
  options?: RecordHookCallsOptions<Specs>,
): HookCallRecorder<Specs> {
  return new HookCallRecorder<Specs>(pm, options);
}

/**
 * Puts an implementation's own function back, unless something else replaced it meanwhile.
 *
 * @param impl - The implementation.
 * @param state - What was swapped.
 */
function restore(impl: HookImpl, state: Instrumentation): void {
  if (impl.function === state.instrumented) Object.defineProperty(impl, "function", state.descriptor);
}
