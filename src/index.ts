// The public API of `hooksmith`. Named re-exports only; each section is owned by one area.

// --- errors ---
export { HooksmithError, isHooksmithError } from "./errors/hooksmith-error.ts";
export type { HooksmithErrorOptions } from "./errors/hooksmith-error.ts";

// --- core ---

// --- discovery ---
export { PluginLoadError, isPluginLoadError } from "./errors/plugin-load-error.ts";
export type { PluginLoadErrorCode, PluginLoadErrorOptions } from "./errors/plugin-load-error.ts";
export type { LoadEntrypointsOptions } from "./discovery/load-entrypoints.ts";
export type { ImportPluginOptions } from "./discovery/import-plugin.ts";
export { getPluginRecord } from "./discovery/plugin-records.ts";
export type { PluginDistInfo, PluginRecord, PluginSource } from "./discovery/plugin-records.ts";

// --- stages ---
