/**
 * The core: markers, the plugin manager, hook callers, errors, discovery and the stage machinery.
 *
 * @packageDocumentation
 * @module hooksmith
 */

// The public API of `hooksmith`. Named re-exports only; each section is owned by one area.

// --- errors ---
export { HooksmithError, isHooksmithError } from "./core/errors.ts";
export type { HooksmithErrorOptions } from "./core/errors.ts";
export { HookCallError } from "./core/errors.ts";
export type { HookCallErrorOptions } from "./core/errors.ts";
export { HookMarkerError } from "./core/errors.ts";
export type { HookMarkerErrorOptions } from "./core/errors.ts";
export { HookspecError } from "./core/errors.ts";
export type { HookspecErrorOptions } from "./core/errors.ts";
export { PluginRegistrationError } from "./core/errors.ts";
export type { PluginRegistrationErrorOptions } from "./core/errors.ts";
export { PluginValidationError } from "./core/errors.ts";
export type { PluginValidationErrorOptions } from "./core/errors.ts";
export { WrapperError } from "./core/errors.ts";
export type { WrapperErrorOptions } from "./core/errors.ts";
export type {
  HookCallErrorCode,
  HookMarkerErrorCode,
  HookspecErrorCode,
  PluginRegistrationErrorCode,
  PluginValidationErrorCode,
  WrapperErrorCode,
} from "./core/errors.ts";
export { TestHarnessError } from "./testing/errors.ts";
export type { TestHarnessErrorCode } from "./testing/errors.ts";
export { TapableBridgeError } from "./tapable/errors.ts";
export type { TapableBridgeErrorCode, TapableBridgeErrorOptions } from "./tapable/errors.ts";
export { TapableTapError } from "./tapable/errors.ts";
export type { TapableTapErrorCode, TapableTapErrorOptions } from "./tapable/errors.ts";
export { AsyncHookWarning, HookArgumentsWarning, HooksmithWarning, TeardownRaisedWarning } from "./core/warnings.ts";

// --- core ---
export { readArgnames } from "./core/argnames.ts";
export type { Argnames } from "./core/argnames.ts";
export { definePlugin } from "./core/define-plugin.ts";
export { HookCaller } from "./core/hook-caller.ts";
export type { CallHistoricAsyncOptions, CallHistoricOptions, CallOptions, HookCallAsyncArgs } from "./core/hook-caller.ts";
export type { HookcallAfter, HookcallBefore } from "./core/hook-core.ts";
export { HookImpl } from "./core/hook-impl.ts";
export { observeHooks } from "./core/observe.ts";
export type {
  HookObserver,
  ObservedCallKind,
  ObservedCallMode,
  ObservedHookCall,
  ObservedImplStep,
  ObservedOutcome,
  ObservedStepPhase,
} from "./core/observe.ts";
export type { FunctionKind } from "./core/hook-impl.ts";
export { HookSpec } from "./core/hook-spec.ts";
export { HookimplMarker } from "./core/hookimpl-marker.ts";
export type { HookimplDecorator } from "./core/hookimpl-marker.ts";
export { HookspecMarker } from "./core/hookspec-marker.ts";
export type { HookspecDecorator, MarkedSpec } from "./core/hookspec-marker.ts";
export { PluginManager, createPluginManager } from "./core/plugin-manager.ts";
export type { HookRelay, PluginManagerOptions } from "./core/plugin-manager.ts";
export { Result } from "./core/result.ts";
export { TagTracer, TagTracerSub } from "./core/tracing.ts";
export type { TraceProcessor, TraceWriter } from "./core/tracing.ts";
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
} from "./core/types.ts";
export type {
  CallHistoricArgs,
  CheckDecorated,
  CheckMember,
  CheckPlugin,
  CheckPluginMembers,
  HistoricDirectCallMessage,
  HookAsyncExtraImplementation,
  HookCallThis,
  HookExtraArgs,
  HookExtraImplementation,
  HookImplFunction,
  HookimplMark,
  HookImplReturn,
  IsUntypedHook,
  IsUntypedSpecs,
  NoInference,
  NotHistoricMessage,
  PluginLike,
  RequiredKwargs,
} from "./core/types.ts";

