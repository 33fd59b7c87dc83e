// From tapable to hooksmith: one tap in an existing tapable hook (a webpack compiler's, say) that
// runs a hooksmith hook whenever the tapable hook is called, and returns what that tapable kind
// expects from a tap.

import { TapableBridgeError } from "./errors.ts";
import { describeValue, messageOf } from "../core/describe.ts";
import type { HookCaller } from "../core/hook-caller.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import type { HookArgs, HookNames, HookOf } from "../core/types.ts";
import { checkAgainstSpec, checkArgNames, declaredArgNames, toArgsObject } from "./arguments.ts";
import { kindOf } from "./hook-kind.ts";
import { callerOf, runHook, type HookTarget } from "./run-hook.ts";
import { isStage, planStages, sameImpls, type StagePlan, type StageRules, type TapableStageResolver } from "./stage.ts";
import { removeTaps } from "./tap-registry.ts";
import type { TapableHookArgs, TapableHookLike, TapableTap } from "./types.ts";
import { views } from "./view-state.ts";

/**
 * Options of `tapHooksmith`: the taps' name and order in the tapable hook, the stage of each
 * implementation, and how tapable's arguments become the hook's arguments object.
 *
 * @typeParam TapArgs - The positional arguments of the tapable hook.
 * @typeParam Args - The arguments object of the hooksmith hook.
 * @typeParam Context - The type of `context`.
 */
export interface TapHooksmithOptions<
  TapArgs extends readonly unknown[] = unknown[],
  Args = Record<string, unknown>,
  Context = unknown,
> {
  /** The tap name tapable shows (default: the manager's project name). */
  readonly name?: string | undefined;
  /**
   * The tapable stage (lower runs earlier). A number is the stage of every implementation that
   * declares none with `tapableStage` (default 0). A function decides per implementation: it
   * receives the implementation and the stage it declares, and returns a stage, or `undefined` for
   * the declared one (or 0). The bridge taps once per stage in use; see
   * `docs/coming-from-tapable.md` for the order this gives.
   */
  readonly stage?: number | TapableStageResolver | undefined;
  /**
   * More stages to tap now, for plugins registered later: an implementation whose stage has no tap
   * when the hook is called fails the call (`HOOKSMITH_TAPABLE_STAGE_NOT_TAPPED`).
   */
  readonly stages?: readonly number[] | undefined;
  /** The taps to run before. */
  readonly before?: string | readonly string[] | undefined;
  /**
   * The names of the tapable hook's positional arguments, when the hook does not declare them (by
   * default the names given to its constructor, `new SyncHook(["compilation"])`). With `mapArgs`,
   * only a waterfall hook uses them: the first name is the argument the value threads through.
   */
  readonly args?: readonly string[] | undefined;
  /**
   * Builds the arguments object from the tap's positional arguments and `context`, instead of
   * naming the positions: `([assets], compilation) => ({ assets, compilation })` gives webpack's
   * `processAssets(assets)` implementations the compilation too. Called each time a tap of the
   * bridge runs.
   */
  readonly mapArgs?: ((tapArgs: TapArgs, context: Context) => Args) | undefined;
  /** The second argument of `mapArgs`, e.g. the compilation that owns the hook. */
  readonly context?: Context;
}

/**
 * Options of `tapHooksmithHooks`: those of `tapHooksmith` (but `args`), which hooks to tap, and a
 * `mapArgs` function per hook.
 *
 * @typeParam Specs - The manager's spec map.
 * @typeParam Hooks - The object of tapable hooks.
 * @typeParam Context - The type of `context`.
 */
export interface TapHooksmithHooksOptions<
  Specs = Record<string, unknown>,
  Hooks = Record<string, unknown>,
  Context = unknown,
> extends Omit<TapHooksmithOptions, "args" | "mapArgs" | "context"> {
  /** The keys of the hooks to tap (default: every key; each value must then be a tapable hook). */
  readonly only?: readonly string[] | undefined;
  /** For the hooks that need one, by key: their `mapArgs` (see `TapHooksmithOptions`). */
  readonly mapArgs?:
    | {
        readonly [Key in keyof Hooks & string]?: (
          tapArgs: TapableHookArgs<Hooks[Key]>,
          context: Context,
        ) => HookArgs<HookOf<Specs, Key>>;
      }
    | undefined;
  /** The second argument of every `mapArgs` function. */
  readonly context?: Context;
}

const optionKeys: readonly string[] = ["name", "stage", "stages", "before", "args", "mapArgs", "context"];

