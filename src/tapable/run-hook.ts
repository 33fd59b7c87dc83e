// Runs a hooksmith hook on behalf of a tapable hook and turns its outcome into what that tapable
// kind expects: nothing, the bail (or loop) value, or the waterfall value.

import type { HookCaller } from "../core/hook-caller.ts";
import type { HookImpl } from "../core/hook-impl.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import type { HookKind } from "./hook-kind.ts";
import { callWaterfall } from "./waterfall.ts";

/** Where a bridged call runs: a manager's hook, looked up at call time unless a caller is fixed. */
export interface HookTarget {
  /** The manager. */
  readonly pm: PluginManager;
  /** The hook name. */
  readonly hookName: string;
}

/** The caller of a target now, or `undefined` while the hook has neither spec nor implementation. */
export function callerOf(target: HookTarget): HookCaller | undefined {
  return (target.pm.hook as Record<string, HookCaller | undefined>)[target.hookName];
}

/**
 * Calls the hook with `args` the way `kind` runs its taps, and returns the tapable result: for
 * `sync` kinds the value itself (errors are thrown), otherwise a promise of it.
 * `waterfallName` is the argument a waterfall threads (the first declared one). With `group`, only
 * those implementations run (one stage of a `tapHooksmith` tap set), through `group.caller`.
 */
export function runHook(
  target: HookTarget,
  args: Record<string, unknown>,
  kind: HookKind,
  waterfallName: string | undefined,
  group?: { readonly caller: HookCaller; readonly impls: readonly HookImpl[] },
): unknown {
  const hook = callerOf(target);
  const caller = group?.caller ?? hook;
  const sync = kind.timing === "sync";
  if (kind.result === "waterfall") {
    if (hook === undefined) return sync ? args[waterfallName!] : Promise.resolve(args[waterfallName!]);
    return callWaterfall(target.pm, hook, args, waterfallName!, sync, group?.impls);
  }
  if (caller === undefined) return sync ? undefined : Promise.resolve(undefined);
  const settle = (result: unknown): unknown => {
    if (kind.result === "none") return undefined;
    return caller.spec?.opts.firstresult === true || !Array.isArray(result) ? result : result[0];
  };
  if (sync) return settle(caller(args));
  return (kind.timing === "parallel" ? caller.callParallel(args) : caller.callAsync(args)).then(settle);
}
