// From tapable to hooksmith: one tap in an existing tapable hook (a webpack compiler's, say) that
// runs a hooksmith hook whenever the tapable hook is called, and returns what that tapable kind
// expects from a tap.

import { TapableBridgeError } from "./errors.ts";
import { describeValue } from "../core/describe.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import type { HookNames } from "../core/types.ts";
import { checkAgainstSpec, checkArgNames, declaredArgNames, toArgsObject } from "./arguments.ts";
import { kindOf } from "./hook-kind.ts";
import { callerOf, runHook, type HookTarget } from "./run-hook.ts";
import { removeTaps } from "./tap-registry.ts";
import type { TapableHookLike, TapableTap } from "./types.ts";
import { views } from "./view-state.ts";

/** Options of `tapHooksmith`: the tap's name and order in the tapable hook, and argument names. */
export interface TapHooksmithOptions {
  /** The tap name tapable shows (default: the manager's project name). */
  readonly name?: string | undefined;
  /** The tapable stage of the tap (lower runs earlier). */
  readonly stage?: number | undefined;
  /** The taps to run before. */
  readonly before?: string | readonly string[] | undefined;
  /**
   * The names of the tapable hook's positional arguments, when the hook does not declare them (by
   * default the names given to its constructor, `new SyncHook(["compilation"])`).
   */
  readonly args?: readonly string[] | undefined;
}

/** Options of `tapHooksmithHooks`: those of `tapHooksmith` (but `args`), and which hooks to tap. */
export interface TapHooksmithHooksOptions extends Omit<TapHooksmithOptions, "args"> {
  /** The keys of the hooks to tap (default: every key; each value must then be a tapable hook). */
  readonly only?: readonly string[] | undefined;
}

const optionKeys: readonly string[] = ["name", "stage", "before", "args"];

/**
 * Makes the implementations of a hooksmith hook run whenever a tapable hook is called: taps the
 * tapable hook once, with a tap that calls `pm.hook[hookName]` (looked up at call time, so plugins
 * registered later take part) and answers as that tapable kind expects:
 *
 * - tapable's positional arguments become the arguments object by the hook's declared names;
 * - `SyncHook` / `AsyncSeriesHook` / `AsyncParallelHook`: the hook is called (`callAsync` for series,
 *   `callParallel` for parallel kinds), its results are ignored;
 * - bail and loop kinds: the first result in hooksmith's call order (or the `firstresult` result)
 *   is returned, which bails, or runs the loop again;
 * - waterfall kinds: the implementations run one after the other on the first argument, each
 *   receiving the value the previous one returned; the final value is returned.
 *
 * Errors thrown by implementations reach tapable's caller unchanged.
 *
 * @param pm - The plugin manager.
 * @param hookName - The hooksmith hook to run.
 * @param hook - The tapable hook to tap (from any tapable copy, e.g. webpack's).
 * @param options - The tap's name, stage and `before`, and argument names.
 * @returns An untap function: removes the tap and returns whether it was still there.
 * @throws {TapableBridgeError} When the hook is not a tapable hook of a known kind, its argument names
 *   are unknown or do not fit the spec, the hooksmith hook is historic, or the tap would call the
 *   view it taps.
 * @example
 * ```ts
 * import { HookimplMarker, PluginManager } from "hooksmith";
 * import { tapHooksmith } from "hooksmith/tapable";
 * import { SyncWaterfallHook } from "tapable";
 *
 * const hookimpl = HookimplMarker("bundler");
 * const pm = new PluginManager("bundler");
 * pm.register({ assetPath: hookimpl(({ path }: { path: string }) => `/cdn${path}`) }, "cdn");
 *
 * const assetPath = new SyncWaterfallHook<[string, object]>(["path", "data"]);
 * const untap = tapHooksmith(pm, "assetPath", assetPath);
 * console.log(assetPath.call("/main.js", {})); // "/cdn/main.js"
 * untap();
 * ```
 */