/**
 * Makes the implementations of a hooksmith hook run whenever a tapable hook is called: taps the
 * tapable hook with taps that call `pm.hook[hookName]` (looked up at call time, so plugins
 * registered later take part) and answer as that tapable kind expects:
 *
 * - tapable's positional arguments become the arguments object by the hook's declared names, or
 *   through `mapArgs`, which may add a `context` (the compilation that owns the hook);
 * - `SyncHook` / `AsyncSeriesHook` / `AsyncParallelHook`: the hook is called (`callAsync` for series,
 *   `callParallel` for parallel kinds), its results are ignored;
 * - bail and loop kinds: the first result in hooksmith's call order (or the `firstresult` result)
 *   is returned, which bails, or runs the loop again;
 * - waterfall kinds: the implementations run one after the other on the first argument, each
 *   receiving the value the previous one returned; the final value is returned.
 *
 * Stages: an implementation runs at the stage it declares with `tapableStage`, or the one the
 * `stage` option gives it (a number for all, or a function per implementation), else 0. The bridge
 * makes one tap per stage in use (plus `stage` and `stages`), all named `name`; each tap runs the
 * implementations of its stage, in hooksmith's call order, as one hooksmith call. Between stages,
 * tapable's order applies, so hooksmith implementations interleave with the tapable taps.
 *
 * Errors thrown by implementations reach tapable's caller unchanged.
 *
 * @param pm - The plugin manager.
 * @param hookName - The hooksmith hook to run.
 * @param hook - The tapable hook to tap (from any tapable copy, e.g. webpack's).
 * @param options - The taps' name, stages and `before`, argument names or `mapArgs` and `context`.
 * @returns An untap function: removes the taps and returns whether they were still there.
 * @throws {TapableBridgeError} When the hook is not a tapable hook of a known kind, its argument names
 *   are unknown or do not fit the spec, the hooksmith hook is historic, the tap would call the view
 *   it taps, an option is invalid, or the implementations' stages cannot be served (a plugin at two
 *   stages, a resolver giving no number).
 * @example
 * ```ts
 * import { HookimplMarker, PluginManager } from "hooksmith";
 * import { tapableStage, tapHooksmith } from "hooksmith/tapable";
 * import { AsyncSeriesHook } from "tapable";
 *
 * type Assets = Record<string, string>;
 * const hookimpl = HookimplMarker("bundler");
 * const pm = new PluginManager("bundler");
 * pm.register(
 *   {
 *     processAssets: tapableStage(400)(
 *       hookimpl(({ assets, compilation }: { assets: Assets; compilation: { name: string } }) => {
 *         assets["main.js"] = `/* ${compilation.name} *\/ ${assets["main.js"]}`;
 *       }),
 *     ),
 *   },
 *   "banner",
 * );
 *
 * const compilation = { name: "web", hooks: { processAssets: new AsyncSeriesHook<[Assets]>(["assets"]) } };
 * const untap = tapHooksmith(pm, "processAssets", compilation.hooks.processAssets, {
 *   context: compilation,
 *   mapArgs: ([assets], owner) => ({ assets, compilation: owner }),
 * });
 * console.log(compilation.hooks.processAssets.taps.map((tap) => tap.stage)); // [undefined, 400]
 * await compilation.hooks.processAssets.promise({ "main.js": "code" });
 * untap();
 * ```
 */
export function tapHooksmith<
  Specs extends object,
  Name extends HookNames<Specs>,
  Hook extends TapableHookLike,
  Context = undefined,
