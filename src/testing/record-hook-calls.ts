import type { HookImpl } from "../core/hook-impl.ts";
import { observeHooks } from "../core/observe.ts";
import { callEnvironmentOf } from "../core/plugin-manager.ts";
import type { ObservedHookCall, ObservedImplStep } from "../core/observe.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
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
  /**
   * The call's result, once it returned (awaited for async calls): what the implementations and
   * wrappers produced, before any `addHookcallMonitoring` monitor that replaces it.
   */
  readonly result: Result | undefined;
  /** The error the call threw (or rejected with), once it threw (before monitors, as `result`). */
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

/**
 * Records the hook calls of a manager while it is active: every call with its arguments, the
 * implementations that ran, in order, and its result or error. Create it with
 * {@link recordHookCalls}; stop it with `stop()` or by leaving a `using` block.
 *
 * How it knows what ran: it is a hook observer (`observeHooks`), so the manager reports
 * each call and each implementation step of it to the recorder; nothing of the manager or its
 * implementations is replaced. Each step belongs to exactly one call, so nested, recursive and
 * concurrent calls are told apart, also concurrent calls of one hook with the same arguments.
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
  // The calls still running, by the manager's record of them.
  readonly #running = new Map<ObservedHookCall, MutableCall>();
  readonly #hooks: ReadonlySet<string> | undefined;
  #stop: (() => void) | undefined;

  /**
   * Starts recording the calls of `pm`.
   *
   * @param pm - The manager to record.
   * @param options - `hooks`, to record only some hooks.
   * @throws {TypeError} When `pm` is not a `PluginManager`.
   */
  constructor(pm: PluginManager<Specs>, options: RecordHookCallsOptions<Specs> = {}) {
    if (callEnvironmentOf(pm) === undefined) {
      throw new TypeError("recordHookCalls needs a PluginManager");
    }
    this.#hooks = options.hooks === undefined ? undefined : new Set<string>(options.hooks);
    this.#stop = observeHooks(pm, {
      callStart: (call) => this.#callStart(call),
      stepStart: (step) => this.#stepStart(step),
      callEnd: (call) => this.#callEnd(call),
    });
  }

  /** Every recorded call, in the order the calls started. */
  get calls(): readonly AnyRecordedHookCall<Specs>[] {
    return this.#calls as unknown as readonly AnyRecordedHookCall<Specs>[];
  }

  /** Whether the recorder is still recording. */
  get active(): boolean {
    return this.#stop !== undefined;
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
   * Stops recording: removes the recorder's observer from the manager. Idempotent, and
   * independent of other recorders and monitors (they may be stopped in any order). A call still
   * running when the recorder stops stays `"pending"` in the record.
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
    const stop = this.#stop;
    if (stop === undefined) return;
    this.#stop = undefined;
    stop();
    this.#running.clear();
  }

  /** Same as `stop()`: lets `using recorder = recordHookCalls(pm)` stop it at the end of the block. */
  [Symbol.dispose](): void {
    this.stop();
  }

  #callStart(observed: ObservedHookCall): void {
    if (this.#hooks !== undefined && !this.#hooks.has(observed.hookName)) return;
    const call: MutableCall = {
      hookName: observed.hookName,
      args: observed.args,
      hookImpls: observed.impls,
      ran: [],
      status: "pending",
      result: undefined,
      error: undefined,
    };
    this.#calls.push(call);
    this.#running.set(observed, call);
  }

  // An implementation runs when its call step starts, a wrapper when its setup starts.
  #stepStart(step: ObservedImplStep): void {
    if (step.phase === "teardown") return;
    const call = this.#running.get(step.call);
    if (call === undefined) return;
    const impl = step.impl;
    call.ran.push(
      Object.freeze({
        pluginName: step.pluginName,
        plugin: impl.plugin,
        function: impl.function,
        hookImpl: impl,
        wrapper: impl.wrapper || impl.hookwrapper,
      }),
    );
  }

  #callEnd(observed: ObservedHookCall): void {
    const call = this.#running.get(observed);
    if (call === undefined) return;
    this.#running.delete(observed);
    if (observed.failed) {
      call.status = "threw";
      call.error = observed.error;
    } else {
      call.status = "returned";
      call.result = observed.result;
    }
  }
}

/**
 * Records the hook calls of a manager: every call (plain, `callAsync`, `callParallel`,
 * historic calls and their replays, `callExtra`, subset callers) with its arguments, the
 * implementations that ran in order (plugin name and function), and its result or error.
 *
 * The recorder is disposable: `using recorder = recordHookCalls(pm)` stops it when the block
 * ends (or call `recorder.stop()`). It observes the manager (`observeHooks`) and changes
 * nothing in it.
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