export function tapHooksmith<Specs extends object>(
  pm: PluginManager<Specs>,
  hookName: HookNames<Specs>,
  hook: TapableHookLike,
  options: TapHooksmithOptions = {},
): () => boolean {
  const manager = pm as unknown as PluginManager;
  if (typeof options !== "object" || options === null)
    throw invalidOption(hookName, undefined, `options must be an object, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (!optionKeys.includes(key))
      throw invalidOption(hookName, options.name, `unknown option '${key}'; known options: ${optionKeys.join(", ")}`);
  }
  const tapName = options.name ?? manager.projectName;
  if (typeof tapName !== "string" || tapName.trim() === "")
    throw invalidOption(hookName, undefined, `name must be a non-empty string, got ${describeValue(tapName)}`);
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
  const declared = options.args ?? declaredArgNames(hook);
  if (declared === undefined) {
    throw new TapableBridgeError(
      `tapHooksmith for hook '${hookName}': the tapable hook does not tell its argument names; pass them, e.g. { args: ["compilation"] }`,
      { code: "HOOKSMITH_TAPABLE_ARGUMENT_NAMES", hookName, tapName },
    );
  }
  const names = checkArgNames(declared, hookName, "tapHooksmith", tapName);
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
  checkAgainstSpec(names, caller?.spec, hookName, "tapHooksmith", tapName);
  if (kind.result === "waterfall") {
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
    if (caller?.spec?.opts.firstresult === true) {
      throw new TapableBridgeError(
        `tapHooksmith for hook '${hookName}': a ${kind.className} runs every tap on the value, but the hook is firstresult, which stops at the first result`,
        { code: "HOOKSMITH_TAPABLE_FIRSTRESULT_WATERFALL", hookName, tapName },
      );
    }
  }
  let active = true;
  const sync = kind.timing === "sync";
  const fn = sync
    ? function hooksmithTap(...given: unknown[]): unknown {
        return active ? runHook(target, toArgsObject(names, given), kind, names[0]) : undefined;
      }
    : function hooksmithTap(...given: unknown[]): Promise<unknown> {
        return active
          ? (runHook(target, toArgsObject(names, given), kind, names[0]) as Promise<unknown>)
          : Promise.resolve(undefined);
      };
  const tapOptions: Record<string, unknown> = { name: tapName };
  if (options.stage !== undefined) tapOptions["stage"] = options.stage;
  if (options.before !== undefined) tapOptions["before"] = options.before;
  const tapper = hook as unknown as Record<"tap" | "tapPromise", (options: object, fn: Function) => void>;
  if (sync) tapper.tap(tapOptions, fn);
  else tapper.tapPromise(tapOptions, fn);
  return () => {
    if (!active) return false;
    active = false;
    if (view !== undefined) return removeTaps(view.target.pm, view.target.hookName, tapName, (record) => record.origin === fn);
    const taps = hook.taps as TapableTap[];
    const index = taps.findIndex((tap) => tap.fn === fn);
    if (index !== -1) {
      taps.splice(index, 1);
      // tapable recompiles its call functions on the next call after this (it has no public way to
      // say so); should a future tapable lack it, the inactive tap still passes values through.
      (hook as { _resetCompilation?: () => void })._resetCompilation?.();
    }
    return true;
  };
}

/**
 * Taps every tapable hook of a webpack-style `hooks` object with the hooksmith hook of the same
 * name (see {@link tapHooksmith}), so that a hooksmith host can serve its plugins from inside a
 * tapable world. Give `only` to tap a few of them: each tapped hook reports `isUsed()`.
 *
 * @param pm - The plugin manager.
 * @param hooks - An object of tapable hooks, e.g. `compiler.hooks`.
 * @param options - The taps' name, stage and `before`, and the keys to tap.
 * @returns An untap function that removes every tap this call made.
 * @throws {TapableBridgeError} As `tapHooksmith`, naming the first hook that cannot be tapped; a
 *   value that is not a tapable hook is refused unless `only` leaves it out.
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
 * const untapAll = tapHooksmithHooks(pm, compiler.hooks, { name: "HooksmithPlugins" });
 * await compiler.hooks.emit.promise({}); // runs pm.hook.emit.callAsync({ compilation: {} })
 * untapAll();
 * ```
 */
export function tapHooksmithHooks<Specs extends object>(
  pm: PluginManager<Specs>,
  hooks: object,
  options: TapHooksmithHooksOptions = {},
): () => void {
  const { only, ...tapOptions } = options;
  if (only !== undefined && (!Array.isArray(only) || !only.every((key) => typeof key === "string"))) {
    throw invalidOption("<hooks>", options.name, `only must be an array of hook names, got ${describeValue(only)}`);
  }
  const record = hooks as Record<string, unknown>;
  const keys = only ?? Object.keys(record);
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
      untaps.push(tapHooksmith(pm as unknown as PluginManager, key, hook as TapableHookLike, tapOptions));
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
