import type { Plugin } from "./types.ts";

/**
 * Checks a plugin object against a spec map at compile time and returns it unchanged. Unlike
 * `satisfies Plugin<Specs>`, the object may also hold members that are not hooks (helpers,
 * implementations registered through `specname`); members named after a hook must implement it,
 * and their parameters are typed from the spec.
 *
 * Curried so that `Specs` is given explicitly while the plugin's own type is inferred.
 *
 * @typeParam Specs - The host's spec map.
 * @returns A function that takes the plugin object and returns it.
 * @example
 * ```ts
 * import { HookimplMarker, definePlugin } from "hooksmith";
 *
 * interface Specs {
 *   greet(args: { name: string }): string;
 * }
 * const hookimpl = HookimplMarker("example");
 *
 * export const plugin = definePlugin<Specs>()({
 *   greet: hookimpl(({ name }) => `hello ${name}`), // `name` is typed as string
 *   shout: hookimpl({ specname: "greet" })(({ name }: { name: string }) => name.toUpperCase()),
 * });
 * ```
 */
export function definePlugin<Specs>(): <PluginObject extends Plugin<Specs> & { readonly [member: string]: unknown }>(
  plugin: PluginObject,
) => PluginObject {
  return (plugin) => plugin;
}
