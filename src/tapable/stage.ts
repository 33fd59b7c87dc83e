// Stages per implementation for `tapHooksmith`: the `tapableStage` mark an implementation may
// carry, the stage each implementation resolves to, and the plan that splits a hook's
// implementations into one group per stage, each group called through its own tapable tap.

import { applyMark, type MarkerArguments } from "../core/decorate.ts";
import { describeValue } from "../core/describe.ts";
import { HookMarkerError } from "../core/errors.ts";
import type { HookCaller } from "../core/hook-caller.ts";
import type { HookImpl } from "../core/hook-impl.ts";
import type { HookimplDecorator } from "../core/hookimpl-marker.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import { TapableBridgeError } from "./errors.ts";

// Global, like the hookimpl marks: another copy of hooksmith reads the same mark.
const stageKey: symbol = Symbol.for("hooksmith.tapable.stage");

/**
 * Decides the tapable stage of each hooksmith implementation that `tapHooksmith` serves; the
 * host's alternative (or complement) to the plugins' own `tapableStage` marks.
 *
 * @param impl - The implementation (its plugin, plugin name, options and function).
 * @param info - The hook, and the stage the implementation declares with `tapableStage`, if any.
 * @returns The stage, or `undefined` for the declared stage (or the default one).
 */
export type TapableStageResolver = (impl: HookImpl, info: TapableStageInfo) => number | undefined;

/** What a {@link TapableStageResolver} is told besides the implementation. */
export interface TapableStageInfo {
  /** The hooksmith hook being served. */
  readonly hookName: string;
  /** The stage the implementation declares with `tapableStage`, if any. */
  readonly declared: number | undefined;
}

/**
 * Gives a hook implementation its own tapable stage for `tapHooksmith`: where webpack plugins
 * write `hook.tap({ name, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, fn)`, a
 * hooksmith plugin marks its implementation with `tapableStage(400)`. The bridge then runs that
 * implementation from a tap at stage 400 of the tapable hook, between the tapable taps of lower
 * and higher stages.
 *
 * It works in every form the markers do: `tapableStage(stage)(fn)`, and `@tapableStage(stage)`
 * on a method (TC39 standard decorators or `experimentalDecorators`), next to `@hookimpl` in any
 * order. The mark lives on the function (under `Symbol.for("hooksmith.tapable.stage")`), so the
 * plugin needs no import of tapable. It only matters where `tapHooksmith` serves the hook; a
 * plain hooksmith call ignores it, and so does a `toTapableHook` view, whose order is hooksmith's.
 *
 * @param stage - The stage: lower runs earlier, as in tapable; any number but `NaN`.
 * @returns A marker that records the stage on the function and returns it unchanged.
 * @throws {HookMarkerError} `HOOKSMITH_INVALID_MARKER_OPTION` when `stage` is not a number, and
 *   `HOOKSMITH_INVALID_MARKER_TARGET` when applied to something that is not a function.
 * @example
 * ```ts
 * import { HookimplMarker } from "hooksmith";
 * import { tapableStage } from "hooksmith/tapable";
 *
 * const hookimpl = HookimplMarker("bundler");
 * const PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE = 400; // webpack's Compilation constant
 *
 * export const processAssets = tapableStage(PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE)(
 *   hookimpl(({ assets }: { assets: Record<string, string> }) => {
 *     for (const name of Object.keys(assets)) assets[name] = assets[name]!.trim();
 *   }),
 * );
 * ```
 */
export function tapableStage(stage: number): HookimplDecorator {
  if (typeof stage !== "number" || Number.isNaN(stage)) {
    throw new HookMarkerError(`Invalid tapableStage: the stage must be a number, got ${describeValue(stage)}`, {
      code: "HOOKSMITH_INVALID_MARKER_OPTION",
      option: "stage",
    });
  }
  return ((...args: MarkerArguments) =>
    applyMark("tapableStage", args, (fn) => {
      (fn as unknown as Record<symbol, unknown>)[stageKey] = stage;
    })) as HookimplDecorator;
}

/** The stage a function was marked with by `tapableStage`, if any. */
export function declaredStage(fn: Function): number | undefined {
  const stage = (fn as unknown as Record<symbol, unknown>)[stageKey];
  return typeof stage === "number" ? stage : undefined;
}

