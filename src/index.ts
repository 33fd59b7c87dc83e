// The public API of `hooksmith`. Named re-exports only; each section is owned by one area.

// --- errors ---
export { HooksmithError, isHooksmithError } from "./errors/hooksmith-error.ts";
export type { HooksmithErrorOptions } from "./errors/hooksmith-error.ts";
export { HookCallError } from "./errors/hook-call-error.ts";
export type { HookCallErrorOptions } from "./errors/hook-call-error.ts";
export { HookMarkerError } from "./errors/hook-marker-error.ts";
export type { HookMarkerErrorOptions } from "./errors/hook-marker-error.ts";
export { HookspecError } from "./errors/hookspec-error.ts";
export type { HookspecErrorOptions } from "./errors/hookspec-error.ts";
export { PluginRegistrationError } from "./errors/plugin-registration-error.ts";
export type { PluginRegistrationErrorOptions } from "./errors/plugin-registration-error.ts";
export { PluginValidationError } from "./errors/plugin-validation-error.ts";
export type { PluginValidationErrorOptions } from "./errors/plugin-validation-error.ts";
export { WrapperError } from "./errors/wrapper-error.ts";
export type { WrapperErrorOptions } from "./errors/wrapper-error.ts";
export { AsyncHookWarning, HookArgumentsWarning, HooksmithWarning, TeardownRaisedWarning } from "./warnings.ts";

// --- core ---
export { readArgnames } from "./argnames.ts";
export type { Argnames } from "./argnames.ts";
export { HookCaller } from "./hook-caller.ts";
export type { CallHistoricOptions, CallOptions, HookCallAsyncArgs } from "./hook-caller.ts";
export type { HookcallAfter, HookcallBefore } from "./hook-core.ts";
export { HookImpl } from "./hook-impl.ts";
export type { FunctionKind } from "./hook-impl.ts";
export { HookSpec } from "./hook-spec.ts";
export { HookimplMarker } from "./hookimpl-marker.ts";
export type { HookimplDecorator } from "./hookimpl-marker.ts";
export { HookspecMarker } from "./hookspec-marker.ts";
export type { HookspecDecorator, MarkedSpec } from "./hookspec-marker.ts";
export { PluginManager, createPluginManager } from "./plugin-manager.ts";
export type { HookRelay, PluginManagerOptions } from "./plugin-manager.ts";
export { Result } from "./result.ts";
export { TagTracer, TagTracerSub } from "./tracing.ts";
export type { TraceProcessor, TraceWriter } from "./tracing.ts";
export type {
  EmptyArgs,
  FirstResult,
  FirstResultHook,
  Historic,
  HistoricHook,
  HookArgs,
  HookAsyncCallResult,
  HookCallArgs,
  HookCallResult,
  HookFunction,
  HookImplementation,
  HookimplOptions,
  HookimplOpts,
  HookNames,
  HookOf,
  HookOldStyleWrapper,
  HookResult,
  HookReturn,
  HookspecOptions,
  HookspecOpts,
  HookWrapper,
  Plugin,
  UntypedHook,
  UntypedSpecs,
} from "./types.ts";

// --- discovery ---
export { PluginLoadError, isPluginLoadError } from "./errors/plugin-load-error.ts";
export type { PluginLoadErrorCode, PluginLoadErrorOptions } from "./errors/plugin-load-error.ts";
export type { LoadEntrypointsOptions } from "./discovery/load-entrypoints.ts";
export type { ImportPluginOptions } from "./discovery/import-plugin.ts";
export { getPluginRecord } from "./discovery/plugin-records.ts";
export type { PluginDistInfo, PluginRecord, PluginSource } from "./discovery/plugin-records.ts";

// --- stages ---
