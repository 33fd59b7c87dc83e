/**
 * The core: markers, the plugin manager, hook callers, errors, discovery and the stage machinery.
 *
 * @packageDocumentation
 * @module hooksmith
 */

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
export { TestHarnessError } from "./errors/test-harness-error.ts";
export type { TestHarnessErrorCode } from "./errors/test-harness-error.ts";
export { TapableBridgeError } from "./errors/tapable-bridge-error.ts";
export type { TapableBridgeErrorCode, TapableBridgeErrorOptions } from "./errors/tapable-bridge-error.ts";
export { TapableTapError } from "./errors/tapable-tap-error.ts";
export type { TapableTapErrorCode, TapableTapErrorOptions } from "./errors/tapable-tap-error.ts";
export { AsyncHookWarning, HookArgumentsWarning, HooksmithWarning, TeardownRaisedWarning } from "./warnings.ts";

// --- core ---
export { readArgnames } from "./argnames.ts";
export type { Argnames } from "./argnames.ts";
export { definePlugin } from "./define-plugin.ts";
export { HookCaller } from "./hook-caller.ts";
export type { CallHistoricAsyncOptions, CallHistoricOptions, CallOptions, HookCallAsyncArgs } from "./hook-caller.ts";
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
  HookArgsOptional,
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
  HookWrapperResult,
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
export { NebariStage } from "./stages/nebari-stage.ts";
export type {
  DestroyReport,
  RenderFiles,
  RenderReport,
  StageCheckResult,
  StageClass,
  StageFailEvent,
  StageFinishEvent,
  StageFlow,
  StageInit,
  StageLifecycle,
  StageOutputs,
  StagePhase,
  StageProgressEvent,
  StageProgressEventBase,
  StageRunOptions,
  StageStartEvent,
  StageStatus,
} from "./stages/stage-types.ts";
export type {
  InferSchemaInput,
  InferSchemaOutput,
  StandardSchemaV1,
  StandardSchemaV1FailureResult,
  StandardSchemaV1Issue,
  StandardSchemaV1Options,
  StandardSchemaV1PathSegment,
  StandardSchemaV1Props,
  StandardSchemaV1Result,
  StandardSchemaV1SuccessResult,
  StandardSchemaV1Types,
} from "./stages/standard-schema.ts";
export { assertStageClass } from "./stages/stage-definition.ts";
export type { StageOrigin } from "./stages/describe.ts";
export { planStages } from "./stages/plan-stages.ts";
export type {
  ExcludedStage,
  PlannedStage,
  PlanStagesOptions,
  ShadowedStage,
  StageCandidate,
  StageCandidateEntry,
  StagePlan,
} from "./stages/plan-stages.ts";
export { resolveStages } from "./stages/resolve-stages.ts";
export type { ResolveStagesOptions } from "./stages/resolve-stages.ts";
export { collectStages } from "./stages/collect-stages.ts";
export type {
  CollectedExcludedStage,
  CollectedShadowedStage,
  CollectedStage,
  CollectedStagePlan,
  CollectStagesOptions,
  StageContributor,
  StageContributorSource,
} from "./stages/collect-stages.ts";
export { deployStages } from "./stages/deploy-stages.ts";
export type { DeployStagesOptions } from "./stages/deploy-stages.ts";
export { destroyStages } from "./stages/destroy-stages.ts";
export type { DestroyStagesOptions } from "./stages/destroy-stages.ts";
export { renderStages } from "./stages/render-stages.ts";
export type { RenderStagesOptions } from "./stages/render-stages.ts";
export { RENDER_MANIFEST_FILE } from "./stages/render-paths.ts";
export { validateStageConfig } from "./stages/stage-config.ts";
export type {
  StageConfigOwner,
  StageConfigResult,
  UnknownConfigKeyPolicy,
  ValidateStageConfigOptions,
} from "./stages/stage-config.ts";
export { StageWarning } from "./stages/stage-warning.ts";
export type { StageWarningCode, StageWarningDetails } from "./stages/stage-warning.ts";
export { StageAbortError } from "./errors/stage-abort-error.ts";
export type { StageAbortErrorOptions } from "./errors/stage-abort-error.ts";
export { StageCheckError } from "./errors/stage-check-error.ts";
export { StageConfigConflictError } from "./errors/stage-config-conflict-error.ts";
export { StageConfigError } from "./errors/stage-config-error.ts";
export type { StageConfigIssue } from "./errors/stage-config-error.ts";
export { StageConflictError } from "./errors/stage-conflict-error.ts";
export type { ConflictingStage } from "./errors/stage-conflict-error.ts";
export { StageContractError } from "./errors/stage-contract-error.ts";
export { StageCycleError } from "./errors/stage-cycle-error.ts";
export { StageDefinitionError } from "./errors/stage-definition-error.ts";
export { StageError } from "./errors/stage-error.ts";
export type { StageErrorOptions } from "./errors/stage-error.ts";
export { StageExcludePatternError } from "./errors/stage-exclude-pattern-error.ts";
export { StageOutputError } from "./errors/stage-output-error.ts";
export type { StageOutputIssue } from "./errors/stage-output-error.ts";
export { StageRenderConflictError } from "./errors/stage-render-conflict-error.ts";
export { StageRenderManifestError } from "./errors/stage-render-manifest-error.ts";
export { StageRenderPathError } from "./errors/stage-render-path-error.ts";
export type { RenderPathProblem } from "./errors/stage-render-path-error.ts";
export { PluginHookError } from "./errors/plugin-hook-error.ts";
export type { PluginHookErrorCode, PluginHookErrorOptions } from "./errors/plugin-hook-error.ts";
export { SubcommandError } from "./errors/subcommand-error.ts";
export type { SubcommandErrorCode, SubcommandErrorOptions } from "./errors/subcommand-error.ts";
export { SubcommandConflictError } from "./errors/subcommand-conflict-error.ts";
export type { SubcommandConflict } from "./errors/subcommand-conflict-error.ts";
export { StartupArgumentError } from "./errors/startup-argument-error.ts";
