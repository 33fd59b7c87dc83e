import { TapableBridgeError } from "./errors.ts";
import { describeValue } from "../core/describe.ts";
import { removeTaps } from "./tap-registry.ts";
import type { TapableHookLike } from "./types.ts";
import { views } from "./view-state.ts";
import type { TapableTapError } from "./errors.ts";

/**
 * Removes the taps named `tapName` from a view made by `toTapableHook`. The hooksmith plugin of
 * that name keeps its taps on other hooks (it is re-registered without this hook's taps), or is
 * unregistered when nothing is left. To remove everything a name tapped, `pm.unregister` it.
 *
 * @param hook - A view returned by `toTapableHook` or `toTapableHooks`.
 * @param tapName - The tap (plugin) name.
 * @returns Whether a tap was removed.
 * @throws {TapableBridgeError} When `hook` is not a view (untap a `tapHooksmith` tap with the
 *   function it returned).
 * @throws {TapableTapError} When re-registering the plugin would break the order of its other taps.
 * @example
 * ```ts
 * import { PluginManager } from "hooksmith";
 * import { toTapableHook, untap } from "hooksmith/tapable";
 *
 * const pm = new PluginManager("bundler");
 * const done = toTapableHook(pm, "done", { args: ["stats"] });
 * done.tap("LoggerPlugin", (stats) => console.log(stats));
 * untap(done, "LoggerPlugin"); // true
 * ```
 */
export function untap(hook: TapableHookLike, tapName: string): boolean {
  const state = views.get(hook);
  if (state === undefined) {
    throw new TapableBridgeError(
      `untap needs a view made by toTapableHook, got ${describeValue(hook)}${typeof hook === "object" && hook !== null && typeof hook.name === "string" ? ` ('${hook.name}')` : ""}; ` +
        "a tap made by tapHooksmith is removed by calling the function tapHooksmith returned",
      { code: "HOOKSMITH_TAPABLE_UNSUPPORTED_HOOK", hookName: typeof hook?.name === "string" ? hook.name : "<unknown>", tapName },
    );
  }
  return removeTaps(state.target.pm, state.target.hookName, tapName);
}