>(
  pm: PluginManager<Specs>,
  hookName: Name,
  hook: Hook,
  options?: TapHooksmithOptions<TapableHookArgs<Hook>, HookArgs<HookOf<Specs, Name>>, Context>,
): () => boolean;
export function tapHooksmith(pm: object, hookName: string, hook: TapableHookLike, given: object = {}): () => boolean {
  const manager = pm as PluginManager;
  const options = given as TapHooksmithOptions;
  if (typeof options !== "object" || options === null)
    throw invalidOption(hookName, undefined, `options must be an object, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (!optionKeys.includes(key))
      throw invalidOption(hookName, options.name, `unknown option '${key}'; known options: ${optionKeys.join(", ")}`);
  }
  const tapName = options.name ?? manager.projectName;
  if (typeof tapName !== "string" || tapName.trim() === "")
    throw invalidOption(hookName, undefined, `name must be a non-empty string, got ${describeValue(tapName)}`);
  const { stage, stages, mapArgs } = options;
  if (stage !== undefined && typeof stage !== "function" && !isStage(stage))
    throw invalidOption(hookName, tapName, `stage must be a number or a function, got ${describeValue(stage)}`);
  if (stages !== undefined && (!Array.isArray(stages) || !stages.every(isStage)))
    throw invalidOption(hookName, tapName, `stages must be an array of numbers, got ${describeValue(stages)}`);
  if (mapArgs !== undefined && typeof mapArgs !== "function")
    throw invalidOption(hookName, tapName, `mapArgs must be a function, got ${describeValue(mapArgs)}`);
  const kind = typeof hook === "object" && hook !== null ? kindOf(hook) : undefined;
  if (kind === undefined) {
    const className = (hook as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    throw new TapableBridgeError(
      `tapHooksmith for hook '${hookName}': expected a tapable hook (SyncHook, SyncBailHook, SyncWaterfallHook, SyncLoopHook or an Async* hook), ` +
        `got ${typeof className === "string" && className !== "Object" ? `a ${className}` : describeValue(hook)}` +
        (className === "HookMap" ? "; tap one of its hooks, hookMap.for(key)" : ""),
      { code: "HOOKSMITH_TAPABLE_UNSUPPORTED_HOOK", hookName, tapName },
    );
  }
  const view = views.get(hook);
  if (view !== undefined && view.target.pm === manager && view.target.hookName === hookName) {
    throw new TapableBridgeError(
      `tapHooksmith: the tapable hook is the view of hook '${hookName}' itself; tapping it would call the hook from inside its own call`,
      {
        code: "HOOKSMITH_TAPABLE_BRIDGE_CYCLE",
        hookName,
        tapName,
      },
    );
  }
  const waterfall = kind.result === "waterfall";
  if (mapArgs !== undefined && !waterfall && options.args !== undefined) {
    throw invalidOption(
      hookName,
      tapName,
      "args names tapable's positions, which mapArgs maps itself; with mapArgs, args only serves waterfall hooks (its first name is the threaded argument)",
    );
  }
  // Without mapArgs the names build the arguments object; with it, a waterfall still needs the
  // name of the argument its value threads through.
  let names: readonly string[] = [];
  if (mapArgs === undefined || waterfall) {
    const declared = options.args ?? declaredArgNames(hook);
    if (declared === undefined) {
      throw new TapableBridgeError(
        `tapHooksmith for hook '${hookName}': the tapable hook does not tell its argument names; pass them, e.g. { args: ["compilation"] }`,
        { code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES", hookName, tapName },
      );
    }
    names = checkArgNames(declared, hookName, "tapHooksmith", tapName);
  }
  const target: HookTarget = { pm: manager, hookName };
  const caller = callerOf(target);
  if (caller?.isHistoric() === true) {
    throw new TapableBridgeError(
      `tapHooksmith for hook '${hookName}': the hook is historic and can only be called with callHistoric`,
      {
        code: "HOOKSMITH_TAPABLE_HISTORIC_HOOK",
        hookName,
        tapName,
      },
    );
  }
  if (mapArgs === undefined) checkAgainstSpec(names, caller?.spec, hookName, "tapHooksmith", tapName);
  if (waterfall) {
    if (names.length === 0) {
      throw new TapableBridgeError(
        `tapHooksmith for hook '${hookName}': a waterfall hook needs at least one argument, the value it threads`,
        {
          code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES",
          hookName,
          tapName,
        },
      );
    }
    const known = caller?.spec?.argnames;
    if (mapArgs !== undefined && known !== undefined && ![...known, ...(caller?.spec?.kwargnames ?? [])].includes(names[0]!)) {
      throw new TapableBridgeError(
        `tapHooksmith for hook '${hookName}': the waterfall threads its value through argument '${names[0]}', which the hook's spec does not take; ` +
          "give the spec's name of that argument first in args",
        { code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES", hookName, tapName },
      );
    }
    if (caller?.spec?.opts.firstresult === true) {
      throw new TapableBridgeError(
        `tapHooksmith for hook '${hookName}': a ${kind.className} runs every tap on the value, but the hook is firstresult, which stops at the first result`,
        { code: "HOOKSMITH_TAPABLE_FIRSTRESULT_WATERFALL", hookName, tapName },
      );
    }
  }

  // The stages: one tap per stage in use now, plus the default one and those asked for.
  const rules: StageRules = {
    pm: manager,
    hookName,
    tapName,
    defaultStage: typeof stage === "number" ? stage : 0,
    resolver: typeof stage === "function" ? stage : undefined,
  };
  let plan: StagePlan | undefined = caller === undefined ? undefined : planStages(rules, caller);
  const tapped = new Set<number>([rules.defaultStage, ...(stages ?? []), ...(plan?.groups.keys() ?? [])]);
  const currentPlan = (hookCaller: HookCaller): StagePlan => {
    if (plan === undefined || !sameImpls(plan.impls, hookCaller.getHookimpls())) {
      const next = planStages(rules, hookCaller);
      for (const [stageInUse, group] of next.groups) {
        if (tapped.has(stageInUse)) continue;
        const pluginName = group.impls[0]!.pluginName;
        throw new TapableBridgeError(
          `tapHooksmith for hook '${hookName}': plugin '${pluginName}' runs at stage ${stageInUse}, but the bridge tapped the hook at stage(s) ${[...tapped].sort((a, b) => a - b).join(", ")} ` +
            "when tapHooksmith was called; register the plugin before tapping, or list the stage in the stages option",
          { code: "HOOKSMITH_TAPABLE_STAGE_NOT_TAPPED", hookName, tapName, pluginName },
        );
      }
      plan = next;
    }
    return plan;
  };

  const buildArgs =
    mapArgs === undefined
      ? (given: readonly unknown[]): Record<string, unknown> => toArgsObject(names, given)
      : (given: readonly unknown[]): Record<string, unknown> => {
          let mapped: unknown;
          try {
            mapped = mapArgs(given as unknown[], options.context);
          } catch (error) {
            throw new TapableBridgeError(`tapHooksmith for hook '${hookName}': mapArgs threw: ${messageOf(error)}`, {
              code: "HOOKSMITH_TAPABLE_MAP_ARGS_FAILED",
              hookName,
              tapName,
              cause: error,
            });
          }
          if (typeof mapped !== "object" || mapped === null || Array.isArray(mapped)) {
            throw new TapableBridgeError(
              `tapHooksmith for hook '${hookName}': mapArgs must return the arguments object, got ${describeValue(mapped)}`,
              { code: "HOOKSMITH_TAPABLE_MAP_ARGS_RESULT", hookName, tapName },
            );
          }
          if (waterfall && !(names[0]! in mapped)) {
            throw new TapableBridgeError(
              `tapHooksmith for hook '${hookName}': mapArgs returned no '${names[0]}', the argument the waterfall threads`,
              { code: "HOOKSMITH_TAPABLE_MAP_ARGS_RESULT", hookName, tapName },
            );
          }
          return mapped as Record<string, unknown>;
        };

  let active = true;
  const sync = kind.timing === "sync";
  // What a tap returns when it has nothing to run: the value unchanged for a waterfall, no result
  // (which neither bails nor loops) otherwise.
  const unchanged = (given: readonly unknown[]): unknown => (waterfall ? given[0] : undefined);
  const run = (tapStage: number, given: readonly unknown[]): unknown => {
    const hookCaller = callerOf(target);
    if (hookCaller === undefined) return unchanged(given);
    const group = currentPlan(hookCaller).groups.get(tapStage);
    if (group === undefined) return unchanged(given);
    return runHook(target, buildArgs(given), kind, names[0], group);
  };
  const tapFor = (tapStage: number): Function =>
    sync
      ? function hooksmithTap(...given: unknown[]): unknown {
          return active ? run(tapStage, given) : unchanged(given);
        }
      : function hooksmithTap(...given: unknown[]): Promise<unknown> {
          try {
            return Promise.resolve(active ? run(tapStage, given) : unchanged(given));
          } catch (error) {
            return Promise.reject(error);
          }
        };
  const fns: Function[] = [];
  const tapper = hook as unknown as Record<"tap" | "tapPromise", (options: object, fn: Function) => void>;
  for (const tapStage of [...tapped].sort((a, b) => a - b)) {
    const tapOptions: Record<string, unknown> = { name: tapName };
    // The default tap keeps the stage as given (none when none was), as a single tap always did.
    if (tapStage !== rules.defaultStage || typeof stage === "number") tapOptions["stage"] = tapStage;
    if (options.before !== undefined) tapOptions["before"] = options.before;
    const fn = tapFor(tapStage);
    if (sync) tapper.tap(tapOptions, fn);
    else tapper.tapPromise(tapOptions, fn);
    fns.push(fn);
  }
  return () => {
    if (!active) return false;
    active = false;
    if (view !== undefined)
      return removeTaps(view.target.pm, view.target.hookName, tapName, (record) => fns.includes(record.origin));
    const taps = hook.taps as TapableTap[];
    let removed = false;
    for (let index = taps.length - 1; index >= 0; index--) {
      if (!fns.includes(taps[index]!.fn)) continue;
      taps.splice(index, 1);
      removed = true;
    }
    // tapable recompiles its call functions on the next call after this (it has no public way to
    // say so); should a future tapable lack it, the inactive taps still pass values through.
    if (removed) (hook as { _resetCompilation?: () => void })._resetCompilation?.();
    return true;
  };
}

