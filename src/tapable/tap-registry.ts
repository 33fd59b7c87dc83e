// The hooksmith plugins behind taps made through tapable views. A tap name is one hooksmith plugin,
// registered under that name; each tap is one implementation of it (a member marked with the
// manager's hookimpl marker, `specname` naming the hook). Unregistering the plugin removes every tap
// it made.
//
// hooksmith registers a plugin's implementations at once, so a second tap of the same name (on any
// hook) re-registers the plugin with one more implementation; so does untapping one of several.
// Re-registering makes it the most recently registered plugin on each of its hooks, which is why the
// order check covers every hook of the plugin, not only the tapped one.

import { TapableTapError } from "./errors.ts";
import { HookimplMarker } from "../core/hookimpl-marker.ts";
import type { HookImpl } from "../core/hook-impl.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import { callerOf } from "./run-hook.ts";
import type { TapDescriptor } from "./tap-options.ts";
import { checkPlannedOrder, groupOf, type OrderedTap } from "./tap-order.ts";

/** One tap made through a view: its order options, its descriptor and its implementation. */
export interface TapRecord extends OrderedTap {
  /** The hook it taps. */
  readonly hookName: string;
  /** Its member name in the plugin object (sorting them gives tap order). */
  readonly key: string;
  /** The tap as interceptors see it; a `register` interceptor may replace it. */
  descriptor: TapDescriptor;
  /** The function given to `tap`, before any `register` interceptor. */
  readonly origin: Function;
  /** The hooksmith implementation that runs it. */
  readonly impl: Function;
  /** The required argument names its implementation declares to hooksmith. */
  readonly argnames: readonly string[];
}

/** A new tap, before the registry gives it a member name. */
export type NewTap = Omit<TapRecord, "key" | "impl">;

/**
 * The plugin object a tap name is registered as: its members are the taps' implementations.
 * Shown by hooksmith as `<TapablePlugin object>`.
 */
class TapablePlugin {
  /** The tap name this plugin stands for. */
  readonly tapName: string;

  constructor(tapName: string, records: readonly TapRecord[]) {
    this.tapName = tapName;
    for (const record of records) (this as unknown as Record<string, unknown>)[record.key] = record.impl;
  }
}

interface PluginState {
  readonly object: TapablePlugin;
  readonly records: readonly TapRecord[];
}

const states = new WeakMap<PluginManager, Map<string, PluginState>>();
const records = new WeakMap<Function, TapRecord>();
let sequence = 0;

/** The tap behind a hooksmith implementation function, if it is one. */
export function tapRecordOf(fn: Function): TapRecord | undefined {
  return records.get(fn);
}

/** The taps made through views on a hook, in hooksmith's call order. */
export function tapsOf(pm: PluginManager, hookName: string): TapRecord[] {
  const impls = callerOf({ pm, hookName })?.getHookimpls() ?? [];
  const taps: TapRecord[] = [];
  for (let i = impls.length - 1; i >= 0; i--) {
    const record = records.get(impls[i]!.function);
    if (record !== undefined && record.hookName === hookName) taps.push(record);
  }
  return taps;
}

/**
 * Registers a tap: creates or re-registers the plugin of its name. A blocked name drops the tap, as
 * hooksmith skips blocked plugins.
 *
 * @param makeImpl - Creates the implementation function that runs the tap.
 * @throws {TapableTapError} When the name belongs to a plugin the bridge did not register, or the
 *   resulting order would break a stage or a `before`.
 */
