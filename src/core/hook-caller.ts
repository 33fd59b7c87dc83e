import { CallableBase } from "./callable.ts";
import { HookCallError } from "./errors.ts";
import { buildPlan, type CallPlan, type HookCore } from "./hook-core.ts";
import { execute, executeAsync } from "./hook-exec.ts";
import { HookImpl } from "./hook-impl.ts";
import type { HookSpec } from "./hook-spec.ts";
import { defaultHookimplOpts } from "./marker-options.ts";
import { describeValue } from "./describe.ts";
import type { AsyncCallMode } from "./multicall-async.ts";
import { compileCall } from "./compile-call.ts";
import { isThenable } from "./multicall.ts";
import type {
  HookArgs,
  HookArgsOptional,
  HookAsyncCallResult,
  HookCallArgs,
  HookCallResult,
  HookFunction,
  HookResult,
  HookReturn,
  UntypedHook,
} from "./types.ts";
import type {
  CallHistoricArgs,
  HistoricDirectCallMessage,
  HistoricHook,
  HookAsyncExtraImplementation,
  HookCallThis,
  HookExtraArgs,
  HookExtraImplementation,
} from "./types.ts";
import { AsyncHookWarning, HookArgumentsWarning } from "./warnings.ts";

/** Options of an asynchronous hook call. */
export interface CallOptions {
  /**
   * Stops the call: checked before each implementation and wrapper starts; once aborted, nothing
   * else starts, the signal's reason is thrown into the wrappers already entered, and the call
   * rejects with it.
   */
  readonly signal?: AbortSignal | undefined;
}

/** The argument list of `callAsync` / `callParallel`: the arguments object, then options. */
export type HookCallAsyncArgs<F> = F extends HistoricHook
  ? [historicHook: HistoricDirectCallMessage]
  : HookArgsOptional<F> extends true
    ? [args?: HookArgs<F>, options?: CallOptions]
    : [args: HookArgs<F>, options?: CallOptions];

/** Options of `callHistoric`. */
export interface CallHistoricOptions<F extends HookFunction = UntypedHook> {
  /** The arguments of the call (default: none). */
  readonly kwargs?: HookArgs<F> | undefined;
  /** Called with each result, now and for every implementation registered later. */
  readonly resultCallback?: ((result: HookResult<F>) => unknown) | undefined;
}

/** Options of `callHistoricAsync`: the callback receives awaited results. */
export interface CallHistoricAsyncOptions<F extends HookFunction = UntypedHook> extends CallOptions {
  /** The arguments of the call (default: none). */
  readonly kwargs?: HookArgs<F> | undefined;
  /** Called with each awaited result (and awaited when it returns a promise), now and for later registrations. */
  readonly resultCallback?: ((result: Exclude<Awaited<HookReturn<F>>, undefined | void>) => unknown) | undefined;
}

// What a recorded historic call runs.
interface HistoricRun {
  readonly core: HookCore;
  readonly args: object;
  readonly impls: readonly HookImpl[];
  readonly checked: boolean;
  readonly resultCallback: ((result: unknown) => unknown) | undefined;
}

/** A hook caller's call signature: runs every implementation (see {@link HookCaller}). */
export interface HookCaller<F extends HookFunction = UntypedHook> {
  /** Calls the hook: `R[]`, or `R | undefined` for a `firstresult` hook. */
  (this: HookCallThis<F>, ...args: HookCallArgs<F>): HookCallResult<F>;
}

const emptyArgs: object = Object.freeze({});

// The state of a subset view: the plugins it leaves out, and its plan for one version of the hook.
interface SubsetView {
  readonly removed: ReadonlySet<object>;
  plan: CallPlan | undefined;
  version: number;
}

function subsetPlan(core: HookCore, view: SubsetView): CallPlan {
  if (view.plan === undefined || view.version !== core.version) {
    view.plan = buildPlan(
      core.impls.filter((impl) => impl.plugin === undefined || !view.removed.has(impl.plugin)),
      core.spec,
    );
    view.version = core.version;
  }
  return view.plan;
}