// --- observability (profiling; portable) ---
export { profileHooks, HookProfiler } from "./observability/profile-hooks.ts";
export type { ProfileHooksOptions } from "./observability/profile-hooks.ts";
export { HookProfile } from "./observability/hook-profile.ts";
export type { HookProfileJSON, ProfileSortKey, ProfileTableOptions, ProfileTableView } from "./observability/hook-profile.ts";
export type {
  HookProfileRow,
  ImplementationProfileRow,
  PluginProfileRow,
  ProfileStats,
  StageProfileRow,
} from "./observability/statistics.ts";
export type {
  ProfiledHookCall,
  ProfiledImplStep,
  ProfiledInterval,
  ProfiledStageStep,
  StageProgressLike,
} from "./observability/recording.ts";
export type {
  ChromeTrace,
  ChromeTraceAsyncEvent,
  ChromeTraceCompleteEvent,
  ChromeTraceEvent,
  ChromeTraceEventBase,
  ChromeTraceMetadataEvent,
  ChromeTraceOptions,
} from "./observability/chrome-trace.ts";
export { renderFlameChart } from "./observability/flame-chart.ts";
export type { FlameChartOptions } from "./observability/flame-chart.ts";

// --- loading plugins (discovery runs under Node, through #platform) ---
export { PluginLoadError, isPluginLoadError, listEntrypoints } from "./core/plugin-loading.ts";
export type {
  DeclaredEntrypoint,
  ImportPluginOptions,
  ListEntrypointsOptions,
  LoadEntrypointsOptions,
  PluginHost,
  PluginLoadErrorCode,
  PluginLoadErrorOptions,
  PluginModuleOptions,
} from "./core/plugin-loading.ts";
export { getPluginRecord } from "./core/plugin-records.ts";
export type { PluginDistInfo, PluginRecord, PluginSource } from "./core/plugin-records.ts";

// --- stages ---
export { NebariStage } from "./stages/nebari-stage.ts";
export { nestContexts } from "./stages/nest-contexts.ts";
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
export { RENDER_MANIFEST_FILE, renderStages } from "./stages/render.ts";
export type { RenderStagesOptions } from "./stages/render.ts";
export { lockOutputDirectory } from "./stages/lock.ts";
export type { LockOutputDirectoryOptions, OutputDirectoryLock, StageLockHolder } from "./stages/lock.ts";
export { validateStageConfig } from "./stages/stage-config.ts";
export type {
  StageConfigOwner,
  StageConfigResult,
  UnknownConfigKeyPolicy,
  ValidateStageConfigOptions,
} from "./stages/stage-config.ts";
export { StageWarning } from "./stages/stage-warning.ts";
export type { StageWarningCode, StageWarningDetails } from "./stages/stage-warning.ts";
export { StageAbortError } from "./stages/errors.ts";
export type { StageAbortErrorOptions } from "./stages/errors.ts";
export { StageCheckError } from "./stages/errors.ts";
export { StageConfigConflictError } from "./stages/errors.ts";
export { StageConfigError } from "./stages/errors.ts";
export type { StageConfigIssue } from "./stages/errors.ts";
export { StageConflictError } from "./stages/errors.ts";
export type { ConflictingStage } from "./stages/errors.ts";
export { StageContractError } from "./stages/errors.ts";
export { StageCycleError } from "./stages/errors.ts";
export { StageDefinitionError } from "./stages/errors.ts";
export { StageError } from "./stages/errors.ts";
export type { StageErrorOptions } from "./stages/errors.ts";
export { StageExcludePatternError } from "./stages/errors.ts";
export { StageOutputError } from "./stages/errors.ts";
export type { StageOutputIssue } from "./stages/errors.ts";
export { StageRenderConflictError } from "./stages/errors.ts";
export { StageRenderManifestError } from "./stages/errors.ts";
export { StageRenderPathError } from "./stages/errors.ts";
export type { RenderPathProblem } from "./stages/errors.ts";
export { StageLockError } from "./stages/errors.ts";
export type { StageLockErrorCode, StageLockErrorOptions } from "./stages/errors.ts";
export { PluginHookError } from "./stages/errors.ts";
export type { PluginHookErrorCode, PluginHookErrorOptions } from "./stages/errors.ts";
export { SubcommandError } from "./nebari/errors.ts";
export type { SubcommandErrorCode, SubcommandErrorOptions } from "./nebari/errors.ts";
export { SubcommandConflictError } from "./nebari/errors.ts";
export type { SubcommandConflict } from "./nebari/errors.ts";
export { StartupArgumentError } from "./nebari/errors.ts";