export function addTap(pm: PluginManager, tap: NewTap, makeImpl: (record: () => TapRecord) => Function): void {
  if (pm.isBlocked(tap.tapName)) return;
  const state = currentState(pm, tap.tapName, tap.hookName);
  const key = `tap:${String(++sequence).padStart(12, "0")}`;
  const holder: { record?: TapRecord } = {};
  const impl = makeImpl(() => holder.record!);
  const record: TapRecord = { ...tap, key, impl };
  holder.record = record;
  const next = [...(state?.records ?? []), record];
  const why = (hookName: string): string =>
    hookName === tap.hookName || state === undefined
      ? ""
      : ` (tapping hook '${tap.hookName}' re-registers plugin '${tap.tapName}', which makes it the most recently registered plugin on hook '${hookName}' too)`;
  checkAll(pm, state, next, why);
  const marker = HookimplMarker(pm.projectName);
  const group = groupOf(record.stage);
  marker({ specname: tap.hookName, tryfirst: group === "tryfirst", trylast: group === "trylast", argnames: tap.argnames })(impl);
  Object.defineProperty(impl, "name", { value: tap.tapName, configurable: true });
  commit(pm, tap.tapName, state, next);
  records.set(impl, record);
}

/**
 * Removes the taps of `tapName` on `hookName` (only those `which` selects, when given): the plugin
 * is unregistered when nothing else is left, re-registered without them otherwise.
 *
 * @returns Whether a tap was removed.
 * @throws {TapableTapError} When re-registering would break the order of the plugin's other taps.
 */
export function removeTaps(
  pm: PluginManager,
  hookName: string,
  tapName: string,
  which?: (record: TapRecord) => boolean,
): boolean {
  const state = states.get(pm)?.get(tapName);
  if (state === undefined || pm.getPlugin(tapName) !== state.object) return false;
  const next = state.records.filter((record) => record.hookName !== hookName || (which !== undefined && !which(record)));
  if (next.length === state.records.length) return false;
  if (next.length === 0) {
    pm.unregister(state.object);
    states.get(pm)!.delete(tapName);
    return true;
  }
  checkAll(
    pm,
    state,
    next,
    (other) =>
      ` (untapping '${tapName}' from hook '${hookName}' re-registers it, which makes it the most recently registered plugin on hook '${other}')`,
  );
  commit(pm, tapName, state, next);
  return true;
}

// The live state of a tap name, or undefined when it has no plugin yet (or it was unregistered).
function currentState(pm: PluginManager, tapName: string, hookName: string): PluginState | undefined {
  const state = states.get(pm)?.get(tapName);
  const registered = pm.getPlugin(tapName);
  if (state !== undefined) {
    if (registered === state.object) return state;
    // Unregistered (or blocked) since its last tap: those taps are gone with it.
    states.get(pm)!.delete(tapName);
  }
  if (registered !== undefined) {
    throw new TapableTapError(
      `Tap '${tapName}' on hook '${hookName}' cannot become hooksmith plugin '${tapName}': a plugin the bridge did not register already has that name`,
      { code: "HOOKSMITH_TAPABLE_NAME_TAKEN", hookName, tapName },
    );
  }
  return undefined;
}

function checkAll(
  pm: PluginManager,
  state: PluginState | undefined,
  next: readonly TapRecord[],
  why: (hookName: string) => string,
): void {
  const hooks = new Set([...(state?.records ?? []), ...next].map((record) => record.hookName));
  for (const hookName of hooks) {
    const current = callerOf({ pm, hookName })?.getHookimpls() ?? [];
    const arriving = next.filter((record) => record.hookName === hookName);
    checkPlannedOrder(hookName, current, state?.object, arriving, orderedTapOf, why(hookName));
  }
}

function orderedTapOf(impl: HookImpl): OrderedTap | undefined {
  return records.get(impl.function);
}

function commit(pm: PluginManager, tapName: string, state: PluginState | undefined, next: readonly TapRecord[]): void {
  const object = new TapablePlugin(tapName, next);
  if (state !== undefined) pm.unregister(state.object);
  try {
    pm.register(object, tapName);
  } catch (error) {
    // Put the previous registration back so that a refused tap leaves the other taps in place.
    if (state !== undefined) pm.register(state.object, tapName);
    throw error;
  }
  let byName = states.get(pm);
  if (byName === undefined) states.set(pm, (byName = new Map()));
  byName.set(tapName, { object, records: next });
}
