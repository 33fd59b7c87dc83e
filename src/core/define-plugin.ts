import type { CheckPlugin } from "./types.ts";

/**
 * Checks a plugin object against a spec map at compile time and returns it unchanged. Unlike
 * `satisfies Plugin<Specs>`, the object may also hold members that are not hooks (helpers,
 * implementations registered through `specname`); it is checked as a typed manager's `register`
 * checks it ({@link CheckPlugin}): members named after a hook must implement it, and their
 * parameters are typed from the spec; a member marked with a `specname` must fit the hook it
 * names; a marked member naming no hook is an error unless it is `optionalhook`.
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
 *   version: 2, // not a hook: free
 * });
 * ```
 */
export function definePlugin<Specs>(): <PluginObject extends object>(plugin: CheckPlugin<Specs, PluginObject>) => PluginObject {
  return <PluginObject extends object>(plugin: CheckPlugin<Specs, PluginObject>): PluginObject => plugin as PluginObject;
}
