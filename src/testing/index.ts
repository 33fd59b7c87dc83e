/**
 * Helpers for testing plugins in isolation, for any test runner.
 *
 * @packageDocumentation
 * @module hooksmith/testing
 */

// The public API of `hooksmith/testing`: helpers for testing plugins in isolation, for any test
// runner. Named re-exports only.

export { TestHarnessError } from "./errors.ts";
export type { TestHarnessErrorCode } from "./errors.ts";
export type { NamedPlugins, TestPlugins } from "./plugin-list.ts";
export { TestPluginManager, createTestPluginManager } from "./test-plugin-manager.ts";
export type { TestPluginManagerOptions } from "./test-plugin-manager.ts";
export { TestNebariPluginManager, createTestNebariPluginManager } from "./test-nebari-plugin-manager.ts";
export type { TestNebariPluginManagerOptions } from "./test-nebari-plugin-manager.ts";
export { HookCallRecorder, recordHookCalls } from "./record-hook-calls.ts";
export type {
  AnyRecordedHookCall,
  HookCallStatus,
  RecordedHookCall,
  RecordedHookCallOf,
  RecordedImplementation,
  RecordHookCallsOptions,
} from "./record-hook-calls.ts";
export { validatePlugin } from "./validate-plugin.ts";
export type { PluginProblem, ValidatePluginOptions } from "./validate-plugin.ts";
export { StageHarness, createStageHarness } from "./stage-harness.ts";
export type {
  DeployedStages,
  RenderedStageFiles,
  StageCheckOptions,
  StageDeployOptions,
  StageDestroyOptions,
  StageHarnessOptions,
} from "./stage-harness.ts";
export { runCli } from "./run-cli.ts";
export type {
  CliHost,
  CliIo,
  CliOutput,
  CliProgram,
  CliProgramFactory,
  CliProgramOptions,
  CliResult,
  CliRunFunction,
  RunCliOptions,
} from "./run-cli.ts";
export { createNebariCliHost } from "./nebari-cli-host.ts";
export type { NebariCliHostOptions } from "./nebari-cli-host.ts";