/**
 * Taps every tapable hook of a webpack-style `hooks` object with the hooksmith hook of the same
 * name (see {@link tapHooksmith}), so that a hooksmith host can serve its plugins from inside a
 * tapable world. Give `only` to tap a few of them: each tapped hook reports `isUsed()`. The
 * options apply to every hook, but `mapArgs`, given per hook.
 *
 * @param pm - The plugin manager.
 * @param hooks - An object of tapable hooks, e.g. `compiler.hooks`.
 * @param options - The taps' name, stages and `before`, the keys to tap, `mapArgs` per key and `context`.
 * @returns An untap function that removes every tap this call made.
 * @throws {TapableBridgeError} As `tapHooksmith`, naming the first hook that cannot be tapped; a
 *   value that is not a tapable hook is refused unless `only` leaves it out, and so is a `mapArgs`
 *   key that names no tapped hook.
 * @example
 * ```ts
 * import { PluginManager } from "hooksmith";
 * import { tapHooksmithHooks } from "hooksmith/tapable";
 * import { AsyncSeriesHook, SyncHook } from "tapable";
 *
 * const compiler = {
 *   hooks: {
 *     compile: new SyncHook<[object]>(["params"]),
 *     emit: new AsyncSeriesHook<[object]>(["compilation"]),
 *   },
 * };
 * const pm = new PluginManager("bundler");
 * const untapAll = tapHooksmithHooks(pm, compiler.hooks, {
 *   name: "HooksmithPlugins",
 *   context: compiler,
 *   mapArgs: { compile: ([params], owner) => ({ params, compiler: owner }) },
 * });
 * await compiler.hooks.emit.promise({}); // runs pm.hook.emit.callAsync({ compilation: {} })
 * untapAll();
 * ```
 */