/**
 * Calls every implementation of one hook (pluggy's `HookCaller`); reach it as `pm.hook.<name>`.
 *
 * Calling it runs pluggy's call loop: wrappers enclose the other implementations, implementations
 * run most recently registered first (after `tryfirst`, before `trylast`), non-`undefined` results
 * are collected, and a `firstresult` hook returns the first one alone. `callAsync` runs the same
 * plan awaiting each implementation, `callParallel` starts the non-wrappers together.
 *
 * @typeParam F - The hook's spec type, which types the arguments and the results.
 * @example
 * ```ts
 * import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";
 *
 * const hookspec = HookspecMarker("example");
 * const hookimpl = HookimplMarker("example");
 * const specs = { add: hookspec((_args: { a: number; b: number }): number => 0) };
 *
 * const pm = new PluginManager<typeof specs>("example");
 * pm.addHookspecs(specs);
 * pm.register({ add: hookimpl(({ a, b }: { a: number; b: number }) => a + b) });
 * pm.register({ add: hookimpl(({ a, b }: { a: number; b: number }) => a * b) });
 *
 * console.log(pm.hook.add({ a: 2, b: 3 })); // [6, 5]
 * console.log(await pm.hook.add.callAsync({ a: 2, b: 3 })); // [6, 5]
 * ```
 */
export class HookCaller<F extends HookFunction = UntypedHook> extends CallableBase {
  /** The hook name. */
  declare readonly name: string;
  readonly #core: HookCore;
  readonly #view: SubsetView | undefined;

  /**
   * Created by `PluginManager` (for `pm.hook.<name>`) and by `subsetHookCaller`.
   *
   * @internal
   * @param core - The shared state of the hook.
   * @param removed - For a subset view: the plugins whose implementations it leaves out.
   */
  constructor(core: HookCore, removed?: ReadonlySet<object>) {
    const view: SubsetView | undefined = removed === undefined ? undefined : { removed, plan: undefined, version: -1 };
    // The function is named after the hook through a computed key: redefining the `name` of a
    // function afterwards turns its properties into a dictionary, which made each hook about
    // 400 bytes larger.
    const name = core.name;
    super(
      view === undefined
        ? { [name]: (args?: unknown): unknown => callSync(core, core.plan(), args) }[name]!
        : { [name]: (args?: unknown): unknown => callSync(core, subsetPlan(core, view), args) }[name]!,
    );
    this.#core = core;
    this.#view = view;
  }

  /** The hook's specification, or `undefined` when none was added. */
  get spec(): HookSpec | undefined {
    return this.#core.spec;
  }

  /**
   * Whether a specification was added for this hook.
   *
   * @returns `true` when the hook has a spec.
   */
  hasSpec(): boolean {
    return this.#core.spec !== undefined;
  }

  /**
   * Whether this hook is historic (it must be called with `callHistoric`).
   *
   * @returns `true` for a historic hook.
   */
  isHistoric(): boolean {
    return this.#core.history !== undefined;
  }

