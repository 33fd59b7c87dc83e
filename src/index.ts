// The public API of `hooksmith`. Named re-exports only; each section is owned by one area.

// --- errors ---
export { HooksmithError, isHooksmithError } from "./errors/hooksmith-error.ts";
export type { HooksmithErrorOptions } from "./errors/hooksmith-error.ts";

// --- core ---

// --- discovery ---

// --- stages ---
