import { HookimplMarker } from "../core/hookimpl-marker.ts";
import { HookspecMarker } from "../core/hookspec-marker.ts";
import type { NebariHookspecs } from "./hookspecs.ts";

/**
 * The project name of the preset: the name of its markers, of its plugin manager, and the
 * package.json `entryPoints` group its plugins are discovered under.
 *
 * @example
 * ```ts
 * import { NEBARI_PROJECT } from "hooksmith/nebari";
 *
 * // In a plugin's package.json: "entryPoints": { "nebari": { "my-plugin": "./dist/plugin.js" } }
 * console.log(NEBARI_PROJECT); // "nebari"
 * ```
 */
export const NEBARI_PROJECT = "nebari";

/**
 * The hookspec marker of project `"nebari"`. Hosts rarely need it: the preset's specs are
 * {@link NebariHookspecs}; use it to add specs of your own to a `NebariPluginManager`.
 *
 * @example
 * ```ts
 * import { hookspec, NebariPluginManager } from "hooksmith/nebari";
 *
 * const nebari = new NebariPluginManager();
 * nebari.addHookspecs({ nebari_banner: hookspec({ argnames: [] })((): string => "") });
 * ```
 */
export const hookspec: HookspecMarker = HookspecMarker(NEBARI_PROJECT);

/**
 * The hookimpl marker of project `"nebari"`: mark a plugin's `nebari_stage` and
 * `nebari_subcommand` implementations with it, as a function wrapper or as a decorator.
 *
 * @example
 * ```ts
 * import { hookimpl, NebariStage } from "hooksmith/nebari";
 *
 * class HelloWorldStage extends NebariStage {
 *   static override stageName = "hello_world";
 *   static override priority = 100;
 * }
 *
 * export const nebari_stage = hookimpl(() => [HelloWorldStage]);
 * ```
 */
export const hookimpl: HookimplMarker = HookimplMarker(NEBARI_PROJECT);
