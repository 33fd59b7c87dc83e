// How tapable's `stage` and `before` map onto hooksmith's call order, and the check that refuses a
// tap whose order hooksmith would not honour.
//
// A stage's sign picks the hooksmith group: negative is `tryfirst`, zero plain, positive `trylast`.
// Within a group hooksmith orders by registration (tryfirst and plain: the most recent first;
// trylast: the earliest first), so two taps of one group with different stages, or a `before`, can
// be honoured or not depending on when they were tapped. Before anything is registered, the bridge
// plans where hooksmith will put the taps (pluggy's insertion rule) and throws if the plan runs a
// tap against its stage or a `before`.

import { TapableTapError } from "./errors.ts";
import type { HookImpl } from "../core/hook-impl.ts";

/** The hooksmith ordering group of a tap. */
export type TapGroup = "tryfirst" | "plain" | "trylast";

/** The order options of one tap made through a view. */
export interface OrderedTap {
  /** The tap (plugin) name. */
  readonly tapName: string;
  /** The stage. */
  readonly stage: number;
  /** The names it must run before. */
  readonly before: ReadonlySet<string>;
}

/** One implementation in a planned call order. */
interface Planned {
  readonly tryfirst: boolean;
  readonly trylast: boolean;
  readonly wrapper: boolean;
  readonly pluginName: string;
  readonly tap: OrderedTap | undefined;
  readonly arriving: boolean;
}

/** The group a stage maps to. */
export function groupOf(stage: number): TapGroup {
  return stage < 0 ? "tryfirst" : stage > 0 ? "trylast" : "plain";
}

/**
 * Plans one hook's implementations after a (re-)registration: `leaving`'s implementations are
 * removed, then `arriving` taps are inserted in order where hooksmith inserts them. Throws
 * `TapableTapError` when the plan runs an arriving tap against a stage or a `before`.
 *
 * @param why - Appended to the message, e.g. why a tap of another hook moves.
 */
export function checkPlannedOrder(
  hookName: string,
  current: readonly HookImpl[],
  leaving: object | undefined,
  arriving: readonly OrderedTap[],
  tapOf: (impl: HookImpl) => OrderedTap | undefined,
  why: string,
): void {
  const storage: Planned[] = [];
  for (const impl of current) {
    if (leaving !== undefined && impl.plugin === leaving) continue;
    storage.push({
      tryfirst: impl.tryfirst,
      trylast: impl.trylast,
      wrapper: impl.wrapper || impl.hookwrapper,
      pluginName: impl.pluginName,
      tap: tapOf(impl),
      arriving: false,
    });
  }
  for (const tap of arriving) {
    const group = groupOf(tap.stage);
    insert(storage, {
      tryfirst: group === "tryfirst",
      trylast: group === "trylast",
      wrapper: false,
      pluginName: tap.tapName,
      tap,
      arriving: true,
    });
  }
  const order = storage.filter((item) => !item.wrapper).reverse();
  for (let i = 0; i < order.length; i++) {
    const item = order[i]!;
    if (!item.arriving) continue;
    for (let j = 0; j < order.length; j++) {
      if (j === i) continue;
      const other = order[j]!;
      const reason = conflict(item, other, i < j);
      if (reason !== undefined) {
        throw new TapableTapError(
          `Cannot honour the order of tap '${item.pluginName}' on hook '${hookName}': hooksmith would call it ${i < j ? "before" : "after"} ` +
            `'${other.pluginName}', but ${reason}. ${hint(item.tap!)}${why}`,
          { code: "HOOKSMITH_TAPABLE_ORDER_CONFLICT", hookName, tapName: item.pluginName, otherTapName: other.pluginName },
        );
      }
    }
  }
}

// Why running `item` (an arriving tap) before (`first`) or after `other` breaks a constraint.
function conflict(item: Planned, other: Planned, first: boolean): string | undefined {
  const tap = item.tap!;
  if (!first && tap.before.has(other.pluginName)) return `it asks to run before '${other.pluginName}'`;
  if (first && other.tap?.before.has(tap.tapName) === true) return `'${other.pluginName}' asks to run before it`;
  if (other.tap === undefined || groupOf(other.tap.stage) !== groupOf(tap.stage) || other.tap.stage === tap.stage)
    return undefined;
  if (first && tap.stage > other.tap.stage)
    return `its stage ${tap.stage} is higher than the stage ${other.tap.stage} of '${other.pluginName}'`;
  if (!first && tap.stage < other.tap.stage)
    return `its stage ${tap.stage} is lower than the stage ${other.tap.stage} of '${other.pluginName}'`;
  return undefined;
}

function hint(tap: OrderedTap): string {
  switch (groupOf(tap.stage)) {
    case "tryfirst":
      return "A negative stage maps to tryfirst, and hooksmith calls the most recently registered tryfirst implementation first";
    case "trylast":
      return "A positive stage maps to trylast: such taps run after every other implementation, the earliest registered first";
    default:
      return "Stage 0 maps to a plain implementation: such taps run after the tryfirst ones, the most recently registered first";
  }
}

// pluggy's `_add_hookimpl` for a non-wrapper: trylast at the start of the non-wrappers, tryfirst at
// their end, a plain one just before the trailing run of tryfirst ones.
function insert(storage: Planned[], item: Planned): void {
  let end = 0;
  while (end < storage.length && !storage[end]!.wrapper) end++;
  let at: number;
  if (item.trylast) at = 0;
  else if (item.tryfirst) at = end;
  else {
    at = end;
    while (at > 0 && storage[at - 1]!.tryfirst) at--;
  }
  storage.splice(at, 0, item);
}