  /**
   * The implementations, in pluggy's storage order: the reverse of call order.
   *
   * @returns A new array.
   */
  getHookimpls(): HookImpl[] {
    // Spread, not slice(): slice() of a frozen array takes a slow path (about ten times slower).
    return [...this.#plan().impls];
  }

  /**
   * Calls the hook, awaiting each implementation in call order. Implementations may be sync or
   * async; wrappers may be generators or async generators.
   *
   * @returns The awaited results, or the first one for a `firstresult` hook.
   * @throws {HookCallError} On a historic hook, or when an implementation needs a missing argument.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * const controller = new AbortController();
   * const results = await pm.hook["build"]?.callAsync({ target: "web" }, { signal: controller.signal });
   * ```
   */
  callAsync(...[args, options]: HookCallAsyncArgs<F>): Promise<HookAsyncCallResult<F>> {
    return this.#callAsync(args, options, "sequential");
  }

  /**
   * Calls the hook with its non-wrapper implementations started together: wrappers still enclose
   * the whole call, results come back in call order, and several failures become one
   * `AggregateError` (a single failure is thrown as it is). For implementations that do not depend
   * on each other.
   *
   * @returns The awaited results in call order, or the first one for a `firstresult` hook.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * const reports = await pm.hook["collectReports"]?.callParallel({ since: 0 });
   * ```
   */
  callParallel(...[args, options]: HookCallAsyncArgs<F>): Promise<HookAsyncCallResult<F>> {
    return this.#callAsync(args, options, "parallel");
  }

  /**
   * Calls a historic hook now, and replays the call to every implementation registered later
   * (pluggy's `call_historic`). `resultCallback` receives each non-`undefined` result.
   *
   * @param options - The arguments (`kwargs`) and the result callback.
   * @throws {HookCallError} When the hook is not historic.
   * @example
   * ```ts
   * import { PluginManager } from "hooksmith";
   *
   * const pm = new PluginManager("example");
   * pm.hook["configure"]?.callHistoric({ kwargs: { config: {} }, resultCallback: (r) => console.log(r) });
   * ```
   */
  // A type parameter, which the overload check erases: the implementation below stays as it is.
  callHistoric<Args extends CallHistoricArgs<F, CallHistoricOptions<F>>>(...options: Args): void;
  callHistoric(options: CallHistoricOptions<F> = {}): void {
    const { core, args, impls, checked, resultCallback } = this.#recordHistoric(options.kwargs, options.resultCallback);
    const results = execute(core, impls, args, false, checked) as unknown[];
    if (resultCallback !== undefined) for (const result of results) resultCallback(result);
  }

  /**
   * `callHistoric` for async implementations: awaits each implementation, then the callback for
   * each result (a callback may return a promise). Replays to later registrations happen in
   * `registerAsync`, which awaits them too.
   *
   * @param options - The arguments (`kwargs`), the result callback, and a `signal`.
   * @returns A promise that settles when the call and its callbacks are done.
   * @throws {HookCallError} When the hook is not historic.
   */
  callHistoricAsync<Args extends CallHistoricArgs<F, CallHistoricAsyncOptions<F>>>(...options: Args): Promise<void>;
  async callHistoricAsync(options: CallHistoricAsyncOptions<F> = {}): Promise<void> {
    const { core, args, impls, checked, resultCallback } = this.#recordHistoric(options.kwargs, options.resultCallback);
    const results = (await executeAsync(core, impls, args, false, checked, options.signal, "sequential")) as unknown[];
    if (resultCallback !== undefined) for (const result of results) await resultCallback(result);
  }

  /**
   * Forgets the recorded calls of a historic hook, so that implementations registered from now on
   * are not replayed the calls made so far (pytest resets `pytest_configure`'s history this way
   * when it unconfigures). Calls made later are recorded as before.
   *
   * @throws {HookCallError} When the hook is not historic.
   * @example
   * ```ts
   * import { HookspecMarker, PluginManager } from "hooksmith";
   *
   * const hookspec = HookspecMarker("example");
   * const pm = new PluginManager("example");
   * pm.addHookspecs({ configure: hookspec({ historic: true })(({ config }: { config: object }) => {}) });
   * pm.hook["configure"]!.callHistoric({ kwargs: { config: {} } });
   * pm.hook["configure"]!.clearHistory(); // plugins registered now are not configured again
   * ```
   */
  clearHistory(): void {
    requireHistoric(this.#core).length = 0;
  }

  /**
   * Calls the hook with extra, temporary implementations (pluggy's `call_extra`): they run after
   * the `tryfirst` implementations and before the others, the last of `methods` first.
   *
   * @param methods - Functions taking the arguments object.
   * @param args - The arguments.
   * @returns As a plain call.
   * @throws {HookCallError} On a historic hook.
   */
  callExtra(methods: readonly HookExtraImplementation<F>[], args: HookExtraArgs<F>): HookCallResult<F> {
    const core = this.#core;
    rejectHistoric(core);
    const normalized = normalizeArgs(core, args);
    const plan = this.#plan();
    checkRequired(core, plan, normalized);
    return execute(core, withExtras(core, plan, methods), normalized, plan.firstresult, false) as HookCallResult<F>;
  }

  /**
   * `callExtra`, awaiting each implementation as `callAsync` does.
   *
   * @param methods - Functions taking the arguments object (sync or async).
   * @param args - The arguments.
   * @param options - A `signal` to cancel the call.
   * @returns As `callAsync`.
   */
  callExtraAsync(
    methods: readonly HookAsyncExtraImplementation<F>[],
    args: HookExtraArgs<F>,
    options: CallOptions = {},
  ): Promise<HookAsyncCallResult<F>> {
    return this.#callAsync(args, options, "sequential", methods);
  }

  /** Renders as pluggy does: `<HookCaller 'name'>`, or `<SubsetHookCaller 'name'>` for a subset. */
  override toString(): string {
    return `<${this.#view === undefined ? "HookCaller" : "SubsetHookCaller"} '${this.name}'>`;
  }

  // The asynchronous calls: the plan's implementations, or with `extras` those plus temporary ones
  // (which, like callExtra, check each implementation's arguments as it is reached).
  #callAsync(
    args: unknown,
    options: CallOptions | undefined,
    mode: AsyncCallMode,
    extras?: readonly Function[],
  ): Promise<HookAsyncCallResult<F>> {
    const core = this.#core;
    try {
      rejectHistoric(core);
      const normalized = normalizeArgs(core, args);
      const plan = this.#plan();
      const checked = checkRequired(core, plan, normalized);
      const impls = extras === undefined ? plan.impls : withExtras(core, plan, extras);
      return executeAsync(
        core,
        impls,
        normalized,
        plan.firstresult,
        checked && extras === undefined,
        options?.signal,
        mode,
      ) as Promise<HookAsyncCallResult<F>>;
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  // The start of a historic call: checks and records it; returns what running it needs.
  #recordHistoric(kwargs: unknown, resultCallback: ((result: never) => unknown) | undefined): HistoricRun {
    const core = this.#core;
    const history = requireHistoric(core);
    const args = normalizeArgs(core, kwargs);
    const plan = this.#plan();
    const checked = checkRequired(core, plan, args);
    const callback = resultCallback as ((result: unknown) => unknown) | undefined;
    history.push({ args, resultCallback: callback });
    return { core, args, impls: plan.impls, checked, resultCallback: callback };
  }

  #plan(): CallPlan {
    return this.#view === undefined ? this.#core.plan() : subsetPlan(this.#core, this.#view);
  }
}

// Lets console.log and util.inspect show the same rendering as toString().
Object.defineProperty(HookCaller.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  value(this: HookCaller): string {
    return this.toString();
  },
});

