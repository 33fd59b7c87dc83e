/**
 * The preset for project "nebari": markers, hook specs, stages and the host-side plugin manager.
 *
 * @packageDocumentation
 * @module hooksmith/nebari
 */

// The public API of `hooksmith/nebari`: the preset for project "nebari". Named re-exports only.

export { hookimpl, hookspec, NEBARI_PROJECT } from "./markers.ts";
export { NebariHookspecs } from "./hookspecs.ts";
export type { NebariStageHookResult } from "./hookspecs.ts";
export { NebariStage } from "../stages/nebari-stage.ts";
export { nestContexts } from "../stages/nest-contexts.ts";
export { NebariPluginManager, createNebariPluginManager } from "./plugin-manager.ts";
export type {
  NebariDefaultPlugins,
  NebariHookInfo,
  NebariLoadPluginsOptions,
  NebariLoadReport,
  NebariPluginInfo,
  NebariPluginManagerOptions,
  NebariSnapshotOptions,
} from "./plugin-manager.ts";
export { NebariStageSnapshot } from "./stage-snapshot.ts";
export type { NebariConfigOptions, NebariStageSnapshotOptions } from "./stage-snapshot.ts";
export { SubcommandRegistry, collectSubcommands } from "./subcommands.ts";
export type {
  CollectSubcommandsOptions,
  OverriddenSubcommand,
  SubcommandCli,
  SubcommandDefinition,
  SubcommandExposure,
  SubcommandGroup,
  SubcommandGroupOptions,
  SubcommandOptionDefinition,
  SubcommandOptionOptions,
  SubcommandOptions,
  SubcommandRegistryOptions,
  SubcommandTarget,
} from "./subcommands.ts";
export { scanStartupArgs } from "./startup-args.ts";
export type { ScanStartupArgsOptions, StartupArgs } from "./startup-args.ts";
export { SubcommandError } from "./errors.ts";
export type { SubcommandErrorCode, SubcommandErrorOptions } from "./errors.ts";
export { SubcommandConflictError } from "./errors.ts";
export type { SubcommandConflict } from "./errors.ts";
export { StartupArgumentError } from "./errors.ts";
export { PluginHookError } from "../stages/errors.ts";

// The stage vocabulary a stage plugin needs, so that it can import everything from here.
export type {
  DestroyReport,
  RenderFiles,
  RenderReport,
  StageCheckResult,
  StageClass,
  StageInit,
  StageLifecycle,
  StageOutputs,
  StageRunOptions,
  StageStatus,
} from "../stages/stage-types.ts";
export type { CollectedStage, CollectedStagePlan, StageContributor, StageContributorSource } from "../stages/collect-stages.ts";
