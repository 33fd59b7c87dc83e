// What a tapable view knows about the hooksmith hook it stands for.

import type { HookKind } from "./hook-kind.ts";
import type { HookTarget } from "./run-hook.ts";

/** The state behind one tapable view. */
export interface ViewState {
  /** The hooksmith hook it calls and taps. */
  readonly target: HookTarget;
  /** tapable's positional argument names, in order. */
  readonly names: readonly string[];
  /** The tapable kind of the view. */
  readonly kind: HookKind;
  /** The extra tap option keys it accepts. */
  readonly accepted: ReadonlySet<string>;
  /** The view's own `interceptors` array. */
  readonly interceptors: object[];
}

/** The views created by `toTapableHook`, by tapable hook object. */
export const views: WeakMap<object, ViewState> = new WeakMap();
