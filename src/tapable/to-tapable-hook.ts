// From hooksmith to tapable: a real tapable hook object (made by tapable's own class) that stands
// for one hooksmith hook. Its `tap`, `tapAsync` and `tapPromise` register implementations on the
// manager; its `call`, `callAsync` and `promise` run the hooksmith call; its interceptors run as
// tapable runs them.

import {
  AsyncParallelBailHook,
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from "tapable";
import { TapableBridgeError } from "./errors.ts";
import { TapableTapError } from "./errors.ts";
import type { HookCaller } from "../core/hook-caller.ts";
import type { HookSpec } from "../core/hook-spec.ts";
import { describeValue } from "../core/describe.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import type { HookArgs, HookFunction, HookNames, HookOf } from "../core/types.ts";
import { checkAgainstSpec, checkArgNames } from "./arguments.ts";
import { viewKind, type KindTiming } from "./hook-kind.ts";
import { callerOf, type HookTarget } from "./run-hook.ts";
import { makeTapImpl } from "./tap-impl.ts";
import { describeTap, readTapOrder, type TapDescriptor } from "./tap-options.ts";
import { addTap, tapsOf } from "./tap-registry.ts";
import type {
  TapableArgsOption,
  TapableAsync,
  TapableAsyncOption,
  TapableHookFor,
  TapableHookOptions,
  TapableTap,
  TapableWaterfallOption,
} from "./types.ts";
import { compileViewCall } from "./view-call.ts";
import { views, type ViewState } from "./view-state.ts";

/** The options of `toTapableHooks`: one entry per hook to expose, keyed by hook name. */
export type TapableHooksOptions<Specs> = {
  readonly [Name in HookNames<Specs>]?: TapableHookOptions<readonly (keyof HookArgs<HookOf<Specs, Name>> & string)[]>;
};

/** What `toTapableHooks` returns: one tapable view per key of `Options`. */
export type TapableHooksFor<Specs, Options> = {
  readonly [Name in keyof Options & string]: TapableHookFor<
    HookOf<Specs, Name>,
    TapableArgsOption<Options[Name]>,
    TapableAsyncOption<Options[Name]>,
    TapableWaterfallOption<Options[Name]>
  >;
};

// The mutable surface of a tapable hook object that a view replaces, as tapable's own classes do.
interface ViewHook {
  readonly interceptors: object[];
  tap: (options: unknown, fn: unknown) => void;
  tapAsync: (options: unknown, fn: unknown) => void;
  tapPromise: (options: unknown, fn: unknown) => void;
  intercept: (interceptor: unknown) => void;
  isUsed: () => boolean;
  compile: (options: { readonly type: "sync" | "async" | "promise" }) => Function;
}

type ViewClass = new (args: readonly string[], name: string) => ViewHook;

const classes: Readonly<Record<string, ViewClass>> = {
  SyncHook: SyncHook as unknown as ViewClass,
  SyncBailHook: SyncBailHook as unknown as ViewClass,
  SyncWaterfallHook: SyncWaterfallHook as unknown as ViewClass,
  AsyncSeriesHook: AsyncSeriesHook as unknown as ViewClass,
  AsyncSeriesBailHook: AsyncSeriesBailHook as unknown as ViewClass,
  AsyncSeriesWaterfallHook: AsyncSeriesWaterfallHook as unknown as ViewClass,
  AsyncParallelHook: AsyncParallelHook as unknown as ViewClass,
  AsyncParallelBailHook: AsyncParallelBailHook as unknown as ViewClass,
};

const optionKeys: readonly string[] = ["args", "async", "waterfall", "name", "tapOptions"];

/**
 * Returns a tapable hook that stands for a hooksmith hook: a real instance of tapable's class
 * (`SyncHook`, or `SyncBailHook` for a `firstresult` hook; the `AsyncSeries*` classes with
 * `async: true`, the `AsyncParallel*` ones with `async: "parallel"`; `SyncWaterfallHook` /
 * `AsyncSeriesWaterfallHook` with `waterfall: true`), so that code written against tapable keeps
 * working on a hooksmith host.
 *
 * - `tap`, `tapAsync` and `tapPromise` register an implementation on the manager: the tap name is
 *   the plugin name (`pm.unregister` removes everything that name tapped), a negative `stage` maps
 *   to `tryfirst`, a positive one to `trylast`; a stage or `before` that hooksmith's call order would
 *   not honour throws `TapableTapError` instead of being ignored.
 * - `call`, `callAsync` and `promise` run the hooksmith call with its semantics (wrappers,
 *   `tryfirst`/`trylast`, `firstresult`); tapable's positional arguments become the arguments object
 *   by the names in `args`. A synchronous view calls the hook synchronously, a series view with
 *   `callAsync`, a parallel one with `callParallel`.
 * - Interceptors (`call`, `tap`, `register`, `result`, `error`, `done`) run as tapable runs them,
 *   for the calls made through this view.
 *
 * See `docs/coming-from-tapable.md` for the full mapping.
 *
 * @param pm - The plugin manager.
 * @param hook - The hook name, or its caller (`pm.hook.name`).
 * @param options - The argument names, sync or async, waterfall, the tapable name, extra tap options.
 * @returns The tapable hook.
 * @throws {TapableBridgeError} When the argument names are missing or do not fit the spec, the hook
 *   is historic, the caller belongs to another manager, or the options are invalid.
 * @example
 * ```ts
 * import { HookspecMarker, PluginManager } from "hooksmith";
 * import { toTapableHook } from "hooksmith/tapable";
 *
 * const hookspec = HookspecMarker("bundler");
 * const specs = {
 *   emit: hookspec((_args: { compilation: { assets: string[] } }) => {}),
 * };
 * const pm = new PluginManager<typeof specs>("bundler");
 * pm.addHookspecs(specs);
 *
 * const emit = toTapableHook(pm, "emit", { args: ["compilation"], async: true });
 * emit.tapPromise("ReportPlugin", async (compilation) => {
 *   console.log(compilation.assets);
 * });
 * await emit.promise({ assets: ["main.js"] }); // logs ["main.js"]
 * await pm.hook.emit.callAsync({ compilation: { assets: [] } }); // the same implementation runs
 * ```
 */
export function toTapableHook<
  Specs extends object,
  Name extends HookNames<Specs>,
  const Names extends readonly (keyof HookArgs<HookOf<Specs, Name>> & string)[] = readonly (keyof HookArgs<HookOf<Specs, Name>> &
    string)[],
  const Async extends TapableAsync = false,
  const Waterfall extends boolean = false,
>(
  pm: PluginManager<Specs>,
  hook: Name,
  options?: TapableHookOptions<Names, Async, Waterfall>,
): TapableHookFor<HookOf<Specs, Name>, Names, Async, Waterfall>;
export function toTapableHook<
  Specs extends object,
  F extends HookFunction,
  const Names extends readonly (keyof HookArgs<F> & string)[] = readonly (keyof HookArgs<F> & string)[],
  const Async extends TapableAsync = false,
  const Waterfall extends boolean = false,
>(
  pm: PluginManager<Specs>,
  hook: HookCaller<F>,
  options?: TapableHookOptions<Names, Async, Waterfall>,
): TapableHookFor<F, Names, Async, Waterfall>;
export function toTapableHook(pm: object, hook: string | HookCaller, options: TapableHookOptions = {}): object {
  const manager = pm as PluginManager;
  const hookName = targetName(manager, hook);
  if (typeof options !== "object" || options === null) {
    throw invalidOption(hookName, `options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!optionKeys.includes(key))
      throw invalidOption(hookName, `unknown option '${key}'; known options: ${optionKeys.join(", ")}`);
  }
  const caller = callerOf({ pm: manager, hookName });
  const spec = caller?.spec;
  if (caller?.isHistoric() === true) throw historic(hookName, undefined);
  const timing = readTiming(hookName, options.async);
  const waterfall = options.waterfall ?? false;
  if (typeof waterfall !== "boolean")
    throw invalidOption(hookName, `waterfall must be a boolean, got ${describeValue(waterfall)}`);
  if (waterfall && timing === "parallel") {
    throw invalidOption(
      hookName,
      "a waterfall threads its value from one implementation to the next, so it cannot run them in parallel",
    );
  }
  const firstresult = spec?.opts.firstresult === true;
  if (waterfall && firstresult) {
    throw new TapableBridgeError(
      `toTapableHook for hook '${hookName}': a firstresult hook stops at its first result, a waterfall runs every implementation; ask for one or the other`,
      { code: "HOOKSMITH_TAPABLE_FIRSTRESULT_WATERFALL", hookName },
    );
  }
  const names =
    options.args === undefined ? namesFromSpec(hookName, spec) : checkArgNames(options.args, hookName, "toTapableHook");
  checkAgainstSpec(names, spec, hookName, "toTapableHook");
  if (waterfall && names.length === 0) {
    throw new TapableBridgeError(
      `toTapableHook for hook '${hookName}': a waterfall needs at least one argument, the value it threads`,
      {
        code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES",
        hookName,
      },
    );
  }
  const name = options.name ?? hookName;
  if (typeof name !== "string") throw invalidOption(hookName, `name must be a string, got ${describeValue(name)}`);
  const accepted = options.tapOptions ?? [];
  if (!Array.isArray(accepted) || !accepted.every((key) => typeof key === "string")) {
    throw invalidOption(hookName, `tapOptions must be an array of option names, got ${describeValue(accepted)}`);
  }
  const kind = viewKind(timing, waterfall, firstresult);
  const view = new classes[kind.className]!(names, name);
  const state: ViewState = {
    target: { pm: manager, hookName },
    names,
    kind,
    accepted: new Set(accepted),
    interceptors: view.interceptors,
  };
  view.tap = (tapOptions, fn) => tapView(state, "sync", tapOptions, fn);
  if (timing === "sync") {
    view.tapAsync = (tapOptions) => {
      throw wrongTapType(state, "tapAsync", tapOptions);
    };
    view.tapPromise = (tapOptions) => {
      throw wrongTapType(state, "tapPromise", tapOptions);
    };
  } else {
    view.tapAsync = (tapOptions, fn) => tapView(state, "async", tapOptions, fn);
    view.tapPromise = (tapOptions, fn) => tapView(state, "promise", tapOptions, fn);
  }
  view.intercept = (interceptor) => interceptView(state, interceptor);
  view.isUsed = () => state.interceptors.length > 0 || (callerOf(state.target)?.getHookimpls().length ?? 0) > 0;
  view.compile = ({ type }) => compileViewCall(state, type);
  Object.defineProperty(view, "taps", {
    get: (): TapableTap[] => tapsOf(manager, hookName).map((record) => record.descriptor),
    enumerable: true,
    configurable: true,
  });
  views.set(view, state);
  return view;
}

/**
 * Returns tapable views of several hooks at once, keyed by hook name: a webpack-style `hooks`
 * object for a host that moved to hooksmith and keeps its tapable-facing plugin API. Each entry's
 * options are those of {@link toTapableHook}.
 *
 * @param pm - The plugin manager.
 * @param hooks - For each hook to expose, its view options.
 * @returns An object with one tapable view per key.
 * @throws {TapableBridgeError} As `toTapableHook`, for the first hook that cannot be viewed.
 * @example
 * ```ts
 * import { HookspecMarker, PluginManager } from "hooksmith";
 * import { toTapableHooks } from "hooksmith/tapable";
 *
 * const hookspec = HookspecMarker("bundler");
 * const specs = {
 *   compile: hookspec((_args: { params: { entry: string } }) => {}),
 *   shouldEmit: hookspec({ firstresult: true })((_args: { compilation: object }): boolean => true),
 * };
 * const pm = new PluginManager<typeof specs>("bundler");
 * pm.addHookspecs(specs);
 *
 * const hooks = toTapableHooks(pm, { compile: { args: ["params"] }, shouldEmit: { args: ["compilation"] } });
 * hooks.shouldEmit.tap("NoEmitPlugin", () => false); // a SyncBailHook
 * console.log(hooks.shouldEmit.call({})); // false
 * ```
 */
export function toTapableHooks<Specs extends object, const Options extends TapableHooksOptions<Specs>>(
  pm: PluginManager<Specs>,
  hooks: Options,
): TapableHooksFor<Specs, Options> {
  const views: Record<string, unknown> = {};
  for (const [name, options] of Object.entries(hooks as Record<string, TapableHookOptions | undefined>)) {
    views[name] = toTapableHook(pm as unknown as PluginManager, name, options);
  }
  return views as TapableHooksFor<Specs, Options>;
}

function tapView(state: ViewState, type: TapableTap["type"], options: unknown, fn: unknown): void {
  const { pm, hookName } = state.target;
  let descriptor = describeTap(hookName, type, options, fn, state.accepted);
  for (const interceptor of state.interceptors) {
    const register = (interceptor as { register?: unknown }).register;
    if (typeof register !== "function") continue;
    const next: unknown = register.call(interceptor, descriptor);
    if (next !== undefined) descriptor = next as TapDescriptor;
  }
  const order = readTapOrder(hookName, descriptor);
  const tapName = descriptor.name.trim();
  const caller = callerOf(state.target);
  if (caller?.isHistoric() === true) throw historic(hookName, tapName);
  const spec = caller?.spec;
  checkAgainstSpec(state.names, spec, hookName, `Tap '${tapName}'`, tapName);
  addTap(
    pm,
    {
      hookName,
      tapName,
      stage: order.stage,
      before: order.before,
      descriptor,
      origin: fn as Function,
      argnames: spec?.argnames ?? [],
    },
    (record) => makeTapImpl(state.names, record),
  );
}

function interceptView(state: ViewState, interceptor: unknown): void {
  const hookName = state.target.hookName;
  if (typeof interceptor !== "object" || interceptor === null) {
    throw new TypeError(`intercept on hook '${hookName}' needs an interceptor object, got ${describeValue(interceptor)}`);
  }
  const record = interceptor as { context?: unknown; register?: unknown };
  if (record.context !== undefined && record.context !== false) {
    throw new TapableBridgeError(
      `An interceptor of hook '${hookName}' asks for tapable's context object, which is deprecated and has no hooksmith equivalent`,
      { code: "HOOKSMITH_TAPABLE_UNSUPPORTED_INTERCEPTOR", hookName },
    );
  }
  state.interceptors.push({ ...interceptor });
  if (typeof record.register !== "function") return;
  for (const tap of tapsOf(state.target.pm, hookName)) {
    const next: unknown = record.register.call(interceptor, tap.descriptor);
    if (next !== undefined) tap.descriptor = next as TapDescriptor;
  }
}

function targetName(pm: PluginManager, hook: unknown): string {
  if (typeof hook === "string") {
    if (hook === "") throw invalidOption(hook, "the hook name must not be empty");
    return hook;
  }
  if (typeof hook !== "function" || typeof (hook as { name?: unknown }).name !== "string") {
    throw invalidOption(String(hook), `expected a hook name or a hook caller, got ${describeValue(hook)}`);
  }
  const hookName = (hook as HookCaller).name;
  if (callerOf({ pm, hookName } satisfies HookTarget) !== hook) {
    throw new TapableBridgeError(
      `toTapableHook: the caller of hook '${hookName}' is not pm.hook.${hookName} of this manager (subset callers and other managers' callers cannot be tapped)`,
      { code: "HOOKSMITH_TAPABLE_FOREIGN_CALLER", hookName },
    );
  }
  return hookName;
}

function readTiming(hookName: string, value: unknown): KindTiming {
  if (value === undefined || value === false) return "sync";
  if (value === true || value === "series") return "series";
  if (value === "parallel") return "parallel";
  throw invalidOption(hookName, `async must be true, false, "series" or "parallel", got ${describeValue(value)}`);
}

function namesFromSpec(hookName: string, spec: HookSpec | undefined): readonly string[] {
  if (spec?.argnames === undefined) {
    throw new TapableBridgeError(
      `toTapableHook for hook '${hookName}': ${spec === undefined ? "the hook has no spec" : "its spec's argument names cannot be read"}, ` +
        `so the positional arguments have no names: pass args, e.g. toTapableHook(pm, "${hookName}", { args: ["compilation"] })`,
      { code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES", hookName },
    );
  }
  if ((spec.kwargnames ?? []).length > 0) {
    throw new TapableBridgeError(
      `toTapableHook for hook '${hookName}': its spec has arguments with a default value (${spec.kwargnames!.map((name) => `'${name}'`).join(", ")}), ` +
        "whose position cannot be read: pass args to give the positional order",
      { code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES", hookName },
    );
  }
  return Object.freeze([...spec.argnames]);
}

function historic(hookName: string, tapName: string | undefined): TapableBridgeError {
  return new TapableBridgeError(
    `hook '${hookName}' is historic: tapable has no hook kind that replays past calls to later taps, so it cannot have a tapable view`,
    { code: "HOOKSMITH_TAPABLE_HISTORIC_HOOK", hookName, tapName },
  );
}

function invalidOption(hookName: string, problem: string): TapableBridgeError {
  return new TapableBridgeError(`toTapableHook for hook '${hookName}': ${problem}`, {
    code: "HOOKSMITH_TAPABLE_INVALID_OPTIONS",
    hookName,
  });
}

function wrongTapType(state: ViewState, method: "tapAsync" | "tapPromise", options: unknown): TapableTapError {
  const tapName =
    typeof options === "string"
      ? options
      : typeof (options as { name?: unknown } | null)?.name === "string"
        ? (options as { name: string }).name
        : undefined;
  const hookName = state.target.hookName;
  return new TapableTapError(
    `${method} is not supported on hook '${hookName}'${tapName === undefined ? "" : ` (tap '${tapName}')`}: its view is a synchronous ${state.kind.className}; ` +
      `create the view with toTapableHook(pm, "${hookName}", { async: true }) to accept asynchronous taps`,
    { code: "HOOKSMITH_TAPABLE_TAP_TYPE", hookName, tapName },
  );
}