export function tapHooksmithHooks<Specs extends object, Hooks extends object, Context = undefined>(
  pm: PluginManager<Specs>,
  hooks: Hooks,
  options: TapHooksmithHooksOptions<Specs, Hooks, Context> = {},
): () => void {
  const { only, mapArgs, context, ...tapOptions } = options as TapHooksmithHooksOptions;
  if (only !== undefined && (!Array.isArray(only) || !only.every((key) => typeof key === "string"))) {
    throw invalidOption("<hooks>", options.name, `only must be an array of hook names, got ${describeValue(only)}`);
  }
  const record = hooks as Record<string, unknown>;
  const keys: readonly string[] = only ?? Object.keys(record);
  const mappers = (mapArgs ?? {}) as Readonly<Record<string, unknown>>;
  if (typeof mappers !== "object" || mappers === null || Array.isArray(mappers)) {
    throw invalidOption(
      "<hooks>",
      options.name,
      `mapArgs must be an object of hook name to function, got ${describeValue(mapArgs)}`,
    );
  }
  for (const key of Object.keys(mappers)) {
    if (!keys.includes(key)) {
      throw invalidOption(key, options.name, `mapArgs has an entry for '${key}', which is not one of the hooks tapped`);
    }
  }
  const untaps: Array<() => boolean> = [];
  try {
    for (const key of keys) {
      const hook = record[key];
      if (typeof hook !== "object" || hook === null || kindOf(hook) === undefined) {
        const className = (hook as { constructor?: { name?: unknown } } | null | undefined)?.constructor?.name;
        throw new TapableBridgeError(
          `tapHooksmithHooks: '${key}' is ${hook === undefined ? "missing" : `not a tapable hook (${typeof className === "string" ? className : describeValue(hook)})`}; ` +
            "list the hooks to tap in only",
          { code: "HOOKSMITH_TAPABLE_UNSUPPORTED_HOOK", hookName: key, tapName: options.name },
        );
      }
      const mapper = mappers[key];
      untaps.push(
        tapHooksmith(
          pm as unknown as PluginManager,
          key,
          hook as TapableHookLike,
          mapper === undefined
            ? tapOptions
            : ({ ...tapOptions, mapArgs: mapper, context } as TapHooksmithOptions<unknown[], Record<string, unknown>, unknown>),
        ),
      );
    }
  } catch (error) {
    for (const undo of untaps) undo();
    throw error;
  }
  return () => {
    for (const undo of untaps) undo();
  };
}

function invalidOption(hookName: string, tapName: string | undefined, problem: string): TapableBridgeError {
  return new TapableBridgeError(`tapHooksmith for hook '${hookName}': ${problem}`, {
    code: "HOOKSMITH_TAPABLE_INVALID_OPTIONS",
    hookName,
    tapName,
  });
}