/** Replays a historic hook's recorded calls to a newly registered implementation (synchronously). */
export function replayHistory(core: HookCore, impl: HookImpl): void {
  for (const entry of core.history ?? []) {
    const results = execute(core, [impl], entry.args, false, false) as unknown[];
    const first = results[0];
    if (isThenable(first)) {
      core.env.warn(
        new AsyncHookWarning(
          `Plugin '${impl.pluginName}' returned a promise while hook '${core.name}' replayed its history during register(); it is not awaited: use registerAsync() to await replays`,
          core.name,
          impl.pluginName,
        ),
      );
      // With no callback to take the promise, nobody else can observe a rejection: report it.
      if (entry.resultCallback === undefined) {
        Promise.resolve(first).catch((error: unknown) => {
          const warning = new AsyncHookWarning(
            `Plugin '${impl.pluginName}' rejected the historic replay of hook '${core.name}' made by register(): ${String(error)}`,
            core.name,
            impl.pluginName,
          );
          warning.cause = error;
          core.env.warn(warning);
        });
      }
    }
    if (results.length > 0 && entry.resultCallback !== undefined) entry.resultCallback(first);
  }
}

/** Replays a historic hook's recorded calls to a newly registered implementation, awaiting each. */
export async function replayHistoryAsync(core: HookCore, impl: HookImpl): Promise<void> {
  for (const entry of core.history ?? []) {
    const results = (await executeAsync(core, [impl], entry.args, false, false, undefined, "sequential")) as unknown[];
    if (results.length > 0 && entry.resultCallback !== undefined) await entry.resultCallback(results[0]);
  }
}

// A plan called this often without monitors is compiled (see compileCall). Compiling costs about
// as much as a hundred or two calls through the loop, whatever the number of implementations, so
// waiting that long bounds what a plan that changes before paying off can lose.
const compileAfterCalls = 128;

