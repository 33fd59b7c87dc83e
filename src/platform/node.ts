// The `#platform` binding under Node (and Deno and Bun, which resolve the `node` condition): the
// features that read files or load modules. Each function loads its module on first use, so that
// importing hooksmith loads none of them.

import type { LoadingPlatform } from "../core/plugin-loading.ts";
import type { StagesPlatform } from "../stages/render.ts";
import type { TestingPlatform } from "../testing/platform.ts";

/** Backs `PluginManager.loadEntrypoints`. */
export const loadEntrypoints: LoadingPlatform["loadEntrypoints"] = async (host, group, name, options) =>
  (await import("../discovery/load-entrypoints.ts")).loadEntrypoints(host, group, name, options);

/** Backs `listEntrypoints`. */
export const listEntrypoints: LoadingPlatform["listEntrypoints"] = async (group, options) =>
  (await import("../discovery/load-entrypoints.ts")).listEntrypoints(group, options);

/** Backs `PluginManager.importPlugin`. */
export const importPlugin: LoadingPlatform["importPlugin"] = async (host, specifier, name, options) =>
  (await import("../discovery/import-plugin.ts")).importPlugin(host, specifier, name, options);

/** Backs `renderStages`. */
export const renderStages: StagesPlatform["renderStages"] = async (stages, options) =>
  (await import("../stages/node/render-stages.ts")).renderStagesOnDisk(stages, options);

/** Backs `lockOutputDirectory` and the stage flows' lock. */
export const lockOutputDirectory: StagesPlatform["lockOutputDirectory"] = async (outputDirectory, options) =>
  (await import("../stages/node/lock.ts")).lockOutputDirectoryOnDisk(outputDirectory, options);

/** Backs the stage harness's temporary directory. */
export const createTemporaryDirectory: TestingPlatform["createTemporaryDirectory"] = async (prefix) =>
  (await import("../testing/node/files.ts")).createTemporaryDirectory(prefix);

/** Backs the stage harness's reads. */
export const readOutputFile: TestingPlatform["readOutputFile"] = async (directory, path) =>
  (await import("../testing/node/files.ts")).readOutputFile(directory, path);

/** Backs the stage harness's clean-up. */
export const removeDirectory: TestingPlatform["removeDirectory"] = async (directory) =>
  (await import("../testing/node/files.ts")).removeDirectory(directory);