/** How the stages of one `tapHooksmith` tap set are decided. */
export interface StageRules {
  /** The manager. */
  readonly pm: PluginManager;
  /** The hook served. */
  readonly hookName: string;
  /** The bridge's tap name, for messages. */
  readonly tapName: string;
  /** The stage of implementations that declare none (the `stage` option when a number, else 0). */
  readonly defaultStage: number;
  /** The host's resolver (the `stage` option when a function). */
  readonly resolver: TapableStageResolver | undefined;
}

/** The implementations of one stage, and the caller that runs exactly them. */
export interface StageGroup {
  /** The implementations, in storage order (the reverse of call order). */
  readonly impls: readonly HookImpl[];
  /** The hook itself when every implementation is in this group, else a subset of it. */
  readonly caller: HookCaller;
}

/** A hook's implementations split by stage, valid while its implementation list is unchanged. */
export interface StagePlan {
  /** The implementation list the plan was made from. */
  readonly impls: readonly HookImpl[];
  /** The groups, by stage. */
  readonly groups: ReadonlyMap<number, StageGroup>;
}

/**
 * Splits the implementations of `caller` by stage. A plugin's implementations of one hook must
 * share a stage: a subset caller can only leave out whole plugins.
 *
 * @throws {TapableBridgeError} `HOOKSMITH_TAPABLE_INVALID_STAGE` for a resolver result that is
 *   not a number, `HOOKSMITH_TAPABLE_STAGE_SPLIT` for a plugin with implementations at two stages.
 */
export function planStages(rules: StageRules, caller: HookCaller): StagePlan {
  const impls = caller.getHookimpls();
  const lists = new Map<number, HookImpl[]>();
  const pluginStages = new Map<object, { stage: number; impl: HookImpl }>();
  for (const impl of impls) {
    const stage = stageOf(rules, impl);
    if (impl.plugin !== undefined) {
      const seen = pluginStages.get(impl.plugin);
      if (seen !== undefined && seen.stage !== stage) {
        throw new TapableBridgeError(
          `tapHooksmith for hook '${rules.hookName}': plugin '${impl.pluginName}' implements it at stage ${seen.stage} and at stage ${stage}; ` +
            "the bridge runs each stage's implementations as one call that can only leave out whole plugins: split it into one plugin per stage",
          {
            code: "HOOKSMITH_TAPABLE_STAGE_SPLIT",
            hookName: rules.hookName,
            tapName: rules.tapName,
            pluginName: impl.pluginName,
          },
        );
      }
      pluginStages.set(impl.plugin, { stage, impl });
    }
    const list = lists.get(stage);
    if (list === undefined) lists.set(stage, [impl]);
    else list.push(impl);
  }
  const groups = new Map<number, StageGroup>();
  if (lists.size === 1) {
    for (const [stage, list] of lists) groups.set(stage, { impls: list, caller });
  } else {
    const plugins = [...pluginStages.keys()];
    for (const [stage, list] of lists) {
      const own = new Set(list.map((impl) => impl.plugin));
      const subset = rules.pm.subsetHookCaller(
        rules.hookName,
        plugins.filter((plugin) => !own.has(plugin)),
      );
      groups.set(stage, { impls: list, caller: subset });
    }
  }
  return { impls, groups };
}

/** Whether two implementation lists hold the same implementations in the same order. */
export function sameImpls(a: readonly HookImpl[], b: readonly HookImpl[]): boolean {
  return a.length === b.length && a.every((impl, index) => impl === b[index]);
}

/** Checks a stage given as an option: any number but `NaN`. */
export function isStage(value: unknown): value is number {
  return typeof value === "number" && !Number.isNaN(value);
}

function stageOf(rules: StageRules, impl: HookImpl): number {
  const declared = declaredStage(impl.function);
  let resolved: unknown;
  if (rules.resolver !== undefined) {
    resolved = rules.resolver(impl, { hookName: rules.hookName, declared });
    if (resolved !== undefined && !isStage(resolved)) {
      throw new TapableBridgeError(
        `tapHooksmith for hook '${rules.hookName}': the stage option gave plugin '${impl.pluginName}' the stage ${describeValue(resolved)}, which is not a number`,
        {
          code: "HOOKSMITH_TAPABLE_INVALID_STAGE",
          hookName: rules.hookName,
          tapName: rules.tapName,
          pluginName: impl.pluginName,
        },
      );
    }
  }
  return (resolved as number | undefined) ?? declared ?? rules.defaultStage;
}
