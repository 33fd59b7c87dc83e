// A waterfall call of a hooksmith hook: every plain implementation, in hooksmith's call order,
// receives the value the previous one returned as the waterfall argument; `undefined` keeps the
// value. Wrappers still enclose the whole call and see the final value as the hook's result.
//
// hooksmith's call loop gives every implementation the same arguments object, so the threading
// runs inside one temporary implementation (`callExtra`) on a subset of the hook that keeps only
// the wrappers: monitors, tracing and wrappers see one call, as they would for any other.

import { HookCallError } from "../core/errors.ts";
import { TapableBridgeError } from "./errors.ts";
import type { HookCaller } from "../core/hook-caller.ts";
import type { HookImpl } from "../core/hook-impl.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import { withArg } from "./arguments.ts";

/**
 * Runs `caller` as a waterfall over `args[name]`; returns the final value (a promise unless
 * `sync`). With `only` (storage order), only those implementations run, wrappers included: one
 * stage of a `tapHooksmith` tap set.
 */
export function callWaterfall(
  pm: PluginManager,
  caller: HookCaller,
  args: Record<string, unknown>,
  name: string,
  sync: boolean,
  only?: readonly HookImpl[],
): unknown {
  const initial = args[name];
  const all = caller.getHookimpls();
  const impls = only ?? all;
  const steps: HookImpl[] = [];
  const wrapperPlugins = new Set<object>();
  for (let i = impls.length - 1; i >= 0; i--) {
    const impl = impls[i]!;
    if (impl.wrapper || impl.hookwrapper) {
      if (impl.plugin !== undefined) wrapperPlugins.add(impl.plugin);
    } else {
      steps.push(impl);
    }
  }
  for (const impl of steps) {
    if (impl.plugin !== undefined && wrapperPlugins.has(impl.plugin)) {
      throw new TapableBridgeError(
        `hook '${caller.name}' is called as a waterfall, but plugin '${impl.pluginName}' has both a wrapper and an implementation of it: ` +
          "a waterfall runs the implementations one by one inside the wrappers, so one plugin cannot be on both sides; split it into two plugins",
        { code: "HOOKSMITH_TAPABLE_WATERFALL_WRAPPER", hookName: caller.name, tapName: impl.pluginName },
      );
    }
  }
  // The call keeps only the wrappers of `impls`: every other plugin of the hook is left out.
  const leaveOut = new Set<object>();
  for (const impl of all) if (impl.plugin !== undefined && !wrapperPlugins.has(impl.plugin)) leaveOut.add(impl.plugin);
  const wrappersOnly = leaveOut.size === 0 ? caller : pm.subsetHookCaller(caller.name, leaveOut);
  const firstresult = caller.spec?.opts.firstresult === true;
  const settle = (result: unknown): unknown => {
    const value = firstresult || !Array.isArray(result) ? result : result[0];
    return value === undefined ? initial : value;
  };
  if (sync) {
    const thread = (callArgs: Record<string, unknown>): unknown => {
      let value = callArgs[name];
      for (const impl of steps) {
        const result: unknown = impl.function.call(impl.plugin, stepArgs(impl, callArgs, name, value, caller.name));
        if (result !== undefined) value = result;
      }
      return value;
    };
    return settle(wrappersOnly.callExtra([thread], args));
  }
  const thread = async (callArgs: Record<string, unknown>): Promise<unknown> => {
    let value = callArgs[name];
    for (const impl of steps) {
      const result: unknown = await impl.function.call(impl.plugin, stepArgs(impl, callArgs, name, value, caller.name));
      if (result !== undefined) value = result;
    }
    return value;
  };
  return wrappersOnly.callExtraAsync([thread], args).then(settle);
}

// The arguments of one step, after pluggy's check that the implementation gets what it requires.
function stepArgs(
  impl: HookImpl,
  args: Record<string, unknown>,
  name: string,
  value: unknown,
  hookName: string,
): Record<string, unknown> {
  for (const required of impl.argnames ?? []) {
    if (!(required in args)) {
      throw new HookCallError(`hook call must provide argument '${required}' (hook '${hookName}', plugin '${impl.pluginName}')`, {
        code: "HOOKSMITH_MISSING_HOOK_ARGUMENT",
        hookName,
        pluginName: impl.pluginName,
        argument: required,
      });
    }
  }
  return withArg(args, name, value);
}
