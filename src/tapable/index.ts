/**
 * The bridge between hooksmith hooks and tapable hooks.
 *
 * @packageDocumentation
 * @module hooksmith/tapable
 */

// The public API of `hooksmith/tapable`: the bridge between hooksmith hooks and tapable hooks.
// Named re-exports only. This entry point is the only place that imports `tapable`.

export { TapableBridgeError } from "./errors.ts";
export type { TapableBridgeErrorCode, TapableBridgeErrorOptions } from "./errors.ts";
export { TapableTapError } from "./errors.ts";
export type { TapableTapErrorCode, TapableTapErrorOptions } from "./errors.ts";
export { tapableStage } from "./stage.ts";
export type { TapableStageInfo, TapableStageResolver } from "./stage.ts";
export { tapHooksmith, tapHooksmithHooks } from "./tap-hooksmith.ts";
export type { TapHooksmithHooksOptions, TapHooksmithOptions } from "./tap-hooksmith.ts";
export { toTapableHook, toTapableHooks } from "./to-tapable-hook.ts";
export type { TapableHooksFor, TapableHooksOptions } from "./to-tapable-hook.ts";
export type {
  TapableArgs,
  TapableAsyncHook,
  TapableAsyncParallelBailHook,
  TapableAsyncParallelHook,
  TapableAsyncSeriesBailHook,
  TapableAsyncSeriesHook,
  TapableAsyncSeriesWaterfallHook,
  TapableFullTap,
  TapableHookBase,
  TapableInterceptor,
  TapableSyncBailHook,
  TapableSyncHook,
  TapableSyncWaterfallHook,
  TapableTapOptions,
  SingleArgument,
  TapableArgsOption,
  TapableAsync,
  TapableAsyncOption,
  TapableHookArgs,
  TapableHookFor,
  TapableHookLike,
  TapableHookOptions,
  TapableResult,
  TapableTap,
  TapableWaterfallOption,
} from "./types.ts";
export { untap } from "./untap.ts";
