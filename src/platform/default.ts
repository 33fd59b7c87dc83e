// The `#platform` binding outside Node (browsers, Cloudflare workerd, other workers): every
// feature that reads files or loads modules rejects with HOOKSMITH_UNSUPPORTED_RUNTIME, naming
// itself. It exports the same names as ./node.ts (a type test keeps the two alike).

import type { LoadingPlatform } from "../core/plugin-loading.ts";
import type { StagesPlatform } from "../stages/render.ts";
import type { TestingPlatform } from "../testing/platform.ts";
import { unsupportedRuntime } from "../core/runtime.ts";

/** `PluginManager.loadEntrypoints` needs Node. */
export const loadEntrypoints: LoadingPlatform["loadEntrypoints"] = () =>
  Promise.reject(unsupportedRuntime("PluginManager.loadEntrypoints"));

/** `listEntrypoints` reads installed packages: it needs Node. */
export const listEntrypoints: LoadingPlatform["listEntrypoints"] = () => Promise.reject(unsupportedRuntime("listEntrypoints"));

/** `PluginManager.importPlugin` needs Node. */
export const importPlugin: LoadingPlatform["importPlugin"] = () =>
  Promise.reject(unsupportedRuntime("PluginManager.importPlugin"));

/** `renderStages` writes files: it needs Node. */
export const renderStages: StagesPlatform["renderStages"] = () => Promise.reject(unsupportedRuntime("renderStages"));

/** Locking an output directory creates a file in it: it needs Node. */
export const lockOutputDirectory: StagesPlatform["lockOutputDirectory"] = () =>
  Promise.reject(unsupportedRuntime("lockOutputDirectory (the lock of renderStages, deployStages and destroyStages)"));

/** The stage harness works on files: it needs Node. */
export const createTemporaryDirectory: TestingPlatform["createTemporaryDirectory"] = () =>
  Promise.reject(unsupportedRuntime("The stage harness (createStageHarness)"));

/** The stage harness works on files: it needs Node. */
export const readOutputFile: TestingPlatform["readOutputFile"] = () =>
  Promise.reject(unsupportedRuntime("The stage harness (readFile)"));

/** The stage harness works on files: it needs Node. */
export const removeDirectory: TestingPlatform["removeDirectory"] = () =>
  Promise.reject(unsupportedRuntime("The stage harness (dispose)"));