function callSync(core: HookCore, plan: CallPlan, args: unknown): unknown {
  if (core.history !== undefined) throw historicDirectCall(core.name);
  const normalized = normalizeArgs(core, args);
  // Monitors and observers see every call through `execute`, so the compiled path only runs without them.
  if (core.env.plain) {
    const compiled = plan.compiled;
    if (compiled) return compiled(normalized);
    if (compiled === undefined && ++plan.calls >= compileAfterCalls) compilePlan(core, plan);
  }
  return callPlan(core, plan, normalized);
}

// A function of its own: the fallback closure would otherwise make every call of callSync
// allocate a context for its parameters.
function compilePlan(core: HookCore, plan: CallPlan): void {
  plan.compiled = compileCall(
    core.name,
    plan.impls,
    plan.required,
    plan.firstresult,
    (incompleteArgs) => callPlan(core, plan, incompleteArgs),
    core.env.warn,
  );
}

// The generic synchronous path: checks the arguments (warning about missing spec arguments), then
// runs the plan through the monitors and the call loop.
function callPlan(core: HookCore, plan: CallPlan, normalized: object): unknown {
  const required = plan.required;
  let checked = true;
  for (let i = 0; i < required.length; i++) {
    if (!(required[i]! in normalized)) {
      checked = false;
      warnMissingSpecArguments(core, normalized);
      break;
    }
  }
  return execute(core, plan.impls, normalized, plan.firstresult, checked);
}

// Whether every required argument is present; warns (pluggy's UserWarning) about missing spec ones.
function checkRequired(core: HookCore, plan: CallPlan, args: object): boolean {
  for (const name of plan.required) {
    if (!(name in args)) {
      warnMissingSpecArguments(core, args);
      return false;
    }
  }
  return true;
}

function warnMissingSpecArguments(core: HookCore, args: object): void {
  const missing = (core.spec?.argnames ?? []).filter((name) => !(name in args));
  if (missing.length > 0) core.env.warn(new HookArgumentsWarning(core.name, missing));
}

function normalizeArgs(core: HookCore, args: unknown): object {
  if (args === undefined) return emptyArgs;
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new HookCallError(
      `hook '${core.name}' must be called with one arguments object, e.g. pm.hook.${core.name}({ name: value }); got ${describeValue(args)}`,
      { code: "HOOKSMITH_INVALID_HOOK_ARGUMENTS", hookName: core.name },
    );
  }
  return args;
}

function historicDirectCall(hookName: string): HookCallError {
  return new HookCallError(
    `Cannot call historic hook '${hookName}' directly: use callHistoric() (or callHistoricAsync()) instead`,
    {
      code: "HOOKSMITH_HISTORIC_DIRECT_CALL",
      hookName,
    },
  );
}

function rejectHistoric(core: HookCore): void {
  if (core.history !== undefined) throw historicDirectCall(core.name);
}

function requireHistoric(core: HookCore): NonNullable<HookCore["history"]> {
  if (core.history === undefined) {
    throw new HookCallError(`hook '${core.name}' is not historic: call it directly, or mark its spec with historic: true`, {
      code: "HOOKSMITH_NOT_HISTORIC",
      hookName: core.name,
    });
  }
  return core.history;
}

// pluggy's call_extra insertion: each extra goes just after the last implementation that is
// neither a wrapper nor tryfirst, so the last extra runs first.
function withExtras(core: HookCore, plan: CallPlan, methods: readonly Function[]): HookImpl[] {
  if (!Array.isArray(methods)) {
    throw new HookCallError(`callExtra of hook '${core.name}' needs an array of functions, got ${describeValue(methods)}`, {
      code: "HOOKSMITH_INVALID_HOOK_ARGUMENTS",
      hookName: core.name,
    });
  }
  const impls = [...plan.impls];
  for (const method of methods) {
    if (typeof method !== "function") {
      throw new HookCallError(`callExtra of hook '${core.name}' needs functions, got ${describeValue(method)}`, {
        code: "HOOKSMITH_INVALID_HOOK_ARGUMENTS",
        hookName: core.name,
      });
    }
    let i = impls.length - 1;
    while (i >= 0 && (impls[i]!.wrapper || impls[i]!.hookwrapper || impls[i]!.tryfirst)) i--;
    impls.splice(i + 1, 0, new HookImpl(undefined, "<temp>", method, defaultHookimplOpts));
  }
  return impls;
}
